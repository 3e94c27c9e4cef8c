//! Finds, in one parsed item, where a service opts into a component of the catalogue: an
//! extractor's type in a function's or a closure's parameters, a constructor or filter called,
//! and the settings called on what it returns. Names are resolved by the file's scope, through
//! [`Names`], which detect provides; nothing here records a status.

use std::collections::HashSet;

use syn::spanned::Spanned;
use syn::visit::{self, Visit};

use super::catalogue::{Opt, COMPONENTS};
use super::ImpliedUse;
use crate::model::{Framework, Span};

/// What finding components needs of the file being scanned.
pub(crate) trait Names {
    /// The full path `path` stands for, after the file's imports and renames.
    fn resolve(&self, path: &syn::Path) -> Vec<String>;
    /// Whether the file imports `name` (with a `use`, a `type` or an `extern crate`).
    fn imports(&self, name: &str) -> bool;
    /// The prefixes the file imports with `use prefix::*`.
    fn globs(&self) -> &[Vec<String>];
    fn span(&self, span: proc_macro2::Span) -> Span;
    /// Whether an item with these attributes is test code the audit passes over.
    fn passes_over(&self, attrs: &[syn::Attribute]) -> bool;
    /// The framework a use in this file belongs to.
    fn framework(&self) -> Framework;
}

/// The attributes that route requests to a function.
const ROUTE_ATTRIBUTES: [&str; 8] = ["get", "post", "put", "delete", "patch", "head", "options", "route"];

/// `SetStatus::new`, as a resolved path ends.
const SET_STATUS: [&str; 2] = ["SetStatus", "new"];

/// The components `item` opts into, appended to `found`, and the extractors whose rejections
/// it answers itself (actix-web's `JsonConfig::error_handler`), by index, to `handled`.
pub(crate) fn find(item: &syn::Item, names: &dyn Names, found: &mut Vec<ImpliedUse>, handled: &mut Vec<usize>) {
    let mut finder = Finder {
        names,
        functions: Vec::new(),
        impl_types: Vec::new(),
        settled: HashSet::new(),
        overridden: Vec::new(),
        found,
        handled,
    };
    finder.visit_item(item);
}

struct Finder<'a> {
    names: &'a dyn Names,
    /// Enclosing functions, innermost last, as `handler` or `Type::method`.
    functions: Vec<String>,
    impl_types: Vec<String>,
    /// Starts of the calls at the root of a method chain, read with the settings chained on them.
    settled: HashSet<usize>,
    /// Byte ranges whose components' statuses something around them replaces.
    overridden: Vec<std::ops::Range<usize>>,
    found: &'a mut Vec<ImpliedUse>,
    handled: &'a mut Vec<usize>,
}

