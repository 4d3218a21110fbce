//! Evaluation scope of one ARM template: its parameters, variables and symbolic names, and
//! the lowering of raw JSON values into the model (expressions get their provenance here).
//!
//! Nothing is executed: expressions are reduced to "where does this value come from" and
//! whatever text is statically known. Variables are resolved lazily and memoised, with a
//! guard against cycles; evaluation depth is bounded so hostile input cannot exhaust the
//! stack.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use super::declarations::{declared_type, inline_template, is_secure_type, key_vault_reference};
use super::expression::{self, Ast, AstKind, ParseFailure, StringForm};
use super::functions;
use crate::frontend::MAX_DEPTH;
use crate::model::budget::{Cost, InlineBudget};
use crate::model::{
    classify_string, Diagnostic, DiagnosticKind, Document, Expr, Node, Property, Provenance, Ref,
    Value,
};
use crate::source::Span;

/// Bound on nested lowering + evaluation work (raw nesting × variable chains × AST depth).
const MAX_WORK_DEPTH: usize = 4 * MAX_DEPTH;

/// What is known about an evaluated (sub-)expression.
#[derive(Clone, Debug)]
pub(crate) struct Ev {
    pub prov: Provenance,
    /// Statically known text (see `Expr::literal`).
    pub literal: Option<String>,
    pub origin: Option<String>,
    pub refs: Vec<Ref>,
    /// A statically known object/array (a variable's value, a parameter's default) so that
    /// property access and indexing can follow into it.
    pub node: Option<Rc<Node>>,
}

impl Ev {
    pub fn new(prov: Provenance) -> Ev {
        Ev {
            prov,
            literal: None,
            origin: None,
            refs: Vec::new(),
            node: None,
        }
    }

    pub fn unknown() -> Ev {
        Ev::new(Provenance::Unknown)
    }

    pub fn literal(text: impl Into<String>) -> Ev {
        let text = text.into();
        Ev {
            prov: classify_string(&text),
            literal: Some(text),
            origin: None,
            refs: Vec::new(),
            node: None,
        }
    }

    pub fn with_origin(mut self, origin: impl Into<String>) -> Ev {
        self.origin = Some(origin.into());
        self
    }

    /// Like `from_node` without keeping a static object/array (no copy), for when only the
    /// provenance matters.
    pub fn summary(node: &Node) -> Ev {
        match &node.value {
            Value::Array(_) | Value::Object(_) => Ev::new(node.deep_provenance()),
            _ => Ev::from_node(node),
        }
    }

    /// What a lowered model node says about its value.
    pub fn from_node(node: &Node) -> Ev {
        match &node.value {
            Value::Expr(e) => Ev {
                prov: e.provenance.clone(),
                literal: e.literal.clone(),
                origin: e.origin.clone(),
                refs: e.refs.clone(),
                node: None,
            },
            Value::Null => Ev::new(Provenance::Empty),
            Value::Array(_) | Value::Object(_) => {
                let mut ev = Ev::new(node.deep_provenance());
                ev.node = Some(Rc::new(node.clone()));
                ev
            }
            _ => {
                let mut ev = Ev::new(node.provenance());
                ev.literal = node.known_text().map(|t| t.into_owned());
                ev
            }
        }
    }

    /// The model expression for a whole template expression.
    pub fn into_expr(self, text: String) -> Expr {
        Expr {
            provenance: self.prov,
            text,
            literal: self.literal,
            origin: self.origin,
            refs: self.refs,
        }
    }
}

/// A value given to a template parameter from outside: a parameter file's `value`, a nested
/// or linked deployment's `parameters.<name>.value` (lowered in the caller, so its span is
/// where the value is written).
#[derive(Clone, Debug)]
pub(crate) struct Bound {
    pub node: Node,
    /// What the use site is, for the flow step (`parameter \`x\` of template \`t.json\``).
    pub note: String,
}

/// A declared template parameter.
#[derive(Clone, Debug)]
pub(crate) struct ParamDecl<'r> {
    pub secure: bool,
    pub default: Option<&'r Node>,
    /// What is known about the bound value (see `bound`), computed once.
    pub passed: Option<Ev>,
    /// The value given from outside, substituted where a use IS the parameter.
    pub bound: Option<Rc<Bound>>,
}

/// What a template's scope shares with its nested deployments' scopes: bounds hold for the
/// whole document, not per template.
#[derive(Default)]
struct Shared {
    /// Current lowering/evaluation depth.
    depth: Cell<usize>,
    /// Copies of variable values, parameter defaults and their parts made by evaluation.
    budget: RefCell<InlineBudget>,
    /// The first expression refused for nesting deeper than `MAX_DEPTH`.
    too_deep: Cell<Option<Span>>,
}

