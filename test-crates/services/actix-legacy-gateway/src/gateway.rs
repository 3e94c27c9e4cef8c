//! A gateway in front of the retired billing API. It depends on actix-web under the name `web`
//! (inherited from the workspace), so every actix path starts with `web::`.

use web::error::ErrorLocked;
use web::http::StatusCode;
use web::{HttpRequest, HttpResponse};

pub async fn forward(request: HttpRequest) -> web::Result<HttpResponse> {
    match request.path() {
        "/teapot" => Ok(HttpResponse::ImATeapot().finish()), //~ unapproved-status 418
        "/locked" => Err(ErrorLocked("the legacy API is read-only")), //~ unapproved-status 423
        "/gone" => Ok(web::HttpResponse::Gone().finish()),
        "/moved" => Ok(web::HttpResponse::MovedPermanently() //~ unapproved-status 301
            .insert_header((web::http::header::LOCATION, "/v2"))
            .finish()),
        _ => Ok(HttpResponse::build(StatusCode::BAD_GATEWAY).finish()),
    }
}

pub fn legacy_redirect() -> web::web::Redirect {
    web::web::Redirect::to("/v2").see_other()
}

/// Upstream answers pass through unchanged unless they are teapots: only reads the status.
pub fn passes_through(status: StatusCode) -> bool {
    status != StatusCode::IM_A_TEAPOT
}
