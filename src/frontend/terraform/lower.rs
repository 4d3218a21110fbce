//! HCL expressions and blocks → model nodes, with provenance.
//!
//! References are resolved within the module instance: `var.x` to the value the caller or a
//! tfvars file gives it (that value itself, written where the caller wrote it, one flow step
//! further), else to what is known of its declaration; `local.x` followed to its value;
//! `module.x.out` to the called module's output; other resources' attributes classified by
//! what they are (keys, registry admin password, ids…) and referenced by their deployment
//! key. Values known statically are evaluated (`for` expressions, conditionals, operators,
//! the functions of `eval`), and `dynamic` blocks over known collections are expanded; what
//! is not known stays an expression (quiet on the unknown).

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::rc::Rc;
use std::sync::Arc;

use hcl_edit::expr::{Expression, ForExpr, FuncCall, ObjectKey, Traversal, TraversalOperator};
use hcl_edit::structure::{Body, Structure};
use hcl_edit::template::{Element, Template};
use hcl_edit::Span as _;

use super::eval;
use super::modules::ModuleCall;
use super::text::normalize;
use crate::frontend::instance::{DeployCx, MAX_ELEMENTS};
use crate::frontend::MAX_DEPTH;
use crate::model::budget::{Cost, InlineBudget};
use crate::model::{
    classify_string, DerivedKind, Diagnostic, DiagnosticKind, Document, Expr, Instance, Node,
    Property, Provenance, Ref, Target, Value,
};
use crate::source::{SourceFile, Span};

/// What is known about a declared `variable`.
#[derive(Clone, Debug, Default)]
pub struct VarInfo {
    /// `sensitive = true` or `ephemeral = true`.
    pub secure: bool,
    /// The default's literal text (a variable nobody sets here keeps what it may be).
    pub literal: Option<String>,
    /// The lowered default, for references into objects (`var.cfg.key`); in a called module
    /// (where an argument left out *is* the default) shaped by the variable's type.
    pub value: Option<Rc<Node>>,
    /// The value given from outside: a module argument, a tfvars value (shaped by the
    /// variable's type; its spans are where it is written).
    pub bound: Option<Rc<Node>>,
    /// The tfvars file that set `bound`, for flow notes (a module argument: `None`).
    pub set_in: Option<String>,
}

/// A `locals` entry: where it is and its (unlowered) expression.
pub struct LocalDef<'a> {
    pub file: u32,
    pub expr: &'a Expression,
}

/// One step of a reference (`azurerm_x.y[0].id` → `y`, `[0]`, `id`).
#[derive(Clone, Debug, PartialEq)]
pub enum Seg {
    Attr(String),
    /// `["key"]`, or an index expression that evaluated to a string.
    Key(String),
    Index(usize),
    /// `[*]` / `.*`.
    Splat,
    /// An index that is not known statically.
    Any,
}

/// What an iterator name stands for while a block or expression is lowered.
#[derive(Clone, Debug)]
pub enum Iter {
    /// The collection is not known: an element of this provenance.
    Unknown(Provenance),
    /// `each`, a `dynamic` block's iterator: `.key` and `.value` of one known element.
    Pair { key: Rc<Node>, value: Rc<Node> },
    /// A `for` expression's variable: the name is the element (or its key).
    Value(Rc<Node>),
    /// `count`: `.index` of one element (the span of the `count` argument).
    Count(usize),
}

/// How a resource's `count` / `for_each` expands.
#[derive(Clone, Debug)]
pub struct Expansion {
    /// `count` or `each`.
    pub iterator: &'static str,
    /// One `(key suffix, iterator)` per known element (`[0]`, `["web"]`), or the iterator of
    /// the one unexpanded resource when the collection is not known.
    pub elements: Result<Vec<(String, Iter)>, Iter>,
}

/// Nesting of expressions within which a module referenced before its turn is instantiated
/// on the spot (deeper, it stays unknown): bounds the stack a chain of modules can use.
const LAZY_MODULE_DEPTH: usize = 16;

