//! What to answer instead of an unapproved status: for every status of the http crate's catalog,
//! the codes that carry the same intent, in the order a reviewer would suggest them, each with
//! why. The first one the policy approves is suggested; a code the table does not know falls
//! back to its class's general code; where no approved code means the same, the help says so
//! rather than suggest a wrong one. No IO; `docs/rules.md` shows the table.

use crate::config::Policy;
use crate::{guideline, status};

/// The codes that carry the intent of `code`, best first, each with why it fits; empty where
/// no other code means what it means.
pub fn alternatives(code: u16) -> &'static [(u16, &'static str)] {
    const REDIRECT: &[(u16, &str)] = &[(303, "a redirect too; the client follows it with GET")];
    const MALFORMED: &[(u16, &str)] = &[(400, "the request cannot be served as sent")];
    match code {
        201 | 202 | 203 | 206 | 207 | 208 | 226 => &[(200, "a success, with the result in the body")],
        204 | 205 => &[(200, "a success; the body may be empty")],
        300 | 301 | 302 | 305 | 307 | 308 => REDIRECT,
        400 => &[(422, "the request is understood but cannot be processed")],
        401 => &[(403, "the request is refused")],
        407 | 511 => &[(401, "the client must authenticate"), (403, "the request is refused")],
        402 => &[(403, "the request is refused until the client pays")],
        403 => &[(404, "the resource is hidden from this client")],
        404 => &[(410, "the resource is not there")],
        405 | 406 | 411 | 413 | 414 | 415 | 416 | 417 | 418 | 421 | 426 | 431 | 505 | 510 => MALFORMED,
        408 => &[(504, "a timeout: nothing answered in time"), (503, "the service cannot answer now")],
        504 => &[(503, "the service cannot answer now"), (502, "the service behind this one failed")],
        409 => &[(422, "the request cannot be applied as it stands"), (400, "the request cannot be served")],
        410 => &[(404, "the resource is not there")],
        412 => &[(409, "the resource's state forbids it")],
        428 => &[(412, "a precondition of the request does not hold"), (409, "the resource's state forbids it")],
        422 => &[(400, "the request cannot be served as sent")],
        423..=425 => &[(409, "the resource's state forbids the request now")],
        429 => &[(503, "the service cannot take the request now; say when with `Retry-After`")],
        451 => &[(403, "the request is refused, for whatever reason")],
        506 | 508 => &[(500, "the server failed")],
        501 => &[(405, "the method is not supported here"), (500, "the server cannot do it")],
        502 => &[(503, "the service behind this one is not available"), (500, "the server failed")],
        503 => &[(502, "the service behind this one failed"), (500, "the server failed")],
        507 => &[(503, "the service cannot take the request now"), (500, "the server failed")],
        // Informational, and statuses whose meaning nothing else carries: 200, 303, 304, 500.
        _ => &[],
    }
}

/// Whether the table knows `code` (every status of the http crate's catalog).
fn is_known(code: u16) -> bool {
    status::CATALOG.iter().any(|known| known.code == code)
}

/// The approved code to answer instead of an unapproved `status`, if one carries its intent.
pub fn suggested(status: u16, policy: &Policy) -> Option<u16> {
    suggestion(status, policy).map(|(code, _)| code)
}

/// The help for an unapproved `status`: the approved code that carries its intent, and why.
pub fn help(status: u16, policy: &Policy) -> String {
    match suggestion(status, policy) {
        Some((code, why)) => {
            let quoted = guideline::description(code)
                .map(str::trim)
                .filter(|text| !text.is_empty())
                .map(|text| format!(" (the guideline: \"{text}\")"))
                .unwrap_or_default();
            format!("answer {} instead: {why}{quoted}", status::describe(code))
        }
        None => format!(
            "no approved code means what {} means; approve {status} with `extend-approved = [{status}]` if it is \
             intended",
            status::describe(status)
        ),
    }
}

/// The first approved code of `status`'s alternatives, with why it fits.
fn suggestion(status: u16, policy: &Policy) -> Option<(u16, &'static str)> {
    alternatives(status).iter().copied().find(|(code, _)| policy.is_approved(*code)).or_else(|| {
        // A code outside the catalog: the general code of its class.
        let general = match status / 100 {
            2 => 200,
            3 => 303,
            4 => 400,
            5 => 500,
            _ => return None,
        };
        (!is_known(status) && policy.is_approved(general)).then_some((general, "the general code of its class"))
    })
}

/// The table as Markdown, for the documentation of `unapproved-status`.
pub fn table_markdown() -> String {
    let mut table = String::from("| Status | Suggested instead, first approved wins |\n|---|---|\n");
    for known in status::CATALOG {
        let suggested: Vec<String> =
            alternatives(known.code).iter().map(|(code, why)| format!("{code} ({why})")).collect();
        let suggested =
            if suggested.is_empty() { "none: nothing else means the same".to_string() } else { suggested.join("; ") };
        table.push_str(&format!("| {} | {suggested} |\n", status::describe(known.code)));
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn policy(approved: &[u16]) -> Policy {
        Policy { approved: approved.iter().copied().collect::<BTreeSet<u16>>(), ..Policy::guideline_default() }
    }

    #[test]
    fn suggests_by_meaning_what_the_policy_approves() {
        let guideline = Policy::guideline_default();
        for (status, expected) in [(307, 303), (308, 303), (301, 303), (408, 504), (451, 403), (418, 400), (423, 409)] {
            let help = help(status, &guideline);
            let suggested = format!("answer {} instead: ", status::describe(expected));
            assert!(help.starts_with(&suggested), "{status}: {help}");
        }
        // The first approved alternative wins; a code outside the catalog gets its class's.
        assert!(help(408, &policy(&[503])).starts_with("answer 503 Service Unavailable instead: the service"));
        assert!(help(499, &policy(&[400])).starts_with("answer 400 Bad Request instead: the general code"));
        // Nothing is suggested where nothing approved means the same: 304 is not a redirect.
        assert!(help(304, &policy(&[200, 303])).starts_with("no approved code means what 304 Not Modified means"));
        assert!(help(418, &policy(&[200])).starts_with("no approved code means what 418 I'm a teapot means"));
    }

    #[test]
    fn every_suggestion_is_another_known_status() {
        for known in status::CATALOG {
            for (code, why) in alternatives(known.code) {
                assert!(is_known(*code) && *code != known.code, "{}: {code}", known.code);
                assert!(!why.is_empty() && !why.ends_with('.'), "{}: {why}", known.code);
            }
        }
    }
}
