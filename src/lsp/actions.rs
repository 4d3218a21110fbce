//! Code actions: quick fixes as byte edits of the document's current text, turned into a
//! `WorkspaceEdit` (or, for clients without code action literals, the `azlint.applyFix`
//! command carrying it).
//!
//! Every quick fix is a [`QuickFix`]: a title and [`ByteEdit`]s. A finding's own fixes (when
//! findings carry them) become quick fixes through one more function beside
//! [`suppress_fix`] and [`remove_unused_fix`]; conversion, versions and commands are shared.

use std::collections::HashMap;
use std::path::Path;

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, Command, Diagnostic, NumberOrString, TextEdit,
    Uri, WorkspaceEdit,
};
use serde_json::json;

use super::position::{Encoding, PositionIndex};
use crate::diagnostics::{
    INTERNAL_ERROR, PARSE_ERROR, SUPPRESSION_WITHOUT_REASON, UNREADABLE, UNUSED_SUPPRESSION,
};
use crate::lang::{ByName, Language};
use crate::model::text as utf8;
use crate::source::LineIndex;

/// The command that applies a quick fix's edit (for clients that take commands only).
pub(crate) const APPLY_FIX: &str = "azlint.applyFix";

/// Replace `start..end` (bytes of the current text) with `text`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) struct ByteEdit {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

#[derive(Clone, Debug)]
pub(crate) struct QuickFix {
    pub title: String,
    pub edits: Vec<ByteEdit>,
    pub diagnostic: Diagnostic,
    pub preferred: bool,
}

/// What a suppression looks like in the file's language (`None`: the language has no
/// comments, e.g. Terraform's JSON syntax).
pub(crate) fn directive_leader(path: &Path) -> Option<&'static str> {
    let lower = path.to_str()?.to_ascii_lowercase();
    match Language::by_name(path)? {
        ByName::Is(Language::Bicep | Language::BicepParam) => Some("// azlint-disable-next-line"),
        ByName::Is(Language::Terraform | Language::TerraformVars) => {
            (!lower.ends_with(".json")).then_some("# azlint:ignore")
        }
        ByName::Json | ByName::Is(Language::Arm | Language::ArmParameters) => {
            Some("// azlint-ignore")
        }
        ByName::Yaml | ByName::Is(Language::AcaYaml) => Some("# azlint-ignore"),
    }
}

fn code(d: &Diagnostic) -> Option<&str> {
    match &d.code {
        Some(NumberOrString::String(s)) => Some(s),
        _ => None,
    }
}

/// "Suppress AZLxxx on this line": a directive with a reason placeholder on its own line
/// above the diagnostic's first line, indented like that line.
pub(crate) fn suppress_fix(
    text: &str,
    path: &Path,
    diagnostic: &Diagnostic,
    index: &PositionIndex,
    lines: &LineIndex,
) -> Option<QuickFix> {
    let rule = code(diagnostic)?;
    // Problems of the file itself, or of suppressions: suppressing them hides nothing useful.
    let not_suppressible = [
        PARSE_ERROR.id,
        SUPPRESSION_WITHOUT_REASON.id,
        UNUSED_SUPPRESSION.id,
        UNREADABLE.id,
        INTERNAL_ERROR.id,
    ];
    if not_suppressible.contains(&rule) {
        return None;
    }
    let leader = directive_leader(path)?;
    let offset = index.offset(diagnostic.range.start);
    let line = lines.line_of(offset as u32);
    let start = lines.line_start(line) as usize;
    let range = lines.line_range(text, line);
    let line_text = utf8::slice(text, range.clone());
    let indent = utf8::leading_whitespace(line_text);
    let newline = if utf8::tail(text, range.end).starts_with("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    Some(QuickFix {
        title: format!("Suppress {rule} on this line"),
        edits: vec![ByteEdit {
            start,
            end: start,
            text: format!("{indent}{leader} {rule} <reason>{newline}"),
        }],
        diagnostic: diagnostic.clone(),
        preferred: false,
    })
}

