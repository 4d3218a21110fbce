//! rustc/clippy-style diagnostics (the default output), rendered with `annotate-snippets`,
//! the crate rustc itself uses:
//!
//! ```text
//! error[AZL101]: Container app secret `db-password` has a plaintext value
//!   ╭▸ main.bicep:12:14
//!   │
//! 11 │       {
//! 12 │         value: '********'
//!    │                ━━━━━━━━━━ plaintext value here
//! 13 │       }
//!    ╰╴
//! ```
//!
//! plus `= note: confidence medium` when the rule is not sure. At the end: the summary
//! line, then one `help[ID]: title — run `azlint explain ID`` line per rule that fired (the
//! rule's full help only with [`ReportContext::show_help`]): clippy's "explain once" instead
//! of a help paragraph under every finding.
//!
//! The snippet is a rewritten window of the file ([`super::snippet`]): secrets masked,
//! controls escaped, long lines cut. Suppressed findings are not shown, only counted.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;

use annotate_snippets::renderer::DecorStyle;
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use super::snippet::{Options, Window};
use super::text::{printable, printable_with};
use super::{meta_of, redact, ReportContext, Summary};
use crate::diagnostics::PARSE_ERROR;
use crate::finding::{Confidence, Finding, Severity};
use crate::fix::Applicability;
use crate::model::text as utf8;

/// Lines of context above and below the span (rustc shows none; one helps orientation).
const CONTEXT_LINES: usize = 1;
/// A span over more lines than this (a whole resource block) is shown by its first line only,
/// so one finding cannot print a hundred lines.
const MAX_SPAN_LINES: usize = 8;
/// The renderer's own line trimming is off: the window is already cut (see `snippet`), and
/// output must not depend on the terminal.
const TERM_WIDTH: usize = 1 << 20;

pub fn render(findings: &[Finding], ctx: &ReportContext) -> String {
    let renderer = if ctx.color {
        Renderer::styled()
    } else {
        Renderer::plain()
    }
    .decor_style(if ctx.ascii {
        DecorStyle::Ascii
    } else {
        DecorStyle::Unicode
    })
    .term_width(TERM_WIDTH);
    let masked = masked_spans(findings, &ctx.secret_ranges);
    let no_masks = Vec::new();

    let mut out = String::new();
    for f in findings.iter().filter(|f| f.suppressed.is_none()) {
        let masks = masked.get(f.path()).unwrap_or(&no_masks);
        out.push_str(&render_one(&renderer, f, ctx, masks));
        out.push_str("\n\n");
    }
    if ctx.quiet {
        return out;
    }
    let line = Summary::of(findings).line(ctx.files_checked);
    if ctx.color {
        let _ = writeln!(out, "\x1b[1m{line}\x1b[0m");
    } else {
        let _ = writeln!(out, "{line}");
    }
    if let Some(fixable) = fixable_line(findings) {
        let _ = writeln!(out, "{fixable}");
    }
    out.push_str(&rule_help(findings, ctx, &renderer));
    out
}

fn render_one(
    renderer: &Renderer,
    f: &Finding,
    ctx: &ReportContext,
    masks: &[(usize, usize)],
) -> String {
    let level = match f.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Note => Level::NOTE,
    };
    let (start, end) = shown_span(f);
    let window = Window::new(
        &f.file,
        start,
        end,
        Options {
            context: CONTEXT_LINES,
            masked: masks,
            mask_literals: f.rule_id == PARSE_ERROR.id,
            ascii: ctx.ascii,
        },
    );
    let (line, col) = f.start();
    let message = printable(&redact(&f.message, f)).into_owned();
    let label = f
        .label
        .as_deref()
        .map(|l| printable(&redact(l, f)).into_owned());
    let path = printable(f.path()).into_owned();
    let mut annotation = AnnotationKind::Primary.span(window.label.clone());
    if let Some(label) = label {
        annotation = annotation.label(label);
    }
    // The snippet is named by a placeholder and the `path:line:col` the renderer computes
    // from it is replaced by the finding's own: the window's text is rewritten (masks,
    // escapes, cuts), so a column counted in it can be wrong. NUL never reaches the output
    // otherwise (`printable` escapes it).
    let mut group = Group::with_title(level.primary_title(message).id(f.rule_id.clone())).element(
        Snippet::source(window.text)
            .path(PLACEHOLDER)
            .line_start(window.first_line + 1)
            .fold(false)
            .annotation(annotation),
    );
    // The path the value took: where it is written is the snippet above; each place it
    // passed on the way to where it is used, one note each.
    for r in &f.related {
        let (l, c) = r.start();
        group = group.element(Level::NOTE.message(format!(
            "via {}:{l}:{c}: {}",
            printable(&r.file.display_path),
            printable(&r.message)
        )));
    }
    if f.confidence != Confidence::High {
        group = group.element(Level::NOTE.message(format!("confidence {}", f.confidence.as_str())));
    }
    if let Some(x) = f.fixes.first() {
        // One line: what the fix does and the flag that applies it.
        let flags = match x.applicability {
            Applicability::Safe => "--fix",
            Applicability::Unsafe => "--fix --unsafe-fixes",
        };
        let title = printable(&redact(&x.title, f)).into_owned();
        group = group.element(Level::HELP.message(format!(
            "fix available ({}): {title}; `azlint check {flags}`",
            x.applicability.as_str()
        )));
    }
    let rendered = renderer.render(&[group]);
    replace_origin(&rendered, &format!("{path}:{line}:{col}"))
}

