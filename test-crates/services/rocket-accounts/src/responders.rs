//! Responder derives whose attribute sets the status.

use rocket::Responder;

/// Answered when an account cannot be read.
#[derive(Responder)]
#[response(status = 418, content_type = "plain")] //~ unapproved-status 418
pub struct Teapot(pub String);

#[derive(Responder)]
pub enum Frozen {
    #[response(status = 423)] //~ unapproved-status 423
    Held(String),
    #[response(status = 409)]
    Conflict(String),
}
