//! Setting a value in a resource body written as an object literal: Bicep and ARM JSON
//! objects, Container Apps YAML mappings, and azapi HCL object bodies.
//!
//! Navigation follows the model, whose nodes carry exact spans for these languages, but only
//! through nodes that are written in place: each step's key and value must lie inside their
//! parent's span. A value inlined from a variable, a spread, a YAML alias or a merge key
//! points elsewhere, and the writer gives up rather than edit a shared declaration. A value
//! is replaced only when it is a literal (an expression is the user's own computation); an
//! absent property is inserted after the object's last property, with the object's
//! indentation and syntax, together with any objects missing on the way.

use std::sync::Arc;

use super::text::{self, Scalar, Syntax};
use super::Edit;
use crate::model::text as utf8;
use crate::model::{Node, Value};
use crate::source::{SourceFile, Span};

/// One concrete step of a path from a resource body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Step {
    Key(String),
    Index(usize),
}

/// Where a path leads in the written object tree.
#[derive(Debug)]
pub(crate) enum Target<'a> {
    /// The value exists, written in place.
    Found(&'a Node),
    /// `container` (an object, or a `null` to replace) is the deepest node that exists;
    /// `rest` are the keys to create under it. `owner` is the key span of the property
    /// holding `container`, when it has one.
    Missing {
        container: &'a Node,
        owner: Option<Span>,
        rest: Vec<String>,
    },
}

fn inside(inner: Span, outer: Span) -> bool {
    inner.file == outer.file && inner.start >= outer.start && inner.end <= outer.end
}

/// Follow `steps` from `root`, whose written extent is `extent` (the object literal of the
/// resource body). `None` when the path runs through something not written in place, through
/// an expression, or needs an array item that does not exist.
pub(crate) fn locate<'a>(root: &'a Node, extent: Span, steps: &[Step]) -> Option<Target<'a>> {
    let mut node = root;
    let mut span = extent;
    let mut owner: Option<Span> = None;
    for (i, step) in steps.iter().enumerate() {
        match (step, &node.value) {
            (Step::Key(k), Value::Object(props)) => {
                match props.iter().rev().find(|p| p.key.eq_ignore_ascii_case(k)) {
                    Some(p) => {
                        if !inside(p.key_span, span) || !inside(p.value.span, span) {
                            return None;
                        }
                        owner = Some(p.key_span);
                        node = &p.value;
                        span = p.value.span;
                    }
                    None => {
                        let rest = steps[i..]
                            .iter()
                            .map(|s| match s {
                                Step::Key(k) => Some(k.clone()),
                                Step::Index(_) => None,
                            })
                            .collect::<Option<Vec<_>>>()?;
                        return Some(Target::Missing {
                            container: node,
                            owner,
                            rest,
                        });
                    }
                }
            }
            (Step::Key(_), Value::Null) => {
                let rest = steps[i..]
                    .iter()
                    .map(|s| match s {
                        Step::Key(k) => Some(k.clone()),
                        Step::Index(_) => None,
                    })
                    .collect::<Option<Vec<_>>>()?;
                return Some(Target::Missing {
                    container: node,
                    owner,
                    rest,
                });
            }
            (Step::Index(n), Value::Array(items)) => {
                let item = items.get(*n)?;
                if !inside(item.span, span) {
                    return None;
                }
                owner = None;
                node = item;
                span = item.span;
            }
            _ => return None,
        }
    }
    Some(Target::Found(node))
}

/// Whether `node` is a literal written at its span (not an expression, not a container).
fn is_written_literal(file: &SourceFile, node: &Node, syntax: Syntax) -> bool {
    let src = file.slice(node.span).trim();
    match &node.value {
        Value::Bool(b) => src.eq_ignore_ascii_case(&b.to_string()),
        Value::Null => matches!(src, "null" | "~" | "Null" | "NULL"),
        Value::Number(_) => src.parse::<f64>().is_ok(),
        Value::String(_) => match syntax {
            Syntax::Bicep => src.starts_with('\'') && !src.contains("${"),
            Syntax::Json => src.starts_with('"') && !src.starts_with("\"["),
            Syntax::Hcl => src.starts_with('"') && !src.contains("${"),
            Syntax::Yaml => !src.is_empty() && !src.starts_with(['|', '>', '*', '&', '!']),
        },
        _ => false,
    }
}

