//! The deployment side of Bicep lowering: module calls instantiated with their arguments,
//! a `.bicepparam`'s template instantiated with its values, loops and conditions over known
//! values, resource keys and evaluated names, typed references, and the flow of values that
//! come from outside the file (a caller's argument, a module's output).

use std::path::PathBuf;

use super::*;
use crate::frontend::instance::{self, NotInstantiated, MAX_ELEMENTS};
use crate::lang::Language;
use crate::model::{DiagnosticKind, FlowStep, Target};

/// An indexed reference to a looped resource names its element; an unindexed one names every
/// element, up to this many (past it, the unexpanded key, which names none).
const MAX_REF_ELEMENTS: usize = 64;

/// How a resource declaration is deployed.
pub(super) enum Expansion {
    /// Once (no loop, an unknown loop collection, or an unknown or true condition).
    Single,
    /// Not at all: `if (false)`.
    Dropped,
    /// Once per element of a known collection.
    Elements(Vec<Node>),
}

/// A module call: its instances and the assignment records of its arguments.
#[derive(Default)]
pub(super) struct ModCall {
    /// One per element of an expanded loop (in order), else one; `None`: not instantiated
    /// (a registry module, a missing file, an element whose condition is false…).
    instances: Vec<Option<ModInstance>>,
    /// The loop was expanded over a known collection (instances are its elements).
    expanded: bool,
    /// `params` of the call, for the rules on values given to parameters (`AZL128`).
    pub(super) assignments: Vec<Assignment>,
}

struct ModInstance {
    /// The instance's path (`app`, `app/db`, `apps[1]`), for flow notes.
    path: String,
    /// The module file as shown to users.
    display: String,
    outputs: Vec<(String, Node)>,
}

/// One step of a member / index / `::` chain, from the root outward.
pub(super) enum Acc<'e> {
    Member(&'e str, bool),
    /// `[i]`, `[^i]` (from the end), `[?i]` (safe).
    Index(&'e Expr, bool, bool),
    Child(&'e str),
}

/// `root.a[0]::b` → the root identifier (and its expression) and the steps from it;
/// `None` when the chain goes through a call or starts at something else.
pub(super) fn decompose(e: &Expr) -> Option<(&Expr, &str, Vec<Acc<'_>>)> {
    let mut accs = Vec::new();
    let mut cur = e;
    // Iterative, and bounded like the parser's member chains.
    for _ in 0..(MAX_DEPTH * 4) {
        match &cur.kind {
            ExprKind::Member { object, name, safe } => {
                accs.push(Acc::Member(&name.name, *safe));
                cur = object;
            }
            ExprKind::Index {
                object,
                index,
                safe,
                from_end,
            } => {
                accs.push(Acc::Index(index, *from_end, *safe));
                cur = object;
            }
            ExprKind::Child { object, name } => {
                accs.push(Acc::Child(&name.name));
                cur = object;
            }
            ExprKind::NonNull(inner) | ExprKind::Paren(inner) => cur = inner,
            ExprKind::Ident(n) => {
                accs.reverse();
                return Some((cur, n, accs));
            }
            _ => return None,
        }
    }
    None
}

/// A step into a known value.
pub(super) enum Step {
    Key(String, bool),
    Idx(usize, bool),
}

/// The part of `node` that `steps` lead to, carrying the flow of the containers it was
/// reached through (a value inside an argument travelled with it). A member missing from a
/// known object is `null` at `span` (not set); a path that leads nowhere is `None`.
pub(super) fn walk(node: &Node, steps: &[Step], span: Span) -> Option<Node> {
    let mut outer: Vec<&[FlowStep]> = Vec::new();
    let mut cur = node;
    for step in steps {
        outer.push(cur.via());
        cur = match (step, &cur.value) {
            (Step::Key(k, _), Value::Object(_)) => match cur.get(k) {
                Some(n) => n,
                None => return Some(Node::null(span)),
            },
            (Step::Key(_, true), Value::Null) => return Some(Node::null(span)),
            (Step::Idx(i, from_end), Value::Array(items)) => {
                let at = if *from_end {
                    items.len().checked_sub(*i)?
                } else {
                    *i
                };
                items.get(at)?
            }
            _ => return None,
        };
    }
    let mut out = cur.clone();
    // The innermost container moved last before the part itself… no: the part moved first
    // (its own steps), then each container outward, the root last.
    for via in outer.iter().rev() {
        for s in *via {
            out = out.with_step(s.span, s.note.clone());
        }
    }
    Some(out)
}

/// `child` as an element of `parent`: with the parent's flow after its own.
pub(super) fn with_flow(parent: &Node, child: &Node) -> Node {
    let mut out = child.clone();
    for s in parent.via() {
        out = out.with_step(s.span, s.note.clone());
    }
    out
}

/// Where a value from outside the file's text was found.
enum Outside {
    /// A parameter bound by the caller; the note of the use site.
    Param(String),
    /// A module's output; the note of the use site.
    Output(String),
    /// An element of an expanded loop.
    Local,
    /// A part of a variable (holding a caller's value).
    Var,
}

/// A property of an object literal, by key.
pub(super) fn object_property<'e>(body: &'e Expr, key: &str) -> Option<&'e Expr> {
    let ExprKind::Object(items) = &body.kind else {
        return None;
    };
    items.iter().rev().find_map(|i| match i {
        ObjectItem::Property { key: k, value } if k.text.as_deref() == Some(key) => Some(value),
        _ => None,
    })
}

