//! Responses that the HTTP semantics rules read: the headers a status calls for, bodies on
//! responses that have none, and statuses that are not statuses.

use std::convert::Infallible;

use warp::http::{header, StatusCode, Uri};
use warp::reply::{self, Reply, Response};
use warp::{Filter, Rejection};

pub fn routes() -> impl Filter<Extract = (impl Reply,), Error = Rejection> + Clone {
    let busy = warp::path!("busy").map(|| reply::with_status("busy", StatusCode::TOO_MANY_REQUESTS)); //~ missing-retry-after 429
    let wrapped = warp::path!("wrapped")
        .map(|| reply::with_status("busy", StatusCode::TOO_MANY_REQUESTS))
        .with(warp::reply::with::header(header::RETRY_AFTER, "30"));
    let handled = warp::path!("handled")
        .and_then(limited)
        .with(warp::reply::with::header("retry-after", "30"))
        .with(warp::log("inventory"));
    let logged = warp::path!("logged")
        .map(|| reply::with_status("busy", StatusCode::TOO_MANY_REQUESTS)) //~ missing-retry-after 429
        .with(warp::log("inventory"));
    let reshaped = warp::path!("reshaped")
        .map(|| reply::with_status("busy", StatusCode::TOO_MANY_REQUESTS))
        .map(|busy| reply::with_header(busy, header::RETRY_AFTER, "30"));
    busy.or(wrapped).or(handled).or(logged).or(reshaped)
}

async fn limited() -> Result<impl Reply, Infallible> {
    Ok(reply::with_status("slow down", StatusCode::TOO_MANY_REQUESTS))
}

pub fn rate_limited(attempts: u32) -> Response {
    match attempts {
        0 => reply::with_status("slow down", StatusCode::TOO_MANY_REQUESTS).into_response(), //~ missing-retry-after 429
        1 => reply::with_status(reply::with_header("slow down", header::RETRY_AFTER, "30"), StatusCode::TOO_MANY_REQUESTS)
            .into_response(),
        2 => reply::with_header(reply::with_status("slow down", StatusCode::TOO_MANY_REQUESTS), "retry-after", "30")
            .into_response(),
        3 => warp::http::Response::builder()
            .status(StatusCode::TOO_MANY_REQUESTS)
            .header(header::RETRY_AFTER, "30")
            .body("slow down".into())
            .unwrap_or_default(),
        _ => warp::http::Response::builder()
            .status(StatusCode::TOO_MANY_REQUESTS) //~ missing-retry-after 429
            .body("slow down".into())
            .unwrap_or_default(),
    }
}

pub fn methods(method: u8) -> Response {
    match method {
        0 => reply::with_status(reply::json(&"use POST"), StatusCode::METHOD_NOT_ALLOWED).into_response(), //~ missing-allow-header 405
        _ => reply::with_status(reply::with_header(warp::reply(), header::ALLOW, "POST"), StatusCode::METHOD_NOT_ALLOWED)
            .into_response(),
    }
}

pub fn login(token: Option<String>) -> Response {
    match token {
        None => reply::with_status(warp::reply(), StatusCode::UNAUTHORIZED).into_response(), //~ missing-www-authenticate 401
        Some(_) => reply::with_status(reply::with_header("log in", "WWW-Authenticate", "Bearer"), StatusCode::UNAUTHORIZED)
            .into_response(),
    }
}

pub fn create(kind: u8) -> Response {
    match kind {
        0 => reply::with_status(reply::json(&kind), StatusCode::CREATED).into_response(), //~ missing-location 201
        1 => reply::with_status("moved", StatusCode::FOUND).into_response(), //~ unapproved-status 302 //~ missing-location 302
        2 => reply::with_status(warp::redirect::see_other(Uri::from_static("/items")), StatusCode::SEE_OTHER)
            .into_response(),
        _ => reply::with_status(reply::with_header(reply::json(&kind), header::LOCATION, "/items/3"), StatusCode::CREATED)
            .into_response(),
    }
}

pub fn nothing(kind: u8, body: String) -> Response {
    match kind {
        0 => reply::with_status(reply::json(&kind), StatusCode::NO_CONTENT).into_response(), //~ body-on-no-content 204
        1 => reply::with_status("still fresh", StatusCode::NOT_MODIFIED).into_response(), //~ body-on-no-content 304
        2 => reply::with_status(warp::reply(), StatusCode::NO_CONTENT).into_response(),
        3 => reply::with_status(body, StatusCode::NOT_MODIFIED).into_response(),
        _ => StatusCode::NO_CONTENT.into_response(),
    }
}

pub fn not_statuses(kind: u8) -> Response {
    match kind {
        0 => warp::http::Response::builder().status(1000).body("".into()).unwrap_or_default(), //~ invalid-status 1000
        1 => reply::with_status(warp::reply(), StatusCode::PROCESSING).into_response(), //~ unapproved-status 102 //~ invalid-status 102
        2 => "103".parse::<StatusCode>().map(Reply::into_response).unwrap_or_default(), //~ unapproved-status 103
        3 => "10".parse::<StatusCode>().map(Reply::into_response).unwrap_or_default(), //~ invalid-status 10
        _ => reply::with_status(reply::with_header(warp::reply(), "upgrade", "websocket"), StatusCode::SWITCHING_PROTOCOLS) //~ unapproved-status 101
            .into_response(),
    }
}
