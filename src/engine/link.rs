//! Linking a deployment after instantiation, before the rules: one graph of resources.
//!
//! - An `existing` resource (Bicep/ARM) names a resource by type and name; when the
//!   deployment declares that resource, references to the `existing` one are references to
//!   the declared one (a child whose `parent:` is the existing resource belongs to it).
//! - A partial update (`azapi_update_resource`) whose `resource_id` (or `parent_id` + name)
//!   names a resource of the deployment is merged into that resource: absence rules then
//!   judge the merged configuration, and a value the patch writes is reported at the patch.
//!   An update whose target is not in the deployment stays a patch of its own (value rules).

use std::collections::HashMap;

use crate::model::{Document, Node, Resource, Target, Value};

pub(crate) fn link(doc: &mut Document) {
    alias_existing(doc);
    merge_patches(doc);
}

/// `existing` resources → the declared resource of the same type and evaluated name.
fn alias_existing(doc: &mut Document) {
    let mut alias: HashMap<String, String> = HashMap::new();
    for r in doc
        .resources
        .iter()
        .filter(|r| r.existing && !r.is_partial_update())
    {
        // By evaluated name, or by a name that *is* another resource's name (`name: acr.name`,
        // also through module parameters): that resource, when it has the same type. A name
        // built from it (`'${acr.name}-replica'`) names a different resource.
        let named_after = r.body.get("name").and_then(|n| match &n.value {
            Value::Expr(e) if e.refs.len() == 1 && !e.text.contains("${") => {
                let x = &e.refs[0];
                match &x.target {
                    Target::Resource(k) if x.member.as_deref() == Some("name") => Some(k.as_str()),
                    _ => None,
                }
            }
            _ => None,
        });
        let same_name = |d: &Resource| match (r.name_value.as_deref(), d.name_value.as_deref()) {
            (Some(a), Some(b)) => Some(a.eq_ignore_ascii_case(b)),
            _ => None,
        };
        let declared = doc.resources.iter().find(|d| {
            !d.existing
                && d.is_type(&r.resource_type)
                && match same_name(d) {
                    Some(same) => same,
                    None => named_after == Some(d.key.as_str()),
                }
        });
        if let Some(d) = declared {
            alias.insert(r.key.clone(), d.key.clone());
        }
    }
    if alias.is_empty() {
        return;
    }
    for r in &mut doc.resources {
        rewrite_refs(&mut r.body, &alias, 0);
    }
    for o in &mut doc.outputs {
        rewrite_refs(&mut o.value, &alias, 0);
    }
}

fn rewrite_refs(node: &mut Node, alias: &HashMap<String, String>, depth: usize) {
    if depth > crate::frontend::MAX_DEPTH {
        return;
    }
    match &mut node.value {
        Value::Expr(e) => {
            for r in &mut e.refs {
                if let Target::Resource(k) = &mut r.target {
                    if let Some(to) = alias.get(k.as_str()) {
                        *k = to.clone();
                    }
                }
            }
        }
        Value::Array(items) => items
            .iter_mut()
            .for_each(|i| rewrite_refs(i, alias, depth + 1)),
        Value::Object(props) => props
            .iter_mut()
            .for_each(|p| rewrite_refs(&mut p.value, alias, depth + 1)),
        _ => {}
    }
}

/// Keys of a patch body that address the resource rather than configure it.
const ADDRESSING: &[&str] = &["id", "parent_id", "name", "type", "location"];

