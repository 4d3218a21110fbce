//! `path:line:col: severity[ID] message` — one line per unsuppressed finding (editors, grep,
//! pre-commit). Columns count Unicode scalars, as a human (and most editors) would.

use std::fmt::Write;

use super::{redact, ReportContext};
use crate::finding::Finding;

pub fn render(findings: &[Finding], _ctx: &ReportContext) -> String {
    let mut out = String::new();
    for f in findings.iter().filter(|f| f.suppressed.is_none()) {
        let (line, col) = f.start();
        let _ = writeln!(
            out,
            "{}:{}:{}: {}[{}] {}",
            f.path(),
            line,
            col,
            f.severity.as_str(),
            f.rule_id,
            one_line(&redact(&f.message, f))
        );
    }
    out
}

/// A message with a line break would break the one-finding-per-line contract.
fn one_line(s: &str) -> String {
    s.replace(['\r', '\n'], " ")
}
