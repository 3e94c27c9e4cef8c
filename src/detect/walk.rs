//! The walk over a file's syntax tree: which items and expressions are looked at, and which are
//! passed over because they only read a status or are test code.

use std::sync::Arc;

use syn::spanned::Spanned;
use syn::visit::{self, Visit};

use super::names::{self, Definition, Value, Wants};
use super::syntax::{
    is_comparison, is_compound_assignment, is_literal_collection, is_status_value, item_attrs, reads_a_status,
    sets_a_status, type_name,
};
use super::values::LocalScope;
use super::{
    declared_module, macros, operands, response, scope, Detector, Operands, MAX_MACRO_NESTING, READING_MACROS,
};

impl<'ast> Visit<'ast> for Detector<'_> {
    fn visit_item(&mut self, item: &'ast syn::Item) {
        if !self.is_test_only(item_attrs(item)) {
            visit::visit_item(self, item);
        } else if let syn::Item::Mod(module) = item {
            // `#[cfg(test)] mod tests;` lives in a file of its own, which is test code too.
            if module.content.is_none() {
                self.test_modules.push(declared_module(module));
            }
        }
    }

    fn visit_impl_item(&mut self, item: &'ast syn::ImplItem) {
        let attrs = match item {
            syn::ImplItem::Fn(function) => &function.attrs,
            syn::ImplItem::Const(constant) => &constant.attrs,
            _ => return visit::visit_impl_item(self, item),
        };
        if self.is_test_only(attrs) {
            return;
        }
        if let syn::ImplItem::Const(constant) = item {
            if self.constant(&constant.ident, &constant.ty, &constant.expr, true) {
                return;
            }
        }
        visit::visit_impl_item(self, item);
    }

    fn visit_item_const(&mut self, item: &'ast syn::ItemConst) {
        if !self.constant(&item.ident, &item.ty, &item.expr, false) {
            visit::visit_item_const(self, item);
        }
    }

    fn visit_item_static(&mut self, item: &'ast syn::ItemStatic) {
        if !self.constant(&item.ident, &item.ty, &item.expr, false) {
            visit::visit_item_static(self, item);
        }
    }

    fn visit_item_mod(&mut self, module: &'ast syn::ItemMod) {
        self.module.push(module.ident.to_string());
        visit::visit_item_mod(self, module);
        self.module.pop();
    }

    /// `pub use` re-exports, every glob import, and `type` aliases: names other files may reach
    /// a status through. A file's own imports are resolved by its scope, but a child module sees
    /// them through `use super::*;`: a private import that renames what leads to a status
    /// (`use axum::http::StatusCode as Sc;`) is a definition too.
    fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
        let public = !matches!(item.vis, syn::Visibility::Inherited);
        for entry in scope::use_entries(&item.tree) {
            let renamed = entry.target.last() != Some(&entry.name);
            if !(entry.glob || public || renamed) {
                continue;
            }
            let target = self.scope.resolve(&entry.target);
            if !(entry.glob || public || names::leads_to_status(&target)) {
                continue;
            }
            let (name, value) =
                if entry.glob { ("*".to_string(), Value::Glob(target)) } else { (entry.name, Value::Alias(target)) };
            let span = self.span(entry.span);
            let module = self.item_scope();
            self.definitions.push(Definition { module, name, value, span, private: !public && !entry.glob });
        }
    }

    fn visit_item_type(&mut self, item: &'ast syn::ItemType) {
        if let syn::Type::Path(type_path) = &*item.ty {
            if type_path.qself.is_none() {
                let target = self.resolve_path(&type_path.path);
                let span = self.span(item.ident.span());
                let definition = Definition {
                    module: self.item_scope(),
                    name: item.ident.to_string(),
                    value: Value::Alias(target),
                    span,
                    private: false,
                };
                self.definitions.push(definition);
            }
        }
    }

    fn visit_block(&mut self, block: &'ast syn::Block) {
        self.locals.push(LocalScope::default());
        visit::visit_block(self, block);
        self.locals.pop();
    }

    fn visit_local(&mut self, local: &'ast syn::Local) {
        visit::visit_local(self, local);
        self.local_binding(local);
    }

    fn visit_item_fn(&mut self, function: &'ast syn::ItemFn) {
        if self.is_client_function(&function.sig) {
            return;
        }
        self.functions.push(Arc::from(function.sig.ident.to_string()));
        self.locals.push(LocalScope::function(&function.sig));
        response::function_body(self, &function.sig, &function.block);
        // A function nested in a method is not the method.
        let impl_types = std::mem::take(&mut self.impl_types);
        visit::visit_item_fn(self, function);
        self.impl_types = impl_types;
        self.locals.pop();
        self.functions.pop();
    }

    fn visit_item_impl(&mut self, item: &'ast syn::ItemImpl) {
        if self.is_client_impl(item) {
            return;
        }
        self.impl_types.push(type_name(&item.self_ty));
        visit::visit_item_impl(self, item);
        self.impl_types.pop();
    }

    fn visit_impl_item_fn(&mut self, function: &'ast syn::ImplItemFn) {
        if self.is_client_function(&function.sig) {
            return;
        }
        self.functions.push(Arc::from(self.current_function(&function.sig.ident)));
        self.locals.push(LocalScope::function(&function.sig));
        response::function_body(self, &function.sig, &function.block);
        visit::visit_impl_item_fn(self, function);
        self.locals.pop();
        self.functions.pop();
    }

    fn visit_item_trait(&mut self, item: &'ast syn::ItemTrait) {
        self.impl_types.push(item.ident.to_string());
        visit::visit_item_trait(self, item);
        self.impl_types.pop();
    }

    fn visit_trait_item_fn(&mut self, function: &'ast syn::TraitItemFn) {
        self.functions.push(Arc::from(self.current_function(&function.sig.ident)));
        self.locals.push(LocalScope::function(&function.sig));
        visit::visit_trait_item_fn(self, function);
        self.locals.pop();
        self.functions.pop();
    }

    fn visit_attribute(&mut self, attribute: &'ast syn::Attribute) {
        self.attribute(attribute);
    }

    /// Patterns only ever read a status: `match` arms, `if let`, `let ... else`.
    fn visit_pat(&mut self, _pattern: &'ast syn::Pat) {}

    fn visit_expr(&mut self, expr: &'ast syn::Expr) {
        response::invalid_literal(self, expr);
        match expr {
            syn::Expr::Binary(binary) if is_comparison(&binary.op) => return,
            // `*response.status_mut() = upstream.status()`: passed through.
            syn::Expr::Assign(assign) if reads_a_status(&assign.right) && sets_a_status(&assign.left) => {
                self.passed_through(&assign.right, assign.right.span());
            }
            syn::Expr::Assign(assign) => {
                if let syn::Expr::Field(field) = &*assign.left {
                    self.status_field(&field.member, &assign.right);
                }
                self.assigned(&assign.left);
            }
            syn::Expr::Struct(literal) => {
                for field in &literal.fields {
                    self.status_field(&field.member, &field.expr);
                }
            }
            syn::Expr::Binary(binary) if is_compound_assignment(&binary.op) => self.assigned(&binary.left),
            // Rocket's `Status::ImATeapot.code`: a status turned into a number is data.
            syn::Expr::Field(field) if matches!(&*field.base, syn::Expr::Path(_)) => return,
            syn::Expr::Path(path) => self.path_expression(path),
            syn::Expr::Call(call) => self.call(call),
            syn::Expr::MethodCall(call) => {
                self.method_call(call);
                let operands = match operands(&call.method.to_string(), call.args.len()) {
                    // `ctx.user().map_err(InternalServerError)?.name.as_str()`: only a status value
                    // is read by these, not the calls that lead to it.
                    Operands::ArgumentsOnly if !is_status_value(&call.receiver) => Operands::All,
                    operands => operands,
                };
                if operands != Operands::All {
                    // A list written out only to be searched is read too: `[A, B].contains(&s)`.
                    if matches!(operands, Operands::ReceiverOnly | Operands::AllButFirstArgument)
                        && !is_literal_collection(&call.receiver)
                    {
                        self.visit_expr(&call.receiver);
                    }
                    let skip = match operands {
                        Operands::ArgumentsOnly => 0,
                        Operands::AllButFirstArgument => 1,
                        _ => call.args.len(),
                    };
                    for argument in call.args.iter().skip(skip) {
                        self.visit_expr(argument);
                    }
                    return;
                }
            }
            syn::Expr::Macro(expr_macro) => {
                self.visit_macro_tokens(&expr_macro.mac);
                return;
            }
            _ => {}
        }
        visit::visit_expr(self, expr);
    }

    fn visit_stmt_macro(&mut self, stmt: &'ast syn::StmtMacro) {
        self.visit_macro_tokens(&stmt.mac);
    }

    fn visit_item_macro(&mut self, item: &'ast syn::ItemMacro) {
        let Some(name) = &item.ident else {
            self.visit_macro_tokens(&item.mac);
            return;
        };
        // What the templates write themselves (`HttpResponse::Accepted()`) is scanned with every
        // `$variable` standing for an unknown name, and `StatusCode::$status` for a stand-in
        // constant. A use of the stand-in means the macro answers with the name its callers
        // give (`StatusCode::$status` in a tuple, not in a comparison): it is a status macro, and
        // those names are found at the call sites, once linked.
        if self.macro_depth >= MAX_MACRO_NESTING {
            return;
        }
        let uses_before = self.uses.len();
        let (bodies, stand_ins) = macros::rule_bodies(&item.mac.tokens);
        self.macro_depth += 1;
        for body in bodies {
            macros::visit_tokens(self, body);
        }
        self.macro_depth -= 1;
        let stand_in_ends: Vec<usize> = stand_ins.into_iter().map(|stand_in| self.span(stand_in).end).collect();
        let mut produced = false;
        let mut index = uses_before;
        while index < self.uses.len() {
            if stand_in_ends.contains(&self.uses[index].span.end) {
                self.uses.remove(index);
                produced = true;
            } else {
                index += 1;
            }
        }
        if produced {
            let span = self.span(name.span());
            let definition = Definition {
                module: self.module.iter().cloned().collect(),
                name: name.to_string(),
                value: Value::StatusMacro,
                span,
                private: false,
            };
            self.definitions.push(definition);
        }
    }
}

