//! Terraform front end: a module directory (`.tf` + `.tfvars`) becomes one document.
//!
//! - `lower`: HCL expressions and blocks → model nodes with provenance;
//! - `mapping` (+ `transform`): the declarative azurerm → ARM table (`mappings/azurerm.yaml`);
//! - `azapi`: `azapi_resource` bodies, already ARM-shaped;
//! - `inputs`: `.tfvars` values and `module` calls → assignments.

// Byte-index slicing of user text panics on a multi-byte character (issue 13, D1-D3):
// use `str::get` or the boundary-safe helpers in `model::text` instead.
#![deny(clippy::string_slice)]

mod azapi;
mod inputs;
mod json;
mod lower;
pub mod mapping;
mod text;
mod transform;

use std::collections::HashMap;
use std::sync::Arc;

use hcl_edit::structure::{Block, Body, Structure};
use hcl_edit::Span as _;

use super::Loader;
use crate::model::{Document, Format, Node, Output, Parameter, Resource, Value, Variable};
use crate::source::{SourceFile, Span};
use lower::{LocalDef, Lowerer, VarInfo};

pub use text::normalize as normalize_expression;

/// What a file of the module is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum FileRole {
    Config,
    Vars,
    VarsJson,
    /// `.tf.json`: not analysed (reported once).
    ConfigJson,
}

fn role(file: &SourceFile) -> FileRole {
    let name = file
        .path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    if name.ends_with(".tfvars.json") {
        FileRole::VarsJson
    } else if name.ends_with(".json") {
        FileRole::ConfigJson
    } else if name.ends_with(".tfvars") {
        FileRole::Vars
    } else {
        FileRole::Config
    }
}

/// `terraform.tfvars` and `*.auto.tfvars` are loaded by Terraform without being asked;
/// their values are what `var.x` will be.
fn auto_loaded(file: &SourceFile) -> bool {
    let name = file
        .path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let name = name.strip_suffix(".json").unwrap_or(&name);
    name == "terraform.tfvars" || name.ends_with(".auto.tfvars")
}

