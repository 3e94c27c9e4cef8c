//! Error kinds shared by the services, and the HTTP status each one maps to.

use http::StatusCode;

pub mod codes;

/// Re-exported so that services name one `StatusCode` type.
pub use http::StatusCode as Code;

/// What went wrong, independent of the transport.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    Validation,
    NotFound,
    Conflict,
    RateLimited,
    Maintenance,
    LegalHold,
    MissingPrecondition,
}

/// The status every service answers an error kind with.
pub fn status_for(kind: ErrorKind) -> StatusCode {
    match kind {
        ErrorKind::Validation => StatusCode::UNPROCESSABLE_ENTITY,
        ErrorKind::NotFound => StatusCode::NOT_FOUND,
        ErrorKind::Conflict => StatusCode::CONFLICT,
        ErrorKind::RateLimited => StatusCode::TOO_MANY_REQUESTS,
        ErrorKind::Maintenance => StatusCode::SERVICE_UNAVAILABLE,
        ErrorKind::LegalHold => StatusCode::UNAVAILABLE_FOR_LEGAL_REASONS, //~ unapproved-status 451
        ErrorKind::MissingPrecondition => http::StatusCode::PRECONDITION_REQUIRED, //~ unapproved-status 428
    }
}

/// Whether a client may retry a request that got `status`: only reads the status.
pub fn is_retryable(status: StatusCode) -> bool {
    matches!(status, StatusCode::TOO_MANY_REQUESTS | StatusCode::SERVICE_UNAVAILABLE)
        || status == StatusCode::REQUEST_TIMEOUT
        || status.is_server_error() && status != StatusCode::NOT_IMPLEMENTED
}

/// The kind of error an upstream answer stands for: only reads the status.
pub fn kind_of(status: StatusCode) -> Option<ErrorKind> {
    match status {
        StatusCode::NOT_FOUND | StatusCode::GONE => Some(ErrorKind::NotFound),
        StatusCode::CONFLICT | StatusCode::LOCKED => Some(ErrorKind::Conflict),
        StatusCode::UNAVAILABLE_FOR_LEGAL_REASONS => Some(ErrorKind::LegalHold),
        _ if [StatusCode::PRECONDITION_FAILED, StatusCode::PRECONDITION_REQUIRED].contains(&status) => {
            Some(ErrorKind::MissingPrecondition)
        }
        _ => None,
    }
}

/// A numeric code from a legacy backend's payload.
pub fn teapot() -> StatusCode {
    StatusCode::from_u16(418).expect("418 is a valid status") //~ unapproved-status 418
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legal_holds_round_trip() {
        let status = StatusCode::UNAVAILABLE_FOR_LEGAL_REASONS;
        assert_eq!(kind_of(status), Some(ErrorKind::LegalHold));
        assert_eq!(status_for(ErrorKind::LegalHold), status);
        assert!(!is_retryable(StatusCode::IM_A_TEAPOT));
    }
}
