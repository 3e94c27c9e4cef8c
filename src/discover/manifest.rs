//! Reads a `Cargo.toml` as TOML for what the audit needs (the package, its dependencies and
//! their crate names, the workspace and its members, the config tables), and works out workspace
//! membership as cargo does. Nothing is run: no build script, no cargo command.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs;
use std::ops::Bound;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use serde::Deserialize;

use super::walk::{walk, Keep, MANIFEST};
use super::{parent, PackageContext, WEB_CRATES};
use crate::config::{self, ConfigError, Layer, RawConfig};
use crate::model::{ParseFailure, Span};

/// The parts of a `Cargo.toml` the audit reads. A large tree has thousands of manifests, all
/// held until the packages are known: what few of them have is boxed.
#[derive(Debug, Default)]
pub(super) struct Manifest {
    pub(super) package: Option<ManifestPackage>,
    pub(super) workspace: Option<Box<ManifestWorkspace>>,
    pub(super) workspace_config: Option<Arc<Layer>>,
    /// Every normal, dev and target dependency.
    pub(super) dependencies: Box<[Dependency]>,
    /// The directories of the path dependencies, which may be members of the workspace.
    pub(super) path_dependencies: Box<[Box<Path>]>,
    /// The dependencies inherited from the workspace (`name.workspace = true`), whose path, if
    /// any, the workspace's manifest gives.
    pub(super) inherited: Box<[Box<str>]>,
    /// The root files of `[[test]]` and `[[bench]]` targets that name a `path`.
    pub(super) test_targets: Vec<PathBuf>,
}

#[derive(Debug)]
pub(super) struct ManifestPackage {
    pub(super) name: Box<str>,
    pub(super) version: Inheritable,
    pub(super) edition: Inheritable,
    /// The `[lib]` table's `name` and `path` (empty when left out); `None` without `[lib]`.
    pub(super) lib: Option<(Box<str>, Box<str>)>,
    /// The `[[bin]]` tables' `name` and `path` (empty when left out).
    pub(super) bins: Vec<(Box<str>, Box<str>)>,
    /// `package.workspace`, pointing at the workspace root explicitly.
    pub(super) workspace: Option<Box<Path>>,
    pub(super) config: Option<Arc<Layer>>,
}

#[derive(Debug, Default)]
pub(super) struct ManifestWorkspace {
    members: Vec<MemberPattern>,
    exclude: Vec<MemberPattern>,
    /// `[workspace.dependencies]`: name -> crate name, for `workspace = true` inheritance.
    dependency_crates: HashMap<String, String>,
    /// `[workspace.dependencies]` version requirements of web frameworks, for inheritance.
    dependency_versions: HashMap<String, Box<str>>,
    /// `[workspace.dependencies]` with a `path`: name -> directory. A member that inherits one
    /// depends on that path, which joins the workspace as cargo has it.
    dependency_paths: HashMap<String, Box<Path>>,
    /// `[workspace.package]` `version` and `edition`, which members may inherit.
    pub(super) package_version: Option<Box<str>>,
    pub(super) package_edition: Option<Box<str>>,
}

/// A `[package]` key a member may take from `[workspace.package]`.
#[derive(Debug)]
pub(super) enum Inheritable {
    Value(Box<str>),
    /// `key.workspace = true`.
    Workspace,
    Absent,
}

impl Inheritable {
    fn of(value: Option<&toml::Value>) -> Inheritable {
        match value {
            Some(toml::Value::String(text)) => Inheritable::Value(Box::from(text.as_str())),
            Some(value) if value.get("workspace").and_then(toml::Value::as_bool) == Some(true) => {
                Inheritable::Workspace
            }
            _ => Inheritable::Absent,
        }
    }

    /// The value, taking the workspace's where the key says so.
    pub(super) fn resolve<'a>(&'a self, workspace: Option<&'a str>) -> Option<&'a str> {
        match self {
            Inheritable::Value(value) => Some(value),
            Inheritable::Workspace => workspace,
            Inheritable::Absent => None,
        }
    }
}

/// A dependency: its name in the manifest, the crate it stands for and whether it is a
/// dev-dependency.
#[derive(Debug)]
pub(super) struct Dependency {
    pub(super) name: CrateName,
    pub(super) source: CrateSource,
    pub(super) dev: bool,
    /// The version requirement of a web framework (`"0.8"`), to tell one newer than the audit
    /// reads; `None` for other crates.
    pub(super) version: Option<Box<str>>,
}

