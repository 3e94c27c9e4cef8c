//! Writes an audit's result in the format the user asked for, to a writer it is handed. The only
//! stage besides discover that touches the outside world, and only through that writer.

mod cargo_json;
mod excerpt_files;
mod fingerprint;
mod github;
mod gitlab;
mod human;
mod inventory;
mod json;
pub mod routes;
pub mod rules;
mod sarif;
mod timings;

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::Audit;

/// Where a rule's section of `docs/rules.md` is published, at the tag of this version, when the
/// build knows the tool's repository (`package.repository`).
pub fn rule_documentation_url(rule: crate::rules::Rule) -> Option<String> {
    sarif::REPOSITORY.map(|repository| sarif::help_uri(repository, rule))
}

/// The output formats of `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Human,
    Json,
    Sarif,
    /// GitHub Actions workflow commands.
    Github,
    /// GitLab Code Quality.
    Gitlab,
    /// cargo's JSON diagnostics, for rust-analyzer.
    CargoJson,
}

/// How a report is written.
#[derive(Debug, Clone, Default)]
pub struct ReportOptions {
    pub format: Format,
    /// ANSI colors, for the human format.
    pub color: bool,
    /// The checkout that CI paths are relative to (`GITHUB_WORKSPACE`, `CI_PROJECT_DIR`).
    pub ci_root: Option<PathBuf>,
}

pub fn write_report(audit: &Audit, options: &ReportOptions, writer: &mut dyn Write) -> io::Result<()> {
    match options.format {
        Format::Human => human::write(audit, options.color, writer),
        Format::Json => json::write(audit, writer),
        Format::Sarif => sarif::write(audit, options.ci_root.as_deref(), writer),
        Format::Github => github::write(audit, options.ci_root.as_deref(), writer),
        Format::Gitlab => gitlab::write(audit, options.ci_root.as_deref(), writer),
        Format::CargoJson => cargo_json::write(audit, writer),
    }
}

/// cargo's `compiler-message` lines of `--message-format json` without its closing
/// `build-finished` line, for a caller that adds them to another cargo command's messages and
/// closes the build itself.
pub fn write_cargo_messages(audit: &Audit, writer: &mut dyn Write) -> io::Result<()> {
    cargo_json::write_messages(audit, writer)
}

/// The inventory of every produced status, in the human format or, for any other, as JSON.
pub fn write_inventory(audit: &Audit, options: &ReportOptions, writer: &mut dyn Write) -> io::Result<()> {
    match options.format {
        Format::Human => inventory::write_human(audit, writer),
        _ => inventory::write_json(audit, writer),
    }
}

/// The `--timings` table: per-stage times and counts, for a person reading stderr.
pub fn write_timings(audit: &Audit, writer: &mut dyn Write) -> io::Result<()> {
    timings::write(audit, writer)
}

/// The Markdown summary of every finding that GitHub shows on the run's page.
pub fn github_step_summary(audit: &Audit, options: &ReportOptions) -> String {
    github::step_summary(audit, options.ci_root.as_deref())
}

/// Where the CI formats' paths start: the checkout (`GITHUB_WORKSPACE`, `CI_PROJECT_DIR`) when the
/// audit root is in it, the audit root otherwise.
fn ci_base<'a>(audit: &'a Audit, checkout: Option<&'a Path>) -> &'a Path {
    checkout.filter(|checkout| audit.root.starts_with(checkout)).unwrap_or(&audit.root)
}

/// `path` relative to the audit root with `/` separators, as every format shows it.
pub fn display_path(root: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<String> =
        relative.components().map(|component| component.as_os_str().to_string_lossy().into_owned()).collect();
    parts.join("/")
}
