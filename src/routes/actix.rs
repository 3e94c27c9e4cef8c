//! actix-web's routing, read at actix-web 4.18.1 and actix-web-codegen 4.5.0: handlers with a
//! route attribute (`#[get("/x")]`, `#[route("/x", method = "GET", method = "POST")]`,
//! `#[routes]` over several) registered with `.service(handler)`; `web::scope(prefix)` and
//! `web::resource(path)` chains (`.route(web::get().to(h))`, the `.get(h)` shorthands, `.to(h)`
//! for every method); `App::new().route(path, route)`; `.configure(f)` with `f(cfg: &mut
//! ServiceConfig)`; `.default_service(..)` (`scope.rs`, `resource.rs`, `app.rs`, `config.rs`,
//! `web.rs`, codegen `route.rs`). A scope chain is read as a router with one nest, a resource
//! chain as a router with one route, so that composing them is axum's.

use syn::spanned::Spanned;

use super::chains::router;
use super::routers::{handler_of, Base, Handler, Router, RouterCall};

/// The methods of `web::get()` and the resource shorthands (`query` is a resource method too).
const METHODS: [&str; 8] = ["get", "post", "put", "patch", "delete", "head", "trace", "query"];

/// The methods and paths a handler's route attributes give it.
pub fn route_attributes(attributes: &[syn::Attribute]) -> Vec<(String, String)> {
    let mut routes = Vec::new();
    for attribute in attributes {
        let Some(name) = attribute.path().segments.last().map(|segment| segment.ident.to_string()) else { continue };
        let syn::Meta::List(list) = &attribute.meta else { continue };
        if name == "path" {
            routes.extend(utoipa_path(&list.tokens));
            continue;
        }
        let Ok(arguments) =
            list.parse_args_with(syn::punctuated::Punctuated::<syn::Expr, syn::Token![,]>::parse_terminated)
        else {
            continue;
        };
        let Some(path) = arguments.first().and_then(super::paths::literal_path) else { continue };
        let connect_or_options = matches!(name.as_str(), "connect" | "options");
        if METHODS.contains(&name.as_str()) || connect_or_options {
            routes.push((name.to_uppercase(), path));
        } else if name == "route" {
            for argument in arguments.iter().skip(1) {
                if let syn::Expr::Assign(assign) = argument {
                    if let (syn::Expr::Path(key), syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(method), .. })) =
                        (&*assign.left, &*assign.right)
                    {
                        if key.path.is_ident("method") {
                            routes.push((method.value().to_uppercase(), path.clone()));
                        }
                    }
                }
            }
        }
    }
    routes
}

/// utoipa's `#[utoipa::path(get, path = "/x", ..)]`, which utoipa-axum's `routes!` registers.
/// Read from the tokens: its other arguments (`body = Vec<User>`) are not Rust expressions.
fn utoipa_path(tokens: &proc_macro2::TokenStream) -> Vec<(String, String)> {
    use proc_macro2::TokenTree;
    let tokens: Vec<TokenTree> = tokens.clone().into_iter().collect();
    let mut methods = Vec::new();
    let mut path = None;
    for (index, token) in tokens.iter().enumerate() {
        let TokenTree::Ident(ident) = token else { continue };
        let next = tokens.get(index + 1);
        let argument_start =
            index == 0 || matches!(&tokens[index - 1], TokenTree::Punct(punct) if punct.as_char() == ',');
        let argument_end = next.is_none_or(|next| matches!(next, TokenTree::Punct(punct) if punct.as_char() == ','));
        let name = ident.to_string();
        if argument_start && argument_end && (METHODS.contains(&name.as_str()) || name == "options") {
            methods.push(name.to_uppercase());
        } else if argument_start && name == "path" {
            if let (Some(TokenTree::Punct(equals)), Some(TokenTree::Literal(literal))) = (next, tokens.get(index + 2)) {
                if equals.as_char() == '=' {
                    let value = syn::parse_str::<syn::LitStr>(&literal.to_string()).ok().map(|literal| literal.value());
                    path = value.map(|value| super::paths::normalize(&value));
                }
            }
        }
    }
    let Some(path) = path else { return Vec::new() };
    methods.into_iter().map(|method| (method, path.clone())).collect()
}

