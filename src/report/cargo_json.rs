//! cargo's JSON diagnostics (`--message-format json`): one `compiler-message` line per finding
//! and a closing `build-finished` line, the shape rust-analyzer reads from `cargo check` or
//! clippy, so that its `check.overrideCommand` shows findings in the editor. The messages can
//! also be written without the closing line, for `check` to add them to another command's.

use std::io::{self, Write};

use std::path::Path;

use serde_json::{json, Value};

use crate::model::{Excerpt, PackageId, Span};
use crate::rules::Severity;
use crate::Audit;

pub(super) fn write(audit: &Audit, writer: &mut dyn Write) -> io::Result<()> {
    write_messages(audit, writer)?;
    writeln!(writer, "{}", json!({ "reason": "build-finished", "success": !audit.has_errors() }))
}

/// One `compiler-message` line per finding, and no `build-finished` line.
pub(super) fn write_messages(audit: &Audit, writer: &mut dyn Write) -> io::Result<()> {
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
        let spans: Vec<Value> = finding
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
        let children: Vec<Value> = finding
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
        let owner = owner(audit, &finding.path);
        let (package_id, manifest_path) = match owner {
            Some(package) => (package_id(package), package.dir.join("Cargo.toml").to_string_lossy().into_owned()),
            None => (format!("path+file://{root}"), format!("{root}/Cargo.toml")),
        };
        let line = json!({
            "reason": "compiler-message",
            "package_id": package_id,
            "manifest_path": manifest_path,
            "target": owner.map_or_else(|| target("lib", "", &finding.path, "2021"), |package| target_of(package, &finding.path)),
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
    Ok(())
}

/// The audited package whose directory holds `path`, the innermost when packages nest.
fn owner<'a>(audit: &'a Audit, path: &Path) -> Option<&'a PackageId> {
    audit
        .package_ids
        .iter()
        .filter(|package| path.starts_with(&package.dir))
        .max_by_key(|package| package.dir.as_os_str().len())
}

/// cargo's id of a path package: `path+file:///dir#name@version`, or `#version` alone when the
/// directory is named after the package.
fn package_id(package: &PackageId) -> String {
    let dir = package.dir.to_string_lossy();
    if package.dir.file_name().is_some_and(|name| *name == *package.name) {
        format!("path+file://{dir}#{}", package.version)
    } else {
        format!("path+file://{dir}#{}@{}", package.name, package.version)
    }
}

/// The target of `package` that `path` belongs to, by cargo's layout: a binary's root file,
/// `src/bin/NAME`, `tests/NAME`, `examples/NAME`, `benches/NAME`, `build.rs`, else the library, or
/// the first binary when there is none.
fn target_of(package: &PackageId, path: &Path) -> Value {
    let target = |kind, name: &str, root: &Path| target(kind, name, root, &package.edition);
    if let Some((name, root)) = package.bins.iter().find(|(_, root)| root == path) {
        return target("bin", name, root);
    }
    let relative = path.strip_prefix(&package.dir).unwrap_or(path);
    let components: Vec<&str> = relative.components().filter_map(|component| component.as_os_str().to_str()).collect();
    let (kind, dir, name) = match components.as_slice() {
        ["build.rs"] => return target("custom-build", "build-script-build", path),
        ["src", "bin", name, ..] => ("bin", "src/bin", *name),
        ["tests", name, ..] => ("test", "tests", *name),
        ["examples", name, ..] => ("example", "examples", *name),
        ["benches", name, ..] => ("bench", "benches", *name),
        _ => {
            let (name, root) = package.lib.as_ref().or(package.bins.first()).map_or_else(
                || (package.name.as_str(), package.dir.join("src/main.rs")),
                |(name, root)| (name.as_str(), root.clone()),
            );
            return target(if package.lib.is_some() { "lib" } else { "bin" }, name, &root);
        }
    };
    // A target is a file `NAME.rs` or a directory `NAME/` with its `main.rs`.
    let (name, root) = match name.strip_suffix(".rs") {
        Some(stem) => (stem, package.dir.join(dir).join(name)),
        None => (name, package.dir.join(dir).join(name).join("main.rs")),
    };
    target(kind, name, &root)
}

/// A target as cargo describes it, with cargo's defaults for its kind.
fn target(kind: &str, name: &str, src_path: &Path, edition: &str) -> Value {
    json!({
        "kind": [kind],
        "crate_types": [if kind == "lib" { "lib" } else { "bin" }],
        "name": name,
        "src_path": src_path.to_string_lossy(),
        "edition": edition,
        "doc": matches!(kind, "lib" | "bin"),
        "doctest": kind == "lib",
        "test": matches!(kind, "lib" | "bin" | "test"),
    })
}

/// The lines a span covers, each with the characters it highlights (1-based, end exclusive), as
/// rustc gives them.
fn span_text(excerpt: &Excerpt, span: Span) -> Vec<Value> {
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