/// Parse every file of one module directory. `files` holds the directory's `.tf`,
/// `.tf.json` and `.tfvars` files in a stable order; spans index into it.
pub fn parse_module(files: Vec<Arc<SourceFile>>, loader: &Loader) -> Document {
    let files = if files.is_empty() {
        vec![Arc::new(SourceFile::from_text("main.tf", ""))]
    } else {
        files
    };
    let mut doc = Document::new(Format::Terraform, files[0].clone());
    doc.files = files.clone();

    let mut bodies: Vec<(u32, FileRole, Body)> = Vec::new();
    let mut json_vars: Vec<(u32, Vec<json::JsonVar>)> = Vec::new();
    let mut json_configs: Vec<(u32, jsonc_parser::ast::Value)> = Vec::new();
    for (i, f) in files.iter().enumerate() {
        let i = i as u32;
        match role(f) {
            FileRole::VarsJson => match json::tfvars(f.id, &f.text) {
                Ok(vars) => json_vars.push((i, vars)),
                Err((message, at)) => {
                    let at = at.min(f.text.len());
                    doc.parse_error(
                        format!("JSON syntax error: {message}"),
                        Span::new(f.id, at, (at + 1).min(f.text.len())),
                    );
                }
            },
            FileRole::ConfigJson => match json::parse_config(&f.text) {
                Ok(obj) => json_configs.push((i, jsonc_parser::ast::Value::Object(obj))),
                Err((message, at)) => {
                    let at = at.min(f.text.len());
                    doc.parse_error(
                        format!("JSON syntax error: {message}"),
                        Span::new(f.id, at, (at + 1).min(f.text.len())),
                    );
                }
            },
            r => match hcl_edit::parser::parse_body(&f.text) {
                Ok(body) => bodies.push((i, r, body)),
                Err(e) => {
                    // `message()` is built from hcl-edit's fixed context strings; the error's
                    // `Display` (which quotes the source line) is never used.
                    let at = e.location().offset().min(f.text.len());
                    let end = (at + 1).min(f.text.len());
                    doc.parse_error(
                        format!("HCL syntax error: {}", e.message()),
                        Span::new(f.id, at, end),
                    );
                }
            },
        }
    }

    let mut lw = Lowerer::new(&files);
    let blocks: Vec<(u32, &Block)> = bodies
        .iter()
        .filter(|(_, r, _)| *r == FileRole::Config)
        .flat_map(|(i, _, b)| {
            b.iter()
                .filter_map(Structure::as_block)
                .map(move |blk| (*i, blk))
        })
        .collect();
    let of_kind = |kind: &'static str| {
        blocks
            .iter()
            .filter(move |(_, b)| b.ident.as_str() == kind)
            .copied()
    };

    for (_, b) in of_kind("resource") {
        if let Some(t) = b.labels.first() {
            lw.resource_types.insert(t.as_str().to_string());
        }
    }
    for (prefix, kind) in [("", "resource"), ("data.", "data")] {
        for (_, b) in of_kind(kind) {
            if let (Some(t), Some(n)) = (b.labels.first(), b.labels.get(1)) {
                if t.as_str() != "azapi_resource_action" {
                    continue;
                }
                let text = |k| attr(&b.body, k).and_then(|e| e.as_str()).unwrap_or("");
                if let Some(k) = lower::key_action_kind(text("action"), text("type")) {
                    lw.key_actions
                        .insert(format!("{prefix}{}.{}", t.as_str(), n.as_str()), k);
                }
            }
        }
    }
    for (_, root) in &json_configs {
        for (section, _, v) in json::props(root) {
            if section == "resource" {
                for (ty, _, _) in json::props(v) {
                    lw.resource_types.insert(ty);
                }
            }
        }
    }
    for (file, b) in of_kind("locals") {
        for a in b.body.iter().filter_map(Structure::as_attribute) {
            lw.locals.insert(
                a.key.as_str().to_string(),
                LocalDef {
                    file,
                    expr: &a.value,
                },
            );
        }
    }

    // Variables: declarations first (defaults are constants), then auto-loaded tfvars.
    let mut declared: HashMap<String, VarInfo> = HashMap::new();
    for (file, b) in of_kind("variable") {
        let Some(label) = b.labels.first() else {
            continue;
        };
        lw.file = file;
        let name = label.as_str().to_string();
        let flag = |key: &str| {
            attr(&b.body, key)
                .and_then(|e| e.as_bool())
                .unwrap_or(false)
        };
        let secure = flag("sensitive") || flag("ephemeral");
        let default = attr(&b.body, "default").map(|e| lw.expr(e));
        let type_name = attr(&b.body, "type").map(|e| type_kind(&lw.text(lw.span(e.span()))));
        let literal = default.as_ref().and_then(literal_text);
        declared.insert(
            name.clone(),
            VarInfo {
                secure,
                literal,
                value: default.clone(),
            },
        );
        doc.parameters.push(Parameter {
            name,
            span: lw.span(label.span()),
            secure,
            type_name,
            default,
        });
    }
    for (file, root) in &json_configs {
        lw.file = *file;
        for (section, _, v) in json::props(root) {
            if section != "variable" {
                continue;
            }
            for (name, name_span, decl) in json::props(v) {
                let fields = json::props(decl);
                let field = |k: &str| fields.iter().find(|(n, _, _)| n == k).map(|(_, _, v)| *v);
                let flag = |k: &str| matches!(field(k), Some(jsonc_parser::ast::Value::BooleanLit(b)) if b.value);
                let secure = flag("sensitive") || flag("ephemeral");
                let default = field("default").map(|d| json::lower_value(&mut lw, d, 0));
                let literal = default.as_ref().and_then(literal_text);
                declared.insert(
                    name.clone(),
                    VarInfo {
                        secure,
                        literal,
                        value: default.clone(),
                    },
                );
                let type_name = match field("type") {
                    Some(jsonc_parser::ast::Value::StringLit(t)) => Some(type_kind(&t.value)),
                    _ => None,
                };
                doc.parameters.push(Parameter {
                    name,
                    span: Span {
                        file: files[*file as usize].id,
                        ..name_span
                    },
                    secure,
                    type_name,
                    default,
                });
            }
        }
    }
    let mut vars = declared.clone();
    for (file, _, body) in bodies
        .iter()
        .filter(|(i, r, _)| *r == FileRole::Vars && auto_loaded(&files[*i as usize]))
    {
        lw.file = *file;
        for a in body.iter().filter_map(Structure::as_attribute) {
            let value = lw.expr(&a.value);
            let info = vars.entry(a.key.as_str().to_string()).or_default();
            info.literal = literal_text(&value);
            info.value = Some(value);
        }
    }
    for (file, list) in &json_vars {
        if !auto_loaded(&files[*file as usize]) {
            continue;
        }
        for v in list {
            let info = vars.entry(v.name.clone()).or_default();
            info.literal = literal_text(&v.value);
            info.value = Some(v.value.clone());
        }
    }
    lw.vars = vars;

    for (file, b) in of_kind("locals") {
        for a in b.body.iter().filter_map(Structure::as_attribute) {
            lw.file = file;
            let name = a.key.as_str();
            let span = lw.span(a.key.span());
            let value_span = lw.span(a.value.span());
            let value = lw
                .local(name, value_span)
                .unwrap_or_else(|| Node::null(value_span));
            let value = match value.value {
                // The local's own value, pointing at its definition.
                Value::Object(_) | Value::Array(_) => value,
                _ => Node {
                    span: lw.span(a.value.span()),
                    ..value
                },
            };
            doc.variables.push(Variable {
                name: name.to_string(),
                span,
                value,
            });
        }
    }

    for (file, root) in &json_configs {
        lw.file = *file;
        for (section, _, v) in json::props(root) {
            match section.as_str() {
                "locals" => {
                    for (name, name_span, value) in json::props(v) {
                        let value = json::lower_value(&mut lw, value, 0);
                        lw.define_local(&name, value.clone());
                        doc.variables.push(Variable {
                            name,
                            span: Span {
                                file: files[*file as usize].id,
                                ..name_span
                            },
                            value,
                        });
                    }
                }
                "output" => {
                    for (name, name_span, decl) in json::props(v) {
                        let fields = json::props(decl);
                        let field =
                            |k: &str| fields.iter().find(|(n, _, _)| n == k).map(|(_, _, v)| *v);
                        let secure = matches!(field("sensitive"), Some(jsonc_parser::ast::Value::BooleanLit(b)) if b.value);
                        let span = Span {
                            file: files[*file as usize].id,
                            ..name_span
                        };
                        let value = field("value")
                            .map(|x| json::lower_value(&mut lw, x, 0))
                            .unwrap_or_else(|| Node::null(span));
                        doc.outputs.push(Output {
                            name,
                            span,
                            value,
                            secure,
                        });
                    }
                }
                _ => {}
            }
        }
    }

    for (file, b) in of_kind("output") {
        let Some(label) = b.labels.first() else {
            continue;
        };
        lw.file = file;
        let value = match attr(&b.body, "value") {
            Some(e) => lw.expr(e),
            None => Node::null(lw.span(b.span())),
        };
        doc.outputs.push(Output {
            name: label.as_str().to_string(),
            span: lw.span(label.span()),
            value,
            secure: attr(&b.body, "sensitive")
                .and_then(|e| e.as_bool())
                .unwrap_or(false),
        });
    }

    let mut merges = Vec::new();
    for (file, b) in of_kind("resource") {
        lw.file = file;
        lower_resource(&mut lw, b, &mut doc, &mut merges);
    }
    for (file, root) in &json_configs {
        lw.file = *file;
        for (section, _, v) in json::props(root) {
            if section != "resource" {
                continue;
            }
            for (ty, _, by_name) in json::props(v) {
                for (name, name_span, body) in json::props(by_name) {
                    let header = Span {
                        file: files[*file as usize].id,
                        ..name_span
                    };
                    let mut tree = json::lower_value(&mut lw, body, 0);
                    tree.span = header;
                    lower_tree(
                        &mut lw,
                        &ty,
                        &name,
                        header,
                        &tree,
                        None,
                        &mut doc,
                        &mut merges,
                    );
                }
            }
        }
    }
    for (target, body) in merges {
        if let Some(r) = doc
            .resources
            .iter_mut()
            .find(|r| r.symbol.as_deref() == Some(target.as_str()))
        {
            mapping::merge(&mut r.body, body, 0);
        }
    }

    inputs::module_calls(&mut lw, of_kind("module"), &files, loader, &mut doc);
    for (file, _, body) in bodies.iter().filter(|(_, r, _)| *r == FileRole::Vars) {
        lw.file = *file;
        inputs::tfvars(&mut lw, body, &declared, &mut doc);
    }
    for (_, list) in json_vars {
        for v in list {
            doc.assignments.push(crate::model::Assignment {
                target_secure: declared.get(&v.name).map(|d| d.secure),
                name: v.name,
                span: v.key_span,
                value: v.value,
                target: None,
            });
        }
    }
    lw.budget.report(&mut doc, "local and variable values");
    doc
}

