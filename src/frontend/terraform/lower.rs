//! HCL expressions and blocks → model nodes, with provenance.
//!
//! References are resolved within the module directory: `var.x` against the declared
//! variables (and auto-loaded tfvars), `local.x` followed to its value, other resources'
//! attributes classified by what they are (keys, registry admin password, ids…).

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::rc::Rc;
use std::sync::Arc;

use hcl_edit::expr::{Expression, FuncCall, ObjectKey, Traversal, TraversalOperator};
use hcl_edit::structure::{Body, Structure};
use hcl_edit::template::{Element, Template};
use hcl_edit::Span as _;

use super::text::normalize;
use crate::frontend::MAX_DEPTH;
use crate::model::budget::{Cost, InlineBudget};
use crate::model::{classify_string, DerivedKind, Expr, Node, Property, Provenance, Ref, Value};
use crate::source::{SourceFile, Span};

/// What is known about a declared `variable`.
#[derive(Clone, Debug, Default)]
pub struct VarInfo {
    /// `sensitive = true` or `ephemeral = true`.
    pub secure: bool,
    /// The value's literal text: an auto-loaded tfvars value, else a literal default.
    pub literal: Option<String>,
    /// The lowered default (or tfvars value), for references into objects (`var.cfg.key`).
    pub value: Option<Node>,
}

/// A `locals` entry: where it is and its (unlowered) expression.
pub struct LocalDef<'a> {
    pub file: u32,
    pub expr: &'a Expression,
}

/// One step of a reference (`azurerm_x.y[0].id` → `y`, `[0]`, `id`).
#[derive(Clone, Debug, PartialEq)]
enum Seg {
    Attr(String),
    Index(usize),
    Any,
}

pub struct Lowerer<'a> {
    pub files: &'a [Arc<SourceFile>],
    /// The file the expressions being lowered come from.
    pub file: u32,
    pub vars: HashMap<String, VarInfo>,
    pub locals: HashMap<String, LocalDef<'a>>,
    /// Resource types declared in the module (to recognise `type.name.attr` references).
    pub resource_types: HashSet<String>,
    /// `azapi_resource_action` resources and data sources (`azapi_resource_action.x`,
    /// `data.azapi_resource_action.x`) whose `action` returns credentials (`listKeys`,
    /// `listCredentials`…): their `output` is a key listing, like `listKeys()` in ARM.
    pub key_actions: HashMap<String, DerivedKind>,
    /// Lowered locals, each lowered once and shared; every use copies (part of) one, which
    /// is charged to `budget`.
    local_cache: HashMap<String, Rc<Node>>,
    resolving: Vec<String>,
    /// What following `local.x` and `var.x` may copy into the document (doubling locals are
    /// exponential, a large string used thousands of times is gigabytes).
    pub budget: InlineBudget,
    /// Active iterators (`each`, dynamic block iterators) and the provenance of their
    /// collection.
    iterators: Vec<(String, Provenance)>,
    depth: usize,
    /// Added to parser offsets: expressions parsed out of a JSON string (`.tf.json`) have
    /// offsets relative to the string's content.
    pub offset: usize,
}

/// Provider prefixes whose `type.name.attr` references are resources even when the type is
/// declared in another module.
const PROVIDER_PREFIXES: &[&str] = &[
    "azurerm_",
    "azapi_",
    "azuread_",
    "random_",
    "tls_",
    "time_",
    "null_",
    "local_",
    "modtm_",
    "azuredevops_",
    "github_",
    "kubernetes_",
    "helm_",
    "http",
    "external",
];

impl<'a> Lowerer<'a> {
    pub fn new(files: &'a [Arc<SourceFile>]) -> Self {
        Lowerer {
            files,
            file: 0,
            vars: HashMap::new(),
            locals: HashMap::new(),
            resource_types: HashSet::new(),
            key_actions: HashMap::new(),
            local_cache: HashMap::new(),
            resolving: Vec::new(),
            budget: InlineBudget::default(),
            iterators: Vec::new(),
            depth: 0,
            offset: 0,
        }
    }