/// The edits that make the value at `steps` equal `value`.
pub(crate) fn set(
    file: &Arc<SourceFile>,
    syntax: Syntax,
    root: &Node,
    extent: Span,
    steps: &[Step],
    value: &Scalar,
) -> Option<Vec<Edit>> {
    match locate(root, extent, steps)? {
        Target::Found(node) => {
            if !is_written_literal(file, node, syntax) {
                return None;
            }
            Some(vec![Edit::new(
                file,
                node.span.start as usize,
                node.span.end as usize,
                value.render(syntax),
            )])
        }
        Target::Missing {
            container,
            owner,
            rest,
        } => add(file, syntax, container, owner, &rest, value),
    }
}

/// Insert `rest` (nested keys) = `value` into `container`.
pub(crate) fn add(
    file: &Arc<SourceFile>,
    syntax: Syntax,
    container: &Node,
    owner: Option<Span>,
    rest: &[String],
    value: &Scalar,
) -> Option<Vec<Edit>> {
    let text = &*file.text;
    let span = container.span;
    if span.end as usize > text.len() || span.is_empty() {
        return None;
    }
    let src = file.slice(span);
    let eol = text::eol(text);
    let unit = text::indent_unit(text);
    if matches!(container.value, Value::Null) {
        // `ingress: null` → the object, written where the null was.
        if !is_written_literal(file, container, syntax) {
            return None;
        }
        return replace_with_object(file, syntax, span, owner, rest, value);
    }
    let Value::Object(props) = &container.value else {
        return None;
    };
    let braced = src.starts_with('{') && src.ends_with('}');
    if syntax == Syntax::Yaml && !braced {
        return add_yaml_block(file, container, rest, value);
    }
    if !braced {
        return None;
    }
    let open = span.start as usize;
    let close = span.end as usize - 1;
    if props.is_empty() {
        if !utf8::slice(text, open + 1..close).trim().is_empty() {
            return None; // comments inside an empty object: leave them alone
        }
        return replace_with_object(file, syntax, span, owner, rest, value);
    }
    if props
        .iter()
        .any(|p| !inside(p.key_span, span) || !inside(p.value.span, span))
    {
        return None; // merged in from elsewhere (a spread, a merge key)
    }
    let first = props.iter().min_by_key(|p| p.key_span.start)?;
    let last = props.iter().max_by_key(|p| p.value.span.end)?;
    let last_end = last.value.span.end as usize;
    let line = |o: usize| file.line_index.line_of(o as u32);
    let single_line = line(open) == line(close);
    if syntax == Syntax::Yaml && !single_line {
        return None; // a flow mapping over several lines: rare, and commas matter there
    }
    if single_line {
        // `{ name: 'Premium' }` → `{ name: 'Premium', sku: … }`.
        let entry = inline_entry(syntax, rest, value);
        return Some(vec![Edit::insert(file, last_end, format!(", {entry}"))]);
    }
    let base = text::line_indent(text, open).to_string();
    let child = if text::first_on_line(text, first.key_span.start as usize) {
        text::line_indent(text, first.key_span.start as usize).to_string()
    } else {
        format!("{base}{unit}")
    };
    let mut edits = Vec::new();
    let mut at = last_end;
    let mut lead = "";
    let after = text::skip_blanks(text, last_end);
    let blank_rest = after == text::line_end(text, last_end);
    if syntax == Syntax::Json {
        // A separating comma after the last property, unless one is already there. With a
        // comment after the property, the comma goes before the comment.
        let next = skip_trivia(text, last_end, close);
        if text.as_bytes().get(next) == Some(&b',') {
            at = next + 1;
        } else if blank_rest {
            lead = ",";
        } else {
            edits.push(Edit::insert(file, last_end, ","));
        }
    }
    let mut entry = block_entry(syntax, rest, value, &child, &unit, eol);
    if syntax == Syntax::Hcl && rest.len() == 1 {
        // `terraform fmt` aligns the `=` of a run of one-line items: join the run above.
        let (width, align) = hcl_alignment(file, props, last, &rest[0])?;
        edits.extend(align);
        entry = format!(
            "{:<width$} = {}",
            text::key(&rest[0], syntax),
            value.render(syntax)
        );
    }
    let after = text::skip_blanks(text, at);
    let line_end = text::line_end(text, at);
    if line(at) != line(close) && text::rest_is_comment(text, after, syntax) {
        // After the last property's line, keeping a trailing comment where it is.
        let pos = if after == line_end { at } else { line_end };
        edits.push(Edit::insert(
            file,
            pos,
            format!("{lead}{eol}{child}{entry}"),
        ));
    } else {
        // Something else follows on the line (`a: 1 }`): break the line.
        let tail = if line(at) == line(close) {
            format!("{eol}{base}")
        } else {
            String::new()
        };
        edits.push(Edit::new(
            file,
            at,
            after,
            format!("{lead}{eol}{child}{entry}{tail}"),
        ));
    }
    Some(edits)
}

