//! The named built-in predicates: what a path test cannot say. Each is a pure function of
//! the model so it can be unit-tested on its own; `cond.rs` wires them to rule syntax.
//!
//! Shared principle: when a value is not statically known, a predicate answers the way that
//! keeps rules quiet (an unknown identity counts as assigned, an unknown secret name as
//! defined, an unknown value never looks like a credential).

use std::sync::OnceLock;

use regex::Regex;

use crate::model::text as utf8;
use crate::model::{is_placeholder, Document, Node, Resource, Value};

// ---------------------------------------------------------------------------------------
// credential-name

// The word lists (`CREDENTIAL_WORDS`, `CREDENTIAL_PAIRS`, `NON_CREDENTIAL_SUFFIXES`, …),
// the value patterns and the Azure facts below come from `rules/data/*.yaml`, turned into
// `const` slices by build.rs (build/rule_data.rs).
include!(concat!(env!("OUT_DIR"), "/rule_data.rs"));

/// At most this many words of a name are considered (names are short; this keeps the
/// split allocation-free).
const MAX_WORDS: usize = 16;

/// Split a name into words at non-alphanumeric characters and camelCase boundaries
/// (`dbPassword`, `DB_PASSWORD`, `APIKey` → `API`, `Key`), as byte ranges into `name`.
fn words(name: &str, out: &mut [(usize, usize); MAX_WORDS]) -> usize {
    let mut n = 0;
    let mut start: Option<usize> = None;
    let mut prev: Option<char> = None;
    let mut iter = name.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if !c.is_alphanumeric() {
            if let Some(s) = start.take() {
                if n < MAX_WORDS {
                    out[n] = (s, i);
                    n += 1;
                }
            }
            prev = None;
            continue;
        }
        let next = iter.peek().map(|(_, c)| *c);
        let boundary = c.is_uppercase()
            && prev.is_some_and(|p| {
                p.is_lowercase()
                    || p.is_ascii_digit()
                    || (p.is_uppercase() && next.is_some_and(char::is_lowercase))
            });
        if boundary {
            if let Some(s) = start.take() {
                if n < MAX_WORDS {
                    out[n] = (s, i);
                    n += 1;
                }
            }
        }
        if start.is_none() {
            start = Some(i);
        }
        prev = Some(c);
    }
    if let Some(s) = start {
        if n < MAX_WORDS {
            out[n] = (s, name.len());
            n += 1;
        }
    }
    n
}

/// Does this name (env var, Dapr metadata key, parameter) look like it holds a credential?
/// (aca-controls §0.2, word-based so `bypass`, `design` or `KANSAS` do not match.)
/// The configuration's `secret-name-exclusions` are applied by the caller (`Ctx`).
pub fn is_credential_name(name: &str) -> bool {
    let mut ranges = [(0, 0); MAX_WORDS];
    let n = words(name, &mut ranges);
    // The word ranges come from `char_indices`: always on character boundaries.
    let mut w = [""; MAX_WORDS];
    for (word, &(start, end)) in w.iter_mut().zip(&ranges[..n]) {
        *word = name.get(start..end).unwrap_or("");
    }
    let is = |i: usize, list: &[&str]| list.iter().any(|x| x.eq_ignore_ascii_case(w[i]));
    // A qualifier right before a credential word (or a pair's first word) that makes it
    // something else: `nonSecretValues`, `noPassword`; a naming token (`resourceToken`) or a
    // count of LLM tokens (`RESPONSE_MAX_TOKENS`), which is a number; the Application
    // Insights connection string under a short name (`aiConnectionString`), not secret.
    let negated = |i: usize| {
        i > 0
            && (is(i - 1, NEGATING_WORDS)
                || (is(i, TOKEN_WORDS) && is(i - 1, TOKEN_QUALIFIERS))
                || (is(i, TELEMETRY_WORDS) && is(i - 1, TELEMETRY_QUALIFIERS)))
    };
    let credential = (0..n).any(|i| is(i, CREDENTIAL_WORDS) && !negated(i))
        || (1..n).any(|i| {
            CREDENTIAL_PAIRS
                .iter()
                .any(|(a, b)| w[i - 1].eq_ignore_ascii_case(a) && w[i].eq_ignore_ascii_case(b))
                && !negated(i - 1)
        });
    // The exceptions only turn a credential name into a non-credential, and most names are
    // none: test them last.
    credential
        // `KEY_VAULT_URL`, `DB_SECRET_NAME`: where or which credential, not the credential.
        && !is(n - 1, NON_CREDENTIAL_SUFFIXES)
        // Application Insights connection strings and instrumentation keys are documented
        // as not secret (they only let a client send telemetry).
        && !(0..n).any(|i| is(i, NOT_SECRET_WORDS))
        // A switch about a credential (`ENABLE_API_KEY_AUTH`, `USE_SAS`, `requirePassword`)
        // holds a flag, not the credential.
        && (n == 1 || !is(0, SWITCH_WORDS))
}

// ---------------------------------------------------------------------------------------
// credential-value

/// Value patterns that are credentials whatever the name (aca-controls §0.2), compiled once
/// (`credential-values.yaml`; build.rs has checked their syntax). The named group `v` is
/// the credential part: it must be literal (the `…` that stands for a non-literal
/// interpolation part is excluded) and not a placeholder.
fn value_patterns() -> &'static [Regex] {
    static RE: OnceLock<Vec<Regex>> = OnceLock::new();
    RE.get_or_init(|| {
        CREDENTIAL_VALUE_PATTERNS
            .iter()
            .map(|p| Regex::new(p).expect("credential value pattern"))
            .collect()
    })
}

