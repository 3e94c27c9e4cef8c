//! The human format: rustc-style diagnostics rendered by codespan-reporting, then one summary line.

use std::io::{self, Write};
use std::path::Path;

use codespan_reporting::diagnostic::{Diagnostic, Label};
use codespan_reporting::files;
use codespan_reporting::term::{self, termcolor};

use super::display_path;
use super::excerpt_files::ExcerptFiles;
use crate::evaluate::APPROVED_NOTE;
use crate::model::Finding;
use crate::rules::Severity;
use crate::Audit;

pub(super) fn write(audit: &Audit, color: bool, writer: &mut dyn Write) -> io::Result<()> {
    let config = term::Config::default();
    let mut colored: Box<dyn termcolor::WriteColor + '_> = if color {
        Box::new(termcolor::Ansi::new(&mut *writer))
    } else {
        Box::new(termcolor::NoColor::new(&mut *writer))
    };

    // Each distinct list of approved codes the findings name, with how many name it.
    let mut approved_lists: Vec<(String, usize)> = Vec::new();
    for finding in audit.reported() {
        // The approved codes are stated once, after the findings.
        for note in finding.notes.iter().filter(|note| note.starts_with(APPROVED_NOTE)) {
            match approved_lists.iter_mut().find(|(list, _)| list == note) {
                Some((_, count)) => *count += 1,
                None => approved_lists.push((note.clone(), 1)),
            }
        }
        emit(audit, finding, colored.as_mut(), &config)?;
    }
    drop(colored);
    let several = approved_lists.len() > 1;
    for (note, count) in &approved_lists {
        let of = if several { format!(" (for {count} of the findings above)") } else { String::new() };
        writeln!(writer, "{note}{of}\n")?;
    }
    if !audit.outside_workspace.is_empty() {
        const SHOWN: usize = 5;
        let mut directories: Vec<String> = audit
            .outside_workspace
            .iter()
            .take(SHOWN)
            .map(|dir| format!("`{}`", display_path(&audit.root, dir)))
            .collect();
        if audit.outside_workspace.len() > SHOWN {
            directories.push(format!("and {} more", audit.outside_workspace.len() - SHOWN));
        }
        writeln!(
            writer,
            "note: not audited, outside this workspace: {}; audit one by naming its directory\n",
            directories.join(", ")
        )?;
    }
    for (package, framework) in &audit.unsupported_frameworks {
        writeln!(
            writer,
            "note: `{package}` depends on {framework}, which the audit does not read: the statuses it answers \
             with are not checked\n"
        )?;
    }
    if !audit.without_statuses.is_empty() {
        let packages: Vec<String> = audit.without_statuses.iter().map(|package| format!("`{package}`")).collect();
        writeln!(
            writer,
            "note: no status use found in {}, which {} on a web framework: if it sets statuses, it does so in a \
             way the audit does not read\n",
            packages.join(", "),
            if packages.len() == 1 { "depends" } else { "depend" }
        )?;
    }
    writeln!(writer, "{}", summary_line(audit))
}

/// One finding as rustc writes a diagnostic, without the list of approved codes.
fn emit(
    audit: &Audit,
    finding: &Finding,
    writer: &mut dyn termcolor::WriteColor,
    config: &term::Config,
) -> io::Result<()> {
    let mut diagnostic = match finding.severity {
        Severity::Error => Diagnostic::error(),
        Severity::Warning => Diagnostic::warning(),
    }
    .with_code(finding.rule.name())
    .with_message(&finding.message);
    let mut files = ExcerptFiles::default();
    let name = |path: &Path| display_path(&audit.root, path);
    let primary = finding
        .span
        .zip(finding.excerpt.as_ref())
        .and_then(|(span, excerpt)| files.add(&finding.path, name(&finding.path), excerpt, span));
    if let Some((file_id, range)) = primary {
        let mut labels = vec![Label::primary(file_id, range).with_message(&finding.label)];
        for related in &finding.related {
            let added = (related.excerpt.as_ref())
                .and_then(|excerpt| files.add(&related.path, name(&related.path), excerpt, related.span));
            let Some((related_id, range)) = added else { continue };
            labels.push(Label::secondary(related_id, range).with_message(&related.message));
        }
        diagnostic = diagnostic.with_labels(labels);
    } else {
        // No excerpt: the file could not be read again, or no longer holds the span.
        diagnostic = diagnostic.with_notes(vec![format!("note: in {}", name(&finding.path))]);
    }
    let mut notes: Vec<String> =
        finding.notes.iter().filter(|note| !note.starts_with(APPROVED_NOTE)).cloned().collect();
    notes.extend(finding.help.iter().map(|help| format!("help: {help}")));
    diagnostic.notes.extend(notes);
    term::emit(writer, config, &files, &diagnostic).map_err(|error| match error {
        files::Error::Io(error) => error,
        other => io::Error::other(other.to_string()),
    })
}

/// One finding rendered as the human report writes it, without colors: what cargo's JSON
/// carries as `rendered`.
pub(super) fn rendered(audit: &Audit, finding: &Finding) -> String {
    let mut text = Vec::new();
    let mut writer = termcolor::NoColor::new(&mut text);
    // Writing to memory does not fail.
    let _ = emit(audit, finding, &mut writer, &term::Config::default());
    String::from_utf8_lossy(&text).into_owned()
}

fn summary_line(audit: &Audit) -> String {
    let counted = |count: usize, singular: &str| format!("{count} {singular}{}", if count == 1 { "" } else { "s" });
    let audited = format!("audited {}, {}", counted(audit.packages, "package"), counted(audit.files_scanned, "file"));
    let errors = audit.count(Severity::Error);
    let warnings = audit.count(Severity::Warning);
    let suppressed = match (audit.suppressed(), audit.baselined()) {
        (0, 0) => String::new(),
        (inline, 0) => format!(" ({inline} suppressed by inline allows)"),
        (0, baselined) => format!(" ({baselined} in the baseline)"),
        (inline, baselined) => format!(" ({inline} suppressed by inline allows, {baselined} in the baseline)"),
    };
    if errors + warnings == 0 {
        format!("{audited}: no findings{suppressed}")
    } else {
        format!("{audited}: {}, {}{suppressed}", counted(errors, "error"), counted(warnings, "warning"))
    }
}
