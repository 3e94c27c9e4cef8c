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
