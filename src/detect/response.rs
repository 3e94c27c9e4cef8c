//! Responses built whole in one expression, and what that expression visibly puts on them: the
//! status, the header fields it names, whether it writes a body. Also literals turned into a
//! status that is not one (`StatusCode::from_u16(1000)`).
//!
//! Only expressions that a function or closure produces count: its tail, a `return`, an
//! `Ok(..)`/`Err(..)` of those, a `?` on `.ok_or(..)`. The shapes read are an axum or actix-web
//! response tuple, an actix-web builder chain ending in `finish`/`body`/`json`, an actix-web
//! `customize()` chain, an http builder chain ending in `body`, and warp `with_status` /
//! `with_header`. A response bound to a variable, passed to a function or returned as a bare
//! `StatusCode` is not read: something else may still add to it. Whatever part of an expression
//! cannot be read (a variable, a `HeaderMap`, a call of unknown type) is recorded as possibly
//! setting other headers, so that no header is ever reported missing on a guess.

use std::collections::HashSet;

use proc_macro2::Span as TokenSpan;
use syn::spanned::Spanned;
use syn::visit::{self, Visit};

use super::syntax::{literal_of, literal_status};
use super::{classify, Detector};
use crate::model::{Body, BuiltResponse, Form, Framework, InvalidStatus};

/// What the detector collects for this module while it walks a file.
#[derive(Debug, Default)]
pub(super) struct Collected {
    pub responses: Vec<BuiltResponse>,
    pub invalid: Vec<InvalidStatus>,
    /// Functions named inside a warp filter chain that `.with(..)` adds headers to, and those
    /// headers: `path.and_then(handler).with(warp::reply::with::header(..))`.
    filtered: Vec<(String, Extra)>,
}

impl Collected {
    /// The responses (with the headers warp filters add to named handlers) and invalid statuses,
    /// in source order.
    pub fn finish(mut self) -> (Vec<BuiltResponse>, Vec<InvalidStatus>) {
        for response in &mut self.responses {
            let Some(function) = &response.function else { continue };
            let name = function.rsplit("::").next().unwrap_or(function);
            for (_, extra) in self.filtered.iter().filter(|(filtered, _)| filtered == name) {
                response.headers.extend(extra.headers.iter().cloned());
                response.other_headers |= extra.other;
            }
        }
        self.responses.sort_by_key(|response| (response.span.start, response.span.end));
        self.responses.dedup_by_key(|response| (response.span.start, response.span.end, response.status));
        self.invalid.sort_by_key(|invalid| (invalid.span.start, invalid.span.end));
        self.invalid.dedup_by_key(|invalid| (invalid.span.start, invalid.span.end));
        (self.responses, self.invalid)
    }
}

/// Records the responses a function body produces. `signature` tells a plain helper that returns
/// a tuple (`fn classify(..) -> (StatusCode, String)`), whose tuples are pairs for its caller to
/// use, from a handler.
pub(super) fn function_body(detector: &mut Detector<'_>, signature: &syn::Signature, block: &syn::Block) {
    let returns_pair = signature.asyncness.is_none()
        && matches!(&signature.output, syn::ReturnType::Type(_, ty) if matches!(**ty, syn::Type::Tuple(_)));
    let mut producers = Producers {
        detector,
        roots: Vec::new(),
        extra: Vec::new(),
        passed_on: HashSet::new(),
        filtered: Vec::new(),
        returns_count: !returns_pair,
    };
    if !returns_pair {
        if let Some(tail) = tail(block) {
            producers.roots.push((tail, Extra::default()));
        }
    }
    producers.visit_block(block);
    let Producers { roots, filtered, .. } = producers;
    let mut responses = Vec::new();
    for (root, extra) in roots {
        produced(detector, root, &extra, &mut responses);
    }
    detector.collected.responses.extend(responses);
    detector.collected.filtered.extend(filtered);
}

