//! What a resolved path means for the response status: a `StatusCode` constant, a framework
//! helper named after its code, a redirect helper, or a `StatusCode` constructor. Knows the APIs
//! of http, axum, actix-web, warp, Rocket, poem, salvo and tower-http; knows nothing of syn or of
//! the approved list.

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
    pub salvo: bool,
    /// Only from a glob import: Rocket's `Status` and poem's `NotFound` are common names.
    pub rocket: bool,
    pub poem: bool,
    /// poem's error functions (`NotFound(err)`) are bare only under `use poem::error::*;`.
    pub poem_errors: bool,
}

impl Candidates {
    /// The one framework a bare name may belong to, when there is one.
    fn only(self) -> Option<Framework> {
        let owners = [
            (self.axum, Framework::Axum),
            (self.actix, Framework::ActixWeb),
            (self.rocket, Framework::Rocket),
            (self.poem, Framework::Poem),
            (self.salvo, Framework::Salvo),
        ];
        let mut owners = owners.into_iter().filter(|(candidate, _)| *candidate);
        match (owners.next(), owners.next()) {
            (Some((_, framework)), None) => Some(framework),
            _ => None,
        }
    }
}

/// The framework a crate name belongs to.
pub(crate) fn framework_of_crate(crate_name: &str) -> Option<Framework> {
    match crate_name {
        "axum" | "axum_core" | "axum_extra" => Some(Framework::Axum),
        "actix_web" | "actix_http" => Some(Framework::ActixWeb),
        "warp" => Some(Framework::Warp),
        "rocket" | "rocket_http" => Some(Framework::Rocket),
        "poem" | "poem_openapi" => Some(Framework::Poem),
        "salvo" | "salvo_core" => Some(Framework::Salvo),
        "http" | "hyper" | "reqwest" | "tower_http" => Some(Framework::Http),
        _ => None,
    }
}

/// Whether the path (without its last segment) names `StatusCode`. A path that could not be
/// resolved to a crate still counts: associated constants cannot be imported on their own, so a
/// `StatusCode` in scope is practically always http's, re-exported or aliased.
pub(crate) fn is_status_type(type_path: &[String]) -> bool {
    type_path.last().is_some_and(|last| last == "StatusCode") || is_rocket_status(type_path)
}

/// Whether the path names Rocket's own `Status` type (`rocket::http::Status`).
fn is_rocket_status(type_path: &[String]) -> bool {
    let root = type_path.first().map(String::as_str).unwrap_or_default();
    type_path.len() > 1
        && type_path.last().is_some_and(|last| last == "Status")
        && framework_of_crate(root) == Some(Framework::Rocket)
}

