//! Lowering: Bicep AST → the resource model, with provenance on every expression.
//!
//! Symbols are collected first (params, vars, resources incl. nested children, modules), so
//! an expression anywhere can be classified: a secure parameter, a variable followed to its
//! value, a Key Vault `getSecret()`, a `listKeys()` result, another resource's property…

use std::collections::{HashMap, HashSet};
use std::rc::Rc;
use std::sync::Arc;

use super::ast::*;
use super::lexer::{lex, Tok};
use super::params;
use crate::frontend::functions::{self, Family};
use crate::frontend::instance::{Bindings, DeployCx, Inputs};
use crate::frontend::MAX_DEPTH;
use crate::model::budget::{Cost, InlineBudget};
use crate::model::{
    Assignment, DerivedKind, Diagnostic, Document, Expr as MExpr, Format, Instance, Node, Output,
    Parameter, Property, Provenance, Ref, Resource, Value, Variable,
};
use crate::source::{SourceFile, Span};

/// The joiner for literal fragments of an interpolation (`Expr::literal`).
const ELLIPSIS: &str = "\u{2026}";

pub(super) fn lower_program(
    program: &Program,
    src: &str,
    file: &Arc<SourceFile>,
    inputs: Inputs,
    instance: Option<Arc<Instance>>,
    deploy: &mut DeployCx<'_>,
    doc: &mut Document,
) {
    let mut cx = Lowerer::new(src, file, inputs, instance, deploy);
    cx.collect(&program.statements, None, 0);
    let is_param_file = doc.format == Format::BicepParam;
    // Module calls first, callees before their callers' dependants, from this shallow point of
    // the stack: a reference to an output deep inside an expression then finds it made.
    cx.instantiate_modules(&program.statements);
    let mut using: Option<(&Statement, Option<&Expr>)> = None;
    let aliases: HashMap<&str, &TypeExpr> = program
        .statements
        .iter()
        .filter_map(|s| match &s.kind {
            StmtKind::Type { name, ty } => Some((name.name.as_str(), ty)),
            _ => None,
        })
        .collect();

    for stmt in &program.statements {
        match &stmt.kind {
            StmtKind::Param {
                name, ty, default, ..
            } => {
                let secure = stmt.has_decorator("secure");
                doc.parameters.push(Parameter {
                    name: name.name.clone(),
                    span: cx.span(name.span),
                    secure,
                    type_name: ty.as_ref().map(|t| type_kind(t, &aliases, src, 0)),
                    default: default.as_ref().map(|d| cx.lower(d)),
                });
            }
            StmtKind::Var { name, value, .. } => {
                // The declaration's own value: lowered once (its uses inside were charged).
                let value = match cx.var_shared(&name.name) {
                    Some(v) => (*v).clone(),
                    None => cx.lower(value),
                };
                doc.variables.push(Variable {
                    name: name.name.clone(),
                    span: cx.span(name.span),
                    value,
                });
            }
            StmtKind::Output { name, value, .. } => {
                doc.outputs.push(Output {
                    name: name.name.clone(),
                    span: cx.span(name.span),
                    value: cx.lower(value),
                    secure: stmt.has_decorator("secure"),
                });
            }
            StmtKind::Resource(decl) => cx.lower_resource(decl, None, &mut doc.resources, 0),
            StmtKind::Module { name, .. } => {
                if let Some(m) = cx.module(&name.name) {
                    doc.assignments.extend(m.assignments.iter().cloned());
                }
            }
            StmtKind::Using { path, .. } if is_param_file => using = Some((stmt, path.as_ref())),
            _ => {}
        }
    }
    let mut template = None;
    if is_param_file {
        let mut bindings = Bindings::new();
        let first = doc.assignments.len();
        for stmt in &program.statements {
            if let StmtKind::ParamAssign { name, value } = &stmt.kind {
                let value = cx.lower(value);
                bindings.insert(name.name.clone(), value.clone());
                doc.assignments.push(Assignment {
                    name: name.name.clone(),
                    span: cx.span(name.span),
                    value,
                    target_secure: None,
                    target: None,
                });
            }
        }
        if let Some((stmt, path)) = using {
            let rel = path.and_then(literal_string);
            template = cx.instantiate_template(stmt, rel.as_deref(), path.is_none(), bindings);
            if let Some(child) = &template {
                let declared = params::declared(child);
                for a in &mut doc.assignments[first..] {
                    a.target_secure = declared.get(&a.name.to_ascii_lowercase()).copied();
                }
            }
            for a in &mut doc.assignments[first..] {
                a.target = rel.clone();
            }
        }
    }
    cx.budget
        .report(doc, "variable values and parameter defaults");
    doc.diagnostics.append(&mut cx.notes);
    // The instances' documents, in the order of the calls.
    let mut children: Vec<Option<(&str, Document)>> = std::mem::take(&mut cx.child_docs)
        .into_iter()
        .map(Some)
        .collect();
    for stmt in &program.statements {
        if let StmtKind::Module { name, .. } = &stmt.kind {
            for slot in children.iter_mut() {
                if slot.as_ref().is_some_and(|(n, _)| *n == name.name.as_str()) {
                    if let Some((_, child)) = slot.take() {
                        doc.absorb(child);
                    }
                }
            }
        }
    }
    for (_, child) in children.into_iter().flatten() {
        doc.absorb(child);
    }
    if let Some(child) = template {
        doc.absorb(child);
    }
}

/// The kind of value a parameter type admits, named like ARM's parameter types so rules can
/// compare across languages: `string`, `int`, `bool`, `object`, `array` (`T[]`, tuples),
/// through nullability (`string?`), literal unions (`'a' | 'b'` → `string`) and type aliases
/// declared in the file (`type secretType = {…}` → `object`). Anything else (resource-derived
/// types, imported types) keeps its whitespace-normalised text.
fn type_kind(ty: &TypeExpr, aliases: &HashMap<&str, &TypeExpr>, src: &str, depth: usize) -> String {
    let written = || normalize(ty.span.slice(src));
    if depth > MAX_DEPTH {
        return written();
    }
    match &ty.kind {
        TypeKind::Ref(name) => {
            let bare = name.strip_prefix("sys.").unwrap_or(name);
            match aliases.get(bare) {
                Some(t) => type_kind(t, aliases, src, depth + 1),
                None if matches!(bare, "string" | "int" | "bool" | "object" | "array") => {
                    bare.to_string()
                }
                None => written(),
            }
        }
        TypeKind::Literal(e) => match &e.kind {
            ExprKind::String(_) => "string".into(),
            ExprKind::Int(_) | ExprKind::Unary(..) => "int".into(),
            ExprKind::Bool(_) => "bool".into(),
            _ => written(),
        },
        TypeKind::Union(members) => members
            .iter()
            .find(|m| !matches!(&m.kind, TypeKind::Literal(e) if matches!(e.kind, ExprKind::Null)))
            .map(|m| type_kind(m, aliases, src, depth + 1))
            .unwrap_or_else(written),
        TypeKind::Array(_) | TypeKind::Tuple(_) => "array".into(),
        TypeKind::Nullable(inner) => type_kind(inner, aliases, src, depth + 1),
        TypeKind::Object(_) => "object".into(),
        TypeKind::ResourceDerived { .. } | TypeKind::Error => written(),
    }
}

