//! Finds every place a parsed file produces an HTTP status, and only those: a status that is
//! compared, matched, asserted or otherwise read is not a use. Works on the syn AST of one file
//! and the facts discover found about its package; knows nothing of the approved list and does
//! no IO.

mod classify;
mod macros;
mod names;
mod prefilter;
mod response;
mod scope;

use std::collections::{HashMap, HashSet};

use proc_macro2::Span as TokenSpan;
use syn::spanned::Spanned;
use syn::visit::{self, Visit};

use crate::discover::PackageContext;
use crate::model::{BuiltResponse, DynamicUse, Form, Framework, InvalidStatus, Origin, Span, StatusUse};
use classify::{Candidates, Produced};
pub use names::{link, open_names, Definition, FileNames, Linked, OpenNames, Reference, Value, Wants};
pub use prefilter::{NameFilter, Prefilter};
use scope::Scope;

/// Where a file's text starts within what was read from disk: a byte-order mark is not given to
/// the parser, so every offset the parser reports is shifted by its length.
#[derive(Debug, Clone, Copy, Default)]
pub struct Offsets {
    pub bytes: usize,
}

/// What one file yields.
#[derive(Debug, Default)]
pub struct Detected {
    /// The status uses, in source order.
    pub uses: Vec<StatusUse>,
    /// Out-of-line modules declared as test-only, whose files hold test code.
    pub test_modules: Vec<DeclaredModule>,
    /// Statuses set from values known only at run time.
    pub dynamic: Vec<DynamicUse>,
    /// Names other files may use for a status.
    pub definitions: Vec<Definition>,
    /// Names used for a status that only the whole workspace can resolve.
    pub references: Vec<Reference>,
    /// Responses built whole in one expression, in source order.
    pub responses: Vec<BuiltResponse>,
    /// Literals turned into a status that is not one, in source order.
    pub invalid: Vec<InvalidStatus>,
}

/// `mod name;`, or `#[path = "file.rs"] mod name;`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeclaredModule {
    Named(String),
    Path(String),
}

fn declared_module(module: &syn::ItemMod) -> DeclaredModule {
    let path = module.attrs.iter().find(|attr| attr.path().is_ident("path")).and_then(|attr| match &attr.meta {
        syn::Meta::NameValue(syn::MetaNameValue { value: syn::Expr::Lit(literal), .. }) => match &literal.lit {
            syn::Lit::Str(path) => Some(path.value()),
            _ => None,
        },
        _ => None,
    });
    match path {
        Some(path) => DeclaredModule::Path(path),
        None => DeclaredModule::Named(module.ident.to_string()),
    }
}

/// Detects the status uses of one file, fed one top-level item at a time so that a large file
/// never needs its whole syntax tree in memory.
pub struct FileDetector<'a> {
    detector: Detector<'a>,
}

/// Which parts of a file to look into: the items parsing keeps (`parse::Items::Matching`) and
/// the macro calls detect parses again, token by token. A part whose text holds neither a status
/// word nor a name searched for is passed over; for macro calls that saves much of the work in
/// code full of `format!`, `json!` and logging calls.
#[derive(Clone, Copy)]
pub struct TextFilter<'a> {
    /// The file's text, which spans index.
    pub source: &'a str,
    pub wanted: &'a (dyn Fn(&[u8]) -> bool + Sync),
}

impl TextFilter<'_> {
    /// Whether the text at `range` is wanted; text outside the file is not.
    pub fn wants(&self, range: std::ops::Range<usize>) -> bool {
        self.source.get(range).is_some_and(|text| (self.wanted)(text.as_bytes()))
    }
}

impl std::fmt::Debug for TextFilter<'_> {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.debug_struct("TextFilter").field("source", &self.source.len()).finish_non_exhaustive()
    }
}

impl std::fmt::Debug for FileDetector<'_> {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.debug_struct("FileDetector").field("uses", &self.detector.uses.len()).finish()
    }
}