/// Does this statically known text contain a credential whose secret part is literal?
pub fn is_credential_value(text: &str) -> bool {
    value_patterns().iter().any(|re| {
        re.captures_iter(text).any(|c| {
            let v = c.name("v").map(|m| m.as_str().trim()).unwrap_or("");
            !looks_like_placeholder(v)
        })
    })
}

/// Placeholders inside connection strings: `<key>`, `{password}`, `[your-key]`, `$PW`,
/// `${PW}`, `{{ pw }}`, `****`, `xxxx`. (The PEM pattern captures an empty part: a PEM
/// header is never a placeholder.)
fn looks_like_placeholder(v: &str) -> bool {
    if v.is_empty() {
        return false;
    }
    let wrapped = |open: char, close: char| v.starts_with(open) && v.ends_with(close);
    is_placeholder(v)
        || v.starts_with('<')
        || v.contains("{{")
        || wrapped('{', '}')
        || wrapped('[', ']')
        || v.chars().all(|c| c == '*' || c == 'x' || c == 'X')
}

/// `credential-value` on a node: only where the credential part is written in the source.
/// Secure inputs, Key Vault references and derived values never match even if their known
/// literal fragments look like a connection string's glue text.
pub fn node_has_credential_value(node: &Node) -> bool {
    match &node.value {
        Value::String(s) => is_credential_value(s),
        // `literal` holds only the statically known fragments (non-literal parts are `…`),
        // so a match means the credential part itself is written in the source, whatever
        // the provenance of the other parts (a literal key glued to a secure account name
        // is still a literal key).
        Value::Expr(e) => e.literal.as_deref().is_some_and(is_credential_value),
        _ => false,
    }
}

// ---------------------------------------------------------------------------------------
// references

/// Whether a typed reference names `r`: a resource key of the deployment, or a type and
/// evaluated name. `None` for an untyped (text) reference, which callers match by symbol.
fn ref_names(x: &crate::model::Ref, r: &Resource) -> Option<bool> {
    use crate::model::Target;
    match &x.target {
        Target::Resource(key) => Some(key == &r.key),
        Target::Named {
            resource_type,
            name,
        } => Some(
            r.is_type(resource_type)
                && r.name_value
                    .as_deref()
                    .is_some_and(|n| n.eq_ignore_ascii_case(name)),
        ),
        Target::Text(_) => None,
    }
}

/// The symbol a reference names, as written in the resource's own module: a text
/// reference's text, a key's last segment (`/app/env` → `env`), a named reference's name.
fn ref_symbol(x: &crate::model::Ref) -> &str {
    use crate::model::Target;
    match &x.target {
        Target::Text(t) => t,
        Target::Resource(key) => key.rsplit('/').next().unwrap_or(key),
        Target::Named { name, .. } => name,
    }
}

/// Whether `e` refers to `r`: by a typed reference, or (untyped) by symbol.
fn expr_refers_to(e: &crate::model::Expr, r: &Resource) -> bool {
    e.refs.iter().any(|x| match ref_names(x, r) {
        Some(hit) => hit,
        None => r
            .symbol
            .as_deref()
            .is_some_and(|s| s.eq_ignore_ascii_case(ref_symbol(x))),
    })
}

// ---------------------------------------------------------------------------------------
// identity-assigned

/// Normalise an identity reference for comparison: drop whitespace, surrounding ARM `[...]`
/// brackets and Bicep `'${...}'` interpolation, ignore case.
fn normalise_identity(text: &str) -> String {
    let mut t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    loop {
        let before = t.len();
        if let Some(x) = t.strip_prefix('[').and_then(|x| x.strip_suffix(']')) {
            t = x.to_string();
        }
        if let Some(x) = t.strip_prefix("'${").and_then(|x| x.strip_suffix("}'")) {
            t = x.to_string();
        }
        if let Some(x) = t.strip_prefix("${").and_then(|x| x.strip_suffix('}')) {
            t = x.to_string();
        }
        if t.len() == before {
            break;
        }
    }
    t.to_ascii_lowercase()
}

/// Identifier-boundary containment: `uai` in `uai.id` but not in `uai2.id`.
fn mentions(haystack: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return false;
    }
    let is_ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
    haystack.match_indices(needle).any(|(i, _)| {
        let (before, after) = utf8::neighbours(haystack, i, needle.len());
        !before.is_some_and(is_ident) && !after.is_some_and(is_ident)
    })
}

/// Is the identity that `id` names (`system`, or a user-assigned identity id) assigned in
/// the resource body's `identity` block? Unknown `identity.type` counts as assigned.
pub fn identity_assigned(body: &Node, id: &Node) -> bool {
    let Some(identity) = body.get("identity") else {
        return false;
    };
    if identity.as_expr().is_some() {
        return true;
    }
    let ty = identity.get("type");
    let ty_text = match ty {
        Some(t) => match t.known_text() {
            Some(s) => Some(s.to_ascii_lowercase()),
            None if t.as_expr().is_some() => return true,
            None => None,
        },
        None => None,
    };
    let id_text = match &id.value {
        Value::String(s) => s.clone(),
        Value::Expr(e) => e
            .literal
            .clone()
            .filter(|l| !l.contains('\u{2026}'))
            .unwrap_or_else(|| e.text.clone()),
        _ => return true,
    };
    if id_text.trim().eq_ignore_ascii_case("system") {
        return ty_text.is_some_and(|t| t.contains("systemassigned"));
    }
    if ty_text
        .as_ref()
        .is_some_and(|t| !t.contains("userassigned"))
    {
        return false;
    }
    let Some(uais) = identity.get("userAssignedIdentities") else {
        return false;
    };
    let Some(props) = uais.as_object() else {
        // An expression (or anything else not spelled out): cannot tell, so assume assigned.
        return !matches!(uais.value, Value::Array(_) | Value::Null);
    };
    let want = normalise_identity(&id_text);
    let refs: Vec<String> = id
        .as_expr()
        .map(|e| {
            e.refs
                .iter()
                .map(|r| ref_symbol(r).to_ascii_lowercase())
                .collect()
        })
        .unwrap_or_default();
    let alt = id.as_expr().map(|e| normalise_identity(&e.text));
    props.iter().any(|p| {
        let key = normalise_identity(&p.key);
        key == want
            || alt.as_deref() == Some(key.as_str())
            || refs.iter().any(|r| mentions(&key, r))
    })
}

