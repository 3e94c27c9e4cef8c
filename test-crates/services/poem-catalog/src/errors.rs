//! The catalog's errors and the statuses poem answers them with.

use std::fmt;

use poem::error::ResponseError;
use poem::http::StatusCode;

/// Nothing under that name.
#[derive(Debug)]
pub struct Missing;

impl fmt::Display for Missing {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("no such product")
    }
}

impl std::error::Error for Missing {}

#[derive(Debug)]
#[allow(dead_code, reason = "recalls come from the supplier feed, not yet wired")]
pub enum CatalogError {
    Embargoed,
    Recalled,
}

impl fmt::Display for CatalogError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("the product cannot be sold")
    }
}

impl std::error::Error for CatalogError {}

impl ResponseError for CatalogError {
    fn status(&self) -> StatusCode {
        match self {
            CatalogError::Embargoed => StatusCode::UNAVAILABLE_FOR_LEGAL_REASONS, //~ unapproved-status 451
            CatalogError::Recalled => StatusCode::GONE,
        }
    }
}
