//! Arguments in; stdout, stderr and exit code out.

use std::path::Path;

use crate::support::{findings_of, manifest, run_in, run_json, Workspace, AXUM_HANDLER, BINARY};

#[test]
fn exit_codes() {
    let findings = Workspace::new(&[("Cargo.toml", &manifest("svc", "axum = \"0.8\"")), ("src/lib.rs", AXUM_HANDLER)]);
    assert_eq!(run_in(&findings.path(), &[]).code, 1);
    assert_eq!(run_in(&findings.path(), &["--approve", "418"]).code, 0);

    let empty = Workspace::new(&[("README.md", "nothing to audit")]);
    let run = run_in(&empty.path(), &[]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no Cargo package or Rust file"), "{}", run.stderr);

    assert_eq!(run_in(&findings.path(), &["--format", "xml"]).code, 2);
    assert_eq!(run_in(&findings.path(), &["--approve", "1000"]).code, 2);
    assert_eq!(run_in(&findings.path(), &["does-not-exist"]).code, 2);
}

#[test]
fn runs_as_a_cargo_subcommand() {
    let workspace = Workspace::new(&[("Cargo.toml", &manifest("svc", "axum = \"0.8\"")), ("src/lib.rs", AXUM_HANDLER)]);
    // cargo starts `cargo-status-audit status-audit <args>`.
    let run = run_in(&workspace.path(), &["status-audit", "--approve", "418"]);
    assert_eq!(run.code, 0, "{run:?}");
    let help = run_in(&workspace.path(), &["status-audit", "--help"]);
    assert!(help.stdout.contains("Usage: cargo status-audit") && help.stdout.contains("Exit codes"), "{}", help.stdout);
}

#[test]
fn human_summary_and_colors() {
    let workspace = Workspace::new(&[("Cargo.toml", &manifest("svc", "axum = \"0.8\"")), ("src/lib.rs", AXUM_HANDLER)]);
    let run = run_in(&workspace.path(), &["--color", "never"]);
    assert!(run.stdout.contains("error[unapproved-status]: status 418 I'm a teapot is not approved"), "{}", run.stdout);
    assert!(run.stdout.contains("src/lib.rs:3:5"), "{}", run.stdout);
    assert!(run.stdout.contains("in `brew` (axum)"));
    assert!(run.stdout.trim_end().ends_with("audited 1 package, 1 file: 1 error, 0 warnings"), "{}", run.stdout);
    assert!(!run.stdout.contains('\u{1b}'));
    assert!(run_in(&workspace.path(), &["--color", "always"]).stdout.contains('\u{1b}'));
    // Not a terminal: no color by default.
    assert!(!run_in(&workspace.path(), &[]).stdout.contains('\u{1b}'));

    let clean = run_in(&workspace.path(), &["--approve", "418"]);
    assert!(clean.stdout.trim_end().ends_with("audited 1 package, 1 file: no findings"), "{}", clean.stdout);
}

/// The human report shows each label's lines, the one line between two labels of a file, a
/// label in another file, and a label that ends on a file's last line, which has no newline.
#[test]
fn human_snippets_show_the_lines_of_each_label() {
    let lib = "use axum::http::StatusCode;\nmod codes;\nmod tail;\n\n\
               const TEAPOT: u16 = 418;\n\n\
               pub fn teapot() -> StatusCode { StatusCode::from_u16(TEAPOT).unwrap() }\n\
               pub fn locked() -> StatusCode { StatusCode::from_u16(LOCKED).unwrap() }\n\n\
               const LOCKED: u16 = 423;\n\
               pub fn early() -> StatusCode { StatusCode::from_u16(codes::EARLY).unwrap() }\n";
    let tail = "pub fn tail() -> axum::http::StatusCode {\n    \
                axum::http::StatusCode::from_u16(\n        451,\n    ).unwrap() }";
    let workspace = Workspace::new(&[
        ("Cargo.toml", &manifest("svc", "axum = \"0.8\"")),
        ("status-audit.toml", "approved = [200]\n"),
        ("src/lib.rs", lib),
        ("src/codes.rs", "//! Codes.\r\npub const EARLY: u16 = 425;\r\n"),
        ("src/tail.rs", tail),
    ]);
    let run = run_in(&workspace.path(), &["--color", "never"]);
    assert_eq!(run.stdout, HUMAN_SNIPPETS, "{}", run.stdout);
}

/// codespan-reporting ends some lines with spaces (`6 │ `); they are part of the expectation.
const HUMAN_SNIPPETS: &str = r"error[unapproved-status]: status 418 I'm a teapot is not approved
  ┌─ src/lib.rs:7:33
  │
5 │ const TEAPOT: u16 = 418;
  │       ------ `TEAPOT` is defined as 418 here
6 │ 
7 │ pub fn teapot() -> StatusCode { StatusCode::from_u16(TEAPOT).unwrap() }
  │                                 ^^^^^^^^^^^^^^^^^^^^^^^^^^^^ responds with 418 I'm a teapot
  │
  = note: in `teapot` (axum)
  = help: no approved code means what 418 I'm a teapot means; approve 418 with `extend-approved = [418]` if it is intended

error[unapproved-status]: status 423 Locked is not approved
   ┌─ src/lib.rs:8:33
   │
 8 │ pub fn locked() -> StatusCode { StatusCode::from_u16(LOCKED).unwrap() }
   │                                 ^^^^^^^^^^^^^^^^^^^^^^^^^^^^ responds with 423 Locked
 9 │ 
10 │ const LOCKED: u16 = 423;
   │       ------ `LOCKED` is defined as 423 here
   │
   = note: in `locked` (axum)
   = help: no approved code means what 423 Locked means; approve 423 with `extend-approved = [423]` if it is intended

error[unapproved-status]: status 425 Too Early is not approved
   ┌─ src/lib.rs:11:32
   │
11 │ pub fn early() -> StatusCode { StatusCode::from_u16(codes::EARLY).unwrap() }
   │                                ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ responds with 425 Too Early
   │
   ┌─ src/codes.rs:2:11
   │
 2 │ pub const EARLY: u16 = 425;
   │           ----- `EARLY` is defined as 425 here
   │
   = note: in `early` (axum)
   = help: no approved code means what 425 Too Early means; approve 425 with `extend-approved = [425]` if it is intended

error[unapproved-status]: status 451 Unavailable For Legal Reasons is not approved
  ┌─ src/tail.rs:2:5
  │  
2 │ ╭     axum::http::StatusCode::from_u16(
3 │ │         451,
4 │ │     ).unwrap() }
  │ ╰─────^ responds with 451 Unavailable For Legal Reasons
  │  
  = note: in `tail` (axum)
  = help: no approved code means what 451 Unavailable For Legal Reasons means; approve 451 with `extend-approved = [451]` if it is intended