/// Where a dependency's crate name comes from.
#[derive(Debug)]
pub(super) enum CrateSource {
    /// The crate has the dependency's own name.
    Named,
    /// `package = "..."` renames it.
    Renamed(CrateName),
    /// `workspace = true`: `[workspace.dependencies]` says.
    Inherited,
}

/// A name in [`CrateNames`].
#[derive(Debug, Clone, Copy)]
pub(super) struct CrateName(u32);

/// The names manifests give their dependencies, each held once: a large tree has thousands of
/// manifests naming the same few hundred crates. Behind a mutex while manifests are read in
/// parallel.
#[derive(Debug, Default)]
pub(super) struct CrateNames {
    pub(super) ids: HashMap<Arc<str>, CrateName>,
    pub(super) names: Vec<Arc<str>>,
}

impl CrateNames {
    fn intern(&mut self, name: &str) -> CrateName {
        if let Some(id) = self.ids.get(name) {
            return *id;
        }
        // No tree holds four billion distinct crate names: its manifests would not fit in memory.
        let id = CrateName(u32::try_from(self.names.len()).unwrap_or(u32::MAX));
        let name: Arc<str> = Arc::from(name);
        self.names.push(Arc::clone(&name));
        self.ids.insert(name, id);
        id
    }

    fn name(&self, id: CrateName) -> &str {
        self.names.get(id.0 as usize).map_or("", |name| name)
    }
}

/// Raw serde shapes: cargo's own keys are read loosely, ours strictly.
#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
struct RawManifest {
    package: Option<RawPackage>,
    workspace: Option<RawWorkspace>,
    #[serde(default)]
    dependencies: toml::Table,
    #[serde(default)]
    dev_dependencies: toml::Table,
    #[serde(default)]
    target: toml::Table,
    /// `[[test]]` and `[[bench]]` targets, read for their `path`.
    test: Option<toml::Value>,
    bench: Option<toml::Value>,
    lib: Option<toml::Value>,
    bin: Option<toml::Value>,
}

#[derive(Deserialize)]
struct RawPackage {
    name: Option<toml::Value>,
    version: Option<toml::Value>,
    edition: Option<toml::Value>,
    workspace: Option<toml::Value>,
    metadata: Option<RawMetadata>,
}

#[derive(Deserialize)]
struct RawWorkspace {
    members: Option<toml::Value>,
    exclude: Option<toml::Value>,
    dependencies: Option<toml::Table>,
    package: Option<toml::Table>,
    metadata: Option<RawMetadata>,
}

#[derive(Deserialize)]
struct RawMetadata {
    #[serde(rename = "status-audit")]
    status_audit: Option<RawConfig>,
}

pub(super) enum ManifestFailure {
    /// Not TOML: the package is skipped with a warning.
    Syntax(ParseFailure),
    /// Our own metadata is wrong: the run stops.
    Config(ConfigError),
}

