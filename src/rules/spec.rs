//! The rule file format as typed structs (`rules/*.yaml`). Deserialised with `serde-saphyr`
//! and `deny_unknown_fields`, so a typo is an error with file, line and column, never a
//! silently ignored key. `schemas/rule.schema.json` describes the same format; a test keeps
//! both in step (see `FIELDS` below).

use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::finding::{Confidence, Severity};

/// A string remembered with where it was written, so semantic errors (bad regex, bad
/// path) can point at the line and column.
pub type Text = Spanned<String>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RuleSpec {
    pub id: Text,
    pub name: Text,
    #[serde(default)]
    pub kind: RuleKind,
    pub family: String,
    pub severity: Severity,
    pub confidence: Confidence,
    pub title: String,
    #[serde(default)]
    pub message: Option<Text>,
    pub help: String,
    /// The secure configuration, written in each format family that can express it
    /// (`bicep`, `arm`, `terraform`, `azapi`, `yaml`): outputs show the reader the example in
    /// their own language (a Terraform finding's help leads with HCL), `explain` shows all.
    #[serde(default)]
    pub examples: std::collections::BTreeMap<String, String>,
    #[serde(default)]
    pub docs: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub security_severity: Option<f32>,
    /// Input format families in which the rule cannot be expressed, with the reason
    /// (`yaml: Container Apps YAML has no parameters`). The fixture test accepts missing
    /// fixtures for these families.
    #[serde(default)]
    pub inexpressible_in: std::collections::BTreeMap<String, String>,
    #[serde(default)]
    pub scope: Scope,
    #[serde(default)]
    pub resource_types: Vec<String>,
    #[serde(default)]
    pub api_version: Option<ApiVersionSpec>,
    #[serde(default)]
    pub select: Option<Text>,
    #[serde(default)]
    pub when: Option<CondSpec>,
    #[serde(default)]
    pub report: Option<Text>,
    #[serde(default)]
    pub mask: bool,
    #[serde(default)]
    pub label: Option<String>,
    #[serde(default)]
    pub severity_when: Vec<SeverityWhenSpec>,
    /// Names of the Bicep linter rules that report the same problem
    /// (`outputs-should-not-contain-secrets`): a `#disable-next-line <name>` for one of them
    /// is meant to silence this rule too.
    #[serde(default)]
    pub bicep_linter: Vec<String>,
    /// Built-in Azure Policy definition ids (GUIDs) this rule corresponds to.
    #[serde(default)]
    pub azure_policy: Vec<String>,
    /// An opt-in profile (`azure-policy`): the rule runs only when that profile is chosen.
    #[serde(default)]
    pub profile: Option<String>,
    /// The fix offered with every finding of the rule (see `fix::action`).
    #[serde(default)]
    pub fix: Option<FixSpec>,
}

/// `fix:` — exactly one action (`set`, `secret-parameter`, `mark-secure`, `remove-default`),
/// its applicability and why it has it (rendered into the rule's help).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct FixSpec {
    pub applicability: crate::fix::Applicability,
    /// Imperative, language-neutral (`Redirect plain HTTP to HTTPS`); each fix adds what it
    /// writes in the finding's language.
    pub title: Text,
    /// Why the fix is safe or unsafe: what keeps working, or what may break.
    pub why: String,
    #[serde(default)]
    pub set: Option<SetSpec>,
    #[serde(default)]
    pub secret_parameter: Option<SecretParameterSpec>,
    #[serde(default)]
    pub mark_secure: Option<MarkSecureSpec>,
    #[serde(default)]
    pub remove_default: Option<bool>,
    /// `secure-input: true`: the parameter (Terraform variable) the reported value comes from
    /// is marked secure.
    #[serde(default)]
    pub secure_input: Option<bool>,
}

/// `set: {path, value}`: the value at `path` (relative to the selected node, or `$.`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SetSpec {
    pub path: Text,
    pub value: serde_json::Value,
}

/// `secret-parameter: {name: path}`: the reported literal becomes a new secure input named
/// after the known text at `name` (default: the selected item's `name`, else the property).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SecretParameterSpec {
    #[serde(default)]
    pub name: Option<Text>,
}

/// `mark-secure: {remove-default: true}`: the parameter or output is marked secure.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct MarkSecureSpec {
    #[serde(default)]
    pub remove_default: bool,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RuleKind {
    /// A declarative check evaluated by the engine.
    #[default]
    Check,
    /// A finding the pipeline creates itself (parse errors, …); the file only carries metadata.
    Builtin,
}

