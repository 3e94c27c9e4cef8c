//! SARIF 2.1.0, for GitHub code scanning and other SARIF consumers. Paths are relative, through
//! `originalUriBaseIds`, to the CI checkout when the audit root is in it (code scanning resolves
//! them against the repository's root, whatever directory was audited), or to the audit root;
//! fingerprints survive unrelated edits.

use std::io::{self, Write};
use std::path::Path;

use serde_json::{json, Value};

use super::{display_path, fingerprint};
use crate::rules::{Rule, Severity};
use crate::Audit;

pub(super) fn write(audit: &Audit, checkout: Option<&Path>, writer: &mut dyn Write) -> io::Result<()> {
    let base = super::ci_base(audit, checkout);
    let rules: Vec<Value> = Rule::ALL
        .iter()
        .map(|rule| {
            let mut descriptor = json!({
                "id": rule.name(),
                "name": pascal_case(rule.name()),
                "shortDescription": { "text": rule.summary() },
                "fullDescription": { "text": rule.explanation() },
                "help": { "text": rule.explanation(), "markdown": rule.documentation() },
                "defaultConfiguration": { "level": level(rule.default_severity()) },
            });
            if let Some(repository) = REPOSITORY {
                descriptor["helpUri"] = Value::String(help_uri(repository, *rule));
            }
            descriptor
        })
        .collect();
    let fingerprints = fingerprint::fingerprints(audit);
    let results: Vec<Value> = audit
        .findings
        .iter()
        .zip(fingerprints)
        .map(|(finding, fingerprint)| {
            let mut location = json!({
                "artifactLocation": { "uri": display_path(base, &finding.path), "uriBaseId": "ROOT" },
            });
            if let Some(span) = finding.span {
                location["region"] = json!({
                    "startLine": span.line,
                    "startColumn": span.column,
                    "endLine": span.end_line,
                    "endColumn": span.end_column,
                });
            }
            let rule_index = Rule::ALL.iter().position(|rule| *rule == finding.rule).unwrap_or_default();
            let mut result = json!({
                "ruleId": finding.rule.name(),
                "ruleIndex": rule_index,
                "level": level(finding.severity),
                "message": { "text": finding.message },
                "locations": [{ "physicalLocation": location }],
                "partialFingerprints": { "statusAudit/v1": fingerprint },
            });
            if !finding.related.is_empty() {
                let related: Vec<Value> = finding
                    .related
                    .iter()
                    .enumerate()
                    .map(|(index, related)| {
                        json!({
                            "id": index,
                            "physicalLocation": {
                                "artifactLocation": { "uri": display_path(base, &related.path), "uriBaseId": "ROOT" },
                                "region": {
                                    "startLine": related.span.line,
                                    "startColumn": related.span.column,
                                    "endLine": related.span.end_line,
                                    "endColumn": related.span.end_column,
                                },
                            },
                            "message": { "text": related.message },
                        })
                    })
                    .collect();
                result["relatedLocations"] = Value::Array(related);
            }
            // Suppressed findings are carried, marked, so code scanning can show them as such.
            if let Some(justification) = &finding.suppressed {
                result["suppressions"] = json!([{ "kind": "inSource", "justification": justification }]);
            } else if finding.baselined {
                result["suppressions"] = json!([{ "kind": "external", "justification": "accepted in the baseline" }]);
            }
            result
        })
        .collect();
    let root_uri = format!("file://{}/", base.to_string_lossy().trim_end_matches('/'));
    let mut log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "cargo-status-audit",
                    "version": env!("CARGO_PKG_VERSION"),
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "rules": rules,
                },
            },
            "originalUriBaseIds": { "ROOT": { "uri": root_uri } },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    if let Some(repository) = REPOSITORY {
        log["runs"][0]["tool"]["driver"]["informationUri"] = Value::String(repository.to_string());
    }
    serde_json::to_writer_pretty(&mut *writer, &log)?;
    writeln!(writer)
}

/// Where the tool is published: `package.repository` of its own manifest, when it names one.
/// Rules link to their section of `docs/rules.md` there, at the tag of this version.
pub(super) const REPOSITORY: Option<&str> = match option_env!("CARGO_PKG_REPOSITORY") {
    Some(repository) if !repository.is_empty() => Some(repository),
    _ => None,
};

/// A rule's documentation at the tag of this version: `<repository>/blob/v0.1.0/docs/rules.md#dynamic-status`.
pub(super) fn help_uri(repository: &str, rule: Rule) -> String {
    format!("{}/blob/v{}/docs/rules.md#{}", repository.trim_end_matches('/'), env!("CARGO_PKG_VERSION"), rule.name())
}

/// A rule's name as SARIF viewers show it: `UnapprovedStatus` for `unapproved-status`.
fn pascal_case(name: &str) -> String {
    name.split('-')
        .map(|word| {
            let mut characters = word.chars();
            characters
                .next()
                .map(|first| first.to_uppercase().chain(characters).collect::<String>())
                .unwrap_or_default()
        })
        .collect()
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each rule's link lands on its section of the rules' documentation.
    #[test]
    fn every_rule_links_to_its_section_of_the_rules_documentation() {
        let documentation = include_str!("../../docs/rules.md");
        for rule in Rule::ALL {
            let uri = help_uri("https://example.org/status-audit/", *rule);
            let anchor = uri.rsplit_once('#').map(|(_, anchor)| anchor).unwrap_or_default();
            assert!(uri.starts_with("https://example.org/status-audit/blob/v"), "{uri}");
            assert!(documentation.lines().any(|line| line == format!("## {anchor}")), "no section `{anchor}`");
        }
    }
}
