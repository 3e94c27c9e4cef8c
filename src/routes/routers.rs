//! The routes a framework's router expressions register, as plain data: a router, what is
//! called on it, and the handlers that answer. axum's and actix-web's routers are read into it
//! (`chains.rs`); `compose.rs` composes them into routes.

use syn::spanned::Spanned;
use syn::visit::Visit;

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
    /// `.layer(..)` or `.route_layer(..)` (actix-web's `.wrap(..)`): it answers for every route
    /// added before it (every route of its router), through
    /// the middleware written as functions in it (`middleware::from_fn(f)`) and what its
    /// expression builds (`TimeoutLayer::new(..)`, `slow_requests()`), at `start..end` with the
    /// calls in it.
    Layer {
        handlers: Vec<Handler>,
        start: usize,
        end: usize,
        calls: Vec<(String, usize)>,
        /// actix-web's `.wrap(..)`, which wraps every service of its `App` or scope, those
        /// registered after it too.
        whole: bool,
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
    Inline { start: usize, end: usize, calls: Vec<(String, usize)>, name: &'static str },
    /// What a layer's expression builds, in `file` at `start..end`, with the calls in it: the
    /// statuses written or implied there, and those of the functions it calls.
    Layer { file: std::path::PathBuf, start: usize, end: usize, calls: Vec<(String, usize)> },
    /// A tower service (`route_service`, `nest_service`, `get_service`), a file service: not
    /// followed, but what the components built in its byte range answer is known.
    Service { text: String, start: usize, end: usize },
}

impl Handler {
    /// The service `expr` builds, named by its text.
    pub(super) fn service(expr: &syn::Expr) -> Handler {
        Handler::service_named(text_of(expr), expr)
    }

    /// The service `expr` builds, named `text`.
    pub(super) fn service_named(text: String, expr: &syn::Expr) -> Handler {
        let range = expr.span().byte_range();
        Handler::Service { text, start: range.start, end: range.end }
    }

    pub fn name(&self) -> String {
        match self {
            Handler::Named(name) => name.clone(),
            Handler::Inline { name, .. } => name.to_string(),
            Handler::Layer { .. } => "layer".to_string(),
            Handler::Service { text, .. } => text.clone(),
        }
    }
}

pub(super) fn handler_of(expr: &syn::Expr) -> Handler {
    match expr {
        syn::Expr::Path(path) => named(&path.path),
        syn::Expr::Closure(closure) => {
            let range = closure.span().byte_range();
            let mut calls = super::body::Body::default();
            calls.visit_expr(&closure.body);
            Handler::Inline { start: range.start, end: range.end, calls: calls.calls, name: "closure" }
        }
        syn::Expr::Call(call) => match &*call.func {
            // actix's `web::to(handler)`.
            syn::Expr::Path(path) if path.path.segments.last().is_some_and(|segment| segment.ident == "to") => {
                call.args.first().map_or_else(|| Handler::service(expr), handler_of)
            }
            // `handler.layer(..)` and friends wrap a handler; a call builds one.
            syn::Expr::Path(path) => Handler::service_named(named(&path.path).name(), expr),
            _ => Handler::service(expr),
        },
        syn::Expr::MethodCall(call) => handler_of(&call.receiver),
        _ => Handler::service(expr),
    }
}

fn named(path: &syn::Path) -> Handler {
    let segments: Vec<String> = path.segments.iter().map(|segment| segment.ident.to_string()).collect();
    Handler::Named(segments.join("::"))
}

pub(super) fn text_of(expr: &syn::Expr) -> String {
    quote::ToTokens::to_token_stream(expr).to_string()
}
