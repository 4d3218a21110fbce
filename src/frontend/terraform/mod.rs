//! Terraform front end: a module directory (`.tf` + `.tfvars`) becomes one document, a
//! module instance of a deployment: a root module with its tfvars, or a module called with
//! its caller's arguments; the local modules it calls are instantiated in turn and absorbed.
//!
//! - `lower`: HCL expressions and blocks → model nodes with provenance, evaluated where the
//!   values are known (`eval`: operators and functions; `types`: optional attributes);
//! - `modules`: `module` blocks → module instances, their outputs;
//! - `mapping` (+ `transform`): the declarative azurerm → ARM table (`mappings/azurerm.yaml`);
//! - `azapi`: `azapi_resource` bodies, already ARM-shaped;
//! - `inputs`: `.tfvars` values and `module` calls → assignments.

mod azapi;
mod eval;
mod inputs;
mod json;
mod lower;
pub mod mapping;
mod modules;
mod reverse;
mod text;
mod transform;
mod types;

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;

use hcl_edit::structure::{Block, Body, Structure};
use hcl_edit::Span as _;

use super::instance::{DeployCx, Inputs};
use super::Loader;
use crate::model::{
    Comment, CommentKind, Diagnostic, DiagnosticKind, Document, Format, Instance, Node, Output,
    Parameter, Provenance, Ref, Resource, Target, Value, Variable,
};
use crate::source::{SourceFile, Span};
use lower::{Expansion, Iter, LocalDef, Lowerer, VarInfo};
use modules::ModuleCall;

pub(crate) use reverse::written_property;

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

/// A module folder's files, parsed once (every variant and instance lowers the same trees).
struct Parsed<'t> {
    bodies: Vec<(u32, FileRole, Rc<Body>)>,
    json_vars: Vec<(u32, Vec<json::JsonVar>)>,
    json_configs: Vec<(u32, jsonc_parser::ast::Value<'t>)>,
    errors: Vec<Diagnostic>,
    /// The comments of each HCL file that parsed (by index in `files`).
    comments: Vec<(u32, Vec<Comment>)>,
}

fn parse(files: &[Arc<SourceFile>]) -> Parsed<'_> {
    let mut parsed = Parsed {
        bodies: Vec::new(),
        json_vars: Vec::new(),
        json_configs: Vec::new(),
        errors: Vec::new(),
        comments: Vec::new(),
    };
    let error = |message: String, f: &SourceFile, at: usize| {
        let at = at.min(f.text.len());
        Diagnostic {
            kind: DiagnosticKind::ParseError,
            message,
            span: Span::new(f.id, at, (at + 1).min(f.text.len())),
        }
    };
    for (i, f) in files.iter().enumerate() {
        let i = i as u32;
        match role(f) {
            FileRole::VarsJson => match json::tfvars(f.id, &f.text) {
                Ok(vars) => parsed.json_vars.push((i, vars)),
                Err((message, at)) => {
                    parsed
                        .errors
                        .push(error(format!("JSON syntax error: {message}"), f, at))
                }
            },
            FileRole::ConfigJson => match json::parse_config(&f.text) {
                Ok(obj) => parsed
                    .json_configs
                    .push((i, jsonc_parser::ast::Value::Object(obj))),
                Err((message, at)) => {
                    parsed
                        .errors
                        .push(error(format!("JSON syntax error: {message}"), f, at))
                }
            },
            r => match parse_hcl(f) {
                Ok(body) => {
                    if crate::model::may_hold_directives(&f.text) {
                        parsed.comments.push((i, hcl_comments(&f.text, &body)));
                    }
                    parsed.bodies.push((i, r, body));
                }
                Err(e) => {
                    // `message()` is built from hcl-edit's fixed context strings; the error's
                    // `Display` (which quotes the source line) is never used.
                    let at = e.location().offset();
                    parsed
                        .errors
                        .push(error(format!("HCL syntax error: {}", e.message()), f, at));
                }
            },
        }
    }
    parsed
}

