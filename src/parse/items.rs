//! Finds a file's top-level functions, `impl`s, traits and type definitions on its text, before
//! anything is tokenized, so that those no detector needs are never tokenized nor parsed: they
//! are blanked out, and the parser sees the rest at the offsets, lines and columns it has in the
//! file. A light lexer knows just enough of Rust to do it (comments, literals, lifetimes and
//! delimiters); it never decides what a token means beyond the keywords that open an item. Text it
//! cannot lex is left whole, for the real tokenizer to judge.

use std::ops::Range;

/// `source` with every item [`passable_items`] finds and `keep` turns down replaced by spaces
/// (newlines kept), and the ranges blanked; `None` when no item is passed over or the text does
/// not lex.
///
/// An item is kept whole where blanking it would move a column: proc-macro2 counts columns in
/// characters, so the last line of a blanked item must hold only ASCII or nothing after it.
pub(crate) fn blank_passed_over(
    source: &str,
    keep: impl Fn(Range<usize>) -> bool,
) -> Option<(String, Vec<Range<usize>>)> {
    let bytes = source.as_bytes();
    let mut blanked: Option<Vec<u8>> = None;
    let mut ranges = Vec::new();
    for range in passable_items(source)? {
        if keep(range.clone()) || !columns_stay(bytes, &range) {
            continue;
        }
        let text = blanked.get_or_insert_with(|| bytes.to_vec());
        for byte in &mut text[range.clone()] {
            if *byte != b'\n' {
                *byte = b' ';
            }
        }
        ranges.push(range);
    }
    // Items start and end on character boundaries, so the text stays UTF-8.
    Some((String::from_utf8(blanked?).ok()?, ranges))
}

/// The byte ranges of the top-level functions, `impl`s, traits, structs, enums and unions, each
/// with its attributes and doc comments; `None` when the text does not lex. Every other item is
/// always parsed: it names things (`use`, `const`, `type`, `mod`) or may expand to anything (a
/// macro call).
///
/// An item starts where the file's items do: at the start, after a `;` or a `{...}` at the top
/// level, or after an inner attribute. It ends at the first `{...}` outside angle brackets
/// (`Foo<{ N }>` is a generic argument), or at a `;` where the item may end with one.
pub(crate) fn passable_items(source: &str) -> Option<Vec<Range<usize>>> {
    let mut tokens = TopLevel { lexer: Lexer { bytes: source.as_bytes(), position: 0 }, last: None };
    let mut items = Vec::new();
    let mut at_item_start = true;
    while let Some(token) = tokens.next()? {
        if at_item_start {
            if token.kind == Kind::InnerAttribute {
                continue;
            }
            if let Some(end) = item_end(source, token, &mut tokens)? {
                items.push(token.start..end);
                continue;
            }
        }
        at_item_start = matches!(tokens.last, Some(Kind::Punct(b';') | Kind::Group(b'{')));
    }
    Some(items)
}

