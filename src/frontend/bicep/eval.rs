//! Static evaluation of Bicep expressions over known values: literals, variables, the
//! caller's arguments and, in a called module, parameter defaults; operators, ternaries,
//! `??`, and the functions deployments use to decide what exists (`empty`, `contains`,
//! `union`, `coalesce`, `length`, `items`, `range`…). Anything else is unknown (`None`), and
//! so is everything in a file analysed on its own that depends on a parameter.
//!
//! A known value is a [`Node`]: scalars are concrete, objects and arrays may hold unknown
//! members. Values keep their spans and flows, so a loop element from a caller's argument is
//! still reported where the caller wrote it.

use super::deploy::{decompose, walk, with_flow, Acc};
use super::*;

/// Evaluation steps per file: bounds the work of hostile expressions (doubling variables,
/// deep nesting); real files use a few thousand.
pub(super) const FUEL: usize = 200_000;

/// The text a scalar is interpolated as (`'${x}'`, a resource name); `None` for containers,
/// `null` and unknown values.
pub(super) fn scalar_text(n: &Node) -> Option<String> {
    match &n.value {
        Value::String(s) => Some(s.clone()),
        Value::Number(x) => Some(crate::model::value::format_number(*x)),
        // ARM's string conversion of a boolean.
        Value::Bool(b) => Some(if *b { "True" } else { "False" }.to_string()),
        _ => None,
    }
}

/// A known boolean.
pub(super) fn truthy(n: &Node) -> Option<bool> {
    match &n.value {
        Value::Bool(b) => Some(*b),
        _ => None,
    }
}

/// A node as a known value: an expression whose whole text is known (a variable holding a
/// literal, an interpolation of literals) becomes that string; any other expression is
/// unknown.
fn known(n: Node) -> Option<Node> {
    match &n.value {
        Value::Expr(x) => {
            let text = x.literal.as_deref()?;
            if x.provenance != Provenance::Literal || text.contains(ELLIPSIS) {
                return None;
            }
            Some(Node {
                value: Value::String(text.to_string()),
                ..n
            })
        }
        _ => Some(n),
    }
}

/// Whether two known values are equal (`ci`: strings ignoring ASCII case); `None` when
/// either holds something unknown.
fn values_equal(a: &Node, b: &Node, ci: bool) -> Option<bool> {
    match (&a.value, &b.value) {
        (Value::Expr(_), _) | (_, Value::Expr(_)) => None,
        (Value::Null, Value::Null) => Some(true),
        (Value::Bool(x), Value::Bool(y)) => Some(x == y),
        (Value::Number(x), Value::Number(y)) => Some(x == y),
        (Value::String(x), Value::String(y)) => Some(if ci {
            x.eq_ignore_ascii_case(y)
        } else {
            x == y
        }),
        (Value::Array(x), Value::Array(y)) => {
            if x.len() != y.len() {
                return Some(false);
            }
            let mut all = Some(true);
            for (p, q) in x.iter().zip(y) {
                match values_equal(p, q, ci) {
                    Some(false) => return Some(false),
                    None => all = None,
                    Some(true) => {}
                }
            }
            all
        }
        (Value::Object(x), Value::Object(y)) => {
            if x.len() != y.len() {
                return Some(false);
            }
            let mut all = Some(true);
            for p in x {
                let Some(q) = b.get(&p.key) else {
                    return Some(false);
                };
                match values_equal(&p.value, q, ci) {
                    Some(false) => return Some(false),
                    None => all = None,
                    Some(true) => {}
                }
            }
            all
        }
        _ => Some(false),
    }
}

fn bool_node(b: bool, span: Span) -> Node {
    Node::new(Value::Bool(b), span)
}

fn number(n: &Node) -> Option<f64> {
    match &n.value {
        Value::Number(x) => Some(*x),
        _ => None,
    }
}