/// The comments of an HCL file that parsed: `#` and `//` to the end of the line, `/* … */`,
/// outside the strings, templates and heredocs the parser found (their spans).
fn hcl_comments(text: &str, body: &Body) -> Vec<Comment> {
    use hcl_edit::expr::Expression;
    use hcl_edit::visit::{visit_block_label, visit_expr, Visit};
    struct Strings(Vec<std::ops::Range<usize>>);
    impl Visit for Strings {
        fn visit_expr(&mut self, e: &Expression) {
            match e {
                Expression::String(_)
                | Expression::StringTemplate(_)
                | Expression::HeredocTemplate(_) => self.0.extend(e.span()),
                _ => visit_expr(self, e),
            }
        }
        fn visit_block_label(&mut self, l: &hcl_edit::structure::BlockLabel) {
            match l.span() {
                Some(s) => self.0.push(s),
                None => visit_block_label(self, l),
            }
        }
    }
    let mut strings = Strings(Vec::new());
    strings.visit_body(body);
    let mut skip = strings.0;
    skip.sort_by_key(|r| r.start);
    let bytes = text.as_bytes();
    let line_end = |from: usize| {
        bytes[from..]
            .iter()
            .position(|b| matches!(b, b'\n' | b'\r'))
            .map_or(bytes.len(), |n| from + n)
    };
    let mut out = Vec::new();
    let (mut i, mut k) = (0, 0);
    while i < bytes.len() {
        while k < skip.len() && skip[k].end <= i {
            k += 1;
        }
        if let Some(r) = skip.get(k) {
            if r.start <= i {
                i = r.end;
                continue;
            }
        }
        match (bytes[i], bytes.get(i + 1)) {
            (b'#', _) | (b'/', Some(b'/')) => {
                let end = line_end(i);
                out.push(Comment::new(i..end, CommentKind::Line));
                i = end;
            }
            (b'/', Some(b'*')) => {
                let end = text
                    .get(i + 2..)
                    .and_then(|rest| rest.find("*/"))
                    .map_or(bytes.len(), |n| i + 2 + n + 2);
                out.push(Comment::new(i..end, CommentKind::Block));
                i = end;
            }
            _ => i += 1,
        }
    }
    out
}

/// Parsed HCL trees of files parsed more than once, by path (with the file, whose text
/// must be the same for a tree to be reused).
type ParsedFiles = HashMap<std::path::PathBuf, (Arc<SourceFile>, Rc<Body>)>;

/// Source bytes of the HCL files whose trees a thread keeps (see [`parse_hcl`]).
/// A parsed HCL tree takes many times its source in memory: with 4 MiB the cached trees were
/// most of the heap on large repositories (massif; 399 MB peak for ten corpus copies, 288 MB
/// with 1 MiB, same findings and CPU time). 1 MiB still holds the module folders that many
/// examples call, which is what the cache is for.
const PARSE_CACHE_BYTES: usize = 1 << 20;

/// Files a thread remembers having parsed once (path and text hash), before forgetting.
const PARSE_SEEN_MAX: usize = 100_000;

thread_local! {
    /// A module folder is lowered once per instance and per deployment (every example of a
    /// module calls it; a var-file variant lowers the root again), and parsing dominates the
    /// cost: the trees of files parsed a second time are kept (most files are parsed once
    /// and are not, which bounds the memory held).
    static PARSE_CACHE: RefCell<(usize, ParsedFiles)> = RefCell::new((0, HashMap::new()));
    static PARSE_SEEN: RefCell<std::collections::HashSet<(std::path::PathBuf, u64)>> =
        RefCell::new(std::collections::HashSet::new());
}