/// Every expression directly inside `e` (for dependency scans).
fn children<'e>(e: &'e Expr, out: &mut Vec<&'e Expr>) {
    match &e.kind {
        ExprKind::Ident(_)
        | ExprKind::Int(_)
        | ExprKind::Bool(_)
        | ExprKind::Null
        | ExprKind::Error => {}
        ExprKind::Unary(_, a)
        | ExprKind::NonNull(a)
        | ExprKind::Paren(a)
        | ExprKind::Member { object: a, .. }
        | ExprKind::Child { object: a, .. }
        | ExprKind::Lambda { body: a, .. } => out.push(a),
        ExprKind::Binary(_, a, b)
        | ExprKind::Index {
            object: a,
            index: b,
            ..
        }
        | ExprKind::For {
            iterable: a,
            body: b,
            ..
        }
        | ExprKind::If { cond: a, body: b } => {
            out.push(a);
            out.push(b);
        }
        ExprKind::Ternary(a, b, c) => {
            out.push(a);
            out.push(b);
            out.push(c);
        }
        ExprKind::Call { receiver, args, .. } => {
            out.extend(receiver.as_deref());
            out.extend(args.iter());
        }
        ExprKind::String(parts) => out.extend(parts.iter().filter_map(|p| match p {
            StrPart::Hole(h) => Some(h),
            StrPart::Lit(_) => None,
        })),
        ExprKind::Array(items) => out.extend(items.iter().map(|i| match i {
            ArrayItem::Item(x) | ArrayItem::Spread(x) => x,
        })),
        ExprKind::Object(items) => {
            for item in items {
                match item {
                    ObjectItem::Property { key, value } => {
                        out.extend(key.expr.as_deref());
                        out.push(value);
                    }
                    ObjectItem::Spread(x) => out.push(x),
                    ObjectItem::Resource(_) => {}
                }
            }
        }
    }
}

impl<'a, 'd, 'l> Lowerer<'a, 'd, 'l> {
    // ----- identity -----------------------------------------------------------------------

    /// The instance whose path prefixes keys (`None`: the entry point, or an instance
    /// without a path).
    fn keyed_instance(&self) -> Option<&Instance> {
        self.instance.as_deref().filter(|i| !i.path.is_empty())
    }

    /// The deployment key of the resource `symbol` declared in this file.
    pub(super) fn key(&self, symbol: &str) -> String {
        crate::model::instance_key(self.keyed_instance(), symbol)
    }

    /// The caller's value for parameter `name` (none in a file analysed on its own, or while
    /// lowering a pass-through record).
    pub(super) fn binding(&self, name: &str) -> Option<&Node> {
        if self.no_subst > 0 {
            return None;
        }
        self.inputs.binding(name)
    }

    /// Whether a use of parameter `name` keeps seeing the parameter (an input, as when the
    /// module is analysed on its own) rather than the caller's value:
    /// - a placeholder or empty value (`${SEC_REF}`, `#{Token}#`, `''`) is filled in at deploy
    ///   time: it says nothing about the value;
    /// - a secure value (a `@secure()` input, a Key Vault reference) given to a parameter not
    ///   marked secure is the module's own flaw: AZL106 and its kin report the non-secure
    ///   input where the module uses it.
    ///
    /// Everything else flows in: a literal is reported where the caller wrote it, a key read
    /// with `listKeys()` where it is read.
    pub(super) fn keeps_parameter_input(&self, name: &str) -> bool {
        use crate::model::Provenance;
        let Some(info) = self.params.get(name) else {
            return false;
        };
        let Some(bound) = self.binding(name) else {
            return false;
        };
        match bound.provenance() {
            Provenance::Placeholder | Provenance::Empty => true,
            Provenance::SecureInput | Provenance::KeyVaultRef => !info.secure,
            _ => false,
        }
    }