    /// The id of the file being lowered (`self.file` is its index in `files`).
    pub fn file_id(&self) -> u32 {
        self.files.get(self.file as usize).map_or(0, |f| f.id)
    }

    pub fn span(&self, r: Option<Range<usize>>) -> Span {
        let file = self.file_id();
        match r {
            Some(r) => Span::new(file, r.start + self.offset, r.end + self.offset),
            None => Span::new(file, 0, 0),
        }
    }

    fn source(&self, span: Span) -> &str {
        self.files
            .iter()
            .find(|f| f.id == span.file)
            .map(|f| f.slice(span))
            .unwrap_or("")
    }

    pub fn text(&self, span: Span) -> String {
        normalize(self.source(span))
    }

    /// Lower an expression to a node.
    pub fn expr(&mut self, e: &Expression) -> Node {
        let span = self.span(e.span());
        if self.depth > MAX_DEPTH {
            return unknown(self.text(span), span);
        }
        self.depth += 1;
        let node = self.expr_inner(e, span);
        self.depth -= 1;
        node
    }

    fn expr_inner(&mut self, e: &Expression, span: Span) -> Node {
        match e {
            Expression::Null(_) => Node::null(span),
            Expression::Bool(b) => Node::new(Value::Bool(*b.value()), span),
            Expression::Number(n) => {
                Node::new(Value::Number(n.value().as_f64().unwrap_or(0.0)), span)
            }
            Expression::String(s) => Node::string(s.value().clone(), span),
            Expression::Array(a) => {
                Node::new(Value::Array(a.iter().map(|x| self.expr(x)).collect()), span)
            }
            Expression::Object(o) => {
                let mut props = Vec::with_capacity(o.len());
                for (k, v) in o.iter() {
                    let (key, key_span) = self.object_key(k);
                    let value = self.expr(v.expr());
                    props.push(Property {
                        key,
                        key_span,
                        value,
                    });
                }
                Node::object(props, span)
            }
            Expression::StringTemplate(t) => self.template(t, span),
            Expression::HeredocTemplate(h) => {
                if h.indent().is_some() {
                    let mut h = (**h).clone();
                    h.dedent();
                    self.template(&h.template, span)
                } else {
                    self.template(&h.template, span)
                }
            }
            Expression::Parenthesis(p) => {
                let mut n = self.expr(p.inner());
                n.span = span;
                n
            }
            Expression::Variable(v) => {
                let name = v.as_str();
                let text = self.text(span);
                match self.iterator(name) {
                    Some(p) => Node::expr(Expr::new(p, text), span),
                    None => unknown(text, span),
                }
            }
            Expression::Conditional(c) => {
                let t = self.expr(&c.true_expr);
                let f = self.expr(&c.false_expr);
                // `cond ? { … } : null` (optional configuration): the structure is what gets
                // deployed when it is deployed at all, so rules see into it.
                match (nullish(&t), nullish(&f)) {
                    (false, true) if is_container(&t) => t,
                    (true, false) if is_container(&f) => f,
                    _ => branches(vec![t, f], self.text(span), span),
                }
            }
            Expression::FuncCall(f) => self.func(f, span),
            Expression::Traversal(t) => self.traversal(t, span),
            Expression::UnaryOp(_) | Expression::BinaryOp(_) | Expression::ForExpr(_) => {
                unknown(self.text(span), span)
            }
        }
    }

    fn object_key(&mut self, k: &ObjectKey) -> (String, Span) {
        match k {
            ObjectKey::Ident(id) => (id.as_str().to_string(), self.span(id.span())),
            ObjectKey::Expression(e) => {
                let n = self.expr(e);
                let key = match &n.value {
                    Value::String(s) => s.clone(),
                    Value::Expr(x) => x.text.clone(),
                    _ => n
                        .known_text()
                        .map(|t| t.into_owned())
                        .unwrap_or_else(|| self.text(n.span)),
                };
                (key, n.span)
            }
        }
    }

    /// A template parsed out of a JSON string starting at byte `offset` of the file.
    pub fn json_template(&mut self, t: &Template, offset: usize, span: Span) -> Node {
        let saved = std::mem::replace(&mut self.offset, offset);
        let n = self.template(t, span);
        self.offset = saved;
        n
    }

