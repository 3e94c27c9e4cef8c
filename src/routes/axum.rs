//! axum's routers: read from a function's body as plain data (`routers_in`), then composed
//! across the package's functions into routes (`routes`). Read at axum 0.8.4
//! (`axum/src/routing/mod.rs`, `method_routing.rs`): `Router::new()`, `.route(path,
//! method_router)`, `.route_service`, `.nest(prefix, router)`, `.nest_service`, `.merge(router)`,
//! `.fallback(handler)`; `.layer`, `.route_layer` and `.with_state` leave the routes as they are.

use syn::spanned::Spanned;
use syn::visit::Visit;

use super::index::callee;
use super::paths::literal_path;

/// A router expression: where it starts and what is called on it, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Router {
    pub line: usize,
    /// The `let` it is bound to, when it is.
    pub binding: Option<String>,
    pub base: Base,
    pub calls: Vec<RouterCall>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Base {
    /// `Router::new()`.
    New,
    /// A router made by a function: `api()`, `routes::api(state)`, by its last two segments.
    Call(String),
    /// A router bound to a `let` of the same function.
    Variable(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RouterCall {
    Route {
        path: String,
        line: usize,
        methods: Vec<(String, Handler)>,
    },
    Nest {
        prefix: String,
        inner: Box<Router>,
    },
    Merge {
        inner: Box<Router>,
    },
    Fallback {
        line: usize,
        handler: Handler,
    },
    /// actix's `.service(handler)`: the routes its route attributes give it.
    Attributed {
        name: String,
        line: usize,
    },
    Unresolved {
        line: usize,
        reason: String,
    },
}

/// What answers a route.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Handler {
    /// A function or method, as written: `get_order`, `orders::get_order`.
    Named(String),
    /// Code written at the route (a closure, actix's `web::redirect(..)`): its byte range in
    /// the file, the calls in it, and what to call it.
    Inline { start: usize, end: usize, calls: Vec<String>, name: &'static str },
    /// A tower service (`route_service`, `nest_service`, `get_service`): not followed.
    Service(String),
}

impl Handler {
    pub fn name(&self) -> String {
        match self {
            Handler::Named(name) => name.clone(),
            Handler::Inline { name, .. } => name.to_string(),
            Handler::Service(text) => text.clone(),
        }
    }
}

const METHODS: [&str; 9] = ["get", "post", "put", "delete", "patch", "head", "options", "trace", "connect"];

/// The router expressions of a function's body, outermost first; one nested in another is read
/// as part of it.
/// `configs` are the parameters that are an actix `ServiceConfig`: what is called on them
/// registers routes as on a new router.
pub fn routers_in(block: &syn::Block, configs: &[String]) -> Vec<Router> {
    let mut finder = Finder { routers: Vec::new(), configs };
    finder.visit_block(block);
    finder.routers
}

struct Finder<'a> {
    routers: Vec<Router>,
    configs: &'a [String],
}

impl Finder<'_> {
    fn push(&mut self, mut router: Router) {
        if matches!(&router.base, Base::Variable(name) if self.configs.contains(name)) {
            router.base = Base::New;
        }
        self.routers.push(router);
    }
}

impl<'ast> Visit<'ast> for Finder<'_> {
    fn visit_local(&mut self, local: &'ast syn::Local) {
        if let (syn::Pat::Ident(binding), Some(init)) = (strip_type(&local.pat), &local.init) {
            if let Some(mut router) = router(&init.expr) {
                router.binding = Some(binding.ident.to_string());
                self.push(router);
                return;
            }
        }
        syn::visit::visit_local(self, local);
    }

    fn visit_expr(&mut self, expr: &'ast syn::Expr) {
        match router(expr) {
            Some(router) => self.push(router),
            None => syn::visit::visit_expr(self, expr),
        }
    }

    // A function item in a body is a function of its own.
    fn visit_item_fn(&mut self, _: &'ast syn::ItemFn) {}
}

fn strip_type(pattern: &syn::Pat) -> &syn::Pat {
    match pattern {
        syn::Pat::Type(typed) => &typed.pat,
        other => other,
    }
}