/// One template's evaluation scope.
pub(crate) struct Scope<'r> {
    params: HashMap<String, ParamDecl<'r>>,
    vars: HashMap<String, &'r Node>,
    /// Lowercase symbolic name → full resource type (languageVersion 2.0).
    symbols: HashMap<String, String>,
    /// Lowercase symbolic names of resources with a copy loop (one resource per element).
    copied: std::collections::HashSet<String>,
    var_cache: RefCell<HashMap<String, Rc<Node>>>,
    /// The `deep_provenance` of container variables: computing it classifies every string
    /// inside, which must not be repeated for each of thousands of uses.
    var_provenance: RefCell<HashMap<String, Provenance>>,
    default_cache: RefCell<HashMap<String, Rc<Node>>>,
    /// Variables being resolved right now (cycle guard).
    resolving: RefCell<Vec<String>>,
    shared: Rc<Shared>,
    /// The instance path of this template's resources (`""` for the entry point,
    /// `app/inner` for a nested deployment): the prefix of the keys symbols resolve to.
    instance_path: String,
    /// Inside an expanded copy loop: its name and the current index (`copyIndex()`).
    copy_index: RefCell<Option<(String, usize)>>,
    /// Nested deployments with an inline template declared at this level: (symbol, raw).
    deployments: Vec<(Option<&'r str>, &'r Node)>,
    /// Their outputs already lowered, by `deployment index/output` (lowercase).
    outputs: RefCell<HashMap<String, Option<Rc<Node>>>>,
    /// Outputs being followed through each other right now.
    output_chain: Cell<usize>,
    /// The scopes of inner-scope nested deployments whose outputs were read, by index.
    inner_scopes: RefCell<HashMap<usize, Rc<Scope<'r>>>>,
}

