//! azlint: a security linter for Azure infrastructure-as-code.
//!
//! `discover → parse (frontend) → lower to the model → evaluate rules → suppress → report`.

pub mod baseline;
pub mod cli;
pub mod config;
pub mod discover;
pub mod finding;
pub mod frontend;
#[doc(hidden)]
pub mod fuzz_api;
pub mod lsp;
pub mod model;
pub mod pipeline;
pub mod redact;
pub mod report;
pub mod rules;
pub mod source;
pub mod suppress;
