//! Names that cross files, and the files that are not parsed: a file whose text holds none of the
//! words a status is written with is read but not parsed, unless a name another file left open
//! leads to it. Parsing every file (`--parse-all`) must never find more.

use std::path::Path;

use crate::support::{findings_of, manifest, run_json, Workspace, AXUM_HANDLER};

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

/// Runs both ways and checks they agree; returns the default run's report.
fn same_with_parse_all(workspace: &Workspace) -> serde_json::Value {
    let (default, _) = run_json(&workspace.path(), &[]);
    let (all, _) = run_json(&workspace.path(), &["--parse-all"]);
    assert_eq!(default["findings"], all["findings"], "--parse-all found something else");
    default
}

fn rules(report: &serde_json::Value) -> Vec<(String, String, u64, Option<u64>)> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|finding| {
            (
                finding["rule"].as_str().unwrap().to_string(),
                finding["path"].as_str().unwrap().to_string(),
                finding["line"].as_u64().unwrap(),
                finding["status"].as_u64(),
            )
        })
        .collect()
}

#[test]
fn chains_of_names_lead_through_files_without_status_words() {
    let mut files = vec![
        ("Cargo.toml".to_string(), manifest("svc", "http = \"1\"")),
        (
            "src/lib.rs".to_string(),
            "mod base;\nmod codes;\nmod p0;\nmod p1;\nmod p2;\nmod p3;\nmod p4;\nmod p5;\n\
             pub fn a() -> http::StatusCode {\n    http::StatusCode::from_u16(codes::TEAPOT).unwrap()\n}\n\
             pub fn b() -> http::StatusCode {\n    http::StatusCode::from_u16(crate::p0::LOCKED).unwrap()\n}\n"
                .to_string(),
        ),
        ("src/codes.rs".to_string(), "pub const TEAPOT: u16 = crate::base::BASE_TEAPOT;\n".to_string()),
        ("src/base.rs".to_string(), "pub const BASE_TEAPOT: u16 = 418;\n".to_string()),
        ("src/p5.rs".to_string(), "pub const LOCKED: u16 = 423;\n".to_string()),
    ];
    for index in 0..5 {
        files.push((format!("src/p{index}.rs"), format!("pub use crate::p{}::*;\n", index + 1)));
    }
    let files: Vec<(&str, &str)> = files.iter().map(|(path, text)| (path.as_str(), text.as_str())).collect();
    let workspace = Workspace::new(&files);
    let report = same_with_parse_all(&workspace);
    assert_eq!(
        statuses(&report),
        [("src/lib.rs".to_string(), 10, Some(418)), ("src/lib.rs".to_string(), 13, Some(423))]
    );
}

/// Every module globs its parent, which globs them all: each name is still looked up once per
/// module, not once per path through them.
#[test]
fn globs_in_circles_are_followed_once() {
    let modules = 40;
    let mut lib = String::new();
    let mut files = vec![("Cargo.toml".to_string(), manifest("svc", "http = \"1\""))];
    for index in 0..modules {
        lib.push_str(&format!("mod m{index};\npub use m{index}::*;\n"));
        files.push((
            format!("src/m{index}.rs"),
            format!("use super::*;\npub fn h{index}() -> http::StatusCode {{\n    let _ = MAX_RETRIES;\n    http::StatusCode::OK\n}}\n"),
        ));
    }
    lib.push_str("pub fn locked() -> http::StatusCode {\n    LOCKED\n}\npub const LOCKED: http::StatusCode = http::StatusCode::LOCKED;\n");
    files.push(("src/lib.rs".to_string(), lib));
    let files: Vec<(&str, &str)> = files.iter().map(|(path, text)| (path.as_str(), text.as_str())).collect();
    let workspace = Workspace::new(&files);
    let (report, run) = run_json(&workspace.path(), &["--jobs", "1"]);
    assert_eq!(run.code, 1);
    assert_eq!(statuses(&report), [("src/lib.rs".to_string(), 82, Some(423))]);
}