/// Records a literal that is turned into a status but is not one.
pub(super) fn invalid_literal(detector: &mut Detector<'_>, expr: &syn::Expr) {
    // Where the finding points: the call for a constructor, the literal for a method.
    let (literal, place) = match expr {
        syn::Expr::Call(call) if call.args.len() == 1 => {
            let syn::Expr::Path(function) = &*call.func else { return };
            if !classify::is_status_constructor(&detector.resolve_path(&function.path)) {
                return;
            }
            (&call.args[0], expr)
        }
        syn::Expr::MethodCall(call) if call.method == "status" && call.args.len() == 1 => {
            (&call.args[0], &call.args[0])
        }
        syn::Expr::MethodCall(call) if call.method == "parse" && call.args.is_empty() => {
            let is_status = call.turbofish.as_ref().is_some_and(|turbofish| {
                turbofish.args.iter().any(|argument| {
                    matches!(argument, syn::GenericArgument::Type(syn::Type::Path(type_path))
                        if classify::is_status_type(&detector.resolve_path(&type_path.path)))
                })
            });
            if !is_status {
                return;
            }
            (&*call.receiver, expr)
        }
        _ => return,
    };
    let Some(text) = invalid_text(literal) else { return };
    let span = detector.span(place.span());
    let invalid = InvalidStatus {
        literal: text,
        span,
        framework: detector.package_framework(),
        function: detector.functions.last().map(ToString::to_string),
    };
    detector.collected.invalid.push(invalid);
}

/// The value of a literal that does not convert to a status, as written: an integer outside
/// 100..=999, or a string that is not three digits starting with 1 to 9.
fn invalid_text(expr: &syn::Expr) -> Option<String> {
    match literal_of(expr)? {
        syn::Lit::Int(int) => {
            let valid = int.base10_parse::<u64>().is_ok_and(|value| (100..=999).contains(&value));
            (!valid).then(|| int.base10_digits().to_string())
        }
        syn::Lit::Str(string) => invalid_digits(&string.value()),
        syn::Lit::ByteStr(bytes) => invalid_digits(&String::from_utf8_lossy(&bytes.value())),
        _ => None,
    }
}

fn invalid_digits(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let valid = bytes.len() == 3 && (b'1'..=b'9').contains(&bytes[0]) && bytes.iter().all(u8::is_ascii_digit);
    // Only digits are taken for a status someone meant; other text is some other string.
    (!valid && !bytes.is_empty() && bytes.iter().all(u8::is_ascii_digit)).then(|| text.to_string())
}

/// Headers a warp filter chain adds to every reply of the filters it wraps.
#[derive(Debug, Clone, Default)]
struct Extra {
    headers: Vec<String>,
    other: bool,
}

/// Finds the expressions a body produces: its `return`s and the bodies of its closures (the tail
/// is added by the caller), with the headers that enclosing warp `.with(..)` filters add.
struct Producers<'d, 'a, 'ast> {
    detector: &'d Detector<'a>,
    roots: Vec<(&'ast syn::Expr, Extra)>,
    /// Headers added by the `.with(..)` calls around the expression being visited.
    extra: Vec<Extra>,
    /// Closures whose result a later `.map(..)` in the same chain receives, by address.
    passed_on: HashSet<usize>,
    filtered: Vec<(String, Extra)>,
    /// Whether `return` expressions are responses (not in a helper that returns a pair).
    returns_count: bool,
}

impl Producers<'_, '_, '_> {
    fn current_extra(&self) -> Extra {
        let mut all = Extra::default();
        for extra in &self.extra {
            all.headers.extend(extra.headers.iter().cloned());
            all.other |= extra.other;
        }
        all
    }
}

/// Methods whose closure receives a response and may change it: warp filters and futures.
const PASSING_ON: &[&str] = &["map", "and_then", "then"];

