//! Finds what to audit: the Cargo packages at a path, the `.rs` files of each, the frameworks each
//! depends on, and the policy each is held to. Manifests are read as TOML files; nothing from the
//! audited workspace is executed, and no cargo command is run, so a pinned toolchain or a broken
//! build script cannot stop the audit.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::ffi::OsStr;
use std::fmt;
use std::fs;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use rayon::prelude::*;

use crate::config::{self, ConfigError, Layer, Policy};
use crate::model::{Framework, ParseFailure};

mod frameworks;
mod manifest;
mod targets;
mod walk;

use manifest::{
    enclosing_workspace, package_context, read_manifest, workspace_members, DependencyNames, Manifest, ManifestFailure,
};
use walk::{walk, Keep, MANIFEST};

/// What to audit, as the user asked for it.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// A workspace or package directory, a `Cargo.toml`, a `.rs` file or any directory.
    pub path: PathBuf,
    /// `--manifest-path`, which wins over `path`.
    pub manifest_path: Option<PathBuf>,
    /// `--config`, used instead of any `status-audit.toml`.
    pub config_file: Option<PathBuf>,
    /// `--approve`, added to every package's list.
    pub approve: Vec<u16>,
    pub include_tests: bool,
}

/// Everything the later stages need, found on disk.
#[derive(Debug, Default)]
pub struct Discovery {
    /// Paths in the report are relative to this directory.
    pub root: PathBuf,
    pub packages: Vec<Package>,
    /// The distinct policies files are held to; [`Discovery::list`] adds those that overrides
    /// make.
    pub policies: Vec<Policy>,
    /// Manifests and directories that could not be read; each becomes a warning.
    pub failures: Vec<(PathBuf, ParseFailure)>,
    /// Packages below the root that depend on a web framework but are not members of the
    /// audited workspace (a nested workspace, a package the workspace excludes).
    pub outside_workspace: Vec<PathBuf>,
    /// Packages of the audited workspace on a web framework the audit does not read, or not at
    /// that version: `(package, "tide")`. Audited or not, as they also depend on one it reads.
    pub unsupported_frameworks: Vec<(String, String)>,
    /// Where [`Discovery::list`] finds the packages' files.
    sources: Sources,
}

/// Where the files of the packages come from.
#[derive(Debug)]
enum Sources {
    /// Walked from a package's directory when its files are asked for, leaving out the
    /// directories of other manifests (their files are their package's): the files of the
    /// whole tree are never held at once.
    Walked {
        /// Every directory below the root that holds a manifest, audited or not.
        manifest_dirs: HashSet<PathBuf>,
        /// Only files below this path are audited: the directory or file the user named inside a
        /// package.
        only_below: Option<PathBuf>,
        /// `--approve`, for the policies that overrides make.
        approve: Layer,
    },
    /// Listed when found: loose files, which no manifest says anything about.
    Listed(Files),
}

impl Default for Sources {
    fn default() -> Self {
        Sources::Listed(Files::default())
    }
}

/// Files to audit, held by name under their directory ([`Files::path`] joins them).
#[derive(Debug, Default)]
pub struct Files {
    /// The directories that hold the files.
    pub dirs: Vec<Box<Path>>,
    pub files: Vec<SourceFile>,
}

/// A package to audit.
#[derive(Debug, Clone)]
pub struct Package {
    pub name: String,
    /// `package.version`, inherited from the workspace where it says so; cargo's `0.0.0` when
    /// left out.
    pub version: String,
    /// `package.edition`, inherited where it says so; cargo's `2015` when left out.
    pub edition: String,
    /// The name and root file of the package's library target, when it has one (`[lib]` or
    /// `src/lib.rs`).
    pub lib: Option<(String, PathBuf)>,
    /// The name and root file of each binary target `[[bin]]` names, and of `src/main.rs`.
    pub bins: Vec<(String, PathBuf)>,
    pub dir: PathBuf,
    pub context: PackageContext,
    /// The package's config sources, weakest first, before `--approve`; those of a workspace
    /// and a config file are shared by its packages.
    pub layers: Vec<Arc<Layer>>,
    /// What files of the package that no override matches are held to: an index into
    /// [`Discovery::policies`].
    pub policy: usize,
    /// The root files of the package's `[[test]]` and `[[bench]]` targets that name a `path`.
    pub test_targets: Vec<PathBuf>,
    /// How many `.rs` files its directory holds, not counting those of packages nested in it,
    /// before any is left out: what the audit plans its batches by.
    pub rust_files: usize,
}

