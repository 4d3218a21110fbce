//! azlint: a security linter for Azure infrastructure-as-code.
//!
//! One entry: [`Engine`] (`discover → plan → parse → lower to the model → evaluate rules →
//! suppress → configure → baseline`), used by the command line, the language server, the
//! tests and the benchmark alike.

// Byte-index slicing of user text panics on a multi-byte character (issue 13, D1-D3), so it
// is denied crate-wide: use `str::get` or the boundary-safe helpers in `model::text` instead.
#![deny(clippy::string_slice)]

pub mod baseline;
pub mod cli;
pub mod config;
pub mod diagnostics;
pub mod discover;
pub mod engine;
pub mod finding;
pub mod fix;
pub mod frontend;
#[doc(hidden)]
pub mod fuzz_api;
pub mod lang;
pub mod lsp;
pub mod model;
pub mod redact;
pub mod report;
pub mod rules;
pub mod source;
pub mod suppress;

pub use engine::{Engine, Error, Input, Options, Report};
pub use finding::Finding;
pub use rules::RuleSet;