pub struct Lowerer<'a, 'l> {
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
    /// What following `local.x` and `var.x` may copy into the deployment (doubling locals
    /// are exponential, a large string used thousands of times is gigabytes). Shared by the
    /// module instances of one deployment (see `modules::lend_budget`).
    pub budget: InlineBudget,
    /// Active iterators (`each`, `count`, dynamic block iterators, `for` variables).
    iterators: Vec<(String, Iter)>,
    depth: usize,
    /// Added to parser offsets: expressions parsed out of a JSON string (`.tf.json`) have
    /// offsets relative to the string's content.
    pub offset: usize,
    /// Lowering for evaluation (a condition, a collection, an index, a module argument):
    /// `local.x` gives its value itself rather than an expression naming the local.
    raw: bool,
    /// The deployment being instantiated (budgets, notes, module instantiation).
    pub cx: &'a mut DeployCx<'l>,
    /// The module call this module instance comes from (`None`: the entry point).
    pub instance: Option<Arc<Instance>>,
    /// Instantiated by a caller: a variable left unset takes its default for real.
    pub called: bool,
    /// `count` / `for_each` of the module's resources, by address.
    pub expansions: HashMap<String, Expansion>,
    /// Data sources whose ARM type and name are known (`data.azurerm_container_registry.acr`
    /// → `Microsoft.ContainerRegistry/registries`, `acrprod`): referenced by type and name.
    pub data_names: HashMap<String, (String, String)>,
    /// The module's `module` blocks, by name, instantiated once each.
    pub modules: HashMap<String, ModuleCall<'a>>,
    /// Documents of the module instances called, absorbed into the module's document.
    pub children: Vec<Document>,
    /// `AZL002` notes (modules not followed, budgets hit).
    pub notes: Vec<Diagnostic>,
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

impl<'a, 'l> Lowerer<'a, 'l> {
    pub fn new(files: &'a [Arc<SourceFile>], cx: &'a mut DeployCx<'l>) -> Self {
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
            raw: false,
            cx,
            instance: None,
            called: false,
            expansions: HashMap::new(),
            data_names: HashMap::new(),
            modules: HashMap::new(),
            children: Vec::new(),
            notes: Vec::new(),
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

    /// The deployment key of a resource of this module instance (`address` with its
    /// element suffix, `azurerm_container_app.web["a"]`).
    pub fn key(&self, address: &str) -> String {
        crate::model::instance_key(self.instance.as_deref(), address)
    }

    /// One `AZL002` note for the construct at `span` (once per deployment).
    pub fn note(&mut self, span: Span, message: String) {
        if self.cx.first_note(span) {
            self.notes.push(Diagnostic {
                kind: DiagnosticKind::NotAnalysable,
                message,
                span,
            });
        }
    }

    /// Take `n` expanded elements from the deployment's budget; past it, a note at `span`
    /// and `false` (the construct is then lowered once with an unknown element).
    pub fn take_elements(&mut self, n: usize, span: Span, what: &str) -> bool {
        if self.cx.take_elements(n) {
            return true;
        }
        self.note(
            span,
            format!(
                "{what} expands to more elements than the deployment's budget of \
                 {MAX_ELEMENTS}; it is analysed once, with an unknown element"
            ),
        );
        false
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

    /// Lower an expression for its value (a condition, a collection, an index, a module
    /// argument): locals give their values themselves.
    pub fn raw_expr(&mut self, e: &Expression) -> Node {
        let saved = std::mem::replace(&mut self.raw, true);
        let n = self.expr(e);
        self.raw = saved;
        n
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
                if n.via().is_empty() {
                    n.span = span;
                }
                n
            }
            Expression::Variable(v) => {
                let name = v.as_str();
                let text = self.text(span);
                match self.iterator(name) {
                    Some(Iter::Unknown(p)) => Node::expr(Expr::new(p.clone(), text), span),
                    Some(Iter::Value(n)) => {
                        let n = n.clone();
                        self.copy(&n, span, &text)
                    }
                    _ => unknown(text, span),
                }
            }
            Expression::Conditional(c) => {
                let cond = self.raw_expr(&c.cond_expr);
                match eval::known_bool(&cond) {
                    Some(true) => return self.expr(&c.true_expr),
                    Some(false) => return self.expr(&c.false_expr),
                    None => {}
                }
                let t = self.expr(&c.true_expr);
                let f = self.expr(&c.false_expr);
                // `cond ? { … } : null` (optional configuration): the structure is what gets
                // deployed when it is deployed at all, so rules see into it; it exists only
                // when the unknown condition holds.
                match (nullish(&t), nullish(&f)) {
                    (false, true) if is_container(&t) => t.conditional(),
                    (true, false) if is_container(&f) => f.conditional(),
                    _ => branches(vec![t, f], self.text(span), span),
                }
            }
            Expression::FuncCall(f) => self.func(f, span),
            Expression::Traversal(t) => self.traversal(t, span),
            Expression::BinaryOp(b) => {
                let l = self.raw_expr(&b.lhs_expr);
                let r = self.raw_expr(&b.rhs_expr);
                eval::binary(*b.operator.value(), &l, &r, span)
                    .unwrap_or_else(|| unknown(self.text(span), span))
            }
            Expression::UnaryOp(u) => {
                let n = self.raw_expr(&u.expr);
                eval::unary(*u.operator.value(), &n, span)
                    .unwrap_or_else(|| unknown(self.text(span), span))
            }
            Expression::ForExpr(f) => self.for_expr(f, span),
        }
    }

