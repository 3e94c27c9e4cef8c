//! actix-web's extractors and middleware and actix-files' services, and what they answer on
//! their own, read in actix-web 4.18.1 and actix-files 0.6.10.

use super::catalogue::{Answer, Component, Effect, ErrorHandler, Opt, Setting};

/// The configs whose `error_handler` answers an extractor's rejections in its place
/// (`JsonConfig::error_handler`, read in actix-web 4.18.1 src/types/json.rs, form.rs, query.rs,
/// path.rs): registered with `app_data`, they take over every use of it.
pub const ERROR_HANDLERS: &[ErrorHandler] = &[
    ErrorHandler { config: "JsonConfig", takes: "Json" },
    ErrorHandler { config: "FormConfig", takes: "Form" },
    ErrorHandler { config: "QueryConfig", takes: "Query" },
    ErrorHandler { config: "PathConfig", takes: "Path" },
];

const CONFIG_HELP: &str = "register a config with an `error_handler` (`web::JsonConfig::default().error_handler(..)`, \
`FormConfig`, `QueryConfig`, `PathConfig`) that answers with an approved status; `.limit(n)` moves the 413 limit";

pub const JSON: Component = Component {
    krate: "actix_web",
    tail: &["Json"],
    opt: Opt::Extractor,
    subject: "actix-web's `Json` extractor",
    answers: &[
        Answer { code: 400, when: "to a body that is not JSON, does not fit the type, or lacks a JSON `Content-Type`" },
        Answer { code: 413, when: "to a body over its limit (2 MiB unless `JsonConfig::limit` sets another)" },
    ],
    settings: &[],
    help: CONFIG_HELP,
    source: "actix-web 4.18.1 src/types/json.rs, src/error/mod.rs",
};

pub const FORM: Component = Component {
    krate: "actix_web",
    tail: &["Form"],
    opt: Opt::Extractor,
    subject: "actix-web's `Form` extractor",
    answers: &[
        Answer { code: 400, when: "to a body that does not fit the type" },
        Answer { code: 411, when: "to a body of unknown length" },
        Answer { code: 413, when: "to a body over its limit (16 KiB unless `FormConfig::limit` sets another)" },
        Answer { code: 415, when: "to a body that is not `application/x-www-form-urlencoded`" },
    ],
    settings: &[],
    help: CONFIG_HELP,
    source: "actix-web 4.18.1 src/types/form.rs, src/error/mod.rs",
};

pub const BYTES: Component = Component {
    krate: "actix_web",
    tail: &["Bytes"],
    opt: Opt::Extractor,
    subject: "actix-web's `Bytes` extractor",
    answers: &[Answer {
        code: 413,
        when: "to a body over its limit (256 KiB unless `PayloadConfig::limit` sets another)",
    }],
    settings: &[],
    help: "register a `web::PayloadConfig` with the limit the service needs",
    source: "actix-web 4.18.1 src/types/payload.rs",
};

pub const QUERY: Component = Component {
    krate: "actix_web",
    tail: &["Query"],
    opt: Opt::Extractor,
    subject: "actix-web's `Query` extractor",
    answers: &[Answer { code: 400, when: "to a query string that does not fit the type" }],
    settings: &[],
    help: CONFIG_HELP,
    source: "actix-web 4.18.1 src/types/query.rs, src/error/mod.rs",
};

pub const PATH: Component = Component {
    krate: "actix_web",
    tail: &["Path"],
    opt: Opt::Extractor,
    subject: "actix-web's `Path` extractor",
    answers: &[Answer { code: 404, when: "to a path segment that does not fit the type (not 400)" }],
    settings: &[],
    help: CONFIG_HELP,
    source: "actix-web 4.18.1 src/types/path.rs",
};

pub const COMPRESS: Component = Component {
    krate: "actix_web",
    tail: &["Compress", "default"],
    opt: Opt::Call,
    subject: "actix-web's `Compress` middleware",
    answers: &[Answer { code: 406, when: "to a request whose `Accept-Encoding` accepts no encoding it has" }],
    settings: &[],
    help: "approve 406 for the service, or leave compression to a proxy",
    source: "actix-web 4.18.1 src/middleware/compress.rs",
};

/// What both file services answer, but a directory's redirect.
const FILE_ANSWERS: &[Answer] = &[
    Answer { code: 200, when: "with a file" },
    Answer { code: 206, when: "to a `Range` request" },
    Answer { code: 304, when: "to a request whose `If-None-Match` or `If-Modified-Since` matches" },
    Answer { code: 400, when: "to a malformed `Range` or path" },
    Answer { code: 412, when: "to a request whose `If-Match` or `If-Unmodified-Since` fails" },
    Answer { code: 416, when: "to a `Range` outside the file" },
];

const FILE_HELP: &str = "partial content (206, 416) and redirects are how a file service works: approve them for \
the service, or serve files from a service whose statuses are approved";

pub const FILES: Component = Component {
    krate: "actix_files",
    tail: &["Files", "new"],
    opt: Opt::Call,
    subject: "actix-files' `Files` service",
    answers: &[
        FILE_ANSWERS[0],
        FILE_ANSWERS[1],
        FILE_ANSWERS[2],
        FILE_ANSWERS[3],
        Answer { code: 404, when: "to a path with no file" },
        Answer { code: 405, when: "to a method other than GET and HEAD, with no `Allow` header" },
        FILE_ANSWERS[4],
        FILE_ANSWERS[5],
    ],
    settings: &[
        Setting {
            method: "redirect_to_slash_directory",
            argument: None,
            effect: Effect::Adds(307, "to a directory's path without its trailing slash"),
        },
        Setting { method: "with_permanent_redirect", argument: None, effect: Effect::Replaces(307, 308) },
    ],
    help: FILE_HELP,
    source: "actix-files 0.6.10 src/service.rs, src/files.rs, src/named.rs, src/error.rs",
};

/// A status set on a file, or on the response it makes, is the one it answers with
/// (`NamedFile::into_response` with a status other than 200; `CustomizeResponder::with_status`).
const STATUS_SET: &[Setting] = &[
    Setting { method: "set_status_code", argument: None, effect: Effect::Overrides },
    Setting { method: "with_status", argument: None, effect: Effect::Overrides },
];

/// A `NamedFile` made by the constructor at the end of `tail`.
const fn named_file(tail: &'static [&'static str]) -> Component {
    Component {
        krate: "actix_files",
        tail,
        opt: Opt::Call,
        subject: "actix-files' `NamedFile`",
        answers: FILE_ANSWERS,
        settings: STATUS_SET,
        help: FILE_HELP,
        source: "actix-files 0.6.10 src/named.rs; actix-web 4.18.1 src/response/customize_responder.rs",
    }
}

pub const NAMED_FILE: Component = named_file(&["NamedFile", "open"]);
pub const NAMED_FILE_ASYNC: Component = named_file(&["NamedFile", "open_async"]);
pub const NAMED_FILE_FROM_FILE: Component = named_file(&["NamedFile", "from_file"]);