/// Where the item opening with `first` ends, if it is one [`passable_items`] passes over; the
/// tokens it spans are consumed. `Some(None)` is an item of another kind, read up to where it
/// was told apart.
fn item_end(source: &str, first: Token, tokens: &mut TopLevel<'_>) -> Option<Option<usize>> {
    let text = |token: &Token| &source[token.start..token.end];
    let mut token = first;
    // Attributes and doc comments.
    loop {
        match token.kind {
            Kind::OuterDoc => {}
            Kind::Punct(b'#') => match tokens.next()? {
                Some(Token { kind: Kind::Group(b'['), .. }) => {}
                _ => return Some(None),
            },
            _ => break,
        }
        let Some(next) = tokens.next()? else { return Some(None) };
        token = next;
    }
    if token.kind == Kind::Ident && text(&token) == "pub" {
        let Some(next) = tokens.next()? else { return Some(None) };
        token = next;
        if token.kind == Kind::Group(b'(') {
            let Some(next) = tokens.next()? else { return Some(None) };
            token = next;
        }
    }
    // Qualifiers, then the keyword that says what the item is.
    let may_end_with_semicolon = loop {
        match token.kind {
            Kind::Literal => {} // `extern "C" fn`
            Kind::Ident => match text(&token) {
                "async" | "unsafe" | "extern" | "default" | "auto" | "safe" => {}
                "const" if matches!(tokens.peek_ident(source)?, Some("fn" | "async" | "unsafe" | "extern")) => {}
                "fn" => break false,
                "impl" | "trait" | "struct" | "enum" | "union" => break true,
                _ => return Some(None),
            },
            _ => return Some(None),
        }
        let Some(next) = tokens.next()? else { return Some(None) };
        token = next;
    };
    let mut angle_depth = 0usize;
    let mut previous: Option<Token> = None;
    while let Some(token) = tokens.next()? {
        match token.kind {
            Kind::Group(b'{') if angle_depth == 0 => return Some(Some(token.end)),
            Kind::Punct(b';') if angle_depth == 0 => return Some(may_end_with_semicolon.then_some(token.end)),
            Kind::Punct(b'<') => angle_depth += 1,
            Kind::Punct(b'>') => {
                // `->` and `=>` close no angle bracket.
                let arrow = previous.is_some_and(|previous| {
                    matches!(previous.kind, Kind::Punct(b'-' | b'=')) && previous.end == token.start
                });
                if !arrow {
                    let Some(depth) = angle_depth.checked_sub(1) else { return Some(None) };
                    angle_depth = depth;
                }
            }
            _ => {}
        }
        previous = Some(token);
    }
    Some(None)
}

/// Whether blanking `range` leaves the columns of the tokens after it as they are.
fn columns_stay(bytes: &[u8], range: &Range<usize>) -> bool {
    let last_line =
        bytes[..range.end].iter().rposition(|byte| *byte == b'\n').map_or(range.start, |newline| newline + 1);
    let rest_of_line = bytes[range.end..].split(|byte| *byte == b'\n').next().unwrap_or_default();
    bytes[last_line.max(range.start)..range.end].is_ascii() || rest_of_line.iter().all(u8::is_ascii_whitespace)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// An identifier, keyword or lifetime.
    Ident,
    /// A string, character or number literal.
    Literal,
    Punct(u8),
    /// A delimiter, opening or closing; at the top level, a whole group (its opening one).
    Group(u8),
    Close(u8),
    /// `/// ...` or `/** ... */`, an attribute of the item that follows.
    OuterDoc,
    /// `//! ...`, `/*! ... */` or `#![...]`.
    InnerAttribute,
}

#[derive(Debug, Clone, Copy)]
struct Token {
    kind: Kind,
    start: usize,
    end: usize,
}

/// The top-level tokens: a group comes whole, as one token.
struct TopLevel<'a> {
    lexer: Lexer<'a>,
    /// What the last token read was.
    last: Option<Kind>,
}

impl TopLevel<'_> {
    /// The next token; `Some(None)` at the end, `None` where the text does not lex.
    fn next(&mut self) -> Option<Option<Token>> {
        let Some(mut token) = self.lexer.next()? else { return Some(None) };
        match token.kind {
            Kind::Group(open) => {
                token.end = self.lexer.group_end(open)?;
            }
            Kind::Close(_) => return None,
            Kind::Punct(b'#') if self.lexer.bytes.get(self.lexer.position) == Some(&b'!') => {
                // `#![...]`, but not `#!=` nor a `#` then `!` further on.
                let mut lookahead = Lexer { bytes: self.lexer.bytes, position: self.lexer.position + 1 };
                if let Some(Some(Token { kind: Kind::Group(b'['), .. })) = lookahead.next() {
                    token = Token { kind: Kind::InnerAttribute, start: token.start, end: lookahead.group_end(b'[')? };
                    self.lexer = lookahead;
                }
            }
            _ => {}
        }
        self.last = Some(token.kind);
        Some(Some(token))
    }

    /// The identifier that comes next, without consuming it.
    fn peek_ident<'s>(&self, source: &'s str) -> Option<Option<&'s str>> {
        let mut lookahead = self.lexer;
        Some(lookahead.next()?.filter(|token| token.kind == Kind::Ident).map(|token| &source[token.start..token.end]))
    }
}

