//! JSON (with comments) to a raw model tree with exact byte spans.
//!
//! The raw tree keeps every string exactly as the JSON says (no expression handling yet);
//! `scope::Scope::lower` turns it into the final model. Uses `jsonc-parser` with its lenient
//! defaults (comments, trailing commas, …): a linter should accept a superset of what ARM
//! accepts.

use jsonc_parser::ast::{ObjectPropName, Value as JsonValue};
use jsonc_parser::{CollectOptions, ParseOptions};

use crate::frontend::MAX_DEPTH;
use crate::model::{Comment, CommentKind, Document, Node, Property, Value};
use crate::source::{SourceFile, Span};

const BOM: &str = "\u{feff}";

/// Parse `file` into a raw tree. On a syntax error, records a parse error at the error's
/// position in `doc` and returns `None`.
pub(crate) fn parse_raw(file: &SourceFile, doc: &mut Document) -> Option<Node> {
    // jsonc-parser does not skip a byte-order mark; parse after it and shift every offset.
    let (text, offset) = match file.text.strip_prefix(BOM) {
        Some(rest) => (rest, BOM.len()),
        None => (&*file.text, 0),
    };
    let collect = CollectOptions {
        // Comments are only read for suppression directives.
        comments: if crate::model::may_hold_directives(text) {
            jsonc_parser::CommentCollectionStrategy::Separate
        } else {
            jsonc_parser::CommentCollectionStrategy::Off
        },
        tokens: false,
    };
    let parsed = jsonc_parser::parse_to_ast(text, &collect, &ParseOptions::default());
    let value = match parsed {
        Ok(result) => {
            doc.record_comments(file, || comments(result.comments.as_ref(), offset));
            result.value
        }
        Err(err) => {
            let range = err.range();
            doc.parse_error(
                format!("invalid JSON: {}", json_error_message(err.kind())),
                Span::in_file(file, range.start + offset, range.end + offset),
            );
            return None;
        }
    };
    let Some(value) = value else {
        doc.parse_error("invalid JSON: the file is empty", Span::in_file(file, 0, 0));
        return None;
    };
    let mut converter = Converter {
        file: file.id,
        offset,
        too_deep: None,
    };
    let node = converter.convert(&value, 0);
    if let Some(span) = converter.too_deep {
        doc.parse_error(
            format!("JSON nests deeper than {MAX_DEPTH} levels; the rest is not analysed"),
            span,
        );
    }
    Some(node)
}

/// The places of the comments jsonc-parser collected (each may be filed under the tokens
/// before and after it: deduplicated), in source order.
fn comments(map: Option<&jsonc_parser::CommentMap<'_>>, offset: usize) -> Vec<Comment> {
    use jsonc_parser::common::Ranged;
    let mut out: Vec<Comment> = map
        .into_iter()
        .flat_map(|m| m.values())
        .flat_map(|list| list.iter())
        .map(|c| {
            let r = c.range();
            let kind = match c {
                jsonc_parser::ast::Comment::Line(_) => CommentKind::Line,
                jsonc_parser::ast::Comment::Block(_) => CommentKind::Block,
            };
            Comment::new(r.start + offset..r.end + offset, kind)
        })
        .collect();
    out.sort_by_key(|c| (c.start, c.end));
    out.dedup();
    out
}

/// jsonc-parser's description of a syntax error, without input text: its messages are
/// fixed strings except the invalid `\u` escape one, which quotes the escape (a secret's
/// fragment, if the string held one). Anything else that quotes is replaced too.
pub(crate) fn json_error_message(kind: &jsonc_parser::errors::ParseErrorKind) -> String {
    use jsonc_parser::errors::ParseErrorKind;
    use jsonc_parser::ParseStringErrorKind;
    match kind {
        ParseErrorKind::String(ParseStringErrorKind::InvalidUnicodeEscapeSequence(_)) => {
            "Invalid unicode escape sequence".to_string()
        }
        other => {
            let message = other.to_string();
            if message.contains(['\'', '"', '`']) {
                "Unexpected token".to_string()
            } else {
                message
            }
        }
    }
}

struct Converter {
    /// The id of the file being converted (spans name it).
    file: u32,
    offset: usize,
    /// Where nesting first exceeded `MAX_DEPTH`.
    too_deep: Option<Span>,
}

impl Converter {
    fn span(&self, range: jsonc_parser::common::Range) -> Span {
        Span::new(
            self.file,
            range.start + self.offset,
            range.end + self.offset,
        )
    }

    fn convert(&mut self, value: &JsonValue<'_>, depth: usize) -> Node {
        let span = self.span(value_range(value));
        if depth > MAX_DEPTH {
            self.too_deep.get_or_insert(span);
            return Node::null(span);
        }
        let v = match value {
            JsonValue::StringLit(s) => Value::String(s.value.to_string()),
            JsonValue::NumberLit(n) => Value::Number(parse_number(n.value)),
            JsonValue::BooleanLit(b) => Value::Bool(b.value),
            JsonValue::NullKeyword(_) => Value::Null,
            JsonValue::Array(a) => Value::Array(
                a.elements
                    .iter()
                    .map(|e| self.convert(e, depth + 1))
                    .collect(),
            ),
            JsonValue::Object(o) => Value::Object(
                o.properties
                    .iter()
                    .map(|p| {
                        let (key, key_range) = match &p.name {
                            ObjectPropName::String(s) => (s.value.to_string(), s.range),
                            ObjectPropName::Word(w) => (w.value.to_string(), w.range),
                        };
                        Property {
                            key,
                            key_span: self.span(key_range),
                            value: self.convert(&p.value, depth + 1),
                        }
                    })
                    .collect(),
            ),
        };
        Node::new(v, span)
    }
}

