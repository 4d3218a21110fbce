//! Terraform (HCL) writers: setting an azurerm attribute through the reverse of the
//! azurerm → ARM mapping table (creating missing nested blocks), locating an azapi `body`
//! object, and editing `variable` / `output` blocks.
//!
//! The model holds azurerm resources in ARM shape, so edits are planned on the HCL syntax
//! tree (`hcl-edit`, exact byte spans), parsed once per file per thread.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

use hcl_edit::expr::Expression;
use hcl_edit::structure::{Attribute, Block, Body, Structure};
use hcl_edit::Span as _;

use super::insert::Step;
use super::text::{self, Scalar, Syntax};
use super::Edit;
use crate::frontend::terraform::mapping::{self, Row};
use crate::model::text as utf8;
use crate::model::{Node, Segment, Value};
use crate::source::{SourceFile, Span};

thread_local! {
    /// The last file parsed on this thread: findings of one module come one file after the
    /// other, so one entry saves re-parsing a file for each of its findings.
    static LAST: RefCell<Option<(Arc<SourceFile>, Rc<Body>)>> = const { RefCell::new(None) };
}

/// The HCL syntax tree of `file` (`None` for `.tf.json` and unparseable files).
pub(crate) fn body(file: &Arc<SourceFile>) -> Option<Rc<Body>> {
    if super::syntax_of(file) != Syntax::Hcl {
        return None;
    }
    if let Some(hit) = LAST.with(|c| {
        c.borrow()
            .as_ref()
            .filter(|(f, _)| Arc::ptr_eq(f, file))
            .map(|(_, b)| b.clone())
    }) {
        return Some(hit);
    }
    let parsed = Rc::new(hcl_edit::parser::parse_body(&file.text).ok()?);
    LAST.with(|c| *c.borrow_mut() = Some((file.clone(), parsed.clone())));
    Some(parsed)
}

/// The top-level block whose header starts at `header` (a resource's declaration span).
pub(crate) fn block_at(body: &Body, header: Span) -> Option<&Block> {
    body.iter().filter_map(Structure::as_block).find(|b| {
        b.ident
            .span()
            .is_some_and(|r| r.start == header.start as usize)
    })
}

/// A top-level block by identifier and first label (`variable "x"`, `output "y"`).
pub(crate) fn labelled<'b>(body: &'b Body, ident: &str, label: &str) -> Option<&'b Block> {
    body.iter().filter_map(Structure::as_block).find(|b| {
        b.ident.as_str() == ident && b.labels.first().is_some_and(|l| l.as_str() == label)
    })
}

fn attribute<'b>(body: &'b Body, key: &str) -> Option<&'b Attribute> {
    body.iter()
        .filter_map(Structure::as_attribute)
        .find(|a| a.key.as_str() == key)
}

/// The `{ … }` of a block: (offset of `{`, offset of `}`).
fn braces(text: &str, b: &Block) -> Option<(usize, usize)> {
    let span = b.span()?;
    let from = b
        .labels
        .last()
        .and_then(|l| l.span())
        .or_else(|| b.ident.span())?
        .end;
    let open = from + text.get(from..span.end)?.find('{')?;
    let close = span.end.checked_sub(1)?;
    (text.as_bytes().get(close) == Some(&b'}') && close > open).then_some((open, close))
}

/// The span of the object an azapi `body`/`sensitive_body` attribute holds: an object
/// literal, or `jsonencode({ … })`.
pub(crate) fn azapi_body_object(block: &Block) -> Option<Span> {
    fn object(e: &Expression, depth: usize) -> Option<std::ops::Range<usize>> {
        if depth > 4 {
            return None;
        }
        match e {
            Expression::Object(o) => o.span(),
            Expression::Parenthesis(p) => object(p.inner(), depth + 1),
            Expression::FuncCall(f)
                if f.name.name.as_str() == "jsonencode" && f.args.len() == 1 =>
            {
                object(f.args.iter().next()?, depth + 1)
            }
            _ => None,
        }
    }
    let a = attribute(&block.body, "body")?;
    let r = object(&a.value, 0)?;
    Some(Span::new(0, r.start, r.end))
}