const PLACEHOLDER: &str = "\u{0}";

/// `rendered` with the first `PLACEHOLDER:line:col` replaced by `origin`.
fn replace_origin(rendered: &str, origin: &str) -> String {
    let Some(at) = rendered.find(PLACEHOLDER) else {
        return rendered.to_string();
    };
    let (before, rest) = utf8::split_at(rendered, at);
    let rest = rest.strip_prefix(PLACEHOLDER).unwrap_or(rest);
    let mut end = 0;
    for _ in 0..2 {
        let digits = utf8::tail(rest, end)
            .strip_prefix(':')
            .map(|r| r.len() - r.trim_start_matches(|c: char| c.is_ascii_digit()).len());
        match digits {
            Some(n) if n > 0 => end += 1 + n,
            _ => break,
        }
    }
    format!("{before}{origin}{}", utf8::tail(rest, end))
}

/// `3 fixable with `azlint check --fix` (2 more with `--unsafe-fixes`)`, when any finding
/// has a fix (ruff's summary).
fn fixable_line(findings: &[Finding]) -> Option<String> {
    let (mut safe, mut only_unsafe) = (0, 0);
    for f in findings.iter().filter(|f| f.suppressed.is_none()) {
        if f.fixes
            .iter()
            .any(|x| x.applicability == Applicability::Safe)
        {
            safe += 1;
        } else if !f.fixes.is_empty() {
            only_unsafe += 1;
        }
    }
    match (safe, only_unsafe) {
        (0, 0) => None,
        (0, u) => Some(format!(
            "{u} fixable with `azlint check --fix --unsafe-fixes` (review them with `--diff --unsafe-fixes` first)"
        )),
        (s, 0) => Some(format!("{s} fixable with `azlint check --fix`")),
        (s, u) => Some(format!(
            "{s} fixable with `azlint check --fix` ({u} more with `--unsafe-fixes`)"
        )),
    }
}

/// One `help[ID]: title — run `azlint explain ID`` line per rule with an unsuppressed
/// finding, in id order; with `show_help`, the rule's full help below it.
fn rule_help(findings: &[Finding], ctx: &ReportContext, renderer: &Renderer) -> String {
    // Each rule once, with the format families its findings are written in: the help shows
    // the examples in the reader's languages.
    let mut fired: BTreeMap<&str, (&Finding, Vec<&str>)> = BTreeMap::new();
    for f in findings.iter().filter(|f| f.suppressed.is_none()) {
        let (_, families) = fired.entry(f.rule_id.as_str()).or_insert((f, Vec::new()));
        if let Some(family) = f.family() {
            if !families.contains(&family) {
                families.push(family);
            }
        }
    }
    let dash = if ctx.ascii { "-" } else { "—" };
    let mut out = String::new();
    for (id, (f, families)) in fired {
        let meta = meta_of(ctx, f);
        let id = printable(id);
        let title = format!(
            "{} {dash} run `azlint explain {id}`",
            printable(meta.title.trim())
        );
        let line = renderer.render(&[Group::with_title(
            Level::HELP.primary_title(title).id(id.clone().into_owned()),
        )]);
        let _ = writeln!(out, "{line}");
        if ctx.show_help && !meta.help.trim().is_empty() {
            for l in meta.help_for(&families).lines() {
                let l = printable_with(l.trim_end(), true);
                if l.is_empty() {
                    out.push('\n');
                } else {
                    let _ = writeln!(out, "    {l}");
                }
            }
            if let Some(url) = &meta.docs_url {
                let _ = writeln!(out, "    docs: {}", printable(url));
            }
            out.push('\n');
        }
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
