//! What a handler can answer: the statuses the audit found in it, in the workspace functions it
//! calls (transitively), and in the response conversion of the types it returns (its error
//! type's `IntoResponse::into_response`, `ResponseError::status_code` or `error_response`).
//! A function is known by its name: a path call by its last two segments, a method call only
//! when one method of the caller's package has that name.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use super::compose::{names_match, Route};
use super::index::{FileIndex, Function};
use super::routers::Handler;
use super::{EndpointStatus, StatusKind};
use crate::rules::Rule;
use crate::Audit;

/// The conversions a returned type answers through.
pub(super) const CONVERSIONS: [&str; 3] = ["into_response", "status_code", "error_response"];

/// What a handler's parameter type answers through when it cannot be extracted: axum's
/// `FromRequestParts` / `FromRequest`, actix's `FromRequest`.
const EXTRACTIONS: [&str; 2] = ["from_request_parts", "from_request"];

/// How many functions one handler's search visits at most.
pub(super) const MAX_VISITS: usize = 4_096;

/// The workspace's functions with the statuses found in each.
pub struct Workspace<'a> {
    pub(super) files: &'a [FileIndex],
    /// By last name: `into_response` -> every function of that name.
    by_name: HashMap<&'a str, Vec<(usize, usize)>>,
    /// The statuses found in each function, by file and function index.
    pub(super) found: HashMap<(usize, usize), Vec<Found>>,
    /// Every status the audit found, by file, for code written at a route.
    by_file: &'a HashMap<&'a Path, Vec<Found>>,
    pub(super) aliases: HashMap<&'a str, &'a str>,
}

#[derive(Clone)]
pub struct Found {
    status: Option<u16>,
    approved: Option<bool>,
    line: usize,
    /// Byte offset in its file.
    offset: usize,
    /// For a status a component answers on the code's behalf, the component.
    pub(super) component: Option<&'static crate::implied::catalogue::Component>,
}

impl Found {
    /// Whether it is an extractor's, which answers only for the function whose parameter it
    /// is, not for those that call it.
    pub(super) fn is_extractor(&self) -> bool {
        self.component.is_some_and(|component| component.opt == crate::implied::catalogue::Opt::Extractor)
    }
}

