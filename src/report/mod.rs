//! Reporters: one per output format, all driven by `Finding` + the file's line index.
//!
//! Every format goes through the helpers here so they agree on positions (see [`Region`]),
//! fingerprints, counts and — most importantly — on never printing a secret: messages and
//! labels pass through [`redact`], and the human snippet masks secret spans itself.

pub mod azure;
pub mod compact;
pub mod github;
pub mod gitlab;
pub mod human;
pub mod json;
pub mod junit;
pub mod sarif;
mod snippet;
mod text;

use std::collections::BTreeSet;
use std::path::PathBuf;

use crate::diagnostics::{NOT_ANALYSABLE, PARSE_ERROR};
use crate::finding::{fnv1a64, Finding, Severity};
use crate::model::text as utf8;
use crate::rules::{RuleMeta, RuleSet};

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
    /// Azure DevOps (Azure Pipelines) `##vso[task.logissue]` logging commands
    Azure,
    /// JUnit XML (CI test tabs: Azure DevOps, GitLab, Jenkins)
    Junit,
    /// GitLab Code Quality JSON (merge request widget)
    Gitlab,
}

pub struct ReportContext<'a> {
    pub rules: &'a RuleSet,
    /// Colour output (only on a TTY and without --no-color).
    pub color: bool,
    pub tool_version: &'a str,
    /// Absolute folder the findings' display paths are relative to (the run's root, normally
    /// the current directory). SARIF publishes it as `originalUriBaseIds.%SRCROOT%`; `None`
    /// leaves it out (tests, reproducible output).
    pub root: Option<PathBuf>,
    /// SARIF `runs[0].automationDetails.id` (`category/run-id`), when the caller has one.
    pub automation_id: Option<String>,
    /// `--quiet`: human and github output print findings only, no summary line.
    pub quiet: bool,
    /// Byte ranges of secret values per display path (`redact::secret_ranges`), masked in
    /// every source snippet besides the findings' own masked spans.
    pub secret_ranges: std::collections::HashMap<String, Vec<(usize, usize)>>,
    /// How many files the run checked (the summary says "in 4 of 5 files checked"); `None`
    /// when the caller does not know.
    pub files_checked: Option<usize>,
    /// `--show-help`: human output prints each fired rule's full help once at the end.
    pub show_help: bool,
    /// ASCII-only decorations in human output (dumb terminals, non-UTF-8 locales): no
    /// box-drawing characters, `...` for cut lines, `-` for dashes.
    pub ascii: bool,
}

impl<'a> ReportContext<'a> {
    /// A context with no colour, no root and no automation id.
    pub fn new(rules: &'a RuleSet, tool_version: &'a str) -> Self {
        ReportContext {
            rules,
            color: false,
            tool_version,
            root: None,
            automation_id: None,
            quiet: false,
            secret_ranges: Default::default(),
            files_checked: None,
            show_help: false,
            ascii: false,
        }
    }
}

/// Render findings (already sorted) in the chosen format.
pub fn render(format: OutputFormat, findings: &[Finding], ctx: &ReportContext) -> String {
    match format {
        OutputFormat::Human => human::render(findings, ctx),
        OutputFormat::Compact => compact::render(findings, ctx),
        OutputFormat::Json => json::render(findings, ctx),
        OutputFormat::Sarif => sarif::render(findings, ctx),
        OutputFormat::Github => github::render(findings, ctx),
        OutputFormat::Azure => azure::render(findings, ctx),
        OutputFormat::Junit => junit::render(findings, ctx),
        OutputFormat::Gitlab => gitlab::render(findings, ctx),
    }
}

pub const TOOL_NAME: &str = "azlint";
pub const INFORMATION_URI: &str = "https://github.com/azlint/azlint";

/// Counts shown at the end of human output and in JSON `summary`.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub notes: usize,
    pub suppressed: usize,
    /// Distinct files with at least one unsuppressed finding.
    pub files: usize,
    /// Files the run checked, when the caller said ([`ReportContext::files_checked`]).
    #[serde(rename = "filesChecked", skip_serializing_if = "Option::is_none")]
    pub files_checked: Option<usize>,
}