impl<'ast> Visit<'ast> for Producers<'_, '_, 'ast> {
    fn visit_expr_return(&mut self, expr: &'ast syn::ExprReturn) {
        if let (Some(value), true) = (&expr.expr, self.returns_count) {
            self.roots.push((value, self.current_extra()));
        }
        visit::visit_expr_return(self, expr);
    }

    fn visit_expr_closure(&mut self, closure: &'ast syn::ExprClosure) {
        if !self.passed_on.contains(&(std::ptr::from_ref(closure) as usize)) {
            self.roots.push((&closure.body, self.current_extra()));
        }
        // A `return` inside a closure returns from the closure.
        let returns_count = std::mem::replace(&mut self.returns_count, true);
        visit::visit_expr_closure(self, closure);
        self.returns_count = returns_count;
    }

    /// `.ok_or((StatusCode::NOT_FOUND, "no order"))?` answers with the tuple.
    fn visit_expr_try(&mut self, expr: &'ast syn::ExprTry) {
        if let syn::Expr::MethodCall(call) = &*expr.expr {
            if call.method == "ok_or" && call.args.len() == 1 {
                self.roots.push((&call.args[0], self.current_extra()));
            }
        }
        visit::visit_expr_try(self, expr);
    }

    fn visit_expr_method_call(&mut self, call: &'ast syn::ExprMethodCall) {
        let method = call.method.to_string();
        if PASSING_ON.contains(&method.as_str()) {
            if let syn::Expr::MethodCall(inner) = &*call.receiver {
                if PASSING_ON.contains(&inner.method.to_string().as_str()) {
                    for argument in &inner.args {
                        if let syn::Expr::Closure(closure) = argument {
                            self.passed_on.insert(std::ptr::from_ref(closure) as usize);
                        }
                    }
                }
            }
        }
        if method == "with" && call.args.len() == 1 {
            let extra = filter_headers(self.detector, &call.args[0]);
            self.visit_expr(&call.args[0]);
            self.extra.push(extra);
            self.visit_expr(&call.receiver);
            self.extra.pop();
            return;
        }
        if !self.extra.is_empty() {
            // Handlers named in a wrapped filter chain: `.and_then(handler)`, `.map(reply)`.
            for argument in &call.args {
                if let syn::Expr::Path(path) = argument {
                    if let Some(last) = path.path.segments.last() {
                        self.filtered.push((last.ident.to_string(), self.current_extra()));
                    }
                }
            }
        }
        visit::visit_expr_method_call(self, call);
    }

    /// Nested items are scanned on their own.
    fn visit_item(&mut self, _item: &'ast syn::Item) {}

    /// Macro arguments are tokens; responses inside them are not read.
    fn visit_macro(&mut self, _mac: &'ast syn::Macro) {}
}

/// The headers a warp `.with(..)` argument adds: `warp::reply::with::header(name, value)` and
/// `default_header` name theirs; logging, tracing, CORS and compression add none that matter
/// here; anything else may add any.
fn filter_headers(detector: &Detector<'_>, argument: &syn::Expr) -> Extra {
    let mut extra = Extra::default();
    let syn::Expr::Call(call) = argument else {
        extra.other = true;
        return extra;
    };
    let syn::Expr::Path(function) = &*call.func else {
        extra.other = true;
        return extra;
    };
    let path = detector.resolve_path(&function.path);
    let names = |segments: &[&str]| {
        path.iter().map(String::as_str).rev().take(segments.len()).eq(segments.iter().rev().copied())
    };
    if (names(&["with", "header"]) || names(&["with", "default_header"])) && call.args.len() == 2 {
        match header_name(&call.args[0]) {
            Some(name) => extra.headers.push(name),
            None => extra.other = true,
        }
    } else if !(path.first().is_some_and(|root| root == "warp")
        && path.iter().any(|segment| matches!(segment.as_str(), "log" | "trace" | "cors" | "compression")))
    {
        extra.other = true;
    }
    extra
}

/// A status set by a constant (`StatusCode::TOO_MANY_REQUESTS`) or a literal conversion
/// (`StatusCode::from_u16(429).unwrap()`).
#[derive(Debug, Clone, Copy)]
struct Status {
    code: u16,
    span: TokenSpan,
    framework: Option<Framework>,
}

/// What an expression puts on a response.
#[derive(Debug, Clone, Default)]
struct Value {
    status: Option<Status>,
    headers: Vec<String>,
    other_headers: bool,
    /// `None` until some part sets it: then empty.
    body: Option<Body>,
}

impl Value {
    fn unknown() -> Value {
        Value { body: Some(Body::Unknown), other_headers: true, ..Value::default() }
    }

    fn body(body: Body) -> Value {
        Value { body: Some(body), ..Value::default() }
    }

    fn name(&mut self, name: Option<String>) {
        match name {
            Some(name) => self.headers.push(name),
            None => self.other_headers = true,
        }
    }

    /// Adds what an inner response value carries; its status, if any, is overridden.
    fn wrap(&mut self, inner: Value) {
        self.headers.extend(inner.headers);
        self.other_headers |= inner.other_headers;
        if inner.body.is_some() {
            self.body = inner.body;
        }
    }
}

/// Records the response `expr` produces, looking through `if`, `match`, blocks, `Ok(..)`,
/// `.into_response()` and the like.
fn produced(detector: &Detector<'_>, expr: &syn::Expr, extra: &Extra, responses: &mut Vec<BuiltResponse>) {
    if let Some(value) = built(detector, expr) {
        if let Some(status) = value.status {
            let mut headers = value.headers;
            headers.extend(extra.headers.iter().cloned());
            responses.push(BuiltResponse {
                status: status.code,
                span: detector.span(status.span),
                framework: status
                    .framework
                    .filter(|framework| *framework != Framework::Http)
                    .unwrap_or_else(|| detector.package_framework()),
                function: detector.functions.last().map(ToString::to_string),
                headers,
                other_headers: value.other_headers || extra.other,
                body: value.body.unwrap_or(Body::Empty),
            });
        }
        return;
    }
    let mut inner = |expr: &syn::Expr| produced(detector, expr, extra, responses);
    match expr {
        syn::Expr::If(expr_if) => {
            if let Some(tail) = tail(&expr_if.then_branch) {
                inner(tail);
            }
            if let Some((_, otherwise)) = &expr_if.else_branch {
                inner(otherwise);
            }
        }
        syn::Expr::Match(expr_match) => {
            for arm in &expr_match.arms {
                inner(&arm.body);
            }
        }
        syn::Expr::Block(block) => tail(&block.block).into_iter().for_each(inner),
        syn::Expr::Unsafe(block) => tail(&block.block).into_iter().for_each(inner),
        syn::Expr::Async(block) => tail(&block.block).into_iter().for_each(inner),
        syn::Expr::Paren(paren) => inner(&paren.expr),
        syn::Expr::Group(group) => inner(&group.expr),
        syn::Expr::Try(expr_try) => inner(&expr_try.expr),
        syn::Expr::Call(call) if call.args.len() == 1 => {
            let syn::Expr::Path(function) = &*call.func else { return };
            let segments: Vec<String> =
                function.path.segments.iter().map(|segment| segment.ident.to_string()).collect();
            let is_wrapper = matches!(
                segments.iter().map(String::as_str).collect::<Vec<_>>().as_slice(),
                ["Ok" | "Err" | "Some"] | [.., "Box", "new"]
            );
            if is_wrapper {
                inner(&call.args[0]);
            }
        }
        syn::Expr::MethodCall(call) => {
            let method = call.method.to_string();
            let transparent = matches!(
                method.as_str(),
                "into_response"
                    | "into"
                    | "boxed"
                    | "unwrap"
                    | "expect"
                    | "unwrap_or_else"
                    | "unwrap_or_default"
                    | "unwrap_or"
                    | "map_err"
                    | "map_into_boxed_body"
            );
            if transparent {
                inner(&call.receiver);
            }
        }
        _ => {}
    }
}

/// The tail expression of a block, if it has one.
fn tail(block: &syn::Block) -> Option<&syn::Expr> {
    match block.stmts.last() {
        Some(syn::Stmt::Expr(expr, None)) => Some(expr),
        _ => None,
    }
}

/// The response a whole expression builds, when it is one of the shapes this module reads and
/// its status is known.
fn built(detector: &Detector<'_>, expr: &syn::Expr) -> Option<Value> {
    let value = match expr {
        syn::Expr::Tuple(tuple) => response_tuple(detector, tuple)?,
        syn::Expr::Call(_) => value(detector, expr),
        syn::Expr::MethodCall(call) => chain(detector, call)?,
        syn::Expr::Paren(paren) => built(detector, &paren.expr)?,
        _ => return None,
    };
    value.status.is_some().then_some(value)
}

fn status_of(detector: &Detector<'_>, expr: &syn::Expr) -> Option<Status> {
    match expr {
        syn::Expr::Path(path) if path.qself.is_none() => {
            let produced = classify::classify_path(&detector.resolve_path(&path.path), detector.candidates)?;
            (produced.form == Form::Constant).then_some(Status {
                code: produced.status,
                span: expr.span(),
                framework: produced.framework,
            })
        }
        syn::Expr::Reference(reference) => status_of(detector, &reference.expr),
        syn::Expr::Paren(paren) => status_of(detector, &paren.expr),
        syn::Expr::Group(group) => status_of(detector, &group.expr),
        // `StatusCode::from_u16(429).unwrap()`
        syn::Expr::MethodCall(call) if matches!(call.method.to_string().as_str(), "unwrap" | "expect") => {
            let syn::Expr::Call(constructor) = &*call.receiver else { return None };
            let syn::Expr::Path(function) = &*constructor.func else { return None };
            let path = detector.resolve_path(&function.path);
            if constructor.args.len() != 1 || !classify::is_status_constructor(&path) {
                return None;
            }
            let code = literal_status(&constructor.args[0])?;
            Some(Status { code, span: constructor.span(), framework: classify::framework_of_crate(&path[0]) })
        }
        _ => None,
    }
}

/// An axum tuple, `(status, parts.., response)` or `(parts.., status)`, or an actix-web responder
/// tuple, `(responder, status)`.
fn response_tuple(detector: &Detector<'_>, tuple: &syn::ExprTuple) -> Option<Value> {
    let elements: Vec<&syn::Expr> = tuple.elems.iter().collect();
    let (first, last) = (*elements.first()?, *elements.last()?);
    if elements.len() < 2 {
        return None;
    }
    let mut value = Value::default();
    if let Some(status) = status_of(detector, first) {
        value.status = Some(status);
        for part in &elements[1..elements.len() - 1] {
            header_part(detector, part, &mut value);
        }
        value.wrap(self::value(detector, last));
        return Some(value);
    }
    let status = status_of(detector, last)?;
    value.status = Some(status);
    if elements.len() == 2 && !is_header_part(detector, first) {
        value.wrap(self::value(detector, first));
    } else {
        for part in &elements[..elements.len() - 1] {
            header_part(detector, part, &mut value);
        }
    }
    Some(value)
}

/// The last segment of a call's function path, and the path resolved.
fn called(detector: &Detector<'_>, call: &syn::ExprCall) -> Option<Vec<String>> {
    let syn::Expr::Path(function) = &*call.func else { return None };
    Some(detector.resolve_path(&function.path))
}

fn is_header_part(detector: &Detector<'_>, expr: &syn::Expr) -> bool {
    match expr {
        syn::Expr::Array(array) => {
            array.elems.iter().all(|element| matches!(element, syn::Expr::Tuple(pair) if pair.elems.len() == 2))
        }
        syn::Expr::Reference(reference) => is_header_part(detector, &reference.expr),
        syn::Expr::Call(call) => called(detector, call)
            .is_some_and(|path| path.last().is_some_and(|last| last == "AppendHeaders" || last == "TypedHeader")),
        _ => false,
    }
}

/// An axum response part: a header array, `AppendHeaders(..)`, `TypedHeader(..)`; anything else
/// (a `HeaderMap`, a cookie jar, a variable) may set any header.
fn header_part(detector: &Detector<'_>, expr: &syn::Expr, value: &mut Value) {
    match expr {
        syn::Expr::Array(array) => {
            for element in &array.elems {
                match element {
                    syn::Expr::Tuple(pair) if pair.elems.len() == 2 => value.name(header_name(&pair.elems[0])),
                    _ => value.other_headers = true,
                }
            }
        }
        syn::Expr::Reference(reference) => header_part(detector, &reference.expr, value),
        syn::Expr::Paren(paren) => header_part(detector, &paren.expr, value),
        syn::Expr::Call(call) if call.args.len() == 1 => {
            match called(detector, call).as_ref().and_then(|path| path.last()).map(String::as_str) {
                Some("AppendHeaders") => header_part(detector, &call.args[0], value),
                Some("TypedHeader") => value.name(typed_header_name(&call.args[0])),
                _ => value.other_headers = true,
            }
        }
        syn::Expr::Macro(expr_macro) if expr_macro.mac.path.is_ident("vec") => {
            // `AppendHeaders(vec![(..), (..)])`
            match expr_macro
                .mac
                .parse_body_with(syn::punctuated::Punctuated::<syn::Expr, syn::Token![,]>::parse_terminated)
            {
                Ok(elements) => {
                    let array =
                        syn::ExprArray { attrs: Vec::new(), bracket_token: Default::default(), elems: elements };
                    header_part(detector, &syn::Expr::Array(array), value);
                }
                Err(_) => value.other_headers = true,
            }
        }
        _ => value.other_headers = true,
    }
}

/// A header name: a constant (`header::RETRY_AFTER`), a string, `HeaderName::from_static("..")`.
fn header_name(expr: &syn::Expr) -> Option<String> {
    match expr {
        syn::Expr::Path(path) => {
            let last = path.path.segments.last()?.ident.to_string();
            let is_constant = last
                .chars()
                .all(|character| character.is_ascii_uppercase() || character == '_' || character.is_ascii_digit());
            is_constant.then(|| last.to_ascii_lowercase().replace('_', "-"))
        }
        syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(name), .. }) => Some(name.value().to_ascii_lowercase()),
        syn::Expr::Reference(reference) => header_name(&reference.expr),
        syn::Expr::Paren(paren) => header_name(&paren.expr),
        syn::Expr::Call(call) if call.args.len() == 1 => {
            let syn::Expr::Path(function) = &*call.func else { return None };
            let is_from_static = function.path.segments.last().is_some_and(|segment| segment.ident == "from_static");
            if is_from_static {
                header_name(&call.args[0])
            } else {
                None
            }
        }
        _ => None,
    }
}

