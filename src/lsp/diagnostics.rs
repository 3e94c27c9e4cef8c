//! Findings as LSP diagnostics, and the places of the tool (1-based lines, columns counted in
//! characters) as LSP positions (0-based lines, columns counted in UTF-16 code units). Files are
//! read only through [`Texts`], which prefers the editor's unsaved buffers.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use lsp_types::{
    CodeDescription, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Position,
    Range, Url,
};

use status_audit::config::ConfigError;
use status_audit::evaluate::APPROVED_NOTE;
use status_audit::model::{Finding, Span};
use status_audit::report::rule_documentation_url;
use status_audit::rules::Severity;

/// What diagnostics name as their source.
pub(crate) const SOURCE: &str = "status-audit";

/// The text of files: an open buffer's, else the file's on disk, each read once.
#[derive(Debug)]
pub(crate) struct Texts<'a> {
    pub open: &'a HashMap<PathBuf, String>,
    read: HashMap<PathBuf, Option<String>>,
}

impl<'a> Texts<'a> {
    pub(crate) fn new(open: &'a HashMap<PathBuf, String>) -> Texts<'a> {
        Texts { open, read: HashMap::new() }
    }

    pub(crate) fn get(&mut self, path: &Path) -> Option<&str> {
        if let Some(text) = self.open.get(path) {
            return Some(text);
        }
        self.read.entry(path.to_path_buf()).or_insert_with(|| std::fs::read_to_string(path).ok()).as_deref()
    }
}

/// The diagnostic for a finding (one that is reported: not suppressed, not baselined).
pub(crate) fn diagnostic(finding: &Finding, texts: &mut Texts<'_>) -> Diagnostic {
    let finding_range = finding.span.map_or_else(Range::default, |span| range(texts.get(&finding.path), span));
    let mut message = finding.message.clone();
    // The notes and help as the human report words them; the approved list is said once there,
    // at the end of a run, and here not at all.
    for note in finding.notes.iter().filter(|note| !note.starts_with(APPROVED_NOTE)) {
        message.push('\n');
        message.push_str(note);
    }
    if let Some(help) = &finding.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    let related: Vec<DiagnosticRelatedInformation> = finding
        .related
        .iter()
        .filter_map(|related| {
            let uri = Url::from_file_path(&related.path).ok()?;
            let range = range(texts.get(&related.path), related.span);
            Some(DiagnosticRelatedInformation { location: Location { uri, range }, message: related.message.clone() })
        })
        .collect();
    Diagnostic {
        range: finding_range,
        severity: Some(match finding.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
        }),
        code: Some(NumberOrString::String(finding.rule.name().to_string())),
        code_description: rule_documentation_url(finding.rule)
            .and_then(|url| Url::parse(&url).ok())
            .map(|href| CodeDescription { href }),
        source: Some(SOURCE.to_string()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}

/// The diagnostic for a config source (or manifest) that stops the audit, at the place it names.
pub(crate) fn config_error(error: &ConfigError, texts: &mut Texts<'_>) -> Diagnostic {
    let (line, column) = error.position.unwrap_or((1, 1));
    let start = position(texts.get(&error.path), line, column);
    Diagnostic {
        range: Range { start, end: start },
        severity: Some(DiagnosticSeverity::ERROR),
        source: Some(SOURCE.to_string()),
        message: format!("{}\nnote: nothing is audited until this is fixed", error.message),
        ..Diagnostic::default()
    }
}

/// The range of `span` in a file whose text is `text` (when it could be had).
pub(crate) fn range(text: Option<&str>, span: Span) -> Range {
    Range { start: position(text, span.line, span.column), end: position(text, span.end_line, span.end_column) }
}

/// The LSP position of a 1-based line and character column. Without the line's text, every
/// character is taken to be one UTF-16 code unit.
pub(crate) fn position(text: Option<&str>, line: usize, column: usize) -> Position {
    let line_index = line.saturating_sub(1);
    let characters = column.saturating_sub(1);
    let utf16 = match text.and_then(|text| text.split('\n').nth(line_index)) {
        // Columns do not count a byte-order mark.
        Some(line_text) => {
            let line_text = if line_index == 0 { line_text.trim_start_matches('\u{feff}') } else { line_text };
            line_text.chars().take(characters).map(char::len_utf16).sum()
        }
        None => characters,
    };
    Position { line: saturate(line_index), character: saturate(utf16) }
}

/// The LSP position of a byte offset into `text` (floored to a character's start).
pub(crate) fn position_of_offset(text: &str, offset: usize) -> Position {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |newline| newline + 1);
    let utf16: usize = before[line_start..].chars().map(char::len_utf16).sum();
    Position { line: saturate(before.matches('\n').count()), character: saturate(utf16) }
}

fn saturate(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_utf16_code_units() {
        // `é` is one UTF-16 unit, `🫖` two: the span starts at character 10 (1-based) of line 2,
        // after nine characters that take ten units.
        let text = "fn a() {}\nlet é🫖 = StatusCode::IM_A_TEAPOT;\n";
        assert_eq!(position(Some(text), 2, 10), Position { line: 1, character: 10 });
        assert_eq!(position(Some(text), 1, 4), Position { line: 0, character: 3 });
        assert_eq!(position(None, 2, 10), Position { line: 1, character: 9 });
        let offset = text.find("StatusCode").unwrap();
        assert_eq!(position_of_offset(text, offset), Position { line: 1, character: 10 });
        assert_eq!(position_of_offset(text, text.len() + 5), Position { line: 2, character: 0 });
    }

    #[test]
    fn a_byte_order_mark_is_not_a_column() {
        assert_eq!(position(Some("\u{feff}x = 1"), 1, 2), Position { line: 0, character: 1 });
    }
}