/// What a rule runs over.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scope {
    #[default]
    Resource,
    Parameter,
    Output,
    Assignment,
    Variable,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ApiVersionSpec {
    #[serde(default)]
    pub min: Option<String>,
    #[serde(default)]
    pub max: Option<String>,
    /// Exact API versions inside `min`..`max` that lack what the rule checks (a stable
    /// version released after a preview that had the property, e.g. `2024-03-01`).
    #[serde(default)]
    pub exclude: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SeverityWhenSpec {
    pub when: CondSpec,
    pub severity: Severity,
    #[serde(default)]
    pub confidence: Option<Confidence>,
    #[serde(default)]
    pub message: Option<Text>,
    /// `fix: false`: the rule's fix does not apply in this case (an old API version that has
    /// no such property), so findings in it carry none.
    #[serde(default = "yes")]
    pub fix: bool,
}

fn yes() -> bool {
    true
}

/// One condition. Exactly one of the combinators (`all`, `any`, `not`), a predicate, or a
/// `path` leaf with one or more tests (all must hold for the same node).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct CondSpec {
    // combinators
    #[serde(default)]
    pub all: Option<Vec<CondSpec>>,
    #[serde(default)]
    pub any: Option<Vec<CondSpec>>,
    #[serde(default)]
    pub not: Option<Box<CondSpec>>,
    // leaf
    #[serde(default)]
    pub path: Option<Text>,
    #[serde(default)]
    pub exists: Option<bool>,
    #[serde(default)]
    pub equals: Option<serde_json::Value>,
    #[serde(default, rename = "in")]
    pub in_: Option<Vec<serde_json::Value>>,
    #[serde(default)]
    pub matches: Option<Text>,
    #[serde(default)]
    pub provenance: Option<Vec<Text>>,
    #[serde(default)]
    pub derived: Option<Vec<Text>>,
    #[serde(default)]
    pub plaintext: Option<bool>,
    #[serde(default)]
    pub known: Option<bool>,
    #[serde(default)]
    pub gt: Option<f64>,
    #[serde(default)]
    pub gte: Option<f64>,
    #[serde(default)]
    pub lt: Option<f64>,
    #[serde(default)]
    pub lte: Option<f64>,
    #[serde(default)]
    pub count: Option<CountSpec>,
    // predicates
    #[serde(default)]
    pub credential_name: Option<Text>,
    #[serde(default)]
    pub credential_value: Option<Text>,
    #[serde(default)]
    pub identity_assigned: Option<Text>,
    #[serde(default)]
    pub secret_defined: Option<Text>,
    #[serde(default)]
    pub secret: Option<SecretSpec>,
    #[serde(default)]
    pub acr_server: Option<Text>,
    #[serde(default)]
    pub related: Option<RelatedSpec>,
    #[serde(default)]
    pub referenced_by: Option<ReferencedBySpec>,
    #[serde(default)]
    pub child: Option<ChildSpec>,
    #[serde(default)]
    pub parent: Option<ParentSpec>,
    #[serde(default)]
    pub used_at: Option<Text>,
    #[serde(default)]
    pub role: Option<RoleSpec>,
    #[serde(default)]
    pub workload_identity: Option<WorkloadIdentitySpec>,
    #[serde(default)]
    pub partial_spec: Option<bool>,
    #[serde(default)]
    pub api_version: Option<ApiVersionSpec>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct CountSpec {
    #[serde(default)]
    pub equals: Option<usize>,
    #[serde(default)]
    pub gt: Option<usize>,
    #[serde(default)]
    pub gte: Option<usize>,
    #[serde(default)]
    pub lt: Option<usize>,
    #[serde(default)]
    pub lte: Option<usize>,
}

/// `secret: {ref: <path of a secret name>, when: cond}`: the secret that `ref` names, in the
/// resource's own secrets list, exists and satisfies `when` (evaluated on the secret item).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SecretSpec {
    #[serde(rename = "ref")]
    pub ref_: Text,
    #[serde(default)]
    pub when: Option<Box<CondSpec>>,
}

/// `related: {via, type, when}`: the resource referenced at `via` is declared in the same
/// document, has ARM type `type`, and satisfies `when` (evaluated on its body).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RelatedSpec {
    pub via: Text,
    #[serde(rename = "type")]
    pub type_: String,
    #[serde(default)]
    pub when: Option<Box<CondSpec>>,
}