// ---------------------------------------------------------------------------------------
// secret-defined / secret

// The secrets lists a `secretRef` can name: `SECRET_LISTS` (`azure.yaml`).

/// The outcome of looking a secret up by name.
#[derive(Debug)]
pub enum SecretLookup<'a> {
    Found(&'a Node),
    Missing,
    /// The list or a name in it is an expression: cannot tell.
    Unknown,
}

/// Find the secret item named `name` in the resource body.
pub fn find_secret<'a>(body: &'a Node, name: &str) -> SecretLookup<'a> {
    let mut unknown = false;
    for list in SECRET_LISTS {
        let Some(node) = body.get_path(list) else {
            continue;
        };
        let Some(items) = node.as_array() else {
            unknown |= node.as_expr().is_some();
            continue;
        };
        for item in items {
            match item.get("name") {
                Some(n) => match n.known_text() {
                    Some(t) if t.eq_ignore_ascii_case(name) => return SecretLookup::Found(item),
                    Some(_) => {}
                    None => unknown = true,
                },
                None => unknown |= item.as_expr().is_some(),
            }
        }
    }
    if unknown {
        SecretLookup::Unknown
    } else {
        SecretLookup::Missing
    }
}

/// Is the secret that `name_node` names defined on the resource? Unknown names count as
/// defined, so an undefined-reference rule stays quiet on what it cannot see.
pub fn secret_defined(body: &Node, name_node: &Node) -> bool {
    let Some(name) = name_node.known_text() else {
        return true;
    };
    !matches!(find_secret(body, &name), SecretLookup::Missing)
}

// ---------------------------------------------------------------------------------------
// acr-server

/// Is this registry server an Azure Container Registry (so it can use a managed identity)?
/// By host name (`ACR_SUFFIXES`), by an expression that reads a login server
/// (`ACR_LOGIN_SERVER_MARKERS`, both in `azure.yaml`), or by a reference to a registry
/// declared in the document.
pub fn is_acr_server(doc: &Document, node: &Node) -> bool {
    let ends_acr = |t: &str| {
        let t = t.trim().trim_end_matches('/').to_ascii_lowercase();
        ACR_SUFFIXES.iter().any(|s| t.ends_with(s))
    };
    match &node.value {
        Value::String(s) => ends_acr(s),
        Value::Expr(e) => {
            e.literal.as_deref().is_some_and(ends_acr)
                || {
                    let text = e.text.to_ascii_lowercase();
                    ACR_LOGIN_SERVER_MARKERS.iter().any(|m| text.contains(m))
                }
                || doc.resources.iter().any(|res| {
                    res.is_type("Microsoft.ContainerRegistry/registries") && expr_refers_to(e, res)
                })
        }
        _ => false,
    }
}

// ---------------------------------------------------------------------------------------
// related

/// The resources of type `ty` declared in `doc` that the reference at `via` points to: by
/// `Expr::refs` / symbol, or by name when the reference is a literal resource id.
pub fn referenced_resources<'a>(
    doc: &'a Document,
    via: &'a Node,
    ty: &'a str,
) -> impl Iterator<Item = &'a Resource> + 'a {
    doc.resources
        .iter()
        .filter(move |r| !r.existing && r.is_type(ty))
        .filter(move |r| refers_to(via, r))
}

/// Whether the reference at `via` (an id, a symbol, a resourceId) names `r`.
pub(crate) fn refers_to(via: &Node, r: &Resource) -> bool {
    match &via.value {
        Value::Expr(e) => {
            // A typed reference (a deployment key, a type and name) is the answer: the text
            // fallbacks below would link two instances of one module by their shared symbol.
            let typed = e
                .refs
                .iter()
                .any(|x| !matches!(x.target, crate::model::Target::Text(_)));
            if typed {
                return expr_refers_to(e, r);
            }
            // By symbol: a normalised reference, an ARM name argument (`resourceId(…, 'apps')`)
            // or a Bicep member access (`env.id`).
            let by_symbol = expr_refers_to(e, r)
                || r.symbol.as_deref().is_some_and(|s| {
                    let text = e.text.to_ascii_lowercase();
                    let s = s.to_ascii_lowercase();
                    text.contains(&format!("'{s}'")) || text.starts_with(&format!("{s}."))
                });
            by_symbol
                || arm_resource_id_names(e, r)
                || e.literal.as_deref().is_some_and(|l| id_names(l, r))
        }
        Value::String(s) => id_names(s, r),
        _ => false,
    }
}

/// An ARM `resourceId('<type>', …, <name>)` names the resource of that type whose `name`
/// is the same literal or the same normalised expression (`parameters('envName')`).
fn arm_resource_id_names(e: &crate::model::Expr, r: &Resource) -> bool {
    let text = e.text.to_ascii_lowercase();
    let Some(start) = text.find("resourceid(") else {
        return false;
    };
    let call = utf8::tail(&text, start);
    if !call.contains(&format!("'{}'", r.resource_type.to_ascii_lowercase())) {
        return false;
    }
    let Some(name) = r.body.get("name") else {
        return false;
    };
    let name_text = match &name.value {
        Value::String(s) => format!("'{}'", s.to_ascii_lowercase()),
        Value::Expr(n) => n.text.to_ascii_lowercase(),
        _ => return false,
    };
    call.contains(&format!(",{name_text})"))
}

