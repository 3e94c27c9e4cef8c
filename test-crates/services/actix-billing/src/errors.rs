//! The billing error type; actix-web turns it into a response through `ResponseError`.

use std::fmt;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};

#[derive(Debug)]
pub enum BillingError {
    NotFound,
    /// 423 is approved for this package in its Cargo.toml.
    InvoiceLocked,
    QuotaExhausted,
    LegacyClient,
}

impl fmt::Display for BillingError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "{self:?}")
    }
}

impl ResponseError for BillingError {
    fn status_code(&self) -> StatusCode {
        match self {
            BillingError::NotFound => StatusCode::NOT_FOUND,
            BillingError::InvoiceLocked => StatusCode::LOCKED,
            BillingError::QuotaExhausted => StatusCode::INSUFFICIENT_STORAGE, //~ unapproved-status 507
            BillingError::LegacyClient => StatusCode::UPGRADE_REQUIRED, //~ unapproved-status 426
        }
    }

    fn error_response(&self) -> HttpResponse {
        HttpResponse::build(self.status_code()).json(serde_json::json!({ "error": self.to_string() }))
    }
}
