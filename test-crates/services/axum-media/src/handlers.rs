//! Handlers whose extractors answer on their own when a request does not fit.

use axum::extract::rejection::JsonRejection;
use axum::extract::ws::WebSocket;
use axum::extract::{Multipart, Path, Query, WebSocketUpgrade};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};

#[derive(Debug, Deserialize, Serialize)]
pub struct NewAlbum {
    pub title: String,
}

#[derive(Debug, Deserialize)]
pub struct Page {
    pub after: Option<u64>,
}

/// A JSON body: 413 past axum's 2 MiB limit, on top of 400, 415 and 422.
pub async fn create_album(Json(album): Json<NewAlbum>) -> Json<NewAlbum> { //~ implied-status 413
    Json(album)
}

/// The rejection is answered here, with an approved status: the extractor answers nothing itself.
pub async fn rename_album(body: Result<Json<NewAlbum>, JsonRejection>) -> Response {
    match body {
        Ok(Json(album)) => Json(album).into_response(),
        Err(_) => StatusCode::BAD_REQUEST.into_response(),
    }
}

/// Only approved statuses (400 from `Path` and `Query`): nothing to report.
pub async fn list_photos(Path(album): Path<u64>, Query(page): Query<Page>) -> String {
    format!("{album} after {:?}", page.after)
}

/// A multipart upload: the boundary's 400 is approved; the fields' errors are answered here.
pub async fn upload(mut form: Multipart) -> StatusCode {
    while let Ok(Some(field)) = form.next_field().await {
        if field.bytes().await.is_err() {
            return StatusCode::BAD_REQUEST;
        }
    }
    StatusCode::CREATED
}

/// A WebSocket: 101 when it opens, 426 when the connection cannot be upgraded.
pub async fn live(upgrade: WebSocketUpgrade) -> Response { //~ implied-status 101 //~ implied-status 426
    upgrade.on_upgrade(|socket: WebSocket| async move { drop(socket) })
}

/// FIXME: a `Bytes` (or `String`) body answers 413 past 2 MiB too, but as a parameter type it is
/// not told from a helper's without the endpoint map.
pub async fn raw_upload(body: axum::body::Bytes) -> StatusCode { //~ FIXME implied-status 413
    if body.is_empty() {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::CREATED
    }
}

/// A closure handler's extractor counts as a function's does.
pub fn inline_handler() -> axum::routing::MethodRouter {
    axum::routing::post(|Json(album): Json<NewAlbum>| async move { album.title }) //~ implied-status 413
}

/// Not a parameter: a `Json` returned answers 500 only if it cannot serialize, which is approved.
pub async fn album() -> Json<NewAlbum> {
    Json(NewAlbum { title: String::from("summer") })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Test code is not audited.
    #[allow(dead_code)]
    async fn fixture(Json(album): Json<NewAlbum>) -> String {
        album.title
    }
}