/// A literal resource id ending in `/<name>` names the resource whose `name` is `<name>`.
fn id_names(id: &str, r: &Resource) -> bool {
    let last = id
        .trim()
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or("");
    if last.is_empty() || last.contains('\u{2026}') {
        return false;
    }
    let name = r
        .body
        .get("name")
        .and_then(|n| n.known_text().map(|t| t.into_owned()));
    name.as_deref()
        .unwrap_or(&r.name)
        .eq_ignore_ascii_case(last)
}

// ---------------------------------------------------------------------------------------
// referenced-by

/// The resources of type `ty` declared in `doc` whose node at `via` (relative to their own
/// body) refers to `target`, by the same rules as `related` (`Expr::refs` / symbol, ARM
/// `resourceId(type, name)`, a literal resource id ending in the target's name).
pub fn referencing_resources<'a>(
    doc: &'a Document,
    target: &'a Resource,
    ty: &'a str,
    via: &'a crate::model::Path,
) -> impl Iterator<Item = &'a Resource> + 'a {
    doc.resources
        .iter()
        .filter(move |r| !r.existing && r.is_type(ty) && !std::ptr::eq(*r, target))
        .filter(move |r| {
            let mut st = super::walk::WalkState::default();
            super::walk::any(&r.body, &via.segments, &mut st, &mut |n| {
                refers_to(n, target)
            })
        })
}

// ---------------------------------------------------------------------------------------
// child

/// The child resources of type `ty` of `parent` declared in `doc`. `ty` must be a direct
/// child type of the parent's (`Microsoft.App/containerApps/authConfigs` for an app).
pub fn child_resources<'a>(
    doc: &'a Document,
    parent: &'a Resource,
    ty: &'a str,
) -> impl Iterator<Item = &'a Resource> + 'a {
    let direct = is_direct_child_type(&parent.resource_type, ty);
    doc.resources
        .iter()
        .enumerate()
        .filter(move |(_, r)| direct && !r.existing && r.is_type(ty))
        .filter(move |(i, r)| is_child_of(doc, *i, r, parent))
        .map(|(_, r)| r)
}

fn is_direct_child_type(parent: &str, child: &str) -> bool {
    let Some((head, rest)) = child.split_at_checked(parent.len()) else {
        return false;
    };
    head.eq_ignore_ascii_case(parent)
        && rest
            .strip_prefix('/')
            .is_some_and(|own| !own.is_empty() && !own.contains('/'))
}

/// How a child names its parent, in the order the front ends keep it:
/// - Bicep `parent: app` / azapi `parent_id = azurerm_container_app.web.id`: a reference;
/// - ARM `"name": "web/current"` or `format('{0}/{1}', parameters('app'), 'current')`:
///   the name segment before the child's own;
/// - a plain name (`current`): the child was declared inside its parent (Bicep nested
///   `resource`, ARM nested `resources`), and the front ends list a nested child after its
///   parent, so its parent is the closest preceding resource of the parent type.
///
/// A name that is not statically known and mentions no parent stays unlinked (quiet).
fn is_child_of(doc: &Document, index: usize, child: &Resource, parent: &Resource) -> bool {
    if let Some(p) = child
        .body
        .get("parent")
        .or_else(|| child.body.get("parent_id"))
    {
        return refers_to(p, parent);
    }
    let name = child.body.get("name");
    // Only a fully known name counts as known (`…/current` has an unknown parent part).
    let known = |n: &Node| {
        n.known_text()
            .filter(|t| !t.contains('\u{2026}'))
            .map(|t| t.into_owned())
    };
    match name.map(|n| (n, known(n))) {
        Some((_, Some(text))) if text.contains('/') => {
            let mut segs = text.trim_end_matches('/').rsplit('/');
            segs.next();
            let Some(parent_segment) = segs.next() else {
                return false;
            };
            let parent_name = parent
                .body
                .get("name")
                .and_then(|n| n.known_text().map(|t| t.into_owned()))
                .unwrap_or_else(|| parent.name.clone());
            let last = parent_name.rsplit('/').next().unwrap_or("");
            last.eq_ignore_ascii_case(parent_segment)
        }
        Some((_, Some(_))) | None => nested_in(doc, index, parent),
        Some((n, None)) => match (&n.value, parent.body.get("name")) {
            (Value::Expr(e), Some(pname)) => {
                let by_symbol = parent
                    .symbol
                    .as_deref()
                    .is_some_and(|_| expr_refers_to(e, parent));
                let arg = match &pname.value {
                    Value::String(s) => format!("'{s}'"),
                    Value::Expr(p) => p.text.clone(),
                    _ => return by_symbol,
                };
                by_symbol || has_argument(&e.text, &arg)
            }
            _ => false,
        },
    }
}

/// Is `arg` one of the call arguments written in `text` (`format('{0}/{1}',arg,'x')`)?
fn has_argument(text: &str, arg: &str) -> bool {
    let text = text.to_ascii_lowercase();
    let arg = arg.to_ascii_lowercase();
    if arg.is_empty() {
        return false;
    }
    text.match_indices(&arg).any(|(i, _)| {
        let (before, after) = utf8::neighbours(&text, i, arg.len());
        matches!(before, Some('(' | ',')) && matches!(after, Some(')' | ','))
    })
}

/// Was the resource at `index` declared inside `parent`? (Nested children follow their
/// parent, so the closest preceding resource of the parent's type is the parent.)
fn nested_in(doc: &Document, index: usize, parent: &Resource) -> bool {
    doc.resources[..index.min(doc.resources.len())]
        .iter()
        .rev()
        .find(|r| r.is_type(&parent.resource_type))
        .is_some_and(|r| std::ptr::eq(r, parent))
}

