//! Statuses inside macro invocations. syn leaves a macro's arguments as tokens; when those tokens
//! parse as Rust (expressions, statements or items, as in `format!`, `vec!`, `tokio::select!` or a
//! crate's own `bail!`) they are scanned like any other code. Tokens that do not parse as a whole
//! (`json!({...})`, `select!` arms) are split at their top-level separators and each piece is tried
//! on its own, then the groups inside it.

use proc_macro2::{Delimiter, Ident, Spacing, Span, TokenStream, TokenTree};
use syn::parse::Parser;
use syn::punctuated::Punctuated;
use syn::visit::Visit;

use super::Detector;
use crate::status;

/// How deep a macro's nested groups are followed: beyond this, tokens are not code anyone writes.
const MAX_DEPTH: usize = 32;

pub(super) fn visit_tokens(detector: &mut Detector<'_>, tokens: TokenStream) {
    visit_tokens_at(detector, tokens, 0);
}

fn visit_tokens_at(detector: &mut Detector<'_>, tokens: TokenStream, depth: usize) {
    if depth > MAX_DEPTH || tokens.is_empty() {
        return;
    }
    if let Ok(exprs) = Punctuated::<syn::Expr, syn::Token![,]>::parse_terminated.parse2(tokens.clone()) {
        for expr in &exprs {
            detector.visit_expr(expr);
        }
        return;
    }
    if let Ok(stmts) = syn::Block::parse_within.parse2(tokens.clone()) {
        for stmt in &stmts {
            detector.visit_stmt(stmt);
        }
        return;
    }
    if let Ok(file) = syn::parse2::<syn::File>(tokens.clone()) {
        detector.visit_file(&file);
        return;
    }
    for piece in split_top_level(tokens) {
        if let Ok(expr) = syn::parse2::<syn::Expr>(piece.clone()) {
            detector.visit_expr(&expr);
            continue;
        }
        for tree in piece {
            if let TokenTree::Group(group) = tree {
                if group.delimiter() != Delimiter::None || !group.stream().is_empty() {
                    visit_tokens_at(detector, group.stream(), depth + 1);
                }
            }
        }
    }
}

/// The constant that stands for a macro's `$status` in `StatusCode::$status` while its bodies
/// are scanned: a use found at it means the macro produces the status it is given.
pub(super) const STAND_IN: &str = "NETWORK_AUTHENTICATION_REQUIRED";

/// The name every other `$variable` of a macro body stands as.
pub(super) const VARIABLE: &str = "macro_variable";

/// The bodies of a `macro_rules!` definition's rules (`(pattern) => { body }`), with `$crate` as
/// `crate`, every `$variable` as a plain name (as [`STAND_IN`] after `StatusCode::`) and every
/// `$( ... )*` as its content once, so that they parse as the code a call would expand to.
/// Also returns where each stand-in is: at the `$status` it stands for.
pub(super) fn rule_bodies(tokens: &TokenStream) -> (Vec<TokenStream>, Vec<Span>) {
    let trees: Vec<TokenTree> = tokens.clone().into_iter().collect();
    let mut bodies = Vec::new();
    let mut stand_ins = Vec::new();
    for (index, window) in trees.windows(3).enumerate() {
        let is_arrow = matches!((&window[0], &window[1]), (TokenTree::Punct(first), TokenTree::Punct(second))
            if first.as_char() == '=' && first.spacing() == Spacing::Joint && second.as_char() == '>');
        if let (true, TokenTree::Group(body)) = (is_arrow, &window[2]) {
            // Only a body at the top level of the definition, after a pattern group.
            if index > 0 && matches!(trees[index - 1], TokenTree::Group(_)) {
                bodies.push(substitute(body.stream(), &mut stand_ins));
            }
        }
    }
    (bodies, stand_ins)
}

fn substitute(tokens: TokenStream, stand_ins: &mut Vec<Span>) -> TokenStream {
    let mut out: Vec<TokenTree> = Vec::new();
    let mut trees = tokens.into_iter().peekable();
    while let Some(tree) = trees.next() {
        match tree {
            TokenTree::Punct(punct) if punct.as_char() == '$' => match trees.next() {
                Some(TokenTree::Ident(ident)) if ident == "crate" => {
                    out.push(TokenTree::Ident(Ident::new("crate", ident.span())))
                }
                Some(TokenTree::Ident(ident)) => {
                    let after_status_code = matches!(out.as_slice(), [.., TokenTree::Ident(status_code), TokenTree::Punct(_), TokenTree::Punct(colon)]
                        if status_code == "StatusCode" && colon.as_char() == ':');
                    let name = if after_status_code { STAND_IN } else { VARIABLE };
                    if after_status_code {
                        stand_ins.push(ident.span());
                    }
                    out.push(TokenTree::Ident(Ident::new(name, ident.span())));
                }
                Some(TokenTree::Group(group)) => {
                    out.extend(substitute(group.stream(), stand_ins));
                    // The separator and the repetition operator: `$(...),*`.
                    while let Some(TokenTree::Punct(next)) = trees.peek() {
                        let repetition = matches!(next.as_char(), '*' | '+' | '?');
                        trees.next();
                        if repetition {
                            break;
                        }
                    }
                }
                Some(other) => out.push(other),
                None => {}
            },
            TokenTree::Group(group) => {
                let mut inner = proc_macro2::Group::new(group.delimiter(), substitute(group.stream(), stand_ins));
                inner.set_span(group.span());
                out.push(TokenTree::Group(inner));
            }
            other => out.push(other),
        }
    }
    out.into_iter().collect()
}

