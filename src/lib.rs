//! cargo status-audit: holds the HTTP statuses that axum, actix-web, warp, Rocket, poem and salvo
//! services produce to an approved list.
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
mod excerpt;
pub mod guideline;
pub mod implied;
pub mod model;
pub mod parse;
pub mod report;
pub mod routes;
pub mod rules;
mod scan;
pub mod semantics;
pub mod session;
mod settle;
pub mod status;
pub mod suggest;
pub mod timings;

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use discover::{DiscoverError, Request};
use model::Finding;
use rules::Severity;
use timings::{ScanCounters, Timings};

/// The result of an audit, ready to report.
#[derive(Debug, Default)]
pub struct Audit {
    pub root: PathBuf,
    pub packages: usize,
    /// Who each audited package is, for formats that name the package of a finding.
    pub package_ids: Vec<model::PackageId>,
    pub files_scanned: usize,
    pub parse_failures: usize,
    /// Sorted by path, position and rule, so that every run prints the same bytes.
    pub findings: Vec<Finding>,
    /// Every status the audited code produces, approved or not, for the inventory; empty unless
    /// [`RunOptions::inventory`] asks for it.
    pub uses: Vec<InventoryUse>,
    /// Every place the audited code opts into a component that answers statuses on its
    /// behalf, for the inventory; empty unless [`RunOptions::inventory`] asks for it.
    pub implied: Vec<InventoryImplied>,
    /// What each stage cost, for `--timings`.
    pub timings: Timings,
    /// Web packages below the root that are not members of the audited workspace.
    pub outside_workspace: Vec<PathBuf>,
    /// Audited packages that depend on a web framework the audit does not read, or not at that
    /// version: `(package, "tide")`, `(package, "axum 0.9")`.
    pub unsupported_frameworks: Vec<(String, String)>,
    /// Audited packages that depend on a web framework the audit reads, in which it found no
    /// status use at all.
    pub without_statuses: Vec<String>,
}

/// A status use with where it is and whether its file's policy approves it.
#[derive(Debug, Clone)]
pub struct InventoryUse {
    pub path: PathBuf,
    pub status_use: model::StatusUse,
    pub approved: bool,
}

/// A component opted into, with where it is and the approved codes among those it answers with.
#[derive(Debug, Clone)]
pub struct InventoryImplied {
    pub path: PathBuf,
    pub implied: implied::ImpliedUse,
    /// The codes it answers with that its file's policy approves.
    pub approved: Vec<u16>,
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
    /// Parse every file, not only those whose text may hold a status use.
    pub parse_all: bool,
    /// Keep every status use for the inventory ([`Audit::uses`]), not only the findings.
    pub inventory: bool,
}

/// Discovers, parses, detects and evaluates. Fails only when the audit cannot run at all.
pub fn audit(request: &Request, options: RunOptions) -> Result<Audit, DiscoverError> {
    let started = Instant::now();
    in_pool(options.jobs, || run(request, options, started))
}

/// Runs `work` on a pool of `jobs` threads (one per core by default) whose stacks hold the
/// parser's deepest recursion. Without a pool of its own (thread limits), rayon's global one
/// still works. Every stage runs on the pool's threads, not only the parallel ones: the
/// allocator reuses a block freed by another thread only in the thread that allocated it, so
/// the records the scan leaves are best freed, and the findings made, where the scan ran.
pub(crate) fn in_pool<T: Send>(jobs: Option<usize>, work: impl FnOnce() -> T + Send) -> T {
    let mut builder = rayon::ThreadPoolBuilder::new().stack_size(PARSER_STACK_BYTES);
    if let Some(jobs) = jobs {
        builder = builder.num_threads(jobs);
    }
    match builder.build() {
        Ok(pool) => pool.install(work),
        Err(_) => work(),
    }
}

