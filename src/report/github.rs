//! GitHub Actions workflow commands, one annotation per finding. GitHub shows only about ten
//! annotations of a kind per step, so when `GITHUB_STEP_SUMMARY` names a file, a Markdown table of
//! every finding is appended to it as well.

use std::io::{self, Write};
use std::path::Path;

use crate::rules::Severity;
use crate::Audit;

/// Where GitHub expects annotation paths to start: the checkout, when the audit root is in it.
pub(super) fn write(audit: &Audit, workspace: Option<&Path>, writer: &mut dyn Write) -> io::Result<()> {
    let base = super::ci_base(audit, workspace);
    for finding in audit.reported() {
        let command = match finding.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut properties = vec![("file", super::display_path(base, &finding.path))];
        if let Some(span) = finding.span {
            properties.extend([
                ("line", span.line.to_string()),
                ("endLine", span.end_line.to_string()),
                ("col", span.column.to_string()),
                ("endColumn", span.end_column.to_string()),
            ]);
        }
        properties.push(("title", format!("{} ({})", finding.rule.name(), command)));
        let properties: Vec<String> =
            properties.iter().map(|(name, value)| format!("{name}={}", escape_property(value))).collect();
        writeln!(writer, "::{command} {}::{}", properties.join(","), escape_data(&finding.message))?;
    }
    Ok(())
}

/// The Markdown table appended to `$GITHUB_STEP_SUMMARY`.
pub(super) fn step_summary(audit: &Audit, workspace: Option<&Path>) -> String {
    let base = super::ci_base(audit, workspace);
    let mut markdown = format!(
        "### cargo status-audit\n\n{} error(s), {} warning(s) in {} file(s) of {} package(s)\n\n",
        audit.count(Severity::Error),
        audit.count(Severity::Warning),
        audit.files_scanned,
        audit.packages
    );
    if audit.reported().next().is_none() {
        return markdown;
    }
    markdown.push_str("| Level | Rule | Location | Message |\n|---|---|---|---|\n");
    for finding in audit.reported() {
        let location = match finding.span {
            Some(span) => format!("{}:{}:{}", super::display_path(base, &finding.path), span.line, span.column),
            None => super::display_path(base, &finding.path),
        };
        let cell = |text: &str| text.replace('|', "\\|").replace('\n', " ");
        markdown.push_str(&format!(
            "| {} | `{}` | `{}` | {} |\n",
            finding.severity.name(),
            finding.rule.name(),
            cell(&location),
            cell(&finding.message)
        ));
    }
    markdown
}

fn escape_data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_github_reads_them() {
        assert_eq!(escape_data("50% off\r\nnext"), "50%25 off%0D%0Anext");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
