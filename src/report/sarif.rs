//! SARIF 2.1.0 for GitHub code scanning, with hand-written structs covering what GitHub reads
//! (tech.md §3). Levels, precisions and suppression kinds are enums so the serializer cannot
//! emit a value that would make the validator (and GitHub) silently ignore the file.
//!
//! Choices:
//! - `tool.driver.rules` lists the whole loaded catalogue (built-in and `--rules`), plus a
//!   descriptor for any rule id a finding uses that the catalogue lacks (parse errors). The
//!   catalogue is tens of rules, far below GitHub's 25,000 limit, and listing all of them keeps
//!   `ruleIndex` and the rule metadata identical from one run to the next.
//! - URIs are the findings' display paths (relative to the run root, `/`-separated,
//!   percent-encoded) with `uriBaseId: "%SRCROOT%"`; an absolute display path becomes a
//!   `file://` URI.
//! - Regions use UTF-16 columns (`columnKind: utf16CodeUnits`); `endColumn` is exclusive.
//! - `partialFingerprints["azlintFingerprint/v1"]` is our stable key. `primaryLocationLineHash`
//!   is left to the `upload-sarif` action, which computes it from the checked-out file.
//! - Suppressed findings stay in `results` with `suppressions`, so GitHub shows them as
//!   dismissed rather than forgetting them.
//! - No source text is ever copied into the log (`snippet`, `contextRegion`): it could hold a
//!   secret.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use serde::Serialize;

use super::{
    fallback_meta, fingerprint, help_summary, redact, truncate_chars, Columns, Region,
    ReportContext,
};
use super::{INFORMATION_URI, TOOL_NAME};
use crate::finding::{Confidence, Finding, Severity, SuppressionKind};
use crate::rules::RuleMeta;

pub const SARIF_SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
pub const FINGERPRINT_KEY: &str = "azlintFingerprint/v1";
pub const SRCROOT: &str = "%SRCROOT%";
/// GitHub truncates longer descriptions.
const MAX_DESCRIPTION: usize = 1024;
const MAX_NAME: usize = 255;
const MAX_TAGS: usize = 20;
/// GitHub rejects runs with more results; beyond it the most severe unsuppressed findings
/// are kept and the log says how many were left out.
pub const MAX_RESULTS: usize = 25_000;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Log {
    #[serde(rename = "$schema")]
    pub schema: &'static str,
    pub version: &'static str,
    pub runs: Vec<Run>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Run {
    pub tool: Tool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub automation_details: Option<AutomationDetails>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub original_uri_base_ids: Option<BTreeMap<&'static str, ArtifactLocation>>,
    pub column_kind: &'static str,
    pub results: Vec<SarifResult>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub invocations: Vec<Invocation>,
}

/// Only written when results had to be dropped (see [`MAX_RESULTS`]).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Invocation {
    pub execution_successful: bool,
    pub tool_execution_notifications: Vec<Notification>,
}

#[derive(Serialize)]
pub struct Notification {
    pub level: Level,
    pub message: Text,
}

#[derive(Serialize)]
pub struct AutomationDetails {
    pub id: String,
}