// ---------------------------------------------------------------------------------------
// parent

/// The resources of type `ty` declared in `doc` that `child` is a direct child of (linked
/// the way `child` links them: `parent`, `parent_id`, a `<parent>/<child>` name, nesting).
pub fn parent_resources<'a>(
    doc: &'a Document,
    child: &'a Resource,
    ty: &'a str,
) -> impl Iterator<Item = &'a Resource> + 'a {
    let index = doc.resources.iter().position(|r| std::ptr::eq(r, child));
    doc.resources
        .iter()
        .filter(move |r| {
            !r.existing
                && r.is_type(ty)
                && !std::ptr::eq(*r, child)
                && is_direct_child_type(&r.resource_type, &child.resource_type)
        })
        .filter(move |r| index.is_some_and(|i| is_child_of(doc, i, child, r)))
}

// ---------------------------------------------------------------------------------------
// used-at

/// Does this expression use the parameter or variable `name`: is it the item itself
/// (`origin` `param:name` / `var:name`), or does its text mention it (Bicep `name`,
/// ARM `parameters('name')` / `variables('name')`, Terraform `var.name` / `local.name`)?
fn expr_uses(e: &crate::model::Expr, name: &str) -> bool {
    if let Some(o) = &e.origin {
        if let Some((kind, n)) = o.split_once(':') {
            if matches!(kind, "param" | "var") && n.eq_ignore_ascii_case(name) {
                return true;
            }
        }
    }
    let text = e.text.to_ascii_lowercase();
    let name = name.to_ascii_lowercase();
    if name.is_empty() {
        return false;
    }
    let is_ident = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '$';
    text.match_indices(&name).any(|(i, _)| {
        let before = utf8::prefix(&text, i);
        let (prev, next) = utf8::neighbours(&text, i, name.len());
        if next.is_some_and(is_ident) {
            return false;
        }
        match prev {
            // ARM `parameters('name')`, `variables('name')`.
            Some('\'') => {
                (before.ends_with("parameters('") || before.ends_with("variables('"))
                    && next == Some('\'')
            }
            // Terraform `var.name`, `local.name`; a Bicep member access (`kv.name`) is not
            // the item.
            Some('.') => ["var.", "local."].iter().any(|p| {
                before.strip_suffix(p).is_some_and(|head| {
                    !head
                        .chars()
                        .next_back()
                        .is_some_and(|c| is_ident(c) || c == '.')
                })
            }),
            Some(c) => !is_ident(c),
            None => true,
        }
    })
}

/// Is the parameter or variable `name` used in `doc`, and is every use at a property path
/// that `re` matches? Uses are looked for in resource bodies (paths from the body:
/// `properties.configuration.registries[0].passwordSecretRef`, `name`) and in values given
/// to module parameters (paths from the parameter: `secrets[0].name`). Passing the item
/// whole to a module parameter or returning it as an output says nothing about what it
/// holds, so those are not counted; an item used nowhere is not "used at" anything.
pub fn used_only_at(doc: &Document, name: &str, re: &Regex) -> bool {
    let mut seen = false;
    let mut all = true;
    let mut visit = |prefix: &str, node: &Node| {
        node.walk(&mut |path, n| {
            if let Value::Expr(e) = &n.value {
                if expr_uses(e, name) {
                    seen = true;
                    let full = match (prefix.is_empty(), path.is_empty()) {
                        (true, _) => path.to_string(),
                        (false, true) => prefix.to_string(),
                        (false, false) if path.starts_with('[') => format!("{prefix}{path}"),
                        (false, false) => format!("{prefix}.{path}"),
                    };
                    all &= re.is_match(&full);
                }
            }
        });
    };
    for r in &doc.resources {
        visit("", &r.body);
    }
    for a in &doc.assignments {
        let whole = a
            .value
            .as_expr()
            .and_then(|e| e.origin.as_deref())
            .and_then(|o| o.split_once(':'))
            .is_some_and(|(k, n)| matches!(k, "param" | "var") && n.eq_ignore_ascii_case(name));
        if !whole {
            visit(&a.name, &a.value);
        }
    }
    seen && all
}

