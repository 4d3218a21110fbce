//! Findings → LSP diagnostics, and rule help → hover text.

use std::collections::HashSet;
use std::sync::OnceLock;

use lsp_types::{
    CodeDescription, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, DiagnosticTag,
    Location, NumberOrString, Position, Range, Uri,
};
use serde_json::json;

use super::position::PositionIndex;
use crate::diagnostics::{INTERNAL_ERROR, UNREADABLE, UNUSED_SUPPRESSION};
use crate::finding::{Finding, Severity};
use crate::model::text as utf8;
use crate::rules::meta::RuleMeta;
use crate::rules::RuleSet;

pub(crate) const SOURCE: &str = "azlint";

/// Where a rule shipped with azlint is documented when its YAML gives no `docs:` link: the
/// rule's own file in the repository, which holds the help `azlint explain` prints. Stable:
/// rule ids are never reused.
pub(crate) fn rule_page(id: &str) -> String {
    format!(
        "{}/blob/main/rules/{id}.yaml",
        crate::report::INFORMATION_URI
    )
}

fn shipped(id: &str) -> bool {
    static IDS: OnceLock<HashSet<String>> = OnceLock::new();
    IDS.get_or_init(|| RuleSet::builtin().metas().map(|m| m.id.clone()).collect())
        .contains(id)
}

/// The rule's documentation link: its `docs:` URL, else (for rules shipped with azlint) its
/// page in the repository. User rules without `docs:` have none.
pub(crate) fn docs_link(id: &str, rules: &RuleSet) -> Option<String> {
    rules
        .get(id)
        .and_then(|r| r.docs_url.clone())
        .or_else(|| shipped(id).then(|| rule_page(id)))
}

pub(crate) fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Note => DiagnosticSeverity::INFORMATION,
    }
}

/// One finding as a diagnostic. `data` carries what code actions and other tools need
/// (confidence, resource, property, the rule's name).
pub(crate) fn diagnostic(f: &Finding, rules: &RuleSet, index: &PositionIndex) -> Diagnostic {
    let code_description = docs_link(&f.rule_id, rules)
        .and_then(|url| url.parse::<Uri>().ok())
        .map(|href| CodeDescription { href });
    let tags = (f.rule_id == UNUSED_SUPPRESSION.id).then(|| vec![DiagnosticTag::UNNECESSARY]);
    Diagnostic {
        range: index.range(f.span.start, f.span.end),
        severity: Some(severity(f.severity)),
        code: Some(NumberOrString::String(f.rule_id.clone())),
        code_description,
        source: Some(SOURCE.into()),
        // Messages name properties, never values; `redact` also masks a secret that a
        // message quotes by accident, as every other output does.
        message: crate::report::redact(&f.message, f).into_owned(),
        related_information: related(f, index),
        tags,
        data: Some(json!({
            "rule": f.rule_name,
            "confidence": f.confidence.as_str(),
            "resource": f.resource,
            "property": f.shown_property(),
            "fixes": fixes_data(f),
        })),
    }
}

/// The finding's fixes whose edits are all in its own file, as byte edits of the text that
/// was linted (code actions offer them while the buffer still holds that text). Fixes that
/// also edit another file (a new variable in `variables.tf`) are left to `azlint check
/// --fix`.
fn fixes_data(f: &Finding) -> serde_json::Value {
    let own: Vec<serde_json::Value> = f
        .fixes
        .iter()
        .filter(|x| {
            x.edits
                .iter()
                .all(|e| std::sync::Arc::ptr_eq(&e.file, &f.file) || e.file.path == f.file.path)
        })
        .map(|x| {
            json!({
                "title": x.title,
                "applicability": x.applicability.as_str(),
                "edits": x.edits.iter().map(|e| json!([e.start, e.end, e.replacement])).collect::<Vec<_>>(),
            })
        })
        .collect();
    serde_json::Value::Array(own)
}

