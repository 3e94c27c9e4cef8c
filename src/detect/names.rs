//! Names that cross files: the `const` and `static` items, re-exports and aliases one file
//! defines, and the names another file uses for a status without defining them. Detection of one
//! file leaves such a name open as a [`Reference`]; [`link`] resolves every open name against what
//! the whole workspace defines, through `crate::`, `self::`, `super::` and workspace crate paths,
//! `pub use` re-exports, glob re-exports and `type` aliases. Works on plain data: no syn, no IO.

use std::collections::{BTreeSet, HashMap, HashSet, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::classify::{self, Candidates};
use crate::model::{DynamicUse, Form, Framework, Origin, Span, StatusUse};

/// Something a file defines that a status use elsewhere may name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Definition {
    /// The module it is defined in, relative to its crate's root (`["errors"]` for
    /// `crate::errors`); an associated `const` adds its type's name. Shared by the names a file
    /// defines and uses in one module.
    pub module: Arc<[String]>,
    pub name: String,
    pub value: Value,
    pub span: Span,
    /// A private import (`use axum::http::StatusCode as Sc;`): only its module and the modules
    /// below it, through `use super::*;`, see it, so its name is searched for only there. The
    /// link step resolves it as any alias: code that compiles names it only where it is seen.
    pub private: bool,
}

/// What a defined name stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// A `StatusCode`: `const TEAPOT: StatusCode = StatusCode::IM_A_TEAPOT;`.
    Status(u16),
    /// A number or string that becomes a status where it is converted: `const TEAPOT: u16 = 418;`.
    Code(u16),
    /// Another name, as written in the defining file after its imports: `pub use
    /// http::StatusCode as Code;`, `type Status = StatusCode;`, `const A: StatusCode = B;`.
    Alias(Vec<String>),
    /// Every name of another module: `pub use errors::*;`, or `use crate::codes::*;`.
    Glob(Vec<String>),
    /// A `macro_rules!` that writes `StatusCode::$variable`: the bare constant names its callers
    /// give are statuses.
    StatusMacro,
}

/// A name the file uses where a status is produced, which the file itself cannot resolve.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// The module the use is in, as in [`Definition::module`].
    pub module: Arc<[String]>,
    /// The path as written, after the file's own imports; shared by the file's references
    /// that write the same path.
    pub path: Arc<[String]>,
    pub wants: Wants,
    pub span: Span,
    pub framework: Framework,
    /// Shared with the file's other names used in the same function.
    pub function: Option<Arc<str>>,
}

/// What kind of value makes the reference a status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wants {
    /// A `StatusCode` value: `(TEAPOT, body)`, `Code::GONE`.
    Status,
    /// Anything a status is converted from, or a `StatusCode`: `StatusCode::from_u16(TEAPOT)`,
    /// `.status(TEAPOT)`. A name that resolves to nothing is reported as a dynamic status.
    Code,
    /// The macro a bare constant name is given to (`define_rejection! { #[status = GONE] .. }`),
    /// with that name's code: a status when the macro writes `StatusCode::$variable`.
    MacroArgument(u16),
    /// A function the workspace may re-export from a framework under another name: `Hr::Gone()`
    /// after `pub use actix_web::HttpResponse as Hr;`, `go(uri)` after `pub use
    /// warp::redirect::found as go;`, with the code of its one argument for a constructor, a
    /// literal or a `let` of one (`Code::from_u16(418)`). Nothing when it leads elsewhere: most such calls are the
    /// workspace's own functions.
    Helper(Option<u16>),
}

/// The crates of the tree: the name code writes for each package's crate (`api_errors`), and the
/// packages each package depends on. A crate name in a path resolves only to the package itself
/// or to one it depends on, as in Rust: two workspaces side by side may each have a crate of the
/// same name.
#[derive(Debug, Clone, Default)]
pub struct Crates {
    names: Vec<String>,
    dependencies: Vec<Vec<usize>>,
}

