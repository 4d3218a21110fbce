//! Inline suppressions, read from the comments each front end records in the document
//! (`Document::comments`), or from the text when a file has none (it failed to parse, or is a
//! `.tf.json`).
//!
//! | format | syntax (on the line(s) directly above) |
//! |---|---|
//! | Bicep | `// azlint-disable-next-line AZL101 reason`, Bicep's own `#disable-next-line AZL101 reason`, `// azlint-ignore AZL101 reason` |
//! | Terraform | `# azlint:ignore AZL101 reason` (or `//`, or `azlint-ignore`) |
//! | ARM JSON | `// azlint-ignore AZL101 reason`; resource `"metadata": {"azlint": {"ignore": [{"id": "AZL101", "reason": "…"}]}}` |
//! | YAML | `# azlint-ignore AZL101 reason` |
//!
//! Rules are named by id or name, several comma-separated; a `:` after them is allowed.
//! `…-disable-next-line` covers the next line only; `azlint-ignore` / `azlint:ignore` covers the
//! next line, or the whole block when that line opens one (brace matching that skips strings and
//! comments; indentation for YAML). Consecutive directive lines stack. A directive in a
//! trailing comment (`value = "x" # azlint:ignore AZL101 reason`) covers its own line. A directive without a
//! reason still suppresses but is reported (AZL003); one that matched nothing is reported (AZL004).

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use crate::diagnostics::{MetaRule, SUPPRESSION_WITHOUT_REASON, UNUSED_SUPPRESSION};
use crate::finding::{Confidence, Finding, Severity, Suppression, SuppressionKind};
use crate::lang::Language;
use crate::model::text as utf8;
use crate::model::{may_hold_directives, Comment, CommentKind};
use crate::source::{SourceFile, Span};

/// Source syntax families for comments, strings and blocks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Lang {
    Bicep,
    Terraform,
    Json,
    Yaml,
}

impl Lang {
    fn of(language: Language) -> Lang {
        match language {
            Language::Bicep | Language::BicepParam => Lang::Bicep,
            Language::Arm | Language::ArmParameters => Lang::Json,
            Language::AcaYaml => Lang::Yaml,
            // `.tf.json` / `.tfvars.json` are JSON syntax.
            Language::Terraform | Language::TerraformVars => Lang::Terraform,
        }
    }

    fn of_file(language: Language, path: &str) -> Lang {
        if path.to_ascii_lowercase().ends_with(".json") {
            Lang::Json
        } else {
            Lang::of(language)
        }
    }
}

/// What suppressions need to know about the rule catalogue (implemented by the rule set;
/// the trait keeps this module independent of the rule engine).
pub trait RuleNames: Sync {
    /// An azlint rule id or name.
    fn is_rule(&self, name: &str) -> bool;
    /// The ids of the azlint rules equivalent to a Bicep linter rule
    /// (`outputs-should-not-contain-secrets` → `AZL105`); empty when it has none.
    fn linter_equivalents(&self, linter_rule: &str) -> Vec<String>;
}

/// One suppression as written.
#[derive(Clone, Debug)]
pub struct Directive {
    /// Rule ids or names as written.
    pub rules: Vec<String>,
    /// `None` when no reason was given.
    pub reason: Option<String>,
    /// Where the directive is written (the comment, or the metadata entry).
    pub at: Range<usize>,
    /// What it covers: a line, or a block.
    pub target: Range<usize>,
    /// Resource-level metadata: also covers findings about the resource declared here.
    pub metadata: bool,
}

/// Read every directive of one file, from the comments its front end recorded (`None`: by
/// scanning its text).
fn directives(
    text: &str,
    lang: Lang,
    names: &dyn RuleNames,
    comments: Option<&[Comment]>,
) -> Vec<Directive> {
    let mut out = comment_directives(text, lang, names, comments);
    if lang == Lang::Json && text.contains("\"azlint\"") {
        out.extend(metadata_directives(text));
    }
    out
}

/// The suppression directives written in one file, with the resources declared in it (for
/// resource-level `metadata` suppressions). Scanned once per file while its document is
/// alive; applied to the findings of the whole run at the end ([`apply`]), so a directive
/// in a module used by several deployments counts as used when any of them needs it.
#[derive(Clone, Debug)]
pub struct FileDirectives {
    pub file: Arc<SourceFile>,
    pub directives: Vec<Directive>,
    /// Declaration spans and display names of the resources declared in the file.
    pub resources: Vec<(Range<usize>, String)>,
}

