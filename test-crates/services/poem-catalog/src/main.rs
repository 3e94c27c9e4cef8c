//! A product catalog on poem 3 and poem-openapi 5: statuses given to poem's errors and
//! responses, its error functions, redirects, an error type's `ResponseError`, and the
//! statuses of an `ApiResponse`.

mod api;
mod errors;
mod handlers;

use poem::listener::TcpListener;
use poem::middleware::SizeLimit;
use poem::{get, EndpointExt, Route, Server};
use poem_openapi::OpenApiService;

#[tokio::main]
async fn main() -> Result<(), std::io::Error> {
    let api = OpenApiService::new(api::CatalogApi, "Catalog", "1.0").server("http://localhost:3000/api");
    let app = Route::new()
        .at("/products/:id", get(handlers::product).delete(handlers::retire))
        .at("/products/:id/price", get(handlers::price))
        .at("/old/products/:id", get(handlers::old_product))
        .at("/lookup/:sku", get(handlers::lookup))
        .nest("/api", api)
        .with(SizeLimit::new(64 * 1024)); //~ implied-status 411 //~ implied-status 413
    Server::new(TcpListener::bind("127.0.0.1:3000")).run(app).await
}
