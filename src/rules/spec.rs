//! The rule file format as typed structs (`rules/*.yaml`). Deserialised with `serde-saphyr`
//! and `deny_unknown_fields`, so a typo is an error with file, line and column, never a
//! silently ignored key.
//!
//! `schemas/rule.schema.json` is generated from these structs (`schemars`, in tests only, so
//! the derives cost the binary nothing): the doc comments below are the descriptions editors
//! show, and the `schemars(...)` attributes carry what serde does not say (patterns, minimum
//! lengths, the names a predicate accepts). A test fails when the committed schema differs
//! from the generated one; regenerate it with
//! `AZLINT_UPDATE_SCHEMA=1 cargo test --lib rules::spec` and review the diff.

use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::finding::{Confidence, Severity};

/// A string remembered with where it was written, so semantic errors (bad regex, bad
/// path) can point at the line and column.
pub type Text = Spanned<String>;

/// One azlint rule (rules/*.yaml or a --rules folder).
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema), schemars(rename = "rule"))]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RuleSpec {
    /// Stable id; never reused.
    #[cfg_attr(test, schemars(with = "String", regex(pattern = schema::RULE_ID)))]
    pub id: Text,
    /// Kebab-case name, unique.
    #[cfg_attr(test, schemars(with = "String", regex(pattern = schema::KEBAB)))]
    pub name: Text,
    /// `builtin`: metadata for a finding the pipeline creates itself (no condition).
    #[serde(default)]
    pub kind: RuleKind,
    /// secrets, identity, registry, network, meta, …
    #[cfg_attr(test, schemars(regex(pattern = schema::KEBAB)))]
    pub family: String,
    pub severity: Severity,
    pub confidence: Confidence,
    /// One line: what is wrong (SARIF shortDescription).
    #[cfg_attr(test, schemars(length(min = 1)))]
    pub title: String,
    /// Finding message; placeholders {resource}, {property}, {name} (the selected item's
    /// `name`), {key} (the last key of the selected path), {type}, {text} (the selected
    /// node's known text, e.g. a secret's name; refused on `mask: true` rules); `{{`/`}}` for
    /// braces. Never a secret value. Required for checks.
    #[serde(default)]
    #[cfg_attr(test, schemars(with = "String", length(min = 1)))]
    pub message: Option<Text>,
    /// Markdown: why it matters and how to fix it, in words that fit every input language
    /// (`examples` carries the code).
    #[cfg_attr(test, schemars(length(min = 1)))]
    pub help: String,
    /// The secure configuration as code, per format family (`bicep`, `arm`, `terraform` =
    /// azurerm, `azapi`, `yaml` = Container Apps YAML; ARM: one resource object or a whole
    /// template). Outputs show the reader the example in their own language (a Terraform
    /// finding's help shows the HCL one); `azlint explain` and SARIF show all.
    #[serde(default)]
    #[cfg_attr(test, schemars(schema_with = "schema::per_family"))]
    pub examples: std::collections::BTreeMap<String, String>,
    #[serde(default)]
    #[cfg_attr(test, schemars(url))]
    pub docs: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    #[cfg_attr(test, schemars(range(min = 0, max = 10)))]
    pub security_severity: Option<f32>,
    /// Input format families in which the rule cannot be expressed, each with the reason;
    /// fixtures for them are not required.
    #[serde(default)]
    #[cfg_attr(test, schemars(schema_with = "schema::inexpressible_in"))]
    pub inexpressible_in: std::collections::BTreeMap<String, String>,
    /// What the rule runs over. Scoped rules see each item as an object with `name`,
    /// `secure`, `type`, and `default` (parameters) or `value` (outputs, assignments,
    /// variables), `target` (assignments).
    #[serde(default)]
    pub scope: Scope,
    /// Full ARM types (case-insensitive). Required for resource rules.
    #[serde(default)]
    #[cfg_attr(
        test,
        schemars(length(min = 1), inner(regex(pattern = schema::ARM_TYPE)))
    )]
    pub resource_types: Vec<String>,
    #[serde(default)]
    pub api_version: Option<ApiVersionSpec>,
    /// A path, or alternative paths separated by `|` (`properties.template.scale.rules[*].*.auth[*]
    /// | properties.configuration.eventTriggerConfig.scale.rules[*].auth[*]`). Each node a path
    /// reaches is evaluated (and reported) separately.
    #[serde(default)]
    #[cfg_attr(test, schemars(with = "String", regex(pattern = schema::SELECT)))]
    pub select: Option<Text>,
    #[serde(default)]
    pub when: Option<CondSpec>,
    /// Where the finding points, relative to the selected node. Absent: the deepest existing
    /// ancestor; the declaration when nothing of it exists.
    #[serde(default)]
    #[cfg_attr(test, schemars(with = "schema::RulePath"))]
    pub report: Option<Text>,
    /// The reported span covers a secret value: outputs mask it.
    #[serde(default)]
    pub mask: bool,
    /// Short text on the reported span.
    #[serde(default)]
    pub label: Option<String>,
    /// Severity (and message) overrides; the first matching entry wins.
    #[serde(default)]
    pub severity_when: Vec<SeverityWhenSpec>,
    /// Names of Bicep linter rules that report the same problem
    /// (`outputs-should-not-contain-secrets`); a `#disable-next-line` for one of them is
    /// meant to suppress this rule too.
    #[serde(default)]
    #[cfg_attr(test, schemars(inner(regex(pattern = schema::KEBAB))))]
    pub bicep_linter: Vec<String>,
    /// Built-in Azure Policy definition ids (GUIDs) this rule corresponds to.
    #[serde(default)]
    #[cfg_attr(test, schemars(inner(regex(pattern = schema::GUID))))]
    pub azure_policy: Vec<String>,
    /// Opt-in profile (`azure-policy`): the rule runs only when that profile is chosen;
    /// absent = always runs.
    #[serde(default)]
    #[cfg_attr(test, schemars(regex(pattern = schema::KEBAB)))]
    pub profile: Option<String>,
    /// The fix offered with each finding, where its value is written in place (see
    /// rules/README.md, Fixes).
    #[serde(default)]
    pub fix: Option<FixSpec>,
}

