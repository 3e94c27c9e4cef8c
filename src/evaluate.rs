//! Applies a package's policy to what detect found: which status uses break a rule, and the
//! words that explain each finding. Knows no syn and does no IO.

use crate::allows::Allow;
use crate::config::Policy;
use crate::model::{DynamicUse, Finding, ParseFailure, Related, StatusUse};
use crate::parse::ScannedFile;
use crate::rules::{Rule, Severity};
use crate::{status, suggest};

/// The findings of one scanned file, suppressed ones included (marked).
pub fn evaluate(file: &ScannedFile, policy: &Policy) -> Vec<Finding> {
    let mut findings = Vec::new();
    // Which codes of each allow suppressed something.
    let mut used: Vec<Vec<u16>> = vec![Vec::new(); file.allows.len()];
    for status_use in file.uses.iter().filter(|status_use| !policy.is_approved(status_use.status)) {
        let allow = file
            .allows
            .iter()
            .position(|allow| allow.covers(status_use.span.line) && allow.codes.contains(&status_use.status));
        if let Some(index) = allow {
            used[index].push(status_use.status);
        }
        if let Some(severity) = policy.severity(Rule::UnapprovedStatus) {
            let mut finding = unapproved(file, status_use, policy, severity);
            finding.suppressed = allow.map(|index| file.allows[index].reason.clone().unwrap_or_default());
            findings.push(finding);
        }
    }
    findings.extend(crate::semantics::evaluate(file, policy, &mut used));
    findings.extend(crate::implied::evaluate(file, policy, &mut used));
    // Which allows suppressed a dynamic status.
    let mut used_dynamic = vec![false; file.allows.len()];
    for dynamic_use in &file.dynamic {
        let allow = file.allows.iter().position(|allow| allow.covers(dynamic_use.span.line) && allow.dynamic);
        if let Some(index) = allow {
            used_dynamic[index] = true;
        }
        if let Some(severity) = policy.severity(Rule::DynamicStatus) {
            let mut finding = dynamic(file, dynamic_use, severity);
            finding.suppressed = allow.map(|index| file.allows[index].reason.clone().unwrap_or_default());
            findings.push(finding);
        }
    }
    for ((allow, used), used_dynamic) in file.allows.iter().zip(&used).zip(used_dynamic) {
        if allow.reason.is_none() {
            if let Some(severity) = policy.severity(Rule::AllowWithoutReason) {
                findings.push(allow_finding(
                    file,
                    allow,
                    Rule::AllowWithoutReason,
                    severity,
                    "this allow gives no reason".to_string(),
                    "write why after the parentheses: `allow(418) <reason>`",
                ));
            }
        }
        let Some(severity) = policy.severity(Rule::StaleAllow) else { continue };
        for code in allow.codes.iter().filter(|code| !used.contains(code)) {
            findings.push(allow_finding(
                file,
                allow,
                Rule::StaleAllow,
                severity,
                format!("`allow({code})` suppresses nothing: no unapproved {code} on this line or the next"),
                "remove it from the allow",
            ));
        }
        if allow.dynamic && !used_dynamic {
            findings.push(allow_finding(
                file,
                allow,
                Rule::StaleAllow,
                severity,
                "`allow(dynamic)` suppresses nothing: no dynamic status on this line or the next".to_string(),
                "remove it from the allow",
            ));
        }
        for entry in &allow.unknown {
            findings.push(allow_finding(
                file,
                allow,
                Rule::StaleAllow,
                severity,
                format!("`{entry}` in an allow is not a status code in 100..=999"),
                "allows name status codes, or `dynamic`: `allow(418, 451) <reason>`",
            ));
        }
    }
    if let Some(failure) = &file.failure {
        if let Some(severity) = policy.severity(Rule::ParseError) {
            let mut finding = parse_error(file.path.clone(), failure);
            finding.severity = severity;
            findings.push(finding);
        }
    }
    findings
}

fn allow_finding(
    file: &ScannedFile,
    allow: &Allow,
    rule: Rule,
    severity: Severity,
    message: String,
    help: &str,
) -> Finding {
    Finding {
        rule,
        severity,
        status: None,
        label: message.clone(),
        message,
        path: file.path.clone(),
        span: Some(allow.span),
        framework: None,
        function: None,
        notes: Vec::new(),
        help: Some(help.to_string()),
        suppressed: None,
        baselined: false,
        related: Vec::new(),
        excerpt: None,
    }
}

/// How the note that lists a finding's approved codes starts: the human report states each list
/// once, at its end, rather than under every finding.
pub const APPROVED_NOTE: &str = "note: approved: ";

fn unapproved(file: &ScannedFile, status_use: &StatusUse, policy: &Policy, severity: Severity) -> Finding {
    let described = status::describe(status_use.status);
    let mut notes = Vec::new();
    if let Some(function) = &status_use.function {
        notes.push(format!("note: in `{function}` ({})", status_use.framework.name()));
    }
    let approved: Vec<String> = policy.approved.iter().map(u16::to_string).collect();
    notes.push(format!("{APPROVED_NOTE}{}", approved.join(", ")));
    let related = status_use
        .origin
        .iter()
        .map(|origin| Related {
            path: origin.path.clone().unwrap_or_else(|| file.path.clone()),
            span: origin.span,
            message: origin.label.clone(),
            excerpt: None,
        })
        .collect();
    Finding {
        rule: Rule::UnapprovedStatus,
        severity,
        status: Some(status_use.status),
        message: format!("status {described} is not approved"),
        path: file.path.clone(),
        span: Some(status_use.span),
        label: format!("responds with {described}"),
        framework: Some(status_use.framework),
        function: status_use.function.clone(),
        notes,
        help: Some(suggest::help(status_use.status, policy)),
        suppressed: None,
        baselined: false,
        related,
        excerpt: None,
    }
}

fn dynamic(file: &ScannedFile, dynamic_use: &DynamicUse, severity: Severity) -> Finding {
    let mut notes = Vec::new();
    if let Some(function) = &dynamic_use.function {
        notes.push(format!("note: in `{function}` ({})", dynamic_use.framework.name()));
    }
    notes.push(format!("note: {}", dynamic_use.reason));
    Finding {
        rule: Rule::DynamicStatus,
        severity,
        status: None,
        message: "the status is known only at run time, so it cannot be checked".to_string(),
        path: file.path.clone(),
        span: Some(dynamic_use.span),
        label: "responds with a status computed here".to_string(),
        framework: Some(dynamic_use.framework),
        function: dynamic_use.function.clone(),
        notes,
        help: Some(
            "map the value onto approved `StatusCode` constants, or allow it with `// status-audit: allow(dynamic) <reason>`"
                .to_string(),
        ),
        suppressed: None,
        baselined: false,
        related: Vec::new(),
        excerpt: None,
    }
}

/// The finding for a file or manifest that could not be read or parsed.
pub fn parse_error(path: std::path::PathBuf, failure: &ParseFailure) -> Finding {
    Finding {
        rule: Rule::ParseError,
        severity: Rule::ParseError.default_severity(),
        status: None,
        message: format!(
            "could not parse `{}`: {}",
            path.file_name().unwrap_or_default().to_string_lossy(),
            failure.message
        ),
        path,
        span: failure.span,
        label: failure.message.clone(),
        framework: None,
        function: None,
        notes: vec!["note: the file was skipped; statuses in it are not checked".to_string()],
        help: None,
        suppressed: None,
        baselined: false,
        related: Vec::new(),
        excerpt: None,
    }
}
