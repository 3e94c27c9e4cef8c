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
            // `//~ route ..` is an endpoint's, checked by the routes tests.
            for marker in line.split("//~").skip(1).filter(|marker| !marker.trim_start().starts_with("route ")) {
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

/// The human format points at the same tokens as the JSON one, whose places the markers check:
/// every caret line sits under the finding's columns, on the source line it names, and what it
/// underlines is a whole expression.
#[test]
fn human_output_points_at_the_findings_tokens() {
    let (report, _) = run_json(&sample_root(), &[]);
    let run = run_in(&sample_root(), &["--color", "never"]);
    assert_eq!(run.code, 1);
    let lines: Vec<&str> = run.stdout.lines().collect();
    let mut checked = 0;
    for finding in report["findings"].as_array().expect("findings") {
        let rule = finding["rule"].as_str().expect("rule");
        if !matches!(rule, "unapproved-status" | "dynamic-status") || finding["line"] != finding["end_line"] {
            continue;
        }
        let (path, line) = (finding["path"].as_str().expect("path"), finding["line"].as_u64().expect("line"));
        let (column, end_column) =
            (finding["column"].as_u64().expect("column"), finding["end_column"].as_u64().expect("end"));
        let header = format!("[{rule}]: {}", finding["message"].as_str().expect("message"));
        let location = format!("┌─ {path}:{line}:{column}");
        let at = lines
            .iter()
            .enumerate()
            .position(|(index, text)| text.ends_with(&location) && index > 0 && lines[index - 1].ends_with(&header))
            .unwrap_or_else(|| panic!("no diagnostic for {path}:{line}:{column} {header}"));
        let gutter = format!("{line} │");
        let source_index = (at..lines.len())
            .find(|index| lines[*index].trim_start().starts_with(&gutter))
            .unwrap_or_else(|| panic!("no source line under {location}"));
        let source: Vec<char> = lines[source_index].chars().collect();
        let carets: Vec<char> = lines[source_index + 1].chars().collect();
        let text_start = source.iter().position(|character| *character == '│').expect("a gutter") + 2;
        let first_caret = carets.iter().position(|character| *character == '^').expect("a caret line");
        let caret_count = carets[first_caret..].iter().take_while(|character| **character == '^').count();
        assert_eq!(first_caret - text_start + 1, column as usize, "caret column of {location}");
        assert_eq!(caret_count, (end_column - column) as usize, "caret width of {location}");
        let underlined: String = source[first_caret..first_caret + caret_count].iter().collect();
        assert!(is_whole_expression(&underlined), "{location} underlines `{underlined}`, not a whole expression");
        checked += 1;
    }
    assert!(checked >= 40, "only {checked} findings were checked");
}

/// Starts where an expression can start, ends where one can end, and closes what it opens.
fn is_whole_expression(text: &str) -> bool {
    let starts = text.chars().next().is_some_and(|first| first.is_alphanumeric() || matches!(first, '"' | '*' | '&'));
    let ends = text.chars().last().is_some_and(|last| last.is_alphanumeric() || matches!(last, ')' | '"' | '_'));
    let balance = |open: char, close: char| text.matches(open).count() == text.matches(close).count();
    starts && ends && balance('(', ')') && balance('[', ']') && balance('{', '}')
}