impl<'r> Scope<'r> {
    /// The scope of `template` (a raw template object). `bound` holds the values given to
    /// its parameters from outside (a parameter file, a linked deployment), keyed by
    /// lowercase parameter name; `instance_path` is the instance its resources belong to.
    pub fn for_template(
        template: &'r Node,
        bound: HashMap<String, Bound>,
        instance_path: &str,
    ) -> Scope<'r> {
        Scope::with_depth(template, bound, Rc::default(), instance_path.to_string())
    }

    /// The scope of an inner-scope nested deployment's template, given the values passed in.
    fn nested<'t>(
        &self,
        template: &'t Node,
        bound: HashMap<String, Bound>,
        instance_path: String,
    ) -> Scope<'t> {
        Scope::with_depth(template, bound, self.shared.clone(), instance_path)
    }

    fn with_depth(
        template: &'r Node,
        bound: HashMap<String, Bound>,
        shared: Rc<Shared>,
        instance_path: String,
    ) -> Scope<'r> {
        let mut bound = bound;
        let mut params = HashMap::new();
        for p in template
            .get("parameters")
            .and_then(Node::as_object)
            .unwrap_or(&[])
        {
            let name = p.key.to_ascii_lowercase();
            let secure = is_secure_type(declared_type(template, &p.value));
            // A secure parameter stays a secure input inside the template whatever it is
            // given: a plaintext value given to it is reported where it is written (AZL128,
            // on the assignment), once, not again by every sink rule; and a placeholder in a
            // parameter file (`GEN-PASSWORD`) must not hide what the template does with the
            // secret (a secure value in a non-secure property).
            // A placeholder or empty value (`GEN-PASSWORD`, `#{Token}#`, `""`) is filled in
            // at deploy time: the parameter stays an input, as if analysed on its own.
            let bound = bound
                .remove(&name)
                .filter(|b| {
                    !secure
                        && !matches!(
                            b.node.provenance(),
                            Provenance::Placeholder | Provenance::Empty
                        )
                })
                .map(Rc::new);
            params.insert(
                name.clone(),
                ParamDecl {
                    secure,
                    default: p.value.get("defaultValue"),
                    passed: bound.as_ref().map(|b| Ev::from_node(&b.node)),
                    bound,
                },
            );
        }
        let mut vars = HashMap::new();
        for v in template
            .get("variables")
            .and_then(Node::as_object)
            .unwrap_or(&[])
        {
            // Variable loops: `"copy": [{ "name": "x", "count": n, "input": … }]` declares `x`.
            if v.key.eq_ignore_ascii_case("copy") {
                if let Some(loops) = v.value.as_array() {
                    for l in loops {
                        if let (Some(name), Some(input)) =
                            (l.get("name").and_then(Node::as_str), l.get("input"))
                        {
                            vars.insert(name.to_ascii_lowercase(), input);
                        }
                    }
                    continue;
                }
            }
            vars.insert(v.key.to_ascii_lowercase(), &v.value);
        }
        let mut symbols = HashMap::new();
        let mut copied = std::collections::HashSet::new();
        let deployments: Vec<(Option<&'r str>, &'r Node)> = match template.get("resources") {
            Some(Node {
                value: Value::Array(items),
                ..
            }) => items.iter().map(|r| (None, r)).collect(),
            Some(Node {
                value: Value::Object(props),
                ..
            }) => props
                .iter()
                .map(|p| (Some(p.key.as_str()), &p.value))
                .collect(),
            _ => Vec::new(),
        }
        .into_iter()
        .filter(|(_, r)| inline_template(r).is_some() && r.get("copy").is_none())
        .collect();
        if let Some(resources) = template.get("resources").and_then(Node::as_object) {
            for r in resources {
                if let Some(ty) = r.value.get("type").and_then(Node::as_str) {
                    symbols.insert(r.key.to_ascii_lowercase(), ty.to_string());
                    if r.value.get("copy").is_some() {
                        copied.insert(r.key.to_ascii_lowercase());
                    }
                }
            }
        }
        Scope {
            params,
            vars,
            symbols,
            copied,
            var_cache: RefCell::default(),
            var_provenance: RefCell::default(),
            default_cache: RefCell::default(),
            resolving: RefCell::default(),
            shared,
            instance_path,
            copy_index: RefCell::default(),
            deployments,
            outputs: RefCell::default(),
            output_chain: Cell::new(0),
            inner_scopes: RefCell::default(),
        }
    }

    /// Whether `copyIndex()` is known (inside an expanded copy loop).
    pub fn in_copy(&self) -> bool {
        self.copy_index.borrow().is_some()
    }

    /// Run `f` with `copyIndex()` known as `index` of loop `name`.
    pub fn with_copy_index<T>(&self, name: &str, index: usize, f: impl FnOnce() -> T) -> T {
        let previous = self.copy_index.replace(Some((name.to_string(), index)));
        let out = f();
        *self.copy_index.borrow_mut() = previous;
        out
    }

    /// A reference to the resource with symbolic name `symbol` of this template: by its
    /// key; a resource with a copy loop is several resources (`sym[0]`, …), matched by symbol.
    pub fn symbol_ref(&self, symbol: &str) -> Ref {
        if self.copied.contains(&symbol.to_ascii_lowercase()) {
            Ref::text(symbol)
        } else {
            Ref::resource(key_in(&self.instance_path, symbol))
        }
    }

    /// The document's notes about what evaluation could not analyse: one for expressions
    /// nested too deep, one for values past the copy budget.
    pub fn report(&self, doc: &mut Document) {
        if let Some(span) = self.shared.too_deep.get() {
            doc.diagnostics.push(Diagnostic {
                kind: DiagnosticKind::NotAnalysable,
                message: format!(
                    "a template expression nests deeper than {MAX_DEPTH} levels (calls, \
                     indexes and property accesses); such expressions are not analysed"
                ),
                span,
            });
        }
        self.shared
            .budget
            .borrow()
            .report(doc, "variable values and parameter defaults");
    }

    /// Charge a copy of `cost` to the document's budget; `false` when refused.
    fn charge(&self, cost: Cost) -> bool {
        self.shared.budget.borrow_mut().charge(cost)
    }

    /// An `Ev` of a static value reached inside a variable or default (`variables('v').a`),
    /// copied within the budget; unknown when refused.
    fn ev_of_part(&self, node: &Node) -> Ev {
        let cost = match &node.value {
            Value::Array(_) | Value::Object(_) => {
                let left = self.shared.budget.borrow().remaining();
                Cost::of(node, left)
            }
            _ => Cost::text(node.known_text().as_deref().unwrap_or("")),
        };
        if self.charge(cost) {
            Ev::from_node(node)
        } else {
            Ev::unknown()
        }
    }

    /// The full resource type of a symbolic name, when declared in this template.
    pub fn symbol_type(&self, name: &str) -> Option<&str> {
        self.symbols
            .get(&name.to_ascii_lowercase())
            .map(String::as_str)
    }

    /// Run `f` one level deeper; `None` past the work bound.
    fn deeper<T>(&self, f: impl FnOnce() -> T) -> Option<T> {
        let depth = &self.shared.depth;
        let d = depth.get();
        if d >= MAX_WORK_DEPTH {
            return None;
        }
        depth.set(d + 1);
        let out = f();
        depth.set(d);
        Some(out)
    }

    /// Lower a raw JSON value into the model: expression strings become `Value::Expr` with
    /// their provenance, `[[` escapes are resolved, expression object keys are normalised.
    pub fn lower(&self, raw: &Node) -> Node {
        self.deeper(|| self.lower_inner(raw))
            .unwrap_or_else(|| Node::expr(Expr::new(Provenance::Unknown, ""), raw.span))
    }

    fn lower_inner(&self, raw: &Node) -> Node {
        match &raw.value {
            Value::String(s) => self.lower_string(s, raw),
            Value::Array(items) => Node::new(
                Value::Array(items.iter().map(|i| self.lower(i)).collect()),
                raw.span,
            ),
            Value::Object(_) if inline_template(raw).is_some_and(|(_, inner)| inner) => {
                self.lower_inner_deployment(raw)
            }
            Value::Object(props) => Node::object(
                props
                    .iter()
                    .map(|p| Property {
                        key: lower_key(&p.key),
                        key_span: p.key_span,
                        value: self.lower(&p.value),
                    })
                    .collect(),
                raw.span,
            ),
            _ => raw.clone(),
        }
    }

    /// The values a nested deployment passes to its template's parameters, lowered in this
    /// (the outer) scope: `{ "value": … }` or a Key Vault `{ "reference": … }`.
    fn passed_parameters<'a>(&self, deployment: &'a Node) -> Vec<(&'a Property, Node)> {
        let params = deployment
            .get_path("properties.parameters")
            .and_then(Node::as_object)
            .unwrap_or(&[]);
        params
            .iter()
            .filter_map(|p| {
                let value = match key_vault_reference(&p.value, |n| self.lower(n)) {
                    Some(kv) => kv,
                    // Bicep writes a conditional parameter as one expression for the whole
                    // entry (`[if(c, createObject('value', x), createObject('value', y))]`).
                    None if p.value.as_str().is_some() => self.lower(&p.value),
                    None => self.lower(p.value.get("value")?),
                };
                Some((p, value))
            })
            .collect()
    }

    /// The scope an inline template of `deployment` runs in, when it is inner-scoped: the
    /// values passed are its parameters' bindings, each a flow step at its uses.
    fn inner_scope<'t>(
        &self,
        deployment: &Node,
        template: &'t Node,
        passed: Vec<(&Property, Node)>,
    ) -> Scope<'t> {
        let segment = self.deployment_segment(deployment);
        let bound = passed
            .into_iter()
            .map(|(p, node)| {
                let note = format!("parameter `{}` of nested deployment `{segment}`", p.key);
                (p.key.to_ascii_lowercase(), Bound { node, note })
            })
            .collect();
        let path = join_path(&self.instance_path, &segment);
        self.nested(template, bound, path)
    }

    /// The instance path segment of a nested or linked deployment: its name where statically
    /// known, else its name as written (`[format('{0}-app', …)]`), else `deployment`.
    pub fn deployment_segment(&self, deployment: &Node) -> String {
        let raw = deployment.get("name");
        raw.and_then(|n| self.static_name(n))
            .or_else(|| raw.and_then(Node::as_str).map(normalize_expression_text))
            .unwrap_or_else(|| "deployment".to_string())
    }

    /// An inner-scope deployment: its `properties.template` is lowered in the template's own
    /// scope, everything else (notably `properties.parameters`) in this one.
    fn lower_inner_deployment(&self, raw: &Node) -> Node {
        let (Value::Object(props), Some((template, _))) = (&raw.value, inline_template(raw)) else {
            return raw.clone();
        };
        let inner = self.inner_scope(raw, template, self.passed_parameters(raw));
        let lower_props = |props: &[Property], in_properties: bool| -> Vec<Property> {
            props
                .iter()
                .map(|p| {
                    let value = if in_properties && p.key.eq_ignore_ascii_case("template") {
                        inner.lower(&p.value)
                    } else {
                        self.lower(&p.value)
                    };
                    Property {
                        key: lower_key(&p.key),
                        key_span: p.key_span,
                        value,
                    }
                })
                .collect()
        };
        let lowered = props
            .iter()
            .map(|p| match &p.value.value {
                Value::Object(inner_props) if p.key.eq_ignore_ascii_case("properties") => {
                    Property {
                        key: p.key.clone(),
                        key_span: p.key_span,
                        value: Node::object(lower_props(inner_props, true), p.value.span),
                    }
                }
                _ => Property {
                    key: lower_key(&p.key),
                    key_span: p.key_span,
                    value: self.lower(&p.value),
                },
            })
            .collect();
        Node::object(lowered, raw.span)
    }

    fn lower_string(&self, s: &str, raw: &Node) -> Node {
        match expression::string_form(s) {
            StringForm::Literal(l) => Node::string(l.into_owned(), raw.span),
            StringForm::Expression(body) => match expression::parse_checked(body) {
                Ok(ast) => match self.substitute(&ast, raw.span) {
                    Some(node) => node,
                    None => {
                        let expr = self
                            .eval(&ast, body)
                            .into_expr(expression::canonical_text(&ast, body));
                        self.shared.budget.borrow_mut().locate(raw.span);
                        Node::expr(expr, raw.span)
                    }
                },
                Err(failure) => Node::expr(self.unparsable(body, failure, raw.span), raw.span),
            },
        }
    }

    /// A use that IS a bound parameter (`[parameters('x')]`, or a path into it,
    /// `[parameters('x').a[0]]`, where the bound value has it): the bound node itself, where
    /// it is written, one flow step further (at the use). Within the copy budget.
    fn substitute(&self, ast: &Ast, span: Span) -> Option<Node> {
        if let Some(output) = self.deployment_output(ast) {
            let left = self.shared.budget.borrow().remaining();
            if !self.charge(Cost::of(&output, left)) {
                return None;
            }
            let (deployment, name) = output_names(ast)?;
            return Some((*output).clone().with_step(
                span,
                format!("output `{name}` of nested deployment `{deployment}`"),
            ));
        }
        let mut path = Vec::new();
        let mut at = ast;
        // Bounded by the AST's own (bounded) depth.
        let name = loop {
            match &at.kind {
                AstKind::Property(base, key) => {
                    path.push(Key::Name(key.clone()));
                    at = base;
                }
                AstKind::Index(base, index) => {
                    // A statically known index (`[0]`, `['k']`, `[copyIndex()]` in a loop).
                    let known = self.static_ast(index, 0)?;
                    path.push(match &index.kind {
                        AstKind::Str(_) => Key::Name(known),
                        _ => match known.parse::<usize>() {
                            Ok(i) => Key::Index(i),
                            Err(_) => Key::Name(known),
                        },
                    });
                    at = base;
                }
                AstKind::Call { name, args }
                    if name.eq_ignore_ascii_case("parameters") && args.len() == 1 =>
                {
                    break args[0].as_str()?;
                }
                _ => return None,
            }
        };
        let decl = self.params.get(&name.to_ascii_lowercase())?;
        let bound = decl.bound.as_ref()?;
        let mut node = &bound.node;
        for key in path.iter().rev() {
            node = match (key, &node.value) {
                (Key::Name(k), Value::Object(_)) => node.get(k)?,
                (Key::Index(i), Value::Array(items)) => items.get(*i)?,
                _ => return None,
            };
        }
        let left = self.shared.budget.borrow().remaining();
        if !self.charge(Cost::of(node, left)) {
            return None;
        }
        Some(node.clone().with_step(span, bound.note.clone()))
    }

    /// An expression that does not parse: unknown, noted once when it nests too deep.
    fn unparsable(&self, body: &str, failure: ParseFailure, span: Span) -> Expr {
        if failure == ParseFailure::TooDeep && self.shared.too_deep.get().is_none() {
            self.shared.too_deep.set(Some(span));
        }
        self.shared.budget.borrow_mut().locate(span);
        Expr::new(Provenance::Unknown, expression::normalize_body(body))
    }

    /// Evaluate an expression body (the text inside `[...]`).
    #[cfg(test)]
    pub fn eval_body(&self, body: &str) -> Expr {
        self.eval_body_at(body, Span::default())
    }

    /// `eval_body` for the expression string at `span` (where the document's notes point).
    #[cfg(test)]
    fn eval_body_at(&self, body: &str, span: Span) -> Expr {
        match expression::parse_checked(body) {
            Ok(ast) => {
                let expr = self
                    .eval(&ast, body)
                    .into_expr(expression::canonical_text(&ast, body));
                self.shared.budget.borrow_mut().locate(span);
                expr
            }
            Err(failure) => self.unparsable(body, failure, span),
        }
    }

    /// Evaluate a parsed expression; `body` is the text its spans index.
    pub fn eval(&self, ast: &Ast, body: &str) -> Ev {
        self.deeper(|| self.eval_inner(ast, body))
            .unwrap_or_else(Ev::unknown)
    }

    fn eval_inner(&self, ast: &Ast, body: &str) -> Ev {
        match &ast.kind {
            AstKind::Str(s) => Ev::literal(s.clone()),
            AstKind::Number(n) => {
                let mut ev = Ev::new(Provenance::Literal);
                ev.literal = Some(n.clone());
                ev
            }
            AstKind::Bool(b) => {
                let mut ev = Ev::new(Provenance::Literal);
                ev.literal = Some(b.to_string());
                ev
            }
            AstKind::Null => Ev::new(Provenance::Empty),
            AstKind::Property(base, name) => {
                if let Some(output) = self.deployment_output(ast) {
                    return Ev::from_node(&output);
                }
                let mut ev = self.access(self.eval(base, body), &Key::Name(name.clone()));
                // `reference(x).loginServer`, `reference(x, v, 'full').identity.principalId`:
                // the reference says what it reads.
                if let Some(member) = functions::reference_member(ast) {
                    if let Some(r) = ev.refs.first_mut() {
                        if !matches!(r.target, crate::model::Target::Text(_)) {
                            r.member = Some(member);
                        }
                    }
                }
                ev
            }
            AstKind::Index(base, index) => {
                let base = self.eval(base, body);
                let index = self.eval(index, body);
                let key = index_key(&index);
                let mut ev = self.access(base, &key);
                merge_refs(&mut ev.refs, &index.refs);
                ev
            }
            AstKind::Call { name, args } => functions::eval_call(self, ast, name, args, body),
        }
    }

    /// `parameters('name')`.
    pub fn parameter_value(&self, name: &str) -> Ev {
        let origin = format!("param:{name}");
        let key = name.to_ascii_lowercase();
        let Some(decl) = self.params.get(&key) else {
            return Ev::unknown().with_origin(origin);
        };
        if let Some(passed) = &decl.passed {
            return passed.clone().with_origin(origin);
        }
        if decl.secure {
            return Ev::new(Provenance::SecureInput).with_origin(origin);
        }
        let mut ev = Ev::new(Provenance::Input).with_origin(origin);
        if let Some(default) = decl.default {
            // A literal default is what the parameter holds unless overridden; an object
            // default is followed by property access. Expression defaults stay opaque.
            match &default.value {
                Value::String(s) => {
                    // The default is copied into every use: budgeted (a 1.5 MB default used
                    // 9,000 times is 13.5 GB); past the budget the use is not analysed.
                    if !self.charge(Cost::text(s)) {
                        return Ev::unknown().with_origin(format!("param:{name}"));
                    }
                    if let StringForm::Literal(l) = expression::string_form(s) {
                        ev.literal = Some(l.into_owned());
                    }
                }
                Value::Number(_) | Value::Bool(_) => {
                    ev.literal = default.known_text().map(|t| t.into_owned())
                }
                Value::Object(_) | Value::Array(_) => {
                    ev.node = Some(self.lowered_default(&key, default))
                }
                _ => {}
            }
        }
        ev
    }

    fn lowered_default(&self, key: &str, default: &Node) -> Rc<Node> {
        if let Some(hit) = self.default_cache.borrow().get(key) {
            return hit.clone();
        }
        let node = Rc::new(self.lower(default));
        self.default_cache
            .borrow_mut()
            .insert(key.to_string(), node.clone());
        node
    }

    /// `variables('name')`: the provenance and literal of the variable's resolved value.
    pub fn variable_value(&self, name: &str) -> Ev {
        let origin = format!("var:{name}");
        match self.variable(name) {
            // An object or array is shared, not copied; a scalar's text is copied into every
            // use, within the budget.
            Some(node) => {
                let shared = matches!(node.value, Value::Array(_) | Value::Object(_));
                let mut ev = if shared {
                    let key = name.to_ascii_lowercase();
                    let cached = self.var_provenance.borrow().get(&key).cloned();
                    let prov = cached.unwrap_or_else(|| {
                        let p = node.deep_provenance();
                        self.var_provenance.borrow_mut().insert(key, p.clone());
                        p
                    });
                    let mut ev = Ev::new(prov);
                    ev.node = Some(node);
                    ev
                } else {
                    self.ev_of_part(&node)
                };
                ev.origin = Some(origin);
                ev
            }
            None => Ev::unknown().with_origin(origin),
        }
    }

    /// A variable's lowered value (memoised); `None` when undeclared or part of a cycle.
    pub fn variable(&self, name: &str) -> Option<Rc<Node>> {
        let key = name.to_ascii_lowercase();
        if let Some(hit) = self.var_cache.borrow().get(&key) {
            return Some(hit.clone());
        }
        let raw = *self.vars.get(&key)?;
        if self.resolving.borrow().contains(&key) || self.resolving.borrow().len() >= MAX_DEPTH {
            return None;
        }
        self.resolving.borrow_mut().push(key.clone());
        let node = Rc::new(self.lower(raw));
        self.resolving.borrow_mut().pop();
        self.var_cache.borrow_mut().insert(key, node.clone());
        Some(node)
    }
}