/// A method chain on a router that routes: `Router::new().route(..)`, `api().nest(..)`.
pub(super) fn router(expr: &syn::Expr) -> Option<Router> {
    let mut chain = Vec::new();
    let mut receiver = expr;
    while let syn::Expr::MethodCall(call) = receiver {
        chain.push(call);
        receiver = &call.receiver;
    }
    let routes = chain.iter().any(|call| {
        matches!(
            call.method.to_string().as_str(),
            "route"
                | "nest"
                | "merge"
                | "fallback"
                | "route_service"
                | "nest_service"
                | "service"
                | "configure"
                | "default_service"
        )
    });
    if let Some(start) = super::actix::start(receiver) {
        return Some(super::actix::wrap(start, chain.into_iter().rev().collect(), expr.span().start().line));
    }
    let base = match receiver {
        syn::Expr::Call(call) if is_router_new(&call.func) => Base::New,
        _ if !routes => return None,
        syn::Expr::Call(call) => match &*call.func {
            syn::Expr::Path(path) => Base::Call(callee(&path.path)?),
            _ => return None,
        },
        syn::Expr::Path(path) => Base::Variable(path.path.get_ident()?.to_string()),
        _ => return None,
    };
    let calls = chain.iter().rev().filter_map(|call| router_call(call)).collect();
    Some(Router { line: expr.span().start().line, binding: None, base, calls })
}

fn is_router_new(func: &syn::Expr) -> bool {
    let syn::Expr::Path(path) = func else { return false };
    let mut segments = path.path.segments.iter().rev();
    segments.next().is_some_and(|segment| segment.ident == "new")
        && segments.next().is_some_and(|segment| segment.ident == "Router" || segment.ident == "App")
}

pub(super) fn router_call(call: &syn::ExprMethodCall) -> Option<RouterCall> {
    let line = call.method.span().start().line;
    let argument = |index: usize| call.args.iter().nth(index);
    let unresolved = |reason: String| Some(RouterCall::Unresolved { line, reason });
    let path_of = |index: usize| argument(index).and_then(literal_path);
    match call.method.to_string().as_str() {
        "route" => {
            let Some(path) = path_of(0) else { return unresolved("a route whose path is not a string literal".into()) };
            // actix's `web::get().to(h)` first: axum's reading would take it for a `get()` with
            // no handler.
            let methods = argument(1).map(|methods| super::actix::route(methods).or_else(|_| method_router(methods)));
            match methods {
                Some(Ok(methods)) => Some(RouterCall::Route { path, line, methods }),
                Some(Err(reason)) => unresolved(format!("`{path}`: {reason}")),
                None => None,
            }
        }
        "route_service" | "nest_service" => {
            let Some(path) = path_of(0) else {
                return unresolved("a service whose path is not a string literal".into());
            };
            let service = argument(1)
                .map(|service| Handler::Service(text_of(service)))
                .unwrap_or(Handler::Service(String::new()));
            Some(RouterCall::Route { path, line, methods: vec![("ANY".to_string(), service)] })
        }
        "nest" => {
            let Some(prefix) = path_of(0) else {
                return unresolved("a nest whose prefix is not a string literal".into());
            };
            match argument(1).and_then(router_argument) {
                Some(inner) => Some(RouterCall::Nest { prefix, inner: Box::new(inner) }),
                None => unresolved(format!("`{prefix}` nests a router built by an expression not followed")),
            }
        }
        "merge" => match argument(0).and_then(router_argument) {
            Some(inner) => Some(RouterCall::Merge { inner: Box::new(inner) }),
            None => unresolved("a merge of a router built by an expression not followed".into()),
        },
        "fallback" => argument(0).map(|handler| RouterCall::Fallback { line, handler: handler_of(handler) }),
        "service" => argument(0).map(super::actix::service),
        "default_service" => argument(0).map(|service| {
            let handler =
                super::actix::route(service).map_or_else(|_| handler_of(service), |mut methods| methods.remove(0).1);
            RouterCall::Fallback { line, handler }
        }),
        "configure" => match argument(0) {
            Some(syn::Expr::Path(function)) => {
                let base = Base::Call(callee(&function.path).unwrap_or_default());
                Some(RouterCall::Merge { inner: Box::new(Router { line, binding: None, base, calls: Vec::new() }) })
            }
            _ => unresolved("a configure with an expression not followed".into()),
        },
        _ => None,
    }
}

/// The router given to `nest` or `merge`: a chain, a call of a function, or a variable.
fn router_argument(expr: &syn::Expr) -> Option<Router> {
    if let Some(router) = router(expr) {
        return Some(router);
    }
    let line = expr.span().start().line;
    let base = match expr {
        syn::Expr::Call(call) => match &*call.func {
            syn::Expr::Path(path) => Base::Call(callee(&path.path)?),
            _ => return None,
        },
        syn::Expr::Path(path) => Base::Variable(path.path.get_ident()?.to_string()),
        syn::Expr::Reference(reference) => return router_argument(&reference.expr),
        _ => return None,
    };
    Some(Router { line, binding: None, base, calls: Vec::new() })
}

