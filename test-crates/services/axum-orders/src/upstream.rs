//! Reads the answers of the payment provider. Every status here is only inspected, never sent.

use axum::http::{Response, StatusCode};

#[derive(Debug, PartialEq, Eq)]
pub enum Payment {
    Accepted,
    Declined,
    RetryLater,
    Unknown,
}

pub fn classify(response: &Response<()>) -> Payment {
    let status = response.status();
    if status == StatusCode::IM_A_TEAPOT || StatusCode::MISDIRECTED_REQUEST == status {
        return Payment::Unknown;
    }
    if let StatusCode::PAYMENT_REQUIRED = status {
        return Payment::Declined;
    }
    if matches!(status, StatusCode::LOCKED | StatusCode::FAILED_DEPENDENCY) {
        return Payment::RetryLater;
    }
    match status {
        StatusCode::OK | StatusCode::CREATED => Payment::Accepted,
        StatusCode::TOO_MANY_REQUESTS | StatusCode::SERVICE_UNAVAILABLE => Payment::RetryLater,
        other if other.as_u16() == 509 => Payment::RetryLater,
        _ => Payment::Unknown,
    }
}

pub fn is_transient(status: StatusCode) -> bool {
    let Some(reason) = status.canonical_reason() else { return false };
    [StatusCode::BAD_GATEWAY, StatusCode::GATEWAY_TIMEOUT, StatusCode::INSUFFICIENT_STORAGE].contains(&status)
        || reason.contains("Timeout")
        || StatusCode::LOOP_DETECTED.eq(&status)
}

/// Retry lists written out only to be searched: every status here is read.
pub fn should_retry(status: StatusCode) -> bool {
    [StatusCode::LOCKED, StatusCode::TOO_EARLY].iter().any(|candidate| *candidate == status)
        || std::collections::HashSet::from([StatusCode::MISDIRECTED_REQUEST]).contains(&status)
        || [StatusCode::IM_A_TEAPOT].into_iter().all(|teapot| teapot != status)
}
