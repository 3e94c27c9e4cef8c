//! Finds every place a parsed file produces an HTTP status, and only those: a status that is
//! compared, matched, asserted or otherwise read is not a use. Works on the syn AST of one file
//! and the facts discover found about its package; knows nothing of the approved list and does
//! no IO.

mod attributes;
mod classify;
mod client;
mod macros;
mod names;
mod prefilter;
mod response;
mod scope;
mod syntax;
mod values;
mod walk;

use std::collections::HashSet;
use std::sync::Arc;

use proc_macro2::{LineColumn, Span as TokenSpan};
use syn::spanned::Spanned;
use syn::visit::Visit;

use crate::discover::PackageContext;
use crate::model::{BuiltResponse, DynamicUse, Form, Framework, InvalidStatus, Span, StatusUse};
use classify::{Candidates, Produced};
pub use names::{link, open_names, Crates, Definition, FileNames, Linked, OpenNames, Reference, Value, Wants};
pub use prefilter::{NameFilter, Prefilter, Prefilters};
pub use scope::LeadingNames;
use scope::Scope;
use syntax::{
    chain_root, is_constant_name, is_out_of_range_literal, is_test_attribute, literal_status, reads_a_status,
    strip_reference,
};
use values::LocalScope;

/// Names a call starts with that are the standard library's (crates, the prelude's types and
/// variants, primitive types), never a workspace's alias of a framework's helper.
const STANDARD_NAMES: &[&str] = &[
    "std", "core", "alloc", "Self", "Some", "Ok", "Err", "Box", "Vec", "String", "Option", "Result", "Arc", "Rc",
    "Cow", "u8", "u16", "u32", "u64", "usize", "i8", "i16", "i32", "i64", "isize", "f32", "f64", "bool", "char", "str",
];

/// Where a file's text starts within what was read from disk: a byte-order mark is not given to
/// the parser, so every offset the parser reports is shifted by its length.
#[derive(Debug, Clone, Copy, Default)]
pub struct Offsets {
    pub bytes: usize,
}

/// Byte offsets in the parsed text, worked out from a token's line and column. proc-macro2 can
/// give them too, from a map of character offsets it fills in as it is asked, but that cost more
/// than a twentieth of the whole audit.
#[derive(Debug)]
struct Lines<'a> {
    text: &'a str,
    /// The byte offset of each line's start.
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Lines<'a> {
        let starts = std::iter::once(0).chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|end| end + 1)).collect();
        Lines { text, starts }
    }

    /// The offset of a line (1-based) and column (0-based, in characters); past the end, the
    /// end of the text.
    fn byte(&self, position: LineColumn) -> usize {
        let Some(line) = position.line.checked_sub(1).and_then(|index| self.starts.get(index)) else {
            return self.text.len();
        };
        let rest = &self.text[*line..];
        match rest.as_bytes().get(..position.column) {
            Some(prefix) if prefix.is_ascii() => line + position.column,
            _ => line + rest.char_indices().nth(position.column).map_or(rest.len(), |(offset, _)| offset),
        }
    }
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
    /// Statuses read back from a field, held until the package's files are all scanned.
    pub field_relays: FieldRelays,
}

/// A status read back from a field (`.status(self.status)`) is a relay of what the field was
/// given. Where a file of the package gives that field a status (`status: StatusCode::CONFLICT`),
/// the status is reported there and the relay is not reported again; elsewhere it is a dynamic
/// status. Which it is is known once every file of the package is scanned.
#[derive(Debug, Clone, Default)]
pub struct FieldRelays {
    /// Fields this file gives a status it reports.
    pub given: Vec<Box<str>>,
    /// Dynamic statuses read from a field, with the field.
    pub relays: Vec<(DynamicUse, Box<str>)>,
}

impl FieldRelays {
    /// The relays of fields that no file gives a status, as dynamic uses: `given` holds the
    /// fields the files of the package give one.
    pub fn settle<'a>(&'a mut self, given: &'a HashSet<Box<str>>) -> impl Iterator<Item = DynamicUse> + 'a {
        self.given = Vec::new();
        std::mem::take(&mut self.relays)
            .into_iter()
            .filter(move |(_, field)| !given.contains(field))
            .map(|(dynamic_use, _)| dynamic_use)
    }
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
        parsed: &'a str,
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
                lines: Lines::new(parsed),
                functions: Vec::new(),
                impl_types: Vec::new(),
                handled: HashSet::new(),
                test_modules: Vec::new(),
                macro_depth: 0,
                macros,
                passed_over: Vec::new(),
                uses: Vec::new(),
                module,
                last_scope: Arc::from([]),
                referred: HashSet::new(),
                status_fields: HashSet::new(),
                field_relays: Vec::new(),
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

