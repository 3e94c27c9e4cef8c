//! Statuses written as data: a code in a response body, a per-item status of a bulk answer, a
//! reason in a log line. The response's own status is the one it is sent with.

use axum::http::{Response, StatusCode};
use axum::response::IntoResponse;
use axum::Json;
use serde::Serialize;

/// One result of a bulk request, with the status that item would have had on its own.
#[derive(Serialize)]
pub struct ItemResult {
    pub id: u64,
    pub status: u16,
    pub reason: String,
}

pub async fn bulk_update() -> impl IntoResponse {
    let results = vec![
        ItemResult { id: 1, status: StatusCode::REQUEST_TIMEOUT.as_u16(), reason: StatusCode::LOCKED.to_string() },
        ItemResult { id: 2, status: StatusCode::OK.as_u16(), reason: "updated".to_string() },
    ];
    (StatusCode::MULTI_STATUS, Json(results))
}

pub async fn teapot_in_body() -> impl IntoResponse {
    (StatusCode::OK, Json(serde_json::json!({ "code": StatusCode::IM_A_TEAPOT.as_u16() })))
}

pub fn from_a_number() -> Response<String> {
    Response::builder()
        .status(StatusCode::MISDIRECTED_REQUEST.as_u16()) //~ unapproved-status 421
        .body("the number is the status".to_string())
        .unwrap_or_default()
}