/// One step of a Terraform path: a block or attribute name, and which of the repeated
/// blocks (`None`: the first / only one).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Hop {
    pub name: String,
    pub index: Option<usize>,
}

/// Every Terraform path the rows map to the ARM path `arm`, with the row's transform.
fn reverse<'t>(
    rows: &'t [Row],
    arm: &[Step],
    prefix: &[Hop],
    out: &mut Vec<(Vec<Hop>, &'t Row)>,
    depth: usize,
) {
    if depth > 16 {
        return;
    }
    for row in rows {
        // Constants (`value:`) and appended blocks (scale rules) have no one place to edit.
        if row.value.is_some() || row.append {
            continue;
        }
        for path in &row.arm {
            let mut indexes = Vec::new();
            let Some(consumed) = match_prefix(&path.segments, arm, &mut indexes) else {
                continue;
            };
            let mut it = indexes.into_iter();
            let hops: Vec<Hop> = row
                .tf
                .iter()
                .map(|s| Hop {
                    name: s.name.clone(),
                    index: if s.each { it.next() } else { None },
                })
                .collect();
            let mut full = prefix.to_vec();
            full.extend(hops);
            if row.children.is_empty() {
                if consumed == arm.len() {
                    out.push((full, row));
                }
            } else if consumed < arm.len() {
                reverse(&row.children, &arm[consumed..], &full, out, depth + 1);
            }
        }
    }
}

fn match_prefix(segs: &[Segment], arm: &[Step], indexes: &mut Vec<usize>) -> Option<usize> {
    if segs.len() > arm.len() {
        return None;
    }
    for (seg, step) in segs.iter().zip(arm) {
        match (seg, step) {
            (Segment::Key(k), Step::Key(s)) if k.eq_ignore_ascii_case(s) => {}
            (Segment::AnyIndex, Step::Index(i)) => indexes.push(*i),
            (Segment::Index(n), Step::Index(i)) if n == i => {}
            _ => return None,
        }
    }
    Some(segs.len())
}

/// The Terraform value that the row turns into `value` (e.g. `false` for `Disabled` through
/// the enabled-disabled transform); `None` when the transform cannot be reversed.
fn reverse_value(row: &Row, value: &Scalar) -> Option<Scalar> {
    let Some(t) = row.transform else {
        return Some(value.clone());
    };
    let target = scalar_node(value);
    // Booleans first: `enabled-disabled` passes a string through unchanged, which must not
    // be taken for its inverse (`"Disabled"` is `false`, not `"Disabled"`).
    let candidates = [Scalar::Bool(true), Scalar::Bool(false), value.clone()];
    candidates
        .into_iter()
        .find(|c| same(&t.apply(&scalar_node(c)), &target))
}

fn scalar_node(s: &Scalar) -> Node {
    let v = match s {
        Scalar::Bool(b) => Value::Bool(*b),
        Scalar::Number(n) => Value::Number(*n),
        Scalar::String(s) => Value::String(s.clone()),
    };
    Node::new(v, Span::default())
}

fn same(a: &Node, b: &Node) -> bool {
    match (&a.value, &b.value) {
        (Value::String(x), Value::String(y)) => x.eq_ignore_ascii_case(y),
        (x, y) => x == y,
    }
}

/// The block a hop path leads to, without its last hop (the attribute).
fn walk<'b>(body: &'b Body, hops: &[Hop]) -> Result<&'b Body, (usize, &'b Body)> {
    let mut cur = body;
    for (i, hop) in hops.iter().enumerate() {
        let blocks: Vec<&Block> = cur
            .iter()
            .filter_map(Structure::as_block)
            .filter(|b| b.ident.as_str() == hop.name)
            .collect();
        match blocks.get(hop.index.unwrap_or(0)) {
            Some(b) => cur = &b.body,
            None => return Err((i, cur)),
        }
    }
    Ok(cur)
}

