//! Declarations a fix adds or changes: a new secure parameter (Bicep `@secure() param`, ARM
//! `securestring`, Terraform `sensitive` variable), marking an existing parameter or output
//! secure, and removing a parameter's default.

use std::cell::RefCell;
use std::collections::HashSet;
use std::rc::Rc;
use std::sync::Arc;

use jsonc_parser::ast::{ObjectPropName, Value as JsonValue};

use super::insert::{self, Step};
use super::text::{self, Scalar, Syntax};
use super::{hcl, Edit};
use crate::frontend::bicep::ast::{Program, Statement, StmtKind};
use crate::model::text as utf8;
use crate::model::{Document, Node, Property, Value};
use crate::source::{SourceFile, Span};

// ---------------------------------------------------------------------------------------------
// Bicep

thread_local! {
    static BICEP: RefCell<Option<(Arc<SourceFile>, Rc<Program>)>> = const { RefCell::new(None) };
}

/// The Bicep syntax tree of `file` (cached per thread like the HCL one).
fn bicep(file: &Arc<SourceFile>) -> Rc<Program> {
    if let Some(hit) = BICEP.with(|c| {
        c.borrow()
            .as_ref()
            .filter(|(f, _)| Arc::ptr_eq(f, file))
            .map(|(_, p)| p.clone())
    }) {
        return hit;
    }
    let program = Rc::new(crate::frontend::bicep::parse_syntax(&file.text).0);
    BICEP.with(|c| *c.borrow_mut() = Some((file.clone(), program.clone())));
    program
}

/// Bicep words a parameter must not be named after.
const BICEP_KEYWORDS: &[&str] = &[
    "param",
    "var",
    "resource",
    "module",
    "output",
    "type",
    "func",
    "import",
    "metadata",
    "targetscope",
    "using",
    "extension",
    "existing",
    "if",
    "for",
    "in",
    "true",
    "false",
    "null",
    "with",
    "as",
    "sys",
    "az",
];

/// Every name declared at the top of a Bicep file (lower case): symbols share one namespace.
pub(crate) fn bicep_names(file: &Arc<SourceFile>) -> HashSet<String> {
    let program = bicep(file);
    let mut out: HashSet<String> = BICEP_KEYWORDS.iter().map(|s| s.to_string()).collect();
    for s in &program.statements {
        let name = match &s.kind {
            StmtKind::Param { name, .. }
            | StmtKind::Var { name, .. }
            | StmtKind::Output { name, .. }
            | StmtKind::Module { name, .. }
            | StmtKind::Type { name, .. }
            | StmtKind::Func { name, .. }
            | StmtKind::Metadata { name, .. } => Some(&name.name),
            StmtKind::Resource(r) => Some(&r.name.name),
            _ => None,
        };
        if let Some(n) = name {
            out.insert(n.to_ascii_lowercase());
        }
    }
    out
}

/// `@secure() param <name> string`, after the last parameter (else before the first
/// declaration).
pub(crate) fn bicep_new_param(file: &Arc<SourceFile>, name: &str) -> Option<Edit> {
    let program = bicep(file);
    let text = &*file.text;
    let eol = text::eol(text);
    let last_param = program
        .statements
        .iter()
        .filter(|s| matches!(s.kind, StmtKind::Param { .. }))
        .max_by_key(|s| s.span.end);
    if let Some(p) = last_param {
        let at = text::line_end(text, (p.span.end as usize).saturating_sub(1));
        return Some(Edit::insert(
            file,
            at,
            format!("{eol}{eol}@secure(){eol}param {name} string"),
        ));
    }
    let first = program.statements.iter().find(|s| {
        !matches!(
            s.kind,
            StmtKind::TargetScope(_)
                | StmtKind::Metadata { .. }
                | StmtKind::Import { .. }
                | StmtKind::Using { .. }
                | StmtKind::Extension { .. }
                | StmtKind::Extends { .. }
                | StmtKind::Error
        )
    })?;
    let at = text::line_start(text, first.span.start as usize);
    Some(Edit::insert(
        file,
        at,
        format!("@secure(){eol}param {name} string{eol}{eol}"),
    ))
}

/// The `param`/`output` statement whose name starts at `name_start`.
fn bicep_statement(program: &Program, name_start: u32) -> Option<&Statement> {
    program.statements.iter().find(|s| match &s.kind {
        StmtKind::Param { name, .. } | StmtKind::Output { name, .. } => {
            name.span.start == name_start
        }
        _ => false,
    })
}

