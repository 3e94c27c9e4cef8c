//! Where the approved list comes from, and what a broken config says.

use crate::support::{findings_of, manifest, run_in, run_json, Workspace, AXUM_HANDLER};

const LOCKED_AND_TEAPOT: &str = "use axum::http::StatusCode;\n\
pub fn a() -> StatusCode { StatusCode::LOCKED }\n\
pub fn b() -> StatusCode { StatusCode::IM_A_TEAPOT }\n\
pub fn c() -> StatusCode { StatusCode::GONE }\n";

fn statuses(workspace: &Workspace, args: &[&str]) -> Vec<u64> {
    let (report, run) = run_json(&workspace.path(), args);
    assert_ne!(run.code, 2, "{}", run.stderr);
    findings_of(&report, "unapproved-status").into_iter().filter_map(|(_, _, status)| status).collect()
}

fn workspace_with(root_manifest: &str, member_metadata: &str) -> Workspace {
    let member = format!("{}\n{member_metadata}", manifest("svc", "axum = \"0.8\""));
    Workspace::new(&[("Cargo.toml", root_manifest), ("svc/Cargo.toml", &member), ("svc/src/lib.rs", LOCKED_AND_TEAPOT)])
}

#[test]
fn precedence_from_weakest_to_strongest() {
    let root = "[workspace]\nmembers = [\"svc\"]\n\n[workspace.metadata.status-audit]\nextend-approved = [423]\n";
    let workspace = workspace_with(root, "");
    assert_eq!(statuses(&workspace, &[]), [418], "workspace metadata extends the default");

    let workspace = workspace_with(root, "[package.metadata.status-audit]\napproved = [200, 418]\n");
    assert_eq!(statuses(&workspace, &[]), [423, 410], "package metadata replaces the workspace's list");

    workspace.write("status-audit.toml", "approved = [410]\n");
    assert_eq!(statuses(&workspace, &[]), [423, 418], "status-audit.toml beats package metadata");

    workspace.write("other.toml", "extend-approved = [423]\n");
    let other = workspace.path().join("other.toml");
    // The package's `approved = [200, 418]` stands; other.toml adds 423 and 410 is left.
    assert_eq!(
        statuses(&workspace, &["--config", other.to_str().unwrap()]),
        [410],
        "--config replaces status-audit.toml"
    );
    assert_eq!(statuses(&workspace, &["--config", other.to_str().unwrap(), "--approve", "410"]), Vec::<u64>::new());
}

fn assert_config_error(workspace: &Workspace, args: &[&str], file: &str, line: Option<usize>, words: &str) {
    let run = run_in(&workspace.path(), args);
    assert_eq!(run.code, 2, "{run:?}");
    let expected = match line {
        Some(line) => format!("{file}:{line}:"),
        None => format!("{file}: "),
    };
    assert!(run.stderr.contains(&expected), "expected `{expected}` in: {}", run.stderr);
    assert!(run.stderr.contains(words), "expected `{words}` in: {}", run.stderr);
    assert!(run.stdout.is_empty());
}

#[test]
fn broken_configs_stop_the_run_with_file_and_line() {
    let workspace = Workspace::new(&[("Cargo.toml", &manifest("svc", "axum = \"0.8\"")), ("src/lib.rs", AXUM_HANDLER)]);
    // An array left open is reported on its last line, not on a line past the file's end.
    workspace.write("status-audit.toml", "# team policy\napproved = [200,\n");
    assert_config_error(&workspace, &[], "status-audit.toml", Some(2), "");
    workspace.write("status-audit.toml", "# team policy\n\naproved = [200]\n");
    assert_config_error(&workspace, &[], "status-audit.toml", Some(3), "unknown field `aproved`");
    workspace.write("status-audit.toml", "extend-approved = [\n  418,\n  99,\n]\n");
    assert_config_error(&workspace, &[], "status-audit.toml", Some(3), "99 is outside 100..=999");
    workspace.write("status-audit.toml", "approved = \"all\"\n");
    assert_config_error(&workspace, &[], "status-audit.toml", Some(1), "invalid type");

    std::fs::remove_file(workspace.path().join("status-audit.toml")).unwrap();
    let with_metadata =
        format!("{}\n[package.metadata.status-audit]\nextend-approved = [1418]\n", manifest("svc", "axum = \"0.8\""));
    workspace.write("Cargo.toml", &with_metadata);
    assert_config_error(&workspace, &[], "Cargo.toml", Some(10), "1418 is outside 100..=999");

    workspace.write("Cargo.toml", &manifest("svc", "axum = \"0.8\""));
    assert_config_error(&workspace, &["--config", "missing.toml"], "missing.toml", None, "cannot read config file");
}

