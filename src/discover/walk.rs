//! Walks a tree for what discovery reads: the directories that hold a manifest, with how many
//! `.rs` files each owns, or the `.rs` files themselves, skipping build output and hidden
//! directories. It lists directories and opens no file.

use std::collections::HashSet;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::model::ParseFailure;

/// What a walk found below a root, skipping build output and hidden directories.
#[derive(Debug, Default)]
pub(super) struct Tree {
    /// When only manifests are kept, the directories that hold one; when files are kept, those
    /// that hold `.rs` files, each with its files sorted by name (a directory whose files come in
    /// runs between its subdirectories' is listed once per run).
    pub(super) dirs: Vec<TreeDir>,
    /// When only manifests are kept: the `.rs` files that no manifest below the root owns.
    pub(super) unowned: usize,
    pub(super) failures: Vec<(PathBuf, ParseFailure)>,
}

/// A directory and what the audit reads in it. Files are held by name: a large tree has tens of
/// thousands, most of them in packages that are not audited.
#[derive(Debug)]
pub(super) struct TreeDir {
    pub(super) path: Box<Path>,
    pub(super) rust_files: Vec<Box<OsStr>>,
    /// When only manifests are kept: the `.rs` files below the directory that no manifest
    /// nearer to them owns.
    pub(super) owned: usize,
}

/// What a walk holds of the tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Keep {
    /// The directories that hold a manifest, each with how many `.rs` files it owns.
    Manifests,
    /// The directories that hold `.rs` files, with the files' names.
    Files,
}

pub(super) const MANIFEST: &str = "Cargo.toml";

/// How many levels at the top of a tree are listed one directory at a time, so that the
/// subtrees below them are walked in parallel.
const PARALLEL_LEVELS: usize = 2;

/// Walks the tree below `root`, keeping what `keep` says, and leaving out the directories in
/// `left_out` (the root itself is walked): the top levels a directory at a time, with the
/// subdirectories of each walked in parallel, and each subtree below them in one walk.
pub(super) fn walk(root: &Path, keep: Keep, left_out: &HashSet<PathBuf>) -> Tree {
    walk_levels(root, PARALLEL_LEVELS, keep, left_out)
}

fn walk_levels(root: &Path, levels: usize, keep: Keep, left_out: &HashSet<PathBuf>) -> Tree {
    let mut tree = Tree::default();
    // A manifest comes before everything else in its directory, so that, when only manifests
    // are kept, the files and directories after it are counted as its own.
    let walker = WalkDir::new(root)
        .sort_by(|left, right| {
            (left.file_name() != MANIFEST, left.file_name()).cmp(&(right.file_name() != MANIFEST, right.file_name()))
        })
        .max_depth(if levels == 0 { usize::MAX } else { 1 });
    let entries = walker.into_iter().filter_entry(|entry| {
        entry.depth() == 0
            || !entry.file_type().is_dir()
            || !(is_skipped_directory(entry.path()) || left_out.contains(entry.path()))
    });
    let mut below = Vec::new();
    // When only manifests are kept: the directories in `tree.dirs` above the entry at hand, each
    // with its depth.
    let mut owners: Vec<(usize, usize)> = Vec::new();
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                let path = error.path().map_or_else(|| root.to_path_buf(), Path::to_path_buf);
                let message = match error.io_error() {
                    Some(io_error) => format!("could not read: {io_error}"),
                    None => format!("could not read: {error}"),
                };
                tree.failures.push((path, ParseFailure { message, span: None }));
                continue;
            }
        };
        let kind = entry.file_type();
        if kind.is_dir() {
            // Entering a directory leaves those at its depth and below.
            while owners.last().is_some_and(|(depth, _)| *depth >= entry.depth()) {
                owners.pop();
            }
        }
        if kind.is_dir() && levels > 0 && entry.depth() == 1 {
            below.push(entry.into_path());
            continue;
        }
        let name = entry.file_name();
        let is_manifest = name == MANIFEST;
        let is_rust = Path::new(name).extension().is_some_and(|extension| extension == "rs");
        if !kind.is_file() || !is_manifest && !is_rust {
            continue;
        }
        let dir = entry.path().parent().unwrap_or(root);
        if keep == Keep::Manifests {
            if is_manifest {
                owners.push((entry.depth() - 1, tree.dirs.len()));
                tree.dirs.push(TreeDir { path: Box::from(dir), rust_files: Vec::new(), owned: 0 });
            } else {
                match owners.last() {
                    Some((_, owner)) => tree.dirs[*owner].owned += 1,
                    None => tree.unowned += 1,
                }
            }
            continue;
        }
        if is_manifest {
            continue;
        }
        // A directory's files come in runs between its subdirectories' walks.
        if tree.dirs.last().is_none_or(|last| *last.path != *dir) {
            tree.dirs.push(TreeDir { path: Box::from(dir), rust_files: Vec::new(), owned: 0 });
        }
        if let Some(last) = tree.dirs.last_mut() {
            last.rust_files.push(Box::from(name));
        }
    }
    for dir in &mut tree.dirs {
        dir.rust_files.shrink_to_fit();
    }
    let subtrees: Vec<Tree> = below.par_iter().map(|dir| walk_levels(dir, levels - 1, keep, left_out)).collect();
    for subtree in subtrees {
        // Files that no manifest of a subtree owns are the root's, when it has one.
        match tree.dirs.first_mut().filter(|first| keep == Keep::Manifests && *first.path == *root) {
            Some(root_dir) => root_dir.owned += subtree.unowned,
            None => tree.unowned += subtree.unowned,
        }
        tree.dirs.extend(subtree.dirs);
        tree.failures.extend(subtree.failures);
    }
    tree
}

/// Hidden directories, `node_modules`, and cargo's build output: a `target` beside a manifest or
/// marked with cargo's `CACHEDIR.TAG` (a source module may be called `target` too).
fn is_skipped_directory(dir: &Path) -> bool {
    let Some(name) = dir.file_name().and_then(|name| name.to_str()) else { return false };
    name.starts_with('.')
        || name == "node_modules"
        || name == "target"
            && (dir.join("CACHEDIR.TAG").is_file()
                || dir.parent().is_some_and(|parent| parent.join("Cargo.toml").is_file()))
}
