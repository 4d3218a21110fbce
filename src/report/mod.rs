//! Reporters: one per output format, all driven by `Finding` + the file's line index.

pub mod compact;

use crate::finding::Finding;
use crate::rules::RuleSet;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// rustc-style diagnostics with source snippets (default)
    Human,
    /// `path:line:col: severity[ID] message`, one per line (editors, grep, pre-commit)
    Compact,
    /// machine-readable JSON (schema: schemas/findings.schema.json)
    Json,
    /// SARIF 2.1.0 for GitHub code scanning
    Sarif,
    /// GitHub Actions workflow-command annotations
    Github,
}

pub struct ReportContext<'a> {
    pub rules: &'a RuleSet,
    /// Colour output (only on a TTY and without --no-color).
    pub color: bool,
    pub tool_version: &'a str,
}

/// Render findings (already sorted) in the chosen format.
pub fn render(format: OutputFormat, findings: &[Finding], ctx: &ReportContext) -> String {
    match format {
        _ => compact::render(findings, ctx),
    }
}
