//! Provenance of ARM template function calls.
//!
//! Families: inputs (`parameters`, `variables`), secrets read from other resources
//! (`list*`, `listCredentials` on a registry), runtime references (`reference`), resource ids
//! (`resourceId` & co.), generated values (`newGuid`, `uniqueString`), string building
//! (`concat`, `format`, …: combined with `Provenance::of_interpolation`) and choices (`if`,
//! `coalesce`: `Provenance::of_branches`). Anything else combines its arguments like an
//! interpolation, so a secure argument is never lost.

use super::expression::{normalize_body, Ast, AstKind};
use super::scope::{branches, merge_refs, Ev, Key, Scope};
use crate::model::{DerivedKind, Provenance, Ref};

const REGISTRY_TYPE: &str = "microsoft.containerregistry/registries";

/// Functions returning an id of (or a handle to) another resource.
const RESOURCE_ID_FUNCTIONS: &[&str] = &[
    "resourceid",
    "subscriptionresourceid",
    "tenantresourceid",
    "extensionresourceid",
    "managementgroupresourceid",
];

/// Functions whose value is generated at deploy time.
const GENERATED_FUNCTIONS: &[&str] = &["newguid", "uniquestring", "guid", "utcnow"];

/// Deployment-context functions: not secrets, not statically known.
const CONTEXT_FUNCTIONS: &[&str] = &[
    "resourcegroup",
    "subscription",
    "tenant",
    "managementgroup",
    "deployment",
    "deployer",
    "environment",
    "copyindex",
    "lambdavariables",
];

/// String-building functions whose statically known text is worth keeping in
/// `Expr::literal` (value-pattern rules look for connection strings, keys, …).
const STRING_BUILDERS: &[&str] = &[
    "concat", "format", "uri", "replace", "tolower", "toupper", "trim", "string",
];

