//! Names that cross files, and the files that are not parsed: a file whose text holds none of the
//! words a status is written with is read but not parsed, unless a name another file left open
//! leads to it. Parsing every file (`--parse-all`) must never find more.

use std::path::Path;

use crate::support::{findings_of, manifest, run_json, Workspace};

/// Statuses reached through a glob re-export, an alias of `StatusCode` and a constant of that
/// alias, each defined or used in a file that never writes a status word itself.
fn names_without_status_words() -> Workspace {
    Workspace::new(&[
        ("Cargo.toml", &manifest("svc", "axum = \"0.8\"\nhttp = \"1\"")),
        (
            "src/lib.rs",
            "mod codes;\npub mod freeze;\npub mod limits;\npub mod routes;\npub mod status;\npub use codes::*;\n\
             pub fn teapot() -> http::StatusCode {\n    http::StatusCode::from_u16(crate::TEAPOT).unwrap()\n}\n",
        ),
        ("src/codes.rs", "pub const TEAPOT: u16 = 418;\n"),
        ("src/status.rs", "pub use http::StatusCode as Code;\n"),
        (
            "src/routes.rs",
            "use crate::status::Code;\n\npub fn locked() -> (Code, &'static str) {\n    (Code::LOCKED, \"locked\")\n}\n",
        ),
        ("src/limits.rs", "use crate::status::Code;\n\npub const FROZEN: Code = Code::IM_USED;\n"),
        (
            "src/freeze.rs",
            "pub fn frozen() -> (crate::status::Code, &'static str) {\n    (crate::limits::FROZEN, \"frozen\")\n}\n",
        ),
        ("src/broken.rs", "fn broken( {\n"),
    ])
}

fn statuses(report: &serde_json::Value) -> Vec<(String, u64, Option<u64>)> {
    findings_of(report, "unapproved-status")
}

#[test]
fn names_lead_to_files_that_hold_no_status_word() {
    let workspace = names_without_status_words();
    let (report, run) = run_json(&workspace.path(), &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        statuses(&report),
        [
            ("src/freeze.rs".to_string(), 2, Some(226)),
            ("src/lib.rs".to_string(), 8, Some(418)),
            ("src/routes.rs".to_string(), 4, Some(423)),
        ]
    );
    assert_eq!(findings_of(&report, "dynamic-status"), []);
    // The broken file names no status, so it is not parsed by default.
    assert_eq!(findings_of(&report, "parse-error"), []);
}

#[test]
fn parsing_every_file_finds_no_other_status() {
    let workspace = names_without_status_words();
    let (default, _) = run_json(&workspace.path(), &[]);
    let (all, _) = run_json(&workspace.path(), &["--parse-all"]);
    assert_eq!(statuses(&default), statuses(&all));
    assert_eq!(findings_of(&all, "parse-error"), [("src/broken.rs".to_string(), 1, None)]);

    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("test-crates");
    let (default, _) = run_json(&samples, &[]);
    let (all, _) = run_json(&samples, &["--parse-all"]);
    assert_eq!(default["findings"], all["findings"]);
    assert_eq!(default["summary"], all["summary"]);
}
