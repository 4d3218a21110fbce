//! ARM deployment templates: parameters, variables, outputs and resources (array form and
//! languageVersion 2.0 symbolic form, nested child resources, nested deployments with inline
//! templates in inner or outer scope).

use std::collections::HashMap;
use std::sync::Arc;

use super::json::parse_raw;
use super::scope::{inline_template, is_secure_type, Scope};
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
    let mut lowering = Lowering {
        doc: &mut doc,
        depth_noted: false,
    };
    lowering.resources(&root, &scope, 0);
    doc
}

/// Top-level parameters, variables and outputs (nested templates' own are not the
/// document's: they are reached through assignments and provenance).
fn lower_declarations(root: &Node, scope: &Scope<'_>, doc: &mut Document) {
    for p in object_props(root.get("parameters")) {
        let ty = p.value.get("type").and_then(Node::as_str);
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
        let ty = o.value.get("type").and_then(Node::as_str);
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

struct Lowering<'d> {
    doc: &'d mut Document,
    depth_noted: bool,
}

impl Lowering<'_> {
    fn too_deep(&mut self, span: Span) -> bool {
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
        true
    }

    /// The `resources` of a template: an array, or an object keyed by symbolic name.
    fn resources(&mut self, template: &Node, scope: &Scope<'_>, depth: usize) {
        let Some(resources) = template.get("resources") else {
            return;
        };
        if depth > MAX_DEPTH && self.too_deep(resources.span) {
            return;
        }
        match &resources.value {
            Value::Array(items) => {
                for r in items {
                    self.resource(r, None, None, scope, depth);
                }
            }
            Value::Object(props) => {
                for p in props {
                    self.resource(&p.value, Some(&p.key), None, scope, depth);
                }
            }
            _ => {}
        }
    }

    fn resource(
        &mut self,
        raw: &Node,
        symbol: Option<&str>,
        parent_type: Option<&str>,
        scope: &Scope<'_>,
        depth: usize,
    ) {
        if depth > MAX_DEPTH && self.too_deep(raw.span) {
            return;
        }
        let Some(type_prop) = raw.property("type") else {
            return;
        };
        let Some(short_type) = type_prop.value.as_str() else {
            return;
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
        // Nested deployments: record what they pass in, and find the scope their inline
        // template runs in (outer scope reuses this one).
        let nested = inline_template(raw).map(|(template, inner)| {
            let passed = scope.passed_parameters(raw);
            let inner_scope = inner.then(|| scope.inner_scope(template, &passed));
            self.assignments(template, passed, &name);
            (template, inner_scope)
        });
        let body = scope.lower(raw);
        self.doc.resources.push(Resource {
            resource_type: resource_type.clone(),
            api_version: raw
                .get("apiVersion")
                .and_then(Node::as_str)
                .map(str::to_string),
            name,
            symbol: symbol.map(str::to_string),
            span: type_prop.key_span.join(type_prop.value.span),
            body,
            existing: raw.get("existing").and_then(Node::as_bool).unwrap_or(false),
            source_type: None,
        });

        // The inner template's resources follow their deployment, in the scope it runs in.
        if let Some((template, inner)) = nested {
            self.resources(template, inner.as_ref().unwrap_or(scope), depth + 1);
        }
        if let Some(children) = raw.get("resources") {
            match &children.value {
                Value::Array(items) => {
                    for child in items {
                        self.resource(child, None, Some(&resource_type), scope, depth + 1);
                    }
                }
                Value::Object(props) => {
                    for p in props {
                        self.resource(
                            &p.value,
                            Some(&p.key),
                            Some(&resource_type),
                            scope,
                            depth + 1,
                        );
                    }
                }
                _ => {}
            }
        }
    }

    /// An `Assignment` per parameter a nested deployment passes, with the inner template's
    /// declaration's secure-ness.
    fn assignments(&mut self, template: &Node, passed: Vec<(&Property, Node)>, deployment: &str) {
        let declared = template.get("parameters");
        for (p, value) in passed {
            let target_secure = declared
                .and_then(|d| d.get(&p.key))
                .map(|decl| is_secure_type(decl.get("type").and_then(Node::as_str)));
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