fn value_range(value: &JsonValue<'_>) -> jsonc_parser::common::Range {
    match value {
        JsonValue::StringLit(s) => s.range,
        JsonValue::NumberLit(n) => n.range,
        JsonValue::BooleanLit(b) => b.range,
        JsonValue::NullKeyword(n) => n.range,
        JsonValue::Array(a) => a.range,
        JsonValue::Object(o) => o.range,
    }
}

/// Numbers as the lenient parser accepts them: decimal, `0x` hex, `+5`, `.5`, `Infinity`.
fn parse_number(text: &str) -> f64 {
    let (negative, digits) = match (text.strip_prefix('-'), text.strip_prefix('+')) {
        (Some(rest), _) => (true, rest),
        (None, Some(rest)) => (false, rest),
        _ => (false, text),
    };
    let magnitude = if let Some(hex) = digits
        .strip_prefix("0x")
        .or_else(|| digits.strip_prefix("0X"))
    {
        u64::from_str_radix(hex, 16)
            .map(|n| n as f64)
            .unwrap_or(f64::NAN)
    } else {
        digits.parse::<f64>().unwrap_or(f64::NAN)
    };
    if negative {
        -magnitude
    } else {
        magnitude
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Format;
    use std::sync::Arc;

    fn parse(text: &str) -> (Option<Node>, Document) {
        let file = Arc::new(SourceFile::from_text("t.json", text));
        let mut doc = Document::new(Format::Arm, file.clone());
        (parse_raw(&file, &mut doc), doc)
    }

    #[test]
    fn keeps_exact_spans_for_keys_and_values() {
        let text = "{\n  // comment\n  \"a\": [1, \"x\"],\n  b: true,\n}";
        let (node, doc) = parse(text);
        assert!(doc.diagnostics.is_empty());
        let node = node.unwrap();
        let a = node.property("a").unwrap();
        assert_eq!(text.get(a.key_span.range()), Some("\"a\""));
        assert_eq!(text.get(a.value.span.range()), Some("[1, \"x\"]"));
        let items = a.value.as_array().unwrap();
        assert_eq!(items[0].value, Value::Number(1.0));
        assert_eq!(text.get(items[1].span.range()), Some("\"x\""));
        assert_eq!(node.get("B").and_then(Node::as_bool), Some(true));
    }

    #[test]
    fn byte_order_mark_shifts_spans() {
        let text = "\u{feff}{\"a\": \"x\"}";
        let (node, doc) = parse(text);
        assert!(doc.diagnostics.is_empty());
        let a = node.unwrap();
        assert_eq!(text.get(a.get("a").unwrap().span.range()), Some("\"x\""));
    }

    #[test]
    fn syntax_errors_become_diagnostics_at_the_error() {
        let text = "{\n  \"a\": \"x\",\n  \"b\": }";
        let (node, doc) = parse(text);
        assert!(node.is_none());
        assert_eq!(doc.diagnostics.len(), 1);
        let d = &doc.diagnostics[0];
        assert!(d.message.starts_with("invalid JSON"), "{}", d.message);
        assert_eq!(doc.files[0].line_col(d.span.start).0, 3);
        let (node, doc) = parse("   ");
        assert!(node.is_none());
        assert_eq!(doc.diagnostics.len(), 1);
    }

    #[test]
    fn deep_nesting_is_bounded() {
        let text = "[".repeat(300) + &"]".repeat(300);
        let (node, doc) = parse(&text);
        assert!(node.is_some());
        assert_eq!(doc.diagnostics.len(), 1);
        assert!(doc.diagnostics[0].message.contains("deeper"));
    }

    #[test]
    fn syntax_error_messages_quote_no_input() {
        for text in [
            "{\"a\": \"\\uSECRETX\"}",
            "{\"a\": \"\\uD800SECRETX\"}",
            "{\"a\": SECRETX}",
            "{\"a\": \"x\" SECRETX}",
            "{SECRETX \"a\": 1}",
        ] {
            let (node, doc) = parse(text);
            assert!(node.is_none(), "{text}");
            let m = &doc.diagnostics[0].message;
            assert!(!m.contains("SECRETX") && !m.contains("D800"), "{m}");
        }
    }

    #[test]
    fn lenient_numbers() {
        assert_eq!(parse_number("0x1F"), 31.0);
        assert_eq!(parse_number("-2.5"), -2.5);
        assert_eq!(parse_number("+3"), 3.0);
        assert!(parse_number("Infinity").is_infinite());
    }
}