    /// Give `local.name` a value lowered elsewhere (`.tf.json` locals).
    pub fn define_local(&mut self, name: &str, value: Node) {
        self.local_cache
            .entry(name.to_string())
            .or_insert_with(|| Rc::new(value));
    }

    fn template(&mut self, t: &Template, span: Span) -> Node {
        let elements: Vec<&Element> = t.iter().collect();
        if elements.iter().all(|e| e.is_literal()) {
            let s: String = elements
                .iter()
                .filter_map(|e| e.as_literal())
                .map(|l| l.as_str())
                .collect();
            return Node::string(s, span);
        }
        if let [Element::Interpolation(i)] = elements.as_slice() {
            // `"${x}"` is `x`: same text, so identity comparisons see through the quotes.
            let mut n = self.expr(&i.expr);
            n.span = span;
            return n;
        }
        let mut parts = Vec::new();
        let mut literal = String::new();
        let mut refs = Vec::new();
        for e in elements {
            match e {
                Element::Literal(l) => {
                    if !l.is_empty() {
                        parts.push(Provenance::Literal);
                    }
                    literal.push_str(l.as_str());
                }
                Element::Interpolation(i) => {
                    let n = self.expr(&i.expr);
                    parts.push(deep_provenance(&n));
                    collect_refs(&n, &mut refs, 0);
                    if !literal.ends_with('\u{2026}') {
                        literal.push('\u{2026}');
                    }
                }
                Element::Directive(_) => {
                    parts.push(Provenance::Unknown);
                    if !literal.ends_with('\u{2026}') {
                        literal.push('\u{2026}');
                    }
                }
            }
        }
        let mut x =
            Expr::new(Provenance::of_interpolation(parts), self.text(span)).with_literal(literal);
        x.refs = refs;
        Node::expr(x, span)
    }

    fn func(&mut self, f: &FuncCall, span: Span) -> Node {
        let name = f.name.name.as_str();
        let text = self.text(span);
        let args: Vec<Node> = f.args.iter().map(|a| self.expr(a)).collect();
        let mut refs = Vec::new();
        for a in &args {
            collect_refs(a, &mut refs, 0);
        }
        if f.name.is_namespaced() {
            let p = Provenance::of_interpolation(args.iter().map(deep_provenance));
            let mut x = Expr::new(p, text).with_origin(format!("fn:{name}"));
            x.refs = refs;
            return Node::expr(x, span);
        }
        // `merge({…}, {…})` of objects known statically is an object: keep the structure
        // (ARM bodies are often assembled this way). One opaque argument makes it opaque.
        if name == "merge"
            && !args.is_empty()
            && args
                .iter()
                .all(|a| matches!(a.value, Value::Object(_)) || nullish(a))
        {
            let mut props: Vec<Property> = Vec::new();
            for a in args {
                if let Value::Object(more) = a.value {
                    shallow_merge(&mut props, more);
                }
            }
            return Node::object(props, span);
        }
        let mut x = match name {
            "sensitive" => Expr::new(Provenance::SecureInput, text),
            // Value-preserving conversions: the argument's provenance and literal.
            "nonsensitive" | "tostring" | "tonumber" | "tobool" | "trimspace" | "chomp"
                if args.len() == 1 =>
            {
                let a = &args[0];
                let mut x = Expr::new(deep_provenance(a), text);
                x.literal = a.known_text().map(|t| t.into_owned());
                x.origin = a.as_expr().and_then(|e| e.origin.clone());
                x
            }
            // One of the arguments is the value: as dangerous as the worst candidate.
            "try" | "coalesce" | "coalescelist" | "one" | "element" => {
                return with_text(branches(args, text.clone(), span), &text, refs);
            }
            "lookup" => {
                let candidates: Vec<Node> = args
                    .into_iter()
                    .enumerate()
                    .filter(|(i, _)| *i != 1)
                    .map(|(_, n)| n)
                    .collect();
                return with_text(branches(candidates, text.clone(), span), &text, refs);
            }
            "uuid" | "bcrypt" => Expr::new(Provenance::Generated, text),
            "file" | "filebase64" | "templatefile" | "timestamp" | "plantimestamp" | "fileset" => {
                Expr::new(Provenance::Unknown, text)
            }
            _ if args.is_empty() => Expr::new(Provenance::Unknown, text),
            _ => Expr::new(
                Provenance::of_interpolation(args.iter().map(deep_provenance)),
                text,
            ),
        };
        if x.origin.is_none() {
            x.origin = Some(format!("fn:{name}"));
        }
        x.refs = refs;
        Node::expr(x, span)
    }

