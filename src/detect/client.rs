//! Code that sends requests rather than answers them: an adapter that hands an HTTP client
//! library the response it received (`impl AsyncHttpClient for ..`, or a function from the
//! library's request to its response) builds a response object with the upstream's status, and
//! none of it is the service's answer. Found by the shape of the item, not by its body.

use super::Detector;

/// Client libraries whose request and response types an adapter takes and returns.
const CLIENT_CRATES: &[&str] = &["openidconnect", "oauth2", "opentelemetry_http", "atrium_xrpc"];

/// The traits by which a client library asks for an HTTP transport.
const CLIENT_TRAITS: &[&str] = &["AsyncHttpClient", "SyncHttpClient", "HttpClient"];

impl Detector<'_> {
    /// Whether an `impl` implements a client library's transport trait.
    pub(super) fn is_client_impl(&self, item: &syn::ItemImpl) -> bool {
        let Some((_, path, _)) = &item.trait_ else { return false };
        let resolved = self.resolve_path(path);
        let is_client_crate = resolved.first().is_some_and(|root| CLIENT_CRATES.contains(&root.as_str()));
        is_client_crate
            || path.segments.last().is_some_and(|last| CLIENT_TRAITS.contains(&last.ident.to_string().as_str()))
    }

    /// Whether a function takes or returns a client library's request or response.
    pub(super) fn is_client_function(&self, signature: &syn::Signature) -> bool {
        let inputs = signature.inputs.iter().filter_map(|input| match input {
            syn::FnArg::Typed(typed) => Some(&*typed.ty),
            syn::FnArg::Receiver(_) => None,
        });
        let output = match &signature.output {
            syn::ReturnType::Type(_, ty) => Some(&**ty),
            syn::ReturnType::Default => None,
        };
        inputs.chain(output).any(|ty| self.names_client_crate(ty))
    }

    /// Whether a type names a client library's type anywhere in it (`Result<oauth2::HttpResponse, E>`).
    fn names_client_crate(&self, ty: &syn::Type) -> bool {
        match ty {
            syn::Type::Path(type_path) => {
                let resolved = self.resolve_path(&type_path.path);
                resolved.first().is_some_and(|root| CLIENT_CRATES.contains(&root.as_str()))
                    || type_path.path.segments.iter().any(|segment| {
                        match &segment.arguments {
                        syn::PathArguments::AngleBracketed(arguments) => arguments.args.iter().any(|argument| {
                            matches!(argument, syn::GenericArgument::Type(inner) if self.names_client_crate(inner))
                        }),
                        _ => false,
                    }
                    })
            }
            syn::Type::Reference(reference) => self.names_client_crate(&reference.elem),
            syn::Type::Paren(inner) => self.names_client_crate(&inner.elem),
            _ => false,
        }
    }
}
