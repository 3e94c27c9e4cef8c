//! Inline exceptions: `// status-audit: allow(418, 451) <reason>` on a finding's line or the line
//! above it, and `allow(dynamic)` for a status known only at run time. syn drops comments, so these are read from the source text: a directive counts only
//! in a `//` comment, never inside a string literal (the caller says where literals are).

use crate::config::line_column;
use crate::model::Span;

/// The marker that starts a directive inside a `//` comment.
const MARKER: &str = "status-audit:";

/// One `allow(...)` directive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Allow {
    /// The directive's own place, from `status-audit:` to the end of the comment.
    pub span: Span,
    /// The codes it names; an entry that is not a code is kept out and reported as stale.
    pub codes: Vec<u16>,
    /// Whether it names `dynamic`: a status whose code is known only at run time.
    pub dynamic: bool,
    /// Entries between the parentheses that are neither status codes nor `dynamic`.
    pub unknown: Vec<String>,
    /// The text after `allow(...)`, if there is any.
    pub reason: Option<String>,
}

impl Allow {
    /// Whether the directive covers a finding on `line`: its own line or the next one.
    pub fn covers(&self, line: usize) -> bool {
        line == self.span.line || line == self.span.line + 1
    }
}

/// Byte offsets where a directive may start, found without parsing. Empty for almost every file.
pub fn candidates(text: &str) -> Vec<usize> {
    memchr::memmem::find_iter(text.as_bytes(), MARKER).filter(|offset| in_line_comment(text, *offset)).collect()
}

/// Parses the directives at `offsets` (from [`candidates`], minus those inside literals).
pub fn parse(text: &str, offsets: &[usize]) -> Vec<Allow> {
    offsets.iter().filter_map(|offset| parse_one(text, *offset)).collect()
}

fn in_line_comment(text: &str, offset: usize) -> bool {
    let line_start = text[..offset].rfind('\n').map_or(0, |newline| newline + 1);
    text[line_start..offset].rfind("//").is_some_and(|slashes| {
        let between = &text[line_start + slashes + 2..offset];
        between.trim_start_matches('/').trim().is_empty()
    })
}

fn parse_one(text: &str, offset: usize) -> Option<Allow> {
    let line_end = text[offset..].find('\n').map_or(text.len(), |newline| offset + newline);
    let directive = text[offset + MARKER.len()..line_end].trim_end_matches('\r');
    let arguments = directive.trim_start().strip_prefix("allow")?.trim_start().strip_prefix('(')?;
    let (inside, after) = arguments.split_once(')')?;
    let mut codes = Vec::new();
    let mut unknown = Vec::new();
    let mut dynamic = false;
    for entry in inside.split(',').map(str::trim).filter(|entry| !entry.is_empty()) {
        match entry.parse::<u16>() {
            Ok(code) if (100..=999).contains(&code) => codes.push(code),
            _ if entry == "dynamic" => dynamic = true,
            _ => unknown.push(entry.to_string()),
        }
    }
    let reason = Some(after.trim()).filter(|reason| !reason.is_empty()).map(str::to_string);
    let (line, column) = line_column(text, offset);
    let (end_line, end_column) = line_column(text, line_end);
    let end = offset + text[offset..line_end].trim_end_matches('\r').len();
    Some(Allow {
        span: Span { start: offset, end, line, column, end_line, end_column },
        codes,
        dynamic,
        unknown,
        reason,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn allows(text: &str) -> Vec<Allow> {
        parse(text, &candidates(text))
    }

    #[test]
    fn reads_codes_and_reasons() {
        let found = allows("x(); // status-audit: allow(418, 451) the partner API expects it\r\n");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].codes, [418, 451]);
        assert_eq!(found[0].reason.as_deref(), Some("the partner API expects it"));
        assert_eq!((found[0].span.line, found[0].span.column), (1, 9));
        let bare = allows("//status-audit:allow(418)\n");
        assert_eq!(bare[0].reason, None);
        let odd = allows("// status-audit: allow(teapot, 1000) why\n");
        assert_eq!((odd[0].codes.len(), odd[0].unknown.len()), (0, 2));
    }

    #[test]
    fn only_in_line_comments() {
        assert!(allows("let s = \"x\"; /* status-audit: allow(418) no */\n").is_empty());
        assert!(allows("let s = \"status-audit: allow(418) not a comment\";\n").is_empty());
        assert!(allows("// status-audit: deny(418)\n").is_empty());
        assert_eq!(allows("/// status-audit: allow(418) in a doc comment\n").len(), 1);
    }
}
