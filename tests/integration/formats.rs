//! The CI formats: SARIF (checked against the official 2.1.0 schema, shipped in tests/data),
//! GitHub workflow commands and step summary, GitLab Code Quality, and `--output`.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{manifest, run_in, Run, Workspace, AXUM_HANDLER, BINARY};

fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("test-crates")
}

fn json_of(run: &Run) -> serde_json::Value {
    serde_json::from_str(&run.stdout).unwrap_or_else(|error| panic!("not JSON ({error}): {run:?}"))
}

/// The official SARIF 2.1.0 schema, shipped in tests/data, ready to validate.
pub fn sarif_validator() -> jsonschema::Validator {
    let schema_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/sarif-schema-2.1.0.json");
    let mut schema: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(schema_path).unwrap()).unwrap();
    // The published schema's `language` patterns have a stray `]`, which the validator's strict
    // check of `format: regex` rejects; they are escaped here, and the shipped file stays the
    // official one.
    let escaped = escape_language_patterns(&mut schema);
    assert_eq!(escaped, 2, "the schema's defect moved; look again");
    // This copy keeps the log's own schema under `definitions.Root`, with nothing at the top: on
    // its own it accepts any document. Validation starts from that definition.
    assert!(schema.get("properties").is_none() && schema["definitions"]["Root"].is_object());
    schema["$ref"] = serde_json::Value::from("#/definitions/Root");
    jsonschema::validator_for(&schema).expect("the SARIF schema compiles")
}

#[test]
fn sarif_validates_against_the_official_schema() {
    let validator = sarif_validator();
    let run = run_in(&samples(), &["--format", "sarif"]);
    assert_eq!(run.code, 1);
    let sarif = json_of(&run);
    let errors: Vec<String> =
        validator.iter_errors(&sarif).map(|error| format!("{error} at {}", error.instance_path())).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // The check can fail: a bare string where SARIF wants a message object is rejected.
    let mut broken = sarif.clone();
    broken["runs"][0]["results"][0]["message"] = serde_json::Value::from("a bare string");
    assert!(!validator.is_valid(&broken));

    let sarif_run = &sarif["runs"][0];
    let results = sarif_run["results"].as_array().unwrap();
    let json = json_of(&run_in(&samples(), &["--format", "json"]));
    // SARIF also carries the findings that inline allows suppress, marked as such.
    let suppressed = json["summary"]["suppressed"].as_u64().unwrap() as usize;
    assert_eq!(results.len(), json["findings"].as_array().unwrap().len() + suppressed);
    let marked = results.iter().filter(|result| result["suppressions"][0]["kind"] == "inSource").count();
    assert_eq!(marked, suppressed);
    let rules: Vec<&str> = sarif_run["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|rule| rule["id"].as_str().unwrap())
        .collect();
    let defined: Vec<&str> = status_audit::rules::Rule::ALL.iter().map(|rule| rule.name()).collect();
    assert_eq!(rules, defined);
    let unsuppressed = results.iter().filter(|result| result.get("suppressions").is_none());
    for (result, finding) in unsuppressed.zip(json["findings"].as_array().unwrap()) {
        let location = &result["locations"][0]["physicalLocation"];
        assert_eq!(location["artifactLocation"]["uri"], finding["path"]);
        assert_eq!(location["artifactLocation"]["uriBaseId"], "ROOT");
        assert_eq!(location["region"]["startLine"], finding["line"]);
        assert_eq!(location["region"]["startColumn"], finding["column"]);
        assert_eq!(result["ruleId"], finding["rule"]);
        // Rules carry the help text that code scanning shows.
        let rule = &sarif_run["tool"]["driver"]["rules"][result["ruleIndex"].as_u64().unwrap() as usize];
        assert_eq!(rule["id"], result["ruleId"]);
        assert!(rule["help"]["markdown"].as_str().unwrap().contains(result["ruleId"].as_str().unwrap()));
    }
    let fingerprints: std::collections::HashSet<&str> =
        results.iter().map(|result| result["partialFingerprints"]["statusAudit/v1"].as_str().unwrap()).collect();
    assert_eq!(fingerprints.len(), results.len(), "fingerprints are unique");
}

/// In CI, code scanning resolves SARIF paths against the repository's root: a directory audited
/// below it still gives paths from the root.
#[test]
fn sarif_paths_start_at_the_ci_checkout() {
    let workspace = Workspace::new(&[
        ("services/api/Cargo.toml", &manifest("api", "axum = \"0.8\"")),
        ("services/api/src/lib.rs", AXUM_HANDLER),
    ]);
    let sarif_in = |checkout: Option<&Path>| {
        let mut command = Command::new(BINARY);
        command
            .current_dir(workspace.path())
            .args(["services/api", "--format", "sarif"])
            .env_remove("GITHUB_WORKSPACE");
        if let Some(checkout) = checkout {
            command.env("GITHUB_WORKSPACE", checkout);
        }
        let run: Run = command.output().unwrap().into();
        assert_eq!(run.code, 1, "{run:?}");
        json_of(&run)
    };
    let uri = |sarif: &serde_json::Value| {
        sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].clone()
    };
    let root = std::fs::canonicalize(workspace.path()).unwrap();
    let in_ci = sarif_in(Some(&root));
    assert_eq!(uri(&in_ci), "services/api/src/lib.rs");
    assert_eq!(in_ci["runs"][0]["originalUriBaseIds"]["ROOT"]["uri"], format!("file://{}/", root.display()));
    assert!(sarif_validator().is_valid(&in_ci));
    assert_eq!(uri(&sarif_in(None)), "src/lib.rs", "outside CI, paths start at the audited directory");
    let rule = &in_ci["runs"][0]["tool"]["driver"]["rules"][0];
    assert_eq!((rule["id"].as_str(), rule["name"].as_str()), (Some("unapproved-status"), Some("UnapprovedStatus")));
}