/// The path the reported value took (a module argument, a parameter, an output, a patch),
/// each place as related information in its own file.
fn related(f: &Finding, index: &PositionIndex) -> Option<Vec<DiagnosticRelatedInformation>> {
    if f.related.is_empty() {
        return None;
    }
    let items: Vec<DiagnosticRelatedInformation> = f
        .related
        .iter()
        .filter_map(|r| {
            let uri = super::uri::from_path(&r.file.path)?;
            let positions = PositionIndex::new(&r.file.text, &r.file.line_index, index.encoding());
            Some(DiagnosticRelatedInformation {
                location: Location {
                    uri,
                    range: positions.range(r.span.start, r.span.end),
                },
                message: r.message.clone(),
            })
        })
        .collect();
    (!items.is_empty()).then_some(items)
}

/// A diagnostic the server makes itself at the top of a file (a file not linted, and why).
pub(crate) fn file_diagnostic(
    rule: crate::diagnostics::MetaRule,
    message: String,
    range: Range,
) -> Diagnostic {
    Diagnostic {
        range,
        severity: Some(DiagnosticSeverity::ERROR),
        code: Some(NumberOrString::String(rule.id.into())),
        code_description: rule_page(rule.id)
            .parse::<Uri>()
            .ok()
            .map(|href| CodeDescription { href }),
        source: Some(SOURCE.into()),
        message,
        ..Default::default()
    }
}

pub(crate) fn top() -> Range {
    Range::new(Position::new(0, 0), Position::new(0, 0))
}

/// An editor buffer over the engine's size limit: what `azlint check` reports for the file.
pub(crate) fn too_large(len: usize, max: u64) -> Diagnostic {
    file_diagnostic(
        UNREADABLE,
        format!(
            "cannot read the file: the buffer is {len} bytes, larger than the {max} byte limit \
             (raise it with max-file-size)"
        ),
        top(),
    )
}

/// A lint that panicked outside the engine's own containment.
pub(crate) fn internal_error(what: &str) -> Diagnostic {
    file_diagnostic(
        INTERNAL_ERROR,
        format!(
            "{what} while linting this file; it was not checked (this is a bug in azlint: \
             please report it with the file)"
        ),
        top(),
    )
}

/// Hover text for rules: title, help and documentation link of each.
/// `families`: the format families of the document (its examples are shown; all when the
/// rule has none for them).
pub(crate) fn rule_help(
    metas: &[&RuleMeta],
    rules: &RuleSet,
    markdown: bool,
    families: &[&str],
) -> String {
    let mut parts = Vec::new();
    for m in metas {
        let help = m.help_for(families);
        let mut s = if markdown {
            format!("**{}** `{}`: {}\n\n{}", m.id, m.name, m.title, help.trim())
        } else {
            format!("{} {}: {}\n\n{}", m.id, m.name, m.title, help.trim())
        };
        if let Some(url) = docs_link(&m.id, rules) {
            if markdown {
                s.push_str(&format!("\n\n[Documentation for {}]({url})", m.id));
            } else {
                s.push_str(&format!("\n\nDocumentation: {url}"));
            }
        }
        parts.push(s);
    }
    parts.join(if markdown { "\n\n---\n\n" } else { "\n\n" })
}