impl<'a> Workspace<'a> {
    /// `found` holds the statuses the audit found, by file (see [`found_by_file`]).
    pub fn new(files: &'a [FileIndex], by_file: &'a HashMap<&'a Path, Vec<Found>>) -> Workspace<'a> {
        let mut by_name: HashMap<&str, Vec<(usize, usize)>> = HashMap::new();
        let mut aliases = HashMap::new();
        let mut found: HashMap<(usize, usize), Vec<Found>> = HashMap::new();
        for (file_index, file) in files.iter().enumerate() {
            for (function_index, function) in file.functions.iter().enumerate() {
                let name = function.name.rsplit("::").next().unwrap_or(&function.name);
                by_name.entry(name).or_default().push((file_index, function_index));
            }
            for (alias, error) in &file.result_aliases {
                aliases.insert(alias.as_str(), error.as_str());
            }
            // Each status belongs to the innermost function that holds it.
            for status in by_file.get(file.path.as_path()).into_iter().flatten() {
                let containing = file
                    .functions
                    .iter()
                    .enumerate()
                    .filter(|(_, function)| (function.start..function.end).contains(&status.offset));
                if let Some((index, _)) = containing.min_by_key(|(_, function)| function.end - function.start) {
                    found.entry((file_index, index)).or_default().push(status.clone());
                }
            }
        }
        Workspace { files, by_name, found, by_file, aliases }
    }

    /// What the server of the `framework` endpoints of these files answers before any handler
    /// runs, from where it is started (`axum::serve`): for every endpoint it serves.
    pub fn server_defaults(&self, framework: crate::model::Framework) -> Vec<EndpointStatus> {
        let mut defaults = Vec::new();
        for file in self.files {
            for found in self.by_file.get(file.path.as_path()).into_iter().flatten() {
                let server = found.component.filter(|component| {
                    component.opt == crate::implied::catalogue::Opt::Server
                        && crate::implied::serves(component, framework)
                });
                if let Some(component) = server {
                    defaults.push(status(found, &file.path, vec![component.path()]));
                }
            }
        }
        defaults
    }

    /// The statuses `route`'s handler can produce, and what could not be followed.
    pub fn statuses(&self, route: &Route, package: usize) -> (Vec<EndpointStatus>, Vec<String>) {
        let mut statuses: Vec<EndpointStatus> = Vec::new();
        let mut unresolved = Vec::new();
        let mut starts: Vec<((usize, usize), Vec<String>)> = Vec::new();
        for handler in std::iter::once(&route.handler).chain(&route.also) {
            match handler {
                Handler::Named(name) => {
                    let found = self.functions(name, package);
                    if found.is_empty() {
                        unresolved.push(format!("handler `{name}` is not a function of the workspace"));
                    }
                    for key in found {
                        let handler = self.function(key);
                        starts.push((key, vec![handler.name.clone()]));
                        // Its extractors run before it.
                        for parameter in &handler.parameters {
                            for extraction in EXTRACTIONS {
                                for extractor in self.methods(parameter, extraction, package) {
                                    starts.push((
                                        extractor,
                                        vec![handler.name.clone(), self.function(extractor).name.clone()],
                                    ));
                                }
                            }
                        }
                    }
                }
                Handler::Inline { start, end, calls, name } => {
                    for found in self.by_file.get(route.file.as_path()).into_iter().flatten() {
                        if (*start..*end).contains(&found.offset) {
                            statuses.push(status(found, &route.file, vec![name.to_string()]));
                        }
                    }
                    for (call, _) in calls {
                        starts.extend(self.callees(call, package).into_iter().map(|key| (key, vec![name.to_string()])));
                    }
                }
                Handler::Layer { file, start, end, calls } => {
                    for found in self.by_file.get(file.as_path()).into_iter().flatten() {
                        if (*start..*end).contains(&found.offset) && !found.is_extractor() {
                            statuses.push(status(found, file, vec!["layer".to_string()]));
                        }
                    }
                    for (call, _) in calls {
                        for key in self.callees(call, package) {
                            starts.push((key, vec!["layer".to_string(), self.function(key).name.clone()]));
                        }
                    }
                }
                Handler::Service { text, start, end } => {
                    // What is written there, and what the components built there answer, is
                    // known; the rest of the service is not followed.
                    let built = self.by_file.get(route.file.as_path()).into_iter().flatten();
                    let answered: Vec<&Found> = built.filter(|found| (*start..*end).contains(&found.offset)).collect();
                    if !answered.iter().any(|found| found.component.is_some()) {
                        unresolved.push(format!("`{text}` is a service, not followed"));
                    }
                    statuses.extend(answered.into_iter().map(|found| status(found, &route.file, vec![text.clone()])));
                }
            }
        }
        // In a response conversion, a status in an arm of a match on variants is produced only
        // when some function on the way makes one of them: `ApiError::Locked =>
        // StatusCode::LOCKED` counts for a handler that writes `ApiError::Locked` (or calls what
        // does), not for every handler of `ApiError`, and the calls in an arm not made are not
        // followed. Elsewhere an arm may match what a library made (`DbError::NotFound`), and
        // stays. Skipping calls can only unmake more arms, so a few walks settle it.
        let mut unmade: HashSet<((usize, usize), usize)> = HashSet::new();
        let mut walk = self.walk(&starts, &unmade);
        for _ in 0..4 {
            let next = self.unmade(&walk);
            if next == unmade {
                break;
            }
            unmade = next;
            walk = self.walk(&starts, &unmade);
        }
        for (key, found, via) in walk.candidates {
            let arms = self.function(key).arms.iter().enumerate();
            let mut covering = arms.filter(|(_, (start, end, _))| (*start..*end).contains(&found.offset));
            if !covering.any(|(arm, _)| unmade.contains(&(key, arm))) {
                statuses.push(status(found, &self.files[key.0].path, via));
            }
        }
        statuses.sort_by(|a, b| (a.status, &a.file, a.line).cmp(&(b.status, &b.file, b.line)));
        statuses.dedup_by(|a, b| (a.status, &a.file, a.line) == (b.status, &b.file, b.line));
        (statuses, unresolved)
    }

    pub(super) fn function(&self, (file, function): (usize, usize)) -> &Function {
        &self.files[file].functions[function]
    }

    /// The method `method` of the type named `owner` (its last segment), exactly: the trait
    /// methods a type answers through (`ApiError::into_response`).
    pub(super) fn methods(&self, owner: &str, method: &str, package: usize) -> Vec<(usize, usize)> {
        let name = format!("{owner}::{method}");
        let mut methods = self.functions(&name, package);
        methods.retain(|key| self.function(*key).name == name);
        methods
    }

    /// The functions a path names, those of `package` first.
    pub(super) fn functions(&self, name: &str, package: usize) -> Vec<(usize, usize)> {
        let last = name.rsplit("::").next().unwrap_or(name);
        let candidates: Vec<(usize, usize)> = self
            .by_name
            .get(last)
            .into_iter()
            .flatten()
            .copied()
            .filter(|key| names_match(&self.files[key.0], &self.function(*key).name, name))
            .collect();
        let own: Vec<(usize, usize)> =
            candidates.iter().copied().filter(|(file, _)| self.files[*file].package == package).collect();
        if own.is_empty() {
            candidates
        } else {
            own
        }
    }

    /// What a call reaches: a path call, or a method call when one method of the package has
    /// that name (the receiver's type is not known).
    pub(super) fn callees(&self, call: &str, package: usize) -> Vec<(usize, usize)> {
        match call.strip_prefix('.') {
            Some(method) => {
                let methods: Vec<(usize, usize)> = self
                    .by_name
                    .get(method)
                    .into_iter()
                    .flatten()
                    .copied()
                    .filter(|key| self.files[key.0].package == package && self.function(*key).name.contains("::"))
                    .collect();
                if methods.len() == 1 {
                    methods
                } else {
                    Vec::new()
                }
            }
            None => self.functions(call, package),
        }
    }
}

/// Every status the audit found, explicit (the inventory) and dynamic, by file.
pub fn found_by_file(audit: &Audit) -> HashMap<&Path, Vec<Found>> {
    let mut by_file: HashMap<&Path, Vec<Found>> = HashMap::new();
    for found in &audit.uses {
        let use_ = &found.status_use;
        by_file.entry(&found.path).or_default().push(Found {
            status: Some(use_.status),
            approved: Some(found.approved),
            line: use_.span.line,
            offset: use_.span.start,
            component: None,
        });
    }
    for found in &audit.implied {
        let component = found.implied.component();
        for (code, _) in found.implied.answers() {
            by_file.entry(&found.path).or_default().push(Found {
                status: Some(code),
                approved: Some(found.approved.contains(&code)),
                line: found.implied.span.line,
                offset: found.implied.span.start,
                component: Some(component),
            });
        }
    }
    for finding in audit.findings.iter().filter(|finding| finding.rule == Rule::DynamicStatus) {
        if let Some(span) = finding.span {
            let dynamic = Found { status: None, approved: None, line: span.line, offset: span.start, component: None };
            by_file.entry(&finding.path).or_default().push(dynamic);
        }
    }
    by_file
}

fn status(found: &Found, file: &Path, via: Vec<String>) -> EndpointStatus {
    EndpointStatus {
        status: found.status,
        kind: match (found.status, found.component) {
            (_, Some(_)) => StatusKind::Implied,
            (Some(_), None) => StatusKind::Explicit,
            (None, None) => StatusKind::Dynamic,
        },
        source: found.component.map(crate::implied::catalogue::Component::path),
        approved: found.approved,
        file: file.to_path_buf(),
        line: found.line,
        via,
    }
}
