//! Reads one `.rs` file and parses it with syn, then hands the AST to detect. A file that cannot
//! be read, is not UTF-8 or does not parse becomes a `ParseFailure`, never an error of the run.
//! The parsed AST does not leave this module: what comes out is plain data.

use std::fs;
use std::path::PathBuf;

use crate::config::line_column;
use crate::detect::{self, Offsets};
use crate::discover::PackageContext;
use crate::model::{ParseFailure, Span, StatusUse};

/// What one file yielded.
#[derive(Debug)]
pub struct ScannedFile {
    pub path: PathBuf,
    pub package: usize,
    /// The file's text, kept only when a finding may need to show it.
    pub text: Option<String>,
    pub uses: Vec<StatusUse>,
    pub failure: Option<ParseFailure>,
}

const BYTE_ORDER_MARK: &str = "\u{feff}";

/// Reads, parses and scans one file.
pub fn scan_file(path: PathBuf, package: usize, context: &PackageContext) -> ScannedFile {
    let mut scanned = ScannedFile { path, package, text: None, uses: Vec::new(), failure: None };
    let bytes = match fs::read(&scanned.path) {
        Ok(bytes) => bytes,
        Err(error) => {
            scanned.failure = Some(ParseFailure { message: format!("could not read file: {error}"), span: None });
            return scanned;
        }
    };
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let valid = String::from_utf8_lossy(&error.as_bytes()[..error.utf8_error().valid_up_to()]).into_owned();
            let offset = valid.len();
            scanned.failure = Some(ParseFailure {
                message: "file is not valid UTF-8".to_string(),
                span: Some(point(&valid, offset)),
            });
            scanned.text = Some(valid);
            return scanned;
        }
    };
    let bom = if text.starts_with(BYTE_ORDER_MARK) { BYTE_ORDER_MARK.len() } else { 0 };
    match syn::parse_file(&text[bom..]) {
        Ok(file) => {
            scanned.uses = detect::detect(&file, context, Offsets { bytes: bom });
        }
        Err(error) => {
            let start = error.span().byte_range().start + bom;
            scanned.failure = Some(ParseFailure { message: error.to_string(), span: Some(point(&text, start)) });
        }
    }
    // proc-macro2 keeps every parsed file's text for span lookups until told otherwise; every span
    // of this file has been turned into plain data by now.
    proc_macro2::extra::invalidate_current_thread_spans();
    if !scanned.uses.is_empty() || scanned.failure.is_some() {
        scanned.text = Some(text);
    }
    scanned
}

/// A zero-width span at a byte offset, widened to the character there when there is one.
fn point(text: &str, offset: usize) -> Span {
    let offset = offset.min(text.len());
    let (line, column) = line_column(text, offset);
    let end = text[offset..]
        .chars()
        .next()
        .filter(|character| *character != '\n')
        .map_or(offset, |character| offset + character.len_utf8());
    Span { start: offset, end, line, column, end_line: line, end_column: column + usize::from(end > offset) }
}
