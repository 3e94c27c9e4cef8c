//! Orders service, on axum 0.8.

pub mod api;
pub mod data;
pub mod error;
pub mod extractors;
pub mod names;
pub mod renames;
pub mod rejections;
pub mod routes;
pub mod semantics;
pub mod stock;
pub mod upstream;
