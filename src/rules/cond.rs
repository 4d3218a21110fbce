//! Conditions: compiled from `CondSpec` once at load time (regexes, paths), evaluated per
//! selected node without allocating.

use regex::Regex;

use super::predicates;
use super::spec::{CondSpec, CountSpec, Text};
use super::walk::{self, RulePath, WalkState};
use crate::model::{DerivedKind, Document, Node, Provenance, Resource, Value};

/// Where a condition is evaluated: the document, the resource (absent for parameter/output
/// scopes) and the root that `$.` paths start from.
#[derive(Clone, Copy)]
pub struct Ctx<'a> {
    pub doc: &'a Document,
    pub resource: Option<&'a Resource>,
    pub root: &'a Node,
    /// Names the configuration declares non-secret (`secret-name-exclusions`).
    pub name_exclusions: &'a [regex::Regex],
}

impl Ctx<'_> {
    /// A credential-like name that the configuration does not exclude.
    pub fn is_credential_name(&self, name: &str) -> bool {
        !self.name_exclusions.iter().any(|r| r.is_match(name))
            && predicates::is_credential_name(name)
    }
}

#[derive(Debug)]
pub enum Cond {
    All(Vec<Cond>),
    Any(Vec<Cond>),
    Not(Box<Cond>),
    /// Some node at `path` passes every test.
    Leaf {
        path: RulePath,
        tests: Vec<Test>,
    },
    /// Nothing at `path`, and the walk did not run into an expression of unknown shape.
    Absent(RulePath),
    CredentialName(RulePath),
    CredentialValue(RulePath),
    IdentityAssigned(RulePath),
    SecretDefined(RulePath),
    Secret {
        reference: RulePath,
        when: Option<Box<Cond>>,
    },
    AcrServer(RulePath),
    Related {
        via: RulePath,
        resource_type: String,
        when: Option<Box<Cond>>,
    },
    ReferencedBy {
        via: RulePath,
        resource_type: String,
        when: Option<Box<Cond>>,
    },
    Child {
        resource_type: String,
        when: Option<Box<Cond>>,
    },
    /// The resource under test is a child of a resource of this type in the document, and
    /// `when` holds with `$.` rooted at the parent's body.
    Parent {
        resource_type: String,
        when: Option<Box<Cond>>,
    },
    /// The scoped item (parameter, variable) is used, and only at paths matching the regex.
    UsedAt(Regex),
    /// The role definition at the path is one of these built-in roles (names as Azure
    /// spells them).
    Role {
        path: RulePath,
        roles: Vec<&'static str>,
    },
    /// The resource may be a partial specification applied over an existing resource.
    PartialSpec(bool),
    /// The resource's API version is within the bounds (one without a version, Terraform
    /// azurerm without a mapped one, counts as current: inside).
    ApiVersion {
        min: Option<String>,
        max: Option<String>,
        exclude: Vec<String>,
    },
}

#[derive(Debug)]
pub enum Scalar {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
}