/// `@secure()` above a parameter or output declaration.
pub(crate) fn bicep_mark_secure(file: &Arc<SourceFile>, name_start: u32) -> Option<Edit> {
    let program = bicep(file);
    let stmt = bicep_statement(&program, name_start)?;
    if stmt.has_decorator("secure") {
        return None;
    }
    let text = &*file.text;
    let at = text::line_start(text, stmt.span.start as usize);
    let indent = text::line_indent(text, at);
    Some(Edit::insert(
        file,
        at,
        format!("{indent}@secure(){}", text::eol(text)),
    ))
}

/// Delete ` = <default>` from a parameter declaration.
pub(crate) fn bicep_remove_default(file: &Arc<SourceFile>, name_start: u32) -> Option<Edit> {
    let program = bicep(file);
    let stmt = bicep_statement(&program, name_start)?;
    let StmtKind::Param {
        default: Some(d), ..
    } = &stmt.kind
    else {
        return None;
    };
    let text = &*file.text;
    let before = utf8::prefix(text, d.span.start as usize).trim_end();
    let eq = before.strip_suffix('=')?;
    let start = eq.trim_end_matches([' ', '\t']).len();
    Some(Edit::new(file, start, d.span.end as usize, ""))
}

// ---------------------------------------------------------------------------------------------
// ARM JSON

thread_local! {
    static JSON: RefCell<Option<(Arc<SourceFile>, Rc<Node>)>> = const { RefCell::new(None) };
}

/// The JSON file as a node tree with exact spans (keys and values), for the object writer;
/// cached per thread like the Bicep and HCL trees (a template with many secrets is parsed
/// once, not once per finding).
pub(crate) fn json_tree(file: &Arc<SourceFile>) -> Option<Rc<Node>> {
    if let Some(hit) = JSON.with(|c| {
        c.borrow()
            .as_ref()
            .filter(|(f, _)| Arc::ptr_eq(f, file))
            .map(|(_, n)| n.clone())
    }) {
        return Some(hit);
    }
    let tree = Rc::new(parse_json_tree(file)?);
    JSON.with(|c| *c.borrow_mut() = Some((file.clone(), tree.clone())));
    Some(tree)
}

fn parse_json_tree(file: &SourceFile) -> Option<Node> {
    let text: &str = &file.text;
    let parsed = jsonc_parser::parse_to_ast(
        text,
        &jsonc_parser::CollectOptions::default(),
        &jsonc_parser::ParseOptions::default(),
    )
    .ok()?;
    fn convert(v: &JsonValue<'_>, depth: usize) -> Node {
        let r = match v {
            JsonValue::StringLit(s) => s.range,
            JsonValue::NumberLit(n) => n.range,
            JsonValue::BooleanLit(b) => b.range,
            JsonValue::NullKeyword(n) => n.range,
            JsonValue::Array(a) => a.range,
            JsonValue::Object(o) => o.range,
        };
        let span = Span::primary(r.start, r.end);
        if depth > crate::frontend::MAX_DEPTH {
            return Node::null(span);
        }
        let value = match v {
            JsonValue::StringLit(s) => Value::String(s.value.to_string()),
            JsonValue::NumberLit(n) => Value::Number(n.value.parse().unwrap_or(0.0)),
            JsonValue::BooleanLit(b) => Value::Bool(b.value),
            JsonValue::NullKeyword(_) => Value::Null,
            JsonValue::Array(a) => {
                Value::Array(a.elements.iter().map(|e| convert(e, depth + 1)).collect())
            }
            JsonValue::Object(o) => Value::Object(
                o.properties
                    .iter()
                    .map(|p| {
                        let (key, kr) = match &p.name {
                            ObjectPropName::String(s) => (s.value.to_string(), s.range),
                            ObjectPropName::Word(w) => (w.value.to_string(), w.range),
                        };
                        Property {
                            key,
                            key_span: Span::primary(kr.start, kr.end),
                            value: convert(&p.value, depth + 1),
                        }
                    })
                    .collect(),
            ),
        };
        Node::new(value, span)
    }
    parsed.value.as_ref().map(|v| convert(v, 0))
}

