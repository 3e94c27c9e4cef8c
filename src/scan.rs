//! Which files of a batch are parsed, and how much of each: first those whose bytes the
//! prefilter picks, then, in rounds, those that use or define a name the parsed ones left open
//! (a package's name in the files of the packages that see it, a private import's in the modules
//! below its own, a module a glob or a path leads into). Reads files; parses them through
//! `parse`; knows no policy but to drop the uses it approves.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use rayon::prelude::*;

use crate::timings::ScanCounters;
use crate::{detect, discover, file_names, parse, RunOptions};

/// Parses those of the `files` that may hold a status use: first those the prefilter picks from
/// their bytes, then, in rounds, those that use or define a name the parsed ones left open. The
/// rest are read but not parsed; they count as audited, and yield nothing. `with_uses` marks the
/// packages (by index) in which a status use, or a name that may lead to one, is found. Returns the files parsed (or that could not be read), each with its index in
/// `files`, boxed where it was made.
pub(crate) fn scan_all(
    discovery: &discover::Discovery,
    files: &discover::Files,
    crates: &detect::Crates,
    options: RunOptions,
    counters: &ScanCounters,
    with_uses: &[AtomicBool],
) -> Vec<(usize, Box<parse::ScannedFile>)> {
    // Reading, filtering and parsing, each timed for `--timings`.
    // A file's path is joined once per visit and handed to both.
    let read = |index: usize, path: &Path| {
        let started = Instant::now();
        let read = parse::read(&file_input(discovery, files, index, path, &[]));
        counters.read(started.elapsed(), read.as_ref().map_or(0, Vec::len));
        read
    };
    let filtered = |matches: &dyn Fn() -> bool| {
        let started = Instant::now();
        let matched = matches();
        counters.filter(started.elapsed());
        matched
    };
    let scan = |index: usize, path: &Path, bytes: Vec<u8>, items: parse::Items<'_>, again: bool| {
        let started = Instant::now();
        let items = if options.parse_all { parse::Items::All } else { items };
        let module = discovery.module_of(files, &files.files[index]);
        let mut scanned = parse::scan_bytes(&file_input(discovery, files, index, path, &module), bytes, items);
        // Whether the package produces a status at all, before the approved ones are dropped; a
        // name left open counts once the link step resolves it (`audit_batch`), so that skipping
        // files, which leaves fewer names open, cannot change the answer.
        if !(scanned.uses.is_empty() && scanned.dynamic.is_empty()) {
            with_uses[files.files[index].package].store(true, Ordering::Relaxed);
        }
        if !options.inventory {
            // Evaluation looks only at the uses of unapproved statuses, and most are approved:
            // the rest are dropped now rather than held until the end of the run.
            let policy = &discovery.policies[files.files[index].policy];
            scanned.uses.retain(|status_use| !policy.is_approved(status_use.status));
            scanned.uses.shrink_to_fit();
        }
        counters.parse(started.elapsed(), again);
        Box::new(scanned)
    };
    // A package that depends on Rocket, poem or salvo has words of its own, and one on axum,
    // actix-web or warp those of the components that answer statuses on its behalf: of those
    // that may be reported (every one, for the inventory).
    let wanted = |component: &crate::implied::catalogue::Component| {
        options.inventory || discovery.policies.iter().any(|policy| crate::implied::may_report(component, policy))
    };
    let prefilters = detect::Prefilters::new(
        discovery.packages.iter().map(|package| (package.context.frameworks.as_slice(), package.name.as_str())),
        &wanted,
    );
    let prefilter_of = |index: usize| prefilters.of(files.files[index].package);
    // A name that holds a status word of every package is not searched for in rounds.
    let holds_trigger = |bytes: &[u8]| prefilters.base().holds_trigger(bytes);
    // The files whose bytes may hold a status use, by how long they are: the longest are
    // parsed first, so that no thread is left parsing a long file after the others are done.
    let mut longest_first: Vec<(usize, usize)> = (0..files.len())
        .into_par_iter()
        .filter_map(|index| {
            let path = files.path(&files.files[index]);
            match read(index, &path) {
                Ok(bytes) if !options.parse_all && !filtered(&|| prefilter_of(index).may_produce(&bytes)) => None,
                Ok(bytes) => Some((index, bytes.len())),
                // Its record (the read error) is made when it is read again.
                Err(_) => Some((index, usize::MAX)),
            }
        })
        .collect();
    longest_first.sort_unstable_by_key(|(index, length)| (std::cmp::Reverse(*length), *index));
    let parsed: Vec<(usize, Box<parse::ScannedFile>)> = longest_first
        .into_par_iter()
        .with_max_len(1)
        .map(|(index, _)| {
            let path = files.path(&files.files[index]);
            let prefilter = prefilter_of(index);
            let holds_trigger = |bytes: &[u8]| prefilter.holds_trigger(bytes);
            let scanned = match read(index, &path) {
                Ok(bytes) => scan(index, &path, bytes, parse::Items::Matching(&holds_trigger), false),
                Err(unreadable) => unreadable,
            };
            (index, scanned)
        })
        .collect();
    // Boxed, so that a file not parsed costs one pointer until the end.
    let mut scanned: Vec<Option<Box<parse::ScannedFile>>> = (0..files.len()).map(|_| None).collect();
    for (index, file) in parsed {
        scanned[index] = Some(file);
    }

    let mut searched_defined = BTreeSet::new();
    let mut searched_wanted = BTreeSet::new();
    let mut searched_modules = BTreeSet::new();
    let mut searched_below: BTreeSet<(usize, Vec<String>, String)> = BTreeSet::new();
    // Every name searched so far in each package's files: the items of a file parsed again
    // must include those that earlier rounds' names picked.
    let mut searched_names: BTreeMap<usize, BTreeSet<String>> =
        files.files.iter().map(|file| (file.package, BTreeSet::new())).collect();
    // Each round parses at least one more file or ends; the names and modules searched only grow.
    loop {
        let open = {
            let parsed: Vec<&parse::ScannedFile> = scanned.iter().flatten().map(AsRef::as_ref).collect();
            detect::open_names(&file_names(&parsed), crates)
        };
        let defined: Vec<(usize, String)> = open.defined.difference(&searched_defined).cloned().collect();
        let wanted: Vec<(usize, String)> = open.wanted.difference(&searched_wanted).cloned().collect();
        let modules: Vec<(usize, Vec<String>)> = open.modules.difference(&searched_modules).cloned().collect();
        let below: Vec<(usize, Vec<String>, String)> = open
            .defined_below
            .difference(&searched_below)
            .filter(|(_, _, name)| !holds_trigger(name.as_bytes()))
            .cloned()
            .collect();
        if defined.is_empty() && wanted.is_empty() && modules.is_empty() && below.is_empty() {
            break;
        }
        searched_below.extend(below.iter().cloned());
        // A package's files are searched for the names it can see defined, and for the names
        // that it, or a package that depends on it, could not resolve.
        // Packages that search the same names share one filter.
        let mut built = HashMap::new();
        let mut filters: HashMap<usize, detect::NameFilter> = HashMap::new();
        for (&package, searched) in &mut searched_names {
            let seen = defined.iter().filter(|(of, _)| crates.sees(package, *of));
            let looked_for = wanted.iter().filter(|(from, _)| crates.sees(*from, package));
            // A name that holds a status word (`StatusCode`, `HttpResponse`) is not searched: the
            // files and items that write it are parsed already.
            let mut names: Vec<&str> = seen
                .chain(looked_for)
                .map(|(_, name)| name.as_str())
                .filter(|name| !holds_trigger(name.as_bytes()))
                .collect();
            names.sort_unstable();
            names.dedup();
            searched.extend(names.iter().map(|name| (*name).to_string()));
            if let Some(filter) = shared_filter(&mut built, names) {
                filters.insert(package, filter);
            }
        }
        // Only a package with a name to search has files parsed again in part.
        let items_filters: HashMap<usize, detect::NameFilter> = filters
            .keys()
            .filter_map(|package| {
                let names = searched_names[package].iter().map(String::as_str).collect();
                Some((*package, shared_filter(&mut built, names)?))
            })
            .collect();
        let in_open_module = |index: usize| {
            let file = &files.files[index];
            modules.iter().any(|(package, _)| *package == file.package)
                && modules.contains(&(file.package, discovery.module_of(files, file)))
        };
        // The names private imports give a status are searched for in the files of the modules
        // below theirs: few files, each with filters of its own, for this round's names (which
        // files to read) and for every round's (which items to parse).
        let names_below = |index: usize, names: &mut dyn Iterator<Item = &(usize, Vec<String>, String)>| {
            let file = &files.files[index];
            let mut names = names.filter(|(package, _, _)| *package == file.package).peekable();
            names.peek()?;
            let module = discovery.module_of(files, file);
            let below: Vec<&str> = names
                .filter(|(_, above, _)| module.len() > above.len() && module.starts_with(above))
                .map(|(_, _, name)| name.as_str())
                .collect();
            detect::NameFilter::new(&below)
        };
        // Files not parsed yet, and files whose items were parsed only in part.
        let found: Vec<(usize, Box<parse::ScannedFile>)> = (0..scanned.len())
            .into_par_iter()
            .filter(|index| scanned[*index].as_ref().is_none_or(|file| file.partial))
            .filter_map(|index| {
                let in_module = in_open_module(index);
                let package = files.files[index].package;
                let filter = filters.get(&package);
                let new_below = names_below(index, &mut below.iter());
                if !in_module && filter.is_none() && new_below.is_none() {
                    return None;
                }
                let path = files.path(&files.files[index]);
                let bytes = read(index, &path).ok()?;
                let wanted = in_module
                    || filter.is_some_and(|filter| filtered(&|| filter.matches(&bytes)))
                    || new_below.is_some_and(|below| filtered(&|| below.matches(&bytes)));
                if !wanted {
                    return None;
                }
                let below = names_below(index, &mut searched_below.iter());
                // A module's files are parsed whole: a glob import takes every name they define.
                let names = items_filters.get(&package);
                let prefilter = prefilter_of(index);
                let matching = |bytes: &[u8]| {
                    prefilter.holds_trigger(bytes)
                        || names.is_some_and(|names| names.matches(bytes))
                        || below.as_ref().is_some_and(|below| below.matches(bytes))
                };
                let items = if in_module { parse::Items::All } else { parse::Items::Matching(&matching) };
                Some((index, scan(index, &path, bytes, items, scanned[index].is_some())))
            })
            .collect();
        searched_defined.extend(defined);
        searched_wanted.extend(wanted);
        searched_modules.extend(modules);
        if found.is_empty() {
            break;
        }
        for (index, file) in found {
            scanned[index] = Some(file);
        }
    }
    scanned.into_iter().enumerate().filter_map(|(index, file)| Some((index, file?))).collect()
}

/// The filter for `names` (sorted, without duplicates), built once for all who search them.
fn shared_filter<'a>(
    built: &mut HashMap<Vec<&'a str>, Option<detect::NameFilter>>,
    names: Vec<&'a str>,
) -> Option<detect::NameFilter> {
    built.entry(names).or_insert_with_key(|names| detect::NameFilter::new(names)).clone()
}

/// The file at `index` of `files`, at `path`, to read or scan as part of `module`.
fn file_input<'a>(
    discovery: &'a discover::Discovery,
    files: &discover::Files,
    index: usize,
    path: &'a Path,
    module: &'a [String],
) -> parse::FileInput<'a> {
    let file = &files.files[index];
    parse::FileInput { path, package: file.package, context: &discovery.packages[file.package].context, module }
}