note: approved: 200

audited 1 package, 3 files: 4 errors, 0 warnings
";

#[test]
fn a_member_directory_audits_its_workspace() {
    let workspace = Workspace::new(&[
        ("Cargo.toml", "[workspace]\nmembers = [\"crates/*\"]\nexclude = [\"crates/old\"]\n"),
        ("crates/api/Cargo.toml", &manifest("api", "axum = \"0.8\"")),
        ("crates/api/src/lib.rs", AXUM_HANDLER),
        ("crates/web/Cargo.toml", &manifest("web", "actix = { package = \"actix-web\", version = \"4\" }")),
        ("crates/web/src/lib.rs", "pub fn f() -> actix::HttpResponse { actix::HttpResponse::Locked().finish() }\n"),
        ("crates/old/Cargo.toml", &manifest("old", "axum = \"0.8\"")),
        ("crates/old/src/lib.rs", AXUM_HANDLER),
    ]);
    let expected =
        vec![("crates/api/src/lib.rs".to_string(), 3, Some(418)), ("crates/web/src/lib.rs".to_string(), 1, Some(423))];
    for dir in [workspace.path(), workspace.path().join("crates/api"), workspace.path().join("crates/api/src")] {
        let (report, _) = run_json(&dir, &[]);
        if dir.ends_with("src") {
            // A directory inside a package is audited in its workspace, reporting what is below it.
            assert_eq!(findings_of(&report, "unapproved-status"), expected[..1]);
            continue;
        }
        assert_eq!(findings_of(&report, "unapproved-status"), expected, "from {}", dir.display());
        assert_eq!(Path::new(report["root"].as_str().unwrap()), workspace.path().canonicalize().unwrap());
    }
    let manifest_path = workspace.path().join("crates/web/Cargo.toml");
    let (report, _) = run_json(Path::new("/"), &["--manifest-path", manifest_path.to_str().unwrap()]);
    assert_eq!(findings_of(&report, "unapproved-status"), expected);
}

