//! The `--timings` table: each stage's wall time, the parallel stage's time summed over its
//! threads, and what was read and found.

use std::io::{self, Write};
use std::time::Duration;

use crate::Audit;

pub(super) fn write(audit: &Audit, writer: &mut dyn Write) -> io::Result<()> {
    let timings = &audit.timings;
    let plural = if timings.threads == 1 { "" } else { "s" };
    let stages = [
        ("discover", Some(timings.discover), None),
        ("read, filter, parse", Some(timings.scan), Some(timings.read + timings.filter + timings.parse_and_detect)),
        ("  read", None, Some(timings.read)),
        ("  filter", None, Some(timings.filter)),
        ("  parse and detect", None, Some(timings.parse_and_detect)),
        ("link", Some(timings.link), None),
        ("evaluate", Some(timings.evaluate), None),
        ("report", Some(timings.report), None),
        ("total", Some(timings.total()), None),
    ];
    writeln!(writer, "{:<20} {:>12}   summed over {} thread{plural}", "stage", "wall", timings.threads)?;
    for (stage, wall, summed) in stages {
        let wall = wall.map(milliseconds).unwrap_or_default();
        let summed = summed.map(milliseconds).unwrap_or_default();
        let line = format!("{stage:<20} {wall:>12}   {summed:>12}");
        writeln!(writer, "{}", line.trim_end())?;
    }
    let counts = [
        ("packages", audit.packages as u64, String::new()),
        ("files discovered", timings.files_discovered as u64, String::new()),
        ("batches", timings.batches as u64, String::new()),
        ("files read", timings.reads as u64, String::new()),
        ("files parsed", timings.files_parsed as u64, String::new()),
        ("bytes read", timings.bytes_read, format!("   {:.1} MB", timings.bytes_read as f64 / 1e6)),
        ("findings", audit.reported().count() as u64, String::new()),
    ];
    writeln!(writer)?;
    for (name, count, note) in counts {
        writeln!(writer, "{name:<20} {count:>12}{note}")?;
    }
    Ok(())
}

fn milliseconds(duration: Duration) -> String {
    format!("{:.1} ms", duration.as_secs_f64() * 1e3)
}
