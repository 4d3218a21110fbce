//! rustc-style diagnostics through miette's graphical handler:
//!
//! ```text
//! error[AZL101] plaintext-app-secret
//!
//!   × Container app secret `db-password` has a plaintext value
//!    ╭─[main.bicep:12:14]
//! 11 │       {
//! 12 │         value: '********'
//!    ·                ─────┬────
//!    ·                     ╰── plaintext value here
//! 13 │       }
//!    ╰────
//!   help: Reference the secret from Key Vault …
//!   docs: https://…
//!   confidence: high
//! ```
//!
//! Suppressed findings are not shown (only counted in the summary line).

use std::collections::HashMap;
use std::fmt::{self, Write};

use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, SourceCode};

use super::snippet::Window;
use super::{help_summary, redact, rule_of, ReportContext, Summary};
use crate::finding::{Finding, Severity};

/// Lines of context above and below the span (rustc shows none; one helps orientation).
const CONTEXT_LINES: usize = 1;
/// A span over more lines than this (a whole resource block) is shown by its first line only,
/// so one finding cannot print a hundred lines.
const MAX_SPAN_LINES: usize = 8;
/// Width used for wrapping messages and help (source lines are never wrapped).
const WIDTH: usize = 100;

pub fn render(findings: &[Finding], ctx: &ReportContext) -> String {
    let theme = if ctx.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_context_lines(CONTEXT_LINES)
        .with_width(WIDTH)
        .with_urls(false)
        .without_syntax_highlighting();
    let masked = masked_spans(findings, &ctx.secret_ranges);
    let no_masks = Vec::new();

    let mut out = String::new();
    for f in findings.iter().filter(|f| f.suppressed.is_none()) {
        let masks = masked.get(f.path()).unwrap_or(&no_masks);
        let diag = HumanDiagnostic::new(f, ctx, masks);
        if handler.render_report(&mut out, &diag).is_err() {
            // A span miette cannot read (should not happen): fall back to one line.
            let (line, col) = f.start();
            let _ = writeln!(out, "{}:{line}:{col}: {}", f.path(), diag.message);
        }
        for (key, value) in &diag.footer {
            let _ = writeln!(out, "  {key}: {value}");
        }
        out.push('\n');
    }
    if ctx.quiet {
        return out;
    }
    let line = Summary::of(findings).line();
    if ctx.color {
        let _ = writeln!(out, "\x1b[1m{line}\x1b[0m");
    } else {
        let _ = writeln!(out, "{line}");
    }
    out
}

/// Every masked span per file (suppressed findings included: a suppressed secret is still a
/// secret), sorted and merged so a window can binary-search them. Keyed by display path, not
/// by `Arc` identity: two documents may each have loaded the same file.
/// `extra` holds the other secret values the pipeline found in each file (a parameter's
/// literal default on the line of a finding about its name).
fn masked_spans<'a>(
    findings: &'a [Finding],
    extra: &'a HashMap<String, Vec<(usize, usize)>>,
) -> HashMap<&'a str, Vec<(usize, usize)>> {
    let mut map: HashMap<&str, Vec<(usize, usize)>> = HashMap::new();
    for f in findings.iter().filter(|f| f.mask && !f.span.is_empty()) {
        map.entry(f.path())
            .or_default()
            .push((f.span.start as usize, f.span.end as usize));
    }
    for (path, ranges) in extra {
        map.entry(path.as_str())
            .or_default()
            .extend(ranges.iter().copied());
    }
    for spans in map.values_mut() {
        spans.sort_unstable();
        let mut merged: Vec<(usize, usize)> = Vec::with_capacity(spans.len());
        for &(s, e) in spans.iter() {
            match merged.last_mut() {
                Some(last) if s <= last.1 => last.1 = last.1.max(e),
                _ => merged.push((s, e)),
            }
        }
        *spans = merged;
    }
    map
}

/// The byte range to label: the finding's span, cut to its first line when it is very long.
fn shown_span(f: &Finding) -> (usize, usize) {
    let (start, end) = (f.span.start as usize, f.span.end as usize);
    let idx = &f.file.line_index;
    let first = idx.line_of(start as u32);
    let last = idx.line_of(end as u32);
    if last.saturating_sub(first) < MAX_SPAN_LINES {
        return (start, end);
    }
    let line_end = idx.line_range(&f.file.text, first).end;
    (start, line_end.max(start))
}

/// One finding as a miette diagnostic over its masked source window.
#[derive(Debug)]
struct HumanDiagnostic {
    code: String,
    message: String,
    severity: miette::Severity,
    label: Option<String>,
    help: Option<String>,
    window: Window,
    /// `docs:` and `confidence:` lines printed after miette's `help:`.
    footer: Vec<(&'static str, String)>,
}

impl HumanDiagnostic {
    fn new(f: &Finding, ctx: &ReportContext, masks: &[(usize, usize)]) -> Self {
        let rule = rule_of(ctx, f);
        let help = rule
            .map(|r| help_summary(&r.help))
            .filter(|h| !h.is_empty());
        let mut footer = Vec::new();
        if let Some(url) = rule.and_then(|r| r.docs_url.clone()) {
            footer.push(("docs", url));
        }
        footer.push(("confidence", f.confidence.as_str().to_string()));
        HumanDiagnostic {
            code: format!("{}[{}] {}", f.severity.as_str(), f.rule_id, f.rule_name),
            message: redact(&f.message, f).into_owned(),
            severity: match f.severity {
                Severity::Error => miette::Severity::Error,
                Severity::Warning => miette::Severity::Warning,
                Severity::Note => miette::Severity::Advice,
            },
            label: f.label.as_deref().map(|l| redact(l, f).into_owned()),
            help,
            window: {
                let (start, end) = shown_span(f);
                Window::new(&f.file, start, end, CONTEXT_LINES, masks)
            },
            footer,
        }
    }
}

impl fmt::Display for HumanDiagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for HumanDiagnostic {}

impl Diagnostic for HumanDiagnostic {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(&self.code))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.window)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let span = LabeledSpan::new_primary_with_span(self.label.clone(), self.window.label_span());
        Some(Box::new(std::iter::once(span)))
    }
}
