//! axum's method routers, read at axum 0.8.9 (`axum/src/routing/method_routing.rs`):
//! `get(h)`, `get(h).post(h2)`, `on(MethodFilter::GET, h)`, `any(h)`, `get_service(s)`.

use super::routers::{handler_of, text_of, Handler};

const METHODS: [&str; 9] = ["get", "post", "put", "delete", "patch", "head", "options", "trace", "connect"];

/// `get(h)`, `get(h).post(h2)`, `on(MethodFilter::GET, h)`, `any(h)`, `get_service(s)`.
pub(super) fn method_router(expr: &syn::Expr) -> Result<Vec<(String, Handler)>, String> {
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
                    call.args.first().map_or_else(|| Handler::service(expr), Handler::service),
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
                    Ok(vec![("ANY".to_string(), first.map_or_else(|| Handler::service(expr), Handler::service))])
                }
                "on" => Ok(on(&call.args)),
                method if METHODS.contains(&method) => {
                    Ok(first.map(|handler| (method.to_uppercase(), handler_of(handler))).into_iter().collect())
                }
                method => match method.strip_suffix("_service").filter(|method| METHODS.contains(method)) {
                    Some(method) => Ok(vec![(
                        method.to_uppercase(),
                        first.map_or_else(|| Handler::service(expr), Handler::service),
                    )]),
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