/// What the detector needs to know about the package a file belongs to.
#[derive(Debug, Clone, Default)]
pub struct PackageContext {
    /// The web frameworks among the package's dependencies.
    pub frameworks: Vec<Framework>,
    /// Dependencies whose name in code differs from their crate name: `web` -> `actix_web`.
    pub crate_renames: HashMap<String, String>,
    /// The dependencies that are packages of the tree, by crate name as code writes it
    /// (`api_errors`), to tell which packages can name each other's items.
    pub dependencies: BTreeSet<String>,
    pub include_tests: bool,
    /// The web frameworks among the dependencies that the audit does not read (`tide`), or not
    /// at the version required (`axum 0.9`).
    pub unsupported: Vec<String>,
}

/// A file to audit: its name is held once, at its length, under its directory.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Index into `Files::dirs`.
    pub dir: usize,
    pub name: Box<OsStr>,
    /// Index into `Discovery::packages`.
    pub package: usize,
    /// Index into `Discovery::policies`.
    pub policy: usize,
}

/// Why an audit could not run at all.
#[derive(Debug)]
pub enum DiscoverError {
    NotFound(PathBuf),
    NothingToAudit(PathBuf),
    Config(ConfigError),
    /// A manifest that cargo would refuse too: what is wrong, in cargo's words where it has them.
    Manifest(PathBuf, String),
}

impl fmt::Display for DiscoverError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DiscoverError::NotFound(path) => write!(formatter, "{}: no such file or directory", path.display()),
            DiscoverError::NothingToAudit(path) => {
                write!(formatter, "{}: no Cargo package or Rust file found", path.display())
            }
            DiscoverError::Config(error) => write!(formatter, "{error}"),
            DiscoverError::Manifest(path, message) => write!(formatter, "{}: {message}", path.display()),
        }
    }
}

impl From<ConfigError> for DiscoverError {
    fn from(error: ConfigError) -> Self {
        DiscoverError::Config(error)
    }
}

/// Crates whose presence makes a package server code worth auditing, with the framework each
/// stands for. A package with none of them has no HTTP `StatusCode` of its own.
const WEB_CRATES: &[(&str, Framework)] = &[
    ("axum", Framework::Axum),
    ("axum-core", Framework::Axum),
    ("axum-extra", Framework::Axum),
    ("actix-web", Framework::ActixWeb),
    ("actix-http", Framework::ActixWeb),
    ("warp", Framework::Warp),
    ("http", Framework::Http),
    ("hyper", Framework::Http),
    ("tower-http", Framework::Http),
    ("poem", Framework::Poem),
    ("poem-openapi", Framework::Poem),
    ("rocket", Framework::Rocket),
    ("salvo", Framework::Salvo),
    ("salvo_core", Framework::Salvo),
];