#[derive(Debug)]
pub enum Test {
    Exists,
    Equals(Scalar),
    In(Vec<Scalar>),
    Matches(Regex),
    Provenance(Vec<&'static str>),
    Derived(Vec<DerivedKind>),
    Plaintext(bool),
    Known(bool),
    Gt(f64),
    Gte(f64),
    Lt(f64),
    Lte(f64),
    Count(CountBounds),
}

#[derive(Debug, Default)]
pub struct CountBounds {
    equals: Option<usize>,
    gt: Option<usize>,
    gte: Option<usize>,
    lt: Option<usize>,
    lte: Option<usize>,
}

/// A compile error with the place in the rule file it refers to.
pub fn err_at(file: &str, t: &Text, what: impl std::fmt::Display) -> String {
    format!(
        "{file}:{}:{}: {what}",
        t.referenced.line(),
        t.referenced.column()
    )
}

fn rule_path(file: &str, t: &Text) -> Result<RulePath, String> {
    RulePath::parse(&t.value).map_err(|e| err_at(file, t, e))
}

fn scalar(file: &str, at: &str, v: &serde_json::Value) -> Result<Scalar, String> {
    Ok(match v {
        serde_json::Value::Null => Scalar::Null,
        serde_json::Value::Bool(b) => Scalar::Bool(*b),
        serde_json::Value::Number(n) => Scalar::Number(n.as_f64().unwrap_or(f64::NAN)),
        serde_json::Value::String(s) => Scalar::String(s.clone()),
        _ => {
            return Err(format!(
                "{file}: {at}: `equals`/`in` take scalars (string, number, bool, null)"
            ))
        }
    })
}

/// The `derived:` names a rule may use (also the schema's enum, `spec::schema::derived`).
pub(crate) const DERIVED_NAMES: &[(&str, DerivedKind)] = &[
    ("list-keys", DerivedKind::ListKeys),
    (
        "registry-admin-credential",
        DerivedKind::RegistryAdminCredential,
    ),
    ("reference", DerivedKind::Reference),
    ("resource-property", DerivedKind::ResourceProperty),
    ("other", DerivedKind::Other),
];

/// Compile a condition. `at` is a human description of where it is (`when.all[1]`), used
/// when the spec has no located string to point at.
/// The optional `when` nested in a predicate, compiled.
/// `workload-identity` is shorthand: it expands to the `related` / `referenced-by` conditions
/// it stands for, so it is evaluated (and explained by `inspect`) like them. Every generated
/// path points at the rule's `via` for error messages.
fn workload_identity(w: &super::spec::WorkloadIdentitySpec) -> CondSpec {
    use super::spec::{RelatedSpec, WorkloadUse};
    let text = |s: &str| Text::new(s.to_string(), w.via.referenced, w.via.defined);
    let list = match w.uses {
        WorkloadUse::Registries => "properties.configuration.registries[*].identity",
        WorkloadUse::Secrets => "properties.configuration.secrets[*].identity",
    };
    const WORKLOADS: [&str; 2] = ["Microsoft.App/containerApps", "Microsoft.App/jobs"];
    let related = |type_: &str, when: CondSpec| CondSpec {
        related: Some(RelatedSpec {
            via: w.via.clone(),
            type_: type_.to_string(),
            when: Some(Box::new(when)),
        }),
        ..CondSpec::default()
    };
    // A user-assigned identity that an app or job names in `list`.
    let named_by_a_workload = CondSpec {
        any: Some(
            WORKLOADS
                .iter()
                .map(|t| CondSpec {
                    referenced_by: Some(RelatedSpec {
                        via: text(list),
                        type_: t.to_string(),
                        when: None,
                    }),
                    ..CondSpec::default()
                })
                .collect(),
        ),
        ..CondSpec::default()
    };
    let mut any = vec![related(
        "Microsoft.ManagedIdentity/userAssignedIdentities",
        named_by_a_workload,
    )];
    // An app or job whose own (system-assigned) identity is used there.
    for t in WORKLOADS {
        any.push(related(
            t,
            CondSpec {
                path: Some(text(list)),
                equals: Some(serde_json::Value::String("system".into())),
                ..CondSpec::default()
            },
        ));
    }
    CondSpec {
        any: Some(any),
        ..CondSpec::default()
    }
}

fn nested_when(file: &str, at: &str, when: Option<&CondSpec>) -> Result<Option<Box<Cond>>, String> {
    when.map(|w| compile(file, at, w).map(Box::new)).transpose()
}

pub fn compile(file: &str, at: &str, spec: &CondSpec) -> Result<Cond, String> {
    let mut kinds: Vec<&str> = Vec::new();
    macro_rules! has {
        ($field:ident, $name:expr) => {
            if spec.$field.is_some() {
                kinds.push($name);
            }
        };
    }
    has!(all, "all");
    has!(any, "any");
    has!(not, "not");
    has!(path, "path");
    has!(credential_name, "credential-name");
    has!(credential_value, "credential-value");
    has!(identity_assigned, "identity-assigned");
    has!(secret_defined, "secret-defined");
    has!(secret, "secret");
    has!(acr_server, "acr-server");
    has!(related, "related");
    has!(referenced_by, "referenced-by");
    has!(child, "child");
    has!(parent, "parent");
    has!(used_at, "used-at");
    has!(role, "role");
    has!(workload_identity, "workload-identity");
    has!(partial_spec, "partial-spec");
    has!(api_version, "api-version");
    let leaf_tests = spec.exists.is_some()
        || spec.equals.is_some()
        || spec.in_.is_some()
        || spec.matches.is_some()
        || spec.provenance.is_some()
        || spec.derived.is_some()
        || spec.plaintext.is_some()
        || spec.known.is_some()
        || spec.gt.is_some()
        || spec.gte.is_some()
        || spec.lt.is_some()
        || spec.lte.is_some()
        || spec.count.is_some();
    // Structural errors have no string of their own to point at: use the first located
    // string inside the condition, and always name the logical place (`when.all[1]`).
    let structural = |what: String| match locate(spec) {
        Some(t) => err_at(file, t, format!("{at}: {what}")),
        None => format!("{file}: {at}: {what}"),
    };
    if kinds.len() != 1 {
        return Err(structural(format!(
            "a condition needs exactly one of all, any, not, path, or a predicate; found {}",
            if kinds.is_empty() {
                "none".to_string()
            } else {
                kinds.join(", ")
            }
        )));
    }
    if leaf_tests && kinds[0] != "path" {
        return Err(structural(
            "tests such as `equals`/`exists` need a `path`".into(),
        ));
    }
    let list = |items: &[CondSpec], name: &str| -> Result<Vec<Cond>, String> {
        if items.is_empty() {
            return Err(format!("{file}: {at}.{name}: empty list"));
        }
        items
            .iter()
            .enumerate()
            .map(|(i, c)| compile(file, &format!("{at}.{name}[{i}]"), c))
            .collect()
    };
    if let Some(items) = &spec.all {
        return Ok(Cond::All(list(items, "all")?));
    }
    if let Some(items) = &spec.any {
        return Ok(Cond::Any(list(items, "any")?));
    }
    if let Some(inner) = &spec.not {
        return Ok(Cond::Not(Box::new(compile(
            file,
            &format!("{at}.not"),
            inner,
        )?)));
    }
    if let Some(t) = &spec.credential_name {
        return Ok(Cond::CredentialName(rule_path(file, t)?));
    }
    if let Some(t) = &spec.credential_value {
        return Ok(Cond::CredentialValue(rule_path(file, t)?));
    }
    if let Some(t) = &spec.identity_assigned {
        return Ok(Cond::IdentityAssigned(rule_path(file, t)?));
    }
    if let Some(t) = &spec.secret_defined {
        return Ok(Cond::SecretDefined(rule_path(file, t)?));
    }
    if let Some(t) = &spec.acr_server {
        return Ok(Cond::AcrServer(rule_path(file, t)?));
    }
    if let Some(s) = &spec.secret {
        let when = match &s.when {
            Some(w) => Some(Box::new(compile(file, &format!("{at}.secret.when"), w)?)),
            None => None,
        };
        return Ok(Cond::Secret {
            reference: rule_path(file, &s.ref_)?,
            when,
        });
    }
    // `related` (this resource points at another) and `referenced-by` (another points at
    // this one) share their shape: a reference path, a full ARM type, an optional condition.
    for (key, link) in [
        ("related", &spec.related),
        ("referenced-by", &spec.referenced_by),
    ] {
        let Some(r) = link else { continue };
        let when = nested_when(file, &format!("{at}.{key}.when"), r.when.as_deref())?;
        if !r.type_.contains('/') {
            return Err(err_at(
                file,
                &r.via,
                format!("{key}.type `{}` is not a full ARM type", r.type_),
            ));
        }
        let via = rule_path(file, &r.via)?;
        let resource_type = r.type_.clone();
        return Ok(if key == "related" {
            Cond::Related {
                via,
                resource_type,
                when,
            }
        } else {
            Cond::ReferencedBy {
                via,
                resource_type,
                when,
            }
        });
    }
    if let Some(w) = &spec.workload_identity {
        let expanded = workload_identity(w);
        return compile(file, &format!("{at}.workload-identity"), &expanded);
    }
    if let Some(t) = &spec.used_at {
        let re =
            Regex::new(&t.value).map_err(|e| err_at(file, t, format!("invalid regex: {e}")))?;
        return Ok(Cond::UsedAt(re));
    }
    if let Some(r) = &spec.role {
        let mut roles = Vec::new();
        for name in &r.in_ {
            let known = super::roles::BUILT_IN
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(&name.value))
                .map(|(n, _)| *n)
                .ok_or_else(|| {
                    err_at(
                        file,
                        name,
                        format!(
                            "`{}` is not a built-in role azlint knows (src/rules/roles.rs)",
                            name.value
                        ),
                    )
                })?;
            roles.push(known);
        }
        if roles.is_empty() {
            return Err(err_at(file, &r.path, "role.in: empty list"));
        }
        return Ok(Cond::Role {
            path: rule_path(file, &r.path)?,
            roles,
        });
    }
    if let Some(b) = spec.partial_spec {
        return Ok(Cond::PartialSpec(b));
    }
    if let Some(a) = &spec.api_version {
        for v in a.min.iter().chain(a.max.iter()).chain(a.exclude.iter()) {
            let ok = v.len() >= 10
                && v.as_bytes()[..10].iter().enumerate().all(|(i, b)| {
                    if i == 4 || i == 7 {
                        *b == b'-'
                    } else {
                        b.is_ascii_digit()
                    }
                });
            if !ok {
                return Err(format!(
                    "{file}: {at}: api-version `{v}` must look like 2024-02-02 or 2024-02-02-preview"
                ));
            }
        }
        if a.min.is_none() && a.max.is_none() && a.exclude.is_empty() {
            return Err(format!(
                "{file}: {at}: api-version needs min, max or exclude"
            ));
        }
        return Ok(Cond::ApiVersion {
            min: a.min.clone(),
            max: a.max.clone(),
            exclude: a.exclude.clone(),
        });
    }
    if let Some(c) = &spec.parent {
        let when = nested_when(file, &format!("{at}.parent.when"), c.when.as_deref())?;
        if c.type_.value.split('/').filter(|s| !s.is_empty()).count() < 2 {
            return Err(err_at(
                file,
                &c.type_,
                format!("parent.type `{}` is not a full ARM type", c.type_.value),
            ));
        }
        return Ok(Cond::Parent {
            resource_type: c.type_.value.clone(),
            when,
        });
    }
    if let Some(c) = &spec.child {
        let when = nested_when(file, &format!("{at}.child.when"), c.when.as_deref())?;
        // A child type has at least two segments after the namespace.
        if c.type_.value.split('/').filter(|s| !s.is_empty()).count() < 3 {
            return Err(err_at(
                file,
                &c.type_,
                format!(
                    "child.type `{}` is not a full child resource type",
                    c.type_.value
                ),
            ));
        }
        return Ok(Cond::Child {
            resource_type: c.type_.value.clone(),
            when,
        });
    }
    let path_text = spec
        .path
        .as_ref()
        .ok_or_else(|| format!("{file}: {at}: missing path"))?;
    let path = rule_path(file, path_text)?;
    if !leaf_tests {
        return Err(err_at(file, path_text, "a `path` needs at least one test (exists, equals, in, matches, provenance, derived, plaintext, known, gt/gte/lt/lte, count)"));
    }
    if spec.exists == Some(false) {
        let others = spec.equals.is_some()
            || spec.in_.is_some()
            || spec.matches.is_some()
            || spec.provenance.is_some()
            || spec.derived.is_some()
            || spec.plaintext.is_some()
            || spec.known.is_some()
            || spec.gt.is_some()
            || spec.gte.is_some()
            || spec.lt.is_some()
            || spec.lte.is_some()
            || spec.count.is_some();
        if others {
            return Err(err_at(
                file,
                path_text,
                "`exists: false` cannot be combined with other tests",
            ));
        }
        return Ok(Cond::Absent(path));
    }
    let mut tests = Vec::new();
    if spec.exists == Some(true) {
        tests.push(Test::Exists);
    }
    if let Some(v) = &spec.equals {
        tests.push(Test::Equals(scalar(file, at, v)?));
    }
    if let Some(vs) = &spec.in_ {
        tests.push(Test::In(
            vs.iter()
                .map(|v| scalar(file, at, v))
                .collect::<Result<_, _>>()?,
        ));
    }
    if let Some(re) = &spec.matches {
        let compiled =
            Regex::new(&re.value).map_err(|e| err_at(file, re, format!("invalid regex: {e}")))?;
        tests.push(Test::Matches(compiled));
    }
    if let Some(ps) = &spec.provenance {
        let mut names = Vec::new();
        for p in ps {
            let name = Provenance::RULE_NAMES
                .iter()
                .find(|n| **n == p.value)
                .ok_or_else(|| {
                    err_at(
                        file,
                        p,
                        format!(
                            "unknown provenance `{}` (one of {})",
                            p.value,
                            Provenance::RULE_NAMES.join(", ")
                        ),
                    )
                })?;
            names.push(*name);
        }
        tests.push(Test::Provenance(names));
    }
    if let Some(ds) = &spec.derived {
        let mut kinds = Vec::new();
        for d in ds {
            let k = DERIVED_NAMES
                .iter()
                .find(|(n, _)| *n == d.value)
                .map(|(_, k)| *k)
                .ok_or_else(|| {
                    let all: Vec<_> = DERIVED_NAMES.iter().map(|(n, _)| *n).collect();
                    err_at(
                        file,
                        d,
                        format!(
                            "unknown derived kind `{}` (one of {})",
                            d.value,
                            all.join(", ")
                        ),
                    )
                })?;
            kinds.push(k);
        }
        tests.push(Test::Derived(kinds));
    }
    if let Some(b) = spec.plaintext {
        tests.push(Test::Plaintext(b));
    }
    if let Some(b) = spec.known {
        tests.push(Test::Known(b));
    }
    if let Some(n) = spec.gt {
        tests.push(Test::Gt(n));
    }
    if let Some(n) = spec.gte {
        tests.push(Test::Gte(n));
    }
    if let Some(n) = spec.lt {
        tests.push(Test::Lt(n));
    }
    if let Some(n) = spec.lte {
        tests.push(Test::Lte(n));
    }
    if let Some(CountSpec {
        equals,
        gt,
        gte,
        lt,
        lte,
    }) = &spec.count
    {
        tests.push(Test::Count(CountBounds {
            equals: *equals,
            gt: *gt,
            gte: *gte,
            lt: *lt,
            lte: *lte,
        }));
    }
    Ok(Cond::Leaf { path, tests })
}