pub(crate) fn eval_call(scope: &Scope<'_>, call: &Ast, name: &str, args: &[Ast], body: &str) -> Ev {
    let lname = name.to_ascii_lowercase();
    let fn_origin = || format!("fn:{name}");
    match lname.as_str() {
        "parameters" => match static_text(scope, args.first(), body) {
            Some(n) => scope.parameter_value(&n),
            None => Ev::unknown(),
        },
        "variables" => match static_text(scope, args.first(), body) {
            Some(n) => scope.variable_value(&n),
            None => Ev::unknown(),
        },
        // `null()`, and the empty `createArray()` / `createObject()`.
        "null" | "createarray" | "createobject" if args.is_empty() => Ev::new(Provenance::Empty),
        "true" | "false" => {
            let mut ev = Ev::new(Provenance::Literal);
            ev.literal = Some(lname.clone());
            ev
        }
        "reference" => {
            let evs = eval_args(scope, args, body);
            let mut ev = derived(DerivedKind::Reference, &evs).with_origin(fn_origin());
            if let Some(symbol) = symbol_arg(scope, args.first()) {
                ev.refs.insert(0, Ref::text(symbol));
            }
            ev
        }
        n if RESOURCE_ID_FUNCTIONS.contains(&n) => {
            let evs = eval_args(scope, args, body);
            let mut ev = derived(DerivedKind::ResourceProperty, &evs).with_origin(fn_origin());
            let text = body
                .get(call.span.clone())
                .map(normalize_body)
                .unwrap_or_default();
            ev.refs.insert(0, Ref::text(text));
            ev
        }
        "resourceinfo" => {
            let evs = eval_args(scope, args, body);
            let mut ev = derived(DerivedKind::ResourceProperty, &evs).with_origin(fn_origin());
            if let Some(symbol) = symbol_arg(scope, args.first()) {
                ev.refs.insert(0, Ref::text(symbol));
            }
            ev
        }
        "listcredentials" => {
            let evs = eval_args(scope, args, body);
            let kind = if mentions_registry(scope, args, &evs, body) {
                DerivedKind::RegistryAdminCredential
            } else {
                DerivedKind::ListKeys
            };
            let mut ev = derived(kind, &evs).with_origin(fn_origin());
            if let Some(symbol) = symbol_arg(scope, args.first()) {
                ev.refs.insert(0, Ref::text(symbol));
            }
            ev
        }
        // listKeys, listConnectionStrings, listSecrets, listAccountSas, list{Value}…
        // (not namespaced user functions that happen to start with "list").
        n if n.starts_with("list") && !n.contains('.') => {
            let evs = eval_args(scope, args, body);
            let mut ev = derived(DerivedKind::ListKeys, &evs).with_origin(fn_origin());
            if let Some(symbol) = symbol_arg(scope, args.first()) {
                ev.refs.insert(0, Ref::text(symbol));
            }
            ev
        }
        n if GENERATED_FUNCTIONS.contains(&n) => {
            let evs = eval_args(scope, args, body);
            let mut ev = Ev::new(Provenance::Generated).with_origin(fn_origin());
            ev.refs = all_refs(&evs);
            ev
        }
        n if CONTEXT_FUNCTIONS.contains(&n) => Ev::unknown().with_origin(fn_origin()),
        "if" if args.len() == 3 => {
            let evs = eval_args(scope, &args[1..], body);
            branches(evs)
        }
        "coalesce" if !args.is_empty() => branches(eval_args(scope, args, body)),
        // createObject('k1', v1, 'k2', v2, …): the keys are names, the values carry the data.
        "createobject" => {
            let values: Vec<Ev> = args
                .iter()
                .skip(1)
                .step_by(2)
                .map(|a| scope.eval(a, body))
                .collect();
            let mut ev = interpolation(values);
            ev.origin = ev.origin.or_else(|| Some(fn_origin()));
            ev
        }
        // json('null'), json('{}'), json('[]'): nothing in it.
        "json" if args.len() == 1 && is_empty_json(&scope.eval(&args[0], body)) => {
            Ev::new(Provenance::Empty)
        }
        // tryGet(base, 'key', 0, …): Bicep's `.?` safe access.
        "tryget" if !args.is_empty() => {
            let mut ev = scope.eval(&args[0], body);
            for key in &args[1..] {
                let k = scope.eval(key, body);
                let key = match (&k.prov, k.literal.as_deref()) {
                    (Provenance::Literal, Some(l)) => match l.parse::<usize>() {
                        Ok(i) => Key::Index(i),
                        Err(_) => Key::Name(l.to_string()),
                    },
                    _ => Key::Dynamic,
                };
                ev = scope.access(ev, &key);
            }
            ev
        }
        _ if args.is_empty() => Ev::unknown().with_origin(fn_origin()),
        _ => {
            let evs = eval_args(scope, args, body);
            let literal = if STRING_BUILDERS.contains(&lname.as_str()) {
                string_literal(&lname, &evs)
            } else {
                None
            };
            let mut ev = interpolation(evs);
            ev.literal = literal;
            ev
        }
    }
}

fn is_empty_json(ev: &Ev) -> bool {
    ev.prov == Provenance::Literal
        && matches!(
            ev.literal.as_deref().map(str::trim),
            Some("null" | "{}" | "[]")
        )
}

fn eval_args(scope: &Scope<'_>, args: &[Ast], body: &str) -> Vec<Ev> {
    args.iter().map(|a| scope.eval(a, body)).collect()
}

/// A statically known text argument (`parameters('x')`, `variables(concat('a', 'b'))`).
fn static_text(scope: &Scope<'_>, arg: Option<&Ast>, body: &str) -> Option<String> {
    let arg = arg?;
    if let AstKind::Str(s) = &arg.kind {
        return Some(s.clone());
    }
    let ev = scope.eval(arg, body);
    match ev.prov {
        Provenance::Literal => ev.literal,
        _ => None,
    }
}

