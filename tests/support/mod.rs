//! Test support: build model `Document`s from ARM JSON without the ARM front end.
//!
//! Understands just enough of ARM templates for rule tests: `parameters` (secure types,
//! `defaultValue`), `variables`, `resources` (array or languageVersion 2.0 symbolic object;
//! `existing`), `outputs`, and a small subset of the expression language, mapped to the
//! provenance the real front end gives:
//! `[parameters('p')]` (secure input, or input with its literal default),
//! `[variables('v')]` (followed to its literal), `[listKeys(…)…]` / `listConnectionStrings` /
//! `listSecrets` (derived list-keys), `[listCredentials(…)…]` (registry admin credential),
//! `[reference(…)…]` (derived reference), `[resourceId(…)]` (resource property),
//! `[newGuid()]` / `[uniqueString(…)]` (generated); other expressions are unknown; `[[` is
//! an escaped literal. Expression object keys become their normalised text.
//! Spans are fake but distinct (node n gets bytes n..n+1) and stay inside the file.
#![allow(dead_code)]

use std::sync::Arc;

use azlint::model::{
    DerivedKind, Document, Expr, Format, Node, Output, Parameter, Property, Provenance, Resource,
    Value, Variable,
};
use azlint::source::{SourceFile, Span};
use serde_json::Value as J;

struct Builder<'a> {
    next: u32,
    len: u32,
    params: &'a serde_json::Map<String, J>,
    vars: &'a serde_json::Map<String, J>,
}

/// Remove whitespace outside single-quoted string literals.
fn normalise(text: &str) -> String {
    let mut out = String::new();
    let mut in_str = false;
    for c in text.chars() {
        if c == '\'' {
            in_str = !in_str;
        }
        if in_str || !c.is_whitespace() {
            out.push(c);
        }
    }
    out
}

fn first_arg(text: &str, func: &str) -> Option<String> {
    let i = text.find(&format!("{func}('"))? + func.len() + 2;
    let rest = &text[i..];
    Some(rest[..rest.find('\'')?].to_string())
}

impl Builder<'_> {
    fn span(&mut self) -> Span {
        let s = self.next.min(self.len.saturating_sub(1));
        self.next += 1;
        Span::new(0, s as usize, (s + 1).min(self.len) as usize)
    }

    fn key(&self, k: &str) -> String {
        match k.strip_prefix('[').and_then(|x| x.strip_suffix(']')) {
            Some(e) if !k.starts_with("[[") => normalise(e),
            _ => k.to_string(),
        }
    }

    fn node(&mut self, v: &J) -> Node {
        let span = self.span();
        match v {
            J::Null => Node::null(span),
            J::Bool(b) => Node::new(Value::Bool(*b), span),
            J::Number(n) => Node::new(Value::Number(n.as_f64().unwrap_or(0.0)), span),
            J::String(s) => self.string(s, span),
            J::Array(items) => Node::new(
                Value::Array(items.iter().map(|i| self.node(i)).collect()),
                span,
            ),
            J::Object(map) => {
                let props = map
                    .iter()
                    .map(|(k, v)| {
                        let key_span = self.span();
                        Property {
                            key: self.key(k),
                            key_span,
                            value: self.node(v),
                        }
                    })
                    .collect();
                Node::object(props, span)
            }
        }
    }

    fn string(&mut self, s: &str, span: Span) -> Node {
        if let Some(rest) = s.strip_prefix("[[") {
            return Node::string(format!("[{rest}"), span);
        }
        let Some(inner) = s.strip_prefix('[').and_then(|x| x.strip_suffix(']')) else {
            return Node::string(s, span);
        };
        Node::expr(self.expr(&normalise(inner)), span)
    }

    fn expr(&mut self, text: &str) -> Expr {
        let lower = text.to_ascii_lowercase();
        if lower.starts_with("parameters('") && text.ends_with("')") {
            let name = first_arg(text, "parameters").unwrap_or_default();
            let decl = self
                .params
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(&name))
                .map(|(_, v)| v);
            let ty = decl
                .and_then(|d| d.get("type"))
                .and_then(J::as_str)
                .unwrap_or("string")
                .to_ascii_lowercase();
            let secure = ty.starts_with("secure");
            let mut e = Expr::new(
                if secure {
                    Provenance::SecureInput
                } else {
                    Provenance::Input
                },
                text,
            )
            .with_origin(format!("param:{name}"));
            if !secure {
                if let Some(d) = decl.and_then(|d| d.get("defaultValue")) {
                    e.literal = match d {
                        J::String(s) => Some(s.clone()),
                        J::Bool(b) => Some(b.to_string()),
                        J::Number(n) => Some(n.to_string()),
                        _ => None,
                    };
                }
            }
            return e;
        }
        if lower.starts_with("variables('") && text.ends_with("')") {
            let name = first_arg(text, "variables").unwrap_or_default();
            let value = self
                .vars
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(&name))
                .map(|(_, v)| v.clone());
            return match value {
                Some(J::String(s)) if !s.starts_with('[') => Expr::new(Provenance::Literal, text)
                    .with_literal(s)
                    .with_origin(format!("var:{name}")),
                Some(J::String(s)) => {
                    let mut e = self.expr(&normalise(&s[1..s.len() - 1]));
                    e.text = text.to_string();
                    e
                }
                _ => Expr::new(Provenance::Unknown, text),
            };
        }
        let derived = |k| Provenance::Derived(k);
        if lower.contains("listcredentials(") {
            return Expr::new(derived(DerivedKind::RegistryAdminCredential), text)
                .with_origin("fn:listCredentials");
        }
        if lower.contains("listkeys(")
            || lower.contains("listconnectionstrings(")
            || lower.contains("listsecrets(")
        {
            return Expr::new(derived(DerivedKind::ListKeys), text).with_origin("fn:listKeys");
        }
        if lower.starts_with("newguid(") || lower.starts_with("uniquestring(") {
            return Expr::new(Provenance::Generated, text);
        }
        if lower.starts_with("reference(") {
            let mut e = Expr::new(derived(DerivedKind::Reference), text);
            if let Some(r) = first_arg(text, "reference") {
                e.refs.push(r);
            }
            return e;
        }
        if lower.starts_with("resourceid(") {
            let mut e = Expr::new(derived(DerivedKind::ResourceProperty), text);
            e.refs.push(text.to_string());
            return e;
        }
        Expr::new(Provenance::Unknown, text)
    }
}

