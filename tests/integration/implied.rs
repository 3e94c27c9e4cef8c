//! Implied statuses: what extractors, layers, filters and file services answer on a service's
//! behalf, through the in-memory pipeline and the binary. The sample crates carry the rest as
//! `//~ implied-status` markers.

use status_audit::config::{parse_config_file, Layer, Policy};
use status_audit::discover::PackageContext;
use status_audit::model::Framework;

use crate::support::{findings_of, manifest, run_json, Workspace};

fn policy(config: &str) -> Policy {
    let layer = parse_config_file(std::path::Path::new("status-audit.toml"), config).expect("a valid config");
    Policy::resolve(&[layer], None, &Layer::default())
}

/// `(line, status)` of every `implied-status` finding that counts.
fn implied(source: &str, framework: Framework, config: &str) -> Vec<(usize, u16)> {
    let context = PackageContext { frameworks: vec![framework, Framework::Http], ..PackageContext::default() };
    status_audit::audit_bytes(source.as_bytes().to_vec(), &context, &policy(config))
        .into_iter()
        .filter(|finding| finding.rule.name() == "implied-status" && finding.suppressed.is_none())
        .map(|finding| (finding.span.map_or(0, |span| span.line), finding.status.unwrap_or(0)))
        .collect()
}

const UPLOAD: &str = "use axum::Json;\n\
use axum::extract::rejection::JsonRejection;\n\
pub async fn create(Json(order): Json<Order>) {}\n\
pub async fn create_checked(order: Result<Json<Order>, JsonRejection>) {}\n\
pub async fn create_optional(order: Option<Json<Order>>) {}\n\
pub async fn create_qualified(axum::Json(order): axum::Json<Order>) {}\n";

#[test]
fn an_extractor_at_the_top_of_a_parameter_answers_for_the_handler() {
    assert_eq!(implied(UPLOAD, Framework::Axum, ""), [(3, 413), (5, 413), (6, 413)]);
}

#[test]
fn only_what_a_framework_calls_with_extractors_takes_them() {
    let source = "use axum::Json;\n\
pub fn convert(response: Json<Order>) -> Json<Order> { response }\n\
pub trait Store { async fn save(&self, order: Json<Order>); }\n\
pub fn router() -> axum::routing::MethodRouter { axum::routing::post(|Json(o): Json<Order>| async move {}) }\n";
    assert_eq!(implied(source, Framework::Axum, ""), [(4, 413)]);
    // actix-web's `Option<T>` takes a rejected body for `None`; its `web::Bytes` has a limit.
    let actix = "use actix_web::web;\n\
pub async fn pay(payment: Option<web::Json<Payment>>, raw: web::Bytes) {}\n";
    assert_eq!(implied(actix, Framework::ActixWeb, ""), [(2, 413)]);
}

#[test]
fn approving_the_code_or_allowing_the_rule_silences_it() {
    assert!(implied(UPLOAD, Framework::Axum, "extend-approved = [413]").is_empty());
    assert!(implied(UPLOAD, Framework::Axum, "[levels]\nimplied-status = \"allow\"").is_empty());
    // A narrower list reports what the extractor answers beyond it.
    let narrow = implied(UPLOAD, Framework::Axum, "approved = [200, 400, 500]");
    let mut expected = Vec::new();
    for line in [3, 5, 6] {
        expected.extend([(line, 413), (line, 415), (line, 422)]);
    }
    assert_eq!(narrow, expected);
}

#[test]
fn an_inline_allow_suppresses_the_code_it_names() {
    let source = "use axum::Json;\n\
// status-audit: allow(413) the gateway caps bodies at 1 MiB first\n\
pub async fn create(Json(order): Json<Order>) {}\n";
    assert!(implied(source, Framework::Axum, "").is_empty());
}

#[test]
fn settings_written_on_the_component_change_what_it_answers() {
    let source = "use tower_http::services::ServeDir;\n\
pub fn assets() -> ServeDir { ServeDir::new(\"assets\") }\n\
pub fn thumbnails() -> ServeDir { ServeDir::new(\"thumbs\").append_index_html_on_directories(false) }\n\
pub fn kept() -> ServeDir { ServeDir::new(\"kept\").append_index_html_on_directories(true) }\n";
    let found = implied(source, Framework::Axum, "");
    assert_eq!(found, [(2, 206), (2, 307), (2, 416), (3, 206), (3, 416), (4, 206), (4, 307), (4, 416)]);
}