impl Crates {
    /// `names[package]` and `dependencies[package]`, both indexed by package.
    pub fn new(names: Vec<String>, dependencies: Vec<Vec<usize>>) -> Crates {
        Crates { names, dependencies }
    }

    /// Whether the code of package `from` can name the items of package `of`.
    pub fn sees(&self, from: usize, of: usize) -> bool {
        from == of || self.dependencies.get(from).is_some_and(|dependencies| dependencies.contains(&of))
    }

    /// For each package, a package that stands for every package joined to it by dependencies,
    /// either way: names cross from one package to another only within such a set.
    pub fn joined(&self) -> Vec<usize> {
        let mut parent: Vec<usize> = (0..self.names.len()).collect();
        fn root(parent: &mut [usize], mut package: usize) -> usize {
            while parent[package] != package {
                parent[package] = parent[parent[package]];
                package = parent[package];
            }
            package
        }
        for (package, dependencies) in self.dependencies.iter().enumerate() {
            for dependency in dependencies {
                let (mine, theirs) = (root(&mut parent, package), root(&mut parent, *dependency));
                parent[mine.max(theirs)] = mine.min(theirs);
            }
        }
        (0..parent.len()).map(|package| root(&mut parent, package)).collect()
    }

    /// The package that the code of package `from` means by the crate name `name`.
    fn named(&self, from: usize, name: &str) -> Option<usize> {
        let own = std::iter::once(from);
        let dependencies = self.dependencies.get(from).into_iter().flatten().copied();
        own.chain(dependencies).find(|package| self.names.get(*package).is_some_and(|own| own == name))
    }
}

/// One file's open names and definitions, with the crate they belong to.
#[derive(Debug, Clone, Copy)]
pub struct FileNames<'a> {
    pub path: &'a Path,
    /// Index of the file's package; every package is one crate here.
    pub package: usize,
    pub definitions: &'a [Definition],
    pub references: &'a [Reference],
}

/// What the open names of one file resolve to.
#[derive(Debug, Default)]
pub struct Linked {
    pub uses: Vec<StatusUse>,
    pub dynamic: Vec<DynamicUse>,
}

