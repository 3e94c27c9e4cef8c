//! cargo status-audit: holds the HTTP statuses that axum, actix-web and warp services produce to
//! an approved list.
//!
//! The audit is one pipeline, `discover -> parse -> detect -> evaluate -> report`, with plain data
//! between the stages (see ARCHITECTURE.md). [`audit`] runs the first four; [`report`] writes the
//! result.

pub mod allows;
pub mod baseline;
pub mod config;
pub mod detect;
pub mod discover;
pub mod evaluate;
pub mod guideline;
pub mod model;
pub mod parse;
pub mod report;
pub mod rules;
pub mod semantics;
pub mod status;

use std::collections::HashMap;
use std::path::PathBuf;

use rayon::prelude::*;

use discover::{DiscoverError, Request};
use model::Finding;
use rules::Severity;

/// The result of an audit, ready to report.
#[derive(Debug, Default)]
pub struct Audit {
    pub root: PathBuf,
    pub packages: usize,
    pub files_scanned: usize,
    pub parse_failures: usize,
    /// Sorted by path, position and rule, so that every run prints the same bytes.
    pub findings: Vec<Finding>,
    /// The text of every file a finding points into.
    pub sources: HashMap<PathBuf, String>,
    /// Every status the audited code produces, approved or not, for the inventory.
    pub uses: Vec<InventoryUse>,
}

/// A status use with where it is and whether its file's policy approves it.
#[derive(Debug, Clone)]
pub struct InventoryUse {
    pub path: PathBuf,
    pub status_use: model::StatusUse,
    pub approved: bool,
}

impl Audit {
    /// The findings that count: all but those an inline allow suppresses.
    pub fn reported(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|finding| finding.suppressed.is_none() && !finding.baselined)
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.reported().filter(|finding| finding.severity == severity).count()
    }

    /// How many findings inline allows suppress.
    pub fn suppressed(&self) -> usize {
        self.findings.iter().filter(|finding| finding.suppressed.is_some()).count()
    }

    /// How many findings the baseline accepts.
    pub fn baselined(&self) -> usize {
        self.findings.iter().filter(|finding| finding.baselined).count()
    }

    /// Whether the run should fail: any finding at error level.
    pub fn has_errors(&self) -> bool {
        self.count(Severity::Error) > 0
    }
}

/// Parsers recurse once per nesting level, up to `parse::MAX_RECURSION` levels; unoptimized
/// builds take a few kilobytes per level. The stack is reserved, not committed, so only what is
/// used costs memory.
const PARSER_STACK_BYTES: usize = 256 * 1024 * 1024;

/// How the audit runs, beyond what to audit.
#[derive(Debug, Clone, Copy, Default)]
pub struct RunOptions {
    /// Worker threads; `None` uses one per core.
    pub jobs: Option<usize>,
}

/// Discovers, parses, detects and evaluates. Fails only when the audit cannot run at all.
pub fn audit(request: &Request, options: RunOptions) -> Result<Audit, DiscoverError> {
    let discovery = discover::discover(request)?;
    let mut builder = rayon::ThreadPoolBuilder::new().stack_size(PARSER_STACK_BYTES);
    if let Some(jobs) = options.jobs {
        builder = builder.num_threads(jobs);
    }
    let scanned: Vec<parse::ScannedFile> = match builder.build() {
        Ok(pool) => pool.install(|| scan_all(&discovery)),
        // Without a pool of our own (thread limits), rayon's global one still works.
        Err(_) => scan_all(&discovery),
    };

    let mut audit = Audit {
        root: discovery.root.clone(),
        packages: discovery.packages.len(),
        files_scanned: scanned.len(),
        ..Audit::default()
    };
    for (path, failure) in &discovery.failures {
        audit.findings.push(evaluate::parse_error(path.clone(), failure));
    }
    // Files of out-of-line `#[cfg(test)]` modules, and everything below them, are test code.
    let test_paths: Vec<PathBuf> = scanned.iter().flat_map(|file| file.test_module_paths.iter().cloned()).collect();
    for (mut file, source) in scanned.into_iter().zip(&discovery.files) {
        if test_paths.iter().any(|test_path| file.path.starts_with(test_path)) {
            file.uses.clear();
            file.responses.clear();
            file.invalid.clear();
        }
        let policy = &discovery.policies[source.policy];
        audit.uses.extend(file.uses.iter().map(|status_use| InventoryUse {
            path: file.path.clone(),
            status_use: status_use.clone(),
            approved: policy.is_approved(status_use.status),
        }));
        let findings = evaluate::evaluate(&file, policy);
        audit.parse_failures += usize::from(file.failure.is_some());
        if !findings.is_empty() {
            if let Some(text) = file.text {
                audit.sources.insert(file.path.clone(), text);
            }
            audit.findings.extend(findings);
        }
    }
    audit.parse_failures += discovery.failures.len();
    sort_findings(&mut audit.findings);
    Ok(audit)
}

/// The whole pipeline for one file held in memory: bytes in, sorted findings out. What the fuzz
/// target and the property tests drive.
pub fn audit_bytes(bytes: Vec<u8>, context: &discover::PackageContext, policy: &config::Policy) -> Vec<Finding> {
    let scanned = parse::scan_bytes(PathBuf::from("input.rs"), 0, context, bytes);
    let mut findings = evaluate::evaluate(&scanned, policy);
    sort_findings(&mut findings);
    findings
}

/// Orders findings by path, position, rule and status, so every run prints the same bytes.
pub(crate) fn sort_findings(findings: &mut [Finding]) {
    findings.sort_by(|left, right| {
        let position = |finding: &Finding| finding.span.map(|span| (span.start, span.end));
        (&left.path, position(left), left.rule, left.status).cmp(&(
            &right.path,
            position(right),
            right.rule,
            right.status,
        ))
    });
}

fn scan_all(discovery: &discover::Discovery) -> Vec<parse::ScannedFile> {
    discovery
        .files
        .par_iter()
        .map(|file| parse::scan_file(file.path.clone(), file.package, &discovery.packages[file.package].context))
        .collect()
}
