//! Terraform's JSON syntax: `.tfvars.json` (a top-level object of plain values) and
//! `.tf.json` (blocks as nested objects; strings are templates, so `"${var.x}"` is the
//! expression `var.x`). Best effort: `dynamic` blocks and modules in JSON are not read.

use jsonc_parser::ast::{ObjectPropName, Value as Json};
use jsonc_parser::{parse_to_ast, CollectOptions, ParseOptions};

use super::lower::Lowerer;
use crate::frontend::arm::json_error_message;
use crate::frontend::MAX_DEPTH;
use crate::model::{Node, Property, Value};
use crate::source::Span;

/// One `"name": value` of a tfvars JSON file.
pub struct JsonVar {
    pub name: String,
    pub key_span: Span,
    pub value: Node,
}

/// The variables a `.tfvars.json` assigns (spans in the file with id `file`), or the syntax
/// error (message, byte offset).
pub fn tfvars(file: u32, text: &str) -> Result<Vec<JsonVar>, (String, usize)> {
    let parsed = parse_to_ast(text, &CollectOptions::default(), &ParseOptions::default())
        .map_err(|e| (json_error_message(e.kind()), e.range().start))?;
    let Some(Json::Object(obj)) = parsed.value else {
        return Err(("a tfvars JSON file must hold one object".into(), 0));
    };
    Ok(obj
        .properties
        .into_iter()
        .map(|p| {
            let key_span = match &p.name {
                ObjectPropName::String(s) => Span::new(file, s.range.start, s.range.end),
                ObjectPropName::Word(w) => Span::new(file, w.range.start, w.range.end),
            };
            JsonVar {
                name: p.name.into_string(),
                key_span,
                value: node(file, &p.value, 0),
            }
        })
        .collect())
}

/// Parse a `.tf.json` file to its top-level object.
pub fn parse_config(text: &str) -> Result<jsonc_parser::ast::Object<'_>, (String, usize)> {
    let parsed = parse_to_ast(text, &CollectOptions::default(), &ParseOptions::default())
        .map_err(|e| (json_error_message(e.kind()), e.range().start))?;
    match parsed.value {
        Some(Json::Object(obj)) => Ok(obj),
        _ => Err(("a Terraform JSON file must hold one object".into(), 0)),
    }
}

/// `(name, name span, value)` of each property of an object value.
pub fn props<'v, 't>(v: &'v Json<'t>) -> Vec<(String, Span, &'v Json<'t>)> {
    match v {
        Json::Object(o) => o
            .properties
            .iter()
            .map(|p| {
                let (name, r) = match &p.name {
                    ObjectPropName::String(s) => (s.value.to_string(), s.range),
                    ObjectPropName::Word(w) => (w.value.to_string(), w.range),
                };
                (name, Span::new(0, r.start, r.end), &p.value)
            })
            .collect(),
        // Blocks may also be given as a list of objects.
        Json::Array(a) => a.elements.iter().flat_map(props).collect(),
        _ => Vec::new(),
    }
}

/// A `.tf.json` value: strings holding `${…}` / `%{…}` are HCL templates, lowered with
/// the module's references; everything else is plain.
pub fn lower_value(lw: &mut Lowerer, v: &Json, depth: usize) -> Node {
    let file = lw.file_id();
    let span = |r: jsonc_parser::common::Range| Span::new(file, r.start, r.end);
    match v {
        Json::StringLit(s) if s.value.contains("${") || s.value.contains("%{") => {
            match hcl_edit::parser::parse_template(&s.value) {
                // Offsets inside the template are relative to the string's content.
                Ok(t) => lw.json_template(&t, s.range.start + 1, span(s.range)),
                Err(_) => Node::string(s.value.to_string(), span(s.range)),
            }
        }
        Json::Array(a) if depth < MAX_DEPTH => Node::new(
            Value::Array(
                a.elements
                    .iter()
                    .map(|e| lower_value(lw, e, depth + 1))
                    .collect(),
            ),
            span(a.range),
        ),
        Json::Object(o) if depth < MAX_DEPTH => {
            let mut out = Vec::with_capacity(o.properties.len());
            for p in &o.properties {
                let (key, r) = match &p.name {
                    ObjectPropName::String(s) => (s.value.to_string(), s.range),
                    ObjectPropName::Word(w) => (w.value.to_string(), w.range),
                };
                out.push(Property {
                    key,
                    key_span: span(r),
                    value: lower_value(lw, &p.value, depth + 1),
                });
            }
            Node::object(out, span(o.range))
        }
        other => node(file, other, depth),
    }
}

fn node(file: u32, v: &Json, depth: usize) -> Node {
    let span = |r: jsonc_parser::common::Range| Span::new(file, r.start, r.end);
    match v {
        Json::StringLit(s) => Node::string(s.value.to_string(), span(s.range)),
        Json::NumberLit(n) => {
            Node::new(Value::Number(n.value.parse().unwrap_or(0.0)), span(n.range))
        }
        Json::BooleanLit(b) => Node::new(Value::Bool(b.value), span(b.range)),
        Json::NullKeyword(n) => Node::null(span(n.range)),
        Json::Array(a) if depth < MAX_DEPTH => Node::new(
            Value::Array(
                a.elements
                    .iter()
                    .map(|e| node(file, e, depth + 1))
                    .collect(),
            ),
            span(a.range),
        ),
        Json::Object(o) if depth < MAX_DEPTH => Node::object(
            o.properties
                .iter()
                .map(|p| {
                    let (key, key_span) = match &p.name {
                        ObjectPropName::String(s) => (s.value.to_string(), span(s.range)),
                        ObjectPropName::Word(w) => (w.value.to_string(), span(w.range)),
                    };
                    Property {
                        key,
                        key_span,
                        value: node(file, &p.value, depth + 1),
                    }
                })
                .collect(),
            span(o.range),
        ),
        Json::Array(a) => Node::null(span(a.range)),
        Json::Object(o) => Node::null(span(o.range)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_values_with_spans() {
        let text = "{\n  \"pw\": \"hunter2\",\n  \"n\": 3, \"o\": {\"a\": [true, null]}\n}";
        let vars = tfvars(2, text).unwrap();
        assert_eq!(vars.len(), 3);
        assert_eq!(vars[0].name, "pw");
        assert_eq!(text.get(vars[0].key_span.range()), Some("\"pw\""));
        assert_eq!(vars[0].key_span.file, 2);
        assert_eq!(vars[0].value.as_str(), Some("hunter2"));
        assert_eq!(vars[1].value.as_number(), Some(3.0));
        assert!(tfvars(0, "{\"a\": ").is_err());
        assert!(tfvars(0, "[1]").is_err());
    }
}
