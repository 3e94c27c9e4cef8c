//! Reads one `.rs` file and parses it with syn, then hands the AST to detect. A file that cannot
//! be read, is not UTF-8 or does not parse becomes a `ParseFailure`, never an error of the run.
//! The parsed AST does not leave this module: what comes out is plain data.

use std::borrow::Cow;
use std::fs;
use std::path::PathBuf;

use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};

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
    match parse_source(&text[bom..]) {
        Ok(file) => {
            scanned.uses = detect::detect(&file, context, Offsets { bytes: bom });
        }
        Err((message, offset)) => {
            scanned.failure = Some(ParseFailure { message, span: Some(point(&text, offset + bom)) });
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

/// How deep the parser, the detector and the syntax tree's destructor may recurse for one file,
/// as estimated by [`recursion_estimate`]. Real code stays far below; generated code beyond it
/// would overflow even the parser threads' large stacks.
pub const MAX_RECURSION: usize = 4_000;

/// Tokenizes (without recursion), refuses what would recurse too deep, then parses.
fn parse_source(source: &str) -> Result<syn::File, (String, usize)> {
    let source = blank_shebang(source);
    let tokens: TokenStream = source.parse().map_err(|error: proc_macro2::LexError| {
        (format!("cannot tokenize: {error}"), error.span().byte_range().start)
    })?;
    if let Some(offset) = recursion_estimate(&tokens) {
        return Err((format!("nesting too deep to parse safely (more than {MAX_RECURSION} levels)"), offset));
    }
    syn::parse2::<syn::File>(tokens).map_err(|error| (error.to_string(), error.span().byte_range().start))
}

/// A `#!` line that is not an inner attribute is not Rust; it is blanked so offsets stay put.
fn blank_shebang(source: &str) -> Cow<'_, str> {
    let is_shebang = source.starts_with("#!") && !source[2..].trim_start().starts_with('[');
    if !is_shebang {
        return Cow::Borrowed(source);
    }
    let end = source.find('\n').unwrap_or(source.len());
    Cow::Owned(format!("{}{}", " ".repeat(end), &source[end..]))
}

/// Where the syntax tree would get deeper than [`MAX_RECURSION`], if anywhere.
///
/// Within one delimiter, the tokens between two separators (`;`, `,`, or the end of a `{...}`
/// block, which ends items and statements) can nest into each other: `a.b().c()...`,
/// `1 + 1 + ...` and `!!!...x` each build one level per few tokens. A group adds the length of
/// the run it sits in to the depth of its parent; a block counts twice, as parsing one takes about
/// twice the stack of a parenthesis. Walked with an explicit stack.
fn recursion_estimate(tokens: &TokenStream) -> Option<usize> {
    let mut stack: Vec<(proc_macro2::token_stream::IntoIter, usize, usize)> = vec![(tokens.clone().into_iter(), 0, 0)];
    while let Some((iterator, base, run)) = stack.last_mut() {
        let Some(tree) = iterator.next() else {
            stack.pop();
            continue;
        };
        *run += 1;
        let depth = *base + *run;
        if depth > MAX_RECURSION {
            return Some(tree.span().byte_range().start);
        }
        match tree {
            TokenTree::Punct(punct) if matches!(punct.as_char(), ';' | ',') && punct.spacing() == Spacing::Alone => {
                *run = 0;
            }
            TokenTree::Group(group) => {
                let is_block = group.delimiter() == Delimiter::Brace;
                if is_block {
                    *run = 0;
                }
                stack.push((group.stream().into_iter(), depth + usize::from(is_block), 0));
            }
            _ => {}
        }
    }
    None
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
