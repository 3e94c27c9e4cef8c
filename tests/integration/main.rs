//! Tests through the real binary. One test binary, so the crate links once.

mod check;
mod cli;
mod clients;
mod config;
mod discovery;
mod exceptions;
mod formats;
mod implied;
mod json;
mod lsp;
mod names;
mod naming_workspace;
mod properties;
mod reliability;
mod routes;
mod sample_crates;
mod semantics;
mod skipping;
mod support;
mod timings;
