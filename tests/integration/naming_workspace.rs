//! Workspaces generated from the ways code names a status: each status is written through one
//! way of naming it (an alias, a `type`, a `const`, a `static`, an associated `const`, a `let`, a
//! status macro, a renamed actix-web or warp helper, a re-export...), defined in the file that
//! uses it, in another module or in another package, reached by an import, a path, a glob, a
//! rename or a `self`/`super` path, and used in a function or a method whose text holds a status
//! word or not. The property tests and the fuzz target generate them, and check that skipping
//! text never loses a status: the default audit and `--parse-all` must print the same bytes, and
//! every generated status must be found.
//!
//! Plain text out, no dependency: the fuzz target includes this file as it is.

/// One status of a generated workspace, each field a choice taken modulo the choices there are
/// (so that shrinking towards zero simplifies it): the way of naming it, where its definition
/// lives, how the use reaches it, where it is used, and whether the using item's text holds a
/// status word.
pub type Choice = (u8, u8, u8, u8, bool);

/// How many choices each field of a [`Choice`] has.
pub const SHAPES: u8 = 15;
pub const HOMES: u8 = 4;
pub const ACCESSES: u8 = 5;
pub const SITES: u8 = 4;

/// A workspace's files, and the statuses they must produce.
#[derive(Debug)]
pub struct Generated {
    /// `(path relative to the workspace, content)`.
    pub files: Vec<(String, String)>,
    /// `(path, line, status)` of each status produced, as the JSON report names them.
    pub expected: Vec<(String, u64, u16)>,
}

impl Generated {
    /// Every file with its content, for a failure message.
    pub fn listing(&self) -> String {
        self.files.iter().map(|(path, content)| format!("--- {path}\n{content}")).collect()
    }
}

/// Unapproved statuses: each generated status gets one, so that it is a finding.
const CODES: &[(u16, &str, &str, &str)] = &[
    (418, "IM_A_TEAPOT", "ImATeapot", "ErrorImATeapot"),
    (421, "MISDIRECTED_REQUEST", "MisdirectedRequest", "ErrorMisdirectedRequest"),
    (423, "LOCKED", "Locked", "ErrorLocked"),
    (413, "PAYLOAD_TOO_LARGE", "PayloadTooLarge", "ErrorPayloadTooLarge"),
    (414, "URI_TOO_LONG", "UriTooLong", "ErrorUriTooLong"),
    (417, "EXPECTATION_FAILED", "ExpectationFailed", "ErrorExpectationFailed"),
    (424, "FAILED_DEPENDENCY", "FailedDependency", "ErrorFailedDependency"),
    (426, "UPGRADE_REQUIRED", "UpgradeRequired", "ErrorUpgradeRequired"),
    (508, "LOOP_DETECTED", "LoopDetected", "ErrorLoopDetected"),
    (510, "NOT_EXTENDED", "NotExtended", "ErrorNotExtended"),
];

/// The files of a generated workspace: two packages, `app` depending on `base`, each with the
/// modules `defs`, `handlers`, `nested` and `nested::deep`.
const FILES: &[&str] = &[
    "base/src/lib.rs",
    "base/src/defs.rs",
    "base/src/handlers.rs",
    "base/src/nested/mod.rs",
    "base/src/nested/deep.rs",
    "app/src/lib.rs",
    "app/src/defs.rs",
    "app/src/handlers.rs",
    "app/src/nested/mod.rs",
    "app/src/nested/deep.rs",
];

/// What a file holds: `use` lines first, then items.
#[derive(Default, Clone)]
struct FileText {
    uses: Vec<String>,
    items: Vec<String>,
}