impl<'a> FileDetector<'a> {
    /// `preamble` holds the file's top-level `use`, `type` and `extern crate` items, which name
    /// things for the whole file wherever they stand in it; `module` is the file's module path
    /// within its crate (`["api", "v1"]` for `src/api/v1.rs`).
    pub fn new(
        context: &'a PackageContext,
        offsets: Offsets,
        preamble: &[syn::Item],
        module: Vec<String>,
        macros: Option<TextFilter<'a>>,
    ) -> FileDetector<'a> {
        let mut scope = Scope::new(&context.crate_renames);
        for item in preamble {
            scope.add_item(item);
        }
        let candidates = candidates(context, &scope);
        FileDetector {
            detector: Detector {
                scope,
                candidates,
                context,
                offsets,
                functions: Vec::new(),
                impl_types: Vec::new(),
                handled: HashSet::new(),
                test_modules: Vec::new(),
                macro_depth: 0,
                macros,
                passed_over: false,
                uses: Vec::new(),
                module,
                locals: Vec::new(),
                dynamic: Vec::new(),
                definitions: Vec::new(),
                references: Vec::new(),
                collected: response::Collected::default(),
            },
        }
    }

    /// Scans the next top-level item. Imports inside it (in its modules and functions) count
    /// from here on.
    pub fn item(&mut self, item: &syn::Item) {
        let globs = self.detector.scope.globs.len();
        self.detector.scope.add_item(item);
        if self.detector.scope.globs.len() != globs {
            self.detector.candidates = candidates(self.detector.context, &self.detector.scope);
        }
        self.detector.visit_item(item);
    }

    /// Whether a macro call was passed over (see [`TextFilter`]).
    pub fn passed_over(&self) -> bool {
        self.detector.passed_over
    }

    /// The uses found, in source order.
    pub fn finish(self) -> Detected {
        let detector = self.detector;
        let mut uses = detector.uses;
        uses.sort_by_key(|status_use| (status_use.span.start, status_use.span.end));
        uses.dedup_by_key(|status_use| (status_use.span.start, status_use.span.end, status_use.status));
        let mut dynamic = detector.dynamic;
        dynamic.sort_by_key(|dynamic_use| (dynamic_use.span.start, dynamic_use.span.end));
        dynamic.dedup_by_key(|dynamic_use| (dynamic_use.span.start, dynamic_use.span.end));
        let (responses, invalid) = detector.collected.finish();
        Detected {
            uses,
            test_modules: detector.test_modules,
            dynamic,
            definitions: detector.definitions,
            references: detector.references,
            responses,
            invalid,
        }
    }
}

/// Frameworks a name that the file does not import may belong to: those the package depends on,
/// narrowed to the ones the file glob-imports from when it does.
fn candidates(context: &PackageContext, scope: &Scope) -> Candidates {
    let from_package = Candidates {
        axum: context.frameworks.contains(&Framework::Axum),
        actix: context.frameworks.contains(&Framework::ActixWeb),
    };
    let globbed: Vec<Framework> = scope
        .globs
        .iter()
        .filter_map(|prefix| classify::framework_of_crate(&scope.resolve(prefix).first()?.clone()))
        .filter(|framework| *framework != Framework::Http)
        .collect();
    if globbed.is_empty() {
        return from_package;
    }
    Candidates { axum: globbed.contains(&Framework::Axum), actix: globbed.contains(&Framework::ActixWeb) }
}

/// The note of a dynamic status relayed from a response the code received.
const PASSED_THROUGH: &str = "the status is passed through from another response";

/// How many macro invocations deep the arguments are scanned.
const MAX_MACRO_NESTING: usize = 4;

/// Macros whose arguments are only read: assertions and pattern tests.
const READING_MACROS: &[&str] = &[
    "assert",
    "assert_eq",
    "assert_ne",
    "debug_assert",
    "debug_assert_eq",
    "debug_assert_ne",
    "matches",
    "assert_matches",
    "debug_assert_matches",
];

/// Which operands of a method call a status can be produced in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Operands {
    All,
    /// `status.is_success()`, `status.canonical_reason()`: the receiver is read.
    ArgumentsOnly,
    /// `list.contains(&StatusCode::GONE)`: the arguments are searched for, so read.
    ReceiverOnly,
    /// `a.eq(&b)`: both sides are compared.
    None,
    /// actix `ErrorHandlers::new().handler(StatusCode::X, f)`: the status is matched.
    AllButFirstArgument,
}

