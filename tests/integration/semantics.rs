//! The HTTP semantics rules through the in-memory pipeline: what config and allows change, and
//! the shapes the sample crates do not spell out.

use status_audit::config::{parse_config_file, Layer, Policy};
use status_audit::discover::PackageContext;
use status_audit::model::Framework;

use crate::support::{findings_of, manifest, run_in, run_json, Workspace};

fn context(framework: Framework) -> PackageContext {
    PackageContext { frameworks: vec![framework, Framework::Http], ..PackageContext::default() }
}

fn policy(config: &str) -> Policy {
    let layer = parse_config_file(std::path::Path::new("status-audit.toml"), config).expect("a valid config");
    Policy::resolve(&[layer], None, &Layer::default())
}

/// `(rule, line, status)` of every finding that counts.
fn audit(source: &str, framework: Framework, config: &str) -> Vec<(String, usize, Option<u16>)> {
    status_audit::audit_bytes(source.as_bytes().to_vec(), &context(framework), &policy(config))
        .into_iter()
        .filter(|finding| finding.suppressed.is_none())
        .map(|finding| (finding.rule.name().to_string(), finding.span.map_or(0, |span| span.line), finding.status))
        .collect()
}

fn rule(name: &str, line: usize, status: u16) -> (String, usize, Option<u16>) {
    (name.to_string(), line, Some(status))
}

const UNAVAILABLE: &str = "use axum::http::{header, StatusCode};\n\
use axum::response::{IntoResponse, Response};\n\
pub async fn down() -> Response {\n\
    (StatusCode::SERVICE_UNAVAILABLE, \"down for maintenance\").into_response()\n\
}\n\
pub async fn back_soon() -> Response {\n\
    (StatusCode::SERVICE_UNAVAILABLE, [(header::RETRY_AFTER, \"60\")], \"back soon\").into_response()\n\
}\n";

#[test]
fn retry_after_covers_503_when_configured() {
    assert_eq!(audit(UNAVAILABLE, Framework::Axum, ""), []);
    assert_eq!(audit(UNAVAILABLE, Framework::Axum, "retry-after-on-503 = true"), [rule("missing-retry-after", 4, 503)]);
    assert_eq!(audit(UNAVAILABLE, Framework::Axum, "retry-after-on-503 = false"), []);
}

const LIMITED: &str = "use axum::http::StatusCode;\n\
pub async fn limited() -> (StatusCode, &'static str) {\n\
    (StatusCode::TOO_MANY_REQUESTS, \"slow down\")\n\
}\n\
pub async fn empty() -> (StatusCode, &'static str) {\n\
    (StatusCode::NO_CONTENT, \"nothing\")\n\
}\n";

#[test]
fn levels_change_the_new_rules() {
    let default = audit(LIMITED, Framework::Axum, "");
    assert_eq!(default, [rule("missing-retry-after", 3, 429), rule("body-on-no-content", 6, 204)]);
    let levels = "[levels]\nmissing-retry-after = \"allow\"\nbody-on-no-content = \"warn\"\n";
    let findings = status_audit::audit_bytes(LIMITED.as_bytes().to_vec(), &context(Framework::Axum), &policy(levels));
    let summary: Vec<(&str, &str)> =
        findings.iter().map(|finding| (finding.rule.name(), finding.severity.name())).collect();
    assert_eq!(summary, [("body-on-no-content", "warning")]);
    let denied = "[levels]\nmissing-retry-after = \"deny\"\n";
    let findings = status_audit::audit_bytes(LIMITED.as_bytes().to_vec(), &context(Framework::Axum), &policy(denied));
    assert_eq!(findings[0].severity.name(), "error");
}

#[test]
fn an_allow_for_the_status_suppresses_the_finding() {
    let source = LIMITED.replace(
        "(StatusCode::TOO_MANY_REQUESTS, \"slow down\")",
        "(StatusCode::TOO_MANY_REQUESTS, \"slow down\") // status-audit: allow(429) the gateway adds Retry-After",
    );
    assert_eq!(audit(&source, Framework::Axum, ""), [rule("body-on-no-content", 6, 204)]);
}

