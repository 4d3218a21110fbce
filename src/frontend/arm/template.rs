//! ARM deployment templates: parameters, variables, outputs and resources (array form and
//! languageVersion 2.0 symbolic form, nested child resources, nested deployments with inline
//! templates in inner or outer scope).

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use super::declarations::{declared_type, inline_template, is_secure_type, key_vault_reference};
use super::json::parse_raw;
use super::scope::{join_path, key_in, normalize_expression_text, Bound, Scope};
use crate::frontend::instance::{self, Bindings, DeployCx, Inputs, NotInstantiated};
use crate::frontend::MAX_DEPTH;
use crate::model::{
    Assignment, Diagnostic, DiagnosticKind, Document, Format, Instance, Node, Output, Parameter,
    Property, Provenance, Resource, Value, Variable,
};
use crate::source::{SourceFile, Span};

/// ARM's own bound on a copy loop's count: a larger count is not a real template.
const MAX_COPY_COUNT: usize = 800;

pub fn parse_template(file: Arc<SourceFile>) -> Document {
    lower_template(file, HashMap::new(), None, None)
}

/// Lower a template with the values `bound` to its parameters (lowercase names; empty for a
/// template analysed on its own), as `instance` of a deployment (`None`: the entry point).
/// With `cx`, linked templates (`templateLink.relativePath`) are instantiated too.
pub(crate) fn lower_template(
    file: Arc<SourceFile>,
    bound: HashMap<String, Bound>,
    instance: Option<Arc<Instance>>,
    cx: Option<&mut DeployCx<'_>>,
) -> Document {
    let mut doc = Document::new(Format::Arm, file.clone());
    let Some(root) = parse_raw(&file, &mut doc) else {
        return doc;
    };
    if root.as_object().is_none() {
        doc.parse_error("an ARM template must be a JSON object", root.span);
        return doc;
    }
    let path = instance
        .as_ref()
        .map(|i| i.path.clone())
        .unwrap_or_default();
    let scope = Scope::for_template(&root, bound, &path);
    lower_declarations(&root, &scope, &mut doc);
    if let Some(resources) = root.get("resources") {
        let link_variables = object_props(root.get("variables"))
            .iter()
            .filter_map(|p| {
                let text = p.value.as_str()?;
                let lower = text.to_ascii_lowercase();
                (lower.contains("_artifactslocation") || lower.contains("templatelink"))
                    .then(|| (p.key.clone(), text.to_string()))
            })
            .collect();
        let mut lowering = Lowering {
            doc: &mut doc,
            depth_noted: false,
            file: &file,
            cx,
            elements: 0,
            link_variables,
        };
        lowering.resources(
            resources,
            Source::Scope(&scope),
            None,
            &Place::root(&path),
            0,
        );
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
/// template's scope; once per element of a known copy loop); children and nested
/// deployments' resources are taken from their parent's lowered body, which `Scope::lower`
/// already evaluated in the right scope (inner-scope templates in their own), so nothing is
/// evaluated twice.
struct Lowering<'d, 'f, 'c, 'l> {
    doc: &'d mut Document,
    depth_noted: bool,
    /// The template file (linked templates' relative paths start from its folder).
    file: &'f SourceFile,
    cx: Option<&'c mut DeployCx<'l>>,
    /// Copy elements expanded without a deployment context (a template parsed on its own).
    elements: usize,
    /// The entry template's string variables that may build a linked template's uri
    /// (`[uri(parameters('_artifactsLocation'), …)]`), by name.
    link_variables: HashMap<String, String>,
}

/// Where a resource is declared: its instance (module path), and its parent's type and
/// evaluated name for nested child resources.
#[derive(Clone)]
struct Place<'a> {
    /// The instance path of the resources at this level (`""` at the entry point).
    path: String,
    /// The instance created by the enclosing nested deployment, when there is one.
    instance: Option<Arc<Instance>>,
    parent_type: Option<&'a str>,
    /// The parent's evaluated name (a child's full name is `parent/child`).
    parent_name: Option<String>,
}

impl Place<'_> {
    fn root(path: &str) -> Place<'static> {
        Place {
            path: path.to_string(),
            instance: None,
            parent_type: None,
            parent_name: None,
        }
    }
}

/// Where a resource's lowered body comes from.
#[derive(Clone, Copy)]
enum Source<'a, 's> {
    /// Lower it now, in this scope (top-level resources).
    Scope(&'a Scope<'s>),
    /// Take it from an already lowered `resources` array/object of the same shape.
    Lowered(Option<&'a Node>),
}

/// A resource's lowered body, with what lowering it as an element of a copy loop adds.
struct Lowered {
    body: Node,
    /// `[i]` of an expanded copy element.
    index: Option<usize>,
    /// The evaluated name, when statically known.
    name: Option<String>,
}

impl Lowering<'_, '_, '_, '_> {
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

