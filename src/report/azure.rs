//! Azure DevOps (Azure Pipelines) logging commands, one per unsuppressed error or warning:
//!
//! `##vso[task.logissue type=error;sourcepath=/abs/main.bicep;linenumber=3;columnnumber=5;code=AZL101][AZL101] message`
//!
//! The agent turns each into an issue on the run's summary page and annotates the log.
//! `task.logissue` only knows `type=error` and `type=warning` (Microsoft's "Logging commands"
//! reference); azlint notes (unanalysable constructs, unused suppressions, informational
//! rules) are not problems to fix, and turning them into warnings would drown the run's
//! warning count, so they are printed as plain log lines instead (`note: path:line:col: …`),
//! visible in the log but not issues. A plain summary line closes the output.
//!
//! `sourcepath` is absolute when the run root is known (the reference asks for absolute
//! paths); columns are UTF-16 code units, as in the other web-UI formats.
//!
//! Escaping follows the agent (`Command.TryParse` / `CommandStringConvertor`) and
//! azure-pipelines-task-lib: a property value escapes `%` (`%AZP25`), CR, LF, `]` and `;`
//! (`]` would end the property list, `;` separates properties); the message escapes `%`,
//! CR and LF. Text from the scanned files is made printable first (`text`), which also breaks
//! any `##vso[` inside it: the agent runs the first `##vso[` of a line, wherever it is.

use std::fmt::Write;

use super::text::printable;
use super::{redact, Columns, Region, ReportContext, Summary};
use crate::finding::{Finding, Severity};

pub fn render(findings: &[Finding], ctx: &ReportContext) -> String {
    let mut out = String::new();
    for f in findings.iter().filter(|f| f.suppressed.is_none()) {
        let r = Region::of(f, Columns::Utf16);
        let message = printable(&redact(&f.message, f)).into_owned();
        let kind = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => {
                let _ = writeln!(
                    out,
                    "note: {}:{}:{}: [{}] {message}",
                    printable(f.path()),
                    r.start_line,
                    r.start_col,
                    printable(&f.rule_id)
                );
                continue;
            }
        };
        let _ = writeln!(
            out,
            "##vso[task.logissue type={kind};sourcepath={};linenumber={};columnnumber={};code={}]{}",
            escape_property(&printable(&source_path(f.path(), ctx))),
            r.start_line,
            r.start_col,
            escape_property(&printable(&f.rule_id)),
            escape_data(&format!("[{}] {message}", printable(&f.rule_id))),
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

/// The display path made absolute against the run root, when both allow it.
fn source_path(display: &str, ctx: &ReportContext) -> String {
    match &ctx.root {
        Some(root) if !std::path::Path::new(display).is_absolute() => {
            let root = root.to_string_lossy();
            let sep = if root.ends_with(['/', '\\']) { "" } else { "/" };
            format!("{root}{sep}{display}")
        }
        _ => display.to_string(),
    }
}

/// Escape the message of a logging command.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%AZP25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a `key=value` property of a logging command.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(']', "%5D").replace(';', "%3B")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_like_the_task_lib() {
        assert_eq!(escape_data("50%;a]b\r\n"), "50%AZP25;a]b%0D%0A");
        assert_eq!(escape_property("a;b]c%\n"), "a%3Bb%5Dc%AZP25%0A");
    }
}
