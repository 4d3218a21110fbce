//! GitHub Actions workflow commands, one annotation per unsuppressed finding:
//!
//! `::error file=main.bicep,line=3,col=5,endLine=3,endColumn=9,title=azlint AZL101 name::message`
//!
//! `error`/`warning` map directly, `note` becomes `notice`. Columns are UTF-16 code units (the
//! unit of GitHub's web UI, as in SARIF). Text from the scanned files is made printable first
//! (controls escaped, see `text`), then escaped like the runner (`toolkit/core`
//! `command.ts`): property values escape `% \r \n : ,`, the message escapes `% \r \n`.
//! A plain summary line closes the output for the log reader.

use std::fmt::Write;

use super::text::printable;
use super::{redact, Columns, Region, ReportContext, Summary};
use crate::finding::{Finding, Severity};

pub fn render(findings: &[Finding], ctx: &ReportContext) -> String {
    let mut out = String::new();
    for f in findings.iter().filter(|f| f.suppressed.is_none()) {
        let command = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "notice",
        };
        let r = Region::of(f, Columns::Utf16);
        let title = format!("azlint {} {}", f.rule_id, f.rule_name);
        let _ = writeln!(
            out,
            "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            escape_property(&printable(f.path())),
            r.start_line,
            r.start_col,
            r.end_line,
            r.end_col,
            escape_property(&printable(&title)),
            escape_data(&printable(&redact(&f.message, f))),
        );
    }
    if !ctx.quiet {
        let _ = writeln!(
            out,
            "azlint: {}",
            Summary::of(findings).line(ctx.files_checked)
        );
    }
    out
}

/// Escape the message part of a workflow command.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a `key=value` property of a workflow command.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_like_the_runner() {
        assert_eq!(escape_data("50%\r\nnext: a,b"), "50%25%0D%0Anext: a,b");
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }
}