/// Resolves every file's references against every file's definitions.
pub fn link(files: &[FileNames<'_>], crates: &Crates) -> Vec<Linked> {
    let table = Table::new(files, crates);
    // A call leads to a framework's helper only through a chain of aliases that ends in a path
    // of a framework's, the first named by one of its segments: most such calls are the
    // workspace's own functions, and are told apart here without a walk.
    let aliases = framework_aliases(files);
    let may_resolve = |reference: &Reference| {
        !matches!(reference.wants, Wants::Helper(_))
            || reference.path.iter().any(|segment| aliases.contains(segment.as_str()))
    };
    files
        .iter()
        .map(|file| {
            let mut linked = Linked::default();
            for reference in file.references.iter().filter(|reference| may_resolve(reference)) {
                let place = Place { package: file.package, module: reference.module.to_vec() };
                match (table.resolve(&place, &reference.path, 0), reference.wants) {
                    (Some(Resolved::Macro(origin)), Wants::MacroArgument(status)) => {
                        linked.uses.push(table.status_use(file, reference, status, Form::Constant, Some(origin)));
                    }
                    (_, Wants::MacroArgument(_)) => {}
                    (Some(Resolved::External(path, origin)), Wants::Helper(argument)) => {
                        let produced = match classify::classify_path(&path, Candidates::default()) {
                            Some(produced) => Some((produced.status, produced.form)),
                            None if classify::is_status_constructor(&path) => {
                                argument.map(|code| (code, Form::Numeric))
                            }
                            None => None,
                        };
                        if let Some((status, form)) = produced {
                            linked.uses.push(table.status_use(file, reference, status, form, Some(origin)));
                        }
                    }
                    (_, Wants::Helper(_)) => {}
                    (Some(Resolved::Status(status, origin)), _) => {
                        linked.uses.push(table.status_use(file, reference, status, Form::Constant, origin));
                    }
                    (Some(Resolved::Code(status, origin)), Wants::Code) => {
                        linked.uses.push(table.status_use(file, reference, status, Form::Numeric, origin));
                    }
                    (_, Wants::Code) => linked.dynamic.push(DynamicUse {
                        span: reference.span,
                        reason: format!(
                            "`{}` is not a constant this workspace defines, so its value is known only at run time",
                            reference.path.join("::")
                        ),
                        framework: reference.framework,
                        function: reference.function.as_deref().map(ToString::to_string),
                    }),
                    _ => {}
                }
            }
            linked
        })
        .collect()
}

/// What the files scanned so far leave open, for files not parsed yet: names such a file may use
/// for a status (a `const`, an alias of `StatusCode`) or may define (a name no definition
/// resolved), and the modules a glob or an unresolved path leads into.
#[derive(Debug, Default)]
pub struct OpenNames {
    /// `(package, name)`: a name a package defines for a status, which it and the packages that
    /// depend on it may use.
    pub defined: BTreeSet<(usize, String)>,
    /// `(package, name)`: a name a package uses that no definition resolved, which it or one of
    /// its dependencies may define.
    pub wanted: BTreeSet<(usize, String)>,
    /// `(package, module, name)`: a name a private import gives a status in a module, which the
    /// modules below it may use.
    pub defined_below: BTreeSet<(usize, Vec<String>, String)>,
    /// `(package, module)` pairs.
    pub modules: BTreeSet<(usize, Vec<String>)>,
}

pub fn open_names(files: &[FileNames<'_>], crates: &Crates) -> OpenNames {
    let table = Table::new(files, crates);
    let mut open = OpenNames::default();
    let open_module = |place: &Place, path: &[String], open: &mut OpenNames| {
        if let Some((base, rest)) = table.anchor(place, path) {
            let mut module = base.module;
            module.extend(rest.iter().cloned());
            open.modules.insert((base.package, module));
        }
    };
    let mut aliases = Vec::new();
    for file in files {
        for definition in file.definitions {
            let place = Place { package: file.package, module: definition.module.to_vec() };
            match &definition.value {
                Value::Status(_) | Value::Code(_) | Value::StatusMacro => {
                    open.defined.insert((file.package, definition.name.clone()));
                }
                Value::Alias(target) => {
                    aliases.push((file.package, definition, target));
                    // `const TEAPOT: u16 = base::BASE_TEAPOT;` with `BASE_TEAPOT` not found yet:
                    // the file that defines it is wanted too.
                    let names_a_constant = target.last().is_some_and(|last| super::syntax::is_constant_name(last));
                    if names_a_constant && table.resolve(&place, target, 0).is_none() {
                        open.wanted.extend(target.last().map(|last| (file.package, last.clone())));
                        if let Some((_, prefix)) = target.split_last() {
                            if !prefix.is_empty() {
                                open_module(&place, prefix, &mut open);
                            }
                        }
                    }
                }
                Value::Glob(target) => open_module(&place, target, &mut open),
            }
        }
    }
    // An alias of `StatusCode`, of a constant, of a status macro or of a framework's type or
    // helper that produces a status is a name for a status too, and so is an alias of such an
    // alias.
    // The alias may point into another package; any package's name counts here.
    // A private import is searched for only below its module.
    let mut status_names: HashSet<String> = open.defined.iter().map(|(_, name)| name.clone()).collect();
    loop {
        let before = status_names.len();
        for (package, definition, target) in &aliases {
            let Some(last) = target.last() else { continue };
            if !(leads_to_status(target) || status_names.contains(last.as_str())) {
                continue;
            }
            let name = definition.name.clone();
            let added = if definition.private {
                let module = module_of(&definition.module).to_vec();
                open.defined_below.insert((*package, module, name.clone()))
            } else {
                open.defined.insert((*package, name.clone()))
            };
            if added {
                status_names.insert(name);
            }
        }
        if status_names.len() == before {
            break;
        }
    }
    for file in files {
        // A call that may be a helper's is most often the workspace's own function: what it
        // leads to is searched for from the aliases that define helpers, not from the call.
        let references = file.references.iter().filter(|reference| !matches!(reference.wants, Wants::Helper(_)));
        for reference in references {
            let place = Place { package: file.package, module: reference.module.to_vec() };
            if table.resolve(&place, &reference.path, 0).is_some() {
                continue;
            }
            if let (Wants::Code, Some(last)) = (reference.wants, reference.path.last()) {
                open.wanted.insert((file.package, last.clone()));
            }
            if let Some((_, prefix)) = reference.path.split_last() {
                if !prefix.is_empty() {
                    open_module(&place, prefix, &mut open);
                }
            }
        }
    }
    open
}

/// The names of the aliases that lead into a framework's crate, directly or through other
/// aliases: `Hr` for `pub use actix_web::HttpResponse as Hr;`, and `Again` for `pub use
/// crate::defs::Hr as Again;`.
fn framework_aliases<'a>(files: &[FileNames<'a>]) -> HashSet<&'a str> {
    let aliases: Vec<(&str, &[String])> = files
        .iter()
        .flat_map(|file| file.definitions)
        .filter_map(|definition| match &definition.value {
            Value::Alias(target) => Some((definition.name.as_str(), target.as_slice())),
            _ => None,
        })
        .collect();
    let mut leading: HashSet<&str> = aliases
        .iter()
        .filter(|(_, target)| target.first().is_some_and(|root| classify::framework_of_crate(root).is_some()))
        .map(|(name, _)| *name)
        .collect();
    loop {
        let before = leading.len();
        for (name, target) in &aliases {
            if !leading.contains(name) && target.iter().any(|segment| leading.contains(segment.as_str())) {
                leading.insert(name);
            }
        }
        if leading.len() == before {
            return leading;
        }
    }
}