    /// The byte ranges of the macro calls passed over (see [`TextFilter`]), in the parsed text.
    pub fn passed_over(&self) -> &[std::ops::Range<usize>] {
        &self.detector.passed_over
    }

    /// The names the file binds to what may produce a status, which the items and macro calls
    /// that `wanted` passes over may use (see [`LeadingNames`]).
    pub fn leading_names(&self, wanted: &dyn Fn(&[u8]) -> bool) -> LeadingNames {
        self.detector.scope.leading_names(wanted)
    }

    /// The uses found, in source order. What is found is held until the end of the run (the
    /// names until every round is done), so it is held at its length.
    pub fn finish(self) -> Detected {
        let detector = self.detector;
        let mut uses = detector.uses;
        uses.sort_by_key(|status_use| (status_use.span.start, status_use.span.end));
        uses.dedup_by_key(|status_use| (status_use.span.start, status_use.span.end, status_use.status));
        let mut dynamic = detector.dynamic;
        dynamic.sort_by_key(|dynamic_use| (dynamic_use.span.start, dynamic_use.span.end));
        dynamic.dedup_by_key(|dynamic_use| (dynamic_use.span.start, dynamic_use.span.end));
        let (mut responses, mut invalid) = detector.collected.finish();
        let (mut definitions, mut references) = (detector.definitions, detector.references);
        uses.shrink_to_fit();
        dynamic.shrink_to_fit();
        definitions.shrink_to_fit();
        references.shrink_to_fit();
        responses.shrink_to_fit();
        invalid.shrink_to_fit();
        let field_relays = FieldRelays {
            given: detector.status_fields.into_iter().map(Box::from).collect(),
            relays: detector
                .field_relays
                .into_iter()
                .map(|(dynamic_use, field)| (dynamic_use, Box::from(field)))
                .collect(),
        };
        Detected {
            uses,
            test_modules: detector.test_modules,
            dynamic,
            definitions,
            references,
            responses,
            invalid,
            field_relays,
        }
    }
}

