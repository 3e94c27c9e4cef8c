//! Router expressions read from a function's body (`routers_in`): method chains on
//! `Router::new()`, actix's `App::new()`, `web::scope`/`web::resource` (through `actix.rs`), a
//! router made by another function or held in a `let`. Read at axum 0.8.9
//! (`axum/src/routing/mod.rs`): `.route(path, method_router)`, `.route_service`, `.nest(prefix,
//! router)`, `.nest_service`, `.merge(router)`, `.fallback(handler)`; `.layer`, `.route_layer`
//! and `.with_state` leave the routes as they are.

use syn::spanned::Spanned;
use syn::visit::Visit;

use super::axum::method_router;
use super::index::callee;
use super::paths::literal_path;
use super::routers::{handler_of, Base, Handler, Router, RouterCall};

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
        match (strip_type(&local.pat), &local.init) {
            (syn::Pat::Ident(binding), Some(init)) => {
                if let Some(mut router) = router(&init.expr) {
                    router.binding = Some(binding.ident.to_string());
                    self.push(router);
                    return;
                }
            }
            // utoipa-axum's `let (router, api) = api_router.split_for_parts();`.
            (syn::Pat::Tuple(tuple), Some(init)) => {
                if let (Some(syn::Pat::Ident(binding)), syn::Expr::MethodCall(split)) =
                    (tuple.elems.first().map(strip_type), &*init.expr)
                {
                    if split.method == "split_for_parts" {
                        if let Some(mut router) = router_argument(&split.receiver) {
                            router.binding = Some(binding.ident.to_string());
                            self.push(router);
                            return;
                        }
                    }
                }
            }
            _ => {}
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
                | "routes"
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
    // `Router::new()`, actix's `App::new()`, and the routers of utoipa-axum and aide, which
    // route as axum's does: `OpenApiRouter::new()`, `OpenApiRouter::with_openapi(..)`,
    // `ApiRouter::new()`.
    segments.next().is_some_and(|segment| segment.ident == "new" || segment.ident == "with_openapi")
        && segments
            .next()
            .is_some_and(|segment| segment.ident.to_string().ends_with("Router") || segment.ident == "App")
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
            let Some(service) = argument(1).map(Handler::service) else {
                return unresolved("a service route without its service".into());
            };
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
        "layer" | "route_layer" | "wrap" => {
            let layer = argument(0)?;
            let mut middleware = Middleware::default();
            middleware.visit_expr(layer);
            let mut body = super::body::Body::default();
            body.visit_expr(layer);
            let range = layer.span().byte_range();
            Some(RouterCall::Layer {
                handlers: middleware.handlers,
                start: range.start,
                end: range.end,
                calls: body.calls,
                whole: call.method == "wrap",
            })
        }
        // utoipa-axum's `.routes(routes!(a, b))`: each handler's `#[utoipa::path(..)]` says
        // its method and path.
        "routes" => match argument(0) {
            Some(syn::Expr::Macro(mac)) => {
                let handlers =
                    mac.mac.parse_body_with(syn::punctuated::Punctuated::<syn::Path, syn::Token![,]>::parse_terminated);
                let calls: Vec<RouterCall> = handlers
                    .into_iter()
                    .flatten()
                    .filter_map(|handler| Some(RouterCall::Attributed { name: callee(&handler)?, line }))
                    .collect();
                Some(RouterCall::Merge { inner: Box::new(Router { line, binding: None, base: Base::New, calls }) })
            }
            _ => None,
        },
        "service" => argument(0).map(super::actix::service),
        "default_service" => argument(0).map(|service| {
            let handler =
                super::actix::route(service).map_or_else(|_| handler_of(service), |mut methods| methods.remove(0).1);
            RouterCall::Fallback { line, handler }
        }),
        // `.configure(f)`, or `.configure(|cfg| f(cfg, ..))`: the routes `f` registers.
        "configure" => match argument(0).and_then(configured) {
            Some(name) => {
                let base = Base::Call(name);
                Some(RouterCall::Merge { inner: Box::new(Router { line, binding: None, base, calls: Vec::new() }) })
            }
            None => unresolved("a configure with an expression not followed".into()),
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

/// The function a `configure` argument names: `f`, or the one a closure calls with its
/// parameter (`|cfg| f(cfg, settings)`, `move |cfg| { f(cfg) }`).
fn configured(argument: &syn::Expr) -> Option<String> {
    match argument {
        syn::Expr::Path(function) => callee(&function.path),
        syn::Expr::Closure(closure) => {
            let mut body = &*closure.body;
            while let syn::Expr::Block(block) = body {
                match block.block.stmts.as_slice() {
                    [syn::Stmt::Expr(expr, _)] => body = expr,
                    _ => return None,
                }
            }
            match body {
                syn::Expr::Call(call) => match &*call.func {
                    syn::Expr::Path(function) => callee(&function.path),
                    _ => None,
                },
                _ => None,
            }
        }
        _ => None,
    }
}

/// The functions a layer runs as middleware, read at axum 0.8.9 (`middleware/from_fn.rs`,
/// `map_request.rs`, `map_response.rs`): `from_fn(f)`, `from_fn_with_state(state, f)`,
/// `map_request(f)`, `map_response(f)` and their `_with_state` forms, wherever the layer's
/// expression (a `ServiceBuilder`, a tuple) holds them.
#[derive(Default)]
struct Middleware {
    handlers: Vec<Handler>,
}

impl<'ast> Visit<'ast> for Middleware {
    fn visit_expr_call(&mut self, call: &'ast syn::ExprCall) {
        if let syn::Expr::Path(function) = &*call.func {
            let name = function.path.segments.last().map(|segment| segment.ident.to_string()).unwrap_or_default();
            let with_state = name.ends_with("_with_state");
            let base = name.trim_end_matches("_with_state");
            if matches!(base, "from_fn" | "map_request" | "map_response") {
                if let Some(handler) = call.args.iter().nth(usize::from(with_state)) {
                    self.handlers.push(handler_of(handler));
                }
            }
        }
        syn::visit::visit_expr_call(self, call);
    }
}
