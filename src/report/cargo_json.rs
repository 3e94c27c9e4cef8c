//! cargo's JSON diagnostics (`--message-format json`): one `compiler-message` line per finding
//! and a closing `build-finished` line, the shape rust-analyzer reads from `cargo check` or
//! clippy, so that its `check.overrideCommand` shows findings in the editor.

use std::io::{self, Write};

use serde_json::json;

use crate::model::{Excerpt, Span};
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
        let secondary = finding.related.iter().map(|related| {
            (related.path.to_string_lossy(), related.span, false, &related.message, related.excerpt.as_ref())
        });
        let spans: Vec<serde_json::Value> = finding
            .span
            .iter()
            .map(|span| (path.clone(), *span, true, &finding.label, finding.excerpt.as_ref()))
            .chain(secondary)
            .map(|(path, span, is_primary, label, excerpt)| {
                json!({
                    "file_name": path,
                    "byte_start": span.start,
                    "byte_end": span.end,
                    "line_start": span.line,
                    "line_end": span.end_line,
                    "column_start": span.column,
                    "column_end": span.end_column,
                    "is_primary": is_primary,
                    "text": excerpt.map(|excerpt| span_text(excerpt, span)).unwrap_or_default(),
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
        // The whole diagnostic, snippet and notes, as the human report writes it.
        let rendered = super::human::rendered(audit, finding);
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

/// The lines a span covers, each with the characters it highlights (1-based, end exclusive), as
/// rustc gives them.
fn span_text(excerpt: &Excerpt, span: Span) -> Vec<serde_json::Value> {
    excerpt
        .lines()
        .filter(|(number, _, _)| (span.line..=span.end_line).contains(number))
        .map(|(number, _, text)| {
            let start = if number == span.line { span.column } else { 1 };
            let end = if number == span.end_line { span.end_column } else { text.chars().count() + 1 };
            json!({ "text": text, "highlight_start": start, "highlight_end": end })
        })
        .collect()
}
