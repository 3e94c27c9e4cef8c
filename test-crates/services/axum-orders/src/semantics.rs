//! Responses that the HTTP semantics rules read: the headers a status calls for, bodies on
//! responses that have none, and statuses that are not statuses.

use std::time::Duration;

use axum::body::Body;
use axum::http::header::{self, HeaderMap};
use axum::http::StatusCode;
use axum::response::{AppendHeaders, IntoResponse, NoContent, Redirect, Response};
use axum::Json;
use axum_extra::headers::RetryAfter;
use axum_extra::TypedHeader;

pub async fn rate_limited(attempts: u32) -> Response {
    match attempts {
        0 => (StatusCode::TOO_MANY_REQUESTS, "slow down").into_response(), //~ missing-retry-after 429
        1 => (StatusCode::TOO_MANY_REQUESTS, [(header::RETRY_AFTER, "30")], "slow down").into_response(),
        2 => (StatusCode::TOO_MANY_REQUESTS, AppendHeaders([(header::RETRY_AFTER, "30")]), "slow").into_response(),
        3 => (StatusCode::TOO_MANY_REQUESTS, TypedHeader(RetryAfter::delay(Duration::from_secs(30))), "slow")
            .into_response(),
        4 => (StatusCode::TOO_MANY_REQUESTS, retry_headers(), "slow").into_response(),
        5 => Response::builder()
            .status(StatusCode::TOO_MANY_REQUESTS) //~ missing-retry-after 429
            .body(Body::from("slow down"))
            .unwrap_or_default(),
        6 => Response::builder()
            .status(StatusCode::TOO_MANY_REQUESTS)
            .header(header::RETRY_AFTER, "30")
            .body(Body::from("slow down"))
            .unwrap_or_default(),
        _ => (StatusCode::TOO_MANY_REQUESTS, Json(serde_json::json!({ "retry": true }))).into_response(), //~ missing-retry-after 429
    }
}

fn retry_headers() -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.insert(header::RETRY_AFTER, "30".parse().expect("a header value"));
    headers
}

pub async fn quota(remaining: u32) -> Result<Json<u32>, (StatusCode, &'static str)> {
    if remaining == 0 {
        return Err((StatusCode::TOO_MANY_REQUESTS, "quota exhausted")); //~ missing-retry-after 429
    }
    let remaining = remaining.checked_sub(1).ok_or((StatusCode::UNAUTHORIZED, "no quota for you"))?; //~ missing-www-authenticate 401
    Ok(Json(remaining))
}

pub async fn busy(lock: Result<u32, ()>) -> Result<Json<u32>, (StatusCode, &'static str)> {
    let value = lock.map_err(|()| (StatusCode::TOO_MANY_REQUESTS, "busy"))?; //~ missing-retry-after 429
    Ok(Json(value))
}

/// The header is added after the response is built, or by whoever receives the parts: quiet.
pub async fn built_elsewhere(message: String) -> Response {
    let mut response = (StatusCode::TOO_MANY_REQUESTS, "slow down").into_response();
    response.headers_mut().insert(header::RETRY_AFTER, "30".parse().expect("a header value"));
    if message.is_empty() {
        return response;
    }
    let (status, text) = classify(&message);
    if status == StatusCode::OK {
        return with_retry((StatusCode::TOO_MANY_REQUESTS, text));
    }
    (StatusCode::TOO_MANY_REQUESTS, message).into_response()
}

/// A pair for the caller to build a response from, not a response.
fn classify(message: &str) -> (StatusCode, &'static str) {
    if message.len() > 10 {
        (StatusCode::TOO_MANY_REQUESTS, "slow down")
    } else {
        (StatusCode::OK, "fine")
    }
}

fn with_retry(response: impl IntoResponse) -> Response {
    ([(header::RETRY_AFTER, "30")], response).into_response()
}

/// A status on its own is not a whole response.
pub fn status_of(limited: bool) -> StatusCode {
    if limited {
        StatusCode::TOO_MANY_REQUESTS
    } else {
        StatusCode::UNAUTHORIZED
    }
}

pub async fn held() -> Response {
    let response = (StatusCode::TOO_MANY_REQUESTS, "slow down"); //~ FIXME missing-retry-after 429
    response.into_response()
}

pub async fn methods(method: u8) -> Response {
    match method {
        0 => (StatusCode::METHOD_NOT_ALLOWED, "use POST").into_response(), //~ missing-allow-header 405
        _ => (StatusCode::METHOD_NOT_ALLOWED, [(header::ALLOW, "POST")], "use POST").into_response(),
    }
}

pub async fn login(token: Option<String>) -> Response {
    match token.as_deref() {
        None => (StatusCode::UNAUTHORIZED, "log in first").into_response(), //~ missing-www-authenticate 401
        Some("") => (StatusCode::UNAUTHORIZED, [(header::WWW_AUTHENTICATE, "Bearer")], "log in first").into_response(),
        Some(_) => StatusCode::OK.into_response(),
    }
}

pub async fn create(kind: u8) -> Response {
    match kind {
        0 => (StatusCode::CREATED, Json(kind)).into_response(), //~ missing-location 201
        1 => ([(header::CONTENT_TYPE, "text/plain")], StatusCode::CREATED).into_response(), //~ missing-location 201
        2 => (StatusCode::FOUND, "over there").into_response(), //~ unapproved-status 302 //~ missing-location 302
        3 => (StatusCode::SEE_OTHER, Redirect::to("/orders")).into_response(),
        4 => (StatusCode::CREATED, [(header::LOCATION, "/orders/4")], Json(kind)).into_response(),
        _ => Redirect::to("/orders").into_response(),
    }
}

pub async fn nothing(kind: u8, body: String) -> Response {
    match kind {
        0 => (StatusCode::NO_CONTENT, Json(kind)).into_response(), //~ body-on-no-content 204
        1 => (StatusCode::NOT_MODIFIED, "still fresh").into_response(), //~ body-on-no-content 304
        2 => Response::builder()
            .status(StatusCode::NO_CONTENT) //~ body-on-no-content 204
            .body(Body::from("gone"))
            .unwrap_or_default(),
        3 => Response::builder().status(StatusCode::NO_CONTENT).body(Body::empty()).unwrap_or_default(),
        4 => (StatusCode::NO_CONTENT, ()).into_response(),
        5 => (StatusCode::NO_CONTENT, body).into_response(),
        6 => NoContent.into_response(),
        _ => StatusCode::NOT_MODIFIED.into_response(),
    }
}

pub async fn not_statuses(kind: u8) -> Response {
    match kind {
        0 => StatusCode::from_u16(1000).map(IntoResponse::into_response).unwrap_or_default(), //~ invalid-status 1000
        1 => Response::builder().status(99).body(Body::empty()).unwrap_or_default(), //~ invalid-status 99
        2 => (StatusCode::CONTINUE, "go on").into_response(), //~ unapproved-status 100 //~ invalid-status 100
        3 => (StatusCode::SWITCHING_PROTOCOLS, "switching").into_response(), //~ unapproved-status 101 //~ invalid-status 101
        _ => (StatusCode::SWITCHING_PROTOCOLS, [(header::UPGRADE, "websocket")]).into_response(), //~ unapproved-status 101
    }
}