/// Finds the packages and files at the requested path.
pub fn discover(request: &Request) -> Result<Discovery, DiscoverError> {
    let target = request.manifest_path.as_ref().unwrap_or(&request.path);
    let target = fs::canonicalize(target).map_err(|_| DiscoverError::NotFound(target.clone()))?;
    let command_line = command_line_layers(request)?;
    let is_manifest = target.is_file() && target.file_name().is_some_and(|name| name == "Cargo.toml");
    if request.manifest_path.is_some() && !is_manifest {
        let message = "the manifest-path must be a path to a Cargo.toml file".to_string();
        return Err(DiscoverError::Manifest(target, message));
    }

    if target.is_file() && !is_manifest && target.extension().is_none_or(|extension| extension != "rs") {
        return Err(DiscoverError::NothingToAudit(target));
    }
    // A directory or `.rs` file inside a package is audited as part of it (and of its workspace),
    // with its config; only what lies below the target is reported.
    let (manifest_path, only_below) = if is_manifest {
        (Some(target.clone()), None)
    } else if let Some(own) = Some(target.join("Cargo.toml")).filter(|path| target.is_dir() && path.is_file()) {
        (Some(own), None)
    } else {
        match target.ancestors().skip(1).map(|ancestor| ancestor.join("Cargo.toml")).find(|path| path.is_file()) {
            Some(enclosing) => (Some(enclosing), Some(target.clone())),
            None if target.is_file() => {
                let name = Box::from(target.file_name().unwrap_or_default());
                return Ok(loose_files(
                    &target,
                    [(parent(&target).into_boxed_path(), vec![name])],
                    request,
                    &command_line,
                ));
            }
            None => (None, None),
        }
    };
    let (walk_root, report_root, only_workspace) = match manifest_path {
        Some(manifest_path) => {
            let manifest = read_manifest(&manifest_path, &Mutex::default()).map_err(|failure| match failure {
                ManifestFailure::Config(error) => DiscoverError::Config(error),
                ManifestFailure::Syntax(failure) => DiscoverError::Config(ConfigError {
                    path: manifest_path.clone(),
                    position: failure.span.map(|span| (span.line, span.column)),
                    message: failure.message,
                }),
            })?;
            if manifest.package.is_none() && manifest.workspace.is_none() {
                let message = "a manifest with neither [package] nor [workspace] is not a package".to_string();
                return Err(DiscoverError::Manifest(manifest_path, message));
            }
            let package_dir = parent(&manifest_path);
            if let Some(member) = manifest::missing_members(&package_dir, &manifest).first() {
                let message = format!("workspace member `{member}` has no Cargo.toml");
                return Err(DiscoverError::Manifest(manifest_path, message));
            }
            let workspace_root = if manifest.workspace.is_some() {
                package_dir.clone()
            } else {
                enclosing_workspace(&package_dir, &manifest).unwrap_or_else(|| package_dir.clone())
            };
            (workspace_root.clone(), workspace_root.clone(), Some(workspace_root))
        }
        None => (target.clone(), target.clone(), None),
    };

    // Only the manifests are held: each package's files are listed when its batch comes.
    let mut tree = walk(&walk_root, Keep::Manifests, &HashSet::new());
    let mut discovery =
        Discovery { root: report_root.clone(), failures: std::mem::take(&mut tree.failures), ..Discovery::default() };

    let mut manifests: BTreeMap<PathBuf, Manifest> = BTreeMap::new();
    // Read and parsed in parallel: a large workspace has hundreds of manifests.
    let package_dirs: Vec<&Path> = tree.dirs.iter().map(|dir| &*dir.path).collect();
    let crate_names = Mutex::default();
    let read: Vec<Result<Manifest, ManifestFailure>> =
        package_dirs.par_iter().map(|dir| read_manifest(&dir.join(MANIFEST), &crate_names)).collect();
    let crate_names = crate_names.into_inner().unwrap_or_else(PoisonError::into_inner);
    let packages_in_tree: HashSet<String> =
        read.iter().flatten().filter_map(|manifest| Some(manifest.package.as_ref()?.name.replace('-', "_"))).collect();
    for (dir, read) in package_dirs.iter().zip(read) {
        match read {
            Ok(manifest) => {
                manifests.insert(dir.to_path_buf(), manifest);
            }
            Err(ManifestFailure::Syntax(failure)) => {
                discovery.failures.push((dir.join(MANIFEST), failure));
            }
            Err(ManifestFailure::Config(error)) => return Err(error.into()),
        }
    }
    if package_dirs.is_empty() {
        let tree = walk(&walk_root, Keep::Files, &HashSet::new());
        if tree.dirs.is_empty() {
            return Err(DiscoverError::NothingToAudit(target));
        }
        let dirs = tree.dirs.into_iter().map(|dir| (dir.path, dir.rust_files));
        let mut loose = loose_files(&report_root, dirs, request, &command_line);
        loose.failures = discovery.failures;
        return Ok(loose);
    }

    // Which workspace each package belongs to, and so which packages are audited.
    let workspaces: Vec<PathBuf> = match &only_workspace {
        Some(root) => vec![root.clone()],
        None => {
            manifests.iter().filter(|(_, manifest)| manifest.workspace.is_some()).map(|(dir, _)| dir.clone()).collect()
        }
    };
    let members: HashMap<&Path, HashSet<PathBuf>> = workspaces
        .iter()
        .filter_map(|root| Some((root.as_path(), workspace_members(root, manifests.get(root)?, &manifests))))
        .collect();
    // A package's files are those below its directory but not below another manifest's: the
    // files of a package whose manifest is broken, or that is not audited, are not its.
    let manifest_dirs: HashSet<PathBuf> = package_dirs.iter().map(|dir| dir.to_path_buf()).collect();
    let owned: HashMap<&Path, usize> = tree.dirs.iter().map(|dir| (&*dir.path, dir.owned)).collect();
    let mut config_files: HashMap<PathBuf, Option<Arc<Layer>>> = HashMap::new();
    for (dir, manifest) in &manifests {
        let Some(package) = &manifest.package else { continue };
        // The innermost workspace that has the package as a member.
        let workspace = dir
            .ancestors()
            .filter(|ancestor| members.get(ancestor).is_some_and(|members| members.contains(dir)))
            .find_map(|root| manifests.get(root).map(|manifest| (root, manifest)));
        // Asked for one workspace (or one standalone package), only its members are audited.
        let audited = match &only_workspace {
            Some(root) => workspace.is_some() || dir == root,
            None => true,
        };
        let workspace_manifest = workspace.map(|(_, manifest)| manifest);
        let names = DependencyNames { crates: &crate_names, packages_in_tree: &packages_in_tree };
        let context = package_context(manifest, workspace_manifest, names, request.include_tests);
        if !audited && !context.frameworks.is_empty() {
            // A nested workspace is named once, by its root.
            let nested_root = dir
                .ancestors()
                .take_while(|ancestor| *ancestor != report_root.as_path())
                .filter(|ancestor| manifests.get(*ancestor).is_some_and(|manifest| manifest.workspace.is_some()))
                .last();
            let outside = nested_root.map_or_else(|| dir.clone(), Path::to_path_buf);
            if !discovery.outside_workspace.contains(&outside) {
                discovery.outside_workspace.push(outside);
            }
        }
        if audited {
            for framework in &context.unsupported {
                discovery.unsupported_frameworks.push((package.name.to_string(), framework.clone()));
            }
        }
        if !audited || context.frameworks.is_empty() {
            continue;
        }
        let config_root = workspace.map_or(dir.as_path(), |(root, _)| root);
        let file_layer = match &command_line.config_file {
            Some(layer) => Some(layer.clone()),
            // Read once for all the packages of a workspace.
            None => match config_files.get(config_root) {
                Some(found) => found.clone(),
                None => {
                    let found = find_config_file(&[config_root, &report_root])?.map(Arc::new);
                    config_files.insert(config_root.to_path_buf(), found.clone());
                    found
                }
            },
        };
        let layers: Vec<Arc<Layer>> = [
            workspace_manifest.and_then(|manifest| manifest.workspace_config.clone()),
            package.config.clone(),
            file_layer,
        ]
        .into_iter()
        .flatten()
        .collect();
        let policy = discovery.intern(&Policy::resolve(&layers, None, &command_line.approve));
        let inherited = workspace_manifest.and_then(|manifest| manifest.workspace.as_deref());
        let version = package.version.resolve(inherited.and_then(|workspace| workspace.package_version.as_deref()));
        let edition = package.edition.resolve(inherited.and_then(|workspace| workspace.package_edition.as_deref()));
        let lib = targets::library(&package.name, package.lib.as_ref(), dir);
        let bins = targets::binaries(&package.name, &package.bins, dir);
        discovery.packages.push(Package {
            name: package.name.to_string(),
            version: version.unwrap_or("0.0.0").to_string(),
            edition: edition.unwrap_or("2015").to_string(),
            lib,
            bins,
            dir: dir.clone(),
            context,
            policy,
            layers,
            test_targets: manifest.test_targets.clone(),
            rust_files: owned.get(dir.as_path()).copied().unwrap_or_default(),
        });
    }
    discovery.sources = Sources::Walked { manifest_dirs, only_below, approve: command_line.approve };
    Ok(discovery)
}

