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
        ("src/parens.rs", &format!("fn f() -> u8 {{ {} }}\n", nested("(", ")", depth, "1"))),
        ("src/blocks.rs", &format!("fn f() {}\n", nested("{", "}", depth, ""))),
        ("src/chain.rs", &format!("fn f() {{ x{}; }}\n", ".a()".repeat(depth))),
        ("src/binary.rs", &format!("fn f() -> u32 {{ 1{} }}\n", " + 1".repeat(depth))),
        ("src/prefix.rs", &format!("fn f() -> bool {{ {}true }}\n", "!".repeat(depth))),
        ("src/in_macro.rs", &format!("fn f() {{ vec![{}]; }}\n", nested("[", "]", depth, ""))),
    ]);
    let (report, run) = run_json(&workspace.path(), &[]);
    assert_eq!(run.code, 1, "the run went on to the real finding: {}", run.stderr);
    assert_eq!(findings_of(&report, "unapproved-status"), [("src/lib.rs".to_string(), 3, Some(418))]);
    let failures = findings_of(&report, "parse-error");
    assert_eq!(failures.len(), 6, "{failures:?}");
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
