//! The plain data handed from stage to stage: where something is in a file, what the code does
//! with a status (`StatusUse`, from detect) and what the audit says about it (`Finding`, from
//! evaluate). Nothing here knows syn, the filesystem or an output format.

use std::path::PathBuf;

use crate::rules::{Rule, Severity};

/// An audited package as cargo names it: what a format needs to say which package and target a
/// file belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackageId {
    pub name: String,
    pub version: String,
    pub edition: String,
    /// Absolute path of the directory of its `Cargo.toml`.
    pub dir: PathBuf,
    /// The name and root file of its library target, when it has one.
    pub lib: Option<(String, PathBuf)>,
    /// The name and root file of each of its binary targets.
    pub bins: Vec<(String, PathBuf)>,
}

/// A region of one source file. Lines and columns are 1-based; columns count characters, so a
/// tab or a multi-byte character before the region counts as one. Byte offsets are into the
/// file's text as read from disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

/// The syntactic shape that produced a status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Form {
    /// `StatusCode::IM_A_TEAPOT`, under any path or alias.
    Constant,
    /// A number or string turned into a status: `StatusCode::from_u16(418)`, `.status(418)`.
    Numeric,
    /// A framework function named after its code: actix `HttpResponse::ImATeapot()`,
    /// `error::ErrorLocked`, axum `NoContent`.
    Helper,
    /// A redirect helper and the code it implies: axum `Redirect::to` (303), warp `redirect` (301).
    Redirect,
    /// A status written in an attribute that a framework's macro answers with: Rocket's
    /// `#[catch(404)]` and `#[response(status = 418)]`, poem-openapi's `#[oai(status = 404)]`.
    Attribute,
}

impl Form {
    pub fn name(self) -> &'static str {
        match self {
            Form::Constant => "constant",
            Form::Numeric => "numeric",
            Form::Helper => "helper",
            Form::Redirect => "redirect",
            Form::Attribute => "attribute",
        }
    }
}

/// The framework a status use belongs to, as far as the code says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Framework {
    Axum,
    ActixWeb,
    Warp,
    Rocket,
    Poem,
    Salvo,
    /// The `http` crate (or hyper, reqwest...) without a framework that owns the use.
    Http,
}

impl Framework {
    /// Every framework the audit knows, `Http` last.
    pub const ALL: [Framework; 7] = [
        Framework::Axum,
        Framework::ActixWeb,
        Framework::Warp,
        Framework::Rocket,
        Framework::Poem,
        Framework::Salvo,
        Framework::Http,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Framework::Axum => "axum",
            Framework::ActixWeb => "actix-web",
            Framework::Warp => "warp",
            Framework::Rocket => "rocket",
            Framework::Poem => "poem",
            Framework::Salvo => "salvo",
            Framework::Http => "http",
        }
    }
}

/// One place where the code produces a status. Recorded whether or not the status is approved:
/// that is evaluate's question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusUse {
    pub status: u16,
    pub span: Span,
    pub form: Form,
    pub framework: Framework,
    /// The enclosing function, as `handler` or `ApiError::status_code`.
    pub function: Option<String>,
    /// Where the status got its value, when a name stands for it at the use.
    /// Boxed: most uses have none, and every use is held from the scan to evaluation.
    pub origin: Option<Box<Origin>>,
}

/// The `const`, `static` or `let` that gave a named status its value:
/// `const TEAPOT: u16 = 418;` behind `StatusCode::from_u16(TEAPOT)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// The file that holds it; `None` for the file of the use.
    pub path: Option<PathBuf>,
    pub span: Span,
    /// What it says there: "`TEAPOT` is defined as 418 here".
    pub label: String,
}

/// A place that sets a status whose code is only known at run time: `StatusCode::from_u16(code)`
/// with `code` a parameter, or a status passed through from another response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DynamicUse {
    pub span: Span,
    /// Why the code could not be known, as a note: "`code` is a parameter".
    pub reason: String,
    pub framework: Framework,
    pub function: Option<String>,
}

/// A file that could not be read or parsed. `span` is where the parser gave up, when known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseFailure {
    pub message: String,
    pub span: Option<Span>,
}

