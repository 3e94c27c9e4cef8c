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

/// Each endpoint's statuses are written next to it. FIXME: the 200 that `refund` replaces with
/// 202 is counted.
pub fn configure(config: &mut web::ServiceConfig) {
    config
        .service(handlers::invoice) //~ route GET /invoices/{id} 200 205 208 226 400 402 404 408 418 423 431 505 510
        .service(handlers::pay) //~ route POST /payments 201 400 408 413 417 431 511
        .service(handlers::refund) //~ route FIXME POST /refunds/{id} 202 400 404 408 409 416 424 431
        .service(handlers::archive) //~ route GET /archive/{year} 301 303 307 308 400 404 408 431
        .service(web::redirect("/v1/invoices", "/invoices")) //~ unapproved-status 307 //~ route ANY /v1/invoices 307 400 408 431
        .route("/statements", web::get().to(handlers::statements)); //~ route GET /statements 200 400 408 431
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