/// The block whose body is `body` (to find its braces), searched from `root`.
fn block_of<'b>(root: &'b Block, body: &Body) -> Option<&'b Block> {
    if std::ptr::eq(&root.body, body) {
        return Some(root);
    }
    root.body
        .iter()
        .filter_map(Structure::as_block)
        .find_map(|b| block_of(b, body))
}

/// Whether an HCL expression is a literal written in place (replaceable).
fn is_literal(e: &Expression) -> bool {
    matches!(
        e,
        Expression::Null(_) | Expression::Bool(_) | Expression::Number(_) | Expression::String(_)
    )
}

/// What setting an azurerm attribute wrote, for the fix title (`admin_enabled = false`).
pub(crate) struct Written {
    pub edits: Vec<Edit>,
    pub shown: String,
}

/// Set the ARM path `arm` (from the resource body) of the azurerm resource declared by
/// `block` to `value`.
pub(crate) fn set_azurerm(
    file: &Arc<SourceFile>,
    block: &Block,
    rows: &[Row],
    arm: &[Step],
    value: &Scalar,
) -> Option<Written> {
    let mut candidates = Vec::new();
    reverse(rows, arm, &[], &mut candidates, 0);
    if candidates.is_empty() {
        return None;
    }
    // Every attribute already written for this ARM setting is rewritten (an old and a new
    // attribute name may both be there); else the first mapping row's attribute is added.
    let mut edits = Vec::new();
    let mut shown = None;
    for (hops, row) in &candidates {
        let (last, init) = hops.split_last()?;
        let Ok(body) = walk(&block.body, init) else {
            continue;
        };
        let Some(a) = attribute(body, &last.name) else {
            continue;
        };
        let tf_value = reverse_value(row, value)?;
        if !is_literal(&a.value) {
            return None;
        }
        let r = a.value.span()?;
        let rendered = tf_value.render(Syntax::Hcl);
        shown.get_or_insert_with(|| format!("{} = {rendered}", last.name));
        edits.push(Edit::new(file, r.start, r.end, rendered));
    }
    if !edits.is_empty() {
        return Some(Written {
            edits,
            shown: shown.unwrap_or_default(),
        });
    }
    let (hops, row) = candidates.first()?;
    let tf_value = reverse_value(row, value)?;
    let (last, init) = hops.split_last()?;
    let (from, body) = match walk(&block.body, init) {
        Ok(b) => (init.len(), b),
        Err((i, b)) => (i, b),
    };
    // Blocks to create: only single blocks, or the first of a repeated one.
    if init[from..].iter().any(|h| h.index.unwrap_or(0) != 0) {
        return None;
    }
    let holder = block_of(block, body)?;
    let names: Vec<&str> = init[from..].iter().map(|h| h.name.as_str()).collect();
    let edits = add_to_block(file, holder, &names, &last.name, &tf_value)?;
    Some(Written {
        edits,
        shown: format!("{} = {}", last.name, tf_value.render(Syntax::Hcl)),
    })
}