#[test]
fn findings_carry_the_framework_and_a_fix_in_its_words() {
    let source = "use actix_web::HttpResponse;\n\
pub async fn limited() -> HttpResponse {\n\
    HttpResponse::TooManyRequests().finish()\n\
}\n";
    let findings = status_audit::audit_bytes(
        source.as_bytes().to_vec(),
        &context(Framework::ActixWeb),
        &Policy::guideline_default(),
    );
    assert_eq!(findings.len(), 1);
    let finding = &findings[0];
    assert_eq!(finding.message, "429 Too Many Requests response without a `Retry-After` header");
    assert_eq!(finding.function.as_deref(), Some("limited"));
    assert!(finding.help.as_deref().unwrap().contains(".insert_header((header::RETRY_AFTER"), "{:?}", finding.help);
}

#[test]
fn invalid_literals_in_every_conversion() {
    let source = "use http::StatusCode;\n\
pub fn statuses() {\n\
    let _ = StatusCode::from_u16(1000);\n\
    let _ = StatusCode::try_from(99);\n\
    let _ = StatusCode::from_bytes(b\"0418\");\n\
    let _ = \"4040\".parse::<StatusCode>();\n\
    let _ = http::Response::builder().status(0).body(());\n\
    let _ = StatusCode::from_u16(999);\n\
    let _ = \"teapot\".parse::<StatusCode>();\n\
}\n";
    let all = audit(source, Framework::Http, "");
    // `b"0418"` is not 418: `http` reads exactly three digits.
    assert!(!all.iter().any(|(rule, line, _)| rule == "unapproved-status" && *line == 5), "{all:?}");
    let findings: Vec<(String, usize, Option<u16>)> =
        all.into_iter().filter(|(rule, _, _)| rule == "invalid-status").collect();
    assert_eq!(
        findings,
        [
            rule("invalid-status", 3, 1000),
            rule("invalid-status", 4, 99),
            ("invalid-status".to_string(), 5, None),
            rule("invalid-status", 6, 4040),
            rule("invalid-status", 7, 0),
        ]
    );
}

/// A response that leaves the expression before it is whole is not judged.
#[test]
fn responses_finished_elsewhere_stay_quiet() {
    let source = "use axum::http::{header, HeaderMap, StatusCode};\n\
use axum::response::{IntoResponse, Response};\n\
fn helper(response: (StatusCode, &'static str)) -> Response { ([(header::RETRY_AFTER, \"1\")], response).into_response() }\n\
pub async fn a() -> Response { helper((StatusCode::TOO_MANY_REQUESTS, \"slow\")) }\n\
pub async fn b(headers: HeaderMap) -> Response { (StatusCode::TOO_MANY_REQUESTS, headers, \"slow\").into_response() }\n\
pub async fn c(message: String) -> Response { (StatusCode::UNAUTHORIZED, message).into_response() }\n\
pub fn d() -> StatusCode { StatusCode::METHOD_NOT_ALLOWED }\n\
pub async fn e() -> Response { let r = (StatusCode::CREATED, \"made\").into_response(); r }\n\
fn f() -> (StatusCode, &'static str) { (StatusCode::UNAUTHORIZED, \"who\") }\n";
    assert_eq!(audit(source, Framework::Axum, ""), []);
}

#[test]
fn test_code_is_not_judged() {
    let workspace = Workspace::new(&[
        ("Cargo.toml", &manifest("svc", "axum = \"0.8\"")),
        (
            "src/lib.rs",
            "use axum::http::StatusCode;\n\
             #[cfg(test)]\nmod tests;\n\
             #[cfg(test)]\nfn fixture() -> (StatusCode, &'static str) { let x = 1; (StatusCode::TOO_MANY_REQUESTS, \"x\") }\n",
        ),
        ("src/tests.rs", "use axum::http::StatusCode;\npub async fn limited() -> (StatusCode, &'static str) { (StatusCode::TOO_MANY_REQUESTS, \"x\") }\n"),
    ]);
    let (report, run) = run_json(&workspace.path(), &[]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(findings_of(&report, "missing-retry-after").is_empty());
    let (report, _) = run_json(&workspace.path(), &["--include-tests"]);
    assert_eq!(findings_of(&report, "missing-retry-after").len(), 1, "the out-of-line test module");
    assert_eq!(run_in(&workspace.path(), &["--deny", "warnings", "--include-tests"]).code, 1);
}
