//! Routers composed across a package's functions into routes: a router that no other router
//! nests or merges is a root, and each root is expanded through the functions and `let`s that
//! build its parts, prefixes of `nest` included.

use std::collections::HashSet;
use std::path::PathBuf;

use super::index::{functions_of, FileIndex, Function};
use super::paths::join;
use super::routers::{Base, Handler, Router, RouterCall};
use super::Unresolved;

/// One route of the package: its methods, full path, handler and where it is registered.
#[derive(Debug, Clone)]
pub struct Route {
    pub methods: Vec<String>,
    pub path: String,
    pub handler: Handler,
    /// Other handlers the request goes through: a warp filter's later `map`s and the
    /// `recover` that wraps it.
    pub also: Vec<Handler>,
    /// The file of the router that registers it, for a handler written as a closure.
    pub file: PathBuf,
    pub line: usize,
}

#[derive(Debug, Default)]
pub struct Routes {
    pub routes: Vec<Route>,
    pub unresolved: Vec<Unresolved>,
}

/// How deep routers built by functions may nest before the expansion stops.
const MAX_DEPTH: usize = 32;

pub fn routes(files: &[FileIndex], package: usize) -> Routes {
    let functions = functions_of(files, Some(package), |function| !function.routers.is_empty());
    // A handler may live in another package of the workspace; one of this package is taken
    // first (see `Composer::attributed`).
    let attributed = functions_of(files, None, |function| !function.route_attributes.is_empty());
    // Functions whose router another router takes in, by the name it is called with.
    let (mut taken, mut variables) = (HashSet::new(), HashSet::new());
    for (_, function) in &functions {
        for router in &function.routers {
            parts(router, &mut taken, &mut variables);
        }
    }
    let composer = Composer { functions: &functions, attributed: &attributed };
    let mut routes = Routes::default();
    for (file, function) in &functions {
        if is_taken(file, &function.name, &taken) {
            continue;
        }
        for position in outermost(function) {
            composer.expand(file, function, &function.routers[position], position, "", 0, &mut routes);
        }
    }
    routes
}

struct Composer<'a> {
    /// The functions that build routers.
    functions: &'a [(&'a FileIndex, &'a Function)],
    /// The handlers with route attributes.
    attributed: &'a [(&'a FileIndex, &'a Function)],
}

impl Composer<'_> {
    /// Adds the routes of `router`, written at `position` among the function's routers, under
    /// `prefix`.
    #[allow(clippy::too_many_arguments)]
    fn expand(
        &self,
        file: &FileIndex,
        function: &Function,
        router: &Router,
        position: usize,
        prefix: &str,
        depth: usize,
        out: &mut Routes,
    ) {
        let unresolved = |out: &mut Routes, line: usize, reason: String| {
            out.unresolved.push(Unresolved { file: file.path.clone(), line, reason });
        };
        if depth > MAX_DEPTH {
            return unresolved(out, router.line, "routers nest deeper than the analysis follows".to_string());
        }
        // The routes this router adds, which its layers wrap.
        let first = out.routes.len();
        match &router.base {
            Base::New => {}
            Base::Variable(name) => {
                // The nearest `let` of that name before the router.
                let bound = function.routers[..position.min(function.routers.len())]
                    .iter()
                    .rposition(|other| other.binding.as_deref() == Some(name.as_str()));
                match bound {
                    Some(bound) => {
                        self.expand(file, function, &function.routers[bound], bound, prefix, depth + 1, out);
                    }
                    None => {
                        unresolved(out, router.line, format!("router `{name}` is not built in `{}`", function.name))
                    }
                }
            }
            Base::Call(name) => {
                let builders: Vec<&(&FileIndex, &Function)> = self
                    .functions
                    .iter()
                    .filter(|(file, candidate)| names_match(file, &candidate.name, name))
                    .collect();
                if builders.is_empty() {
                    unresolved(out, router.line, format!("router built by `{name}`, which the analysis cannot follow"));
                }
                for (builder_file, builder) in builders {
                    for position in outermost(builder) {
                        self.expand(
                            builder_file,
                            builder,
                            &builder.routers[position],
                            position,
                            prefix,
                            depth + 1,
                            out,
                        );
                    }
                }
            }
        }
        // What wraps every route of the router, those added after it too.
        let mut wraps_whole: Vec<Handler> = Vec::new();
        for call in &router.calls {
            match call {
                RouterCall::Route { path, line, methods } => {
                    let mut by_handler: Vec<(Vec<String>, &Handler)> = Vec::new();
                    for (method, handler) in methods {
                        match by_handler.iter_mut().find(|(_, known)| *known == handler) {
                            Some((known_methods, _)) => known_methods.push(method.clone()),
                            None => by_handler.push((vec![method.clone()], handler)),
                        }
                    }
                    for (methods, handler) in by_handler {
                        out.routes.push(Route {
                            methods,
                            path: join(prefix, path),
                            handler: handler.clone(),
                            also: Vec::new(),
                            file: file.path.clone(),
                            line: *line,
                        });
                    }
                }
                RouterCall::Nest { prefix: nested, inner } => {
                    self.expand(file, function, inner, position, &join(prefix, nested), depth + 1, out);
                }
                RouterCall::Merge { inner } => self.expand(file, function, inner, position, prefix, depth + 1, out),
                RouterCall::Fallback { line, handler } => out.routes.push(Route {
                    methods: vec!["FALLBACK".to_string()],
                    path: if prefix.is_empty() { "/".to_string() } else { prefix.to_string() },
                    handler: handler.clone(),
                    also: Vec::new(),
                    file: file.path.clone(),
                    line: *line,
                }),
                RouterCall::Attributed { name, line } => {
                    let handlers: Vec<_> = self
                        .attributed
                        .iter()
                        .filter(|(file, handler)| names_match(file, &handler.name, name))
                        .collect();
                    if handlers.is_empty() {
                        unresolved(out, *line, format!("service `{name}` is not a handler with a route attribute"));
                    }
                    for (_, handler) in handlers {
                        for (method, path) in &handler.route_attributes {
                            out.routes.push(Route {
                                methods: vec![method.clone()],
                                path: join(prefix, path),
                                handler: Handler::Named(name.clone()),
                                also: Vec::new(),
                                file: file.path.clone(),
                                line: *line,
                            });
                        }
                    }
                }
                RouterCall::Layer { handlers, start, end, calls, whole } => {
                    let built =
                        Handler::Layer { file: file.path.clone(), start: *start, end: *end, calls: calls.clone() };
                    let wrapping = handlers.iter().cloned().chain([built]);
                    match whole {
                        true => wraps_whole.extend(wrapping),
                        false => out.routes[first..].iter_mut().for_each(|route| route.also.extend(wrapping.clone())),
                    }
                }
                RouterCall::Unresolved { line, reason } => unresolved(out, *line, reason.clone()),
            }
        }
        for route in &mut out.routes[first..] {
            route.also.extend(wraps_whole.iter().cloned());
        }
    }
}