/// How deep a statically known name may be built through parameters and variables.
const MAX_NAME_DEPTH: usize = 16;

impl Scope<'_> {
    /// The statically known value of a raw JSON string (a resource or deployment name, an
    /// argument of `resourceId`): literals, `concat`, `format`, `toLower`/`toUpper`, bound
    /// parameters, parameter defaults and variables over those, and `copyIndex()` inside an
    /// expanded copy loop. Anything else (`uniqueString`, `resourceGroup()`, an unbound
    /// parameter without default, `if` over an unknown condition) is unknown: `None`. Exact,
    /// unlike `Expr::literal`, which keeps fragments and one branch of a choice.
    pub fn static_name(&self, raw: &Node) -> Option<String> {
        self.static_value(raw, 0)
    }

    fn static_value(&self, raw: &Node, depth: usize) -> Option<String> {
        if depth > MAX_NAME_DEPTH {
            return None;
        }
        match &raw.value {
            Value::String(s) => match expression::string_form(s) {
                StringForm::Literal(l) => Some(l.into_owned()),
                StringForm::Expression(body) => {
                    let ast = expression::parse(body)?;
                    self.static_ast(&ast, depth + 1)
                }
            },
            Value::Number(_) | Value::Bool(_) => raw.known_text().map(|t| t.into_owned()),
            _ => None,
        }
    }

    /// `static_value` of a node already lowered (a bound value): plain scalars only, and
    /// expressions whose provenance is literal and whose text is whole.
    fn static_lowered(node: &Node) -> Option<String> {
        match &node.value {
            Value::String(_) | Value::Number(_) | Value::Bool(_) => {
                node.known_text().map(|t| t.into_owned())
            }
            Value::Expr(e) if e.provenance == Provenance::Literal => {
                e.literal.clone().filter(|l| !l.contains('\u{2026}'))
            }
            _ => None,
        }
    }

    pub(crate) fn static_ast(&self, ast: &Ast, depth: usize) -> Option<String> {
        if depth > MAX_NAME_DEPTH * 4 {
            return None;
        }
        let arg = |a: &Ast| self.static_ast(a, depth + 1);
        match &ast.kind {
            AstKind::Str(s) => Some(s.clone()),
            AstKind::Number(n) => Some(n.clone()),
            AstKind::Bool(b) => Some(b.to_string()),
            AstKind::Call { name, args } => match name.to_ascii_lowercase().as_str() {
                "parameters" if args.len() == 1 => {
                    let name = arg(&args[0])?;
                    let decl = self.params.get(&name.to_ascii_lowercase())?;
                    match &decl.bound {
                        Some(b) => Self::static_lowered(&b.node),
                        None => self.static_value(decl.default?, depth + 1),
                    }
                }
                "variables" if args.len() == 1 => {
                    let name = arg(&args[0])?;
                    let raw = *self.vars.get(&name.to_ascii_lowercase())?;
                    self.static_value(raw, depth + 1)
                }
                "concat" => args
                    .iter()
                    .map(arg)
                    .collect::<Option<Vec<_>>>()
                    .map(|p| p.concat()),
                "format" if !args.is_empty() => {
                    let parts = args.iter().map(arg).collect::<Option<Vec<_>>>()?;
                    let refs: Vec<Option<&str>> =
                        parts[1..].iter().map(|s| Some(s.as_str())).collect();
                    functions::render_format(&parts[0], &refs).filter(|s| !s.contains('\u{2026}'))
                }
                // The length of a bound or default array / object (a copy loop's count).
                "length" if args.len() == 1 => match self.static_container(&args[0], depth + 1)? {
                    Container::Items(n) => Some(n.to_string()),
                    Container::Text(t) => Some(t.chars().count().to_string()),
                },
                "tolower" if args.len() == 1 => arg(&args[0]).map(|s| s.to_lowercase()),
                "toupper" if args.len() == 1 => arg(&args[0]).map(|s| s.to_uppercase()),
                "string" if args.len() == 1 => arg(&args[0]),
                "copyindex" => {
                    let (loop_name, index) = self.copy_index.borrow().clone()?;
                    let (offset, named) = match args.len() {
                        0 => (0, None),
                        1 => match &args[0].kind {
                            AstKind::Str(n) => (0, Some(n.clone())),
                            _ => (arg(&args[0])?.parse::<i64>().ok()?, None),
                        },
                        _ => (arg(&args[1])?.parse::<i64>().ok()?, Some(arg(&args[0])?)),
                    };
                    if named.is_some_and(|n| !n.eq_ignore_ascii_case(&loop_name)) {
                        return None;
                    }
                    Some((index as i64 + offset).to_string())
                }
                _ => None,
            },
            _ => None,
        }
    }
}