impl<'a, 'd, 'l> Lowerer<'a, 'd, 'l> {
    /// The statically known value of `e`, or `None`.
    pub(super) fn eval(&mut self, e: &'a Expr) -> Option<Node> {
        if self.depth > MAX_DEPTH || self.eval_fuel == 0 {
            return None;
        }
        self.eval_fuel -= 1;
        self.depth += 1;
        let v = self.eval_inner(e);
        self.depth -= 1;
        v
    }

    pub(super) fn eval_bool(&mut self, e: &'a Expr) -> Option<bool> {
        truthy(&self.eval(e)?)
    }

    /// The elements of a known array (each with the array's flow).
    pub(super) fn eval_items(&mut self, e: &'a Expr) -> Option<Vec<Node>> {
        let n = self.eval(e)?;
        let Value::Array(items) = &n.value else {
            return None;
        };
        Some(items.iter().map(|c| with_flow(&n, c)).collect())
    }

    /// Whether `e` is a test whose known value is a boolean (a comparison, `!`, `&&`,
    /// `empty()`, `contains()`…): lowered as that boolean when its operands are known.
    pub(super) fn folds_to_bool(&self, e: &Expr) -> bool {
        match &e.kind {
            ExprKind::Binary(op, ..) => matches!(
                op,
                BinOp::Eq
                    | BinOp::NotEq
                    | BinOp::EqI
                    | BinOp::NotEqI
                    | BinOp::And
                    | BinOp::Or
                    | BinOp::Lt
                    | BinOp::Le
                    | BinOp::Gt
                    | BinOp::Ge
            ),
            ExprKind::Unary(UnOp::Not, _) => true,
            ExprKind::Call { receiver, name, .. } => {
                self.plain_call(receiver.as_deref())
                    && matches!(
                        name.name.to_ascii_lowercase().as_str(),
                        "empty" | "contains" | "startswith" | "endswith" | "equals" | "not"
                    )
            }
            _ => false,
        }
    }

    /// A call without a receiver, or on the `sys` / `az` namespace.
    fn plain_call(&self, receiver: Option<&Expr>) -> bool {
        match receiver {
            None => true,
            Some(r) => {
                matches!(&r.kind, ExprKind::Ident(n) if (n == "sys" || n == "az") && !self.is_symbol(n))
            }
        }
    }

    /// Charge a value built by evaluation (a concatenation, a range…) to the inline budget.
    fn built(&mut self, n: Node) -> Option<Node> {
        if self.budget.charge_node(&n) {
            Some(n)
        } else {
            self.budget.locate(n.span);
            None
        }
    }

    fn eval_inner(&mut self, e: &'a Expr) -> Option<Node> {
        let span = self.span(e.span);
        match &e.kind {
            ExprKind::Int(_) | ExprKind::Bool(_) | ExprKind::Null => Some(self.lower(e)),
            ExprKind::Unary(UnOp::Neg, inner) => {
                let x = number(&self.eval(inner)?)?;
                Some(Node::new(Value::Number(-x), span))
            }
            ExprKind::Unary(UnOp::Plus, inner) => self.eval(inner),
            ExprKind::Unary(UnOp::Not, inner) => Some(bool_node(!self.eval_bool(inner)?, span)),
            ExprKind::String(parts) => {
                if let [StrPart::Lit(s)] = parts.as_slice() {
                    return Some(Node::string(s.clone(), span));
                }
                let mut out = String::new();
                for part in parts {
                    match part {
                        StrPart::Lit(s) => out.push_str(s),
                        StrPart::Hole(h) => out.push_str(&scalar_text(&self.eval(h)?)?),
                    }
                }
                self.built(Node::string(out, span))
            }
            ExprKind::Array(_) | ExprKind::Object(_) => {
                let n = self.lower(e);
                self.built(n)
            }
            ExprKind::Paren(inner) | ExprKind::NonNull(inner) => self.eval(inner),
            ExprKind::Ident(name) => self.eval_ident(e, name),
            ExprKind::Member { .. } | ExprKind::Index { .. } | ExprKind::Child { .. } => {
                self.eval_chain(e, span)
            }
            ExprKind::Binary(op, a, b) => self.eval_binary(*op, a, b, span),
            ExprKind::Ternary(c, a, b) => {
                let yes = self.eval_bool(c)?;
                self.eval(if yes { a } else { b })
            }
            ExprKind::Call {
                receiver,
                name,
                args,
            } => {
                if !self.plain_call(receiver.as_deref()) {
                    return None;
                }
                self.eval_call(&name.name, args, span)
            }
            ExprKind::For { iterable, .. } => {
                // Expanded by lowering when its collection is known.
                self.eval_items(iterable)?;
                let n = self.lower(e);
                self.built(n)
            }
            ExprKind::If { .. } | ExprKind::Lambda { .. } | ExprKind::Error => None,
        }
    }