/// [`audit`], on the threads it is given.
fn run(request: &Request, options: RunOptions, started: Instant) -> Result<Audit, DiscoverError> {
    let mut discovery = discover::discover(request)?;
    let discovered = Instant::now();
    let crates = crates(&discovery);
    let mut audit = Audit {
        root: discovery.root.clone(),
        packages: discovery.packages.len(),
        package_ids: discovery
            .packages
            .iter()
            .map(|package| model::PackageId {
                name: package.name.clone(),
                version: package.version.clone(),
                edition: package.edition.clone(),
                dir: package.dir.clone(),
                lib: package.lib.clone(),
                bins: package.bins.clone(),
            })
            .collect(),
        outside_workspace: discovery.outside_workspace.clone(),
        ..Audit::default()
    };
    let mut timings =
        Timings { discover: discovered - started, threads: rayon::current_num_threads(), ..Timings::default() };
    for (path, failure) in &discovery.failures {
        audit.findings.push(evaluate::parse_error(path.clone(), failure));
    }
    audit.parse_failures += discovery.failures.len();
    // Names resolve only within a batch: its records are dropped before the next is scanned.
    // A batch's files are listed when its turn comes, so the tree's are never all held.
    let files_of: Vec<usize> = discovery.packages.iter().map(|package| package.rust_files).collect();
    let with_uses: Vec<AtomicBool> = discovery.packages.iter().map(|_| AtomicBool::new(false)).collect();
    for packages in batches(&crates.joined(), &files_of, BATCH_FILES) {
        let listing = Instant::now();
        let files = discovery.list(&packages);
        timings.discover += listing.elapsed();
        if !files.is_empty() {
            audit_batch(&discovery, &files, &crates, options, &with_uses, &mut audit, &mut timings);
        }
    }
    audit.unsupported_frameworks = discovery.unsupported_frameworks.clone();
    for (package, found) in discovery.packages.iter().zip(&with_uses) {
        let web = package.context.frameworks.iter().any(|framework| *framework != model::Framework::Http);
        if web && !found.load(Ordering::Relaxed) {
            audit.without_statuses.push(package.name.clone());
        }
    }
    audit.without_statuses.sort();
    audit.unsupported_frameworks.sort();
    let evaluated = Instant::now();
    // A finding may point at the `const` behind it in another file: each such file is read once
    // more, for all the places in it.
    let related: BTreeSet<PathBuf> = audit
        .findings
        .iter()
        .flat_map(|finding| finding.related.iter().filter(|related| related.path != finding.path))
        .filter(|related| related.excerpt.is_none())
        .map(|related| related.path.clone())
        .collect();
    for path in related {
        if let Some(text) = parse::read_text(&path) {
            excerpt::fill(&mut audit.findings, &path, &text);
        }
    }
    sort_findings(&mut audit.findings);
    timings.evaluate += evaluated.elapsed();
    audit.timings = timings;
    Ok(audit)
}

/// The packages of the tree in batches that names do not cross: each holds whole sets of
/// packages joined by their dependencies, and batches are filled up to `limit` files (or one such
/// set, when it is larger), so that memory is bounded by a batch, not by the tree. `joined` gives
/// each package's set (see [`detect::Crates::joined`]), `files` how many files each has.
fn batches(joined: &[usize], files: &[usize], limit: usize) -> Vec<Vec<usize>> {
    let mut sets: Vec<(Vec<usize>, usize)> = vec![(Vec::new(), 0); joined.len()];
    for (package, set) in joined.iter().enumerate() {
        sets[*set].0.push(package);
        sets[*set].1 += files[package];
    }
    let mut batches: Vec<(Vec<usize>, usize)> = Vec::new();
    for (packages, count) in sets.into_iter().filter(|(_, count)| *count > 0) {
        match batches.last_mut() {
            Some((batch, batch_files)) if *batch_files < limit => {
                batch.extend(packages);
                *batch_files += count;
            }
            _ => batches.push((packages, count)),
        }
    }
    batches.into_iter().map(|(packages, _)| packages).collect()
}

/// How many files a batch gathers before the next begins: enough to keep every thread busy
/// between the rounds of a scan, few enough that their records are a small part of a run.
const BATCH_FILES: usize = 1024;

/// Scans, links and evaluates one batch's files into `audit`; their records are dropped here.
fn audit_batch(
    discovery: &discover::Discovery,
    batch: &discover::Files,
    crates: &detect::Crates,
    options: RunOptions,
    with_uses: &[AtomicBool],
    audit: &mut Audit,
    timings: &mut Timings,
) {
    let started = Instant::now();
    timings.batches += 1;
    timings.files_discovered += batch.len();
    audit.files_scanned += batch.len();
    let counters = ScanCounters::default();
    let mut scanned = scan::scan_all(discovery, batch, crates, options, &counters, with_uses);
    let scanned_at = Instant::now();
    timings.scan += scanned_at - started;
    timings.add(&counters);
    link(&mut scanned.iter_mut().map(|(_, file)| &mut **file).collect::<Vec<_>>(), crates);
    for (_, file) in &scanned {
        if !(file.uses.is_empty() && file.dynamic.is_empty()) {
            with_uses[file.package].store(true, Ordering::Relaxed);
        }
    }
    let linked_at = Instant::now();
    timings.link += linked_at - scanned_at;

    let settled = settle::Settled::new(scanned.iter().map(|(_, file)| &**file));
    // Each file's records are dropped once it is evaluated.
    for (source, mut file) in scanned {
        settled.apply(&mut file);
        let policy = &discovery.policies[batch.files[source].policy];
        if options.inventory {
            audit.uses.extend(file.uses.iter().map(|status_use| InventoryUse {
                path: file.path.clone(),
                status_use: status_use.clone(),
                approved: policy.is_approved(status_use.status),
            }));
            audit.implied.extend(file.implied.iter().map(|implied| InventoryImplied {
                path: file.path.clone(),
                implied: implied.clone(),
                approved:
                    implied.answers().iter().map(|(code, _)| *code).filter(|code| policy.is_approved(*code)).collect(),
            }));
        }
        let mut findings = evaluate::evaluate(&file, policy);
        audit.parse_failures += usize::from(file.failure.is_some());
        if !findings.is_empty() {
            // Read again for the lines the findings point at, and dropped once they are cut, so
            // that memory does not grow with the files that have findings.
            if let Some(text) = file.text.or_else(|| parse::read_text(&file.path)) {
                excerpt::fill(&mut findings, &file.path, &text);
            }
            audit.findings.extend(findings);
        }
    }
    timings.evaluate += linked_at.elapsed();
}