#[test]
fn lets_follow_blocks_assignments_and_mut() {
    let workspace = Workspace::new(&[
        ("Cargo.toml", &manifest("svc", "http = \"1\"")),
        (
            "src/lib.rs",
            "use http::StatusCode;\n\
             pub fn assigned(failed: bool) -> Option<StatusCode> {\n\
             \x20   let mut code = 200;\n\
             \x20   if failed {\n\
             \x20       code = 503;\n\
             \x20   }\n\
             \x20   StatusCode::from_u16(code).ok()\n\
             }\n\
             pub fn shadowed_in_a_block(retry: bool) -> Option<StatusCode> {\n\
             \x20   let code = 200;\n\
             \x20   if retry {\n\
             \x20       let code = 429;\n\
             \x20       let _ = StatusCode::from_u16(code);\n\
             \x20   }\n\
             \x20   StatusCode::from_u16(code).ok()\n\
             }\n\
             pub fn a() -> Option<StatusCode> {\n\
             \x20   const CODE: u16 = 418;\n\
             \x20   StatusCode::from_u16(CODE).ok()\n\
             }\n\
             pub fn b() -> Option<StatusCode> {\n\
             \x20   const CODE: u16 = 226;\n\
             \x20   StatusCode::from_u16(CODE).ok()\n\
             }\n",
        ),
    ]);
    let report = same_with_parse_all(&workspace);
    assert_eq!(
        rules(&report),
        [
            ("dynamic-status".to_string(), "src/lib.rs".to_string(), 7, None),
            ("unapproved-status".to_string(), "src/lib.rs".to_string(), 19, Some(418)),
            ("unapproved-status".to_string(), "src/lib.rs".to_string(), 23, Some(226)),
        ]
    );
}

#[test]
fn a_name_given_to_a_status_macro_is_reported_once() {
    let workspace = Workspace::new(&[
        ("Cargo.toml", &manifest("svc", "axum = \"0.8\"")),
        (
            "src/lib.rs",
            "use axum::http::StatusCode;\n\
             pub const LOCKED: StatusCode = StatusCode::LOCKED;\n\
             macro_rules! reject {\n\
             \x20   ($name:ident, $status:ident) => {\n\
             \x20       pub fn $name() -> (StatusCode, &'static str) { (StatusCode::$status, \"no\") }\n\
             \x20   };\n\
             }\n\
             reject!(locked, LOCKED);\n\
             macro_rules! reply {\n\
             \x20   ($code:expr) => { StatusCode::from_u16($code).unwrap() };\n\
             }\n",
        ),
    ]);
    let report = same_with_parse_all(&workspace);
    assert_eq!(
        rules(&report),
        [
            ("unapproved-status".to_string(), "src/lib.rs".to_string(), 8, Some(423)),
            ("dynamic-status".to_string(), "src/lib.rs".to_string(), 10, None),
        ]
    );
    let note = report["findings"][1]["message"].as_str().unwrap();
    assert!(!note.contains("macro_variable"), "{note}");
}

#[test]
fn test_modules_declared_behind_comments_are_test_code() {
    let workspace = Workspace::new(&[
        ("Cargo.toml", &manifest("svc", "axum = \"0.8\"")),
        (
            "src/lib.rs",
            "#[cfg(test)]\n/// Tests of the handlers.\nmod tests;\n#[cfg(all(feature = \"x\", test))] // slow\nmod more;\n",
        ),
        ("src/tests.rs", AXUM_HANDLER),
        ("src/more.rs", AXUM_HANDLER),
    ]);
    let report = same_with_parse_all(&workspace);
    assert_eq!(statuses(&report), []);
}