/// The directives of `file` (`None` when it has none, the common case, told cheaply), read
/// from `comments` when its front end recorded them, else by scanning its text.
pub fn scan(
    file: &Arc<SourceFile>,
    language: Language,
    resources: impl FnOnce() -> Vec<(Range<usize>, String)>,
    names: &dyn RuleNames,
    comments: Option<&[Comment]>,
) -> Option<FileDirectives> {
    if !may_hold_directives(&file.text) {
        return None;
    }
    let found = directives(
        &file.text,
        Lang::of_file(language, &file.display_path),
        names,
        comments,
    );
    (!found.is_empty()).then(|| FileDirectives {
        file: file.clone(),
        directives: found,
        resources: resources(),
    })
}

/// The directives of every file of `doc` that `wanted` accepts (by display path).
pub fn scan_document(
    doc: &crate::model::Document,
    wanted: &dyn Fn(&str) -> bool,
    names: &dyn RuleNames,
) -> Vec<FileDirectives> {
    let mut out = Vec::new();
    for file in &doc.files {
        if !wanted(&file.display_path) {
            continue;
        }
        let declared_here = || {
            doc.resources
                .iter()
                .filter(|r| doc.span_in(r.span, file))
                .map(|r| (r.span.range(), r.name.clone()))
                .collect()
        };
        let language = match Language::by_name(&file.path) {
            Some(crate::lang::ByName::Is(l)) => l,
            Some(crate::lang::ByName::Json) => Language::Arm,
            Some(crate::lang::ByName::Yaml) => Language::AcaYaml,
            None => doc.format,
        };
        out.extend(scan(
            file,
            language,
            declared_here,
            names,
            doc.comments_of(file.id),
        ));
    }
    out
}

/// Apply inline suppressions to `findings` and append AZL003/AZL004 findings for directives
/// without a reason or without a match. `files` holds each file at most once.
///
/// A Bicep linter rule name in Bicep's own `#disable-next-line` (e.g.
/// `outputs-should-not-contain-secrets`) also suppresses the equivalent azlint rules; such a
/// name is a courtesy to the Bicep linter's users, so it is never reported as unused and
/// needs no reason (Bicep's syntax has none).
pub fn apply(findings: &mut Vec<Finding>, files: &[FileDirectives], names: &dyn RuleNames) {
    let mut by_path: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, f) in findings.iter().enumerate() {
        by_path
            .entry(f.file.display_path.as_str())
            .or_default()
            .push(i);
    }
    let mut by_path: HashMap<String, Vec<usize>> = by_path
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
    let mut extra = Vec::new();
    for FileDirectives {
        file,
        directives: found,
        resources,
    } in files
    {
        let indices = by_path.remove(&file.display_path).unwrap_or_default();
        for d in found {
            let mut used = vec![false; d.rules.len()];
            // Bicep linter names (not azlint's own) and the azlint rules they stand for.
            let linter: Vec<Vec<String>> = d
                .rules
                .iter()
                .map(|r| {
                    if names.is_rule(r) {
                        Vec::new()
                    } else {
                        names.linter_equivalents(r)
                    }
                })
                .collect();
            let courtesy = |k: usize| !linter[k].is_empty();
            for &i in &indices {
                let f = &mut findings[i];
                if f.suppressed.is_some() || !covers(d, f, resources) {
                    continue;
                }
                let hit = d.rules.iter().enumerate().position(|(k, r)| {
                    r.eq_ignore_ascii_case(&f.rule_id)
                        || r.eq_ignore_ascii_case(&f.rule_name)
                        || linter[k]
                            .iter()
                            .any(|id| id.eq_ignore_ascii_case(&f.rule_id))
                });
                if let Some(k) = hit {
                    used[k] = true;
                    f.suppressed = Some(Suppression {
                        kind: SuppressionKind::InSource,
                        justification: d.reason.clone().unwrap_or_default(),
                    });
                }
            }
            let span = Span::new(0, d.at.start, d.at.end);
            let only_courtesy = (0..d.rules.len()).all(courtesy);
            if d.reason.is_none() && !only_courtesy {
                extra.push(meta_finding(
                    SUPPRESSION_WITHOUT_REASON,
                    Severity::Warning,
                    format!(
                        "suppression of {} gives no reason; add one after the rule id",
                        d.rules.join(", ")
                    ),
                    file,
                    span,
                ));
            }
            let unused: Vec<&str> = d
                .rules
                .iter()
                .zip(&used)
                .enumerate()
                .filter(|(k, (_, u))| !**u && !courtesy(*k))
                .map(|(_, (r, _))| r.as_str())
                .collect();
            if !unused.is_empty() {
                let listed = unused
                    .iter()
                    .map(|r| format!("`{r}`"))
                    .collect::<Vec<_>>()
                    .join(", ");
                let why = if unused.iter().all(|r| names.is_rule(r)) {
                    "matched no finding; remove it"
                } else {
                    "matched no finding (is the rule id or name spelled right?)"
                };
                extra.push(meta_finding(
                    UNUSED_SUPPRESSION,
                    Severity::Note,
                    format!("suppression of {listed} {why}"),
                    file,
                    span,
                ));
            }
        }
    }
    findings.extend(extra);
}

