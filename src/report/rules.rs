//! `cargo status-audit rules`: every rule with its default level and summary, as a table for a
//! person or as JSON for a tool.

use std::io::{self, Write};

use crate::rules::Rule;

/// One line a rule: name, default level, summary.
pub fn write_human(writer: &mut dyn Write) -> io::Result<()> {
    let width = Rule::ALL.iter().map(|rule| rule.name().len()).max().unwrap_or(0);
    for rule in Rule::ALL {
        let level = rule.default_severity().name();
        writeln!(writer, "{:width$}  {level:7}  {}", rule.name(), rule.summary())?;
    }
    writeln!(writer, "\n`cargo status-audit --explain RULE` prints a rule's documentation.")
}

/// `{"rules": [{"name", "level", "summary"}]}`.
pub fn write_json(writer: &mut dyn Write) -> io::Result<()> {
    let rules: Vec<serde_json::Value> = Rule::ALL
        .iter()
        .map(|rule| {
            serde_json::json!({
                "name": rule.name(),
                "level": rule.default_severity().name(),
                "summary": rule.summary(),
            })
        })
        .collect();
    serde_json::to_writer_pretty(&mut *writer, &serde_json::json!({ "rules": rules }))?;
    writeln!(writer)
}
