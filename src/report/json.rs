//! Machine-readable JSON, versioned and described by `schemas/findings.schema.json`.
//!
//! Lines and columns are 1-based; columns count Unicode scalar values (like `compact` and
//! `human`); `end.column` is exclusive (the column after the last character). Suppressed
//! findings are included with a `suppressed` object; `summary` counts only unsuppressed ones
//! by severity. Bump [`JSON_VERSION`] on any incompatible change.

use serde::Serialize;

use super::{
    fingerprint, redact, Columns, Region, ReportContext, Summary, INFORMATION_URI, TOOL_NAME,
};
use crate::finding::{Confidence, Finding, Severity, SuppressionKind};

pub const JSON_VERSION: u32 = 1;

#[derive(Serialize)]
pub struct JsonReport<'a> {
    pub version: u32,
    pub tool: Tool<'a>,
    pub findings: Vec<JsonFinding<'a>>,
    pub summary: Summary,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Tool<'a> {
    pub name: &'static str,
    pub version: &'a str,
    pub information_uri: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JsonFinding<'a> {
    pub rule_id: &'a str,
    pub rule_name: &'a str,
    pub severity: Severity,
    pub confidence: Confidence,
    pub message: String,
    pub path: &'a str,
    pub start: Position,
    pub end: Position,
    pub resource: Option<&'a str>,
    /// The property as the author wrote it (the azurerm attribute path for Terraform).
    pub property: Option<&'a str>,
    /// The model's ARM path, when `property` is written differently (Terraform).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub arm_property: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suppressed: Option<JsonSuppression<'a>>,
    pub fingerprint: String,
    /// Edits that resolve the finding (absent when there are none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fixes: Vec<JsonFix<'a>>,
    /// Where the reported value passed on its way here, from where it is written (absent
    /// when it is used where it is written).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<JsonRelated<'a>>,
}

#[derive(Serialize)]
pub struct JsonRelated<'a> {
    pub path: &'a str,
    pub start: Position,
    pub end: Position,
    pub message: String,
}

#[derive(Serialize)]
pub struct JsonFix<'a> {
    pub title: &'a str,
    pub applicability: crate::fix::Applicability,
    pub edits: Vec<JsonEdit<'a>>,
}

/// One replacement: `start`/`end` as 1-based line and column (Unicode scalars; `end` is
/// exclusive, equal to `start` for an insertion), plus byte offsets.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JsonEdit<'a> {
    pub path: &'a str,
    pub start: Position,
    pub end: Position,
    pub start_byte: u32,
    pub end_byte: u32,
    pub replacement: &'a str,
}

#[derive(Serialize)]
pub struct Position {
    pub line: u32,
    pub column: u32,
}

#[derive(Serialize)]
pub struct JsonSuppression<'a> {
    pub kind: SuppressionKind,
    pub justification: &'a str,
}

pub fn report<'a>(findings: &'a [Finding], ctx: &'a ReportContext) -> JsonReport<'a> {
    JsonReport {
        version: JSON_VERSION,
        tool: Tool {
            name: TOOL_NAME,
            version: ctx.tool_version,
            information_uri: INFORMATION_URI,
        },
        findings: findings.iter().map(finding).collect(),
        summary: Summary {
            files_checked: ctx.files_checked,
            ..Summary::of(findings)
        },
    }
}

fn finding(f: &Finding) -> JsonFinding<'_> {
    let r = Region::of(f, Columns::Chars);
    JsonFinding {
        rule_id: &f.rule_id,
        rule_name: &f.rule_name,
        severity: f.severity,
        confidence: f.confidence,
        message: redact(&f.message, f).into_owned(),
        path: f.path(),
        start: Position {
            line: r.start_line,
            column: r.start_col,
        },
        end: Position {
            line: r.end_line,
            column: r.end_col,
        },
        resource: f.resource.as_deref(),
        property: f.shown_property(),
        arm_property: f.written_property.as_ref().and(f.property.as_deref()),
        suppressed: f.suppressed.as_ref().map(|s| JsonSuppression {
            kind: s.kind,
            justification: &s.justification,
        }),
        fingerprint: fingerprint(f),
        related: f
            .related
            .iter()
            .map(|r| {
                let pos = |o: u32| {
                    let (line, column) = r.file.line_col(o);
                    Position { line, column }
                };
                JsonRelated {
                    path: &r.file.display_path,
                    start: pos(r.span.start),
                    end: pos(r.span.end),
                    message: r.message.clone(),
                }
            })
            .collect(),
        fixes: f
            .fixes
            .iter()
            .map(|x| JsonFix {
                title: &x.title,
                applicability: x.applicability,
                edits: x
                    .edits
                    .iter()
                    .map(|e| {
                        let pos = |o: u32| {
                            let (line, column) = e.file.line_col(o);
                            Position { line, column }
                        };
                        JsonEdit {
                            path: e.path(),
                            start: pos(e.start),
                            end: pos(e.end),
                            start_byte: e.start,
                            end_byte: e.end,
                            replacement: &e.replacement,
                        }
                    })
                    .collect(),
            })
            .collect(),
    }
}

pub fn render(findings: &[Finding], ctx: &ReportContext) -> String {
    let mut text = serde_json::to_string_pretty(&report(findings, ctx)).unwrap_or_else(|e| {
        serde_json::json!({ "error": format!("cannot serialise report: {e}") }).to_string()
    });
    text.push('\n');
    super::text::json_safe(text)
}
