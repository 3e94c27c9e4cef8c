//! Integration tests are audited only with `--include-tests`.

use axum::http::StatusCode;
use axum::response::IntoResponse;

#[tokio::test]
async fn teapot_is_a_teapot() {
    let response = (StatusCode::IM_A_TEAPOT, "tea").into_response(); //~[include-tests] unapproved-status 418
    assert_eq!(response.status(), StatusCode::IM_A_TEAPOT);
}
