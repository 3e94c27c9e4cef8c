//! Reads one `.rs` file and parses it with syn, then hands the AST to detect. A file that cannot
//! be read, is not UTF-8 or does not parse becomes a `ParseFailure`, never an error of the run.
//! The parsed AST does not leave this module: what comes out is plain data.

use std::borrow::Cow;
use std::fs;
use std::path::{Path, PathBuf};

use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};
use syn::parse::{ParseStream, Parser};

use crate::allows::{self, Allow};
use crate::config::line_column;
use crate::detect::{
    DeclaredModule, Definition, Detected, FileDetector, LeadingNames, NameFilter, Offsets, Reference, TextFilter,
};
use crate::discover::PackageContext;
use crate::implied::ImpliedUse;
use crate::model::{BuiltResponse, DynamicUse, InvalidStatus, ParseFailure, Span, StatusUse};

mod items;

/// What one file yielded.
#[derive(Debug, Clone)]
pub struct ScannedFile {
    pub path: PathBuf,
    pub package: usize,
    /// The file's text, kept only when a finding may need to show it.
    pub text: Option<String>,
    pub uses: Vec<StatusUse>,
    /// Statuses set from values known only at run time.
    pub dynamic: Vec<DynamicUse>,
    /// Names this file defines that other files may use for a status.
    pub definitions: Vec<Definition>,
    /// Names this file uses for a status that only the workspace can resolve.
    pub references: Vec<Reference>,
    /// Responses built whole in one expression.
    pub responses: Vec<BuiltResponse>,
    /// Literals turned into a status that is not one.
    pub invalid: Vec<InvalidStatus>,
    /// Statuses read back from fields, settled once the package's files are scanned.
    pub field_relays: crate::detect::FieldRelays,
    /// Boxed: every parsed file's record is held to the end, and few fail.
    pub failure: Option<Box<ParseFailure>>,
    /// Files and directories that hold test-only modules this file declares.
    pub test_module_paths: Vec<PathBuf>,
    /// Inline `// status-audit: allow(...)` directives.
    pub allows: Vec<Allow>,
    /// Where the file opts into extractors, middleware and services that answer statuses on
    /// its behalf.
    pub implied: Vec<ImpliedUse>,
    /// The extractors whose rejections the file answers itself for its whole package (actix-web's
    /// `JsonConfig::error_handler`), by component.
    pub handled: Vec<usize>,
    /// Whether some items were left unparsed because [`Items::Matching`] passed them over.
    pub partial: bool,
}

/// Which of a file's items to parse. Parsing is most of an audit's time, and in a file that
/// holds a status use most items do not: helpers, models, plain methods.
#[derive(Clone, Copy)]
pub enum Items<'a> {
    /// Every item.
    All,
    /// The functions, `impl`s, traits and type definitions whose text passes the test, and every
    /// other item (`use`, `const`, `static`, `type`, `mod`, macros), which name things for the
    /// rest of the file or the workspace.
    Matching(&'a (dyn Fn(&[u8]) -> bool + Sync)),
}

impl std::fmt::Debug for Items<'_> {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str(match self {
            Items::All => "All",
            Items::Matching(_) => "Matching",
        })
    }
}

const BYTE_ORDER_MARK: &str = "\u{feff}";

/// Which file to scan, and where it stands in its crate.
#[derive(Debug, Clone, Copy)]
pub struct FileInput<'a> {
    pub path: &'a Path,
    /// Index of the file's package.
    pub package: usize,
    pub context: &'a PackageContext,
    /// The module the file holds within its crate.
    pub module: &'a [String],
}

impl ScannedFile {
    /// A file that was not parsed, or yielded nothing.
    pub fn empty(input: &FileInput<'_>) -> ScannedFile {
        ScannedFile {
            path: input.path.to_path_buf(),
            package: input.package,
            text: None,
            uses: Vec::new(),
            dynamic: Vec::new(),
            definitions: Vec::new(),
            references: Vec::new(),
            responses: Vec::new(),
            invalid: Vec::new(),
            field_relays: crate::detect::FieldRelays::default(),
            failure: None,
            test_module_paths: Vec::new(),
            allows: Vec::new(),
            implied: Vec::new(),
            handled: Vec::new(),
            partial: false,
        }
    }
}