/// Whether `span` lies inside a nested deployment's inline template
/// (`Microsoft.Resources/deployments` → `properties.template`), whose parameters are its own:
/// a root parameter cannot be referenced from there.
pub(crate) fn json_in_nested_template(root: &Node, span: Span) -> bool {
    let contains = |n: &Node| n.span.start <= span.start && span.end <= n.span.end;
    let is_deployment = |n: &Node| {
        n.get("type")
            .and_then(Node::as_str)
            .is_some_and(|t| t.eq_ignore_ascii_case("Microsoft.Resources/deployments"))
    };
    // (node, the object holding it under `properties`, if any)
    let mut node = root;
    let mut resource: Option<&Node> = None;
    for _ in 0..crate::frontend::MAX_DEPTH {
        let next = match &node.value {
            Value::Object(props) => props.iter().find(|p| contains(&p.value)).map(|p| {
                let into_template =
                    p.key.eq_ignore_ascii_case("template") && resource.is_some_and(is_deployment);
                let holder = p.key.eq_ignore_ascii_case("properties").then_some(node);
                (into_template, &p.value, holder)
            }),
            Value::Array(items) => items.iter().find(|i| contains(i)).map(|i| (false, i, None)),
            _ => None,
        };
        match next {
            Some((true, _, _)) => return true,
            Some((false, n, holder)) if n.span != node.span => {
                resource = holder;
                node = n;
            }
            _ => return false,
        }
    }
    false
}

/// The names of a template's parameters (lower case).
pub(crate) fn arm_names(root: &Node) -> HashSet<String> {
    root.get("parameters")
        .and_then(Node::as_object)
        .map(|ps| ps.iter().map(|p| p.key.to_ascii_lowercase()).collect())
        .unwrap_or_default()
}

/// `"<name>": { "type": "securestring" }` in the template's `parameters` (created after
/// `contentVersion` when the template has none, where ARM templates declare them).
pub(crate) fn arm_new_param(file: &Arc<SourceFile>, root: &Node, name: &str) -> Option<Vec<Edit>> {
    if root.get("parameters").is_none() {
        if let Some(edit) = arm_parameters_section(file, root, name) {
            return Some(vec![edit]);
        }
    }
    let steps = [
        Step::Key("parameters".into()),
        Step::Key(name.into()),
        Step::Key("type".into()),
    ];
    insert::set(
        file,
        Syntax::Json,
        root,
        root.span,
        &steps,
        &Scalar::String("securestring".into()),
    )
}

/// A new `parameters` section declaring `name`, on its own lines before the property that
/// follows `contentVersion` (or `$schema`).
fn arm_parameters_section(file: &Arc<SourceFile>, root: &Node, name: &str) -> Option<Edit> {
    let props = root.as_object()?;
    let after = props
        .iter()
        .rposition(|p| p.key.eq_ignore_ascii_case("contentVersion"))
        .or_else(|| props.iter().rposition(|p| p.key == "$schema"))?;
    let next = props.get(after + 1)?;
    let text = &*file.text;
    let at = next.key_span.start as usize;
    if !text::first_on_line(text, at) {
        return None;
    }
    let eol = text::eol(text);
    let unit = text::indent_unit(text);
    let indent = text::line_indent(text, at);
    let entry = insert::block_entry(
        Syntax::Json,
        &[name.to_string(), "type".to_string()],
        &Scalar::String("securestring".into()),
        &format!("{indent}{unit}"),
        &unit,
        eol,
    );
    Some(Edit::insert(
        file,
        text::line_start(text, at),
        format!("{indent}\"parameters\": {{{eol}{indent}{unit}{entry}{eol}{indent}}},{eol}"),
    ))
}

/// `"type": "string"` → `"securestring"` (`object` → `secureObject`) for a parameter or
/// output (`section` is `parameters` or `outputs`).
pub(crate) fn arm_mark_secure(
    file: &Arc<SourceFile>,
    root: &Node,
    section: &str,
    name: &str,
) -> Option<Edit> {
    let ty = root.get(section)?.get(name)?.get("type")?;
    let secure = match ty.as_str()? {
        t if t.eq_ignore_ascii_case("string") => "securestring",
        t if t.eq_ignore_ascii_case("object") => "secureObject",
        _ => return None,
    };
    Some(Edit::new(
        file,
        ty.span.start as usize,
        ty.span.end as usize,
        format!("\"{secure}\""),
    ))
}

