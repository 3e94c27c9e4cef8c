//! Configuration, from raw TOML to a validated `Policy`. The same keys are read from
//! `status-audit.toml` (or `--config FILE`), `[workspace.metadata.status-audit]` and
//! `[package.metadata.status-audit]`; each source becomes a `Layer`, and layers are stacked from
//! weakest to strongest. Errors name the file, line and column. Reading files is the caller's job.

use std::borrow::Borrow;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::guideline;
use crate::rules::{Rule, Severity};

/// The name of the standalone config file, looked up at the workspace root.
pub const CONFIG_FILE_NAME: &str = "status-audit.toml";

/// The keys of one config source, as written. Unknown keys are rejected.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawConfig {
    approved: Option<Vec<Spanned<i64>>>,
    extend_approved: Option<Vec<Spanned<i64>>>,
    overrides: Option<Vec<Spanned<RawOverride>>>,
    levels: Option<BTreeMap<Spanned<String>, Spanned<String>>>,
    retry_after_on_503: Option<bool>,
    implied_server_defaults: Option<bool>,
    exclude: Option<Vec<Spanned<String>>>,
}

/// An `[[overrides]]` table: its own list for the files its globs match.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawOverride {
    paths: Vec<Spanned<String>>,
    approved: Option<Vec<Spanned<i64>>>,
    extend_approved: Option<Vec<Spanned<i64>>>,
}

/// One validated config source.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Layer {
    /// Replaces the list built so far.
    pub approved: Option<BTreeSet<u16>>,
    /// Added to the list built so far.
    pub extend_approved: BTreeSet<u16>,
    pub overrides: Vec<Override>,
    /// `[levels]`: a rule's level, instead of its default.
    pub levels: BTreeMap<Rule, Level>,
    /// `retry-after-on-503`: hold 503 responses to `missing-retry-after` too.
    pub retry_after_on_503: Option<bool>,
    /// `implied-server-defaults`: report what the server answers before any code runs.
    pub implied_server_defaults: Option<bool>,
    /// `exclude`: files not audited at all, and directories whose files are not.
    pub exclude: Vec<glob::Pattern>,
}

impl Layer {
    /// Whether `exclude` names the file or a directory above it.
    pub fn excludes(&self, file: &Path) -> bool {
        let options = glob::MatchOptions { require_literal_separator: true, ..glob::MatchOptions::default() };
        !self.exclude.is_empty()
            && file.ancestors().any(|path| self.exclude.iter().any(|pattern| pattern.matches_path_with(path, options)))
    }
}

/// What `[levels]` sets a rule to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// Report as an error: it fails the run.
    Deny,
    /// Report as a warning.
    Warn,
    /// Do not report.
    Allow,
}

/// Approvals for the files that match one of `patterns`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Override {
    /// Absolute patterns: each glob as written, anchored at the config source's directory.
    pub patterns: Vec<glob::Pattern>,
    pub approved: Option<BTreeSet<u16>>,
    pub extend_approved: BTreeSet<u16>,
}

impl Override {
    pub fn matches(&self, file: &Path) -> bool {
        let options = glob::MatchOptions { require_literal_separator: true, ..glob::MatchOptions::default() };
        self.patterns.iter().any(|pattern| pattern.matches_path_with(file, options))
    }
}

/// `glob` anchored at `base`: leading `./` and `../` are resolved against it, and the base's own
/// characters never act as wildcards.
fn anchor(base: &Path, glob: &str) -> String {
    let mut base = base.to_path_buf();
    let mut rest = glob;
    loop {
        if let Some(stripped) = rest.strip_prefix("./") {
            rest = stripped;
        } else if let Some(stripped) = rest.strip_prefix("../") {
            base.pop();
            rest = stripped;
        } else {
            break;
        }
    }
    let base = base.to_string_lossy();
    format!("{}/{rest}", glob::Pattern::escape(base.trim_end_matches('/')))
}

/// What a file is held to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    pub approved: BTreeSet<u16>,
    pub levels: BTreeMap<Rule, Level>,
    /// Whether a 503 needs a `Retry-After` header, as a 429 does.
    pub retry_after_on_503: bool,
    /// Whether what the server answers before any code runs (hyper's 431, actix-http's 408) is
    /// reported, not only listed.
    pub implied_server_defaults: bool,
}

/// A config source that cannot be used; the run stops with exit code 2.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub path: PathBuf,
    /// 1-based line and column, when the problem has a place in the file.
    pub position: Option<(usize, usize)>,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "{}", self.path.display())?;
        if let Some((line, column)) = self.position {
            write!(formatter, ":{line}:{column}")?;
        }
        write!(formatter, ": {}", self.message)
    }
}

