//! `path:line:col: severity[ID] message` — one line per finding.

use std::fmt::Write;

use super::ReportContext;
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
            f.message
        );
    }
    out
}
