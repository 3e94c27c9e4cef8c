//! Catchers: each answers with its code.

use rocket::http::Status;
use rocket::Request;

#[catch(404)]
pub fn not_found(request: &Request<'_>) -> String {
    format!("nothing at {}", request.uri())
}

#[catch(451)] //~ unapproved-status 451
pub fn legal() -> &'static str {
    "withheld"
}

#[catch(default)]
pub fn fallback(status: Status, _request: &Request<'_>) -> String {
    match status {
        Status::ImATeapot => "a teapot".to_string(),
        other if crate::routes::is_retryable(other) => "try again".to_string(),
        other => format!("{} answered", other.code),
    }
}