/// The first located string in a condition (for error positions).
fn locate(spec: &CondSpec) -> Option<&Text> {
    [
        &spec.path,
        &spec.matches,
        &spec.credential_name,
        &spec.credential_value,
        &spec.identity_assigned,
        &spec.secret_defined,
        &spec.acr_server,
    ]
    .into_iter()
    .flatten()
    .next()
    .or_else(|| spec.secret.as_ref().map(|s| &s.ref_))
    .or_else(|| spec.related.as_ref().map(|r| &r.via))
    .or_else(|| spec.referenced_by.as_ref().map(|r| &r.via))
    .or_else(|| spec.role.as_ref().map(|r| &r.path))
    .or_else(|| spec.workload_identity.as_ref().map(|w| &w.via))
    .or_else(|| spec.child.as_ref().map(|c| &c.type_))
    .or_else(|| spec.parent.as_ref().map(|c| &c.type_))
    .or(spec.used_at.as_ref())
    .or_else(|| spec.provenance.as_ref().and_then(|p| p.first()))
    .or_else(|| spec.derived.as_ref().and_then(|d| d.first()))
    .or_else(|| spec.not.as_deref().and_then(locate))
    .or_else(|| {
        spec.all
            .iter()
            .chain(spec.any.iter())
            .flatten()
            .find_map(locate)
    })
}