/// How deep nested deployments' outputs may be followed through each other.
const MAX_OUTPUT_CHAIN: usize = 8;

/// `reference(<deployment>).outputs.<name>.value`: the deployment argument and the output
/// name, as written.
fn output_names(ast: &Ast) -> Option<(String, String)> {
    let AstKind::Property(outer, value) = &ast.kind else {
        return None;
    };
    if !value.eq_ignore_ascii_case("value") {
        return None;
    }
    let AstKind::Property(outputs, name) = &outer.kind else {
        return None;
    };
    let AstKind::Property(call, key) = &outputs.kind else {
        return None;
    };
    if !key.eq_ignore_ascii_case("outputs") {
        return None;
    }
    let AstKind::Call { name: f, args } = &call.kind else {
        return None;
    };
    if !f.eq_ignore_ascii_case("reference") || args.is_empty() {
        return None;
    }
    let deployment = match &args[0].kind {
        AstKind::Str(s) => s.clone(),
        AstKind::Call { name, args } if name.eq_ignore_ascii_case("resourceid") => {
            args.last()?.as_str().unwrap_or("…").to_string()
        }
        _ => "…".to_string(),
    };
    Some((deployment, name.clone()))
}

impl Scope<'_> {
    /// The value of a nested deployment's output read as
    /// `reference('<symbol or name>').outputs.x.value` or
    /// `reference(resourceId('Microsoft.Resources/deployments', <name>)).outputs.x.value`:
    /// the inline template's output, lowered in the scope the template runs in (its own for
    /// inner scope, with the values passed in). Memoised; `None` when not statically found.
    fn deployment_output(&self, ast: &Ast) -> Option<Rc<Node>> {
        if self.deployments.is_empty() {
            return None;
        }
        let AstKind::Property(outer, _) = &ast.kind else {
            return None;
        };
        let AstKind::Property(outputs, output) = &outer.kind else {
            return None;
        };
        let AstKind::Property(call, _) = &outputs.kind else {
            return None;
        };
        output_names(ast)?;
        let AstKind::Call { args, .. } = &call.kind else {
            return None;
        };
        let target = match &args[0].kind {
            AstKind::Str(s) => s.clone(),
            AstKind::Call { name, args }
                if name.eq_ignore_ascii_case("resourceid") && args.len() >= 2 =>
            {
                let ty = self.static_ast(&args[args.len() - 2], 0)?;
                if !ty.eq_ignore_ascii_case("Microsoft.Resources/deployments") {
                    return None;
                }
                self.static_ast(args.last()?, 0)?
            }
            _ => self.static_ast(&args[0], 0)?,
        };
        let index = self.deployments.iter().position(|(symbol, raw)| {
            symbol.is_some_and(|s| s.eq_ignore_ascii_case(&target))
                || raw
                    .get("name")
                    .and_then(|n| self.static_name(n))
                    .is_some_and(|n| n.eq_ignore_ascii_case(&target))
        })?;
        let key = format!("{index}/{}", output.to_ascii_lowercase());
        if let Some(hit) = self.outputs.borrow().get(&key) {
            return hit.clone();
        }
        // Outputs that read each other's outputs (outer scope) are followed a few levels.
        if self.shared.depth.get() > MAX_WORK_DEPTH / 2 || self.outputs.borrow().len() > 10_000 {
            return None;
        }
        self.outputs.borrow_mut().insert(key.clone(), None);
        let raw = self.deployments[index].1;
        let (template, inner) = inline_template(raw)?;
        let value = template
            .get("outputs")
            .and_then(|o| o.get(output))
            .and_then(|o| o.get("value"));
        let lowered = value.and_then(|value| {
            let chain = self.output_chain.get();
            if chain >= MAX_OUTPUT_CHAIN {
                return None;
            }
            self.output_chain.set(chain + 1);
            let node = if inner {
                let cached = self.inner_scopes.borrow().get(&index).cloned();
                let scope = cached.unwrap_or_else(|| {
                    let scope =
                        Rc::new(self.inner_scope(raw, template, self.passed_parameters(raw)));
                    self.inner_scopes.borrow_mut().insert(index, scope.clone());
                    scope
                });
                scope.lower(value)
            } else {
                self.lower(value)
            };
            self.output_chain.set(chain);
            Some(Rc::new(node))
        });
        self.outputs.borrow_mut().insert(key, lowered.clone());
        lowered
    }
}

