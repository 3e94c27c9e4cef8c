//! Name resolution within one file: what a path written in the code refers to, after `use`
//! imports, `use ... as` renames, `type` aliases, `extern crate ... as` and the dependency renames
//! of the package's manifest. It follows names only as far as a single file and its package
//! manifest can tell; it never guesses past that.

use std::collections::HashMap;

use syn::visit::{self, Visit};

use super::classify;

/// The names a file brings into scope, from every `use`, `type` and `extern crate` in it. Nested
/// modules and function bodies share one scope: a name is rarely imported twice with different
/// meanings in one file, and a missed import costs a status.
#[derive(Debug, Default)]
pub(crate) struct Scope {
    /// Local name -> the path it stands for.
    names: HashMap<String, Vec<String>>,
    /// Prefixes imported with `use prefix::*`.
    pub(crate) globs: Vec<Vec<String>>,
    /// The modules the file declares, at any depth: a path may start at one. A file declares
    /// few, so a list is quicker to search than a set.
    pub(crate) modules: Vec<String>,
    crate_renames: HashMap<String, String>,
}

impl Scope {
    pub(crate) fn new(crate_renames: &HashMap<String, String>) -> Scope {
        Scope { crate_renames: crate_renames.clone(), ..Scope::default() }
    }

    /// Adds the names an item declares, including those of the modules and functions inside it.
    pub(crate) fn add_item(&mut self, item: &syn::Item) {
        self.visit_item(item);
    }

    /// Whether the file binds `name` with a `use`, a `type` or an `extern crate`.
    pub(crate) fn imports(&self, name: &str) -> bool {
        self.names.contains_key(name)
    }

    /// The full path that `segments` stands for, as far as it can be known. A path whose first
    /// segment is not imported is returned as written (with crate renames applied).
    pub(crate) fn resolve<S: AsRef<str>>(&self, segments: &[S]) -> Vec<String> {
        let mut path: Vec<String> = segments.iter().map(|segment| segment.as_ref().to_string()).collect();
        // `self::Code` names what the module imports as `Code`.
        if path.len() > 1 && path[0] == "self" && self.names.contains_key(&path[1]) {
            path.remove(0);
        }
        // A few rounds follow chains such as `use axum::http; use http::StatusCode as Code;`.
        for _ in 0..4 {
            let Some(first) = path.first() else { break };
            match self.names.get(first) {
                Some(target) if target.len() > 1 || target.first() != Some(first) => {
                    path.splice(0..1, target.iter().cloned());
                }
                _ => break,
            }
        }
        if let Some(first) = path.first_mut() {
            if let Some(real) = self.crate_renames.get(first.as_str()) {
                first.clone_from(real);
            }
        }
        path
    }
}

/// The names a file binds, and the globs it imports, that may stand for a status or for what
/// produces one, so that the items using them are parsed too.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct LeadingNames {
    /// Names bound by a `use`, `type` or `extern crate` to a path that leads to a status:
    /// `Sc` for `use axum::http::StatusCode as Sc;`, `go` for `use warp::redirect::found as go;`,
    /// and a name bound to such a name in turn.
    pub names: Vec<String>,
    /// Whether a glob imports from such a path (`use warp::redirect::*;`): then any bare name may
    /// be one of its helpers.
    pub glob: bool,
}

impl Scope {
    /// The [`LeadingNames`] of this scope: a path leads to a status when `leads` takes its text
    /// (`axum::http::StatusCode`, `crate::codes::TEAPOT` while `TEAPOT` is searched for) or one
    /// of its segments is a name that does. A name `leads` takes by itself is left out: the
    /// items that write it are parsed already.
    pub(crate) fn leading_names(&self, leads: &dyn Fn(&[u8]) -> bool) -> LeadingNames {
        // A name imported under its own name leads to a status only when it is a framework's
        // helper (`use warp::redirect::found;`): `leads` would take it by itself otherwise. Text
        // is searched only for renames and `type`s, which are few.
        let leads_by_itself = |name: &String, target: &Vec<String>| match target.last() {
            Some(last) if last == name => classify::produces(&self.resolve(target)),
            _ => leads(target.join("::").as_bytes()),
        };
        let mut names: Vec<String> = self
            .names
            .iter()
            .filter(|(name, target)| leads_by_itself(name, target))
            .map(|(name, _)| name.clone())
            .collect();
        // Each round adds at least one name or ends: a name bound to a name bound to a status.
        loop {
            let before = names.len();
            for (name, target) in &self.names {
                if !names.contains(name) && target.iter().any(|segment| names.contains(segment)) {
                    names.push(name.clone());
                }
            }
            if names.len() == before {
                break;
            }
        }
        let glob = self
            .globs
            .iter()
            .any(|prefix| leads(prefix.join("::").as_bytes()) || prefix.iter().any(|segment| names.contains(segment)));
        names.retain(|name| !leads(name.as_bytes()));
        names.sort_unstable();
        LeadingNames { names, glob }
    }
}

/// One name a `use` tree brings in, or one glob it imports.
#[derive(Debug)]
pub(crate) struct UseEntry {
    /// The name in scope: `Code` for `use http::StatusCode as Code;`; empty for a glob.
    pub(crate) name: String,
    /// The path the name stands for, or the prefix a glob imports from.
    pub(crate) target: Vec<String>,
    pub(crate) glob: bool,
    /// Where the name, or the `*`, is written.
    pub(crate) span: proc_macro2::Span,
}