/// Parse an HCL file (a `.tf` or `.tfvars`), from the thread's cache when the same text
/// was parsed at that path before; the cache is emptied when it would hold more than
/// [`PARSE_CACHE_BYTES`].
fn parse_hcl(f: &Arc<SourceFile>) -> Result<Rc<Body>, hcl_edit::parser::Error> {
    let hit = PARSE_CACHE.with(|c| {
        c.borrow()
            .1
            .get(&f.path)
            .filter(|(cached, _)| Arc::ptr_eq(cached, f) || cached.text == f.text)
            .map(|(_, b)| b.clone())
    });
    if let Some(body) = hit {
        return Ok(body);
    }
    let body = Rc::new(hcl_edit::parser::parse_body(&f.text)?);
    let again = PARSE_SEEN.with(|seen| {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        f.text.hash(&mut h);
        let mut seen = seen.borrow_mut();
        if seen.len() >= PARSE_SEEN_MAX {
            seen.clear();
        }
        !seen.insert((f.path.clone(), h.finish()))
    });
    if again && f.text.len() <= PARSE_CACHE_BYTES / 4 {
        PARSE_CACHE.with(|c| {
            let (bytes, map) = &mut *c.borrow_mut();
            if *bytes + f.text.len() > PARSE_CACHE_BYTES {
                map.clear();
                *bytes = 0;
            }
            *bytes += f.text.len();
            if let Some((old, _)) = map.insert(f.path.clone(), (f.clone(), body.clone())) {
                *bytes -= old.text.len();
            }
        });
    }
    Ok(body)
}

/// Lower one module directory on its own, as an entry point (its `terraform.tfvars` and
/// `*.auto.tfvars` set its variables; local modules it calls are instantiated). `files`
/// holds the directory's `.tf`, `.tf.json` and `.tfvars` files in a stable order.
pub fn parse_module(files: Vec<Arc<SourceFile>>, loader: &Loader) -> Document {
    let mut cx = DeployCx::new(loader);
    lower_folder(files, &Inputs::Standalone, None, &mut cx)
}

/// Lower a Terraform module folder (its `.tf` and `.tfvars` files) as a module instance (see
/// [`crate::frontend::instance`]): with its caller's arguments (`Inputs::Called`), or as an
/// entry point (`Standalone`: a root module, whose tfvars files set its variables).
///
/// A root module with var-files that Terraform does not load by itself (`prod.tfvars`,
/// applied with `-var-file`) is one deployment per such file (the auto-loaded files plus that
/// one), besides the one with the auto-loaded files only: the variants' resources join the
/// document under an instance named after the file (`var-file:prod.tfvars`), so that a value
/// set only in `prod.tfvars` is followed into the resources like an auto-loaded one.
pub fn instantiate(
    files: Vec<Arc<SourceFile>>,
    inputs: Inputs,
    instance: Option<Arc<Instance>>,
    cx: &mut DeployCx<'_>,
) -> Document {
    lower_folder(files, &inputs, instance, cx)
}

