//! A request guard that fails with a status.

use rocket::http::Status;
use rocket::request::{FromRequest, Outcome, Request};

pub struct Caller(pub String);

#[rocket::async_trait]
impl<'r> FromRequest<'r> for Caller {
    type Error = &'static str;

    async fn from_request(request: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        match request.headers().get_one("x-caller") {
            Some(caller) if caller.is_empty() => Outcome::Error((Status::UnprocessableEntity, "empty caller")),
            Some(caller) if caller == "banned" => Outcome::Error((Status::Locked, "banned")), //~ unapproved-status 423
            Some(caller) => Outcome::Success(Caller(caller.to_string())),
            None => Outcome::Forward(Status::Unauthorized),
        }
    }
}

#[get("/me")]
pub fn me(caller: Caller) -> String {
    caller.0
}
