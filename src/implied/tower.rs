//! tower-http's layers and services that answer requests themselves, read in tower-http 0.6.11.

use super::catalogue::{Answer, Component, Effect, Opt, Setting};

const TIMED_OUT: &[Answer] = &[Answer { code: 408, when: "to a request its service has not answered in time" }];

const TIMEOUT_HELP: &str =
    "answer an approved status instead: `TimeoutLayer::with_status_code(StatusCode::SERVICE_UNAVAILABLE, \
duration)` (tower-http 0.6.7 and later; `new` is deprecated there)";

const TIMEOUT_SOURCE: &str = "tower-http 0.6.11 src/timeout/service.rs";

pub const TIMEOUT_LAYER: Component = Component {
    krate: "tower_http",
    tail: &["TimeoutLayer", "new"],
    opt: Opt::Call,
    subject: "tower-http's `TimeoutLayer`",
    answers: TIMED_OUT,
    settings: &[],
    help: TIMEOUT_HELP,
    source: TIMEOUT_SOURCE,
};

pub const TIMEOUT: Component = Component {
    krate: "tower_http",
    tail: &["Timeout", "new"],
    opt: Opt::Call,
    subject: "tower-http's `Timeout` service",
    answers: TIMED_OUT,
    settings: &[],
    help: "answer an approved status instead: `Timeout::with_status_code(service, StatusCode::SERVICE_UNAVAILABLE, \
duration)` (tower-http 0.6.7 and later)",
    source: TIMEOUT_SOURCE,
};

pub const TIMEOUT_AS_LAYER: Component = Component {
    krate: "tower_http",
    tail: &["Timeout", "layer"],
    opt: Opt::Call,
    subject: "tower-http's `Timeout` layer",
    answers: TIMED_OUT,
    settings: &[],
    help: "answer an approved status instead: `Timeout::layer_with_status_code(StatusCode::SERVICE_UNAVAILABLE, \
duration)` (tower-http 0.6.7 and later)",
    source: TIMEOUT_SOURCE,
};

pub const BODY_LIMIT: Component = Component {
    krate: "tower_http",
    tail: &["RequestBodyLimitLayer", "new"],
    opt: Opt::Call,
    subject: "tower-http's `RequestBodyLimitLayer`",
    answers: &[Answer { code: 413, when: "to a body over its limit" }],
    settings: &[],
    help: "approve 413 (it is what the limit means), or map it with `MapResponseLayer` to an approved status",
    source: "tower-http 0.6.11 src/limit/body.rs",
};

const AUTHORIZATION_SOURCE: &str = "tower-http 0.6.11 src/auth/require_authorization.rs";

pub const BEARER: Component = Component {
    krate: "tower_http",
    tail: &["ValidateRequestHeaderLayer", "bearer"],
    opt: Opt::Call,
    subject: "tower-http's bearer `ValidateRequestHeaderLayer`",
    answers: &[Answer { code: 401, when: "to a request without the token, and with no `WWW-Authenticate` header" }],
    settings: &[],
    help: "use `ValidateRequestHeaderLayer::custom` to answer with a `WWW-Authenticate` challenge",
    source: AUTHORIZATION_SOURCE,
};

pub const BASIC: Component = Component {
    krate: "tower_http",
    tail: &["ValidateRequestHeaderLayer", "basic"],
    opt: Opt::Call,
    subject: "tower-http's basic `ValidateRequestHeaderLayer`",
    answers: &[Answer { code: 401, when: "to a request without the credentials" }],
    settings: &[],
    help: "use `ValidateRequestHeaderLayer::custom` to answer otherwise",
    source: AUTHORIZATION_SOURCE,
};

pub const ACCEPT: Component = Component {
    krate: "tower_http",
    tail: &["ValidateRequestHeaderLayer", "accept"],
    opt: Opt::Call,
    subject: "tower-http's accept `ValidateRequestHeaderLayer`",
    answers: &[Answer { code: 406, when: "to a request whose `Accept` excludes the type" }],
    settings: &[],
    help: "use `ValidateRequestHeaderLayer::custom` to answer otherwise",
    source: "tower-http 0.6.11 src/validate_request.rs",
};

pub const DECOMPRESSION: Component = Component {
    krate: "tower_http",
    tail: &["RequestDecompressionLayer", "new"],
    opt: Opt::Call,
    subject: "tower-http's `RequestDecompressionLayer`",
    answers: &[Answer { code: 415, when: "to a body in a `Content-Encoding` it does not decode" }],
    settings: &[Setting { method: "pass_through_unaccepted", argument: Some("true"), effect: Effect::Removes(415) }],
    help: "`.pass_through_unaccepted(true)` hands such bodies to the service instead",
    source: "tower-http 0.6.11 src/decompression/request/future.rs, layer.rs",
};

/// What a file service answers, but a directory's redirect.
const FILE_ANSWERS: &[Answer] = &[
    Answer { code: 200, when: "with a file" },
    Answer { code: 206, when: "to a `Range` request" },
    Answer { code: 304, when: "to a request whose `If-None-Match` or `If-Modified-Since` matches" },
    Answer { code: 404, when: "to a path with no file" },
    Answer { code: 405, when: "to a method other than GET and HEAD" },
    Answer { code: 412, when: "to a request whose `If-Match` or `If-Unmodified-Since` fails" },
    Answer { code: 416, when: "to a `Range` outside the file" },
    Answer { code: 500, when: "when the file cannot be read" },
];

const FILE_HELP: &str = "partial content (206, 416) and redirects are how a file service works: approve them for \
the service, or serve files from a service whose statuses are approved";

pub const SERVE_DIR: Component = Component {
    krate: "tower_http",
    tail: &["ServeDir", "new"],
    opt: Opt::Call,
    subject: "tower-http's `ServeDir`",
    answers: &[
        FILE_ANSWERS[0],
        FILE_ANSWERS[1],
        FILE_ANSWERS[2],
        Answer { code: 307, when: "to a directory's path without its trailing slash" },
        FILE_ANSWERS[3],
        FILE_ANSWERS[4],
        FILE_ANSWERS[5],
        FILE_ANSWERS[6],
        FILE_ANSWERS[7],
    ],
    settings: &[Setting {
        method: "append_index_html_on_directories",
        argument: Some("false"),
        effect: Effect::Removes(307),
    }],
    help: FILE_HELP,
    source: "tower-http 0.6.11 src/services/fs/serve_dir/future.rs, open_file.rs",
};

pub const SERVE_FILE: Component = Component {
    krate: "tower_http",
    tail: &["ServeFile", "new"],
    opt: Opt::Call,
    subject: "tower-http's `ServeFile`",
    answers: FILE_ANSWERS,
    settings: &[],
    help: FILE_HELP,
    source: "tower-http 0.6.11 src/services/fs/serve_dir/future.rs",
};
