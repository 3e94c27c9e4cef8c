//! Handlers that set a status on poem's responses and errors.

use poem::error::{NotFound, UnavailableForLegalReasons};
use poem::http::StatusCode;
use poem::web::{Path, Redirect};
use poem::{handler, Error, IntoResponse, Response, Result};

use crate::errors::{CatalogError, Missing};

#[handler]
pub fn product(Path(id): Path<u32>) -> Result<Response> {
    match id {
        0 => Err(NotFound(Missing)),
        1 => Err(UnavailableForLegalReasons(Missing)), //~ unapproved-status 451
        2 => Err(Error::from_status(StatusCode::LOCKED)), //~ unapproved-status 423
        3 => Err(Error::from_string("a teapot, not a product", StatusCode::IM_A_TEAPOT)), //~ unapproved-status 418
        4 => Err(poem::error::Gone(Missing)),
        5 => Err(CatalogError::Embargoed.into()),
        _ => Ok(Response::builder().status(StatusCode::MULTI_STATUS).body(format!("product {id}"))),
    }
}

#[handler]
pub fn retire(Path(id): Path<u32>) -> Response {
    let mut response = format!("retired {id}").into_response();
    if id == 0 {
        response.set_status(StatusCode::PAYMENT_REQUIRED);
    } else {
        response.set_status(StatusCode::RESET_CONTENT); //~ unapproved-status 205
    }
    response
}

#[handler]
pub fn price(Path(id): Path<u32>) -> Response {
    if id == 0 {
        return "priced elsewhere".with_status(StatusCode::CONFLICT).into_response();
    }
    format!("{id} costs 3").with_status(StatusCode::NON_AUTHORITATIVE_INFORMATION).into_response() //~ unapproved-status 203
}

/// poem's error functions, handed to `map_err` by name.
pub fn parse_sku(text: &str) -> Result<u32> {
    let sku: u32 = text.parse().map_err(poem::error::BadRequest)?;
    if sku == 0 {
        return Err(Missing).map_err(poem::error::ExpectationFailed); //~ unapproved-status 417
    }
    Ok(sku)
}

#[handler]
pub fn old_product(Path(id): Path<u32>) -> Redirect {
    match id {
        0 => Redirect::see_other("/products/0"),
        1 => Redirect::temporary("/products/1"), //~ unapproved-status 307
        _ => Redirect::moved_permanent(format!("/products/{id}")), //~ unapproved-status 301
    }
}

/// The SKU as the warehouse writes it. The error function stands in a chain that ends in a
/// conversion to text, which reads no status.
pub fn sku_text(text: &str) -> Result<String> {
    Ok(parse_sku(text).map_err(|_| poem::error::PreconditionRequired(Missing))?.to_string()) //~ unapproved-status 428
}

/// Passes on what the warehouse answered: only the warehouse knows the status.
#[handler]
pub fn lookup(Path(sku): Path<String>) -> Response {
    if sku_text(&sku).is_err() {
        return StatusCode::BAD_REQUEST.into();
    }
    let warehouse = warehouse_answer(&sku);
    let mut response = Response::builder().body(sku);
    if is_retryable(&warehouse) {
        return StatusCode::SERVICE_UNAVAILABLE.into();
    }
    response.set_status(warehouse.status()); //~ dynamic-status
    response
}

/// What the warehouse service answered about a product.
fn warehouse_answer(sku: &str) -> Response {
    let status = if sku.is_empty() { StatusCode::BAD_REQUEST } else { StatusCode::OK };
    Response::builder().status(status).finish()
}

/// Reads a status: none of these is an answer.
pub fn is_retryable(response: &Response) -> bool {
    response.status() == StatusCode::SERVICE_UNAVAILABLE
        || matches!(response.status(), StatusCode::TOO_MANY_REQUESTS | StatusCode::LOCKED)
        || response.status().is_server_error()
}
