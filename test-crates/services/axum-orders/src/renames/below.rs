//! A module below `renames`, which sees its private imports through a glob.

use super::*;

pub async fn expired() -> impl IntoResponse {
    (Sc::GONE, "the offer expired")
}

pub async fn stale() -> impl IntoResponse {
    (Sc::PRECONDITION_REQUIRED, "send If-Match") //~ unapproved-status 428
}
