//! `path:line:col: severity[ID] message` — one line per unsuppressed finding (editors, grep,
//! pre-commit). Columns count Unicode scalars, as a human (and most editors) would. Paths and
//! messages are made printable (controls, line breaks and bidi characters escaped; see
//! `text`), which also keeps the one-finding-per-line contract.

use std::fmt::Write;

use super::text::printable;
use super::{redact, ReportContext};
use crate::finding::Finding;

pub fn render(findings: &[Finding], _ctx: &ReportContext) -> String {
    let mut out = String::new();
    for f in findings.iter().filter(|f| f.suppressed.is_none()) {
        let (line, col) = f.start();
        let _ = writeln!(
            out,
            "{}:{}:{}: {}[{}] {}",
            printable(f.path()),
            line,
            col,
            f.severity.as_str(),
            f.rule_id,
            printable(&redact(&f.message, f))
        );
    }
    out
}
