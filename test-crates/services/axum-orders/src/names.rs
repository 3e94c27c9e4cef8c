//! Statuses reached through names: constants and statics in this crate and in a library of the
//! workspace, associated constants, glob imports, `let` bindings, and codes known only at run time.

use api_errors::codes::{self, BANDWIDTH_LIMIT};
use axum::http::{Response, StatusCode};
use axum::response::IntoResponse;

use crate::names::limits::*;

/// Codes of the orders service, defined away from where they are answered with.
pub mod limits {
    use axum::http::StatusCode;

    pub const QUOTA_CODE: u16 = 529;
    pub static FROZEN: StatusCode = StatusCode::LOCKED;
    pub const RETRY_LATER: StatusCode = match StatusCode::from_u16(425) {
        Ok(status) => status,
        Err(_) => panic!("425 is a valid status"),
    };
}

pub struct Archive;

impl Archive {
    const MOVED: StatusCode = StatusCode::MOVED_PERMANENTLY;
    const CODE: u16 = 226;

    pub fn moved(&self) -> impl IntoResponse {
        (Self::MOVED, "the archive moved") //~ unapproved-status 301
    }

    pub fn used(&self) -> Option<StatusCode> {
        StatusCode::from_u16(Archive::CODE).ok() //~ unapproved-status 226
    }
}

pub fn quota() -> impl IntoResponse {
    (StatusCode::from_u16(QUOTA_CODE).unwrap_or(StatusCode::TOO_MANY_REQUESTS), "quota used up") //~ unapproved-status 529
}

pub fn frozen() -> impl IntoResponse {
    (FROZEN, "the order is frozen") //~ unapproved-status 423
}

pub fn replayed() -> impl IntoResponse {
    (limits::RETRY_LATER, "replayed request") //~ unapproved-status 425
}

pub fn partner_limits() -> Response<String> {
    Response::builder()
        .status(BANDWIDTH_LIMIT) //~ unapproved-status 509
        .body("bandwidth used up".to_string())
        .unwrap_or_default()
}

pub fn review() -> impl IntoResponse {
    (codes::UNDER_REVIEW, "under review") //~ unapproved-status 451
}

pub fn legal() -> impl IntoResponse {
    (api_errors::codes::LEGAL_REVIEW, "under legal review") //~ unapproved-status 451
}

/// Reads only: a name compared, matched or asserted is not an answer.
pub fn overloaded(response: &Response<()>) -> bool {
    let status = response.status();
    if status == codes::UPSTREAM_OVERLOADED || status == FROZEN {
        return true;
    }
    matches!(status, limits::RETRY_LATER) || status.as_u16() == QUOTA_CODE
}

pub fn numbered(kind: &str) -> Response<String> {
    let code = 299;
    let busy: u16 = 530;
    let status = match kind {
        "odd" => StatusCode::from_u16(code).ok(), //~ unapproved-status 299
        _ => StatusCode::from_u16(busy).ok(), //~ unapproved-status 530
    };
    Response::builder()
        .status(status.unwrap_or(StatusCode::OK))
        .body(kind.to_string())
        .unwrap_or_default()
}

/// A `let` shadowed by a value known only at run time is not its literal any more.
pub fn shadowed(requested: u16) -> Option<StatusCode> {
    let code = 418;
    let code = code.max(requested);
    StatusCode::from_u16(code).ok() //~ dynamic-status
}

/// Codes that come from outside: the audit cannot tell them, and says so.
pub fn relayed(requested: u16, upstream: &Response<()>) -> Response<String> {
    let echoed = StatusCode::from_u16(requested).ok(); //~ dynamic-status
    let mut response = Response::builder()
        .status(upstream.status()) //~ dynamic-status
        .body(String::new())
        .unwrap_or_default();
    *response.status_mut() = upstream.status(); //~ dynamic-status
    if let Some(status) = echoed {
        *response.status_mut() = status;
    }
    // status-audit: allow(dynamic) the probe endpoint echoes the code it is asked for by design
    let _probe = StatusCode::from_u16(requested.saturating_add(1));
    response
}

/// A JSON body whose status is fixed by its type, as in `JsonStatus<201, T>`.
pub struct JsonStatus<const STATUS: u16, T>(pub T);

impl<const STATUS: u16, T: serde::Serialize> IntoResponse for JsonStatus<STATUS, T> {
    fn into_response(self) -> axum::response::Response {
        let status = StatusCode::from_u16(STATUS).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR); //~ dynamic-status
        (status, axum::Json(self.0)).into_response()
    }
}

/// Known gap: the code is a const generic argument in a type, which is not followed to the
/// `from_u16` that turns it into a status.
pub async fn queued() -> JsonStatus<208, &'static str> { //~ FIXME unapproved-status 208
    JsonStatus("queued")
}