/// The decoded text of a string literal without interpolation.
pub(super) fn literal_string(e: &Expr) -> Option<String> {
    match &e.kind {
        ExprKind::String(parts) if parts.len() == 1 => match &parts[0] {
            StrPart::Lit(s) => Some(s.clone()),
            StrPart::Hole(_) => None,
        },
        _ => None,
    }
}

/// The object inside `if (…) {…}` / `[for …: …]` forms.
fn strip_control(e: &Expr, depth: usize) -> &Expr {
    if depth > 4 {
        return e;
    }
    match &e.kind {
        ExprKind::If { body, .. } => strip_control(body, depth + 1),
        ExprKind::For { body, .. } => strip_control(body, depth + 1),
        _ => e,
    }
}

/// Whitespace-normalised expression text: the concatenated token texts (comments,
/// whitespace and newlines dropped; string literals kept verbatim).
pub fn normalize(text: &str) -> String {
    // Most expressions (`uai.id`, `adminPassword`) contain nothing to remove.
    if !text
        .bytes()
        .any(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'/' | b'#'))
    {
        return text.to_string();
    }
    let (toks, _) = lex(text);
    let mut out = String::with_capacity(text.len());
    for t in toks {
        if matches!(t.kind, Tok::NewLine | Tok::Eof) {
            continue;
        }
        out.push_str(t.text(text));
    }
    out
}

#[cfg(test)]
#[test]
fn normalize_drops_whitespace_and_comments_outside_strings() {
    assert_eq!(normalize("foo( a , 'b c' ) /* x */ . d"), "foo(a,'b c').d");
    assert_eq!(normalize("'${ uai.id }'"), "'${uai.id}'");
    assert_eq!(normalize("a.b"), "a.b");
}

struct ParamInfo<'a> {
    secure: bool,
    default: Option<&'a Expr>,
    /// The type admits `null` (`string?`): a caller may leave it out without a default.
    nullable: bool,
}

/// What an expression is known to be, before it becomes an `Expr`.
#[derive(Clone)]
struct Info {
    provenance: Provenance,
    literal: Option<String>,
    origin: Option<String>,
    refs: Vec<Ref>,
}

impl Info {
    fn new(provenance: Provenance) -> Self {
        Info {
            provenance,
            literal: None,
            origin: None,
            refs: Vec::new(),
        }
    }
    fn with_refs(mut self, refs: Vec<Ref>) -> Self {
        self.refs = refs;
        self
    }
}

fn add_refs(into: &mut Vec<Ref>, from: &[Ref]) {
    for r in from {
        if !into.contains(r) {
            into.push(r.clone());
        }
    }
}

/// A loop variable or lambda parameter in scope.
struct Local {
    name: String,
    provenance: Provenance,
    /// The items a loop variable ranges over, when the loop source is statically known.
    items: Option<Vec<Node>>,
    /// The element being lowered, when the loop is expanded element by element.
    current: Option<Node>,
    /// A loop index (a number: never a secret, so its uses are not literals).
    index: bool,
}

impl Local {
    fn new(name: &str, provenance: Provenance, items: Option<Vec<Node>>) -> Local {
        Local {
            name: name.to_string(),
            provenance,
            items,
            current: None,
            index: false,
        }
    }
}

enum Seg {
    Key(String),
    Idx(usize),
    /// `[^n]`: the n-th item from the end.
    FromEnd(usize),
}

/// Follow `segs` (outermost last, as collected from a chain) into a value.
fn follow<'n>(node: &'n Node, segs: &[Seg]) -> Option<&'n Node> {
    segs.iter().rev().try_fold(node, |n, seg| match seg {
        Seg::Key(k) => n.get(k),
        Seg::Idx(i) => n.as_array()?.get(*i),
        Seg::FromEnd(i) => {
            let items = n.as_array()?;
            items.get(items.len().checked_sub(*i)?)
        }
    })
}

/// Every leaf's provenance under a node (the node itself when it is a leaf).
fn leaf_provenances(node: &Node, out: &mut Vec<Provenance>) {
    node.walk(&mut |_, n| {
        if !matches!(n.value, Value::Array(_) | Value::Object(_)) {
            out.push(n.provenance());
        }
    });
}

struct Lowerer<'a, 'd, 'l> {
    src: &'a str,
    /// The file being lowered.
    file: &'a Arc<SourceFile>,
    /// Its id (every span names it).
    file_id: u32,
    params: HashMap<&'a str, ParamInfo<'a>>,
    vars: HashMap<&'a str, &'a Expr>,
    /// Resource symbol → full ARM type.
    resources: HashMap<&'a str, String>,
    /// Resource symbol → its declaration and the symbol of the resource it is nested in.
    res_decls: HashMap<&'a str, (&'a ResourceDecl, Option<&'a str>)>,
    /// Module symbol → its statement.
    modules: HashMap<&'a str, &'a Statement>,
    /// Lambda parameters and loop variables in scope, with their provenance.
    locals: Vec<Local>,
    resolving: Vec<&'a str>,
    /// Lowered variable values: a variable is lowered once however often it is used, and
    /// shared; every use copies (part of) it into the model.
    var_cache: HashMap<&'a str, Rc<Node>>,
    /// What a whole variable is (`node_info` of its value, without origin), once per variable:
    /// describing a container walks all of it.
    var_info_cache: HashMap<&'a str, Info>,
    /// What those copies may add up to: `var b = {x: a, y: a}` chains grow exponentially and
    /// a large string used thousands of times is gigabytes; past it a use is unknown.
    budget: InlineBudget,
    depth: usize,

    // ----- the deployment ----------------------------------------------------------------
    /// The values the caller gives this file's parameters.
    inputs: Inputs,
    /// The module call this file is lowered for (`None`: the entry point).
    instance: Option<Arc<Instance>>,
    deploy: &'d mut DeployCx<'l>,
    /// Module symbol → its instances (`None` while being instantiated: a cycle).
    mod_state: HashMap<&'a str, Option<Rc<deploy::ModCall>>>,
    /// The documents of the module instances, by module symbol, absorbed at the end.
    child_docs: Vec<(&'a str, Document)>,
    /// Resource symbol → whether and how its loop / condition is expanded.
    expansions: HashMap<&'a str, Rc<deploy::Expansion>>,
    /// Resource symbol → its evaluated name (unexpanded resources).
    names: HashMap<&'a str, Option<String>>,
    /// Statically known values of variables and parameter defaults, once each.
    var_values: HashMap<&'a str, Option<Node>>,
    param_values: HashMap<&'a str, Option<Node>>,
    /// Parameter defaults that are objects or arrays, lowered once (a called module whose
    /// caller leaves the parameter out).
    default_cache: HashMap<&'a str, Rc<Node>>,
    /// Symbols whose value is being evaluated (cycle guard of `eval`).
    evaluating: Vec<&'a str>,
    /// Evaluation steps left (a bound on `eval`'s work per file).
    eval_fuel: usize,
    /// Not-analysable notes made while lowering.
    notes: Vec<Diagnostic>,
    /// While > 0, parameter uses are lowered as declared (not replaced by the caller's value):
    /// for the record of a secure parameter passed through to another module.
    no_subst: usize,
}

