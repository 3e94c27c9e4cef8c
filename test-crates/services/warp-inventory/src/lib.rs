//! Inventory service, on warp 0.3.

pub mod semantics;
pub mod uploads;

use std::convert::Infallible;

pub mod holds;
pub mod names;
pub mod relays;
pub mod renames;

use warp::http::{StatusCode, Uri};
use warp::reply::{self, Reply, Response};
use warp::{Filter, Rejection};

#[derive(Debug)]
struct OutOfStock;

impl warp::reject::Reject for OutOfStock {}

/// FIXME: every status of `recover` is counted for every route it wraps; the routes' filters
/// can reject only as not found or with the wrong method, which reach its 404 and 500 for
/// requests no route matches.
pub fn routes() -> impl Filter<Extract = (impl Reply,), Error = Infallible> + Clone {
    let list = warp::path!("items").and(warp::get()).map(|| reply::with_status(reply::json(&vec![1, 2]), StatusCode::OK)); //~ route FIXME GET /items 200
    let reserve = warp::path!("items" / u32 / "reserve").and(warp::post()).map(reserve); //~ route FIXME POST /items/{u32}/reserve 201 207 404 423
    let legacy = warp::path!("v1" / "items").map(|| warp::redirect(Uri::from_static("/items"))); //~ unapproved-status 301 //~ route FIXME ANY /v1/items 301
    let moved = warp::path!("stock").map(|| warp::redirect::permanent(Uri::from_static("/items"))); //~ unapproved-status 308 //~ route FIXME ANY /stock 308
    let search = warp::path!("search").map(|| warp::redirect::found(Uri::from_static("/items"))); //~ unapproved-status 302 //~ route FIXME ANY /search 302
    let report = warp::path!("report").map(|| warp::redirect::see_other(Uri::from_static("/reports"))); //~ route FIXME ANY /report 303
    let beta = warp::path!("beta").map(|| warp::redirect::temporary(Uri::from_static("/items"))); //~ unapproved-status 307 //~ route FIXME ANY /beta 307
    let health = warp::path!("health").map(health); //~ route FIXME ANY /health 418 500
    list.or(reserve).or(legacy).or(moved).or(search).or(report).or(beta).or(health).recover(recover)
}

fn reserve(item: u32) -> Response {
    match item {
        0 => reply::with_status("no such item", StatusCode::NOT_FOUND).into_response(),
        1 => reply::with_status("reserved by another cart", StatusCode::LOCKED).into_response(), //~ unapproved-status 423
        2 => warp::reply::with_status(warp::reply(), warp::http::StatusCode::MULTI_STATUS).into_response(),
        _ => reply::with_status(reply::json(&item), StatusCode::CREATED).into_response(), //~ missing-location 201
    }
}

fn health() -> Response {
    warp::http::Response::builder()
        .status(418) //~ unapproved-status 418
        .body("short and stout".into())
        .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
}

async fn recover(rejection: Rejection) -> Result<impl Reply, Infallible> {
    let status = if rejection.is_not_found() {
        StatusCode::NOT_FOUND
    } else if rejection.find::<OutOfStock>().is_some() {
        StatusCode::from_u16(509).unwrap_or(StatusCode::SERVICE_UNAVAILABLE) //~ unapproved-status 509
    } else if rejection.find::<warp::reject::PayloadTooLarge>().is_some() {
        StatusCode::PAYLOAD_TOO_LARGE //~ unapproved-status 413
    } else {
        StatusCode::INTERNAL_SERVER_ERROR
    };
    if status == StatusCode::IM_A_TEAPOT {
        unreachable!("no route brews tea");
    }
    Ok(reply::with_status(status.canonical_reason().unwrap_or("error"), status))
}
