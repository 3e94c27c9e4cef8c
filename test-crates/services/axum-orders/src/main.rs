//! Starts the orders service.

#[tokio::main]
async fn main() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    axum::serve(listener, axum_orders::routes::router()).await.expect("serve");
}
