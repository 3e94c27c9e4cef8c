//! One file's syntax tree read into the plain facts the endpoint map needs: every function with
//! its byte range, the calls it makes, the error type it returns, and the routers it builds; the
//! file's `type` aliases of a `Result`. Nothing is resolved here.

use std::path::{Path, PathBuf};

use syn::spanned::Spanned;
use syn::visit::Visit;

use super::body::Body;
use super::chains;
use super::routers::Router;

/// What one file holds.
#[derive(Debug, Clone, Default)]
pub struct FileIndex {
    pub path: PathBuf,
    pub package: usize,
    /// The module the file holds, under its crate's name: `["orders", "api"]`.
    pub module: Vec<String>,
    pub functions: Vec<Function>,
    /// `type ApiResult<T> = Result<T, ApiError>;`: the alias and its error type.
    pub result_aliases: Vec<(String, String)>,
}

/// A function or method, with what it calls and returns.
#[derive(Debug, Clone, Default)]
pub struct Function {
    /// `create_order`, or `ApiError::into_response` for a method of an `impl`.
    pub name: String,
    /// Byte range of the whole item in the file.
    pub start: usize,
    pub end: usize,
    pub line: usize,
    /// Calls by path (`reserve`, `OrderService::reserve`, `store::load`: the last two segments)
    /// and by method name (`.reserve(..)` as `.reserve`).
    pub calls: Vec<(String, usize)>,
    /// The type names its return type names: the error of a `Result<_, E>` (or of an alias of
    /// one), the type itself otherwise.
    pub returns: Vec<String>,
    /// The last segment of each parameter's type.
    pub parameters: Vec<String>,
    /// The enum variants it writes as values (`Self::` as its type's name).
    pub constructs: Vec<String>,
    /// Its match arms on variants: byte range and the variants the pattern names.
    pub arms: Vec<(usize, usize, Vec<String>)>,
    /// Whether its body uses `?`.
    pub question_mark: bool,
    /// The routers built in its body.
    pub routers: Vec<Router>,
    /// The methods and paths its route attributes give it (actix's `#[get("/x")]`).
    pub route_attributes: Vec<(String, String)>,
    /// The warp filters it builds.
    pub filters: super::warp::Filters,
}

/// The functions of `files` (those of `package`, when given) that `keep` keeps, each with its
/// file.
pub fn functions_of(
    files: &[FileIndex],
    package: Option<usize>,
    keep: impl Fn(&Function) -> bool,
) -> Vec<(&FileIndex, &Function)> {
    files
        .iter()
        .filter(|file| package.is_none_or(|package| file.package == package))
        .flat_map(|file| file.functions.iter().map(move |function| (file, function)))
        .filter(|(_, function)| keep(function))
        .collect()
}

/// Reads a file's text into its facts. Its spans are plain data once this returns.
pub fn index_file(path: &Path, package: usize, module: Vec<String>, text: &str) -> Option<FileIndex> {
    let tree = crate::parse::syntax_tree(text);
    let file = tree.map(|tree| {
        let file = FileIndex { path: path.to_path_buf(), package, module, ..FileIndex::default() };
        let mut indexer = Indexer { file, owner: None };
        indexer.visit_file(&tree);
        indexer.file
    });
    // proc-macro2 keeps every parsed text for span lookups until told otherwise.
    proc_macro2::extra::invalidate_current_thread_spans();
    file
}

struct Indexer {
    file: FileIndex,
    /// The self type of the `impl` being read, or the trait.
    owner: Option<String>,
}

impl Indexer {
    /// `Self::NotFound` as `ApiError::NotFound` in an `impl ApiError`.
    fn own_type(&self, variants: Vec<String>) -> Vec<String> {
        let Some(owner) = &self.owner else { return variants };
        variants
            .into_iter()
            .map(|variant| match variant.strip_prefix("Self::") {
                Some(name) => format!("{owner}::{name}"),
                None => variant,
            })
            .collect()
    }

