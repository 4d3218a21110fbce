//! ARM deployment templates: parameters, variables, outputs and resources (array form and
//! languageVersion 2.0 symbolic form, nested child resources, nested deployments with inline
//! templates in inner or outer scope).

use std::collections::HashMap;
use std::sync::Arc;

use super::declarations::{declared_type, inline_template, is_secure_type, key_vault_reference};
use super::json::parse_raw;
use super::scope::Scope;
use crate::frontend::MAX_DEPTH;
use crate::model::{
    Assignment, Diagnostic, DiagnosticKind, Document, Format, Node, Output, Parameter, Property,
    Resource, Value, Variable,
};
use crate::source::{SourceFile, Span};

pub fn parse_template(file: Arc<SourceFile>) -> Document {
    let mut doc = Document::new(Format::Arm, file.clone());
    let Some(root) = parse_raw(&file, &mut doc) else {
        return doc;
    };
    if root.as_object().is_none() {
        doc.parse_error("an ARM template must be a JSON object", root.span);
        return doc;
    }
    let scope = Scope::for_template(&root, HashMap::new());
    lower_declarations(&root, &scope, &mut doc);
    if let Some(resources) = root.get("resources") {
        let mut lowering = Lowering {
            doc: &mut doc,
            depth_noted: false,
        };
        lowering.resources(resources, Source::Scope(&scope), None, 0);
    }
    scope.report(&mut doc);
    doc
}

/// Top-level parameters, variables and outputs (nested templates' own are not the
/// document's: they are reached through assignments and provenance).
fn lower_declarations(root: &Node, scope: &Scope<'_>, doc: &mut Document) {
    for p in object_props(root.get("parameters")) {
        let ty = declared_type(root, &p.value);
        doc.parameters.push(Parameter {
            name: p.key.clone(),
            span: p.key_span,
            secure: is_secure_type(ty),
            type_name: ty.map(str::to_string),
            default: p.value.get("defaultValue").map(|d| scope.lower(d)),
        });
    }
    for v in object_props(root.get("variables")) {
        if v.key.eq_ignore_ascii_case("copy") {
            if let Some(loops) = v.value.as_array() {
                for l in loops {
                    let Some(name_prop) = l.property("name") else {
                        continue;
                    };
                    let Some(name) = name_prop.value.as_str() else {
                        continue;
                    };
                    if let Some(value) = scope.variable(name) {
                        doc.variables.push(Variable {
                            name: name.to_string(),
                            span: name_prop.value.span,
                            value: (*value).clone(),
                        });
                    }
                }
                continue;
            }
        }
        let value = scope
            .variable(&v.key)
            .map(|n| (*n).clone())
            .unwrap_or_else(|| scope.lower(&v.value));
        doc.variables.push(Variable {
            name: v.key.clone(),
            span: v.key_span,
            value,
        });
    }
    for o in object_props(root.get("outputs")) {
        let ty = declared_type(root, &o.value);
        let value = o
            .value
            .get("value")
            .or_else(|| o.value.get("copy"))
            .unwrap_or(&o.value);
        doc.outputs.push(Output {
            name: o.key.clone(),
            span: o.key_span,
            value: scope.lower(value),
            secure: is_secure_type(ty),
        });
    }
}

fn object_props(node: Option<&Node>) -> &[Property] {
    node.and_then(Node::as_object).unwrap_or(&[])
}

/// Walks a template's resources. Each top-level resource is lowered once (in the
/// template's scope); children and nested deployments' resources are taken from their
/// parent's lowered body, which `Scope::lower` already evaluated in the right scope
/// (inner-scope templates in their own), so nothing is evaluated twice.
struct Lowering<'d> {
    doc: &'d mut Document,
    depth_noted: bool,
}

/// Where a resource's lowered body comes from.
#[derive(Clone, Copy)]
enum Source<'a, 's> {
    /// Lower it now, in this scope (top-level resources).
    Scope(&'a Scope<'s>),
    /// Take it from an already lowered `resources` array/object of the same shape.
    Lowered(Option<&'a Node>),
}

impl Lowering<'_> {
    fn too_deep(&mut self, span: Span) {
        if !self.depth_noted {
            self.depth_noted = true;
            self.doc.diagnostics.push(Diagnostic {
                kind: DiagnosticKind::NotAnalysable,
                message: format!(
                    "resources nest deeper than {MAX_DEPTH} levels; deeper ones are not analysed"
                ),
                span,
            });
        }
    }