impl Summary {
    pub fn of(findings: &[Finding]) -> Summary {
        let mut s = Summary::default();
        let mut files = BTreeSet::new();
        for f in findings {
            if f.suppressed.is_some() {
                s.suppressed += 1;
                continue;
            }
            match f.severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
                Severity::Note => s.notes += 1,
            }
            files.insert(f.path());
        }
        s.files = files.len();
        s
    }

    /// `13 errors, 9 warnings, 2 notes (24 findings in 4 of 5 files checked, 1 suppressed)`,
    /// or `no findings in 5 files checked (2 suppressed)`. Without `files_checked`, "in 4
    /// files" counts the files with findings (and says so).
    pub fn line(&self, files_checked: Option<usize>) -> String {
        fn n(count: usize, word: &str) -> String {
            format!("{count} {word}{}", if count == 1 { "" } else { "s" })
        }
        let total = self.errors + self.warnings + self.notes;
        let suppressed = (self.suppressed > 0).then(|| format!("{} suppressed", self.suppressed));
        if total == 0 {
            let mut line = "no findings".to_string();
            if let Some(checked) = files_checked {
                line.push_str(&format!(" in {} checked", n(checked, "file")));
            }
            if let Some(s) = suppressed {
                line.push_str(&format!(" ({s})"));
            }
            return line;
        }
        let files = match files_checked {
            Some(checked) => format!(
                "{} of {} checked",
                self.files,
                n(checked.max(self.files), "file")
            ),
            None => format!("{} with findings", n(self.files, "file")),
        };
        let mut detail = format!("{} in {files}", n(total, "finding"));
        if let Some(s) = suppressed {
            detail.push_str(&format!(", {s}"));
        }
        format!(
            "{}, {}, {} ({detail})",
            n(self.errors, "error"),
            n(self.warnings, "warning"),
            n(self.notes, "note"),
        )
    }
}

/// A finding's position, 1-based, with the end normalised for display:
/// - an empty span covers one column (`end_col = start_col + 1`) so every consumer has
///   something to underline;
/// - a span ending right after a line break ends at the end of the previous line instead of
///   column 1 of the next (otherwise GitHub shows an extra line).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Region {
    pub start_line: u32,
    pub start_col: u32,
    pub end_line: u32,
    /// The column after the last character (exclusive).
    pub end_col: u32,
}

/// Column unit of a [`Region`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Columns {
    /// Unicode scalar values: what a human counts (human, compact, json).
    Chars,
    /// UTF-16 code units: SARIF's default `columnKind`, GitHub, LSP.
    Utf16,
}

impl Region {
    pub fn of(f: &Finding, columns: Columns) -> Region {
        Region::at(&f.file, f.span, columns)
    }

    /// The region of any span of a file (a related location, a fix's edit).
    pub fn at(
        file: &crate::source::SourceFile,
        span: crate::source::Span,
        columns: Columns,
    ) -> Region {
        let f = file;
        let text = &f.text;
        let start = (span.start as usize).min(text.len());
        let mut end = (span.end as usize).clamp(start, text.len());
        let bytes = text.as_bytes();
        while end > start && matches!(bytes[end - 1], b'\n' | b'\r') {
            end -= 1;
        }
        let pos = |o: usize| match columns {
            Columns::Chars => f.line_col(o as u32),
            Columns::Utf16 => f.line_col_utf16(o as u32),
        };
        let (start_line, start_col) = pos(start);
        let (end_line, mut end_col) = pos(end);
        if end_line == start_line && end_col <= start_col {
            end_col = start_col + 1;
        }
        Region {
            start_line,
            start_col,
            end_line,
            end_col,
        }
    }
}

/// `azlintFingerprint/v1`: hex FNV-1a of the finding's stable key (rule, file, resource,
/// property), so it survives unrelated edits that move lines.
pub fn fingerprint(f: &Finding) -> String {
    format!("{:016x}", fnv1a64(f.stable_key().as_bytes()))
}