fn escape_language_patterns(value: &mut serde_json::Value) -> usize {
    const DEFECT: &str = "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$";
    match value {
        serde_json::Value::Object(object) => {
            let mut count = 0;
            for (key, child) in object.iter_mut() {
                if key == "pattern" && child == DEFECT {
                    *child = serde_json::Value::from(DEFECT.replace("}]?", "}\\]?"));
                    count += 1;
                } else {
                    count += escape_language_patterns(child);
                }
            }
            count
        }
        serde_json::Value::Array(items) => items.iter_mut().map(escape_language_patterns).sum(),
        _ => 0,
    }
}

/// Fingerprints of each finding, keyed by status.
fn fingerprints(dir: &Path) -> Vec<(u64, String)> {
    let sarif = json_of(&run_in(dir, &["--format", "sarif"]));
    let mut pairs: Vec<(u64, String)> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|result| {
            let status: u64 = result["message"]["text"].as_str().unwrap()[7..10].parse().unwrap();
            (status, result["partialFingerprints"]["statusAudit/v1"].as_str().unwrap().to_string())
        })
        .collect();
    pairs.sort();
    pairs
}

#[test]
fn fingerprints_survive_unrelated_edits_and_moves() {
    let source = "use axum::http::StatusCode;\n\
                  pub fn brew() -> StatusCode { StatusCode::IM_A_TEAPOT }\n\
                  pub fn lock() -> StatusCode { StatusCode::LOCKED }\n";
    let workspace = Workspace::new(&[("Cargo.toml", &manifest("svc", "axum = \"0.8\"")), ("src/lib.rs", source)]);
    let before = fingerprints(&workspace.path());
    let moved = "use axum::http::StatusCode;\n\n// A comment that moves everything down.\n\
                 pub fn lock() -> StatusCode { StatusCode::LOCKED }\n\n\
                 pub fn unrelated() -> u32 { 7 }\n\
                 pub fn brew() -> StatusCode {\n    StatusCode::IM_A_TEAPOT\n}\n";
    workspace.write("src/lib.rs", moved);
    assert_eq!(fingerprints(&workspace.path()), before);
    workspace.write("src/lib.rs", &moved.replace("IM_A_TEAPOT", "MISDIRECTED_REQUEST"));
    let changed = fingerprints(&workspace.path());
    let of = |pairs: &[(u64, String)], status: u64| {
        pairs.iter().find(|(found, _)| *found == status).map(|(_, print)| print.clone())
    };
    assert_eq!(of(&changed, 423), of(&before, 423), "the 423 is untouched");
    assert_ne!(of(&changed, 421), of(&before, 418), "a different status is a different finding");
}