#[test]
fn a_plain_directory_audits_every_package_below_it() {
    let workspace = Workspace::new(&[
        ("one/Cargo.toml", "[workspace]\nmembers = [\"svc\"]\n"),
        ("one/svc/Cargo.toml", &manifest("svc", "axum = { workspace = true }")),
        ("one/svc/src/lib.rs", AXUM_HANDLER),
        ("two/Cargo.toml", &manifest("two", "http = \"1\"")),
        ("two/src/lib.rs", "pub fn f() -> http::StatusCode { http::StatusCode::from_u16(599).unwrap() }\n"),
        ("two/src/weird.rs/README", "a directory named like a Rust file"),
        ("two/target/debug/generated.rs", AXUM_HANDLER),
        ("two/.hidden/generated.rs", AXUM_HANDLER),
        ("plain/Cargo.toml", &manifest("plain", "serde = \"1\"")),
        ("plain/src/lib.rs", AXUM_HANDLER),
    ]);
    let (report, run) = run_json(&workspace.path(), &[]);
    assert_eq!(run.code, 1);
    assert_eq!(
        findings_of(&report, "unapproved-status"),
        [("one/svc/src/lib.rs".to_string(), 3, Some(418)), ("two/src/lib.rs".to_string(), 1, Some(599))]
    );
    assert_eq!(report["summary"]["packages"], 2, "a package without a web dependency is not audited");
}

#[test]
fn tests_are_skipped_unless_asked_for() {
    let test_module =
        "#[cfg(test)]\nmod tests {\n    fn f() -> axum::http::StatusCode { axum::http::StatusCode::LOCKED }\n}\n";
    let workspace = Workspace::new(&[
        ("Cargo.toml", &manifest("svc", "axum = \"0.8\"")),
        ("src/lib.rs", test_module),
        ("tests/api.rs", AXUM_HANDLER),
        ("benches/load.rs", AXUM_HANDLER),
        ("examples/demo.rs", AXUM_HANDLER),
        ("build.rs", AXUM_HANDLER),
    ]);
    let (report, _) = run_json(&workspace.path(), &[]);
    assert_eq!(findings_of(&report, "unapproved-status"), [("examples/demo.rs".to_string(), 3, Some(418))]);
    let (report, _) = run_json(&workspace.path(), &["--include-tests"]);
    let paths: Vec<String> = findings_of(&report, "unapproved-status").into_iter().map(|(path, _, _)| path).collect();
    assert_eq!(paths, ["benches/load.rs", "examples/demo.rs", "src/lib.rs", "tests/api.rs"]);
}

#[test]
fn unparsable_and_unreadable_files_are_warnings() {
    let workspace = Workspace::new(&[
        ("Cargo.toml", &manifest("svc", "axum = \"0.8\"")),
        ("src/lib.rs", AXUM_HANDLER),
        ("src/broken.rs", "fn broken( {\n    http::StatusCode::OK\n"),
    ]);
    workspace.write("src/latin1.rs", "");
    std::fs::write(workspace.path().join("src/latin1.rs"), b"// caf\xe9\n").unwrap();
    let (report, run) = run_json(&workspace.path(), &["--approve", "418"]);
    assert_eq!(run.code, 0, "warnings do not fail the run");
    let failures = findings_of(&report, "parse-error");
    assert_eq!(failures, [("src/broken.rs".to_string(), 1, None), ("src/latin1.rs".to_string(), 1, None)]);
    assert_eq!(report["summary"]["parse_failures"], 2);
    assert_eq!(report["summary"]["warnings"], 2);
    let human = run_in(&workspace.path(), &["--approve", "418", "--color", "never"]);
    assert!(human.stdout.contains("warning[parse-error]"), "{}", human.stdout);
}

#[test]
fn output_is_the_same_whatever_the_thread_count() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("test-crates");
    let single = run_in(&root, &["--format", "json", "--jobs", "1"]);
    for jobs in ["2", "4", "8"] {
        assert_eq!(run_in(&root, &["--format", "json", "--jobs", jobs]).stdout, single.stdout, "with {jobs} threads");
    }
}

#[test]
fn the_binary_is_the_one_under_test() {
    assert!(Path::new(BINARY).is_file());
}

#[test]
fn twenty_runs_print_the_same_bytes() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("test-crates");
    let first = run_in(&root, &["--color", "never"]);
    for run in 0..20 {
        let jobs = ["1", "2", "4", "8"][run % 4];
        assert_eq!(run_in(&root, &["--color", "never", "--jobs", jobs]).stdout, first.stdout, "run {run}");
    }
}

