//! Which packages and files belong to an audit, as cargo would see the workspace.

use crate::support::{findings_of, manifest, run_in, run_json, Workspace, AXUM_HANDLER};

fn paths(report: &serde_json::Value) -> Vec<String> {
    findings_of(report, "unapproved-status").into_iter().map(|(path, _, _)| path).collect()
}

#[test]
fn a_member_glob_star_stays_within_one_directory() {
    let workspace = Workspace::new(&[
        ("Cargo.toml", "[workspace]\nmembers = [\"crates/*\"]\n"),
        ("crates/a/Cargo.toml", &manifest("a", "axum = \"0.8\"")),
        ("crates/a/src/lib.rs", AXUM_HANDLER),
        ("crates/a/fixtures/b/Cargo.toml", &manifest("b", "axum = \"0.8\"")),
        ("crates/a/fixtures/b/src/lib.rs", AXUM_HANDLER),
    ]);
    let (report, _) = run_json(&workspace.path(), &[]);
    assert_eq!(paths(&report), ["crates/a/src/lib.rs"]);
    assert_eq!(report["summary"]["packages"], 1);
}

#[test]
fn path_dependencies_of_members_are_members_transitively() {
    let workspace = Workspace::new(&[
        ("Cargo.toml", "[workspace]\nmembers = [\"app\"]\n"),
        ("app/Cargo.toml", &manifest("app", "lib1 = { path = \"../lib1\" }")),
        ("app/src/lib.rs", ""),
        ("lib1/Cargo.toml", &manifest("lib1", "lib2 = { path = \"../lib2\" }")),
        ("lib1/src/lib.rs", ""),
        ("lib2/Cargo.toml", &manifest("lib2", "http = \"1\"")),
        ("lib2/src/lib.rs", "pub fn f() -> http::StatusCode { http::StatusCode::IM_A_TEAPOT }\n"),
    ]);
    let (report, _) = run_json(&workspace.path(), &[]);
    assert_eq!(paths(&report), ["lib2/src/lib.rs"]);
}

#[test]
fn path_dependencies_inherited_from_the_workspace_are_members() {
    let workspace = Workspace::new(&[
        (
            "Cargo.toml",
            "[workspace]\nmembers = [\"app\"]\n\n[workspace.dependencies]\nlib1 = { path = \"crates/lib1\" }\n",
        ),
        ("app/Cargo.toml", &manifest("app", "lib1.workspace = true")),
        ("app/src/lib.rs", ""),
        ("crates/lib1/Cargo.toml", &manifest("lib1", "http = \"1\"")),
        ("crates/lib1/src/lib.rs", "pub fn f() -> http::StatusCode { http::StatusCode::IM_A_TEAPOT }\n"),
    ]);
    let (report, _) = run_json(&workspace.path(), &[]);
    assert_eq!(paths(&report), ["crates/lib1/src/lib.rs"]);
}

