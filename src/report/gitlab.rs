//! GitLab Code Quality: a JSON array that `artifacts: reports: codequality:` uploads. Every entry
//! has a unique, stable fingerprint, or GitLab folds entries together.

use std::io::{self, Write};
use std::path::Path;

use serde_json::{json, Value};

use super::fingerprint;
use crate::rules::Severity;
use crate::Audit;

pub(super) fn write(audit: &Audit, project: Option<&Path>, writer: &mut dyn Write) -> io::Result<()> {
    let base = super::ci_base(audit, project);
    let entries: Vec<Value> = audit
        .findings
        .iter()
        .zip(fingerprint::fingerprints(audit))
        .filter(|(finding, _)| finding.suppressed.is_none() && !finding.baselined)
        .map(|(finding, fingerprint)| {
            json!({
                "description": finding.message,
                "check_name": finding.rule.name(),
                "fingerprint": fingerprint,
                "severity": match finding.severity {
                    Severity::Error => "major",
                    Severity::Warning => "minor",
                },
                "location": {
                    "path": super::display_path(base, &finding.path),
                    "lines": { "begin": finding.span.map_or(1, |span| span.line) },
                },
            })
        })
        .collect();
    serde_json::to_writer_pretty(&mut *writer, &entries)?;
    writeln!(writer)
}