/// For a new one-line `key = …` after `last` in an HCL object: the width to pad keys to, and
/// the edits re-aligning the run of one-line items `last` ends (consecutive lines, as
/// `terraform fmt` groups them).
fn hcl_alignment(
    file: &Arc<SourceFile>,
    props: &[crate::model::Property],
    last: &crate::model::Property,
    key: &str,
) -> Option<(usize, Vec<Edit>)> {
    let text = &*file.text;
    let line = |o: u32| file.line_index.line_of(o);
    let one_line = |p: &crate::model::Property| {
        line(p.key_span.start) == line(p.value.span.end.saturating_sub(1).max(p.value.span.start))
    };
    let mut sorted: Vec<&crate::model::Property> = props.iter().collect();
    sorted.sort_by_key(|p| p.key_span.start);
    let idx = sorted.iter().position(|p| std::ptr::eq(*p, last))?;
    let mut run = Vec::new();
    if one_line(last) {
        run.push(last);
        let mut top = line(last.key_span.start);
        for p in sorted[..idx].iter().rev() {
            let (s, e) = (
                line(p.key_span.start),
                line(p.value.span.end.saturating_sub(1).max(p.value.span.start)),
            );
            if s == e && e + 1 == top {
                run.push(p);
                top = s;
            } else {
                break;
            }
        }
    }
    let new_key = text::key(key, Syntax::Hcl);
    let width = run
        .iter()
        .map(|p| p.key_span.len())
        .chain([new_key.len()])
        .max()
        .unwrap_or(new_key.len());
    let mut edits = Vec::new();
    for p in run {
        let key_end = p.key_span.end as usize;
        let eq = key_end
            + text
                .get(key_end..p.value.span.start as usize)?
                .find(['=', ':'])?;
        let pad = " ".repeat(width - p.key_span.len() + 1);
        if utf8::slice(text, key_end..eq) != pad {
            edits.push(Edit::new(file, key_end, eq, pad));
        }
    }
    Some((width, edits))
}

/// Skip whitespace and comments from `at` (not beyond `limit`).
fn skip_trivia(text: &str, at: usize, limit: usize) -> usize {
    let b = text.as_bytes();
    let mut i = at;
    while i < limit {
        match b[i] {
            b' ' | b'\t' | b'\r' | b'\n' => i += 1,
            b'/' if b.get(i + 1) == Some(&b'/') => {
                i = utf8::tail(text, i)
                    .find('\n')
                    .map(|n| i + n)
                    .unwrap_or(limit);
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                i = utf8::tail(text, i + 2)
                    .find("*/")
                    .map(|n| i + 2 + n + 2)
                    .unwrap_or(limit);
            }
            _ => break,
        }
    }
    i.min(limit)
}