fn attr<'b>(body: &'b Body, key: &str) -> Option<&'b hcl_edit::expr::Expression> {
    body.iter()
        .filter_map(Structure::as_attribute)
        .find(|a| a.key.as_str() == key)
        .map(|a| &a.value)
}

/// The literal text of a scalar value (`null` has none).
fn literal_text(n: &Node) -> Option<String> {
    match &n.value {
        Value::String(_) | Value::Number(_) | Value::Bool(_) => {
            n.known_text().map(|t| t.into_owned())
        }
        _ => None,
    }
}

/// The block header: `resource "azurerm_x" "name"` (keyword through the last label).
fn header_span(lw: &Lowerer, b: &Block) -> Span {
    let start = b.ident.span().map(|r| r.start).unwrap_or(0);
    let end = b
        .labels
        .last()
        .and_then(|l| l.span())
        .map(|r| r.end)
        .unwrap_or(start);
    Span::new(lw.file_id(), start, end)
}

fn lower_resource(
    lw: &mut Lowerer,
    b: &Block,
    doc: &mut Document,
    merges: &mut Vec<(String, Node)>,
) {
    // `each.value` inside the block has the provenance of the `for_each` collection.
    match attr(&b.body, "for_each")
        .map(|e| lw.expr(e))
        .map(|n| lower::deep_provenance(&n))
    {
        Some(p) => lw.with_iterator("each", p, |lw| lower_resource_body(lw, b, doc, merges)),
        None => lower_resource_body(lw, b, doc, merges),
    }
}