/// What `length()` measures.
enum Container {
    Items(usize),
    Text(String),
}

impl Scope<'_> {
    /// A statically known array or object (its item count) or text: a bound value, a
    /// default or a variable written as one (`length(parameters('secrets'))`).
    fn static_container(&self, ast: &Ast, depth: usize) -> Option<Container> {
        if depth > MAX_NAME_DEPTH * 4 {
            return None;
        }
        let count = |node: &Node| match &node.value {
            Value::Array(items) => Some(Container::Items(items.len())),
            Value::Object(props) => Some(Container::Items(props.len())),
            _ => None,
        };
        if let AstKind::Call { name, args } = &ast.kind {
            if args.len() == 1 && name.eq_ignore_ascii_case("parameters") {
                let p = self.static_ast(&args[0], depth + 1)?;
                let decl = self.params.get(&p.to_ascii_lowercase())?;
                let node = match &decl.bound {
                    Some(b) => &b.node,
                    None => decl.default?,
                };
                return count(node)
                    .or_else(|| self.static_value(node, depth + 1).map(Container::Text));
            }
            if args.len() == 1 && name.eq_ignore_ascii_case("variables") {
                let v = self.static_ast(&args[0], depth + 1)?;
                let raw = *self.vars.get(&v.to_ascii_lowercase())?;
                return count(raw)
                    .or_else(|| self.static_value(raw, depth + 1).map(Container::Text));
            }
        }
        self.static_ast(ast, depth + 1).map(Container::Text)
    }
}