/// The symbolic name a `reference('sym')`/`resourceInfo('sym')` argument names, if declared.
fn symbol_arg(scope: &Scope<'_>, arg: Option<&Ast>) -> Option<String> {
    let s = arg?.as_str()?;
    scope.symbol_type(s).map(|_| s.to_string())
}

fn all_refs(evs: &[Ev]) -> Vec<Ref> {
    let mut refs = Vec::new();
    for e in evs {
        merge_refs(&mut refs, &e.refs);
    }
    refs
}

fn derived(kind: DerivedKind, args: &[Ev]) -> Ev {
    let mut ev = Ev::new(Provenance::Derived(kind));
    ev.refs = all_refs(args);
    ev
}

/// Whether `listCredentials(...)` targets a container registry: its arguments name the
/// registry type directly, through `resourceId(...)` or a variable, or name a registry's
/// symbolic name.
fn mentions_registry(scope: &Scope<'_>, args: &[Ast], evs: &[Ev], body: &str) -> bool {
    args.iter()
        .any(|a| ast_mentions_registry(scope, a, body, 0))
        || evs.iter().any(|e| {
            e.literal.as_deref().is_some_and(names_registry)
                || e.refs.iter().any(|r| names_registry(r.name()))
        })
        || args
            .first()
            .and_then(Ast::as_str)
            .and_then(|s| scope.symbol_type(s))
            .is_some_and(|t| t.eq_ignore_ascii_case(REGISTRY_TYPE))
}

fn names_registry(s: &str) -> bool {
    s.to_ascii_lowercase().contains(REGISTRY_TYPE)
}

/// Looks through nested calls; `variables(...)`/`parameters(...)` are evaluated so a type
/// held in a variable counts.
fn ast_mentions_registry(scope: &Scope<'_>, ast: &Ast, body: &str, depth: usize) -> bool {
    if depth > crate::frontend::MAX_DEPTH {
        return false;
    }
    match &ast.kind {
        AstKind::Str(s) => names_registry(s),
        AstKind::Call { name, .. }
            if name.eq_ignore_ascii_case("variables")
                || name.eq_ignore_ascii_case("parameters") =>
        {
            let ev = scope.eval(ast, body);
            ev.literal.as_deref().is_some_and(names_registry)
                || ev.refs.iter().any(|r| names_registry(r.name()))
        }
        AstKind::Call { args, .. } => args
            .iter()
            .any(|a| ast_mentions_registry(scope, a, body, depth + 1)),
        AstKind::Property(base, _) => ast_mentions_registry(scope, base, body, depth + 1),
        AstKind::Index(base, index) => {
            ast_mentions_registry(scope, base, body, depth + 1)
                || ast_mentions_registry(scope, index, body, depth + 1)
        }
        _ => false,
    }
}

/// Several values combined into one (`concat`, `format`, unknown functions).
fn interpolation(evs: Vec<Ev>) -> Ev {
    let prov = Provenance::of_interpolation(evs.iter().map(|e| e.prov.clone()));
    let refs = all_refs(&evs);
    let origin = evs
        .into_iter()
        .find(|e| e.prov == prov && e.origin.is_some())
        .and_then(|e| e.origin);
    Ev {
        prov,
        literal: None,
        origin,
        refs,
        node: None,
    }
}

/// The statically known text of a string-building call: exact when every part is known,
/// else the known fragments joined with `…`; `None` when nothing is known.
fn string_literal(name: &str, evs: &[Ev]) -> Option<String> {
    string_literal_unbounded(name, evs).map(|mut s| {
        // Variables can double a string at every level (`concat(variables('a'), variables('a'))`):
        // keep what is known bounded.
        if s.len() > MAX_LITERAL_BYTES {
            s.truncate(crate::model::text::floor_boundary(&s, MAX_LITERAL_BYTES));
            s.push(ELLIPSIS);
        }
        s
    })
}

