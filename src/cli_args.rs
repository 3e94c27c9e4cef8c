//! The arguments the audit and `routes` share: what to audit, the policy's overrides, and when
//! to color, each defined once.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use status_audit::discover::Request;

/// What to audit.
#[derive(Debug, Args)]
pub(crate) struct WorkspaceArgs {
    /// A workspace or package directory, a Cargo.toml, or any directory with Cargo packages below it
    #[arg(value_name = "PATH", default_value = ".")]
    pub(crate) path: PathBuf,

    /// Path to Cargo.toml, as in cargo
    #[arg(long, value_name = "PATH")]
    pub(crate) manifest_path: Option<PathBuf>,
}

/// What the audited code is held to, for this run.
#[derive(Debug, Args)]
pub(crate) struct PolicyArgs {
    /// Config file in the status-audit.toml form, used instead of any status-audit.toml
    #[arg(long, value_name = "FILE")]
    pub(crate) config: Option<PathBuf>,

    /// Codes to approve for this run, on top of the configured list
    #[arg(long, value_name = "CODE,...", value_delimiter = ',', value_parser = clap::value_parser!(u16).range(100..=999))]
    pub(crate) approve: Vec<u16>,

    /// Also audit tests: `tests/`, `benches/` and `#[cfg(test)]` code
    #[arg(long)]
    pub(crate) include_tests: bool,
}

/// The request the library takes.
pub(crate) fn request(workspace: WorkspaceArgs, policy: PolicyArgs) -> Request {
    Request {
        path: workspace.path,
        manifest_path: workspace.manifest_path,
        config_file: policy.config,
        approve: policy.approve,
        include_tests: policy.include_tests,
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum ColorArg {
    Auto,
    Always,
    Never,
}

impl ColorArg {
    /// Whether to color: `auto` colors a terminal's stdout, unless `NO_COLOR` is set or the
    /// terminal is dumb, and never a file given with `--output`.
    pub(crate) fn enabled(self, to_file: bool) -> bool {
        match self {
            ColorArg::Always => true,
            ColorArg::Never => false,
            ColorArg::Auto => {
                !to_file
                    && std::io::stdout().is_terminal()
                    && std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty())
                    && std::env::var_os("TERM").is_none_or(|term| term != "dumb")
            }
        }
    }
}
