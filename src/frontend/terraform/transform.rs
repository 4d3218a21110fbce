//! The small named conversions the mapping table may ask for (`transform:`).
//!
//! Each keeps the value's span (findings point at the Terraform attribute) and works on
//! literal values; an expression keeps its provenance and text, with its statically known
//! literal converted where there is one.

use serde::Deserialize;

use crate::model::{Expr, Node, Property, Value};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Transform {
    /// `"SystemAssigned, UserAssigned"` → `SystemAssigned,UserAssigned` (ARM's spelling).
    IdentityType,
    /// `true`/`false` → `Enabled`/`Disabled` (`public_network_access_enabled` →
    /// `publicNetworkAccess`).
    EnabledDisabled,
    /// A list → an object whose keys are the items (`identity_ids` →
    /// `userAssignedIdentities`); expression items give their normalised text as the key.
    ListToKeys,
    /// `["1.2.3.4"]` → `[{ value: "1.2.3.4" }]` (network ACL IP rules).
    WrapValue,
    /// `[id]` → `[{ id: id }]` (virtual network rules).
    WrapId,
    /// `{ K = v }` → `[{ name: "K", value: v }]` (web app `app_settings` → `appSettings`).
    MapToNameValue,
    /// `{ K = v }` → `[{ name: "K", secureValue: v }]` (container group
    /// `secure_environment_variables` → `environmentVariables`).
    MapToNameSecureValue,
    /// `["a.example"]` → `[{ fqdn: "a.example" }]` (application gateway backend pool `fqdns`).
    WrapFqdn,
    /// `true`/`false` → `EgressEnabled`/`EgressDisabled` (session pool
    /// `network_egress_enabled` → `sessionNetworkConfiguration.status`).
    EgressEnabledDisabled,
}

impl Transform {
    /// The transformed value keeps the original's flow and conditional presence.
    pub fn apply(self, node: &Node) -> Node {
        let mut out = self.apply_value(node);
        out.meta = node.meta.clone();
        out
    }

    fn apply_value(self, node: &Node) -> Node {
        match self {
            Transform::IdentityType => map_text(node, |s| {
                s.split(',')
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                    .collect::<Vec<_>>()
                    .join(",")
            }),
            Transform::EnabledDisabled => enabled_disabled(node, "Enabled", "Disabled"),
            Transform::EgressEnabledDisabled => {
                enabled_disabled(node, "EgressEnabled", "EgressDisabled")
            }
            Transform::ListToKeys => list_to_keys(node),
            Transform::WrapValue => wrap(node, "value"),
            Transform::WrapId => wrap(node, "id"),
            Transform::MapToNameValue => map_to_name_value(node, "value"),
            Transform::MapToNameSecureValue => map_to_name_value(node, "secureValue"),
            Transform::WrapFqdn => wrap(node, "fqdn"),
        }
    }
}

fn map_text(node: &Node, f: impl Fn(&str) -> String) -> Node {
    match &node.value {
        Value::String(s) => Node::string(f(s), node.span),
        Value::Expr(e) => {
            let mut e = (**e).clone();
            e.literal = e.literal.as_deref().map(&f);
            Node::expr(e, node.span)
        }
        _ => node.clone(),
    }
}

fn enabled_disabled(node: &Node, on: &str, off: &str) -> Node {
    let word = |b: bool| if b { on } else { off };
    match (&node.value, node.as_bool()) {
        (Value::Expr(e), Some(b)) => {
            let mut e: Expr = (**e).clone();
            e.literal = Some(word(b).to_string());
            Node::expr(e, node.span)
        }
        (Value::Expr(_), None) => node.clone(),
        (_, Some(b)) => Node::string(word(b), node.span),
        _ => node.clone(),
    }
}

fn list_to_keys(node: &Node) -> Node {
    let Value::Array(items) = &node.value else {
        return node.clone();
    };
    let props = items
        .iter()
        .filter_map(|item| {
            let key = match &item.value {
                Value::String(s) => s.clone(),
                Value::Expr(e) => e.text.clone(),
                _ => return None,
            };
            Some(Property {
                key,
                key_span: item.span,
                value: Node::object(Vec::new(), item.span),
            })
        })
        .collect();
    Node::object(props, node.span)
}

fn map_to_name_value(node: &Node, value_key: &str) -> Node {
    let Value::Object(props) = &node.value else {
        return node.clone();
    };
    let items = props
        .iter()
        .map(|p| {
            Node::object(
                vec![
                    Property {
                        key: "name".into(),
                        key_span: p.key_span,
                        value: Node::string(p.key.clone(), p.key_span),
                    },
                    Property {
                        key: value_key.into(),
                        key_span: p.key_span,
                        value: p.value.clone(),
                    },
                ],
                p.key_span.join(p.value.span),
            )
        })
        .collect();
    Node::new(Value::Array(items), node.span)
}

