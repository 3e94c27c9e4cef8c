//! Orders service, on axum 0.8.

pub mod error;
pub mod names;
pub mod routes;
pub mod semantics;
pub mod upstream;