fn merge_patches(doc: &mut Document) {
    let mut merged = Vec::new();
    for (i, patch) in doc.resources.iter().enumerate() {
        if !patch.is_partial_update() {
            continue;
        }
        let Some(target) = patch_target(doc, patch) else {
            continue;
        };
        merged.push((i, target));
    }
    if merged.is_empty() {
        return;
    }
    // Apply in order, then drop the patches that were merged (last index first).
    for (i, target) in &merged {
        let patch = &doc.resources[*i];
        let note = format!("set by the partial update `{}`", patch.name);
        let (header, mut patch_body) = (patch.span, patch.body.clone());
        mark_flow(&mut patch_body, header, &note, 0);
        let target = &mut doc.resources[*target];
        if let Value::Object(props) = patch_body.value {
            for p in props {
                if ADDRESSING.iter().any(|k| p.key.eq_ignore_ascii_case(k)) {
                    continue;
                }
                merge_into(&mut target.body, p, 0);
            }
        }
    }
    let mut drop: Vec<usize> = merged.iter().map(|(i, _)| *i).collect();
    drop.sort_unstable();
    for i in drop.into_iter().rev() {
        doc.resources.remove(i);
    }
}

/// The declared resource a patch updates: the one its `id` (`resource_id`) names, else the
/// one its `parent_id` names when the patch's type is the parent's own type.
fn patch_target(doc: &Document, patch: &Resource) -> Option<usize> {
    let by = |node: &Node| {
        doc.resources.iter().position(|d| {
            !d.existing
                && !std::ptr::eq(d, patch)
                && d.is_type(&patch.resource_type)
                && crate::rules::predicates::refers_to(node, d)
        })
    };
    if let Some(id) = patch.body.get("id") {
        if let Some(i) = by(id) {
            return Some(i);
        }
    }
    None
}

/// Record on every node of a patch that it reaches its resource through the patch (the
/// finding's related location; and a fix must edit the patch, not the resource).
fn mark_flow(node: &mut Node, span: crate::source::Span, note: &str, depth: usize) {
    if depth > crate::frontend::MAX_DEPTH {
        return;
    }
    match &mut node.value {
        Value::Array(items) => items
            .iter_mut()
            .for_each(|i| mark_flow(i, span, note, depth + 1)),
        Value::Object(props) => props
            .iter_mut()
            .for_each(|p| mark_flow(&mut p.value, span, note, depth + 1)),
        _ => {}
    }
    let taken = std::mem::replace(node, Node::null(node.span));
    *node = taken.with_step(span, note);
}