impl<'a, 'd, 'l> Lowerer<'a, 'd, 'l> {
    fn new(
        src: &'a str,
        file: &'a Arc<SourceFile>,
        inputs: Inputs,
        instance: Option<Arc<Instance>>,
        deploy: &'d mut DeployCx<'l>,
    ) -> Self {
        Lowerer {
            src,
            file,
            file_id: file.id,
            params: HashMap::new(),
            vars: HashMap::new(),
            resources: HashMap::new(),
            res_decls: HashMap::new(),
            modules: HashMap::new(),
            locals: Vec::new(),
            resolving: Vec::new(),
            var_cache: HashMap::new(),
            var_info_cache: HashMap::new(),
            budget: InlineBudget::default(),
            depth: 0,
            inputs,
            instance,
            deploy,
            mod_state: HashMap::new(),
            child_docs: Vec::new(),
            expansions: HashMap::new(),
            names: HashMap::new(),
            var_values: HashMap::new(),
            param_values: HashMap::new(),
            default_cache: HashMap::new(),
            evaluating: Vec::new(),
            eval_fuel: eval::FUEL,
            notes: Vec::new(),
            no_subst: 0,
        }
    }

    fn span(&self, s: Sp) -> Span {
        Span::new(self.file_id, s.start as usize, s.end as usize)
    }

    fn text(&self, e: &Expr) -> String {
        normalize(e.span.slice(self.src))
    }

    // ----- symbol collection --------------------------------------------------------------