impl RawConfig {
    /// Checks every code and glob; `text` is the file the config was read from, for line numbers.
    pub fn validate(self, path: &Path, text: &str) -> Result<Layer, ConfigError> {
        let error_at = |offset: usize, message: String| ConfigError {
            path: path.to_path_buf(),
            position: Some(line_column(text, offset)),
            message,
        };
        let codes = |values: Option<Vec<Spanned<i64>>>| -> Result<Option<BTreeSet<u16>>, ConfigError> {
            let Some(values) = values else { return Ok(None) };
            values
                .into_iter()
                .map(|value| {
                    let code = *value.get_ref();
                    u16::try_from(code)
                        .ok()
                        .filter(|code| (100..=999).contains(code))
                        .ok_or_else(|| error_at(value.span().start, format!("status code {code} is outside 100..=999")))
                })
                .collect::<Result<BTreeSet<u16>, _>>()
                .map(Some)
        };
        let base = path.parent().map_or_else(PathBuf::new, Path::to_path_buf);
        let glob_of = |glob: &Spanned<String>| {
            glob::Pattern::new(glob.get_ref())
                .and_then(|_| glob::Pattern::new(&anchor(&base, glob.get_ref())))
                .map_err(|error| error_at(glob.span().start, format!("invalid glob `{}`: {error}", glob.get_ref())))
        };
        let exclude = self.exclude.unwrap_or_default().iter().map(glob_of).collect::<Result<Vec<_>, _>>()?;
        let mut overrides = Vec::new();
        for raw in self.overrides.unwrap_or_default() {
            let start = raw.span().start;
            let raw = raw.into_inner();
            if raw.paths.is_empty() {
                return Err(error_at(start, "an override needs at least one glob in `paths`".to_string()));
            }
            let patterns = raw.paths.iter().map(glob_of).collect::<Result<Vec<_>, _>>()?;
            overrides.push(Override {
                patterns,
                approved: codes(raw.approved)?,
                extend_approved: codes(raw.extend_approved)?.unwrap_or_default(),
            });
        }
        let mut levels = BTreeMap::new();
        for (rule, level) in self.levels.unwrap_or_default() {
            let known: Vec<&str> = Rule::ALL.iter().map(|rule| rule.name()).collect();
            let parsed_rule = Rule::from_name(rule.get_ref()).ok_or_else(|| {
                error_at(
                    rule.span().start,
                    format!("unknown rule `{}`; the rules are: {}", rule.get_ref(), known.join(", ")),
                )
            })?;
            let parsed_level = match level.get_ref().as_str() {
                "deny" => Level::Deny,
                "warn" => Level::Warn,
                "allow" => Level::Allow,
                other => {
                    let message = format!("unknown level `{other}`; the levels are: deny, warn, allow");
                    return Err(error_at(level.span().start, message));
                }
            };
            levels.insert(parsed_rule, parsed_level);
        }
        Ok(Layer {
            approved: codes(self.approved)?,
            extend_approved: codes(self.extend_approved)?.unwrap_or_default(),
            overrides,
            levels,
            retry_after_on_503: self.retry_after_on_503,
            implied_server_defaults: self.implied_server_defaults,
            exclude,
        })
    }
}

/// Parses a `status-audit.toml` file's text.
pub fn parse_config_file(path: &Path, text: &str) -> Result<Layer, ConfigError> {
    let raw: RawConfig = toml::from_str(text).map_err(|error| toml_error(path, text, &error))?;
    raw.validate(path, text)
}

/// Turns a TOML error into a `ConfigError` at the line it names. An error at the end of the
/// input (an array or string left open) is put at the end of the last line that holds
/// anything, not on a line past the file's end.
pub fn toml_error(path: &Path, text: &str, error: &toml::de::Error) -> ConfigError {
    ConfigError {
        path: path.to_path_buf(),
        position: error.span().map(|span| line_column(text, span.start.min(text.trim_end().len()))),
        message: error.message().trim_end().to_string(),
    }
}

/// 1-based line and character column of a byte offset.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..floor_char_boundary(text, offset)];
    let line_start = before.rfind('\n').map_or(0, |newline| newline + 1);
    (before.matches('\n').count() + 1, before[line_start..].chars().count() + 1)
}

fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

impl Policy {
    /// The guideline's list, before any config.
    pub fn guideline_default() -> Policy {
        Policy {
            approved: guideline::recommended().iter().map(|recommended| recommended.code).collect(),
            levels: BTreeMap::new(),
            retry_after_on_503: false,
            implied_server_defaults: false,
        }
    }

    /// Stacks layers, weakest first, on top of the guideline's list. For a `file`, the overrides
    /// that match it come after every layer's own keys, in the same order; `last` comes after all.
    pub fn resolve<L: Borrow<Layer>>(layers: &[L], file: Option<&Path>, last: &Layer) -> Policy {
        let layers = || layers.iter().map(Borrow::borrow);
        let levels = layers().chain([last]).flat_map(|layer| layer.levels.clone()).collect();
        let retry_after_on_503 =
            layers().chain([last]).filter_map(|layer| layer.retry_after_on_503).next_back().unwrap_or(false);
        let implied_server_defaults =
            layers().chain([last]).filter_map(|layer| layer.implied_server_defaults).next_back().unwrap_or(false);
        let mut approved = Policy::guideline_default().approved;
        let mut apply = |replace: &Option<BTreeSet<u16>>, extend: &BTreeSet<u16>| {
            if let Some(replace) = replace {
                approved.clone_from(replace);
            }
            approved.extend(extend);
        };
        for layer in layers() {
            apply(&layer.approved, &layer.extend_approved);
        }
        if let Some(file) = file {
            for matching in layers().flat_map(|layer| &layer.overrides).filter(|rule| rule.matches(file)) {
                apply(&matching.approved, &matching.extend_approved);
            }
        }
        apply(&last.approved, &last.extend_approved);
        Policy { approved, levels, retry_after_on_503, implied_server_defaults }
    }