    fn iterator(&self, name: &str) -> Option<Provenance> {
        self.iterators
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, p)| p.clone())
    }

    /// Lower `body` with `name` bound as an iterator over a collection of `provenance`.
    pub fn with_iterator<T>(
        &mut self,
        name: &str,
        provenance: Provenance,
        f: impl FnOnce(&mut Self) -> T,
    ) -> T {
        self.iterators.push((name.to_string(), provenance));
        let out = f(self);
        self.iterators.pop();
        out
    }

    fn segments(&mut self, t: &Traversal) -> Vec<Seg> {
        t.operators
            .iter()
            .map(|op| match op.value() {
                TraversalOperator::GetAttr(id) => Seg::Attr(id.as_str().to_string()),
                TraversalOperator::LegacyIndex(i) => Seg::Index(*i.value() as usize),
                TraversalOperator::Index(e) => match e {
                    Expression::Number(n) => n
                        .value()
                        .as_u64()
                        .map(|i| Seg::Index(i as usize))
                        .unwrap_or(Seg::Any),
                    Expression::String(s) => Seg::Attr(s.value().clone()),
                    _ => Seg::Any,
                },
                TraversalOperator::AttrSplat(_) | TraversalOperator::FullSplat(_) => Seg::Any,
            })
            .collect()
    }

    fn traversal(&mut self, t: &Traversal, span: Span) -> Node {
        let text = self.text(span);
        let Expression::Variable(root) = &t.expr else {
            // `(expr).x`, `func()[0]`: as the inner expression, opaque past it.
            let inner = self.expr(&t.expr);
            let mut x = Expr::new(deep_provenance(&inner), text);
            collect_refs(&inner, &mut x.refs, 0);
            return Node::expr(x, span);
        };
        let root = root.as_str();
        let segs = self.segments(t);
        let attr = |i: usize| match segs.get(i) {
            Some(Seg::Attr(a)) => Some(a.as_str()),
            _ => None,
        };
        if let Some(p) = self.iterator(root) {
            return Node::expr(Expr::new(p, text), span);
        }
        match root {
            "var" => {
                let Some(name) = attr(0) else {
                    return unknown(text, span);
                };
                // Borrowed, not cloned: only the literal reached is copied, once charged.
                let (secure, literal) = match self.vars.get(name) {
                    None => (false, None),
                    Some(info) => {
                        let rest = &segs[1..];
                        let literal = if rest.is_empty() {
                            info.literal.as_deref().map(std::borrow::Cow::Borrowed)
                        } else {
                            info.value
                                .as_ref()
                                .and_then(|v| follow(v, rest))
                                .and_then(scalar_text)
                        };
                        let cost = Cost::text(literal.as_deref().unwrap_or(""));
                        if !self.budget.charge(cost) {
                            self.budget.locate(span);
                            return unknown(text, span);
                        }
                        (info.secure, literal.map(|l| l.into_owned()))
                    }
                };
                let secure_unset = literal
                    .as_deref()
                    .map(|l| classify_string(l) != Provenance::Literal)
                    .unwrap_or(true);
                let p = if secure && secure_unset {
                    Provenance::SecureInput
                } else {
                    Provenance::Input
                };
                let mut x = Expr::new(p, text).with_origin(format!("param:{name}"));
                x.literal = literal;
                Node::expr(x, span)
            }
            "local" => {
                let Some(name) = attr(0).map(str::to_string) else {
                    return unknown(text, span);
                };
                let Some(value) = self.local_shared(&name) else {
                    return unknown(text, span);
                };
                // What the use copies out of the shared value is charged to the budget: the
                // reached container, or the reached scalar's text.
                let cost = match follow(&value, &segs[1..]) {
                    Some(n) if is_container(n) => Cost::of(n, self.budget.remaining()),
                    Some(n) => Cost::text(n.known_text().as_deref().unwrap_or("")),
                    // Describing the whole value walks (and classifies) all of it.
                    None => Cost::of(&value, self.budget.remaining()),
                };
                if !self.budget.charge(cost) {
                    self.budget.locate(span);
                    return unknown(text, span);
                }
                match follow(&value, &segs[1..]) {
                    Some(n) if is_container(n) => n.clone(),
                    Some(n) => {
                        let mut x = Expr::new(n.provenance(), text);
                        x.literal = n.known_text().map(|t| t.into_owned());
                        let inner = n.as_expr();
                        x.origin = inner
                            .and_then(|e| e.origin.clone())
                            .or_else(|| Some(format!("var:{name}")));
                        x.refs = inner.map(|e| e.refs.clone()).unwrap_or_default();
                        Node::expr(x, span)
                    }
                    // Could not follow into the value: it is as the whole local.
                    None => {
                        let mut x = Expr::new(deep_provenance(&value), text)
                            .with_origin(format!("var:{name}"));
                        collect_refs(&value, &mut x.refs, 0);
                        Node::expr(x, span)
                    }
                }
            }
            "data" => {
                let (Some(ty), Some(name)) = (attr(0), attr(1)) else {
                    return unknown(text, span);
                };
                let field = segs[2..].iter().find_map(|s| match s {
                    Seg::Attr(a) => Some(a.as_str()),
                    _ => None,
                });
                let action = self
                    .key_actions
                    .get(&format!("data.{ty}.{name}"))
                    .copied()
                    .filter(|_| !names_public_part(&segs[2..]));
                let p = match (ty, field) {
                    ("azurerm_key_vault_secret", Some("value")) => Provenance::KeyVaultRef,
                    ("azapi_resource_action", Some("output")) if action.is_some() => {
                        Provenance::Derived(action.unwrap_or(DerivedKind::ListKeys))
                    }
                    ("azurerm_key_vault_secrets", _)
                    | ("azurerm_key_vault_certificate_data", _) => Provenance::KeyVaultRef,
                    _ => match attribute_provenance(ty, field) {
                        Provenance::Derived(DerivedKind::ResourceProperty) => {
                            Provenance::Derived(DerivedKind::Reference)
                        }
                        p => p,
                    },
                };
                let mut x = Expr::new(p, text)
                    .with_origin(format!("attr:data.{ty}.{name}.{}", field.unwrap_or("")));
                x.refs = vec![Ref::text(format!("data.{ty}.{name}"))];
                Node::expr(x, span)
            }
            "ephemeral" => Node::expr(Expr::new(Provenance::SecureInput, text), span),
            "module" => {
                let mut x = Expr::new(Provenance::Derived(DerivedKind::Other), text);
                if let Some(m) = attr(0) {
                    x.refs = vec![Ref::text(format!("module.{m}"))];
                }
                Node::expr(x, span)
            }
            "each" | "count" | "self" | "path" | "terraform" => unknown(text, span),
            ty if self.is_resource_type(ty) => {
                let Some(name) = attr(0) else {
                    return unknown(text, span);
                };
                let field = segs[1..].iter().find_map(|s| match s {
                    Seg::Attr(a) => Some(a.as_str()),
                    _ => None,
                });
                let provenance = match self.key_actions.get(&format!("{ty}.{name}")) {
                    Some(kind) if field == Some("output") && !names_public_part(&segs[1..]) => {
                        Provenance::Derived(*kind)
                    }
                    _ => attribute_provenance(ty, field),
                };
                let mut x = Expr::new(provenance, text)
                    .with_origin(format!("attr:{ty}.{name}.{}", field.unwrap_or("")));
                x.refs = vec![Ref::text(format!("{ty}.{name}"))];
                Node::expr(x, span)
            }
            _ => unknown(text, span),
        }
    }

    fn is_resource_type(&self, name: &str) -> bool {
        self.resource_types.contains(name)
            || (name.contains('_') && PROVIDER_PREFIXES.iter().any(|p| name.starts_with(p)))
    }

    /// A copy of the lowered value of `local.name` (charged to the budget: past it, an
    /// unknown value at `span`); `None` when undefined or part of a cycle.
    pub fn local(&mut self, name: &str, span: Span) -> Option<Node> {
        let value = self.local_shared(name)?;
        if !self.budget.charge_node(&value) {
            self.budget.locate(span);
            return Some(unknown(format!("local.{name}"), span));
        }
        Some((*value).clone())
    }

    /// The lowered value of `local.name`, followed through other locals (lowered once and
    /// shared; a cycle gives `None`).
    fn local_shared(&mut self, name: &str) -> Option<Rc<Node>> {
        if let Some(n) = self.local_cache.get(name) {
            return Some(n.clone());
        }
        if self.resolving.iter().any(|r| r == name) || self.resolving.len() > MAX_DEPTH {
            return None;
        }
        let (file, expr) = {
            let def = self.locals.get(name)?;
            (def.file, def.expr)
        };
        self.resolving.push(name.to_string());
        let saved_file = std::mem::replace(&mut self.file, file);
        // Locals do not see the iterators of the place that references them.
        let saved_iters = std::mem::take(&mut self.iterators);
        let node = Rc::new(self.expr(expr));
        self.iterators = saved_iters;
        self.file = saved_file;
        self.resolving.pop();
        self.local_cache.insert(name.to_string(), node.clone());
        Some(node)
    }

    /// The object an expression denotes, when it can be known statically: an object
    /// literal, `jsonencode({...})`, a local holding one, `merge()` of such. For azapi
    /// bodies.
    pub fn object_value(&mut self, e: &Expression) -> Option<Node> {
        if self.depth > MAX_DEPTH {
            return None;
        }
        match e {
            Expression::Object(_) => Some(self.expr(e)),
            Expression::Parenthesis(p) => self.object_value(p.inner()),
            Expression::FuncCall(f) if !f.name.is_namespaced() => {
                match (f.name.name.as_str(), f.args.len()) {
                    ("jsonencode", 1) => f.args.get(0).and_then(|a| self.object_value(a)),
                    ("merge", n) if n > 0 => {
                        let span = self.span(e.span());
                        let mut props = Vec::new();
                        for a in f.args.iter() {
                            if let Value::Object(more) = self.object_value(a)?.value {
                                shallow_merge(&mut props, more);
                            }
                        }
                        Some(Node::object(props, span))
                    }
                    _ => None,
                }
            }
            Expression::Traversal(_) | Expression::Conditional(_) => {
                let n = self.expr(e);
                matches!(n.value, Value::Object(_)).then_some(n)
            }
            _ => None,
        }
    }

    /// A block body as a tree: attributes as properties, nested blocks as arrays of objects
    /// under their type (`dynamic "x" { content {…} }` becomes a block `x`). Meta blocks
    /// (`lifecycle`, provisioners, timeouts) are left out.
    pub fn block_tree(&mut self, body: &Body, span: Span) -> Node {
        let mut props: Vec<Property> = Vec::new();
        if self.depth > MAX_DEPTH {
            return Node::object(props, span);
        }
        self.depth += 1;
        for s in body.iter() {
            match s {
                Structure::Attribute(a) => {
                    let value = self.expr(&a.value);
                    props.push(Property {
                        key: a.key.as_str().to_string(),
                        key_span: self.span(a.key.span()),
                        value,
                    });
                }
                Structure::Block(b) => {
                    let ident = b.ident.as_str();
                    if matches!(
                        ident,
                        "lifecycle"
                            | "provisioner"
                            | "connection"
                            | "timeouts"
                            | "precondition"
                            | "postcondition"
                    ) {
                        continue;
                    }
                    let block_span = self.span(b.span());
                    let key_span = self.span(b.ident.span());
                    let (name, node) = if ident == "dynamic" {
                        let Some(label) = b.labels.first() else {
                            continue;
                        };
                        let Some(content) = b
                            .body
                            .iter()
                            .filter_map(Structure::as_block)
                            .find(|c| c.ident.as_str() == "content")
                        else {
                            continue;
                        };
                        let iterator = b
                            .body
                            .iter()
                            .filter_map(Structure::as_attribute)
                            .find(|a| a.key.as_str() == "iterator")
                            .and_then(|a| a.value.as_variable().map(|v| v.as_str().to_string()))
                            .unwrap_or_else(|| label.as_str().to_string());
                        let collection = b
                            .body
                            .iter()
                            .filter_map(Structure::as_attribute)
                            .find(|a| a.key.as_str() == "for_each")
                            .map(|a| self.expr(&a.value))
                            .map(|n| deep_provenance(&n))
                            .unwrap_or(Provenance::Unknown);
                        let node = self.with_iterator(&iterator, collection, |lw| {
                            lw.block_tree(&content.body, block_span)
                        });
                        (label.as_str().to_string(), node)
                    } else {
                        (ident.to_string(), self.block_tree(&b.body, block_span))
                    };
                    match props
                        .iter_mut()
                        .find(|p| p.key == name && matches!(p.value.value, Value::Array(_)))
                    {
                        Some(p) => {
                            if let Value::Array(items) = &mut p.value.value {
                                items.push(node);
                            }
                        }
                        None => props.push(Property {
                            key: name,
                            key_span,
                            value: Node::new(Value::Array(vec![node]), block_span),
                        }),
                    }
                }
            }
        }
        self.depth -= 1;
        Node::object(props, span)
    }
}

