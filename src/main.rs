//! The `cargo-status-audit` binary: parses arguments, runs the audit, writes the report and maps
//! the outcome to an exit code. Everything else lives in the library.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::{CommandFactory, Parser, ValueEnum};

mod check_command;
mod cli_args;
mod lsp;
mod output;
mod routes_command;

use cli_args::{ColorArg, PolicyArgs, WorkspaceArgs};
use output::{append, write_output};

use status_audit::baseline;
use status_audit::report::{self, Format, ReportOptions};
use status_audit::rules::{Rule, Severity};
use status_audit::RunOptions;

const EXIT_CODES: &str = "\
Commands:
  check      run a cargo command and add the audit's diagnostics to its JSON messages,
             for rust-analyzer's check.overrideCommand (check --help)
  inventory  the same as --inventory
  lsp        a language server over stdio: findings as diagnostics while you edit, with quick fixes
  routes     list every endpoint and the statuses it can produce (routes --help)
  rules      list every rule with its default level (--format json for JSON)
  help       print this help

Exit codes:
  0  no finding at error level
  1  at least one finding at error level (or a warning, with --deny warnings)
  2  the audit could not run: bad arguments, a broken config, or nothing to audit at PATH";

/// Holds the HTTP statuses that axum, actix-web, warp, Rocket, poem and salvo services produce to an approved list.
#[derive(Debug, Parser)]
#[command(name = "cargo-status-audit", bin_name = "cargo status-audit", version, after_help = EXIT_CODES)]
struct Args {
    #[command(flatten)]
    workspace: WorkspaceArgs,

    /// Output format
    #[arg(long, value_enum, default_value_t = FormatArg::Human)]
    format: FormatArg,

    /// Write the report to FILE instead of stdout (the exit code is unchanged)
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,

    /// `json` prints cargo's JSON diagnostics instead of --format, for rust-analyzer's check.overrideCommand
    #[arg(long, value_enum, value_name = "FMT")]
    message_format: Option<MessageFormatArg>,

    /// When to color the output (NO_COLOR is honoured by `auto`)
    #[arg(long, value_enum, default_value_t = ColorArg::Auto, value_name = "WHEN")]
    color: ColorArg,

    #[command(flatten)]
    policy: PolicyArgs,

    /// List every status the code produces, approved or not, grouped by code (human or json), and exit 0
    #[arg(long)]
    inventory: bool,

    /// Report only findings that are not in this baseline file (see --write-baseline)
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,

    /// Record the current findings in a baseline file, then exit 0
    #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
    write_baseline: Option<PathBuf>,

    /// Count findings of a level as errors for the exit code (only `warnings`)
    #[arg(long, short = 'D', value_enum, value_name = "LEVEL")]
    deny: Option<DenyArg>,

    /// Print the documentation of a rule (such as unapproved-status) and exit
    #[arg(long, value_name = "RULE")]
    explain: Option<String>,

    /// Number of worker threads (default: one per core)
    #[arg(short, long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    jobs: Option<u32>,

    /// Print each stage's time and the file counts to stderr, after the report
    #[arg(long)]
    timings: bool,

    /// Parse every file, also those whose text cannot hold a status, so that their syntax errors are reported
    #[arg(long)]
    parse_all: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum FormatArg {
    /// rustc-style diagnostics and a summary line
    Human,
    /// one JSON object, documented in the README
    Json,
    /// SARIF 2.1.0, for GitHub code scanning
    Sarif,
    /// GitHub Actions annotations (and a table in $GITHUB_STEP_SUMMARY)
    Github,
    /// GitLab Code Quality report
    Gitlab,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum MessageFormatArg {
    /// cargo's `compiler-message` JSON lines
    Json,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum DenyArg {
    /// every warning fails the run, as an error does
    Warnings,
}

/// `cargo status-audit rules [--format human|json]`.
#[derive(Debug, Parser)]
#[command(name = "cargo-status-audit rules", bin_name = "cargo status-audit rules")]
struct RulesArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = RulesFormat::Human)]
    format: RulesFormat,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum RulesFormat {
    /// one line a rule: name, default level, summary
    Human,
    /// `{"rules": [{"name", "level", "summary"}]}`
    Json,
}

fn rules(arguments: &[std::ffi::OsString]) -> ExitCode {
    let args = RulesArgs::parse_from(std::iter::once("rules".into()).chain(arguments.iter().cloned()));
    let mut stdout = io::stdout().lock();
    let written = match args.format {
        RulesFormat::Human => report::rules::write_human(&mut stdout),
        RulesFormat::Json => report::rules::write_json(&mut stdout),
    };
    match written {
        Err(error) if error.kind() != io::ErrorKind::BrokenPipe => {
            eprintln!("error: {error}");
            ExitCode::from(2)
        }
        _ => ExitCode::SUCCESS,
    }
}

fn explain(name: &str) -> ExitCode {
    match Rule::from_name(name) {
        Some(rule) => {
            // A closed pipe is fine here too.
            let _ = writeln!(io::stdout(), "{}", rule.documentation().trim_end());
            ExitCode::SUCCESS
        }
        None => {
            let known: Vec<&str> = Rule::ALL.iter().map(|rule| rule.name()).collect();
            eprintln!("error: no rule named `{name}`; the rules are: {}", known.join(", "));
            ExitCode::from(2)
        }
    }
}

/// mimalloc: parsing allocates and frees a node per token and syntax element, and the system
/// allocator spent a third of the audit's time on that. Built without transparent huge pages
/// (`no_thp`): with them a run kept twice the memory resident at the same speed
/// (docs/performance.md). `MIMALLOC_PURGE_DELAY=0` in the environment trades a little speed for
/// less still.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // As a cargo subcommand the binary is started as `cargo-status-audit status-audit ...`;
    // `inventory` is the same as `--inventory`.
    let mut arguments: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if arguments.get(1).is_some_and(|argument| argument == "status-audit") {
        arguments.remove(1);
    }
    match arguments.get(1).and_then(|argument| argument.to_str()) {
        Some("inventory") => arguments[1] = "--inventory".into(),
        Some("rules") => return rules(&arguments[2..]),
        Some("routes") => return routes_command::run(&arguments[2..]),
        Some("check") => return check_command::run(&arguments[2..]),
        Some("lsp") => return lsp::run(&arguments[2..]),
        Some("help") => {
            // A closed pipe is fine here too.
            let _ = Args::command().print_long_help();
            return ExitCode::SUCCESS;
        }
        _ => {}
    }
    let args = Args::parse_from(arguments);
    if let Some(name) = &args.explain {
        return explain(name);
    }
    // The inventory lists statuses, not findings: no CI format has a place for it.
    let inventory_format = matches!(args.format, FormatArg::Human | FormatArg::Json) && args.message_format.is_none();
    if args.inventory && !inventory_format {
        eprintln!("error: the inventory is written as `--format human` or `--format json`, not as findings");
        return ExitCode::from(2);
    }