pub(super) fn read_manifest(path: &Path, crate_names: &Mutex<CrateNames>) -> Result<Manifest, ManifestFailure> {
    let text = fs::read_to_string(path).map_err(|error| {
        ManifestFailure::Syntax(ParseFailure { message: format!("could not read: {error}"), span: None })
    })?;
    let raw: RawManifest = match toml::from_str(&text) {
        Ok(raw) => raw,
        Err(error) => {
            let failure = config::toml_error(path, &text, &error);
            // Cargo's own keys are read as plain values, so a manifest that is valid TOML can only
            // fail on the status-audit tables.
            return Err(if text.parse::<toml::Table>().is_ok() {
                ManifestFailure::Config(failure)
            } else {
                ManifestFailure::Syntax(ParseFailure {
                    message: format!("invalid TOML: {}", failure.message),
                    span: failure.position.map(|(line, column)| Span {
                        line,
                        column,
                        end_line: line,
                        end_column: column,
                        ..Span::default()
                    }),
                })
            });
        }
    };
    let dir = parent(path);
    let config_of = |metadata: Option<RawMetadata>| -> Result<Option<Arc<Layer>>, ManifestFailure> {
        metadata
            .and_then(|metadata| metadata.status_audit)
            .map(|raw| raw.validate(path, &text).map(Arc::new))
            .transpose()
            .map_err(ManifestFailure::Config)
    };

    let mut manifest = Manifest::default();
    if let Some(package) = raw.package {
        manifest.package = Some(ManifestPackage {
            name: Box::from(package.name.as_ref().and_then(toml::Value::as_str).unwrap_or_default()),
            version: Inheritable::of(package.version.as_ref()),
            edition: Inheritable::of(package.edition.as_ref()),
            lib: raw.lib.as_ref().map(name_and_path),
            bins: raw.bin.as_ref().and_then(toml::Value::as_array).into_iter().flatten().map(name_and_path).collect(),
            workspace: package
                .workspace
                .as_ref()
                .and_then(toml::Value::as_str)
                .map(|relative| normalize(&dir.join(relative)).into_boxed_path()),
            config: config_of(package.metadata)?,
        });
    }
    if let Some(workspace) = raw.workspace {
        let patterns = |value: Option<toml::Value>| -> Vec<MemberPattern> {
            value
                .as_ref()
                .and_then(toml::Value::as_array)
                .map(|items| {
                    items
                        .iter()
                        .filter_map(|item| item.as_str().map(|text| MemberPattern::new(normalize_member(text))))
                        .collect()
                })
                .unwrap_or_default()
        };
        let dependencies = workspace.dependencies.unwrap_or_default();
        manifest.workspace = Some(Box::new(ManifestWorkspace {
            members: patterns(workspace.members),
            exclude: patterns(workspace.exclude),
            dependency_crates: dependencies
                .iter()
                .map(|(name, spec)| (name.clone(), crate_of(name, spec).to_string()))
                .collect(),
            dependency_versions: dependencies
                .iter()
                .filter_map(|(name, spec)| Some((name.clone(), web_version(crate_of(name, spec), spec)?)))
                .collect(),
            dependency_paths: dependencies
                .iter()
                .filter_map(|(name, spec)| {
                    let relative = spec.get("path")?.as_str()?;
                    Some((name.clone(), normalize(&dir.join(relative)).into_boxed_path()))
                })
                .collect(),
            package_version: workspace
                .package
                .as_ref()
                .and_then(|package| package.get("version")?.as_str())
                .map(Box::from),
            package_edition: workspace
                .package
                .as_ref()
                .and_then(|package| package.get("edition")?.as_str())
                .map(Box::from),
        }));
        manifest.workspace_config = config_of(workspace.metadata)?;
    }
    for targets in [&raw.test, &raw.bench] {
        let paths = targets.iter().flat_map(|targets| targets.as_array().into_iter().flatten());
        manifest.test_targets.extend(
            paths.filter_map(|target| target.get("path")?.as_str().map(|relative| normalize(&dir.join(relative)))),
        );
    }
    let mut tables = vec![(raw.dependencies, false), (raw.dev_dependencies, true)];
    for (_, platform) in raw.target {
        let toml::Value::Table(mut platform) = platform else { continue };
        for (key, dev) in [("dependencies", false), ("dev-dependencies", true)] {
            if let Some(toml::Value::Table(table)) = platform.remove(key) {
                tables.push((table, dev));
            }
        }
    }
    let entries = || tables.iter().flat_map(|(table, dev)| table.iter().map(move |(name, spec)| (name, spec, *dev)));
    let mut crate_names = crate_names.lock().unwrap_or_else(PoisonError::into_inner);
    manifest.dependencies = entries()
        .map(|(name, spec, dev)| {
            let source = match crate_of(name, spec) {
                _ if spec.get("workspace").and_then(toml::Value::as_bool) == Some(true) => CrateSource::Inherited,
                crate_name if crate_name == name => CrateSource::Named,
                crate_name => CrateSource::Renamed(crate_names.intern(crate_name)),
            };
            let version = web_version(crate_of(name, spec), spec);
            Dependency { name: crate_names.intern(name), source, dev, version }
        })
        .collect();
    drop(crate_names);
    manifest.path_dependencies = entries()
        .filter_map(|(_, spec, _)| spec.get("path")?.as_str())
        .map(|relative| normalize(&dir.join(relative)).into_boxed_path())
        .collect();
    manifest.inherited = entries()
        .filter(|(_, spec, _)| spec.get("workspace").and_then(toml::Value::as_bool) == Some(true))
        .map(|(name, _, _)| Box::from(name.as_str()))
        .collect();
    Ok(manifest)
}

/// A target table's `name` and `path`, each empty when left out.
fn name_and_path(target: &toml::Value) -> (Box<str>, Box<str>) {
    let key = |key: &str| Box::from(target.get(key).and_then(toml::Value::as_str).unwrap_or_default());
    (key("name"), key("path"))
}