/// The whole pipeline for one file held in memory: bytes in, sorted findings out. What the fuzz
/// target and the property tests drive.
pub fn audit_bytes(bytes: Vec<u8>, context: &discover::PackageContext, policy: &config::Policy) -> Vec<Finding> {
    let path = PathBuf::from("input.rs");
    // Scanning keeps the text only of a file that fails to parse; the excerpts need it either way.
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let input = parse::FileInput { path: &path, package: 0, context, module: &[] };
    // As in an audit: the items and macro calls that hold a status word first, and every item
    // when a name left open may lead to one passed over.
    let components = implied::words(&model::Framework::ALL, &|_| true);
    let prefilter = detect::Prefilter::new(&context.frameworks, &components);
    let holds_trigger = |bytes: &[u8]| prefilter.holds_trigger(bytes);
    let mut scanned = parse::scan_bytes(&input, bytes.clone(), parse::Items::Matching(&holds_trigger));
    if scanned.partial && !(scanned.definitions.is_empty() && scanned.references.is_empty()) {
        scanned = parse::scan_bytes(&input, bytes, parse::Items::All);
    }
    link(&mut [&mut scanned], &detect::Crates::new(vec!["input".to_string()], vec![Vec::new()]));
    settle::Settled::new(std::iter::once(&scanned)).apply(&mut scanned);
    let mut findings = evaluate::evaluate(&scanned, policy);
    excerpt::fill(&mut findings, &path, scanned.text.as_deref().unwrap_or(&text));
    sort_findings(&mut findings);
    findings
}

/// Orders findings by path, position, rule and status, so every run prints the same bytes.
/// Findings that compare equal keep their order. Their indices are sorted, not the findings:
/// a stable sort of the findings themselves would take a buffer of half of them.
pub(crate) fn sort_findings(findings: &mut [Finding]) {
    fn key(finding: &Finding) -> (&Path, Option<(usize, usize)>, rules::Rule, Option<u16>) {
        (&finding.path, finding.span.map(|span| (span.start, span.end)), finding.rule, finding.status)
    }
    let mut order: Vec<usize> = (0..findings.len()).collect();
    order.sort_by(|left, right| key(&findings[*left]).cmp(&key(&findings[*right])));
    // `order[place]` is the index of the finding that belongs at `place`: each cycle of that
    // permutation is walked once, swapping its findings into place.
    for start in 0..order.len() {
        let mut place = start;
        loop {
            let from = std::mem::replace(&mut order[place], place);
            if from == start || from == place {
                break;
            }
            findings.swap(place, from);
            place = from;
        }
    }
}

/// The crates of the discovered packages, and the packages each depends on: by crate name, and
/// where several packages have that name (copies of a workspace side by side), the one nearest
/// to it in the tree.
pub(crate) fn crates(discovery: &discover::Discovery) -> detect::Crates {
    let names: Vec<String> = discovery.packages.iter().map(|package| package.name.replace('-', "_")).collect();
    let mut packages_named: HashMap<&str, Vec<usize>> = HashMap::new();
    for (package, name) in names.iter().enumerate() {
        packages_named.entry(name.as_str()).or_default().push(package);
    }
    let dependencies: Vec<Vec<usize>> = discovery
        .packages
        .iter()
        .map(|package| {
            let shared = |other: usize| {
                let other = &discovery.packages[other].dir;
                package.dir.components().zip(other.components()).take_while(|(mine, theirs)| mine == theirs).count()
            };
            let nearest =
                |name: &String| packages_named.get(name.as_str())?.iter().copied().max_by_key(|other| shared(*other));
            package.context.dependencies.iter().filter_map(nearest).collect()
        })
        .collect();
    detect::Crates::new(names, dependencies)
}