/// The positions of a function's routers that no later router of it takes in: those it
/// answers with. A router bound to a `let` that a later one nests, merges or extends is a part.
fn outermost(function: &Function) -> Vec<usize> {
    let routers = &function.routers;
    (0..routers.len())
        .filter(|position| {
            let Some(name) = &routers[*position].binding else { return true };
            !routers[position + 1..].iter().any(|later| {
                let (mut calls, mut variables) = (HashSet::new(), HashSet::new());
                parts(later, &mut calls, &mut variables);
                variables.contains(name)
            })
        })
        .collect()
}

/// What a router takes routers from: the functions that build them (`Base::Call`) or the
/// `let`s that hold them (`Base::Variable`), by name.
fn parts(router: &Router, calls: &mut HashSet<String>, variables: &mut HashSet<String>) {
    match &router.base {
        Base::Call(name) => calls.insert(name.clone()),
        Base::Variable(name) => variables.insert(name.clone()),
        Base::New => false,
    };
    for call in &router.calls {
        if let RouterCall::Nest { inner, .. } | RouterCall::Merge { inner } = call {
            parts(inner, calls, variables);
        }
    }
}

fn is_taken(file: &FileIndex, function: &str, taken: &HashSet<String>) -> bool {
    taken.iter().any(|name| names_match(file, function, name))
}

/// Whether a function (`api`, `Routes::api`) of `file` is the one a call names (`api`,
/// `routes::api`, `Routes::api`): the last segment matches, and the one before it, when the
/// call has one, names the function's type or its module (or is `self`, `super`, `crate`).
pub fn names_match(file: &FileIndex, function: &str, called: &str) -> bool {
    let (function_owner, function_name) = split(function);
    let (called_owner, called_name) = split(called);
    // `handlers::user::get` is known by its module `user`.
    let called_owner = called_owner.map(|owner| owner.rsplit("::").next().unwrap_or(owner));
    function_name == called_name
        && match (function_owner, called_owner) {
            (_, None) => function_owner.is_none(),
            (_, Some("self" | "super" | "crate")) => function_owner.is_none(),
            (Some(owner), Some(called)) if called.starts_with(char::is_uppercase) => owner == called,
            (None, Some(module)) => file.module.last().is_some_and(|last| last == module),
            (Some(_), Some(_)) => false,
        }
}

fn split(name: &str) -> (Option<&str>, &str) {
    match name.rsplit_once("::") {
        Some((owner, name)) => (Some(owner), name),
        None => (None, name),
    }
}
