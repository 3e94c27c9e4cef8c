//! Statuses written through names this file gives them, in functions whose text names no status
//! type: the default audit must parse these functions as `--parse-all` does.

use axum::http::StatusCode as Sc;
use axum::response::{IntoResponse, Redirect as Moved};

pub mod below;

pub async fn misdirected() -> Sc {
    Sc::MISDIRECTED_REQUEST //~ unapproved-status 421
}

pub async fn relocated() -> impl IntoResponse {
    Moved::permanent("/orders/archive") //~ unapproved-status 308
}

pub async fn blocked() -> impl IntoResponse {
    let code = 451;
    (Sc::from_u16(code).unwrap_or_default(), "blocked where the order ships") //~ unapproved-status 451
}

pub async fn too_early() -> impl IntoResponse {
    (self::Sc::TOO_EARLY, "the order is not open yet") //~ unapproved-status 425
}

/// Answers named by the module that re-exports them, used in another module.
pub mod answers {
    pub use axum::response::Redirect as Away;
}

pub async fn moved_away() -> impl IntoResponse {
    answers::Away::temporary("/orders/elsewhere") //~ unapproved-status 307
}
