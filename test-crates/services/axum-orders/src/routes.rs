//! The orders routes.

use std::time::Duration;

use axum::extract::Path;
use axum::http::{self, header, StatusCode};
use axum::http::StatusCode as Code;
use axum::response::{IntoResponse, NoContent, Redirect, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};

use crate::error::ApiError;

#[derive(Debug, Deserialize, Serialize)]
pub struct NewOrder {
    item: String,
    quantity: u32,
}

pub fn router() -> Router {
    Router::new()
        .route("/orders", post(create_order)) //~ route POST /orders 201 400 413 414 415 422 431
        .route("/orders/{id}", get(get_order).delete(cancel_order)) //~ route GET /orders/{id} 400 404 414 431 500 //~ route DELETE /orders/{id} 204 400 409 410 414 421 431 500
        .route("/orders/{id}/brew", post(brew)) //~ route POST /orders/{id}/brew 400 414 418 431
        .route("/orders/{id}/receipt", get(receipt)) //~ route GET /orders/{id}/receipt 203 400 414 431
        .route("/orders/{id}/export", get(export)) //~ route GET /orders/{id}/export 200 206 226 400 414 431 500 507
        .route("/orders/{id}/report", get(slow_report)) //~ route GET /orders/{id}/report 400 408 414 431
        .route("/legacy/orders", get(legacy_orders)) //~ route GET /legacy/orders 308 400 414 431
        .route("/beta/orders", get(beta_orders)) //~ route GET /beta/orders 307 400 414 431
        .route("/orders/latest", get(latest_order)) //~ route GET /orders/latest 303 400 414 431
        .route("/old-cart", get(old_cart)) //~ route GET /old-cart 302 400 414 431
        .merge(crate::api::api())
}

async fn create_order(Json(order): Json<NewOrder>) -> Response { //~ implied-status 413
    if order.quantity == 0 {
        return (StatusCode::UNPROCESSABLE_ENTITY, "quantity must be positive").into_response();
    }
    if order.quantity > 1_000 {
        return (StatusCode::PAYLOAD_TOO_LARGE, "too many items").into_response(); //~ unapproved-status 413
    }
    (StatusCode::CREATED, [(header::LOCATION, "/orders/1")], Json(order)).into_response()
}

async fn brew() -> (StatusCode, &'static str) {
    (StatusCode::IM_A_TEAPOT, "this service brews tea only") //~ unapproved-status 418
}

async fn get_order(Path(id): Path<u64>) -> Result<Json<NewOrder>, ApiError> {
    if id == 0 {
        return Err(ApiError::NotFound(id));
    }
    Ok(Json(NewOrder { item: "tea".to_string(), quantity: 1 }))
}

async fn cancel_order(Path(id): Path<u64>) -> Response {
    if id % 2 == 0 {
        return NoContent.into_response();
    }
    if id % 3 == 0 {
        return Code::GONE.into_response();
    }
    if id % 5 == 0 {
        return Code::MISDIRECTED_REQUEST.into_response(); //~ unapproved-status 421
    }
    axum::http::StatusCode::CONFLICT.into_response()
}

async fn receipt() -> Response {
    let mut response = Json(serde_json::json!({ "total": 12 })).into_response();
    *response.status_mut() = StatusCode::NON_AUTHORITATIVE_INFORMATION; //~ unapproved-status 203
    response
}

async fn export(Path(id): Path<u64>) -> Result<Response, ApiError> {
    let builder = Response::builder().header(header::CONTENT_TYPE, "text/csv");
    let builder = if id > 100 {
        builder.status(206) //~ unapproved-status 206
    } else if id > 50 {
        builder.status("226") //~ unapproved-status 226
    } else {
        builder.status(StatusCode::OK)
    };
    builder.body("id,total\n".into()).map_err(|error| ApiError::Storage(error.to_string()))
}

async fn slow_report() -> Response {
    tokio::select! {
        report = build_report() => Json(report).into_response(),
        _ = tokio::time::sleep(Duration::from_secs(5)) => {
            StatusCode::REQUEST_TIMEOUT.into_response() //~ unapproved-status 408
        }
    }
}

async fn build_report() -> Vec<u32> {
    vec![1, 2, 3]
}

async fn legacy_orders() -> Redirect {
    Redirect::permanent("/orders") //~ unapproved-status 308
}

async fn beta_orders() -> Redirect {
    Redirect::temporary("/orders") //~ unapproved-status 307
}

async fn latest_order() -> Redirect {
    // 303 See Other is approved.
    Redirect::to("/orders/1")
}

async fn old_cart() -> impl IntoResponse {
    ([(header::LOCATION, "/orders")], StatusCode::FOUND) //~ unapproved-status 302
}

/// Status codes for numbers that a partner API sends in its payloads.
pub fn partner_status(code: &str) -> Option<StatusCode> {
    match code {
        "overloaded" => Some(StatusCode::from_u16(529).expect("valid")), //~ unapproved-status 529
        "legal" => StatusCode::from_bytes(b"451").ok(), //~ unapproved-status 451
        "early" => "103".parse::<http::StatusCode>().ok(), //~ unapproved-status 103
        "rejected" => StatusCode::try_from(400).ok(),
        // Through a const, a `let` and a re-export from another crate of the workspace.
        "bandwidth" => StatusCode::from_u16(BANDWIDTH_EXCEEDED).ok(), //~ unapproved-status 509
        "frozen" => {
            let code = 530;
            StatusCode::from_u16(code).ok() //~ unapproved-status 530
        }
        "tea" => Some(api_errors::Code::IM_A_TEAPOT), //~ unapproved-status 418
        _ => None,
    }
}

const BANDWIDTH_EXCEEDED: u16 = 509;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partner_codes() {
        let teapot = StatusCode::IM_A_TEAPOT;
        assert_eq!(partner_status("overloaded").map(|status| status.as_u16()), Some(529));
        assert_ne!(partner_status("legal"), Some(teapot));
    }
}
