//! What a run cost, stage by stage, for `--timings`: wall times, the time the parallel stage's
//! threads spent in each part of it, and how much was read. Only the figures; `report` renders
//! them.

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::Duration;

/// Per-stage times and counts of one run.
#[derive(Debug, Clone, Default)]
pub struct Timings {
    /// Finding the packages, and walking each batch's packages for their files when its turn
    /// comes.
    pub discover: Duration,
    /// Wall time of reading, filtering, parsing and detecting, which run fused, one file per task.
    pub scan: Duration,
    /// Reading, summed over the threads.
    pub read: Duration,
    /// Searching the bytes for what may hold a status use, summed over the threads.
    pub filter: Duration,
    /// Tokenizing, parsing and detecting, summed over the threads.
    pub parse_and_detect: Duration,
    /// Resolving the names files left open against the whole workspace.
    pub link: Duration,
    pub evaluate: Duration,
    /// Filled by whoever writes the report, as the audit does not.
    pub report: Duration,
    pub threads: usize,
    /// Sets of packages scanned one after the other, names never crossing from one to another.
    pub batches: usize,
    pub files_discovered: usize,
    /// File reads: a file that may hold a status use is read to filter it and again to parse
    /// it, and once more in each later round that parses more of it.
    pub reads: usize,
    pub files_parsed: usize,
    pub bytes_read: u64,
}

impl Timings {
    /// The wall time of every stage together.
    pub fn total(&self) -> Duration {
        self.discover + self.scan + self.link + self.evaluate + self.report
    }

    /// Takes what the parallel stage counted.
    pub fn add(&mut self, counters: &ScanCounters) {
        let duration = |nanos: &AtomicU64| Duration::from_nanos(nanos.load(Ordering::Relaxed));
        self.read += duration(&counters.read_nanos);
        self.filter += duration(&counters.filter_nanos);
        self.parse_and_detect += duration(&counters.parse_nanos);
        self.reads += counters.reads.load(Ordering::Relaxed);
        self.files_parsed += counters.files_parsed.load(Ordering::Relaxed);
        self.bytes_read += counters.bytes_read.load(Ordering::Relaxed);
    }
}

/// What the parallel stage's threads count as they go.
#[derive(Debug, Default)]
pub struct ScanCounters {
    read_nanos: AtomicU64,
    filter_nanos: AtomicU64,
    parse_nanos: AtomicU64,
    reads: AtomicUsize,
    files_parsed: AtomicUsize,
    bytes_read: AtomicU64,
}

impl ScanCounters {
    pub fn read(&self, took: Duration, bytes: usize) {
        self.read_nanos.fetch_add(nanos(took), Ordering::Relaxed);
        self.reads.fetch_add(1, Ordering::Relaxed);
        self.bytes_read.fetch_add(bytes as u64, Ordering::Relaxed);
    }

    pub fn filter(&self, took: Duration) {
        self.filter_nanos.fetch_add(nanos(took), Ordering::Relaxed);
    }

    /// One file parsed, `again` when a later round parses more of its items.
    pub fn parse(&self, took: Duration, again: bool) {
        self.parse_nanos.fetch_add(nanos(took), Ordering::Relaxed);
        self.files_parsed.fetch_add(usize::from(!again), Ordering::Relaxed);
    }
}

fn nanos(duration: Duration) -> u64 {
    u64::try_from(duration.as_nanos()).unwrap_or(u64::MAX)
}