/// The rule id or name under `col` (a byte column) of `line`, when the line holds a
/// suppression directive.
pub(crate) fn rule_word_at<'a>(line: &'a str, col: usize, rules: &RuleSet) -> Option<&'a str> {
    if !(line.contains("azlint") || line.contains("#disable-next-line")) {
        return None;
    }
    let is_word = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    // A byte column inside a character counts from that character's start.
    let col = utf8::floor_boundary(line, col);
    let (before, after) = utf8::split_at(line, col);
    let start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_word(*c))
        .last()
        .map_or(col, |(i, _)| i);
    let end = after
        .char_indices()
        .find(|(_, c)| !is_word(*c))
        .map_or(line.len(), |(i, _)| col + i);
    let word = line.get(start..end)?;
    (!word.is_empty() && rules.get(word).is_some()).then_some(word)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Confidence;
    use crate::source::{SourceFile, Span};
    use std::sync::Arc;

    fn finding(rule: &str, text: &str, start: usize, end: usize) -> Finding {
        let meta = RuleSet::builtin().get(rule).cloned().expect("a rule");
        Finding {
            rule_id: meta.id,
            rule_name: meta.name,
            severity: Severity::Warning,
            confidence: Confidence::Medium,
            message: "m".into(),
            file: Arc::new(SourceFile::from_text("a.bicep", text)),
            span: Span::new(0, start, end),
            label: None,
            resource: Some("app".into()),
            property: Some("properties.x".into()),
            property_key: None,
            written_property: None,
            mask: false,
            suppressed: None,
            fixes: Vec::new(),
            related: Vec::new(),
        }
    }

    #[test]
    fn every_shipped_rule_has_a_documentation_link() {
        let rules = RuleSet::builtin();
        for m in rules.metas() {
            let link = docs_link(&m.id, &rules).unwrap_or_else(|| panic!("{} has no link", m.id));
            assert!(link.parse::<Uri>().is_ok(), "{link}");
        }
        assert_eq!(
            docs_link("AZL004", &rules),
            Some(rule_page("AZL004")),
            "meta rules have no docs: and link to their own page"
        );
        assert_eq!(docs_link("ORG001", &rules), None);
    }

    #[test]
    fn diagnostics_carry_code_link_tags_and_data() {
        let rules = RuleSet::builtin();
        let f = finding("AZL004", "x = 1 // azlint-ignore AZL101 why\n", 6, 33);
        let index = PositionIndex::new(
            &f.file.text,
            &f.file.line_index,
            super::super::position::Encoding::Utf16,
        );
        let d = diagnostic(&f, &rules, &index);
        assert_eq!(d.code, Some(NumberOrString::String("AZL004".into())));
        assert_eq!(d.tags, Some(vec![DiagnosticTag::UNNECESSARY]));
        assert_eq!(d.severity, Some(DiagnosticSeverity::WARNING));
        assert_eq!(d.range.start, Position::new(0, 6));
        assert!(d.code_description.is_some());
        let data = d.data.expect("data");
        assert_eq!(data["confidence"], "medium");
        assert_eq!(data["resource"], "app");
        assert_eq!(data["property"], "properties.x");
        assert_eq!(data["rule"], "unused-suppression");
        let plain = finding("AZL101", "x", 0, 1);
        let d = diagnostic(&plain, &rules, &index);
        assert_eq!(d.tags, None);
    }

    #[test]
    fn rule_words_are_found_only_in_suppression_comments() {
        let rules = RuleSet::builtin();
        let line = "  // azlint-disable-next-line AZL101, plaintext-app-secret reason";
        let at = line.find("AZL101").unwrap() + 2;
        assert_eq!(rule_word_at(line, at, &rules), Some("AZL101"));
        let at = line.find("plaintext").unwrap() + 20;
        assert_eq!(rule_word_at(line, at, &rules), Some("plaintext-app-secret"));
        assert_eq!(rule_word_at(line, line.len(), &rules), None);
        assert_eq!(rule_word_at("value: AZL101", 9, &rules), None);
        // Every byte column of a line with multi-byte text, inside characters and past the
        // end included: no panic, and only the rule under the column is found.
        let line = "// 日本 azlint-ignore AZL101 理由 🔐";
        let id = line.find("AZL101").unwrap();
        for col in 0..=line.len() + 2 {
            let expect = (id..=id + 6).contains(&col).then_some("AZL101");
            assert_eq!(rule_word_at(line, col, &rules), expect, "column {col}");
        }
        let help = rule_help(&[rules.get("AZL101").unwrap()], &rules, true, &[]);
        assert!(help.starts_with("**AZL101**"), "{help}");
        assert!(help.contains("[Documentation for AZL101]("), "{help}");
    }
}
