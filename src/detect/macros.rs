//! Statuses inside macro invocations. syn leaves a macro's arguments as tokens; when those tokens
//! parse as Rust (expressions, statements or items, as in `format!`, `vec!`, `tokio::select!` or a
//! crate's own `bail!`) they are scanned like any other code. Tokens that do not parse as a whole
//! (`json!({...})`, `select!` arms) are split at their top-level separators and each piece is tried
//! on its own, then the groups inside it.

use proc_macro2::{Delimiter, TokenStream, TokenTree};
use syn::parse::Parser;
use syn::punctuated::Punctuated;
use syn::visit::Visit;

use super::Detector;

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
    fn splits_at_top_level_separators_only() {
        let tokens: TokenStream = r#"{"a": StatusCode::GONE, "b": (1, 2)} => x, y; z"#.parse().unwrap();
        assert_eq!(split_top_level(tokens).len(), 4);
        let inner: TokenStream = r#""a": StatusCode::GONE, "b": (1, 2)"#.parse().unwrap();
        let pieces: Vec<String> = split_top_level(inner).iter().map(ToString::to_string).collect();
        assert_eq!(pieces, ["\"a\"", "StatusCode :: GONE", "\"b\"", "(1 , 2)"]);
    }
}
