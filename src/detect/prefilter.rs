//! Which files need parsing at all, decided from their bytes. A file that holds none of the words
//! a status use is written with (`StatusCode`, `status(`, `HttpResponse`, `Redirect`, an actix-web
//! error helper...) yields nothing when parsed, so it is not parsed: in real services that is
//! three files of four, and nearly nine of ten in a large workspace. Names that only the
//! workspace gives a meaning (`pub use http::StatusCode as Code;` in one file, `Code::GONE` in
//! another) are found in a second pass,
//! with [`NameFilter`] over the names the first pass left open. No IO, no syn.

use aho_corasick::{AhoCorasick, MatchKind};
use memchr::memmem::Finder;

use crate::model::Framework;
use crate::status;

/// Words without which the detector finds nothing in a file: every form of
/// `classify::classify_path`, the conversions and builder calls, relayed statuses, and inline
/// allows (a stale one is a finding too).
const TRIGGERS: &[&str] = &[
    "StatusCode",
    "status(",
    "status_mut",
    "HttpResponse",
    "Redirect",
    "redirect",
    "NoContent",
    "Response::ok",
    "Response::bad_request",
    "Response::not_found",
    "Response::internal_server_error",
    "status-audit:",
];

/// Every trigger word holds one of these. Most text holds none, and a SIMD substring search
/// rules it out four times faster than the automaton of all the words would.
const SCREENS: &[&str] = &["tatus", "edirect", "Response", "NoContent", "Error"];

/// Words that only a package depending on Rocket, poem or salvo writes a status with (the
/// frameworks that have them): common words elsewhere (`Status::`, `NotFound`), so other
/// packages do not pay for them.
fn framework_words(framework: Framework) -> Vec<String> {
    match framework {
        Framework::Rocket => ["Status::", "Status {", "status::", "catch(", "#[response("].map(String::from).to_vec(),
        // The error functions, written bare once imported (`use poem::error::NotFound;`), and
        // as often handed to `map_err` by name as called.
        Framework::Poem => {
            let helpers = status::CATALOG.iter().filter_map(|known| known.actix_error?.strip_prefix("Error"));
            helpers.map(String::from).chain(["#[oai(".to_string()]).collect()
        }
        Framework::Salvo => ["StatusError", "status_code", "render_with_status", "stuff("].map(String::from).to_vec(),
        _ => Vec::new(),
    }
}

/// Tells the files that may hold a status use from those that cannot.
#[derive(Debug)]
pub struct Prefilter {
    screens: Vec<Finder<'static>>,
    triggers: AhoCorasick,
    /// The words of the frameworks of the package, screened by nothing.
    framework_triggers: Option<AhoCorasick>,
    /// The names of the components that answer statuses on a service's behalf (`Json`,
    /// `ServeDir`, `content_length_limit`), as whole identifiers.
    components: Option<NameFilter>,
}

impl Default for Prefilter {
    fn default() -> Prefilter {
        Prefilter::new(&[], &[])
    }
}

/// The words without which a file or an item yields nothing.
fn trigger_words() -> Vec<&'static str> {
    let helpers = status::CATALOG.iter().filter_map(|known| known.actix_error);
    TRIGGERS.iter().copied().chain(helpers).collect()
}

impl Prefilter {
    /// The prefilter of a package that depends on `frameworks` and may use the components
    /// named by `components` (see [`crate::implied::words`]).
    pub fn new(frameworks: &[Framework], components: &[&str]) -> Prefilter {
        let triggers = AhoCorasick::new(trigger_words()).expect("the trigger words build an automaton");
        let screens = SCREENS.iter().map(|screen| Finder::new(screen).into_owned()).collect();
        let words: Vec<String> = frameworks.iter().flat_map(|framework| framework_words(*framework)).collect();
        let framework_triggers =
            (!words.is_empty()).then(|| AhoCorasick::new(words).expect("the framework words build an automaton"));
        Prefilter { screens, triggers, framework_triggers, components: NameFilter::new(components) }
    }

    /// Whether parsing `bytes` may find anything. Text that is not UTF-8 is parsed too, so that
    /// it is reported.
    pub fn may_produce(&self, bytes: &[u8]) -> bool {
        self.holds_trigger(bytes) || std::str::from_utf8(bytes).map_or(true, declares_test_module_file)
    }

    /// Whether the text holds one of the words a status use is written with: for a whole file,
    /// or for one item of a file that is parsed.
    pub fn holds_trigger(&self, bytes: &[u8]) -> bool {
        self.screens.iter().any(|screen| screen.find(bytes).is_some()) && self.triggers.is_match(bytes)
            || self.framework_triggers.as_ref().is_some_and(|triggers| triggers.is_match(bytes))
            || self.components.as_ref().is_some_and(|components| components.matches(bytes))
    }
}