/// The first paragraph of a rule's Markdown help, on one line.
pub fn help_summary(help: &str) -> String {
    let mut out = String::new();
    for line in help.trim_start().lines() {
        let line = line.trim();
        if line.is_empty() {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(line);
    }
    out
}

/// Cut `s` to at most `max` characters, ending with `…` when cut.
pub fn truncate_chars(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// What a masked span looks like in any output: quotes kept, content replaced by a fixed
/// number of stars (so the length of the secret does not leak either).
pub const MASK: &str = "********";

/// The secret text of a masked finding without its quotes, when long enough to be worth
/// searching for (very short values would redact unrelated words).
fn secret_text(f: &Finding) -> Option<&str> {
    if !f.mask {
        return None;
    }
    let raw = f.file.slice(f.span);
    let inner = strip_quotes(raw).unwrap_or(raw).trim();
    (inner.chars().count() >= 4).then_some(inner)
}

/// `'abc'` → `abc` (also `"…"`); `None` when `s` is not a quoted string.
pub(crate) fn strip_quotes(s: &str) -> Option<&str> {
    let b = s.as_bytes();
    if b.len() >= 2 && (b[0] == b'\'' || b[0] == b'"') && b[b.len() - 1] == b[0] {
        // Both ends are ASCII quotes, so both cuts are on character boundaries.
        s.get(1..s.len() - 1)
    } else {
        None
    }
}

/// Defence in depth for rule-authored text: a message or label must name the property, never
/// its value; if one ever quotes the masked secret, the secret is replaced by [`MASK`].
/// Only whole-token occurrences count: a variable `sendGridKey` holding the value must not
/// mangle the resource name `sendGridKeySecret` in the message.
pub fn redact<'t>(text: &'t str, f: &Finding) -> std::borrow::Cow<'t, str> {
    let Some(secret) = secret_text(f) else {
        return text.into();
    };
    let is_word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    let mut out = String::new();
    let mut last = 0;
    let mut changed = false;
    for (i, _) in text.match_indices(secret) {
        if i < last {
            continue;
        }
        let (before, after) = utf8::neighbours(text, i, secret.len());
        if is_word(before) || is_word(after) {
            continue;
        }
        out.push_str(utf8::slice(text, last..i));
        out.push_str(MASK);
        last = i + secret.len();
        changed = true;
    }
    if !changed {
        return text.into();
    }
    out.push_str(utf8::tail(text, last));
    out.into()
}

/// The finding's rule metadata, when the rule is in the catalogue.
pub fn rule_of<'r>(ctx: &ReportContext<'r>, f: &Finding) -> Option<&'r RuleMeta> {
    ctx.rules.metas().find(|r| r.id == f.rule_id)
}

/// The finding's rule metadata, or a stand-in for ids the catalogue lacks (the pipeline's
/// own diagnostics when the caller's catalogue does not list them).
pub(crate) fn meta_of<'r>(ctx: &ReportContext<'r>, f: &Finding) -> std::borrow::Cow<'r, RuleMeta> {
    match rule_of(ctx, f) {
        Some(m) => std::borrow::Cow::Borrowed(m),
        None => std::borrow::Cow::Owned(fallback_meta(f)),
    }
}