impl Discovery {
    /// The files of `packages` to audit, walked from their directories (in parallel), or, for
    /// loose files, those found at the start (only once).
    pub fn list(&mut self, packages: &[usize]) -> Files {
        let (manifest_dirs, only_below, approve) = match std::mem::take(&mut self.sources) {
            Sources::Walked { manifest_dirs, only_below, approve } => (manifest_dirs, only_below, approve),
            // Loose files are listed once, for their one package.
            Sources::Listed(files) => return files,
        };
        // Each package's directories, with the files that are audited.
        let kept: Vec<Vec<KeptDir>> = packages
            .par_iter()
            .map(|package| {
                // A directory that cannot be read was a warning when the tree was first walked.
                let tree = walk(&self.packages[*package].dir, Keep::Files, &manifest_dirs);
                let dirs = tree.dirs.into_iter().map(|dir| {
                    let files = dir.rust_files.into_iter().filter_map(|name| {
                        let path = dir.path.join(&*name);
                        let kept = only_below.as_ref().is_none_or(|below| path.starts_with(below))
                            && self.is_audited(*package, &path);
                        kept.then(|| (name, self.own_policy(*package, &path, &approve)))
                    });
                    let files: Vec<_> = files.collect();
                    (dir.path, files)
                });
                dirs.filter(|(_, files)| !files.is_empty()).collect()
            })
            .collect();
        let mut listed = Files::default();
        for (package, dirs) in packages.iter().zip(kept) {
            self.add_files(&mut listed, *package, dirs);
        }
        self.sources = Sources::Walked { manifest_dirs, only_below, approve };
        listed
    }

