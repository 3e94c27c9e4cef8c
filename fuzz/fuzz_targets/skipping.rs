//! Skipping text never loses a status, on workspaces built from fuzz input: the choices of
//! `tests/integration/naming_workspace.rs` (how a status is named, where it is defined, how it is
//! reached, where it is used, with or without a status word), written to a directory, audited by
//! default and with `--parse-all`. The two JSON reports and inventories must be the same bytes,
//! and every generated status must be found at its line. Built without `cfg(fuzzing)` (see
//! `fuzz/run.sh`): under it proc-macro2 keeps no line or column, and every span would be one.

#![no_main]

use std::path::{Path, PathBuf};

use libfuzzer_sys::fuzz_target;
use status_audit::discover::Request;
use status_audit::report::{write_inventory, write_report, Format, ReportOptions};
use status_audit::RunOptions;

#[path = "../../tests/integration/naming_workspace.rs"]
#[allow(dead_code)]
mod naming_workspace;

/// How many statuses one input may generate: more adds time, not shapes.
const MAX_STATUSES: usize = 12;

fn reports(root: &Path, parse_all: bool) -> (String, String) {
    let request = Request { path: root.to_path_buf(), ..Request::default() };
    let audit = status_audit::audit(&request, RunOptions { jobs: Some(1), parse_all, inventory: true })
        .expect("a generated workspace is audited");
    let options = ReportOptions { format: Format::Json, ..ReportOptions::default() };
    let (mut report, mut inventory) = (Vec::new(), Vec::new());
    write_report(&audit, &options, &mut report).expect("writing to memory works");
    write_inventory(&audit, &options, &mut inventory).expect("writing to memory works");
    (String::from_utf8(report).expect("UTF-8"), String::from_utf8(inventory).expect("UTF-8"))
}

fuzz_target!(|choices: Vec<naming_workspace::Choice>| {
    let choices = &choices[..choices.len().min(MAX_STATUSES)];
    if choices.is_empty() {
        return;
    }
    let generated = naming_workspace::generate(choices);
    let root: PathBuf = std::env::temp_dir().join(format!("status-audit-fuzz-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    for (path, content) in &generated.files {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("create directories");
        std::fs::write(path, content).expect("write a file");
    }
    let (report, inventory) = reports(&root, false);
    let (report_all, inventory_all) = reports(&root, true);
    let listing = generated.listing();
    assert!(report == report_all, "the report differs from --parse-all's\n{report}\n{report_all}\n{listing}");
    assert!(inventory == inventory_all, "the inventory differs\n{inventory}\n{inventory_all}\n{listing}");
    let parsed: serde_json::Value = serde_json::from_str(&report).expect("the report is JSON");
    let found: Vec<(String, u64, u64)> = parsed["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|finding| finding["rule"] == "unapproved-status")
        .map(|finding| {
            let path = finding["path"].as_str().expect("path").to_string();
            (path, finding["line"].as_u64().unwrap_or(0), finding["status"].as_u64().unwrap_or(0))
        })
        .collect();
    for (path, line, status) in &generated.expected {
        let expected = (path.clone(), *line, u64::from(*status));
        assert!(found.contains(&expected), "{status} at {path}:{line} not found in\n{report}\n{listing}");
    }
});