/// The names and globs of a `use` tree, as the file writes them: `self` names its prefix
/// (`use a::b::{self}` brings in `b`), and a rename to `_` brings in no name.
pub(crate) fn use_entries(tree: &syn::UseTree) -> Vec<UseEntry> {
    let mut entries = Vec::new();
    walk_use_tree(&mut Vec::new(), tree, &mut entries);
    entries
}

fn walk_use_tree(prefix: &mut Vec<String>, tree: &syn::UseTree, entries: &mut Vec<UseEntry>) {
    let mut entry = |name: String, target: Vec<String>, glob: bool, span: proc_macro2::Span| {
        entries.push(UseEntry { name, target, glob, span });
    };
    match tree {
        syn::UseTree::Path(path) => {
            prefix.push(path.ident.to_string());
            walk_use_tree(prefix, &path.tree, entries);
            prefix.pop();
        }
        syn::UseTree::Name(name) if name.ident == "self" => {
            if let Some(last) = prefix.last() {
                entry(last.clone(), prefix.clone(), false, name.ident.span());
            }
        }
        syn::UseTree::Name(name) => {
            let mut target = prefix.clone();
            target.push(name.ident.to_string());
            entry(name.ident.to_string(), target, false, name.ident.span());
        }
        syn::UseTree::Rename(rename) if rename.rename != "_" => {
            let mut target = prefix.clone();
            if rename.ident != "self" {
                target.push(rename.ident.to_string());
            }
            entry(rename.rename.to_string(), target, false, rename.rename.span());
        }
        syn::UseTree::Rename(_) => {}
        syn::UseTree::Glob(glob) => entry(String::new(), prefix.clone(), true, glob.star_token.span),
        syn::UseTree::Group(group) => {
            for item in &group.items {
                walk_use_tree(prefix, item, entries);
            }
        }
    }
}

impl Visit<'_> for Scope {
    fn visit_item_use(&mut self, item: &syn::ItemUse) {
        for entry in use_entries(&item.tree) {
            if entry.glob {
                self.globs.push(entry.target);
            } else {
                self.names.insert(entry.name, entry.target);
            }
        }
    }

    fn visit_item_type(&mut self, item: &syn::ItemType) {
        if let syn::Type::Path(type_path) = &*item.ty {
            if type_path.qself.is_none() {
                let target = type_path.path.segments.iter().map(|segment| segment.ident.to_string()).collect();
                self.names.insert(item.ident.to_string(), target);
            }
        }
        visit::visit_item_type(self, item);
    }

    fn visit_item_mod(&mut self, item: &syn::ItemMod) {
        let name = item.ident.to_string();
        if !self.modules.contains(&name) {
            self.modules.push(name);
        }
        visit::visit_item_mod(self, item);
    }

    fn visit_item_extern_crate(&mut self, item: &syn::ItemExternCrate) {
        if let Some((_, rename)) = &item.rename {
            self.names.insert(rename.to_string(), vec![item.ident.to_string()]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scope(source: &str) -> Scope {
        let renames = HashMap::from([("web".to_string(), "actix_web".to_string())]);
        let mut scope = Scope::new(&renames);
        for item in &syn::parse_file(source).unwrap().items {
            scope.add_item(item);
        }
        scope
    }

    #[test]
    fn follows_imports_renames_and_aliases() {
        let scope = scope(
            "use axum::http::{self, StatusCode as Code};\n\
             use web::HttpResponse;\n\
             use actix_web::error::*;\n\
             type Status = http::StatusCode;\n\
             fn f() { use warp::redirect as go; }",
        );
        assert_eq!(scope.resolve(&["Code", "OK"]), ["axum", "http", "StatusCode", "OK"]);
        assert_eq!(scope.resolve(&["Status", "OK"]), ["axum", "http", "StatusCode", "OK"]);
        assert_eq!(scope.resolve(&["HttpResponse", "Ok"]), ["actix_web", "HttpResponse", "Ok"]);
        assert_eq!(scope.resolve(&["go"]), ["warp", "redirect"]);
        assert_eq!(scope.resolve(&["StatusCode", "OK"]), ["StatusCode", "OK"]);
        assert_eq!(scope.globs, [vec!["actix_web".to_string(), "error".to_string()]]);
        assert_eq!(scope.resolve(&["self", "Code", "OK"]), ["axum", "http", "StatusCode", "OK"]);
    }

    #[test]
    fn leading_names_are_those_bound_to_a_status_and_not_written_with_one() {
        let bound = scope(
            "use axum::http::StatusCode as Sc;\n\
             use axum::http::StatusCode;\n\
             use crate::codes::TEAPOT as Tea;\n\
             use serde::Serialize as Ser;\n\
             type Again = Sc;\n\
             fn f() { use warp::redirect::found as go; }",
        );
        let leads = |text: &[u8]| {
            let text = String::from_utf8_lossy(text);
            ["StatusCode", "redirect", "TEAPOT"].iter().any(|word| text.contains(word))
        };
        let leading = bound.leading_names(&leads);
        assert_eq!(leading.names, ["Again", "Sc", "Tea", "go"]);
        assert!(!leading.glob);
        assert!(scope("use warp::redirect::*;").leading_names(&leads).glob);
        assert!(!scope("use serde::*;").leading_names(&leads).glob);
    }

    #[test]
    fn a_framework_helper_imported_under_its_own_name_leads() {
        let nothing = |_: &[u8]| false;
        let bound = scope(
            "use rocket::response::status::Created;\n\
             use poem::error::InternalServerError;\n\
             use rocket::http::Status;\n\
             use serde::Serialize;",
        );
        assert_eq!(bound.leading_names(&nothing).names, ["Created", "InternalServerError"]);
    }
}
