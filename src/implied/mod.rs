//! Implied statuses: what a framework's extractors, middleware and file services answer on a
//! service's behalf, with no status in the service's code (axum's `Json` answers 413 to a body
//! over 2 MiB). `catalogue.rs` defines each component once, with its statuses, the settings that
//! change them and the source they were read in (`axum.rs`, `tower.rs`, `actix.rs`, `warp.rs`,
//! `others.rs` for Rocket and poem, `server.rs` for the servers under them);
//! `find.rs` finds where a parsed file opts into one; `evaluate.rs` turns the statuses the
//! policy does not approve into `implied-status` findings. Plain data crosses each boundary:
//! an [`ImpliedUse`] names its component by index.

mod actix;
mod axum;
pub mod catalogue;
mod evaluate;
mod find;
mod others;
mod server;
mod tower;
mod warp;

pub(crate) use evaluate::evaluate;
pub(crate) use find::{find, Names};

use std::collections::HashSet;

use crate::model::{Framework, Span};

/// A place where the code opts into a component of the catalogue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImpliedUse {
    /// Its index in [`catalogue::COMPONENTS`].
    pub component: usize,
    /// The extractor's type, or the call of the constructor or filter.
    pub span: Span,
    /// The enclosing function, as `handler` or `Type::method`.
    pub function: Option<String>,
    /// The indices of the component's settings the code applies to it.
    pub settings: Vec<usize>,
    /// The package's framework, as for a status use.
    pub framework: Framework,
}

impl ImpliedUse {
    pub fn component(&self) -> &'static catalogue::Component {
        &catalogue::COMPONENTS[self.component]
    }

    /// The codes it answers with, each with its condition, after its settings.
    pub fn answers(&self) -> Vec<(u16, &'static str)> {
        let component = self.component();
        let applied: Vec<&catalogue::Setting> = self.settings.iter().map(|index| &component.settings[*index]).collect();
        component.answers_after(&applied)
    }
}

/// Whether a package under `policy` may be told of a status `component` answers with: one the
/// policy does not approve, with the rule on.
pub(crate) fn may_report(component: &catalogue::Component, policy: &crate::config::Policy) -> bool {
    let added = component.settings.iter().filter_map(|setting| match setting.effect {
        catalogue::Effect::Adds(code, _) | catalogue::Effect::Replaces(_, code) => Some(code),
        catalogue::Effect::Removes(_) | catalogue::Effect::Overrides => None,
    });
    let mut codes = component.answers.iter().map(|answer| answer.code).chain(added);
    let reported = component.opt != catalogue::Opt::Server || policy.implied_server_defaults;
    reported
        && policy.severity(crate::rules::Rule::ImpliedStatus).is_some()
        && codes.any(|code| !policy.is_approved(code))
}

/// Whether packages on `framework` may name the component: a crate of that framework's family,
/// or one that serves any (tower-http).
pub(crate) fn serves(component: &catalogue::Component, framework: Framework) -> bool {
    match component.krate {
        "axum" | "axum_extra" => framework == Framework::Axum,
        "actix_web" | "actix_files" => framework == Framework::ActixWeb,
        "warp" => framework == Framework::Warp,
        "rocket" => framework == Framework::Rocket,
        "poem" => framework == Framework::Poem,
        _ => true,
    }
}

/// The (package, component) pairs whose rejections a package answers itself, from its files
/// that are not test code (actix-web's `JsonConfig::error_handler`, registered for the app).
pub(crate) fn handled<'a>(files: impl Iterator<Item = &'a crate::parse::ScannedFile>) -> HashSet<(usize, usize)> {
    files.flat_map(|file| file.handled.iter().map(move |component| (file.package, *component))).collect()
}

/// Drops the uses of `file` whose rejections its package answers itself.
pub(crate) fn settle(file: &mut crate::parse::ScannedFile, handled: &HashSet<(usize, usize)>) {
    if !handled.is_empty() {
        file.implied.retain(|implied| !handled.contains(&(file.package, implied.component)));
    }
}

/// `name`, a package's name in code, when it is a crate with components of its own.
pub(crate) fn own_crate(name: &str) -> Option<String> {
    catalogue::COMPONENTS.iter().any(|component| component.krate == name).then(|| name.to_string())
}

/// The words of the components of the crate `krate` that `wanted` takes.
pub(crate) fn words_of_crate(krate: &str, wanted: &dyn Fn(&catalogue::Component) -> bool) -> Vec<&'static str> {
    let components = catalogue::COMPONENTS.iter().filter(|component| component.krate == krate && wanted(component));
    components.flat_map(catalogue::Component::words).collect()
}

/// The words the prefilter keeps files and items for, so that skipping text never loses a
/// component: those of the components `wanted` takes that packages on `frameworks` may name.
pub(crate) fn words(frameworks: &[Framework], wanted: &dyn Fn(&catalogue::Component) -> bool) -> Vec<&'static str> {
    let mut words: Vec<&'static str> = catalogue::COMPONENTS
        .iter()
        .filter(|component| wanted(component))
        .filter(|component| {
            component.krate == "tower_http" || frameworks.iter().any(|framework| serves(component, *framework))
        })
        .flat_map(catalogue::Component::words)
        .collect();
    // A config that takes an extractor's rejections over drops its statuses: its file must be
    // read whenever they may be reported.
    let handlers = actix::ERROR_HANDLERS.iter().filter(|handler| {
        handler.taken().is_some_and(|taken| {
            let component = &catalogue::COMPONENTS[taken];
            wanted(component) && frameworks.iter().any(|framework| serves(component, *framework))
        })
    });
    words.extend(handlers.map(|handler| handler.config));
    words.sort_unstable();
    words.dedup();
    words
}