/// Replace an empty object (or a null) at `span` with a multi-line object holding `rest`.
fn replace_with_object(
    file: &Arc<SourceFile>,
    syntax: Syntax,
    span: Span,
    owner: Option<Span>,
    rest: &[String],
    value: &Scalar,
) -> Option<Vec<Edit>> {
    let text = &*file.text;
    let eol = text::eol(text);
    let unit = text::indent_unit(text);
    let start = span.start as usize;
    if syntax == Syntax::Yaml {
        // `key: {}` / `key: null` → a block mapping under the key.
        let colon = utf8::prefix(text, start).trim_end_matches([' ', '\t']);
        if !colon.ends_with(':') {
            return None;
        }
        let key_at = owner?.start as usize;
        let child = format!("{}{unit}", text::column_indent(text, key_at));
        let entry = block_entry(syntax, rest, value, &child, &unit, eol);
        return Some(vec![Edit::new(
            file,
            colon.len(),
            span.end as usize,
            format!("{eol}{child}{entry}"),
        )]);
    }
    let base = text::line_indent(text, start).to_string();
    let child = format!("{base}{unit}");
    let entry = block_entry(syntax, rest, value, &child, &unit, eol);
    Some(vec![Edit::new(
        file,
        start,
        span.end as usize,
        format!("{{{eol}{child}{entry}{eol}{base}}}"),
    )])
}

/// YAML block mapping: a new entry after the last one, at the first key's column.
fn add_yaml_block(
    file: &Arc<SourceFile>,
    container: &Node,
    rest: &[String],
    value: &Scalar,
) -> Option<Vec<Edit>> {
    let text = &*file.text;
    let props = container.as_object()?;
    let span = container.span;
    if props
        .iter()
        .any(|p| !inside(p.key_span, span) || !inside(p.value.span, span))
    {
        return None; // merged in from an anchor
    }
    let first = props.iter().min_by_key(|p| p.key_span.start)?;
    let last = props
        .iter()
        .max_by_key(|p| p.value.span.end.max(p.key_span.end))?;
    // The last character of the last entry (block scalars and nested maps may end after a
    // line break).
    let end = last.value.span.end.max(last.key_span.end) as usize;
    let trimmed = utf8::prefix(text, end).trim_end();
    if trimmed.len() <= first.key_span.start as usize {
        return None;
    }
    let at = text::line_end(text, trimmed.len() - 1);
    let eol = text::eol(text);
    let unit = text::indent_unit(text);
    let child = text::column_indent(text, first.key_span.start as usize);
    let entry = block_entry(Syntax::Yaml, rest, value, &child, &unit, eol);
    Some(vec![Edit::insert(file, at, format!("{eol}{child}{entry}"))])
}

/// `k1: {⏎ k2: v ⏎}` (nested keys) at indentation `indent`, without the leading indentation
/// of the first line.
pub(crate) fn block_entry(
    syntax: Syntax,
    rest: &[String],
    value: &Scalar,
    indent: &str,
    unit: &str,
    eol: &str,
) -> String {
    let Some((k, more)) = rest.split_first() else {
        return value.render(syntax);
    };
    if more.is_empty() {
        return format!("{}{}", text::assign(k, syntax), value.render(syntax));
    }
    let inner = format!("{indent}{unit}");
    let body = block_entry(syntax, more, value, &inner, unit, eol);
    match syntax {
        Syntax::Yaml => format!("{}:{eol}{inner}{body}", text::key(k, syntax)),
        _ => format!(
            "{}{{{eol}{inner}{body}{eol}{indent}}}",
            text::assign(k, syntax)
        ),
    }
}

/// `k1: { k2: v }` on one line.
fn inline_entry(syntax: Syntax, rest: &[String], value: &Scalar) -> String {
    let Some((k, more)) = rest.split_first() else {
        return value.render(syntax);
    };
    if more.is_empty() {
        return format!("{}{}", text::assign(k, syntax), value.render(syntax));
    }
    format!(
        "{}{{ {} }}",
        text::assign(k, syntax),
        inline_entry(syntax, more, value)
    )
}