fn covers(d: &Directive, f: &Finding, resources: &[(Range<usize>, String)]) -> bool {
    let at = f.span.start as usize;
    if d.target.contains(&at) || (d.target.is_empty() && d.target.start == at) {
        return true;
    }
    d.metadata
        && f.resource.as_deref().is_some_and(|name| {
            resources
                .iter()
                .any(|(span, r)| r == name && d.target.contains(&span.start))
        })
}

fn meta_finding(
    rule: MetaRule,
    severity: Severity,
    message: String,
    file: &Arc<SourceFile>,
    span: Span,
) -> Finding {
    Finding {
        rule_id: rule.id.into(),
        rule_name: rule.name.into(),
        severity,
        confidence: Confidence::High,
        message,
        file: file.clone(),
        span,
        label: None,
        resource: None,
        property: None,
        property_key: None,
        written_property: None,
        mask: false,
        suppressed: None,
        fixes: Vec::new(),
        related: Vec::new(),
    }
}

// ---------------------------------------------------------------------------------------------
// Comment directives

const KEYWORDS: &[(&str, bool)] = &[
    // (keyword, covers a whole block when placed above a block header)
    ("azlint-disable-next-line", false),
    ("azlint-ignore", true),
    ("azlint:ignore", true),
];

/// The comment text of a line that is only a comment, for the format's comment leaders.
fn own_line_comment(line: &str, lang: Lang) -> Option<&str> {
    let t = line.trim_start();
    if let Some(rest) = t.strip_prefix("//") {
        return (lang != Lang::Yaml).then_some(rest);
    }
    if let Some(rest) = t.strip_prefix('#') {
        return matches!(lang, Lang::Terraform | Lang::Yaml).then_some(rest);
    }
    None
}

/// What one line holds for directives.
enum LineComment<'t> {
    /// The line is only a comment: its text after the leader (`//`, `#`), or a Bicep
    /// `#disable-next-line` pragma (from its `#`).
    Own { text: &'t str, bicep_pragma: bool },
    /// Code, then a comment from this offset in the line (after its leader).
    Trailing(usize),
    /// Code only.
    Code,
}

/// Classify `line` by scanning its text (the file's comments are not known: it did not
/// parse, or it was not read through a front end).
fn scanned_line(line: &str, lang: Lang) -> LineComment<'_> {
    if lang == Lang::Bicep && line.trim_start().starts_with("#disable-next-line") {
        return LineComment::Own {
            text: line.trim_start(),
            bicep_pragma: true,
        };
    }
    if let Some(text) = own_line_comment(line, lang) {
        return LineComment::Own {
            text,
            bicep_pragma: false,
        };
    }
    match trailing_comment(line, lang) {
        Some(at) => LineComment::Trailing(at),
        None => LineComment::Code,
    }
}