#[test]
fn names_are_resolved_through_imports_renames_and_globs() {
    let source = "use tower_http::timeout::TimeoutLayer as Deadline;\n\
use warp::*;\n\
use actix_web::web::Json as Body;\n\
pub fn layer() -> Deadline { Deadline::new(std::time::Duration::from_secs(5)) }\n\
pub fn limit() { let _ = body::content_length_limit(1024); }\n\
pub async fn pay(payment: Body<Payment>) {}\n\
pub struct Json<T>(pub T);\n\
pub async fn own(Json(x): Json<u8>) {}\n";
    assert_eq!(implied(source, Framework::Warp, ""), [(4, 408), (5, 411), (5, 413), (6, 413)]);
}

#[test]
fn skipping_files_and_items_never_loses_a_component() {
    let workspace = Workspace::new(&[
        ("Cargo.toml", &manifest("media", "axum = \"0.8\"\ntower-http = \"0.6\"")),
        ("src/lib.rs", "pub mod handlers;\npub mod layers;\n"),
        ("src/handlers.rs", "use axum::Json;\npub fn helper() -> u8 { 1 }\npub async fn create(Json(o): Json<u8>) {}\n"),
        (
            "src/layers.rs",
            "use tower_http::limit::RequestBodyLimitLayer as Cap;\npub fn f() -> u8 { 2 }\npub fn cap() -> Cap { Cap::new(10) }\n",
        ),
    ]);
    let (report, _) = run_json(&workspace.path(), &[]);
    let (all, _) = run_json(&workspace.path(), &["--parse-all"]);
    let found = findings_of(&report, "implied-status");
    assert_eq!(found, findings_of(&all, "implied-status"));
    assert_eq!(found, [("src/handlers.rs".to_string(), 3, Some(413)), ("src/layers.rs".to_string(), 3, Some(413))]);
}

#[test]
fn the_explanation_lists_every_component_with_its_source() {
    let documentation = status_audit::rules::Rule::from_name("implied-status").unwrap().documentation();
    for component in status_audit::implied::catalogue::COMPONENTS {
        assert!(documentation.contains(component.subject), "{}", component.subject);
        assert!(documentation.contains(component.source), "{}", component.source);
    }
}