/// The version requirement of a dependency on a web framework: `"0.8"` or `{ version = "0.8" }`.
fn web_version(crate_name: &str, spec: &toml::Value) -> Option<Box<str>> {
    if !super::frameworks::is_web_framework(crate_name) {
        return None;
    }
    let version = spec.as_str().or_else(|| spec.get("version")?.as_str())?;
    Some(Box::from(version))
}

/// The crate a dependency entry names: its `package` key, or its own name.
fn crate_of<'a>(name: &'a str, spec: &'a toml::Value) -> &'a str {
    spec.get("package").and_then(toml::Value::as_str).unwrap_or(name)
}

fn normalize_member(member: &str) -> String {
    member.trim_start_matches("./").trim_end_matches('/').to_string()
}

/// What a package's dependencies are called: the names manifests give them, and the crates that
/// are packages of the tree.
#[derive(Clone, Copy)]
pub(super) struct DependencyNames<'a> {
    pub(super) crates: &'a CrateNames,
    /// By crate name as code writes it.
    pub(super) packages_in_tree: &'a HashSet<String>,
}

pub(super) fn package_context(
    manifest: &Manifest,
    workspace: Option<&Manifest>,
    names: DependencyNames<'_>,
    include_tests: bool,
) -> PackageContext {
    let mut context = PackageContext { include_tests, ..PackageContext::default() };
    for dependency in &manifest.dependencies {
        let name = names.crates.name(dependency.name);
        let crate_name: &str = match &dependency.source {
            CrateSource::Named => name,
            CrateSource::Renamed(crate_name) => names.crates.name(*crate_name),
            CrateSource::Inherited => workspace
                .and_then(|workspace| workspace.workspace.as_ref())
                .and_then(|workspace| workspace.dependency_crates.get(name))
                .map_or(name, String::as_str),
        };
        let name_in_code = name.replace('-', "_");
        let crate_in_code = crate_name.replace('-', "_");
        if names.packages_in_tree.contains(&crate_in_code) {
            context.dependencies.insert(crate_in_code.clone());
        }
        if name_in_code != crate_in_code {
            context.crate_renames.insert(name_in_code, crate_in_code);
        }
        if dependency.dev && !include_tests {
            continue;
        }
        if let Some((_, framework)) = WEB_CRATES.iter().find(|(web_crate, _)| *web_crate == crate_name) {
            if !context.frameworks.contains(framework) {
                context.frameworks.push(*framework);
            }
        }
        let version = match &dependency.source {
            CrateSource::Inherited => workspace
                .and_then(|workspace| workspace.workspace.as_ref())
                .and_then(|workspace| workspace.dependency_versions.get(name))
                .map(|version| &**version),
            _ => dependency.version.as_deref(),
        };
        if let Some(unread) = super::frameworks::unread(crate_name, version) {
            if !context.unsupported.contains(&unread) {
                context.unsupported.push(unread);
            }
        }
    }
    context.unsupported.sort();
    context.frameworks.sort();
    context
}

/// The packages of the workspace rooted at `root`: the root package, the matches of `members`
/// not matched by `exclude`, and, as cargo has it, every path dependency of a member that lives
/// under the root, transitively.
pub(super) fn workspace_members(
    root: &Path,
    workspace: &Manifest,
    manifests: &BTreeMap<PathBuf, Manifest>,
) -> HashSet<PathBuf> {
    let Some(settings) = &workspace.workspace else { return HashSet::new() };
    let is_package = |dir: &Path| manifests.get(dir).is_some_and(|manifest| manifest.package.is_some());
    // The directories below the root come right after it in the map's order.
    let below_root = manifests
        .range::<Path, _>((Bound::Included(root), Bound::Unbounded))
        .map(|(dir, _)| dir)
        .take_while(|dir| dir.starts_with(root));
    let mut members: HashSet<PathBuf> = below_root
        .filter(|dir| is_package(dir))
        .filter(|dir| if *dir == root { workspace.package.is_some() } else { is_listed(root, settings, dir) })
        .cloned()
        .collect();
    // Each member's path dependencies are looked at once, when it joins.
    let mut joined: Vec<PathBuf> = members.iter().cloned().collect();
    while let Some(member) = joined.pop() {
        let Some(manifest) = manifests.get(&member) else { continue };
        let inherited = manifest.inherited.iter().filter_map(|name| settings.dependency_paths.get(&**name));
        for path in manifest.path_dependencies.iter().chain(inherited) {
            let belongs = path.starts_with(root) && is_package(path) && !is_excluded(root, settings, path);
            if belongs && members.insert(path.to_path_buf()) {
                joined.push(path.to_path_buf());
            }
        }
    }
    members
}