impl Finder<'_> {
    /// The component a written path names, if any, among those opted into as `opt` (a call
    /// names a server too).
    fn component(&self, path: &syn::Path, opt: Opt) -> Option<usize> {
        component_named(&self.resolve(path), opt)
    }

    /// `path` resolved; a path the file does not import, under a glob of a crate with
    /// components (`use axum::extract::*;` then `Json<T>`), is taken from that glob.
    fn resolve(&self, path: &syn::Path) -> Vec<String> {
        let resolved = self.names.resolve(path);
        let Some(first) = path.segments.first().map(|segment| segment.ident.to_string()) else { return resolved };
        let local = self.names.imports(&first) || matches!(first.as_str(), "crate" | "self" | "super" | "Self");
        if local || path.leading_colon.is_some() || resolved.first() != Some(&first) {
            return resolved;
        }
        let glob = self.names.globs().iter().find(|prefix| {
            prefix.first().is_some_and(|krate| COMPONENTS.iter().any(|component| component.krate == krate))
        });
        match glob {
            Some(prefix) => prefix.iter().cloned().chain(resolved).collect(),
            None => resolved,
        }
    }

    fn record(&mut self, component: usize, span: proc_macro2::Span, settings: Vec<usize>) {
        let start = span.byte_range().start;
        if self.overridden.iter().any(|range| range.contains(&start)) {
            return;
        }
        self.found.push(ImpliedUse {
            component,
            span: self.names.span(span),
            function: self.functions.last().cloned(),
            settings,
            framework: self.names.framework(),
        });
    }

    /// A parameter's type, when it is an extractor of the catalogue: `Json<Order>`, not
    /// `Result<Json<Order>, JsonRejection>`, whose rejection the handler answers itself. An
    /// axum extractor under `Option` counts too: since axum 0.8 `Option<Json<T>>` still rejects a
    /// body it cannot read (`OptionalFromRequest`, axum 0.8.9 src/json.rs); actix-web's
    /// `Option<T>` takes every error for `None`.
    fn parameter(&mut self, ty: &syn::Type) {
        let syn::Type::Path(type_path) = ty else { return };
        if type_path.qself.is_some() {
            return;
        }
        if let Some(component) = self.component(&type_path.path, Opt::Extractor) {
            self.record(component, ty.span(), Vec::new());
        } else if let Some(inner) = optional(&type_path.path) {
            let syn::Type::Path(inner_path) = inner else { return };
            let component = self.component(&inner_path.path, Opt::Extractor);
            if let Some(component) = component.filter(|index| COMPONENTS[*index].krate.starts_with("axum")) {
                self.record(component, ty.span(), Vec::new());
            }
        }
    }

    /// The extractors in the parameters of a function that can be a handler: frameworks call
    /// only `async` functions (and closures) with extractors, and Rocket the functions with a
    /// route attribute (`#[post("/", data = "<form>")]`), `async` or not.
    fn signature(&mut self, signature: &syn::Signature, attrs: &[syn::Attribute]) {
        let routed = attrs.iter().any(|attribute| {
            attribute
                .path()
                .segments
                .last()
                .is_some_and(|segment| ROUTE_ATTRIBUTES.contains(&segment.ident.to_string().as_str()))
        });
        if signature.asyncness.is_none() && !routed {
            return;
        }
        for input in &signature.inputs {
            if let syn::FnArg::Typed(typed) = input {
                self.parameter(&typed.ty);
            }
        }
    }

    /// `web::JsonConfig::default().limit(..).error_handler(..)`: the extractor it configures
    /// answers its rejections through the handler, for the whole package.
    fn error_handler(&mut self, resolved: &[String], chain: &[&syn::ExprMethodCall]) {
        if !chain.iter().any(|call| call.method == "error_handler") {
            return;
        }
        let Some([krate, .., config, constructor]) = Some(resolved) else { return };
        if krate != "actix_web" || !matches!(constructor.as_str(), "default" | "new") {
            return;
        }
        let handler = super::actix::ERROR_HANDLERS.iter().find(|handler| handler.config == config);
        if let Some(taken) = handler.and_then(super::catalogue::ErrorHandler::taken) {
            self.handled.push(taken);
        }
    }

    fn in_function(&mut self, name: String, attrs: &[syn::Attribute], walk: impl FnOnce(&mut Self)) {
        if self.names.passes_over(attrs) {
            return;
        }
        self.functions.push(name);
        walk(self);
        self.functions.pop();
    }
}

impl<'ast> Visit<'ast> for Finder<'_> {
    fn visit_item_fn(&mut self, function: &'ast syn::ItemFn) {
        self.in_function(function.sig.ident.to_string(), &function.attrs, |finder| {
            finder.signature(&function.sig, &function.attrs);
            visit::visit_item_fn(finder, function);
        });
    }

    fn visit_impl_item_fn(&mut self, method: &'ast syn::ImplItemFn) {
        let name = match self.impl_types.last() {
            Some(self_type) => format!("{self_type}::{}", method.sig.ident),
            None => method.sig.ident.to_string(),
        };
        self.in_function(name, &method.attrs, |finder| {
            finder.signature(&method.sig, &method.attrs);
            visit::visit_impl_item_fn(finder, method);
        });
    }

    fn visit_item_impl(&mut self, item: &'ast syn::ItemImpl) {
        if self.names.passes_over(&item.attrs) {
            return;
        }
        let self_type = match &*item.self_ty {
            syn::Type::Path(path) => path.path.segments.last().map(|segment| segment.ident.to_string()),
            _ => None,
        };
        self.impl_types.push(self_type.unwrap_or_default());
        visit::visit_item_impl(self, item);
        self.impl_types.pop();
    }

    fn visit_item_mod(&mut self, module: &'ast syn::ItemMod) {
        if !self.names.passes_over(&module.attrs) {
            visit::visit_item_mod(self, module);
        }
    }

    fn visit_expr_closure(&mut self, closure: &'ast syn::ExprClosure) {
        for input in &closure.inputs {
            if let syn::Pat::Type(typed) = input {
                self.parameter(&typed.ty);
            }
        }
        visit::visit_expr_closure(self, closure);
    }

    /// `ServeDir::new("assets").append_index_html_on_directories(false)`: the constructor at the
    /// root of the chain, with the settings called on it.
    fn visit_expr_method_call(&mut self, call: &'ast syn::ExprMethodCall) {
        if call.method == "not_found_service" {
            // tower-http answers 404 for whatever the fallback answers.
            self.overridden.extend(call.args.iter().map(|argument| argument.span().byte_range()));
        }
        // The chain is read once, from its outermost call, which is visited first.
        if let Some((root, function)) = chain_root(call).filter(|(root, _)| !self.settled.contains(&start_of(root))) {
            self.settled.insert(start_of(root));
            let chain = chain_of(call);
            let resolved = self.resolve(&function.path);
            self.error_handler(&resolved, &chain);
            if let Some(component) = component_named(&resolved, Opt::Call) {
                let settings = settings_applied(component, &chain);
                self.record(component, root.span(), settings);
            }
        }
        visit::visit_expr_method_call(self, call);
    }

    fn visit_expr_call(&mut self, call: &'ast syn::ExprCall) {
        if let syn::Expr::Path(function) = &*call.func {
            let resolved = self.resolve(&function.path);
            // `SetStatus::new(service, status)` answers `status` for whatever `service` answers.
            let tail = &resolved[resolved.len().saturating_sub(SET_STATUS.len())..];
            if resolved.first().is_some_and(|krate| krate == "tower_http") && tail.iter().eq(SET_STATUS.iter()) {
                self.overridden.extend(call.args.first().map(|service| service.span().byte_range()));
            }
            // The root of a method chain was read with the chain.
            if !self.settled.contains(&start_of(call)) {
                if let Some(component) = component_named(&resolved, Opt::Call) {
                    self.record(component, call.span(), Vec::new());
                }
            }
        }
        visit::visit_expr_call(self, call);
    }
}

