//! axum's and axum-extra's extractors and what they answer when a request does not fit, read in
//! axum 0.8.9, axum-core 0.5.6 and axum-extra 0.10.3 (each `#[status = ..]` of their
//! `__define_rejection!`s).

use super::catalogue::{Answer, Component, Opt};

/// The help of every body extractor: the limit, and how to answer otherwise.
const BODY_HELP: &str = "take `Result<T, T::Rejection>` (or an extractor of your own) and answer the rejection with \
an approved status; `DefaultBodyLimit::max(n)` moves the 413 limit, `DefaultBodyLimit::disable()` removes it for the \
routes it wraps";

/// A multipart extractor answers only a bad boundary itself: its fields' errors (413 over the
/// limit, 400, 500) reach the client only if the handler answers with them.
const MULTIPART_ANSWERS: &[Answer] = &[Answer { code: 400, when: "to a request without a valid multipart boundary" }];

const MULTIPART_HELP: &str = "take `Result<Multipart, MultipartRejection>` and answer the rejection with an approved \
status";

/// What a form extractor answers: axum's `Form`, and axum-extra's, which reads the body through
/// axum's `RawForm` and passes its rejections on.
const FORM_ANSWERS: &[Answer] = &[
    Answer { code: 400, when: "to a query string that does not fit the type" },
    OVER_LIMIT,
    Answer { code: 415, when: "to a body that is not `application/x-www-form-urlencoded`" },
    Answer { code: 422, when: "to a form body that does not fit the type" },
];

const OVER_LIMIT: Answer =
    Answer { code: 413, when: "to a body over its limit (2 MiB unless `DefaultBodyLimit` sets another)" };

pub const JSON: Component = Component {
    krate: "axum",
    tail: &["Json"],
    opt: Opt::Extractor,
    subject: "axum's `Json` extractor",
    answers: &[
        Answer { code: 400, when: "to a body that is not JSON or cannot be read" },
        OVER_LIMIT,
        Answer { code: 415, when: "to a request whose `Content-Type` is not JSON" },
        Answer { code: 422, when: "to JSON that does not fit the type" },
    ],
    settings: &[],
    help: BODY_HELP,
    source: "axum 0.8.9 src/extract/rejection.rs; axum-core 0.5.6 src/extract/rejection.rs, src/ext_traits/request.rs",
};

pub const FORM: Component = Component {
    krate: "axum",
    tail: &["Form"],
    opt: Opt::Extractor,
    subject: "axum's `Form` extractor",
    answers: FORM_ANSWERS,
    settings: &[],
    help: BODY_HELP,
    source: "axum 0.8.9 src/extract/rejection.rs; axum-core 0.5.6 src/extract/rejection.rs",
};

pub const RAW_FORM: Component = Component {
    krate: "axum",
    tail: &["RawForm"],
    opt: Opt::Extractor,
    subject: "axum's `RawForm` extractor",
    answers: &[
        Answer { code: 400, when: "to a body that cannot be read" },
        OVER_LIMIT,
        Answer { code: 415, when: "to a body that is not `application/x-www-form-urlencoded`" },
    ],
    settings: &[],
    help: BODY_HELP,
    source: "axum 0.8.9 src/extract/rejection.rs",
};

pub const MULTIPART: Component = Component {
    krate: "axum",
    tail: &["Multipart"],
    opt: Opt::Extractor,
    subject: "axum's `Multipart` extractor",
    answers: MULTIPART_ANSWERS,
    settings: &[],
    help: MULTIPART_HELP,
    source: "axum 0.8.9 src/extract/multipart.rs",
};

pub const QUERY: Component = Component {
    krate: "axum",
    tail: &["Query"],
    opt: Opt::Extractor,
    subject: "axum's `Query` extractor",
    answers: &[Answer { code: 400, when: "to a query string that does not fit the type" }],
    settings: &[],
    help: "take `Result<Query<T>, QueryRejection>` and answer the rejection with an approved status",
    source: "axum 0.8.9 src/extract/rejection.rs",
};

pub const PATH: Component = Component {
    krate: "axum",
    tail: &["Path"],
    opt: Opt::Extractor,
    subject: "axum's `Path` extractor",
    answers: &[
        Answer { code: 400, when: "to a path segment that does not fit the type" },
        Answer { code: 500, when: "when the route's parameters do not match the type's" },
    ],
    settings: &[],
    help: "take `Result<Path<T>, PathRejection>` and answer the rejection with an approved status",
    source: "axum 0.8.9 src/extract/path/mod.rs",
};

pub const WEB_SOCKET: Component = Component {
    krate: "axum",
    tail: &["WebSocketUpgrade"],
    opt: Opt::Extractor,
    subject: "axum's `WebSocketUpgrade` extractor",
    answers: &[
        Answer { code: 101, when: "when the upgrade succeeds over HTTP/1.1" },
        Answer { code: 400, when: "to a request without valid upgrade headers" },
        Answer { code: 405, when: "to a request whose method is not GET (CONNECT over HTTP/2)" },
        Answer { code: 426, when: "when the connection cannot be upgraded" },
    ],
    settings: &[],
    help: "101 is how a WebSocket starts: approve it (and 426) for the service, or allow it on the handler",
    source: "axum 0.8.9 src/extract/ws.rs",
};

pub const TYPED_HEADER: Component = Component {
    krate: "axum_extra",
    tail: &["TypedHeader"],
    opt: Opt::Extractor,
    subject: "axum-extra's `TypedHeader` extractor",
    answers: &[Answer { code: 400, when: "to a header that is missing or does not parse" }],
    settings: &[],
    help: "take `Option<TypedHeader<T>>` or `Result<TypedHeader<T>, TypedHeaderRejection>` and answer otherwise",
    source: "axum-extra 0.10.3 src/typed_header.rs",
};

pub const EXTRA_FORM: Component = Component {
    krate: "axum_extra",
    tail: &["Form"],
    opt: Opt::Extractor,
    subject: "axum-extra's `Form` extractor",
    answers: FORM_ANSWERS,
    settings: &[],
    help: BODY_HELP,
    source: "axum-extra 0.10.3 src/extract/form.rs; axum 0.8.9 src/extract/rejection.rs",
};

pub const EXTRA_MULTIPART: Component = Component {
    krate: "axum_extra",
    tail: &["Multipart"],
    opt: Opt::Extractor,
    subject: "axum-extra's `Multipart` extractor",
    answers: MULTIPART_ANSWERS,
    settings: &[],
    help: MULTIPART_HELP,
    source: "axum-extra 0.10.3 src/extract/multipart.rs",
};