/// The `StatusCode` constant names a macro call is given bare (not as `StatusCode::NAME` and not
/// as a path of their own), with their codes.
pub(super) fn bare_status_names(tokens: &TokenStream) -> Vec<(u16, Span)> {
    let mut found = Vec::new();
    let mut stack = vec![tokens.clone().into_iter().collect::<Vec<_>>()];
    while let Some(trees) = stack.pop() {
        for (index, tree) in trees.iter().enumerate() {
            match tree {
                TokenTree::Group(group) => stack.push(group.stream().into_iter().collect()),
                TokenTree::Ident(ident) => {
                    let is_punct = |offset: Option<usize>, character: char| {
                        offset
                            .and_then(|offset| trees.get(offset))
                            .is_some_and(|tree| matches!(tree, TokenTree::Punct(punct) if punct.as_char() == character))
                    };
                    let in_path = is_punct(index.checked_sub(1), ':') || is_punct(Some(index + 1), ':');
                    if in_path || is_punct(index.checked_sub(1), '.') {
                        continue;
                    }
                    if let Some(code) = status::code_of_constant(&ident.to_string()) {
                        found.push((code, ident.span()));
                    }
                }
                _ => {}
            }
        }
    }
    found.sort_by_key(|(_, span)| span.start());
    found
}

/// Splits at `,`, `;`, `=>` and a lone `:` (not `::`), outside any group.
fn split_top_level(tokens: TokenStream) -> Vec<TokenStream> {
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    let mut pieces = Vec::new();
    let mut current = Vec::new();
    let mut index = 0;
    while index < trees.len() {
        let separator_length = match &trees[index] {
            TokenTree::Punct(punct) => {
                let next_is = |character: char| matches!(trees.get(index + 1), Some(TokenTree::Punct(next)) if next.as_char() == character);
                let joint = punct.spacing() == proc_macro2::Spacing::Joint;
                match punct.as_char() {
                    ',' | ';' => 1,
                    '=' if joint && next_is('>') => 2,
                    // `::` is a path separator, not a key-value colon.
                    ':' if !(previous_is_joint_colon(&trees, index) || joint && next_is(':')) => 1,
                    _ => 0,
                }
            }
            _ => 0,
        };
        if separator_length > 0 {
            pieces.push(current.drain(..).collect());
            index += separator_length;
        } else {
            current.push(trees[index].clone());
            index += 1;
        }
    }
    pieces.push(current.into_iter().collect());
    pieces
}

fn previous_is_joint_colon(trees: &[TokenTree], index: usize) -> bool {
    index > 0
        && matches!(&trees[index - 1], TokenTree::Punct(previous) if previous.as_char() == ':' && previous.spacing() == proc_macro2::Spacing::Joint)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_status_names_in_a_call() {
        let call: TokenStream =
            "#[status = PAYLOAD_TOO_LARGE] Gone, GONE; StatusCode::LOCKED, x.OK, OKAY".parse().unwrap();
        let codes: Vec<u16> = bare_status_names(&call).into_iter().map(|(code, _)| code).collect();
        assert_eq!(codes, [413, 410]);
    }

    #[test]
    fn rule_bodies_parse_as_code() {
        let definition: TokenStream =
            "($($name:ident),*) => { $(fn $name() -> $crate::Reply { HttpResponse::Accepted().finish() })* };"
                .parse()
                .unwrap();
        let bodies: Vec<String> = rule_bodies(&definition).0.iter().map(ToString::to_string).collect();
        assert_eq!(bodies, ["fn macro_variable () -> crate :: Reply { HttpResponse :: Accepted () . finish () }"]);
        let status: TokenStream = "($status:ident) => { (StatusCode::$status, $status) };".parse().unwrap();
        let bodies: Vec<String> = rule_bodies(&status).0.iter().map(ToString::to_string).collect();
        assert_eq!(bodies, [format!("(StatusCode ::{STAND_IN} , macro_variable)")]);
    }

    #[test]
    fn splits_at_top_level_separators_only() {
        let tokens: TokenStream = r#"{"a": StatusCode::GONE, "b": (1, 2)} => x, y; z"#.parse().unwrap();
        assert_eq!(split_top_level(tokens).len(), 4);
        let inner: TokenStream = r#""a": StatusCode::GONE, "b": (1, 2)"#.parse().unwrap();
        let pieces: Vec<String> = split_top_level(inner).iter().map(ToString::to_string).collect();
        assert_eq!(pieces, ["\"a\"", "StatusCode :: GONE", "\"b\"", "(1 , 2)"]);
    }
}
