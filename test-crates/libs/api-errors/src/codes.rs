//! Codes that the services share, by name. A name stands for its status wherever a service uses
//! it to answer, and is reported there; defining it is not answering with it.

use http::StatusCode;

/// What a partner's gateway answers when its bandwidth is used up.
pub const BANDWIDTH_LIMIT: u16 = 509;

/// The status of a request that is refused until a review is done.
pub const UNDER_REVIEW: StatusCode = StatusCode::UNAVAILABLE_FOR_LEGAL_REASONS;

/// Only compared against what upstream services answer, never sent: no finding anywhere.
pub const UPSTREAM_OVERLOADED: StatusCode = StatusCode::INSUFFICIENT_STORAGE;

/// Re-exported under a second name, as crates do when they rename an item.
pub use self::UNDER_REVIEW as LEGAL_REVIEW;