/// Reads one file; one that cannot be read is scanned as its failure.
pub fn read(input: &FileInput<'_>) -> Result<Vec<u8>, Box<ScannedFile>> {
    fs::read(input.path).map_err(|error| {
        Box::new(ScannedFile {
            failure: Some(Box::new(ParseFailure { message: format!("could not read file: {error}"), span: None })),
            ..ScannedFile::empty(input)
        })
    })
}

/// Parses and scans a file's content, or the items of it that `items` picks; `input.path` only
/// names it.
pub fn scan_bytes(input: &FileInput<'_>, bytes: Vec<u8>, items: Items<'_>) -> ScannedFile {
    let mut scanned = ScannedFile::empty(input);
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let valid = String::from_utf8_lossy(&error.as_bytes()[..error.utf8_error().valid_up_to()]).into_owned();
            let offset = valid.len();
            scanned.failure = Some(Box::new(ParseFailure {
                message: "file is not valid UTF-8".to_string(),
                span: Some(point(&valid, offset)),
            }));
            scanned.text = Some(valid);
            return scanned;
        }
    };
    let bom = if text.starts_with(BYTE_ORDER_MARK) { BYTE_ORDER_MARK.len() } else { 0 };
    let Scanned { detected, implied, handled, failure, allows, partial, .. } =
        parse_and_detect(&text[bom..], input, Offsets { bytes: bom }, items);
    scanned.partial = partial;
    scanned.allows = allows
        .into_iter()
        .map(|mut allow| {
            allow.span.start += bom;
            allow.span.end += bom;
            allow
        })
        .collect();
    scanned.uses = detected.uses;
    scanned.dynamic = detected.dynamic;
    scanned.definitions = detected.definitions;
    scanned.references = detected.references;
    scanned.responses = detected.responses;
    scanned.invalid = detected.invalid;
    scanned.field_relays = detected.field_relays;
    scanned.implied = implied;
    scanned.handled = handled;
    scanned.test_module_paths =
        detected.test_modules.iter().flat_map(|module| module_paths(&scanned.path, module)).collect();
    scanned.failure = failure.map(|(message, offset)| {
        // Columns do not count a byte-order mark, as in findings; offsets do.
        let mut span = point(&text[bom..], offset);
        span.start += bom;
        span.end += bom;
        Box::new(ParseFailure { message, span: Some(span) })
    });
    // proc-macro2 keeps every parsed file's text for span lookups until told otherwise; every span
    // of this file has been turned into plain data by now.
    proc_macro2::extra::invalidate_current_thread_spans();
    // The text of a file with findings is read again when they are reported, so that memory
    // does not grow with the files that merely hold a status; a file that fails to parse keeps it.
    if scanned.failure.is_some() {
        scanned.text = Some(text);
    }
    scanned
}

/// The text of a file that a finding points into but that was not kept when it was scanned.
pub fn read_text(path: &Path) -> Option<String> {
    fs::read_to_string(path).ok()
}

/// How deep the parser, the detector and the syntax tree's destructor may recurse for one file,
/// as estimated by [`recursion_estimate`]. Real code stays far below; generated code beyond it
/// would overflow even the parser threads' large stacks.
pub const MAX_RECURSION: usize = 4_000;

