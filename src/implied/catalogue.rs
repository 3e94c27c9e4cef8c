//! What frameworks, extractors, middleware and file services answer on a service's behalf, one
//! definition per component: the crate, the path a service names it by, how it opts in, the
//! statuses with the condition of each, what configuration changes them, and where in the
//! crate's source that was read. Detection, findings, `--explain` and `docs/rules.md` all read
//! this table. Plain data: no syn, no IO.

/// How a service opts into a component.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opt {
    /// A parameter of this type in a function or closure: `Json(order): Json<Order>`.
    Extractor,
    /// A call of this function or constructor: `ServeDir::new("assets")`, `warp::ws()`.
    Call,
    /// A call that starts the server, whose answers are the server's defaults (`axum::serve`):
    /// reported only with `implied-server-defaults = true`.
    Server,
}

/// One status a component answers with, and when.
#[derive(Debug, Clone, Copy)]
pub struct Answer {
    pub code: u16,
    /// Completes "answers 413 Payload Too Large ...": "to a body over its limit".
    pub when: &'static str,
}

/// What a method called on the component changes: `ServeDir::new(..)
/// .append_index_html_on_directories(false)` answers 404, not 307, for a directory.
#[derive(Debug)]
pub struct Setting {
    /// The method, called on what the constructor returns.
    pub method: &'static str,
    /// The argument it must be given, as written (`false`, `None`); `None` for any.
    pub argument: Option<&'static str>,
    pub effect: Effect,
}

#[derive(Debug, Clone, Copy)]
pub enum Effect {
    /// The component no longer answers with the code.
    Removes(u16),
    /// The component answers with this code too, when this is its condition.
    Adds(u16, &'static str),
    /// A code it answers with is replaced by another, under the same condition.
    Replaces(u16, u16),
    /// The status set here replaces every one it answers with: it answers none of its own.
    Overrides,
}

/// An actix-web config whose `error_handler` answers an extractor's rejections in its place:
/// `JsonConfig::default().error_handler(..)` takes over every `web::Json` of the package.
#[derive(Debug)]
pub struct ErrorHandler {
    /// The config type: `JsonConfig`.
    pub config: &'static str,
    /// The last segment of the extractor's path: `Json`.
    pub takes: &'static str,
}

impl ErrorHandler {
    /// The index of the extractor it takes over, in [`COMPONENTS`].
    pub fn taken(&self) -> Option<usize> {
        COMPONENTS.iter().position(|component| {
            component.krate == "actix_web" && component.opt == Opt::Extractor && component.tail == [self.takes]
        })
    }
}

/// One component that answers with statuses of its own.
#[derive(Debug)]
pub struct Component {
    /// The crate as code names it (`tower_http`), the first segment of the paths that match.
    pub krate: &'static str,
    /// How the path a service writes ends, once imports are resolved: `["Json"]` matches
    /// `axum::Json` and `axum::extract::Json`; `["ServeDir", "new"]` matches
    /// `tower_http::services::ServeDir::new`.
    pub tail: &'static [&'static str],
    pub opt: Opt,
    /// Names it in messages: "axum's `Json` extractor".
    pub subject: &'static str,
    pub answers: &'static [Answer],
    pub settings: &'static [Setting],
    /// How to change what it answers with.
    pub help: &'static str,
    /// Where the statuses were read: crate, version and file.
    pub source: &'static str,
}

impl Component {
    /// Whether `path`, resolved from what the code writes, names this component.
    pub fn named_by(&self, path: &[String]) -> bool {
        path.len() > self.tail.len()
            && path[0] == self.krate
            && path[path.len() - self.tail.len()..].iter().zip(self.tail).all(|(written, tail)| written == tail)
    }

    /// The path it is named by, as the issue of a status: `tower_http::ServeDir::new`,
    /// `axum::Json`.
    pub fn path(&self) -> String {
        format!("{}::{}", self.krate, self.tail.join("::"))
    }

    /// The words every mention of the component holds one of, for the prefilter: the type or
    /// function named (`Json`, `ServeDir`, `content_length_limit`), and for a function in a
    /// module both (`multipart` and `form`, which `use warp::multipart::form;` leaves bare).
    pub fn words(&self) -> Vec<&'static str> {
        const CONSTRUCTORS: [&str; 10] =
            ["new", "default", "open", "open_async", "layer", "bearer", "basic", "accept", "temporary", "permanent"];
        match self.opt {
            Opt::Extractor => vec![self.tail[self.tail.len() - 1]],
            Opt::Call | Opt::Server => {
                self.tail.iter().copied().filter(|segment| !CONSTRUCTORS.contains(segment)).collect()
            }
        }
    }

    /// The codes it answers with after `applied` settings, each with its condition, by code.
    pub fn answers_after(&self, applied: &[&Setting]) -> Vec<(u16, &'static str)> {
        let mut answers: Vec<(u16, &'static str)> =
            self.answers.iter().map(|answer| (answer.code, answer.when)).collect();
        // Additions first, so that a replacement or a removal written before them still holds.
        for setting in applied {
            if let Effect::Adds(code, when) = setting.effect {
                answers.push((code, when));
            }
        }
        for setting in applied {
            match setting.effect {
                Effect::Removes(code) => answers.retain(|(answered, _)| *answered != code),
                Effect::Replaces(from, to) => {
                    for answer in answers.iter_mut().filter(|(answered, _)| *answered == from) {
                        answer.0 = to;
                    }
                }
                Effect::Overrides => answers.clear(),
                Effect::Adds(..) => {}
            }
        }
        answers.sort_by_key(|(code, _)| *code);
        answers.dedup_by_key(|(code, _)| *code);
        answers
    }
}

