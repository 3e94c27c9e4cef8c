//! Statuses relayed from values the code does not fix: a status bound by a pattern, and one
//! read from configuration. Each is a `dynamic-status`, never nothing.

use warp::http::{Response, StatusCode};

/// What a supplier's API answered.
pub enum SupplierError {
    NotOk(StatusCode, String),
    Unreachable,
}

/// How the service answers duplicates, from its configuration.
pub struct Settings {
    pub duplicate_status: StatusCode,
}

pub fn relay(error: SupplierError) -> Response<String> {
    match error {
        SupplierError::NotOk(status_code, body) => Response::builder()
            .status(status_code) //~ dynamic-status
            .body(body)
            .unwrap_or_default(),
        SupplierError::Unreachable => Response::builder()
            .status(StatusCode::BAD_GATEWAY)
            .body("the supplier did not answer".to_string())
            .unwrap_or_default(),
    }
}

pub fn last_known(answered: Option<StatusCode>) -> Response<String> {
    let mut response = Response::new("from the cache".to_string());
    if let Some(code) = answered {
        *response.status_mut() = StatusCode::OK;
        return Response::builder().status(code).body(String::new()).unwrap_or_default(); //~ dynamic-status
    }
    response
}

impl Settings {
    pub fn duplicate(&self) -> impl warp::Reply {
        warp::reply::with_status("already in stock", self.duplicate_status) //~ dynamic-status
    }

    /// A parameter holds a status its callers make, and the audit finds it there.
    pub fn answer(&self, status: StatusCode) -> impl warp::Reply {
        warp::reply::with_status("answered", status)
    }
}

/// A rejection that carries the status it is answered with.
pub struct Rejection {
    pub status: StatusCode,
    pub message: String,
}

pub fn reserved() -> Rejection {
    Rejection { status: StatusCode::LOCKED, message: "reserved by another order".to_string() } //~ unapproved-status 423
}

/// The status was given, and is reported, where the rejection is made; reading it back is not a
/// second finding.
pub fn answer(rejection: Rejection) -> Response<String> {
    Response::builder().status(rejection.status).body(rejection.message).unwrap_or_default()
}

/// The status of a hold is given, and reported, in `holds.rs`.
pub fn release(hold: crate::holds::Hold) -> Response<String> {
    Response::builder().status(hold.lapsed).body(hold.sku).unwrap_or_default()
}