/// Metadata for a rule id that is not in the catalogue (the pipeline's own diagnostics).
pub(crate) fn fallback_meta(f: &Finding) -> RuleMeta {
    let (title, help) = match f.rule_id.as_str() {
        id if id == PARSE_ERROR.id && f.rule_name == PARSE_ERROR.name => (
            "The file could not be parsed",
            "azlint could not parse this file, so it was not checked. Fix the syntax error \
             (the message says where) and run azlint again.",
        ),
        id if id == NOT_ANALYSABLE.id && f.rule_name == NOT_ANALYSABLE.name => (
            "A construct could not be analysed",
            "azlint could not evaluate this construct statically, so rules may have missed \
             problems inside it. Review it by hand.",
        ),
        _ => ("azlint finding", "See the finding's message."),
    };
    RuleMeta {
        id: f.rule_id.clone(),
        name: f.rule_name.clone(),
        family: "meta".into(),
        severity: f.severity,
        confidence: f.confidence,
        title: title.into(),
        help: help.into(),
        docs_url: None,
        security_severity: None,
        tags: Vec::new(),
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::finding::Confidence;
    use crate::source::{SourceFile, Span};

    fn finding(text: &str, start: usize, end: usize) -> Finding {
        Finding {
            rule_id: "AZL100".into(),
            rule_name: "x".into(),
            severity: Severity::Error,
            confidence: Confidence::High,
            message: "m".into(),
            file: Arc::new(SourceFile::from_text("a.bicep", text)),
            span: Span::primary(start, end),
            label: None,
            resource: None,
            property: None,
            property_key: None,
            written_property: None,
            mask: true,
            suppressed: None,
            fixes: Vec::new(),
            related: Vec::new(),
        }
    }

    #[test]
    fn region_normalises_empty_spans_and_trailing_newlines() {
        let f = finding("ab\ncd\n", 1, 1);
        let r = Region::of(&f, Columns::Chars);
        assert_eq!(
            (r.start_line, r.start_col, r.end_line, r.end_col),
            (1, 2, 1, 3)
        );
        let f = finding("ab\ncd\n", 0, 3);
        let r = Region::of(&f, Columns::Chars);
        assert_eq!(
            (r.start_line, r.start_col, r.end_line, r.end_col),
            (1, 1, 1, 3)
        );
    }

    #[test]
    fn region_counts_utf16_units() {
        let text = "x: '😀é' y";
        let start = text.find('\'').unwrap();
        let f = finding(text, start, text.rfind('\'').unwrap() + 1);
        let chars = Region::of(&f, Columns::Chars);
        let utf16 = Region::of(&f, Columns::Utf16);
        assert_eq!((chars.start_col, chars.end_col), (4, 8));
        assert_eq!((utf16.start_col, utf16.end_col), (4, 9));
    }

    #[test]
    fn redact_hides_a_quoted_secret_in_messages() {
        let text = "password: 'hunter22'";
        let f = finding(text, 10, text.len());
        assert_eq!(redact("value hunter22 is bad", &f), "value ******** is bad");
        assert_eq!(redact("nothing here", &f), "nothing here");
        // Only whole tokens: a longer identifier that merely starts with the text is kept.
        assert_eq!(
            redact("hunter22Secret and `hunter22`", &f),
            "hunter22Secret and `********`"
        );
    }

    #[test]
    fn summary_counts_and_pluralises() {
        let mut a = finding("x", 0, 1);
        a.severity = Severity::Warning;
        let mut b = finding("x", 0, 1);
        b.suppressed = Some(crate::finding::Suppression {
            kind: crate::finding::SuppressionKind::External,
            justification: "j".into(),
        });
        let s = Summary::of(&[a.clone(), b.clone()]);
        assert_eq!(
            s.line(None),
            "0 errors, 1 warning, 0 notes (1 finding in 1 file with findings, 1 suppressed)"
        );
        assert_eq!(
            s.line(Some(3)),
            "0 errors, 1 warning, 0 notes (1 finding in 1 of 3 files checked, 1 suppressed)"
        );
        let s = Summary::of(&[b]);
        assert_eq!(s.line(None), "no findings (1 suppressed)");
        assert_eq!(
            s.line(Some(1)),
            "no findings in 1 file checked (1 suppressed)"
        );
        let mut c = a.clone();
        c.severity = Severity::Error;
        assert_eq!(
            Summary::of(&[a, c]).line(Some(1)),
            "1 error, 1 warning, 0 notes (2 findings in 1 of 1 file checked)"
        );
    }

    #[test]
    fn help_summary_is_the_first_paragraph() {
        assert_eq!(help_summary("\nOne\ntwo.\n\nThree."), "One two.");
    }
}
