//! Inline allows, rule levels and `--deny warnings`.

use crate::support::{manifest, run_in, run_json, Workspace};

const SOURCE: &str = "use axum::http::StatusCode;\n\
pub fn a() -> StatusCode { StatusCode::IM_A_TEAPOT } // status-audit: allow(418) the coffee partner retries on 418\n\
// status-audit: allow(423, 451) locks are how the legacy clients back off\n\
pub fn b() -> (StatusCode, StatusCode) { (StatusCode::LOCKED, StatusCode::UNAVAILABLE_FOR_LEGAL_REASONS) }\n\
pub fn c() -> StatusCode { StatusCode::MISDIRECTED_REQUEST } // status-audit: allow(421)\n\
pub fn d() -> StatusCode { StatusCode::OK } // status-audit: allow(200, teapot) approved anyway\n\
pub fn e() -> &'static str { \"// status-audit: allow(418) inside a string\" }\n\
pub fn f() -> StatusCode { StatusCode::GONE }\n\
pub fn g() -> StatusCode { StatusCode::PAYMENT_REQUIRED }\n";

fn workspace(extra_manifest: &str) -> Workspace {
    let manifest = format!("{}{extra_manifest}", manifest("svc", "axum = \"0.8\""));
    Workspace::new(&[("Cargo.toml", &manifest), ("src/lib.rs", SOURCE)])
}

/// `(rule, line)` of every reported finding.
fn reported(report: &serde_json::Value) -> Vec<(String, u64)> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|finding| (finding["rule"].as_str().unwrap().to_string(), finding["line"].as_u64().unwrap()))
        .collect()
}

#[test]
fn allows_suppress_and_what_they_lack_is_reported() {
    let workspace = workspace("");
    let (report, run) = run_json(&workspace.path(), &[]);
    assert_eq!(run.code, 1);
    assert_eq!(
        reported(&report),
        [
            ("allow-without-reason".to_string(), 5),
            ("stale-allow".to_string(), 6),
            ("stale-allow".to_string(), 6),
            ("unapproved-status".to_string(), 9),
        ]
    );
    // 418, 423, 451 and 421 are suppressed, 421 by an allow that still owes its reason.
    assert_eq!(report["summary"]["suppressed"], 4);
    let human = run_in(&workspace.path(), &["--color", "never"]);
    assert!(human.stdout.contains("error[allow-without-reason]: this allow gives no reason"), "{}", human.stdout);
    assert!(human.stdout.contains("warning[stale-allow]: `allow(200)` suppresses nothing"), "{}", human.stdout);
    assert!(human.stdout.contains("warning[stale-allow]: `teapot` in an allow is not a status code"));
    assert!(human.stdout.trim_end().ends_with("(4 suppressed by inline allows)"), "{}", human.stdout);
}

#[test]
fn sarif_carries_suppressed_findings_with_their_reason() {
    let workspace = workspace("");
    let sarif: serde_json::Value =
        serde_json::from_str(&run_in(&workspace.path(), &["--format", "sarif"]).stdout).unwrap();
    let errors: Vec<String> =
        crate::formats::sarif_validator().iter_errors(&sarif).map(|error| error.to_string()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let justifications: Vec<&str> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|result| result["suppressions"][0]["justification"].as_str())
        .collect();
    assert_eq!(
        justifications,
        [
            "the coffee partner retries on 418",
            "locks are how the legacy clients back off",
            "locks are how the legacy clients back off",
            ""
        ]
    );
}

#[test]
fn levels_change_what_a_rule_reports() {
    let levels = "\n[package.metadata.status-audit.levels]\nunapproved-status = \"warn\"\nstale-allow = \"allow\"\nallow-without-reason = \"deny\"\n";
    let workspace = workspace(levels);
    let (report, run) = run_json(&workspace.path(), &[]);
    assert_eq!(run.code, 1, "allow-without-reason is still an error");
    assert_eq!(reported(&report), [("allow-without-reason".to_string(), 5), ("unapproved-status".to_string(), 9)]);
    assert_eq!(report["findings"][1]["severity"], "warning");

    workspace.write("status-audit.toml", "[levels]\nallow-without-reason = \"warn\"\n");
    let (_, run) = run_json(&workspace.path(), &[]);
    assert_eq!(run.code, 0, "only warnings are left");
    let (_, run) = run_json(&workspace.path(), &["--deny", "warnings"]);
    assert_eq!(run.code, 1, "--deny warnings fails on them");
}

