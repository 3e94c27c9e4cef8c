//! Hostile and broken input: the run survives it, says what it skipped, and loses nothing else.

use crate::support::{findings_of, manifest, run_json, Workspace, AXUM_HANDLER};

const LOCKED: &str = "axum::http::StatusCode::LOCKED";

fn nested(open: &str, close: &str, depth: usize, inner: &str) -> String {
    format!("{}{inner}{}", open.repeat(depth), close.repeat(depth))
}

#[test]
fn pathological_nesting_is_a_parse_error_not_a_crash() {
    let depth = 100_000;
    let workspace = Workspace::new(&[
        ("Cargo.toml", &manifest("svc", "axum = \"0.8\"")),
        ("src/lib.rs", AXUM_HANDLER),
        (
            "src/parens.rs",
            &format!(
                "use http::StatusCode;\nfn f() -> u8 {{ let _ = StatusCode::OK; {} }}\n",
                nested("(", ")", depth, "1")
            ),
        ),
        (
            "src/blocks.rs",
            &format!("use http::StatusCode;\nfn f() {{ let _ = StatusCode::OK; {} }}\n", nested("{", "}", depth, "")),
        ),
        (
            "src/chain.rs",
            &format!("use http::StatusCode;\nfn f() {{ let _ = StatusCode::OK; x{}; }}\n", ".a()".repeat(depth)),
        ),
        (
            "src/binary.rs",
            &format!("use http::StatusCode;\nfn f() -> u32 {{ let _ = StatusCode::OK; 1{} }}\n", " + 1".repeat(depth)),
        ),
        (
            "src/prefix.rs",
            &format!("use http::StatusCode;\nfn f() -> bool {{ let _ = StatusCode::OK; {}true }}\n", "!".repeat(depth)),
        ),
        (
            "src/in_macro.rs",
            &format!(
                "use http::StatusCode;\nfn f() {{ let _ = StatusCode::OK; vec![{}]; }}\n",
                nested("[", "]", depth, "")
            ),
        ),
        (
            "src/closures.rs",
            &format!(
                "use http::StatusCode;\nfn f() {{ let _ = StatusCode::OK; let g = {}0; }}\n",
                "|a, b| ".repeat(depth)
            ),
        ),
        // In an item that names no status, nesting is never parsed: not an error, and no crash.
        (
            "src/passed_over.rs",
            &format!("use http::StatusCode;\nfn f() -> u8 {{ {} }}\n", nested("(", ")", depth, "1")),
        ),
    ]);
    let (report, run) = run_json(&workspace.path(), &[]);
    assert_eq!(run.code, 1, "the run went on to the real finding: {}", run.stderr);
    assert_eq!(findings_of(&report, "unapproved-status"), [("src/lib.rs".to_string(), 3, Some(418))]);
    let failures = findings_of(&report, "parse-error");
    assert_eq!(failures.len(), 7, "{failures:?}");
    assert!(report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|finding| finding["rule"] == "parse-error")
        .all(|finding| finding["message"].as_str().unwrap().contains("nesting too deep")));
}

#[test]
fn deep_but_bounded_nesting_is_parsed() {
    // Just inside the bound: each of these must parse and find the status at its core.
    let workspace = Workspace::new(&[
        ("Cargo.toml", &manifest("svc", "axum = \"0.8\"")),
        ("src/blocks.rs", &format!("fn f() {}\n", nested("{", "}", 1_950, LOCKED))),
        ("src/parens.rs", &format!("fn f() -> u8 {{ {} }}\n", nested("(", ")", 3_900, LOCKED))),
        ("src/chain.rs", &format!("fn f() {{ {LOCKED}{}; }}\n", ".a()".repeat(1_300))),
        ("src/prefix.rs", &format!("fn f() {{ {}{LOCKED}; }}\n", "!".repeat(3_900))),
        ("src/in_macro.rs", &format!("fn f() {{ vec![{}]; }}\n", nested("(", ")", 3_900, LOCKED))),
    ]);
    for jobs in ["1", "2"] {
        let (report, run) = run_json(&workspace.path(), &["--jobs", jobs]);
        assert_eq!(findings_of(&report, "parse-error"), [], "{}", run.stderr);
        assert_eq!(findings_of(&report, "unapproved-status").len(), 5);
    }
}

/// `(line, column, end_column)` of each unapproved-status finding in one file.
fn positions(report: &serde_json::Value, path: &str) -> Vec<(u64, u64, u64)> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|finding| finding["path"] == path && finding["rule"] == "unapproved-status")
        .map(|finding| {
            let number = |key: &str| finding[key].as_u64().unwrap();
            (number("line"), number("column"), number("end_column"))
        })
        .collect()
}