/// The header a typed header value sets: `header::Allow(..)`, `RetryAfter::delay(..)`,
/// `ContentType::json()`. The type's name in kebab case is the field's name.
fn typed_header_name(expr: &syn::Expr) -> Option<String> {
    let syn::Expr::Call(call) = expr else { return None };
    let syn::Expr::Path(function) = &*call.func else { return None };
    let segments: Vec<String> = function.path.segments.iter().map(|segment| segment.ident.to_string()).collect();
    let type_name = segments
        .iter()
        .rev()
        .take(2)
        .find(|segment| segment.starts_with(|character: char| character.is_ascii_uppercase()))?;
    let mut name = String::new();
    for (index, character) in type_name.chars().enumerate() {
        if character.is_ascii_uppercase() && index > 0 {
            name.push('-');
        }
        name.push(character.to_ascii_lowercase());
    }
    Some(name)
}

/// An actix-web `insert_header` / `append_header` argument: a `(name, value)` pair or a typed header.
fn header_pair(expr: &syn::Expr) -> Option<String> {
    match expr {
        syn::Expr::Tuple(pair) if pair.elems.len() == 2 => header_name(&pair.elems[0]),
        _ => typed_header_name(expr),
    }
}

/// Body constructors that carry nothing but their argument.
const BODY_TYPES: &[&str] = &["String", "Body", "Bytes", "Full", "BoxBody", "Vec", "Cow"];

