//! Route paths as the endpoint map writes them: parameters as `{name}` whatever the framework's
//! own syntax, and nested paths joined under their prefix.

/// A string literal route path, with parameters written `{name}`.
pub(super) fn literal_path(expr: &syn::Expr) -> Option<String> {
    let syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(literal), .. }) = expr else { return None };
    Some(normalize(&literal.value()))
}

/// `:id` and `*rest` (axum 0.7), `{*rest}` (0.8) become `{id}` and `{rest}`.
pub fn normalize(path: &str) -> String {
    path.split('/')
        .map(|segment| {
            if let Some(name) = segment.strip_prefix(':').or_else(|| segment.strip_prefix('*')) {
                format!("{{{name}}}")
            } else if let Some(name) = segment.strip_prefix("{*") {
                format!("{{{name}")
            } else {
                segment.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// A nested path under its prefix: `/api` and `/orders` make `/api/orders`, `/api` and `/`
/// make `/api`.
pub fn join(prefix: &str, path: &str) -> String {
    match (prefix.trim_end_matches('/'), path) {
        ("", path) => path.to_string(),
        (prefix, "/" | "") => prefix.to_string(),
        (prefix, path) if path.starts_with('/') => format!("{prefix}{path}"),
        (prefix, path) => format!("{prefix}/{path}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_are_written_in_braces_whatever_the_syntax() {
        assert_eq!(normalize("/orders/:id/items/*rest"), "/orders/{id}/items/{rest}");
        assert_eq!(normalize("/files/{*path}"), "/files/{path}");
        assert_eq!(normalize("/orders/{id}"), "/orders/{id}");
    }

    #[test]
    fn nested_paths_join_under_their_prefix() {
        assert_eq!(join("/api", "/orders"), "/api/orders");
        assert_eq!(join("/api/", "/"), "/api");
        assert_eq!(join("", "/orders"), "/orders");
        assert_eq!(join("/api", "orders"), "/api/orders");
    }
}
