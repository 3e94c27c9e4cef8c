//! warp's filters, read at warp 0.3.7 (`filters/path.rs`, `filters/method.rs`, `filter/and.rs`,
//! `or.rs`, `and_then.rs`, `map.rs`, `recover.rs`, `filters/fs.rs`): a filter expression is read
//! as a tree of `and`s and `or`s over path segments (`warp::path("x")`, `path::param::<u32>()`,
//! `path::end()`, `path::tail()`, `warp::path!("x" / u32)`), method filters (`warp::get()`..),
//! handlers (`.and_then(h)`, `.map(h)`, `.then(h)`), `.recover(h)` and filters built by other
//! functions or held in `let`s. Each path from the root to a handler is an endpoint.

use proc_macro2::TokenTree;

use super::index::callee;
use super::routers::{handler_of, Handler};

const METHODS: [&str; 7] = ["get", "post", "put", "delete", "patch", "head", "options"];

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Filter {
    And(Vec<Filter>),
    Or(Vec<Filter>),
    Segments {
        segments: Vec<String>,
        end: bool,
    },
    Method(String),
    Handler(Handler),
    Recover(Box<Filter>, Handler),
    /// A filter built by a function, by its last two segments.
    Call(String),
    Variable(String),
    /// Anything else: a header, a body, a query, state.
    Other,
}

/// The filters a function builds: the one it returns, those bound to `let`s, those served.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    pub returned: Option<Filter>,
    pub bound: Vec<(String, Filter)>,
    /// `warp::serve(filter)`, with its line.
    pub served: Vec<(Filter, usize)>,
}

impl Filters {
    pub fn is_empty(&self) -> bool {
        self.returned.is_none() && self.bound.is_empty() && self.served.is_empty()
    }
}

pub fn filters_in(block: &syn::Block) -> Filters {
    let mut filters = Filters::default();
    for statement in &block.stmts {
        match statement {
            syn::Stmt::Local(local) => {
                let (syn::Pat::Ident(binding), Some(init)) = (strip_type(&local.pat), &local.init) else { continue };
                if let Some(filter) = filter(&init.expr).filter(routes) {
                    filters.bound.push((binding.ident.to_string(), filter));
                }
            }
            syn::Stmt::Expr(expr, None) => filters.returned = filter(expr).filter(routes),
            _ => {}
        }
    }
    let mut finder = Served(&mut filters.served);
    syn::visit::Visit::visit_block(&mut finder, block);
    filters
}

struct Served<'a>(&'a mut Vec<(Filter, usize)>);

impl<'ast> syn::visit::Visit<'ast> for Served<'_> {
    fn visit_expr_call(&mut self, call: &'ast syn::ExprCall) {
        if let syn::Expr::Path(path) = &*call.func {
            let is_serve = path.path.segments.last().is_some_and(|segment| segment.ident == "serve")
                && path.path.segments.iter().any(|segment| segment.ident == "warp");
            if let (true, Some(argument)) = (is_serve, call.args.first()) {
                if let Some(filter) = filter(argument) {
                    use syn::spanned::Spanned;
                    self.0.push((filter, call.span().start().line));
                }
            }
        }
        syn::visit::visit_expr_call(self, call);
    }
}

fn strip_type(pattern: &syn::Pat) -> &syn::Pat {
    match pattern {
        syn::Pat::Type(typed) => &typed.pat,
        other => other,
    }
}

/// Whether a filter routes: it names a path, a method or a handler.
fn routes(filter: &Filter) -> bool {
    match filter {
        Filter::And(parts) | Filter::Or(parts) => parts.iter().any(routes),
        Filter::Segments { .. } | Filter::Method(_) | Filter::Handler(_) | Filter::Recover(..) => true,
        Filter::Call(_) | Filter::Variable(_) | Filter::Other => false,
    }
}