/// Whether an alias of `target` names a status or what produces one: `StatusCode`, a constant,
/// a framework's response type, or a framework's helper (`warp::redirect::found`).
pub(super) fn leads_to_status(target: &[String]) -> bool {
    let Some(last) = target.last() else { return false };
    matches!(last.as_str(), "StatusCode" | "HttpResponse" | "HttpResponseBuilder" | "Redirect")
        || super::syntax::is_constant_name(last)
        || classify::produces(target)
}

/// A scope without the function bodies at its end: the module an item of that scope is in.
fn module_of(scope: &[String]) -> &[String] {
    let functions = scope.iter().rev().take_while(|segment| segment.ends_with("()")).count();
    &scope[..scope.len() - functions]
}

/// How many aliases, re-exports and globs a name is followed through before giving up.
const MAX_HOPS: usize = 8;

/// How many modules a path's next segment is looked for in at once (see [`Table::walk`]).
const MAX_WALKED_MODULES: usize = 16;

/// A module of one crate.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Place {
    package: usize,
    module: Vec<String>,
}

#[derive(Debug, Clone)]
enum Resolved {
    Status(u16, Option<(usize, usize)>),
    Code(u16, Option<(usize, usize)>),
    Macro((usize, usize)),
    /// A path into a framework crate that is not a `StatusCode` constant, reached through the
    /// alias that is the second field.
    External(Vec<String>, (usize, usize)),
}

/// Every definition of the workspace, by module and by name.
struct Table<'a> {
    files: &'a [FileNames<'a>],
    /// `(file, definition)` indices by the module and name they define.
    by_place: HashMap<Place, HashMap<&'a str, (usize, usize)>>,
    /// Glob imports and re-exports by the module they are in.
    globs: HashMap<Place, Vec<Place>>,
    /// Status and code definitions by crate and bare name, for names written without a path.
    by_name: HashMap<(usize, &'a str), Vec<(usize, usize)>>,
    crates: &'a Crates,
}

