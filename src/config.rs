//! Configuration, from raw TOML to a validated `Policy`. The same keys are read from
//! `status-audit.toml` (or `--config FILE`), `[workspace.metadata.status-audit]` and
//! `[package.metadata.status-audit]`; each source becomes a `Layer`, and layers are stacked from
//! weakest to strongest. Errors name the file, line and column. Reading files is the caller's job.

use std::collections::BTreeSet;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::guideline;

/// The name of the standalone config file, looked up at the workspace root.
pub const CONFIG_FILE_NAME: &str = "status-audit.toml";

/// The keys of one config source, as written. Unknown keys are rejected.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawConfig {
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
}

/// What a package's files are held to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    pub approved: BTreeSet<u16>,
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
    /// Checks every code; `text` is the file the config was read from, for line numbers.
    pub fn validate(self, path: &Path, text: &str) -> Result<Layer, ConfigError> {
        let codes = |values: Option<Vec<Spanned<i64>>>| -> Result<Option<BTreeSet<u16>>, ConfigError> {
            let Some(values) = values else { return Ok(None) };
            values
                .into_iter()
                .map(|value| {
                    let code = *value.get_ref();
                    u16::try_from(code).ok().filter(|code| (100..=999).contains(code)).ok_or_else(|| ConfigError {
                        path: path.to_path_buf(),
                        position: Some(line_column(text, value.span().start)),
                        message: format!("status code {code} is outside 100..=999"),
                    })
                })
                .collect::<Result<BTreeSet<u16>, _>>()
                .map(Some)
        };
        Ok(Layer { approved: codes(self.approved)?, extend_approved: codes(self.extend_approved)?.unwrap_or_default() })
    }
}

/// Parses a `status-audit.toml` file's text.
pub fn parse_config_file(path: &Path, text: &str) -> Result<Layer, ConfigError> {
    let raw: RawConfig = toml::from_str(text).map_err(|error| toml_error(path, text, &error))?;
    raw.validate(path, text)
}

/// Turns a TOML error into a `ConfigError` at the line it names.
pub fn toml_error(path: &Path, text: &str, error: &toml::de::Error) -> ConfigError {
    ConfigError {
        path: path.to_path_buf(),
        position: error.span().map(|span| line_column(text, span.start)),
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
        Policy { approved: guideline::recommended().iter().map(|recommended| recommended.code).collect() }
    }

    /// Stacks layers, weakest first, on top of the guideline's list.
    pub fn from_layers<'a>(layers: impl IntoIterator<Item = &'a Layer>) -> Policy {
        let mut policy = Policy::guideline_default();
        for layer in layers {
            if let Some(approved) = &layer.approved {
                policy.approved.clone_from(approved);
            }
            policy.approved.extend(&layer.extend_approved);
        }
        policy
    }

    pub fn is_approved(&self, status: u16) -> bool {
        self.approved.contains(&status)
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
        let policy = Policy::from_layers([&workspace, &file]);
        assert_eq!(policy.approved, BTreeSet::from([200, 404, 418]));
        let policy = Policy::from_layers([&file, &workspace]);
        assert_eq!(policy.approved, BTreeSet::from([200, 402, 404, 418]));
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
    fn columns_count_characters() {
        assert_eq!(line_column("é = 1\nab", 7), (2, 1));
        assert_eq!(line_column("é = 1", 3), (1, 3));
    }
}
