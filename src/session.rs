//! An audit held open between edits, for the language server: the workspace is discovered and
//! every file of it scanned once, and each file's scan is kept as detect left it, before the link
//! step. An edit re-scans only the edited file, from the text it is given; the link and evaluate
//! steps then run again on the kept plain data, so a `const` changed in one file changes the
//! findings of the files that use it.
//!
//! Every file is parsed whole (as `--parse-all` does): the rounds of name searches that let an
//! audit skip files depend on what every file holds, and an edit may change that. Reads files
//! (through `discover` and `parse`), and nothing else; writes nothing.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::Policy;
use crate::discover::{self, DiscoverError, Files, Request};
use crate::model::Finding;
use crate::{detect, evaluate, parse};

/// A discovered workspace, with every file's scan.
#[derive(Debug)]
pub struct Session {
    discovery: discover::Discovery,
    files: Files,
    crates: detect::Crates,
    /// Each file's scan, by its index in `files`, before linking.
    scanned: Vec<parse::ScannedFile>,
    by_path: HashMap<PathBuf, usize>,
    /// Threads with stacks that hold the parser's deepest recursion, kept for the session.
    pool: Option<rayon::ThreadPool>,
}

impl Session {
    /// Discovers what `request` names and scans every file, taking the text of a file from
    /// `texts` where it is there (unsaved buffers), else from disk. Fails only as an audit does:
    /// nothing to audit, a broken config.
    pub fn open(request: &Request, texts: &HashMap<PathBuf, String>) -> Result<Session, DiscoverError> {
        let pool = rayon::ThreadPoolBuilder::new().stack_size(crate::PARSER_STACK_BYTES).build().ok();
        let mut discovery = discover::discover(request)?;
        let crates = crate::crates(&discovery);
        let packages: Vec<usize> = (0..discovery.packages.len()).collect();
        let files = discovery.list(&packages);
        let by_path = files.files.iter().enumerate().map(|(index, file)| (files.path(file), index)).collect();
        let mut session = Session { discovery, files, crates, scanned: Vec::new(), by_path, pool };
        session.scanned = session.install(|| {
            (0..session.files.len())
                .into_par_iter()
                .map(|index| {
                    let path = session.files.path(&session.files.files[index]);
                    session.scan(index, texts.get(&path).map(String::as_str))
                })
                .collect()
        });
        Ok(session)
    }

    /// Where paths in findings are relative to, and where `status-audit.toml` is looked up.
    pub fn root(&self) -> &Path {
        &self.discovery.root
    }

    /// Whether `path` is one of the files audited.
    pub fn audits(&self, path: &Path) -> bool {
        self.by_path.contains_key(path)
    }

    /// The policy the file at `path` is held to, when it is audited.
    pub fn policy(&self, path: &Path) -> Option<&Policy> {
        let index = *self.by_path.get(path)?;
        Some(&self.discovery.policies[self.files.files[index].policy])
    }

    /// Scans the file at `path` again, from `text` (an unsaved buffer) or, with `None`, from
    /// disk. Returns whether the file is audited; a file that is not is left alone.
    pub fn update(&mut self, path: &Path, text: Option<&str>) -> bool {
        let Some(&index) = self.by_path.get(path) else { return false };
        let scanned = self.install(|| self.scan(index, text));
        self.scanned[index] = scanned;
        true
    }

    /// Links every file's names and evaluates every file, as an audit does: the findings of the
    /// workspace, suppressed ones included (marked), sorted as an audit sorts them.
    pub fn findings(&self) -> Vec<Finding> {
        self.install(|| {
            // The link step adds to the files it resolves names of: it works on copies, so that
            // the scans stay as detect left them for the next edit.
            let mut linked = self.scanned.clone();
            crate::link(&mut linked.iter_mut().collect::<Vec<_>>(), &self.crates);
            let settled = crate::settle::Settled::new(linked.iter());
            let mut findings: Vec<Finding> = linked
                .par_iter_mut()
                .enumerate()
                .flat_map_iter(|(index, file)| {
                    settled.apply(file);
                    evaluate::evaluate(file, &self.discovery.policies[self.files.files[index].policy])
                })
                .collect();
            findings.extend(
                self.discovery.failures.iter().map(|(path, failure)| evaluate::parse_error(path.clone(), failure)),
            );
            crate::sort_findings(&mut findings);
            findings
        })
    }

    /// Scans the file at `index` from `text`, or from disk.
    fn scan(&self, index: usize, text: Option<&str>) -> parse::ScannedFile {
        let file = &self.files.files[index];
        let path = self.files.path(file);
        let module = self.discovery.module_of(&self.files, file);
        let input = parse::FileInput {
            path: &path,
            package: file.package,
            context: &self.discovery.packages[file.package].context,
            module: &module,
        };
        let bytes = match text {
            Some(text) => text.as_bytes().to_vec(),
            None => match parse::read(&input) {
                Ok(bytes) => bytes,
                Err(unreadable) => return *unreadable,
            },
        };
        parse::scan_bytes(&input, bytes, parse::Items::All)
    }

    fn install<T: Send>(&self, work: impl FnOnce() -> T + Send) -> T {
        match &self.pool {
            Some(pool) => pool.install(work),
            None => work(),
        }
    }
}
