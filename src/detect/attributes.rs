//! Statuses written in attributes, which a framework's macros turn into the response's status:
//! Rocket's catchers (`#[catch(404)]`) and responder derives (`#[response(status = 418)]`), and
//! poem-openapi's responses (`#[oai(status = 404)]`). Read only in packages that depend on the
//! framework, since the attribute names are common.

use super::Detector;
use crate::model::{Form, Framework};

impl Detector<'_> {
    pub(super) fn attribute(&mut self, attribute: &syn::Attribute) {
        let Some(name) = attribute.path().segments.last().map(|segment| segment.ident.to_string()) else { return };
        let framework = match name.as_str() {
            // Rocket 0.5 `core/codegen/src/attribute/catch/` and `derive/responder.rs`.
            "catch" | "response" => Framework::Rocket,
            // poem-openapi 5 `poem-openapi-derive/src/response.rs`.
            "oai" => Framework::Poem,
            _ => return,
        };
        if !self.context.frameworks.contains(&framework) {
            return;
        }
        let statuses = match name.as_str() {
            "catch" => attribute
                .parse_args::<syn::LitInt>()
                .ok()
                .and_then(|code| code_of(&syn::Lit::Int(code)))
                .into_iter()
                .collect(),
            _ => status_values(attribute),
        };
        for (status, span) in statuses {
            if (100..=999).contains(&status) {
                self.record(status, span, Form::Attribute, Some(framework));
            }
        }
    }
}

/// A code written as an integer, or as text as poem-openapi also takes it (`status = "404"`).
fn code_of(literal: &syn::Lit) -> Option<(u16, proc_macro2::Span)> {
    match literal {
        syn::Lit::Int(code) => Some((code.base10_parse().ok()?, code.span())),
        syn::Lit::Str(code) => Some((code.value().parse().ok()?, code.span())),
        _ => None,
    }
}

/// The codes given as `status = N` among an attribute's arguments.
fn status_values(attribute: &syn::Attribute) -> Vec<(u16, proc_macro2::Span)> {
    let mut statuses = Vec::new();
    let syn::Meta::List(list) = &attribute.meta else { return statuses };
    let _ = list.parse_nested_meta(|meta| {
        if meta.input.peek(syn::Token![=]) {
            let value: syn::Expr = meta.value()?.parse()?;
            if meta.path.is_ident("status") {
                if let syn::Expr::Lit(syn::ExprLit { lit, .. }) = value {
                    statuses.extend(code_of(&lit));
                }
            }
        } else if meta.input.peek(syn::token::Paren) {
            // A nested list, such as `header(..)`: skipped whole.
            let _ = meta.input.step(|cursor| match cursor.token_tree() {
                Some((_, rest)) => Ok(((), rest)),
                None => Err(cursor.error("a list")),
            });
        }
        Ok(())
    });
    statuses
}
