//! A hold on stock, made here and answered in another file: its status is reported where it is
//! given, and the file that reads it back to answer with it adds nothing.

use warp::http::StatusCode;

/// A hold that has run out, with the status it is answered with.
pub struct Hold {
    pub lapsed: StatusCode,
    pub sku: String,
}

pub fn expired(sku: String) -> Hold {
    Hold { lapsed: StatusCode::REQUEST_TIMEOUT, sku } //~ unapproved-status 408
}