fn lower_resource_body(
    lw: &mut Lowerer,
    b: &Block,
    doc: &mut Document,
    merges: &mut Vec<(String, Node)>,
) {
    let (Some(ty), Some(name)) = (b.labels.first(), b.labels.get(1)) else {
        return;
    };
    // Resources that are neither mapped nor azapi are not model resources: skip the work.
    if !matches!(ty.as_str(), "azapi_resource" | "azapi_update_resource")
        && mapping::table().get(ty.as_str()).is_none()
    {
        return;
    }
    let header = header_span(lw, b);
    let tree = lw.block_tree(&b.body, header);
    lower_tree(
        lw,
        ty.as_str(),
        name.as_str(),
        header,
        &tree,
        Some(b),
        doc,
        merges,
    );
}

/// Map a resource's lowered tree (from HCL or `.tf.json`) into a model resource.
#[allow(clippy::too_many_arguments)]
fn lower_tree(
    lw: &mut Lowerer,
    ty: &str,
    name: &str,
    header: Span,
    tree: &Node,
    block: Option<&Block>,
    doc: &mut Document,
    merges: &mut Vec<(String, Node)>,
) {
    let address = format!("{ty}.{name}");
    if ty == "azapi_resource" || ty == "azapi_update_resource" {
        if let Some(r) = azapi::lower(lw, block, ty, &address, header, tree, doc) {
            doc.resources.push(r);
        }
        return;
    }
    let table = mapping::table();
    let Some(m) = table.get(ty) else {
        return;
    };
    let mut body = Node::object(Vec::new(), header);
    mapping::apply(&table.common, tree, &mut body);
    mapping::apply(&m.rows, tree, &mut body);
    if let Some(via) = &m.merge_into {
        let target = tree
            .get(via)
            .and_then(Node::as_expr)
            .and_then(|e| e.refs.first().map(|r| r.name().to_string()));
        if let Some(target) = target {
            // Name/location/tags belong to the target; only the mapped settings move.
            if let Value::Object(props) = &mut body.value {
                props.retain(|p| !matches!(p.key.as_str(), "name" | "location" | "tags"));
            }
            merges.push((target, body));
        }
        return;
    }
    doc.resources.push(Resource {
        resource_type: m.arm_type.clone(),
        api_version: m.api_version.clone(),
        name: address.clone(),
        key: crate::model::local_key(Some(&address), &address),
        symbol: Some(address),
        span: header,
        body,
        existing: false,
        source_type: Some(ty.to_string()),
        instance: None,
        name_value: None,
    });
}

/// Lower a Terraform module folder (its `.tf` and `.tfvars` files) as a module instance (see
/// [`crate::frontend::instance`]). Today: the folder on its own.
pub fn instantiate(
    files: Vec<Arc<SourceFile>>,
    _inputs: super::instance::Inputs,
    _instance: Option<Arc<crate::model::Instance>>,
    cx: &mut super::instance::DeployCx<'_>,
) -> Document {
    parse_module(files, cx.loader)
}

#[cfg(test)]
mod tests;

/// The kind of a variable's type constraint: its outer constructor (`list(object({…}))` →
/// `list`, `map(string)` → `map`), so rules can tell collections from strings without
/// parsing type expressions; primitives (`string`, `number`, `bool`, `any`) stay as written.
fn type_kind(text: &str) -> String {
    let t = text.trim();
    match t.split_once('(') {
        Some((ctor, _)) if !ctor.trim().is_empty() => ctor.trim().to_string(),
        _ => t.to_string(),
    }
}