/// Delete a parameter's `"defaultValue": …` property, with its separating comma.
pub(crate) fn arm_remove_default(file: &Arc<SourceFile>, root: &Node, name: &str) -> Option<Edit> {
    let param = root.get("parameters")?.get(name)?;
    let props = param.as_object()?;
    let i = props
        .iter()
        .rposition(|p| p.key.eq_ignore_ascii_case("defaultValue"))?;
    let text = &*file.text;
    let p = &props[i];
    let (start, end) = if let Some(next) = props.get(i + 1) {
        // Up to the next property, taking the comma after this one.
        (p.key_span.start as usize, next.key_span.start as usize)
    } else if let Some(prev) = i.checked_sub(1).map(|j| &props[j]) {
        // The last one: from the end of the previous value, taking the comma before it.
        (prev.value.span.end as usize, p.value.span.end as usize)
    } else {
        (p.key_span.start as usize, p.value.span.end as usize)
    };
    // Keep a trailing comma that followed the last property (lenient JSON).
    let _ = text;
    Some(Edit::new(file, start, end, ""))
}

// ---------------------------------------------------------------------------------------------
// Terraform

/// The module's file for new variables: its `variables.tf` when it has one, else `file`.
pub(crate) fn tf_variables_file(doc: &Document, file: &Arc<SourceFile>) -> Arc<SourceFile> {
    doc.files
        .iter()
        .filter(|f| same_folder(f, file))
        .find(|f| {
            f.path
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.eq_ignore_ascii_case("variables.tf"))
        })
        .cloned()
        .unwrap_or_else(|| file.clone())
}

/// The names of the variables of `file`'s module (lower case). A deployment document also
/// holds the variables of the modules it calls: those are another namespace.
pub(crate) fn tf_names(doc: &Document, file: &Arc<SourceFile>) -> HashSet<String> {
    doc.parameters
        .iter()
        .filter(|p| {
            doc.file_by_id(p.span.file)
                .is_none_or(|f| same_folder(f, file))
        })
        .map(|p| p.name.to_ascii_lowercase())
        .collect()
}

/// Whether two files are in the same folder (the same Terraform module).
fn same_folder(a: &SourceFile, b: &SourceFile) -> bool {
    a.path.parent() == b.path.parent()
}

/// `variable "<name>" { type = string, sensitive = true }` in `file`: after its last
/// `variable` block, else at the end of a `variables.tf`, else before its first block.
pub(crate) fn tf_new_variable(file: &Arc<SourceFile>, name: &str) -> Option<Edit> {
    let body = hcl::body(file)?;
    let text = &*file.text;
    let eol = text::eol(text);
    let unit = text::indent_unit(text);
    let block = format!(
        "variable \"{name}\" {{{eol}{unit}type      = string{eol}{unit}sensitive = true{eol}}}"
    );
    let vars = hcl::block_spans(&body, "variable");
    if let Some(last) = vars.iter().max_by_key(|r| r.end) {
        let at = text::line_end(text, last.end.saturating_sub(1));
        return Some(Edit::insert(file, at, format!("{eol}{eol}{block}")));
    }
    let is_variables_file = file
        .path
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.eq_ignore_ascii_case("variables.tf"));
    let blocks = hcl::all_block_spans(&body);
    match blocks.first() {
        Some(first) if !is_variables_file => {
            let at = text::line_start(text, first.start);
            Some(Edit::insert(file, at, format!("{block}{eol}{eol}")))
        }
        _ => {
            let trimmed = text.trim_end().len();
            let sep = if trimmed == 0 { "" } else { "\n\n" };
            let sep = if eol == "\r\n" {
                sep.replace('\n', "\r\n")
            } else {
                sep.to_string()
            };
            Some(Edit::new(
                file,
                trimmed,
                text.len(),
                format!("{sep}{block}{eol}"),
            ))
        }
    }
}

/// The `variable` (or `output`) block named `name` in `file`, with `f` applied to it.
pub(crate) fn with_tf_block<T>(
    file: &Arc<SourceFile>,
    ident: &str,
    name: &str,
    f: impl FnOnce(&hcl_edit::structure::Block) -> Option<T>,
) -> Option<T> {
    let body = hcl::body(file)?;
    let block = hcl::labelled(&body, ident, name)?;
    f(block)
}