/// Terraform's `merge` is shallow: a later argument's key replaces the whole value.
fn shallow_merge(props: &mut Vec<Property>, more: Vec<Property>) {
    for p in more {
        match props.iter_mut().find(|q| q.key == p.key) {
            Some(q) => *q = p,
            None => props.push(p),
        }
    }
}

/// `null`, `{}` or `[]`: the "nothing configured" branch of an optional value.
fn nullish(n: &Node) -> bool {
    match &n.value {
        Value::Null => true,
        Value::Array(items) => items.is_empty(),
        Value::Object(props) => props.is_empty(),
        _ => false,
    }
}

fn is_container(n: &Node) -> bool {
    matches!(n.value, Value::Object(_) | Value::Array(_))
}

fn unknown(text: String, span: Span) -> Node {
    Node::expr(Expr::new(Provenance::Unknown, text), span)
}

/// A ternary / `try` / `coalesce`: as dangerous as the worst candidate. Its literal text is
/// kept when every candidate of that provenance agrees on it (so a placeholder fallback is
/// still seen as one, and `c ? false : true` is not mistaken for either value).
fn branches(candidates: Vec<Node>, text: String, span: Span) -> Node {
    let mut refs = Vec::new();
    let scored: Vec<(Provenance, Option<String>)> = candidates
        .iter()
        .map(|c| {
            collect_refs(c, &mut refs, 0);
            (deep_provenance(c), c.known_text().map(|t| t.into_owned()))
        })
        .collect();
    let best = Provenance::of_branches(scored.iter().map(|(p, _)| p.clone()));
    let mut texts = scored.iter().filter(|(p, _)| *p == best).map(|(_, t)| t);
    let first = texts.next().cloned().flatten();
    let literal = if texts.all(|t| *t == first) {
        first
    } else {
        None
    };
    let mut x = Expr::new(best, text);
    x.literal = literal;
    x.refs = refs;
    Node::expr(x, span)
}