/// Visit the nodes at `path`; true when `f` holds for one of them.
fn any_at<'a>(
    ctx: &Ctx<'a>,
    node: &'a Node,
    path: &RulePath,
    f: &mut dyn FnMut(&'a Node) -> bool,
) -> bool {
    let mut st = WalkState::default();
    walk::any(path.start(ctx.root, node), &path.path.segments, &mut st, f)
}

impl Cond {
    pub fn eval<'a>(&self, ctx: &Ctx<'a>, node: &'a Node) -> bool {
        match self {
            Cond::All(cs) => cs.iter().all(|c| c.eval(ctx, node)),
            Cond::Any(cs) => cs.iter().any(|c| c.eval(ctx, node)),
            Cond::Not(c) => !c.eval(ctx, node),
            Cond::Leaf { path, tests } => {
                let mut st = WalkState::default();
                walk::any_in(
                    path.start(ctx.root, node),
                    &path.path.segments,
                    &mut st,
                    false,
                    // A node that exists only when an unknown input is set does not
                    // "exist" for sure: presence tests stay quiet; value tests still apply.
                    &mut |n, conditional| {
                        tests
                            .iter()
                            .all(|t| !(conditional && matches!(t, Test::Exists)) && t.eval(n))
                    },
                )
            }
            Cond::Absent(path) => {
                let mut st = WalkState::default();
                let found = walk::any(
                    path.start(ctx.root, node),
                    &path.path.segments,
                    &mut st,
                    &mut |_| true,
                );
                !found && !st.opaque
            }
            Cond::CredentialName(path) => any_at(ctx, node, path, &mut |n| {
                n.known_text().is_some_and(|t| ctx.is_credential_name(&t))
            }),
            Cond::CredentialValue(path) => {
                any_at(ctx, node, path, &mut predicates::node_has_credential_value)
            }
            Cond::IdentityAssigned(path) => any_at(ctx, node, path, &mut |n| {
                predicates::identity_assigned(ctx.root, n)
            }),
            Cond::SecretDefined(path) => any_at(ctx, node, path, &mut |n| {
                predicates::secret_defined(ctx.root, n)
            }),
            Cond::Secret { reference, when } => any_at(ctx, node, reference, &mut |n| {
                let Some(name) = n.known_text() else {
                    return false;
                };
                match predicates::find_secret(ctx.root, &name) {
                    predicates::SecretLookup::Found(item) => {
                        when.as_ref().is_none_or(|w| w.eval(ctx, item))
                    }
                    _ => false,
                }
            }),
            Cond::AcrServer(path) => any_at(ctx, node, path, &mut |n| {
                predicates::is_acr_server(ctx.doc, n)
            }),
            Cond::Related {
                via,
                resource_type,
                when,
            } => any_at(ctx, node, via, &mut |n| {
                predicates::referenced_resources(ctx.doc, n, resource_type)
                    .any(|r| holds_on(ctx, r, when.as_deref()))
            }),
            Cond::ReferencedBy {
                via,
                resource_type,
                when,
            } => ctx.resource.is_some_and(|target| {
                predicates::referencing_resources(ctx.doc, target, resource_type, &via.path)
                    .any(|r| holds_on(ctx, r, when.as_deref()))
            }),
            Cond::Child {
                resource_type,
                when,
            } => ctx.resource.is_some_and(|parent| {
                predicates::child_resources(ctx.doc, parent, resource_type)
                    .any(|r| holds_on(ctx, r, when.as_deref()))
            }),
            Cond::Parent {
                resource_type,
                when,
            } => ctx.resource.is_some_and(|child| {
                predicates::parent_resources(ctx.doc, child, resource_type).any(|p| {
                    let inner = Ctx {
                        doc: ctx.doc,
                        resource: Some(p),
                        root: &p.body,
                        name_exclusions: ctx.name_exclusions,
                    };
                    when.as_ref().is_none_or(|w| w.eval(&inner, node))
                })
            }),
            Cond::Role { path, roles } => any_at(ctx, node, path, &mut |n| {
                super::roles::role_of(n).is_some_and(|r| roles.contains(&r))
            }),
            Cond::UsedAt(re) => ctx
                .root
                .get("name")
                .and_then(|n| n.known_text())
                .is_some_and(|name| predicates::used_only_at(ctx.doc, &name, re)),
            Cond::ApiVersion { min, max, exclude } => {
                let Some(resource) = ctx.resource else {
                    return true;
                };
                let version = resource.api_version.as_deref().unwrap_or("");
                !exclude
                    .iter()
                    .any(|x| x.eq_ignore_ascii_case(version.trim()))
                    && resource.api_version_within(min.as_deref(), max.as_deref())
            }
            Cond::PartialSpec(b) => {
                let partial = ctx.doc.format == crate::model::Format::AcaYaml
                    || ctx.resource.is_some_and(|r| r.is_partial_update());
                partial == *b
            }
        }
    }
}