fn lower_folder(
    files: Vec<Arc<SourceFile>>,
    inputs: &Inputs,
    instance: Option<Arc<Instance>>,
    cx: &mut DeployCx<'_>,
) -> Document {
    let files = if files.is_empty() {
        vec![Arc::new(SourceFile::from_text("main.tf", ""))]
    } else {
        files
    };
    let parsed = parse(&files);
    let root = instance.is_none() && !inputs.is_called();
    if !root {
        return lower_variant(&files, &parsed, inputs, instance, None, cx);
    }
    modules::fresh_budget();
    let is_vars = |i: usize| matches!(role(&files[i]), FileRole::Vars | FileRole::VarsJson);
    // Terraform loads `terraform.tfvars` (then its `.json` form), then the `*.auto.tfvars`
    // in lexical order of their names; a later file overrides an earlier one.
    let mut auto: Vec<u32> = (0..files.len())
        .filter(|&i| is_vars(i) && auto_loaded(&files[i]))
        .map(|i| i as u32)
        .collect();
    auto.sort_by_key(|&i| {
        let name = file_name(&files[i as usize]).to_ascii_lowercase();
        (!name.starts_with("terraform.tfvars"), name)
    });
    let var_files: Vec<u32> = (0..files.len())
        .filter(|&i| is_vars(i) && !auto_loaded(&files[i]))
        .map(|i| i as u32)
        .collect();
    let mut doc = lower_variant(&files, &parsed, inputs, None, Some(&auto), cx);
    for vf in var_files {
        let name = file_name(&files[vf as usize]);
        let pseudo = Arc::new(Instance {
            path: format!("var-file:{name}"),
            source: name,
            call: Span::new(files[vf as usize].id, 0, 0),
        });
        let mut set = auto.clone();
        set.push(vf);
        modules::fresh_budget();
        let variant = lower_variant(&files, &parsed, inputs, Some(pseudo), Some(&set), cx);
        // Only what the var-file changes: the declarations are the same.
        for f in variant.files {
            if doc.file_by_id(f.id).is_none() {
                doc.files.push(f);
            }
        }
        doc.resources.extend(variant.resources);
        for d in variant.diagnostics {
            if !doc
                .diagnostics
                .iter()
                .any(|x| x.span == d.span && x.message == d.message)
            {
                doc.diagnostics.push(d);
            }
        }
    }
    doc
}

fn file_name(f: &SourceFile) -> String {
    f.path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("")
        .to_string()
}