/// The base of a chain that is a scope or a resource: `web::scope("/api")`, `web::resource(p)`.
pub enum Start {
    Scope(String),
    Resource(String),
}

pub fn start(receiver: &syn::Expr) -> Option<Start> {
    let syn::Expr::Call(call) = receiver else { return None };
    let syn::Expr::Path(function) = &*call.func else { return None };
    let segments: Vec<String> = function.path.segments.iter().map(|segment| segment.ident.to_string()).collect();
    let path = call.args.first().and_then(super::paths::literal_path);
    match segments.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        [.., "web", "scope"] | [.., "Scope", "new"] | ["scope"] => Some(Start::Scope(path?)),
        [.., "web", "resource"] | [.., "Resource", "new"] | ["resource"] => Some(Start::Resource(path?)),
        _ => None,
    }
}

/// A scope or resource chain as a router: `calls` are those made on it, in order.
pub fn wrap(start: Start, calls: Vec<&syn::ExprMethodCall>, line: usize) -> Router {
    match start {
        Start::Scope(prefix) => {
            let inner: Vec<RouterCall> = calls.into_iter().filter_map(super::chains::router_call).collect();
            let inner = Router { line, binding: None, base: Base::New, calls: inner };
            Router {
                line,
                binding: None,
                base: Base::New,
                calls: vec![RouterCall::Nest { prefix, inner: Box::new(inner) }],
            }
        }
        Start::Resource(path) => {
            let mut methods = Vec::new();
            for call in calls {
                let name = call.method.to_string();
                let first = call.args.first();
                match name.as_str() {
                    "route" => methods.extend(first.map(route).transpose().ok().flatten().unwrap_or_default()),
                    "to" => methods.extend(first.map(|handler| ("ANY".to_string(), handler_of(handler)))),
                    method if METHODS.contains(&method) => {
                        methods.extend(first.map(|handler| (method.to_uppercase(), handler_of(handler))));
                    }
                    _ => {}
                }
            }
            Router { line, binding: None, base: Base::New, calls: vec![RouterCall::Route { path, line, methods }] }
        }
    }
}

/// `web::get().to(h)`, `web::route().to(h)` (every method), `web::method(Method::PUT).to(h)`,
/// `web::route().guard(guard::Post()).to(h)`.
pub fn route(expr: &syn::Expr) -> Result<Vec<(String, Handler)>, String> {
    let not_followed = || format!("route `{}` not followed", super::routers::text_of(expr));
    // `web::get().to(h).wrap(middleware)`: what wraps the route comes after its handler.
    let mut outer = expr;
    while let syn::Expr::MethodCall(call) = outer {
        if call.method == "to" {
            break;
        }
        outer = &call.receiver;
    }
    let syn::Expr::MethodCall(to) = outer else { return Err(not_followed()) };
    if to.method != "to" {
        return Err(not_followed());
    }
    let handler = to.args.first().map(handler_of).ok_or_else(not_followed)?;
    let mut method = None;
    let mut receiver = &*to.receiver;
    loop {
        match receiver {
            syn::Expr::MethodCall(call) => {
                if matches!(call.method.to_string().as_str(), "guard" | "method") {
                    method = call.args.first().and_then(named_method).or(method);
                }
                receiver = &call.receiver;
            }
            syn::Expr::Call(call) => {
                let syn::Expr::Path(function) = &*call.func else { return Err(not_followed()) };
                let name = function.path.segments.last().map(|segment| segment.ident.to_string()).unwrap_or_default();
                if METHODS.contains(&name.as_str()) {
                    method = Some(name.to_uppercase());
                } else if name == "method" {
                    method = call.args.first().and_then(named_method).or(method);
                } else if name != "route" {
                    return Err(not_followed());
                }
                break;
            }
            _ => return Err(not_followed()),
        }
    }
    Ok(vec![(method.unwrap_or_else(|| "ANY".to_string()), handler)])
}