/// Blanks out the items `items` passes over, then tokenizes (without recursion), refuses what
/// would recurse too deep, and parses and scans one top-level item at a time. Items before a
/// syntax error are still scanned, so a file broken halfway loses only what follows the error.
///
/// What the file binds to a status is known only once it is parsed: `use axum::http::StatusCode
/// as Sc;` makes `Sc::GONE` a status in an item that holds no status word. When text passed over
/// writes such a name, the file is parsed again with the name among the words wanted, until no
/// passed-over text writes a new one.
fn parse_and_detect(source: &str, input: &FileInput<'_>, offsets: Offsets, items: Items<'_>) -> Scanned {
    let source = blank_shebang(source);
    let candidates = allows::candidates(&source);
    let whole = Text { parsed: &source, source: &source, candidates: &candidates };
    let Items::Matching(wanted) = items else { return detect_in(whole, input, offsets, None, false) };
    let mut leading: Vec<String> = Vec::new();
    loop {
        let leading_filter = NameFilter::new(&leading);
        let widened = |bytes: &[u8]| wanted(bytes) || leading_filter.as_ref().is_some_and(|names| names.matches(bytes));
        let filter = TextFilter { source: &source, wanted: &widened };
        // An item holding a directive is kept, as the directive may sit in one of its literals.
        let blanked = items::blank_passed_over(&source, |range| {
            candidates.iter().any(|candidate| range.contains(candidate)) || filter.wants(range)
        });
        let (parsed, mut passed_over) = blanked.map_or((None, Vec::new()), |(text, ranges)| (Some(text), ranges));
        let text = Text { parsed: parsed.as_deref().unwrap_or(&source), ..whole };
        let mut scanned = detect_in(text, input, offsets, Some(filter), parsed.is_some());
        scanned.partial |= parsed.is_some();
        if scanned.partial && scanned.failure.is_some() {
            // The error, and what is found before it, must be those of parsing every item.
            return detect_in(whole, input, offsets, None, false);
        }
        let bound = std::mem::take(&mut scanned.leading);
        let new: Vec<String> = bound.names.into_iter().filter(|name| !leading.contains(name)).collect();
        passed_over.append(&mut scanned.passed_over);
        let uses_new = NameFilter::new(&new).is_some_and(|names| {
            passed_over.iter().any(|range| source.get(range.clone()).is_some_and(|text| names.matches(text.as_bytes())))
        });
        if !scanned.partial || !(uses_new || bound.glob) {
            return scanned;
        }
        // What this pass found is plain data now: its text need not be kept for span lookups.
        proc_macro2::extra::invalidate_current_thread_spans();
        if bound.glob {
            // A glob of a framework's helpers may bring in any bare name.
            return detect_in(whole, input, offsets, None, false);
        }
        leading.extend(new);
    }
}

/// The text to parse (the file's, or it with items blanked out) and the file's own.
#[derive(Clone, Copy)]
struct Text<'a> {
    parsed: &'a str,
    source: &'a str,
    /// Where `// status-audit:` directives may start.
    candidates: &'a [usize],
}

/// What [`parse_and_detect`] found.
struct Scanned {
    detected: Detected,
    /// Where the file opts into components that answer statuses on its behalf.
    implied: Vec<ImpliedUse>,
    /// The extractors whose rejections the file answers itself, by component.
    handled: Vec<usize>,
    failure: Option<(String, usize)>,
    allows: Vec<Allow>,
    /// Whether items or macro calls were passed over.
    partial: bool,
    /// The byte ranges of the macro calls passed over.
    passed_over: Vec<std::ops::Range<usize>>,
    /// What the file binds to a status (empty when every item was parsed).
    leading: LeadingNames,
}

/// Parses and scans `text`; with a `filter`, when items were blanked out (`blanked`) or macro
/// calls passed over, also tells what the file binds to a status (see [`LeadingNames`]).
fn detect_in(
    text: Text<'_>,
    input: &FileInput<'_>,
    offsets: Offsets,
    filter: Option<TextFilter<'_>>,
    blanked: bool,
) -> Scanned {
    let failed = |failure: (String, usize), allows: Vec<Allow>| Scanned {
        detected: Detected::default(),
        implied: Vec::new(),
        handled: Vec::new(),
        failure: Some(failure),
        allows,
        partial: false,
        passed_over: Vec::new(),
        leading: LeadingNames::default(),
    };
    let tokens: TokenStream = match text.parsed.parse() {
        Ok(tokens) => tokens,
        Err(error) => {
            let error: proc_macro2::LexError = error;
            let failure = (format!("cannot tokenize: {error}"), error.span().byte_range().start);
            return failed(failure, allows::parse(text.source, text.candidates));
        }
    };
    let candidates = outside_literals(&tokens, text.candidates.to_vec());
    let allows = allows::parse(text.source, &candidates);
    let preamble = match walk_tokens(&tokens) {
        Ok(preamble) => preamble,
        Err(offset) => {
            let message = format!("nesting too deep to parse safely (more than {MAX_RECURSION} levels)");
            return failed((message, offset), allows);
        }
    };
    let mut detector = FileDetector::new(input.context, offsets, text.parsed, &preamble, input.module.to_vec(), filter);
    let (mut implied, mut handled) = (Vec::new(), Vec::new());
    let parsed = (|input: ParseStream<'_>| -> syn::Result<()> {
        input.call(syn::Attribute::parse_inner)?;
        while !input.is_empty() {
            let item: syn::Item = input.parse()?;
            detector.item(&item);
            crate::implied::find(&item, &detector, &mut implied, &mut handled);
        }
        Ok(())
    })
    .parse2(tokens);
    let passed_over = detector.passed_over().to_vec();
    let leading = filter
        .filter(|_| blanked || !passed_over.is_empty())
        .map(|filter| detector.leading_names(filter.wanted))
        .unwrap_or_default();
    let failure = parsed.err().map(|error| {
        // An error with no place of its own is at the end of the input.
        let offset = match error.span().byte_range() {
            range if range.is_empty() && range.start == 0 => text.source.trim_end().len(),
            range => range.start,
        };
        (error.to_string(), offset)
    });
    Scanned {
        detected: detector.finish(),
        implied,
        handled,
        failure,
        allows,
        partial: !passed_over.is_empty(),
        passed_over,
        leading,
    }
}

