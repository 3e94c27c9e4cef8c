//! `cargo status-audit check -- <command>`: the command's stdout lines are passed on unchanged
//! as they come, the audit's diagnostics follow, and one `build-finished` line ends the whole.
//! The stand-in commands are POSIX `sh` scripts that print cargo-like lines and exit with a
//! chosen code; one test runs a real `cargo check`.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

use cargo_metadata::Message;
use serde_json::json;

use crate::support::{manifest, run_in, Run, Workspace, AXUM_HANDLER, BINARY};

/// A workspace whose one package answers with 418, not approved.
fn teapot() -> Workspace {
    Workspace::new(&[("Cargo.toml", &manifest("svc", "axum = \"0.8\"")), ("src/lib.rs", AXUM_HANDLER)])
}

/// A clippy warning as cargo writes it, in a package of `dir`.
fn clippy_line(dir: &Path) -> String {
    let source = dir.join("src/lib.rs").to_string_lossy().into_owned();
    let span = json!({
        "file_name": source, "byte_start": 0, "byte_end": 3, "line_start": 1, "line_end": 1,
        "column_start": 1, "column_end": 4, "is_primary": true, "text": [], "label": null,
        "suggested_replacement": null, "suggestion_applicability": null, "expansion": null,
    });
    json!({
        "reason": "compiler-message",
        "package_id": format!("path+file://{}#svc@0.1.0", dir.display()),
        "manifest_path": dir.join("Cargo.toml"),
        "target": { "kind": ["lib"], "crate_types": ["lib"], "name": "svc", "src_path": source,
                    "edition": "2021", "doc": true, "doctest": true, "test": true },
        "message": { "message": "this looks like a stand-in", "code": { "code": "clippy::stand_in", "explanation": null },
                     "level": "warning", "spans": [span], "children": [], "rendered": "warning: stand-in\n" },
    })
    .to_string()
}

fn build_finished(success: bool) -> String {
    json!({ "reason": "build-finished", "success": success }).to_string()
}

/// Runs `check` with `before` as the audit's arguments and a child that prints `lines` to stdout,
/// `note` to stderr, and exits with `code`.
fn check(dir: &Path, before: &[&str], lines: &[String], code: i32) -> Run {
    let script = format!("printf '%s\\n' \"$@\"; echo 'a note on stderr' >&2; exit {code}");
    let mut args = vec!["status-audit", "check"];
    args.extend_from_slice(before);
    args.extend(["--", "sh", "-c", &script, "sh"]);
    args.extend(lines.iter().map(String::as_str));
    run_in(dir, &args)
}

/// The output as cargo_metadata's parser reads it, as rust-analyzer does: every line a message,
/// none a line of text.
fn messages(run: &Run) -> Vec<Message> {
    let messages: Vec<Message> = Message::parse_stream(run.stdout.as_bytes())
        .map(|message| message.unwrap_or_else(|error| panic!("not a cargo message ({error}): {run:?}")))
        .collect();
    assert!(!messages.iter().any(|message| matches!(message, Message::TextLine(_))), "{run:?}");
    messages
}

/// The code of each compiler message, in order, and the `success` of each build-finished.
fn summary(messages: &[Message]) -> (Vec<String>, Vec<bool>) {
    let mut codes = Vec::new();
    let mut finished = Vec::new();
    for message in messages {
        match message {
            Message::CompilerMessage(compiler) => {
                codes.push(compiler.message.code.as_ref().map_or_else(String::new, |code| code.code.clone()));
            }
            Message::BuildFinished(build) => finished.push(build.success),
            _ => {}
        }
    }
    (codes, finished)
}

#[test]
fn the_commands_lines_come_first_unchanged_then_the_audits_then_one_build_finished() {
    let workspace = teapot();
    let artifact = json!({ "reason": "build-script-executed", "package_id": "path+file:///x#svc@0.1.0",
        "linked_libs": [], "linked_paths": [], "cfgs": [], "env": [], "out_dir": "/x" })
    .to_string();
    let child_lines = [clippy_line(&workspace.path()), artifact, build_finished(true)];
    let run = check(&workspace.path(), &[], &child_lines, 0);
    assert_eq!(run.code, 1, "the audit's finding fails the check: {run:?}");
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines[..2], [child_lines[0].as_str(), child_lines[1].as_str()], "{run:?}");
    let (codes, finished) = summary(&messages(&run));
    assert_eq!(codes, ["clippy::stand_in", "unapproved-status"]);
    assert_eq!(finished, [false], "{run:?}");
    assert_eq!(lines.last(), Some(&build_finished(false).as_str()));
    let Message::CompilerMessage(finding) = &messages(&run)[2] else { panic!("{run:?}") };
    assert!(finding.message.message.contains("418"), "{:?}", finding.message);
    assert_eq!(run.stderr, "a note on stderr\n");
}