    /// Take `n` copy elements from the deployment's budget.
    fn take_elements(&mut self, n: usize) -> bool {
        match self.cx.as_deref_mut() {
            Some(cx) => cx.take_elements(n),
            None if self.elements + n <= instance::MAX_ELEMENTS => {
                self.elements += n;
                true
            }
            None => false,
        }
    }

    /// The bodies of one top-level resource: one per element of a copy loop whose count is
    /// statically known (with `copyIndex()` known in each), none when its count is written
    /// (or bound) as 0, else one as written.
    fn lower_top(&mut self, scope: &Scope<'_>, raw: &Node) -> Vec<Lowered> {
        let name_of = |scope: &Scope<'_>| raw.get("name").and_then(|n| scope.static_name(n));
        let copy = raw.get("copy");
        let loop_name = copy
            .and_then(|c| c.get("name"))
            .and_then(Node::as_str)
            .unwrap_or("");
        let count_raw = copy.and_then(|c| c.get("count"));
        let count = count_raw
            .and_then(|c| scope.static_name(c))
            .and_then(|c| c.trim().parse::<usize>().ok());
        let unexpanded = |scope: &Scope<'_>, name: Option<String>| Lowered {
            body: scope.lower(raw),
            index: None,
            name,
        };
        match count {
            // A count written as 0 (or bound to 0): nothing is deployed. A default of 0 may be
            // overridden by whoever deploys the template: one unexpanded element.
            Some(0) => {
                let written =
                    count_raw.is_some_and(|c| scope.lower(c).provenance() == Provenance::Literal);
                if written {
                    Vec::new()
                } else {
                    vec![unexpanded(scope, None)]
                }
            }
            Some(n) if n <= MAX_COPY_COUNT => {
                if self.take_elements(n) {
                    (0..n)
                        .map(|i| {
                            scope.with_copy_index(loop_name, i, || Lowered {
                                body: scope.lower(raw),
                                index: Some(i),
                                name: name_of(scope),
                            })
                        })
                        .collect()
                } else {
                    self.budget_note(raw.span);
                    vec![unexpanded(scope, None)]
                }
            }
            _ => {
                let name = if copy.is_some() { None } else { name_of(scope) };
                vec![unexpanded(scope, name)]
            }
        }
    }

    /// One note when the copy budget is spent.
    fn budget_note(&mut self, span: Span) {
        let first = match self.cx.as_deref_mut() {
            Some(cx) => cx.first_note(Span::default()),
            None => !self
                .doc
                .diagnostics
                .iter()
                .any(|d| d.message.contains("copy loops")),
        };
        if first {
            self.doc.diagnostics.push(Diagnostic {
                kind: DiagnosticKind::NotAnalysable,
                message: format!(
                    "the deployment expands more than {} elements of copy loops; the rest are \
                     analysed once each, unexpanded",
                    instance::MAX_ELEMENTS
                ),
                span,
            });
        }
    }