/// Add `blocks… { key = value }` to the body of `holder`: after its last attribute (blocks
/// after a blank line, as `terraform fmt` lays them out), `=` aligned with that attribute.
pub(crate) fn add_to_block(
    file: &Arc<SourceFile>,
    holder: &Block,
    blocks: &[&str],
    key: &str,
    value: &Scalar,
) -> Option<Vec<Edit>> {
    let text = &*file.text;
    let (open, close) = braces(text, holder)?;
    let eol = text::eol(text);
    let unit = text::indent_unit(text);
    let base = text::line_indent(text, holder.span()?.start).to_string();
    let structures: Vec<&Structure> = holder.body.iter().collect();
    let first_start = structures.first().and_then(|s| s.span()).map(|r| r.start);
    let child = match first_start {
        Some(s) if text::first_on_line(text, s) => text::line_indent(text, s).to_string(),
        _ => format!("{base}{unit}"),
    };
    let last_attr = holder
        .body
        .iter()
        .filter_map(Structure::as_attribute)
        .filter_map(|a| a.span().map(|r| (a, r)))
        .max_by_key(|(_, r)| r.end);
    // `terraform fmt` aligns the `=` of a run of one-line attributes: join the run above
    // (re-aligning it when the new key is the longest), so `fmt -check` stays clean.
    let mut edits = Vec::new();
    let content = if blocks.is_empty() {
        let run = last_attr
            .as_ref()
            .map(|(a, _)| run_ending_at(file, &holder.body, a))
            .unwrap_or_default();
        let width = run
            .iter()
            .map(|a| a.key.as_str().len())
            .chain([key.len()])
            .max()
            .unwrap_or(key.len());
        edits.extend(align(file, &run, width)?);
        format!("{:<width$} = {}", key, value.render(Syntax::Hcl))
    } else {
        nested_blocks(blocks, key, value, &child, &unit, eol)
    };
    if structures.is_empty() {
        if !utf8::slice(text, open + 1..close).trim().is_empty() {
            return None; // only comments inside: leave them alone
        }
        return Some(vec![Edit::new(
            file,
            open,
            close + 1,
            format!("{{{eol}{child}{content}{eol}{base}}}"),
        )]);
    }
    if file.line_index.line_of(open as u32) == file.line_index.line_of(close as u32) {
        return None;
    }
    // A new block is separated from the attributes by a blank line.
    let gap = if blocks.is_empty() { "" } else { eol };
    match last_attr {
        Some((_, r)) => {
            let at = text::line_end(text, r.end.saturating_sub(1).max(r.start));
            edits.push(Edit::insert(
                file,
                at,
                format!("{eol}{gap}{child}{content}"),
            ));
            Some(edits)
        }
        None => {
            // Only blocks: attributes go first, right after the `{` line.
            if !text::rest_is_comment(text, open + 1, Syntax::Hcl) {
                return None;
            }
            let at = text::line_end(text, open);
            Some(vec![Edit::insert(
                file,
                at,
                format!("{eol}{child}{content}{gap}"),
            )])
        }
    }
}

/// The one-line attributes on consecutive lines that end with `last` (one `terraform fmt`
/// alignment group); empty when `last` spans several lines.
fn run_ending_at<'b>(file: &SourceFile, body: &'b Body, last: &'b Attribute) -> Vec<&'b Attribute> {
    let line = |o: usize| file.line_index.line_of(o as u32);
    let lines = |a: &Attribute| {
        a.span()
            .map(|r| (line(r.start), line(r.end.saturating_sub(1).max(r.start))))
    };
    let mut attrs: Vec<&Attribute> = body.iter().filter_map(Structure::as_attribute).collect();
    attrs.sort_by_key(|a| a.span().map(|r| r.start).unwrap_or(0));
    let Some(idx) = attrs.iter().position(|a| std::ptr::eq(*a, last)) else {
        return Vec::new();
    };
    let Some((first, end)) = lines(last) else {
        return Vec::new();
    };
    if first != end {
        return Vec::new();
    }
    let mut run = vec![last];
    let mut top = first;
    for a in attrs[..idx].iter().rev() {
        match lines(a) {
            Some((s, e)) if s == e && e + 1 == top => {
                run.push(a);
                top = s;
            }
            _ => break,
        }
    }
    run
}

/// Edits that put the `=` of each attribute of `run` after a key padded to `width`.
fn align(file: &Arc<SourceFile>, run: &[&Attribute], width: usize) -> Option<Vec<Edit>> {
    let text = &*file.text;
    let mut edits = Vec::new();
    for a in run {
        let key_end = a.key.span()?.end;
        let end = a.span()?.end;
        let eq = key_end + text.get(key_end..end)?.find('=')?;
        let pad = " ".repeat(width.saturating_sub(a.key.as_str().len()) + 1);
        if utf8::slice(text, key_end..eq) != pad {
            edits.push(Edit::new(file, key_end, eq, pad));
        }
    }
    Some(edits)
}

