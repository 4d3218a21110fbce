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
    let type_text = tree
        .get("type")
        .and_then(|n| n.known_text())
        .map(|t| t.into_owned())?;
    let (resource_type, api_version) = match type_text.split_once('@') {
        Some((t, v)) => (t.trim().to_string(), Some(v.trim().to_string())),
        None => (type_text.trim().to_string(), None),
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
                lw.object_value(&a.value).ok_or_else(|| lw.span(a.span()))
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
            Ok(value) => mapping::merge(&mut body, value, 0),
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
        existing: false,
        source_type: Some(ty.to_string()),
    })
}