    /// A `resources` array, or an object keyed by symbolic name (languageVersion 2.0).
    fn resources<'s>(
        &mut self,
        raw: &Node,
        source: Source<'_, 's>,
        scope: Option<&Scope<'s>>,
        place: &Place<'_>,
        depth: usize,
    ) {
        if depth > MAX_DEPTH {
            self.too_deep(raw.span);
            return;
        }
        let items: Vec<(Option<&str>, &Node)> = match &raw.value {
            Value::Array(items) => items.iter().map(|i| (None, i)).collect(),
            Value::Object(props) => props
                .iter()
                .map(|p| (Some(p.key.as_str()), &p.value))
                .collect(),
            _ => return,
        };
        let scope = match source {
            Source::Scope(s) => Some(s),
            Source::Lowered(_) => scope,
        };
        for (i, (symbol, r)) in items.into_iter().enumerate() {
            let lowered: Vec<Lowered> = match source {
                Source::Scope(scope) => self.lower_top(scope, r),
                Source::Lowered(container) => container
                    .and_then(|c| match &c.value {
                        Value::Array(items) => items.get(i).cloned(),
                        Value::Object(props) => props.get(i).map(|p| p.value.clone()),
                        _ => None,
                    })
                    .map(|body| {
                        let name = known_name(body.get("name"));
                        Lowered {
                            body,
                            index: None,
                            name,
                        }
                    })
                    .into_iter()
                    .collect(),
            };
            for l in lowered {
                self.resource(r, l, symbol, scope, place, depth);
            }
        }
    }

    fn resource(
        &mut self,
        raw: &Node,
        lowered: Lowered,
        symbol: Option<&str>,
        scope: Option<&Scope<'_>>,
        place: &Place<'_>,
        depth: usize,
    ) {
        let Lowered {
            body,
            index,
            name: evaluated,
        } = lowered;
        let Some(type_prop) = raw.property("type") else {
            return;
        };
        let Some(short_type) = type_prop.value.as_str() else {
            return;
        };
        // A condition written (or bound) as a literal `false`: the resource is not deployed.
        // An unknown condition leaves it a declaration, checked as if deployed (it is not
        // `conditional()`: that marks optional blocks, and a resource is what the rules judge).
        if body.get("condition").is_some_and(is_known_false) {
            return;
        }
        // Extensibility resources carry their version in the type (`Microsoft.Graph/groups@v1.0`).
        let (short_type, type_version) = match short_type.split_once('@') {
            Some((t, v)) => (t, Some(v)),
            None => (short_type, None),
        };
        // A nested child names its type relative to its parent (`daprComponents`).
        let relative_child = place.parent_type.is_some() && !short_type.contains('/');
        let resource_type = match place.parent_type {
            Some(parent) if relative_child => format!("{parent}/{short_type}"),
            _ => short_type.to_string(),
        };
        let written_name = raw.get("name").and_then(Node::as_str).unwrap_or("");
        // A nested child's full name is `parent/child`; with the parent's name unknown, so is
        // the child's.
        let name_value = if relative_child {
            match (&place.parent_name, evaluated) {
                (Some(parent), Some(n)) if !n.contains('/') => Some(format!("{parent}/{n}")),
                (_, Some(n)) if n.contains('/') => Some(n),
                _ => None,
            }
        } else {
            evaluated
        };
        let suffix = index.map(|i| format!("[{i}]")).unwrap_or_default();
        let local = match symbol {
            Some(s) => format!("{s}{suffix}"),
            None => format!(
                "{resource_type}/{}{suffix}",
                name_value
                    .clone()
                    .unwrap_or_else(|| normalize_expression_text(written_name))
            ),
        };
        // Shown in messages: the symbol, else the evaluated name, else the name as written.
        let name = match (symbol, &name_value) {
            (Some(s), _) => format!("{s}{suffix}"),
            (None, Some(n)) => n.clone(),
            (None, None) => written_name.to_string(),
        };
        // What the resource's recursion needs from the body before it moves into the model.
        let nested = inline_template(raw)
            .map(|(template, _)| (template, body.get_path("properties.template").cloned()));
        let is_deployment = short_type.eq_ignore_ascii_case("Microsoft.Resources/deployments");
        let segment = match (scope, &name_value) {
            (_, Some(n)) => format!("{n}{suffix}"),
            (Some(s), None) if index.is_none() => s.deployment_segment(raw),
            _ => format!("{}{suffix}", normalize_expression_text(written_name)),
        };
        if nested.is_some() {
            self.assignments(&body, &name, None);
        }
        let children = raw
            .get("resources")
            .map(|c| (c, body.get("resources").cloned()));
        let link = if is_deployment && nested.is_none() {
            body.get_path("properties.templateLink")
                .map(|_| body.clone())
        } else {
            None
        };
        let call = type_prop.key_span.join(type_prop.value.span);

        self.doc.resources.push(Resource {
            resource_type: resource_type.clone(),
            api_version: raw
                .get("apiVersion")
                .and_then(Node::as_str)
                .or(type_version)
                .map(str::to_string),
            name: name.clone(),
            symbol: symbol.map(str::to_string),
            span: call,
            body,
            existing: raw.get("existing").and_then(Node::as_bool).unwrap_or(false),
            source_type: None,
            key: key_in(&place.path, &local),
            instance: place.instance.clone(),
            name_value: name_value.clone(),
        });

        // A nested deployment's resources follow it, as an instance of their own.
        if let Some((template, lowered)) = nested {
            if let Some(resources) = template.get("resources") {
                let path = join_path(&place.path, &segment);
                let inner = Place {
                    instance: Some(Arc::new(Instance {
                        path: path.clone(),
                        source: written_name.to_string(),
                        call,
                    })),
                    path,
                    parent_type: None,
                    parent_name: None,
                };
                let lowered = lowered.as_ref().and_then(|t| t.get("resources"));
                self.resources(resources, Source::Lowered(lowered), None, &inner, depth + 1);
            }
        }
        if let Some(body) = link {
            self.linked(&body, &name, &segment, place, call);
        }
        if let Some((children, lowered)) = children {
            let child_place = Place {
                path: place.path.clone(),
                instance: place.instance.clone(),
                parent_type: Some(&resource_type),
                parent_name: name_value,
            };
            self.resources(
                children,
                Source::Lowered(lowered.as_ref()),
                scope,
                &child_place,
                depth + 1,
            );
        }
    }

    /// A deployment of a linked template: `templateLink.relativePath` is instantiated with
    /// the deployment's parameters as its bindings (its resources and values join this
    /// deployment); a `templateLink.uri` cannot be read, which is said once.
    fn linked(&mut self, body: &Node, name: &str, segment: &str, place: &Place<'_>, call: Span) {
        let Some(link) = body.get_path("properties.templateLink") else {
            return;
        };
        // A uri built from this template's own location names a file beside it.
        let from_uri = link
            .get("uri")
            .and_then(|uri| match &uri.value {
                Value::String(s) => Some(s.clone()),
                // A lowered expression keeps its text without the brackets.
                Value::Expr(e) => Some(format!("[{}]", e.text)),
                _ => None,
            })
            .and_then(|uri| {
                super::artifact_relative_path(&uri, &|name| self.link_variables.get(name).cloned())
            })
            .filter(|rel| {
                let dir = self.file.path.parent().unwrap_or(Path::new(""));
                self.cx
                    .as_deref()
                    .is_some_and(|cx| cx.loader.load(&dir.join(rel)).is_some())
            });
        let relative = link
            .get("relativePath")
            .and_then(Node::as_str)
            .map(str::to_string)
            .or(from_uri);
        let Some(relative) = relative.as_deref() else {
            if link.get("uri").is_some() || link.get("id").is_some() {
                self.not_followed(
                    call,
                    NotInstantiated::Remote,
                    &format!("the template that deployment `{name}` links by `templateLink`"),
                );
            }
            return;
        };
        let Some(cx) = self.cx.as_deref_mut() else {
            return;
        };
        let dir = self.file.path.parent().unwrap_or(Path::new(""));
        let target = dir.join(relative);
        let declared = cx
            .loader
            .load(&target)
            .map(|f| super::parameters::declared_parameters(&f))
            .unwrap_or_default();
        let mut bindings = Bindings::new();
        for p in object_props(body.get_path("properties.parameters")) {
            let value = match key_vault_reference(&p.value, Node::clone) {
                Some(kv) => kv,
                None => match p.value.get("value") {
                    Some(v) => v.clone(),
                    None => continue,
                },
            };
            bindings.insert(p.key.clone(), value);
        }
        let instance = Arc::new(Instance {
            path: join_path(&place.path, segment),
            source: relative.to_string(),
            call,
        });
        let result = instance::instantiate(&target, Inputs::Called(bindings), instance, cx);
        self.assignments(body, name, Some((&declared, relative)));
        match result {
            Ok(child) => self.doc.absorb(child),
            Err(why) => self.not_followed(call, why, &format!("linked template `{relative}`")),
        }
    }

    /// One `AZL002` note per construct that is not followed.
    fn not_followed(&mut self, span: Span, why: NotInstantiated, what: &str) {
        let first = match self.cx.as_deref_mut() {
            Some(cx) => cx.first_note(span),
            None => !self.doc.diagnostics.iter().any(|d| d.span == span),
        };
        if first {
            self.doc.diagnostics.push(Diagnostic {
                kind: DiagnosticKind::NotAnalysable,
                message: why.note(what),
                span,
            });
        }
    }

    /// An `Assignment` per parameter a nested deployment passes (its lowered body holds the
    /// values, evaluated in the outer scope), with the inner declaration's secure-ness (of
    /// the inline template, or of the linked file's declarations).
    fn assignments(
        &mut self,
        body: &Node,
        deployment: &str,
        linked: Option<(&HashMap<String, bool>, &str)>,
    ) {
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
            let target_secure = match linked {
                Some((secure, _)) => secure.get(&p.key.to_ascii_lowercase()).copied(),
                None => declared
                    .and_then(|d| d.get(&p.key))
                    .map(|decl| is_secure_type(template.and_then(|t| declared_type(t, decl)))),
            };
            self.doc.assignments.push(Assignment {
                name: p.key.clone(),
                span: p.key_span,
                value,
                target_secure,
                target: Some(match linked {
                    Some((_, relative)) => relative.to_string(),
                    None => deployment.to_string(),
                }),
            });
        }
    }
}

/// A lowered value written (or bound) as a literal `false`.
fn is_known_false(node: &Node) -> bool {
    match &node.value {
        Value::Bool(b) => !b,
        Value::String(s) => s.eq_ignore_ascii_case("false"),
        Value::Expr(e) => {
            e.provenance == Provenance::Literal
                && e.literal
                    .as_deref()
                    .is_some_and(|l| l.eq_ignore_ascii_case("false"))
        }
        _ => false,
    }
}

/// The evaluated name of an already lowered `name` (nested resources): a plain string, or
/// an expression whose whole text is known.
fn known_name(node: Option<&Node>) -> Option<String> {
    let node = node?;
    match &node.value {
        Value::String(s) => Some(s.clone()),
        Value::Expr(e) if matches!(e.provenance, Provenance::Literal | Provenance::Input) => e
            .literal
            .clone()
            .filter(|l| !l.contains('\u{2026}') && !l.is_empty()),
        _ => None,
    }
}