#[test]
fn github_annotations_and_step_summary() {
    let workspace = Workspace::new(&[
        ("Cargo.toml", &manifest("svc", "axum = \"0.8\"")),
        ("src/lib.rs", AXUM_HANDLER),
        (
            "src/broken.rs",
            "fn broken() -> http::StatusCode { let = ; }\nfn status() -> http::StatusCode { http::StatusCode::OK }\n",
        ),
    ]);
    let summary = workspace.path().join("summary.md");
    std::fs::write(&summary, "earlier step\n").unwrap();
    let run: Run = Command::new(BINARY)
        .current_dir(workspace.path())
        .args(["--format", "github"])
        .env("GITHUB_STEP_SUMMARY", &summary)
        .env("GITHUB_WORKSPACE", workspace.path().parent().unwrap())
        .output()
        .unwrap()
        .into();
    assert_eq!(run.code, 1);
    let lines: Vec<&str> = run.stdout.lines().collect();
    let directory = workspace.path().file_name().unwrap().to_string_lossy().into_owned();
    assert_eq!(lines.len(), 2, "{}", run.stdout);
    assert!(lines[0].starts_with(&format!("::warning file={directory}/src/broken.rs,line=1,")), "{}", lines[0]);
    assert_eq!(
        lines[1],
        format!(
            "::error file={directory}/src/lib.rs,line=3,endLine=3,col=5,endColumn=28,title=unapproved-status (error)::status 418 I'm a teapot is not approved"
        )
    );
    let markdown = std::fs::read_to_string(&summary).unwrap();
    assert!(markdown.starts_with("earlier step\n### cargo status-audit\n"), "{markdown}");
    assert!(
        markdown.contains(&format!(
            "| error | `unapproved-status` | `{directory}/src/lib.rs:3:5` | status 418 I'm a teapot is not approved |"
        )),
        "{markdown}"
    );
}

#[test]
fn gitlab_code_quality() {
    let run = run_in(&samples(), &["--format", "gitlab"]);
    assert_eq!(run.code, 1);
    let report = json_of(&run);
    let entries = report.as_array().unwrap();
    let json = json_of(&run_in(&samples(), &["--format", "json"]));
    assert_eq!(entries.len(), json["findings"].as_array().unwrap().len());
    let mut fingerprints = std::collections::HashSet::new();
    for (entry, finding) in entries.iter().zip(json["findings"].as_array().unwrap()) {
        assert!(fingerprints.insert(entry["fingerprint"].as_str().unwrap().to_string()), "duplicate fingerprint");
        assert_eq!(entry["check_name"], finding["rule"]);
        assert_eq!(entry["severity"], if finding["severity"] == "error" { "major" } else { "minor" });
        assert_eq!(entry["location"]["path"], finding["path"]);
        assert_eq!(entry["location"]["lines"]["begin"], finding["line"]);
        assert_eq!(entry["description"], finding["message"]);
    }
}

