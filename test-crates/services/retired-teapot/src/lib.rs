//! A retired service, excluded from the workspace in its `exclude` list: not audited.

pub fn brew() -> http::StatusCode {
    http::StatusCode::IM_A_TEAPOT
}
