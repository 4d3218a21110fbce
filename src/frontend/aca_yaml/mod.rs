//! Azure Container Apps YAML specs (`az containerapp create|update --yaml`,
//! `az containerapp job create --yaml`) and Dapr component YAML
//! (`az containerapp env dapr-component set --yaml`).
//!
//! An app/job spec is the ARM resource body written in YAML, so lowering is a direct
//! YAML → [`Node`] conversion; a Dapr component spec is the component's `properties`.
//! Other YAML (Kubernetes, KEDA, Dapr CRDs, CI workflows, …) is not ours: `parse` gives `None`.

mod tree;

use std::sync::Arc;

use saphyr::{Scalar, ScalarStyle};

use crate::frontend::MAX_DEPTH;
use crate::model::budget::{InlineBudget, INLINE_BYTES};
use crate::model::{Document, Expr, Format, Node, Property, Provenance, Resource, Value};
use crate::source::{SourceFile, Span};

use tree::{YDoc, YKind, YNode};

pub const CONTAINER_APP_TYPE: &str = "Microsoft.App/containerApps";
pub const JOB_TYPE: &str = "Microsoft.App/jobs";
pub const DAPR_COMPONENT_TYPE: &str = "Microsoft.App/managedEnvironments/daprComponents";

/// At most this many nodes are produced by expanding aliases in one file (guards against
/// "billion laughs" expansion; real app specs alias a few small blocks). Bytes are budgeted
/// too (`INLINE_BYTES`): one large aliased scalar is amplified without adding nodes.
const ALIAS_NODE_BUDGET: usize = 10_000;

/// Parse a YAML file; `None` when it is not a Container Apps / Dapr component spec
/// (e.g. a Kubernetes manifest, a CI workflow), so it is skipped silently.
pub fn parse(file: Arc<SourceFile>) -> Option<Document> {
    let stream = tree::parse_stream(&file.text);
    let mut doc = Document::new(Format::AcaYaml, file.clone());
    if let Some(comments) = stream.comments {
        doc.record_comments(&file, || comments);
    }
    let mut budget = InlineBudget::new(ALIAS_NODE_BUDGET, INLINE_BYTES);
    for ydoc in &stream.docs {
        if let Some(resource) = lower_document(ydoc, &file, &mut budget) {
            doc.resources.push(resource);
        }
    }
    if let Some(at) = stream.anchors_dropped {
        // Anchors too large to keep: their aliases were unknown, like aliases past the budget.
        budget.exhaust(Span::in_file(&file, at, at));
    }
    if !doc.resources.is_empty() {
        budget.report(&mut doc, "YAML aliases");
    }
    if let Some(err) = &stream.error {
        if doc.resources.is_empty() && !looks_like_ours(&file.text) {
            return None;
        }
        let start = err.offset.min(file.text.len());
        // One character wide, so editors underline something visible.
        let end = file
            .text
            .get(start..)
            .and_then(|rest| rest.chars().next())
            .map_or(start, |c| start + c.len_utf8());
        doc.parse_error(err.message.clone(), Span::in_file(&file, start, end));
    } else if doc.resources.is_empty() {
        return None;
    }
    Some(doc)
}

/// Whether a file that failed to parse shows signs of being a Container Apps or Dapr
/// component spec (so the syntax error is worth reporting rather than skipping the file):
/// a top-level `properties:`, `componentType:` or `type: Microsoft.App/…` line, and not a
/// Kubernetes-style manifest. Only top-level keys count, so that a broken CI workflow that
/// mentions `Microsoft.App/` in a script is still skipped.
fn looks_like_ours(text: &str) -> bool {
    let mut has_api_version = false;
    let mut has_kind = false;
    let mut has_key = false;
    let mut has_type = false;
    for line in text.lines() {
        let line = line.strip_prefix('\u{feff}').unwrap_or(line);
        if line.starts_with("apiVersion:") {
            has_api_version = true;
        } else if line.starts_with("kind:") {
            has_kind = true;
        } else if line.starts_with("properties:") || line.starts_with("componentType:") {
            has_key = true;
        } else if let Some(t) = line.strip_prefix("type:") {
            let t = t.trim_start().trim_start_matches(['"', '\'']);
            has_type |= t
                .get(..14)
                .is_some_and(|p| p.eq_ignore_ascii_case("microsoft.app/"));
        }
    }
    has_type || (has_key && !(has_api_version && has_kind))
}