/// The longest statically known text kept for an expression.
const MAX_LITERAL_BYTES: usize = 16 * 1024;

fn string_literal_unbounded(name: &str, evs: &[Ev]) -> Option<String> {
    let parts: Vec<Option<&str>> = evs.iter().map(|e| e.literal.as_deref()).collect();
    match name {
        "concat" | "uri" => join_fragments(&parts),
        "format" => render_format(parts.first().copied()??, &parts[1..]),
        "tolower" | "toupper" | "trim" | "string" => {
            let s = parts.first().copied()??;
            Some(match name {
                "tolower" => s.to_lowercase(),
                "toupper" => s.to_uppercase(),
                "trim" => s.trim().to_string(),
                _ => s.to_string(),
            })
        }
        "replace" => match parts.as_slice() {
            [Some(s), Some(old), Some(new)]
                if !old.is_empty() && s.len() / old.len() * new.len() <= MAX_LITERAL_BYTES =>
            {
                Some(s.replace(old, new))
            }
            _ => join_fragments(&parts[..parts.len().min(1)]),
        },
        _ => None,
    }
}

const ELLIPSIS: char = '\u{2026}';

fn join_fragments(parts: &[Option<&str>]) -> Option<String> {
    if !parts.iter().any(|p| p.is_some_and(|s| !s.is_empty())) {
        return None;
    }
    let mut out = String::new();
    for p in parts {
        match p {
            Some(s) => out.push_str(s),
            None if !out.ends_with(ELLIPSIS) => out.push(ELLIPSIS),
            None => {}
        }
    }
    Some(out)
}

/// Render a .NET composite format string (`{0}`, `{1:N2}`, `{{`), unknown arguments as `…`.
fn render_format(format: &str, args: &[Option<&str>]) -> Option<String> {
    let mut out = String::with_capacity(format.len());
    let mut chars = format.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '{' if chars.peek().map(|(_, c)| *c) == Some('{') => {
                chars.next();
                out.push('{');
            }
            '}' if chars.peek().map(|(_, c)| *c) == Some('}') => {
                chars.next();
                out.push('}');
            }
            '{' => {
                // `i` comes from `char_indices` and `{`/`}` are ASCII: boundaries.
                let close = format.get(i..)?.find('}')? + i;
                let inner = format.get(i + 1..close)?;
                let index_text = inner.split([',', ':']).next().unwrap_or("").trim();
                let index: usize = index_text.parse().ok()?;
                match args.get(index).copied().flatten() {
                    Some(s) => out.push_str(s),
                    None if !out.ends_with(ELLIPSIS) => out.push(ELLIPSIS),
                    None => {}
                }
                while chars.peek().is_some_and(|(j, _)| *j <= close) {
                    chars.next();
                }
            }
            c => out.push(c),
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_rendering() {
        assert_eq!(
            render_format("{0}-{1}", &[Some("a"), Some("b")]).as_deref(),
            Some("a-b")
        );
        assert_eq!(
            render_format("{0}-{1:N2}x", &[None, Some("b")]).as_deref(),
            Some("\u{2026}-bx")
        );
        assert_eq!(
            render_format("{{lit}} {0}", &[Some("a")]).as_deref(),
            Some("{lit} a")
        );
        assert_eq!(render_format("{x}", &[]), None);
        assert_eq!(render_format("{0", &[]), None);
        assert_eq!(
            render_format("é{0}é", &[None]).as_deref(),
            Some("é\u{2026}é")
        );
    }

    #[test]
    fn fragments() {
        assert_eq!(
            join_fragments(&[Some("a"), Some("b")]).as_deref(),
            Some("ab")
        );
        assert_eq!(
            join_fragments(&[Some("a"), None, None, Some("b")]).as_deref(),
            Some("a\u{2026}b")
        );
        assert_eq!(join_fragments(&[None, Some("")]), None);
    }
}