/// What the audit reports: a rule broken at a place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub rule: Rule,
    pub severity: Severity,
    pub status: Option<u16>,
    pub message: String,
    /// Absolute path of the file.
    pub path: PathBuf,
    /// `None` for a file that could not be read at all.
    pub span: Option<Span>,
    pub label: String,
    pub framework: Option<Framework>,
    pub function: Option<String>,
    pub notes: Vec<String>,
    pub help: Option<String>,
    /// The reason of the inline allow that suppresses this finding. A suppressed finding counts
    /// for nothing and shows only where a format can mark it (SARIF).
    pub suppressed: Option<String>,
    /// Accepted by the baseline: counts for nothing, like a suppressed finding.
    pub baselined: bool,
    /// Other places that explain the finding: the `const` a name stands for.
    pub related: Vec<Related>,
    /// The lines `span` covers, cut from the file when it is read for the report. `None` for a
    /// file that could not be read again, or that no longer holds the span.
    pub excerpt: Option<Excerpt>,
}

#[cfg(test)]
impl Finding {
    /// An `unapproved-status` finding of 418 at `span` of `path`, with no words: what tests
    /// change a few fields of.
    pub(crate) fn unapproved_at(path: &str, span: Option<Span>) -> Finding {
        Finding {
            rule: Rule::UnapprovedStatus,
            severity: Rule::UnapprovedStatus.default_severity(),
            status: Some(418),
            message: String::new(),
            path: path.into(),
            span,
            label: String::new(),
            framework: None,
            function: None,
            notes: Vec::new(),
            help: None,
            suppressed: None,
            baselined: false,
            related: Vec::new(),
            excerpt: None,
        }
    }
}

/// A secondary place of a finding, with what it says about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    /// Absolute path of the file.
    pub path: PathBuf,
    pub span: Span,
    pub message: String,
    /// The lines `span` covers, as for a finding. In the finding's own file it also holds the
    /// line between the two spans when only one separates them, as the human report shows it.
    pub excerpt: Option<Excerpt>,
}

/// Whole lines of a file, cut out of its text so that a report can show them without the file.
/// Lines end at `\n`, as codespan-reporting counts them; a `\r` before one stays in the line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excerpt {
    /// Byte offset in the file of the start of the first line.
    pub start: usize,
    /// 1-based number of the first line.
    pub line: usize,
    /// From the start of the first line to the end of the last, without the newline after it.
    pub text: String,
}

impl Excerpt {
    /// The text of `span`, when the excerpt holds it.
    pub fn text_of(&self, span: Span) -> Option<&str> {
        self.text.get(span.start.checked_sub(self.start)?..span.end.checked_sub(self.start)?)
    }

    /// Each line with its 1-based number and the byte offset of its start in the file.
    pub fn lines(&self) -> impl Iterator<Item = (usize, usize, &str)> {
        let mut offset = self.start;
        self.text.split('\n').enumerate().map(move |(index, line)| {
            let start = offset;
            offset += line.len() + 1;
            (self.line + index, start, line)
        })
    }
}

/// A response built whole in one expression that the code produces: an axum or actix-web response
/// tuple, an actix-web or http builder chain, a warp `with_status` call. Records what that one
/// expression visibly puts on the response, whether or not some rule cares: that is evaluate's
/// question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuiltResponse {
    pub status: u16,
    /// Where the status is set.
    pub span: Span,
    pub framework: Framework,
    pub function: Option<String>,
    /// The header fields the expression sets, lowercase (`retry-after`).
    pub headers: Vec<String>,
    /// Some part of the expression may set header fields that cannot be named from the code (a
    /// `HeaderMap`, a variable, a value of unknown type), so no field can be said to be missing.
    pub other_headers: bool,
    pub body: Body,
}

/// What a built response carries as its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Body {
    /// Nothing, or a value known to be empty: `.finish()`, `()`, `Body::empty()`, `""`.
    Empty,
    /// Content the code visibly writes: `Json(..)`, `.json(..)`, a non-empty string.
    Present,
    /// A value the code alone does not tell about, such as a variable.
    Unknown,
}

/// A literal turned into a status that is not one: `StatusCode::from_u16(1000)`, `.status(99)`,
/// `"0418".parse::<StatusCode>()`. Such a conversion fails (or its response does) at run time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidStatus {
    /// The literal's value as written, without quotes: `1000`, `0418`.
    pub literal: String,
    pub span: Span,
    pub framework: Framework,
    pub function: Option<String>,
}
