//! The human format: rustc-style diagnostics rendered by codespan-reporting, then one summary line.

use std::collections::HashMap;
use std::io::{self, Write};

use codespan_reporting::diagnostic::{Diagnostic, Label};
use codespan_reporting::files::{self, SimpleFiles};
use codespan_reporting::term::{self, termcolor};

use super::display_path;
use crate::rules::Severity;
use crate::Audit;

pub(super) fn write(audit: &Audit, color: bool, writer: &mut dyn Write) -> io::Result<()> {
    let mut files = SimpleFiles::new();
    let mut file_ids = HashMap::new();
    let config = term::Config::default();
    let mut colored: Box<dyn termcolor::WriteColor + '_> = if color {
        Box::new(termcolor::Ansi::new(&mut *writer))
    } else {
        Box::new(termcolor::NoColor::new(&mut *writer))
    };

    for finding in audit.reported() {
        let mut diagnostic = match finding.severity {
            Severity::Error => Diagnostic::error(),
            Severity::Warning => Diagnostic::warning(),
        }
        .with_code(finding.rule.name())
        .with_message(&finding.message);
        // A file changed since it was scanned may no longer hold the span.
        let fits = |text: &String, span: &crate::model::Span| {
            span.end <= text.len() && text.is_char_boundary(span.start) && text.is_char_boundary(span.end)
        };
        let text = audit.sources.get(&finding.path);
        if let (Some(span), Some(text)) =
            (finding.span, text.filter(|text| finding.span.is_some_and(|span| fits(text, &span))))
        {
            let file_id = *file_ids
                .entry(finding.path.clone())
                .or_insert_with(|| files.add(display_path(&audit.root, &finding.path), text.as_str()));
            let mut labels = vec![Label::primary(file_id, span.start..span.end).with_message(&finding.label)];
            for related in &finding.related {
                let Some(text) = audit.sources.get(&related.path).filter(|text| fits(text, &related.span)) else {
                    continue;
                };
                let related_id = *file_ids
                    .entry(related.path.clone())
                    .or_insert_with(|| files.add(display_path(&audit.root, &related.path), text.as_str()));
                labels.push(
                    Label::secondary(related_id, related.span.start..related.span.end).with_message(&related.message),
                );
            }
            diagnostic = diagnostic.with_labels(labels);
        } else {
            diagnostic = diagnostic.with_notes(vec![format!("note: in {}", display_path(&audit.root, &finding.path))]);
        }
        let mut notes = finding.notes.clone();
        notes.extend(finding.help.iter().map(|help| format!("help: {help}")));
        diagnostic.notes.extend(notes);
        term::emit(colored.as_mut(), &config, &files, &diagnostic).map_err(|error| match error {
            files::Error::Io(error) => error,
            other => io::Error::other(other.to_string()),
        })?;
    }
    drop(colored);
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
    writeln!(writer, "{}", summary_line(audit))
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