enum Kind {
    App,
    Dapr,
}

/// Decide whether one YAML document is ours, and lower it.
fn lower_document(ydoc: &YDoc, file: &SourceFile, budget: &mut InlineBudget) -> Option<Resource> {
    let root = &ydoc.root;
    if !root.is_map() {
        return None;
    }
    // Kubernetes-style manifests (Deployments, KEDA ScaledObjects, Dapr CRDs) are not ours,
    // unless the document says outright that it is a Container Apps resource: a
    // `Microsoft.App/…` type, or an ARM API version (`apiVersion: '2024-05-01'` next to
    // `kind: containerApp`, as `az containerapp show -o yaml` writes it). Kubernetes
    // `apiVersion`s are `v1` or `group/version`, never a date.
    let explicit_type = root
        .get("type")
        .and_then(YNode::as_scalar)
        .is_some_and(is_app_type);
    let arm_api_version = root
        .get("apiVersion")
        .and_then(YNode::as_scalar)
        .filter(|v| is_arm_api_version(v));
    if !explicit_type
        && arm_api_version.is_none()
        && root.get("apiVersion").is_some()
        && root.get("kind").is_some()
    {
        return None;
    }
    let (kind, marker) = detect(root)?;
    let mut lowerer = Lowerer {
        doc: ydoc,
        budget,
        file: file.id,
    };
    let body = lowerer.node(root, 0);
    let name = root
        .get("name")
        .and_then(YNode::as_scalar)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .unwrap_or_else(|| file_stem(file));
    let span = Span::in_file(file, marker.start, marker.end);
    let (resource_type, body) = match kind {
        Kind::App => {
            let explicit = root
                .get("type")
                .and_then(YNode::as_scalar)
                .filter(|t| is_app_type(t));
            let t = match explicit {
                // Canonical casing, whatever the file wrote.
                Some(t) if t.eq_ignore_ascii_case(JOB_TYPE) => JOB_TYPE.to_string(),
                Some(_) => CONTAINER_APP_TYPE.to_string(),
                None if is_job(root) => JOB_TYPE.to_string(),
                None => CONTAINER_APP_TYPE.to_string(),
            };
            (t, body)
        }
        Kind::Dapr => {
            let root_span = body.span;
            let wrapped = Node::object(
                vec![Property {
                    key: "properties".into(),
                    key_span: root_span,
                    value: body,
                }],
                root_span,
            );
            (DAPR_COMPONENT_TYPE.to_string(), wrapped)
        }
    };
    Some(Resource {
        resource_type,
        api_version: arm_api_version.map(str::to_string),
        name: name.clone(),
        symbol: None,
        span,
        body,
        existing: false,
        source_type: None,
        key: crate::model::local_key(None, &name),
        instance: None,
        name_value: Some(name.clone()),
    })
}

fn file_stem(file: &SourceFile) -> String {
    file.path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| file.display_path.clone())
}

/// `2024-05-01` or `2024-10-02-preview`: an ARM API version, not a Kubernetes one.
fn is_arm_api_version(v: &str) -> bool {
    let b = v.as_bytes();
    b.len() >= 10
        && b[..10].iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        })
        && (b.len() == 10 || b[10] == b'-')
}

fn is_app_type(t: &str) -> bool {
    t.eq_ignore_ascii_case(CONTAINER_APP_TYPE) || t.eq_ignore_ascii_case(JOB_TYPE)
}

/// The kind of spec and the key that makes the document ours (the resource's declaration).
/// When both an explicit `type` and the `properties` shape qualify, the earlier line wins.
fn detect(root: &YNode) -> Option<(Kind, &YNode)> {
    if let Some((key, _)) = root.entry("componentType") {
        return Some((Kind::Dapr, key));
    }
    let by_type = root
        .entry("type")
        .filter(|(_, value)| value.as_scalar().is_some_and(is_app_type))
        .map(|(key, _)| key);
    let by_shape = root.entry("properties").and_then(|(key, props)| {
        let has_containers = props
            .get("template")
            .and_then(|t| t.get("containers"))
            .is_some();
        let has_env = props.get("configuration").is_some()
            && (props.get("managedEnvironmentId").is_some()
                || props.get("environmentId").is_some());
        (has_containers || has_env).then_some(key)
    });
    let key = match (by_type, by_shape) {
        (Some(t), Some(p)) => {
            if p.start < t.start {
                p
            } else {
                t
            }
        }
        (t, p) => t.or(p)?,
    };
    Some((Kind::App, key))
}