pub fn generate(choices: &[Choice]) -> Generated {
    let mut files: Vec<FileText> = vec![FileText::default(); FILES.len()];
    for (path, file) in FILES.iter().zip(&mut files) {
        if path.ends_with("lib.rs") {
            file.items.push("pub mod defs;\npub mod handlers;\npub mod nested;".to_string());
        } else if path.ends_with("nested/mod.rs") {
            file.items.push("pub mod deep;".to_string());
        }
    }
    let mut markers = Vec::new();
    for (index, choice) in choices.iter().enumerate() {
        let status = write_status(index, *choice, &mut files);
        markers.push((index, status));
    }
    let mut generated = Generated { files: Vec::new(), expected: Vec::new() };
    let manifest = |name: &str, extra: &str| {
        format!(
            "[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[dependencies]\n\
             axum = \"0.8\"\nactix-web = \"4\"\nwarp = \"0.3\"\n{extra}"
        )
    };
    generated.files.push(("Cargo.toml".to_string(), "[workspace]\nmembers = [\"base\", \"app\"]\n".to_string()));
    generated.files.push(("base/Cargo.toml".to_string(), manifest("base", "")));
    generated.files.push(("app/Cargo.toml".to_string(), manifest("app", "base = { path = \"../base\" }\n")));
    for (path, mut file) in FILES.iter().zip(files) {
        let mut text = String::new();
        file.uses.sort();
        file.uses.dedup();
        for line in file.uses {
            text.push_str(&line);
            text.push('\n');
        }
        for item in file.items {
            text.push('\n');
            text.push_str(&item);
            text.push('\n');
        }
        for (index, status) in &markers {
            let marker = format!("// naming {index}\n");
            if let Some(offset) = text.find(&marker) {
                // The use stands on the line after its marker.
                let line = text[..offset].matches('\n').count() as u64 + 2;
                generated.expected.push((path.to_string(), line, *status));
            }
        }
        generated.files.push((path.to_string(), text));
    }
    generated.expected.sort();
    generated
}

/// Writes the definition and the use of status `index` into `files`; returns its code.
fn write_status(index: usize, (shape, home, access, site, word): Choice, files: &mut [FileText]) -> u16 {
    let (code, constant, helper, error_helper) = CODES[index % CODES.len()];
    let (shape, home, access, site) = (shape % SHAPES, home % HOMES, access % ACCESSES, site % SITES);
    // The file the status is used in: app's handlers (a function or a method), its root, or
    // a module two levels down.
    // A private import is seen through `use super::*;` in a child module only.
    let use_file = match site {
        _ if shape == 14 => 9,
        0 | 3 => 7,
        1 => 5,
        _ => 9,
    };
    // The file its definition lives in, and that module's path from the crate root.
    let (def_file, def_crate, def_module) = match home {
        0 => (use_file, "crate", ""),
        1 => (6, "crate", "defs"),
        2 => (1, "base", "defs"),
        _ => (8, "crate", "nested"),
    };
    let same_file = def_file == use_file;
    let public = if same_file { "" } else { "pub " };
    // (definition item, name it defines, expression that uses it with `{}` for the way to it).
    let (definition, name, expression, produced) = match shape {
        0 => (None, String::new(), format!("(axum::http::StatusCode::{constant}, \"direct\")"), code),
        1 => (
            Some(format!("{public}use axum::http::StatusCode as Sc{index};")),
            format!("Sc{index}"),
            format!("({{}}::{constant}, \"alias\")"),
            code,
        ),
        2 => (
            Some(format!("{public}type Ty{index} = axum::http::StatusCode;")),
            format!("Ty{index}"),
            format!("({{}}::{constant}, \"type alias\")"),
            code,
        ),
        3 => (
            Some(format!(
                "{public}const CONST_{index}: axum::http::StatusCode = axum::http::StatusCode::{constant};"
            )),
            format!("CONST_{index}"),
            "({}, \"const\")".to_string(),
            code,
        ),
        4 => (
            Some(format!(
                "{public}static STATIC_{index}: axum::http::StatusCode = axum::http::StatusCode::{constant};"
            )),
            format!("STATIC_{index}"),
            "({}, \"static\")".to_string(),
            code,
        ),
        5 => (
            Some(format!("{public}const CODE_{index}: u16 = {code};")),
            format!("CODE_{index}"),
            "axum::http::StatusCode::from_u16({}).unwrap()".to_string(),
            code,
        ),
        6 => (
            Some(format!(
                "pub struct Codes{index};\n\nimpl Codes{index} {{\n    pub const ASSOCIATED_{index}: \
                 axum::http::StatusCode = axum::http::StatusCode::{constant};\n}}"
            )),
            format!("Codes{index}"),
            format!("({{}}::ASSOCIATED_{index}, \"associated const\")"),
            code,
        ),
        7 => (
            Some(format!("{public}use axum::http::StatusCode as Lt{index};")),
            format!("Lt{index}"),
            format!("{{{{ let code = {code}; {{}}::from_u16(code).unwrap() }}}}"),
            code,
        ),
        8 => (
            Some(format!(
                "{}macro_rules! status_{index} {{\n    ($name:ident) => {{\n        axum::http::StatusCode::$name\n    }};\n}}",
                if same_file { "" } else { "#[macro_export]\n" }
            )),
            format!("status_{index}"),
            format!("({{}}!({constant}), \"macro\")"),
            code,
        ),
        9 => (
            Some(format!("{public}use actix_web::HttpResponse as Hr{index};")),
            format!("Hr{index}"),
            format!("{{}}::{helper}().finish()"),
            code,
        ),
        10 => (
            Some(format!("{public}use actix_web::error::{error_helper} as fail_{index};")),
            format!("fail_{index}"),
            "{}(\"renamed error helper\")".to_string(),
            code,
        ),
        11 => (
            Some(format!("{public}use warp::redirect::found as go_{index};")),
            format!("go_{index}"),
            "{}(warp::http::Uri::from_static(\"/\"))".to_string(),
            302,
        ),
        12 => (
            Some(format!("{public}use axum::response::Redirect as Rd{index};")),
            format!("Rd{index}"),
            "{}::permanent(\"/moved\")".to_string(),
            308,
        ),
        13 => (
            Some(format!(
                "pub const ORIGIN_{index}: axum::http::StatusCode = axum::http::StatusCode::{constant};"
            )),
            format!("RELAY_{index}"),
            "({}, \"re-exported const\")".to_string(),
            code,
        ),
        _ => (
            Some(format!("use axum::http::StatusCode as Pv{index};")),
            format!("Pv{index}"),
            format!("({{}}::{constant}, \"private import\")"),
            code,
        ),
    };
    let mut way = name.clone();
    if let Some(definition) = definition {
        let is_use = definition.contains("use ");
        if shape == 13 {
            // Defined in `home`'s module (or `defs` when that is the using file), re-exported
            // under another name by `app::nested`, used through that.
            let (origin_file, origin) = if def_file == 1 { (1, "base::defs") } else { (6, "crate::defs") };
            files[origin_file].items.push(definition);
            files[8].uses.push(format!("pub use {origin}::ORIGIN_{index} as RELAY_{index};"));
            way = reach(&mut files[use_file], use_file, 8, "crate", "nested", &name, access, index);
        } else if shape == 14 {
            // Imported privately by `app::nested`, seen by its child through a glob.
            files[8].uses.push(definition);
            files[9].uses.push("use super::*;".to_string());
        } else if shape == 8 {
            files[def_file].items.insert(0, definition);
            way = if same_file { name.clone() } else { format!("{def_crate}::{name}") };
        } else {
            let target = &mut files[def_file];
            if is_use {
                target.uses.push(definition);
            } else {
                target.items.push(definition);
            }
            if !same_file {
                way = reach(&mut files[use_file], use_file, def_file, def_crate, def_module, &name, access, index);
            } else if access == 1 {
                way = format!("self::{name}");
            }
        }
    }
    let expression = if shape == 0 { expression } else { expression.replace("{}", &way) };
    let expression = expression.replace("{{", "{").replace("}}", "}");
    let doc = if word { "/// Answers with a StatusCode." } else { "/// Answers." };
    let item = if site == 3 {
        format!(
            "pub struct Handlers{index};\n\nimpl Handlers{index} {{\n    {doc}\n    pub fn handle(&self) -> impl Sized {{\n        \
             // naming {index}\n        {expression}\n    }}\n}}"
        )
    } else {
        format!("{doc}\npub fn handler_{index}() -> impl Sized {{\n    // naming {index}\n    {expression}\n}}")
    };
    files[use_file].items.push(item);
    produced
}