/// Lower the module once: with its caller's arguments, or (`tfvars`: the files whose
/// values set the variables) as a root module.
fn lower_variant(
    files: &[Arc<SourceFile>],
    parsed: &Parsed<'_>,
    inputs: &Inputs,
    instance: Option<Arc<Instance>>,
    tfvars: Option<&[u32]>,
    cx: &mut DeployCx<'_>,
) -> Document {
    let mut doc = Document::new(Format::Terraform, files[0].clone());
    doc.files = files.to_vec();
    for (i, comments) in &parsed.comments {
        doc.record_comments(&files[*i as usize], || comments.clone());
    }
    let main = !instance
        .as_ref()
        .is_some_and(|i| i.path.starts_with("var-file:"));
    if main {
        doc.diagnostics.extend(parsed.errors.iter().cloned());
    }
    let loader = cx.loader;

    let mut lw = Lowerer::new(files, cx);
    lw.instance = instance;
    lw.called = inputs.is_called();
    if lw.called {
        if let Some(b) = modules::borrow_budget() {
            lw.budget = b;
        }
    }
    let blocks: Vec<(u32, &Block)> = parsed
        .bodies
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
    for (_, root) in &parsed.json_configs {
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

    // Variables: declarations first (defaults are constants), then the values set from
    // outside (the caller's arguments, or the tfvars files of a root module).
    let mut declared: HashMap<String, VarInfo> = HashMap::new();
    let mut types: HashMap<String, (u32, &hcl_edit::expr::Expression)> = HashMap::new();
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
        let type_expr = attr(&b.body, "type");
        let type_name = type_expr.map(|e| type_kind(&lw.text(lw.span(e.span()))));
        if let Some(t) = type_expr {
            types.insert(name.clone(), (file, t));
        }
        let literal = default.as_ref().and_then(literal_text);
        declared.insert(
            name.clone(),
            VarInfo {
                secure,
                literal,
                value: default.clone().map(Rc::new),
                ..VarInfo::default()
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
    for (file, root) in &parsed.json_configs {
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
                        value: default.clone().map(Rc::new),
                        ..VarInfo::default()
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
    match inputs {
        Inputs::Called(bindings) => {
            for (name, value) in bindings.iter() {
                // An argument the module does not declare is a Terraform error: ignored.
                if let Some(info) = vars.get_mut(name) {
                    info.bound = Some(Rc::new(shape(&mut lw, &types, name, value.clone())));
                }
            }
            // An argument left out is the default, shaped like a value given.
            for (name, info) in vars.iter_mut() {
                if info.bound.is_none() {
                    if let Some(d) = info.value.take() {
                        info.value = Some(Rc::new(shape(&mut lw, &types, name, (*d).clone())));
                    }
                }
            }
        }
        Inputs::Standalone => {
            // In Terraform's order of precedence (`set` is ordered): a later file wins.
            for &file in tfvars.unwrap_or(&[]) {
                let set_in = file_name(&files[file as usize]);
                let hcl = parsed
                    .bodies
                    .iter()
                    .find(|(i, r, _)| *i == file && *r == FileRole::Vars);
                if let Some((_, _, body)) = hcl {
                    lw.file = file;
                    for a in body.iter().filter_map(Structure::as_attribute) {
                        let value = lw.expr(&a.value);
                        let name = a.key.as_str();
                        let value = shape(&mut lw, &types, name, value);
                        let info = vars.entry(name.to_string()).or_default();
                        info.bound = Some(Rc::new(value));
                        info.set_in = Some(set_in.clone());
                    }
                }
                for (_, list) in parsed.json_vars.iter().filter(|(i, _)| *i == file) {
                    for v in list {
                        let value = shape(&mut lw, &types, &v.name, v.value.clone());
                        let info = vars.entry(v.name.clone()).or_default();
                        info.bound = Some(Rc::new(value));
                        info.set_in = Some(set_in.clone());
                    }
                }
            }
        }
    }
    lw.vars = vars;

    // Data sources named statically: references to them name a resource by type and name.
    for (file, b) in of_kind("data") {
        let (Some(t), Some(n)) = (b.labels.first(), b.labels.get(1)) else {
            continue;
        };
        lw.file = file;
        let arm_type = match t.as_str() {
            "azapi_resource" => attr(&b.body, "type")
                .and_then(|e| e.as_str())
                .map(|s| s.split('@').next().unwrap_or(s).trim().to_string()),
            ty => mapping::table().get(ty).map(|m| m.arm_type.clone()),
        };
        let Some(arm_type) = arm_type.filter(|t| !t.is_empty()) else {
            continue;
        };
        let Some(name) = attr(&b.body, "name").map(|e| lw.raw_expr(e)) else {
            continue;
        };
        if let Some(name) = name.as_str().filter(|s| !s.is_empty()) {
            lw.data_names.insert(
                format!("data.{}.{}", t.as_str(), n.as_str()),
                (arm_type, name.to_string()),
            );
        }
    }

    // Module calls: instantiated before anything refers to their outputs.
    let mut order = Vec::new();
    for (file, b) in of_kind("module") {
        if let Some(label) = b.labels.first() {
            let name = label.as_str().to_string();
            if !lw.modules.contains_key(&name) {
                lw.modules.insert(name.clone(), ModuleCall::new(file, b));
                order.push(name);
            }
        }
    }
    lw.instantiate_modules(&order);

    // `count` / `for_each` of the resources the model keeps.
    for (file, b) in of_kind("resource") {
        let (Some(ty), Some(name)) = (b.labels.first(), b.labels.get(1)) else {
            continue;
        };
        if !is_model_type(ty.as_str()) {
            continue;
        }
        lw.file = file;
        let address = format!("{}.{}", ty.as_str(), name.as_str());
        if let Some(e) = expansion(&mut lw, b, &address) {
            lw.expansions.insert(address, e);
        }
    }

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
                _ if !value.via().is_empty() => value,
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

    for (file, root) in &parsed.json_configs {
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
    for (file, root) in &parsed.json_configs {
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
                    let address = format!("{ty}.{name}");
                    lower_tree(
                        &mut lw,
                        &ty,
                        &address,
                        "",
                        header,
                        tree,
                        None,
                        &mut doc,
                        &mut merges,
                    );
                }
            }
        }
    }
    for (target, body) in merges {
        let hit = doc.resources.iter_mut().find(|r| match &target.target {
            Target::Resource(key) => r.key == *key,
            _ => r.symbol.as_deref() == Some(target.name()),
        });
        if let Some(r) = hit {
            mapping::merge(&mut r.body, body, 0);
        }
    }

    if main {
        inputs::module_calls(&mut lw, of_kind("module"), files, loader, &mut doc);
        for (file, _, body) in parsed
            .bodies
            .iter()
            .filter(|(_, r, _)| *r == FileRole::Vars)
        {
            lw.file = *file;
            inputs::tfvars(&mut lw, body, &declared, &mut doc);
        }
        for (_, list) in &parsed.json_vars {
            for v in list {
                doc.assignments.push(crate::model::Assignment {
                    target_secure: declared.get(&v.name).map(|d| d.secure),
                    name: v.name.clone(),
                    span: v.key_span,
                    value: v.value.clone(),
                    target: None,
                });
            }
        }
    }
    doc.diagnostics.append(&mut lw.notes);
    lw.budget.report(&mut doc, "local and variable values");
    let children = std::mem::take(&mut lw.children);
    if lw.called {
        modules::return_budget(std::mem::take(&mut lw.budget));
    }
    for child in children {
        doc.absorb(child);
    }
    if let Some(i) = &lw.instance {
        doc.set_instance(i);
    }
    doc
}

/// Give a value set from outside the shape of the variable's type (optional attributes'
/// defaults); the defaults are lowered in the file that declares the variable.
fn shape(
    lw: &mut Lowerer,
    types: &HashMap<String, (u32, &hcl_edit::expr::Expression)>,
    name: &str,
    value: Node,
) -> Node {
    let Some((file, ty)) = types.get(name) else {
        return value;
    };
    let ty = types::parse(ty);
    if !ty.shapes() {
        return value;
    }
    let saved = lw.file;
    let out = types::apply(
        value,
        &ty,
        &mut |d| {
            lw.file = *file;
            lw.expr(d)
        },
        0,
    );
    lw.file = saved;
    out
}

/// Resources the model keeps: mapped azurerm types and azapi resources.
fn is_model_type(ty: &str) -> bool {
    matches!(ty, "azapi_resource" | "azapi_update_resource") || mapping::table().get(ty).is_some()
}

/// A resource's `count` / `for_each`, evaluated: one element per known item (within the
/// deployment's budget), else the iterator of one unexpanded resource.
fn expansion(lw: &mut Lowerer, b: &Block, address: &str) -> Option<Expansion> {
    let header = header_span(lw, b);
    if let Some(c) = attr(&b.body, "count") {
        let n = lw.raw_expr(c);
        let count = eval::known_number(&n).filter(|x| *x >= 0.0 && x.fract() == 0.0);
        let elements = match count {
            Some(x) if lw.take_elements(x as usize, header, &format!("`count` of {address}")) => {
                Ok((0..x as usize)
                    .map(|i| (format!("[{i}]"), Iter::Count(i)))
                    .collect())
            }
            _ => Err(Iter::Unknown(Provenance::Unknown)),
        };
        return Some(Expansion {
            iterator: "count",
            elements,
        });
    }
    let f = attr(&b.body, "for_each")?;
    let coll = lw.raw_expr(f);
    let elements = match eval::for_each_elements(&coll) {
        Some(list) if lw.take_elements(list.len(), header, &format!("`for_each` of {address}")) => {
            Ok(list
                .into_iter()
                .map(|(k, key, value)| {
                    (
                        format!("[\"{k}\"]"),
                        Iter::Pair {
                            key: Rc::new(key),
                            value: Rc::new(value),
                        },
                    )
                })
                .collect())
        }
        _ => Err(Iter::Unknown(lower::deep_provenance(&coll))),
    };
    Some(Expansion {
        iterator: "each",
        elements,
    })
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

fn lower_resource(lw: &mut Lowerer, b: &Block, doc: &mut Document, merges: &mut Vec<(Ref, Node)>) {
    let (Some(ty), Some(name)) = (b.labels.first(), b.labels.get(1)) else {
        return;
    };
    // Resources that are neither mapped nor azapi are not model resources: skip the work.
    if !is_model_type(ty.as_str()) {
        return;
    }
    let address = format!("{}.{}", ty.as_str(), name.as_str());
    match lw.expansions.get(&address).cloned() {
        None => lower_resource_body(lw, b, &address, "", doc, merges),
        // One resource per element, keyed `address[0]` / `address["k"]`.
        Some(Expansion {
            iterator,
            elements: Ok(elements),
        }) => {
            for (suffix, it) in elements {
                lw.with_iterator(iterator, it, |lw| {
                    lower_resource_body(lw, b, &address, &suffix, doc, merges)
                });
            }
        }
        // `each.value` inside the block has the provenance of the unknown collection.
        Some(Expansion {
            iterator,
            elements: Err(it),
        }) => lw.with_iterator(iterator, it, |lw| {
            lower_resource_body(lw, b, &address, "", doc, merges)
        }),
    }
}

fn lower_resource_body(
    lw: &mut Lowerer,
    b: &Block,
    address: &str,
    suffix: &str,
    doc: &mut Document,
    merges: &mut Vec<(Ref, Node)>,
) {
    let Some(ty) = b.labels.first() else {
        return;
    };
    let header = header_span(lw, b);
    let tree = lw.block_tree(&b.body, header);
    lower_tree(
        lw,
        ty.as_str(),
        address,
        suffix,
        header,
        tree,
        Some(b),
        doc,
        merges,
    );
}

/// Map a resource's lowered tree (from HCL or `.tf.json`) into a model resource. Explicit
/// `null` arguments are left out first: "not set", so the provider's default applies.
#[allow(clippy::too_many_arguments)]
fn lower_tree(
    lw: &mut Lowerer,
    ty: &str,
    address: &str,
    suffix: &str,
    header: Span,
    mut tree: Node,
    block: Option<&Block>,
    doc: &mut Document,
    merges: &mut Vec<(Ref, Node)>,
) {
    eval::strip_nulls(&mut tree, 0);
    let key = lw.key(&format!("{address}{suffix}"));
    if ty == "azapi_resource" || ty == "azapi_update_resource" {
        if let Some(mut r) = azapi::lower(lw, block, ty, address, header, &tree, doc) {
            r.symbol = Some(symbol(lw.instance.as_deref(), address));
            r.name_value = known_name(&r.body);
            r.key = key;
            r.instance = lw.instance.clone();
            doc.resources.push(r);
        }
        return;
    }
    let table = mapping::table();
    let Some(m) = table.get(ty) else {
        return;
    };
    let mut body = Node::object(Vec::new(), header);
    mapping::apply(&table.common, &tree, &mut body);
    mapping::apply(&m.rows, &tree, &mut body);
    if let Some(via) = &m.merge_into {
        let target = tree
            .get(via)
            .and_then(Node::as_expr)
            .and_then(|e| e.refs.first().cloned());
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
        name: address.to_string(),
        key,
        symbol: Some(symbol(lw.instance.as_deref(), address)),
        span: header,
        name_value: known_name(&body),
        body,
        existing: false,
        source_type: Some(ty.to_string()),
        instance: lw.instance.clone(),
    });
}

/// A resource's symbol: its Terraform address in the deployment
/// (`module.app.azurerm_container_app.this`), so that two instances of a module, whose
/// resources share the address inside the module, are told apart where resources are
/// matched by symbol. A var-file variant of the root keeps the root's addresses.
fn symbol(instance: Option<&Instance>, address: &str) -> String {
    let mut out = String::new();
    for seg in instance
        .map(|i| i.path.split('/').filter(|s| s.starts_with("module.")))
        .into_iter()
        .flatten()
    {
        out.push_str(seg);
        out.push('.');
    }
    out.push_str(address);
    out
}

/// The deployed name, when it is known statically.
fn known_name(body: &Node) -> Option<String> {
    body.get("name")
        .and_then(Node::as_str)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
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