/// What a value used as a response (or a body) carries.
fn value(detector: &Detector<'_>, expr: &syn::Expr) -> Value {
    match expr {
        syn::Expr::Lit(literal) => match &literal.lit {
            syn::Lit::Str(string) => Value::body(if string.value().is_empty() { Body::Empty } else { Body::Present }),
            syn::Lit::ByteStr(bytes) => Value::body(if bytes.value().is_empty() { Body::Empty } else { Body::Present }),
            _ => Value::unknown(),
        },
        syn::Expr::Tuple(tuple) if tuple.elems.is_empty() => Value::body(Body::Empty),
        syn::Expr::Tuple(tuple) => response_tuple(detector, tuple).unwrap_or_else(Value::unknown),
        syn::Expr::Paren(paren) => value(detector, &paren.expr),
        syn::Expr::Group(group) => value(detector, &group.expr),
        syn::Expr::Reference(reference) => value(detector, &reference.expr),
        syn::Expr::Array(_) => {
            let mut value = Value::body(Body::Empty);
            header_part(detector, expr, &mut value);
            value
        }
        syn::Expr::Macro(expr_macro) => {
            let name = expr_macro.mac.path.segments.last().map(|segment| segment.ident.to_string()).unwrap_or_default();
            match name.as_str() {
                "format" | "json" | "concat" | "include_str" | "include_bytes" => Value::body(Body::Present),
                _ => Value::unknown(),
            }
        }
        syn::Expr::Call(call) => call_value(detector, call),
        syn::Expr::MethodCall(call) => {
            let method = call.method.to_string();
            if call.args.is_empty() && matches!(method.as_str(), "to_string" | "to_owned" | "into" | "into_bytes") {
                if let syn::Expr::Lit(_) = &*call.receiver {
                    return value(detector, &call.receiver);
                }
            }
            if call.args.is_empty() && method == "into_response" {
                return value(detector, &call.receiver);
            }
            chain(detector, call).unwrap_or_else(Value::unknown)
        }
        _ => Value::unknown(),
    }
}