/// Evaluate an optional inner condition on another resource of the document (`$.` there
/// starts from that resource's body).
fn holds_on(ctx: &Ctx<'_>, r: &Resource, when: Option<&Cond>) -> bool {
    let inner = Ctx {
        doc: ctx.doc,
        resource: Some(r),
        root: &r.body,
        name_exclusions: ctx.name_exclusions,
    };
    when.is_none_or(|w| w.eval(&inner, &r.body))
}

fn eq_scalar(node: &Node, want: &Scalar) -> bool {
    match want {
        Scalar::Null => matches!(node.value, Value::Null),
        Scalar::Bool(b) => node.as_bool() == Some(*b),
        Scalar::Number(n) => node.as_number() == Some(*n),
        Scalar::String(s) => node.known_text().is_some_and(|t| t.eq_ignore_ascii_case(s)),
    }
}

/// A value is statically known when it is written out (or resolves to something written
/// out in full; interpolations with unknown parts are not known).
fn is_known(node: &Node) -> bool {
    match &node.value {
        Value::Expr(e) => e
            .literal
            .as_deref()
            .is_some_and(|l| !l.contains('\u{2026}')),
        _ => true,
    }
}

impl Test {
    fn eval(&self, node: &Node) -> bool {
        match self {
            Test::Exists => true,
            Test::Equals(s) => eq_scalar(node, s),
            Test::In(ss) => ss.iter().any(|s| eq_scalar(node, s)),
            Test::Matches(re) => node.known_text().is_some_and(|t| re.is_match(&t)),
            Test::Provenance(names) => {
                let p = node.provenance();
                names.contains(&p.rule_name())
            }
            Test::Derived(kinds) => {
                matches!(node.provenance(), Provenance::Derived(k) if kinds.contains(&k))
            }
            Test::Plaintext(b) => node.is_plaintext() == *b,
            Test::Known(b) => is_known(node) == *b,
            Test::Gt(n) => node.as_number().is_some_and(|v| v > *n),
            Test::Gte(n) => node.as_number().is_some_and(|v| v >= *n),
            Test::Lt(n) => node.as_number().is_some_and(|v| v < *n),
            Test::Lte(n) => node.as_number().is_some_and(|v| v <= *n),
            Test::Count(c) => match node.as_array() {
                Some(items) => {
                    let len = items.len();
                    c.equals.is_none_or(|x| len == x)
                        && c.gt.is_none_or(|x| len > x)
                        && c.gte.is_none_or(|x| len >= x)
                        && c.lt.is_none_or(|x| len < x)
                        && c.lte.is_none_or(|x| len <= x)
                }
                None => false,
            },
        }
    }
}
