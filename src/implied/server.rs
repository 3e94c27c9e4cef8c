//! What the HTTP server under a framework answers before any of the service's code runs, read
//! in hyper 1.13.0 and 0.14.32 (under axum and warp) and actix-http 3.20.0 (under actix-web).
//! Listed for every service, reported only with `implied-server-defaults = true`: the service
//! cannot change them without configuring the server.

use super::catalogue::{Answer, Component, Effect, Opt, Setting};

const HYPER_ANSWERS: &[Answer] = &[
    Answer { code: 400, when: "to a request it cannot parse" },
    Answer { code: 414, when: "to a URI too long to parse" },
    Answer { code: 431, when: "to a request head larger than its read buffer or with too many headers" },
];

pub const AXUM_SERVE: Component = Component {
    krate: "axum",
    tail: &["serve"],
    opt: Opt::Server,
    subject: "hyper, the server under `axum::serve`,",
    answers: HYPER_ANSWERS,
    settings: &[],
    help: "serve with hyper-util's builder to set `max_buf_size` and `max_headers`, or answer before the service \
(in a proxy)",
    source: "hyper 1.13.0 src/proto/h1/role.rs",
};

pub const WARP_SERVE: Component = Component {
    krate: "warp",
    tail: &["serve"],
    opt: Opt::Server,
    subject: "hyper, the server under `warp::serve`,",
    answers: HYPER_ANSWERS,
    settings: &[],
    help: "serve the filter with hyper's own server to set `max_buf_size`, or answer before the service (in a proxy)",
    source: "hyper 0.14.32 src/proto/h1/role.rs",
};

pub const ACTIX_SERVER: Component = Component {
    krate: "actix_web",
    tail: &["HttpServer", "new"],
    opt: Opt::Server,
    subject: "actix-http, the server under `HttpServer`,",
    answers: &[
        Answer { code: 400, when: "to a request it cannot parse" },
        Answer { code: 408, when: "to a request head not received within `client_request_timeout` (5 s by default)" },
        Answer { code: 431, when: "to a request head over 128 KiB" },
    ],
    settings: &[Setting {
        method: "client_request_timeout",
        argument: Some("Duration::ZERO"),
        effect: Effect::Removes(408),
    }],
    help: "`HttpServer::client_request_timeout(..)` moves the 408 (`Duration::ZERO` turns it off)",
    source: "actix-http 3.20.0 src/h1/dispatcher.rs",
};