    fn object_key(&mut self, k: &ObjectKey) -> (String, Span) {
        match k {
            ObjectKey::Ident(id) => (id.as_str().to_string(), self.span(id.span())),
            ObjectKey::Expression(e) => {
                let n = self.raw_expr(e);
                let key = match &n.value {
                    Value::String(s) => s.clone(),
                    Value::Expr(x) => x.text.clone(),
                    _ => n
                        .known_text()
                        .map(|t| t.into_owned())
                        .unwrap_or_else(|| self.text(n.span)),
                };
                // The key as written here (a key taken from a variable is still written here).
                (key, self.span(e.span()))
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
            if n.via().is_empty() {
                n.span = span;
            }
            return n;
        }
        let mut parts = Vec::new();
        let mut literal = String::new();
        let mut refs = Vec::new();
        let mut known = true;
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
                    // A value known here (an iterator's element, a module argument) is part
                    // of the text; anything else is a `…` in the literal.
                    match eval::known_text(&n) {
                        Some(t) => {
                            parts.push(n.provenance());
                            literal.push_str(&t);
                        }
                        None => {
                            known = false;
                            parts.push(deep_provenance(&n));
                            collect_refs(&n, &mut refs, 0);
                            if !literal.ends_with('\u{2026}') {
                                literal.push('\u{2026}');
                            }
                        }
                    }
                }
                Element::Directive(_) => {
                    known = false;
                    parts.push(Provenance::Unknown);
                    if !literal.ends_with('\u{2026}') {
                        literal.push('\u{2026}');
                    }
                }
            }
        }
        if known {
            return Node::string(literal, span);
        }
        let mut x =
            Expr::new(Provenance::of_interpolation(parts), self.text(span)).with_literal(literal);
        x.refs = refs;
        Node::expr(x, span)
    }

    fn func(&mut self, f: &FuncCall, span: Span) -> Node {
        let name = f.name.name.as_str();
        let text = self.text(span);
        // Value-preserving conversions keep naming what they convert (a local stays a
        // local); every other function needs its arguments' values.
        let keeps_origin = matches!(
            name,
            "sensitive"
                | "nonsensitive"
                | "tostring"
                | "tonumber"
                | "tobool"
                | "trimspace"
                | "chomp"
        );
        let mut args: Vec<Node> = f
            .args
            .iter()
            .map(|a| {
                if keeps_origin {
                    self.expr(a)
                } else {
                    self.raw_expr(a)
                }
            })
            .collect();
        // `f(a, list...)`: the list's items are the last arguments.
        let mut spread_unknown = false;
        if f.args.expand_final() {
            match args.pop() {
                Some(last) => match eval::elements(&last) {
                    Some(items) if last.as_array().is_some() => {
                        args.extend(items.into_iter().map(|(_, v)| v))
                    }
                    _ => {
                        spread_unknown = true;
                        args.push(last);
                    }
                },
                None => spread_unknown = true,
            }
        }
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
        if !spread_unknown && name != "sensitive" {
            if let Some(n) = eval::call(name, &args, span) {
                return n;
            }
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
                let conditional = a.is_conditional();
                if let Value::Object(more) = a.value {
                    eval::shallow_merge(&mut props, more, conditional);
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

    /// `[for k, v in coll : …]` / `{for k, v in coll : key => value}` over a known
    /// collection: one element each (budgeted); an element whose `if` is not known is kept,
    /// as a conditional one. An unknown collection: unknown.
    fn for_expr(&mut self, f: &ForExpr, span: Span) -> Node {
        let coll = self.raw_expr(&f.intro.collection_expr);
        let Some(elements) = eval::elements(&coll) else {
            return unknown(self.text(span), span);
        };
        if !self.take_elements(elements.len(), span, "a `for` expression") {
            return unknown(self.text(span), span);
        }
        let key_var = f.intro.key_var.as_ref().map(|k| k.as_str().to_string());
        let value_var = f.intro.value_var.as_str().to_string();
        let mut items: Vec<Node> = Vec::new();
        let mut props: Vec<Property> = Vec::new();
        for (k, v) in elements {
            let pushed = 1 + usize::from(key_var.is_some());
            if let Some(kv) = &key_var {
                self.iterators.push((kv.clone(), Iter::Value(Rc::new(k))));
            }
            self.iterators
                .push((value_var.clone(), Iter::Value(Rc::new(v))));
            let out = self.for_element(f);
            self.iterators
                .truncate(self.iterators.len().saturating_sub(pushed));
            match out {
                ForOut::Skip => {}
                ForOut::Unknown => return unknown(self.text(span), span),
                ForOut::Item(n) => items.push(n),
                ForOut::Entry(key, key_span, value) => {
                    match props.iter_mut().find(|p| p.key == key) {
                        Some(p) if f.grouping => {
                            if let Value::Array(group) = &mut p.value.value {
                                group.push(value);
                            }
                        }
                        Some(p) => p.value = value,
                        None => {
                            let value = if f.grouping {
                                Node::new(Value::Array(vec![value]), span)
                            } else {
                                value
                            };
                            props.push(Property {
                                key,
                                key_span,
                                value,
                            });
                        }
                    }
                }
            }
        }
        if f.key_expr.is_some() {
            Node::object(props, span)
        } else {
            Node::new(Value::Array(items), span)
        }
    }

    fn for_element(&mut self, f: &ForExpr) -> ForOut {
        let keep = match &f.cond {
            None => Some(true),
            Some(c) => {
                let c = self.raw_expr(&c.expr);
                eval::known_bool(&c)
            }
        };
        if keep == Some(false) {
            return ForOut::Skip;
        }
        let optional = |n: Node| if keep.is_none() { n.conditional() } else { n };
        match &f.key_expr {
            Some(key_expr) => {
                let key = self.raw_expr(key_expr);
                let Some(text) = eval::known_text(&key).map(|t| t.into_owned()) else {
                    return ForOut::Unknown;
                };
                let value = self.expr(&f.value_expr);
                ForOut::Entry(text, key.span, optional(value))
            }
            None => ForOut::Item(optional(self.expr(&f.value_expr))),
        }
    }

    fn iterator(&self, name: &str) -> Option<&Iter> {
        self.iterators
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, it)| it)
    }

    /// Lower `f` with `name` bound as an iterator.
    pub fn with_iterator<T>(&mut self, name: &str, it: Iter, f: impl FnOnce(&mut Self) -> T) -> T {
        self.iterators.push((name.to_string(), it));
        let out = f(self);
        self.iterators.pop();
        out
    }

    fn segments(&mut self, t: &Traversal) -> Vec<Seg> {
        let mut out = Vec::with_capacity(t.operators.len());
        for op in t.operators.iter() {
            out.push(match op.value() {
                TraversalOperator::GetAttr(id) => Seg::Attr(id.as_str().to_string()),
                TraversalOperator::LegacyIndex(i) => Seg::Index(*i.value() as usize),
                TraversalOperator::Index(e) => {
                    let n = self.raw_expr(e);
                    match &n.value {
                        Value::Number(x) if *x >= 0.0 && x.fract() == 0.0 => {
                            Seg::Index(*x as usize)
                        }
                        Value::String(s) => Seg::Key(s.clone()),
                        _ => Seg::Any,
                    }
                }
                TraversalOperator::AttrSplat(_) | TraversalOperator::FullSplat(_) => Seg::Splat,
            });
        }
        out
    }

    /// A copy of a known value reached at a use site (charged to the budget: past it, an
    /// unknown value at `span`).
    fn copy(&mut self, n: &Node, span: Span, text: &str) -> Node {
        if !self.budget.charge_node(n) {
            self.budget.locate(span);
            return unknown(text.to_string(), span);
        }
        n.clone()
    }

    /// Follow `segs` into a known value and copy what is reached (with the flow of the
    /// containers it was taken from). A path into an unknown value gives an expression of
    /// that value's provenance and references; past a known object's attributes, `null` (an
    /// optional attribute left out).
    fn reach(&mut self, node: &Node, segs: &[Seg], span: Span, text: &str) -> Node {
        let mut cur = node;
        let mut path: Vec<&Node> = Vec::new();
        for (i, s) in segs.iter().enumerate() {
            let next = match (&cur.value, s) {
                (Value::Object(_), Seg::Attr(k) | Seg::Key(k)) => cur.get(k),
                (Value::Object(_), Seg::Index(i)) => cur.get(&i.to_string()),
                (Value::Array(items), Seg::Index(i)) => items.get(*i),
                (Value::Array(items), Seg::Splat) => {
                    let rest = &segs[i + 1..];
                    let items: Vec<Node> = items
                        .iter()
                        .map(|item| {
                            let n = self.reach(item, rest, span, text);
                            eval::inherit(n, cur)
                        })
                        .collect();
                    return carry(Node::new(Value::Array(items), span), &path);
                }
                // `x[*]` on a single value is a one-element list (on null, an empty one).
                (Value::Null, Seg::Splat) => return Node::new(Value::Array(Vec::new()), span),
                (Value::Null, _) => None,
                (Value::Expr(e), _) => {
                    let mut x = Expr::new(e.provenance.clone(), text);
                    x.refs = e.refs.clone();
                    let opaque = Node::expr(x, span);
                    return carry(eval::inherit(opaque, cur), &path);
                }
                (Value::Array(_) | Value::Object(_), _) => {
                    let mut x = Expr::new(deep_provenance(cur), text);
                    collect_refs(cur, &mut x.refs, 0);
                    let opaque = Node::expr(x, span);
                    return carry(eval::inherit(opaque, cur), &path);
                }
                _ => return unknown(text.to_string(), span),
            };
            match next {
                Some(n) => {
                    path.push(cur);
                    cur = n;
                }
                None => return carry(Node::null(span), &path),
            }
        }
        let copied = self.copy(cur, span, text);
        carry(copied, &path)
    }

    fn traversal(&mut self, t: &Traversal, span: Span) -> Node {
        let text = self.text(span);
        let Expression::Variable(root) = &t.expr else {
            // `(expr).x`, `func()[0]`: follow into what the inner expression gives.
            let inner = self.expr(&t.expr);
            let segs = self.segments(t);
            if eval::is_known(&inner) {
                return self.reach(&inner, &segs, span, &text);
            }
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
        if let Some(it) = self.iterator(root).cloned() {
            return match it {
                Iter::Unknown(p) => Node::expr(Expr::new(p, text), span),
                Iter::Value(v) => self.reach(&v, &segs, span, &text),
                Iter::Pair { key, value } => match attr(0) {
                    Some("key") => self.reach(&key, &segs[1..], span, &text),
                    Some("value") => self.reach(&value, &segs[1..], span, &text),
                    _ => unknown(text, span),
                },
                Iter::Count(i) => match attr(0) {
                    Some("index") => Node::new(Value::Number(i as f64), span),
                    _ => unknown(text, span),
                },
            };
        }
        match root {
            "var" => {
                let Some(name) = attr(0).map(str::to_string) else {
                    return unknown(text, span);
                };
                self.variable(&name, &segs[1..], span, &text)
            }
            "local" => {
                let Some(name) = attr(0).map(str::to_string) else {
                    return unknown(text, span);
                };
                self.local_ref(&name, &segs[1..], span, text)
            }
            "data" => {
                let (Some(ty), Some(name)) = (attr(0), attr(1)) else {
                    return unknown(text, span);
                };
                let rest = &segs[2..];
                let field = rest.iter().find_map(|s| match s {
                    Seg::Attr(a) => Some(a.as_str()),
                    _ => None,
                });
                let action = self
                    .key_actions
                    .get(&format!("data.{ty}.{name}"))
                    .copied()
                    .filter(|_| !names_public_part(rest));
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
                let address = format!("data.{ty}.{name}");
                let r = match self.data_names.get(&address) {
                    Some((resource_type, name)) => Ref {
                        target: Target::Named {
                            resource_type: resource_type.clone(),
                            name: name.clone(),
                        },
                        member: None,
                    },
                    None => Ref::text(address),
                };
                x.refs = vec![with_member(r, member(ty, rest))];
                Node::expr(x, span)
            }
            "ephemeral" => Node::expr(Expr::new(Provenance::SecureInput, text), span),
            "module" => {
                let Some(m) = attr(0).map(str::to_string) else {
                    return unknown(text, span);
                };
                self.module_output(&m, &segs[1..], span, text)
            }
            "each" | "count" | "self" | "path" | "terraform" => unknown(text, span),
            ty if self.is_resource_type(ty) => {
                let Some(name) = attr(0) else {
                    return unknown(text, span);
                };
                let rest = &segs[1..];
                let field = rest.iter().find_map(|s| match s {
                    Seg::Attr(a) => Some(a.as_str()),
                    _ => None,
                });
                let provenance = match self.key_actions.get(&format!("{ty}.{name}")) {
                    Some(kind) if field == Some("output") && !names_public_part(rest) => {
                        Provenance::Derived(*kind)
                    }
                    _ => attribute_provenance(ty, field),
                };
                let mut x = Expr::new(provenance, text)
                    .with_origin(format!("attr:{ty}.{name}.{}", field.unwrap_or("")));
                x.refs = self.resource_refs(ty, name, rest);
                Node::expr(x, span)
            }
            _ => unknown(text, span),
        }
    }

    /// `var.name…`: the value given from outside (itself, one flow step further), the
    /// default of a called module's variable, or what is known of the declaration.
    fn variable(&mut self, name: &str, rest: &[Seg], span: Span, text: &str) -> Node {
        let (bound, default, set_in) = match self.vars.get(name) {
            Some(info) => (info.bound.clone(), info.value.clone(), info.set_in.clone()),
            None => (None, None, None),
        };
        if let Some(bound) = bound {
            let note = match (&self.instance, set_in) {
                (_, Some(file)) => format!("variable `{name}`, set in {file}"),
                (Some(i), None) => {
                    format!("variable `{name}` of `{}` ({})", i.path, i.source)
                }
                (None, None) => format!("variable `{name}`"),
            };
            // The step is the use of the variable: what is reached inside it took it too.
            return self.reach(&bound, rest, span, text).with_step(span, note);
        }
        if self.called {
            if let Some(default) = default {
                return self.reach(&default, rest, span, text);
            }
        }
        // Borrowed, not cloned: only the literal reached is copied, once charged.
        let (secure, literal) = match self.vars.get(name) {
            None => (false, None),
            Some(info) => {
                let literal = if rest.is_empty() {
                    info.literal.as_deref().map(std::borrow::Cow::Borrowed)
                } else {
                    info.value
                        .as_deref()
                        .and_then(|v| follow(v, rest))
                        .and_then(eval::known_text)
                };
                let cost = Cost::text(literal.as_deref().unwrap_or(""));
                if !self.budget.charge(cost) {
                    self.budget.locate(span);
                    return unknown(text.to_string(), span);
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

    /// `local.name…`: for evaluation, the value itself; otherwise a container as written
    /// (its parts keep their spans) and a scalar as an expression naming the local (so rules
    /// and fixes know it is held in a variable), unless it came from outside the module
    /// (then it is that value, where it is written).
    fn local_ref(&mut self, name: &str, rest: &[Seg], span: Span, text: String) -> Node {
        let Some(value) = self.local_shared(name) else {
            return unknown(text, span);
        };
        let n = self.reach(&value, rest, span, &text);
        if self.raw || is_container(&n) || !n.via().is_empty() {
            if n.via().is_empty() && !is_container(&n) {
                // A known scalar is used here.
                return Node { span, ..n };
            }
            return n;
        }
        match &n.value {
            Value::Null => n,
            Value::Expr(inner) if inner.text == text => {
                // Could not follow into the value: it is as what was reached.
                let mut x = (**inner).clone();
                if x.origin.is_none() {
                    x.origin = Some(format!("var:{name}"));
                }
                Node::expr(x, span)
            }
            _ => {
                let mut x = Expr::new(n.provenance(), text);
                x.literal = n.known_text().map(|t| t.into_owned());
                let inner = n.as_expr();
                x.origin = inner
                    .and_then(|e| e.origin.clone())
                    .or_else(|| Some(format!("var:{name}")));
                x.refs = inner.map(|e| e.refs.clone()).unwrap_or_default();
                Node::expr(x, span)
            }
        }
    }

    /// The references of `ty.name…`: the resource's deployment key (each element's when it
    /// is expanded and no element is named), with the attribute read.
    fn resource_refs(&self, ty: &str, name: &str, rest: &[Seg]) -> Vec<Ref> {
        let address = format!("{ty}.{name}");
        let (keys, attrs) = match rest.first() {
            Some(Seg::Index(i)) => (vec![format!("{address}[{i}]")], &rest[1..]),
            Some(Seg::Key(k)) => (vec![format!("{address}[\"{k}\"]")], &rest[1..]),
            Some(Seg::Any | Seg::Splat) => (self.element_keys(&address), &rest[1..]),
            _ => (self.element_keys(&address), rest),
        };
        let m = member(ty, attrs);
        keys.into_iter()
            .map(|k| with_member(Ref::resource(self.key(&k)), m.clone()))
            .collect()
    }

    /// The addresses of a resource's elements (itself when it is not expanded).
    fn element_keys(&self, address: &str) -> Vec<String> {
        match self.expansions.get(address).map(|e| &e.elements) {
            Some(Ok(elements)) if !elements.is_empty() => elements
                .iter()
                .map(|(suffix, _)| format!("{address}{suffix}"))
                .collect(),
            _ => vec![address.to_string()],
        }
    }

    fn is_resource_type(&self, name: &str) -> bool {
        self.resource_types.contains(name)
            || (name.contains('_') && PROVIDER_PREFIXES.iter().any(|p| name.starts_with(p)))
    }

    /// The outputs of `module.m` (instantiating it now if needed): `module.m.out`,
    /// `module.m[0].out`, `module.m["k"].out` are the output's value, one flow step further.
    fn module_output(&mut self, m: &str, rest: &[Seg], span: Span, text: String) -> Node {
        let opaque = |text: String| {
            let mut x = Expr::new(Provenance::Derived(DerivedKind::Other), text);
            x.refs = vec![Ref::text(format!("module.{m}"))];
            Node::expr(x, span)
        };
        let called = if self.depth <= LAZY_MODULE_DEPTH {
            self.module(m)
        } else {
            self.module_done(m)
        };
        let Some(called) = called else {
            return opaque(text);
        };
        let (outputs, rest) = match (called.outputs(rest.first()), rest.first()) {
            (Some(o), Some(Seg::Index(_) | Seg::Key(_))) => (o, &rest[1..]),
            (Some(o), _) => (o, rest),
            (None, _) => return opaque(text),
        };
        let Some(Seg::Attr(out)) = rest.first() else {
            return opaque(text);
        };
        let Some(value) = outputs.get(out.as_str()).cloned() else {
            return opaque(text);
        };
        let note = format!("output `{out}` of `{}` ({})", called.path, called.source);
        self.reach(&value, &rest[1..], span, &text)
            .with_step(span, note)
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

    /// The lowered value of `local.name`, followed through other locals (lowered once, for
    /// its value, and shared; a cycle gives `None`).
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
        let saved_offset = std::mem::replace(&mut self.offset, 0);
        // Locals do not see the iterators of the place that references them.
        let saved_iters = std::mem::take(&mut self.iterators);
        let node = Rc::new(self.raw_expr(expr));
        self.iterators = saved_iters;
        self.offset = saved_offset;
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
                            let v = self.object_value(a)?;
                            let conditional = v.is_conditional();
                            if let Value::Object(more) = v.value {
                                eval::shallow_merge(&mut props, more, conditional);
                            }
                        }
                        Some(Node::object(props, span))
                    }
                    _ => {
                        let n = self.expr(e);
                        matches!(n.value, Value::Object(_)).then_some(n)
                    }
                }
            }
            _ => {
                let n = self.expr(e);
                matches!(n.value, Value::Object(_)).then_some(n)
            }
        }
    }

    /// A block body as a tree: attributes as properties, nested blocks as arrays of objects
    /// under their type (`dynamic "x" { content {…} }` becomes blocks `x`: one per element
    /// of a known collection, else one conditional block). Meta blocks (`lifecycle`,
    /// provisioners, timeouts) are left out.
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
                    let (name, nodes) = if ident == "dynamic" {
                        let Some(label) = b.labels.first() else {
                            continue;
                        };
                        (
                            label.as_str().to_string(),
                            self.dynamic_blocks(b, label.as_str(), block_span),
                        )
                    } else {
                        (
                            ident.to_string(),
                            vec![self.block_tree(&b.body, block_span)],
                        )
                    };
                    if nodes.is_empty() {
                        continue;
                    }
                    match props
                        .iter_mut()
                        .find(|p| p.key == name && matches!(p.value.value, Value::Array(_)))
                    {
                        Some(p) => {
                            if let Value::Array(items) = &mut p.value.value {
                                items.extend(nodes);
                            }
                        }
                        None => props.push(Property {
                            key: name,
                            key_span,
                            value: Node::new(Value::Array(nodes), block_span),
                        }),
                    }
                }
            }
        }
        self.depth -= 1;
        Node::object(props, span)
    }

    /// The blocks a `dynamic` block generates.
    fn dynamic_blocks(
        &mut self,
        b: &hcl_edit::structure::Block,
        label: &str,
        block_span: Span,
    ) -> Vec<Node> {
        let Some(content) = b
            .body
            .iter()
            .filter_map(Structure::as_block)
            .find(|c| c.ident.as_str() == "content")
        else {
            return Vec::new();
        };
        let attribute = |key: &str| {
            b.body
                .iter()
                .filter_map(Structure::as_attribute)
                .find(|a| a.key.as_str() == key)
        };
        let iterator = attribute("iterator")
            .and_then(|a| a.value.as_variable().map(|v| v.as_str().to_string()))
            .unwrap_or_else(|| label.to_string());
        let collection = attribute("for_each").map(|a| self.raw_expr(&a.value));
        if let Some(elements) = collection.as_ref().and_then(eval::elements) {
            if self.take_elements(elements.len(), block_span, "a `dynamic` block") {
                return elements
                    .into_iter()
                    .map(|(k, v)| {
                        let it = Iter::Pair {
                            key: Rc::new(k),
                            value: Rc::new(v),
                        };
                        self.with_iterator(&iterator, it, |lw| {
                            lw.block_tree(&content.body, block_span)
                        })
                    })
                    .collect();
            }
        }
        // Not known: one block standing for every element, present only if the collection
        // is not empty.
        let p = collection
            .as_ref()
            .map(deep_provenance)
            .unwrap_or(Provenance::Unknown);
        let node = self.with_iterator(&iterator, Iter::Unknown(p), |lw| {
            lw.block_tree(&content.body, block_span)
        });
        vec![node.conditional()]
    }
}