impl Detector<'_> {
    pub(super) fn visit_macro_tokens(&mut self, mac: &syn::Macro) {
        let name = mac.path.segments.last().map(|segment| segment.ident.to_string()).unwrap_or_default();
        // Each level of macros within macros parses its tokens again; past a few levels (which
        // real code does not reach) that work would grow with the square of the file.
        if READING_MACROS.contains(&name.as_str()) || self.macro_depth >= MAX_MACRO_NESTING {
            return;
        }
        let passed_over = self.macros.and_then(|filter| {
            let start = mac.path.segments.first().map_or(0, |segment| self.lines.byte(segment.ident.span().start()));
            let end = self.lines.byte(mac.delimiter.span().close().end());
            (!filter.wants(start..end)).then_some(start..end)
        });
        match passed_over {
            Some(range) => self.passed_over.push(range),
            None => {
                self.macro_depth += 1;
                macros::visit_tokens(self, mac.tokens.clone());
                self.macro_depth -= 1;
            }
        }
        // `define_rejection! { #[status = PAYLOAD_TOO_LARGE] ... }`: a bare constant name is a
        // status if the macro is one of the workspace's that writes `StatusCode::$status`.
        let arguments = macros::bare_status_names(&mac.tokens);
        if !arguments.is_empty() {
            let macro_path = self.resolve_path(&mac.path);
            for (status, token_span) in arguments {
                self.refer(macro_path.clone(), Wants::MacroArgument(status), token_span);
            }
        }
    }
}