/// Exactly one action: `set`, `secret-parameter`, `mark-secure`, `remove-default: true` or
/// `secure-input: true`.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema), schemars(rename = "fix"))]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct FixSpec {
    /// `safe`: the deployment keeps working for its legitimate users (`azlint check --fix`
    /// applies it). `unsafe`: it may break something that works today (only with
    /// `--unsafe-fixes`).
    pub applicability: crate::fix::Applicability,
    /// Imperative and language-neutral; each fix adds what it writes in the finding's
    /// language.
    #[cfg_attr(test, schemars(with = "String", length(min = 1)))]
    pub title: Text,
    /// Why the fix is safe or unsafe; appended to the rule's help.
    #[cfg_attr(test, schemars(length(min = 1)))]
    pub why: String,
    #[serde(default)]
    pub set: Option<SetSpec>,
    #[serde(default)]
    pub secret_parameter: Option<SecretParameterSpec>,
    #[serde(default)]
    pub mark_secure: Option<MarkSecureSpec>,
    /// Parameter rules: remove the parameter's default.
    #[serde(default)]
    pub remove_default: Option<bool>,
    /// Resource rules: mark secure the parameter (Terraform variable) the reported value
    /// comes from.
    #[serde(default)]
    pub secure_input: Option<bool>,
}

/// Resource rules: make the value at `path` equal `value`: a literal is replaced, an absent
/// property inserted with any missing objects (Terraform: attributes and blocks through the
/// azurerm mapping).
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema), schemars(rename = "set"))]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SetSpec {
    /// Relative to the selected node, or `$.` from the resource body; no wildcards.
    #[cfg_attr(test, schemars(with = "schema::RulePath"))]
    pub path: Text,
    #[cfg_attr(test, schemars(schema_with = "schema::set_value"))]
    pub value: serde_json::Value,
}