#[test]
fn unknown_rules_and_levels_name_their_line() {
    let workspace = workspace("");
    workspace.write("status-audit.toml", "[levels]\nunapproved-status = \"deny\"\nunaproved-status = \"warn\"\n");
    let run = run_in(&workspace.path(), &[]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("status-audit.toml:3:1: unknown rule `unaproved-status`"), "{}", run.stderr);
    workspace.write("status-audit.toml", "[levels]\nunapproved-status = \"forbid\"\n");
    let run = run_in(&workspace.path(), &[]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("status-audit.toml:2:21: unknown level `forbid`"), "{}", run.stderr);
}

#[test]
fn a_baseline_gates_only_new_findings_and_survives_moved_code() {
    let source = "use axum::http::StatusCode;\n\
                  pub fn brew() -> StatusCode { StatusCode::IM_A_TEAPOT }\n\
                  pub fn lock() -> StatusCode { StatusCode::LOCKED }\n\
                  pub fn lock_again() -> StatusCode { StatusCode::LOCKED }\n";
    let workspace = Workspace::new(&[("Cargo.toml", &manifest("svc", "axum = \"0.8\"")), ("src/lib.rs", source)]);
    let baseline = workspace.path().join("baseline.json");
    let baseline = baseline.to_str().unwrap();
    let written = run_in(&workspace.path(), &["--write-baseline", baseline]);
    assert_eq!(written.code, 0, "{written:?}");
    assert_eq!(written.stdout, format!("wrote 3 baseline entries to {baseline}\n"));
    let text = std::fs::read_to_string(baseline).unwrap();
    let file: serde_json::Value = serde_json::from_str(&text).unwrap();
    let entries = file["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 3);
    assert_eq!(entries[0]["expression"], "StatusCode::IM_A_TEAPOT");
    let keys: Vec<(String, String)> =
        entries.iter().map(|entry| (entry["path"].to_string(), entry["function"].to_string())).collect();
    assert!(keys.windows(2).all(|pair| pair[0] <= pair[1]), "sorted: {keys:?}");

    let (report, run) = run_json(&workspace.path(), &["--baseline", baseline]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(report["summary"]["baselined"], 3);

    // Moving a function within the file keeps its findings baselined; one new status fails.
    let moved = "use axum::http::StatusCode;\n\n\
                 pub fn lock_again() -> StatusCode { StatusCode::LOCKED }\n\
                 pub fn gone() -> StatusCode { StatusCode::MISDIRECTED_REQUEST }\n\n\
                 pub fn lock() -> StatusCode {\n    StatusCode::LOCKED\n}\n\
                 pub fn brew() -> StatusCode { StatusCode::IM_A_TEAPOT }\n";
    workspace.write("src/lib.rs", moved);
    let (report, run) = run_json(&workspace.path(), &["--baseline", baseline]);
    assert_eq!(run.code, 1);
    assert_eq!(reported(&report), [("unapproved-status".to_string(), 4)]);
    assert_eq!(report["findings"][0]["status"], 421);

    // Fixed code leaves a stale entry behind, reported as such.
    workspace.write("src/lib.rs", &moved.replace("StatusCode::IM_A_TEAPOT", "StatusCode::OK"));
    let run = run_in(&workspace.path(), &["--baseline", baseline, "--color", "never"]);
    assert!(
        run.stdout.contains("warning[stale-baseline]: baseline entry matches nothing: unapproved-status 418 in `brew`"),
        "{}",
        run.stdout
    );

    workspace.write("baseline.json", "{\n  \"version\": 1,\n  \"entries\": [oops]\n}\n");
    let broken = run_in(&workspace.path(), &["--baseline", baseline]);
    assert_eq!(broken.code, 2);
    assert!(broken.stderr.contains("baseline.json:3:"), "{}", broken.stderr);
}
