//! What a resolved path means for the response status: a `StatusCode` constant, a framework
//! helper named after its code, a redirect helper, or a `StatusCode` constructor. Knows the APIs
//! of http, axum, actix-web, warp and tower-http; knows nothing of syn or of the approved list.

use crate::model::{Form, Framework};
use crate::status;

/// A path that, used as an expression, produces a known status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Produced {
    pub status: u16,
    pub form: Form,
    /// The framework the path itself names, if it names one.
    pub framework: Option<Framework>,
}

/// Which frameworks may own a name that the file does not import explicitly.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Candidates {
    pub axum: bool,
    pub actix: bool,
}

/// The framework a crate name belongs to.
pub(crate) fn framework_of_crate(crate_name: &str) -> Option<Framework> {
    match crate_name {
        "axum" | "axum_core" | "axum_extra" => Some(Framework::Axum),
        "actix_web" | "actix_http" => Some(Framework::ActixWeb),
        "warp" => Some(Framework::Warp),
        "http" | "hyper" | "reqwest" | "tower_http" | "poem" | "salvo" => Some(Framework::Http),
        _ => None,
    }
}

/// Whether the path (without its last segment) names `StatusCode`. A path that could not be
/// resolved to a crate still counts: associated constants cannot be imported on their own, so a
/// `StatusCode` in scope is practically always http's, re-exported or aliased.
pub(crate) fn is_status_type(type_path: &[String]) -> bool {
    type_path.last().is_some_and(|last| last == "StatusCode")
}

/// The meaning of `path` used as a value or called as a function.
pub(crate) fn classify_path(path: &[String], candidates: Candidates) -> Option<Produced> {
    let (last, prefix) = path.split_last()?;
    let root = path.first().map(String::as_str).unwrap_or_default();
    let root_framework = framework_of_crate(root);
    let parent = prefix.last().map(String::as_str);

    if is_status_type(prefix) {
        let status = status::code_of_constant(last)?;
        return Some(Produced { status, form: Form::Constant, framework: root_framework });
    }

    // A name the file does not import (a glob import, a prelude) is taken for the framework's
    // only when it is written bare, as the framework's own documentation writes it.
    let bare = root_framework.is_none() && prefix.len() <= 1;
    let actix = root_framework == Some(Framework::ActixWeb) || bare && candidates.actix;
    if actix && parent == Some("HttpResponse") {
        let status = status::code_of_actix_builder(last)?;
        return Some(helper(status, Framework::ActixWeb));
    }
    if actix && (prefix.is_empty() || parent == Some("error")) {
        if let Some(status) = status::code_of_actix_error(last) {
            return Some(helper(status, Framework::ActixWeb));
        }
    }
    if root == "actix_http" && parent == Some("Response") {
        let status = match last.as_str() {
            "ok" => 200,
            "bad_request" => 400,
            "not_found" => 404,
            "internal_server_error" => 500,
            _ => return None,
        };
        return Some(helper(status, Framework::ActixWeb));
    }

    if parent == Some("Redirect") {
        let owner = match root_framework {
            Some(framework) => Some(framework),
            None if !bare => None,
            None => match (candidates.axum, candidates.actix) {
                (true, false) => Some(Framework::Axum),
                (false, true) => Some(Framework::ActixWeb),
                _ => None,
            },
        };
        let status = match (owner?, last.as_str()) {
            // axum 0.7/0.8 `Redirect::to` is a 303; actix-web's is a 307.
            (Framework::Axum, "to") => 303,
            (Framework::Axum | Framework::Http, "temporary") => 307,
            (Framework::Axum | Framework::Http, "permanent") => 308,
            (Framework::ActixWeb, "to" | "new") => 307,
            _ => return None,
        };
        return Some(redirect(status, owner?));
    }
    if root_framework == Some(Framework::ActixWeb) && path.ends_with(&["web".to_string(), "redirect".to_string()]) {
        return Some(redirect(307, Framework::ActixWeb));
    }
    if root == "warp" && path.len() >= 2 && path[1] == "redirect" {
        let status = match path[2..].iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
            [] | ["redirect"] => 301,
            ["found"] => 302,
            ["see_other"] => 303,
            ["temporary"] => 307,
            ["permanent"] => 308,
            _ => return None,
        };
        return Some(redirect(status, Framework::Warp));
    }
    if root_framework == Some(Framework::Axum) && last == "NoContent" && parent == Some("response") {
        return Some(helper(204, Framework::Axum));
    }
    None
}

