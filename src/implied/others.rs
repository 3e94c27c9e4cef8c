//! Rocket's data guards and poem's middleware that answer on their own, read in Rocket 0.5.1
//! and poem 3.1.12.

use super::catalogue::{Answer, Component, Opt};

pub const ROCKET_JSON: Component = Component {
    krate: "rocket",
    tail: &["Json"],
    opt: Opt::Extractor,
    subject: "Rocket's `Json` data guard",
    answers: &[
        Answer { code: 400, when: "to a body that is not JSON" },
        Answer { code: 413, when: "to a body over its limit (1 MiB unless the `json` limit sets another)" },
        Answer { code: 422, when: "to JSON that does not fit the type" },
    ],
    settings: &[],
    help: "take `Result<Json<T>, json::Error>` and answer the error with an approved status; the `limits.json` \
setting moves the 413 limit",
    source: "rocket 0.5.1 src/serde/json.rs, src/data/limits.rs",
};

pub const ROCKET_FORM: Component = Component {
    krate: "rocket",
    tail: &["Form"],
    opt: Opt::Extractor,
    subject: "Rocket's `Form` data guard",
    answers: &[
        Answer { code: 400, when: "to a form that cannot be read" },
        Answer { code: 413, when: "to a form over its limit (32 KiB unless the `form` limit sets another)" },
        Answer { code: 422, when: "to a form that does not fit the type" },
    ],
    settings: &[],
    help: "take `Result<Form<T>, Errors>` and answer the errors with an approved status; the `limits.form` \
setting moves the 413 limit",
    source: "rocket 0.5.1 src/form/error.rs, src/data/limits.rs",
};

pub const POEM_SIZE_LIMIT: Component = Component {
    krate: "poem",
    tail: &["SizeLimit", "new"],
    opt: Opt::Call,
    subject: "poem's `SizeLimit` middleware",
    answers: &[
        Answer { code: 411, when: "to a request without `Content-Length`" },
        Answer { code: 413, when: "to a body over its limit" },
    ],
    settings: &[],
    help: "approve 413 (it is what the limit means) and 411, or limit bodies where they are read",
    source: "poem 3.1.12 src/middleware/size_limit.rs",
};
