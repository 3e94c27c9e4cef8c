//! Skipping text never loses a status: on workspaces generated from every way of naming a status
//! (see `naming_workspace.rs`), the default audit, which reads most files and items without
//! parsing them, prints the same bytes as `--parse-all`, in the report and in the inventory, and
//! finds every status the workspace produces.
//!
//! Runs `PROPTEST_CASES` cases (64 by default); a failure is shrunk to a minimal workspace and
//! printed whole.

use std::path::Path;

use proptest::prelude::*;
use status_audit::discover::Request;
use status_audit::report::{write_inventory, write_report, Format, ReportOptions};
use status_audit::RunOptions;

use crate::naming_workspace::{self, Choice, ACCESSES, HOMES, SHAPES, SITES};
use crate::support::Workspace;

/// The JSON report and the JSON inventory of the workspace at `root`.
fn reports(root: &Path, parse_all: bool) -> (String, String) {
    let request = Request { path: root.to_path_buf(), ..Request::default() };
    let audit = status_audit::audit(&request, RunOptions { jobs: Some(2), parse_all, inventory: true })
        .expect("a generated workspace is audited");
    let options = ReportOptions { format: Format::Json, ..ReportOptions::default() };
    let mut report = Vec::new();
    write_report(&audit, &options, &mut report).expect("writing to memory works");
    let mut inventory = Vec::new();
    write_inventory(&audit, &options, &mut inventory).expect("writing to memory works");
    (String::from_utf8(report).expect("UTF-8"), String::from_utf8(inventory).expect("UTF-8"))
}

/// Audits the generated workspace both ways; an error names what differs, with every file.
fn check(choices: &[Choice]) -> Result<(), String> {
    let generated = naming_workspace::generate(choices);
    let files: Vec<(&str, &str)> =
        generated.files.iter().map(|(path, content)| (path.as_str(), content.as_str())).collect();
    let workspace = Workspace::new(&files);
    let (report, inventory) = reports(&workspace.path(), false);
    let (report_all, inventory_all) = reports(&workspace.path(), true);
    let listing = generated.listing();
    if report != report_all {
        return Err(format!("the report differs from --parse-all's\n{report}\n{report_all}\n{listing}"));
    }
    if inventory != inventory_all {
        return Err(format!("the inventory differs from --parse-all's\n{inventory}\n{inventory_all}\n{listing}"));
    }
    let parsed: serde_json::Value = serde_json::from_str(&report).expect("the report is JSON");
    let found = crate::support::findings_of(&parsed, "unapproved-status");
    for (path, line, status) in &generated.expected {
        if !found.contains(&(path.clone(), *line, Some(u64::from(*status)))) {
            return Err(format!("{status} at {path}:{line} not found; found {found:?}\n{listing}"));
        }
    }
    Ok(())
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|cases| cases.parse().ok()).unwrap_or(64)
}

fn choice() -> impl Strategy<Value = Choice> {
    (0..SHAPES, 0..HOMES, 0..ACCESSES, 0..SITES, any::<bool>())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn skipping_text_never_loses_a_status(choices in prop::collection::vec(choice(), 1..8)) {
        check(&choices).map_err(TestCaseError::fail)?;
    }
}

/// Every way of naming, at every home, access and site, with and without a status word, one at a
/// time: what the random cases cover, but each for sure.
#[test]
fn every_way_of_naming_a_status_is_found_both_ways() {
    let mut failures = Vec::new();
    for shape in 0..SHAPES {
        for home in 0..HOMES {
            for access in 0..ACCESSES {
                for site in 0..SITES {
                    for word in [false, true] {
                        let choice = (shape, home, access, site, word);
                        if let Err(error) = check(&[choice]) {
                            failures.push(format!("{choice:?}: {}", error.lines().next().unwrap_or_default()));
                        }
                    }
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} fail:\n{}",
        failures.len(),
        [SHAPES, HOMES, ACCESSES, SITES, 2].iter().map(|&count| usize::from(count)).product::<usize>(),
        failures.join("\n")
    );
}
