//! A package's library and binary targets as cargo lays them out, from the manifest's `[lib]`
//! and `[[bin]]` tables and the files that are there: what a format needs to name the target a
//! file belongs to.

use std::path::{Path, PathBuf};

use super::manifest::normalize;

/// The library target's name and root file: `[lib]` with cargo's defaults for what it leaves
/// out, or `src/lib.rs` when it is there.
pub(super) fn library(package: &str, lib: Option<&(Box<str>, Box<str>)>, dir: &Path) -> Option<(String, PathBuf)> {
    let name = |given: &str| if given.is_empty() { package.replace('-', "_") } else { given.to_string() };
    match lib {
        Some((given, path)) if !path.is_empty() => Some((name(given), normalize(&dir.join(&**path)))),
        Some((given, _)) => Some((name(given), dir.join("src/lib.rs"))),
        None => Some((name(""), dir.join("src/lib.rs"))).filter(|(_, root)| root.is_file()),
    }
}

/// Each `[[bin]]` target's name and root file (`src/main.rs` for the one named after the
/// package, `src/bin/NAME.rs` otherwise), and `src/main.rs` when no table claims it.
pub(super) fn binaries(package: &str, bins: &[(Box<str>, Box<str>)], dir: &Path) -> Vec<(String, PathBuf)> {
    let mut targets: Vec<(String, PathBuf)> = bins
        .iter()
        .map(|(name, path)| {
            let name = if name.is_empty() { package } else { name };
            let root = match &**path {
                "" if name == package => dir.join("src/main.rs"),
                "" => dir.join("src/bin").join(format!("{name}.rs")),
                path => normalize(&dir.join(path)),
            };
            (name.to_string(), root)
        })
        .collect();
    let main = dir.join("src/main.rs");
    if !targets.iter().any(|(_, root)| *root == main) && main.is_file() {
        targets.push((package.to_string(), main));
    }
    targets
}
