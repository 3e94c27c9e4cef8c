//! Billing service, on actix-web 4.

mod errors;
mod handlers;
pub mod relay;
pub mod renames;
pub mod semantics;

use actix_web::http::StatusCode;
use actix_web::middleware::{ErrorHandlerResponse, ErrorHandlers};
use actix_web::{dev, web, App, HttpServer, Result};

pub use errors::BillingError;

/// Adds a header to every 500; the status in `.handler(..)` is matched, not produced.
fn tag_server_errors<B>(response: dev::ServiceResponse<B>) -> Result<ErrorHandlerResponse<B>> {
    Ok(ErrorHandlerResponse::Response(response.map_into_left_body()))
}

pub fn configure(config: &mut web::ServiceConfig) {
    config
        .service(handlers::invoice)
        .service(handlers::pay)
        .service(handlers::refund)
        .service(handlers::archive)
        .service(web::redirect("/v1/invoices", "/invoices")) //~ unapproved-status 307
        .route("/statements", web::get().to(handlers::statements));
}

pub async fn serve() -> std::io::Result<()> {
    HttpServer::new(|| {
        App::new()
            .wrap(ErrorHandlers::new().handler(StatusCode::IM_A_TEAPOT, tag_server_errors))
            .configure(configure)
    })
    .bind(("127.0.0.1", 0))?
    .run()
    .await
}
