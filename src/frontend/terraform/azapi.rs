//! `azapi_resource` / `azapi_update_resource`: the `body` is the ARM resource body already
//! (an HCL object, or `jsonencode({...})` in azapi 1.x code), lowered 1:1.

use hcl_edit::structure::{Block, Structure};
use hcl_edit::Span as _;

use super::lower::Lowerer;
use super::mapping;
use crate::model::{Diagnostic, DiagnosticKind, Document, Node, Resource, Value};
use crate::source::Span;

pub fn lower(
    lw: &mut Lowerer,
    b: Option<&Block>,
    ty: &str,
    address: &str,
    header: Span,
    tree: &Node,
    doc: &mut Document,
) -> Option<Resource> {
    let (resource_type, api_version) = match tree.get("type").and_then(|n| n.known_text()) {
        Some(t) => split_type(&t),
        // `cond ? "T@v1" : "T@v2"`: the type is known when every branch agrees on it.
        None => {
            let expr = b.and_then(|b| {
                b.body
                    .iter()
                    .filter_map(Structure::as_attribute)
                    .find(|a| a.key.as_str() == "type")
            });
            let mut candidates = Vec::new();
            branch_strings(&expr?.value, &mut candidates, 0);
            let mut split = candidates.iter().map(|c| split_type(c));
            let (t, v) = split.next()?;
            let mut same_version = true;
            for (t2, v2) in split {
                if !t2.eq_ignore_ascii_case(&t) {
                    return None;
                }
                same_version &= v2 == v;
            }
            (t, if same_version { v } else { None })
        }
    };
    if resource_type.is_empty() {
        return None;
    }
    let mut body = Node::object(Vec::new(), header);
    mapping::apply(&mapping::table().azapi, tree, &mut body);
    for key in ["body", "sensitive_body"] {
        let value = match b {
            Some(b) => {
                let Some(a) = b
                    .body
                    .iter()
                    .filter_map(Structure::as_attribute)
                    .find(|a| a.key.as_str() == key)
                else {
                    continue;
                };
                if a.value.is_null() {
                    continue;
                }
                match lw.object_value(&a.value) {
                    Some(v) => Ok(v),
                    // `cond ? {…} : null` with a known false condition: no body.
                    None if matches!(lw.expr(&a.value).value, Value::Null) => continue,
                    None => Err(lw.span(a.span())),
                }
            }
            // `.tf.json`: the body is a JSON object, already lowered in the tree.
            None => match tree.get(key) {
                None => continue,
                Some(n) if matches!(n.value, Value::Null) => continue,
                Some(n) if matches!(n.value, Value::Object(_)) => Ok(n.clone()),
                Some(n) => Err(n.span),
            },
        };
        match value {
            Ok(mut value) => {
                // `null` properties are not set (what `ignore_null_property` sends, and what
                // ARM does with a null): the service default applies.
                super::eval::strip_nulls(&mut value, 0);
                mapping::merge(&mut body, value, 0)
            }
            Err(span) => doc.diagnostics.push(Diagnostic {
                kind: DiagnosticKind::NotAnalysable,
                message: format!("`{key}` of {address} is not an object written in the module; its content is not checked"),
                span,
            }),
        }
    }
    Some(Resource {
        resource_type,
        api_version,
        name: address.to_string(),
        symbol: Some(address.to_string()),
        span: header,
        body,
        // An update is a partial patch of a resource declared elsewhere: rules about absent
        // properties must not fire on it, so it is treated like an `existing` reference.
        existing: ty == "azapi_update_resource",
        source_type: Some(ty.to_string()),
        key: crate::model::local_key(Some(address), address),
        instance: None,
        name_value: None,
    })
}

fn split_type(text: &str) -> (String, Option<String>) {
    match text.split_once('@') {
        Some((t, v)) => (t.trim().to_string(), Some(v.trim().to_string())),
        None => (text.trim().to_string(), None),
    }
}

/// The string literals a (nested) conditional can produce; anything else leaves a non-string
/// marker so that the caller gives up.
fn branch_strings(e: &hcl_edit::expr::Expression, out: &mut Vec<String>, depth: usize) {
    use hcl_edit::expr::Expression;
    match e {
        Expression::String(s) => out.push(s.value().clone()),
        Expression::Conditional(c) if depth < 16 => {
            branch_strings(&c.true_expr, out, depth + 1);
            branch_strings(&c.false_expr, out, depth + 1);
        }
        Expression::Parenthesis(p) => branch_strings(p.inner(), out, depth + 1),
        _ => out.push(String::new()),
    }
}