fn is_job(root: &YNode) -> bool {
    let Some(config) = root.get("properties").and_then(|p| p.get("configuration")) else {
        return false;
    };
    match &config.kind {
        YKind::Map(entries) => entries.iter().any(|(k, _)| {
            k.as_scalar().is_some_and(|k| {
                k.eq_ignore_ascii_case("triggerType")
                    || k.to_ascii_lowercase().ends_with("triggerconfig")
            })
        }),
        _ => false,
    }
}

struct Lowerer<'d, 'b> {
    doc: &'d YDoc,
    budget: &'b mut InlineBudget,
    /// The id of the file being lowered.
    file: u32,
}

impl Lowerer<'_, '_> {
    fn node(&mut self, y: &YNode, depth: usize) -> Node {
        let span = Span::new(self.file, y.start, y.end);
        if depth > MAX_DEPTH {
            return Node::expr(Expr::new(Provenance::Unknown, "<too deep>"), span);
        }
        match &y.kind {
            YKind::Scalar { text, style, tag } => {
                Node::new(scalar(text, *style, tag.as_ref()), span)
            }
            YKind::Seq(items) => Node::new(
                Value::Array(items.iter().map(|i| self.node(i, depth + 1)).collect()),
                span,
            ),
            YKind::Map(entries) => Node::object(self.entries(entries, depth), span),
            YKind::Alias(id) => self.alias(*id, span, depth),
        }
    }

    /// Mapping entries, with YAML merge keys (`<<: *base`) spliced in first so that the
    /// mapping's own keys win (the model lets the last duplicate win).
    fn entries(&mut self, entries: &[(YNode, YNode)], depth: usize) -> Vec<Property> {
        let mut merged = Vec::new();
        let mut own = Vec::with_capacity(entries.len());
        for (k, v) in entries {
            let key_span = Span::new(self.file, k.start, k.end);
            let key = match &k.kind {
                YKind::Scalar { text, .. } => text.clone(),
                _ => continue, // complex keys never name ARM properties
            };
            if key == "<<"
                && matches!(
                    k.kind,
                    YKind::Scalar {
                        style: ScalarStyle::Plain,
                        ..
                    }
                )
            {
                let value = self.node(v, depth + 1);
                let sources: Vec<Node> = match value.value {
                    Value::Array(items) => items,
                    _ => vec![value],
                };
                for source in sources {
                    if let Value::Object(props) = source.value {
                        merged.extend(props);
                    }
                }
                continue;
            }
            own.push(Property {
                key,
                key_span,
                value: self.node(v, depth + 1),
            });
        }
        merged.extend(own);
        merged
    }

    /// Expand an alias to a copy of its anchor's value (spans point at the anchor, which is
    /// where the text was written), within the file's budget of nodes and bytes; beyond it
    /// the value is unknown (and the document says so once).
    fn alias(&mut self, id: usize, span: Span, depth: usize) -> Node {
        let unknown = || Node::expr(Expr::new(Provenance::Unknown, "<alias>"), span);
        let Some(target) = self.doc.anchors.get(&id) else {
            return unknown();
        };
        if !self.budget.charge(target.cost(self.budget.remaining())) {
            self.budget.locate(span);
            return unknown();
        }
        self.node(target, depth + 1)
    }
}

/// YAML 1.2 core schema resolution. YAML has no secure type: every string is a literal and
/// the model classifies placeholders (`$ACR_PASSWORD`, `{{X}}`) itself.
fn scalar(text: &str, style: ScalarStyle, tag: Option<&saphyr::Tag>) -> Value {
    let tag = tag.map(std::borrow::Cow::Borrowed);
    match Scalar::parse_from_cow_and_metadata(std::borrow::Cow::Borrowed(text), style, tag.as_ref())
    {
        Some(Scalar::Null) => Value::Null,
        Some(Scalar::Boolean(b)) => Value::Bool(b),
        Some(Scalar::Integer(i)) => Value::Number(i as f64),
        Some(Scalar::FloatingPoint(f)) => Value::Number(f.0),
        Some(Scalar::String(s)) => Value::String(s.into_owned()),
        None => Value::String(text.to_string()),
    }
}

#[cfg(test)]
mod tests;