fn with_text(mut n: Node, text: &str, refs: Vec<Ref>) -> Node {
    if let Value::Expr(x) = &mut n.value {
        x.text = text.to_string();
        x.refs = refs;
    }
    n
}

/// Provenance of a whole value: a container is as its parts combine.
pub fn deep_provenance(n: &Node) -> Provenance {
    match &n.value {
        Value::Array(_) | Value::Object(_) => {
            let mut parts = Vec::new();
            leaves(n, &mut parts, 0);
            if parts.is_empty() {
                // `{}` / `[]`: nothing in it, like null.
                Provenance::Empty
            } else {
                Provenance::of_interpolation(parts)
            }
        }
        _ => n.provenance(),
    }
}

fn leaves(n: &Node, out: &mut Vec<Provenance>, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    match &n.value {
        Value::Array(items) => items.iter().for_each(|i| leaves(i, out, depth + 1)),
        Value::Object(props) => props.iter().for_each(|p| leaves(&p.value, out, depth + 1)),
        _ => out.push(n.provenance()),
    }
}

fn collect_refs(n: &Node, out: &mut Vec<Ref>, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    match &n.value {
        Value::Expr(e) => {
            for r in &e.refs {
                if !out.contains(r) {
                    out.push(r.clone());
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|i| collect_refs(i, out, depth + 1)),
        Value::Object(props) => props
            .iter()
            .for_each(|p| collect_refs(&p.value, out, depth + 1)),
        _ => {}
    }
}

fn follow<'n>(node: &'n Node, segs: &[Seg]) -> Option<&'n Node> {
    segs.iter().try_fold(node, |n, s| match s {
        Seg::Attr(k) => n.get(k),
        Seg::Index(i) => n.as_array().and_then(|a| a.get(*i)),
        Seg::Any => None,
    })
}