/// Every component, in the order `docs/rules.md` lists them.
pub static COMPONENTS: &[Component] = &[
    super::axum::JSON,
    super::axum::FORM,
    super::axum::RAW_FORM,
    super::axum::MULTIPART,
    super::axum::QUERY,
    super::axum::PATH,
    super::axum::WEB_SOCKET,
    super::axum::TYPED_HEADER,
    super::axum::EXTRA_FORM,
    super::axum::EXTRA_MULTIPART,
    super::tower::TIMEOUT_LAYER,
    super::tower::TIMEOUT,
    super::tower::TIMEOUT_AS_LAYER,
    super::tower::BODY_LIMIT,
    super::tower::BEARER,
    super::tower::BASIC,
    super::tower::ACCEPT,
    super::tower::DECOMPRESSION,
    super::tower::SERVE_DIR,
    super::tower::SERVE_FILE,
    super::actix::JSON,
    super::actix::FORM,
    super::actix::BYTES,
    super::actix::QUERY,
    super::actix::PATH,
    super::actix::COMPRESS,
    super::actix::FILES,
    super::actix::NAMED_FILE,
    super::actix::NAMED_FILE_ASYNC,
    super::actix::NAMED_FILE_FROM_FILE,
    super::warp::CONTENT_LENGTH_LIMIT,
    super::warp::MULTIPART,
    super::warp::WS,
    super::warp::DIR,
    super::warp::FILE,
    super::warp::BODY_JSON,
    super::warp::BODY_FORM,
    super::others::ROCKET_JSON,
    super::others::ROCKET_FORM,
    super::others::POEM_SIZE_LIMIT,
    super::server::AXUM_SERVE,
    super::server::WARP_SERVE,
    super::server::ACTIX_SERVER,
];

/// The table `docs/rules.md` and `--explain implied-status` show.
pub fn table_markdown() -> String {
    let mut table =
        String::from("| Component | Opted into by | Statuses | Changed by | Read in |\n|---|---|---|---|---|\n");
    for component in COMPONENTS {
        let written = component.path();
        let opted = match component.opt {
            Opt::Extractor => format!("a parameter of type `{written}<..>`"),
            Opt::Call => format!("`{written}(..)`"),
            Opt::Server => format!("`{written}(..)`, when `implied-server-defaults = true`"),
        };
        let codes: Vec<String> = component.answers.iter().map(|answer| answer.code.to_string()).collect();
        let settings: Vec<String> = component.settings.iter().map(describe_setting).collect();
        table.push_str(&format!(
            "| {} | {opted} | {} | {} | {} |\n",
            component.subject,
            codes.join(", "),
            if settings.is_empty() { "-".to_string() } else { settings.join("; ") },
            component.source
        ));
    }
    table
}

fn describe_setting(setting: &Setting) -> String {
    let call = format!(".{}({})", setting.method, setting.argument.unwrap_or(".."));
    match setting.effect {
        Effect::Removes(code) => format!("`{call}`: no {code}"),
        Effect::Adds(code, _) => format!("`{call}`: {code} too"),
        Effect::Replaces(from, to) => format!("`{call}`: {to} for {from}"),
        Effect::Overrides => format!("`{call}`: its status instead"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(text: &str) -> Vec<String> {
        text.split("::").map(String::from).collect()
    }

    #[test]
    fn a_component_is_named_by_its_crate_and_the_end_of_its_path() {
        let json = &super::super::axum::JSON;
        assert!(json.named_by(&path("axum::Json")));
        assert!(json.named_by(&path("axum::extract::Json")));
        assert!(!json.named_by(&path("actix_web::web::Json")));
        assert!(!json.named_by(&path("Json")));
        assert!(!json.named_by(&path("axum::JsonRejection")));
    }

    #[test]
    fn every_component_answers_with_something_and_says_where_it_was_read() {
        for component in COMPONENTS {
            assert!(!component.answers.is_empty(), "{}", component.subject);
            assert!(component.source.contains(' '), "{}", component.subject);
            assert!(!component.words().is_empty());
            for answer in component.answers {
                assert!(crate::status::describe(answer.code).contains(&answer.code.to_string()));
            }
        }
    }

    #[test]
    fn settings_remove_add_and_replace_codes() {
        let files = &super::super::actix::FILES;
        let codes =
            |applied: &[&Setting]| -> Vec<u16> { files.answers_after(applied).iter().map(|(code, _)| *code).collect() };
        assert!(!codes(&[]).contains(&307));
        let redirect = files.settings.iter().find(|setting| setting.method == "redirect_to_slash_directory").unwrap();
        let permanent = files.settings.iter().find(|setting| setting.method == "with_permanent_redirect").unwrap();
        assert!(codes(&[redirect]).contains(&307));
        for applied in [[redirect, permanent], [permanent, redirect]] {
            assert!(codes(&applied).contains(&308) && !codes(&applied).contains(&307));
        }
    }
}