/// Copied to look ahead.
#[derive(Clone, Copy)]
struct Lexer<'a> {
    bytes: &'a [u8],
    position: usize,
}

impl Lexer<'_> {
    /// Skips to the delimiter that closes `open`, whose opening one was just read; returns the
    /// offset after it.
    fn group_end(&mut self, open: u8) -> Option<usize> {
        let mut stack = vec![open];
        while let Some(opened) = stack.last().copied() {
            let token = self.next()??;
            match token.kind {
                Kind::Group(inner) => stack.push(inner),
                Kind::Close(close) if close == closing(opened) => {
                    stack.pop();
                }
                Kind::Close(_) => return None,
                _ => {}
            }
        }
        Some(self.position)
    }

    /// The next token, delimiters one by one; `Some(None)` at the end, `None` where the text
    /// does not lex (an unclosed comment or literal, a stray quote).
    fn next(&mut self) -> Option<Option<Token>> {
        let bytes = self.bytes;
        loop {
            let Some(&byte) = bytes.get(self.position) else { return Some(None) };
            let start = self.position;
            let kind = match byte {
                b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => {
                    self.position += 1;
                    continue;
                }
                b'/' if bytes.get(start + 1) == Some(&b'/') => {
                    let end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |newline| start + newline);
                    self.position = end;
                    match bytes.get(start + 2) {
                        Some(b'/') if bytes.get(start + 3) != Some(&b'/') => Kind::OuterDoc,
                        Some(b'!') => Kind::InnerAttribute,
                        _ => continue,
                    }
                }
                b'/' if bytes.get(start + 1) == Some(&b'*') => {
                    self.position = block_comment_end(bytes, start)?;
                    match bytes.get(start + 2) {
                        Some(b'*') if !matches!(bytes.get(start + 3), Some(b'*' | b'/')) => Kind::OuterDoc,
                        Some(b'!') => Kind::InnerAttribute,
                        _ => continue,
                    }
                }
                b'"' => {
                    self.position = self.suffixed(quoted_end(bytes, start + 1, b'"')?);
                    Kind::Literal
                }
                b'\'' => self.quote(start)?,
                b'r' | b'b' | b'c' => match prefixed_literal_end(bytes, start) {
                    Some(end) => {
                        self.position = self.suffixed(end?);
                        Kind::Literal
                    }
                    None => self.word(start, Kind::Ident),
                },
                b'0'..=b'9' => self.word(start, Kind::Literal),
                b'(' | b'[' | b'{' => {
                    self.position += 1;
                    Kind::Group(byte)
                }
                b')' | b']' | b'}' => {
                    self.position += 1;
                    Kind::Close(byte)
                }
                _ if is_word_byte(byte) => self.word(start, Kind::Ident),
                _ => {
                    self.position += 1;
                    Kind::Punct(byte)
                }
            };
            return Some(Some(Token { kind, start, end: self.position }));
        }
    }

    /// An identifier, keyword, raw identifier or number.
    fn word(&mut self, start: usize, kind: Kind) -> Kind {
        let mut end = start + 1;
        if self.bytes.get(start..start + 2) == Some(b"r#") {
            end += 1;
        }
        self.position = end + self.bytes[end..].iter().take_while(|byte| is_word_byte(**byte)).count();
        kind
    }

    /// A character literal (`'a'`, `'\n'`, `'é'`) or a lifetime (`'a`, `'static`).
    fn quote(&mut self, start: usize) -> Option<Kind> {
        let bytes = self.bytes;
        let next = *bytes.get(start + 1)?;
        if next == b'\\' {
            // The escaped character, then anything up to the closing quote (`'\u{1F600}'`).
            let close = memchr::memchr(b'\'', bytes.get(start + 3..)?)?;
            self.position = self.suffixed(start + 3 + close + 1);
            return Some(Kind::Literal);
        }
        let character = utf8_length(next);
        if bytes.get(start + 1 + character) == Some(&b'\'') {
            self.position = self.suffixed(start + 2 + character);
            return Some(Kind::Literal);
        }
        if !is_word_byte(next) {
            return None;
        }
        self.word(start + 1, Kind::Ident);
        Some(Kind::Ident)
    }

    /// The end of a literal's suffix (`"..."suffix`, `'a'u8` is not Rust but lexes).
    fn suffixed(&self, end: usize) -> usize {
        end + self.bytes[end..].iter().take_while(|byte| is_word_byte(**byte)).count()
    }
}