#[test]
fn the_files_of_a_broken_manifest_are_not_another_packages() {
    let workspace = Workspace::new(&[
        ("Cargo.toml", &format!("{}\n[workspace]\nmembers = [\"crates/b\"]\n", manifest("root", "axum = \"0.8\""))),
        ("src/lib.rs", ""),
        ("crates/b/Cargo.toml", "[package]\nname = \"b\nversion = \"0.1.0\"\n"),
        ("crates/b/src/lib.rs", AXUM_HANDLER),
    ]);
    let (report, run) = run_json(&workspace.path(), &[]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(paths(&report), Vec::<String>::new());
    assert_eq!(findings_of(&report, "parse-error").len(), 1);
}

#[test]
fn each_file_belongs_to_the_nearest_package_above_it_at_any_depth() {
    // Each package's files are walked when its batch comes, and its batch is planned by how many
    // files it owns. `Aaa` sorts before `Cargo.toml`; `deep/er/inner` lies below the levels
    // walked one directory at a time; `inner`'s only file is in `Aaa`; `tool` is not a web
    // package, so its files are no one's.
    let workspace = Workspace::new(&[
        (
            "Cargo.toml",
            &format!("{}\n[workspace]\nmembers = [\"deep/er/inner\"]\n", manifest("root", "axum = \"0.8\"")),
        ),
        ("Aaa/lib.rs", AXUM_HANDLER),
        ("src/lib.rs", AXUM_HANDLER),
        (
            "deep/er/inner/Cargo.toml",
            &format!("{}\n[lib]\npath = \"Aaa/lib.rs\"\n", manifest("inner", "axum = \"0.8\"")),
        ),
        ("deep/er/inner/Aaa/lib.rs", AXUM_HANDLER),
        ("deep/er/inner/Aaa/tool/Cargo.toml", &manifest("tool", "")),
        ("deep/er/inner/Aaa/tool/src/lib.rs", AXUM_HANDLER),
        ("deep/er/inner/Aaa/tool/src/Bbb/more.rs", AXUM_HANDLER),
        ("deep/er/lost.rs", AXUM_HANDLER),
    ]);
    let (report, run) = run_json(&workspace.path(), &[]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert_eq!(paths(&report), ["Aaa/lib.rs", "deep/er/inner/Aaa/lib.rs", "deep/er/lost.rs", "src/lib.rs"]);
    assert_eq!(report["summary"]["packages"], 2);
    assert_eq!(report["summary"]["files_scanned"], 4);
}

#[test]
fn a_directory_or_file_inside_a_workspace_keeps_its_config() {
    let workspace = Workspace::new(&[
        (
            "Cargo.toml",
            "[workspace]\nmembers = [\"crates/*\"]\n\n[workspace.dependencies]\nweb = { package = \"actix-web\", version = \"4\" }\n\n[workspace.metadata.status-audit]\nextend-approved = [423]\n",
        ),
        ("status-audit.toml", "extend-approved = [451]\n"),
        ("crates/api/Cargo.toml", &manifest("api", "web.workspace = true")),
        (
            "crates/api/src/lib.rs",
            "pub fn a() -> web::HttpResponse { web::HttpResponse::Locked().finish() }\n\
             pub fn b() -> web::HttpResponse { web::HttpResponse::UnavailableForLegalReasons().finish() }\n\
             pub fn c() -> web::HttpResponse { web::HttpResponse::ImATeapot().finish() }\n",
        ),
        ("crates/other/Cargo.toml", &manifest("other", "axum = \"0.8\"")),
        ("crates/other/src/lib.rs", AXUM_HANDLER),
    ]);
    let root = workspace.path().canonicalize().unwrap();
    for target in [root.join("crates"), root.join("crates/api/src"), root.join("crates/api/src/lib.rs")] {
        let (report, run) = run_json(&workspace.path(), &[target.to_str().unwrap()]);
        assert_eq!(run.code, 1, "{}", run.stderr);
        let expected = if target.ends_with("crates") {
            vec![
                ("crates/api/src/lib.rs".to_string(), 3, Some(418)),
                ("crates/other/src/lib.rs".to_string(), 3, Some(418)),
            ]
        } else {
            vec![("crates/api/src/lib.rs".to_string(), 3, Some(418))]
        };
        assert_eq!(findings_of(&report, "unapproved-status"), expected, "for {}", target.display());
        assert_eq!(report["root"].as_str().unwrap(), root.to_str().unwrap());
    }
}

#[test]
fn override_globs_are_relative_to_the_config_file_wherever_the_run_starts() {
    let workspace = Workspace::new(&[
        ("Cargo.toml", &manifest("svc", "axum = \"0.8\"")),
        ("src/lib.rs", AXUM_HANDLER),
        ("policy/audit.toml", "[[overrides]]\npaths = [\"../src/**\"]\nextend-approved = [418]\n"),
    ]);
    let (report, _) = run_json(&workspace.path(), &["--config", "policy/audit.toml"]);
    assert_eq!(paths(&report), Vec::<String>::new());
}

#[test]
fn a_source_module_named_target_is_audited_and_build_output_is_not() {
    let workspace = Workspace::new(&[
        ("Cargo.toml", &manifest("svc", "axum = \"0.8\"")),
        ("src/lib.rs", "mod target;\n"),
        ("src/target/mod.rs", AXUM_HANDLER),
        ("target/debug/build/out.rs", AXUM_HANDLER),
        ("other-target/CACHEDIR.TAG", "Signature: 8a477f597d28d172789f06886806bc55"),
    ]);
    workspace.write("build-dir/target/CACHEDIR.TAG", "Signature: 8a477f597d28d172789f06886806bc55");
    workspace.write("build-dir/target/release/gen.rs", AXUM_HANDLER);
    let (report, _) = run_json(&workspace.path(), &[]);
    assert_eq!(paths(&report), ["src/target/mod.rs"]);
}

#[test]
fn files_of_out_of_line_test_modules_are_test_code() {
    let workspace = Workspace::new(&[
        ("Cargo.toml", &manifest("svc", "axum = \"0.8\"")),
        ("src/lib.rs", "pub mod api;\n#[cfg(test)]\nmod tests;\n"),
        ("src/tests.rs", &format!("mod helpers;\n{AXUM_HANDLER}")),
        ("src/tests/helpers.rs", AXUM_HANDLER),
        ("src/api.rs", "#[cfg(test)]\n#[path = \"api_fixtures.rs\"]\nmod fixtures;\nmod routes;\n"),
        ("src/api_fixtures.rs", AXUM_HANDLER),
        ("src/api/routes.rs", AXUM_HANDLER),
    ]);
    let (report, _) = run_json(&workspace.path(), &[]);
    assert_eq!(paths(&report), ["src/api/routes.rs"]);
    let (report, _) = run_json(&workspace.path(), &["--include-tests"]);
    // Paths sort by component: `src/tests/…` before `src/tests.rs`.
    assert_eq!(paths(&report), ["src/api/routes.rs", "src/api_fixtures.rs", "src/tests/helpers.rs", "src/tests.rs"]);
}

/// `[[test]]` and `[[bench]]` targets with a `path` of their own are test code, with the modules
/// below their root file.
#[test]
fn test_targets_declared_in_the_manifest_are_test_code() {
    let manifest = format!(
        "{}\n[[test]]\nname = \"api\"\npath = \"src/tests/mod.rs\"\n\n[[bench]]\nname = \"load\"\npath = \"perf/load.rs\"\n",
        manifest("svc", "axum = \"0.8\"")
    );
    let workspace = Workspace::new(&[
        ("Cargo.toml", &manifest),
        ("src/lib.rs", AXUM_HANDLER),
        ("src/tests/mod.rs", "mod helpers;\n"),
        ("src/tests/helpers.rs", AXUM_HANDLER),
        ("perf/load.rs", AXUM_HANDLER),
    ]);
    let paths = |args: &[&str]| -> Vec<String> {
        let (report, _) = run_json(&workspace.path(), args);
        findings_of(&report, "unapproved-status").into_iter().map(|(path, _, _)| path).collect()
    };
    assert_eq!(paths(&[]), ["src/lib.rs"]);
    assert_eq!(paths(&["--include-tests"]), ["perf/load.rs", "src/lib.rs", "src/tests/helpers.rs"]);
}

/// Web packages below the root that the workspace leaves out (excluded, or a nested workspace)
/// are not audited, as cargo would not build them, and the human report names them.
#[test]
fn packages_outside_the_workspace_are_named() {
    let workspace = Workspace::new(&[
        ("Cargo.toml", "[workspace]\nmembers = [\"crates/*\"]\nexclude = [\"crates/tester\"]\n"),
        ("crates/api/Cargo.toml", &manifest("api", "axum = \"0.8\"")),
        ("crates/api/src/lib.rs", AXUM_HANDLER),
        ("crates/tester/Cargo.toml", &manifest("tester", "axum = \"0.8\"")),
        ("crates/tester/src/lib.rs", AXUM_HANDLER),
        ("crates/plain/Cargo.toml", &manifest("plain", "")),
        ("crates/plain/src/lib.rs", ""),
        ("examples/Cargo.toml", "[workspace]\nmembers = [\"demo\"]\n"),
        ("examples/demo/Cargo.toml", &manifest("demo", "axum = \"0.8\"")),
        ("examples/demo/src/main.rs", AXUM_HANDLER),
    ]);
    let (report, _) = run_json(&workspace.path(), &[]);
    assert_eq!(paths(&report), ["crates/api/src/lib.rs"]);
    let run = crate::support::run_in(&workspace.path(), &["--color", "never"]);
    assert!(
        run.stdout.contains("note: not audited, outside this workspace: `crates/tester`, `examples`;"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.lines().last().unwrap().starts_with("audited 1 package"), "{}", run.stdout);
}

/// What cargo refuses is refused with exit code 2 and the manifest named: a manifest that is
/// neither a package nor a workspace, a member listed that does not exist, and a
/// `--manifest-path` that names no `Cargo.toml`.
#[test]
fn manifests_cargo_refuses_stop_the_run() {
    let workspace = Workspace::new(&[
        ("neither/Cargo.toml", "[dependencies]\naxum = \"0.8\"\n"),
        ("neither/src/lib.rs", AXUM_HANDLER),
        ("missing/Cargo.toml", "[workspace]\nmembers = [\"api\", \"gone\", \"crates/*\"]\n"),
        ("missing/api/Cargo.toml", &manifest("api", "axum = \"0.8\"")),
        ("missing/api/src/lib.rs", AXUM_HANDLER),
    ]);
    let root = workspace.path();
    let refused = |args: &[&str], manifest: &str, words: &str| {
        let run = crate::support::run_in(&root, args);
        assert_eq!(run.code, 2, "{args:?}: {run:?}");
        assert!(run.stdout.is_empty(), "{run:?}");
        assert!(run.stderr.contains(manifest) && run.stderr.contains(words), "{args:?}: {}", run.stderr);
    };
    refused(&["neither"], "neither/Cargo.toml", "neither [package] nor [workspace]");
    refused(&["missing"], "missing/Cargo.toml", "workspace member `gone` has no Cargo.toml");
    refused(&["--manifest-path", "missing/api"], "missing/api", "must be a path to a Cargo.toml file");
    refused(&["--manifest-path", "missing/api/src/lib.rs"], "lib.rs", "must be a path to a Cargo.toml file");
    // The member itself is audited: its own manifest is sound.
    let (report, run) = run_json(&root, &["--manifest-path", "missing/api/Cargo.toml"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_eq!(findings_of(&report, "unapproved-status").len(), 1);
}

#[test]
fn a_package_on_a_framework_the_audit_does_not_read_is_named_never_passed_in_silence() {
    let workspace = Workspace::new(&[
        ("Cargo.toml", "[workspace]\nmembers = [\"*\"]\n"),
        ("chat/Cargo.toml", &manifest("chat", "tide = \"0.16\"")),
        ("chat/src/main.rs", "fn main() { let _ = tide::Response::new(418); }\n"),
        ("next/Cargo.toml", &manifest("next", "axum = { version = \"0.9\" }")),
        ("next/src/lib.rs", AXUM_HANDLER),
        ("quiet/Cargo.toml", &manifest("quiet", "rocket = \"0.5\"")),
        ("quiet/src/lib.rs", "pub fn nothing() {}\n"),
        ("api/Cargo.toml", &manifest("api", "axum = \"0.8\"")),
        ("api/src/lib.rs", AXUM_HANDLER),
    ]);
    let (report, _) = run_json(&workspace.path(), &[]);
    let summary = &report["summary"];
    assert_eq!(
        summary["unsupported_frameworks"],
        serde_json::json!([{ "package": "chat", "framework": "tide" }, { "package": "next", "framework": "axum 0.9" }])
    );
    assert_eq!(summary["without_statuses"], serde_json::json!(["quiet"]));
    let run = run_in(&workspace.path(), &["--color", "never"]);
    assert!(run.stdout.contains("note: `chat` depends on tide, which the audit does not read"), "{}", run.stdout);
    assert!(run.stdout.contains("note: no status use found in `quiet`, which depends"), "{}", run.stdout);
}

/// A name left open that leads to no status (`Hr::made()` through a re-export) is not a status
/// use: the package is named as without any, whether its files are parsed or passed over.
#[test]
fn a_package_without_statuses_is_named_alike_by_default_and_with_parse_all() {
    let workspace = Workspace::new(&[
        ("Cargo.toml", &manifest("quiet", "axum = \"0.8\"")),
        ("src/lib.rs", "pub mod defs;\npub use defs::Hr;\n\npub fn answer() -> u32 {\n    Hr::made()\n}\n"),
        ("src/defs.rs", "pub struct Hr;\nimpl Hr {\n    pub fn made() -> u32 { 3 }\n}\n"),
    ]);
    for args in [&[][..], &["--parse-all"]] {
        let (report, run) = run_json(&workspace.path(), args);
        assert_eq!(report["summary"]["without_statuses"], serde_json::json!(["quiet"]), "{args:?}: {run:?}");
    }
}