impl<'a> Table<'a> {
    fn new(files: &'a [FileNames<'a>], crates: &'a Crates) -> Table<'a> {
        let mut globs = Vec::new();
        let mut table =
            Table { files, by_place: HashMap::new(), globs: HashMap::new(), by_name: HashMap::new(), crates };
        for (file_index, file) in files.iter().enumerate() {
            for (index, definition) in file.definitions.iter().enumerate() {
                let place = Place { package: file.package, module: definition.module.to_vec() };
                match definition.value {
                    Value::Glob(_) => globs.push((place, (file_index, index))),
                    Value::Status(_) | Value::Code(_) | Value::StatusMacro => {
                        table
                            .by_name
                            .entry((file.package, definition.name.as_str()))
                            .or_default()
                            .push((file_index, index));
                        table.by_place.entry(place).or_default().insert(definition.name.as_str(), (file_index, index));
                    }
                    Value::Alias(_) => {
                        table.by_place.entry(place).or_default().insert(definition.name.as_str(), (file_index, index));
                    }
                }
            }
        }
        // Where each glob leads, resolved once.
        for (place, found) in globs {
            let Value::Glob(target) = &table.definition(found).value else { continue };
            let Some((base, rest)) = table.anchor(&place, target) else { continue };
            let mut module = base.module;
            module.extend(rest.iter().cloned());
            let target = Place { package: base.package, module };
            if target != place {
                table.globs.entry(place).or_default().push(target);
            }
        }
        table
    }