/// Resource rules: replace the reported literal with a new secure input (Bicep `@secure()
/// param`, ARM `securestring`, Terraform `sensitive` variable), declared at the top; a
/// literal in a variable is replaced in the variable, a parameter's default by marking that
/// parameter secure and removing the default.
#[derive(Debug, Default, Deserialize)]
#[cfg_attr(
    test,
    derive(schemars::JsonSchema),
    schemars(rename = "secretParameter")
)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SecretParameterSpec {
    /// Where the new input's name comes from (its known text): default the selected item's
    /// `name`, else the property key prefixed with the resource.
    #[serde(default)]
    #[cfg_attr(test, schemars(with = "schema::RulePath"))]
    pub name: Option<Text>,
}

/// Parameter and output rules: mark the item secure (Bicep `@secure()`, ARM
/// `securestring`/`secureObject`, Terraform `sensitive = true`).
#[derive(Debug, Default, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema), schemars(rename = "markSecure"))]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct MarkSecureSpec {
    /// Also remove the parameter's default.
    #[serde(default)]
    pub remove_default: bool,
}

/// Whether the rule is a check or only carries metadata.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[cfg_attr(
    test,
    derive(serde::Serialize, schemars::JsonSchema),
    schemars(rename = "kind")
)]
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
#[cfg_attr(
    test,
    derive(serde::Serialize, schemars::JsonSchema),
    schemars(rename = "scope")
)]
#[serde(rename_all = "kebab-case")]
pub enum Scope {
    #[default]
    Resource,
    Parameter,
    Output,
    Assignment,
    Variable,
}

/// Run only on resources whose apiVersion date is within the bounds (resources without an
/// apiVersion always run).
#[derive(Debug, Deserialize)]
#[cfg_attr(
    test,
    derive(schemars::JsonSchema),
    schemars(rename = "apiVersion", extend("minProperties" = 1))
)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ApiVersionSpec {
    #[serde(default)]
    #[cfg_attr(test, schemars(regex(pattern = schema::DATE)))]
    pub min: Option<String>,
    #[serde(default)]
    #[cfg_attr(test, schemars(regex(pattern = schema::DATE)))]
    pub max: Option<String>,
    /// Exact API versions inside the bounds that do not have what the rule checks (e.g. a
    /// stable version that lacks a property its earlier preview had); the rule skips them.
    #[serde(default)]
    #[cfg_attr(test, schemars(inner(regex(pattern = schema::DATE))))]
    pub exclude: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema), schemars(rename = "severityWhen"))]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SeverityWhenSpec {
    pub when: CondSpec,
    pub severity: Severity,
    #[serde(default)]
    pub confidence: Option<Confidence>,
    #[serde(default)]
    #[cfg_attr(test, schemars(with = "String", length(min = 1)))]
    pub message: Option<Text>,
    /// `false`: the rule's fix does not apply in this case (an API version without the
    /// property the fix would set), so its findings carry none. Default true.
    #[serde(default = "yes")]
    #[cfg_attr(test, schemars(default = "yes"))]
    pub fix: bool,
}

fn yes() -> bool {
    true
}