/// The finding's own fixes (`Finding::fixes`, carried in the diagnostic's `data` as byte
/// edits of the linted text): offered while the buffer is that text (the edits' old ranges
/// still hold what they held). A safe fix is the preferred action.
pub(crate) fn finding_fixes(text: &str, diagnostic: &Diagnostic) -> Vec<QuickFix> {
    let Some(fixes) = diagnostic
        .data
        .as_ref()
        .and_then(|d| d.get("fixes"))
        .and_then(|f| f.as_array())
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for fix in fixes {
        let (Some(title), Some(applicability), Some(edits)) = (
            fix.get("title").and_then(|t| t.as_str()),
            fix.get("applicability").and_then(|a| a.as_str()),
            fix.get("edits").and_then(|e| e.as_array()),
        ) else {
            continue;
        };
        let edits: Option<Vec<ByteEdit>> = edits
            .iter()
            .map(|e| {
                let start = e.get(0)?.as_u64()? as usize;
                let end = e.get(1)?.as_u64()? as usize;
                let replacement = e.get(2)?.as_str()?.to_string();
                (start <= end
                    && end <= text.len()
                    && text.is_char_boundary(start)
                    && text.is_char_boundary(end))
                .then_some(ByteEdit {
                    start,
                    end,
                    text: replacement,
                })
            })
            .collect();
        let Some(edits) = edits.filter(|e| !e.is_empty()) else {
            continue;
        };
        let safe = applicability == "safe";
        out.push(QuickFix {
            title: if safe {
                title.to_string()
            } else {
                format!("{title} (unsafe: review before deploying)")
            },
            edits,
            diagnostic: diagnostic.clone(),
            preferred: safe,
        });
    }
    out
}

/// The directive keywords, as `suppress.rs` reads them (`#disable-next-line` is Bicep's own).
const KEYWORDS: &[&str] = &[
    "azlint-disable-next-line",
    "azlint-ignore",
    "azlint:ignore",
    "#disable-next-line",
];

/// The rule names an AZL004 message lists as unused (written between backticks).
fn unused_names(message: &str) -> Vec<&str> {
    message.split('`').skip(1).step_by(2).collect()
}

/// "Remove unused suppression" for an AZL004 diagnostic on a comment directive: the whole
/// directive when nothing in it is used (its line when it stands alone), else only the
/// unused rule names. Resource `metadata` suppressions (ARM) are left to the user.
pub(crate) fn remove_unused_fix(
    text: &str,
    diagnostic: &Diagnostic,
    index: &PositionIndex,
    lines: &LineIndex,
) -> Option<QuickFix> {
    if code(diagnostic)? != UNUSED_SUPPRESSION.id {
        return None;
    }
    let unused = unused_names(&diagnostic.message);
    if unused.is_empty() {
        return None;
    }
    let at = index.offset(diagnostic.range.start);
    let line = lines.line_of(at as u32);
    let range = lines.line_range(text, line);
    let line_text = utf8::slice(text, range.clone());
    // The comment leader at or just before the directive (a trailing directive's span starts
    // after its leader).
    let rel = at.checked_sub(range.start)?;
    let leader = ["//", "#"]
        .iter()
        .filter_map(|l| utf8::prefix(line_text, rel + 2).rfind(l))
        .max()?;
    let comment = utf8::tail(line_text, leader);
    let (kw_at, kw) = KEYWORDS
        .iter()
        .filter_map(|k| comment.find(k).map(|i| (i, *k)))
        .min_by_key(|(i, _)| *i)?;
    let bicep_style = kw == "#disable-next-line";
    let list_start = leader + kw_at + kw.len();
    let tokens = rule_tokens(utf8::tail(line_text, list_start), bicep_style);
    if tokens.is_empty() {
        return None;
    }
    let is_unused = |t: &str| unused.iter().any(|u| u.eq_ignore_ascii_case(t));
    let kept: Vec<&str> = tokens
        .iter()
        .map(|(s, e)| utf8::slice(line_text, list_start + s..list_start + e))
        .filter(|t| !is_unused(t))
        .collect();
    let edit = if kept.is_empty() {
        let own_line = utf8::prefix(line_text, leader).trim().is_empty();
        if own_line {
            let next = lines.line_start(line + 1) as usize;
            let end = if next > range.start { next } else { range.end };
            ByteEdit {
                start: range.start,
                end,
                text: String::new(),
            }
        } else {
            let code_end = utf8::prefix(line_text, leader).trim_end().len();
            ByteEdit {
                start: range.start + code_end,
                end: range.end,
                text: String::new(),
            }
        }
    } else {
        let (first, _) = tokens[0];
        let (_, last) = tokens[tokens.len() - 1];
        ByteEdit {
            start: range.start + list_start + first,
            end: range.start + list_start + last,
            text: kept.join(if bicep_style { " " } else { ", " }),
        }
    };
    let names = unused.join(", ");
    Some(QuickFix {
        title: format!("Remove unused suppression of {names}"),
        edits: vec![edit],
        diagnostic: diagnostic.clone(),
        preferred: true,
    })
}

