//! The sample crates under `test-crates/` carry their expectations on the lines they concern:
//! `//~ unapproved-status 418` for a finding of every run, `//~[include-tests] ...` for one that
//! only `--include-tests` reports, and `//~ FIXME unapproved-status 418` for a status the tool is
//! known to miss today. Every finding must be expected and every expectation found.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::support::{run_in, run_json};

fn sample_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("test-crates")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expectation {
    Always,
    IncludeTests,
    KnownMiss,
}

/// `(path, line, rule, status)` of a finding.
type Key = (String, u64, String, Option<u64>);

/// How many times each finding is expected, or was found.
type Expected = BTreeMap<Key, usize>;

fn expectations(kinds: &[Expectation]) -> Expected {
    let root = sample_root();
    let mut expected = Expected::new();
    for entry in WalkDir::new(&root).into_iter().filter_entry(|entry| entry.file_name() != "target") {
        let entry = entry.expect("readable test-crates");
        if entry.path().extension().is_none_or(|extension| extension != "rs") {
            continue;
        }
        let relative = entry.path().strip_prefix(&root).expect("below the root").to_string_lossy().replace('\\', "/");
        let text = std::fs::read_to_string(entry.path()).expect("a readable sample");
        for (index, line) in text.lines().enumerate() {
            for marker in line.split("//~").skip(1) {
                let (kind, marker) = match marker.strip_prefix("[include-tests]") {
                    Some(rest) => (Expectation::IncludeTests, rest),
                    None => match marker.trim_start().strip_prefix("FIXME") {
                        Some(rest) => (Expectation::KnownMiss, rest),
                        None => (Expectation::Always, marker),
                    },
                };
                if !kinds.contains(&kind) {
                    continue;
                }
                let mut words = marker.split_whitespace();
                let rule = words.next().unwrap_or_else(|| panic!("{relative}:{}: a marker names a rule", index + 1));
                let status = words.next().map(|status| status.parse().expect("a numeric status"));
                *expected.entry((relative.clone(), index as u64 + 1, rule.to_string(), status)).or_default() += 1;
            }
        }
    }
    expected
}

fn actual(args: &[&str]) -> Expected {
    let (report, run) = run_json(&sample_root(), args);
    assert_eq!(run.code, 1, "the sample crates have unapproved statuses: {}", run.stderr);
    // Every rule's findings, so that a line without a marker checks that each rule stays quiet.
    let mut actual = Expected::new();
    for finding in report["findings"].as_array().expect("findings is an array") {
        let rule = finding["rule"].as_str().expect("a rule name").to_string();
        let key = (
            finding["path"].as_str().expect("path").to_string(),
            finding["line"].as_u64().unwrap_or(0),
            rule,
            finding["status"].as_u64(),
        );
        *actual.entry(key).or_default() += 1;
    }
    actual
}

fn assert_same(expected: &Expected, actual: &Expected) {
    let describe = |entries: Vec<(&Key, usize)>| {
        entries
            .iter()
            .map(|((path, line, rule, status), count)| format!("  {path}:{line} {rule} {status:?} x{count}"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let missing: Vec<_> = expected
        .iter()
        .filter(|(key, count)| actual.get(*key) != Some(*count))
        .map(|(key, count)| (key, count.saturating_sub(actual.get(key).copied().unwrap_or(0))))
        .filter(|(_, count)| *count > 0)
        .collect();
    let extra: Vec<_> = actual
        .iter()
        .map(|(key, count)| (key, count.saturating_sub(expected.get(key).copied().unwrap_or(0))))
        .filter(|(_, count)| *count > 0)
        .collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "missing findings:\n{}\nunexpected findings:\n{}",
        describe(missing),
        describe(extra)
    );
}

#[test]
fn every_expected_finding_and_no_other() {
    let expected = expectations(&[Expectation::Always]);
    assert!(expected.len() >= 40, "the sample crates lost their markers");
    assert_same(&expected, &actual(&[]));
}

#[test]
fn include_tests_adds_test_code() {
    let expected = expectations(&[Expectation::Always, Expectation::IncludeTests]);
    let actual = actual(&["--include-tests"]);
    // Test code also builds statuses that no marker speaks for (assertion inputs, fixtures); only
    // the marked ones are checked here, and every default finding must still be there.
    let missing: Vec<_> = expected.keys().filter(|key| !actual.contains_key(*key)).collect();
    assert!(missing.is_empty(), "missing with --include-tests: {missing:?}");
}

#[test]
fn known_misses_are_still_missed() {
    // A FIXME marker that starts being found means a gap was closed: turn it into a plain marker.
    let known = expectations(&[Expectation::KnownMiss]);
    let actual = actual(&[]);
    let closed: Vec<_> = known.keys().filter(|key| actual.contains_key(*key)).collect();
    assert!(closed.is_empty(), "found now, remove FIXME from these markers: {closed:?}");
}

/// The rendered diagnostics, compared with `tests/snapshots/test-crates.txt`. Review a change
/// and accept it with `STATUS_AUDIT_BLESS=1 cargo test`.
#[test]
fn human_output_snapshot() {
    let run = run_in(&sample_root(), &["--color", "never"]);
    assert_eq!(run.code, 1);
    let snapshot = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/test-crates.txt");
    if std::env::var_os("STATUS_AUDIT_BLESS").is_some() {
        std::fs::write(&snapshot, &run.stdout).expect("write the snapshot");
        return;
    }
    let expected =
        std::fs::read_to_string(&snapshot).expect("the snapshot exists; create it with STATUS_AUDIT_BLESS=1");
    if expected != run.stdout {
        let first_difference = expected.lines().zip(run.stdout.lines()).position(|(left, right)| left != right);
        panic!(
            "the human output changed (first differing line: {first_difference:?}); review it and re-bless:\n{}",
            run.stdout
        );
    }
}