    fn eval_ident(&mut self, e: &'a Expr, name: &'a str) -> Option<Node> {
        if let Some(l) = self.locals.iter().rev().find(|l| l.name == name) {
            return l.current.clone().and_then(known);
        }
        if self.params.contains_key(name) {
            return self.param_value(e, name);
        }
        if self.vars.contains_key(name) {
            return self.var_value(name);
        }
        None
    }

    /// A parameter's value: in a called module, the caller's argument (one flow step
    /// further), else its default, else `null` for a nullable type; unknown in a file analysed
    /// on its own.
    fn param_value(&mut self, e: &'a Expr, name: &'a str) -> Option<Node> {
        let (name, info) = self.params.get_key_value(name)?;
        let (name, default, nullable) = (*name, info.default, info.nullable);
        if !matches!(self.inputs, Inputs::Called(_)) {
            return None;
        }
        if self.inputs.binding(name).is_some() {
            if self.keeps_parameter_input(name) {
                return None;
            }
            let bound = self.binding(name)?.clone();
            return known(bound.with_step(self.span(e.span), self.param_note(name)));
        }
        if let Some(v) = self.param_values.get(name) {
            return v.clone();
        }
        if self.evaluating.contains(&name) {
            return None;
        }
        self.evaluating.push(name);
        let locals = std::mem::take(&mut self.locals);
        let v = match default {
            Some(d) => self.eval(d),
            None if nullable => Some(Node::null(self.span(e.span))),
            None => None,
        };
        self.locals = locals;
        self.evaluating.pop();
        self.param_values.insert(name, v.clone());
        v
    }

    /// A variable's value, evaluated once.
    fn var_value(&mut self, name: &'a str) -> Option<Node> {
        let (name, expr) = self.vars.get_key_value(name).map(|(k, v)| (*k, *v))?;
        if let Some(v) = self.var_values.get(name) {
            return v.clone();
        }
        if self.evaluating.contains(&name) {
            return None;
        }
        self.evaluating.push(name);
        let locals = std::mem::take(&mut self.locals);
        let v = match &unparen(expr).kind {
            // Containers are lowered (and shared) once.
            ExprKind::Array(_) | ExprKind::Object(_) => self.var_shared(name).map(|n| (*n).clone()),
            ExprKind::For { iterable, .. } => match self.eval_items(iterable) {
                Some(_) => self.var_shared(name).map(|n| (*n).clone()),
                None => None,
            },
            _ => self.eval(expr),
        };
        self.locals = locals;
        self.evaluating.pop();
        let v = v.and_then(known);
        self.var_values.insert(name, v.clone());
        v
    }

