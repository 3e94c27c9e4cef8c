//! The JSON format: one object with the findings and a summary, documented in the README.

use std::io::{self, Write};

use serde::Serialize;

use super::display_path;
use crate::rules::Severity;
use crate::Audit;

/// Bumped when a field changes meaning or disappears; new fields may come without a bump.
const VERSION: u32 = 1;

#[derive(Serialize)]
struct Report<'a> {
    version: u32,
    root: String,
    findings: Vec<JsonFinding<'a>>,
    summary: Summary<'a>,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    rule: &'static str,
    severity: &'static str,
    status: Option<u16>,
    message: &'a str,
    path: String,
    line: Option<usize>,
    column: Option<usize>,
    end_line: Option<usize>,
    end_column: Option<usize>,
    framework: Option<&'static str>,
    function: Option<&'a str>,
    related: Vec<JsonRelated<'a>>,
}

#[derive(Serialize)]
struct JsonRelated<'a> {
    message: &'a str,
    path: String,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
}

#[derive(Serialize)]
struct Summary<'a> {
    packages: usize,
    files_scanned: usize,
    errors: usize,
    warnings: usize,
    parse_failures: usize,
    suppressed: usize,
    baselined: usize,
    /// Packages on a web framework the audit does not read.
    unsupported_frameworks: Vec<UnsupportedFramework<'a>>,
    /// Packages on a web framework in which no status use was found.
    without_statuses: &'a [String],
}

#[derive(Serialize)]
struct UnsupportedFramework<'a> {
    package: &'a str,
    framework: &'a str,
}

pub(super) fn write(audit: &Audit, writer: &mut dyn Write) -> io::Result<()> {
    let findings = audit
        .reported()
        .map(|finding| JsonFinding {
            rule: finding.rule.name(),
            severity: finding.severity.name(),
            status: finding.status,
            message: &finding.message,
            path: display_path(&audit.root, &finding.path),
            line: finding.span.map(|span| span.line),
            column: finding.span.map(|span| span.column),
            end_line: finding.span.map(|span| span.end_line),
            end_column: finding.span.map(|span| span.end_column),
            framework: finding.framework.map(|framework| framework.name()),
            function: finding.function.as_deref(),
            related: finding
                .related
                .iter()
                .map(|related| JsonRelated {
                    message: &related.message,
                    path: display_path(&audit.root, &related.path),
                    line: related.span.line,
                    column: related.span.column,
                    end_line: related.span.end_line,
                    end_column: related.span.end_column,
                })
                .collect(),
        })
        .collect();
    let report = Report {
        version: VERSION,
        root: audit.root.to_string_lossy().into_owned(),
        findings,
        summary: Summary {
            packages: audit.packages,
            files_scanned: audit.files_scanned,
            errors: audit.count(Severity::Error),
            warnings: audit.count(Severity::Warning),
            parse_failures: audit.parse_failures,
            suppressed: audit.suppressed(),
            baselined: audit.baselined(),
            unsupported_frameworks: audit
                .unsupported_frameworks
                .iter()
                .map(|(package, framework)| UnsupportedFramework { package, framework })
                .collect(),
            without_statuses: &audit.without_statuses,
        },
    };
    serde_json::to_writer_pretty(&mut *writer, &report)?;
    writeln!(writer)
}