/// `get(h)`, `get(h).post(h2)`, `on(MethodFilter::GET, h)`, `any(h)`, `get_service(s)`.
fn method_router(expr: &syn::Expr) -> Result<Vec<(String, Handler)>, String> {
    match expr {
        syn::Expr::MethodCall(call) => {
            let name = call.method.to_string();
            let mut methods = method_router(&call.receiver)?;
            if METHODS.contains(&name.as_str()) {
                if let Some(handler) = call.args.first() {
                    methods.push((name.to_uppercase(), handler_of(handler)));
                }
            } else if let Some(method) = name.strip_suffix("_service").filter(|method| METHODS.contains(method)) {
                methods.push((
                    method.to_uppercase(),
                    Handler::Service(call.args.first().map(text_of).unwrap_or_default()),
                ));
            } else if name == "on" {
                methods.extend(on(&call.args));
            }
            Ok(methods)
        }
        syn::Expr::Call(call) => {
            let syn::Expr::Path(path) = &*call.func else {
                return Err(format!("method router `{}` not followed", text_of(expr)));
            };
            let name = path.path.segments.last().map(|segment| segment.ident.to_string()).unwrap_or_default();
            let first = call.args.first();
            match name.as_str() {
                "any" => Ok(first.map(|handler| ("ANY".to_string(), handler_of(handler))).into_iter().collect()),
                "any_service" => {
                    Ok(vec![("ANY".to_string(), Handler::Service(first.map(text_of).unwrap_or_default()))])
                }
                "on" => Ok(on(&call.args)),
                method if METHODS.contains(&method) => {
                    Ok(first.map(|handler| (method.to_uppercase(), handler_of(handler))).into_iter().collect())
                }
                method => match method.strip_suffix("_service").filter(|method| METHODS.contains(method)) {
                    Some(method) => {
                        Ok(vec![(method.to_uppercase(), Handler::Service(first.map(text_of).unwrap_or_default()))])
                    }
                    None => Err(format!("method router made by `{}` not followed", text_of(&call.func))),
                },
            }
        }
        syn::Expr::Paren(paren) => method_router(&paren.expr),
        _ => Err(format!("method router `{}` not followed", text_of(expr))),
    }
}

/// `on(MethodFilter::GET.or(MethodFilter::POST), h)`: each method the filter names.
fn on(args: &syn::punctuated::Punctuated<syn::Expr, syn::Token![,]>) -> Vec<(String, Handler)> {
    let (Some(filter), Some(handler)) = (args.first(), args.iter().nth(1)) else { return Vec::new() };
    let text = text_of(filter);
    let handler = handler_of(handler);
    METHODS
        .iter()
        .map(|method| method.to_uppercase())
        .filter(|method| text.split(|c: char| !c.is_alphanumeric() && c != '_').any(|word| word == method))
        .map(|method| (method, handler.clone()))
        .collect()
}

pub(super) fn handler_of(expr: &syn::Expr) -> Handler {
    match expr {
        syn::Expr::Path(path) => named(&path.path),
        syn::Expr::Closure(closure) => {
            let range = closure.span().byte_range();
            let mut calls = super::index::Body::default();
            calls.visit_expr(&closure.body);
            Handler::Inline { start: range.start, end: range.end, calls: calls.calls, name: "closure" }
        }
        syn::Expr::Call(call) => match &*call.func {
            // actix's `web::to(handler)`.
            syn::Expr::Path(path) if path.path.segments.last().is_some_and(|segment| segment.ident == "to") => {
                call.args.first().map_or_else(|| Handler::Service(text_of(expr)), handler_of)
            }
            // `handler.layer(..)` and friends wrap a handler; a call builds one.
            syn::Expr::Path(path) => Handler::Service(named(&path.path).name()),
            _ => Handler::Service(text_of(expr)),
        },
        syn::Expr::MethodCall(call) => handler_of(&call.receiver),
        _ => Handler::Service(text_of(expr)),
    }
}

fn named(path: &syn::Path) -> Handler {
    let segments: Vec<String> = path.segments.iter().map(|segment| segment.ident.to_string()).collect();
    Handler::Named(segments.join("::"))
}

pub(super) fn text_of(expr: &syn::Expr) -> String {
    quote::ToTokens::to_token_stream(expr).to_string()
}