pub(crate) fn file_names<'a>(files: &[&'a parse::ScannedFile]) -> Vec<detect::FileNames<'a>> {
    files
        .iter()
        .map(|file| detect::FileNames {
            path: &file.path,
            package: file.package,
            definitions: &file.definitions,
            references: &file.references,
        })
        .collect()
}

/// Resolves the names each file left open against what the whole workspace defines, adding the
/// uses and dynamic statuses they stand for to the files that wrote them; then settles the
/// statuses read back from fields, which a file of the same package may give a status.
fn link(scanned: &mut [&mut parse::ScannedFile], crates: &detect::Crates) {
    let linked = {
        let files: Vec<&parse::ScannedFile> = scanned.iter().map(|file| &**file).collect();
        detect::link(&file_names(&files), crates)
    };
    let mut given: HashMap<usize, HashSet<Box<str>>> = HashMap::new();
    for file in scanned.iter() {
        given.entry(file.package).or_default().extend(file.field_relays.given.iter().cloned());
    }
    for (file, linked) in scanned.iter_mut().zip(linked) {
        let relays: Vec<model::DynamicUse> = match given.get(&file.package) {
            Some(fields) => file.field_relays.settle(fields).collect(),
            None => file.field_relays.settle(&HashSet::new()).collect(),
        };
        if linked.uses.is_empty() && linked.dynamic.is_empty() && relays.is_empty() {
            continue;
        }
        file.uses.extend(linked.uses);
        file.uses.sort_by_key(|status_use| (status_use.span.start, status_use.span.end));
        // A name may be both given to a status macro and resolved as a constant.
        file.uses.dedup_by_key(|status_use| (status_use.span.start, status_use.span.end, status_use.status));
        file.dynamic.extend(linked.dynamic);
        file.dynamic.extend(relays);
        file.dynamic.sort_by_key(|dynamic_use| (dynamic_use.span.start, dynamic_use.span.end));
        file.dynamic.dedup_by_key(|dynamic_use| (dynamic_use.span.start, dynamic_use.span.end));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rules::Rule;

    #[test]
    fn findings_sort_as_a_stable_sort_would() {
        let rules = [Rule::UnapprovedStatus, Rule::MissingLocation, Rule::DynamicStatus];
        // Paths, spans and rules repeat; the message tells findings of equal keys apart.
        let findings: Vec<Finding> = (0..60u16)
            .map(|index| {
                let path = ["b.rs", "a.rs", "c.rs", "a.rs"][usize::from(index * 7 % 4)];
                let span =
                    (index % 5 != 0).then(|| model::Span { start: usize::from(index * 13 % 6), ..Default::default() });
                Finding {
                    rule: rules[usize::from(index % 3)],
                    status: Some(400 + index % 2),
                    message: index.to_string(),
                    ..Finding::unapproved_at(path, span)
                }
            })
            .collect();
        let mut expected = findings.clone();
        expected.sort_by(|left, right| {
            let key = |finding: &Finding| {
                (finding.path.clone(), finding.span.map(|span| (span.start, span.end)), finding.rule, finding.status)
            };
            key(left).cmp(&key(right))
        });
        let mut sorted = findings;
        sort_findings(&mut sorted);
        let messages =
            |findings: &[Finding]| findings.iter().map(|finding| finding.message.clone()).collect::<Vec<_>>();
        assert_eq!(messages(&sorted), messages(&expected));
    }

    #[test]
    fn batches_hold_whole_sets_of_joined_packages() {
        // 0 depends on 1, and 2 on 1: one set; 3 alone; 4 and 5 one set.
        let crates =
            detect::Crates::new(vec![String::new(); 6], vec![vec![1], vec![], vec![1], vec![], vec![5], vec![]]);
        let joined = crates.joined();
        assert_eq!(joined, [0, 0, 0, 3, 4, 4]);
        // Each package's files: the first set has 4, the second 1, the third 2.
        let files = [2, 0, 2, 1, 1, 1];
        // Sets are gathered until a batch has `limit` files or more; a larger set is a batch.
        assert_eq!(batches(&joined, &files, 3), [vec![0, 1, 2], vec![3, 4, 5]]);
        assert_eq!(batches(&joined, &files, 5), [vec![0, 1, 2, 3], vec![4, 5]]);
        assert_eq!(batches(&joined, &files, 100), [vec![0, 1, 2, 3, 4, 5]]);
        // A set without files is no batch's.
        assert_eq!(batches(&joined, &[2, 0, 2, 0, 1, 1], 3), [vec![0, 1, 2], vec![4, 5]]);
    }
}