/// Merge one property of a patch into a body: objects merge key by key, anything else is
/// replaced (ARM PATCH semantics: arrays are replaced whole).
fn merge_into(body: &mut Node, prop: crate::model::Property, depth: usize) {
    if depth > crate::frontend::MAX_DEPTH {
        return;
    }
    let Value::Object(props) = &mut body.value else {
        return;
    };
    match props
        .iter_mut()
        .rev()
        .find(|q| q.key.eq_ignore_ascii_case(&prop.key))
    {
        Some(existing) => match (&mut existing.value.value, prop.value.value) {
            (Value::Object(_), Value::Object(more)) => {
                for p in more {
                    merge_into(&mut existing.value, p, depth + 1);
                }
            }
            (_, value) => {
                existing.value = Node {
                    value,
                    span: prop.value.span,
                    meta: prop.value.meta,
                };
                existing.key_span = prop.key_span;
            }
        },
        None => props.push(prop),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Format, Property, Ref};
    use crate::source::{SourceFile, Span};
    use std::sync::Arc;

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

    fn id_ref(key: &str) -> Node {
        let mut e = crate::model::Expr::new(crate::model::Provenance::Unknown, "x.id");
        e.refs.push(Ref::resource(key));
        Node::expr(e, Span::default())
    }

    #[test]
    fn a_patch_is_merged_into_the_resource_it_updates() {
        let file = Arc::new(SourceFile::from_text("main.tf", ""));
        let mut doc = Document::new(Format::Terraform, file);
        let mut registry = Resource::new(
            "Microsoft.ContainerRegistry/registries",
            "azurerm_container_registry.acr",
            Span::default(),
            obj(vec![(
                "properties",
                obj(vec![(
                    "adminUserEnabled",
                    Node::new(Value::Bool(false), Span::default()),
                )]),
            )]),
        );
        registry.key = "/module.reg/azurerm_container_registry.acr".into();
        let mut patch = Resource::new(
            "Microsoft.ContainerRegistry/registries",
            "azapi_update_resource.pull",
            Span::default(),
            obj(vec![
                ("id", id_ref("/module.reg/azurerm_container_registry.acr")),
                (
                    "properties",
                    obj(vec![(
                        "anonymousPullEnabled",
                        Node::new(Value::Bool(true), Span::new(9, 1, 5)),
                    )]),
                ),
            ]),
        );
        patch.existing = true;
        patch.source_type = Some("azapi_update_resource".into());
        doc.resources.push(registry);
        doc.resources.push(patch);
        link(&mut doc);
        assert_eq!(doc.resources.len(), 1, "the patch is merged, not kept");
        let r = &doc.resources[0];
        assert_eq!(
            r.get("properties.anonymousPullEnabled").map(|n| n.span),
            Some(Span::new(9, 1, 5)),
            "the patched value keeps the patch's position"
        );
        assert_eq!(
            r.get("properties.adminUserEnabled").and_then(Node::as_bool),
            Some(false)
        );
    }

    /// `existing` named `acr.name` stands for `acr`; one named `'${acr.name}-replica'` (or
    /// whose evaluated name differs) is another registry.
    #[test]
    fn an_existing_resource_named_after_a_declared_one_stands_for_it_only_when_it_is_its_name() {
        let name_of = |text: &str| {
            let mut e = crate::model::Expr::new(crate::model::Provenance::Unknown, text);
            e.refs.push(Ref {
                member: Some("name".into()),
                ..Ref::resource("/acr")
            });
            Node::expr(e, Span::default())
        };
        for (text, aliased) in [("acr.name", true), ("'${acr.name}-replica'", false)] {
            let file = Arc::new(SourceFile::from_text("main.bicep", ""));
            let mut doc = Document::new(Format::Bicep, file);
            let mut acr = Resource::new(
                "Microsoft.ContainerRegistry/registries",
                "acr",
                Span::default(),
                obj(vec![]),
            );
            acr.key = "/acr".into();
            let mut existing = Resource::new(
                "Microsoft.ContainerRegistry/registries",
                "reg",
                Span::default(),
                obj(vec![("name", name_of(text))]),
            );
            existing.key = "/mod/reg".into();
            existing.existing = true;
            let mut role = Resource::new(
                "Microsoft.Authorization/roleAssignments",
                "pull",
                Span::default(),
                obj(vec![("scope", id_ref("/mod/reg"))]),
            );
            role.key = "/mod/pull".into();
            doc.resources.extend([acr, existing, role]);
            link(&mut doc);
            let scope = doc.resources[2]
                .get("scope")
                .and_then(Node::as_expr)
                .unwrap();
            let expected = if aliased { "/acr" } else { "/mod/reg" };
            assert_eq!(scope.refs[0], Ref::resource(expected), "{text}");
        }
    }

    #[test]
    fn an_existing_resource_stands_for_the_declared_one() {
        let file = Arc::new(SourceFile::from_text("main.bicep", ""));
        let mut doc = Document::new(Format::Bicep, file);
        let mut env = Resource::new(
            "Microsoft.App/managedEnvironments",
            "env",
            Span::default(),
            obj(vec![]),
        );
        env.key = "/net/env".into();
        env.name_value = Some("apps-env".into());
        let mut existing = env.clone();
        existing.key = "/apps/env".into();
        existing.existing = true;
        existing.name_value = Some("Apps-Env".into());
        let mut child = Resource::new(
            "Microsoft.App/managedEnvironments/daprComponents",
            "dapr",
            Span::default(),
            obj(vec![("parent", id_ref("/apps/env"))]),
        );
        child.key = "/apps/dapr".into();
        doc.resources.extend([env, existing, child]);
        link(&mut doc);
        let parent = doc.resources[2]
            .get("parent")
            .and_then(Node::as_expr)
            .unwrap();
        assert_eq!(parent.refs[0], Ref::resource("/net/env"));
    }
}
