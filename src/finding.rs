//! Findings: what a rule reports, independent of any output format.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::source::{SourceFile, Span};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema), schemars(rename = "severity"))]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    Note,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        match s.to_ascii_lowercase().as_str() {
            "note" | "info" => Some(Severity::Note),
            "warning" | "warn" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

/// How sure the rule is that the finding is real (zizmor-style): a literal in
/// `secrets[].value` is certain; a credential-looking env var name is a guess.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema), schemars(rename = "confidence"))]
#[serde(rename_all = "kebab-case")]
pub enum Confidence {
    Low,
    Medium,
    High,
}

impl Confidence {
    pub fn parse(s: &str) -> Option<Confidence> {
        match s.to_ascii_lowercase().as_str() {
            "low" => Some(Confidence::Low),
            "medium" => Some(Confidence::Medium),
            "high" => Some(Confidence::High),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::Low => "low",
            Confidence::Medium => "medium",
            Confidence::High => "high",
        }
    }
}

/// Why a finding is not a failure.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Suppression {
    /// `inSource` (inline comment / resource metadata) or `external` (config, baseline).
    pub kind: SuppressionKind,
    pub justification: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum SuppressionKind {
    InSource,
    External,
}

#[derive(Clone, Debug, Serialize)]
pub struct Finding {
    pub rule_id: String,
    pub rule_name: String,
    pub severity: Severity,
    pub confidence: Confidence,
    /// Names the property, never its value.
    pub message: String,
    #[serde(skip)]
    pub file: Arc<SourceFile>,
    pub span: Span,
    /// A short label for the exact span in human output ("plaintext value here").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Resource display name (`app`, `azurerm_container_app.web`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource: Option<String>,
    /// ARM property path of the finding in the model (`properties.configuration.secrets[0].value`):
    /// the same in every language, so fingerprints and baselines key on it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub property: Option<String>,
    /// The property as its author wrote it, where that differs from the model path: the
    /// azurerm attribute path (`secret[0].value`), or `body.…` for azapi. What outputs show.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub written_property: Option<String>,
    /// The property path with array items named by their `name` where known
    /// (`properties.configuration.secrets[name=db-password].value`), when that differs from
    /// `property`: an identity that survives inserting an item before it. See
    /// [`Finding::identity_key`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub property_key: Option<String>,
    /// The span covers a secret value: every output masks it.
    pub mask: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suppressed: Option<Suppression>,
    /// Edits that resolve the finding, best first (empty when the rule has no mechanical
    /// remedy for this case). The source of `--fix`, SARIF `fixes` and editor quick fixes;
    /// the suppression quick fix is [`crate::fix::suppression`].
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fixes: Vec<crate::fix::Fix>,
    /// The path the reported value took to get here, from where it is written to where it
    /// is used (a module argument, a module's parameter, an output, a patch): SARIF
    /// `relatedLocations`/`codeFlows`, "via" notes in human output, LSP `relatedInformation`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<Related>,
}

/// One place a finding's value passed through.
#[derive(Clone, Debug, Serialize)]
pub struct Related {
    #[serde(skip)]
    pub file: Arc<SourceFile>,
    pub span: Span,
    /// What the place is (`parameter \`x\` of module \`app\``); never a value.
    pub message: String,
}

impl Related {
    /// 1-based start (line, column) in Unicode scalars.
    pub fn start(&self) -> (u32, u32) {
        self.file.line_col(self.span.start)
    }
}

impl Finding {
    /// The format family the finding is written in (`bicep`, `arm`, `terraform`, `azapi`,
    /// `yaml`): which of a rule's examples its reader wants. A Terraform file holds azurerm and
    /// azapi resources; the resource's type prefix tells them apart.
    pub(crate) fn family(&self) -> Option<&'static str> {
        use crate::lang::{ByName, Language};
        Some(
            match Language::by_name(std::path::Path::new(&self.file.display_path))? {
                ByName::Json => "arm",
                ByName::Yaml => "yaml",
                ByName::Is(l) if l.is_terraform() => {
                    if self
                        .resource
                        .as_deref()
                        .is_some_and(|r| r.starts_with("azapi_"))
                    {
                        "azapi"
                    } else {
                        "terraform"
                    }
                }
                ByName::Is(l) => l.info().families.first()?,
            },
        )
    }

    pub fn path(&self) -> &str {
        &self.file.display_path
    }

    /// 1-based start (line, column) in Unicode scalars.
    pub fn start(&self) -> (u32, u32) {
        self.file.line_col(self.span.start)
    }

    pub fn end(&self) -> (u32, u32) {
        self.file.line_col(self.span.end)
    }

    /// The deterministic order of every output: path, position, rule, message.
    pub fn sort_key(&self) -> (&str, u32, u32, &str, &str) {
        (
            &self.file.display_path,
            self.span.start,
            self.span.end,
            &self.rule_id,
            &self.message,
        )
    }

    /// The property path to show the reader: as written in their language when it differs
    /// from the model path.
    pub(crate) fn shown_property(&self) -> Option<&str> {
        self.written_property
            .as_deref()
            .or(self.property.as_deref())
    }

    /// The property identity: [`Finding::property_key`] when there is one, else `property`.
    pub fn stable_property(&self) -> Option<&str> {
        self.property_key.as_deref().or(self.property.as_deref())
    }

    /// A key that survives unrelated line moves *and* array insertions: rule, file,
    /// resource, and the property with array items named by their `name` where known.
    /// Baselines (version 2) and GitLab fingerprints use it.
    pub fn identity_key(&self) -> String {
        format!(
            "{}|{}|{}|{}",
            self.rule_id,
            self.file.display_path,
            self.resource.as_deref().unwrap_or(""),
            self.stable_property().unwrap_or("")
        )
    }

    /// A fingerprint that survives unrelated line moves: rule, file, resource, property
    /// (with array indices). SARIF's `azlintFingerprint/v1`, JSON `fingerprint` and version 1
    /// baselines use it.
    pub fn stable_key(&self) -> String {
        format!(
            "{}|{}|{}|{}",
            self.rule_id,
            self.file.display_path,
            self.resource.as_deref().unwrap_or(""),
            self.property.as_deref().unwrap_or("")
        )
    }
}

pub fn sort_findings(findings: &mut [Finding]) {
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
}

/// FNV-1a 64-bit: a stable, dependency-free hash for fingerprints (not for security).
pub fn fnv1a64(data: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in data {
        h ^= *b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}