/// Classify the line at `range` from the comments its front end recorded on it (`on_line`:
/// those that start in it, in order); text inside strings is never a comment.
fn recorded_line<'t>(text: &'t str, range: &Range<usize>, on_line: &[Comment]) -> LineComment<'t> {
    let leader = |c: &Comment| {
        let t = text.get(c.range()).unwrap_or("");
        if t.starts_with("//") {
            2
        } else {
            usize::from(t.starts_with('#'))
        }
    };
    let Some(first) = on_line.first() else {
        return LineComment::Code;
    };
    let before = text.get(range.start..first.start as usize).unwrap_or("x");
    if before.trim().is_empty() {
        let end = (first.end as usize).min(range.end);
        match first.kind {
            CommentKind::Line => {
                return LineComment::Own {
                    text: text
                        .get(first.start as usize + leader(first)..end)
                        .unwrap_or(""),
                    bicep_pragma: false,
                }
            }
            CommentKind::Pragma => {
                let pragma = text.get(first.start as usize..end).unwrap_or("");
                if pragma.starts_with("#disable-next-line") {
                    return LineComment::Own {
                        text: pragma,
                        bicep_pragma: true,
                    };
                }
            }
            CommentKind::Block => {}
        }
    }
    on_line
        .iter()
        .find(|c| c.kind == CommentKind::Line && (c.start as usize) > range.start)
        .map_or(LineComment::Code, |c| {
            LineComment::Trailing(c.start as usize - range.start + leader(c))
        })
}

fn comment_directives(
    text: &str,
    lang: Lang,
    names: &dyn RuleNames,
    comments: Option<&[Comment]>,
) -> Vec<Directive> {
    let lines = line_ranges(text);
    let mut out = Vec::new();
    let mut pending: Vec<(Directive, bool)> = Vec::new();
    let mut next_comment = 0;
    for (n, range) in lines.iter().enumerate() {
        let line = utf8::slice(text, range.clone());
        let classified = match comments {
            Some(all) => {
                // The comments that start on this line (both lists are in source order).
                while next_comment < all.len() && (all[next_comment].start as usize) < range.start {
                    next_comment += 1;
                }
                let from = next_comment;
                while next_comment < all.len() && (all[next_comment].start as usize) <= range.end {
                    next_comment += 1;
                }
                recorded_line(text, range, &all[from..next_comment])
            }
            None => scanned_line(line, lang),
        };
        if let LineComment::Own {
            text: c,
            bicep_pragma,
        } = classified
        {
            let parsed = if bicep_pragma {
                parse_bicep_disable(c.trim_start_matches("#disable-next-line"), names)
                    .map(|d| (d, false))
            } else {
                parse_comment(c)
            };
            if let Some((rules, reason, block)) = parsed.map(|((r, why), b)| (r, why, b)) {
                let start = range.start + (line.len() - line.trim_start().len());
                pending.push((
                    Directive {
                        rules,
                        reason,
                        at: start..range.end,
                        target: 0..0,
                        metadata: false,
                    },
                    block,
                ));
            }
            // Any comment line keeps stacked directives pending for the next code line.
            continue;
        }
        // `value = "x" # azlint:ignore AZL101 reason`: covers its own line.
        if let LineComment::Trailing(at) = classified {
            if let Some(((rules, reason), _)) = parse_comment(utf8::tail(line, at)) {
                out.push(Directive {
                    rules,
                    reason,
                    at: range.start + at..range.end,
                    target: range.clone(),
                    metadata: false,
                });
            }
        }
        if pending.is_empty() {
            continue;
        }
        let line_target = range.clone();
        let block_target = block_extent(text, range.start, lang, &lines, n);
        for (mut d, block) in pending.drain(..) {
            d.target = if block {
                block_target.clone()
            } else {
                line_target.clone()
            };
            out.push(d);
        }
    }
    // Directives at the end of the file cover nothing (they will be reported unused).
    for (mut d, _) in pending {
        d.target = text.len()..text.len();
        out.push(d);
    }
    out
}

/// Byte offset (in `line`) of the text after a trailing comment leader outside strings.
fn trailing_comment(line: &str, lang: Lang) -> Option<usize> {
    if !line.contains("azlint") {
        return None;
    }
    let quote = match lang {
        Lang::Bicep => b'\'',
        Lang::Terraform | Lang::Json => b'"',
        Lang::Yaml => 0,
    };
    let bytes = line.as_bytes();
    let (mut i, mut in_str, mut yaml_quote) = (0, false, 0u8);
    while i < bytes.len() {
        let b = bytes[i];
        if in_str {
            if b == b'\\' && lang != Lang::Yaml {
                i += 1;
            } else if (lang == Lang::Yaml && b == yaml_quote) || (lang != Lang::Yaml && b == quote)
            {
                in_str = false;
            }
        } else if lang == Lang::Yaml && (b == b'"' || b == b'\'') {
            in_str = true;
            yaml_quote = b;
        } else if lang != Lang::Yaml && b == quote {
            in_str = true;
        } else if b == b'/' && bytes.get(i + 1) == Some(&b'/') && lang != Lang::Yaml {
            return Some(i + 2);
        } else if b == b'#'
            && (lang == Lang::Terraform || (lang == Lang::Yaml && i > 0 && bytes[i - 1] == b' '))
        {
            return Some(i + 1);
        }
        i += 1;
    }
    None
}