fn wrap(node: &Node, key: &str) -> Node {
    let Value::Array(items) = &node.value else {
        return node.clone();
    };
    let wrapped = items
        .iter()
        .map(|item| {
            Node::object(
                vec![Property {
                    key: key.to_string(),
                    key_span: item.span,
                    value: item.clone(),
                }],
                item.span,
            )
        })
        .collect();
    Node::new(Value::Array(wrapped), node.span)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Provenance;
    use crate::source::Span;

    fn s(v: &str) -> Node {
        Node::string(v, Span::new(0, 3, 9))
    }

    #[test]
    fn identity_type_spelling() {
        let n = Transform::IdentityType.apply(&s("SystemAssigned, UserAssigned"));
        assert_eq!(n.as_str(), Some("SystemAssigned,UserAssigned"));
        assert_eq!(n.span, Span::new(0, 3, 9));
    }

    #[test]
    fn bool_to_enum_keeps_expressions() {
        let b = Node::new(Value::Bool(false), Span::default());
        assert_eq!(
            Transform::EnabledDisabled.apply(&b).as_str(),
            Some("Disabled")
        );
        assert_eq!(
            Transform::EgressEnabledDisabled.apply(&b).as_str(),
            Some("EgressDisabled")
        );
        let e = Node::expr(
            Expr::new(Provenance::Input, "var.x").with_literal("true"),
            Span::default(),
        );
        let out = Transform::EnabledDisabled.apply(&e);
        assert_eq!(
            out.as_expr().and_then(|e| e.literal.as_deref()),
            Some("Enabled")
        );
        let unknown = Node::expr(Expr::new(Provenance::Unknown, "var.x"), Span::default());
        assert_eq!(Transform::EnabledDisabled.apply(&unknown), unknown);
    }

    #[test]
    fn list_to_keys_uses_expression_text() {
        let id = Node::expr(
            Expr::new(Provenance::Unknown, "azurerm_user_assigned_identity.a.id"),
            Span::new(0, 1, 2),
        );
        let list = Node::new(
            Value::Array(vec![id, s("/subscriptions/x")]),
            Span::default(),
        );
        let out = Transform::ListToKeys.apply(&list);
        let keys: Vec<&str> = out
            .as_object()
            .unwrap()
            .iter()
            .map(|p| p.key.as_str())
            .collect();
        assert_eq!(
            keys,
            ["azurerm_user_assigned_identity.a.id", "/subscriptions/x"]
        );
    }

    #[test]
    fn map_to_name_value_pairs() {
        let map = Node::object(
            vec![Property {
                key: "DB_PASSWORD".into(),
                key_span: Span::new(0, 1, 12),
                value: s("hunter2"),
            }],
            Span::default(),
        );
        let out = Transform::MapToNameValue.apply(&map);
        let item = &out.as_array().unwrap()[0];
        assert_eq!(item.get("name").and_then(Node::as_str), Some("DB_PASSWORD"));
        assert_eq!(item.get("value").unwrap().span, Span::new(0, 3, 9));
    }

    #[test]
    fn secure_values_and_fqdns() {
        let map = Node::object(
            vec![Property {
                key: "DB_PASSWORD".into(),
                key_span: Span::new(0, 1, 12),
                value: s("hunter2"),
            }],
            Span::default(),
        );
        let out = Transform::MapToNameSecureValue.apply(&map);
        let item = &out.as_array().unwrap()[0];
        assert_eq!(item.get("name").and_then(Node::as_str), Some("DB_PASSWORD"));
        assert_eq!(
            item.get("secureValue").and_then(Node::as_str),
            Some("hunter2")
        );
        assert!(item.get("value").is_none());
        let list = Node::new(
            Value::Array(vec![s("app.azurecontainerapps.io")]),
            Span::default(),
        );
        let out = Transform::WrapFqdn.apply(&list);
        assert_eq!(
            out.as_array().unwrap()[0]
                .get("fqdn")
                .and_then(Node::as_str),
            Some("app.azurecontainerapps.io")
        );
    }

    #[test]
    fn wrap_values() {
        let list = Node::new(Value::Array(vec![s("1.2.3.4")]), Span::default());
        let out = Transform::WrapValue.apply(&list);
        assert_eq!(
            out.as_array().unwrap()[0]
                .get("value")
                .and_then(Node::as_str),
            Some("1.2.3.4")
        );
    }
}