#[test]
fn explain_prints_a_rules_documentation() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let run = run_in(dir, &["--explain", "unapproved-status"]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.starts_with("## unapproved-status\n\nLevel: error by default."), "{}", run.stdout);
    assert!(run.stdout.contains("extend-approved"));
    let unknown = run_in(dir, &["--explain", "no-such-rule"]);
    assert_eq!(unknown.code, 2);
    assert!(unknown.stderr.contains("unapproved-status, dynamic-status, parse-error"), "{}", unknown.stderr);
}

#[test]
fn rules_lists_every_rule_and_help_names_the_commands() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let json = run_in(dir, &["status-audit", "rules", "--format", "json"]);
    assert_eq!(json.code, 0, "{json:?}");
    let listed: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON");
    let rules = listed["rules"].as_array().expect("a list of rules");
    let explained = run_in(dir, &["--explain", "no-such-rule"]).stderr;
    for rule in rules {
        let name = rule["name"].as_str().expect("a name");
        assert!(explained.contains(name), "{name} is not among the rules --explain knows: {explained}");
        assert!(matches!(rule["level"].as_str(), Some("error" | "warning")), "{rule}");
    }
    assert_eq!(rules.len(), explained.matches(", ").count() + 1, "{explained}");
    let human = run_in(dir, &["rules"]);
    assert_eq!(human.code, 0);
    assert!(human.stdout.lines().any(|line| line.starts_with("unapproved-status") && line.contains("error")));
    for help in [run_in(dir, &["help"]), run_in(dir, &["--help"])] {
        assert_eq!(help.code, 0);
        for command in ["inventory", "rules", "help"] {
            assert!(help.stdout.contains(&format!("\n  {command} ")), "{command} not in:\n{}", help.stdout);
        }
    }
}

/// `docs/rules.md` is generated from the rule definitions; regenerate it with
/// `STATUS_AUDIT_BLESS=1 cargo test`.
#[test]
fn rules_documentation_is_current() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md");
    let generated = status_audit::rules::rules_markdown();
    if std::env::var_os("STATUS_AUDIT_BLESS").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(committed == generated, "docs/rules.md is stale: run STATUS_AUDIT_BLESS=1 cargo test");
}

#[test]
fn inventory_lists_every_produced_status_approved_or_not() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("test-crates");
    let run = run_in(&root, &["inventory", "--format", "json"]);
    assert_eq!(run.code, 0, "the inventory informs; it does not gate");
    let inventory: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let statuses = inventory["statuses"].as_array().unwrap();
    let (report, _) = run_json(&root, &[]);
    // Every unapproved finding is one not-approved use in the inventory, at the same place.
    let mut not_approved: Vec<(String, u64, u64)> = statuses
        .iter()
        .flat_map(|status| {
            status["uses"].as_array().unwrap().iter().filter(|use_| use_["approved"] == false).map(move |use_| {
                (
                    use_["path"].as_str().unwrap().to_string(),
                    use_["line"].as_u64().unwrap(),
                    status["status"].as_u64().unwrap(),
                )
            })
        })
        .collect();
    not_approved.sort();
    let mut findings: Vec<(String, u64, u64)> = findings_of(&report, "unapproved-status")
        .into_iter()
        .map(|(path, line, status)| (path, line, status.unwrap()))
        .collect();
    findings.sort();
    assert_eq!(not_approved, findings);
    // Approved statuses are listed too, and counts add up.
    let ok = statuses.iter().find(|status| status["status"] == 200).expect("200 is produced");
    assert_eq!(ok["approved"], true);
    for status in statuses {
        assert_eq!(status["count"].as_u64().unwrap() as usize, status["uses"].as_array().unwrap().len());
    }
    let human = run_in(&root, &["--inventory", "--color", "never"]);
    assert!(human.stdout.contains("418 I'm a teapot  (not approved, "), "{}", human.stdout);
    // The CI formats carry findings; the inventory is not JSON in their name.
    for format in
        [&["--format", "sarif"][..], &["--format", "github"], &["--format", "gitlab"], &["--message-format", "json"]]
    {
        let run = run_in(&root, &[&["inventory"][..], format].concat());
        assert_eq!(run.code, 2, "{format:?}: {run:?}");
        assert!(run.stdout.is_empty() && run.stderr.contains("`--format human` or `--format json`"), "{run:?}");
    }
}
