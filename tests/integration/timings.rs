//! `--timings`: each stage and the counts on stderr, after the report, which it leaves unchanged.

use std::collections::HashMap;
use std::path::Path;

use crate::support::{manifest, run_in, run_json, Workspace, AXUM_HANDLER};

/// The stage names and the `name  count` rows of a timings table.
fn parse_table(stderr: &str) -> (Vec<String>, HashMap<String, u64>) {
    let mut stages = Vec::new();
    let mut counts = HashMap::new();
    for line in stderr.lines().filter(|line| !line.trim().is_empty()) {
        let name = line.get(..20).unwrap_or(line).trim().to_string();
        let rest = line.get(20..).unwrap_or_default().trim();
        if rest.ends_with("ms") || rest.is_empty() || name == "stage" {
            stages.push(name);
        } else {
            let count = rest.split_whitespace().next().expect("a count").parse().expect("a number");
            counts.insert(name, count);
        }
    }
    (stages, counts)
}

#[test]
fn stages_and_counts_match_the_report() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("test-crates");
    let (report, run) = run_json(&root, &["--timings"]);
    let (stages, counts) = parse_table(&run.stderr);
    assert_eq!(
        stages,
        [
            "stage",
            "discover",
            "read, filter, parse",
            "read",
            "filter",
            "parse and detect",
            "link",
            "evaluate",
            "report",
            "total"
        ],
        "{}",
        run.stderr
    );
    assert!(run.stderr.lines().next().unwrap().contains("summed over"), "{}", run.stderr);
    let summary = &report["summary"];
    assert_eq!(counts["packages"], summary["packages"].as_u64().unwrap());
    assert_eq!(counts["files discovered"], summary["files_scanned"].as_u64().unwrap());
    assert!(counts["files parsed"] <= counts["files discovered"]);
    assert!(counts["files read"] >= counts["files discovered"]);
    let reported = summary["errors"].as_u64().unwrap() + summary["warnings"].as_u64().unwrap();
    assert_eq!(counts["findings"], reported);
    assert!(reported > 0);
}

#[test]
fn bytes_read_and_an_unchanged_report() {
    let other = "pub fn nothing() {}\n";
    let workspace = Workspace::new(&[
        ("Cargo.toml", &manifest("svc", "axum = \"0.8\"")),
        ("src/lib.rs", AXUM_HANDLER),
        ("src/other.rs", other),
    ]);
    let plain = run_in(&workspace.path(), &["--color", "never"]);
    let timed = run_in(&workspace.path(), &["--color", "never", "--timings", "-j", "1"]);
    assert_eq!(timed.stdout, plain.stdout);
    assert_eq!(timed.code, plain.code);
    assert!(plain.stderr.is_empty(), "{}", plain.stderr);
    let (_, counts) = parse_table(&timed.stderr);
    // A file that may hold a status use is read to filter it, and again to parse it, longest
    // first.
    assert_eq!(counts["bytes read"], (2 * AXUM_HANDLER.len() + other.len()) as u64, "{}", timed.stderr);
    assert_eq!(counts["files discovered"], 2);
    // The file with no status-related word is read, not parsed.
    assert_eq!(counts["files parsed"], 1, "{}", timed.stderr);
    assert_eq!(counts["findings"], 1);
    assert!(timed.stderr.lines().next().unwrap().ends_with("summed over 1 thread"), "{}", timed.stderr);
}