/// The directive candidates that do not sit inside a string literal (`"// status-audit: ..."`).
fn outside_literals(tokens: &TokenStream, mut candidates: Vec<usize>) -> Vec<usize> {
    if candidates.is_empty() {
        return candidates;
    }
    let mut stack = vec![tokens.clone().into_iter()];
    while let Some(level) = stack.last_mut() {
        match level.next() {
            None => {
                stack.pop();
            }
            Some(TokenTree::Group(group)) => stack.push(group.stream().into_iter()),
            Some(TokenTree::Literal(literal)) => {
                let range = literal.span().byte_range();
                candidates.retain(|candidate| !range.contains(candidate));
            }
            Some(_) => {}
        }
    }
    candidates
}

/// The whole syntax tree of a file's text, for stages that read more than statuses; `None` when
/// it does not tokenize, nests too deep to parse safely or does not parse (the audit reports
/// such a file as a `parse-error`).
pub fn syntax_tree(source: &str) -> Option<syn::File> {
    let tokens: TokenStream = blank_shebang(source).parse().ok()?;
    walk_tokens(&tokens).ok()?;
    syn::parse2(tokens).ok()
}

/// A `#!` line that is not an inner attribute is not Rust; it is blanked so offsets stay put.
fn blank_shebang(source: &str) -> Cow<'_, str> {
    let is_shebang = source.starts_with("#!") && !source[2..].trim_start().starts_with('[');
    if !is_shebang {
        return Cow::Borrowed(source);
    }
    let end = source.find('\n').unwrap_or(source.len());
    Cow::Owned(format!("{}{}", " ".repeat(end), &source[end..]))
}