/// A prefilter for each set of frameworks among the packages, built once.
#[derive(Debug, Default)]
pub struct Prefilters {
    base: Prefilter,
    by_frameworks: Vec<(PackageKey, Prefilter)>,
    /// For each package, its index in `by_frameworks`; `None` for the base.
    of_package: Vec<Option<usize>>,
}

/// What decides a package's words: its web frameworks, and its own name in code when it is a
/// crate with components of its own (warp's examples name `warp::` without depending on it).
type PackageKey = (Vec<Framework>, Option<String>);

impl Prefilters {
    /// The prefilters of packages that depend on `frameworks` and are named `name`, each in
    /// order, keeping the words of the components `wanted` takes.
    pub fn new<'a>(
        packages: impl Iterator<Item = (&'a [Framework], &'a str)>,
        wanted: &dyn Fn(&crate::implied::catalogue::Component) -> bool,
    ) -> Prefilters {
        let keys: Vec<PackageKey> = packages
            .map(|(frameworks, name)| (set_of(frameworks), crate::implied::own_crate(&name.replace('-', "_"))))
            .collect();
        let mut distinct: Vec<PackageKey> =
            keys.iter().filter(|(set, own)| !set.is_empty() || own.is_some()).cloned().collect();
        distinct.sort();
        distinct.dedup();
        let of_package = keys.iter().map(|key| distinct.iter().position(|known| known == key)).collect();
        let by_frameworks = distinct.into_iter().map(|key| {
            let mut words = crate::implied::words(&key.0, wanted);
            if let Some(own) = &key.1 {
                words.extend(crate::implied::words_of_crate(own, wanted));
            }
            let prefilter = Prefilter::new(&key.0, &words);
            (key, prefilter)
        });
        Prefilters {
            base: Prefilter::new(&[], &crate::implied::words(&[], wanted)),
            by_frameworks: by_frameworks.collect(),
            of_package,
        }
    }

    /// The prefilter of the package of index `package`.
    pub fn of(&self, package: usize) -> &Prefilter {
        match self.of_package.get(package).copied().flatten() {
            Some(index) => &self.by_frameworks[index].1,
            None => &self.base,
        }
    }

    /// The words every package's files are searched for.
    pub fn base(&self) -> &Prefilter {
        &self.base
    }
}

/// The web frameworks among `frameworks`, in order, once each: those with words of their own
/// or components.
fn set_of(frameworks: &[Framework]) -> Vec<Framework> {
    let mut set: Vec<Framework> =
        frameworks.iter().copied().filter(|framework| *framework != Framework::Http).collect();
    set.sort();
    set.dedup();
    set
}

/// Whether the text declares a test-only module in a file of its own (`#[cfg(test)] mod tests;`):
/// that file is test code, which only parsing the declaring file tells. Erring towards yes costs
/// one parse.
fn declares_test_module_file(text: &str) -> bool {
    memchr::memmem::find_iter(text.as_bytes(), "#[cfg(").any(|offset| {
        let attribute = &text[offset + 2..];
        let Some(close) = attribute.find(']') else { return false };
        requires_test(&attribute[..close]) && is_module_declaration(&attribute[close + 1..])
    })
}

/// `cfg(test)`, or `cfg(all(..))` with `test` among its terms.
fn requires_test(attribute: &str) -> bool {
    let compact: String = attribute.split_whitespace().collect();
    compact == "cfg(test)"
        || compact.starts_with("cfg(all(")
            && compact
                .split(|character: char| !(character.is_alphanumeric() || character == '_'))
                .any(|word| word == "test")
}

/// Whether `text` starts, after comments, other attributes and a visibility, with `mod name;`.
fn is_module_declaration(mut text: &str) -> bool {
    loop {
        text = text.trim_start();
        if let Some(comment) = text.strip_prefix("//") {
            text = comment.find('\n').map_or("", |end| &comment[end..]);
        } else if let Some(comment) = text.strip_prefix("/*") {
            let Some(end) = comment.find("*/") else { return false };
            text = &comment[end + 2..];
        } else if let Some(attribute) = text.strip_prefix("#[") {
            let Some(close) = attribute.find(']') else { return false };
            text = &attribute[close + 1..];
        } else if let Some(rest) = text.strip_prefix("pub") {
            let rest = rest.trim_start();
            text = match rest.strip_prefix('(') {
                Some(inside) => inside.find(')').map_or("", |close| &inside[close + 1..]),
                None => rest,
            };
        } else if let Some(rest) = text.strip_prefix("mod") {
            let rest = rest.trim_start();
            let name_length = rest.find(|character: char| !(character.is_alphanumeric() || character == '_'));
            return name_length.is_some_and(|length| length > 0 && rest[length..].trim_start().starts_with(';'));
        } else {
            return false;
        }
    }
}