/// What one element of a `for` expression gives.
enum ForOut {
    Skip,
    Unknown,
    Item(Node),
    Entry(String, Span, Node),
}

/// `n` with the flow steps of the containers it was reached through (innermost first).
fn carry(mut n: Node, path: &[&Node]) -> Node {
    for c in path.iter().rev() {
        n = eval::inherit(n, c);
    }
    n
}

/// The attribute a reference reads past the resource (`identity.principal_id`,
/// `login_server`; azapi's `output.properties.x` as `properties.x`).
fn member(ty: &str, segs: &[Seg]) -> Option<String> {
    let mut parts: Vec<&str> = segs
        .iter()
        .filter_map(|s| match s {
            Seg::Attr(a) => Some(a.as_str()),
            _ => None,
        })
        .collect();
    if ty.starts_with("azapi_") && parts.first() == Some(&"output") {
        parts.remove(0);
    }
    (!parts.is_empty()).then(|| parts.join("."))
}

fn with_member(r: Ref, m: Option<String>) -> Ref {
    match m {
        Some(m) => r.with_member(m),
        None => r,
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
    // `c ? var.x : null` with `var.x` given from outside (a caller's argument, a tfvars
    // value): the value where it is written, present only when the unknown condition holds
    // (`null` is "not set"), so a finding points at the value, not at the module's ternary.
    let mut set = candidates
        .iter()
        .filter(|c| !matches!(c.value, Value::Null));
    if let (Some(only), None) = (set.next(), set.next()) {
        if candidates.len() > 1 && !only.via().is_empty() && !is_container(only) {
            return only
                .clone()
                .with_step(span, "used here when a condition holds".to_string())
                .conditional();
        }
    }
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

/// The node at `segs` inside a known value (for a default's literal), if reachable.
fn follow<'n>(node: &'n Node, segs: &[Seg]) -> Option<&'n Node> {
    segs.iter().try_fold(node, |n, s| match s {
        Seg::Attr(k) | Seg::Key(k) => n.get(k),
        Seg::Index(i) => n.as_array().and_then(|a| a.get(*i)),
        Seg::Splat | Seg::Any => None,
    })
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
