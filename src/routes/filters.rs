//! warp filters expanded into routes: every path through the `and`/`or` tree that reaches a
//! handler is an endpoint, with the path segments and the method met on the way, and the
//! `recover` handlers that wrap it. The roots are the filters given to `warp::serve`, or, in a
//! package that serves none, the filters that no other function takes in.

use std::collections::HashSet;

use super::compose::{names_match, Route, Routes};
use super::index::{functions_of, FileIndex, Function};
use super::routers::Handler;
use super::warp::Filter;
use super::Unresolved;

/// How deep filters built by functions may nest before the expansion stops.
const MAX_DEPTH: usize = 32;

/// Paths through an `or` tree multiply; past this many a filter is reported, not expanded.
const MAX_PARTIALS: usize = 4_096;

/// A path through the filter tree so far.
#[derive(Debug, Clone, Default)]
struct Partial {
    segments: Vec<String>,
    method: Option<String>,
    handlers: Vec<Handler>,
}

pub fn routes(files: &[FileIndex], package: usize) -> Routes {
    let functions = functions_of(files, Some(package), |function| !function.filters.is_empty());
    let expander = Expander { functions: &functions };
    let mut routes = Routes::default();
    let served: Vec<_> = functions
        .iter()
        .flat_map(|(file, function)| {
            function.filters.served.iter().map(move |(filter, line)| (file, function, filter, *line))
        })
        .collect();
    let roots: Vec<(&FileIndex, &Function, &Filter, usize)> = if served.is_empty() {
        let mut taken = HashSet::new();
        for (_, function) in &functions {
            let parts = function.filters.returned.iter().chain(function.filters.bound.iter().map(|(_, filter)| filter));
            for filter in parts {
                calls(filter, &mut taken);
            }
        }
        functions
            .iter()
            .filter(|(file, function)| !taken.iter().any(|name| names_match(file, &function.name, name)))
            .filter_map(|(file, function)| {
                function.filters.returned.as_ref().map(|filter| (*file, *function, filter, function.line))
            })
            .collect()
    } else {
        served.into_iter().map(|(file, function, filter, line)| (*file, *function, filter, line)).collect()
    };
    for (file, function, filter, line) in roots {
        let partials = expander.expand(file, function, filter, 0, &mut routes.unresolved);
        for partial in partials {
            let mut handlers = partial.handlers.into_iter();
            let Some(handler) = handlers.next() else { continue };
            routes.routes.push(Route {
                methods: vec![partial.method.unwrap_or_else(|| "ANY".to_string())],
                path: format!("/{}", partial.segments.join("/")),
                handler,
                also: handlers.collect(),
                file: file.path.clone(),
                line,
            });
        }
    }
    routes
}

struct Expander<'a> {
    functions: &'a [(&'a FileIndex, &'a Function)],
}

impl Expander<'_> {
    fn expand(
        &self,
        file: &FileIndex,
        function: &Function,
        filter: &Filter,
        depth: usize,
        unresolved: &mut Vec<Unresolved>,
    ) -> Vec<Partial> {
        if depth > MAX_DEPTH {
            unresolved.push(Unresolved {
                file: file.path.clone(),
                line: function.line,
                reason: "filters nest deeper than the analysis follows".to_string(),
            });
            return Vec::new();
        }
        match filter {
            Filter::And(parts) => {
                let mut partials = vec![Partial::default()];
                for part in parts {
                    let next = self.expand(file, function, part, depth + 1, unresolved);
                    if partials.len() * next.len() > MAX_PARTIALS {
                        unresolved.push(Unresolved {
                            file: file.path.clone(),
                            line: function.line,
                            reason: format!("`{}` combines more routes than the analysis expands", function.name),
                        });
                        return Vec::new();
                    }
                    partials =
                        partials.iter().flat_map(|first| next.iter().map(move |second| join(first, second))).collect();
                }
                partials
            }
            Filter::Or(parts) => {
                parts.iter().flat_map(|part| self.expand(file, function, part, depth + 1, unresolved)).collect()
            }
            Filter::Segments { segments, .. } => vec![Partial { segments: segments.clone(), ..Partial::default() }],
            Filter::Method(method) => vec![Partial { method: Some(method.clone()), ..Partial::default() }],
            Filter::Handler(handler) => vec![Partial { handlers: vec![handler.clone()], ..Partial::default() }],
            Filter::Recover(inner, handler) => {
                let mut partials = self.expand(file, function, inner, depth + 1, unresolved);
                for partial in &mut partials {
                    partial.handlers.push(handler.clone());
                }
                partials
            }
            Filter::Variable(name) => match function.filters.bound.iter().rev().find(|(bound, _)| bound == name) {
                Some((_, bound)) => self.expand(file, function, bound, depth + 1, unresolved),
                // A parameter or a value that does not route (state, a database handle).
                None => vec![Partial::default()],
            },
            Filter::Call(name) => {
                let builders: Vec<_> = self
                    .functions
                    .iter()
                    .filter(|(builder_file, builder)| names_match(builder_file, &builder.name, name))
                    .filter_map(|(builder_file, builder)| {
                        builder.filters.returned.as_ref().map(|filter| (builder_file, builder, filter))
                    })
                    .collect();
                if builders.is_empty() {
                    // A function that builds no route (state, a header) adds nothing.
                    return vec![Partial::default()];
                }
                builders
                    .into_iter()
                    .flat_map(|(builder_file, builder, filter)| {
                        self.expand(builder_file, builder, filter, depth + 1, unresolved)
                    })
                    .collect()
            }
            Filter::Other => vec![Partial::default()],
        }
    }
}

fn join(first: &Partial, second: &Partial) -> Partial {
    let mut joined = first.clone();
    joined.segments.extend(second.segments.iter().cloned());
    joined.method = second.method.clone().or(joined.method);
    joined.handlers.extend(second.handlers.iter().cloned());
    joined
}

/// The functions a filter takes filters from.
fn calls(filter: &Filter, taken: &mut HashSet<String>) {
    match filter {
        Filter::Call(name) => {
            taken.insert(name.clone());
        }
        Filter::And(parts) | Filter::Or(parts) => parts.iter().for_each(|part| calls(part, taken)),
        Filter::Recover(inner, _) => calls(inner, taken),
        _ => {}
    }
}