/// The component a resolved path names, if any, among those opted into as `opt` (a call names a
/// server too).
fn component_named(resolved: &[String], opt: Opt) -> Option<usize> {
    let opted = |component: &Opt| *component == opt || opt == Opt::Call && *component == Opt::Server;
    COMPONENTS.iter().position(|component| opted(&component.opt) && component.named_by(resolved))
}

fn start_of(call: &syn::ExprCall) -> usize {
    call.span().byte_range().start
}

/// What the chain `call` ends is called on, step by step inward, through `?`, `.await` and
/// parentheses (`NamedFile::open_async(p).await?.customize()`).
fn receivers(call: &syn::ExprMethodCall) -> impl Iterator<Item = &syn::Expr> {
    std::iter::successors(Some(&*call.receiver), |expr| match expr {
        syn::Expr::MethodCall(inner) => Some(&*inner.receiver),
        syn::Expr::Try(inner) => Some(&*inner.expr),
        syn::Expr::Await(inner) => Some(&*inner.base),
        syn::Expr::Paren(inner) => Some(&*inner.expr),
        _ => None,
    })
}

/// The method calls of the chain `call` ends, outermost first.
fn chain_of(call: &syn::ExprMethodCall) -> Vec<&syn::ExprMethodCall> {
    let inner = receivers(call).filter_map(|expr| match expr {
        syn::Expr::MethodCall(inner) => Some(inner),
        _ => None,
    });
    std::iter::once(call).chain(inner).collect()
}

/// The call of a path at the root of the chain `call` ends: `ServeDir::new("assets")` under
/// `.append_index_html_on_directories(false)`.
fn chain_root(call: &syn::ExprMethodCall) -> Option<(&syn::ExprCall, &syn::ExprPath)> {
    match receivers(call).last()? {
        syn::Expr::Call(root) => match &*root.func {
            syn::Expr::Path(function) => Some((root, function)),
            _ => None,
        },
        _ => None,
    }
}

/// `T` of `Option<T>`, however `Option` is written.
fn optional(path: &syn::Path) -> Option<&syn::Type> {
    let last = path.segments.last().filter(|segment| segment.ident == "Option")?;
    let syn::PathArguments::AngleBracketed(arguments) = &last.arguments else { return None };
    match arguments.args.iter().collect::<Vec<_>>().as_slice() {
        [syn::GenericArgument::Type(inner)] => Some(inner),
        _ => None,
    }
}

/// The settings of `component` that the method calls of a chain apply, by index.
fn settings_applied(component: usize, chain: &[&syn::ExprMethodCall]) -> Vec<usize> {
    let settings = COMPONENTS[component].settings;
    let mut applied: Vec<usize> = Vec::new();
    for call in chain {
        let argument = match call.args.iter().collect::<Vec<_>>().as_slice() {
            [only] => argument_text(only),
            _ => None,
        };
        for (index, setting) in settings.iter().enumerate() {
            let argument_matches = setting.argument.is_none_or(|wanted| argument.as_deref() == Some(wanted));
            if call.method == setting.method && argument_matches && !applied.contains(&index) {
                applied.push(index);
            }
        }
    }
    applied.sort_unstable();
    applied
}

/// A literal `true`/`false`, a bare name (`None`) or the last two segments of a path
/// (`Duration::ZERO`) as written; `None` for anything else.
fn argument_text(argument: &syn::Expr) -> Option<String> {
    match argument {
        syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Bool(value), .. }) => Some(value.value.to_string()),
        syn::Expr::Path(path) if path.qself.is_none() => {
            let segments: Vec<String> = path.path.segments.iter().map(|segment| segment.ident.to_string()).collect();
            Some(segments[segments.len().saturating_sub(2)..].join("::"))
        }
        _ => None,
    }
}
