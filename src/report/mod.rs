//! Writes an audit's result in the format the user asked for, to a writer it is handed. The only
//! stage besides discover that touches the outside world, and only through that writer.

mod human;
mod json;

use std::io::{self, Write};
use std::path::Path;

use crate::Audit;

/// The output formats of `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Human,
    Json,
}

/// How a report is written.
#[derive(Debug, Clone, Copy, Default)]
pub struct ReportOptions {
    pub format: Format,
    /// ANSI colors, for the human format.
    pub color: bool,
}

pub fn write_report(audit: &Audit, options: ReportOptions, writer: &mut dyn Write) -> io::Result<()> {
    match options.format {
        Format::Human => human::write(audit, options.color, writer),
        Format::Json => json::write(audit, writer),
    }
}

/// `path` relative to the audit root with `/` separators, as every format shows it.
pub(crate) fn display_path(root: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<String> =
        relative.components().map(|component| component.as_os_str().to_string_lossy().into_owned()).collect();
    parts.join("/")
}