fn closing(open: u8) -> u8 {
    match open {
        b'(' => b')',
        b'[' => b']',
        _ => b'}',
    }
}

fn is_word_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_' || byte >= 0x80
}

fn utf8_length(first: u8) -> usize {
    match first {
        0xf0.. => 4,
        0xe0.. => 3,
        0xc0.. => 2,
        _ => 1,
    }
}

/// The offset after a block comment starting at `start`; block comments nest.
fn block_comment_end(bytes: &[u8], start: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut position = start;
    loop {
        let found = position + memchr::memchr2(b'/', b'*', bytes.get(position..)?)?;
        match (bytes[found], bytes.get(found + 1)) {
            (b'/', Some(b'*')) => {
                depth += 1;
                position = found + 2;
            }
            (b'*', Some(b'/')) => {
                depth -= 1;
                position = found + 2;
                if depth == 0 {
                    return Some(position);
                }
            }
            _ => position = found + 1,
        }
    }
}

/// The offset after the closing `quote` of a literal whose text starts at `from`, escapes
/// honoured.
fn quoted_end(bytes: &[u8], from: usize, quote: u8) -> Option<usize> {
    let mut position = from;
    loop {
        let found = position + memchr::memchr2(quote, b'\\', bytes.get(position..)?)?;
        if bytes[found] == quote {
            return Some(found + 1);
        }
        position = found + 2;
    }
}