/// How the file `from` writes `name`, defined in module `module` of `krate` (file `to`): by an
/// import, a path, a glob, a rename, or a path relative to `from`'s module.
#[allow(clippy::too_many_arguments)]
fn reach(
    file: &mut FileText,
    from: usize,
    to: usize,
    krate: &str,
    module: &str,
    name: &str,
    access: u8,
    index: usize,
) -> String {
    let absolute = format!("{krate}::{module}");
    match access {
        0 => {
            file.uses.push(format!("use {absolute}::{name};"));
            name.to_string()
        }
        1 => format!("{absolute}::{name}"),
        2 => {
            file.uses.push(format!("use {absolute}::*;"));
            name.to_string()
        }
        3 => {
            // Renamed as Rust names such an item: a constant in capitals, a function in lower case.
            let renamed = if name.chars().all(|character| !character.is_ascii_lowercase()) {
                format!("RENAMED_{index}")
            } else if name.starts_with(|character: char| character.is_ascii_lowercase()) {
                format!("renamed_{index}")
            } else {
                format!("Renamed{index}")
            };
            file.uses.push(format!("use {absolute}::{name} as {renamed};"));
            renamed
        }
        _ => {
            let relative = match (from, to) {
                (_, 1) => format!("::base::{module}"),
                (5, _) => format!("self::{module}"),
                (9, 8) => "super".to_string(),
                (9, _) => format!("super::super::{module}"),
                _ => format!("super::{module}"),
            };
            format!("{relative}::{name}")
        }
    }
}
