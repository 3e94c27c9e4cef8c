//! The endpoints of the audited packages and the statuses each can produce: a stage after the
//! audit. `index` reads every file of the audited packages into plain facts (functions with their
//! spans, calls and return types, the response conversions of the workspace's types, the router
//! expressions); `axum` composes routers into endpoints; `reach` follows each handler through
//! its calls and its error type's conversion, and gathers the statuses the audit found on the
//! way. Nothing here changes what the audit finds.

mod actix;
mod axum;
mod body;
mod chains;
mod compose;
mod filters;
mod index;
mod paths;
mod reach;
mod routers;
mod walk;
mod warp;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::discover::{self, DiscoverError, Request};
use crate::model::Framework;
use crate::{Audit, RunOptions};

pub use index::{FileIndex, Function};

/// Every endpoint found, and what could not be resolved outside of one.
#[derive(Debug, Default)]
pub struct RouteMap {
    pub root: PathBuf,
    pub endpoints: Vec<Endpoint>,
    pub unresolved: Vec<Unresolved>,
}

/// One method and path of the API, and the statuses it can produce.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    /// `GET`, `POST`..., `ANY` for a route that takes every method, `FALLBACK` for a fallback.
    pub method: String,
    /// As the router composes it, parameters written `{name}`.
    pub path: String,
    pub framework: Framework,
    /// The handler as the code names it: `orders::get_order`, or `closure` for one written at
    /// the route.
    pub handler: String,
    /// Where the route is registered: absolute path and 1-based line.
    pub file: PathBuf,
    pub line: usize,
    pub statuses: Vec<EndpointStatus>,
    /// Why some of what the handler does could not be followed.
    pub unresolved: Vec<String>,
}

/// A status an endpoint can produce, where, and the chain of calls that reaches it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct EndpointStatus {
    /// `None` for a status known only at run time.
    pub status: Option<u16>,
    pub kind: StatusKind,
    /// Whether the policy of the file that produces it approves it; `None` for a dynamic one.
    pub approved: Option<bool>,
    pub file: PathBuf,
    pub line: usize,
    /// `create_order`, `reserve`, `? into ApiError`, `ApiError::into_response`.
    pub via: Vec<String>,
    /// For an implied status, the component that answers it: `tower_http::ServeDir::new`.
    pub source: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum StatusKind {
    /// Written in the code, as the audit finds it.
    Explicit,
    /// Known only at run time (the audit's `dynamic-status`).
    Dynamic,
    /// Answered on the code's behalf by a component it uses (the audit's `implied-status`).
    Implied,
}

impl StatusKind {
    pub fn name(self) -> &'static str {
        match self {
            StatusKind::Explicit => "explicit",
            StatusKind::Dynamic => "dynamic",
            StatusKind::Implied => "implied",
        }
    }
}

/// A router or route the analysis could not follow, with why.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Unresolved {
    pub file: PathBuf,
    pub line: usize,
    pub reason: String,
}

/// Audits `request` with every status kept, reads every file of its packages, and maps each
/// endpoint to the statuses it can produce.
pub fn routes(request: &Request, options: RunOptions) -> Result<RouteMap, DiscoverError> {
    let audit = crate::audit(request, RunOptions { inventory: true, ..options })?;
    crate::in_pool(options.jobs, || map(request, &audit))
}

fn map(request: &Request, audit: &Audit) -> Result<RouteMap, DiscoverError> {
    let mut discovery = discover::discover(request)?;
    let found = reach::found_by_file(audit);
    // Names cross only between packages joined by their dependencies: each such set is indexed,
    // mapped and dropped before the next.
    let sets = crate::crates(&discovery).joined();
    let mut members: std::collections::BTreeMap<usize, Vec<usize>> = std::collections::BTreeMap::new();
    for (package, set) in sets.iter().enumerate() {
        members.entry(*set).or_default().push(package);
    }
    let mut map = RouteMap { root: audit.root.clone(), ..RouteMap::default() };
    for packages in members.values() {
        let files = discovery.list(packages);
        let indexed: Vec<FileIndex> = (0..files.len())
            .into_par_iter()
            .filter_map(|index| {
                let file = &files.files[index];
                let path = files.path(file);
                let text = crate::parse::read_text(&path)?;
                let crate_name = discovery.packages[file.package].name.replace('-', "_");
                let module = std::iter::once(crate_name).chain(discovery.module_of(&files, file)).collect();
                index::index_file(&path, file.package, module, &text)
            })
            .collect();
        let workspace = reach::Workspace::new(&indexed, &found);
        for &package in packages {
            let frameworks = &discovery.packages[package].context.frameworks;
            let Some(framework) = [Framework::Axum, Framework::ActixWeb, Framework::Warp]
                .into_iter()
                .find(|framework| frameworks.contains(framework))
            else {
                continue;
            };
            let routes = match framework {
                Framework::Warp => filters::routes(&indexed, package),
                _ => compose::routes(&indexed, package),
            };
            let server = workspace.server_defaults(framework);
            let endpoints: Vec<Vec<Endpoint>> = routes
                .routes
                .par_iter()
                .map(|route| {
                    let (mut statuses, unresolved) = workspace.statuses(route, package);
                    statuses.extend(server.iter().cloned());
                    statuses.sort();
                    let endpoint = |method: &String| Endpoint {
                        method: method.clone(),
                        path: route.path.clone(),
                        framework,
                        handler: route.handler.name(),
                        file: route.file.clone(),
                        line: route.line,
                        statuses: statuses.clone(),
                        unresolved: unresolved.clone(),
                    };
                    route.methods.iter().map(endpoint).collect()
                })
                .collect();
            map.endpoints.extend(endpoints.into_iter().flatten());
            map.unresolved.extend(routes.unresolved);
        }
    }
    map.endpoints.sort_by(|a, b| (&a.path, &a.method, &a.file, a.line).cmp(&(&b.path, &b.method, &b.file, b.line)));
    // A router reached twice (merged in two places) registers its routes once.
    map.endpoints.dedup_by(|later, first| {
        (&later.method, &later.path, &later.handler) == (&first.method, &first.path, &first.handler)
    });
    map.unresolved.sort();
    map.unresolved.dedup();
    Ok(map)
}

/// `path` relative to `root`, with `/`, as the formats write it.
pub fn relative(root: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(root).unwrap_or(path);
    relative.components().map(|component| component.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}
