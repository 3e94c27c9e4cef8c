//! cargo's JSON diagnostics (`--message-format json`): one `compiler-message` line per finding
//! and a closing `build-finished` line, the shape rust-analyzer reads from `cargo check` or
//! clippy, so that its `check.overrideCommand` shows findings in the editor.

use std::io::{self, Write};

use serde_json::json;

use super::display_path;
use crate::rules::Severity;
use crate::Audit;

pub(super) fn write(audit: &Audit, writer: &mut dyn Write) -> io::Result<()> {
    let root = audit.root.to_string_lossy();
    for finding in audit.reported() {
        let level = match finding.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let path = finding.path.to_string_lossy();
        let secondary = finding
            .related
            .iter()
            .map(|related| (related.path.to_string_lossy(), related.span, false, &related.message));
        let spans: Vec<serde_json::Value> = finding
            .span
            .iter()
            .map(|span| (path.clone(), *span, true, &finding.label))
            .chain(secondary)
            .map(|(path, span, is_primary, label)| {
                json!({
                    "file_name": path,
                    "byte_start": span.start,
                    "byte_end": span.end,
                    "line_start": span.line,
                    "line_end": span.end_line,
                    "column_start": span.column,
                    "column_end": span.end_column,
                    "is_primary": is_primary,
                    "text": [],
                    "label": label,
                    "suggested_replacement": null,
                    "suggestion_applicability": null,
                    "expansion": null,
                })
            })
            .collect();
        let children: Vec<serde_json::Value> = finding
            .notes
            .iter()
            .chain(finding.help.iter())
            .map(|note| {
                let (child_level, text) = match note.split_once(": ") {
                    Some(("note", text)) => ("note", text),
                    _ if finding.help.as_deref() == Some(note.as_str()) => ("help", note.as_str()),
                    _ => ("note", note.as_str()),
                };
                json!({ "message": text, "code": null, "level": child_level, "spans": [], "children": [], "rendered": null })
            })
            .collect();
        let location = match finding.span {
            Some(span) => format!("{}:{}:{}", display_path(&audit.root, &finding.path), span.line, span.column),
            None => display_path(&audit.root, &finding.path),
        };
        let rendered = format!("{level}[{}]: {}\n --> {location}\n", finding.rule.name(), finding.message);
        let line = json!({
            "reason": "compiler-message",
            "package_id": format!("path+file://{root}"),
            "manifest_path": format!("{root}/Cargo.toml"),
            "target": {
                "kind": ["lib"],
                "crate_types": ["lib"],
                "name": "status-audit",
                "src_path": path,
                "edition": "2021",
                "doc": false,
                "doctest": false,
                "test": false,
            },
            "message": {
                "message": finding.message,
                "code": { "code": finding.rule.name(), "explanation": null },
                "level": level,
                "spans": spans,
                "children": children,
                "rendered": rendered,
            },
        });
        writeln!(writer, "{line}")?;
    }
    writeln!(writer, "{}", json!({ "reason": "build-finished", "success": !audit.has_errors() }))
}