fn call_value(detector: &Detector<'_>, call: &syn::ExprCall) -> Value {
    let Some(path) = called(detector, call) else { return Value::unknown() };
    let Some((last, prefix)) = path.split_last() else { return Value::unknown() };
    let parent = prefix.last().map(String::as_str);
    let root = path[0].as_str();
    if classify::classify_path(&path, detector.candidates).is_some_and(|produced| produced.form == Form::Redirect) {
        let mut value = Value::body(Body::Empty);
        value.headers.push("location".to_string());
        return value;
    }
    let arguments: Vec<&syn::Expr> = call.args.iter().collect();
    match (root, parent, last.as_str(), arguments.as_slice()) {
        (_, _, "Json" | "Html" | "Form", [_]) => Value::body(Body::Present),
        (_, _, "AppendHeaders", [headers]) => {
            let mut value = Value::body(Body::Empty);
            header_part(detector, headers, &mut value);
            value
        }
        (_, _, "TypedHeader", [header]) => {
            let mut value = Value::body(Body::Empty);
            value.name(typed_header_name(header));
            value
        }
        ("warp", _, "reply", []) => Value::body(Body::Empty),
        ("warp", Some("reply"), "json" | "html", [_]) => Value::body(Body::Present),
        ("warp", Some("reply"), "with_header", [inner, name, _]) => {
            let mut value = value(detector, inner);
            value.name(header_name(name));
            value
        }
        ("warp", Some("reply"), "with_status", [inner, status]) => {
            let mut value = value(detector, inner);
            value.status = status_of(detector, status);
            value
        }
        (_, Some("HttpResponse"), "new", [status]) if classify::framework_of_crate(root) != Some(Framework::Http) => {
            Value { status: status_of(detector, status), body: Some(Body::Empty), ..Value::default() }
        }
        (_, Some("HttpResponse"), "with_body", [status, body]) => {
            Value { status: status_of(detector, status), body: value(detector, body).body, ..Value::default() }
        }
        (_, Some(body_type), "from" | "new" | "from_static", [inner]) if BODY_TYPES.contains(&body_type) => {
            Value::body(value(detector, inner).body.unwrap_or(Body::Unknown))
        }
        (_, _, "new" | "empty" | "default", []) => Value::body(Body::Empty),
        _ => Value::unknown(),
    }
}