fn nested_blocks(
    blocks: &[&str],
    key: &str,
    value: &Scalar,
    indent: &str,
    unit: &str,
    eol: &str,
) -> String {
    match blocks.split_first() {
        None => format!("{key} = {}", value.render(Syntax::Hcl)),
        Some((b, more)) => {
            let inner = format!("{indent}{unit}");
            let body = nested_blocks(more, key, value, &inner, unit, eol);
            format!("{b} {{{eol}{inner}{body}{eol}{indent}}}")
        }
    }
}

/// `sensitive = true` in a `variable` or `output` block (replacing `sensitive = false`).
pub(crate) fn mark_sensitive(file: &Arc<SourceFile>, block: &Block) -> Option<Vec<Edit>> {
    if let Some(a) = attribute(&block.body, "sensitive") {
        if !is_literal(&a.value) {
            return None;
        }
        let r = a.value.span()?;
        return Some(vec![Edit::new(file, r.start, r.end, "true")]);
    }
    add_to_block(file, block, &[], "sensitive", &Scalar::Bool(true))
}

/// `sensitive = true` and no `default`: the default's line becomes the `sensitive` line
/// (its trailing comment, about the value, goes with it); with a `sensitive = false` already
/// there, that is flipped and the default's line deleted. Alignment follows `terraform fmt`.
pub(crate) fn mark_sensitive_without_default(
    file: &Arc<SourceFile>,
    block: &Block,
) -> Option<Vec<Edit>> {
    let default = attribute(&block.body, "default")?;
    if attribute(&block.body, "sensitive").is_some() {
        let mut edits = mark_sensitive(file, block)?;
        edits.extend(remove_attribute(file, block, "default")?);
        return Some(edits);
    }
    let r = default.span()?;
    let text = &*file.text;
    if !text::first_on_line(text, r.start) {
        return None;
    }
    let run = run_around(file, &block.body, default);
    let others: Vec<&Attribute> = run
        .into_iter()
        .filter(|a| !std::ptr::eq(*a, default))
        .collect();
    let width = others
        .iter()
        .map(|a| a.key.as_str().len())
        .chain(["sensitive".len()])
        .max()
        .unwrap_or(9);
    let mut edits = align(file, &others, width)?;
    edits.push(Edit::new(
        file,
        r.start,
        text::line_end(text, r.end),
        format!("{:<width$} = true", "sensitive"),
    ));
    Some(edits)
}

/// Delete attribute `key` of a block with its line (and a trailing comment about it),
/// re-aligning the attributes that were aligned with it.
pub(crate) fn remove_attribute(
    file: &Arc<SourceFile>,
    block: &Block,
    key: &str,
) -> Option<Vec<Edit>> {
    let a = attribute(&block.body, key)?;
    let r = a.span()?;
    let text = &*file.text;
    if !text::first_on_line(text, r.start) {
        return None;
    }
    let mut edits = vec![Edit::new(
        file,
        text::line_start(text, r.start),
        text::next_line_start(text, r.end),
        "",
    )];
    let others: Vec<&Attribute> = run_around(file, &block.body, a)
        .into_iter()
        .filter(|x| !std::ptr::eq(*x, a))
        .collect();
    if let Some(width) = others.iter().map(|x| x.key.as_str().len()).max() {
        edits.extend(align(file, &others, width)?);
    }
    Some(edits)
}