/// A scalar's text (borrowed for a string).
fn scalar_text(n: &Node) -> Option<std::borrow::Cow<'_, str>> {
    match &n.value {
        Value::String(_) | Value::Number(_) | Value::Bool(_) => n.known_text(),
        _ => None,
    }
}

/// Provenance of another resource's attribute.
fn attribute_provenance(ty: &str, field: Option<&str>) -> Provenance {
    if ty.starts_with("random_") || ty == "tls_private_key" {
        return Provenance::Generated;
    }
    match field {
        Some("admin_password") if ty.ends_with("container_registry") => {
            Provenance::Derived(DerivedKind::RegistryAdminCredential)
        }
        Some(f) if is_key_attribute(f) => Provenance::Derived(DerivedKind::ListKeys),
        _ => Provenance::Derived(DerivedKind::ResourceProperty),
    }
}

/// What the `output` of an `azapi_resource_action` with this `action` and target `type`
/// (`Microsoft.ContainerRegistry/registries@2023-07-01`) holds, when it is a credential:
/// `listKeys`, `listCredentials`, `listConnectionStrings`, `listAccountSas`, `listSecrets`…
/// (not `listSkus`, `listUsages`).
pub fn key_action_kind(action: &str, resource_type: &str) -> Option<DerivedKind> {
    // The last segment names the action (`host/default/listkeys`).
    let a = action
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    // Non-`list*` actions whose response carries a secret (Log Analytics `sharedKeys`,
    // `regeneratePassword`, `generateKeyPair`'s private half).
    if matches!(
        a.as_str(),
        "sharedkeys"
            | "regeneratepassword"
            | "regeneratekey"
            | "regeneratekeys"
            | "generatekeypair"
    ) {
        return Some(DerivedKind::ListKeys);
    }
    if !a.starts_with("list") {
        return None;
    }
    let secret = [
        "key",
        "credential",
        "connectionstring",
        "secret",
        "sas",
        "password",
        "token",
    ]
    .iter()
    .any(|w| a.contains(w));
    if !secret {
        return None;
    }
    let registry = resource_type
        .to_ascii_lowercase()
        .starts_with("microsoft.containerregistry/registries@");
    Some(if registry && a == "listcredentials" {
        DerivedKind::RegistryAdminCredential
    } else {
        DerivedKind::ListKeys
    })
}

/// `….output.publicKey` of a key action (`generateKeyPair` returns both halves): the public
/// half is not a secret.
fn names_public_part(segs: &[Seg]) -> bool {
    segs.iter().any(|s| match s {
        Seg::Attr(a) => a.to_ascii_lowercase().contains("public"),
        _ => false,
    })
}

/// Attributes that expose keys or connection strings fetched from the resource
/// (`primary_access_key`, `primary_connection_string`, `secondary_shared_key`…).
fn is_key_attribute(f: &str) -> bool {
    f.ends_with("connection_string")
        || f.ends_with("connection_strings")
        || f.ends_with("access_key")
        || f.ends_with("shared_key")
        || f == "primary_key"
        || (f.starts_with("secondary_") && f.ends_with("key"))
        || f == "instrumentation_key"
        || f == "primary_read_key"
        || f == "primary_write_key"
}