/// Byte ranges (relative to `list`) of the rule names after a directive keyword: a
/// comma-separated list (azlint's syntax), or Bicep's space-separated codes (which may mix
/// Bicep's own linter codes with ours; all are kept unless unused).
fn rule_tokens(list: &str, bicep_style: bool) -> Vec<(usize, usize)> {
    let is_rule_char = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    let mut out = Vec::new();
    let mut i = list.len() - list.trim_start().len();
    loop {
        let rest = utf8::tail(list, i);
        let len = rest.find(|c: char| !is_rule_char(c)).unwrap_or(rest.len());
        if len == 0 {
            break;
        }
        out.push((i, i + len));
        let after = utf8::tail(rest, len);
        let trimmed = after.trim_start();
        if let Some(next) = trimmed.strip_prefix(',').filter(|_| !bicep_style) {
            i = list.len() - next.trim_start().len();
        } else if bicep_style && after.starts_with(char::is_whitespace) && !trimmed.is_empty() {
            // Bicep: the next word is a code only if it looks like one (else it is the reason).
            let next_len = trimmed
                .find(|c: char| !is_rule_char(c))
                .unwrap_or(trimmed.len());
            let word = utf8::prefix(trimmed, next_len);
            let code_of = |p| utf8::strip_prefix_ignore_ascii_case(word, p);
            let is_code = code_of("AZL").is_some_and(|n| !n.is_empty())
                || code_of("BCP").is_some_and(|n| !n.is_empty())
                || (word.contains('-') && word.chars().all(|c| !c.is_ascii_uppercase()));
            if !is_code {
                break;
            }
            i = list.len() - trimmed.len();
        } else {
            break;
        }
    }
    out
}

/// The quick fixes for the diagnostics the client shows in the requested range.
///
/// `fresh`: the diagnostics are those of the buffer's current text (a finding's own fixes
/// are byte edits of the text that was linted, so they are offered only then).
pub(crate) fn quick_fixes(
    text: &str,
    path: &Path,
    diagnostics: &[Diagnostic],
    encoding: Encoding,
    fresh: bool,
) -> Vec<QuickFix> {
    let lines = LineIndex::new(text);
    let index = PositionIndex::new(text, &lines, encoding);
    let mut out = Vec::new();
    for d in diagnostics
        .iter()
        .filter(|d| d.source.as_deref() == Some(super::convert::SOURCE))
    {
        if fresh {
            out.extend(finding_fixes(text, d));
        }
        out.extend(remove_unused_fix(text, d, &index, &lines));
        out.extend(suppress_fix(text, path, d, &index, &lines));
    }
    // One action per title (several diagnostics of one rule on one line).
    let mut seen = std::collections::HashSet::new();
    out.retain(|f| seen.insert((f.title.clone(), f.edits.clone())));
    out
}

/// The `WorkspaceEdit` of a fix against `text`.
pub(crate) fn workspace_edit(
    fix: &QuickFix,
    uri: &Uri,
    text: &str,
    encoding: Encoding,
) -> WorkspaceEdit {
    let lines = LineIndex::new(text);
    let index = PositionIndex::new(text, &lines, encoding);
    let edits = fix
        .edits
        .iter()
        .map(|e| TextEdit {
            range: index.range(e.start as u32, e.end as u32),
            new_text: e.text.clone(),
        })
        .collect();
    WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        ..Default::default()
    }
}

