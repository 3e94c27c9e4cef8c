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
    MissingRetryAfter,
    MissingAllowHeader,
    MissingWwwAuthenticate,
    MissingLocation,
    BodyOnNoContent,
    InvalidStatus,
    ImpliedStatus,
}

impl Rule {
    pub const ALL: &'static [Rule] = &[
        Rule::UnapprovedStatus,
        Rule::DynamicStatus,
        Rule::ParseError,
        Rule::AllowWithoutReason,
        Rule::StaleAllow,
        Rule::StaleBaseline,
        Rule::MissingRetryAfter,
        Rule::MissingAllowHeader,
        Rule::MissingWwwAuthenticate,
        Rule::MissingLocation,
        Rule::BodyOnNoContent,
        Rule::InvalidStatus,
        Rule::ImpliedStatus,
    ];

    /// The rule of a kebab-case name.
    pub fn from_name(name: &str) -> Option<Rule> {
        Rule::ALL.iter().copied().find(|rule| rule.name() == name)
    }

    /// What `--explain` prints: the rule's whole documentation, as Markdown.
    pub fn documentation(self) -> String {
        // The help of an unapproved status suggests a code by meaning, from this table.
        let suggestions = match self {
            Rule::ImpliedStatus => format!(
                "\nThe components, their statuses, the settings the audit reads, and where each was \
                 read:\n\n{}",
                crate::implied::catalogue::table_markdown()
            ),
            Rule::UnapprovedStatus => format!(
                "\nWhat the help suggests instead of each status: the first code of its row that the \
                 policy approves; a code the table does not know gets its class's general code (200, \
                 303, 400, 500) when that is approved, and where none is, the help says so.\n\n{}",
                crate::suggest::table_markdown()
            ),
            _ => String::new(),
        };
        format!(
            "## {}

Level: {} by default. {}.

{}
{suggestions}",
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
            Rule::MissingRetryAfter => "missing-retry-after",
            Rule::MissingAllowHeader => "missing-allow-header",
            Rule::MissingWwwAuthenticate => "missing-www-authenticate",
            Rule::MissingLocation => "missing-location",
            Rule::BodyOnNoContent => "body-on-no-content",
            Rule::InvalidStatus => "invalid-status",
            Rule::ImpliedStatus => "implied-status",
        }
    }

    pub fn default_severity(self) -> Severity {
        match self {
            Rule::UnapprovedStatus | Rule::AllowWithoutReason | Rule::BodyOnNoContent | Rule::InvalidStatus => {
                Severity::Error
            }
            Rule::DynamicStatus
            | Rule::ParseError
            | Rule::StaleAllow
            | Rule::StaleBaseline
            | Rule::MissingRetryAfter
            | Rule::MissingAllowHeader
            | Rule::MissingWwwAuthenticate
            | Rule::MissingLocation
            | Rule::ImpliedStatus => Severity::Warning,
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
            Rule::MissingRetryAfter => "a 429 response (and optionally 503) built without a `Retry-After` header",
            Rule::MissingAllowHeader => "a 405 response built without an `Allow` header",
            Rule::MissingWwwAuthenticate => "a 401 response built without a `WWW-Authenticate` header",
            Rule::MissingLocation => "a 201 or a redirect built from its status code without a `Location` header",
            Rule::BodyOnNoContent => "a 204 or 304 response given a body",
            Rule::InvalidStatus => "a status outside 100..=999, or a 1xx used as a final response",
            Rule::ImpliedStatus => {
                "a status that an extractor, middleware or file service the code uses answers with on its behalf"
            }
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
Fix it by answering with an approved code that means the same (the help line suggests one, from \
the table below), or approve the code for the workspace with `extend-approved = [418]` in \
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
            Rule::MissingRetryAfter => {
                "Flags a 429 Too Many Requests response whose whole construction is in one expression \
that sets no `Retry-After` header: an axum tuple without `[(header::RETRY_AFTER, ..)]`, \
`AppendHeaders`, `TypedHeader(RetryAfter::..)` or a `HeaderMap` part; an actix-web builder chain \
without `.insert_header(..)` / `.append_header(..)` of it; a warp `with_status` without \
`with_header` around or inside it, or a `.with(warp::reply::with::header(..))` on its filter; an http \
builder without `.header(..)`. With `retry-after-on-503 = true` in the config, 503 Service \
Unavailable is held to the same rule.\n\n\
Only a response built whole where it is returned counts. A bare `StatusCode::TOO_MANY_REQUESTS` \
(from a `status_code()` method, say), a response kept in a variable or handed to a function, and a \
part the code does not show (a variable, a `HeaderMap`) are left alone: something else may add \
the header. A middleware that adds it is not seen, so allow the rule for such a service.\n\n\
Why: the guideline says a 429 response SHOULD include a `Retry-After` header; without it clients \
retry at once or guess. RFC 6585 section 4 and RFC 9110 section 10.2.3.\n\n\
Example:\n\n    (StatusCode::TOO_MANY_REQUESTS, \"slow down\")\n\n\
Fix it by saying when to come back:\n\n    \
(StatusCode::TOO_MANY_REQUESTS, [(header::RETRY_AFTER, \"30\")], \"slow down\")"
            }
            Rule::MissingAllowHeader => {
                "Flags a 405 Method Not Allowed response built in one expression that sets no `Allow` \
header (a header array or typed `Allow` in axum, `.insert_header(header::Allow(..))` in actix-web, \
`with_header` in warp, `.header(..)` on an http builder). The router's own 405s are not code of \
yours and are not flagged; nor is a response whose parts the code does not show.\n\n\
Why: RFC 9110 section 15.5.6: an origin server MUST send `Allow` with a 405, listing the methods \
the resource supports.\n\n\
Example:\n\n    HttpResponse::MethodNotAllowed().finish()\n\n\
Fix it:\n\n    HttpResponse::MethodNotAllowed().insert_header(header::Allow(vec![Method::GET])).finish()"
            }
            Rule::MissingWwwAuthenticate => {
                "Flags a 401 Unauthorized response built in one expression that sets no \
`WWW-Authenticate` header. A response whose parts the code does not show is left alone, as is a \
bare `StatusCode::UNAUTHORIZED` handed elsewhere.\n\n\
Why: RFC 9110 section 15.5.2: a 401 MUST carry at least one challenge, or clients cannot tell how \
to authenticate. Answer 403 when credentials would not help.\n\n\
Example:\n\n    (StatusCode::UNAUTHORIZED, \"log in first\")\n\n\
Fix it:\n\n    (StatusCode::UNAUTHORIZED, [(header::WWW_AUTHENTICATE, \"Bearer\")], \"log in first\")"
            }
            Rule::MissingLocation => {
                "Flags a 201 Created, or a 301, 302, 303, 307 or 308 set by its status code, built in one \
expression that sets no `Location` header. Redirect helpers (axum `Redirect`, actix-web \
`web::Redirect`, warp `redirect`) set `Location` themselves and are never flagged, nor is a \
response whose parts the code does not show.\n\n\
Why: RFC 9110 sections 15.3.2 and 15.4: `Location` names the created resource, and a redirect \
without one leads nowhere.\n\n\
Example:\n\n    (StatusCode::CREATED, Json(order))\n\n\
Fix it:\n\n    (StatusCode::CREATED, [(header::LOCATION, format!(\"/orders/{id}\"))], Json(order))\n\n\
or use a redirect helper for a redirect."
            }
            Rule::BodyOnNoContent => {
                "Flags a 204 No Content or 304 Not Modified response that the code gives a body: axum \
`(StatusCode::NO_CONTENT, Json(..))` or a string, actix-web `.json(..)` or `.body(\"..\")` on such a \
builder, an http builder's `.body(..)` with content, a warp `with_status` around `reply::json`. \
`.finish()`, `()`, `Body::empty()` and `\"\"` are not a body; a body the code does not show (a \
variable) is left alone.\n\n\
Why: RFC 9110 sections 15.3.5 and 15.4.5: these responses end with their headers. Servers differ \
on what they do with the bytes: actix-web writes them after the headers, which breaks the next \
response on a kept-alive connection; axum announces their length.\n\n\
Example:\n\n    HttpResponse::NoContent().json(order)\n\n\
Fix it by dropping the body, or by answering 200 with it."
            }
            Rule::ImpliedStatus => {
                "Flags where a service opts into a component that answers requests on its behalf \
with a status the approved list does not hold: an extractor in a handler's parameters (axum \
`Json(order): Json<Order>` answers 413 to a body over 2 MiB), a layer or middleware built \
(tower-http `TimeoutLayer::new` answers 408), a file service (`ServeDir::new` answers 206, 307 and \
416), a warp filter (`content_length_limit` answers 411 and 413). No status is written in the \
service's code, so `unapproved-status` cannot see these; the table below lists every component, \
and the help of each finding says how to change what it answers. Settings written on the \
component are read: `ServeDir::new(..).append_index_html_on_directories(false)` does not \
redirect, `warp::multipart::form().max_length(None)` sets no limit, and a status set over the \
component (`.customize().with_status(..)` on a `NamedFile`, `SetStatus::new(ServeFile::new(..), ..)`, \
`.not_found_service(..)`) replaces what it answers. A status set explicitly \
instead (`TimeoutLayer::with_status_code(StatusCode::SERVICE_UNAVAILABLE, ..)`) is an explicit \
status, checked by `unapproved-status`.\n\n\
Extractors count in the parameters of `async` functions, of closures and of functions with a \
route attribute (a framework calls nothing else with extractors; Rocket's handlers need not be \
`async`), as written at the top of a parameter's type: \
`Result<Json<T>, JsonRejection>` hands the rejection to the handler, which answers it, as \
actix-web's `Option<T>` does; axum's `Option<Json<T>>` still rejects a body it cannot read \
(since axum 0.8). An actix-web config with an `error_handler` (`web::JsonConfig::default()\
.error_handler(..)`, `FormConfig`, `QueryConfig`, `PathConfig`) takes its extractor's rejections \
over everywhere in the package: the handler's own statuses are explicit, checked by \
`unapproved-status`. A limit lifted away from the extractor (`DefaultBodyLimit::disable()` on \
a router) is not followed to the routes it applies to: allow the finding there, with the \
reason.\n\n\
Why: the guideline governs every status the API answers with, and clients meet these as often \
as the ones the code writes. A team that adopts the approved list should learn that its upload \
endpoint answers 413.\n\n\
Example:\n\n    async fn create(Json(order): Json<NewOrder>) -> StatusCode\n\n\
Fix it by answering the rejection yourself (`Result<Json<NewOrder>, JsonRejection>`), by \
configuring the component to answer an approved status, or by approving the code: a body limit's \
413 is what the limit means. `[levels] implied-status = \"deny\"` makes these errors."
            }
            Rule::InvalidStatus => {
                "Flags a literal turned into a status that is not one: `StatusCode::from_u16(1000)`, \
`.status(99)`, `\"0418\".parse::<StatusCode>()` (every conversion accepts only 100..=999, so it \
fails or panics at run time); and a 1xx informational status used as a final response, built in \
one expression (`(StatusCode::CONTINUE, ..)`, `HttpResponse::Processing().finish()`), other than a \
101 Switching Protocols that sets `Upgrade`.\n\n\
Why: RFC 9110 section 15: 1xx responses are interim; hyper (axum, warp) replaces one used as the \
final response with a 500, and actix-web sends it as it is, which clients do not expect.\n\n\
Example:\n\n    Response::builder().status(1000).body(Body::empty())\n\n\
Fix it with a status in 100..=599 that says what happened."
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