#[derive(Serialize)]
pub struct Tool {
    pub driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Driver {
    pub name: &'static str,
    pub information_uri: &'static str,
    pub semantic_version: String,
    pub rules: Vec<ReportingDescriptor>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReportingDescriptor {
    pub id: String,
    pub name: String,
    pub short_description: Text,
    pub full_description: Text,
    pub help: Help,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help_uri: Option<String>,
    pub default_configuration: Configuration,
    pub properties: RuleProperties,
}

#[derive(Serialize)]
pub struct Text {
    pub text: String,
}

#[derive(Serialize)]
pub struct Help {
    pub text: String,
    pub markdown: String,
}

#[derive(Serialize)]
pub struct Configuration {
    pub level: Level,
}

#[derive(Serialize)]
pub struct RuleProperties {
    pub tags: Vec<String>,
    pub precision: Precision,
    #[serde(rename = "security-severity")]
    pub security_severity: String,
    /// Built-in Azure Policy definitions the rule corresponds to (`/providers/Microsoft.Authorization/policyDefinitions/<id>`).
    #[serde(
        rename = "azurePolicyDefinitionIds",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub azure_policy: Vec<String>,
    /// The opt-in profile the rule belongs to (`azure-policy`), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub profile: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Note,
    Warning,
    Error,
}

impl From<Severity> for Level {
    fn from(s: Severity) -> Level {
        match s {
            Severity::Note => Level::Note,
            Severity::Warning => Level::Warning,
            Severity::Error => Level::Error,
        }
    }
}

/// GitHub's `precision` values. Confidence maps one to one; `very-high` is not used because
/// azlint has no level above "high" to derive it from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Precision {
    Low,
    Medium,
    High,
}

impl From<Confidence> for Precision {
    fn from(c: Confidence) -> Precision {
        match c {
            Confidence::Low => Precision::Low,
            Confidence::Medium => Precision::Medium,
            Confidence::High => Precision::High,
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SarifResult {
    pub rule_id: String,
    pub rule_index: usize,
    pub level: Level,
    pub message: Text,
    pub locations: Vec<Location>,
    pub partial_fingerprints: BTreeMap<&'static str, String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suppressions: Vec<SarifSuppression>,
    /// The finding's fixes (SARIF §3.55); absent when it has none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fixes: Vec<SarifFix>,
    /// Where the reported value passed on its way here (module arguments, parameters,
    /// outputs, patches): SARIF §3.27.22.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related_locations: Vec<RelatedLocation>,
    /// The same path as one thread flow, ending at the finding (SARIF §3.36).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub code_flows: Vec<CodeFlow>,
    pub properties: ResultProperties,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RelatedLocation {
    pub id: usize,
    pub physical_location: PhysicalLocation,
    pub message: Text,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CodeFlow {
    pub thread_flows: Vec<ThreadFlow>,
}

#[derive(Serialize)]
pub struct ThreadFlow {
    pub locations: Vec<ThreadFlowLocation>,
}

#[derive(Serialize)]
pub struct ThreadFlowLocation {
    pub location: FlowLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FlowLocation {
    pub physical_location: PhysicalLocation,
    pub message: Text,
}

/// A proposed fix: edits to one or more files. The suppression quick fix is not listed: SARIF
/// consumers may apply fixes automatically, and a suppression hides a problem.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SarifFix {
    pub description: Text,
    pub artifact_changes: Vec<ArtifactChange>,
    pub properties: FixProperties,
}

#[derive(Serialize)]
pub struct FixProperties {
    /// `safe` (`azlint check --fix` applies it) or `unsafe` (only with `--unsafe-fixes`).
    pub applicability: crate::fix::Applicability,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ArtifactChange {
    pub artifact_location: ArtifactLocation,
    pub replacements: Vec<Replacement>,
}

/// `deletedRegion` in UTF-16 line/column (the run's `columnKind`), `endColumn` exclusive; an
/// insertion is an empty region (`endColumn == startColumn`).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Replacement {
    pub deleted_region: SarifRegion,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inserted_content: Option<Text>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Location {
    pub physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PhysicalLocation {
    pub artifact_location: ArtifactLocation,
    pub region: SarifRegion,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ArtifactLocation {
    pub uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uri_base_id: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SarifRegion {
    pub start_line: u32,
    pub start_column: u32,
    pub end_line: u32,
    pub end_column: u32,
}

#[derive(Serialize)]
pub struct SarifSuppression {
    pub kind: SuppressionKind,
    pub justification: String,
}

#[derive(Serialize)]
pub struct ResultProperties {
    pub confidence: Confidence,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource: Option<String>,
    /// As the author wrote it (the azurerm attribute path for Terraform).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub property: Option<String>,
    /// The model's ARM path, when `property` is written differently.
    #[serde(rename = "armProperty", skip_serializing_if = "Option::is_none")]
    pub arm_property: Option<String>,
}

pub fn render(findings: &[Finding], ctx: &ReportContext) -> String {
    let mut text = serde_json::to_string_pretty(&log(findings, ctx)).unwrap_or_else(|e| {
        serde_json::json!({ "error": format!("cannot serialise SARIF: {e}") }).to_string()
    });
    text.push('\n');
    super::text::json_safe(text)
}

pub fn log(findings: &[Finding], ctx: &ReportContext) -> Log {
    let (rules, index) = descriptors(findings, ctx);
    let (kept, omitted) = within_limit(findings, MAX_RESULTS);
    let results = kept
        .into_iter()
        .map(|f| result(f, index.get(f.rule_id.as_str()).copied().unwrap_or(0)))
        .collect();
    let invocations = if omitted == 0 {
        Vec::new()
    } else {
        vec![Invocation {
            execution_successful: true,
            tool_execution_notifications: vec![Notification {
                level: Level::Warning,
                message: Text {
                    text: format!(
                        "{omitted} findings were left out: GitHub accepts at most {MAX_RESULTS} results per run. Use --format json for the full list."
                    ),
                },
            }],
        }]
    };
    let original_uri_base_ids = ctx.root.as_deref().map(|root| {
        let mut m = BTreeMap::new();
        m.insert(
            SRCROOT,
            ArtifactLocation {
                uri: directory_uri(root),
                uri_base_id: None,
            },
        );
        m
    });
    Log {
        schema: SARIF_SCHEMA,
        version: "2.1.0",
        runs: vec![Run {
            tool: Tool {
                driver: Driver {
                    name: TOOL_NAME,
                    information_uri: INFORMATION_URI,
                    semantic_version: ctx.tool_version.to_string(),
                    rules,
                },
            },
            automation_details: ctx.automation_id.clone().map(|id| AutomationDetails { id }),
            original_uri_base_ids,
            column_kind: "utf16CodeUnits",
            results,
            invocations,
        }],
    }
}

/// At most `max` findings, in their original order: unsuppressed before suppressed, then
/// by severity, highest first. Returns the kept findings and how many were dropped.
fn within_limit(findings: &[Finding], max: usize) -> (Vec<&Finding>, usize) {
    if findings.len() <= max {
        return (findings.iter().collect(), 0);
    }
    let mut order: Vec<usize> = (0..findings.len()).collect();
    order.sort_by_key(|&i| {
        (
            findings[i].suppressed.is_some(),
            std::cmp::Reverse(findings[i].severity),
            i,
        )
    });
    let mut keep: Vec<usize> = order[..max].to_vec();
    keep.sort_unstable();
    (
        keep.into_iter().map(|i| &findings[i]).collect(),
        findings.len() - max,
    )
}

/// The rule list and each id's index in it.
fn descriptors<'f>(
    findings: &'f [Finding],
    ctx: &'f ReportContext,
) -> (Vec<ReportingDescriptor>, HashMap<&'f str, usize>) {
    let mut rules = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    for r in ctx.rules.metas() {
        if !index.contains_key(r.id.as_str()) {
            index.insert(&r.id, rules.len());
            rules.push(descriptor(r));
        }
    }
    for f in findings {
        if !index.contains_key(f.rule_id.as_str()) {
            index.insert(&f.rule_id, rules.len());
            rules.push(descriptor(&fallback_meta(f)));
        }
    }
    (rules, index)
}

fn descriptor(r: &RuleMeta) -> ReportingDescriptor {
    let summary = help_summary(&r.help);
    let full = if summary.is_empty() {
        r.title.clone()
    } else {
        summary
    };
    // A rule's help is shared by every result, whatever its language: all examples.
    let help = r.help_for(&[]);
    let mut markdown = help.trim().to_string();
    if let Some(url) = &r.docs_url {
        markdown.push_str(&format!("\n\n[Documentation for {}]({url})", r.id));
    }
    let mut tags = vec!["security".to_string(), r.family.clone()];
    for t in &r.tags {
        if !tags.iter().any(|x| x.eq_ignore_ascii_case(t)) {
            tags.push(t.clone());
        }
    }
    tags.retain(|t| !t.is_empty());
    tags.truncate(MAX_TAGS);
    ReportingDescriptor {
        id: r.id.clone(),
        name: truncate_chars(&r.name, MAX_NAME),
        short_description: Text {
            text: truncate_chars(&r.title, MAX_DESCRIPTION),
        },
        full_description: Text {
            text: truncate_chars(&full, MAX_DESCRIPTION),
        },
        help: Help {
            text: if help.trim().is_empty() {
                r.title.clone()
            } else {
                help.trim().to_string()
            },
            markdown,
        },
        help_uri: r.docs_url.clone(),
        default_configuration: Configuration {
            level: r.severity.into(),
        },
        properties: RuleProperties {
            tags,
            precision: r.confidence.into(),
            security_severity: format!("{:.1}", r.security_severity().clamp(0.1, 10.0)),
            azure_policy: r
                .azure_policy
                .iter()
                .map(|id| format!("/providers/Microsoft.Authorization/policyDefinitions/{id}"))
                .collect(),
            profile: r.profile.clone(),
        },
    }
}

fn physical(file: &crate::source::SourceFile, span: crate::source::Span) -> PhysicalLocation {
    let r = Region::at(file, span, Columns::Utf16);
    let (uri, uri_base_id) = artifact_uri(&file.display_path);
    PhysicalLocation {
        artifact_location: ArtifactLocation { uri, uri_base_id },
        region: SarifRegion {
            start_line: r.start_line,
            start_column: r.start_col,
            end_line: r.end_line,
            end_column: r.end_col,
        },
    }
}

/// A value that travelled (module argument → parameter → resource property): one thread
/// flow from where it is written, through each step, to the finding.
fn code_flow(f: &Finding) -> Vec<CodeFlow> {
    if f.related.is_empty() {
        return Vec::new();
    }
    let mut locations: Vec<ThreadFlowLocation> = Vec::new();
    // The value is written at the finding's own span; it then passes each step in order.
    locations.push(ThreadFlowLocation {
        location: FlowLocation {
            physical_location: physical(&f.file, f.span),
            message: Text {
                text: "The value is written here.".into(),
            },
        },
    });
    for r in &f.related {
        locations.push(ThreadFlowLocation {
            location: FlowLocation {
                physical_location: physical(&r.file, r.span),
                message: Text {
                    text: sentence(&r.message),
                },
            },
        });
    }
    vec![CodeFlow {
        thread_flows: vec![ThreadFlow { locations }],
    }]
}

fn result(f: &Finding, rule_index: usize) -> SarifResult {
    let r = Region::of(f, Columns::Utf16);
    let (uri, uri_base_id) = artifact_uri(f.path());
    let mut partial_fingerprints = BTreeMap::new();
    partial_fingerprints.insert(FINGERPRINT_KEY, fingerprint(f));
    SarifResult {
        rule_id: f.rule_id.clone(),
        rule_index,
        level: f.severity.into(),
        message: Text {
            text: sentence(&redact(&f.message, f)),
        },
        locations: vec![Location {
            physical_location: PhysicalLocation {
                artifact_location: ArtifactLocation { uri, uri_base_id },
                region: SarifRegion {
                    start_line: r.start_line,
                    start_column: r.start_col,
                    end_line: r.end_line,
                    end_column: r.end_col,
                },
            },
        }],
        partial_fingerprints,
        suppressions: f
            .suppressed
            .iter()
            .map(|s| SarifSuppression {
                kind: s.kind,
                justification: s.justification.clone(),
            })
            .collect(),
        fixes: f.fixes.iter().map(fix).collect(),
        related_locations: f
            .related
            .iter()
            .enumerate()
            .map(|(i, r)| RelatedLocation {
                id: i + 1,
                physical_location: physical(&r.file, r.span),
                message: Text {
                    text: sentence(&r.message),
                },
            })
            .collect(),
        code_flows: code_flow(f),
        properties: ResultProperties {
            confidence: f.confidence,
            resource: f.resource.clone(),
            property: f.shown_property().map(str::to_string),
            arm_property: f.written_property.as_ref().and(f.property.clone()),
        },
    }
}

fn fix(x: &crate::fix::Fix) -> SarifFix {
    let mut changes: Vec<ArtifactChange> = Vec::new();
    for e in &x.edits {
        let region = |o: u32| e.file.line_col_utf16(o);
        let (start_line, start_column) = region(e.start);
        let (end_line, end_column) = region(e.end);
        let replacement = Replacement {
            deleted_region: SarifRegion {
                start_line,
                start_column,
                end_line,
                end_column,
            },
            inserted_content: (!e.replacement.is_empty()).then(|| Text {
                text: e.replacement.clone(),
            }),
        };
        let (uri, uri_base_id) = artifact_uri(e.path());
        match changes.iter_mut().find(|c| c.artifact_location.uri == uri) {
            Some(c) => c.replacements.push(replacement),
            None => changes.push(ArtifactChange {
                artifact_location: ArtifactLocation { uri, uri_base_id },
                replacements: vec![replacement],
            }),
        }
    }
    SarifFix {
        description: Text {
            text: sentence(&x.title),
        },
        artifact_changes: changes,
        properties: FixProperties {
            applicability: x.applicability,
        },
    }
}

/// SARIF messages are sentences (validator rule SARIF2001: end with a period).
fn sentence(s: &str) -> String {
    let t = s.trim_end();
    if t.ends_with(['.', '!', '?']) {
        t.to_string()
    } else {
        format!("{t}.")
    }
}

/// A display path as an artifact URI: relative paths against `%SRCROOT%`, absolute ones as
/// `file://` URIs.
fn artifact_uri(display_path: &str) -> (String, Option<&'static str>) {
    let p = display_path.replace('\\', "/");
    if p.starts_with('/') {
        (format!("file://{}", encode_path(&p)), None)
    } else if p.len() >= 2 && p.as_bytes()[1] == b':' {
        // A Windows drive path.
        (format!("file:///{}", encode_path(&p)), None)
    } else {
        (encode_path(&p), Some(SRCROOT))
    }
}

/// `file:///abs/dir/` (with the trailing slash SARIF requires of a base URI).
fn directory_uri(root: &Path) -> String {
    let (mut uri, base) = artifact_uri(&root.to_string_lossy());
    if base.is_some() {
        // A relative root cannot be a base URI; keep it readable anyway.
        uri = format!("file:///{uri}");
    }
    if !uri.ends_with('/') {
        uri.push('/');
    }
    uri
}

/// Percent-encode everything but unreserved characters, `/` and a Windows drive colon.
fn encode_path(p: &str) -> String {
    let mut out = String::with_capacity(p.len());
    for (i, b) in p.bytes().enumerate() {
        let keep = b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/');
        let drive_colon = b == b':' && i == 1 && p.as_bytes()[0].is_ascii_alphabetic();
        if keep || drive_colon {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_relative_encoded_or_file_urls() {
        assert_eq!(
            artifact_uri("infra/main app.bicep"),
            ("infra/main%20app.bicep".into(), Some(SRCROOT))
        );
        assert_eq!(
            artifact_uri("/abs/x#1.tf"),
            ("file:///abs/x%231.tf".into(), None)
        );
        assert_eq!(artifact_uri("C:/x/y.json").0, "file:///C:/x/y.json");
        assert_eq!(directory_uri(Path::new("/work/repo")), "file:///work/repo/");
    }

    #[test]
    fn over_the_limit_keeps_the_most_severe_in_order() {
        use crate::finding::Suppression;
        use crate::source::{SourceFile, Span};
        use std::sync::Arc;
        let file = Arc::new(SourceFile::from_text("a", "x"));
        let mk = |sev, suppressed: bool| Finding {
            rule_id: "R".into(),
            rule_name: "r".into(),
            severity: sev,
            confidence: Confidence::High,
            message: "m".into(),
            file: file.clone(),
            span: Span::primary(0, 1),
            label: None,
            resource: None,
            property: None,
            property_key: None,
            written_property: None,
            mask: false,
            suppressed: suppressed.then(|| Suppression {
                kind: SuppressionKind::External,
                justification: "j".into(),
            }),
            fixes: Vec::new(),
            related: Vec::new(),
        };
        let all = [
            mk(Severity::Note, false),
            mk(Severity::Error, true),
            mk(Severity::Warning, false),
            mk(Severity::Error, false),
        ];
        let (kept, omitted) = within_limit(&all, 2);
        assert_eq!(omitted, 2);
        let kept: Vec<Severity> = kept.iter().map(|f| f.severity).collect();
        assert_eq!(kept, [Severity::Warning, Severity::Error]);
        assert_eq!(within_limit(&all, 4).1, 0);
    }

    #[test]
    fn messages_end_with_a_period() {
        assert_eq!(sentence("bad thing"), "bad thing.");
        assert_eq!(sentence("bad thing."), "bad thing.");
    }
}
