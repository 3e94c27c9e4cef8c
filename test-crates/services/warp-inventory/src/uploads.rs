//! Uploads and downloads: warp's filters reject requests on their own, with statuses no code
//! here writes. FIXME: the endpoint map does not yet take the rejections of the filters a route
//! is built from (`content_length_limit`, `multipart::form`, `body::json`).

use warp::{Filter, Rejection, Reply};

/// A JSON body under 64 KiB: 411 without `Content-Length`, 413 past the limit; `body::json`'s own
/// 400 and 415 are approved.
pub fn stock_update() -> impl Filter<Extract = (impl Reply,), Error = Rejection> + Clone {
    warp::path!("stock" / "update") //~ route FIXME POST /stock/update 400 411 413 415
        .and(warp::post())
        .and(warp::body::content_length_limit(64 * 1024)) //~ implied-status 411 //~ implied-status 413
        .and(warp::body::json())
        .map(|update: serde_json::Value| warp::reply::json(&update))
}

/// A multipart form: 411 and 413 by its default 2 MiB limit.
pub fn photo_upload() -> impl Filter<Extract = (impl Reply,), Error = Rejection> + Clone {
    warp::path!("items" / "photos") //~ route FIXME ANY /items/photos 400 411 413
        .and(warp::multipart::form()) //~ implied-status 411 //~ implied-status 413
        .map(|_form: warp::multipart::FormData| warp::reply())
}

/// With no limit, the form answers neither.
pub fn bulk_upload() -> impl Filter<Extract = (impl Reply,), Error = Rejection> + Clone {
    warp::path!("items" / "bulk") //~ route FIXME ANY /items/bulk 400
        .and(warp::multipart::form().max_length(None))
        .map(|_form: warp::multipart::FormData| warp::reply())
}

/// Files: 206 and 416 for ranges.
pub fn catalog_files() -> impl Filter<Extract = (impl Reply,), Error = Rejection> + Clone {
    warp::path("catalog").and(warp::fs::dir("catalog")) //~ implied-status 206 //~ implied-status 416 //~ route GET /catalog/{tail} 200 206 304 403 404 412 416 500
}