#[test]
fn output_writes_the_report_to_a_file() {
    let workspace = Workspace::new(&[("Cargo.toml", &manifest("svc", "axum = \"0.8\"")), ("src/lib.rs", AXUM_HANDLER)]);
    let report = tempfile::tempdir().unwrap();
    let path = report.path().join("report.sarif");
    std::fs::write(&path, "an older report").unwrap();
    let run = run_in(&workspace.path(), &["--format", "sarif", "--output", path.to_str().unwrap()]);
    assert_eq!(run.code, 1, "the exit code does not change");
    assert!(run.stdout.is_empty());
    let written: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(written["version"], "2.1.0");
    let leftovers: Vec<_> =
        std::fs::read_dir(report.path()).unwrap().filter_map(Result::ok).map(|entry| entry.file_name()).collect();
    assert_eq!(leftovers, [std::ffi::OsString::from("report.sarif")], "no temporary file is left behind");
    let unwritable = run_in(&workspace.path(), &["--output", "/nonexistent-directory/report.txt"]);
    assert_eq!(unwritable.code, 2);
    let named = "could not write the report: /nonexistent-directory/report.txt: ";
    assert!(unwritable.stderr.contains(named), "{}", unwritable.stderr);
}

#[cfg(unix)]
#[test]
fn output_keeps_a_files_permissions_and_refuses_a_read_only_one() {
    use std::os::unix::fs::PermissionsExt;
    let workspace = Workspace::new(&[("Cargo.toml", &manifest("svc", "axum = \"0.8\"")), ("src/lib.rs", AXUM_HANDLER)]);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.txt");
    let mode = |path: &std::path::Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
    std::fs::write(&path, "an older report").unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    let run = run_in(&workspace.path(), &["--output", path.to_str().unwrap(), "--color", "never"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(std::fs::read_to_string(&path).unwrap().contains("418"));
    assert_eq!(mode(&path), 0o640, "the report keeps the file's permissions");
    // A read-only file is refused, even for root, and left as it was.
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let refused = run_in(&workspace.path(), &["--output", path.to_str().unwrap()]);
    assert_eq!(refused.code, 2, "{refused:?}");
    assert!(refused.stderr.contains(&format!("{}: the file is read-only", path.display())), "{}", refused.stderr);
    assert!(std::fs::read_to_string(&path).unwrap().contains("418"));
    assert_eq!(mode(&path), 0o444);
}

#[cfg(unix)]
#[test]
fn output_into_a_pipe_writes_through_it_and_leaves_it_a_pipe() {
    use std::os::unix::fs::FileTypeExt;
    let workspace = Workspace::new(&[("Cargo.toml", &manifest("svc", "axum = \"0.8\"")), ("src/lib.rs", AXUM_HANDLER)]);
    let dir = tempfile::tempdir().unwrap();
    let pipe = dir.path().join("report.pipe");
    assert!(std::process::Command::new("mkfifo").arg(&pipe).status().unwrap().success());
    // Opening a pipe blocks until the other end opens: the reader waits on its own thread.
    let reader = {
        let pipe = pipe.clone();
        std::thread::spawn(move || std::fs::read_to_string(pipe).unwrap())
    };
    let run = run_in(&workspace.path(), &["--format", "sarif", "--output", pipe.to_str().unwrap()]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(std::fs::metadata(&pipe).unwrap().file_type().is_fifo(), "the pipe was replaced by a file");
    let written: serde_json::Value = serde_json::from_str(&reader.join().unwrap()).unwrap();
    assert_eq!(written["version"], "2.1.0");
}

/// rust-analyzer reads `check.overrideCommand` output with cargo_metadata's message types; the
/// test reads it the same way.
#[test]
fn message_format_json_reads_as_cargo_diagnostics() {
    let run = run_in(&samples(), &["--message-format", "json"]);
    assert_eq!(run.code, 1);
    let json = json_of(&run_in(&samples(), &["--format", "json"]));
    let findings = json["findings"].as_array().unwrap();
    let mut messages = Vec::new();
    let mut finished = None;
    for message in cargo_metadata::Message::parse_stream(run.stdout.as_bytes()) {
        match message.expect("a cargo message") {
            cargo_metadata::Message::CompilerMessage(compiler) => messages.push(compiler.message),
            cargo_metadata::Message::BuildFinished(build) => finished = Some(build.success),
            other => panic!("unexpected message {other:?}"),
        }
    }
    assert_eq!(finished, Some(false));
    assert_eq!(messages.len(), findings.len());
    for (message, finding) in messages.iter().zip(findings) {
        assert_eq!(message.code.as_ref().unwrap().code, finding["rule"].as_str().unwrap());
        let level = match finding["severity"].as_str() {
            Some("error") => cargo_metadata::diagnostic::DiagnosticLevel::Error,
            _ => cargo_metadata::diagnostic::DiagnosticLevel::Warning,
        };
        assert_eq!(message.level, level);
        let span = &message.spans[0];
        assert!(span.is_primary);
        assert_eq!(
            Path::new(&span.file_name),
            samples().canonicalize().unwrap().join(finding["path"].as_str().unwrap())
        );
        assert_eq!(span.line_start as u64, finding["line"].as_u64().unwrap());
        assert_eq!(span.column_start as u64, finding["column"].as_u64().unwrap());
        assert_eq!(span.column_end as u64, finding["end_column"].as_u64().unwrap());
        // As rustc's: the whole diagnostic rendered with its snippet, and the lines a span covers.
        let rendered = message.rendered.as_deref().expect("rendered");
        let location = format!("{}:{}:{}", finding["path"].as_str().unwrap(), finding["line"], finding["column"]);
        assert!(rendered.starts_with(&format!(
            "{}[{}]: ",
            finding["severity"].as_str().unwrap(),
            finding["rule"].as_str().unwrap()
        )));
        assert!(
            rendered.contains(&location) && rendered.contains(&format!("^ {}", span.label.as_deref().unwrap())),
            "{rendered}"
        );
        let first = span.text.first().expect("the span's lines");
        assert_eq!(span.text.len(), span.line_end - span.line_start + 1);
        assert_eq!(first.highlight_start, span.column_start);
        let highlighted: String = first
            .text
            .chars()
            .skip(first.highlight_start - 1)
            .take(first.highlight_end - first.highlight_start)
            .collect();
        assert!(rendered.contains(&format!("{}\n", first.text)) && !highlighted.is_empty(), "{rendered}");
    }
}

/// rust-analyzer files a diagnostic under its package and target: each message names them as
/// `cargo metadata` does.
#[test]
fn message_format_json_names_the_package_and_target_as_cargo_does() {
    let metadata = cargo_metadata::MetadataCommand::new()
        .manifest_path(samples().join("Cargo.toml"))
        .no_deps()
        .exec()
        .expect("cargo metadata of the sample crates");
    let run = run_in(&samples(), &["--message-format", "json"]);
    let mut packages_seen = std::collections::BTreeSet::new();
    for message in cargo_metadata::Message::parse_stream(run.stdout.as_bytes()) {
        let cargo_metadata::Message::CompilerMessage(compiler) = message.expect("a cargo message") else { continue };
        let package = metadata
            .packages
            .iter()
            .find(|package| package.id == compiler.package_id)
            .unwrap_or_else(|| panic!("{} is not a package of cargo metadata", compiler.package_id));
        let file = Path::new(&compiler.message.spans[0].file_name);
        assert!(file.starts_with(package.manifest_path.parent().unwrap()), "{file:?} is not in {}", package.name);
        assert!(
            package.targets.contains(&compiler.target),
            "{:?} is not a target of {}: {:?}",
            compiler.target,
            package.name,
            package.targets
        );
        packages_seen.insert(package.name.clone());
    }
    assert!(packages_seen.len() > 1, "findings in one package only: {packages_seen:?}");
}