/// Exactly one of all/any/not, a predicate, or `path` with one or more tests (all must hold
/// for the same node).
#[derive(Debug, Default, Deserialize)]
#[cfg_attr(
    test,
    derive(schemars::JsonSchema),
    schemars(rename = "condition", extend("minProperties" = 1))
)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct CondSpec {
    // combinators
    /// Every condition holds.
    #[serde(default)]
    #[cfg_attr(test, schemars(length(min = 1)))]
    pub all: Option<Vec<CondSpec>>,
    /// At least one condition holds.
    #[serde(default)]
    #[cfg_attr(test, schemars(length(min = 1)))]
    pub any: Option<Vec<CondSpec>>,
    /// The condition does not hold.
    #[serde(default)]
    pub not: Option<Box<CondSpec>>,
    // leaf
    /// Leaf: the nodes at this path; the leaf holds when one of them (`[*]` = any item)
    /// passes every test given. An absent path makes `exists: false` hold and every other
    /// test fail; a path that runs into an expression of unknown shape makes every test
    /// fail, `exists: false` included (rules stay quiet on what they cannot see).
    #[serde(default)]
    #[cfg_attr(test, schemars(with = "schema::RulePath"))]
    pub path: Option<Text>,
    /// true: the path reaches a node. false: the path is definitely absent (cannot be
    /// combined with other tests).
    #[serde(default)]
    pub exists: Option<bool>,
    /// Equal to a scalar: strings ignore ASCII case and compare with the statically known
    /// text; booleans also match the strings "true"/"false"; numbers also match numeric
    /// strings.
    #[serde(default)]
    #[cfg_attr(test, schemars(schema_with = "schema::scalar"))]
    pub equals: Option<serde_json::Value>,
    /// `equals` one of the values.
    #[serde(default, rename = "in")]
    #[cfg_attr(test, schemars(schema_with = "schema::scalars"))]
    pub in_: Option<Vec<serde_json::Value>>,
    /// Rust regex, searched in the statically known text (Node::known_text).
    #[serde(default)]
    #[cfg_attr(test, schemars(with = "String"))]
    pub matches: Option<Text>,
    /// Where the value comes from (Node::provenance).
    #[serde(default)]
    #[cfg_attr(test, schemars(schema_with = "schema::provenance"))]
    pub provenance: Option<Vec<Text>>,
    /// The value is derived from another resource in one of these ways.
    #[serde(default)]
    #[cfg_attr(test, schemars(schema_with = "schema::derived"))]
    pub derived: Option<Vec<Text>>,
    /// Node::is_plaintext(): written in the source (or resolving to a literal through
    /// variables and non-secure parameter defaults), not empty, not a placeholder.
    #[serde(default)]
    pub plaintext: Option<bool>,
    /// The value is statically known in full (literal, or an expression with a fully known
    /// literal).
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
    /// The node is an array whose length satisfies every bound.
    #[serde(default)]
    pub count: Option<CountSpec>,
    // predicates
    /// Predicate: the known text at the path is a credential-like name (password, secret,
    /// token, api key, account key, connection string, SAS, signature, credential…), split
    /// into words, excluding names whose last word says where or which (…Id, …Name, …Url,
    /// …Uri, …Endpoint, …Host, …Sku, …Type, …Ref, …). Word lists:
    /// rules/data/credential-names.yaml.
    #[serde(default)]
    #[cfg_attr(test, schemars(with = "schema::RulePath"))]
    pub credential_name: Option<Text>,
    /// Predicate: the known text at the path contains a credential whose secret part is
    /// literal: AccountKey=, SharedAccessKey=, SharedAccessSignature=, a SAS `sig=`,
    /// Password=/Pwd= in a connection string, user:password@ in a URL, a PEM private key, a
    /// JWT, GitHub/AWS/Slack tokens (rules/data/credential-values.yaml). Placeholders and
    /// non-literal parts never match.
    #[serde(default)]
    #[cfg_attr(test, schemars(with = "schema::RulePath"))]
    pub credential_value: Option<Text>,
    /// Predicate: the identity named at the path (`system`, or a user-assigned identity id)
    /// is assigned in the resource's `identity` block. An expression `identity.type` counts
    /// as assigned.
    #[serde(default)]
    #[cfg_attr(test, schemars(with = "schema::RulePath"))]
    pub identity_assigned: Option<Text>,
    /// Predicate: the secret name at the path is the `name` of an item of
    /// `properties.configuration.secrets` or `properties.secrets` of the resource. Unknown
    /// names or lists count as defined.
    #[serde(default)]
    #[cfg_attr(test, schemars(with = "schema::RulePath"))]
    pub secret_defined: Option<Text>,
    /// Predicate: the secret named at `ref` is defined on the resource and satisfies `when`
    /// (evaluated on the secret item). Unknown → false.
    #[serde(default)]
    pub secret: Option<SecretSpec>,
    /// Predicate: the registry server at the path is an Azure Container Registry
    /// (.azurecr.io/.cn/.us, or an expression using a registry's loginServer).
    #[serde(default)]
    #[cfg_attr(test, schemars(with = "schema::RulePath"))]
    pub acr_server: Option<Text>,
    /// Predicate: the resource referenced at `via` is declared in the same document with ARM
    /// type `type` and satisfies `when` (evaluated on its body). Unknown → false.
    #[serde(default)]
    pub related: Option<RelatedSpec>,
    /// Predicate (reverse of `related`): a resource of ARM type `type` declared in the same
    /// document refers to the resource under test at its path `via` (relative to its own
    /// body) and satisfies `when` (evaluated on its body). Unknown → false.
    #[serde(default)]
    #[cfg_attr(test, schemars(schema_with = "schema::referenced_by"))]
    pub referenced_by: Option<ReferencedBySpec>,
    /// Predicate: a child resource of ARM type `type` of the resource under test (nested in
    /// it, or linked by Bicep `parent`, azapi `parent_id` or an ARM `<parent>/<child>` name)
    /// is declared in the same document and satisfies `when` (evaluated on its body).
    /// Unknown → false.
    #[serde(default)]
    pub child: Option<ChildSpec>,
    /// Predicate: the resource under test is a direct child of a resource of ARM type `type`
    /// declared in the same document (linked as for `child`), and `when` holds with `$.`
    /// rooted at the parent's body; relative paths still start at the node under test.
    /// Parent not found → false.
    #[serde(default)]
    #[cfg_attr(test, schemars(schema_with = "schema::parent"))]
    pub parent: Option<ParentSpec>,
    /// Predicate (parameter and variable scopes): the item is used in the document, and every
    /// use is at a property path that this Rust regex matches (resource body paths such as
    /// `properties.configuration.registries[0].passwordSecretRef`, module parameter paths
    /// such as `secrets[0].name`). Passing the item whole to a module parameter or an output
    /// is not counted; an unused item → false.
    #[serde(default)]
    #[cfg_attr(test, schemars(with = "String"))]
    pub used_at: Option<Text>,
    /// Predicate: the role definition at `path` is one of these Azure built-in roles (names
    /// as Azure spells them: `AcrPull`, `Key Vault Secrets User`, `Owner`…). A role
    /// definition id in any written form (literal id, `subscriptionResourceId(...)`, a
    /// variable holding one) or a Terraform `role_definition_name` resolves to its role; a
    /// custom role or an unknown value → false. Unknown role names are load errors (table:
    /// src/rules/roles.rs).
    #[serde(default)]
    pub role: Option<RoleSpec>,
    /// Predicate: the identity at `via` is one a container app or job of the deployment uses
    /// for `uses`: a user-assigned identity that an app or job names there, or the
    /// system-assigned identity of an app or job that says `identity: system` there.
    /// Shorthand for the `related`/`referenced-by` conditions it expands to.
    #[serde(default)]
    pub workload_identity: Option<WorkloadIdentitySpec>,
    /// Predicate: whether the resource may be a partial specification applied over an
    /// existing resource (a Container Apps YAML spec, which `az containerapp update --yaml`
    /// merges; an `azapi_update_resource` patch).
    #[serde(default)]
    pub partial_spec: Option<bool>,
    /// Predicate: the resource's API version is within `min`/`max` and not in `exclude` (a
    /// resource without an API version counts as current: inside). For defaults that changed
    /// between versions, e.g. an absent property meaning one thing before a version and
    /// another after.
    #[serde(default)]
    pub api_version: Option<ApiVersionSpec>,
}