/// Delete the top-level attribute `key` of a `.tfvars` file whose value is at `value`, with
/// its line, re-aligning its alignment group.
pub(crate) fn remove_top_attribute(
    file: &Arc<SourceFile>,
    body: &Body,
    key: &str,
    value: Span,
) -> Option<Vec<Edit>> {
    let a = body.iter().filter_map(Structure::as_attribute).find(|a| {
        a.key.as_str() == key
            && a.value
                .span()
                .is_some_and(|r| r.start == value.start as usize)
    })?;
    let r = a.span()?;
    let text = &*file.text;
    if !text::first_on_line(text, r.start) {
        return None;
    }
    let mut edits = vec![Edit::new(
        file,
        text::line_start(text, r.start),
        text::next_line_start(text, r.end),
        "",
    )];
    let others: Vec<&Attribute> = run_around(file, body, a)
        .into_iter()
        .filter(|x| !std::ptr::eq(*x, a))
        .collect();
    if let Some(width) = others.iter().map(|x| x.key.as_str().len()).max() {
        edits.extend(align(file, &others, width)?);
    }
    Some(edits)
}

/// The `terraform fmt` alignment group `a` belongs to: the one-line attributes on
/// consecutive lines around it (just `a` when it spans several lines).
fn run_around<'b>(file: &SourceFile, body: &'b Body, a: &'b Attribute) -> Vec<&'b Attribute> {
    let line = |o: usize| file.line_index.line_of(o as u32);
    let lines = |x: &Attribute| {
        x.span()
            .map(|r| (line(r.start), line(r.end.saturating_sub(1).max(r.start))))
    };
    let mut run = run_ending_at(file, body, a);
    let Some((_, mut bottom)) = lines(a) else {
        return run;
    };
    if run.is_empty() {
        return vec![a];
    }
    let mut attrs: Vec<&Attribute> = body.iter().filter_map(Structure::as_attribute).collect();
    attrs.sort_by_key(|x| x.span().map(|r| r.start).unwrap_or(0));
    let Some(idx) = attrs.iter().position(|x| std::ptr::eq(*x, a)) else {
        return run;
    };
    for x in &attrs[idx + 1..] {
        match lines(x) {
            Some((s, e)) if s == e && s == bottom + 1 => {
                run.push(x);
                bottom = e;
            }
            _ => break,
        }
    }
    run
}

/// The spans of every top-level block of `body` with identifier `ident`.
pub(crate) fn block_spans(body: &Body, ident: &str) -> Vec<std::ops::Range<usize>> {
    body.iter()
        .filter_map(Structure::as_block)
        .filter(|b| b.ident.as_str() == ident)
        .filter_map(|b| b.span())
        .collect()
}

/// Every top-level block span, in order.
pub(crate) fn all_block_spans(body: &Body) -> Vec<std::ops::Range<usize>> {
    body.iter().filter_map(|s| s.span()).collect()
}

/// The mapping rows of an azurerm resource type, or azapi's own arguments.
pub(crate) fn rows_for(source_type: &str) -> Option<&'static [Row]> {
    let table = mapping::table();
    if source_type.starts_with("azapi_") {
        return Some(&table.azapi);
    }
    let m = table.get(source_type)?;
    // A resource merged into another (custom domains) has no body of its own to edit.
    if m.merge_into.is_some() {
        return None;
    }
    Some(&m.rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_are_of_the_syntax_not_its_surroundings() {
        let text = "resource \"a\" \"b\" {\n  x  = true # c\n  blk {\n  }\n}\n";
        let body = hcl_edit::parser::parse_body(text).unwrap();
        let b = body.iter().filter_map(Structure::as_block).next().unwrap();
        let a = attribute(&b.body, "x").unwrap();
        let at = |span: Option<std::ops::Range<usize>>| text.get(span.unwrap()).unwrap();
        assert_eq!(at(a.value.span()), "true");
        assert_eq!(at(a.span()), "x  = true");
        assert_eq!(at(a.key.span()), "x");
        let (open, close) = braces(text, b).unwrap();
        assert_eq!(
            (at(Some(open..open + 1)), at(Some(close..close + 1))),
            ("{", "}")
        );
        assert_eq!(close, text.len() - 2);
    }
}