/// `Method::PUT`, `http::Method::PUT`, `guard::Put()`: the method named.
fn named_method(expr: &syn::Expr) -> Option<String> {
    let path = match expr {
        syn::Expr::Path(path) => &path.path,
        syn::Expr::Call(call) => match &*call.func {
            syn::Expr::Path(path) => &path.path,
            _ => return None,
        },
        _ => return None,
    };
    let name = path.segments.last()?.ident.to_string().to_uppercase();
    ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "TRACE", "OPTIONS", "CONNECT"]
        .contains(&name.as_str())
        .then_some(name)
}

/// `.service(x)`: a scope or resource chain, a handler with a route attribute, or a router made
/// by a function.
pub fn service(argument: &syn::Expr) -> RouterCall {
    let line = argument.span().start().line;
    if let Some(inner) = router(argument) {
        return RouterCall::Merge { inner: Box::new(inner) };
    }
    match argument {
        syn::Expr::Path(path) => {
            RouterCall::Attributed { name: super::index::callee(&path.path).unwrap_or_default(), line }
        }
        // actix-files' `Files::new(mount, dir)` serves the files below `mount`, with its
        // settings called on it or not.
        _ if files_call(argument).is_some() => {
            match files_call(argument).and_then(|call| call.args.first()).and_then(super::paths::literal_path) {
                Some(path) => RouterCall::Route {
                    path,
                    line,
                    methods: vec![("ANY".to_string(), Handler::service_named("Files".to_string(), argument))],
                },
                None => RouterCall::Unresolved {
                    line,
                    reason: "a file service whose mount is not a string literal".to_string(),
                },
            }
        }
        // `web::redirect(from, to)` answers every method at `from` with a redirect.
        syn::Expr::Call(call) if is_redirect(&call.func) => {
            match call.args.first().and_then(super::paths::literal_path) {
                Some(path) => {
                    let range = argument.span().byte_range();
                    let handler = Handler::Inline {
                        start: range.start,
                        end: range.end,
                        calls: Vec::new(),
                        name: "web::redirect",
                    };
                    RouterCall::Route { path, line, methods: vec![("ANY".to_string(), handler)] }
                }
                None => {
                    RouterCall::Unresolved { line, reason: "a redirect whose path is not a string literal".to_string() }
                }
            }
        }
        syn::Expr::Call(call) => match &*call.func {
            syn::Expr::Path(function) => {
                let name = super::index::callee(&function.path).unwrap_or_default();
                let inner = Router { line, binding: None, base: Base::Call(name), calls: Vec::new() };
                RouterCall::Merge { inner: Box::new(inner) }
            }
            _ => RouterCall::Unresolved { line, reason: "a service built by an expression not followed".to_string() },
        },
        _ => RouterCall::Unresolved {
            line,
            reason: format!("service `{}` not followed", super::routers::text_of(argument)),
        },
    }
}

fn is_redirect(function: &syn::Expr) -> bool {
    let syn::Expr::Path(path) = function else { return false };
    let names: Vec<String> = path.path.segments.iter().map(|segment| segment.ident.to_string()).collect();
    matches!(names.iter().map(String::as_str).collect::<Vec<_>>().as_slice(), [.., "web", "redirect"] | ["redirect"])
}

/// The `Files::new(..)` call at the root of `expr`'s method chain.
fn files_call(mut expr: &syn::Expr) -> Option<&syn::ExprCall> {
    while let syn::Expr::MethodCall(call) = expr {
        expr = &call.receiver;
    }
    match expr {
        syn::Expr::Call(call) if is_files(&call.func) => Some(call),
        _ => None,
    }
}

fn is_files(function: &syn::Expr) -> bool {
    let syn::Expr::Path(path) = function else { return false };
    let mut segments = path.path.segments.iter().rev();
    segments.next().is_some_and(|segment| segment.ident == "new")
        && segments.next().is_some_and(|segment| segment.ident == "Files")
}