#[derive(Debug, Default, Deserialize)]
#[cfg_attr(
    test,
    derive(schemars::JsonSchema),
    schemars(rename = "count", extend("minProperties" = 1))
)]
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
#[cfg_attr(test, derive(schemars::JsonSchema), schemars(rename = "secret"))]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SecretSpec {
    #[serde(rename = "ref")]
    #[cfg_attr(test, schemars(with = "schema::RulePath"))]
    pub ref_: Text,
    #[serde(default)]
    pub when: Option<Box<CondSpec>>,
}

/// `related: {via, type, when}`: the resource referenced at `via` is declared in the same
/// document, has ARM type `type`, and satisfies `when` (evaluated on its body).
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema), schemars(rename = "related"))]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RelatedSpec {
    #[cfg_attr(test, schemars(with = "schema::RulePath"))]
    pub via: Text,
    #[serde(rename = "type")]
    #[cfg_attr(test, schemars(regex(pattern = schema::ARM_TYPE)))]
    pub type_: String,
    #[serde(default)]
    pub when: Option<Box<CondSpec>>,
}

/// `role: {path, in: [names]}`: the role definition at `path` (a built-in role id in any
/// written form, or a role name) is one of the named built-in roles.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema), schemars(rename = "role"))]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RoleSpec {
    #[cfg_attr(test, schemars(with = "schema::RulePath"))]
    pub path: Text,
    #[serde(rename = "in")]
    #[cfg_attr(test, schemars(schema_with = "schema::role_names"))]
    pub in_: Vec<Text>,
}