/// In a file that holds a status word, only the items (and macro calls) that hold one are parsed
/// at first; the others are parsed when a name leads to them: an associated `const` another item
/// converts, a function written with an alias defined elsewhere, a `vec!` of that alias. Passing over items cannot change what a
/// file with a syntax error in a parsed item yields.
#[test]
fn items_passed_over_are_parsed_when_a_name_leads_to_them() {
    let workspace = Workspace::new(&[
        ("Cargo.toml", &manifest("svc", "axum = \"0.8\"\nhttp = \"1\"")),
        ("src/lib.rs", "pub mod alias;\npub mod handlers;\npub mod generic;\npub mod broken;\n"),
        ("src/alias.rs", "pub use http::StatusCode as Code;\n"),
        (
            "src/handlers.rs",
            "use crate::alias::Code;\n\n\
             struct Limits;\n\n\
             impl Limits {\n    const TEAPOT: u16 = 418;\n\n    fn unused(&self) -> u8 {\n        1\n    }\n}\n\n\
             pub fn teapot() -> http::StatusCode {\n    http::StatusCode::from_u16(Limits::TEAPOT).unwrap()\n}\n\n\
             pub fn locked() -> (Code, &'static str) {\n    (Code::LOCKED, \"locked\")\n}\n\n\
             pub fn helper(values: &[u64]) -> u64 {\n    values.iter().sum()\n}\n\n\
             pub fn listed() -> Vec<(Code, u8)> {\n    vec![(Code::IM_USED, 1)]\n}\n",
        ),
        (
            "src/generic.rs",
            "pub struct Fixed<const N: usize>;\n\n\
             impl Fixed<{ 2 }> {\n    pub fn size(&self) -> usize {\n        2\n    }\n}\n\n\
             pub fn gone() -> http::StatusCode {\n    http::StatusCode::IM_USED\n}\n",
        ),
        (
            "src/broken.rs",
            "pub fn fine() -> u8 {\n    1\n}\n\npub fn teapot() -> http::StatusCode {\n    http::StatusCode::IM_A_TEAPOT\n}\n\n\
             pub fn broken() -> http::StatusCode {\n    let = ;\n}\n",
        ),
    ]);
    let report = same_with_parse_all(&workspace);
    assert_eq!(
        statuses(&report),
        [
            ("src/broken.rs".to_string(), 6, Some(418)),
            ("src/generic.rs".to_string(), 10, Some(226)),
            ("src/handlers.rs".to_string(), 14, Some(418)),
            ("src/handlers.rs".to_string(), 18, Some(423)),
            ("src/handlers.rs".to_string(), 26, Some(226)),
        ]
    );
    assert_eq!(findings_of(&report, "dynamic-status"), []);
    assert_eq!(findings_of(&report, "parse-error"), [("src/broken.rs".to_string(), 10, None)]);
}

/// Two workspaces side by side, each with its own `codes` crate giving `TEAPOT` another value,
/// and enough files that they are scanned in two batches. (Only packages that depend on a web
/// framework are audited, and so can be named.)
#[test]
fn each_workspace_resolves_its_own_crates_in_batches() {
    let mut files: Vec<(String, String)> = Vec::new();
    for (copy, code) in [("a", 418), ("b", 423)] {
        files.push((format!("{copy}/Cargo.toml"), "[workspace]\nmembers = [\"codes\", \"service\"]\n".to_string()));
        files.push((format!("{copy}/codes/Cargo.toml"), manifest("codes", "axum = \"0.8\"")));
        files.push((format!("{copy}/codes/src/lib.rs"), format!("pub const TEAPOT: u16 = {code};\n")));
        files.push((
            format!("{copy}/service/Cargo.toml"),
            manifest("service", "axum = \"0.8\"\ncodes = { path = \"../codes\" }"),
        ));
        files.push((
            format!("{copy}/service/src/lib.rs"),
            "pub fn brew() -> axum::http::StatusCode {\n    \
             axum::http::StatusCode::from_u16(codes::TEAPOT).unwrap()\n}\n"
                .to_string(),
        ));
        for index in 0..1100 {
            files.push((format!("{copy}/service/src/filler/f{index}.rs"), format!("pub fn f{index}() {{}}\n")));
        }
    }
    let files: Vec<(&str, &str)> = files.iter().map(|(path, text)| (path.as_str(), text.as_str())).collect();
    let workspace = Workspace::new(&files);
    let (report, run) = run_json(&workspace.path(), &["--timings"]);
    let batches = run.stderr.lines().find_map(|line| line.strip_prefix("batches")).map(str::trim);
    assert_eq!(batches, Some("2"), "{}", run.stderr);
    let found = statuses(&report);
    let expected = [("a/service/src/lib.rs", 418), ("b/service/src/lib.rs", 423)];
    assert_eq!(found.len(), 2, "{found:?}");
    for ((path, _, status), (expected_path, expected_status)) in found.iter().zip(expected) {
        assert!(path.ends_with(expected_path), "{found:?}");
        assert_eq!(*status, Some(expected_status));
    }
}
