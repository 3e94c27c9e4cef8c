//! Running the binary, and small workspaces written to temporary directories.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const BINARY: &str = env!("CARGO_BIN_EXE_cargo-status-audit");

/// What one run printed and returned.
#[derive(Debug)]
pub struct Run {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
}

impl From<Output> for Run {
    fn from(output: Output) -> Self {
        Run {
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
            code: output.status.code().expect("the binary exited with a code"),
        }
    }
}

/// Runs the binary in `dir` with `args`.
pub fn run_in(dir: &Path, args: &[&str]) -> Run {
    Command::new(BINARY).current_dir(dir).args(args).env_remove("NO_COLOR").output().expect("the binary runs").into()
}

/// Runs with `--format json` and parses the report.
pub fn run_json(dir: &Path, args: &[&str]) -> (serde_json::Value, Run) {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    let run = run_in(dir, &all);
    let report = serde_json::from_str(&run.stdout).unwrap_or_else(|error| panic!("not JSON ({error}): {run:?}"));
    (report, run)
}

/// `(path, line, status)` of every finding of a rule in a JSON report; line 0 for a file that
/// could not be read at all.
pub fn findings_of(report: &serde_json::Value, rule: &str) -> Vec<(String, u64, Option<u64>)> {
    report["findings"]
        .as_array()
        .expect("findings is an array")
        .iter()
        .filter(|finding| finding["rule"] == rule)
        .map(|finding| {
            (
                finding["path"].as_str().expect("path").to_string(),
                finding["line"].as_u64().unwrap_or(0),
                finding["status"].as_u64(),
            )
        })
        .collect()
}

/// A temporary directory of files given as `(relative path, content)`.
pub struct Workspace {
    pub dir: tempfile::TempDir,
}

impl Workspace {
    pub fn new(files: &[(&str, &str)]) -> Workspace {
        let workspace = Workspace { dir: tempfile::tempdir().expect("a temporary directory") };
        for (path, content) in files {
            workspace.write(path, content);
        }
        workspace
    }

    pub fn path(&self) -> PathBuf {
        self.dir.path().to_path_buf()
    }

    pub fn write(&self, relative: &str, content: &str) {
        let path = self.dir.path().join(relative);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("create directories");
        std::fs::write(path, content).expect("write a file");
    }
}

/// A package manifest depending on the given crates.
pub fn manifest(name: &str, dependencies: &str) -> String {
    format!("[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[dependencies]\n{dependencies}\n")
}

pub const AXUM_HANDLER: &str = "use axum::http::StatusCode;\n\
pub async fn brew() -> StatusCode {\n    StatusCode::IM_A_TEAPOT\n}\n\
pub async fn fine() -> StatusCode {\n    StatusCode::OK\n}\n";