    fn definition(&self, (file, index): (usize, usize)) -> &'a Definition {
        &self.files[file].definitions[index]
    }

    /// What `path`, written in `place`, stands for.
    fn resolve(&self, place: &Place, path: &[String], hops: usize) -> Option<Resolved> {
        if hops > MAX_HOPS || path.is_empty() {
            return None;
        }
        let (base, rest) = self.anchor(place, path)?;
        if let Some(resolved) = self.walk(&base, rest, hops) {
            return Some(resolved);
        }
        // A bare name is also looked for at the crate's root, then anywhere in the crate when only
        // one item has it: module paths are derived from file paths and may not be exact.
        // A bare name in a function's body is looked for in the enclosing module too.
        if let [_] = path {
            let module = module_of(&place.module);
            if module.len() < place.module.len() {
                let enclosing = Place { package: place.package, module: module.to_vec() };
                if let Some(resolved) = self.walk(&enclosing, path, hops) {
                    return Some(resolved);
                }
            }
        }
        // A name right below a crate's root (`crate::TEAPOT`, `axum_core::__define_rejection`)
        // may be re-exported there by a glob, or by `#[macro_export]`: it too is looked for
        // anywhere in that crate.
        if let [name] = path {
            let root = Place { package: place.package, module: Vec::new() };
            if root != base {
                if let Some(resolved) = self.walk(&root, rest, hops) {
                    return Some(resolved);
                }
            }
            return self.only_one_named(place.package, name, hops);
        }
        match rest {
            [name] if base.module.is_empty() && path.len() == 2 => self.only_one_named(base.package, name, hops),
            _ => None,
        }
    }

    /// The one status, code or status macro a crate defines under `name`, if only one.
    fn only_one_named(&self, package: usize, name: &str, hops: usize) -> Option<Resolved> {
        match self.by_name.get(&(package, name)).map(Vec::as_slice) {
            Some([only]) => self.value_of(*only, &[], hops),
            _ => None,
        }
    }

    /// Where a path starts: `crate::`, `self::`, `super::`, a crate of the tree the package can
    /// name, or the module it is written in.
    fn anchor<'p>(&self, place: &Place, path: &'p [String]) -> Option<(Place, &'p [String])> {
        let first = path.first()?.as_str();
        // Paths name modules; the body of a function is a scope only for a bare name.
        let module = module_of(&place.module);
        match first {
            "crate" => Some((Place { package: place.package, module: Vec::new() }, &path[1..])),
            "self" => Some((Place { package: place.package, module: module.to_vec() }, &path[1..])),
            "super" => {
                let supers = path.iter().take_while(|segment| *segment == "super").count();
                let keep = module.len().checked_sub(supers)?;
                Some((Place { package: place.package, module: module[..keep].to_vec() }, &path[supers..]))
            }
            _ => match self.crates.named(place.package, first) {
                Some(package) if path.len() > 1 => Some((Place { package, module: Vec::new() }, &path[1..])),
                _ if path.len() > 1 => Some((Place { package: place.package, module: module.to_vec() }, path)),
                _ => Some((place.clone(), path)),
            },
        }
    }

    /// Follows `rest` down from `base` one segment at a time, through aliases. A segment that
    /// names no definition may name a module or a type that a glob brings in: `Codes::GONE`
    /// after `use crate::errors::*;` is looked for in `errors::Codes` too.
    fn walk(&self, base: &Place, rest: &[String], hops: usize) -> Option<Resolved> {
        let mut modules = vec![base.clone()];
        for (index, segment) in rest.iter().enumerate() {
            if let Some(found) = modules.iter().find_map(|here| self.lookup(here, segment)) {
                return self.value_of(found, &rest[index + 1..], hops);
            }
            let mut next: Vec<Place> = Vec::new();
            for here in &modules {
                let globbed = self.globs.get(here).into_iter().flatten();
                for place in std::iter::once(here).chain(globbed) {
                    let mut module = place.module.clone();
                    module.push(segment.clone());
                    let deeper = Place { package: place.package, module };
                    if !next.contains(&deeper) {
                        next.push(deeper);
                    }
                }
            }
            // Globs lead to a few modules in real code; a bound keeps a pathological tree linear.
            next.truncate(MAX_WALKED_MODULES);
            modules = next;
        }
        None
    }

    /// The definition of `name` in the module `place`, directly or through its globs, nearest
    /// first. Each module is visited once, so glob imports that lead in circles (`use super::*`
    /// in every child of a module that globs them all) cost one visit per module.
    fn lookup(&self, place: &Place, name: &str) -> Option<(usize, usize)> {
        let direct = |here: &Place| self.by_place.get(here).and_then(|names| names.get(name)).copied();
        if let Some(found) = direct(place) {
            return Some(found);
        }
        let mut visited: HashSet<&Place> = HashSet::from([place]);
        let mut queue: VecDeque<&Place> = VecDeque::from([place]);
        while let Some(here) = queue.pop_front() {
            for target in self.globs.get(here).into_iter().flatten() {
                if !visited.insert(target) {
                    continue;
                }
                if let Some(found) = direct(target) {
                    return Some(found);
                }
                queue.push_back(target);
            }
        }
        None
    }

    /// What a definition, followed by the rest of a path, stands for.
    fn value_of(&self, found: (usize, usize), rest: &[String], hops: usize) -> Option<Resolved> {
        let definition = self.definition(found);
        match (&definition.value, rest) {
            (Value::Status(status), []) => Some(Resolved::Status(*status, Some(found))),
            (Value::Code(code), []) => Some(Resolved::Code(*code, Some(found))),
            (Value::StatusMacro, []) => Some(Resolved::Macro(found)),
            (Value::Alias(target), _) => {
                let mut path = target.clone();
                path.extend(rest.iter().cloned());
                let from = Place { package: self.files[found.0].package, module: definition.module.to_vec() };
                if let Some(resolved) = self.resolve(&from, &path, hops + 1) {
                    return Some(resolved);
                }
                // Outside the workspace: a `StatusCode` constant under its real path, named
                // through this alias, or another path of a framework's.
                match classify::classify_path(&path, Candidates::default()) {
                    Some(produced) if produced.form == Form::Constant => {
                        Some(Resolved::Status(produced.status, Some(found)))
                    }
                    _ => {
                        let root = path.first().map(String::as_str).unwrap_or_default();
                        classify::framework_of_crate(root).is_some().then_some(Resolved::External(path, found))
                    }
                }
            }
            _ => None,
        }
    }

    fn status_use(
        &self,
        file: &FileNames<'_>,
        reference: &Reference,
        status: u16,
        form: Form,
        origin: Option<(usize, usize)>,
    ) -> StatusUse {
        let origin = origin.map(|found| {
            let definition = self.definition(found);
            let path: &Path = self.files[found.0].path;
            let label = match &definition.value {
                Value::Alias(target) => format!("`{}` is `{}`", definition.name, target.join("::")),
                Value::StatusMacro => {
                    format!("the macro `{}` answers with `StatusCode::` and the name it is given", definition.name)
                }
                _ => format!("`{}` is defined as {status} here", definition.name),
            };
            Box::new(Origin { path: (path != file.path).then(|| PathBuf::from(path)), span: definition.span, label })
        });
        StatusUse {
            status,
            span: reference.span,
            form,
            framework: reference.framework,
            function: reference.function.as_deref().map(ToString::to_string),
            origin,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn definition(module: &[&str], name: &str, value: Value) -> Definition {
        Definition {
            module: module.iter().map(ToString::to_string).collect(),
            name: name.to_string(),
            value,
            span: Span::default(),
            private: false,
        }
    }

    fn reference(module: &[&str], path: &str, wants: Wants) -> Reference {
        Reference {
            module: module.iter().map(ToString::to_string).collect(),
            path: path.split("::").map(ToString::to_string).collect(),
            wants,
            span: Span::default(),
            framework: Framework::Axum,
            function: None,
        }
    }

    fn path(text: &str) -> Vec<String> {
        text.split("::").map(ToString::to_string).collect()
    }

    /// The statuses each reference resolves to, and how many became dynamic.
    fn resolve(definitions: Vec<(usize, Definition)>, references: Vec<Reference>) -> (Vec<u16>, usize) {
        let crates = Crates::new(vec!["service".to_string(), "api_errors".to_string()], vec![vec![1], vec![]]);
        let library: Vec<Definition> =
            definitions.iter().filter(|(package, _)| *package == 1).map(|(_, d)| d.clone()).collect();
        let service: Vec<Definition> =
            definitions.iter().filter(|(package, _)| *package == 0).map(|(_, d)| d.clone()).collect();
        let files = [
            FileNames { path: Path::new("service.rs"), package: 0, definitions: &service, references: &references },
            FileNames { path: Path::new("library.rs"), package: 1, definitions: &library, references: &[] },
        ];
        let linked = link(&files, &crates);
        (linked[0].uses.iter().map(|status_use| status_use.status).collect(), linked[0].dynamic.len())
    }

    #[test]
    fn constants_through_paths_reexports_and_globs() {
        let definitions = vec![
            (0, definition(&["codes"], "TEAPOT", Value::Code(418))),
            (0, definition(&[], "LOCKED", Value::Status(423))),
            (0, definition(&["errors"], "GONE_AGAIN", Value::Alias(path("super::codes::GONE")))),
            (0, definition(&["codes"], "GONE", Value::Status(410))),
            (0, definition(&["prelude"], "*", Value::Glob(path("crate::codes")))),
            (1, definition(&[], "Code", Value::Alias(path("http::StatusCode")))),
        ];
        let references = vec![
            reference(&["routes"], "crate::codes::TEAPOT", Wants::Code),
            reference(&["routes"], "super::LOCKED", Wants::Status),
            reference(&["routes"], "TEAPOT", Wants::Code),
            reference(&[], "errors::GONE_AGAIN", Wants::Status),
            reference(&["routes"], "crate::prelude::GONE", Wants::Status),
            reference(&["routes"], "api_errors::Code::IM_A_TEAPOT", Wants::Status),
        ];
        assert_eq!(resolve(definitions, references), (vec![418, 423, 418, 410, 410, 418], 0));
    }

    #[test]
    fn codes_are_not_statuses_and_unknown_codes_are_dynamic() {
        let definitions = vec![(0, definition(&[], "TEAPOT", Value::Code(418)))];
        let references = vec![
            reference(&[], "TEAPOT", Wants::Status),
            reference(&[], "MAX_RETRIES", Wants::Status),
            reference(&[], "config::CODE", Wants::Code),
        ];
        assert_eq!(resolve(definitions, references), (vec![], 1));
    }

    #[test]
    fn a_crate_name_is_the_package_depended_on() {
        // Two workspaces side by side, each with an `api_errors`, and a `billing` no one depends on.
        let names = ["service", "api_errors", "api_errors", "billing"].map(String::from).to_vec();
        let crates = Crates::new(names, vec![vec![1], vec![], vec![], vec![]]);
        let teapot = [definition(&[], "TEAPOT", Value::Status(418))];
        let gone = [definition(&[], "TEAPOT", Value::Status(410))];
        let references =
            [reference(&[], "api_errors::TEAPOT", Wants::Status), reference(&[], "billing::TEAPOT", Wants::Status)];
        let files = [
            FileNames { path: Path::new("service.rs"), package: 0, definitions: &[], references: &references },
            FileNames { path: Path::new("a/errors.rs"), package: 1, definitions: &teapot, references: &[] },
            FileNames { path: Path::new("b/errors.rs"), package: 2, definitions: &gone, references: &[] },
            FileNames { path: Path::new("billing.rs"), package: 3, definitions: &gone, references: &[] },
        ];
        let linked = link(&files, &crates);
        let statuses: Vec<u16> = linked[0].uses.iter().map(|status_use| status_use.status).collect();
        assert_eq!(statuses, [418]);
        let origin = linked[0].uses[0].origin.as_ref().and_then(|origin| origin.path.clone());
        assert_eq!(origin.as_deref(), Some(Path::new("a/errors.rs")));
    }

    #[test]
    fn alias_cycles_end() {
        let definitions = vec![
            (0, definition(&[], "A", Value::Alias(path("B")))),
            (0, definition(&[], "B", Value::Alias(path("A")))),
            (0, definition(&["m"], "*", Value::Glob(path("crate::m")))),
        ];
        let references = vec![reference(&[], "A", Wants::Status), reference(&["m"], "X", Wants::Status)];
        assert_eq!(resolve(definitions, references), (vec![], 0));
    }

    #[test]
    fn helpers_through_aliases_and_types_through_globs() {
        let definitions = vec![
            (0, definition(&["defs"], "Hr", Value::Alias(path("actix_web::HttpResponse")))),
            (0, definition(&["defs"], "go", Value::Alias(path("warp::redirect::found")))),
            (0, definition(&["defs"], "Code", Value::Alias(path("http::StatusCode")))),
            (0, definition(&["defs", "Codes"], "GONE", Value::Status(410))),
            (0, definition(&["handlers"], "*", Value::Glob(path("crate::defs")))),
        ];
        let references = vec![
            reference(&["handlers"], "crate::defs::Hr::ImATeapot", Wants::Helper(None)),
            reference(&["handlers"], "go", Wants::Helper(None)),
            reference(&["handlers"], "crate::defs::Code::from_u16", Wants::Helper(Some(423))),
            reference(&["handlers"], "Codes::GONE", Wants::Status),
            // The workspace's own functions, and a helper's name that leads nowhere, are nothing.
            reference(&["handlers"], "crate::db::query", Wants::Helper(None)),
            reference(&["handlers"], "crate::defs::Hr::build", Wants::Helper(None)),
        ];
        assert_eq!(resolve(definitions, references), (vec![418, 302, 423, 410], 0));
    }
}