type Parsed = (Vec<String>, Option<String>);

/// `azlint-ignore AZL101, AZL102: reason` → (rules, reason), plus whether it covers blocks.
fn parse_comment(comment: &str) -> Option<(Parsed, bool)> {
    let c = comment.trim_start();
    let (rest, block) = KEYWORDS
        .iter()
        .find_map(|(kw, block)| c.strip_prefix(kw).map(|r| (r, *block)))?;
    if !(rest.is_empty() || rest.starts_with(char::is_whitespace)) {
        return None;
    }
    Some((parse_rules_and_reason(rest), block))
}

fn is_rule_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '_'
}

fn parse_rules_and_reason(rest: &str) -> Parsed {
    let mut rules = Vec::new();
    let mut s = rest.trim_start();
    loop {
        let end = s.find(|c: char| !is_rule_char(c)).unwrap_or(s.len());
        if end == 0 {
            break;
        }
        let (rule, after) = utf8::split_at(s, end);
        rules.push(rule.to_string());
        let trimmed = after.trim_start();
        if let Some(next) = trimmed.strip_prefix(',') {
            s = next.trim_start();
        } else {
            s = after;
            break;
        }
    }
    (rules, reason_of(s))
}

/// The reason: what follows the rule list, without a leading `:`/`-`/`—` separator.
fn reason_of(s: &str) -> Option<String> {
    let r = s
        .trim()
        .trim_start_matches([':', '-', '—', '–'])
        .trim()
        .trim_end_matches("*/")
        .trim();
    // The placeholder the editor's "suppress" quick fix inserts is not a reason yet.
    let placeholder = r
        .strip_prefix('<')
        .and_then(|r| r.strip_suffix('>'))
        .is_some_and(|inner| !inner.contains(['<', '>']));
    (!r.is_empty() && !placeholder).then(|| r.to_string())
}

/// Bicep's `#disable-next-line code1 code2 …`: codes are space-separated and may include
/// Bicep's own linter codes, which are not ours. The directive is ours when at least one code
/// is an azlint id/name; the text after the leading run of codes is the reason.
fn parse_bicep_disable(rest: &str, names: &dyn RuleNames) -> Option<Parsed> {
    let is_ours =
        |t: &str| is_azl_id(t) || names.is_rule(t) || !names.linter_equivalents(t).is_empty();
    let mut rules = Vec::new();
    let mut s = rest.trim_start();
    loop {
        let end = s.find(char::is_whitespace).unwrap_or(s.len());
        if end == 0 {
            break;
        }
        let (tok, after) = utf8::split_at(s, end);
        let tok = tok.trim_end_matches([',', ':']);
        // A token is any run of non-blanks (`ab€`): compare bytes, not `tok[..3]`.
        let bicep_code = utf8::strip_prefix_ignore_ascii_case(tok, "BCP")
            .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
        let lint_code = tok.contains('-')
            && tok
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if is_ours(tok) {
            rules.push(tok.to_string());
        } else if !(bicep_code || lint_code) {
            break;
        }
        s = after.trim_start();
    }
    if rules.is_empty() {
        return None;
    }
    Some((rules, reason_of(s)))
}

fn is_azl_id(t: &str) -> bool {
    utf8::strip_prefix_ignore_ascii_case(t, "AZL")
        .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}

/// Byte ranges of lines without terminators.
fn line_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        if b == b'\n' {
            let mut end = i;
            if end > start && text.as_bytes()[end - 1] == b'\r' {
                end -= 1;
            }
            out.push(start..end);
            start = i + 1;
        }
    }
    if start < text.len() {
        out.push(start..text.len());
    }
    out
}