#[test]
fn other_metadata_and_unknown_cargo_keys_are_ignored() {
    let manifest = format!(
        "{}\n[package.metadata.docs.rs]\nall-features = true\n\n[package.metadata.status-audit]\nextend-approved = [418]\n\n[badges]\nmaintenance = {{ status = \"experimental\" }}\n",
        manifest("svc", "axum = \"0.8\"")
    );
    let workspace = Workspace::new(&[("Cargo.toml", &manifest), ("src/lib.rs", AXUM_HANDLER)]);
    assert_eq!(statuses(&workspace, &[]), Vec::<u64>::new());
}

#[test]
fn overrides_hold_matching_paths_to_their_own_list() {
    let root = "[workspace]\nmembers = [\"crates/*\"]\n";
    let workspace = Workspace::new(&[
        ("Cargo.toml", root),
        ("crates/legacy/Cargo.toml", &manifest("legacy", "axum = \"0.8\"")),
        ("crates/legacy/src/lib.rs", LOCKED_AND_TEAPOT),
        ("crates/api/Cargo.toml", &manifest("api", "axum = \"0.8\"")),
        ("crates/api/src/lib.rs", LOCKED_AND_TEAPOT),
        ("status-audit.toml", "[[overrides]]\npaths = [\"crates/legacy/**\"]\nextend-approved = [418, 423]\n"),
    ]);
    let (report, _) = run_json(&workspace.path(), &[]);
    let paths: Vec<String> = findings_of(&report, "unapproved-status").into_iter().map(|(path, _, _)| path).collect();
    assert_eq!(paths, ["crates/api/src/lib.rs", "crates/api/src/lib.rs"]);

    workspace.write("status-audit.toml", "[[overrides]]\npaths = [\n  \"crates/legacy/**\",\n  \"crates/[api\",\n]\n");
    assert_config_error(&workspace, &[], "status-audit.toml", Some(4), "invalid glob `crates/[api`");
    workspace.write("status-audit.toml", "[[overrides]]\npaths = [\"crates/**\"]\nextend-aproved = [418]\n");
    assert_config_error(&workspace, &[], "status-audit.toml", Some(3), "unknown field `extend-aproved`");
}

/// The JSON Schema shipped for editors accepts what the binary accepts and rejects what it
/// rejects, rule names included.
#[test]
fn the_config_schema_matches_the_binary() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("status-audit.schema.json")).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    let levels: Vec<&str> =
        schema["properties"]["levels"]["properties"].as_object().unwrap().keys().map(String::as_str).collect();
    let mut rules: Vec<&str> = status_audit::rules::Rule::ALL.iter().map(|rule| rule.name()).collect();
    rules.sort_unstable();
    assert_eq!(levels, rules, "every rule has a level in the schema");

    let accepted = "approved = [200, 404]\nextend-approved = [418]\nretry-after-on-503 = true\nexclude = [\"src/generated\"]\n\n[levels]\nstale-allow = \"deny\"\nmissing-retry-after = \"allow\"\n\n[[overrides]]\npaths = [\"crates/legacy/**\"]\nextend-approved = [301]\n";
    let rejected = [
        "aproved = [200]\n",
        "approved = [1000]\n",
        "[levels]\nstale-allow = \"forbid\"\n",
        "[[overrides]]\napproved = [200]\n",
        "retry-after-on-503 = \"yes\"\n",
        "exclude = \"src/generated\"\n",
    ];
    let workspace = Workspace::new(&[("Cargo.toml", &manifest("svc", "axum = \"0.8\"")), ("src/lib.rs", AXUM_HANDLER)]);
    for (text, valid) in std::iter::once((accepted, true)).chain(rejected.iter().map(|text| (*text, false))) {
        let value: serde_json::Value = serde_json::to_value(text.parse::<toml::Table>().unwrap()).unwrap();
        assert_eq!(validator.is_valid(&value), valid, "schema on {text:?}");
        workspace.write("status-audit.toml", text);
        assert_eq!(run_in(&workspace.path(), &[]).code != 2, valid, "binary on {text:?}");
    }
}

/// `exclude` keeps files and whole directories out of the audit; its globs are checked like
/// the overrides' ones.
#[test]
fn excluded_paths_are_not_audited() {
    let workspace = Workspace::new(&[
        ("Cargo.toml", &manifest("svc", "axum = \"0.8\"")),
        ("src/lib.rs", AXUM_HANDLER),
        ("src/legacy/dump.rs", AXUM_HANDLER),
        ("src/generated.rs", AXUM_HANDLER),
        ("status-audit.toml", "exclude = [\"src/legacy\", \"src/gen*.rs\"]\n"),
    ]);
    let (report, run) = run_json(&workspace.path(), &[]);
    assert_eq!(run.code, 1);
    assert_eq!(findings_of(&report, "unapproved-status"), [("src/lib.rs".to_string(), 3, Some(418))]);
    assert_eq!(report["summary"]["files_scanned"], 1);

    workspace.write("status-audit.toml", "\n\nexclude = [\"src/[legacy\"]\n");
    let run = run_in(&workspace.path(), &[]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("status-audit.toml:3:"), "{}", run.stderr);
}
