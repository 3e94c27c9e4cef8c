//! The billing handlers.

use actix_web::error::{self, ErrorRangeNotSatisfiable, InternalError};
use actix_web::http::{header, StatusCode};
use actix_web::{get, post, web, HttpResponse, HttpResponseBuilder, Responder};
use serde::{Deserialize, Serialize};

use crate::errors::BillingError;

#[derive(Debug, Deserialize, Serialize)]
pub struct Payment {
    invoice: u64,
    cents: u64,
}

#[get("/invoices/{id}")]
pub async fn invoice(id: web::Path<u64>) -> Result<HttpResponse, BillingError> {
    match id.into_inner() {
        0 => Err(BillingError::NotFound),
        1 => Ok(HttpResponse::ImATeapot().finish()), //~ unapproved-status 418
        2 => Ok(HttpResponse::PaymentRequired().body("unpaid")),
        3 => Ok(HttpResponse::Locked().finish()),
        4 => Ok(HttpResponse::build(StatusCode::ALREADY_REPORTED).finish()), //~ unapproved-status 208
        5 => Ok(HttpResponse::new(StatusCode::RESET_CONTENT)), //~ unapproved-status 205
        6 => Ok(HttpResponseBuilder::new(StatusCode::IM_USED).finish()), //~ unapproved-status 226
        7 => Ok(HttpResponse::Ok().status(StatusCode::NOT_EXTENDED).finish()), //~ unapproved-status 510
        8 => Ok(HttpResponse::VersionNotSupported().finish()), //~ unapproved-status 505
        _ => Ok(HttpResponse::Ok().json(Payment { invoice: 1, cents: 100 })),
    }
}

#[post("/payments")]
pub async fn pay(payment: web::Json<Payment>) -> actix_web::Result<impl Responder> { //~ implied-status 413
    if payment.cents == 0 {
        return Err(error::ErrorExpectationFailed("an amount is required")); //~ unapproved-status 417
    }
    if payment.cents > 1_000_000 {
        return Err(InternalError::new("limit exceeded", StatusCode::NETWORK_AUTHENTICATION_REQUIRED).into()); //~ unapproved-status 511
    }
    Ok((web::Json(payment.into_inner()), StatusCode::CREATED)) //~ missing-location 201
}

#[post("/refunds/{id}")]
pub async fn refund(id: web::Path<u64>) -> actix_web::Result<impl Responder> {
    let id = id.into_inner();
    let range = parse_range(id).map_err(ErrorRangeNotSatisfiable)?; //~ unapproved-status 416
    let amount = parse_range(id).map_err(actix_web::error::ErrorConflict)?;
    if range > amount {
        return Ok(("refund pending", StatusCode::FAILED_DEPENDENCY).customize()); //~ unapproved-status 424
    }
    Ok(("refund queued", StatusCode::OK)
        .customize()
        .with_status(StatusCode::ACCEPTED)
        .insert_header((header::LOCATION, "/refunds")))
}

#[get("/archive/{year}")]
pub async fn archive(year: web::Path<u32>) -> impl Responder {
    match year.into_inner() {
        0..=2019 => web::Redirect::to("/cold-storage").permanent(), //~ unapproved-status 308
        2020 => web::Redirect::to("/archive/2020.csv"), //~ unapproved-status 307
        2021 => web::Redirect::to("/reports").temporary().see_other(),
        _ => web::Redirect::to("/invoices").using_status_code(StatusCode::MOVED_PERMANENTLY), //~ unapproved-status 301
    }
}

pub async fn statements() -> HttpResponse {
    HttpResponse::Ok().customize_body()
}

trait CustomizeBody {
    fn customize_body(self) -> HttpResponse;
}

impl CustomizeBody for HttpResponseBuilder {
    fn customize_body(mut self) -> HttpResponse {
        self.insert_header((header::CACHE_CONTROL, "no-store")).finish()
    }
}

fn parse_range(id: u64) -> Result<u64, String> {
    id.checked_mul(100).ok_or_else(|| "overflow".to_string())
}
