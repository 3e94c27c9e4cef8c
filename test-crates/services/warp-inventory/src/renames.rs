//! Redirects written through names given to warp's helpers, in functions whose text names no
//! status type.

use warp::http::Uri;
use warp::redirect::found as go;

pub fn restocked() -> impl warp::Reply {
    go(Uri::from_static("/inventory/restocked")) //~ unapproved-status 302
}

/// The inventory's own names for warp's redirects.
pub mod moves {
    pub use warp::redirect::permanent as moved_for_good;
}

pub fn retired() -> impl warp::Reply {
    moves::moved_for_good(Uri::from_static("/inventory/archive")) //~ unapproved-status 308
}