fn resource(b: &mut Builder<'_>, symbol: Option<&str>, v: &J) -> Resource {
    let span = b.span();
    let name_json = v.get("name").and_then(J::as_str).unwrap_or("");
    Resource {
        resource_type: v.get("type").and_then(J::as_str).unwrap_or("").to_string(),
        api_version: v.get("apiVersion").and_then(J::as_str).map(str::to_string),
        name: symbol.unwrap_or(name_json).to_string(),
        symbol: Some(symbol.unwrap_or(name_json).to_string()),
        span,
        body: b.node(v),
        existing: v.get("existing").and_then(J::as_bool).unwrap_or(false),
        source_type: None,
    }
}

/// Build a document from ARM template text (parse errors panic: fixtures are ours).
pub fn arm_document(path: &str, text: &str) -> Document {
    let json: J =
        serde_json::from_str(text).unwrap_or_else(|e| panic!("{path}: invalid JSON: {e}"));
    let empty = serde_json::Map::new();
    let params = json
        .get("parameters")
        .and_then(J::as_object)
        .unwrap_or(&empty);
    let vars = json
        .get("variables")
        .and_then(J::as_object)
        .unwrap_or(&empty);
    let mut b = Builder {
        next: 0,
        len: text.len().max(1) as u32,
        params,
        vars,
    };
    let mut doc = Document::new(Format::Arm, Arc::new(SourceFile::from_text(path, text)));
    for (name, decl) in params {
        let span = b.span();
        let ty = decl.get("type").and_then(J::as_str).unwrap_or("string");
        doc.parameters.push(Parameter {
            name: name.clone(),
            span,
            secure: ty.to_ascii_lowercase().starts_with("secure"),
            type_name: Some(ty.to_string()),
            default: decl.get("defaultValue").map(|d| b.node(d)),
        });
    }
    for (name, value) in vars {
        let span = b.span();
        let value = b.node(value);
        doc.variables.push(Variable {
            name: name.clone(),
            span,
            value,
        });
    }
    match json.get("resources") {
        Some(J::Array(items)) => {
            for r in items {
                let res = resource(&mut b, None, r);
                doc.resources.push(res);
            }
        }
        Some(J::Object(map)) => {
            for (sym, r) in map {
                let res = resource(&mut b, Some(sym), r);
                doc.resources.push(res);
            }
        }
        _ => {}
    }
    if let Some(outs) = json.get("outputs").and_then(J::as_object) {
        for (name, decl) in outs {
            let span = b.span();
            let ty = decl.get("type").and_then(J::as_str).unwrap_or("string");
            let value = decl
                .get("value")
                .map(|v| b.node(v))
                .unwrap_or_else(|| Node::null(span));
            doc.outputs.push(Output {
                name: name.clone(),
                span,
                value,
                secure: ty.to_ascii_lowercase().starts_with("secure"),
            });
        }
    }
    doc
}

/// Expectations written in a fixture's template `metadata.azlint-test.expect`: strings
/// `"<RULE> <severity> [<property>]"`.
pub fn expectations(text: &str) -> Vec<(String, String, Option<String>)> {
    let json: J = serde_json::from_str(text).unwrap_or(J::Null);
    json.pointer("/metadata/azlint-test/expect")
        .and_then(J::as_array)
        .map(|items| {
            items
                .iter()
                .filter_map(J::as_str)
                .map(|s| {
                    let mut it = s.split_whitespace();
                    (
                        it.next().unwrap_or("").to_string(),
                        it.next().unwrap_or("").to_string(),
                        it.next().map(str::to_string),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}