fn operands(method: &str, argument_count: usize) -> Operands {
    match method {
        "eq" | "ne" | "cmp" | "partial_cmp" => Operands::None,
        // Searches and predicates: what they look for is read.
        "contains" | "any" | "all" | "find" | "position" | "filter" => Operands::ReceiverOnly,
        "canonical_reason" => Operands::ArgumentsOnly,
        "handler" if argument_count == 2 => Operands::AllButFirstArgument,
        _ if method.starts_with("is_") => Operands::ArgumentsOnly,
        _ => Operands::All,
    }
}

struct Detector<'a> {
    scope: Scope,
    candidates: Candidates,
    context: &'a PackageContext,
    offsets: Offsets,
    /// Enclosing functions, innermost last.
    functions: Vec<String>,
    /// Self types of enclosing `impl` blocks, innermost last.
    impl_types: Vec<String>,
    /// Start offsets of expressions already accounted for by the builder chain around them.
    handled: HashSet<usize>,
    test_modules: Vec<DeclaredModule>,
    /// Macro invocations being scanned inside one another.
    macro_depth: usize,
    macros: Option<TextFilter<'a>>,
    /// Whether `macros` passed over a call.
    passed_over: bool,
    uses: Vec<StatusUse>,
    /// The module being scanned, within the crate.
    module: Vec<String>,
    /// For each enclosing function, its `let` bindings of literal codes: `let code = 509;`.
    locals: Vec<LocalScope>,
    dynamic: Vec<DynamicUse>,
    definitions: Vec<Definition>,
    references: Vec<Reference>,
    collected: response::Collected,
}