/// The range covered from the line starting at `start`: up to the bracket that closes the
/// block the line opens, or just the line.
fn block_extent(
    text: &str,
    start: usize,
    lang: Lang,
    lines: &[Range<usize>],
    n: usize,
) -> Range<usize> {
    let line_end = lines[n].end;
    if lang == Lang::Yaml {
        return yaml_extent(text, lines, n);
    }
    let mut scan = Scanner::new(text, start, lang);
    let mut depth: i64 = 0;
    let mut opened = false;
    while let Some((pos, c)) = scan.next_code_char() {
        match c {
            '{' | '[' | '(' => {
                depth += 1;
                if pos < line_end {
                    opened = true;
                }
            }
            '}' | ']' | ')' => {
                depth -= 1;
                if depth <= 0 && pos >= line_end {
                    return start..pos + 1;
                }
                if depth < 0 {
                    break;
                }
            }
            _ => {}
        }
        if pos >= line_end && (!opened || depth <= 0) {
            break;
        }
    }
    if opened && depth > 0 {
        // Unclosed: cover to the end of the file.
        return start..text.len();
    }
    start..line_end.max(start)
}

/// YAML: the line and every following line indented deeper (blank and comment lines
/// included); a `key:` line also owns a sequence written at its own indentation.
fn yaml_extent(text: &str, lines: &[Range<usize>], n: usize) -> Range<usize> {
    let indent = |r: &Range<usize>| {
        let l = utf8::slice(text, r.clone());
        l.len() - l.trim_start().len()
    };
    let head = utf8::slice(text, lines[n].clone()).trim();
    let opens_mapping = head.ends_with(':');
    let base = indent(&lines[n]);
    let mut end = lines[n].end;
    for r in &lines[n + 1..] {
        let t = utf8::slice(text, r.clone()).trim_start();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        let ind = indent(r);
        let same_level_item = opens_mapping && ind == base && (t.starts_with("- ") || t == "-");
        if ind <= base && !same_level_item {
            break;
        }
        end = r.end;
    }
    lines[n].start..end
}

/// Walks code characters, skipping strings, comments and (Terraform) heredocs.
struct Scanner<'a> {
    text: &'a str,
    pos: usize,
    lang: Lang,
}

impl<'a> Scanner<'a> {
    fn new(text: &'a str, pos: usize, lang: Lang) -> Self {
        Scanner { text, pos, lang }
    }

    fn next_code_char(&mut self) -> Option<(usize, char)> {
        let bytes = self.text.as_bytes();
        while self.pos < bytes.len() {
            let rest = utf8::tail(self.text, self.pos);
            let c = rest.chars().next()?;
            let here = self.pos;
            if rest.starts_with("//") || (self.lang == Lang::Terraform && c == '#') {
                self.pos += rest.find('\n').unwrap_or(rest.len());
                continue;
            }
            if let Some(body) = rest.strip_prefix("/*") {
                self.pos += body.find("*/").map(|i| i + 4).unwrap_or(rest.len());
                continue;
            }
            match (self.lang, c) {
                (Lang::Bicep, '\'') => {
                    self.skip_bicep_string();
                    continue;
                }
                (Lang::Terraform | Lang::Json, '"') => {
                    self.skip_quoted('"');
                    continue;
                }
                (Lang::Json, '\'') => {
                    self.skip_quoted('\'');
                    continue;
                }
                (Lang::Terraform, '<') if rest.starts_with("<<") && self.skip_heredoc() => continue,
                _ => {}
            }
            self.pos += c.len_utf8();
            return Some((here, c));
        }
        None
    }

    fn skip_quoted(&mut self, quote: char) {
        let bytes = self.text.as_bytes();
        let mut i = self.pos + 1;
        while i < bytes.len() {
            match bytes[i] {
                b'\\' => i += 2,
                b if b == quote as u8 => {
                    self.pos = i + 1;
                    return;
                }
                // Strings do not span lines in HCL/JSON: recover at the line end.
                b'\n' => {
                    self.pos = i;
                    return;
                }
                _ => i += 1,
            }
        }
        self.pos = bytes.len();
    }

    fn skip_bicep_string(&mut self) {
        let rest = utf8::tail(self.text, self.pos);
        if let Some(body) = rest.strip_prefix("'''") {
            self.pos += 3 + body.find("'''").map(|i| i + 3).unwrap_or(body.len());
            return;
        }
        let bytes = self.text.as_bytes();
        let mut i = self.pos + 1;
        while i < bytes.len() {
            match bytes[i] {
                b'\\' => i += 2,
                b'\'' => {
                    self.pos = i + 1;
                    return;
                }
                b'\n' => {
                    self.pos = i;
                    return;
                }
                _ => i += 1,
            }
        }
        self.pos = bytes.len();
    }

