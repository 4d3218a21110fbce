//! Provenance of ARM template function calls.
//!
//! The functions whose value has a provenance of its own (secrets read from other resources,
//! `reference`, resource ids, generated values, the deployment context) are classified by the
//! catalogue shared with Bicep (`crate::frontend::functions`); this file finds their
//! references. Evaluated here: inputs (`parameters`, `variables`), string building (`concat`,
//! `format`, …: combined with `Provenance::of_interpolation`) and choices (`if`, `coalesce`:
//! `Provenance::of_branches`). Anything else combines its arguments like an interpolation, so
//! a secure argument is never lost.

use super::expression::{normalize_body, Ast, AstKind};
use super::scope::{branches, merge_refs, Ev, Key, Scope};
use crate::frontend::functions::{self, Family};
use crate::model::{DerivedKind, Provenance, Ref, Target};

const REGISTRY_TYPE: &str = "microsoft.containerregistry/registries";

/// String-building functions whose statically known text is worth keeping in
/// `Expr::literal` (value-pattern rules look for connection strings, keys, …).
const STRING_BUILDERS: &[&str] = &[
    "concat", "format", "uri", "replace", "tolower", "toupper", "trim", "string",
];

pub(crate) fn eval_call(scope: &Scope<'_>, call: &Ast, name: &str, args: &[Ast], body: &str) -> Ev {
    let lname = name.to_ascii_lowercase();
    let fn_origin = || format!("fn:{name}");
    // Inside an expanded copy loop the index is known.
    if lname == "copyindex" && scope.in_copy() {
        return match scope.static_ast(call, 0) {
            Some(i) => Ev::literal(i),
            None => Ev::unknown().with_origin(fn_origin()),
        };
    }
    if let Some(family) = functions::family(name) {
        return eval_family(scope, call, family, name, args, body);
    }
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
        "if" if args.len() == 3 => {
            let cond = scope.eval(&args[0], body);
            // A condition written (or bound) as a literal picks its branch; anything else
            // (an input's default, a deploy-time value) may go either way.
            match known_bool(&cond) {
                Some(true) => scope.eval(&args[1], body),
                Some(false) => scope.eval(&args[2], body),
                None => branches(eval_args(scope, &args[1..], body)),
            }
        }
        "equals" | "not" | "and" | "or" | "empty" => {
            let evs = eval_args(scope, args, body);
            match logic(&lname, &evs) {
                Some(value) => {
                    let mut ev = Ev::new(Provenance::of_interpolation(
                        evs.iter().map(|e| e.prov.clone()),
                    ));
                    if ev.prov == Provenance::Empty {
                        ev.prov = Provenance::Literal;
                    }
                    ev.literal = Some(value.to_string());
                    ev
                }
                None => interpolation(evs),
            }
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

/// A call of a catalogued function (`crate::frontend::functions`): its provenance is the
/// catalogue's, its references are found here.
fn eval_family(
    scope: &Scope<'_>,
    call: &Ast,
    family: Family,
    name: &str,
    args: &[Ast],
    body: &str,
) -> Ev {
    let origin = format!("fn:{name}");
    match family {
        // Neither a secret nor another resource: what the arguments hold does not matter.
        Family::Context | Family::CompileTime => Ev::new(family.provenance()).with_origin(origin),
        Family::Generated | Family::KeyVaultSecret => {
            let evs = eval_args(scope, args, body);
            let mut ev = Ev::new(family.provenance()).with_origin(origin);
            ev.refs = all_refs(&evs);
            ev
        }
        Family::Reference | Family::ResourceInfo | Family::Listing => {
            let evs = eval_args(scope, args, body);
            let prov = if functions::is_list_credentials(name)
                && mentions_registry(scope, args, &evs, body)
            {
                Provenance::Derived(DerivedKind::RegistryAdminCredential)
            } else {
                family.provenance()
            };
            let mut ev = Ev::new(prov).with_origin(origin);
            ev.refs = all_refs(&evs);
            if let Some(symbol) = symbol_arg(scope, args.first()) {
                ev.refs.insert(0, scope.symbol_ref(&symbol));
            } else if let (Family::Reference, Some(first)) = (family, ev.refs.first_mut()) {
                // `reference(resourceId(…))` reads the resource's properties, not its id.
                first.member = None;
            }
            ev
        }
        Family::ResourceId => {
            let evs = eval_args(scope, args, body);
            let mut ev = Ev::new(family.provenance()).with_origin(origin);
            ev.refs = all_refs(&evs);
            let typed = named_resource(scope, args).map(|r| r.with_member("id"));
            ev.refs.insert(
                0,
                typed.unwrap_or_else(|| {
                    Ref::text(
                        body.get(call.span.clone())
                            .map(normalize_body)
                            .unwrap_or_default(),
                    )
                }),
            );
            ev
        }
    }
}

/// A boolean written in the source (or bound from a parameter file) as a literal.
pub(crate) fn known_bool(ev: &Ev) -> Option<bool> {
    if ev.prov != Provenance::Literal {
        return None;
    }
    match ev.literal.as_deref()? {
        l if l.eq_ignore_ascii_case("true") => Some(true),
        l if l.eq_ignore_ascii_case("false") => Some(false),
        _ => None,
    }
}

/// `equals`, `not`, `and`, `or`, `empty` over statically known values (whole texts only:
/// a literal with unknown fragments is not known).
fn logic(name: &str, evs: &[Ev]) -> Option<bool> {
    // Only values written (or bound) as literals: an input's default may be overridden.
    let text = |e: &Ev| match e.prov {
        Provenance::Literal | Provenance::Empty => e
            .literal
            .as_deref()
            .filter(|l| !l.contains(ELLIPSIS))
            .map(str::to_string),
        _ => None,
    };
    let boolean = |e: &Ev| match text(e)?.to_ascii_lowercase().as_str() {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    };
    match (name, evs) {
        ("equals", [a, b]) if a.node.is_none() && b.node.is_none() => Some(text(a)? == text(b)?),
        ("not", [a]) => boolean(a).map(|b| !b),
        ("and", _) if !evs.is_empty() => evs
            .iter()
            .map(boolean)
            .collect::<Option<Vec<_>>>()
            .map(|v| v.iter().all(|b| *b)),
        ("or", _) if !evs.is_empty() => evs
            .iter()
            .map(boolean)
            .collect::<Option<Vec<_>>>()
            .map(|v| v.iter().any(|b| *b)),
        ("empty", [a]) => match a.node.as_deref() {
            Some(n) => match &n.value {
                crate::model::Value::Array(items) => Some(items.is_empty()),
                crate::model::Value::Object(props) => Some(props.is_empty()),
                _ => None,
            },
            None if a.prov == Provenance::Empty => Some(true),
            None => text(a).map(|t| t.is_empty()),
        },
        _ => None,
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

/// The resource a `resourceId(…)` family call names, when its type and every name segment
/// are statically known: `resourceId([sub], [rg], 'T/c', 'parent', 'child')` names
/// `T/c` `parent/child`; `extensionResourceId(scope, 'T', 'n')` names `T` `n`.
fn named_resource(scope: &Scope<'_>, args: &[Ast]) -> Option<Ref> {
    let values: Vec<Option<String>> = args.iter().map(|a| scope.static_ast(a, 0)).collect();
    // The type is the first argument that reads `Namespace.Provider/type[/child…]` (a scope
    // id starts with `/`, a subscription id or group name has no `/`).
    let at = values.iter().position(|v| {
        v.as_deref().is_some_and(|t| {
            !t.starts_with('/')
                && t.split('/').count() >= 2
                && t.split('/').next().is_some_and(|ns| ns.contains('.'))
                && t.split('/').all(|s| !s.is_empty())
        })
    })?;
    let resource_type = values[at].clone()?;
    let names = values[at + 1..]
        .iter()
        .cloned()
        .collect::<Option<Vec<String>>>()?;
    if names.len() != resource_type.split('/').count() - 1 || names.iter().any(|n| n.is_empty()) {
        return None;
    }
    Some(Ref {
        target: Target::Named {
            resource_type,
            name: names.join("/"),
        },
        member: None,
    })
}

/// What a property chain on `reference(…)` / `resourceInfo(…)` reads: `loginServer` for
/// `reference(x).loginServer`, `identity.principalId` for `reference(x, v, 'full')
/// .identity.principalId`. `None` when the chain does not start at such a call or indexes.
pub(crate) fn reference_member(ast: &Ast) -> Option<String> {
    let mut names = Vec::new();
    let mut at = ast;
    loop {
        match &at.kind {
            AstKind::Property(base, name) => {
                names.push(name.as_str());
                at = base;
            }
            AstKind::Call { name, .. }
                if name.eq_ignore_ascii_case("reference")
                    || name.eq_ignore_ascii_case("resourceinfo") =>
            {
                break;
            }
            _ => return None,
        }
    }
    names.reverse();
    Some(names.join("."))
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

/// Whether `listCredentials(...)` targets a container registry: its arguments name the
/// registry type directly, through `resourceId(...)` or a variable, or name a registry's
/// symbolic name.
fn mentions_registry(scope: &Scope<'_>, args: &[Ast], evs: &[Ev], body: &str) -> bool {
    args.iter()
        .any(|a| ast_mentions_registry(scope, a, body, 0))
        || evs.iter().any(|e| {
            e.literal.as_deref().is_some_and(names_registry)
                || e.refs.iter().any(ref_names_registry)
        })
        || args
            .first()
            .and_then(Ast::as_str)
            .and_then(|s| scope.symbol_type(s))
            .is_some_and(|t| t.eq_ignore_ascii_case(REGISTRY_TYPE))
}

/// A reference to a container registry: typed by its type, untyped by its text.
fn ref_names_registry(r: &Ref) -> bool {
    match &r.target {
        Target::Named { resource_type, .. } => resource_type.eq_ignore_ascii_case(REGISTRY_TYPE),
        _ => names_registry(r.name()),
    }
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
                || ev.refs.iter().any(ref_names_registry)
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
pub(crate) fn render_format(format: &str, args: &[Option<&str>]) -> Option<String> {
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
