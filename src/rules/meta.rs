//! Rule metadata: everything outputs need to describe a rule (SARIF `rules[]`, `azlint explain`).

use serde::{Deserialize, Serialize};

use crate::finding::{Confidence, Severity};

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct RuleMeta {
    /// Stable id, e.g. `AZL101`. Never reused once released.
    pub id: String,
    /// Kebab-case name, e.g. `plaintext-app-secret`.
    pub name: String,
    /// `secrets`, `identity`, `registry`, `network`, `meta`, …
    pub family: String,
    pub severity: Severity,
    pub confidence: Confidence,
    /// One line: what is wrong (SARIF shortDescription).
    pub title: String,
    /// Markdown: why it matters and how to fix it, with a secure example.
    pub help: String,
    /// The secure configuration per format family (`bicep`, `arm`, `terraform`, `azapi`,
    /// `yaml`), in [`FORMAT_FAMILIES`](super::spec::FORMAT_FAMILIES) order. See
    /// [`RuleMeta::help_for`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<(String, String)>,
    pub docs_url: Option<String>,
    /// GitHub `security-severity` (0.1–10.0); derived from severity when absent.
    pub security_severity: Option<f32>,
    pub tags: Vec<String>,
    /// The finding message template (`{resource}`, `{property}`, `{name}`, `{key}`, `{type}`);
    /// empty for built-in diagnostics, whose messages come from the front end.
    #[serde(default)]
    pub message: String,
    /// ARM types the rule visits (empty for scoped and built-in rules).
    #[serde(default)]
    pub resource_types: Vec<String>,
    /// Format families (`bicep`, `arm`, `terraform`, `azapi`, `yaml`) where the rule cannot
    /// be expressed, with the reason; sorted by family.
    #[serde(default)]
    pub inexpressible_in: Vec<(String, String)>,
    /// `resource`, `parameter`, `output`, `assignment`, `variable`, or `builtin`.
    #[serde(default)]
    pub scope: String,
    /// Bicep linter rules (`outputs-should-not-contain-secrets`) that report the same
    /// problem; their `#disable-next-line` suppressions are meant to cover this rule.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bicep_linter: Vec<String>,
    /// Built-in Azure Policy definition ids (GUIDs) the rule corresponds to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub azure_policy: Vec<String>,
    /// The opt-in profile (`azure-policy`) the rule belongs to; `None` = always runs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<String>,
    /// The rule's automatic fix, when it has one (each finding carries its own edits).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fix: Option<RuleFix>,
}

/// What a rule's fix does and whether `--fix` applies it without `--unsafe-fixes`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleFix {
    pub applicability: crate::fix::Applicability,
    pub title: String,
    /// The format families the fix is written for (`bicep`, `arm`, `terraform`, `azapi`,
    /// `yaml`); a finding gets it where its value is written in place.
    pub families: Vec<String>,
}

/// An empty note-level rule; lets callers build metadata with `..Default::default()` and
/// stay source-compatible when fields are added.
impl Default for RuleMeta {
    fn default() -> Self {
        RuleMeta {
            id: String::new(),
            name: String::new(),
            family: String::new(),
            severity: Severity::Note,
            confidence: Confidence::Medium,
            title: String::new(),
            help: String::new(),
            examples: Vec::new(),
            docs_url: None,
            security_severity: None,
            tags: Vec::new(),
            message: String::new(),
            resource_types: Vec::new(),
            inexpressible_in: Vec::new(),
            scope: String::new(),
            bicep_linter: Vec::new(),
            azure_policy: Vec::new(),
            profile: None,
            fix: None,
        }
    }
}

impl RuleMeta {
    /// The rule's help (Markdown) followed by its examples for `families` (format families
    /// such as `terraform`), so a reader sees the fix in the language they write; every
    /// example when `families` is empty or the rule has none for them.
    pub fn help_for(&self, families: &[&str]) -> String {
        let mut out = self.help.trim_end().to_string();
        let chosen: Vec<&(String, String)> = self
            .examples
            .iter()
            .filter(|(f, _)| families.contains(&f.as_str()))
            .collect();
        let shown = if chosen.is_empty() {
            self.examples.iter().collect()
        } else {
            chosen
        };
        for (family, code) in shown {
            let (label, fence) = example_label(family);
            out.push_str(&format!(
                "\n\n**Secure example ({label}):**\n\n```{fence}\n{}\n```",
                code.trim_end()
            ));
        }
        out
    }

    pub fn security_severity(&self) -> f32 {
        self.security_severity.unwrap_or(match self.severity {
            Severity::Error => 8.0,
            Severity::Warning => 5.5,
            Severity::Note => 2.0,
        })
    }
}

/// How an example of a format family is titled and fenced in Markdown.
fn example_label(family: &str) -> (&'static str, &'static str) {
    match family {
        "bicep" => ("Bicep", "bicep"),
        "arm" => ("ARM JSON", "json"),
        "terraform" => ("Terraform azurerm", "hcl"),
        "azapi" => ("Terraform azapi", "hcl"),
        _ => ("Container Apps YAML", "yaml"),
    }
}