#[test]
fn the_inventory_lists_implied_statuses_apart_with_their_component() {
    let workspace = Workspace::new(&[
        ("Cargo.toml", &manifest("media", "axum = \"0.8\"")),
        ("src/lib.rs", "use axum::Json;\nuse axum::http::StatusCode;\npub async fn create(Json(o): Json<u8>) -> StatusCode { StatusCode::CREATED }\n"),
    ]);
    let (report, run) = run_json(&workspace.path(), &["--inventory"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let explicit: Vec<u64> =
        report["statuses"].as_array().unwrap().iter().map(|group| group["status"].as_u64().unwrap()).collect();
    assert_eq!(explicit, [201]);
    let implied = report["implied"].as_array().unwrap();
    let codes: Vec<u64> = implied.iter().map(|group| group["status"].as_u64().unwrap()).collect();
    assert_eq!(codes, [400, 413, 415, 422]);
    let too_large = &implied[1];
    assert_eq!(too_large["approved"], false);
    let place = &too_large["uses"][0];
    assert_eq!(
        (place["path"].as_str(), place["line"].as_u64(), place["source"].as_str()),
        (Some("src/lib.rs"), Some(3), Some("axum::Json"))
    );
    assert_eq!(place["function"], "create");
    assert_eq!(implied[0]["approved"], true);
}

#[test]
fn test_code_opts_into_nothing_unless_asked() {
    let workspace = Workspace::new(&[
        ("Cargo.toml", &manifest("media", "axum = \"0.8\"")),
        ("src/lib.rs", "#[cfg(test)]\nmod tests;\n#[cfg(test)]\nmod inline {\n    pub async fn f(axum::Json(o): axum::Json<u8>) {}\n}\n"),
        ("src/tests.rs", "use axum::Json;\npub async fn fixture(Json(o): Json<u8>) {}\n"),
    ]);
    let (report, _) = run_json(&workspace.path(), &[]);
    assert!(findings_of(&report, "implied-status").is_empty());
    let (report, _) = run_json(&workspace.path(), &["--include-tests"]);
    let found = findings_of(&report, "implied-status");
    assert_eq!(found, [("src/lib.rs".to_string(), 5, Some(413)), ("src/tests.rs".to_string(), 2, Some(413))]);
}

#[test]
fn a_framework_own_examples_and_functions_imported_bare_are_not_skipped() {
    // warp's own repository: its examples name `warp::` without depending on warp.
    let workspace = Workspace::new(&[
        ("Cargo.toml", &manifest("warp", "hyper = \"0.14\"\nhttp = \"0.2\"")),
        ("src/lib.rs", "pub mod filters;\n"),
        ("src/filters.rs", "pub fn helper() -> u8 { 1 }\n"),
        (
            "examples/upload.rs",
            "use warp::multipart::form;\nuse warp::Filter;\nfn helper() -> u8 { 1 }\n\
             fn upload() { let _ = warp::path(\"up\").and(form()); }\n\
             fn main() { let _ = warp::fs::dir(\"static\"); }\n",
        ),
    ]);
    let (report, _) = run_json(&workspace.path(), &[]);
    let (all, _) = run_json(&workspace.path(), &["--parse-all"]);
    let found = findings_of(&report, "implied-status");
    assert_eq!(found, findings_of(&all, "implied-status"));
    let lines: Vec<u64> = found.iter().map(|(_, line, _)| *line).collect();
    assert_eq!(lines, [4, 4, 5, 5], "{found:?}");
}

#[test]
fn server_defaults_are_listed_and_reported_only_when_asked() {
    let source = "use std::time::Duration;\n\
pub async fn run(listener: tokio::net::TcpListener, app: axum::Router) { axum::serve(listener, app).await.unwrap(); }\n\
pub fn actix() { let _ = actix_web::HttpServer::new(|| actix_web::App::new()); }\n\
pub fn patient() { let _ = actix_web::HttpServer::new(|| actix_web::App::new()).client_request_timeout(Duration::ZERO); }\n";
    assert!(implied(source, Framework::Axum, "").is_empty());
    let asked = implied(source, Framework::Axum, "implied-server-defaults = true");
    assert_eq!(asked, [(2, 414), (2, 431), (3, 408), (3, 431), (4, 431)]);
    let workspace = Workspace::new(&[
        ("Cargo.toml", &manifest("server", "axum = \"0.8\"\ntokio = \"1\"")),
        ("src/main.rs", "#[tokio::main]\nasync fn main() {\n    let listener = tokio::net::TcpListener::bind(\"0.0.0.0:3000\").await.unwrap();\n    axum::serve(listener, axum::Router::new()).await.unwrap();\n}\n"),
    ]);
    let (report, _) = run_json(&workspace.path(), &["--inventory"]);
    let implied: Vec<u64> =
        report["implied"].as_array().unwrap().iter().map(|group| group["status"].as_u64().unwrap()).collect();
    assert_eq!(implied, [400, 414, 431]);
}

#[test]
fn a_status_set_over_a_component_replaces_what_it_answers() {
    let source = "use actix_files::NamedFile;\n\
use tower_http::services::{ServeDir, ServeFile};\n\
use tower_http::set_status::SetStatus;\n\
pub async fn page() -> actix_web::Result<impl actix_web::Responder> {\n\
    Ok(NamedFile::open_async(\"404.html\").await?.customize().with_status(actix_web::http::StatusCode::NOT_FOUND))\n\
}\n\
pub async fn plain() -> std::io::Result<NamedFile> { NamedFile::open(\"a.txt\") }\n\
pub fn missing() -> SetStatus<ServeFile> { SetStatus::new(ServeFile::new(\"404.html\"), http::StatusCode::NOT_FOUND) }\n\
pub fn site() -> ServeDir<SetStatus<ServeFile>> { ServeDir::new(\"dist\").append_index_html_on_directories(false).not_found_service(ServeFile::new(\"404.html\")) }\n";
    assert_eq!(implied(source, Framework::ActixWeb, ""), [(7, 206), (7, 416), (9, 206), (9, 416)]);
}

#[test]
fn a_config_error_handler_answers_for_every_use_of_its_extractor_in_the_package() {
    let workspace = Workspace::new(&[
        ("Cargo.toml", &manifest("billing", "actix-web = \"4\"")),
        ("src/lib.rs", "pub mod app;\npub mod handlers;\n"),
        (
            "src/handlers.rs",
            "use actix_web::web;\npub fn helper() -> u8 { 1 }\n\
             pub async fn pay(payment: web::Json<u8>) {}\n\
             pub async fn apply(form: web::Form<u8>) {}\n",
        ),
        (
            "src/app.rs",
            "use actix_web::{error, web, App};\npub fn helper() -> u8 { 2 }\n\
             pub fn app() {\n    let _ = App::new()\n        .app_data(web::JsonConfig::default().limit(4096).error_handler(|err, _| error::ErrorBadRequest(err)))\n        .app_data(web::FormConfig::default().limit(4096));\n}\n",
        ),
    ]);
    let (report, _) = run_json(&workspace.path(), &[]);
    let (all, _) = run_json(&workspace.path(), &["--parse-all"]);
    let found = findings_of(&report, "implied-status");
    assert_eq!(found, findings_of(&all, "implied-status"));
    // The JSON body's 413 is the handler's to answer; the form's limit is only moved.
    assert_eq!(found, [("src/handlers.rs".to_string(), 4, Some(411)), ("src/handlers.rs".to_string(), 4, Some(413))]);
}
