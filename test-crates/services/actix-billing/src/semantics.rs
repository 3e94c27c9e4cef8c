//! Responses that the HTTP semantics rules read: the headers a status calls for, bodies on
//! responses that have none, and statuses that are not statuses.

use std::fmt;

use actix_web::http::header::{self, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::{web, HttpResponse, Responder, ResponseError};

pub async fn rate_limited(attempts: u32) -> HttpResponse {
    match attempts {
        0 => HttpResponse::TooManyRequests().finish(), //~ missing-retry-after 429
        1 => HttpResponse::TooManyRequests().json(attempts), //~ missing-retry-after 429
        2 => HttpResponse::build(StatusCode::TOO_MANY_REQUESTS).body("slow down"), //~ missing-retry-after 429
        3 => HttpResponse::new(StatusCode::TOO_MANY_REQUESTS), //~ missing-retry-after 429
        4 => HttpResponse::TooManyRequests().insert_header((header::RETRY_AFTER, "30")).finish(),
        5 => HttpResponse::TooManyRequests().append_header(("Retry-After", "30")).body("slow down"),
        6 => HttpResponse::build(StatusCode::TOO_MANY_REQUESTS)
            .insert_header((header::RETRY_AFTER, HeaderValue::from_static("30")))
            .json(attempts),
        _ => {
            // The header is added after the response is built: quiet.
            let mut response = HttpResponse::TooManyRequests().finish();
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("30"));
            response
        }
    }
}

pub async fn responder_tuple() -> impl Responder {
    ("slow down", StatusCode::TOO_MANY_REQUESTS) //~ missing-retry-after 429
}

pub async fn customized(attempts: u32) -> impl Responder {
    if attempts > 3 {
        return "slow down".customize().with_status(StatusCode::TOO_MANY_REQUESTS); //~ missing-retry-after 429
    }
    "slow down".customize().with_status(StatusCode::TOO_MANY_REQUESTS).append_header((header::RETRY_AFTER, "30"))
}

pub async fn customized_tuple() -> impl Responder {
    ("slow down", StatusCode::OK)
        .customize()
        .with_status(StatusCode::TOO_MANY_REQUESTS)
        .insert_header((header::RETRY_AFTER, "30"))
}

#[derive(Debug)]
pub struct RateLimited;

impl fmt::Display for RateLimited {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("rate limited")
    }
}

impl ResponseError for RateLimited {
    /// A status on its own is not a whole response.
    fn status_code(&self) -> StatusCode {
        StatusCode::TOO_MANY_REQUESTS
    }

    fn error_response(&self) -> HttpResponse {
        HttpResponse::TooManyRequests().body(self.to_string()) //~ missing-retry-after 429
    }
}

pub async fn methods(method: web::Path<String>) -> HttpResponse {
    match method.as_str() {
        "get" => HttpResponse::MethodNotAllowed().finish(), //~ missing-allow-header 405
        _ => HttpResponse::MethodNotAllowed().insert_header(header::Allow(vec![Method::POST])).finish(),
    }
}

pub async fn login(token: Option<web::Query<String>>) -> HttpResponse {
    match token {
        None => HttpResponse::Unauthorized().body("log in first"), //~ missing-www-authenticate 401
        Some(_) => HttpResponse::Unauthorized().insert_header((header::WWW_AUTHENTICATE, "Bearer")).finish(),
    }
}

pub async fn create(kind: web::Path<u8>) -> HttpResponse {
    match kind.into_inner() {
        0 => HttpResponse::Created().json(0), //~ missing-location 201
        1 => HttpResponse::Found().finish(), //~ unapproved-status 302 //~ missing-location 302
        2 => HttpResponse::Created().insert_header((header::LOCATION, "/invoices/2")).json(2),
        _ => HttpResponse::SeeOther().insert_header((header::LOCATION, "/invoices")).finish(),
    }
}

pub async fn moved() -> impl Responder {
    web::Redirect::to("/invoices").using_status_code(StatusCode::FOUND) //~ unapproved-status 302
}

pub async fn nothing(kind: web::Path<u8>, body: String) -> HttpResponse {
    match kind.into_inner() {
        0 => HttpResponse::NoContent().json(0), //~ body-on-no-content 204
        1 => HttpResponse::NotModified().body("still fresh"), //~ body-on-no-content 304
        2 => HttpResponse::build(StatusCode::NO_CONTENT).body(format!("{body} gone")), //~ body-on-no-content 204
        3 => HttpResponse::NoContent().finish(),
        4 => HttpResponse::NotModified().body(()),
        _ => HttpResponse::NoContent().body(body),
    }
}

pub async fn not_statuses(kind: web::Path<u8>) -> HttpResponse {
    match kind.into_inner() {
        0 => HttpResponse::build(StatusCode::from_u16(1000).unwrap_or_default()).finish(), //~ invalid-status 1000
        1 => HttpResponse::Continue().finish(), //~ unapproved-status 100 //~ invalid-status 100
        2 => HttpResponse::Processing().body("working"), //~ unapproved-status 102 //~ invalid-status 102
        _ => HttpResponse::SwitchingProtocols().upgrade("websocket").finish(), //~ unapproved-status 101
    }
}
