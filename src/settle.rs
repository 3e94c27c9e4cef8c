//! What the whole of a set of scanned files decides about each before evaluation, once names are
//! linked: files of out-of-line `#[cfg(test)]` modules (and everything below them) are test code
//! and produce nothing, and an extractor whose rejections its package answers itself (actix-web's
//! `JsonConfig::error_handler`) answers none of its own. Plain data; no IO.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::{implied, parse};

pub(crate) struct Settled {
    test_paths: HashSet<PathBuf>,
    handled: HashSet<(usize, usize)>,
}

impl Settled {
    pub(crate) fn new<'a>(files: impl Iterator<Item = &'a parse::ScannedFile> + Clone) -> Settled {
        let test_paths: HashSet<PathBuf> =
            files.clone().flat_map(|file| file.test_module_paths.iter().cloned()).collect();
        let is_test = |path: &Path| path.ancestors().any(|ancestor| test_paths.contains(ancestor));
        let handled = implied::handled(files.filter(|file| !is_test(&file.path)));
        Settled { test_paths, handled }
    }

    /// Drops from `file` what the set decides it does not produce.
    pub(crate) fn apply(&self, file: &mut parse::ScannedFile) {
        implied::settle(file, &self.handled);
        if file.path.ancestors().any(|ancestor| self.test_paths.contains(ancestor)) {
            file.uses.clear();
            file.responses.clear();
            file.invalid.clear();
            file.dynamic.clear();
            file.implied.clear();
        }
    }
}