    fn eval_chain(&mut self, e: &'a Expr, span: Span) -> Option<Node> {
        let (root_e, root, accs) = decompose(e)?;
        if !self.is_local(root) {
            if self.modules.contains_key(root) {
                // A module's output (`m.outputs.x…`).
                return self.flow_node(e, span).and_then(known);
            }
            if self.resources.contains_key(root) {
                return match accs.as_slice() {
                    [Acc::Member("name", _)] => Some(Node::string(self.resource_name(root)?, span)),
                    _ => None,
                };
            }
        }
        let base = self.eval_ident(root_e, root)?;
        let mut steps = Vec::with_capacity(accs.len());
        for a in &accs {
            steps.push(match a {
                Acc::Member(n, safe) => deploy::Step::Key(n.to_string(), *safe),
                Acc::Index(ix, from_end, safe) => match self.eval(ix)?.value {
                    Value::String(k) => deploy::Step::Key(k, *safe),
                    Value::Number(n) if n >= 0.0 && n.fract() == 0.0 => {
                        deploy::Step::Idx(n as usize, *from_end)
                    }
                    _ => return None,
                },
                Acc::Child(_) => return None,
            });
        }
        walk(&base, &steps, span).and_then(known)
    }

    fn eval_binary(&mut self, op: BinOp, a: &'a Expr, b: &'a Expr, span: Span) -> Option<Node> {
        match op {
            BinOp::Coalesce => {
                let l = self.eval(a)?;
                if matches!(l.value, Value::Null) {
                    self.eval(b)
                } else {
                    Some(l)
                }
            }
            BinOp::And | BinOp::Or => {
                let stop = op == BinOp::Or;
                let l = self.eval_bool(a);
                if l == Some(stop) {
                    return Some(bool_node(stop, span));
                }
                let r = self.eval_bool(b);
                match (l, r) {
                    (_, Some(x)) if x == stop => Some(bool_node(stop, span)),
                    (Some(_), Some(x)) => Some(bool_node(x, span)),
                    _ => None,
                }
            }
            BinOp::Eq | BinOp::NotEq | BinOp::EqI | BinOp::NotEqI => {
                let (l, r) = (self.eval(a)?, self.eval(b)?);
                let ci = matches!(op, BinOp::EqI | BinOp::NotEqI);
                let eq = values_equal(&l, &r, ci)?;
                Some(bool_node(
                    if matches!(op, BinOp::Eq | BinOp::EqI) {
                        eq
                    } else {
                        !eq
                    },
                    span,
                ))
            }
            BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => {
                let (l, r) = (self.eval(a)?, self.eval(b)?);
                let ord = match (&l.value, &r.value) {
                    (Value::Number(x), Value::Number(y)) => x.partial_cmp(y)?,
                    (Value::String(x), Value::String(y)) => x.cmp(y),
                    _ => return None,
                };
                use std::cmp::Ordering::*;
                let v = match op {
                    BinOp::Lt => ord == Less,
                    BinOp::Le => ord != Greater,
                    BinOp::Gt => ord == Greater,
                    _ => ord != Less,
                };
                Some(bool_node(v, span))
            }
            BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::Div | BinOp::Mod => {
                let (x, y) = (number(&self.eval(a)?)?, number(&self.eval(b)?)?);
                let v = match op {
                    BinOp::Add => x + y,
                    BinOp::Sub => x - y,
                    BinOp::Mul => x * y,
                    // Integer arithmetic, as ARM's.
                    BinOp::Div if y != 0.0 => (x / y).trunc(),
                    BinOp::Mod if y != 0.0 => x % y,
                    _ => return None,
                };
                v.is_finite().then(|| Node::new(Value::Number(v), span))
            }
        }
    }

