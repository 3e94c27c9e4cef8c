//! `cargo status-audit check -- <command>`: one check for rust-analyzer's
//! `check.overrideCommand` that holds both a cargo command's diagnostics and the audit's. The
//! command (`cargo clippy --message-format=json`) runs as a child while the audit runs beside it;
//! its stdout lines are passed on unchanged as they come, except its `build-finished` line, and
//! its stderr goes to stderr. The audit's `compiler-message` lines follow, and one
//! `build-finished` line closes the whole, failed when either failed. The child's messages are
//! never rewritten, and nothing of the audit's is interleaved with them.

use std::ffi::OsString;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::process::{Command, ExitCode, ExitStatus, Stdio};

use clap::Parser;
use serde_json::{json, Value};

use status_audit::report;
use status_audit::RunOptions;

use crate::cli_args::{PolicyArgs, WorkspaceArgs};

/// Runs a cargo command that writes cargo's JSON messages and adds the audit's diagnostics to them.
#[derive(Debug, Parser)]
#[command(
    name = "cargo-status-audit check",
    bin_name = "cargo status-audit check",
    after_help = "Example, for rust-analyzer's check.overrideCommand:\n  \
        cargo status-audit check -- cargo clippy --message-format=json"
)]
struct CheckArgs {
    #[command(flatten)]
    workspace: WorkspaceArgs,

    #[command(flatten)]
    policy: PolicyArgs,

    /// Number of worker threads (default: one per core)
    #[arg(short, long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    jobs: Option<u32>,

    /// The command to run, after `--`, writing cargo's JSON messages to stdout
    #[arg(last = true, value_name = "COMMAND")]
    command: Vec<OsString>,
}

/// How passing the child's lines on ended early.
enum RelayError {
    Read(io::Error),
    Write(io::Error),
}

pub(crate) fn run(arguments: &[OsString]) -> ExitCode {
    let args = CheckArgs::parse_from(std::iter::once("check".into()).chain(arguments.iter().cloned()));
    let Some((program, program_arguments)) = args.command.split_first() else {
        eprintln!(
            "error: no command to run: name one after `--`, as in \
             `cargo status-audit check -- cargo clippy --message-format=json`"
        );
        return ExitCode::from(2);
    };
    let program_name = program.to_string_lossy();
    let spawned = Command::new(program).args(program_arguments).stdout(Stdio::piped()).stderr(Stdio::inherit()).spawn();
    let mut child = match spawned {
        Ok(child) => child,
        Err(error) => {
            eprintln!("error: cannot run `{program_name}`: {error}");
            return ExitCode::from(2);
        }
    };
    let Some(child_stdout) = child.stdout.take() else {
        eprintln!("error: cannot read the output of `{program_name}`");
        return ExitCode::from(2);
    };

    let request = crate::cli_args::request(args.workspace, args.policy);
    let options = RunOptions { jobs: args.jobs.map(|jobs| jobs as usize), ..RunOptions::default() };
    let stdout = io::stdout();
    let mut writer = stdout.lock();
    // The audit reads only files; it runs while the command builds, so the editor waits for the
    // longer of the two rather than for both.
    let (audit, relayed) = std::thread::scope(|scope| {
        let audit = scope.spawn(|| status_audit::audit(&request, options));
        let relayed = relay(child_stdout, &mut writer);
        (audit.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)), relayed)
    });
    let status = match child.wait() {
        Ok(status) => status,
        Err(error) => {
            eprintln!("error: cannot wait for `{program_name}`: {error}");
            return ExitCode::from(2);
        }
    };
    let child_code = exit_code(status);
    let child_finished = match relayed {
        Ok(finished) => finished,
        // A reader that stopped early (`| head`) is not a failure; there is no one left to write to.
        Err(RelayError::Write(error)) if error.kind() == io::ErrorKind::BrokenPipe => {
            return ExitCode::from(child_code);
        }
        Err(RelayError::Write(error)) => {
            eprintln!("error: could not write the messages: {error}");
            return ExitCode::from(child_code.max(2));
        }
        Err(RelayError::Read(error)) => {
            eprintln!("error: could not read the output of `{program_name}`: {error}");
            return ExitCode::from(child_code.max(2));
        }
    };
    let child_succeeded = child_code == 0 && child_finished != Some(false);

    let (audit_code, written) = match audit {
        Ok(audit) => {
            let audit_code = if audit.has_errors() { 1 } else { 0 };
            (audit_code, report::write_cargo_messages(&audit, &mut writer))
        }
        Err(error) => {
            eprintln!("error: {error}");
            (2, Ok(()))
        }
    };
    let finished = json!({ "reason": "build-finished", "success": child_succeeded && audit_code == 0 });
    let written = written.and_then(|()| writeln!(writer, "{finished}")).and_then(|()| writer.flush());
    match written {
        Err(error) if error.kind() != io::ErrorKind::BrokenPipe => {
            eprintln!("error: could not write the messages: {error}");
            ExitCode::from(child_code.max(2))
        }
        _ => ExitCode::from(child_code.max(audit_code)),
    }
}

/// Passes the child's stdout on line by line, flushing each, and holds back its `build-finished`
/// lines; returns whether its last one said the build succeeded. The child's pipe is closed on
/// return, so a child still writing ends rather than waiting on a full pipe.
fn relay(child_stdout: impl Read, writer: &mut dyn Write) -> Result<Option<bool>, RelayError> {
    let mut reader = BufReader::new(child_stdout);
    let mut line = Vec::new();
    let mut finished = None;
    loop {
        line.clear();
        if reader.read_until(b'\n', &mut line).map_err(RelayError::Read)? == 0 {
            return Ok(finished);
        }
        match build_finished(&line) {
            Some(success) => finished = Some(success),
            None => writer.write_all(&line).and_then(|()| writer.flush()).map_err(RelayError::Write)?,
        }
    }
}

/// The `success` of a cargo `build-finished` line, `None` for any other line. Only a line that
/// holds the word is parsed; the others are passed on as bytes, JSON or not.
fn build_finished(line: &[u8]) -> Option<bool> {
    memchr::memmem::find(line, b"build-finished")?;
    let message: Value = serde_json::from_slice(line).ok()?;
    (message.get("reason")? == "build-finished").then(|| message.get("success") == Some(&Value::Bool(true)))
}

/// The child's exit code as this process can return it: a code past 255 or below 0 (Windows) is
/// 255, and an end by a signal, which has no code, is 1.
fn exit_code(status: ExitStatus) -> u8 {
    match status.code() {
        Some(code) => u8::try_from(code).unwrap_or(u8::MAX),
        None => 1,
    }
}
