//! Serves fixed orders for local development. Examples are audited like the service itself.

use axum::http::StatusCode;
use axum::routing::get;
use axum::Router;

#[tokio::main]
async fn main() {
    let app = Router::new()
        .route("/orders", get(|| async { (StatusCode::OK, "[]") })) //~ route GET /orders 200 400 414 431
        .route("/flaky", get(|| async { StatusCode::VARIANT_ALSO_NEGOTIATES })); //~ unapproved-status 506 //~ route GET /flaky 400 414 431 506
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    axum::serve(listener, app).await.expect("serve");
}
