//! Every rule the audit can report, each defined once: its name, default level, one-line summary
//! and explanation. Documentation and messages are generated from these definitions.

/// How much a finding counts: only errors fail the run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rule {
    UnapprovedStatus,
    DynamicStatus,
    ParseError,
    AllowWithoutReason,
    StaleAllow,
    StaleBaseline,
}

impl Rule {
    pub const ALL: &'static [Rule] = &[
        Rule::UnapprovedStatus,
        Rule::DynamicStatus,
        Rule::ParseError,
        Rule::AllowWithoutReason,
        Rule::StaleAllow,
        Rule::StaleBaseline,
    ];

    /// The rule of a kebab-case name.
    pub fn from_name(name: &str) -> Option<Rule> {
        Rule::ALL.iter().copied().find(|rule| rule.name() == name)
    }

    /// What `--explain` prints: the rule's whole documentation, as Markdown.
    pub fn documentation(self) -> String {
        format!(
            "## {}

Level: {} by default. {}.

{}
",
            self.name(),
            self.default_severity().name(),
            capitalize(self.summary()),
            self.explanation()
        )
    }

    /// The kebab-case name users write in config and see in output.
    pub fn name(self) -> &'static str {
        match self {
            Rule::UnapprovedStatus => "unapproved-status",
            Rule::DynamicStatus => "dynamic-status",
            Rule::ParseError => "parse-error",
            Rule::AllowWithoutReason => "allow-without-reason",
            Rule::StaleAllow => "stale-allow",
            Rule::StaleBaseline => "stale-baseline",
        }
    }

    pub fn default_severity(self) -> Severity {
        match self {
            Rule::UnapprovedStatus | Rule::AllowWithoutReason => Severity::Error,
            Rule::DynamicStatus | Rule::ParseError | Rule::StaleAllow | Rule::StaleBaseline => Severity::Warning,
        }
    }

    pub fn summary(self) -> &'static str {
        match self {
            Rule::UnapprovedStatus => "a response status that is not on the approved list",
            Rule::DynamicStatus => "a response status whose code is known only at run time",
            Rule::ParseError => "a Rust file or manifest that could not be read or parsed",
            Rule::AllowWithoutReason => "an inline allow that does not say why",
            Rule::StaleAllow => "an inline allow that suppresses nothing",
            Rule::StaleBaseline => "a baseline entry that matches no finding",
        }
    }

    pub fn explanation(self) -> &'static str {
        match self {
            Rule::UnapprovedStatus => {
                "Flags every place where server code produces an HTTP status that is not on the \
approved list: a `StatusCode` constant under any path or alias, a number turned into a status \
(`StatusCode::from_u16(418)`, `.status(418)`), or a framework helper that implies a code (actix-web \
`HttpResponse::ImATeapot()` and `error::ErrorLocked`, axum `Redirect::to`, warp `redirect`). A \
status that is only read (compared, matched, asserted) is not flagged.\n\n\
Why: an API that answers with a small, agreed set of codes is one its clients can handle \
completely. The default list is the 23 codes of the response status code guideline.\n\n\
Example:\n\n    (StatusCode::IM_A_TEAPOT, \"no coffee\")\n\n\
Fix it by answering with an approved code of the same class (the help line names the nearest \
ones), or approve the code for the workspace with `extend-approved = [418]` in \
`status-audit.toml`."
            }
            Rule::DynamicStatus => {
                "Flags a status made from a value the code does not fix: `StatusCode::from_u16(code)` \
or `.status(code)` where `code` is a parameter, a field or a computation, a name that is not a \
constant of the workspace, and a status passed through from another response \
(`.status(upstream.status())`, `*res.status_mut() = upstream.status()`). A `let` of a literal \
code and a `const` or `static` anywhere in the workspace are followed, and are not flagged: \
their code is checked like any other.\n\n\
Why: the approved list can only hold if every status the API answers with is known. A status \
relayed from an upstream service lets that service's codes through unchecked.\n\n\
Example:\n\n    StatusCode::from_u16(upstream.status().as_u16())\n\n\
Fix it by mapping the value onto approved constants (`match code { 404 => StatusCode::NOT_FOUND, \
_ => StatusCode::BAD_GATEWAY }`), or allow it where relaying is the point: \
`// status-audit: allow(dynamic) <reason>`, or `[levels] dynamic-status = \"allow\"`."
            }
            Rule::ParseError => {
                "Reports a `.rs` file that could not be read (permissions, not UTF-8) or parsed as \
Rust, and a `Cargo.toml` that is not valid TOML. The file is skipped and the audit goes on, so \
statuses in it are not checked: fix the file or exclude it."
            }
            Rule::AllowWithoutReason => {
                "Flags an inline exception that gives no reason:\n\n    \
(StatusCode::IM_A_TEAPOT, body) // status-audit: allow(418)\n\n\
Why: an exception without a reason cannot be reviewed, and nobody can tell later whether it still \
holds. The allow still suppresses its finding; this rule asks for the words.\n\n\
Fix it by writing the reason after the parentheses:\n\n    \
// status-audit: allow(418) the coffee partner's client retries on 418 only"
            }
            Rule::StaleAllow => {
                "Flags an inline `// status-audit: allow(...)` code that suppresses no finding on its \
line or the line below: the status is no longer produced there, it is approved anyway, or the \
entry is not a status code.\n\n\
Why: exceptions that match nothing rot silently and hide the next real finding.\n\n\
Fix it by removing the code from the allow (or the whole comment)."
            }
            Rule::StaleBaseline => {
                "Flags an entry of the `--baseline` file that matches no current finding: the status \
it accepted is no longer produced there, or is approved now.\n\n\
Why: a baseline is a list of debts; one that only grows hides which were paid.\n\n\
Fix it by writing the baseline again with `--write-baseline`, which keeps only what is still \
found."
            }
        }
    }
}

fn capitalize(text: &str) -> String {
    let mut characters = text.chars();
    characters.next().map(|first| first.to_uppercase().chain(characters).collect()).unwrap_or_default()
}

/// `docs/rules.md`, generated from the definitions above.
pub fn rules_markdown() -> String {
    let mut markdown = String::from(
        "# Rules\n\n<!-- Generated from src/rules.rs by `STATUS_AUDIT_BLESS=1 cargo test`; do not edit. -->\n\n\
         | Rule | Level | Flags |\n|---|---|---|\n",
    );
    for rule in Rule::ALL {
        markdown.push_str(&format!(
            "| `{}` | {} | {} |\n",
            rule.name(),
            rule.default_severity().name(),
            rule.summary()
        ));
    }
    for rule in Rule::ALL {
        markdown.push('\n');
        markdown.push_str(&rule.documentation());
    }
    markdown
}
