//! `cargo status-audit routes`: the endpoints of the audited packages and the statuses each can
//! produce, as a table for people, Markdown for API docs and PR comments, or JSON.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, ValueEnum};

use status_audit::report::routes::{write_routes, RoutesFormat};
use status_audit::RunOptions;

use crate::cli_args::{ColorArg, PolicyArgs, WorkspaceArgs};
use crate::output::write_output;

/// Lists every endpoint of the audited axum, actix-web and warp packages and the statuses it can produce.
#[derive(Debug, Parser)]
#[command(name = "cargo-status-audit routes", bin_name = "cargo status-audit routes")]
struct RoutesArgs {
    #[command(flatten)]
    workspace: WorkspaceArgs,

    /// Output format
    #[arg(long, value_enum, default_value_t = FormatArg::Human)]
    format: FormatArg,

    /// Show, for each status, where it is produced and the calls that reach it
    #[arg(long, short = 'v')]
    verbose: bool,

    /// Write the map to FILE instead of stdout
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,

    #[command(flatten)]
    policy: PolicyArgs,

    /// When to color the output (NO_COLOR is honoured by `auto`)
    #[arg(long, value_enum, default_value_t = ColorArg::Auto, value_name = "WHEN")]
    color: ColorArg,

    /// Number of worker threads (default: one per core)
    #[arg(short, long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    jobs: Option<u32>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum FormatArg {
    /// endpoints grouped by path, statuses not approved marked
    Human,
    /// one table: method, path, handler, statuses
    Markdown,
    /// one JSON object, documented in the README
    Json,
}

pub(crate) fn run(arguments: &[std::ffi::OsString]) -> ExitCode {
    let args = RoutesArgs::parse_from(std::iter::once("routes".into()).chain(arguments.iter().cloned()));
    let request = crate::cli_args::request(args.workspace, args.policy);
    let options = RunOptions { jobs: args.jobs.map(|jobs| jobs as usize), ..RunOptions::default() };
    let map = match status_audit::routes::routes(&request, options) {
        Ok(map) => map,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::from(2);
        }
    };
    let format = match args.format {
        FormatArg::Human => RoutesFormat::Human,
        FormatArg::Markdown => RoutesFormat::Markdown,
        FormatArg::Json => RoutesFormat::Json,
    };
    let color = args.color.enabled(args.output.is_some()) && format == RoutesFormat::Human;
    let write = |writer: &mut dyn Write| write_routes(&map, format, args.verbose, color, writer);
    let written = match &args.output {
        Some(path) => write_output(path, write),
        None => {
            let mut writer = io::stdout().lock();
            write(&mut writer).and_then(|()| writer.flush())
        }
    };
    match written {
        Err(error) if error.kind() != io::ErrorKind::BrokenPipe => {
            eprintln!("error: could not write the map: {error}");
            ExitCode::from(2)
        }
        _ => ExitCode::SUCCESS,
    }
}