impl Detector<'_> {
    fn record(&mut self, status: u16, token_span: TokenSpan, form: Form, framework: Option<Framework>) {
        let span = self.span(token_span);
        let framework =
            framework.filter(|framework| *framework != Framework::Http).unwrap_or_else(|| self.package_framework());
        self.uses.push(StatusUse {
            status,
            span,
            form,
            framework,
            function: self.functions.last().cloned(),
            origin: None,
        });
    }

    fn record_dynamic(&mut self, token_span: TokenSpan, reason: String) {
        let span = self.span(token_span);
        let framework = self.package_framework();
        self.dynamic.push(DynamicUse { span, reason, framework, function: self.functions.last().cloned() });
    }

    /// A name the file cannot resolve on its own; the workspace may define it.
    fn refer(&mut self, path: Vec<String>, wants: Wants, token_span: TokenSpan) {
        let root = path.first().map(String::as_str).unwrap_or_default();
        // Paths into the standard library and the web crates are resolved already.
        let external = matches!(root, "std" | "core" | "alloc") || classify::framework_of_crate(root).is_some();
        if external && path.len() > 1 && wants == Wants::Status {
            return;
        }
        let path = match path.first().map(String::as_str) {
            // `Self::TEAPOT` is an associated constant of the enclosing `impl`'s type.
            Some("Self") => match self.impl_types.last() {
                Some(self_type) => std::iter::once(self_type.clone()).chain(path.into_iter().skip(1)).collect(),
                None => return,
            },
            _ => path,
        };
        let span = self.span(token_span);
        let framework = self.package_framework();
        self.references.push(Reference {
            module: self.item_scope(),
            path,
            wants,
            span,
            framework,
            function: self.functions.last().cloned(),
        });
    }

    /// Where an item defined here is visible: the module, or the body of the function it is in
    /// (written `name()` after the module, a segment no module path has).
    fn item_scope(&self) -> Vec<String> {
        let mut scope = self.module.clone();
        if let Some(function) = self.functions.last() {
            scope.push(format!("{function}()"));
        }
        scope
    }

    /// The code the `let` that `name` refers to here bound, if it bound a literal and the
    /// binding was never assigned again.
    fn local(&self, name: &str) -> Option<(u16, Span)> {
        for scope in self.locals.iter().rev() {
            if let Some(binding) = scope.bindings.get(name) {
                return *binding;
            }
            if scope.function {
                break;
            }
        }
        None
    }

    /// `code = 503;`, `code += 1;`: the binding no longer holds its literal.
    fn assigned(&mut self, target: &syn::Expr) {
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
    fn converted_argument(&mut self, argument: &syn::Expr, use_span: TokenSpan) {
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
                self.handled.insert(path.span().byte_range().start);
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

    /// The framework of the package, when it depends on exactly one.
    fn package_framework(&self) -> Framework {
        let web: Vec<&Framework> =
            self.context.frameworks.iter().filter(|framework| **framework != Framework::Http).collect();
        match web.as_slice() {
            [only] => **only,
            _ => Framework::Http,
        }
    }

    fn span(&self, token_span: TokenSpan) -> Span {
        let bytes = token_span.byte_range();
        let (start, end) = (token_span.start(), token_span.end());
        Span {
            start: bytes.start + self.offsets.bytes,
            end: bytes.end + self.offsets.bytes,
            line: start.line,
            column: start.column + 1,
            end_line: end.line,
            end_column: end.column + 1,
        }
    }

    fn resolve_path(&self, path: &syn::Path) -> Vec<String> {
        let segments: Vec<String> = path.segments.iter().map(|segment| segment.ident.to_string()).collect();
        self.scope.resolve(&segments)
    }

    fn is_test_only(&self, attrs: &[syn::Attribute]) -> bool {
        !self.context.include_tests && attrs.iter().any(is_test_attribute)
    }

    fn path_expression(&mut self, expr: &syn::ExprPath) {
        if expr.qself.is_some() || self.handled.contains(&expr.span().byte_range().start) {
            return;
        }
        let resolved = self.resolve_path(&expr.path);
        if let Some(Produced { status, form, framework }) = classify::classify_path(&resolved, self.candidates) {
            self.record(status, expr.span(), form, framework);
        } else if resolved.last().is_some_and(|last| is_constant_name(last)) {
            // `TEAPOT`, `errors::LOCKED`, `Code::GONE`: a constant or an alias of `StatusCode`
            // defined elsewhere in the workspace, perhaps.
            self.refer(resolved, Wants::Status, expr.span());
        }
    }

    /// `const TEAPOT: u16 = 418;`, `static LOCKED: StatusCode = StatusCode::LOCKED;`: a name that
    /// stands for a status is a definition, reported where it is used to produce one. Returns
    /// whether the item was such a definition.
    fn constant(&mut self, name: &syn::Ident, ty: &syn::Type, expr: &syn::Expr, associated: bool) -> bool {
        let Some(value) = self.constant_value(ty, expr) else { return false };
        let module = if associated {
            let mut module = self.module.clone();
            module.extend(self.impl_types.last().cloned());
            module
        } else {
            self.item_scope()
        };
        let span = self.span(name.span());
        self.definitions.push(Definition { module, name: name.to_string(), value, span });
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

    /// `StatusCode::from_u16(418)` and its siblings.
    fn call(&mut self, call: &syn::ExprCall) {
        let syn::Expr::Path(function) = &*call.func else { return };
        let resolved = self.resolve_path(&function.path);
        if call.args.len() == 1 && classify::is_status_constructor(&resolved) {
            if let Some(status) = literal_status(&call.args[0]) {
                let framework = classify::framework_of_crate(&resolved[0]);
                self.record(status, call.span(), Form::Numeric, framework);
            } else if !is_out_of_range_literal(&call.args[0]) {
                self.converted_argument(&call.args[0], call.span());
            }
        } else if classify::takes_a_status(&resolved) {
            // `HttpResponse::build(upstream.status())`, `with_status(reply, upstream.status())`.
            for argument in call.args.iter().filter(|argument| reads_a_status(argument)) {
                let reason = PASSED_THROUGH.to_string();
                self.record_dynamic(argument.span(), reason);
            }
        }
    }

    /// Builder calls: `.status(418)`, `"418".parse::<StatusCode>()`, and the chains whose last
    /// call decides the status (`web::Redirect::to(..).permanent()`, `HttpResponse::Ok().status(..)`).
    fn method_call(&mut self, call: &syn::ExprMethodCall) {
        let method = call.method.to_string();
        match method.as_str() {
            "status" | "with_status" if call.args.len() == 1 => {
                let argument = strip_reference(&call.args[0]);
                if let Some(status) = literal_status(argument) {
                    self.record(status, call.args[0].span(), Form::Numeric, None);
                } else if reads_a_status(argument) {
                    let reason = PASSED_THROUGH.to_string();
                    self.record_dynamic(call.args[0].span(), reason);
                } else if let syn::Expr::Path(path) = argument {
                    // `.status(code)` with a `let` of a literal, or `.status(TEAPOT)`; any other
                    // variable holds a status made, and found, elsewhere.
                    let is_local = path.path.get_ident().is_some_and(|name| self.local(&name.to_string()).is_some());
                    let is_constant =
                        path.path.segments.last().is_some_and(|last| is_constant_name(&last.ident.to_string()));
                    if is_local || is_constant && !self.is_status_constant(path) {
                        self.converted_argument(argument, call.args[0].span());
                    }
                }
                // The builder's own code is overridden: `HttpResponse::Ok().status(StatusCode::GONE)`.
                if let Some(root) = chain_root(call) {
                    if let syn::Expr::Path(function) = &*root.func {
                        let resolved = self.resolve_path(&function.path);
                        if classify::classify_path(&resolved, self.candidates)
                            .is_some_and(|produced| produced.form == Form::Helper)
                        {
                            self.handled.insert(function.span().byte_range().start);
                        }
                    }
                }
            }
            "parse" if call.args.is_empty() => {
                let turbofish_is_status = call.turbofish.as_ref().is_some_and(|turbofish| {
                    turbofish.args.iter().any(|argument| match argument {
                        syn::GenericArgument::Type(syn::Type::Path(type_path)) => {
                            classify::is_status_type(&self.resolve_path(&type_path.path))
                        }
                        _ => false,
                    })
                });
                if turbofish_is_status {
                    if let Some(status) = literal_status(&call.receiver) {
                        self.record(status, call.span(), Form::Numeric, None);
                    } else if !is_out_of_range_literal(&call.receiver) {
                        self.converted_argument(&call.receiver, call.span());
                    }
                }
            }
            _ => self.redirect_chain(call, &method),
        }
    }

    fn redirect_chain(&mut self, call: &syn::ExprMethodCall, method: &str) {
        let Some(status) = classify::actix_redirect_modifier(method) else { return };
        if self.handled.contains(&call.method.span().byte_range().start) {
            return;
        }
        let Some(root) = chain_root(call) else { return };
        let syn::Expr::Path(function) = &*root.func else { return };
        let resolved = self.resolve_path(&function.path);
        let is_actix_redirect = classify::classify_path(&resolved, self.candidates)
            .is_some_and(|produced| produced.form == Form::Redirect && produced.framework == Some(Framework::ActixWeb));
        if !is_actix_redirect {
            return;
        }
        // The outermost modifier wins; the constructor's default and inner modifiers do not count.
        self.handled.insert(function.span().byte_range().start);
        let mut receiver = &*call.receiver;
        while let syn::Expr::MethodCall(inner) = receiver {
            self.handled.insert(inner.method.span().byte_range().start);
            receiver = &inner.receiver;
        }
        if let Some(status) = status {
            self.record(status, call.method.span(), Form::Redirect, Some(Framework::ActixWeb));
        }
    }

    /// Whether a path names a `StatusCode` constant directly: `StatusCode::GONE`.
    fn is_status_constant(&self, path: &syn::ExprPath) -> bool {
        classify::classify_path(&self.resolve_path(&path.path), self.candidates).is_some()
    }

    /// `let code = 509;` binds a literal code for the rest of its block; a `let mut`, or any other
    /// `let` of the same name, binds a value that is not known.
    fn local_binding(&mut self, local: &syn::Local) {
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

    fn current_function(&self, name: &syn::Ident) -> String {
        match self.impl_types.last() {
            Some(self_type) => format!("{self_type}::{name}"),
            None => name.to_string(),
        }
    }
}

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
    /// a status through. A file's own imports are resolved by its scope.
    fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
        let public = !matches!(item.vis, syn::Visibility::Inherited);
        for entry in scope::use_entries(&item.tree).into_iter().filter(|entry| entry.glob || public) {
            let target = self.scope.resolve(&entry.target);
            let (name, value) =
                if entry.glob { ("*".to_string(), Value::Glob(target)) } else { (entry.name, Value::Alias(target)) };
            let span = self.span(entry.span);
            self.definitions.push(Definition { module: self.item_scope(), name, value, span });
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
        self.functions.push(function.sig.ident.to_string());
        self.locals.push(LocalScope::function());
        response::function_body(self, &function.sig, &function.block);
        // A function nested in a method is not the method.
        let impl_types = std::mem::take(&mut self.impl_types);
        visit::visit_item_fn(self, function);
        self.impl_types = impl_types;
        self.locals.pop();
        self.functions.pop();
    }

    fn visit_item_impl(&mut self, item: &'ast syn::ItemImpl) {
        self.impl_types.push(type_name(&item.self_ty));
        visit::visit_item_impl(self, item);
        self.impl_types.pop();
    }

    fn visit_impl_item_fn(&mut self, function: &'ast syn::ImplItemFn) {
        self.functions.push(self.current_function(&function.sig.ident));
        self.locals.push(LocalScope::function());
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
        self.functions.push(self.current_function(&function.sig.ident));
        self.locals.push(LocalScope::function());
        visit::visit_trait_item_fn(self, function);
        self.locals.pop();
        self.functions.pop();
    }

    /// Patterns only ever read a status: `match` arms, `if let`, `let ... else`.
    fn visit_pat(&mut self, _pattern: &'ast syn::Pat) {}

    fn visit_expr(&mut self, expr: &'ast syn::Expr) {
        response::invalid_literal(self, expr);
        match expr {
            syn::Expr::Binary(binary) if is_comparison(&binary.op) => return,
            // `*response.status_mut() = upstream.status()`: passed through.
            syn::Expr::Assign(assign) if reads_a_status(&assign.right) && sets_a_status(&assign.left) => {
                let reason = PASSED_THROUGH.to_string();
                self.record_dynamic(assign.right.span(), reason);
            }
            syn::Expr::Assign(assign) => self.assigned(&assign.left),
            syn::Expr::Binary(binary) if is_compound_assignment(&binary.op) => self.assigned(&binary.left),
            syn::Expr::Path(path) => self.path_expression(path),
            syn::Expr::Call(call) => self.call(call),
            syn::Expr::MethodCall(call) => {
                self.method_call(call);
                let operands = operands(&call.method.to_string(), call.args.len());
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
            let definition =
                Definition { module: self.module.clone(), name: name.to_string(), value: Value::StatusMacro, span };
            self.definitions.push(definition);
        }
    }
}

impl Detector<'_> {
    fn visit_macro_tokens(&mut self, mac: &syn::Macro) {
        let name = mac.path.segments.last().map(|segment| segment.ident.to_string()).unwrap_or_default();
        // Each level of macros within macros parses its tokens again; past a few levels (which
        // real code does not reach) that work would grow with the square of the file.
        if READING_MACROS.contains(&name.as_str()) || self.macro_depth >= MAX_MACRO_NESTING {
            return;
        }
        let wanted = self.macros.is_none_or(|filter| {
            let start = mac.path.segments.first().map_or(0, |segment| segment.ident.span().byte_range().start);
            let end = mac.delimiter.span().close().byte_range().end;
            filter.wants(start..end)
        });
        if wanted {
            self.macro_depth += 1;
            macros::visit_tokens(self, mac.tokens.clone());
            self.macro_depth -= 1;
        } else {
            self.passed_over = true;
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

/// The call a method chain starts from: `web::Redirect::to("/")` in
/// `web::Redirect::to("/").temporary().permanent()`.
fn chain_root(call: &syn::ExprMethodCall) -> Option<&syn::ExprCall> {
    let mut receiver = &*call.receiver;
    loop {
        match receiver {
            syn::Expr::MethodCall(inner) => receiver = &inner.receiver,
            syn::Expr::Paren(paren) => receiver = &paren.expr,
            syn::Expr::Group(group) => receiver = &group.expr,
            syn::Expr::Call(root) => return Some(root),
            _ => return None,
        }
    }
}

fn is_compound_assignment(op: &syn::BinOp) -> bool {
    matches!(
        op,
        syn::BinOp::AddAssign(_)
            | syn::BinOp::SubAssign(_)
            | syn::BinOp::MulAssign(_)
            | syn::BinOp::DivAssign(_)
            | syn::BinOp::RemAssign(_)
            | syn::BinOp::BitOrAssign(_)
            | syn::BinOp::BitAndAssign(_)
            | syn::BinOp::BitXorAssign(_)
            | syn::BinOp::ShlAssign(_)
            | syn::BinOp::ShrAssign(_)
    )
}

fn is_comparison(op: &syn::BinOp) -> bool {
    matches!(
        op,
        syn::BinOp::Eq(_)
            | syn::BinOp::Ne(_)
            | syn::BinOp::Lt(_)
            | syn::BinOp::Le(_)
            | syn::BinOp::Gt(_)
            | syn::BinOp::Ge(_)
    )
}

/// `[A, B]`, `&[A, B]` and `vec![A, B]`: a list written only to be searched.
fn is_literal_collection(expr: &syn::Expr) -> bool {
    match expr {
        syn::Expr::Array(_) => true,
        syn::Expr::Reference(reference) => is_literal_collection(&reference.expr),
        syn::Expr::Paren(paren) => is_literal_collection(&paren.expr),
        syn::Expr::Macro(expr_macro) => expr_macro.mac.path.is_ident("vec"),
        // `[A, B].iter()`, `[A, B].into_iter().copied()`
        syn::Expr::MethodCall(call) => {
            matches!(call.method.to_string().as_str(), "iter" | "into_iter" | "copied" | "cloned")
                && is_literal_collection(&call.receiver)
        }
        // `HashSet::from([A, B])`, `BTreeSet::from_iter([A, B])`
        syn::Expr::Call(call) => {
            let is_from = matches!(&*call.func, syn::Expr::Path(path)
                if path.path.segments.last().is_some_and(|segment| segment.ident == "from" || segment.ident == "from_iter"));
            is_from && call.args.len() == 1 && is_literal_collection(&call.args[0])
        }
        _ => false,
    }
}

/// The literal an argument is written as: `418`, `&b"418"[..]`, `("418")`.
fn literal_of(expr: &syn::Expr) -> Option<&syn::Lit> {
    match expr {
        syn::Expr::Lit(literal) => Some(&literal.lit),
        syn::Expr::Reference(reference) => literal_of(&reference.expr),
        syn::Expr::Index(index) => literal_of(&index.expr),
        syn::Expr::Paren(paren) => literal_of(&paren.expr),
        syn::Expr::Group(group) => literal_of(&group.expr),
        _ => None,
    }
}

/// A literal that converts to a status: `418`, `418u16`, `"418"`, `b"418"`, `&b"418"[..]`.
fn literal_status(expr: &syn::Expr) -> Option<u16> {
    let value = match literal_of(expr)? {
        syn::Lit::Int(int) => int.base10_parse::<u16>().ok(),
        syn::Lit::Str(string) => three_digits(string.value().as_bytes()),
        syn::Lit::ByteStr(bytes) => three_digits(&bytes.value()),
        _ => None,
    }?;
    // Outside 100..=999 the value is not a status at all; that is a different problem.
    (100..=999).contains(&value).then_some(value)
}

/// The `let` bindings of one block, or of a function's parameters and body.
#[derive(Debug, Default)]
struct LocalScope {
    /// Whether the scope is a function's: names are not looked up past it.
    function: bool,
    /// Each name bound here, with its literal code when it has one.
    bindings: HashMap<String, Option<(u16, Span)>>,
}

impl LocalScope {
    fn function() -> LocalScope {
        LocalScope { function: true, ..LocalScope::default() }
    }
}

/// `&x`, `(x)`: the value itself.
fn strip_reference(expr: &syn::Expr) -> &syn::Expr {
    match expr {
        syn::Expr::Reference(reference) => strip_reference(&reference.expr),
        syn::Expr::Paren(paren) => strip_reference(&paren.expr),
        syn::Expr::Group(group) => strip_reference(&group.expr),
        _ => expr,
    }
}

/// `StatusCode::from_u16(418).unwrap()`, `.expect("..")`: the conversion itself; and `match
/// StatusCode::from_u16(418) { Ok(code) => code, .. }`, which a `const` has to write.
fn strip_unwrap(expr: &syn::Expr) -> &syn::Expr {
    match expr {
        syn::Expr::MethodCall(call) if matches!(call.method.to_string().as_str(), "unwrap" | "expect") => {
            strip_unwrap(&call.receiver)
        }
        syn::Expr::Match(expr_match) => strip_unwrap(&expr_match.expr),
        expr => strip_reference(expr),
    }
}

/// A name written as constants are: `TEAPOT`, `HTTP_509`. `OK` counts; `Ok` does not.
fn is_constant_name(name: &str) -> bool {
    name.chars().any(|character| character.is_ascii_uppercase())
        && name
            .chars()
            .all(|character| character.is_ascii_uppercase() || character.is_ascii_digit() || character == '_')
}

/// The types a code is written in before it becomes a status: integers and strings.
fn is_code_type(ty: &syn::Type) -> bool {
    match ty {
        syn::Type::Reference(reference) => is_code_type(&reference.elem),
        syn::Type::Path(type_path) => type_path.path.get_ident().is_some_and(|ident| {
            matches!(
                ident.to_string().as_str(),
                "u16" | "u32" | "u64" | "usize" | "i16" | "i32" | "i64" | "isize" | "str"
            )
        }),
        _ => false,
    }
}

/// A literal number that is not a status at all (`from_u16(1000)`): not a status use, and not
/// dynamic either.
fn is_out_of_range_literal(expr: &syn::Expr) -> bool {
    matches!(strip_reference(expr), syn::Expr::Lit(_))
}

/// `upstream.status()`, `res.status().as_u16()`, `parts.status`: a status read from another
/// response.
fn reads_a_status(expr: &syn::Expr) -> bool {
    match strip_reference(expr) {
        syn::Expr::MethodCall(call) => {
            let method = call.method.to_string();
            (method == "status" && call.args.is_empty())
                || matches!(method.as_str(), "as_u16" | "clone" | "into" | "to_owned") && reads_a_status(&call.receiver)
        }
        syn::Expr::Field(field) => matches!(&field.member, syn::Member::Named(name) if name == "status"),
        syn::Expr::Cast(cast) => reads_a_status(&cast.expr),
        _ => false,
    }
}

/// `*response.status_mut()`, `parts.status`: the place a response keeps its status.
fn sets_a_status(expr: &syn::Expr) -> bool {
    match expr {
        syn::Expr::Unary(unary) => matches!(&*unary.expr, syn::Expr::MethodCall(call) if call.method == "status_mut"),
        syn::Expr::Field(field) => matches!(&field.member, syn::Member::Named(name) if name == "status"),
        _ => false,
    }
}

/// A status as `http` reads it from text: exactly three ASCII digits, the first not zero. `"0418"`
/// and `"42"` are not statuses.
fn three_digits(text: &[u8]) -> Option<u16> {
    match text {
        [first @ b'1'..=b'9', second @ b'0'..=b'9', third @ b'0'..=b'9'] => {
            Some(u16::from(first - b'0') * 100 + u16::from(second - b'0') * 10 + u16::from(third - b'0'))
        }
        _ => None,
    }
}

fn type_name(ty: &syn::Type) -> String {
    match ty {
        syn::Type::Path(type_path) => {
            type_path.path.segments.last().map(|segment| segment.ident.to_string()).unwrap_or_default()
        }
        syn::Type::Reference(reference) => type_name(&reference.elem),
        _ => "_".to_string(),
    }
}

fn item_attrs(item: &syn::Item) -> &[syn::Attribute] {
    match item {
        syn::Item::Const(item) => &item.attrs,
        syn::Item::Enum(item) => &item.attrs,
        syn::Item::Fn(item) => &item.attrs,
        syn::Item::Impl(item) => &item.attrs,
        syn::Item::Macro(item) => &item.attrs,
        syn::Item::Mod(item) => &item.attrs,
        syn::Item::Static(item) => &item.attrs,
        syn::Item::Struct(item) => &item.attrs,
        syn::Item::Trait(item) => &item.attrs,
        syn::Item::Use(item) => &item.attrs,
        _ => &[],
    }
}

/// `#[cfg(test)]`, `#[cfg(all(test, ..))]`, and test-function attributes such as `#[test]`,
/// `#[tokio::test]` and `#[actix_web::test]`.
fn is_test_attribute(attr: &syn::Attribute) -> bool {
    let path = attr.path();
    if path.is_ident("cfg") {
        return attr.parse_args::<syn::Meta>().is_ok_and(|meta| cfg_requires_test(&meta));
    }
    path.segments.last().is_some_and(|segment| segment.ident == "test" || segment.ident == "rstest")
}

fn cfg_requires_test(meta: &syn::Meta) -> bool {
    match meta {
        syn::Meta::Path(path) => path.is_ident("test"),
        syn::Meta::List(list) if list.path.is_ident("all") => list
            .parse_args_with(syn::punctuated::Punctuated::<syn::Meta, syn::Token![,]>::parse_terminated)
            .is_ok_and(|metas| metas.iter().any(cfg_requires_test)),
        _ => false,
    }
}