/// `workload-identity: {via, uses}`: the identity that `via` names (a principal id, or a
/// user-assigned identity's resource id) is the one a container app or job of the deployment
/// uses for `uses`: `registries` (image pulls) or `secrets` (Key Vault references). A
/// user-assigned identity counts when an app or job names it there; a system-assigned one when
/// `via` points at an app or job that says `identity: system` there. The least-privilege rules
/// (AZL211, AZL212, AZL214) share it.
#[derive(Debug, Deserialize)]
#[cfg_attr(
    test,
    derive(schemars::JsonSchema),
    schemars(rename = "workloadIdentity")
)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct WorkloadIdentitySpec {
    /// Path of the principal id (or user-assigned identity id), relative to the node under
    /// test (`properties.principalId`, `objectId`).
    #[cfg_attr(test, schemars(with = "schema::RulePath"))]
    pub via: Text,
    pub uses: WorkloadUse,
}

/// What a workload uses its identity for: `registries` (image pulls,
/// `configuration.registries[*].identity`) or `secrets` (Key Vault references,
/// `configuration.secrets[*].identity`).
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[cfg_attr(test, derive(schemars::JsonSchema), schemars(rename = "workloadUse"))]
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
#[cfg_attr(test, derive(schemars::JsonSchema), schemars(rename = "child"))]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ChildSpec {
    #[serde(rename = "type")]
    #[cfg_attr(test, schemars(with = "String", regex(pattern = schema::CHILD_TYPE)))]
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

/// What serde does not say about the format, for the generated schema: patterns, the
/// names a predicate accepts (from the tables the loader checks them against), and the
/// schema-level shape (`rule` under `$defs`, no `null` for optional keys).
#[cfg(test)]
pub(crate) mod schema {
    use std::borrow::Cow;

    use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
    use serde_json::{json, Value};

    use super::{ChildSpec, RelatedSpec, RuleSpec, FORMAT_FAMILIES};

    pub const RULE_ID: &str = "^AZL[0-9]{3}$";
    pub const KEBAB: &str = "^[a-z0-9]+(-[a-z0-9]+)*$";
    pub const GUID: &str =
        "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";
    pub const DATE: &str = "^[0-9]{4}-[0-9]{2}-[0-9]{2}";
    pub const ARM_TYPE: &str = "^[A-Za-z0-9.]+/[A-Za-z0-9./]+$";
    /// A child type has at least one segment after the parent's `provider/type`.
    pub const CHILD_TYPE: &str = "^[A-Za-z0-9.]+/[A-Za-z0-9.]+/[A-Za-z0-9./]+$";
    /// `model::Path` syntax (see `RulePath`).
    const PATH: &str =
        r"^(\$(\.|$))?([A-Za-z0-9_$*-]*(\[(\*|[0-9]+)\])*)(\.[A-Za-z0-9_$*-]+(\[(\*|[0-9]+)\])*)*$";
    /// Paths as in `PATH`, separated by `|`.
    pub const SELECT: &str = r"^\s*(\$(\.|$))?([A-Za-z0-9_$*-]*(\[(\*|[0-9]+)\])*)(\.[A-Za-z0-9_$*-]+(\[(\*|[0-9]+)\])*)*(\s*\|\s*(\$(\.|$))?([A-Za-z0-9_$*-]*(\[(\*|[0-9]+)\])*)(\.[A-Za-z0-9_$*-]+(\[(\*|[0-9]+)\])*)*)*\s*$";