/// `<path>/<segment>`, or the segment alone at the entry point.
pub(crate) fn join_path(path: &str, segment: &str) -> String {
    if path.is_empty() {
        segment.to_string()
    } else {
        format!("{path}/{segment}")
    }
}

/// A resource key: `/<instance path>/<local>` (`/acr` at the entry point).
pub(crate) fn key_in(instance_path: &str, local: &str) -> String {
    if instance_path.is_empty() {
        format!("/{local}")
    } else {
        format!("/{instance_path}/{local}")
    }
}

/// A name as written, expressions normalised (for keys and instance paths).
pub(crate) fn normalize_expression_text(s: &str) -> String {
    match expression::string_form(s) {
        StringForm::Expression(_) => expression::normalize_expression(s),
        StringForm::Literal(l) => l.into_owned(),
    }
}

/// Object keys that are expressions are stored normalised so rules can compare them with
/// `Expr::text`; `[[` keys are unescaped.
fn lower_key(key: &str) -> String {
    match expression::string_form(key) {
        StringForm::Expression(_) => expression::normalize_expression(key),
        StringForm::Literal(l) => l.into_owned(),
    }
}

pub(crate) enum Key {
    Name(String),
    Index(usize),
    Dynamic,
}

fn index_key(index: &Ev) -> Key {
    match (&index.prov, index.literal.as_deref()) {
        (Provenance::Literal, Some(l)) => match l.parse::<usize>() {
            Ok(i) => Key::Index(i),
            Err(_) => Key::Name(l.to_string()),
        },
        _ => Key::Dynamic,
    }
}

