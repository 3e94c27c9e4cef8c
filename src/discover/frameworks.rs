//! Which web frameworks the audit reads, up to which version, and which it does not read at all:
//! a package that depends on one it cannot read is named in a note, never passed in silence.

/// The frameworks the audit reads, with the newest version whose status APIs it knows
/// (`(major, minor)`; for a crate past 1.0, only the major counts).
const READ: &[(&str, (u64, u64))] = &[
    ("axum", (0, 8)),
    ("actix-web", (4, 0)),
    ("warp", (0, 4)),
    ("rocket", (0, 5)),
    ("poem", (3, 0)),
    ("poem-openapi", (5, 0)),
    ("salvo", (1, 0)),
    ("salvo_core", (1, 0)),
];

/// Web frameworks that answer HTTP requests with statuses the audit does not read.
const UNREAD: &[&str] = &[
    "tide",
    "gotham",
    "thruster",
    "rouille",
    "iron",
    "nickel",
    "tonic-web",
    "trillium",
    "viz",
    "ntex",
    "ohkami",
    "tiny_http",
    "astra",
    "may_minihttp",
    "pavex",
    "loco-rs",
];

/// Whether the crate is a web framework, read or not, whose version requirement matters.
pub(super) fn is_web_framework(crate_name: &str) -> bool {
    READ.iter().any(|(name, _)| *name == crate_name) || UNREAD.contains(&crate_name)
}

/// The note's name for a dependency on a framework the audit does not read: `tide`, or
/// `axum 0.9` for a version newer than the audit knows. `None` for anything it reads.
pub(super) fn unread(crate_name: &str, version: Option<&str>) -> Option<String> {
    if UNREAD.contains(&crate_name) {
        return Some(crate_name.to_string());
    }
    let (_, newest) = READ.iter().find(|(name, _)| *name == crate_name)?;
    let required = version.and_then(major_minor)?;
    let newer = match newest {
        (0, minor) => required.0 > 0 || required.1 > *minor,
        (major, _) => required.0 > *major,
    };
    newer.then(|| format!("{crate_name} {}.{}", required.0, required.1))
}

/// The major and minor version a requirement names: `0.9` in `"0.9"`, `"^0.9.1"`, `">=0.9, <1"`.
fn major_minor(requirement: &str) -> Option<(u64, u64)> {
    let first = requirement.split(',').next()?;
    let version = first.trim().trim_start_matches(['^', '~', '=', '>', '<', ' ']);
    let mut numbers = version.split('.').map(|part| part.trim().parse::<u64>());
    let major = numbers.next()?.ok()?;
    let minor = numbers.next().and_then(Result::ok).unwrap_or(0);
    Some((major, minor))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frameworks_it_does_not_read_or_not_at_that_version() {
        assert_eq!(unread("tide", None), Some("tide".to_string()));
        assert_eq!(unread("axum", Some("0.8")), None);
        assert_eq!(unread("axum", Some("^0.7.5")), None);
        assert_eq!(unread("axum", Some("0.9")), Some("axum 0.9".to_string()));
        assert_eq!(unread("actix-web", Some("4.9")), None);
        assert_eq!(unread("actix-web", Some("5")), Some("actix-web 5.0".to_string()));
        assert_eq!(unread("warp", Some(">=0.3, <0.5")), None);
        assert_eq!(unread("rocket", Some("0.6.0-dev")), Some("rocket 0.6".to_string()));
        assert_eq!(unread("salvo", Some("1.1")), None);
        assert_eq!(unread("salvo", Some("*")), None);
        assert_eq!(unread("serde", Some("9")), None);
    }
}