fn filter(expr: &syn::Expr) -> Option<Filter> {
    Some(match expr {
        syn::Expr::MethodCall(call) => {
            let receiver = filter(&call.receiver)?;
            let argument = call.args.first();
            match call.method.to_string().as_str() {
                "and" => Filter::And(vec![receiver, argument.and_then(filter).unwrap_or(Filter::Other)]),
                "or" => Filter::Or(vec![receiver, argument.and_then(filter)?]),
                "and_then" | "map" | "then" => match argument {
                    Some(handler) => Filter::And(vec![receiver, Filter::Handler(handler_of(handler))]),
                    None => receiver,
                },
                "recover" => match argument {
                    Some(handler) => Filter::Recover(Box::new(receiver), handler_of(handler)),
                    None => receiver,
                },
                _ => receiver,
            }
        }
        syn::Expr::Call(call) => {
            let syn::Expr::Path(function) = &*call.func else { return None };
            let names: Vec<String> = function.path.segments.iter().map(|segment| segment.ident.to_string()).collect();
            let last = names.last()?.as_str();
            let warp = names.first().is_some_and(|first| first == "warp") || names.len() > 1 && names[0] == "path";
            match (last, names.len()) {
                ("path", _) if warp || names.len() == 1 => match call.args.first().and_then(string) {
                    Some(segment) => Filter::Segments { segments: vec![segment], end: false },
                    None => Filter::Other,
                },
                ("param", _) if warp => Filter::Segments { segments: vec![param_type(&function.path)], end: false },
                ("end", _) if warp => Filter::Segments { segments: Vec::new(), end: true },
                ("tail", _) if warp => Filter::Segments { segments: vec!["{tail}".to_string()], end: true },
                ("dir", _) if warp => Filter::And(vec![
                    Filter::Method("GET".to_string()),
                    Filter::Segments { segments: vec!["{tail}".to_string()], end: true },
                    Filter::Handler(Handler::service(expr)),
                ]),
                ("file", _) if warp => {
                    Filter::And(vec![Filter::Method("GET".to_string()), Filter::Handler(Handler::service(expr))])
                }
                ("ws", _) if warp => Filter::Method("GET".to_string()),
                (method, _) if warp && METHODS.contains(&method) => Filter::Method(method.to_uppercase()),
                _ if warp => Filter::Other,
                _ => Filter::Call(callee(&function.path)?),
            }
        }
        syn::Expr::Macro(mac) if mac.mac.path.segments.last().is_some_and(|segment| segment.ident == "path") => {
            path_macro(&mac.mac.tokens)
        }
        syn::Expr::Path(path) => Filter::Variable(path.path.get_ident()?.to_string()),
        syn::Expr::Paren(paren) => filter(&paren.expr)?,
        syn::Expr::Reference(reference) => filter(&reference.expr)?,
        _ => return None,
    })
}

fn string(expr: &syn::Expr) -> Option<String> {
    let syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(literal), .. }) = expr else { return None };
    Some(literal.value())
}

/// `param::<u32>()` is `{u32}`; `param()` is `{param}`.
fn param_type(path: &syn::Path) -> String {
    let typed = path.segments.last().and_then(|segment| match &segment.arguments {
        syn::PathArguments::AngleBracketed(arguments) => arguments
            .args
            .first()
            .map(|argument| quote::ToTokens::to_token_stream(argument).to_string().replace(' ', "")),
        _ => None,
    });
    format!("{{{}}}", typed.unwrap_or_else(|| "param".to_string()))
}

/// `path!("a" / u32 / "b")` ends the path; `path!("a" / ..)` leaves it open.
fn path_macro(tokens: &proc_macro2::TokenStream) -> Filter {
    let mut segments = Vec::new();
    let mut end = true;
    let mut current = String::new();
    let flush = |current: &mut String, segments: &mut Vec<String>| {
        if !current.is_empty() {
            segments.push(std::mem::take(current));
        }
    };
    for token in tokens.clone() {
        match token {
            TokenTree::Punct(punct) if punct.as_char() == '/' => flush(&mut current, &mut segments),
            TokenTree::Punct(punct) if punct.as_char() == '.' => end = false,
            TokenTree::Literal(literal) => {
                current = literal.to_string().trim_matches('"').to_string();
            }
            other => {
                let text = other.to_string();
                if current.starts_with('{') {
                    current = format!("{}{text}}}", current.trim_end_matches('}'));
                } else {
                    current = format!("{{{text}}}");
                }
            }
        }
    }
    flush(&mut current, &mut segments);
    Filter::Segments { segments, end }
}