/// The meaning of `path` used as a value or called as a function.
pub(crate) fn classify_path(path: &[String], candidates: Candidates) -> Option<Produced> {
    let (last, prefix) = path.split_last()?;
    let root = path.first().map(String::as_str).unwrap_or_default();
    let root_framework = framework_of_crate(root);
    let parent = prefix.last().map(String::as_str);

    if is_rocket_status(prefix) {
        let status = status::code_of_rocket_constant(last)?;
        return Some(Produced { status, form: Form::Constant, framework: Some(Framework::Rocket) });
    }
    if is_status_type(prefix) {
        let status = status::code_of_constant(last)?;
        return Some(Produced { status, form: Form::Constant, framework: root_framework });
    }

    // A name the file does not import (a glob import, a prelude) is taken for the framework's
    // only when it is written bare, as the framework's own documentation writes it.
    let bare = root_framework.is_none() && prefix.len() <= 1;
    let owner = |framework: Framework, candidate: bool| root_framework == Some(framework) || bare && candidate;
    if owner(Framework::ActixWeb, candidates.actix) {
        if parent == Some("HttpResponse") {
            return Some(helper(status::code_of_actix_builder(last)?, Framework::ActixWeb));
        }
        if prefix.is_empty() || parent == Some("error") {
            if let Some(status) = status::code_of_actix_error(last) {
                return Some(helper(status, Framework::ActixWeb));
            }
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
    if let Some(produced) = other_frameworks_helper(path, candidates, bare) {
        return Some(produced);
    }

    if parent == Some("Redirect") {
        let owner = match root_framework {
            Some(framework) => Some(framework),
            None if !bare => None,
            None => candidates.only(),
        };
        let status = match (owner?, last.as_str()) {
            // axum 0.7/0.8 `Redirect::to` is a 303; actix-web's is a 307.
            (Framework::Axum, "to") => 303,
            (Framework::Axum | Framework::Http, "temporary") => 307,
            (Framework::Axum | Framework::Http, "permanent") => 308,
            (Framework::ActixWeb, "to" | "new") => 307,
            // Rocket 0.5 `core/lib/src/response/redirect.rs`.
            (Framework::Rocket, "to") => 303,
            (Framework::Rocket, "found") => 302,
            (Framework::Rocket, "moved") => 301,
            // poem 3 `poem/src/web/redirect.rs`.
            (Framework::Poem, "see_other") => 303,
            (Framework::Poem, "moved_permanent") => 301,
            // salvo 0.95 `crates/core/src/writing/redirect.rs`; `with_status_code` takes the
            // status as its argument, which is detected on its own.
            (Framework::Salvo, "found") => 302,
            (Framework::Salvo, "other") => 303,
            (Framework::Rocket | Framework::Poem | Framework::Salvo, "temporary") => 307,
            (Framework::Rocket | Framework::Poem | Framework::Salvo, "permanent") => 308,
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

/// Whether `path` produces a status, as a value, a call, or through its constructor `new`
/// (Rocket's `status::Created`).
pub(crate) fn produces(path: &[String]) -> bool {
    classify_path(path, Candidates::default()).is_some()
        || classify_path(&[path, &["new".to_string()]].concat(), Candidates::default()).is_some()
}

/// The helpers of Rocket, poem and salvo named after their code: Rocket's responders in
/// `rocket::response::status` (`NotFound(body)`, `NoContent`, `Created::new(uri)`), poem's
/// `error::NotFound(err)` and salvo's `StatusError::not_found()`.
fn other_frameworks_helper(path: &[String], candidates: Candidates, bare: bool) -> Option<Produced> {
    let (last, prefix) = path.split_last()?;
    let root_framework = framework_of_crate(path.first()?);
    let parent = prefix.last().map(String::as_str);
    match root_framework {
        // Rocket 0.5 `core/lib/src/response/status.rs`.
        Some(Framework::Rocket) if prefix.iter().any(|segment| segment == "status") => {
            let status = match (parent, last.as_str()) {
                (Some("Created"), "new") => 201,
                (Some("status"), "Accepted") => 202,
                (Some("status"), "NoContent") => 204,
                (Some("status"), "BadRequest") => 400,
                (Some("status"), "Unauthorized") => 401,
                (Some("status"), "Forbidden") => 403,
                (Some("status"), "NotFound") => 404,
                (Some("status"), "Conflict") => 409,
                _ => return None,
            };
            Some(helper(status, Framework::Rocket))
        }
        // poem 3 `poem/src/error.rs` (`define_http_error!`); bare only under `use poem::error::*;`.
        Some(Framework::Poem) if parent == Some("error") => {
            Some(helper(status::code_of_poem_error(last)?, Framework::Poem))
        }
        None if bare && candidates.poem_errors && prefix.is_empty() => {
            Some(helper(status::code_of_poem_error(last)?, Framework::Poem))
        }
        // salvo 0.95 `crates/core/src/http/errors/status_error.rs`, bare under its prelude.
        Some(Framework::Salvo) | None
            if parent == Some("StatusError") && (root_framework.is_some() || bare && candidates.salvo) =>
        {
            Some(helper(status::code_of_salvo_error(last)?, Framework::Salvo))
        }
        _ => None,
    }
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
/// `InternalError::new`, warp `with_status`, salvo `StatusError::from_code`.
pub(crate) fn takes_a_status(path: &[String]) -> bool {
    let Some((last, prefix)) = path.split_last() else { return false };
    let parent = prefix.last().map(String::as_str);
    match last.as_str() {
        "with_status" => true,
        "build" => parent == Some("HttpResponse"),
        "new" => matches!(parent, Some("HttpResponse" | "HttpResponseBuilder" | "InternalError")),
        // salvo's `StatusError::from_code(status)`.
        "from_code" => parent == Some("StatusError"),
        _ => false,
    }
}

/// Whether `path` is a `StatusCode` constructor that takes a number, string or bytes.
pub(crate) fn is_status_constructor(path: &[String]) -> bool {
    let Some((last, prefix)) = path.split_last() else { return false };
    // Rocket's `Status::new(n)` (no check) and `Status::from_code(n)`.
    is_status_type(prefix) && is_constructor_name(last)
        || is_rocket_status(prefix) && matches!(last.as_str(), "new" | "from_code")
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

    const NONE: Candidates =
        Candidates { axum: false, actix: false, salvo: false, rocket: false, poem: false, poem_errors: false };

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
        assert_eq!(classify("Redirect::to", Candidates { axum: true, actix: true, ..NONE }), None);
        assert_eq!(classify("my_crate::HttpResponse::Locked", actix), None);
    }

    #[test]
    fn rocket_poem_and_salvo() {
        assert_eq!(classify("rocket::http::Status::ImATeapot", NONE), Some((418, Form::Constant)));
        assert_eq!(classify("rocket::http::Status::HttpVersionNotSupported", NONE), Some((505, Form::Constant)));
        assert_eq!(classify("rocket::http::Status::VersionNotSupported", NONE), None);
        assert_eq!(classify("my_app::Status::NotFound", NONE), None);
        assert_eq!(classify("rocket::response::status::NotFound", NONE), Some((404, Form::Helper)));
        assert_eq!(classify("rocket::response::status::Created::new", NONE), Some((201, Form::Helper)));
        assert_eq!(classify("rocket::response::status::Custom", NONE), None);
        assert_eq!(classify("rocket::response::Redirect::to", NONE), Some((303, Form::Redirect)));
        assert_eq!(classify("rocket::response::Redirect::moved", NONE), Some((301, Form::Redirect)));
        assert_eq!(classify("poem::error::ImATeapot", NONE), Some((418, Form::Helper)));
        assert_eq!(classify("poem::error::ErrorImATeapot", NONE), None);
        assert_eq!(classify("poem::web::Redirect::moved_permanent", NONE), Some((301, Form::Redirect)));
        assert_eq!(classify("salvo::http::StatusError::im_a_teapot", NONE), Some((418, Form::Helper)));
        assert_eq!(classify("salvo::http::StatusError::from_code", NONE), None);
        assert_eq!(classify("salvo::writing::Redirect::other", NONE), Some((303, Form::Redirect)));
        assert!(is_status_constructor(&["rocket".into(), "http".into(), "Status".into(), "new".into()]));
        assert!(!is_status_constructor(&["my_app".into(), "Status".into(), "new".into()]));
    }

    #[test]
    fn bare_names_of_rocket_poem_and_salvo_need_their_evidence() {
        let salvo = Candidates { salvo: true, ..NONE };
        assert_eq!(classify("StatusError::gone", salvo), Some((410, Form::Helper)));
        assert_eq!(classify("StatusError::gone", NONE), None);
        assert_eq!(classify("Redirect::other", salvo), Some((303, Form::Redirect)));
        assert_eq!(classify("NotFound", Candidates { poem: true, ..NONE }), None);
        assert_eq!(classify("NotFound", Candidates { poem_errors: true, ..NONE }), Some((404, Form::Helper)));
        assert_eq!(classify("Redirect::see_other", Candidates { poem: true, ..NONE }), Some((303, Form::Redirect)));
        assert_eq!(classify("Redirect::to", Candidates { rocket: true, ..NONE }), Some((303, Form::Redirect)));
        assert_eq!(classify("Redirect::found", Candidates { rocket: true, salvo: true, ..NONE }), None);
    }
}