    fn function(
        &mut self,
        item: &dyn Spanned,
        attributes: &[syn::Attribute],
        signature: &syn::Signature,
        block: &syn::Block,
    ) {
        let name = signature.ident.to_string();
        let span = item.span();
        let range = span.byte_range();
        let mut body = Body::default();
        body.visit_block(block);
        let name = match &self.owner {
            Some(owner) => format!("{owner}::{name}"),
            None => name.to_string(),
        };
        let returns = match &signature.output {
            syn::ReturnType::Type(_, ty) => returned_types(ty),
            syn::ReturnType::Default => Vec::new(),
        };
        // The types of its parameters, whose extraction may answer for it (an extractor's
        // `from_request_parts`).
        let parameters = signature
            .inputs
            .iter()
            .filter_map(|input| match input {
                syn::FnArg::Typed(typed) => last_segment(&typed.ty),
                syn::FnArg::Receiver(_) => None,
            })
            .collect();
        // `cfg: &mut web::ServiceConfig`.
        let configs: Vec<String> = signature
            .inputs
            .iter()
            .filter_map(|input| match input {
                syn::FnArg::Typed(typed)
                    if quote::ToTokens::to_token_stream(&typed.ty).to_string().contains("ServiceConfig") =>
                {
                    match &*typed.pat {
                        syn::Pat::Ident(binding) => Some(binding.ident.to_string()),
                        _ => None,
                    }
                }
                _ => None,
            })
            .collect();
        let routers = chains::routers_in(block, &configs);
        self.file.functions.push(Function {
            name,
            start: range.start,
            end: range.end,
            line: span.start().line,
            calls: body.calls,
            returns,
            parameters,
            question_mark: body.question_mark,
            constructs: self.own_type(body.constructs),
            arms: body.arms.into_iter().map(|(start, end, variants)| (start, end, self.own_type(variants))).collect(),
            routers,
            route_attributes: super::actix::route_attributes(attributes),
            filters: super::warp::filters_in(block),
        });
    }
}

impl<'ast> Visit<'ast> for Indexer {
    fn visit_item_fn(&mut self, item: &'ast syn::ItemFn) {
        let owner = self.owner.take();
        self.function(item, &item.attrs, &item.sig, &item.block);
        syn::visit::visit_item_fn(self, item);
        self.owner = owner;
    }

    fn visit_item_impl(&mut self, item: &'ast syn::ItemImpl) {
        let owner = std::mem::replace(&mut self.owner, last_segment(&item.self_ty));
        syn::visit::visit_item_impl(self, item);
        self.owner = owner;
    }

    fn visit_item_trait(&mut self, item: &'ast syn::ItemTrait) {
        let owner = self.owner.replace(item.ident.to_string());
        syn::visit::visit_item_trait(self, item);
        self.owner = owner;
    }

    fn visit_impl_item_fn(&mut self, item: &'ast syn::ImplItemFn) {
        self.function(item, &item.attrs, &item.sig, &item.block);
        syn::visit::visit_impl_item_fn(self, item);
    }

    fn visit_trait_item_fn(&mut self, item: &'ast syn::TraitItemFn) {
        if let Some(block) = &item.default {
            self.function(item, &item.attrs, &item.sig, block);
        }
        syn::visit::visit_trait_item_fn(self, item);
    }

    /// `cfg_if!`, `cfg_select!` and the like hold items in braces: each block that parses as
    /// items is read as such.
    fn visit_item_macro(&mut self, item: &'ast syn::ItemMacro) {
        for token in item.mac.tokens.clone() {
            if let proc_macro2::TokenTree::Group(group) = token {
                if group.delimiter() == proc_macro2::Delimiter::Brace {
                    if let Ok(items) = syn::parse2::<syn::File>(group.stream()) {
                        self.visit_file(&items);
                    }
                }
            }
        }
    }