    /// `<<EOF` / `<<-EOF` … `EOF`: skip the body. False when it is not a heredoc.
    fn skip_heredoc(&mut self) -> bool {
        let rest = utf8::tail(self.text, self.pos + 2);
        let rest = rest.strip_prefix('-').unwrap_or(rest);
        let end = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        if end == 0 {
            return false;
        }
        let marker = utf8::prefix(rest, end);
        let Some(nl) = utf8::tail(self.text, self.pos).find('\n') else {
            self.pos = self.text.len();
            return true;
        };
        let mut p = self.pos + nl + 1;
        while p < self.text.len() {
            let line_end = utf8::tail(self.text, p)
                .find('\n')
                .map(|i| p + i)
                .unwrap_or(self.text.len());
            if utf8::slice(self.text, p..line_end).trim() == marker {
                self.pos = line_end;
                return true;
            }
            p = line_end + 1;
        }
        self.pos = self.text.len();
        true
    }
}

// ---------------------------------------------------------------------------------------------
// ARM resource metadata: "metadata": { "azlint": { "ignore": [ { "id": …, "reason": … } ] } }

fn metadata_directives(text: &str) -> Vec<Directive> {
    use jsonc_parser::{parse_to_ast, CollectOptions, ParseOptions};
    // The AST parser recurses: do not hand it pathological nesting.
    if max_depth(text) > crate::frontend::MAX_DEPTH {
        return Vec::new();
    }
    let Ok(parsed) = parse_to_ast(text, &CollectOptions::default(), &ParseOptions::default())
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if let Some(v) = &parsed.value {
        walk(v, 0, &mut out);
    }
    out
}

fn max_depth(text: &str) -> usize {
    let mut scan = Scanner::new(text, 0, Lang::Json);
    let (mut depth, mut max) = (0usize, 0usize);
    while let Some((_, c)) = scan.next_code_char() {
        match c {
            '{' | '[' => {
                depth += 1;
                max = max.max(depth);
            }
            '}' | ']' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    max
}

fn walk(v: &jsonc_parser::ast::Value, depth: usize, out: &mut Vec<Directive>) {
    use jsonc_parser::ast::Value;
    if depth > crate::frontend::MAX_DEPTH {
        return;
    }
    match v {
        Value::Object(obj) => {
            let target = obj.range.start..obj.range.end;
            for p in &obj.properties {
                if p.name.as_str().eq_ignore_ascii_case("metadata") {
                    if let Value::Object(meta) = &p.value {
                        read_metadata(meta, &target, out);
                    }
                }
                walk(&p.value, depth + 1, out);
            }
        }
        Value::Array(arr) => {
            for e in &arr.elements {
                walk(e, depth + 1, out);
            }
        }
        _ => {}
    }
}

fn prop<'b, 'a>(
    obj: &'b jsonc_parser::ast::Object<'a>,
    name: &str,
) -> Option<&'b jsonc_parser::ast::ObjectProp<'a>> {
    obj.properties
        .iter()
        .find(|p| p.name.as_str().eq_ignore_ascii_case(name))
}

fn read_metadata(
    meta: &jsonc_parser::ast::Object,
    target: &Range<usize>,
    out: &mut Vec<Directive>,
) {
    use jsonc_parser::ast::Value;
    let Some(Value::Object(azlint)) = prop(meta, "azlint").map(|p| &p.value) else {
        return;
    };
    let Some(Value::Array(list)) = prop(azlint, "ignore").map(|p| &p.value) else {
        return;
    };
    for entry in &list.elements {
        let (rules, reason, at) = match entry {
            // `"ignore": ["AZL101"]`: allowed, but has no reason.
            Value::StringLit(s) => (vec![s.value.to_string()], None, s.range),
            Value::Object(o) => {
                let text = |name: &str| match prop(o, name).map(|p| &p.value) {
                    Some(Value::StringLit(s)) => Some(s.value.to_string()),
                    _ => None,
                };
                let ids = text("id").or_else(|| text("rule")).unwrap_or_default();
                let rules = ids
                    .split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect();
                (rules, text("reason").and_then(|r| reason_of(&r)), o.range)
            }
            _ => continue,
        };
        out.push(Directive {
            rules,
            reason,
            at: at.start..at.end,
            target: target.clone(),
            metadata: true,
        });
    }
}

#[cfg(test)]
mod tests;
