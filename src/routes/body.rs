//! What one function body does, as plain facts: the calls it makes (with where), whether it uses
//! `?`, the enum variants it writes as values, and its match arms on variants.

use syn::spanned::Spanned;
use syn::visit::Visit;

use super::index::callee;

/// The calls and `?` of a function body, closures and `async` blocks included.
#[derive(Default)]
pub(super) struct Body {
    /// Each call by name, with its byte offset.
    pub(super) calls: Vec<(String, usize)>,
    pub(super) question_mark: bool,
    /// Enum variants written as values: `ApiError::NotFound`, `ApiError::Storage(..)`.
    pub(super) constructs: Vec<String>,
    /// Match arms that dispatch on variants: the arm's byte range and the variants its
    /// pattern names.
    pub(super) arms: Vec<(usize, usize, Vec<String>)>,
}

impl<'ast> Visit<'ast> for Body {
    fn visit_expr_call(&mut self, call: &'ast syn::ExprCall) {
        if let syn::Expr::Path(path) = &*call.func {
            if let Some(name) = callee(&path.path) {
                self.calls.push((name, call.span().byte_range().start));
            }
        }
        syn::visit::visit_expr_call(self, call);
    }

    fn visit_expr_method_call(&mut self, call: &'ast syn::ExprMethodCall) {
        self.calls.push((format!(".{}", call.method), call.method.span().byte_range().start));
        // `.unwrap_or_else(error_to_response)`: a function handed to a combinator is called.
        let combinator = matches!(
            call.method.to_string().as_str(),
            "map" | "map_err" | "and_then" | "or_else" | "unwrap_or_else" | "map_or_else" | "ok_or_else" | "then"
        );
        for argument in call.args.iter().filter(|_| combinator) {
            if let syn::Expr::Path(path) = argument {
                if let Some(name) = callee(&path.path)
                    .filter(|name| !name.rsplit("::").next().is_some_and(|last| last.starts_with(char::is_uppercase)))
                {
                    self.calls.push((name, path.span().byte_range().start));
                }
            }
        }
        syn::visit::visit_expr_method_call(self, call);
    }

    fn visit_expr_try(&mut self, expr: &'ast syn::ExprTry) {
        self.question_mark = true;
        syn::visit::visit_expr_try(self, expr);
    }

    fn visit_expr_path(&mut self, path: &'ast syn::ExprPath) {
        self.constructs.extend(variant(&path.path));
    }

    fn visit_expr_struct(&mut self, literal: &'ast syn::ExprStruct) {
        self.constructs.extend(variant(&literal.path));
        syn::visit::visit_expr_struct(self, literal);
    }

    fn visit_arm(&mut self, arm: &'ast syn::Arm) {
        let mut variants = Vec::new();
        pattern_variants(&arm.pat, &mut variants);
        if !variants.is_empty() {
            let range = arm.span().byte_range();
            self.arms.push((range.start, range.end, variants));
        }
        syn::visit::visit_arm(self, arm);
    }

    // A pattern matches a variant, it does not make one (syn reads `E::A` in a pattern as a path
    // expression).
    fn visit_pat(&mut self, _: &'ast syn::Pat) {}

    // A function item in a body is a function of its own.
    fn visit_item_fn(&mut self, _: &'ast syn::ItemFn) {}
}

/// `Type::Variant` for a path whose last two segments start with a capital: an enum variant
/// (or an associated constant, which no arm pattern names, so it does no harm).
fn variant(path: &syn::Path) -> Option<String> {
    let mut segments = path.segments.iter().rev();
    let (last, owner) = (segments.next()?, segments.next()?);
    let capital = |ident: &syn::Ident| ident.to_string().starts_with(char::is_uppercase);
    (capital(&last.ident) && capital(&owner.ident)).then(|| format!("{}::{}", owner.ident, last.ident))
}

/// The variants a pattern names: `E::A`, `E::B(..)`, `E::C { .. }`, `E::A | E::B`.
fn pattern_variants(pattern: &syn::Pat, variants: &mut Vec<String>) {
    match pattern {
        syn::Pat::Path(path) => variants.extend(variant(&path.path)),
        syn::Pat::TupleStruct(tuple) => variants.extend(variant(&tuple.path)),
        syn::Pat::Struct(literal) => variants.extend(variant(&literal.path)),
        syn::Pat::Or(or) => or.cases.iter().for_each(|case| pattern_variants(case, variants)),
        syn::Pat::Reference(reference) => pattern_variants(&reference.pat, variants),
        syn::Pat::Ident(syn::PatIdent { subpat: Some((_, inner)), .. }) => pattern_variants(inner, variants),
        _ => {}
    }
}