    /// Whether the file at `path` of `package` is audited: not a build script, not test code
    /// (unless asked for), not excluded by config.
    fn is_audited(&self, package: usize, path: &Path) -> bool {
        let package = &self.packages[package];
        let relative = path.strip_prefix(&package.dir).unwrap_or(path);
        if relative == Path::new("build.rs") {
            return false;
        }
        let is_test_target = matches!(relative.components().next(), Some(Component::Normal(first)) if first == "tests" || first == "benches")
            || in_test_target(path, &package.test_targets);
        (!is_test_target || package.context.include_tests) && !package.layers.iter().any(|layer| layer.excludes(path))
    }

    /// The module a file holds within its crate: `["api", "v1"]` for `src/api/v1.rs`. Worked
    /// out when asked, so that a file that is never parsed costs only its path.
    pub fn module_of(&self, files: &Files, file: &SourceFile) -> Vec<String> {
        let dir = &files.dirs[file.dir];
        let relative = dir.strip_prefix(&self.packages[file.package].dir).unwrap_or(dir);
        module_path(&relative.join(&*file.name))
    }

    /// Adds the `dirs` of `package` to `listed`, each file held to its package's policy, or to
    /// the one overrides give it.
    fn add_files(&mut self, listed: &mut Files, package: usize, dirs: Vec<KeptDir>) {
        let package_policy = self.packages[package].policy;
        for (dir, files) in dirs {
            for (name, own) in files {
                let policy = own.map_or(package_policy, |own| self.intern(&own));
                listed.files.push(SourceFile { dir: listed.dirs.len(), name, package, policy });
            }
            listed.dirs.push(dir);
        }
    }

    /// The policy that overrides give the file at `path` of `package`, if any match it; `None`
    /// when it is held to its package's.
    fn own_policy(&self, package: usize, path: &Path, command_line: &Layer) -> Option<Policy> {
        let layers = &self.packages[package].layers;
        let overridden = layers.iter().flat_map(|layer| &layer.overrides).any(|rule| rule.matches(path));
        overridden.then(|| Policy::resolve(layers, Some(path), command_line))
    }

    /// The index of `policy` in [`Discovery::policies`], added if it is not there yet: files
    /// that end up with the same list share it.
    fn intern(&mut self, policy: &Policy) -> usize {
        match self.policies.iter().position(|known| known == policy) {
            Some(index) => index,
            None => {
                self.policies.push(policy.clone());
                self.policies.len() - 1
            }
        }
    }
}

/// A directory, with the files of it that are audited, each with the policy that overrides give
/// it (`None`: its package's).
type KeptDir = (Box<Path>, Vec<(Box<OsStr>, Option<Policy>)>);