/// Which builder a chain starts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Builder {
    /// `HttpResponse::TooManyRequests()`, `HttpResponse::build(..)`, `HttpResponseBuilder::new(..)`.
    Actix,
    /// `Response::builder()`, `response::Builder::new()`.
    Http,
}

/// A builder chain that ends in its terminal call, or an actix-web `customize()` chain.
fn chain(detector: &Detector<'_>, outer: &syn::ExprMethodCall) -> Option<Value> {
    let mut calls = vec![outer];
    let mut root = &*outer.receiver;
    while let syn::Expr::MethodCall(inner) = root {
        calls.push(inner);
        root = &inner.receiver;
    }
    calls.reverse();
    if let Some(index) = calls.iter().position(|call| call.method == "customize" && call.args.is_empty()) {
        return customize(detector, &calls[index].receiver, &calls[index + 1..]);
    }
    let syn::Expr::Call(root_call) = root else { return None };
    let path = called(detector, root_call)?;
    let (last, prefix) = path.split_last()?;
    let parent = prefix.last().map(String::as_str);
    let mut value = Value::default();
    let builder = match (parent, last.as_str(), root_call.args.len()) {
        (Some("HttpResponse"), "build", 1) | (Some("HttpResponseBuilder"), "new", 1) => {
            value.status = status_of(detector, &root_call.args[0]);
            Builder::Actix
        }
        (Some("HttpResponse"), _, 0) => {
            let produced = classify::classify_path(&path, detector.candidates)?;
            value.status =
                Some(Status { code: produced.status, span: root_call.span(), framework: produced.framework });
            Builder::Actix
        }
        (Some("Response"), "builder", 0) | (Some("Builder"), "new" | "default", 0) => Builder::Http,
        _ => return None,
    };
    let (terminal, before) = calls.split_last()?;
    for call in before {
        let method = call.method.to_string();
        let argument = call.args.first();
        match (builder, method.as_str(), argument) {
            (_, "status", Some(status)) => {
                value.status = status_of(detector, status).or_else(|| {
                    let code = literal_status(status)?;
                    Some(Status { code, span: status.span(), framework: None })
                });
            }
            (Builder::Actix, "insert_header" | "append_header", Some(header)) => value.name(header_pair(header)),
            (Builder::Actix, "content_type", Some(_)) => value.headers.push("content-type".to_string()),
            (Builder::Actix, "cookie" | "del_cookie", Some(_)) => value.headers.push("set-cookie".to_string()),
            (Builder::Actix, "upgrade", Some(_)) => value.headers.push("upgrade".to_string()),
            (Builder::Actix, "force_close" | "keep_alive" | "no_chunking" | "reason", _) => {}
            (Builder::Http, "header", Some(name)) if call.args.len() == 2 => value.name(header_name(name)),
            (Builder::Http, "version" | "extension", _) => {}
            _ => return None,
        }
    }
    let method = terminal.method.to_string();
    value.body = Some(match (builder, method.as_str(), terminal.args.first()) {
        (Builder::Actix, "finish", None) => Body::Empty,
        (Builder::Actix, "json", Some(_)) => Body::Present,
        (Builder::Actix, "streaming", Some(_)) => Body::Unknown,
        (_, "body" | "message_body", Some(body)) => self::value(detector, body).body.unwrap_or(Body::Unknown),
        _ => return None,
    });
    Some(value)
}

/// `responder.customize().with_status(..).insert_header(..)`.
fn customize(detector: &Detector<'_>, responder: &syn::Expr, calls: &[&syn::ExprMethodCall]) -> Option<Value> {
    let mut value = value(detector, responder);
    for call in calls {
        match (call.method.to_string().as_str(), call.args.first()) {
            ("with_status", Some(status)) => value.status = Some(status_of(detector, status)?),
            ("insert_header" | "append_header", Some(header)) => value.name(header_pair(header)),
            _ => return None,
        }
    }
    Some(value)
}