    fn visit_item_type(&mut self, item: &'ast syn::ItemType) {
        let Some(error) = result_error(&item.ty) else { return };
        // `type Result<T, E = Error> = std::result::Result<T, E>;`: the parameter's default.
        let default =
            item.generics.type_params().find(|param| param.ident == error).map(|param| param.default.as_ref());
        let error = match default {
            Some(Some(default)) => last_segment(default),
            Some(None) => None,
            None => Some(error),
        };
        if let Some(error) = error {
            self.file.result_aliases.push((item.ident.to_string(), error));
        }
    }
}

/// A called path's last two segments: `OrderService::reserve`, `reserve`.
pub(super) fn callee(path: &syn::Path) -> Option<String> {
    let mut segments = path.segments.iter().rev();
    let last = segments.next()?.ident.to_string();
    Some(match segments.next() {
        Some(owner) => format!("{}::{last}", owner.ident),
        None => last,
    })
}

/// The last segment of a type's path: `ApiError` for `crate::error::ApiError`.
pub(super) fn last_segment(ty: &syn::Type) -> Option<String> {
    match ty {
        syn::Type::Path(path) => path.path.segments.last().map(|segment| segment.ident.to_string()),
        syn::Type::Reference(reference) => last_segment(&reference.elem),
        syn::Type::Paren(paren) => last_segment(&paren.elem),
        _ => None,
    }
}

/// The error type of `Result<T, E>`, by the last segment of `E`.
fn result_error(ty: &syn::Type) -> Option<String> {
    let syn::Type::Path(path) = ty else { return None };
    let segment = path.path.segments.last()?;
    if segment.ident != "Result" {
        return None;
    }
    let syn::PathArguments::AngleBracketed(arguments) = &segment.arguments else { return None };
    match arguments.args.iter().nth(1)? {
        syn::GenericArgument::Type(error) => last_segment(error),
        _ => None,
    }
}

/// What a return type says a function answers with: the error of a `Result`, or the type, and
/// the first argument of a generic (an alias `ApiResult<T>` is resolved later).
fn returned_types(ty: &syn::Type) -> Vec<String> {
    if let Some(error) = result_error(ty) {
        return vec![error];
    }
    let mut types: Vec<String> = last_segment(ty).into_iter().collect();
    if let syn::Type::Tuple(tuple) = ty {
        types.extend(tuple.elems.iter().filter_map(last_segment));
    }
    types
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arms_on_variants_cover_their_bodies_and_values_name_their_variants() {
        let text = "impl IntoResponse for ApiError {\n    fn into_response(self) -> Response {\n        match self {\n            ApiError::Gone => (StatusCode::GONE, \"gone\").into_response(),\n            Self::Locked { .. } | ApiError::Busy(_) => StatusCode::LOCKED.into_response(),\n            _ => StatusCode::BAD_REQUEST.into_response(),\n        }\n    }\n}\nfn handler() -> Result<(), ApiError> { Err(ApiError::Gone) }\n";
        let file = index_file(Path::new("input.rs"), 0, Vec::new(), text).expect("parses");
        let convert = &file.functions[0];
        assert_eq!(convert.name, "ApiError::into_response");
        let gone = text.find("StatusCode::GONE").unwrap();
        let locked = text.find("StatusCode::LOCKED").unwrap();
        let covering = |offset: usize| -> Vec<&Vec<String>> {
            convert
                .arms
                .iter()
                .filter(|(start, end, _)| (*start..*end).contains(&offset))
                .map(|(_, _, variants)| variants)
                .collect()
        };
        assert_eq!(covering(gone), [&vec!["ApiError::Gone".to_string()]]);
        assert_eq!(covering(locked), [&vec!["ApiError::Locked".to_string(), "ApiError::Busy".to_string()]]);
        assert!(covering(text.find("StatusCode::BAD_REQUEST").unwrap()).is_empty());
        assert!(file.functions[1].constructs.contains(&"ApiError::Gone".to_string()));
        // A pattern does not make the variant it matches.
        assert!(
            !convert.constructs.iter().any(|variant| variant.starts_with("ApiError::")),
            "{:?}",
            convert.constructs
        );
    }
}