    pub fn is_approved(&self, status: u16) -> bool {
        self.approved.contains(&status)
    }

    /// The severity a rule's findings get, or `None` when they are not reported.
    pub fn severity(&self, rule: Rule) -> Option<Severity> {
        match self.levels.get(&rule) {
            None => Some(rule.default_severity()),
            Some(Level::Deny) => Some(Severity::Error),
            Some(Level::Warn) => Some(Severity::Warning),
            Some(Level::Allow) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Layer, ConfigError> {
        parse_config_file(Path::new("status-audit.toml"), text)
    }

    #[test]
    fn layers_replace_then_extend() {
        let workspace = parse("extend-approved = [402]").unwrap();
        let file = parse("approved = [200, 404]\nextend-approved = [418]").unwrap();
        let none = Layer::default();
        let policy = Policy::resolve(&[workspace.clone(), file.clone()], None, &none);
        assert_eq!(policy.approved, BTreeSet::from([200, 404, 418]));
        let policy = Policy::resolve(&[file, workspace], None, &none);
        assert_eq!(policy.approved, BTreeSet::from([200, 402, 404, 418]));
    }

    #[test]
    fn overrides_apply_to_the_files_their_globs_match() {
        let layer = parse(
            "[[overrides]]\npaths = [\"crates/legacy/**\"]\nextend-approved = [418]\n\n\
             [[overrides]]\npaths = [\"src/*.rs\"]\napproved = [200]\n",
        )
        .unwrap();
        let none = Layer::default();
        let policy = |file: &str| Policy::resolve(std::slice::from_ref(&layer), Some(Path::new(file)), &none).approved;
        // The test config lives at `status-audit.toml`, so its directory is the empty path and
        // the patterns are anchored at the filesystem root.
        let policy = |file: &str| policy(&format!("/{file}"));
        assert!(policy("crates/legacy/src/deep/lib.rs").contains(&418));
        assert!(!policy("crates/other/src/lib.rs").contains(&418));
        assert_eq!(policy("src/lib.rs"), BTreeSet::from([200]));
        assert!(policy("src/nested/lib.rs").len() > 1, "`*` does not cross a directory");
    }

    #[test]
    fn a_glob_that_does_not_compile_names_its_line() {
        let error = parse("[[overrides]]\npaths = [\"ok/**\",\n  \"bad/[\"]\n").unwrap_err();
        assert_eq!(error.position.map(|(line, _)| line), Some(3));
        assert!(error.message.contains("invalid glob `bad/[`"), "{error}");
    }

    #[test]
    fn errors_name_the_line() {
        let error = parse("# approved codes\napproved = [200, 1000]").unwrap_err();
        assert_eq!(error.position, Some((2, 18)));
        assert!(error.message.contains("1000"), "{error}");

        let error = parse("\n\naproved = [200]").unwrap_err();
        assert_eq!(error.position.map(|(line, _)| line), Some(3));
        assert!(error.message.contains("unknown field"), "{error}");

        let error = parse("approved = \"200\"").unwrap_err();
        assert_eq!(error.position.map(|(line, _)| line), Some(1));
    }

    #[test]
    fn the_stronger_source_decides_retry_after_on_503() {
        let workspace = parse("retry-after-on-503 = true").unwrap();
        let file = parse("retry-after-on-503 = false").unwrap();
        let none = Layer::default();
        assert!(Policy::resolve(std::slice::from_ref(&workspace), None, &none).retry_after_on_503);
        assert!(!Policy::resolve(&[workspace.clone(), file.clone()], None, &none).retry_after_on_503);
        assert!(Policy::resolve(&[file, workspace], None, &none).retry_after_on_503);
        assert!(!Policy::guideline_default().retry_after_on_503);
        let error = parse("retry-after-on-503 = 1").unwrap_err();
        assert_eq!(error.position.map(|(line, _)| line), Some(1));
    }

    #[test]
    fn columns_count_characters() {
        assert_eq!(line_column("é = 1\nab", 7), (2, 1));
        assert_eq!(line_column("é = 1", 3), (1, 3));
    }

    #[test]
    fn an_error_at_the_end_of_input_is_on_the_last_line() {
        let text = "approved = [200,\n\n";
        let error = parse_config_file(Path::new("status-audit.toml"), text).expect_err("the array is left open");
        assert_eq!(error.position, Some((1, 17)));
    }
}
