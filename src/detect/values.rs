//! Names that stand for a code: `const` and `static` items, `let` bindings of a literal, and
//! the arguments of a conversion into a status that are neither (known only at run time).

use std::collections::HashMap;

use proc_macro2::Span as TokenSpan;
use syn::spanned::Spanned;

use super::names::{Definition, Value, Wants};
use super::syntax::{is_code_type, is_constant_name, literal_status, reads_a_status, strip_reference, strip_unwrap};
use super::{classify, macros, Detector, PASSED_THROUGH};
use crate::model::{Form, Origin, Span};

impl Detector<'_> {
    /// The code the `let` that `name` refers to here bound, if it bound a literal and the
    /// binding was never assigned again.
    pub(super) fn local(&self, name: &str) -> Option<(u16, Span)> {
        self.binding(name).flatten()
    }

    /// Whether `name` is a `let` binding or a parameter of the enclosing function, rather than a
    /// name a pattern binds (a `match` arm, an `if let`, a closure's parameter).
    pub(super) fn is_bound_by_let(&self, name: &str) -> bool {
        self.binding(name).is_some()
    }

    /// The nearest binding of `name` within the enclosing function, with its literal code if any.
    fn binding(&self, name: &str) -> Option<Option<(u16, Span)>> {
        for scope in self.locals.iter().rev() {
            if let Some(binding) = scope.bindings.get(name) {
                return Some(*binding);
            }
            if scope.function {
                break;
            }
        }
        None
    }

    /// A status relayed from a value the code does not fix: a name a pattern binds (`Err(Upstream(code))
    /// => builder.status(code)`) or a field (`self.status`). A `let` or a parameter holds a status
    /// made, and found, where it is made.
    pub(super) fn relayed(&mut self, argument: &syn::Expr, use_span: TokenSpan) {
        let reason = match argument {
            syn::Expr::Path(path) if path.qself.is_none() => {
                let Some(name) = path.path.get_ident().map(ToString::to_string) else { return };
                // A macro's argument is a status where the macro is called, and found there.
                if is_constant_name(&name) || self.is_bound_by_let(&name) || name == macros::VARIABLE {
                    return;
                }
                format!("`{name}` is bound by a pattern, so the status is known only at run time")
            }
            syn::Expr::Field(field) => {
                let syn::Member::Named(member) = &field.member else { return };
                format!("the status is read from the field `{member}`, so it is known only at run time")
            }
            _ => return,
        };
        self.record_relay(argument, use_span, reason);
    }

    /// A status read from another response or value and set on this one. When it is read from
    /// a field, the field is noted: a field the file gives a status is reported there.
    pub(super) fn passed_through(&mut self, argument: &syn::Expr, use_span: TokenSpan) {
        self.record_relay(argument, use_span, PASSED_THROUGH.to_string());
    }

    /// A dynamic status read from `argument`, held apart when `argument` is a field.
    fn record_relay(&mut self, argument: &syn::Expr, use_span: TokenSpan, reason: String) {
        match strip_reference(argument) {
            syn::Expr::Field(syn::ExprField { member: syn::Member::Named(member), .. }) => {
                let dynamic_use = self.dynamic_use(use_span, reason);
                self.field_relays.push((dynamic_use, member.to_string()));
            }
            _ => self.record_dynamic(use_span, reason),
        }
    }

    /// `status: StatusCode::CONFLICT` in a struct literal, `error.status = StatusCode::CONFLICT`:
    /// the field holds a status that is found, and reported, here.
    pub(super) fn status_field(&mut self, member: &syn::Member, value: &syn::Expr) {
        let syn::Member::Named(member) = member else { return };
        let syn::Expr::Path(path) = strip_unwrap(strip_reference(value)) else { return };
        let resolved = self.resolve_path(&path.path);
        if classify::classify_path(&resolved, self.candidates).is_some() {
            self.status_fields.insert(member.to_string());
        }
    }

    /// `code = 503;`, `code += 1;`: the binding no longer holds its literal.
    pub(super) fn assigned(&mut self, target: &syn::Expr) {
        let syn::Expr::Path(path) = target else { return };
        let Some(name) = path.path.get_ident().map(ToString::to_string) else { return };
        for scope in self.locals.iter_mut().rev() {
            if let Some(binding) = scope.bindings.get_mut(&name) {
                *binding = None;
                return;
            }
            if scope.function {
                return;
            }
        }
    }

    /// The argument of a conversion into a status when it is not a literal: a `let` of a literal
    /// code, a constant of the workspace, or a value known only at run time.
    pub(super) fn converted_argument(&mut self, argument: &syn::Expr, use_span: TokenSpan) {
        let argument = strip_reference(argument);
        if let syn::Expr::Path(path) = argument {
            if path.qself.is_none() {
                if let Some(name) = path.path.get_ident().map(ToString::to_string) {
                    if !is_constant_name(&name) {
                        match self.local(&name) {
                            Some((status, origin)) => {
                                self.record(status, use_span, Form::Numeric, None);
                                if let Some(status_use) = self.uses.last_mut() {
                                    let label = format!("`{name}` is set to {status} here");
                                    status_use.origin = Some(Box::new(Origin { path: None, span: origin, label }));
                                }
                            }
                            None if name == macros::VARIABLE => self.record_dynamic(
                                use_span,
                                "the code is an argument of the macro, known only where it is called".to_string(),
                            ),
                            None => self.record_dynamic(
                                use_span,
                                format!("`{name}` is a variable, so the code is known only at run time"),
                            ),
                        }
                        return;
                    }
                }
                let resolved = self.resolve_path(&path.path);
                self.handled.insert(path.span().start());
                self.refer(resolved, Wants::Code, use_span);
                return;
            }
        }
        let reason = if reads_a_status(argument) {
            PASSED_THROUGH.to_string()
        } else {
            "the code is computed at run time".to_string()
        };
        self.record_dynamic(use_span, reason);
    }

    /// `const TEAPOT: u16 = 418;`, `static LOCKED: StatusCode = StatusCode::LOCKED;`: a name that
    /// stands for a status is a definition, reported where it is used to produce one. Returns
    /// whether the item was such a definition.
    pub(super) fn constant(&mut self, name: &syn::Ident, ty: &syn::Type, expr: &syn::Expr, associated: bool) -> bool {
        let Some(value) = self.constant_value(ty, expr) else { return false };
        let module = if associated {
            self.module.iter().chain(self.impl_types.last()).cloned().collect()
        } else {
            self.item_scope()
        };
        let span = self.span(name.span());
        self.definitions.push(Definition { module, name: name.to_string(), value, span, private: false });
        true
    }

    fn constant_value(&self, ty: &syn::Type, expr: &syn::Expr) -> Option<Value> {
        let expr = strip_unwrap(expr);
        if let Some(code) = literal_status(expr) {
            return is_code_type(ty).then_some(Value::Code(code));
        }
        match expr {
            syn::Expr::Path(path) if path.qself.is_none() => {
                let resolved = self.resolve_path(&path.path);
                match classify::classify_path(&resolved, self.candidates) {
                    Some(produced) if produced.form == Form::Constant => Some(Value::Status(produced.status)),
                    Some(_) => None,
                    None => {
                        resolved.last().is_some_and(|last| is_constant_name(last)).then_some(Value::Alias(resolved))
                    }
                }
            }
            syn::Expr::Call(call) if call.args.len() == 1 => {
                let syn::Expr::Path(function) = &*call.func else { return None };
                let resolved = self.resolve_path(&function.path);
                let status = literal_status(&call.args[0])?;
                classify::is_status_constructor(&resolved).then_some(Value::Status(status))
            }
            _ => None,
        }
    }

    /// `let code = 509;` binds a literal code for the rest of its block; a `let mut`, or any other
    /// `let` of the same name, binds a value that is not known.
    pub(super) fn local_binding(&mut self, local: &syn::Local) {
        let pattern = match &local.pat {
            syn::Pat::Type(typed) => &*typed.pat,
            pattern => pattern,
        };
        let syn::Pat::Ident(binding) = pattern else { return };
        let name = binding.ident.to_string();
        let value = local
            .init
            .as_ref()
            .filter(|_| binding.mutability.is_none())
            .and_then(|init| literal_status(&init.expr).map(|code| (code, init.expr.span())));
        let value = value.map(|(code, token_span)| (code, self.span(token_span)));
        if let Some(scope) = self.locals.last_mut() {
            scope.bindings.insert(name, value);
        }
    }
}

/// The `let` bindings of one block, or of a function's parameters and body.
#[derive(Debug, Default)]
pub(super) struct LocalScope {
    /// Whether the scope is a function's: names are not looked up past it.
    pub(super) function: bool,
    /// Each name bound here, with its literal code when it has one.
    pub(super) bindings: HashMap<String, Option<(u16, Span)>>,
}

impl LocalScope {
    /// The scope of a function's body, which its parameters are bound in.
    pub(super) fn function(signature: &syn::Signature) -> LocalScope {
        let parameters = signature.inputs.iter().filter_map(|input| match input {
            syn::FnArg::Typed(typed) => match &*typed.pat {
                syn::Pat::Ident(binding) => Some((binding.ident.to_string(), None)),
                _ => None,
            },
            syn::FnArg::Receiver(_) => None,
        });
        LocalScope { function: true, bindings: parameters.collect() }
    }
}
