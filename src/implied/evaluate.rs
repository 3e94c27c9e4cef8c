//! The `implied-status` findings of one file: each status a component the file opts into
//! answers with, after the settings the code applies, that the policy does not approve. Knows
//! no syn and does no IO.

use super::catalogue::Opt;
use crate::config::Policy;
use crate::model::Finding;
use crate::parse::ScannedFile;
use crate::rules::Rule;
use crate::status;

/// The findings of one file's implied uses. `used` marks, per allow of the file, the codes that
/// suppressed something.
pub(crate) fn evaluate(file: &ScannedFile, policy: &Policy, used: &mut [Vec<u16>]) -> Vec<Finding> {
    let Some(severity) = policy.severity(Rule::ImpliedStatus) else { return Vec::new() };
    let mut findings = Vec::new();
    for implied in &file.implied {
        let component = implied.component();
        if component.opt == Opt::Server && !policy.implied_server_defaults {
            continue;
        }
        for (code, when) in implied.answers().into_iter().filter(|(code, _)| !policy.is_approved(*code)) {
            let described = status::describe(code);
            let mut notes = Vec::new();
            if let Some(function) = &implied.function {
                notes.push(format!("note: in `{function}` ({})", implied.framework.name()));
            }
            notes.push(format!("note: read in {}", component.source));
            let allow =
                file.allows.iter().position(|allow| allow.covers(implied.span.line) && allow.codes.contains(&code));
            if let Some(index) = allow {
                used[index].push(code);
            }
            findings.push(Finding {
                rule: Rule::ImpliedStatus,
                severity,
                status: Some(code),
                message: format!("{} answers {described} {when}", component.subject),
                path: file.path.clone(),
                span: Some(implied.span),
                label: format!("answers {described} on the service's behalf"),
                framework: Some(implied.framework),
                function: implied.function.clone(),
                notes,
                help: Some(format!("{}, or approve {code} with `extend-approved = [{code}]`", component.help)),
                suppressed: allow.map(|index| file.allows[index].reason.clone().unwrap_or_default()),
                baselined: false,
                related: Vec::new(),
                excerpt: None,
            });
        }
    }
    findings
}
