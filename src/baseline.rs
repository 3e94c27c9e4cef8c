//! The baseline: findings a team accepts for now, so that CI gates only new ones. Entries are
//! keyed on what survives edits (path, enclosing function, rule, status and the expression's own
//! text), never on line numbers, so moving code does not make its findings new. Entries that no
//! longer match anything are reported, so the file shrinks as code is fixed. Reading and writing
//! the file is the caller's; this module turns text into entries and back.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::config::ConfigError;
use crate::model::Finding;
use crate::rules::Rule;
use crate::Audit;

const VERSION: u32 = 1;

/// One accepted finding.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Entry {
    pub path: String,
    pub function: Option<String>,
    pub rule: String,
    pub status: Option<u16>,
    /// The expression's text, with runs of whitespace folded to one space.
    pub expression: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BaselineFile {
    version: u32,
    entries: Vec<Entry>,
}

/// The key of a finding.
pub fn entry(audit: &Audit, finding: &Finding) -> Entry {
    let text = finding
        .span
        .zip(finding.excerpt.as_ref())
        .and_then(|(span, excerpt)| excerpt.text_of(span))
        .unwrap_or_default();
    Entry {
        path: crate::report::display_path(&audit.root, &finding.path),
        function: finding.function.clone(),
        rule: finding.rule.name().to_string(),
        status: finding.status,
        expression: text.split_whitespace().collect::<Vec<_>>().join(" "),
    }
}

/// The baseline of every finding the audit reports, as sorted, diff-friendly JSON.
pub fn render(audit: &Audit) -> String {
    let mut entries: Vec<Entry> = audit.reported().map(|finding| entry(audit, finding)).collect();
    entries.sort();
    let file = BaselineFile { version: VERSION, entries };
    serde_json::to_string_pretty(&file).unwrap_or_default() + "\n"
}

/// Reads a baseline file's text.
pub fn parse(path: &Path, text: &str) -> Result<Vec<Entry>, ConfigError> {
    let file: BaselineFile = serde_json::from_str(text).map_err(|error| ConfigError {
        path: path.to_path_buf(),
        position: Some((error.line(), error.column())),
        message: format!("not a baseline file: {error}"),
    })?;
    if file.version != VERSION {
        return Err(ConfigError {
            path: path.to_path_buf(),
            position: None,
            message: format!("baseline version {} is not supported (this is {VERSION})", file.version),
        });
    }
    Ok(file.entries)
}

/// Marks the findings the baseline accepts, each entry accepting one finding, and reports the
/// entries that accept nothing as `stale-baseline`.
pub fn apply(audit: &mut Audit, entries: Vec<Entry>) {
    let mut remaining: BTreeMap<Entry, usize> = BTreeMap::new();
    for entry in entries {
        *remaining.entry(entry).or_default() += 1;
    }
    let keys: Vec<Option<Entry>> =
        audit.findings.iter().map(|finding| (finding.suppressed.is_none()).then(|| entry(audit, finding))).collect();
    for (finding, key) in audit.findings.iter_mut().zip(keys) {
        let Some(count) = key.and_then(|key| remaining.get_mut(&key)) else { continue };
        if *count > 0 {
            *count -= 1;
            finding.baselined = true;
        }
    }
    for (entry, count) in remaining {
        for _ in 0..count {
            audit.findings.push(stale(audit, &entry));
        }
    }
    crate::sort_findings(&mut audit.findings);
}

fn stale(audit: &Audit, entry: &Entry) -> Finding {
    let status = entry.status.map(|status| format!(" {status}")).unwrap_or_default();
    let function = entry.function.as_deref().map(|function| format!(" in `{function}`")).unwrap_or_default();
    let message = format!("baseline entry matches nothing: {}{status}{function}: `{}`", entry.rule, entry.expression);
    Finding {
        rule: Rule::StaleBaseline,
        severity: Rule::StaleBaseline.default_severity(),
        status: entry.status,
        label: message.clone(),
        message,
        path: audit.root.join(&entry.path),
        span: None,
        framework: None,
        function: entry.function.clone(),
        notes: Vec::new(),
        help: Some("the finding is gone: write the baseline again with --write-baseline".to_string()),
        suppressed: None,
        baselined: false,
        related: Vec::new(),
        excerpt: None,
    }
}