#[test]
fn the_exit_code_is_the_worse_of_the_command_and_the_audit() {
    let workspace = teapot();
    let failed = [clippy_line(&workspace.path()), build_finished(false)];
    let run = check(&workspace.path(), &[], &failed, 101);
    assert_eq!((run.code, summary(&messages(&run)).1), (101, vec![false]), "{run:?}");

    // A clean audit leaves the command's failure as it was.
    let run = check(&workspace.path(), &["--approve", "418"], &failed, 3);
    assert_eq!(run.code, 3, "{run:?}");
    assert_eq!(summary(&messages(&run)), (vec!["clippy::stand_in".to_string()], vec![false]));

    // A command that succeeded and a clean audit succeed together.
    let run = check(&workspace.path(), &["--approve", "418"], &[build_finished(true)], 0);
    assert_eq!((run.code, run.stdout.as_str()), (0, format!("{}\n", build_finished(true)).as_str()), "{run:?}");

    // A command that exits 0 yet says its build failed still fails the build, not the exit code.
    let run = check(&workspace.path(), &["--approve", "418"], &[build_finished(false)], 0);
    assert_eq!((run.code, summary(&messages(&run)).1), (0, vec![false]), "{run:?}");
}

#[test]
fn an_audit_that_cannot_run_exits_2_after_the_commands_lines() {
    let workspace = teapot();
    let child_lines = [clippy_line(&workspace.path()), build_finished(true)];
    let run = check(&workspace.path(), &["no-such-dir"], &child_lines, 0);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("no-such-dir: no such file or directory"), "{run:?}");
    assert_eq!(summary(&messages(&run)), (vec!["clippy::stand_in".to_string()], vec![false]));
}

#[test]
fn a_missing_or_unstartable_command_is_an_error_naming_it() {
    let workspace = teapot();
    let run = run_in(&workspace.path(), &["check"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("no command to run") && run.stdout.is_empty(), "{run:?}");

    let run = run_in(&workspace.path(), &["check", "--", "no-such-command-for-status-audit", "clippy"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("cannot run `no-such-command-for-status-audit`"), "{run:?}");
    assert!(!run.stderr.contains("panicked"), "{run:?}");
}

/// Each line reaches the reader while the command still runs: the stand-in waits, at most ten
/// seconds, for a file the test writes once it has read the first line.
#[test]
fn lines_are_passed_on_as_they_come() {
    let workspace = teapot();
    let script = "echo '{\"reason\":\"first\"}'; i=0; \
        while [ ! -e go ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done; \
        [ -e go ] || echo '{\"reason\":\"not-streamed\"}'";
    let mut child = Command::new(BINARY)
        .current_dir(workspace.path())
        .args(["check", "--approve", "418", "--", "sh", "-c", script])
        .stdout(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
    let mut first = String::new();
    stdout.read_line(&mut first).expect("a first line");
    std::fs::write(workspace.path().join("go"), "").expect("write the signal");
    let rest: Vec<String> = stdout.lines().map(|line| line.expect("a line")).collect();
    assert!(child.wait().expect("the binary ends").success());
    assert_eq!(first, "{\"reason\":\"first\"}\n");
    assert_eq!(rest, [build_finished(true)]);
}

/// A real `cargo check` of a crate without dependencies, beside the audited package: rustc's
/// warning and the audit's finding in one stream.
#[test]
fn a_real_cargo_check_and_the_audit_in_one_stream() {
    let workspace = Workspace::new(&[
        ("svc/Cargo.toml", &manifest("svc", "axum = \"0.8\"")),
        ("svc/src/lib.rs", AXUM_HANDLER),
        ("plain/Cargo.toml", &manifest("plain", "")),
        ("plain/src/lib.rs", "pub fn plain() {\n    let unused = 1;\n}\n"),
    ]);
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let run = run_in(
        &workspace.path(),
        &[
            "check",
            "svc",
            "--",
            &cargo,
            "check",
            "--offline",
            "--message-format=json",
            "--manifest-path=plain/Cargo.toml",
        ],
    );
    assert_eq!(run.code, 1, "{run:?}");
    let messages = messages(&run);
    let (codes, finished) = summary(&messages);
    assert_eq!(codes, ["unused_variables", "unapproved-status"], "{run:?}");
    assert_eq!(finished, [false]);
    assert!(matches!(messages.last(), Some(Message::BuildFinished(_))));
    assert!(messages.iter().any(|message| matches!(message, Message::CompilerArtifact(_))), "{run:?}");
    assert!(run.stderr.contains("plain"), "cargo's progress reaches stderr: {run:?}");
}
