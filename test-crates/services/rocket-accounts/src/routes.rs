//! Handlers that answer with Rocket's `Status` constants, its responders and its redirects.

use rocket::http::Status;
use rocket::response::status::{self, Custom};
use rocket::response::Redirect;

use crate::responders::{Frozen, Teapot};

#[get("/accounts/<id>")]
pub fn account(id: u32) -> Result<String, Status> {
    match id {
        0 => Err(Status::NotFound),
        1 => Err(Status::Locked), //~ unapproved-status 423
        2 => Err(Status::new(509)), //~ unapproved-status 509
        _ => Ok(format!("account {id}")),
    }
}

#[post("/accounts")]
pub fn open() -> status::Created<String> {
    status::Created::new("/accounts/7").body("opened".to_string())
}

#[delete("/accounts/<id>")]
pub fn close(id: u32) -> Result<status::NoContent, Custom<String>> {
    if id == 0 {
        return Err(Custom(Status::ImATeapot, "the root account is a teapot".to_string())); //~ unapproved-status 418
    }
    if id == 1 {
        return Err(status::Custom(Status::PaymentRequired, "settle the balance first".to_string()));
    }
    Ok(status::NoContent)
}

#[get("/accounts/<id>/frozen")]
pub fn frozen(id: u32) -> Result<Frozen, Teapot> {
    if id == 0 {
        return Err(Teapot("no".to_string()));
    }
    if id == 1 {
        return Ok(Frozen::Conflict("a transfer is running".to_string()));
    }
    Ok(Frozen::Held(format!("account {id} is held")))
}

#[get("/v1/accounts")]
pub fn legacy() -> Redirect {
    Redirect::permanent("/accounts") //~ unapproved-status 308
}

#[get("/accounts/moved/<id>")]
pub fn moved(id: u32) -> Result<Redirect, status::NotFound<String>> {
    match id {
        0 => Err(status::NotFound("no such account".to_string())),
        1 => Ok(Redirect::to("/accounts/1")),
        2 => Ok(Redirect::found("/accounts/2")), //~ unapproved-status 302
        _ => Ok(Redirect::moved(format!("/accounts/{id}"))), //~ unapproved-status 301
    }
}

#[get("/accounts/<id>/audit")]
pub fn audit_log(id: u32) -> (Status, String) {
    let status = Status::from_code(451).unwrap_or(Status::InternalServerError); //~ unapproved-status 451
    (status, format!("the audit log of {id} is sealed"))
}

/// Passes on what the ledger answered: only the ledger knows the status.
#[get("/accounts/<id>/export")]
pub fn export(id: u32) -> Status {
    let ledger = ledger_answer(id);
    Status::new(ledger) //~ dynamic-status
}

fn ledger_answer(id: u32) -> u16 {
    if id % 2 == 0 {
        200
    } else {
        404
    }
}

/// Reads a status: none of these is an answer.
pub fn is_retryable(status: Status) -> bool {
    let code: u16 = Status::ImATeapot.code;
    status == Status::ServiceUnavailable
        || matches!(status, Status::TooManyRequests | Status::Locked)
        || status.code == code
        || status.class().is_server_error()
}

/// A sign-up form: Rocket's `Form` answers 413 past 32 KiB (its 400 and 422 are approved), in a
/// handler that is not `async`.
#[derive(Debug, FromForm)]
pub struct Signup {
    pub email: String,
}

#[post("/signup", data = "<signup>")]
pub fn signup(signup: rocket::form::Form<Signup>) -> Status { //~ implied-status 413
    if signup.email.is_empty() {
        Status::BadRequest
    } else {
        Status::Created
    }
}