    /// The flow note of a use of parameter `name`: which module instance (or template) it
    /// belongs to. Never a value.
    pub(super) fn param_note(&self, name: &str) -> String {
        match self.keyed_instance() {
            Some(i) => format!(
                "parameter `{name}` of module `{}` ({})",
                i.path, self.file.display_path
            ),
            None => format!("parameter `{name}` of {}", self.file.display_path),
        }
    }

    /// One `AZL002` note per construct in the deployment.
    pub(super) fn note(&mut self, span: Span, message: String) {
        if self.deploy.first_note(span) {
            self.notes.push(Diagnostic {
                kind: DiagnosticKind::NotAnalysable,
                message,
                span,
            });
        }
    }

    fn dir(&self) -> PathBuf {
        self.file
            .path
            .parent()
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from("."))
    }

    // ----- module calls -------------------------------------------------------------------

    /// Instantiate every module call of the file, each after the calls its arguments,
    /// condition or loop read outputs of (through variables too); cycles are left to
    /// [`Lowerer::module`], which finds them unknown.
    pub(super) fn instantiate_modules(&mut self, stmts: &'a [Statement]) {
        let mut done: HashSet<&'a str> = HashSet::new();
        for stmt in stmts {
            let StmtKind::Module { name, .. } = &stmt.kind else {
                continue;
            };
            let mut visiting: HashSet<&'a str> = HashSet::new();
            let mut stack: Vec<(&'a str, bool)> = vec![(name.name.as_str(), false)];
            while let Some((m, ready)) = stack.pop() {
                if done.contains(m) {
                    continue;
                }
                if ready {
                    self.module(m);
                    done.insert(m);
                    continue;
                }
                if !visiting.insert(m) {
                    continue;
                }
                stack.push((m, true));
                for d in self.module_deps(m) {
                    if !done.contains(d) && !visiting.contains(d) {
                        stack.push((d, false));
                    }
                }
            }
        }
    }

    /// The modules whose outputs the call `name` reads, directly or through variables.
    fn module_deps(&self, name: &str) -> Vec<&'a str> {
        let Some(stmt) = self.modules.get(name) else {
            return Vec::new();
        };
        let StmtKind::Module { value, .. } = &stmt.kind else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let mut seen_vars: HashSet<&str> = HashSet::new();
        let mut stack: Vec<&'a Expr> = vec![value];
        // Bounded work: a file's expressions, each variable once.
        let mut budget = 200_000usize;
        while let Some(e) = stack.pop() {
            budget = budget.saturating_sub(1);
            if budget == 0 {
                break;
            }
            if let ExprKind::Ident(n) = &e.kind {
                if let Some((k, _)) = self.modules.get_key_value(n.as_str()) {
                    if *k != name && !out.contains(k) {
                        out.push(*k);
                    }
                } else if let Some(v) = self.vars.get(n.as_str()) {
                    if seen_vars.insert(n.as_str()) {
                        stack.push(v);
                    }
                }
            }
            children(e, &mut stack);
        }
        out
    }

    /// The module call `name`, instantiated on first use.
    pub(super) fn module(&mut self, name: &str) -> Option<Rc<ModCall>> {
        let (name, stmt) = self.modules.get_key_value(name).map(|(k, v)| (*k, *v))?;
        match self.mod_state.get(name) {
            Some(Some(done)) => return Some(done.clone()),
            // Being instantiated: its arguments read its own outputs (a cycle).
            Some(None) => return None,
            None => {}
        }
        self.mod_state.insert(name, None);
        // Module calls are top-level statements: no loop variable is in scope.
        let locals = std::mem::take(&mut self.locals);
        let call = Rc::new(self.call_module(name, stmt));
        self.locals = locals;
        self.mod_state.insert(name, Some(call.clone()));
        Some(call)
    }

    fn call_module(&mut self, name: &'a str, stmt: &'a Statement) -> ModCall {
        let StmtKind::Module {
            keyword,
            path,
            value,
            ..
        } = &stmt.kind
        else {
            return ModCall::default();
        };
        let call = Span::new(self.file_id, keyword.start as usize, path.span.end as usize);
        let source = literal_string(path);
        let target = match source.as_deref() {
            Some(s) if params::is_remote(s) => Err(NotInstantiated::Remote),
            Some(s) if !s.trim().is_empty() => {
                Ok(crate::frontend::normalize(&self.dir().join(s.trim())))
            }
            _ => Err(NotInstantiated::Missing),
        };
        let source = source.unwrap_or_default();
        let mut out = ModCall::default();
        let deployed = match &value.kind {
            ExprKind::If { cond, .. } => self.eval_bool(cond) != Some(false),
            _ => true,
        };
        let items = match &value.kind {
            ExprKind::For { iterable, .. } if deployed => self.loop_items(iterable, value.span),
            _ => None,
        };
        let body = strip_control(value, 0);
        match items {
            Some(items) => {
                out.expanded = true;
                for (i, item) in items.iter().enumerate() {
                    let pushed = self.push_element_locals(value, item, i);
                    let args = self
                        .element_deployed(value)
                        .then(|| self.call_arguments(body, &source, &mut out.assignments));
                    self.locals.truncate(self.locals.len() - pushed);
                    let instance = match args {
                        Some((inputs, first)) => {
                            let path = self.child_path(&format!("{name}[{i}]"));
                            self.instantiate_call(
                                name, &target, path, &source, call, inputs, &mut out, first,
                            )
                        }
                        None => None,
                    };
                    out.instances.push(instance);
                }
            }
            None => {
                let pushed = self.push_loop_locals(value);
                let (inputs, first) = self.call_arguments(body, &source, &mut out.assignments);
                self.locals.truncate(self.locals.len() - pushed);
                // `if (false)`: not deployed (its arguments are still written in the file).
                if deployed {
                    let path = self.child_path(name);
                    let instance = self.instantiate_call(
                        name, &target, path, &source, call, inputs, &mut out, first,
                    );
                    out.instances.push(instance);
                }
            }
        }
        out
    }

    /// The path of a child instance: this instance's path, then `segment`.
    fn child_path(&self, segment: &str) -> String {
        match self.keyed_instance() {
            Some(i) => format!("{}/{segment}", i.path),
            None => segment.to_string(),
        }
    }

    /// Lower a call's body (with the loop element in scope): the callee's inputs, and its
    /// `params` as assignment records appended to `records` (a record already there, from an
    /// element that gives the same value, is not repeated). Returns the inputs and the index
    /// of the first record of this call.
    fn call_arguments(
        &mut self,
        body: &'a Expr,
        source: &str,
        records: &mut Vec<Assignment>,
    ) -> (Inputs, usize) {
        let first = records.len();
        let node = self.lower(body);
        let params_ast = object_property(body, "params");
        let Some(params) = node.get("params") else {
            // No arguments: every parameter takes its default.
            return (Inputs::Called(Bindings::new()), first);
        };
        let Value::Object(props) = &params.value else {
            // Arguments computed at deploy time: the callee's inputs are unknown.
            return (Inputs::Standalone, first);
        };
        let opaque = params_ast.is_some_and(|p| self.has_unknown_spread(p));
        let mut bindings = Bindings::new();
        for p in props {
            bindings.insert(p.key.clone(), p.value.clone());
            let value = match params_ast.and_then(|a| self.passed_through(a, &p.key)) {
                // A secure parameter of this module passed on: the record shows the
                // parameter, as declared; its value is reported where the caller wrote it.
                Some(e) => {
                    self.no_subst += 1;
                    let v = self.lower(e);
                    self.no_subst -= 1;
                    v
                }
                None => p.value.clone(),
            };
            let dup = records[..first]
                .iter()
                .chain(records[first..].iter())
                .any(|a| a.name == p.key && a.span == p.key_span && a.value.span == value.span);
            if !dup {
                records.push(Assignment {
                    name: p.key.clone(),
                    span: p.key_span,
                    value,
                    target_secure: None,
                    target: Some(source.to_string()),
                });
            }
        }
        let inputs = if opaque {
            Inputs::Standalone
        } else {
            Inputs::Called(bindings)
        };
        (inputs, first)
    }

    /// A spread in the `params` object whose value is not a known object: which inputs it
    /// sets is unknown.
    fn has_unknown_spread(&mut self, params: &'a Expr) -> bool {
        let ExprKind::Object(items) = &params.kind else {
            return false;
        };
        items.iter().any(|i| match i {
            ObjectItem::Spread(x) => {
                !matches!(self.eval(x).map(|n| n.value), Some(Value::Object(_)))
            }
            _ => false,
        })
    }

    /// The argument `key` of a `params` object when it is a secure parameter of this file that
    /// the caller bound (a value passed through).
    fn passed_through(&self, params: &'a Expr, key: &str) -> Option<&'a Expr> {
        let arg = object_property(params, key)?;
        let ExprKind::Ident(n) = &unparen(arg).kind else {
            return None;
        };
        let p = self.params.get(n.as_str())?;
        (p.secure && !self.is_local(n) && self.inputs.binding(n).is_some()).then_some(arg)
    }

    /// Instantiate one instance of a call; notes a call that cannot be followed (once per
    /// call site) and fills in which parameters the callee declares secure.
    #[allow(clippy::too_many_arguments)]
    fn instantiate_call(
        &mut self,
        name: &'a str,
        target: &Result<PathBuf, NotInstantiated>,
        path: String,
        source: &str,
        call: Span,
        inputs: Inputs,
        out: &mut ModCall,
        first_record: usize,
    ) -> Option<ModInstance> {
        let what = || format!("module `{name}` ('{source}')");
        let result = match target {
            Err(e) => Err(e.clone()),
            Ok(p) => instance::instantiate(
                p,
                inputs,
                Arc::new(Instance {
                    path: path.clone(),
                    source: source.to_string(),
                    call,
                }),
                self.deploy,
            ),
        };
        let child = match result {
            Ok(child) => child,
            Err(e) => {
                self.note(call, e.note(&what()));
                return None;
            }
        };
        let declared = params::declared(&child);
        for a in &mut out.assignments[first_record..] {
            a.target_secure = declared.get(&a.name.to_ascii_lowercase()).copied();
        }
        let primary = child.files[0].id;
        let instance = ModInstance {
            path,
            display: child.files[0].display_path.clone(),
            outputs: child
                .outputs
                .iter()
                .filter(|o| o.span.file == primary)
                .map(|o| (o.name.clone(), o.value.clone()))
                .collect(),
        };
        self.child_docs.push((name, child));
        Some(instance)
    }

    /// Output `output` of module `name` (element `index` of an expanded call), with the flow
    /// note of a use.
    fn module_output(
        &mut self,
        name: &str,
        index: Option<Option<usize>>,
        output: &str,
    ) -> Option<(Node, String)> {
        let call = self.module(name)?;
        let instance = match (index, call.expanded) {
            (Some(Some(i)), true) => call.instances.get(i)?,
            // An element of an expanded call not known here: any of them.
            (_, true) => return None,
            // An unexpanded call stands for all its elements.
            (_, false) => call.instances.first()?,
        };
        let instance = instance.as_ref()?;
        let (out_name, node) = instance
            .outputs
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(output))?;
        Some((
            node.clone(),
            format!(
                "output `{out_name}` of module `{}` ({})",
                instance.path, instance.display
            ),
        ))
    }

    /// The template of a `.bicepparam` (its `using`), instantiated with the file's values.
    pub(super) fn instantiate_template(
        &mut self,
        stmt: &Statement,
        rel: Option<&str>,
        none: bool,
        bindings: Bindings,
    ) -> Option<Document> {
        let span = self.span(stmt.span);
        if none {
            self.note(
                span,
                "the parameter file names no template (`using none`), so the values it sets \
                 are not analysed where they are used"
                    .into(),
            );
            return None;
        }
        let rel = rel.map(str::trim).filter(|r| !r.is_empty());
        let what = format!("template '{}'", rel.unwrap_or(""));
        let Some(rel) = rel else {
            self.note(span, NotInstantiated::Missing.note(&what));
            return None;
        };
        if params::is_remote(rel) {
            self.note(span, NotInstantiated::Remote.note(&what));
            return None;
        }
        let path = crate::frontend::normalize(&self.dir().join(rel));
        let Some(file) = self.deploy.loader.load(&path) else {
            self.note(span, NotInstantiated::Missing.note(&what));
            return None;
        };
        let inputs = Inputs::Called(bindings);
        match Language::of(&path, &file.text) {
            Some(Language::Bicep) => Some(crate::frontend::bicep::instantiate(
                file,
                inputs,
                None,
                self.deploy,
            )),
            Some(Language::Arm) => Some(crate::frontend::arm::instantiate(
                file,
                inputs,
                None,
                self.deploy,
            )),
            _ => {
                self.note(span, NotInstantiated::Missing.note(&what));
                None
            }
        }
    }

    // ----- loops and conditions -----------------------------------------------------------

    /// How the resource `symbol` (declared as `value`) is deployed, decided once.
    pub(super) fn expansion(&mut self, symbol: &'a str, value: &'a Expr) -> Rc<Expansion> {
        if let Some(e) = self.expansions.get(symbol) {
            return e.clone();
        }
        // A loop source that reads the resource itself is unknown.
        self.expansions.insert(symbol, Rc::new(Expansion::Single));
        let locals = std::mem::take(&mut self.locals);
        let e = match &value.kind {
            ExprKind::If { cond, .. } if self.eval_bool(cond) == Some(false) => Expansion::Dropped,
            ExprKind::For { iterable, .. } => match self.loop_items(iterable, value.span) {
                Some(items) => Expansion::Elements(items),
                None => Expansion::Single,
            },
            _ => Expansion::Single,
        };
        self.locals = locals;
        let e = Rc::new(e);
        self.expansions.insert(symbol, e.clone());
        e
    }

    /// The elements of a loop over a known collection, taken from the deployment's element
    /// budget; `None` when the collection is unknown or the budget is spent (noted).
    pub(super) fn loop_items(&mut self, iterable: &'a Expr, at: Sp) -> Option<Vec<Node>> {
        let items = self.eval_items(iterable)?;
        if items.is_empty() || self.deploy.take_elements(items.len()) {
            return Some(items);
        }
        let span = self.span(at);
        self.note(
            span,
            format!(
                "this loop would take the deployment past {MAX_ELEMENTS} expanded elements; \
                 it is analysed once, with its elements unknown"
            ),
        );
        None
    }

    /// Put element `i` (`item`) of `[for (x, i) in …: …]` in scope; how many locals.
    pub(super) fn push_element_locals(&mut self, value: &'a Expr, item: &Node, i: usize) -> usize {
        let ExprKind::For {
            item: name, index, ..
        } = &value.kind
        else {
            return 0;
        };
        let mut n = 0;
        if let Some(name) = name {
            let mut leaves = Vec::new();
            leaf_provenances(item, &mut leaves);
            let p = if leaves.is_empty() {
                Provenance::Empty
            } else {
                Provenance::of_branches(leaves)
            };
            let mut local = Local::new(&name.name, p, Some(vec![item.clone()]));
            local.current = Some(item.clone());
            self.locals.push(local);
            n += 1;
        }
        if let Some(index) = index {
            let mut local = Local::new(&index.name, Provenance::Unknown, None);
            local.index = true;
            local.current = Some(Node::new(Value::Number(i as f64), self.span(index.span)));
            self.locals.push(local);
            n += 1;
        }
        n
    }

    /// Whether the current element of `[for …: if (cond) {…}]` is deployed (unknown: yes).
    pub(super) fn element_deployed(&mut self, value: &'a Expr) -> bool {
        match &value.kind {
            ExprKind::For { body, .. } => match &body.kind {
                ExprKind::If { cond, .. } => self.eval_bool(cond) != Some(false),
                _ => true,
            },
            _ => true,
        }
    }

    // ----- names --------------------------------------------------------------------------

    /// The evaluated name of the (unexpanded) resource `symbol`: `parent/child` for a child.
    pub(super) fn resource_name(&mut self, symbol: &str) -> Option<String> {
        let (symbol, (decl, _)) = self
            .res_decls
            .get_key_value(symbol)
            .map(|(k, v)| (*k, *v))?;
        if let Some(n) = self.names.get(symbol) {
            return n.clone();
        }
        self.names.insert(symbol, None);
        let n = if matches!(decl.value.kind, ExprKind::For { .. }) {
            None
        } else {
            let locals = std::mem::take(&mut self.locals);
            let n = self.name_of(symbol, strip_control(&decl.value, 0));
            self.locals = locals;
            n
        };
        self.names.insert(symbol, n.clone());
        n
    }

    /// The evaluated `name` of a resource body (the current loop element in scope), prefixed
    /// by its parent's (nested, or `parent:`) as ARM names children.
    pub(super) fn name_of(&mut self, symbol: &str, body: &'a Expr) -> Option<String> {
        let own = eval::scalar_text(&self.eval(object_property(body, "name")?)?)?;
        let parent = self.res_decls.get(symbol).and_then(|d| d.1).or_else(|| {
            match &unparen(object_property(body, "parent")?).kind {
                ExprKind::Ident(n) => self.res_decls.get_key_value(n.as_str()).map(|(k, _)| *k),
                _ => None,
            }
        });
        match parent {
            Some(p) => Some(format!("{}/{own}", self.resource_name(p)?)),
            None => Some(own),
        }
    }

    // ----- references ---------------------------------------------------------------------

    /// Typed references of a chain rooted at a resource symbol (`acr.properties.loginServer`,
    /// `vnet::subnet.id`, `sa[0].id`): the resource's key (an element's when indexed) and the
    /// member read.
    pub(super) fn resource_refs(&mut self, e: &'a Expr) -> Option<Vec<Ref>> {
        let (_, root, accs) = decompose(e)?;
        let mut symbol = root;
        let mut rest = &accs[..];
        while let Some((Acc::Child(n), tail)) = rest.split_first() {
            symbol = n;
            rest = tail;
        }
        if self.is_local(root) || !self.resources.contains_key(symbol) {
            return None;
        }
        let mut index = None;
        if let Some((Acc::Index(ix, from_end, _), tail)) = rest.split_first() {
            index = Some(if *from_end {
                None
            } else {
                self.eval(ix)
                    .and_then(|n| n.as_number())
                    .filter(|n| *n >= 0.0 && n.fract() == 0.0)
                    .map(|n| n as usize)
            });
            rest = tail;
        }
        let member: Vec<&str> = rest
            .iter()
            .map_while(|a| match a {
                Acc::Member(n, _) => Some(*n),
                _ => None,
            })
            .collect();
        let member = (!member.is_empty()).then(|| member.join("."));
        Some(
            self.ref_keys(symbol, index)
                .into_iter()
                .map(|k| {
                    let r = Ref::resource(k);
                    match &member {
                        Some(m) => r.with_member(m.clone()),
                        None => r,
                    }
                })
                .collect(),
        )
    }

    /// The keys a reference to `symbol` names: element `i` of an expanded loop, every element
    /// for an unknown index, else the one resource.
    pub(super) fn ref_keys(&mut self, symbol: &str, index: Option<Option<usize>>) -> Vec<String> {
        let Some((symbol, (decl, _))) = self.res_decls.get_key_value(symbol).map(|(k, v)| (*k, *v))
        else {
            return vec![self.key(symbol)];
        };
        let base = self.key(symbol);
        match &*self.expansion(symbol, &decl.value) {
            Expansion::Elements(items) => match index {
                Some(Some(i)) => vec![format!("{base}[{i}]")],
                _ if items.len() > MAX_REF_ELEMENTS => vec![base],
                _ => (0..items.len()).map(|i| format!("{base}[{i}]")).collect(),
            },
            _ => vec![base],
        }
    }

    /// `resourceId([sub, rg,] 'T', 'n1', 'n2')` (and the other `*ResourceId` functions) with a
    /// known type and names: the resource named `n1/n2` of type `T`.
    pub(super) fn named_ref(&mut self, args: &'a [Expr]) -> Option<Ref> {
        let mut ty = None;
        for (i, a) in args.iter().enumerate() {
            if let Some(t) = self.eval(a).and_then(|n| eval::scalar_text(&n)) {
                let ns = t.split('/').next().unwrap_or("");
                if t.contains('/') && ns.contains('.') {
                    ty = Some((i, t));
                    break;
                }
            }
        }
        let (i, resource_type) = ty?;
        let mut names = Vec::new();
        for a in &args[i + 1..] {
            names.push(eval::scalar_text(&self.eval(a)?)?);
        }
        if names.is_empty() {
            return None;
        }
        Some(Ref {
            target: Target::Named {
                resource_type,
                name: names.join("/"),
            },
            member: None,
        })
    }

    // ----- values from outside --------------------------------------------------------------

    /// The steps of a chain into a known value (indices evaluated); `None` for a `::` step
    /// or an index not known here.
    fn steps(&mut self, accs: &[Acc<'a>]) -> Option<Vec<Step>> {
        let mut out = Vec::with_capacity(accs.len());
        for a in accs {
            out.push(match a {
                Acc::Member(n, safe) => Step::Key(n.to_string(), *safe),
                Acc::Index(ix, from_end, safe) => {
                    let v = self.eval(ix)?;
                    match &v.value {
                        Value::String(k) => Step::Key(k.clone(), *safe),
                        Value::Number(n) if *n >= 0.0 && n.fract() == 0.0 => {
                            Step::Idx(*n as usize, *from_end)
                        }
                        _ => return None,
                    }
                }
                Acc::Child(_) => return None,
            });
        }
        Some(out)
    }

    /// The value a use `e` reads when it comes from outside the file's text (or from an
    /// expanded loop element): a caller's argument, a module's output, or a part of a
    /// variable holding one.
    fn outside_part(&mut self, e: &'a Expr, span: Span) -> Option<(Node, Outside)> {
        let (_, root, accs) = decompose(e)?;
        if let Some(local) = self.locals.iter().rev().find(|l| l.name == root) {
            let current = local.current.clone()?;
            let steps = self.steps(&accs)?;
            return Some((walk(&current, &steps, span)?, Outside::Local));
        }
        if self.params.contains_key(root) {
            if self.keeps_parameter_input(root) {
                return None;
            }
            let bound = self.binding(root)?.clone();
            let steps = self.steps(&accs)?;
            let part = walk(&bound, &steps, span)?;
            return Some((part, Outside::Param(self.param_note(root))));
        }
        if self.modules.contains_key(root) {
            let (index, rest) = match accs.split_first() {
                Some((Acc::Index(ix, false, _), tail)) => {
                    let i = self
                        .eval(ix)
                        .and_then(|n| n.as_number())
                        .filter(|n| *n >= 0.0 && n.fract() == 0.0)
                        .map(|n| n as usize);
                    (Some(i), tail)
                }
                _ => (None, &accs[..]),
            };
            let [Acc::Member("outputs", _), Acc::Member(output, _), tail @ ..] = rest else {
                return None;
            };
            let (node, note) = self.module_output(root, index, output)?;
            let steps = self.steps(tail)?;
            return Some((walk(&node, &steps, span)?, Outside::Output(note)));
        }
        if self.vars.contains_key(root) {
            let (value, segs) = self.resolve_shared(e)?;
            let steps: Vec<Step> = segs
                .iter()
                .rev()
                .map(|s| match s {
                    Seg::Key(k) => Step::Key(k.clone(), false),
                    Seg::Idx(i) => Step::Idx(*i, false),
                    Seg::FromEnd(i) => Step::Idx(*i, true),
                })
                .collect();
            let part = walk(&value, &steps, span)?;
            return (!part.via().is_empty()).then_some((part, Outside::Var));
        }
        None
    }

    /// A use that IS a value from outside (see [`Lowerer::outside_part`]): that value, where
    /// it is written, one flow step further (the use). An expanded loop element written in
    /// this file: its object or array (a scalar is described at the use, as variables are).
    pub(super) fn flow_node(&mut self, e: &'a Expr, span: Span) -> Option<Node> {
        let (part, kind) = self.outside_part(e, span)?;
        let node = match kind {
            Outside::Param(note) | Outside::Output(note) => part.with_step(span, note),
            Outside::Var => part,
            Outside::Local if !part.via().is_empty() => part,
            Outside::Local if is_container_node(&part) => Node { span, ..part },
            Outside::Local => return None,
        };
        if !self.budget.charge_node(&node) {
            self.budget.locate(span);
            return Some(Node::expr(
                MExpr::new(Provenance::Unknown, self.text(e)),
                span,
            ));
        }
        Some(node)
    }

    /// What a use of a caller's argument or a module's output is, inside a larger expression
    /// (interpolation, a function's argument): its provenance, literal text and references.
    pub(super) fn flow_info(&mut self, e: &'a Expr) -> Option<Info> {
        let span = self.span(e.span);
        let (part, kind) = self.outside_part(e, span)?;
        let origin = match (&part.value, &kind) {
            (Value::Expr(x), _) if x.origin.is_some() => x.origin.clone(),
            (_, Outside::Param(_)) => decompose(e).map(|(_, root, _)| format!("param:{root}")),
            (_, Outside::Output(_)) => None,
            // Loop elements and variables are described by their own paths.
            (_, Outside::Local | Outside::Var) => return None,
        };
        let info = node_info(&part, origin);
        if !self.charge_info(&info) {
            self.budget.locate(span);
            return Some(Info::new(Provenance::Unknown));
        }
        Some(info)
    }
}