/// The generator of the `const` slices above, compiled here too so its checks of malformed
/// data files are unit-tested (build.rs cannot be).
#[cfg(test)]
#[path = "../../build/rule_data.rs"]
mod rule_data;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Expr, Property, Provenance};
    use crate::source::Span;

    fn s(v: &str) -> Node {
        Node::string(v, Span::default())
    }
    fn obj(props: Vec<(&str, Node)>) -> Node {
        Node::object(
            props
                .into_iter()
                .map(|(k, v)| Property {
                    key: k.into(),
                    key_span: Span::default(),
                    value: v,
                })
                .collect(),
            Span::default(),
        )
    }
    fn arr(items: Vec<Node>) -> Node {
        Node::new(Value::Array(items), Span::default())
    }
    fn expr(e: Expr) -> Node {
        Node::expr(e, Span::default())
    }

    #[test]
    fn credential_names() {
        for n in [
            "DB_PASSWORD",
            "dbPassword",
            "REDIS_PASS",
            "ApiKey",
            "API_KEY",
            "x-api-key",
            "STORAGE_ACCOUNT_KEY",
            "ConnectionStrings__Default",
            "connectionString",
            "AZURE_CLIENT_SECRET",
            "githubToken",
            "SAS",
            "privateKey",
            "Credentials",
            "masterKey",
            "APIKey",
            "storageAccountKEY",
            "Contraseña_password",
            // AI services and AI Search keys.
            "aiServicesKey",
            "aiSearchAdminKey",
            "SEARCH_QUERY_KEY",
            // `ai` qualifies only the telemetry connection string.
            "openAiApiKey",
            "aiApiKey",
            "aiServicesConnectionString",
        ] {
            assert!(is_credential_name(n), "{n}");
        }
        for n in [
            "resourceToken",
            "naming_token",
            "secretPermissions",
            "APPLICATIONINSIGHTS_CONNECTION_STRING",
            "appInsightsConnectionString",
            "daprAIConnectionString",
            "aiConnectionString",
            "AI_CONNECTIONSTRING",
            "AZURE_CLIENT_ID",
            "AZURE_TENANT_ID",
            "vaultName",
            "keyVaultName",
            "KEY_VAULT_URL",
            "DB_SECRET_NAME",
            "passwordSecretRef",
            "TOKEN_ENDPOINT",
            "BYPASS_CACHE",
            "DESIGN_MODE",
            "KANSAS",
            "SPRING_PROFILES_ACTIVE",
            "PORT",
            "compass",
            "sigLocation",
            "sasExpirationPeriod",
            "tokenExpirationTime",
            "nonSecretParameterValues",
            "secretsExportConfiguration",
            "RESPONSE_MAX_TOKENS",
            "maxTokens",
            "TOKEN_LIMIT",
            "ENABLE_API_KEY_AUTH",
            "useSas",
            "requirePassword",
            "",
        ] {
            assert!(!is_credential_name(n), "{n}");
        }
    }

    #[test]
    fn credential_values() {
        for v in [
            "DefaultEndpointsProtocol=https;AccountName=x;AccountKey=abcdEFGH1234abcdEFGH1234==;EndpointSuffix=core.windows.net",
            "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=abcdefghij1234567890=",
            "https://acct.blob.core.windows.net/c?sv=2022-11-02&ss=b&sig=abcdefghijklmnop1234%3D",
            "Server=tcp:db.database.windows.net;Database=app;User ID=sa;Password=hunter2!;",
            "Host=db;Username=app;Pwd=s3cr3t",
            "postgres://app:s3cr3t@db.example.com:5432/app",
            "-----BEGIN RSA PRIVATE KEY-----\nMIIE...",
            "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
            "ghp_abcdefghijklmnopqrstuvwxyz0123456789",
            "github_pat_11ABCDEFG0123456789_abcdefghijklmnop",
        ] {
            assert!(is_credential_value(v), "{v}");
        }
        for v in [
            "",
            "https://myvault.vault.azure.net/secrets/db",
            "https://api.example.com/v1?page=2",
            "DefaultEndpointsProtocol=https;AccountName=x;AccountKey=\u{2026};EndpointSuffix=core.windows.net",
            "AccountKey=<storage-account-key-goes-here>",
            "Server=db;Password=;",
            "Server=db;Password=\u{2026};",
            "postgres://app@db.example.com/app",
            "https://\u{2026}:\u{2026}@db",
            "00000000-0000-0000-0000-000000000000",
            "InstrumentationKey=00000000-0000-0000-0000-000000000000",
            "Server=db;User Id=sa;Password={your_password};",
            "Server=db;Password=[password];Database=x",
            "Server=db;Password=********;",
            "Host=db;Password=$DB_PASSWORD;",
            "AccountKey=xxxxxxxxxxxxxxxxxxxx;",
        ] {
            assert!(!is_credential_value(v), "{v}");
        }
    }

    #[test]
    fn credential_value_on_nodes_reads_expression_literals() {
        let lit = expr(
            Expr::new(Provenance::Input, "concat(...)")
                .with_literal("AccountName=\u{2026};AccountKey=abcdEFGH1234abcdEFGH1234=="),
        );
        assert!(node_has_credential_value(&lit));
        let secure = expr(Expr::new(Provenance::SecureInput, "parameters('k')"));
        assert!(!node_has_credential_value(&secure));
        let listkeys = expr(
            Expr::new(
                Provenance::Derived(crate::model::DerivedKind::ListKeys),
                "x",
            )
            .with_literal("AccountName=n;AccountKey=\u{2026}"),
        );
        assert!(!node_has_credential_value(&listkeys));
    }

    fn body_with_identity(identity: Node) -> Node {
        obj(vec![("identity", identity)])
    }

    #[test]
    fn identity_assignment() {
        let system = s("system");
        let sys_body = body_with_identity(obj(vec![("type", s("SystemAssigned"))]));
        assert!(identity_assigned(&sys_body, &system));
        assert!(identity_assigned(&sys_body, &s("System")));
        let none = body_with_identity(obj(vec![("type", s("None"))]));
        assert!(!identity_assigned(&none, &system));
        assert!(!identity_assigned(&obj(vec![]), &system));
        let unknown_type = body_with_identity(obj(vec![(
            "type",
            expr(Expr::new(Provenance::Input, "parameters('t')")),
        )]));
        assert!(identity_assigned(&unknown_type, &system));

        let uai_key =
            "resourceId('Microsoft.ManagedIdentity/userAssignedIdentities',parameters('uai'))";
        let uai_body = body_with_identity(obj(vec![
            ("type", s("SystemAssigned, UserAssigned")),
            ("userAssignedIdentities", obj(vec![(uai_key, obj(vec![]))])),
        ]));
        let same = expr(Expr::new(
            Provenance::Derived(crate::model::DerivedKind::ResourceProperty),
            uai_key,
        ));
        assert!(identity_assigned(&uai_body, &same));
        assert!(identity_assigned(&uai_body, &system));
        let other = expr(Expr::new(
            Provenance::Derived(crate::model::DerivedKind::ResourceProperty),
            "resourceId('Microsoft.ManagedIdentity/userAssignedIdentities',parameters('other'))",
        ));
        assert!(!identity_assigned(&uai_body, &other));

        // Bicep: key `'${uai.id}'` and value `uai.id` with refs [uai].
        let bicep_body = body_with_identity(obj(vec![
            ("type", s("UserAssigned")),
            (
                "userAssignedIdentities",
                obj(vec![("'${uai.id}'", obj(vec![]))]),
            ),
        ]));
        let mut e = Expr::new(
            Provenance::Derived(crate::model::DerivedKind::ResourceProperty),
            "uai.id",
        );
        e.refs = vec!["uai".into()];
        assert!(identity_assigned(&bicep_body, &expr(e.clone())));
        e.text = "uai2.id".into();
        e.refs = vec!["uai2".into()];
        assert!(!identity_assigned(&bicep_body, &expr(e)));
        // A UAI id while only SystemAssigned is on: not assigned.
        assert!(!identity_assigned(&sys_body, &s("/subscriptions/x/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id1")));
    }

    #[test]
    fn secret_definitions() {
        let body = obj(vec![(
            "properties",
            obj(vec![(
                "configuration",
                obj(vec![(
                    "secrets",
                    arr(vec![obj(vec![
                        ("name", s("db-password")),
                        ("value", s("x")),
                    ])]),
                )]),
            )]),
        )]);
        assert!(secret_defined(&body, &s("DB-PASSWORD")));
        assert!(!secret_defined(&body, &s("other")));
        assert!(secret_defined(
            &body,
            &expr(Expr::new(Provenance::Input, "parameters('n')"))
        ));
        assert!(matches!(
            find_secret(&body, "db-password"),
            SecretLookup::Found(_)
        ));
        let dapr = obj(vec![(
            "properties",
            obj(vec![("secrets", arr(vec![obj(vec![("name", s("k"))])]))]),
        )]);
        assert!(secret_defined(&dapr, &s("k")));
        let opaque = obj(vec![(
            "properties",
            obj(vec![(
                "configuration",
                obj(vec![("secrets", expr(Expr::new(Provenance::Input, "v")))]),
            )]),
        )]);
        assert!(secret_defined(&opaque, &s("anything")));
        assert!(!secret_defined(&obj(vec![]), &s("x")));
    }

    fn empty_doc() -> Document {
        Document::new(
            crate::model::Format::Arm,
            std::sync::Arc::new(crate::source::SourceFile::from_text("t.json", "")),
        )
    }

    #[test]
    fn acr_servers() {
        let doc = empty_doc();
        assert!(is_acr_server(&doc, &s("myreg.azurecr.io")));
        assert!(is_acr_server(&doc, &s("MyReg.AzureCR.us/")));
        assert!(!is_acr_server(&doc, &s("docker.io")));
        assert!(!is_acr_server(&doc, &s("ghcr.io")));
        assert!(is_acr_server(
            &doc,
            &expr(Expr::new(Provenance::Unknown, "acr.properties.loginServer"))
        ));
        assert!(is_acr_server(
            &doc,
            &expr(Expr::new(Provenance::Input, "x").with_literal("\u{2026}.azurecr.io"))
        ));
        assert!(!is_acr_server(
            &doc,
            &expr(Expr::new(Provenance::Input, "parameters('server')"))
        ));
    }

    #[test]
    fn child_types_and_name_arguments() {
        let app = "Microsoft.App/containerApps";
        assert!(is_direct_child_type(
            app,
            "Microsoft.App/containerApps/authConfigs"
        ));
        assert!(is_direct_child_type(
            app,
            "microsoft.app/CONTAINERAPPS/authConfigs"
        ));
        assert!(!is_direct_child_type(app, "Microsoft.App/containerApps"));
        assert!(!is_direct_child_type(
            app,
            "Microsoft.App/containerApps/a/b"
        ));
        assert!(!is_direct_child_type(app, "Microsoft.App/containerAppsX/a"));
        assert!(!is_direct_child_type(app, "Microsoft.App/jobs/authConfigs"));
        assert!(has_argument(
            "format('{0}/{1}',parameters('appName'),'current')",
            "parameters('APPNAME')"
        ));
        assert!(has_argument("concat('web','/current')", "'web'"));
        assert!(!has_argument(
            "format('{0}/{1}',parameters('appName2'),'current')",
            "parameters('appName')"
        ));
        assert!(!has_argument("format('{0}/{1}','web2','current')", "'web'"));
        assert!(!has_argument("x", ""));
    }

    #[test]
    fn parameter_uses_in_expressions() {
        let e = |text: &str| Expr::new(Provenance::Input, text);
        // Bicep, ARM and Terraform spellings of a use of `secretName`.
        assert!(expr_uses(&e("'${kv.name}/${secretName}'"), "secretName"));
        assert!(expr_uses(&e("secretName"), "SECRETNAME"));
        assert!(expr_uses(
            &e("format('{0}/{1}',parameters('vault'),parameters('secretName'))"),
            "secretName"
        ));
        assert!(expr_uses(&e("\"${var.secret_name}-x\""), "secret_name"));
        assert!(expr_uses(&e("local.secret_name"), "secret_name"));
        // Not the item: another identifier, a member access, a different variable.
        assert!(!expr_uses(&e("secretName2"), "secretName"));
        assert!(!expr_uses(&e("kv.secretName"), "secretName"));
        assert!(!expr_uses(&e("module.x.var.secretName"), "secretName"));
        assert!(!expr_uses(&e("parameters('secretNames')"), "secretName"));
        assert!(!expr_uses(&e("x"), ""));
        // The item itself, by origin, whatever the text.
        assert!(expr_uses(
            &e("[parameters('p')]").with_origin("param:secretName"),
            "secretName"
        ));
    }

    #[test]
    fn identity_mentions_respect_boundaries() {
        assert!(mentions("uai.id", "uai"));
        assert!(!mentions("uai2.id", "uai"));
        assert!(!mentions("myuai.id", "uai"));
    }

    /// The committed data files, as build.rs reads them.
    fn data_files() -> Vec<(String, String)> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/data");
        let mut files: Vec<(String, String)> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                let name = e.file_name().to_string_lossy().into_owned();
                (name, std::fs::read_to_string(e.path()).unwrap())
            })
            .collect();
        files.sort();
        files
    }

    /// `data_files()` with `file` replaced by `text`.
    fn with_file(file: &str, text: &str) -> Vec<(String, String)> {
        let mut files = data_files();
        let slot = files.iter_mut().find(|(f, _)| f == file).unwrap();
        slot.1 = text.to_string();
        files
    }

    #[test]
    fn data_files_generate_the_compiled_constants() {
        let code = rule_data::generate(&data_files()).unwrap();
        // Spot checks that the generated source is what this module compiled with.
        assert!(code.contains("pub(crate) const CREDENTIAL_WORDS: &[&str] = &[\n    \"password\","));
        assert!(code.contains("    (\"api\", \"key\"),\n"));
        assert_eq!(CREDENTIAL_PAIRS[0], ("api", "key"));
        assert!(NON_CREDENTIAL_SUFFIXES.contains(&"thumbprint"));
        assert_eq!(SECRET_LISTS.len(), 2);
        assert_eq!(CREDENTIAL_VALUE_PATTERNS.len(), value_patterns().len());
        for (list, words) in [
            ("CREDENTIAL_WORDS", CREDENTIAL_WORDS),
            ("SWITCH_WORDS", SWITCH_WORDS),
            ("ACR_SUFFIXES", ACR_SUFFIXES),
        ] {
            for w in words {
                assert!(code.contains(&format!("{w:?},")), "{list}: {w}");
            }
        }
    }

    #[test]
    fn malformed_data_files_are_refused_with_their_position() {
        let names = "credential-names.yaml";
        let original = &data_files()
            .into_iter()
            .find(|(f, _)| f == names)
            .unwrap()
            .1;
        let err = |file: &str, text: &str| rule_data::generate(&with_file(file, text)).unwrap_err();
        // A word the splitter can never produce: uppercase, two words, punctuation.
        let e = err(names, &original.replace("  - passwd\n", "  - passWd\n"));
        assert!(e.starts_with("rules/data/credential-names.yaml:"), "{e}");
        assert!(
            e.contains("`passWd` in `credential-words`: not one lowercase word"),
            "{e}"
        );
        let line = original.lines().position(|l| l == "  - passwd").unwrap() + 1;
        assert!(e.contains(&format!(":{line}:5:")), "{e}");
        let e = err(names, &original.replace("  - api key\n", "  - api_key\n"));
        assert!(e.contains("not two lowercase words"), "{e}");
        let e = err(names, &original.replace("  - pwd\n", "  - pwd\n  - pwd\n"));
        assert!(
            e.contains("`pwd` in `credential-words`: listed twice"),
            "{e}"
        );
        // Structure: a list defined twice, an unknown list, a missing list, bad YAML,
        // nesting, an empty list.
        let e = err(names, &format!("{original}\nswitch-words: [x]\n"));
        assert!(e.contains("`switch-words` is defined twice"), "{e}");
        let e = err(names, &format!("{original}\nswitch-word: [x]\n"));
        assert!(e.contains("unknown list `switch-word`"), "{e}");
        let e = err(names, "credential-words: [password]\n");
        assert!(e.contains("missing the list `credential-pairs`"), "{e}");
        let e = err(names, "credential-words: [password\n");
        assert!(e.contains("invalid YAML"), "{e}");
        let e = err(names, "credential-words: [[password]]\n");
        assert!(e.contains("expected a string"), "{e}");
        let e = err(names, "credential-words: []\n");
        assert!(e.contains("`credential-words` is empty"), "{e}");
        let e = err(names, "- password\n");
        assert!(e.contains("expected a mapping"), "{e}");
        let e = err(names, "");
        assert!(e.contains("empty file"), "{e}");
        // Patterns: syntax, and the credential group.
        let values = "credential-values.yaml";
        let e = err(values, "patterns: ['(?P<v>[a-z']\n");
        assert!(e.contains("invalid regex"), "{e}");
        let e = err(values, "patterns: ['AKIA[0-9A-Z]{16}']\n");
        assert!(e.contains("needs a named group"), "{e}");
        assert!(
            rule_data::generate(&with_file(values, "patterns: ['x(?:a|(?P<v>b))+']\n")).is_ok()
        );
        // Azure facts.
        let azure = "azure.yaml";
        let ok_azure = "secret-lists: [properties.secrets]\nacr-suffixes: [.azurecr.io]\nacr-login-server-markers: [loginserver]\n";
        assert!(rule_data::generate(&with_file(azure, ok_azure)).is_ok());
        let e = err(azure, &ok_azure.replace(".azurecr.io", "azurecr.io"));
        assert!(e.contains("not a host name ending"), "{e}");
        let e = err(azure, &ok_azure.replace("[loginserver]", "[loginServer]"));
        assert!(e.contains("not lowercase text"), "{e}");
        let e = err(
            azure,
            &ok_azure.replace("properties.secrets", "properties..secrets"),
        );
        assert!(e.contains("not a property path"), "{e}");
        // A file build.rs does not know, or one that is missing.
        let mut files = data_files();
        files.push(("extra.yaml".into(), "x: [y]\n".into()));
        let e = rule_data::generate(&files).unwrap_err();
        assert!(
            e.contains("rules/data/extra.yaml: not a known data file"),
            "{e}"
        );
        let files: Vec<_> = data_files()
            .into_iter()
            .filter(|(f, _)| f != azure)
            .collect();
        let e = rule_data::generate(&files).unwrap_err();
        assert_eq!(e, "rules/data/azure.yaml: missing");
    }
}
