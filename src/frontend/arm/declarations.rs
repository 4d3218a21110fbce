//! Declarations shared by templates, nested deployments and parameter files: declared
//! (secure) types, inline nested templates and Key Vault parameter references.

use crate::model::{Expr, Node, Provenance, Value};

/// The declared type of a parameter or output, following `"$ref": "#/definitions/x"`
/// (user-defined types, languageVersion 2.0) within `template`.
pub(crate) fn declared_type<'a>(template: &'a Node, decl: &'a Node) -> Option<&'a str> {
    let mut decl = decl;
    // A few hops: definitions may refer to other definitions; cycles just stop.
    for _ in 0..8 {
        if let Some(ty) = decl.get("type").and_then(Node::as_str) {
            return Some(ty);
        }
        let name = decl.get("$ref")?.as_str()?.strip_prefix("#/definitions/")?;
        decl = template.get("definitions")?.get(name)?;
    }
    None
}

/// True for `securestring` / `secureObject` (any case).
pub(crate) fn is_secure_type(ty: Option<&str>) -> bool {
    ty.is_some_and(|t| {
        t.eq_ignore_ascii_case("securestring") || t.eq_ignore_ascii_case("secureobject")
    })
}

const DEPLOYMENT_TYPE: &str = "Microsoft.Resources/deployments";

/// A nested deployment resource's inline template, and whether it is inner-scoped
/// (`properties.expressionEvaluationOptions.scope == "inner"`; outer is the default).
pub(crate) fn inline_template(resource: &Node) -> Option<(&Node, bool)> {
    let ty = resource.get("type").and_then(Node::as_str)?;
    if !ty.eq_ignore_ascii_case(DEPLOYMENT_TYPE) {
        return None;
    }
    let template = resource
        .get_path("properties.template")
        .filter(|t| t.as_object().is_some())?;
    let inner = resource
        .get_path("properties.expressionEvaluationOptions.scope")
        .and_then(Node::as_str)
        .is_some_and(|s| s.eq_ignore_ascii_case("inner"));
    Some((template, inner))
}

/// A Key Vault parameter reference, as in parameter files and nested deployments:
/// `{ "reference": { "keyVault": { "id": "…" }, "secretName": "…" } }`. Returns a
/// `KeyVaultRef` expression spanning the `reference` object.
pub(crate) fn key_vault_reference(entry: &Node, lower: impl Fn(&Node) -> Node) -> Option<Node> {
    let reference = entry.get("reference")?;
    let vault_id = reference.get_path("keyVault.id")?;
    let secret = reference.get("secretName");
    let text_of = |n: Option<&Node>| match n.map(&lower) {
        Some(Node {
            value: Value::String(s),
            ..
        }) => format!("'{}'", s.replace('\'', "''")),
        Some(Node {
            value: Value::Expr(e),
            ..
        }) => e.text.clone(),
        _ => "null".to_string(),
    };
    let mut expr = Expr::new(
        Provenance::KeyVaultRef,
        format!(
            "keyvaultreference({},{})",
            text_of(Some(vault_id)),
            text_of(secret)
        ),
    );
    expr.origin = Some(match secret.and_then(Node::as_str) {
        Some(name) => format!("keyvault:{name}"),
        None => "keyvault".to_string(),
    });
    Some(Node::expr(expr, reference.span))
}