/// A fix as the client can take it: a code action with its edit, or the command applying it.
pub(crate) fn to_action(
    fix: &QuickFix,
    uri: &Uri,
    version: i32,
    text: &str,
    encoding: Encoding,
    literals: bool,
) -> CodeActionOrCommand {
    let edit = workspace_edit(fix, uri, text, encoding);
    if literals {
        CodeActionOrCommand::CodeAction(CodeAction {
            title: fix.title.clone(),
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: Some(vec![fix.diagnostic.clone()]),
            edit: Some(edit),
            is_preferred: fix.preferred.then_some(true),
            ..Default::default()
        })
    } else {
        CodeActionOrCommand::Command(Command {
            title: fix.title.clone(),
            command: APPLY_FIX.into(),
            arguments: Some(vec![json!({
                "uri": uri.as_str(),
                "version": version,
                "label": fix.title,
                "edit": edit,
            })]),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{Engine, Input, Options};
    use std::sync::Arc;

    fn apply(text: &str, edits: &[ByteEdit]) -> String {
        let mut out = text.to_string();
        let mut sorted = edits.to_vec();
        sorted.sort_by_key(|e| std::cmp::Reverse(e.start));
        for e in sorted {
            out.replace_range(e.start..e.end, &e.text);
        }
        out
    }

    /// Lint `text` as `name` in a fresh repository; the diagnostics as the server makes them.
    fn lint(name: &str, text: &str) -> Vec<Diagnostic> {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join(".git")).unwrap();
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let engine = Engine::new(&Options::default(), dir.path(), Some(&path)).unwrap();
        let report = engine
            .check(&Input {
                paths: vec![path.clone()],
                overlays: [(path, Arc::from(text))].into_iter().collect(),
            })
            .unwrap();
        report
            .unsuppressed()
            .map(|f| {
                let index = PositionIndex::new(&f.file.text, &f.file.line_index, Encoding::Utf16);
                super::super::convert::diagnostic(f, engine.rules(), &index)
            })
            .collect()
    }

    fn codes(diags: &[Diagnostic]) -> Vec<String> {
        diags.iter().filter_map(code).map(String::from).collect()
    }

    const BICEP: &str = "resource app 'Microsoft.App/containerApps@2025-07-01' = {\n  name: 'web'\n  properties: {\n    configuration: {\n      secrets: [\n        {\n          name: 'db'\n          value: 'hunter2-hunter2'\n        }\n      ]\n    }\n  }\n}\n";
    const TERRAFORM: &str = "resource \"azurerm_container_app\" \"web\" {\n  name = \"web\"\n  secret {\n    name  = \"db\"\n    value = \"hunter2-hunter2\"\n  }\n}\n";
    const ARM: &str = "{\n  \"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#\",\n  \"contentVersion\": \"1.0.0.0\",\n  \"resources\": [\n    {\n      \"type\": \"Microsoft.App/containerApps\",\n      \"apiVersion\": \"2025-07-01\",\n      \"name\": \"web\",\n      \"properties\": {\n        \"configuration\": {\n          \"secrets\": [\n            { \"name\": \"db\",\n              \"value\": \"hunter2-hunter2\" }\n          ]\n        }\n      }\n    }\n  ]\n}\n";
    const YAML: &str = "properties:\n  configuration:\n    secrets:\n      - name: db\n        value: hunter2-hunter2\n  template:\n    containers: []\n";

    /// The audit's promise: a suppression inserted by the action silences the finding in
    /// every language, with no new AZL003/AZL004, and keeps the file's indentation.
    #[test]
    fn the_suppress_action_silences_the_finding_in_every_language() {
        for (name, text, directive) in [
            (
                "app.bicep",
                BICEP,
                "          // azlint-disable-next-line AZL101 <reason>\n",
            ),
            (
                "app/main.tf",
                TERRAFORM,
                "    # azlint:ignore AZL101 <reason>\n",
            ),
            (
                "azuredeploy.json",
                ARM,
                "              // azlint-ignore AZL101 <reason>\n",
            ),
            (
                "app.yaml",
                YAML,
                "        # azlint-ignore AZL101 <reason>\n",
            ),
        ] {
            let before = lint(name, text);
            let secret: Vec<Diagnostic> = before
                .iter()
                .filter(|d| code(d) == Some("AZL101"))
                .cloned()
                .collect();
            assert!(
                !secret.is_empty(),
                "{name}: no AZL101 in {:?}",
                codes(&before)
            );
            let fixes = quick_fixes(text, Path::new(name), &secret, Encoding::Utf16, false);
            assert_eq!(fixes.len(), 1, "{name}: {fixes:?}");
            assert_eq!(fixes[0].title, "Suppress AZL101 on this line");
            assert_eq!(fixes[0].edits[0].text, directive, "{name}");
            let fixed = apply(text, &fixes[0].edits);
            let after = codes(&lint(name, &fixed));
            assert!(
                !after
                    .iter()
                    .any(|c| ["AZL101", "AZL004"].contains(&c.as_str())),
                "{name}: {after:?}\n{fixed}"
            );
            // The placeholder is not a reason yet: AZL003 asks for one.
            assert!(
                after.iter().any(|c| c == "AZL003"),
                "{name}: {after:?}\n{fixed}"
            );
        }
    }

    #[test]
    fn no_suppression_where_the_language_has_no_comments_or_for_meta_findings() {
        assert_eq!(directive_leader(Path::new("main.tf.json")), None);
        assert_eq!(
            directive_leader(Path::new("x.tfvars")),
            Some("# azlint:ignore")
        );
        let parse_error = lint("app.bicep", "resource x 'a@b' = {\n");
        assert!(codes(&parse_error).contains(&"AZL001".to_string()));
        let fixes = quick_fixes(
            "",
            Path::new("app.bicep"),
            &parse_error,
            Encoding::Utf16,
            false,
        );
        assert!(fixes.is_empty(), "{fixes:?}");
    }

    #[test]
    fn unused_suppression_fix_on_a_multi_byte_line() {
        let text = BICEP.replace(
            "  name: 'web'\n",
            "  name: '日本' // azlint-ignore AZL102 古い理由\n",
        );
        let diags = lint("app.bicep", &text);
        let unused: Vec<Diagnostic> = diags
            .iter()
            .filter(|d| code(d) == Some("AZL004"))
            .cloned()
            .collect();
        assert_eq!(unused.len(), 1, "{:?}", codes(&diags));
        let fixes = quick_fixes(
            &text,
            Path::new("app.bicep"),
            &unused,
            Encoding::Utf16,
            false,
        );
        assert_eq!(fixes.len(), 1, "{fixes:?}");
        assert_eq!(
            apply(&text, &fixes[0].edits),
            BICEP.replace("  name: 'web'\n", "  name: '日本'\n")
        );
        // The same diagnostic at every column of its line, as a stale or hostile client may
        // send it: the comment leader was searched in `line[..rel + 2]`, which cut inside
        // `日` or `本` and ended the server. Any fix offered must still apply cleanly
        // (`apply` panics on an edit inside a character).
        let line = unused[0].range.start.line;
        for encoding in [Encoding::Utf16, Encoding::Utf8] {
            for character in 0..60 {
                let mut d = unused[0].clone();
                d.range.start = lsp_types::Position { line, character };
                d.range.end = d.range.start;
                for fix in quick_fixes(&text, Path::new("app.bicep"), &[d], encoding, false) {
                    apply(&text, &fix.edits);
                }
            }
        }
    }

    #[test]
    fn unused_suppressions_are_removed_whole_or_in_part() {
        // Own line, nothing used: the whole line goes.
        let own = BICEP.replace(
            "  name: 'web'\n",
            "  // azlint-disable-next-line AZL102 stale\n  name: 'web'\n",
        );
        // Trailing, nothing used: the comment goes, the code stays.
        let trailing = TERRAFORM.replace(
            "  name = \"web\"\n",
            "  name = \"web\" # azlint:ignore AZL102 stale\n",
        );
        // One of two names used: only the unused one goes.
        let partial = BICEP.replace(
            "          value: 'hunter2-hunter2'",
            "          // azlint-disable-next-line AZL101, AZL102 sample value\n          value: 'hunter2-hunter2'",
        );
        for (name, text, expected) in [
            ("app.bicep", own.clone(), BICEP.to_string()),
            ("app/main.tf", trailing.clone(), TERRAFORM.to_string()),
            (
                "app.bicep",
                partial.clone(),
                partial.replace("AZL101, AZL102 sample", "AZL101 sample"),
            ),
        ] {
            let diags = lint(name, &text);
            let unused: Vec<Diagnostic> = diags
                .iter()
                .filter(|d| code(d) == Some("AZL004"))
                .cloned()
                .collect();
            assert_eq!(unused.len(), 1, "{name}: {:?}", codes(&diags));
            let fixes = quick_fixes(&text, Path::new(name), &unused, Encoding::Utf16, false);
            assert_eq!(fixes.len(), 1, "{fixes:?}");
            assert_eq!(fixes[0].title, "Remove unused suppression of AZL102");
            let fixed = apply(&text, &fixes[0].edits);
            assert_eq!(fixed, expected, "{name}");
            assert!(!codes(&lint(name, &fixed)).contains(&"AZL004".to_string()));
        }
    }

    #[test]
    fn bicep_disable_keeps_bicep_codes() {
        let line = "#disable-next-line BCP081 AZL102 no-unused-params because";
        let list = line.strip_prefix("#disable-next-line").unwrap();
        let words: Vec<&str> = rule_tokens(list, true)
            .into_iter()
            .map(|(s, e)| list.get(s..e).unwrap())
            .collect();
        assert_eq!(words, ["BCP081", "AZL102", "no-unused-params"]);
        let words: Vec<&str> = rule_tokens(" AZL1, AZL2: why, yes", false)
            .into_iter()
            .map(|(s, e)| " AZL1, AZL2: why, yes".get(s..e).unwrap())
            .collect();
        assert_eq!(words, ["AZL1", "AZL2"]);
    }

    #[test]
    fn clients_without_literals_get_the_apply_command() {
        let d = lint("app.bicep", BICEP)
            .into_iter()
            .find(|d| code(d) == Some("AZL101"))
            .unwrap();
        let fix = &quick_fixes(BICEP, Path::new("app.bicep"), &[d], Encoding::Utf16, false)[0];
        let uri: Uri = "file:///r/app.bicep".parse().unwrap();
        match to_action(fix, &uri, 3, BICEP, Encoding::Utf16, false) {
            CodeActionOrCommand::Command(c) => {
                assert_eq!(c.command, APPLY_FIX);
                let arg = &c.arguments.unwrap()[0];
                assert_eq!(arg["version"], 3);
                assert_eq!(
                    arg["edit"]["changes"]["file:///r/app.bicep"][0]["range"]["start"],
                    json!({ "line": 7, "character": 0 })
                );
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            to_action(fix, &uri, 3, BICEP, Encoding::Utf16, true),
            CodeActionOrCommand::CodeAction(CodeAction { edit: Some(_), .. })
        ));
    }

    #[test]
    fn a_findings_own_fix_is_a_quick_fix_that_relints_clean() {
        let text = "resource app 'Microsoft.App/containerApps@2025-07-01' = {\n  name: 'web'\n  location: 'westeurope'\n  identity: { type: 'SystemAssigned' }\n  properties: {\n    configuration: {\n      ingress: {\n        external: false\n        allowInsecure: true\n      }\n    }\n  }\n}\n";
        let before = lint("app.bicep", text);
        let insecure: Vec<Diagnostic> = before
            .iter()
            .filter(|d| code(d) == Some("AZL401"))
            .cloned()
            .collect();
        assert_eq!(insecure.len(), 1, "{:?}", codes(&before));
        let fixes = quick_fixes(
            text,
            Path::new("app.bicep"),
            &insecure,
            Encoding::Utf16,
            true,
        );
        let own: Vec<&QuickFix> = fixes.iter().filter(|f| f.preferred).collect();
        assert_eq!(own.len(), 1, "{fixes:?}");
        let fixed = apply(text, &own[0].edits);
        assert!(fixed.contains("allowInsecure: false"), "{fixed}");
        assert!(!codes(&lint("app.bicep", &fixed)).contains(&"AZL401".to_string()));
        // Stale diagnostics (the buffer changed since): only the suppression is offered.
        let stale = quick_fixes(
            text,
            Path::new("app.bicep"),
            &insecure,
            Encoding::Utf16,
            false,
        );
        assert!(stale.iter().all(|f| !f.preferred));
    }
}