    let request = cli_args::request(args.workspace, args.policy);
    let run_options =
        RunOptions { jobs: args.jobs.map(|jobs| jobs as usize), parse_all: args.parse_all, inventory: args.inventory };
    let mut audit = match status_audit::audit(&request, run_options) {
        Ok(audit) => audit,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::from(2);
        }
    };
    if let Some(path) = &args.write_baseline {
        let written = write_output(path, |file| file.write_all(baseline::render(&audit).as_bytes()));
        return match written {
            Ok(()) => {
                let count = audit.reported().count();
                println!("wrote {count} baseline entr{} to {}", if count == 1 { "y" } else { "ies" }, path.display());
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("error: could not write the baseline: {error}");
                ExitCode::from(2)
            }
        };
    }
    if let Some(path) = &args.baseline {
        let entries = std::fs::read_to_string(path)
            .map_err(|error| format!("{}: cannot read the baseline: {error}", path.display()))
            .and_then(|text| baseline::parse(path, &text).map_err(|error| error.to_string()));
        match entries {
            Ok(entries) => baseline::apply(&mut audit, entries),
            Err(error) => {
                eprintln!("error: {error}");
                return ExitCode::from(2);
            }
        }
    }

    let stdout = io::stdout();
    let format = match (args.message_format, args.format) {
        (Some(MessageFormatArg::Json), _) => Format::CargoJson,
        (None, format) => match format {
            FormatArg::Human => Format::Human,
            FormatArg::Json => Format::Json,
            FormatArg::Sarif => Format::Sarif,
            FormatArg::Github => Format::Github,
            FormatArg::Gitlab => Format::Gitlab,
        },
    };
    let color = args.color.enabled(args.output.is_some());
    let ci_root = ["GITHUB_WORKSPACE", "CI_PROJECT_DIR"]
        .iter()
        .filter_map(std::env::var_os)
        .find(|value| !value.is_empty())
        .and_then(|value| std::fs::canonicalize(value).ok());
    let options = ReportOptions { format, color: color && format == Format::Human, ci_root };

    let write = |writer: &mut dyn Write| match args.inventory {
        true => report::write_inventory(&audit, &options, writer),
        false => report::write_report(&audit, &options, writer),
    };
    let report_started = Instant::now();
    let written = match &args.output {
        Some(path) => write_output(path, write),
        None => {
            let mut writer = stdout.lock();
            write(&mut writer).and_then(|()| writer.flush())
        }
    };
    let summary = match std::env::var_os("GITHUB_STEP_SUMMARY") {
        Some(path) if format == Format::Github && !path.is_empty() => {
            append(Path::new(&path), &report::github_step_summary(&audit, &options))
        }
        _ => Ok(()),
    };
    if args.timings {
        audit.timings.report = report_started.elapsed();
        // The report is out; a closed stderr loses only the table.
        let _ = report::write_timings(&audit, &mut io::stderr().lock());
    }
    match written.and(summary) {
        // A reader that stopped early (`| head`) is not a failure of the audit.
        Err(error) if error.kind() != io::ErrorKind::BrokenPipe => {
            eprintln!("error: could not write the report: {error}");
            ExitCode::from(2)
        }
        _ if args.inventory => ExitCode::SUCCESS,
        _ if audit.has_errors() => ExitCode::from(1),
        _ if args.deny.is_some() && audit.count(Severity::Warning) > 0 => ExitCode::from(1),
        _ => ExitCode::SUCCESS,
    }
}