    /// Declarations by symbol; `parent_type` is the type and symbol of the resource the
    /// statements are nested in.
    fn collect(
        &mut self,
        stmts: &'a [Statement],
        parent_type: Option<(&str, &'a str)>,
        depth: usize,
    ) {
        if depth > MAX_DEPTH {
            return;
        }
        for stmt in stmts {
            match &stmt.kind {
                StmtKind::Param {
                    name, default, ty, ..
                } => {
                    self.params.insert(
                        &name.name,
                        ParamInfo {
                            secure: stmt.has_decorator("secure"),
                            default: default.as_ref(),
                            nullable: ty.as_ref().is_some_and(nullable),
                        },
                    );
                }
                StmtKind::Var { name, value, .. } => {
                    self.vars.insert(&name.name, value);
                }
                // In a `.bicepparam` file, a parameter assigned here reads as that value.
                StmtKind::ParamAssign { name, value } => {
                    self.vars.insert(&name.name, value);
                }
                StmtKind::Module { name, .. } => {
                    self.modules.insert(&name.name, stmt);
                }
                StmtKind::Resource(decl) => {
                    let (ty, _) = resource_type(decl, parent_type.map(|p| (p.0, None)));
                    self.resources.insert(&decl.name.name, ty.clone());
                    self.res_decls
                        .insert(&decl.name.name, (decl, parent_type.map(|p| p.1)));
                    if let ExprKind::Object(items) = &strip_control(&decl.value, 0).kind {
                        let children: Vec<&'a Statement> = items
                            .iter()
                            .filter_map(|i| match i {
                                ObjectItem::Resource(s) => Some(&**s),
                                _ => None,
                            })
                            .collect();
                        for c in children {
                            self.collect(
                                std::slice::from_ref(c),
                                Some((&ty, &decl.name.name)),
                                depth + 1,
                            );
                        }
                    }
                }
                _ => {}
            }
        }
    }

    // ----- resources ----------------------------------------------------------------------

    fn lower_resource(
        &mut self,
        decl: &'a ResourceDecl,
        parent: Option<(&str, Option<&str>)>,
        out: &mut Vec<Resource>,
        depth: usize,
    ) {
        if depth > MAX_DEPTH {
            return;
        }
        let (full_type, api) = resource_type(decl, parent);
        let symbol = decl.name.name.as_str();
        let body_expr = strip_control(&decl.value, 0);
        let expansion = self.expansion(symbol, &decl.value);
        let new = |cx: &Self, body: Node, key: String, name_value: Option<String>| Resource {
            resource_type: full_type.clone(),
            api_version: api.clone(),
            name: decl.name.name.clone(),
            symbol: Some(decl.name.name.clone()),
            span: Span::new(
                cx.file_id,
                decl.keyword.start as usize,
                decl.type_string.span.end as usize,
            ),
            body,
            existing: decl.existing,
            source_type: None,
            key,
            instance: cx.instance.clone(),
            name_value,
        };
        match &*expansion {
            deploy::Expansion::Dropped => return,
            deploy::Expansion::Elements(items) => {
                // One resource per element (a looped resource has no nested children).
                for (i, item) in items.iter().enumerate() {
                    let pushed = self.push_element_locals(&decl.value, item, i);
                    if self.element_deployed(&decl.value) {
                        let body = self.lower(body_expr);
                        let name_value = self.name_of(symbol, body_expr);
                        let key = format!("{}[{i}]", self.key(symbol));
                        out.push(new(self, body, key, name_value));
                    }
                    self.locals.truncate(self.locals.len() - pushed);
                }
                return;
            }
            deploy::Expansion::Single => {}
        }
        let pushed = self.push_loop_locals(&decl.value);
        let body = self.lower(body_expr);
        self.locals.truncate(self.locals.len() - pushed);
        let name_value = self.resource_name(symbol);
        let key = self.key(symbol);
        out.push(new(self, body, key, name_value));
        if let ExprKind::Object(items) = &body_expr.kind {
            for item in items {
                if let ObjectItem::Resource(stmt) = item {
                    if let StmtKind::Resource(child) = &stmt.kind {
                        self.lower_resource(
                            child,
                            Some((&full_type, api.as_deref())),
                            out,
                            depth + 1,
                        );
                    }
                }
            }
        }
    }

    /// Loop variables of `[for (x, i) in src: …]` declarations; returns how many were pushed.
    fn push_loop_locals(&mut self, value: &'a Expr) -> usize {
        if let ExprKind::For {
            item,
            index,
            iterable,
            ..
        } = &value.kind
        {
            let (p, items) = self.loop_item_provenance(iterable);
            let mut n = 0;
            if let Some(i) = item {
                self.locals.push(Local::new(&i.name, p, items));
                n += 1;
            }
            if let Some(i) = index {
                // A number: never a secret, and not worth reporting as a literal.
                let mut local = Local::new(&i.name, Provenance::Unknown, None);
                local.index = true;
                self.locals.push(local);
                n += 1;
            }
            return n;
        }
        0
    }

    /// The provenance of a loop item: over a statically known array, the most dangerous of
    /// its leaves (an item may be any of them); over `range()`, a number (Unknown); else the
    /// iterable's own provenance.
    fn loop_item_provenance(&mut self, iterable: &'a Expr) -> (Provenance, Option<Vec<Node>>) {
        if let ExprKind::Call {
            receiver: None,
            name,
            ..
        } = &iterable.kind
        {
            if name.name == "range" {
                return (Provenance::Unknown, None);
            }
        }
        let node = match &iterable.kind {
            ExprKind::Array(_) => Some(self.lower(iterable)),
            _ => self.resolve_static(iterable),
        };
        if let Some(Node {
            value: Value::Array(items),
            ..
        }) = node
        {
            let mut leaves = Vec::new();
            for item in &items {
                leaf_provenances(item, &mut leaves);
            }
            let p = if leaves.is_empty() {
                Provenance::Empty
            } else {
                Provenance::of_branches(leaves)
            };
            return (p, Some(items));
        }
        (self.info(iterable).provenance, None)
    }

    /// `item.a.b` where `item` ranges over known items: the most dangerous of `a.b` across
    /// the items (so `s.value` over `[{name: 'x', value: kv.getSecret('x')}]` is a Key Vault
    /// reference, not the literal name).
    fn local_member_info(&self, e: &Expr) -> Option<Info> {
        let mut segs = Vec::new();
        let mut cur = e;
        let root = loop {
            match &cur.kind {
                ExprKind::Member { object, name, .. } => {
                    segs.push(Seg::Key(name.name.clone()));
                    cur = object;
                }
                ExprKind::Index {
                    object,
                    index,
                    from_end: false,
                    ..
                } => {
                    match &index.kind {
                        ExprKind::Int(t) => segs.push(Seg::Idx(t.parse().ok()?)),
                        ExprKind::String(_) => segs.push(Seg::Key(literal_string(index)?)),
                        _ => return None,
                    }
                    cur = object;
                }
                ExprKind::NonNull(inner) | ExprKind::Paren(inner) => cur = inner,
                ExprKind::Ident(n) => break n,
                _ => return None,
            }
            if segs.len() > MAX_DEPTH {
                return None;
            }
        };
        let local = self.locals.iter().rev().find(|l| &l.name == root)?;
        if let Some(current) = &local.current {
            // An expanded element: exactly what this element holds there.
            return follow(current, &segs).map(|n| node_info(n, None));
        }
        let items = local.items.as_ref()?;
        let mut leaves = Vec::new();
        for item in items {
            if let Some(n) = follow(item, &segs) {
                leaf_provenances(n, &mut leaves);
            }
        }
        if leaves.is_empty() {
            return None;
        }
        Some(Info::new(Provenance::of_branches(leaves)))
    }

    // ----- values -------------------------------------------------------------------------

    /// Lower an expression to a node: literals stay plain values, containers are lowered
    /// member by member, everything else becomes an `Expr` with provenance.
    fn lower(&mut self, e: &'a Expr) -> Node {
        let span = self.span(e.span);
        if self.depth > MAX_DEPTH {
            return Node::expr(MExpr::new(Provenance::Unknown, self.text(e)), span);
        }
        self.depth += 1;
        let node = self.lower_inner(e, span);
        self.depth -= 1;
        node
    }

    fn lower_inner(&mut self, e: &'a Expr, span: Span) -> Node {
        match &e.kind {
            ExprKind::Int(t) => Node::new(Value::Number(t.parse::<f64>().unwrap_or(0.0)), span),
            ExprKind::Unary(UnOp::Neg, inner) if matches!(inner.kind, ExprKind::Int(_)) => {
                let ExprKind::Int(t) = &inner.kind else {
                    unreachable!()
                };
                Node::new(Value::Number(-t.parse::<f64>().unwrap_or(0.0)), span)
            }
            ExprKind::Bool(b) => Node::new(Value::Bool(*b), span),
            ExprKind::Null => Node::null(span),
            ExprKind::String(parts) if parts.len() == 1 => match &parts[0] {
                StrPart::Lit(s) => Node::string(s.clone(), span),
                StrPart::Hole(_) => self.as_expr(e, span),
            },
            ExprKind::Array(items) => {
                let mut out = Vec::with_capacity(items.len());
                for item in items {
                    match item {
                        ArrayItem::Item(x) => out.push(self.lower(x)),
                        ArrayItem::Spread(x) => {
                            let n = self.lower(x);
                            if let Value::Array(inner) = n.value {
                                out.extend(inner);
                            }
                        }
                    }
                }
                Node::new(Value::Array(out), span)
            }
            ExprKind::Object(items) => {
                let mut props = Vec::with_capacity(items.len());
                for item in items {
                    match item {
                        ObjectItem::Property { key, value } => {
                            let key_text = match (&key.text, &key.expr) {
                                (Some(t), _) => t.clone(),
                                (None, Some(k)) => self.key_text(k),
                                (None, None) => String::new(),
                            };
                            props.push(Property {
                                key: key_text,
                                key_span: self.span(key.span),
                                value: self.lower(value),
                            });
                        }
                        ObjectItem::Spread(x) => {
                            let n = self.lower(x);
                            if let Value::Object(inner) = n.value {
                                props.extend(inner);
                            }
                        }
                        ObjectItem::Resource(_) => {}
                    }
                }
                Node::object(props, span)
            }
            ExprKind::For { iterable, body, .. } => {
                // Over a known collection: one element each.
                if let Some(items) = self.loop_items(iterable, e.span) {
                    let mut out = Vec::with_capacity(items.len());
                    for (i, item) in items.iter().enumerate() {
                        let pushed = self.push_element_locals(e, item, i);
                        if self.element_deployed(e) {
                            out.push(self.lower(strip_control(body, 0)));
                        }
                        self.locals.truncate(self.locals.len() - pushed);
                    }
                    return Node::new(Value::Array(out), span);
                }
                let pushed = self.push_loop_locals(e);
                let inner = self.lower(strip_control(body, 0));
                self.locals.truncate(self.locals.len() - pushed);
                Node::new(Value::Array(vec![inner]), span)
            }
            ExprKind::If { body, .. } => self.lower(body),
            ExprKind::Ternary(c, a, b) => {
                // A known condition deploys one branch.
                if let Some(yes) = self.eval_bool(c) {
                    return self.lower(if yes { a } else { b });
                }
                // `cond ? { … } : null` (optional configuration, common in Azure Verified
                // Modules): the object is what gets deployed when anything is, so rules see
                // it; it exists only when the unknown condition holds. Two non-empty branches
                // stay an expression (either could be deployed).
                let (a, b) = (unparen(a), unparen(b));
                match (is_container(a), is_container(b)) {
                    (true, false) if deploys_nothing(b) => self.lower(a).conditional(),
                    (false, true) if deploys_nothing(a) => self.lower(b).conditional(),
                    _ => self.as_expr(e, span),
                }
            }
            // `x ?? y` with `x` known: `x` when it is set, else `y`.
            ExprKind::Binary(BinOp::Coalesce, a, b) => match self.eval(a) {
                Some(n) if matches!(n.value, Value::Null) => self.lower(b),
                Some(_) => self.lower(a),
                None => self.as_expr(e, span),
            },
            // A condition over known values is that boolean.
            ExprKind::Binary(..) | ExprKind::Unary(UnOp::Not, _) | ExprKind::Call { .. }
                if self.folds_to_bool(e) =>
            {
                match self.eval(e) {
                    Some(Node {
                        value: Value::Bool(b),
                        ..
                    }) => Node::new(Value::Bool(b), span),
                    _ => self.as_expr(e, span),
                }
            }
            ExprKind::Paren(inner)
                if matches!(inner.kind, ExprKind::Object(_) | ExprKind::Array(_)) =>
            {
                self.lower(inner)
            }
            _ => {
                // A value from outside this file's text (a caller's argument, a module's
                // output, or a variable / loop element holding one) keeps where it is written.
                if let Some(node) = self.flow_node(e, span) {
                    return node;
                }
                // A variable (or a member of one) holding an object/array is inlined.
                if let Some((value, segs)) = self.resolve_shared(e) {
                    if follow(&value, &segs).is_some_and(is_container_node) {
                        if let Some(copy) = self.copy_part(&value, &segs, span) {
                            return Node { span, ..copy };
                        }
                    }
                }
                self.as_expr(e, span)
            }
        }
    }

    fn as_expr(&mut self, e: &'a Expr, span: Span) -> Node {
        let info = self.info(e);
        let text = self.text(e);
        Node::expr(
            MExpr {
                provenance: info.provenance,
                text,
                literal: info.literal,
                origin: info.origin,
                refs: info.refs,
            },
            span,
        )
    }

    /// `'${uai.id}'` → `uai.id`; other interpolated keys → their normalised text.
    fn key_text(&self, k: &Expr) -> String {
        if let ExprKind::String(parts) = &k.kind {
            if let [StrPart::Lit(a), StrPart::Hole(h), StrPart::Lit(b)] = parts.as_slice() {
                if a.is_empty() && b.is_empty() {
                    return self.text(h);
                }
            }
        }
        self.text(k)
    }

    /// A variable's lowered value, lowered once and shared; `None` when undeclared (or a
    /// loop variable / lambda parameter shadows it) or part of a cycle.
    fn var_shared(&mut self, name: &str) -> Option<Rc<Node>> {
        let (name, value) = self.vars.get_key_value(name).map(|(k, v)| (*k, *v))?;
        if let Some(node) = self.var_cache.get(name) {
            return Some(node.clone());
        }
        if self.resolving.contains(&name) || self.resolving.len() > MAX_DEPTH {
            return None;
        }
        // Loop variables and lambda parameters do not leak into a variable's own value.
        let locals = std::mem::take(&mut self.locals);
        self.resolving.push(name);
        let n = Rc::new(self.lower(value));
        self.resolving.pop();
        self.locals = locals;
        self.var_cache.insert(name, n.clone());
        Some(n)
    }

    /// The default of a parameter that a caller left out, when it is an object or array:
    /// lowered once and shared like a variable (its members are then known in the module).
    /// `None` in a file analysed on its own, where a deployment may give any value.
    fn default_shared(&mut self, name: &str) -> Option<Rc<Node>> {
        let (name, info) = self.params.get_key_value(name)?;
        let (name, default) = (*name, info.default?);
        if !matches!(self.inputs, Inputs::Called(_)) || self.binding(name).is_some() {
            return None;
        }
        if !matches!(
            unparen(default).kind,
            ExprKind::Object(_) | ExprKind::Array(_)
        ) {
            return None;
        }
        if let Some(node) = self.default_cache.get(name) {
            return Some(node.clone());
        }
        if self.resolving.contains(&name) || self.resolving.len() > MAX_DEPTH {
            return None;
        }
        let locals = std::mem::take(&mut self.locals);
        self.resolving.push(name);
        let n = Rc::new(self.lower(default));
        self.resolving.pop();
        self.locals = locals;
        self.default_cache.insert(name, n.clone());
        Some(n)
    }

    /// The variable a member/index chain starts from (`v.a[0]`, `v`), and the steps into it
    /// (outermost last): where the chain leads, without copying anything.
    fn resolve_shared(&mut self, e: &'a Expr) -> Option<(Rc<Node>, Vec<Seg>)> {
        let mut segs = Vec::new();
        let mut cur = e;
        // Iterative, and bounded like the parser's member chains.
        for _ in 0..(MAX_DEPTH * 4) {
            match &cur.kind {
                ExprKind::Ident(name) if !self.is_local(name) => {
                    let value = match self.var_shared(name) {
                        Some(v) => v,
                        None => self.default_shared(name)?,
                    };
                    return Some((value, segs));
                }
                ExprKind::Member { object, name, .. } => {
                    segs.push(Seg::Key(name.name.clone()));
                    cur = object;
                }
                ExprKind::Index {
                    object,
                    index,
                    from_end,
                    ..
                } => {
                    let seg = match (&index.kind, from_end) {
                        (ExprKind::Int(t), false) => Seg::Idx(t.parse().ok()?),
                        (ExprKind::Int(t), true) => Seg::FromEnd(t.parse().ok()?),
                        (ExprKind::String(_), false) => Seg::Key(literal_string(index)?),
                        _ => return None,
                    };
                    segs.push(seg);
                    cur = object;
                }
                ExprKind::Paren(inner) | ExprKind::NonNull(inner) => cur = inner,
                _ => return None,
            }
        }
        None
    }

    /// A copy of the part of a shared value that `segs` lead to, charged to the budget.
    /// `None` when the path leads nowhere or the copy is past the budget (the use at `span`
    /// is then lowered as an expression, which finds the budget spent and is unknown).
    fn copy_part(&mut self, value: &Node, segs: &[Seg], span: Span) -> Option<Node> {
        let part = follow(value, segs)?;
        if !self.budget.charge_node(part) {
            self.budget.locate(span);
            return None;
        }
        Some(part.clone())
    }

    /// A variable (or a member/index of one) resolved to (a charged copy of) its value.
    fn resolve_static(&mut self, e: &'a Expr) -> Option<Node> {
        let (value, segs) = self.resolve_shared(e)?;
        self.copy_part(&value, &segs, self.span(e.span))
    }

    /// What a use of a variable (or a member/index of one) is: the provenance of the part
    /// it reaches, with its text and the resources it mentions copied within the budget.
    fn var_part_info(&mut self, e: &'a Expr, origin: String) -> Option<Info> {
        let (value, segs) = self.resolve_shared(e)?;
        let part = follow(&value, &segs)?;
        // Charged before anything is copied: a refused use costs nothing.
        let whole_var = match (&e.kind, segs.is_empty()) {
            (ExprKind::Ident(name), true) => {
                self.vars.get_key_value(name.as_str()).map(|(k, _)| *k)
            }
            _ => None,
        };
        let info = match (&part.value, whole_var) {
            (Value::Array(_) | Value::Object(_), Some(name)) => {
                let cached = self.var_info_cache.get(name).cloned();
                let info = cached.unwrap_or_else(|| {
                    let info = node_info(part, None);
                    self.var_info_cache.insert(name, info.clone());
                    info
                });
                self.charge_info(&info).then_some(info)
            }
            (Value::Array(_) | Value::Object(_), None) => {
                // Describing a part walks all of it: charged by its size.
                let walk = Cost::of(part, self.budget.remaining());
                self.budget.charge(walk).then(|| node_info(part, None))
            }
            _ => {
                let text = part.known_text();
                let refs = part.as_expr().map_or(&[][..], |x| &x.refs[..]);
                let cost = Cost {
                    nodes: 1 + refs.len(),
                    bytes: text.as_deref().map_or(0, str::len)
                        + refs.iter().map(|r| r.name().len()).sum::<usize>(),
                };
                self.budget.charge(cost).then(|| node_info(part, None))
            }
        };
        match info {
            Some(info) => Some(Info {
                origin: Some(origin),
                ..info
            }),
            None => {
                self.budget.locate(self.span(e.span));
                Some(Info {
                    origin: Some(origin),
                    ..Info::new(Provenance::Unknown)
                })
            }
        }
    }

    /// Charge a copy of `info`'s text and refs.
    fn charge_info(&mut self, info: &Info) -> bool {
        self.budget.charge(Cost {
            nodes: 1 + info.refs.len(),
            bytes: info.literal.as_ref().map_or(0, String::len)
                + info.refs.iter().map(|r| r.name().len()).sum::<usize>(),
        })
    }

    fn is_local(&self, name: &str) -> bool {
        self.locals.iter().any(|l| l.name == name)
    }

    /// The root identifier of a member/index/child chain, and whether a call is on the way.
    fn chain_root(e: &Expr) -> (Option<&str>, bool, Option<&str>) {
        let mut cur = e;
        let mut through_call = false;
        let mut child: Option<&str> = None;
        for _ in 0..(MAX_DEPTH * 4) {
            match &cur.kind {
                ExprKind::Member { object, .. } | ExprKind::Index { object, .. } => cur = object,
                ExprKind::NonNull(inner) | ExprKind::Paren(inner) => cur = inner,
                ExprKind::Child { object, name } => {
                    if child.is_none() {
                        child = Some(&name.name);
                    }
                    cur = object;
                }
                ExprKind::Call {
                    receiver: Some(r), ..
                } => {
                    through_call = true;
                    cur = r;
                }
                ExprKind::Ident(n) => return (Some(n), through_call, child),
                _ => return (None, through_call, child),
            }
        }
        (None, through_call, child)
    }

    // ----- provenance ---------------------------------------------------------------------

    fn info(&mut self, e: &'a Expr) -> Info {
        if self.depth > MAX_DEPTH {
            return Info::new(Provenance::Unknown);
        }
        self.depth += 1;
        let i = self.info_inner(e);
        self.depth -= 1;
        i
    }

    fn info_inner(&mut self, e: &'a Expr) -> Info {
        match &e.kind {
            ExprKind::Int(t) => Info {
                literal: Some(t.clone()),
                ..Info::new(Provenance::Literal)
            },
            ExprKind::Bool(b) => Info {
                literal: Some(b.to_string()),
                ..Info::new(Provenance::Literal)
            },
            ExprKind::Null => Info::new(Provenance::Empty),
            // A container as a value (a ternary / `??` candidate, a call argument): what it
            // holds decides, so `secrets ?? []` stays an input and `[]` is empty.
            ExprKind::Array(_) | ExprKind::Object(_) => container_info(&self.lower(e), None),
            ExprKind::String(parts) => self.interpolation(parts),
            ExprKind::Ident(name) => self.ident_info(e, name),
            ExprKind::Paren(inner) | ExprKind::NonNull(inner) => self.info(inner),
            ExprKind::Unary(_, inner) => {
                let mut i = self.info(inner);
                i.literal = None;
                i
            }
            ExprKind::Ternary(c, a, b) => {
                if let Some(yes) = self.eval_bool(c) {
                    return self.info(if yes { a } else { b });
                }
                let (a, b) = (self.info(a), self.info(b));
                let mut refs = a.refs.clone();
                add_refs(&mut refs, &b.refs);
                Info::new(Provenance::of_branches([a.provenance, b.provenance])).with_refs(refs)
            }
            ExprKind::Binary(BinOp::Coalesce, a, b)
                if self
                    .eval(a)
                    .is_some_and(|n| !matches!(n.value, Value::Null)) =>
            {
                self.info(a)
            }
            ExprKind::Binary(BinOp::Coalesce, a, b)
                if self.eval(a).is_some_and(|n| matches!(n.value, Value::Null)) =>
            {
                self.info(b)
            }
            ExprKind::Binary(op, a, b) => {
                let (a, b) = (self.info(a), self.info(b));
                let mut refs = a.refs.clone();
                add_refs(&mut refs, &b.refs);
                let p = if *op == BinOp::Coalesce {
                    Provenance::of_branches([a.provenance, b.provenance])
                } else {
                    Provenance::of_interpolation([a.provenance, b.provenance])
                };
                Info::new(p).with_refs(refs)
            }
            ExprKind::Call {
                receiver,
                name,
                args,
            } => self.call_info(e, receiver.as_deref(), &name.name, args),
            ExprKind::Member { .. } | ExprKind::Index { .. } | ExprKind::Child { .. } => {
                self.member_info(e)
            }
            ExprKind::Lambda { .. } | ExprKind::Error => Info::new(Provenance::Unknown),
            ExprKind::For { body, .. } => self.info(body),
            ExprKind::If { body, .. } => self.info(body),
        }
    }

    fn interpolation(&mut self, parts: &'a [StrPart]) -> Info {
        let mut provs = Vec::new();
        let mut literal = String::new();
        let mut refs = Vec::new();
        for part in parts {
            match part {
                StrPart::Lit(s) => {
                    if !s.is_empty() {
                        provs.push(Provenance::Literal);
                        literal.push_str(s);
                    }
                }
                StrPart::Hole(h) => {
                    let i = self.info(h);
                    add_refs(&mut refs, &i.refs);
                    match (&i.provenance, &i.literal) {
                        (Provenance::Literal, Some(l)) => literal.push_str(l),
                        _ => literal.push_str(ELLIPSIS),
                    }
                    provs.push(i.provenance);
                }
            }
        }
        let provenance = match parts {
            [StrPart::Lit(s)] => crate::model::classify_string(s),
            _ => Provenance::of_interpolation(provs),
        };
        Info {
            provenance,
            literal: Some(literal),
            origin: None,
            refs,
        }
    }

    fn ident_info(&mut self, e: &'a Expr, name: &'a str) -> Info {
        if let Some(l) = self.locals.iter().rev().find(|l| l.name == name) {
            if let (Some(current), false) = (&l.current, l.index) {
                // A number element (`range()`, ports) is never a secret, as an index is not.
                if matches!(current.value, Value::Number(_)) {
                    return Info::new(Provenance::Unknown);
                }
                return node_info(current, None);
            }
            return Info::new(l.provenance.clone());
        }
        if let Some(&ParamInfo {
            secure, default, ..
        }) = self.params.get(name)
        {
            // The caller's argument.
            if let Some(i) = self.flow_info(e) {
                return i;
            }
            // A default object or array of a called module: known like a variable.
            if self.default_shared(name).is_some() {
                return self
                    .var_part_info(e, format!("param:{name}"))
                    .unwrap_or_else(|| Info {
                        origin: Some(format!("param:{name}")),
                        ..Info::new(Provenance::Unknown)
                    });
            }
            if secure {
                return Info {
                    origin: Some(format!("param:{name}")),
                    ..Info::new(Provenance::SecureInput)
                };
            }
            let literal = default.and_then(|d| match &d.kind {
                ExprKind::String(parts) if parts.len() == 1 => literal_string(d),
                ExprKind::Int(t) => Some(t.clone()),
                ExprKind::Bool(b) => Some(b.to_string()),
                _ => None,
            });
            // The default's text is copied into every use: budgeted like variables.
            if !self
                .budget
                .charge(Cost::text(literal.as_deref().unwrap_or("")))
            {
                self.budget.locate(self.span(e.span));
                return Info {
                    origin: Some(format!("param:{name}")),
                    ..Info::new(Provenance::Unknown)
                };
            }
            return Info {
                literal,
                origin: Some(format!("param:{name}")),
                ..Info::new(Provenance::Input)
            };
        }
        if self.vars.contains_key(name) {
            return self.var_info(e, name);
        }
        if self.resources.contains_key(name) {
            let refs = self.resource_refs(e).unwrap_or_default();
            return Info::new(Provenance::Derived(DerivedKind::ResourceProperty)).with_refs(refs);
        }
        if self.modules.contains_key(name) {
            return Info::new(Provenance::Derived(DerivedKind::Other))
                .with_refs(vec![Ref::text(name)]);
        }
        Info::new(Provenance::Unknown)
    }

    fn var_info(&mut self, e: &'a Expr, name: &'a str) -> Info {
        let origin = format!("var:{name}");
        self.var_part_info(e, origin.clone())
            .unwrap_or_else(|| Info {
                origin: Some(origin),
                ..Info::new(Provenance::Unknown)
            })
    }

    fn member_info(&mut self, e: &'a Expr) -> Info {
        let (root, through_call, child) = Self::chain_root(e);
        if let Some(root) = root {
            if self.is_local(root) {
                if let Some(i) = self.local_member_info(e) {
                    return i;
                }
            } else {
                // A caller's argument (or a member of one), a module's output.
                if !through_call {
                    if let Some(i) = self.flow_info(e) {
                        return i;
                    }
                }
                if self.vars.contains_key(root) {
                    if let Some(i) = self.var_part_info(e, format!("var:{root}")) {
                        return i;
                    }
                }
                if self.params.contains_key(root) && self.default_shared(root).is_some() {
                    if let Some(i) = self.var_part_info(e, format!("param:{root}")) {
                        return i;
                    }
                }
                if !through_call {
                    if self.resources.contains_key(child.unwrap_or(root)) {
                        let refs = self
                            .resource_refs(e)
                            .unwrap_or_else(|| vec![Ref::text(child.unwrap_or(root).to_string())]);
                        return Info::new(Provenance::Derived(DerivedKind::ResourceProperty))
                            .with_refs(refs);
                    }
                    if self.modules.contains_key(root) {
                        return Info::new(Provenance::Derived(DerivedKind::Other))
                            .with_refs(vec![Ref::text(root)]);
                    }
                }
            }
        }
        // Otherwise a member of something is as sensitive as the something.
        let object = match &e.kind {
            ExprKind::Member { object, .. }
            | ExprKind::Index { object, .. }
            | ExprKind::Child { object, .. } => object,
            _ => return Info::new(Provenance::Unknown),
        };
        let mut i = self.info(object);
        i.literal = None;
        i
    }

    fn call_info(
        &mut self,
        e: &'a Expr,
        receiver: Option<&'a Expr>,
        name: &str,
        args: &'a [Expr],
    ) -> Info {
        // `sys.f()` / `az.f()` are namespace-qualified plain calls.
        let receiver = receiver.filter(|r| !matches!(&r.kind, ExprKind::Ident(n) if (n == "sys" || n == "az") && !self.is_symbol(n)));
        let origin = Some(format!("fn:{name}"));
        let receiver_refs = receiver.map(|r| self.info(r).refs).unwrap_or_default();
        let derived = |k: DerivedKind, refs: Vec<Ref>| Info {
            origin: origin.clone(),
            refs,
            ..Info::new(Provenance::Derived(k))
        };
        if let Some(family) = functions::family(name) {
            return match family {
                // `kv.getSecret('x')`, `reference(…)`: they read their receiver.
                Family::KeyVaultSecret | Family::Reference | Family::ResourceInfo => Info {
                    origin,
                    refs: receiver_refs,
                    ..Info::new(family.provenance())
                },
                Family::ResourceId => {
                    let r = self
                        .named_ref(args)
                        .unwrap_or_else(|| Ref::text(self.text(e)));
                    Info {
                        origin,
                        refs: vec![r],
                        ..Info::new(family.provenance())
                    }
                }
                // Neither a secret nor another resource: what the arguments hold does not
                // matter.
                Family::Generated | Family::Context | Family::CompileTime => Info {
                    origin,
                    ..Info::new(family.provenance())
                },
                Family::Listing => {
                    // `listKeys(sa.id, …)`: the resource is named by an argument.
                    let mut refs = receiver_refs;
                    for a in args {
                        let i = self.info(a);
                        add_refs(&mut refs, &i.refs);
                    }
                    let provenance = if functions::is_list_credentials(name)
                        && self.is_registry_call(receiver, args)
                    {
                        Provenance::Derived(DerivedKind::RegistryAdminCredential)
                    } else {
                        family.provenance()
                    };
                    Info {
                        origin,
                        refs,
                        ..Info::new(provenance)
                    }
                }
            };
        }
        if let Some(r) = receiver {
            // A method on a resource (other than the above) reads that resource.
            let (root, _, _) = Self::chain_root(r);
            if root.is_some_and(|n| self.resources.contains_key(n) && !self.is_local(n)) {
                return derived(DerivedKind::ResourceProperty, receiver_refs);
            }
        }
        if args.is_empty() {
            return Info {
                origin,
                ..Info::new(Provenance::Unknown)
            };
        }
        let mut refs = receiver_refs;
        let mut provs = Vec::new();
        for a in args {
            let i = self.info(a);
            add_refs(&mut refs, &i.refs);
            provs.push(i.provenance);
        }
        // Only empty/null arguments: the result is empty too (`string(null)`).
        let p = Provenance::of_interpolation(provs);
        Info {
            origin,
            refs,
            ..Info::new(p)
        }
    }

    fn is_symbol(&self, n: &str) -> bool {
        self.params.contains_key(n) || self.vars.contains_key(n) || self.resources.contains_key(n)
    }

    /// Whether `listCredentials` reads a container registry: its receiver or an argument is
    /// (a member of) a declared registry (`acr.listCredentials()`, `listCredentials(acr.id,
    /// …)`), or names the registry type in its text.
    fn is_registry_call(&self, receiver: Option<&Expr>, args: &[Expr]) -> bool {
        receiver.into_iter().chain(args).any(|e| {
            let (root, _, child) = Self::chain_root(e);
            child
                .or(root)
                .and_then(|n| self.resources.get(n))
                .is_some_and(|t| {
                    t.to_ascii_lowercase()
                        .starts_with("microsoft.containerregistry/registries")
                })
                || e.span
                    .slice(self.src)
                    .to_ascii_lowercase()
                    .contains("containerregistry")
        })
    }
}

/// Provenance of a value reached through a variable (its text and refs are copied).
fn node_info(node: &Node, origin: Option<String>) -> Info {
    match &node.value {
        Value::Expr(x) => Info {
            provenance: x.provenance.clone(),
            literal: x.literal.clone(),
            origin,
            refs: x.refs.clone(),
        },
        Value::String(s) => Info {
            provenance: crate::model::classify_string(s),
            literal: Some(s.clone()),
            origin,
            refs: Vec::new(),
        },
        Value::Number(n) => Info {
            provenance: Provenance::Literal,
            literal: Some(crate::model::value::format_number(*n)),
            origin,
            refs: Vec::new(),
        },
        Value::Bool(b) => Info {
            provenance: Provenance::Literal,
            literal: Some(b.to_string()),
            origin,
            refs: Vec::new(),
        },
        Value::Null => Info {
            provenance: Provenance::Empty,
            literal: None,
            origin,
            refs: Vec::new(),
        },
        Value::Array(_) | Value::Object(_) => container_info(node, origin),
    }
}

/// Provenance of an array/object used as one value: its leaves' (`Node::deep_provenance`),
/// with the resources they mention.
fn container_info(node: &Node, origin: Option<String>) -> Info {
    let mut refs = Vec::new();
    node.walk(&mut |_, n| {
        if let Value::Expr(x) = &n.value {
            add_refs(&mut refs, &x.refs);
        }
    });
    Info {
        provenance: node.deep_provenance(),
        literal: None,
        origin,
        refs,
    }
}

/// `'Microsoft.X/y@2020-01-01'` → full type (prefixed by the parent's for nested children)
/// and API version (inherited from the parent when the child gives none).
fn resource_type(
    decl: &ResourceDecl,
    parent: Option<(&str, Option<&str>)>,
) -> (String, Option<String>) {
    let raw = literal_string(&decl.type_string).unwrap_or_default();
    let (ty, api) = match raw.split_once('@') {
        Some((t, a)) => (t.to_string(), Some(a.to_string())),
        None => (raw.clone(), None),
    };
    // An extension alias qualifier (`'az:Microsoft.X/y@…'`) is not part of the ARM type.
    let ty = match ty.split_once(':') {
        Some((alias, rest)) if !alias.contains('/') && !rest.is_empty() => rest.to_string(),
        _ => ty,
    };
    match parent {
        Some((pt, papi)) => {
            let has_namespace = ty
                .split('/')
                .next()
                .is_some_and(|first| first.contains('.'));
            let full = if has_namespace || pt.is_empty() {
                ty
            } else {
                format!("{pt}/{ty}")
            };
            (full, api.or_else(|| papi.map(str::to_string)))
        }
        None => (ty, api),
    }
}

#[path = "deploy.rs"]
mod deploy;
#[path = "eval.rs"]
mod eval;

#[cfg(test)]
#[path = "lower_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "deploy_tests.rs"]
mod deploy_tests;

/// A type that admits `null`: `T?`, or a union with `null`.
fn nullable(ty: &TypeExpr) -> bool {
    match &ty.kind {
        TypeKind::Nullable(_) => true,
        TypeKind::Union(members) => members
            .iter()
            .any(|m| matches!(&m.kind, TypeKind::Literal(e) if matches!(e.kind, ExprKind::Null))),
        _ => false,
    }
}

fn unparen(e: &Expr) -> &Expr {
    match &e.kind {
        ExprKind::Paren(inner) => unparen(inner),
        _ => e,
    }
}

fn is_container_node(n: &Node) -> bool {
    matches!(n.value, Value::Array(_) | Value::Object(_))
}

/// A non-empty object or array literal.
fn is_container(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Object(items) => !items.is_empty(),
        ExprKind::Array(items) => !items.is_empty(),
        _ => false,
    }
}

/// `null`, `{}` or `[]`: a branch that deploys no configuration.
fn deploys_nothing(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Null => true,
        ExprKind::Object(items) => items.is_empty(),
        ExprKind::Array(items) => items.is_empty(),
        _ => false,
    }
}
