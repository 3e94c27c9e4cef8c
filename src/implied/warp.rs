//! warp's filters that reject requests on their own, and the statuses those rejections answer
//! with when no `recover` maps them (`IsReject::status`), read in warp 0.3.7.

use super::catalogue::{Answer, Component, Effect, Opt, Setting};

const RECOVER_HELP: &str = "`.recover(..)` the rejection (`err.find::<warp::reject::PayloadTooLarge>()`) and answer \
with an approved status";

pub const CONTENT_LENGTH_LIMIT: Component = Component {
    krate: "warp",
    tail: &["content_length_limit"],
    opt: Opt::Call,
    subject: "warp's `content_length_limit` filter",
    answers: &[
        Answer { code: 411, when: "to a request without `Content-Length` (a chunked upload)" },
        Answer { code: 413, when: "to a body over its limit" },
    ],
    settings: &[],
    help: RECOVER_HELP,
    source: "warp 0.3.7 src/filters/body.rs, src/reject.rs",
};

pub const MULTIPART: Component = Component {
    krate: "warp",
    tail: &["multipart", "form"],
    opt: Opt::Call,
    subject: "warp's `multipart::form` filter",
    answers: &[
        Answer { code: 400, when: "to a body that is not valid multipart" },
        Answer { code: 411, when: "to a request without `Content-Length` (a chunked upload)" },
        Answer { code: 413, when: "to a body over its limit (2 MiB unless `max_length` sets another)" },
    ],
    settings: &[
        Setting { method: "max_length", argument: Some("None"), effect: Effect::Removes(411) },
        Setting { method: "max_length", argument: Some("None"), effect: Effect::Removes(413) },
    ],
    help: RECOVER_HELP,
    source: "warp 0.3.7 src/filters/multipart.rs, src/reject.rs",
};

pub const WS: Component = Component {
    krate: "warp",
    tail: &["ws"],
    opt: Opt::Call,
    subject: "warp's `ws` filter",
    answers: &[
        Answer { code: 101, when: "when the upgrade succeeds" },
        Answer { code: 400, when: "to a request without valid upgrade headers" },
    ],
    settings: &[],
    help: "101 is how a WebSocket starts: approve it for the service, or allow it on the filter",
    source: "warp 0.3.7 src/filters/ws.rs",
};

/// What warp's file filters answer.
const FILE_ANSWERS: &[Answer] = &[
    Answer { code: 200, when: "with a file" },
    Answer { code: 206, when: "to a `Range` request" },
    Answer { code: 304, when: "to a request whose `If-None-Match` or `If-Modified-Since` matches" },
    Answer { code: 403, when: "to a file it may not read" },
    Answer { code: 404, when: "to a path with no file" },
    Answer { code: 412, when: "to a request whose `If-Match` or `If-Unmodified-Since` fails" },
    Answer { code: 416, when: "to a `Range` outside the file" },
    Answer { code: 500, when: "when the file cannot be opened" },
];

const FILE_HELP: &str = "partial content (206, 416) is how a file filter works: approve it for the service, or \
serve files from a service whose statuses are approved";

pub const DIR: Component = Component {
    krate: "warp",
    tail: &["fs", "dir"],
    opt: Opt::Call,
    subject: "warp's `fs::dir` filter",
    answers: FILE_ANSWERS,
    settings: &[],
    help: FILE_HELP,
    source: "warp 0.3.7 src/filters/fs.rs, src/reject.rs",
};

pub const FILE: Component = Component {
    krate: "warp",
    tail: &["fs", "file"],
    opt: Opt::Call,
    subject: "warp's `fs::file` filter",
    answers: FILE_ANSWERS,
    settings: &[],
    help: FILE_HELP,
    source: "warp 0.3.7 src/filters/fs.rs, src/reject.rs",
};

pub const BODY_JSON: Component = Component {
    krate: "warp",
    tail: &["body", "json"],
    opt: Opt::Call,
    subject: "warp's `body::json` filter",
    answers: &[
        Answer { code: 400, when: "to a body that is not JSON or does not fit the type" },
        Answer { code: 415, when: "to a body whose `Content-Type` is not JSON" },
    ],
    settings: &[],
    help: RECOVER_HELP,
    source: "warp 0.3.7 src/filters/body.rs, src/reject.rs",
};

pub const BODY_FORM: Component = Component {
    krate: "warp",
    tail: &["body", "form"],
    opt: Opt::Call,
    subject: "warp's `body::form` filter",
    answers: &[
        Answer { code: 400, when: "to a body that does not fit the type" },
        Answer { code: 415, when: "to a body that is not `application/x-www-form-urlencoded`" },
    ],
    settings: &[],
    help: RECOVER_HELP,
    source: "warp 0.3.7 src/filters/body.rs, src/reject.rs",
};