    /// The functions a deployment decides with, over known arguments.
    fn eval_call(&mut self, name: &str, args: &'a [Expr], span: Span) -> Option<Node> {
        let lower = name.to_ascii_lowercase();
        let arg = |cx: &mut Self, i: usize| -> Option<Node> { cx.eval(args.get(i)?) };
        let text = |cx: &mut Self, i: usize| -> Option<String> {
            match cx.eval(args.get(i)?)?.value {
                Value::String(s) => Some(s),
                _ => None,
            }
        };
        match lower.as_str() {
            "empty" => {
                let v = arg(self, 0)?;
                let empty = match &v.value {
                    Value::Null => true,
                    Value::String(s) => s.is_empty(),
                    Value::Array(a) => a.is_empty(),
                    Value::Object(o) => o.is_empty(),
                    _ => return None,
                };
                Some(bool_node(empty, span))
            }
            "contains" => {
                let (c, item) = (arg(self, 0)?, arg(self, 1)?);
                let found = match &c.value {
                    Value::Object(props) => {
                        let k = scalar_text(&item)?;
                        props.iter().any(|p| p.key.eq_ignore_ascii_case(&k))
                    }
                    Value::Array(items) => {
                        let mut all_known = true;
                        let mut hit = false;
                        for x in items {
                            match values_equal(x, &item, false) {
                                Some(true) => hit = true,
                                Some(false) => {}
                                None => all_known = false,
                            }
                        }
                        if !hit && !all_known {
                            return None;
                        }
                        hit
                    }
                    Value::String(s) => s.contains(scalar_text(&item)?.as_str()),
                    _ => return None,
                };
                Some(bool_node(found, span))
            }
            "length" => {
                let v = arg(self, 0)?;
                let n = match &v.value {
                    Value::String(s) => s.chars().count(),
                    Value::Array(a) => a.len(),
                    Value::Object(o) => o.len(),
                    _ => return None,
                };
                Some(Node::new(Value::Number(n as f64), span))
            }
            "coalesce" => {
                for i in 0..args.len() {
                    let v = arg(self, i)?;
                    if !matches!(v.value, Value::Null) {
                        return Some(v);
                    }
                }
                Some(Node::null(span))
            }
            "union" => {
                let mut vals = Vec::with_capacity(args.len());
                for i in 0..args.len() {
                    vals.push(arg(self, i)?);
                }
                match vals.first().map(|v| &v.value) {
                    Some(Value::Object(_)) => {
                        let mut props: Vec<Property> = Vec::new();
                        for v in &vals {
                            let Value::Object(ps) = &v.value else {
                                return None;
                            };
                            for p in ps {
                                let value = with_flow(v, &p.value);
                                match props
                                    .iter_mut()
                                    .find(|q| q.key.eq_ignore_ascii_case(&p.key))
                                {
                                    Some(q) => q.value = value,
                                    None => props.push(Property {
                                        key: p.key.clone(),
                                        key_span: p.key_span,
                                        value,
                                    }),
                                }
                            }
                        }
                        self.built(Node::object(props, span))
                    }
                    Some(Value::Array(_)) => {
                        let mut items: Vec<Node> = Vec::new();
                        for v in &vals {
                            let Value::Array(xs) = &v.value else {
                                return None;
                            };
                            for x in xs {
                                if !items
                                    .iter()
                                    .any(|y| values_equal(x, y, false) == Some(true))
                                {
                                    items.push(with_flow(v, x));
                                }
                            }
                        }
                        self.built(Node::new(Value::Array(items), span))
                    }
                    _ => None,
                }
            }
            "concat" => {
                let mut vals = Vec::with_capacity(args.len());
                for i in 0..args.len() {
                    vals.push(arg(self, i)?);
                }
                if vals.iter().all(|v| matches!(v.value, Value::Array(_))) {
                    let mut items = Vec::new();
                    for v in &vals {
                        if let Value::Array(xs) = &v.value {
                            items.extend(xs.iter().map(|x| with_flow(v, x)));
                        }
                    }
                    return self.built(Node::new(Value::Array(items), span));
                }
                let mut s = String::new();
                for v in &vals {
                    s.push_str(&scalar_text(v)?);
                }
                self.built(Node::string(s, span))
            }
            "tolower" => Some(Node::string(text(self, 0)?.to_lowercase(), span)),
            "toupper" => Some(Node::string(text(self, 0)?.to_uppercase(), span)),
            "trim" => Some(Node::string(text(self, 0)?.trim().to_string(), span)),
            "string" => {
                let v = arg(self, 0)?;
                match &v.value {
                    Value::String(_) | Value::Number(_) => {
                        Some(Node::string(scalar_text(&v)?, span))
                    }
                    _ => None,
                }
            }
            "bool" => {
                let v = arg(self, 0)?;
                let b = match &v.value {
                    Value::Bool(b) => *b,
                    Value::String(s) if s.eq_ignore_ascii_case("true") => true,
                    Value::String(s) if s.eq_ignore_ascii_case("false") => false,
                    Value::Number(n) => *n != 0.0,
                    _ => return None,
                };
                Some(bool_node(b, span))
            }
            "int" => {
                let v = arg(self, 0)?;
                let n = match &v.value {
                    Value::Number(n) => n.trunc(),
                    Value::String(s) => s.trim().parse::<i64>().ok()? as f64,
                    _ => return None,
                };
                Some(Node::new(Value::Number(n), span))
            }
            "first" | "last" => {
                let v = arg(self, 0)?;
                match &v.value {
                    Value::Array(items) => {
                        let item = if lower == "first" {
                            items.first()
                        } else {
                            items.last()
                        };
                        Some(match item {
                            Some(x) => with_flow(&v, x),
                            None => Node::null(span),
                        })
                    }
                    Value::String(s) => {
                        let c = if lower == "first" {
                            s.chars().next()
                        } else {
                            s.chars().next_back()
                        };
                        Some(Node::string(c.map(String::from).unwrap_or_default(), span))
                    }
                    _ => None,
                }
            }
            "startswith" | "endswith" => {
                // Case-insensitive, as ARM's.
                let (s, p) = (text(self, 0)?.to_lowercase(), text(self, 1)?.to_lowercase());
                let hit = if lower == "startswith" {
                    s.starts_with(&p)
                } else {
                    s.ends_with(&p)
                };
                Some(bool_node(hit, span))
            }
            "replace" => {
                let (s, from, to) = (text(self, 0)?, text(self, 1)?, text(self, 2)?);
                if from.is_empty() {
                    return None;
                }
                let out = s.replace(&from, &to);
                self.built(Node::string(out, span))
            }
            "join" => {
                let (v, sep) = (arg(self, 0)?, text(self, 1)?);
                let Value::Array(items) = &v.value else {
                    return None;
                };
                let mut parts = Vec::with_capacity(items.len());
                for x in items {
                    parts.push(scalar_text(x)?);
                }
                self.built(Node::string(parts.join(&sep), span))
            }
            "items" => {
                let v = arg(self, 0)?;
                let Value::Object(props) = &v.value else {
                    return None;
                };
                let mut sorted: Vec<&Property> = props.iter().collect();
                sorted.sort_by_key(|p| p.key.to_ascii_lowercase());
                let items = sorted
                    .into_iter()
                    .map(|p| {
                        Node::object(
                            vec![
                                Property {
                                    key: "key".into(),
                                    key_span: p.key_span,
                                    value: Node::string(p.key.clone(), p.key_span),
                                },
                                Property {
                                    key: "value".into(),
                                    key_span: p.key_span,
                                    value: with_flow(&v, &p.value),
                                },
                            ],
                            p.key_span,
                        )
                    })
                    .collect();
                self.built(Node::new(Value::Array(items), span))
            }
            "range" => {
                let (start, count) = (number(&arg(self, 0)?)?, number(&arg(self, 1)?)?);
                if count < 0.0
                    || count > crate::frontend::instance::MAX_ELEMENTS as f64
                    || start.fract() != 0.0
                {
                    return None;
                }
                let items = (0..count as usize)
                    .map(|i| Node::new(Value::Number(start + i as f64), span))
                    .collect();
                self.built(Node::new(Value::Array(items), span))
            }
            "createarray" => {
                let mut items = Vec::with_capacity(args.len());
                for i in 0..args.len() {
                    items.push(arg(self, i)?);
                }
                self.built(Node::new(Value::Array(items), span))
            }
            "not" => Some(bool_node(!truthy(&arg(self, 0)?)?, span)),
            "equals" => {
                let eq = values_equal(&arg(self, 0)?, &arg(self, 1)?, false)?;
                Some(bool_node(eq, span))
            }
            _ => None,
        }
    }
}