/// `role: {path, in: [names]}`: the role definition at `path` (a built-in role id in any
/// written form, or a role name) is one of the named built-in roles.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RoleSpec {
    pub path: Text,
    #[serde(rename = "in")]
    pub in_: Vec<Text>,
}

/// `workload-identity: {via, uses}`: the identity that `via` names (a principal id, or a
/// user-assigned identity's resource id) is the one a container app or job of the deployment
/// uses for `uses`: `registries` (image pulls) or `secrets` (Key Vault references). A
/// user-assigned identity counts when an app or job names it there; a system-assigned one when
/// `via` points at an app or job that says `identity: system` there. The least-privilege rules
/// (AZL211, AZL212, AZL214) share it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct WorkloadIdentitySpec {
    pub via: Text,
    pub uses: WorkloadUse,
}

/// What a workload uses its identity for (`workload-identity.uses`).
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum WorkloadUse {
    Registries,
    Secrets,
}

/// `referenced-by: {type, via, when}`: the reverse of `related`. Some resource of ARM type
/// `type` declared in the same document refers to the resource under test at its path `via`
/// (relative to its own body) and satisfies `when` (evaluated on its body).
/// Same shape as `related`.
pub type ReferencedBySpec = RelatedSpec;

/// `child: {type, when}`: a child resource of ARM type `type` (nested, or linked by
/// `parent`, `parent_id` or a `<parent>/<child>` name) of the resource under test is
/// declared in the same document and satisfies `when` (evaluated on its body).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ChildSpec {
    #[serde(rename = "type")]
    pub type_: Text,
    #[serde(default)]
    pub when: Option<Box<CondSpec>>,
}

/// `parent: {type, when}` has the same shape as `child`: the resource under test is a direct
/// child of a resource of ARM type `type` declared in the same document, and `when` holds
/// with `$.` rooted at the parent's body (relative paths still start at the node under test,
/// so `identity-assigned: identity` compares the child's value with the parent's identities).
pub type ParentSpec = ChildSpec;

/// The input format families fixtures are grouped by (`inexpressible-in` keys).
pub const FORMAT_FAMILIES: &[&str] = &["bicep", "arm", "terraform", "azapi", "yaml"];

/// Every key each object of the format accepts, by schema definition name. The schema test
/// checks `schemas/rule.schema.json` lists exactly these, so the two cannot drift apart.
pub const FIELDS: &[(&str, &[&str])] = &[
    (
        "rule",
        &[
            "id",
            "name",
            "kind",
            "family",
            "severity",
            "confidence",
            "title",
            "message",
            "help",
            "examples",
            "docs",
            "tags",
            "security-severity",
            "inexpressible-in",
            "scope",
            "resource-types",
            "api-version",
            "select",
            "when",
            "report",
            "mask",
            "label",
            "severity-when",
            "bicep-linter",
            "azure-policy",
            "profile",
            "fix",
        ],
    ),
    ("apiVersion", &["min", "max", "exclude"]),
    (
        "fix",
        &[
            "applicability",
            "title",
            "why",
            "set",
            "secret-parameter",
            "mark-secure",
            "remove-default",
            "secure-input",
        ],
    ),
    ("set", &["path", "value"]),
    ("secretParameter", &["name"]),
    ("markSecure", &["remove-default"]),
    (
        "severityWhen",
        &["when", "severity", "confidence", "message", "fix"],
    ),
    (
        "condition",
        &[
            "all",
            "any",
            "not",
            "path",
            "exists",
            "equals",
            "in",
            "matches",
            "provenance",
            "derived",
            "plaintext",
            "known",
            "gt",
            "gte",
            "lt",
            "lte",
            "count",
            "credential-name",
            "credential-value",
            "identity-assigned",
            "secret-defined",
            "secret",
            "acr-server",
            "related",
            "referenced-by",
            "child",
            "parent",
            "used-at",
            "role",
            "workload-identity",
            "partial-spec",
            "api-version",
        ],
    ),
    ("count", &["equals", "gt", "gte", "lt", "lte"]),
    ("secret", &["ref", "when"]),
    ("related", &["via", "type", "when"]),
    ("workloadIdentity", &["via", "uses"]),
    ("referencedBy", &["via", "type", "when"]),
    ("child", &["type", "when"]),
    ("parent", &["type", "when"]),
];
