//! The versioned API: routers built in functions and in `let`s, nested and merged, a fallback, and
//! handlers that call a service whose errors convert into the API's error type. Each route's
//! expected statuses are written next to it, as `tests/integration/routes.rs` reads them.

use axum::extract::{Path, Request};
use axum::http::StatusCode;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, on, MethodFilter, MethodRouter};
use axum::Router;

use crate::error::ApiError;
use crate::stock::{self, StockError};

/// `stock_level` answers with the variants its `?` can make: `StockError` converts into
/// `ApiError::TooEarly` or `ApiError::NotFound`.
pub fn api() -> Router {
    let stock = Router::new().route("/stock/{sku}", get(stock_level)); //~ route GET /v1/stock/{sku} 400 404 414 425 431 500
    Router::new().nest("/v1", v1().merge(stock)).fallback(not_found) //~ route FALLBACK / 400 404 414 431
}

fn v1() -> Router {
    Router::new()
        .route("/teapots/{id}", on(MethodFilter::PUT, refill)) //~ route PUT /v1/teapots/{id} 201 400 401 409 414 431 500
        // Wraps the routes added before it, not `/ping`.
        .route_layer(middleware::from_fn(require_key))
        .route("/ping", any(ping)) //~ route ANY /v1/ping 204 400 414 431
        .route("/legacy", legacy())
}

/// A method router made by a function is not followed: the route is listed as unresolved.
fn legacy() -> MethodRouter {
    get(ping)
}

async fn stock_level(Path(sku): Path<String>) -> Result<String, ApiError> {
    let level = stock::reserve(&sku)?;
    Ok(level.to_string())
}

async fn refill(Path(id): Path<u32>) -> StatusCode {
    match stock::refill(id) {
        Ok(()) => StatusCode::CREATED,
        Err(StockError::Busy) => StatusCode::CONFLICT,
        Err(StockError::Unknown) => already_full(),
    }
}

fn already_full() -> StatusCode {
    StatusCode::CONFLICT
}

/// Middleware: answers 401 for the routes it wraps when the key is missing.
async fn require_key(request: Request, next: Next) -> Response {
    if request.headers().contains_key("x-api-key") {
        next.run(request).await
    } else {
        StatusCode::UNAUTHORIZED.into_response()
    }
}

async fn ping() -> StatusCode {
    StatusCode::NO_CONTENT
}

async fn not_found() -> StatusCode {
    StatusCode::NOT_FOUND
}

impl From<StockError> for ApiError {
    fn from(error: StockError) -> Self {
        match error {
            StockError::Busy => ApiError::TooEarly,
            StockError::Unknown => ApiError::NotFound(0),
        }
    }
}