    /// A property path (a `Text` in the structs): one shared `path` definition.
    pub struct RulePath;

    impl JsonSchema for RulePath {
        fn schema_name() -> Cow<'static, str> {
            "path".into()
        }

        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            json_schema!({
                "type": "string",
                "description": "A property path in model::Path syntax, relative to the node under test (the selected node, or the resource body / scoped item without `select`); a leading `$.` starts from the resource body. Segments: `key` (case-insensitive), `*` (every property), `[*]` (every item), `[N]`.",
                "pattern": PATH,
            })
        }
    }

    /// `examples`: code per format family, and only the known families.
    pub fn per_family(g: &mut SchemaGenerator) -> Schema {
        inexpressible_in(g)
    }

    /// `inexpressible-in`: a reason per format family, and only the known families.
    pub fn inexpressible_in(_: &mut SchemaGenerator) -> Schema {
        let families: serde_json::Map<String, Value> = FORMAT_FAMILIES
            .iter()
            .map(|f| (f.to_string(), json!({"type": "string", "minLength": 1})))
            .collect();
        json_schema!({
            "type": "object",
            "additionalProperties": false,
            "properties": families,
        })
    }

    /// `equals`: any scalar (`cond::scalar` refuses arrays and objects).
    pub fn scalar(_: &mut SchemaGenerator) -> Schema {
        json_schema!({"type": ["string", "number", "boolean", "null"]})
    }

    pub fn scalars(g: &mut SchemaGenerator) -> Schema {
        json_schema!({"type": "array", "items": scalar(g)})
    }

    /// `set.value`: what `fix::action` can write.
    pub fn set_value(_: &mut SchemaGenerator) -> Schema {
        json_schema!({"type": ["string", "number", "boolean"]})
    }

    /// `provenance`: the names `cond::compile` accepts.
    pub fn provenance(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "array",
            "minItems": 1,
            "items": {"enum": crate::model::Provenance::RULE_NAMES},
        })
    }

    /// `derived`: the names `cond::compile` accepts.
    pub fn derived(_: &mut SchemaGenerator) -> Schema {
        let names: Vec<&str> = crate::rules::cond::DERIVED_NAMES
            .iter()
            .map(|(n, _)| *n)
            .collect();
        json_schema!({"type": "array", "minItems": 1, "items": {"enum": names}})
    }

    /// `role.in`: the built-in role names of `roles::BUILT_IN` (others are load errors).
    pub fn role_names(_: &mut SchemaGenerator) -> Schema {
        let names: Vec<&str> = crate::rules::roles::BUILT_IN
            .iter()
            .map(|(n, _)| *n)
            .collect();
        json_schema!({"type": "array", "minItems": 1, "items": {"enum": names}})
    }

    /// A definition of its own for a type alias (`ReferencedBySpec`, `ParentSpec`), so it
    /// can differ from the aliased one in its description and patterns.
    fn alias<T: JsonSchema>(
        g: &mut SchemaGenerator,
        name: &str,
        edit: impl FnOnce(&mut serde_json::Map<String, Value>),
    ) -> Schema {
        let mut def = T::json_schema(g);
        def.remove("description");
        edit(def.ensure_object());
        g.definitions_mut().insert(name.into(), def.to_value());
        json_schema!({"$ref": format!("#/$defs/{name}")})
    }

    pub fn referenced_by(g: &mut SchemaGenerator) -> Schema {
        alias::<RelatedSpec>(g, "referencedBy", |_| {})
    }

    /// Unlike `child`, the parent's type is any ARM type.
    pub fn parent(g: &mut SchemaGenerator) -> Schema {
        alias::<ChildSpec>(g, "parent", |def| {
            def["properties"]["type"]["pattern"] = ARM_TYPE.into();
        })
    }

    /// Drop what schemars says that the loader does not mean: `null` as a value of an
    /// optional key (absent keys are how a rule leaves one out), `null`/empty defaults, and
    /// the Rust numeric formats (`float`, `uint`) that JSON Schema editors do not know. Doc
    /// comments are wrapped for the source: descriptions keep only their paragraph breaks.
    fn tidy(v: &mut Value) {
        match v {
            Value::Array(items) => items.iter_mut().for_each(tidy),
            Value::Object(o) => {
                if let Some(Value::String(d)) = o.get_mut("description") {
                    *d = d
                        .split("\n\n")
                        .map(|p| p.split('\n').map(str::trim).collect::<Vec<_>>().join(" "))
                        .collect::<Vec<_>>()
                        .join("\n\n");
                }
                if let Some(Value::Array(ts)) = o.get("type") {
                    if ts.len() == 2 && ts.contains(&json!("null")) {
                        let t = ts.iter().find(|t| **t != json!("null")).cloned();
                        o.insert("type".into(), t.unwrap_or_default());
                    }
                }
                if let Some(Value::Array(alts)) = o.get("anyOf") {
                    if alts.len() == 2 && alts.contains(&json!({"type": "null"})) {
                        let alt = alts
                            .iter()
                            .find(|a| **a != json!({"type": "null"}))
                            .cloned();
                        o.remove("anyOf");
                        if let Some(Value::Object(alt)) = alt {
                            for (k, x) in alt {
                                o.insert(k, x);
                            }
                        }
                    }
                }
                if o.get("default").is_some_and(|d| {
                    d.is_null()
                        || d.as_array().is_some_and(Vec::is_empty)
                        || d.as_object().is_some_and(|m| m.is_empty())
                }) {
                    o.remove("default");
                }
                let numeric = matches!(
                    o.get("type").and_then(Value::as_str),
                    Some("number" | "integer")
                );
                if numeric {
                    o.remove("format");
                }
                o.values_mut().for_each(tidy);
            }
            _ => {}
        }
    }

    /// The rule schema, as committed in `schemas/rule.schema.json`.
    pub fn rule_schema() -> Value {
        let generator = schemars::generate::SchemaSettings::draft2020_12().into_generator();
        let mut root = generator.into_root_schema_for::<RuleSpec>().to_value();
        tidy(&mut root);
        let Value::Object(mut rule) = root else {
            unreachable!("a struct's schema is an object")
        };
        let defs = rule.remove("$defs").unwrap_or_default();
        let description = rule.remove("description").unwrap_or_default();
        rule.remove("$schema");
        rule.remove("title");
        let mut all_defs = serde_json::Map::new();
        all_defs.insert("rule".into(), Value::Object(rule));
        if let Value::Object(defs) = defs {
            all_defs.extend(defs);
        }
        json!({
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": "https://github.com/azlint/azlint/schemas/rule.schema.json",
            "title": "azlint rule",
            "description": description,
            "$ref": "#/$defs/rule",
            "$defs": all_defs,
        })
    }

    #[test]
    fn committed_schema_is_the_generated_one() {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/rule.schema.json");
        let generated = serde_json::to_string_pretty(&rule_schema()).unwrap() + "\n";
        if std::env::var_os("AZLINT_UPDATE_SCHEMA").is_some() {
            std::fs::write(&path, &generated).unwrap();
            return;
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        if committed != generated {
            let line = committed
                .lines()
                .zip(generated.lines())
                .position(|(a, b)| a != b)
                .unwrap_or_else(|| committed.lines().count().min(generated.lines().count()));
            panic!(
                "schemas/rule.schema.json is not the schema generated from src/rules/spec.rs \
                 (first difference at line {}: committed {:?}, generated {:?}).\n\
                 Regenerate it with `AZLINT_UPDATE_SCHEMA=1 cargo test --lib rules::spec` and review the diff.",
                line + 1,
                committed.lines().nth(line).unwrap_or("<end of file>"),
                generated.lines().nth(line).unwrap_or("<end of file>"),
            );
        }
    }
}