/// Where a literal with a prefix (`b"..."`, `b'.'`, `r"..."`, `r#"..."#`, `br`, `c"..."`, `cr`)
/// starting at `start` ends: `None` when there is no such literal there (an identifier starting
/// with the letter), `Some(None)` when it is never closed.
fn prefixed_literal_end(bytes: &[u8], start: usize) -> Option<Option<usize>> {
    let mut position = start + 1;
    let first = bytes[start];
    if first == b'b' && bytes.get(position) == Some(&b'\'') {
        return Some(quoted_end(bytes, position + 1, b'\''));
    }
    if first != b'r' && bytes.get(position) == Some(&b'r') {
        position += 1;
    }
    let raw = first == b'r' || position == start + 2;
    if !raw {
        return (bytes.get(position) == Some(&b'"')).then(|| quoted_end(bytes, position + 1, b'"'));
    }
    let hashes = bytes[position..].iter().take_while(|byte| **byte == b'#').count();
    if bytes.get(position + hashes) != Some(&b'"') {
        return None; // `r#ident`, `br`, `crate`
    }
    let body = position + hashes + 1;
    let mut search = body;
    loop {
        let Some(quote) = bytes.get(search..).and_then(|rest| memchr::memchr(b'"', rest)) else { return Some(None) };
        let after = search + quote + 1;
        if bytes.get(after..after + hashes).is_some_and(|closing| closing.iter().all(|byte| *byte == b'#')) {
            return Some(Some(after + hashes));
        }
        search = after;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn passable(source: &str) -> Vec<&str> {
        passable_items(source).expect("lexes").into_iter().map(|range| &source[range]).collect()
    }

    #[test]
    fn finds_functions_impls_and_type_definitions_with_their_attributes() {
        let source = "#![allow(dead_code)]\n//! Crate.\nuse a::b;\n/// Doc.\n#[inline]\npub(crate) async fn f() -> Vec<u8> { vec![] }\nconst C: u8 = { 1 };\nstruct S;\nimpl<T: Fn() -> u8> S where T: Clone { fn g() {} }\nmod m { fn h() {} }\nenum E { A }\n";
        assert_eq!(
            passable(source),
            [
                "/// Doc.\n#[inline]\npub(crate) async fn f() -> Vec<u8> { vec![] }",
                "struct S;",
                "impl<T: Fn() -> u8> S where T: Clone { fn g() {} }",
                "enum E { A }",
            ]
        );
    }

    #[test]
    fn skips_braces_in_literals_comments_and_generic_arguments() {
        let source = "fn a() { let _ = \"}\"; let _ = '}'; /* } /* } */ */ // }\n }\nimpl X<{ N }> for Y<'a> { fn b() -> char { '{' } }\nfn c() { r#\"}\"\"# ; b'}'; br##\"}\"## ; c\"}\" ; }\n";
        assert_eq!(passable(source).len(), 3);
        assert!(passable(source)[1].starts_with("impl X<{ N }>") && passable(source)[1].ends_with("'{' } }"));
    }

    #[test]
    fn leaves_other_items_and_what_does_not_lex() {
        assert!(passable(
            "macro_rules! m { () => {} }\nm! { fn f() {} }\nextern \"C\" { fn g(); }\nconst fn_like: u8 = 1;"
        )
        .is_empty());
        assert_eq!(
            passable("const fn f() {}\nunsafe extern \"C\" fn g() {}"),
            ["const fn f() {}", "unsafe extern \"C\" fn g() {}"]
        );
        assert_eq!(passable_items("fn f() { \"unclosed }"), None);
        assert_eq!(passable_items("fn f() { ) }"), None);
    }

    /// The items syn finds of the kinds [`passable_items`] looks for, with their attributes.
    fn syn_items(source: &str) -> Option<Vec<Range<usize>>> {
        use syn::spanned::Spanned;
        let file = syn::parse_file(source).ok()?;
        let passable = file.items.iter().filter(|item| {
            matches!(
                item,
                syn::Item::Fn(_)
                    | syn::Item::Impl(_)
                    | syn::Item::Trait(_)
                    | syn::Item::TraitAlias(_)
                    | syn::Item::Struct(_)
                    | syn::Item::Enum(_)
                    | syn::Item::Union(_)
            )
        });
        Some(passable.map(|item| item.span().byte_range()).collect())
    }

    #[test]
    fn agrees_with_syn_on_the_sample_crates_and_this_repository() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut compared = 0;
        for dir in ["src", "tests", "test-crates", "bench", "fuzz"] {
            for entry in walkdir::WalkDir::new(root.join(dir)).into_iter().filter_map(Result::ok) {
                if entry.path().extension().is_none_or(|extension| extension != "rs") {
                    continue;
                }
                let source = std::fs::read_to_string(entry.path()).expect("readable");
                let Some(expected) = syn_items(&source) else { continue };
                assert_eq!(passable_items(&source), Some(expected), "{}", entry.path().display());
                compared += 1;
            }
        }
        assert!(compared > 50, "only {compared} files compared");
    }

    #[test]
    fn blanks_keeping_offsets_lines_and_columns() {
        let source = "fn a() {\n    x();\n}\nfn b() { StatusCode::OK }\n";
        let (blanked, ranges) =
            blank_passed_over(source, |range| source[range].contains("StatusCode")).expect("one blanked");
        assert_eq!(ranges, vec![0..source.find("\nfn b").unwrap()]);
        assert_eq!(blanked.len(), source.len());
        assert_eq!(blanked.lines().count(), source.lines().count());
        assert!(blanked.trim_start().starts_with("fn b()"));
        assert_eq!(blank_passed_over(source, |_| true), None);
        // Blanking `"é"` would shift the column of what follows it on its line.
        let wide = "fn a() { \"é\" } fn b() { StatusCode::OK }";
        assert_eq!(blank_passed_over(wide, |range| wide[range].contains("StatusCode")), None);
    }
}