#[test]
fn byte_order_marks_line_endings_tabs_and_wide_characters() {
    let teapot = "axum::http::StatusCode::IM_A_TEAPOT";
    let workspace = Workspace::new(&[
        ("Cargo.toml", &manifest("svc", "axum = \"0.8\"")),
        ("src/bom.rs", &format!("\u{feff}fn f() -> axum::http::StatusCode {{ {teapot} }}\n")),
        ("src/crlf.rs", &format!("// Windows\r\nfn f() -> axum::http::StatusCode {{\r\n    {teapot}\r\n}}\r\n")),
        ("src/tabs.rs", &format!("fn f() -> (axum::http::StatusCode, &'static str) {{\n\t\t({teapot}, \"é→ü\")\n}}\n")),
        ("src/wide.rs", &format!("fn f() -> (&'static str, axum::http::StatusCode) {{ (\"日本語😀\", {teapot}) }}\n")),
        ("src/empty.rs", ""),
        (
            "src/shebang.rs",
            &format!("#!/usr/bin/env run-cargo-script\nfn f() -> axum::http::StatusCode {{ {teapot} }}\n"),
        ),
    ]);
    std::fs::write(workspace.path().join("src/binary.rs"), [0u8, 159, 146, 150, 0xff, 0xfe, 7, 0]).unwrap();
    let (report, _) = run_json(&workspace.path(), &[]);
    let width = teapot.chars().count() as u64;
    // Columns count characters: the BOM is not one, a tab and a wide character are one each.
    assert_eq!(positions(&report, "src/bom.rs"), [(1, 36, 36 + width)]);
    assert_eq!(positions(&report, "src/crlf.rs"), [(3, 5, 5 + width)]);
    assert_eq!(positions(&report, "src/tabs.rs"), [(2, 4, 4 + width)]);
    assert_eq!(positions(&report, "src/wide.rs"), [(1, 61, 61 + width)]);
    assert_eq!(positions(&report, "src/shebang.rs"), [(2, 36, 36 + width)]);
    assert_eq!(findings_of(&report, "parse-error"), [("src/binary.rs".to_string(), 1, None)]);
    assert_eq!(report["summary"]["files_scanned"], 7);

    // The human format renders every one of them.
    let human = crate::support::run_in(&workspace.path(), &["--color", "never"]);
    assert_eq!(human.stdout.matches("error[unapproved-status]").count(), 5, "{}", human.stdout);
}

