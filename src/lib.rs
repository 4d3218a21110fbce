//! azlint: a security linter for Azure infrastructure-as-code.
//!
//! One entry: [`Engine`] (`discover → plan → parse → lower to the model → evaluate rules →
//! suppress → configure → baseline`), used by the command line, the language server, the
//! tests and the benchmark alike.
//!
//! The public API is what is re-exported here: the engine and its options, input, report and
//! error; a finding and the types it carries; the rule set; and the renderers. Every module
//! is private to the crate, so its insides can change without breaking a user.

// Byte-index slicing of user text panics on a multi-byte character (issue 13, D1-D3), so it
// is denied crate-wide: use `str::get` or the boundary-safe helpers in `model::text` instead.
#![deny(clippy::string_slice)]

mod baseline;
mod cli;
mod config;
mod diagnostics;
mod discover;
mod engine;
mod finding;
mod fix;
mod frontend;
mod fuzz_api;
mod lang;
mod lsp;
mod model;
mod redact;
mod report;
mod rules;
mod source;
mod suppress;

pub use engine::{Engine, Error, Input, Options, Report};
pub use finding::{Confidence, Finding, Related, Severity, Suppression, SuppressionKind};
pub use fix::{Applicability, Edit, Fix};
pub use report::{render, OutputFormat, ReportContext};
pub use rules::{RuleMeta, RuleSet};
pub use source::{SourceFile, Span};

/// The `azlint` command line (`src/main.rs`): parses the process arguments, runs, and returns
/// the exit code.
pub use cli::main as run_cli;

/// Not an API: the internals that the integration tests (`tests/it`), the benchmark
/// (`benches/corpus.rs`) and the fuzz targets (`fuzz/`) drive directly, because they test a
/// front end, the model or a fix below the [`Engine`]. Re-exported item by item, so that what
/// nothing outside the crate needs stays private (and the compiler reports it when unused);
/// the paths mirror the crate's modules. May change at any time.
#[doc(hidden)]
pub mod __internal {
    pub mod diagnostics {
        pub use crate::diagnostics::{NOT_ANALYSABLE, PARSE_ERROR};
    }
    pub mod discover {
        pub use crate::discover::{discover, Candidate, DiscoverOptions};
    }
    pub mod finding {
        pub use crate::finding::sort_findings;
    }
    pub mod fix {
        pub use crate::fix::{apply_edits, encode, plan, suppression, unified_diff, write_file};
    }
    pub mod frontend {
        pub use crate::frontend::{classify_json, Loader, MAX_FILE_BYTES};
        pub mod arm {
            pub use crate::frontend::arm::{parse_parameters, parse_template};
        }
        pub mod bicep {
            pub use crate::frontend::bicep::{parse_file, parse_syntax};
        }
        pub mod terraform {
            pub use crate::frontend::terraform::parse_module;
        }
    }
    /// The cargo-fuzz targets' entry points (see `fuzz/`).
    pub mod fuzz_api {
        pub use crate::fuzz_api::{arm, bicep, pipeline, terraform, yaml};
    }
    pub mod lang {
        pub use crate::lang::{families, ByName, Language};
    }
    pub mod model {
        pub use crate::model::{
            DerivedKind, DiagnosticKind, Document, Node, Provenance, Ref, Resource, Target, Value,
        };
    }
    pub mod rules {
        pub use crate::rules::{parse_rule, BUILTIN_SOURCES};
    }
    pub mod source {
        pub use crate::source::Encoding;
    }
}
