//! A media service: uploads, downloads and live updates. Most of what it answers comes from
//! axum's extractors and tower-http's layers and file services, not from its own code.

pub mod handlers;
pub mod routes;