/// The code an actix-web `Redirect` modifier sets, as in `web::Redirect::to(..).permanent()`.
pub(crate) fn actix_redirect_modifier(method: &str) -> Option<Option<u16>> {
    match method {
        "permanent" => Some(Some(308)),
        "temporary" => Some(Some(307)),
        "see_other" => Some(Some(303)),
        // The code is the argument, which is detected on its own.
        "using_status_code" => Some(None),
        _ => None,
    }
}

/// Whether `path` is a function that puts the status it is given on a response: actix-web
/// `HttpResponse::build`, `HttpResponse::new`, `HttpResponseBuilder::new` and
/// `InternalError::new`, warp `with_status`.
pub(crate) fn takes_a_status(path: &[String]) -> bool {
    let Some((last, prefix)) = path.split_last() else { return false };
    let parent = prefix.last().map(String::as_str);
    match last.as_str() {
        "with_status" => true,
        "build" => parent == Some("HttpResponse"),
        "new" => matches!(parent, Some("HttpResponse" | "HttpResponseBuilder" | "InternalError")),
        _ => false,
    }
}

/// Whether `path` is a `StatusCode` constructor that takes a number, string or bytes.
pub(crate) fn is_status_constructor(path: &[String]) -> bool {
    let Some((last, prefix)) = path.split_last() else { return false };
    is_status_type(prefix) && is_constructor_name(last)
}

/// The names of `StatusCode`'s constructors from a number or its text.
pub(crate) fn is_constructor_name(name: &str) -> bool {
    matches!(name, "from_u16" | "try_from" | "from_bytes" | "from_str")
}

fn helper(status: u16, framework: Framework) -> Produced {
    Produced { status, form: Form::Helper, framework: Some(framework) }
}

fn redirect(status: u16, framework: Framework) -> Produced {
    Produced { status, form: Form::Redirect, framework: Some(framework) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classify(path: &str, candidates: Candidates) -> Option<(u16, Form)> {
        let segments: Vec<String> = path.split("::").map(str::to_string).collect();
        classify_path(&segments, candidates).map(|produced| (produced.status, produced.form))
    }

    const NONE: Candidates = Candidates { axum: false, actix: false };

    #[test]
    fn constants_helpers_and_redirects() {
        assert_eq!(classify("axum::http::StatusCode::IM_A_TEAPOT", NONE), Some((418, Form::Constant)));
        assert_eq!(classify("StatusCode::LOCKED", NONE), Some((423, Form::Constant)));
        assert_eq!(classify("StatusCode::from_u16", NONE), None);
        assert_eq!(classify("actix_web::HttpResponse::ImATeapot", NONE), Some((418, Form::Helper)));
        assert_eq!(classify("actix_web::error::ErrorLocked", NONE), Some((423, Form::Helper)));
        assert_eq!(classify("axum::response::Redirect::to", NONE), Some((303, Form::Redirect)));
        assert_eq!(classify("actix_web::web::Redirect::to", NONE), Some((307, Form::Redirect)));
        assert_eq!(classify("warp::redirect", NONE), Some((301, Form::Redirect)));
        assert_eq!(classify("warp::redirect::found", NONE), Some((302, Form::Redirect)));
    }

    #[test]
    fn unimported_names_need_the_framework_among_the_dependencies() {
        let actix = Candidates { actix: true, ..NONE };
        assert_eq!(classify("HttpResponse::Locked", NONE), None);
        assert_eq!(classify("HttpResponse::Locked", actix), Some((423, Form::Helper)));
        assert_eq!(classify("ErrorLocked", actix), Some((423, Form::Helper)));
        assert_eq!(classify("Redirect::to", actix), Some((307, Form::Redirect)));
        assert_eq!(classify("Redirect::to", Candidates { axum: true, ..NONE }), Some((303, Form::Redirect)));
        assert_eq!(classify("Redirect::to", Candidates { axum: true, actix: true }), None);
        assert_eq!(classify("my_crate::HttpResponse::Locked", actix), None);
    }
}