    /// A `resources` array, or an object keyed by symbolic name (languageVersion 2.0).
    fn resources(
        &mut self,
        raw: &Node,
        source: Source<'_, '_>,
        parent_type: Option<&str>,
        depth: usize,
    ) {
        if depth > MAX_DEPTH {
            self.too_deep(raw.span);
            return;
        }
        let lowered_item = |i: usize, raw_item: &Node| -> Option<Node> {
            match source {
                Source::Scope(scope) => Some(scope.lower(raw_item)),
                Source::Lowered(container) => match &container?.value {
                    Value::Array(items) => items.get(i).cloned(),
                    Value::Object(props) => props.get(i).map(|p| p.value.clone()),
                    _ => None,
                },
            }
        };
        match &raw.value {
            Value::Array(items) => {
                for (i, r) in items.iter().enumerate() {
                    if let Some(body) = lowered_item(i, r) {
                        self.resource(r, body, None, parent_type, depth);
                    }
                }
            }
            Value::Object(props) => {
                for (i, p) in props.iter().enumerate() {
                    if let Some(body) = lowered_item(i, &p.value) {
                        self.resource(&p.value, body, Some(&p.key), parent_type, depth);
                    }
                }
            }
            _ => {}
        }
    }

    fn resource(
        &mut self,
        raw: &Node,
        body: Node,
        symbol: Option<&str>,
        parent_type: Option<&str>,
        depth: usize,
    ) {
        let Some(type_prop) = raw.property("type") else {
            return;
        };
        let Some(short_type) = type_prop.value.as_str() else {
            return;
        };
        // Extensibility resources carry their version in the type (`Microsoft.Graph/groups@v1.0`).
        let (short_type, type_version) = match short_type.split_once('@') {
            Some((t, v)) => (t, Some(v)),
            None => (short_type, None),
        };
        // A nested child names its type relative to its parent (`daprComponents`).
        let resource_type = match parent_type {
            Some(parent) if !short_type.contains('/') => format!("{parent}/{short_type}"),
            _ => short_type.to_string(),
        };
        let name = match symbol {
            Some(s) => s.to_string(),
            None => raw
                .get("name")
                .and_then(Node::as_str)
                .unwrap_or("")
                .to_string(),
        };
        // What the resource's recursion needs from the body before it moves into the model.
        let nested = inline_template(raw)
            .map(|(template, _)| (template, body.get_path("properties.template").cloned()));
        if nested.is_some() {
            self.assignments(&body, &name);
        }
        let children = raw
            .get("resources")
            .map(|c| (c, body.get("resources").cloned()));

        self.doc.resources.push(Resource {
            resource_type: resource_type.clone(),
            api_version: raw
                .get("apiVersion")
                .and_then(Node::as_str)
                .or(type_version)
                .map(str::to_string),
            name: name.clone(),
            symbol: symbol.map(str::to_string),
            span: type_prop.key_span.join(type_prop.value.span),
            body,
            existing: raw.get("existing").and_then(Node::as_bool).unwrap_or(false),
            source_type: None,
            key: crate::model::local_key(symbol, &name),
            instance: None,
            name_value: None,
        });

        // A nested deployment's resources follow it.
        if let Some((template, lowered)) = nested {
            if let Some(resources) = template.get("resources") {
                let lowered = lowered.as_ref().and_then(|t| t.get("resources"));
                self.resources(resources, Source::Lowered(lowered), None, depth + 1);
            }
        }
        if let Some((children, lowered)) = children {
            self.resources(
                children,
                Source::Lowered(lowered.as_ref()),
                Some(&resource_type),
                depth + 1,
            );
        }
    }

    /// An `Assignment` per parameter a nested deployment passes (its lowered body holds the
    /// values, evaluated in the outer scope), with the inner declaration's secure-ness.
    fn assignments(&mut self, body: &Node, deployment: &str) {
        let template = body.get_path("properties.template");
        let declared = template.and_then(|t| t.get("parameters"));
        for p in object_props(body.get_path("properties.parameters")) {
            let value = match key_vault_reference(&p.value, Node::clone) {
                Some(kv) => kv,
                None => match p.value.get("value") {
                    Some(v) => v.clone(),
                    // The whole entry is one expression (see `Scope::passed_parameters`).
                    None if p.value.as_expr().is_some() => p.value.clone(),
                    None => continue,
                },
            };
            let target_secure = declared
                .and_then(|d| d.get(&p.key))
                .map(|decl| is_secure_type(template.and_then(|t| declared_type(t, decl))));
            self.doc.assignments.push(Assignment {
                name: p.key.clone(),
                span: p.key_span,
                value,
                target_secure,
                target: Some(deployment.to_string()),
            });
        }
    }
}
