//! Azure built-in role definitions, by name and id, for the `role` predicate: a role
//! assignment names its role by definition id (`subscriptionResourceId(
//! 'Microsoft.Authorization/roleDefinitions', '<guid>')`, a literal `/providers/…/<guid>`, a
//! variable holding either) or, in Terraform, by `role_definition_name`. Built-in role ids are
//! the same in every tenant and cloud (Microsoft Learn, "Azure built-in roles"), so a table
//! is exact; a custom role (unknown id) matches no name and stays quiet.

use std::borrow::Cow;
use std::sync::OnceLock;

use regex::Regex;

use crate::model::{Node, Target, Value};

/// (role name as Azure spells it, role definition id). Only the roles that rules about
/// least privilege name; extend when a rule needs another.
pub(crate) const BUILT_IN: &[(&str, &str)] = &[
    ("Owner", "8e3af657-a8ff-443c-a75c-2fe8c4bcb635"),
    ("Contributor", "b24988ac-6180-42a0-ab88-20f7382dd24c"),
    ("Reader", "acdd72a7-3385-48ef-bd42-f606fba81ae7"),
    (
        "User Access Administrator",
        "18d7d88d-d35e-4fb5-a5c3-7773c4a72b9d",
    ),
    (
        "Role Based Access Control Administrator",
        "f58310d9-a9f6-439a-9e8d-f62e7b41a168",
    ),
    ("AcrPull", "7f951dda-4ed3-4680-a7ca-43fe172d538d"),
    ("AcrPush", "8311e382-0749-4cb8-b61a-304f252e45ec"),
    ("AcrDelete", "c2f4ef07-c644-48eb-af81-4b1b4947fb11"),
    ("AcrImageSigner", "6cef56e8-d556-48e5-a04f-b8e64114680f"),
    (
        "Key Vault Administrator",
        "00482a5a-887f-4fb3-b363-3b7fe8e74483",
    ),
    (
        "Key Vault Secrets Officer",
        "b86a8fe4-44ce-4948-aee5-eccb2c155cd7",
    ),
    (
        "Key Vault Secrets User",
        "4633458b-17de-408a-b874-0445c86b69e6",
    ),
    ("Key Vault Reader", "21090545-7ca7-4776-b22c-e363652d74d2"),
    (
        "Key Vault Contributor",
        "f25e0fa2-a7c8-4377-a976-54943a77a395",
    ),
];

fn guid() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?i)\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b")
            .expect("static regex")
    })
}

/// The built-in role a role-definition value names, when it can be told statically: a role
/// name (Terraform `role_definition_name`), or a text holding a built-in role id (a literal
/// id, an expression's text or literal fragments, a reference's text or named target).
pub(crate) fn role_of(node: &Node) -> Option<&'static str> {
    let mut texts: Vec<Cow<'_, str>> = Vec::new();
    if let Some(t) = node.known_text() {
        texts.push(t);
    }
    if let Value::Expr(e) = &node.value {
        texts.push(Cow::Borrowed(e.text.as_str()));
        if let Some(l) = &e.literal {
            texts.push(Cow::Borrowed(l.as_str()));
        }
        for r in &e.refs {
            match &r.target {
                Target::Text(t) => texts.push(Cow::Borrowed(t.as_str())),
                Target::Named { name, .. } => texts.push(Cow::Borrowed(name.as_str())),
                Target::Resource(_) => {}
            }
        }
    }
    for t in &texts {
        let trimmed = t.trim();
        if let Some((name, _)) = BUILT_IN
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(trimmed))
        {
            return Some(name);
        }
        for m in guid().find_iter(t) {
            if let Some((name, _)) = BUILT_IN
                .iter()
                .find(|(_, id)| id.eq_ignore_ascii_case(m.as_str()))
            {
                return Some(name);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Expr, Provenance, Ref};
    use crate::source::Span;

    fn s(v: &str) -> Node {
        Node::new(Value::String(v.into()), Span::new(0, 0, 0))
    }

    #[test]
    fn names_and_ids_resolve_to_the_same_role() {
        assert_eq!(role_of(&s("AcrPush")), Some("AcrPush"));
        assert_eq!(
            role_of(&s("key vault secrets user")),
            Some("Key Vault Secrets User")
        );
        assert_eq!(
            role_of(&s(
                "/providers/Microsoft.Authorization/roleDefinitions/8311E382-0749-4cb8-b61a-304f252e45ec"
            )),
            Some("AcrPush")
        );
        // A custom role, a partial id, a word that only contains a role name.
        assert_eq!(role_of(&s("11111111-2222-3333-4444-555555555555")), None);
        assert_eq!(role_of(&s("8311e382-0749-4cb8-b61a")), None);
        assert_eq!(role_of(&s("NotAcrPush")), None);
    }

    #[test]
    fn an_expression_names_its_role_through_text_or_references() {
        let mut e = Expr::new(Provenance::Unknown, "acrPushRole");
        e.refs.push(Ref::text(
            "subscriptionResourceId('Microsoft.Authorization/roleDefinitions','7f951dda-4ed3-4680-a7ca-43fe172d538d')",
        ));
        let n = Node::new(Value::Expr(Box::new(e)), Span::new(0, 0, 0));
        assert_eq!(role_of(&n), Some("AcrPull"));
    }
}
