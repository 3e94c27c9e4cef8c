//! The HTTP semantics rules: what RFC 9110 and the guideline ask of a response beyond its status.
//! Reads the responses detect found built whole in one expression, and the literals it found
//! turned into no status; knows no syn and does no IO. A response whose parts are not all visible
//! was recorded as possibly setting other headers, and is never said to lack one.

use crate::config::Policy;
use crate::model::{Body, BuiltResponse, Finding, Framework, InvalidStatus};
use crate::parse::ScannedFile;
use crate::rules::Rule;
use crate::status;

/// The findings of one file's built responses and invalid literals. `used` marks, per allow of
/// the file, the codes that suppressed something.
pub(crate) fn evaluate(file: &ScannedFile, policy: &Policy, used: &mut [Vec<u16>]) -> Vec<Finding> {
    let mut findings = Vec::new();
    for response in &file.responses {
        for (rule, message, label, help) in broken(response, policy) {
            let Some(severity) = policy.severity(rule) else { continue };
            let mut notes = Vec::new();
            if let Some(function) = &response.function {
                notes.push(format!("note: in `{function}` ({})", response.framework.name()));
            }
            findings.push(Finding {
                rule,
                severity,
                status: Some(response.status),
                message,
                path: file.path.clone(),
                span: Some(response.span),
                label,
                framework: Some(response.framework),
                function: response.function.clone(),
                notes,
                help: Some(help),
                suppressed: None,
                baselined: false,
                related: Vec::new(),
                excerpt: None,
            });
        }
    }
    for invalid in &file.invalid {
        if let Some(severity) = policy.severity(Rule::InvalidStatus) {
            findings.push(invalid_literal(file, invalid, severity));
        }
    }
    for finding in &mut findings {
        let (Some(status), Some(span)) = (finding.status, finding.span) else { continue };
        let allow = file.allows.iter().position(|allow| allow.covers(span.line) && allow.codes.contains(&status));
        if let Some(index) = allow {
            used[index].push(status);
            finding.suppressed = Some(file.allows[index].reason.clone().unwrap_or_default());
        }
    }
    findings
}

/// `(rule, message, label, help)` of every rule the response breaks.
fn broken(response: &BuiltResponse, policy: &Policy) -> Vec<(Rule, String, String, String)> {
    let described = status::describe(response.status);
    let mut broken = Vec::new();
    let lacks = |header: &str| !response.other_headers && !response.headers.iter().any(|name| name == header);
    let mut missing = |rule: Rule, header: &str, constant: &str, example: &str, why: &str| {
        if lacks(&header.to_ascii_lowercase()) {
            broken.push((
                rule,
                format!("{described} response without a `{header}` header"),
                format!("answers {} with no `{header}`", response.status),
                format!("{why}: {}", add_header(response.framework, header, constant, example)),
            ));
        }
    };
    let retry_after = response.status == 429 || response.status == 503 && policy.retry_after_on_503;
    if retry_after {
        missing(Rule::MissingRetryAfter, "Retry-After", "RETRY_AFTER", "30", "say when to retry");
    }
    match response.status {
        405 => {
            missing(Rule::MissingAllowHeader, "Allow", "ALLOW", "GET, POST", "list the methods the resource supports")
        }
        401 => missing(
            Rule::MissingWwwAuthenticate,
            "WWW-Authenticate",
            "WWW_AUTHENTICATE",
            "Bearer",
            "name the authentication scheme (or answer 403 if credentials would not help)",
        ),
        201 | 301 | 302 | 303 | 307 | 308 => {
            let why = if response.status == 201 {
                "name the created resource"
            } else {
                "say where to go, or use a redirect helper"
            };
            missing(Rule::MissingLocation, "Location", "LOCATION", "/items/1", why);
        }
        101 => missing(Rule::InvalidStatus, "Upgrade", "UPGRADE", "websocket", "name the protocol switched to"),
        _ => {}
    }
    if matches!(response.status, 204 | 304) && response.body == Body::Present {
        broken.push((
            Rule::BodyOnNoContent,
            format!("{described} response with a body"),
            format!("answers {} with content", response.status),
            format!("a {} response ends with its headers: drop the body, or answer 200 to send it", response.status),
        ));
    }
    if (100..200).contains(&response.status) && response.status != 101 {
        broken.push((
            Rule::InvalidStatus,
            format!("informational status {described} used as a final response"),
            format!("answers {} and nothing after it", response.status),
            "1xx responses are interim; hyper answers 500 instead and actix-web sends it as is: use a final status"
                .to_string(),
        ));
    }
    broken
}

/// How to add a header on the same response, in the framework's own words.
fn add_header(framework: Framework, header: &str, constant: &str, example: &str) -> String {
    match framework {
        Framework::Axum => format!("add `[(header::{constant}, \"{example}\")]` to the response tuple"),
        Framework::ActixWeb => {
            format!("add `.insert_header((header::{constant}, \"{example}\"))` to the builder, or to `.customize()` of a responder")
        }
        Framework::Warp => {
            format!(
                "wrap the reply in `warp::reply::with_header(reply, \"{}\", \"{example}\")`",
                header.to_ascii_lowercase()
            )
        }
        Framework::Rocket => {
            format!("set it on the response: `Response::build().raw_header(\"{header}\", \"{example}\")`, or a `Responder` that adds it")
        }
        Framework::Poem => format!("add `.with_header(header::{constant}, \"{example}\")` to the response"),
        Framework::Salvo => {
            format!("call `res.add_header(header::{constant}, \"{example}\", true)` on the same response")
        }
        Framework::Http => format!("add `.header(header::{constant}, \"{example}\")` to the builder"),
    }
}

fn invalid_literal(file: &ScannedFile, invalid: &InvalidStatus, severity: crate::rules::Severity) -> Finding {
    let mut notes = Vec::new();
    if let Some(function) = &invalid.function {
        notes.push(format!("note: in `{function}` ({})", invalid.framework.name()));
    }
    Finding {
        rule: Rule::InvalidStatus,
        severity,
        status: invalid.literal.parse::<u16>().ok().filter(|value| value.to_string() == invalid.literal),
        message: format!("`{}` is not a status code", invalid.literal),
        path: file.path.clone(),
        span: Some(invalid.span),
        label: "fails at run time: a status is three digits in 100..=999".to_string(),
        framework: Some(invalid.framework),
        function: invalid.function.clone(),
        notes,
        help: Some("use a status in 100..=599; 600..=999 convert but are not HTTP".to_string()),
        suppressed: None,
        baselined: false,
        related: Vec::new(),
        excerpt: None,
    }
}