#[test]
fn a_large_generated_file_is_audited() {
    // About 50 MB of generated constants, with one status at the very end.
    let mut generated = String::with_capacity(51 << 20);
    let mut index = 0;
    while generated.len() < 50 << 20 {
        generated.push_str(&format!("pub const GENERATED_VALUE_{index:08}: [u16; 4] = [100, 200, 300, 400];\n"));
        index += 1;
    }
    generated.push_str("pub fn f() -> axum::http::StatusCode { axum::http::StatusCode::LOCKED }\n");
    let lines = index as u64 + 1;
    let workspace =
        Workspace::new(&[("Cargo.toml", &manifest("svc", "axum = \"0.8\"")), ("src/generated.rs", &generated)]);
    let (report, run) = run_json(&workspace.path(), &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(findings_of(&report, "unapproved-status"), [("src/generated.rs".to_string(), lines, Some(423))]);
}

#[test]
fn a_file_broken_halfway_keeps_what_comes_before_the_error() {
    let half = "pub fn a() -> axum::http::StatusCode { axum::http::StatusCode::LOCKED }\n\
                pub fn b() -> axum::http::StatusCode { let = ; }\n\
                pub fn c() -> axum::http::StatusCode { axum::http::StatusCode::IM_A_TEAPOT }\n";
    let workspace = Workspace::new(&[("Cargo.toml", &manifest("svc", "axum = \"0.8\"")), ("src/lib.rs", half)]);
    let (report, run) = run_json(&workspace.path(), &[]);
    assert_eq!(run.code, 1);
    assert_eq!(findings_of(&report, "unapproved-status"), [("src/lib.rs".to_string(), 1, Some(423))]);
    assert_eq!(findings_of(&report, "parse-error"), [("src/lib.rs".to_string(), 2, None)]);

    // An item without a status word is not parsed, as a file without one is not: its syntax
    // error is left to the compiler, and what follows it is still audited.
    let passed_over = half.replace("pub fn b() -> axum::http::StatusCode {", "pub fn b() {");
    let workspace = Workspace::new(&[("Cargo.toml", &manifest("svc", "axum = \"0.8\"")), ("src/lib.rs", &passed_over)]);
    let (report, _) = run_json(&workspace.path(), &[]);
    let statuses = [("src/lib.rs".to_string(), 1, Some(423)), ("src/lib.rs".to_string(), 3, Some(418))];
    assert_eq!(findings_of(&report, "unapproved-status"), statuses);
    assert_eq!(findings_of(&report, "parse-error"), []);
    let (report, _) = run_json(&workspace.path(), &["--parse-all"]);
    assert_eq!(findings_of(&report, "parse-error"), [("src/lib.rs".to_string(), 2, None)]);
}

#[cfg(unix)]
#[test]
fn symlinks_are_not_followed() {
    let outside = Workspace::new(&[("elsewhere.rs", AXUM_HANDLER), ("dir/more.rs", AXUM_HANDLER)]);
    let workspace = Workspace::new(&[("Cargo.toml", &manifest("svc", "axum = \"0.8\"")), ("src/lib.rs", "")]);
    let link = |target: std::path::PathBuf, name: &str| {
        std::os::unix::fs::symlink(target, workspace.path().join(name)).unwrap()
    };
    link(outside.path().join("elsewhere.rs"), "src/linked_file.rs");
    link(outside.path().join("dir"), "src/linked_dir");
    link(workspace.path().join("src"), "src/loop");
    link(workspace.path().join("src/missing.rs"), "src/dangling.rs");
    let (report, run) = run_json(&workspace.path(), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(report["summary"]["files_scanned"], 1);
    assert_eq!(report["findings"].as_array().unwrap().len(), 0);
}

/// Runs the binary as an unprivileged user when the tests run as root, for whom nothing is
/// unreadable.
#[cfg(unix)]
fn run_unprivileged(dir: &std::path::Path) -> (serde_json::Value, crate::support::Run) {
    let is_root = std::fs::read_to_string("/proc/self/status").is_ok_and(|status| {
        status.lines().any(|line| line.starts_with("Uid:") && line.split_whitespace().nth(2) == Some("0"))
    });
    // The checkout may sit where the unprivileged user cannot reach; a copy in a temporary
    // directory it can read is run instead.
    let binary_dir = tempfile::tempdir().unwrap();
    let binary = binary_dir.path().join("cargo-status-audit");
    std::fs::copy(crate::support::BINARY, &binary).unwrap();
    std::fs::set_permissions(binary_dir.path(), std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let mut command = if is_root {
        let mut command = std::process::Command::new("setpriv");
        command.args(["--reuid=65534", "--regid=65534", "--clear-groups"]).arg(&binary);
        command
    } else {
        std::process::Command::new(&binary)
    };
    let run: crate::support::Run =
        command.arg(dir).args(["--format", "json"]).output().expect("the binary runs").into();
    let report = serde_json::from_str(&run.stdout).unwrap_or_else(|error| panic!("not JSON ({error}): {run:?}"));
    (report, run)
}

#[cfg(unix)]
#[test]
fn unreadable_files_and_directories_are_warnings() {
    use std::os::unix::fs::PermissionsExt;
    let workspace = Workspace::new(&[
        ("Cargo.toml", &manifest("svc", "axum = \"0.8\"")),
        ("src/lib.rs", AXUM_HANDLER),
        ("src/secret.rs", AXUM_HANDLER),
        ("src/locked/inner.rs", AXUM_HANDLER),
    ]);
    let set_mode = |relative: &str, mode: u32| {
        std::fs::set_permissions(workspace.path().join(relative), std::fs::Permissions::from_mode(mode)).unwrap();
    };
    for dir in ["", "src"] {
        set_mode(dir, 0o755);
    }
    set_mode("Cargo.toml", 0o644);
    set_mode("src/lib.rs", 0o644);
    set_mode("src/secret.rs", 0o000);
    set_mode("src/locked", 0o000);
    let (report, run) = run_unprivileged(&workspace.path());
    set_mode("src/locked", 0o755);
    assert_eq!(run.code, 1, "{run:?}");
    assert_eq!(findings_of(&report, "unapproved-status"), [("src/lib.rs".to_string(), 3, Some(418))]);
    let failures = findings_of(&report, "parse-error");
    assert_eq!(failures.len(), 2, "{failures:?}");
    let messages: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|finding| finding["rule"] == "parse-error")
        .map(|finding| finding["message"].as_str().unwrap())
        .collect();
    assert!(messages.iter().all(|message| message.contains("ermission denied")), "{messages:?}");
}

#[test]
fn a_closed_stdout_ends_the_run_quietly() {
    use std::io::Read;
    let many: String = (0..3_000)
        .map(|index| format!("pub fn f{index}() -> axum::http::StatusCode {{ axum::http::StatusCode::LOCKED }}\n"))
        .collect();
    let workspace = Workspace::new(&[("Cargo.toml", &manifest("svc", "axum = \"0.8\"")), ("src/lib.rs", &many)]);
    let mut child = std::process::Command::new(crate::support::BINARY)
        .arg(workspace.path())
        .args(["--color", "never"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 64];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // The reading end is dropped here, as `| head -c 64` would.
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
}

/// Every file below `dir` with its content, to compare a tree before and after an audit.
fn contents(dir: &std::path::Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut files: Vec<_> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_file())
        .map(|entry| (entry.path().to_path_buf(), std::fs::read(entry.path()).unwrap()))
        .collect();
    files.sort();
    files
}

#[test]
fn nothing_from_the_workspace_runs_and_nothing_in_it_changes() {
    let marker = tempfile::tempdir().unwrap();
    let marker_file = marker.path().join("executed");
    let write_marker = format!("std::fs::write({:?}, b\"ran\").unwrap();", marker_file.to_str().unwrap());
    let proc_macro = format!(
        "#[proc_macro_attribute]\npub fn route(_: proc_macro::TokenStream, item: proc_macro::TokenStream) -> proc_macro::TokenStream {{ {write_marker} item }}\n"
    );
    let workspace = Workspace::new(&[
        ("Cargo.toml", "[workspace]\nmembers = [\"svc\", \"macros\", \"missing/*\"]\n"),
        ("rust-toolchain.toml", "[toolchain]\nchannel = \"1.0.0-uninstalled\"\n"),
        (".cargo/config.toml", "[alias]\nbuild = \"run --bin evil\"\n[build]\nrustc-wrapper = \"/bin/false\"\n"),
        ("svc/Cargo.toml", &format!("{}macros = {{ path = \"../macros\" }}\n", manifest("svc", "axum = \"0.8\"\n"))),
        ("svc/build.rs", &format!("fn main() {{ {write_marker} }}\n")),
        ("svc/src/lib.rs", &format!("#[macros::route]\n{AXUM_HANDLER}")),
        ("macros/Cargo.toml", "[package]\nname = \"macros\"\nversion = \"0.1.0\"\n\n[lib]\nproc-macro = true\n"),
        ("macros/src/lib.rs", &proc_macro),
    ]);
    let before = contents(&workspace.path());
    let (report, run) = run_json(&workspace.path(), &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(findings_of(&report, "unapproved-status"), [("svc/src/lib.rs".to_string(), 4, Some(418))]);
    assert!(!marker_file.exists(), "code from the audited workspace ran");
    assert_eq!(contents(&workspace.path()), before, "the audit changed the audited tree");
}

#[test]
fn a_broken_member_manifest_is_a_warning_and_the_rest_is_audited() {
    let workspace = Workspace::new(&[
        ("Cargo.toml", "[workspace]\nmembers = [\"good\", \"broken\", \"nothing-here/*\"]\n"),
        (
            "good/Cargo.toml",
            &format!(
                "{}\n[package.metadata.unknown]\nkey = 1\n[surprise]\nfield = true\n",
                manifest("good", "axum = \"0.8\"")
            ),
        ),
        ("good/src/lib.rs", AXUM_HANDLER),
        ("broken/Cargo.toml", "[package\nname = \"broken\"\n"),
        ("broken/src/lib.rs", AXUM_HANDLER),
    ]);
    let (report, run) = run_json(&workspace.path(), &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(findings_of(&report, "unapproved-status"), [("good/src/lib.rs".to_string(), 3, Some(418))]);
    assert_eq!(findings_of(&report, "parse-error"), [("broken/Cargo.toml".to_string(), 1, None)]);
}

#[test]
fn parse_errors_point_at_the_end_of_input_and_do_not_count_a_byte_order_mark() {
    let workspace = Workspace::new(&[
        ("Cargo.toml", &manifest("svc", "axum = \"0.8\"")),
        ("src/eof.rs", "fn f() -> http::StatusCode { http::StatusCode::OK }\nstruct"),
        (
            "src/bom.rs",
            "\u{feff}fn f() -> StatusCode { let x = ; }\nfn g() -> http::StatusCode { http::StatusCode::OK }\n",
        ),
    ]);
    let (report, _) = run_json(&workspace.path(), &[]);
    let positions: Vec<(String, u64, u64)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|finding| {
            (
                finding["path"].as_str().unwrap().to_string(),
                finding["line"].as_u64().unwrap(),
                finding["column"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(positions, [("src/bom.rs".to_string(), 1, 32), ("src/eof.rs".to_string(), 2, 7)]);
}
