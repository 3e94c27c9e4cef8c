//! Bounded property tests over the in-memory pipeline: arbitrary token soup and mutated sample
//! files never panic and always give sorted, deterministic findings. The generator is a fixed-seed
//! xorshift, so a failure names a case that reproduces.

use std::path::{Path, PathBuf};

use status_audit::config::Policy;
use status_audit::discover::PackageContext;
use status_audit::model::{Finding, Framework};
use status_audit::report::{write_report, ReportOptions};
use status_audit::Audit;

struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, bound: usize) -> usize {
        (self.next() % bound.max(1) as u64) as usize
    }
}

const VOCABULARY: &[&str] = &[
    "StatusCode",
    "::",
    "IM_A_TEAPOT",
    "LOCKED",
    "from_u16",
    "(",
    ")",
    "{",
    "}",
    "[",
    "]",
    "418",
    "\"451\"",
    "b\"207\"",
    ",",
    ";",
    ".",
    "status",
    "==",
    "!=",
    "match",
    "=>",
    "if",
    "let",
    "fn",
    "f",
    "HttpResponse",
    "ImATeapot",
    "Redirect",
    "to",
    "permanent",
    "warp",
    "redirect",
    "found",
    "web",
    "error",
    "ErrorLocked",
    "assert_eq",
    "matches",
    "!",
    "#",
    "cfg",
    "test",
    "mod",
    "impl",
    "use",
    "as",
    "Code",
    "macro_rules",
    "'a",
    "\"",
    "/*",
    "*/",
    "//",
    "\n",
    "\u{feff}",
    "é",
    "\t",
    "\r\n",
    "|",
    "&",
    "*",
    "=",
    "<",
    ">",
    "?",
    "async",
    "move",
    "r#\"",
    "\"#",
    "0x",
    "1e9",
];

fn context() -> PackageContext {
    PackageContext {
        frameworks: vec![Framework::Axum, Framework::ActixWeb, Framework::Warp, Framework::Http],
        ..PackageContext::default()
    }
}

fn check(bytes: Vec<u8>, case: &str) {
    let policy = Policy::guideline_default();
    let first = status_audit::audit_bytes(bytes.clone(), &context(), &policy);
    let second = status_audit::audit_bytes(bytes, &context(), &policy);
    assert_eq!(first, second, "not deterministic: {case}");
    let positions: Vec<_> = first.iter().map(|finding: &Finding| finding.span.map(|span| span.start)).collect();
    assert!(positions.windows(2).all(|pair| pair[0] <= pair[1]), "not sorted: {case}");
    for finding in &first {
        if let Some(span) = finding.span {
            assert!(span.start <= span.end && span.line >= 1 && span.column >= 1, "bad span {span:?}: {case}");
            let text = finding.excerpt.as_ref().and_then(|excerpt| excerpt.text_of(span));
            assert!(text.is_some(), "no excerpt for {span:?}: {case}");
        }
    }
    // Every finding shows its lines, not the note that stands in for a file that changed.
    let audit = Audit { root: PathBuf::from("/"), findings: first, ..Audit::default() };
    let mut human = Vec::new();
    write_report(&audit, &ReportOptions::default(), &mut human).expect("writing to memory works");
    let human = String::from_utf8(human).expect("the report is UTF-8");
    assert!(!human.contains("note: in input.rs"), "{human}\n{case}");
}

#[test]
fn token_soup_never_panics() {
    let mut random = Random(0x5eed_0001);
    for case in 0..1_500 {
        let length = random.below(120);
        let soup: Vec<&str> = (0..length).map(|_| VOCABULARY[random.below(VOCABULARY.len())]).collect();
        let text = soup.join(if random.below(2) == 0 { " " } else { "" });
        check(text.into_bytes(), &format!("soup case {case}"));
    }
}

#[test]
fn mutated_sample_files_never_panic() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("test-crates");
    let samples: Vec<Vec<u8>> = walkdir::WalkDir::new(&root)
        .into_iter()
        .filter_entry(|entry| entry.file_name() != "target")
        .filter_map(Result::ok)
        .filter(|entry| entry.path().extension().is_some_and(|extension| extension == "rs"))
        .map(|entry| std::fs::read(entry.path()).expect("a readable sample"))
        .collect();
    assert!(samples.len() >= 10);
    let mut random = Random(0x5eed_0002);
    for case in 0..600 {
        let mut bytes = samples[random.below(samples.len())].clone();
        for _ in 0..1 + random.below(4) {
            let at = random.below(bytes.len());
            let length = random.below(40).min(bytes.len() - at);
            match random.below(4) {
                0 => {
                    bytes.drain(at..at + length);
                }
                1 => {
                    let copy: Vec<u8> = bytes[at..at + length].to_vec();
                    let to = random.below(bytes.len());
                    bytes.splice(to..to, copy);
                }
                2 => {
                    let token = VOCABULARY[random.below(VOCABULARY.len())].as_bytes().to_vec();
                    bytes.splice(at..at, token);
                }
                _ => {
                    if let Some(byte) = bytes.get_mut(at) {
                        *byte = random.next() as u8;
                    }
                }
            }
        }
        check(bytes, &format!("mutation case {case}"));
    }
}