/// Property access / indexing: follows into a statically known object or array; otherwise
/// the result keeps the base's provenance (a property of `listKeys(...)` is still a key).
impl Scope<'_> {
    pub(crate) fn access(&self, base: Ev, key: &Key) -> Ev {
        let child = base.node.as_deref().and_then(|n| match (key, &n.value) {
            (Key::Name(k), Value::Object(_)) => n.get(k),
            (Key::Index(i), Value::Array(items)) => items.get(*i),
            _ => None,
        });
        if let (Key::Dynamic, Some(n)) = (key, base.node.as_deref()) {
            // An unknown index into a known array/object is one of its items: their texts are
            // copied (one is kept), within the budget.
            let left = self.shared.budget.borrow().remaining();
            if matches!(n.value, Value::Array(_) | Value::Object(_))
                && !self.charge(Cost::of(n, left))
            {
                let mut ev = Ev::unknown();
                ev.origin = base.origin;
                return ev;
            }
            let items: Vec<Ev> = match &n.value {
                Value::Array(items) => items.iter().map(Ev::summary).collect(),
                Value::Object(props) => props.iter().map(|p| Ev::summary(&p.value)).collect(),
                _ => Vec::new(),
            };
            if !items.is_empty() {
                let mut ev = branches(items);
                if base.prov == Provenance::Input {
                    ev.prov = Provenance::Input;
                }
                ev.origin = base.origin.or(ev.origin);
                merge_refs(&mut ev.refs, &base.refs);
                return ev;
            }
        }
        match child {
            Some(child) => {
                let mut ev = self.ev_of_part(child);
                // A property of a non-secure parameter's default is still an input.
                if base.prov == Provenance::Input {
                    ev.prov = Provenance::Input;
                }
                ev.origin = base.origin.or(ev.origin);
                merge_refs(&mut ev.refs, &base.refs);
                ev
            }
            None => {
                // A known object without that key, or an unknown index into it: not statically
                // known (an input's real value may still have it).
                let prov = match base.prov {
                    Provenance::Input => Provenance::Input,
                    _ if base.node.is_some() => Provenance::Unknown,
                    p => p,
                };
                Ev {
                    prov,
                    literal: None,
                    origin: base.origin,
                    refs: base.refs,
                    node: None,
                }
            }
        }
    }
}

pub(crate) fn merge_refs(into: &mut Vec<Ref>, from: &[Ref]) {
    for r in from {
        if !into.contains(r) {
            into.push(r.clone());
        }
    }
}

/// A choice between values (`if`, `coalesce`, an unknown array item): as dangerous as its
/// most dangerous branch, whose literal and origin it keeps.
pub(crate) fn branches(evs: Vec<Ev>) -> Ev {
    let prov = Provenance::of_branches(evs.iter().map(|e| e.prov.clone()));
    let mut refs = Vec::new();
    for e in &evs {
        merge_refs(&mut refs, &e.refs);
    }
    let chosen = evs.into_iter().find(|e| e.prov == prov);
    let (literal, origin) = chosen
        .map(|c| (c.literal, c.origin))
        .unwrap_or((None, None));
    Ev {
        prov,
        literal,
        origin,
        refs,
        node: None,
    }
}
