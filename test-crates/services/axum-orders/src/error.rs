//! The orders service's error type and the response each error becomes.

use api_errors::{status_for, ErrorKind};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

#[derive(Debug)]
pub enum ApiError {
    NotFound(u64),
    Domain(ErrorKind),
    PaymentMissing,
    Locked { retry_after_seconds: u64 },
    TooEarly,
    Storage(String),
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, message) = match self {
            ApiError::NotFound(id) => (StatusCode::NOT_FOUND, format!("no order {id}")),
            ApiError::Domain(kind) => (status_for(kind), format!("{kind:?}")),
            // 402 is approved for the whole workspace in its Cargo.toml.
            ApiError::PaymentMissing => (StatusCode::PAYMENT_REQUIRED, "pay first".to_string()),
            ApiError::Locked { retry_after_seconds } => {
                return (
                    StatusCode::LOCKED, //~ unapproved-status 423
                    [(header::RETRY_AFTER, retry_after_seconds.to_string())],
                    "order is being edited",
                )
                    .into_response();
            }
            ApiError::TooEarly => (StatusCode::TOO_EARLY, "replayed request".to_string()), //~ unapproved-status 425
            ApiError::Storage(reason) => (
                StatusCode::INSUFFICIENT_STORAGE, //~ unapproved-status 507
                reason,
            ),
        };
        (status, Json(json!({ "error": message }))).into_response()
    }
}