/// The `members` entries of the workspace rooted at `root` that name, without a glob, a
/// directory with no `Cargo.toml`: cargo refuses such a workspace.
pub(super) fn missing_members(root: &Path, workspace: &Manifest) -> Vec<String> {
    let Some(settings) = &workspace.workspace else { return Vec::new() };
    settings
        .members
        .iter()
        .filter(|pattern| pattern.glob.is_none() && !pattern.text.contains(['*', '?', '[']))
        .filter(|pattern| !root.join(&pattern.text).join("Cargo.toml").is_file())
        .map(|pattern| pattern.text.clone())
        .collect()
}

fn relative_to(root: &Path, dir: &Path) -> Option<String> {
    Some(dir.strip_prefix(root).ok()?.to_string_lossy().replace('\\', "/"))
}

/// Matched by a `members` entry (a path or a glob) and not excluded.
fn is_listed(root: &Path, settings: &ManifestWorkspace, dir: &Path) -> bool {
    let Some(relative) = relative_to(root, dir) else { return false };
    !is_excluded(root, settings, dir) && settings.members.iter().any(|pattern| pattern.matches(&relative))
}

/// Under an `exclude` entry: the entry itself, a directory below it, or a glob match.
fn is_excluded(root: &Path, settings: &ManifestWorkspace, dir: &Path) -> bool {
    let Some(relative) = relative_to(root, dir) else { return false };
    settings
        .exclude
        .iter()
        .any(|pattern| pattern.matches(&relative) || relative.starts_with(&format!("{}/", pattern.text)))
}

/// A `members` or `exclude` entry of a workspace: a path, or a glob compiled once.
#[derive(Debug, Clone)]
struct MemberPattern {
    text: String,
    /// Only for an entry with a glob character: a compiled glob costs tens of bytes per
    /// character, and most entries are plain paths.
    glob: Option<glob::Pattern>,
}

impl MemberPattern {
    fn new(text: String) -> MemberPattern {
        let has_glob = text.contains(['*', '?', '[']);
        let glob = has_glob.then(|| glob::Pattern::new(&text).ok()).flatten();
        MemberPattern { text, glob }
    }

    fn matches(&self, relative: &str) -> bool {
        // As in cargo, `*` stays within one directory.
        let options = glob::MatchOptions { require_literal_separator: true, ..glob::MatchOptions::default() };
        self.text == relative || self.glob.as_ref().is_some_and(|glob| glob.matches_with(relative, options))
    }
}

/// Resolves `.` and `..` without touching the filesystem.
pub(super) fn normalize(path: &Path) -> PathBuf {
    let mut normalized = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                normalized.pop();
            }
            other => normalized.push(other),
        }
    }
    normalized
}

/// The workspace a package directory belongs to, as cargo finds it: `package.workspace`, or the
/// nearest ancestor manifest with a `[workspace]` that lists the package.
pub(super) fn enclosing_workspace(package_dir: &Path, manifest: &Manifest) -> Option<PathBuf> {
    if let Some(explicit) = manifest.package.as_ref().and_then(|package| package.workspace.as_ref()) {
        return Some(explicit.to_path_buf());
    }
    for ancestor in package_dir.ancestors().skip(1) {
        let candidate = ancestor.join("Cargo.toml");
        if !candidate.is_file() {
            continue;
        }
        let crate_names = Mutex::default();
        let Ok(workspace) = read_manifest(&candidate, &crate_names) else { continue };
        if workspace.workspace.is_none() {
            continue;
        }
        let mut manifests = BTreeMap::new();
        let tree = walk(ancestor, Keep::Manifests, &HashSet::new());
        for dir in &tree.dirs {
            if let Ok(found) = read_manifest(&dir.path.join(MANIFEST), &crate_names) {
                manifests.insert(dir.path.to_path_buf(), found);
            }
        }
        return workspace_members(ancestor, &workspace, &manifests)
            .contains(package_dir)
            .then(|| ancestor.to_path_buf());
    }
    None
}
