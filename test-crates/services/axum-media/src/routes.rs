//! The router and its layers: tower-http's limits, timeouts and file services answer requests
//! before (or instead of) the handlers.

use std::time::Duration;

use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::Router;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::services::{Redirect, ServeDir, ServeFile};
use tower_http::timeout::TimeoutLayer;

use crate::handlers;

/// The layers below wrap every route added before them: each route also answers 408 (the
/// timeout built in `slow_requests`), 413 (the body limit) and 503 (the other timeout).
pub fn router() -> Router {
    Router::new()
        .route("/albums", post(handlers::create_album)) //~ route POST /albums 400 408 413 415 422 503
        .route("/albums/{album}", post(handlers::rename_album).get(handlers::list_photos)) //~ route GET /albums/{album} 400 408 413 500 503 //~ route POST /albums/{album} 400 408 413 503
        .route("/albums/{album}/photos", post(handlers::upload)) //~ route POST /albums/{album}/photos 201 400 408 413 503
        .route("/raw", post(handlers::raw_upload)) //~ route POST /raw 201 400 408 413 503
        .route("/live", get(handlers::live)) //~ route GET /live 101 400 405 408 413 426 503
        .route("/inline", handlers::inline_handler())
        .nest_service("/assets", ServeDir::new("assets")) //~ implied-status 206 //~ implied-status 307 //~ implied-status 416 //~ route ANY /assets 200 206 304 307 404 405 408 412 413 416 500 503
        // Directories answer 404 here, not a redirect to their trailing slash.
        .nest_service("/thumbnails", ServeDir::new("thumbnails").append_index_html_on_directories(false)) //~ implied-status 206 //~ implied-status 416 //~ route ANY /thumbnails 200 206 304 404 405 408 412 413 416 500 503
        .route_service("/favicon.ico", ServeFile::new("assets/favicon.ico")) //~ implied-status 206 //~ implied-status 416 //~ route ANY /favicon.ico 200 206 304 404 405 408 412 413 416 500 503
        .route_service("/old-assets", Redirect::<axum::body::Body>::permanent("/assets".parse().unwrap())) //~ unapproved-status 308 //~ route ANY /old-assets 308 408 413 503
        .layer(RequestBodyLimitLayer::new(16 * 1024 * 1024)) //~ implied-status 413
        .layer(DefaultBodyLimit::max(16 * 1024 * 1024))
        .layer(slow_requests())
        // A timeout that answers an approved status is an explicit status: nothing implied.
        .layer(TimeoutLayer::with_status_code(StatusCode::SERVICE_UNAVAILABLE, Duration::from_secs(30)))
}

/// The deprecated constructor answers 408 Request Timeout.
#[allow(deprecated)]
fn slow_requests() -> TimeoutLayer {
    TimeoutLayer::new(Duration::from_secs(60)) //~ implied-status 408
}