/// One walk over the tokens, with an explicit stack, for two things parsing needs first:
///
/// - Where the syntax tree would get deeper than [`MAX_RECURSION`], if anywhere (the error).
///   Within one delimiter, the tokens between two separators (`;`, `,`, or the end of a `{...}`
///   block, which ends items and statements) can nest into each other: `a.b().c()...`,
///   `1 + 1 + ...` and `!!!...x` each build one level per few tokens. A group adds the length of
///   the run it sits in to the depth of its parent; a block counts twice, as parsing one takes
///   about twice the stack of a parenthesis.
/// - The top-level `use`, `type` and `extern crate` items, which name things for the whole file
///   wherever they stand in it, and the names of its top-level modules (as `mod name;`). One
///   that does not parse is left to the item parser to report.
fn walk_tokens(tokens: &TokenStream) -> Result<Vec<syn::Item>, usize> {
    let mut preamble = Vec::new();
    // Tokens of a top-level preamble item being collected, and the previous top-level token.
    let mut pending: Option<Vec<TokenTree>> = None;
    let mut previous_top_level: Option<TokenTree> = None;
    let mut stack = vec![Level { tokens: tokens.clone().into_iter(), base: 0, run: 0, pipe_seen: false }];
    let mut previous_joint_equals = false;
    loop {
        let top_level = stack.len() == 1;
        let Some(level) = stack.last_mut() else { break };
        let Some(tree) = level.tokens.next() else {
            stack.pop();
            continue;
        };
        level.run += 1;
        let depth = level.base + level.run;
        if depth > MAX_RECURSION {
            return Err(tree.span().byte_range().start);
        }
        let mut joint_equals = false;
        match &tree {
            TokenTree::Punct(punct) => match punct.as_char() {
                ';' => level.end_run(),
                // After a `|`, commas may separate closure parameters (`|a, b| |c, d| ...` nests),
                // so only a `;`, a `=>` or a block ends the run.
                ',' if !level.pipe_seen => level.end_run(),
                '>' if previous_joint_equals => level.end_run(),
                '|' => level.pipe_seen = true,
                '=' => joint_equals = punct.spacing() == Spacing::Joint,
                _ => {}
            },
            TokenTree::Group(group) => {
                let is_block = group.delimiter() == Delimiter::Brace;
                if is_block {
                    level.end_run();
                }
                let base = depth + usize::from(is_block);
                stack.push(Level { tokens: group.stream().into_iter(), base, run: 0, pipe_seen: false });
            }
            _ => {}
        }
        previous_joint_equals = joint_equals;
        if !top_level {
            continue;
        }
        if let Some(collected) = &mut pending {
            collected.push(tree.clone());
            if matches!(&tree, TokenTree::Punct(punct) if punct.as_char() == ';') {
                let item_tokens: TokenStream = pending.take().into_iter().flatten().collect();
                preamble.extend(syn::parse2::<syn::Item>(item_tokens).ok());
            }
        } else if let TokenTree::Ident(ident) = &tree {
            let is_extern_crate = ident == "crate"
                && matches!(&previous_top_level, Some(TokenTree::Ident(previous)) if previous == "extern");
            let names_a_module = matches!(&previous_top_level, Some(TokenTree::Ident(previous)) if previous == "mod");
            if ident == "use" || ident == "type" {
                pending = Some(vec![tree.clone()]);
            } else if names_a_module {
                // The module's name, so that a path starting with it is known to stay in the crate.
                preamble.push(syn::Item::Mod(syn::ItemMod {
                    attrs: Vec::new(),
                    vis: syn::Visibility::Inherited,
                    unsafety: None,
                    mod_token: syn::token::Mod::default(),
                    ident: ident.clone(),
                    content: None,
                    semi: Some(syn::token::Semi::default()),
                }));
            } else if is_extern_crate {
                pending = previous_top_level.take().map(|extern_keyword| vec![extern_keyword, tree.clone()]);
            }
        }
        previous_top_level = Some(tree);
    }
    Ok(preamble)
}

/// Where the module a file declares lives: `name.rs` and `name/` beside a crate root or `mod.rs`,
/// below the declaring file's own directory otherwise; a `#[path]` is relative to the declaring
/// file's directory.
fn module_paths(declaring: &Path, module: &DeclaredModule) -> Vec<PathBuf> {
    let dir = declaring.parent().unwrap_or(Path::new(""));
    let name = declaring.file_stem().and_then(|stem| stem.to_str()).unwrap_or_default();
    let in_own_dir = matches!(name, "mod" | "lib" | "main")
        || dir
            .file_name()
            .is_some_and(|parent| ["bin", "examples", "tests", "benches"].iter().any(|root| parent == *root));
    match module {
        DeclaredModule::Path(path) => vec![dir.join(path)],
        DeclaredModule::Named(module) => {
            let base = if in_own_dir { dir.to_path_buf() } else { dir.join(name) };
            vec![base.join(format!("{module}.rs")), base.join(module)]
        }
    }
}

/// One delimiter's worth of tokens in [`walk_tokens`].
struct Level {
    tokens: proc_macro2::token_stream::IntoIter,
    /// Depth of the group this level is inside.
    base: usize,
    /// Tokens since the last separator at this level.
    run: usize,
    /// A `|` since the last separator: commas may be closure parameters' now.
    pipe_seen: bool,
}

impl Level {
    fn end_run(&mut self) {
        self.run = 0;
        self.pipe_seen = false;
    }
}

/// A zero-width span at a byte offset, widened to the character there when there is one.
fn point(text: &str, offset: usize) -> Span {
    let offset = offset.min(text.len());
    let (line, column) = line_column(text, offset);
    let end = text[offset..]
        .chars()
        .next()
        .filter(|character| *character != '\n')
        .map_or(offset, |character| offset + character.len_utf8());
    Span { start: offset, end, line, column, end_line: line, end_column: column + usize::from(end > offset) }
}