/// Finds files that use any of a set of names as a whole identifier. Cheap to clone: the
/// automaton is shared.
#[derive(Debug, Clone)]
pub struct NameFilter {
    names: AhoCorasick,
}

impl NameFilter {
    /// `None` when there is no name to look for.
    pub fn new<S: AsRef<str>>(names: &[S]) -> Option<NameFilter> {
        if names.is_empty() {
            return None;
        }
        let names = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(names.iter().map(AsRef::as_ref))
            .ok()?;
        Some(NameFilter { names })
    }

    /// Whether one of the names stands in `bytes` as an identifier of its own: `TEAPOT` in
    /// `from_u16(TEAPOT)`, not in `TEAPOTS` or `MY_TEAPOT`.
    pub fn matches(&self, bytes: &[u8]) -> bool {
        let is_identifier = |byte: u8| byte.is_ascii_alphanumeric() || byte == b'_';
        self.names.find_iter(bytes).any(|found| {
            let before = found.start().checked_sub(1).map(|index| bytes[index]);
            let after = bytes.get(found.end()).copied();
            !before.is_some_and(is_identifier) && !after.is_some_and(is_identifier)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn triggers_cover_every_form_and_nothing_else() {
        let prefilter = Prefilter::default();
        for source in [
            "fn f() -> StatusCode { StatusCode::GONE }",
            "fn f() { builder.status(418); }",
            "fn f() { *response.status_mut() = code; }",
            "fn f() { HttpResponse::ImATeapot().finish() }",
            "fn f() { Err(ErrorLocked(\"x\")) }",
            "fn f() { Redirect::permanent(\"/\") }",
            "fn f() { warp::redirect(uri) }",
            "// status-audit: allow(418) a reason",
        ] {
            assert!(prefilter.may_produce(source.as_bytes()), "{source}");
        }
        assert!(!prefilter.may_produce(b"struct Order { status: OrderStatus, id: u64 }"));
        assert!(!prefilter.may_produce(b"#[cfg(test)]\nmod tests {\n    use super::*;\n}\n"));
        assert!(prefilter.may_produce(b"#[cfg(test)]\nmod tests;\n"));
        assert!(prefilter.may_produce(b"#[cfg(all(test, unix))]\n#[path = \"t.rs\"]\npub(crate) mod helpers ;"));
        assert!(prefilter.may_produce(b"#[cfg(test)]\n/// Tests of the handlers.\nmod tests;"));
        assert!(prefilter.may_produce(b"#[cfg(all(feature = \"x\", test))] // slow\n/* a */ mod more;"));
        assert!(!prefilter.may_produce(b"#[cfg(any(test, unix))]\nmod more;"));
        assert!(prefilter.may_produce(b"\xff\xfe not text"));
    }

    #[test]
    fn a_package_on_a_framework_keeps_the_words_of_its_components() {
        let everything = |_: &crate::implied::catalogue::Component| true;
        let nothing = |_: &crate::implied::catalogue::Component| false;
        let packages: [(&[Framework], &str); 4] = [
            (&[Framework::Axum, Framework::Http], "media"),
            (&[Framework::Http], "client"),
            (&[Framework::Warp], "inventory"),
            (&[], "axum"),
        ];
        let prefilters = Prefilters::new(packages.into_iter(), &everything);
        let handler = b"async fn create(Json(order): Json<NewOrder>) {}";
        assert!(prefilters.of(0).holds_trigger(handler));
        assert!(!prefilters.of(1).holds_trigger(handler) && !prefilters.of(2).holds_trigger(handler));
        // The framework's own crate names its components without depending on itself.
        assert!(prefilters.of(3).holds_trigger(handler));
        assert!(prefilters.of(1).holds_trigger(b"let files = ServeDir::new(\"assets\");"));
        assert!(!prefilters.of(0).holds_trigger(b"let json = JsonValue::Null;"));
        let unwanted = Prefilters::new(packages.into_iter(), &nothing);
        assert!(!unwanted.of(0).holds_trigger(handler));
    }

    #[test]
    fn every_trigger_word_holds_a_screen() {
        for word in trigger_words() {
            assert!(SCREENS.iter().any(|screen| word.contains(screen)), "{word}");
        }
    }

    #[test]
    fn names_match_whole_identifiers_only() {
        let filter = NameFilter::new(&["TEAPOT", "Code"]).unwrap();
        assert!(filter.matches(b"StatusCode::from_u16(TEAPOT)"));
        assert!(filter.matches(b"use api::Code;"));
        assert!(!filter.matches(b"const TEAPOTS: u16 = 2; let MY_TEAPOT = 1; StatusCode::OK"));
        assert!(NameFilter::new::<&str>(&[]).is_none());
    }
}