impl Files {
    /// Where a file is.
    pub fn path(&self, file: &SourceFile) -> PathBuf {
        self.dirs[file.dir].join(&*file.name)
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

/// Whether a file belongs to one of the `[[test]]` or `[[bench]]` targets whose root files are
/// given: the root itself, and the modules below it (`src/tests/mod.rs` roots all of
/// `src/tests/`; `tests/api.rs` roots `tests/api/`).
fn in_test_target(file: &Path, roots: &[PathBuf]) -> bool {
    roots.iter().any(|root| {
        let is_directory_root = root.file_stem().is_some_and(|stem| stem == "mod" || stem == "main");
        let module_dir = if is_directory_root { parent(root) } else { root.with_extension("") };
        file == root || file.starts_with(module_dir)
    })
}

/// The module a file holds within its crate, as its place in the package says: `src/lib.rs` and
/// `src/main.rs` are the root, `src/api/mod.rs` is `api` and `src/api/v1.rs` is `api::v1`. Files
/// of `src/bin/`, `examples/`, `tests/` and `benches/` are crate roots of their own, and their
/// directories' files are modules below them.
fn module_path(relative: &Path) -> Vec<String> {
    let mut segments: Vec<String> =
        relative.with_extension("").iter().map(|segment| segment.to_string_lossy().into_owned()).collect();
    let roots: &[&[&str]] = &[&["src", "bin"], &["src"], &["examples"], &["tests"], &["benches"]];
    for root in roots {
        if segments.len() > root.len() && segments.iter().zip(root.iter()).all(|(segment, root)| segment == root) {
            segments.drain(..root.len());
            // `src/bin/tool/main.rs` and `examples/demo/main.rs` are roots too.
            if root.len() > 1 || *root != ["src"] {
                segments.remove(0);
            }
            break;
        }
    }
    if segments.last().is_some_and(|last| matches!(last.as_str(), "mod" | "lib" | "main")) {
        segments.pop();
    }
    segments
}

/// `--config` and `--approve`, read once for every package.
struct CommandLineLayers {
    config_file: Option<Arc<Layer>>,
    approve: Layer,
}

fn command_line_layers(request: &Request) -> Result<CommandLineLayers, DiscoverError> {
    let config_file = match &request.config_file {
        Some(path) => Some(Arc::new(read_config_file(path)?)),
        None => None,
    };
    let approve = Layer { extend_approved: request.approve.iter().copied().collect(), ..Layer::default() };
    Ok(CommandLineLayers { config_file, approve })
}

fn read_config_file(path: &Path) -> Result<Layer, ConfigError> {
    // Override globs are relative to the file's directory, wherever the run started.
    let path = &fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let text = fs::read_to_string(path).map_err(|error| ConfigError {
        path: path.to_path_buf(),
        position: None,
        message: format!("cannot read config file: {error}"),
    })?;
    config::parse_config_file(path, &text)
}

/// The first `status-audit.toml` among `dirs`.
fn find_config_file(dirs: &[&Path]) -> Result<Option<Layer>, ConfigError> {
    for dir in dirs {
        let path = dir.join(config::CONFIG_FILE_NAME);
        if path.is_file() {
            return read_config_file(&path).map(Some);
        }
    }
    Ok(None)
}

/// Audits `.rs` files that belong to no Cargo package, assuming every framework: each directory
/// given with the names of its files.
fn loose_files(
    root: &Path,
    dirs: impl IntoIterator<Item = (Box<Path>, Vec<Box<OsStr>>)>,
    request: &Request,
    command_line: &CommandLineLayers,
) -> Discovery {
    let root = if root.is_file() { parent(root) } else { root.to_path_buf() };
    let layers: Vec<Arc<Layer>> = command_line.config_file.iter().cloned().collect();
    let package = Package {
        name: root.file_name().map_or_else(String::new, |name| name.to_string_lossy().into_owned()),
        version: String::from("0.0.0"),
        edition: String::from("2015"),
        lib: None,
        bins: Vec::new(),
        dir: root.clone(),
        context: PackageContext {
            frameworks: Framework::ALL.to_vec(),
            crate_renames: HashMap::new(),
            dependencies: BTreeSet::new(),
            include_tests: request.include_tests,
            unsupported: Vec::new(),
        },
        policy: 0,
        layers,
        test_targets: Vec::new(),
        rust_files: 0,
    };
    let policies = vec![Policy::resolve(&package.layers, None, &command_line.approve)];
    let mut discovery = Discovery { root, packages: vec![package], policies, ..Discovery::default() };
    let dirs: Vec<KeptDir> = dirs
        .into_iter()
        .map(|(dir, names)| {
            let own = |name: Box<OsStr>| {
                let policy = discovery.own_policy(0, &dir.join(&*name), &command_line.approve);
                (name, policy)
            };
            let files = names.into_iter().map(own).collect();
            (dir, files)
        })
        .collect();
    let mut listed = Files::default();
    discovery.add_files(&mut listed, 0, dirs);
    discovery.packages[0].rust_files = listed.len();
    discovery.sources = Sources::Listed(listed);
    discovery
}

fn parent(path: &Path) -> PathBuf {
    path.parent().map_or_else(PathBuf::new, Path::to_path_buf)
}
