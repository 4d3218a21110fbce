//! JUnit XML for CI test tabs (Azure DevOps "Publish Test Results", GitLab unit test
//! reports, Jenkins): one `<testsuite>` per file with findings, one `<testcase>` per
//! finding. Unsuppressed findings are `<failure>`s (`type` = severity); suppressed ones are
//! `<skipped>` with their justification, so they are visible but not failures. A run with no
//! finding at all gets one passing test case, so the tab shows a green run instead of "no
//! tests".
//!
//! The shape is the common denominator of the Ant/Jenkins JUnit schema and what GitLab and
//! Azure DevOps read: `testsuites` > `testsuite@name,tests,failures,errors,skipped` >
//! `testcase@name,classname` (+ `file`, `line`) > `failure@message,type` (text: the
//! location, rule and details) or `skipped@message`. GitLab shows `classname` as the suite
//! and keeps only the first test of a (classname, name) pair, so names are made unique.
//! No source text is copied into the report.
//!
//! Every value is made printable (controls escaped: most are not even legal in XML 1.0),
//! then XML-escaped; attribute values also escape line breaks and tabs as character
//! references so parsers do not normalise them away.

use std::collections::{BTreeMap, HashSet};
use std::fmt::Write;

use super::text::printable;
use super::{meta_of, redact, ReportContext};
use crate::finding::{Finding, SuppressionKind};

pub fn render(findings: &[Finding], ctx: &ReportContext) -> String {
    let mut by_file: BTreeMap<&str, Vec<&Finding>> = BTreeMap::new();
    for f in findings {
        by_file.entry(f.path()).or_default().push(f);
    }
    let failures = findings.iter().filter(|f| f.suppressed.is_none()).count();
    let skipped = findings.len() - failures;

    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let tests = findings.len().max(1);
    let _ = writeln!(
        out,
        "<testsuites name=\"azlint\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\" skipped=\"{skipped}\">"
    );
    if findings.is_empty() {
        let _ = writeln!(
            out,
            "  <testsuite name=\"azlint\" tests=\"1\" failures=\"0\" errors=\"0\" skipped=\"0\">\n    <testcase name=\"no findings\" classname=\"azlint\"/>\n  </testsuite>"
        );
    }
    for (path, fs) in &by_file {
        let path = attr(path);
        let failed = fs.iter().filter(|f| f.suppressed.is_none()).count();
        let _ = writeln!(
            out,
            "  <testsuite name=\"{path}\" tests=\"{}\" failures=\"{failed}\" errors=\"0\" skipped=\"{}\">",
            fs.len(),
            fs.len() - failed
        );
        let mut names: HashSet<String> = HashSet::new();
        for f in fs {
            let (line, col) = f.start();
            let base = format!("{} {} at {line}:{col}", f.rule_id, f.rule_name);
            let mut name = base.clone();
            let mut n = 1;
            while !names.insert(name.clone()) {
                n += 1;
                name = format!("{base} ({n})");
            }
            let _ = write!(
                out,
                "    <testcase name=\"{}\" classname=\"{path}\" file=\"{path}\" line=\"{line}\">",
                attr(&name)
            );
            let message = redact(&f.message, f);
            match &f.suppressed {
                None => {
                    let meta = meta_of(ctx, f);
                    let mut details = format!(
                        "{}:{line}:{col}: {}[{}] {message}\nconfidence: {}",
                        f.path(),
                        f.severity.as_str(),
                        f.rule_id,
                        f.confidence.as_str()
                    );
                    if let Some(r) = &f.resource {
                        let _ = write!(details, "\nresource: {r}");
                    }
                    if let Some(p) = f.shown_property() {
                        let _ = write!(details, "\nproperty: {p}");
                    }
                    let _ = write!(
                        details,
                        "\nhelp: {} (azlint explain {})",
                        meta.title.trim(),
                        f.rule_id
                    );
                    let _ = write!(
                        out,
                        "\n      <failure message=\"{}\" type=\"{}\">{}</failure>\n    ",
                        attr(&message),
                        f.severity.as_str(),
                        text(&details)
                    );
                }
                Some(s) => {
                    let kind = match s.kind {
                        SuppressionKind::InSource => "in source",
                        SuppressionKind::External => "external",
                    };
                    let _ = write!(
                        out,
                        "\n      <skipped message=\"{}\"/>\n    ",
                        attr(&format!("suppressed ({kind}): {}", s.justification))
                    );
                }
            }
            out.push_str("</testcase>\n");
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}

/// Element text: printable (each line; line breaks are ours), then `& < >` escaped.
fn text(s: &str) -> String {
    let lines: Vec<String> = s.split('\n').map(|l| xml(&printable(l), false)).collect();
    lines.join("\n")
}

/// An attribute value: printable, then XML-escaped including quotes.
fn attr(s: &str) -> String {
    xml(&printable(s), true)
}

fn xml(s: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\'' if attribute => out.push_str("&apos;"),
            // Not XML 1.0 characters (everything else illegal is escaped by `printable`).
            '\u{fffe}' | '\u{ffff}' => super::text::push_escape(&mut out, c),
            c => out.push(c),
        }
    }
    out
}