/// Frameworks a name that the file does not import may belong to: those the package depends on,
/// narrowed to the ones the file glob-imports from when it does.
fn candidates(context: &PackageContext, scope: &Scope) -> Candidates {
    let from_package = Candidates {
        axum: context.frameworks.contains(&Framework::Axum),
        actix: context.frameworks.contains(&Framework::ActixWeb),
        salvo: context.frameworks.contains(&Framework::Salvo),
        ..Candidates::default()
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
    Candidates {
        axum: globbed.contains(&Framework::Axum),
        actix: globbed.contains(&Framework::ActixWeb),
        salvo: globbed.contains(&Framework::Salvo),
        rocket: globbed.contains(&Framework::Rocket),
        poem: globbed.contains(&Framework::Poem),
        poem_errors: scope.globs.iter().any(|prefix| scope.resolve(prefix) == ["poem", "error"]),
    }
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

/// The status `StatusCode::X.as_u16()` (or `.as_str()`) converts, written as a path.
fn converted_status(expr: &syn::Expr) -> Option<&syn::ExprPath> {
    let syn::Expr::MethodCall(call) = expr else { return None };
    let syn::Expr::Path(path) = &*call.receiver else { return None };
    (matches!(call.method.to_string().as_str(), "as_u16" | "as_str") && call.args.is_empty()).then_some(path)
}

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

/// Implied-status detection resolves names with the file's scope, as detect does.
impl crate::implied::Names for FileDetector<'_> {
    fn resolve(&self, path: &syn::Path) -> Vec<String> {
        self.detector.resolve_path(path)
    }

    fn imports(&self, name: &str) -> bool {
        self.detector.scope.imports(name)
    }

    fn globs(&self) -> &[Vec<String>] {
        &self.detector.scope.globs
    }

    fn span(&self, span: TokenSpan) -> Span {
        self.detector.span(span)
    }

    fn passes_over(&self, attrs: &[syn::Attribute]) -> bool {
        self.detector.is_test_only(attrs)
    }

    fn framework(&self) -> Framework {
        self.detector.package_framework()
    }
}

fn operands(method: &str, argument_count: usize) -> Operands {
    match method {
        "eq" | "ne" | "cmp" | "partial_cmp" => Operands::None,
        // Searches and predicates: what they look for is read.
        "contains" | "any" | "all" | "find" | "position" | "filter" => Operands::ReceiverOnly,
        // A status turned into a number or text is data (a field of a body, a log line), not the
        // response's status; `.status(StatusCode::X.as_u16())` is read as a status where it is set.
        "canonical_reason" | "as_u16" | "as_str" | "to_string" => Operands::ArgumentsOnly,
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
    functions: Vec<Arc<str>>,
    /// Self types of enclosing `impl` blocks, innermost last.
    impl_types: Vec<String>,
    /// Where each line of the parsed text starts.
    lines: Lines<'a>,
    /// Starts of expressions already accounted for by the builder chain around them.
    handled: HashSet<LineColumn>,
    test_modules: Vec<DeclaredModule>,
    /// Macro invocations being scanned inside one another.
    macro_depth: usize,
    macros: Option<TextFilter<'a>>,
    /// The calls `macros` passed over.
    passed_over: Vec<std::ops::Range<usize>>,
    /// Fields the file gives a status (`status: StatusCode::CONFLICT`, `error.code = ..`).
    status_fields: HashSet<String>,
    /// Dynamic statuses read from a field, with the field: dropped at the end where the file
    /// gives that field a status.
    field_relays: Vec<(DynamicUse, String)>,
    uses: Vec<StatusUse>,
    /// The module being scanned, within the crate.
    module: Vec<String>,
    /// The last item scope handed out, shared by the definitions and references made in it.
    last_scope: Arc<[String]>,
    /// The paths references were made with, each held once: a file that writes a name many
    /// times (a status constant given to a macro at each call) refers to it many times.
    referred: HashSet<Arc<[String]>>,
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
            function: self.functions.last().map(ToString::to_string),
            origin: None,
        });
    }

    fn record_dynamic(&mut self, token_span: TokenSpan, reason: String) {
        let dynamic_use = self.dynamic_use(token_span, reason);
        self.dynamic.push(dynamic_use);
    }

    fn dynamic_use(&self, token_span: TokenSpan, reason: String) -> DynamicUse {
        DynamicUse {
            span: self.span(token_span),
            reason,
            framework: self.package_framework(),
            function: self.functions.last().map(ToString::to_string),
        }
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
        let module = self.item_scope();
        let path = match self.referred.get(path.as_slice()) {
            Some(known) => Arc::clone(known),
            None => {
                let path: Arc<[String]> = Arc::from(path);
                self.referred.insert(Arc::clone(&path));
                path
            }
        };
        self.references.push(Reference {
            module,
            path,
            wants,
            span,
            framework,
            function: self.functions.last().cloned(),
        });
    }

    /// Where an item defined here is visible: the module, or the body of the function it is in
    /// (written `name()` after the module, a segment no module path has).
    fn item_scope(&mut self) -> Arc<[String]> {
        let function = self.functions.last().map(|function| format!("{function}()"));
        let scope = self.module.iter().chain(&function);
        if !self.last_scope.iter().eq(scope.clone()) {
            self.last_scope = scope.cloned().collect();
        }
        Arc::clone(&self.last_scope)
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
        let (start, end) = (token_span.start(), token_span.end());
        Span {
            start: self.lines.byte(start) + self.offsets.bytes,
            end: self.lines.byte(end) + self.offsets.bytes,
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
        if expr.qself.is_some() || self.handled.contains(&expr.span().start()) {
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
                self.passed_through(argument, argument.span());
            }
            // The status is the last argument: `with_status(reply, status)`, `build(status)`.
            if let Some(status) = call.args.last().map(strip_reference) {
                if !reads_a_status(status) {
                    self.relayed(status, status.span());
                }
            }
        } else if !self.handled.contains(&function.span().start()) && self.may_be_reexported(&function.path, &resolved)
        {
            // `Hr::Gone()`, `go(uri)`: a framework's helper the workspace re-exports under another
            // name, perhaps; the link step tells.
            let constructor = resolved.last().is_some_and(|last| classify::is_constructor_name(last));
            let argument = match call.args.first() {
                Some(argument) if call.args.len() == 1 && constructor => literal_status(argument).or_else(|| {
                    let syn::Expr::Path(path) = strip_reference(argument) else { return None };
                    self.local(&path.path.get_ident()?.to_string()).map(|(status, _)| status)
                }),
                _ => None,
            };
            self.refer(resolved, Wants::Helper(argument), function.span());
        }
    }

    /// Whether a called path may lead into the workspace, where an alias may stand for a
    /// framework's helper: it starts at `crate`, `self`, `super`, a crate of the tree or a module
    /// the file declares, or the file imports a module of the workspace with a glob and the
    /// path's first name is not imported otherwise.
    fn may_be_reexported(&self, written: &syn::Path, resolved: &[String]) -> bool {
        let is_workspace_root = |root: &str| {
            matches!(root, "crate" | "self" | "super")
                || self.context.dependencies.contains(root)
                || self.scope.modules.iter().any(|module| module == root)
        };
        let Some(root) = resolved.first() else { return false };
        if is_workspace_root(root) {
            return resolved.len() > 1;
        }
        // Only a name the file does not import may come from a glob.
        let imported = written.segments.first().is_some_and(|first| self.scope.imports(&first.ident.to_string()));
        !imported
            && classify::framework_of_crate(root).is_none()
            && !STANDARD_NAMES.contains(&root.as_str())
            && self.scope.globs.iter().any(|glob| glob.first().is_some_and(|first| is_workspace_root(first)))
    }

    /// Builder calls and setters: `.status(418)`, `"418".parse::<StatusCode>()`, and the chains whose last
    /// call decides the status (`web::Redirect::to(..).permanent()`, `HttpResponse::Ok().status(..)`).
    fn method_call(&mut self, call: &syn::ExprMethodCall) {
        let method = call.method.to_string();
        match method.as_str() {
            // Rocket's and poem's `set_status`, salvo's `status_code`.
            "status" | "with_status" | "set_status" | "status_code" if call.args.len() == 1 => {
                let argument = strip_reference(&call.args[0]);
                // A status setter takes its status by value: `db.status(&user)` is not one.
                let by_value = !matches!(call.args[0], syn::Expr::Reference(_));
                if let Some(status) = converted_status(argument) {
                    // `.status(StatusCode::X.as_u16())`: the status the number was taken from.
                    self.path_expression(status);
                } else if let Some(status) = literal_status(argument) {
                    self.record(status, call.args[0].span(), Form::Numeric, None);
                } else if reads_a_status(argument) {
                    self.passed_through(argument, call.args[0].span());
                } else if let syn::Expr::Path(path) = argument {
                    // `.status(code)` with a `let` of a literal, or `.status(TEAPOT)`; any other
                    // variable holds a status made, and found, elsewhere.
                    let is_local = path.path.get_ident().is_some_and(|name| self.local(&name.to_string()).is_some());
                    let is_constant =
                        path.path.segments.last().is_some_and(|last| is_constant_name(&last.ident.to_string()));
                    if is_local || is_constant && !self.is_status_constant(path) {
                        self.converted_argument(argument, call.args[0].span());
                    } else if by_value {
                        self.relayed(argument, call.args[0].span());
                    }
                } else if by_value {
                    self.relayed(argument, call.args[0].span());
                }
                // The builder's own code is overridden: `HttpResponse::Ok().status(StatusCode::GONE)`.
                if let Some(root) = chain_root(call) {
                    if let syn::Expr::Path(function) = &*root.func {
                        let resolved = self.resolve_path(&function.path);
                        if classify::classify_path(&resolved, self.candidates)
                            .is_some_and(|produced| produced.form == Form::Helper)
                        {
                            self.handled.insert(function.span().start());
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
        if self.handled.contains(&call.method.span().start()) {
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
        self.handled.insert(function.span().start());
        let mut receiver = &*call.receiver;
        while let syn::Expr::MethodCall(inner) = receiver {
            self.handled.insert(inner.method.span().start());
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

    fn current_function(&self, name: &syn::Ident) -> String {
        match self.impl_types.last() {
            Some(self_type) => format!("{self_type}::{name}"),
            None => name.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proc_macro2::{TokenStream, TokenTree};

    /// Every token's and every group delimiter's span, depth first.
    fn spans(tokens: TokenStream, into: &mut Vec<TokenSpan>) {
        for tree in tokens {
            if let TokenTree::Group(group) = &tree {
                into.extend([group.span_open(), group.span_close()]);
                spans(group.stream(), into);
            }
            into.push(tree.span());
        }
    }

    #[test]
    fn byte_offsets_agree_with_proc_macro2() {
        let text = "// é in a comment\r\nfn ñandú() -> &'static str {\n\t\"日本語 🦀\" // ü\n}\n\
                    const Ω: u16 = 418; /* ∑ */ struct S;\n";
        let tokens: TokenStream = text.parse().unwrap();
        let lines = Lines::new(text);
        let mut found = Vec::new();
        spans(tokens, &mut found);
        assert!(found.len() > 20);
        for span in found {
            assert_eq!(lines.byte(span.start())..lines.byte(span.end()), span.byte_range(), "{span:?}");
        }
    }
}
