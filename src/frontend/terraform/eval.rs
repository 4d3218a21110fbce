//! Evaluation over values known statically: operators, the built-in functions that select or
//! reshape values (`merge`, `lookup`, `try`, `coalesce`, `concat`, `length`, `tomap`…), and
//! the helpers the lowerer uses to iterate known collections and carry a value's flow.
//!
//! "Known" means a plain model value: a string, number, bool, `null`, or a list / object
//! (whose items may themselves be unknown expressions). An expression node
//! (`Value::Expr`) is unknown here, whatever its provenance: a non-secure variable's default
//! or a `try(…)` candidate is what a deployment *might* get, never what it gets. Every
//! function returns `None` when it cannot decide, and the caller then lowers the expression
//! as before (quiet on the unknown).

use std::borrow::Cow;

use hcl_edit::expr::{BinaryOperator, UnaryOperator};

use crate::frontend::MAX_DEPTH;
use crate::model::{FlowStep, Node, Property, Value};
use crate::source::Span;

/// A plain scalar's text (`null`, lists, objects and expressions have none).
pub fn known_text(n: &Node) -> Option<Cow<'_, str>> {
    match &n.value {
        Value::String(_) | Value::Number(_) | Value::Bool(_) => n.known_text(),
        _ => None,
    }
}

/// A known boolean: `true`/`false`, or the strings Terraform converts (`"true"`).
pub fn known_bool(n: &Node) -> Option<bool> {
    match &n.value {
        Value::Bool(b) => Some(*b),
        Value::String(s) if s == "true" => Some(true),
        Value::String(s) if s == "false" => Some(false),
        _ => None,
    }
}

/// A known number (or a string that converts to one).
pub fn known_number(n: &Node) -> Option<f64> {
    match &n.value {
        Value::Number(x) => Some(*x),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// Whether the node is a plain value (not an expression); a list or object may still hold
/// expressions.
pub fn is_known(n: &Node) -> bool {
    !matches!(n.value, Value::Expr(_))
}

/// `n` with the flow steps of the container it was taken from appended: a value reached
/// inside a module argument travelled as that argument did.
pub fn inherit(mut n: Node, parent: &Node) -> Node {
    let steps: &[FlowStep] = parent.via();
    if steps.is_empty() {
        return n;
    }
    for s in steps {
        n = n.with_step(s.span, s.note.clone());
    }
    n
}

/// The elements of a known collection as `(key, value)`: a list's index and item, an
/// object's key and value (a `for` expression's and a `dynamic` block's view). Each value
/// carries the collection's flow.
pub fn elements(coll: &Node) -> Option<Vec<(Node, Node)>> {
    match &coll.value {
        Value::Array(items) => Some(
            items
                .iter()
                .enumerate()
                .map(|(i, v)| {
                    (
                        Node::new(Value::Number(i as f64), v.span),
                        inherit(v.clone(), coll),
                    )
                })
                .collect(),
        ),
        Value::Object(props) => Some(
            props
                .iter()
                .map(|p| {
                    (
                        Node::string(p.key.clone(), p.key_span),
                        inherit(p.value.clone(), coll),
                    )
                })
                .collect(),
        ),
        _ => None,
    }
}

/// The elements of a resource's or module's `for_each`: a map's keys, or a set of strings
/// (each key is its value). `None` when the collection is unknown or holds a key that is
/// not known text.
pub fn for_each_elements(coll: &Node) -> Option<Vec<(String, Node, Node)>> {
    match &coll.value {
        Value::Object(props) => Some(
            props
                .iter()
                .map(|p| {
                    (
                        p.key.clone(),
                        Node::string(p.key.clone(), p.key_span),
                        inherit(p.value.clone(), coll),
                    )
                })
                .collect(),
        ),
        Value::Array(items) => {
            let mut out: Vec<(String, Node, Node)> = Vec::with_capacity(items.len());
            for item in items {
                let key = known_text(item)?.into_owned();
                // A set: a repeated value is one element.
                if out.iter().any(|(k, _, _)| *k == key) {
                    continue;
                }
                let v = inherit(item.clone(), coll);
                out.push((key, v.clone(), v));
            }
            Some(out)
        }
        _ => None,
    }
}

/// Drop `null` properties (recursively, through lists): an explicit `null` argument is
/// "not set", so the provider's default applies and rules see the property absent.
pub fn strip_nulls(n: &mut Node, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    match &mut n.value {
        Value::Object(props) => {
            props.retain(|p| !matches!(p.value.value, Value::Null));
            for p in props {
                strip_nulls(&mut p.value, depth + 1);
            }
        }
        Value::Array(items) => {
            for i in items {
                strip_nulls(i, depth + 1);
            }
        }
        _ => {}
    }
}

/// Known equality: `None` when either side is unknown (or they are of kinds Terraform would
/// convert between). A known list or object is never `null`, whatever it holds.
pub fn equal(a: &Node, b: &Node, depth: usize) -> Option<bool> {
    if depth > MAX_DEPTH {
        return None;
    }
    match (&a.value, &b.value) {
        (Value::Expr(_), _) | (_, Value::Expr(_)) => None,
        (Value::Null, Value::Null) => Some(true),
        (Value::Null, _) | (_, Value::Null) => Some(false),
        (Value::String(x), Value::String(y)) => Some(x == y),
        (Value::Number(x), Value::Number(y)) => Some(x == y),
        (Value::Bool(x), Value::Bool(y)) => Some(x == y),
        (Value::Array(x), Value::Array(y)) => {
            if x.len() != y.len() {
                return Some(false);
            }
            all_equal(x.iter().zip(y.iter()), depth)
        }
        (Value::Object(x), Value::Object(y)) => {
            if x.len() != y.len() {
                return Some(false);
            }
            let mut pairs = Vec::with_capacity(x.len());
            for p in x {
                match y.iter().find(|q| q.key == p.key) {
                    Some(q) => pairs.push((&p.value, &q.value)),
                    None => return Some(false),
                }
            }
            all_equal(pairs.into_iter(), depth)
        }
        // `[] == {}`, `"1" == 1`: conversions this evaluator does not model.
        _ => None,
    }
}

fn all_equal<'n>(pairs: impl Iterator<Item = (&'n Node, &'n Node)>, depth: usize) -> Option<bool> {
    let mut unknown = false;
    for (x, y) in pairs {
        match equal(x, y, depth + 1) {
            Some(false) => return Some(false),
            Some(true) => {}
            None => unknown = true,
        }
    }
    (!unknown).then_some(true)
}

/// A binary operation on known operands (`&&` / `||` also decide with one known side).
pub fn binary(op: BinaryOperator, l: &Node, r: &Node, span: Span) -> Option<Node> {
    use BinaryOperator::*;
    let b = |v: bool| Some(Node::new(Value::Bool(v), span));
    let num = |v: f64| v.is_finite().then(|| Node::new(Value::Number(v), span));
    match op {
        Eq => equal(l, r, 0).and_then(b),
        NotEq => equal(l, r, 0).and_then(|e| b(!e)),
        And => match (known_bool(l), known_bool(r)) {
            (Some(false), _) | (_, Some(false)) => b(false),
            (Some(true), Some(true)) => b(true),
            _ => None,
        },
        Or => match (known_bool(l), known_bool(r)) {
            (Some(true), _) | (_, Some(true)) => b(true),
            (Some(false), Some(false)) => b(false),
            _ => None,
        },
        _ => {
            let (x, y) = (known_number(l)?, known_number(r)?);
            match op {
                Less => b(x < y),
                LessEq => b(x <= y),
                Greater => b(x > y),
                GreaterEq => b(x >= y),
                Plus => num(x + y),
                Minus => num(x - y),
                Mul => num(x * y),
                Div if y != 0.0 => num(x / y),
                Mod if y != 0.0 => num(x % y),
                _ => None,
            }
        }
    }
}

pub fn unary(op: UnaryOperator, n: &Node, span: Span) -> Option<Node> {
    match op {
        UnaryOperator::Not => known_bool(n).map(|v| Node::new(Value::Bool(!v), span)),
        UnaryOperator::Neg => known_number(n).map(|v| Node::new(Value::Number(-v), span)),
    }
}

/// Terraform's `merge` is shallow: a later argument's key replaces the whole value. A
/// property taken from an object that exists only conditionally is itself conditional.
pub fn shallow_merge(props: &mut Vec<Property>, more: Vec<Property>, conditional: bool) {
    for mut p in more {
        if conditional {
            p.value = p.value.conditional();
        }
        match props.iter_mut().find(|q| q.key == p.key) {
            Some(q) => *q = p,
            None => props.push(p),
        }
    }
}

/// A built-in function over known arguments. Functions that select one of their arguments
/// (`lookup`, `try`, `coalesce`, `one`…) return it as written (its span and flow: a finding
/// points where the value is written); computed values (`length`, `contains`) are at `span`.
pub fn call(name: &str, args: &[Node], span: Span) -> Option<Node> {
    let arg = |i: usize| args.get(i);
    let str_node = |s: String| Some(Node::string(s, span));
    match name {
        "merge" if !args.is_empty() => {
            let mut props: Vec<Property> = Vec::new();
            for a in args {
                match &a.value {
                    Value::Object(more) => {
                        let more = more.iter().map(|p| Property {
                            value: inherit(p.value.clone(), a),
                            ..p.clone()
                        });
                        shallow_merge(&mut props, more.collect(), a.is_conditional())
                    }
                    Value::Null => {}
                    _ => return None,
                }
            }
            Some(Node::object(props, span))
        }
        "lookup" if (2..=3).contains(&args.len()) => {
            let key = known_text(&args[1])?;
            match &args[0].value {
                Value::Object(_) => match args[0].get(&key) {
                    Some(v) => Some(inherit(v.clone(), &args[0])),
                    None => args.get(2).cloned(),
                },
                _ => None,
            }
        }
        "try" => arg(0).filter(|a| is_known(a)).cloned(),
        "can" => arg(0)
            .filter(|a| is_known(a))
            .map(|_| Node::new(Value::Bool(true), span)),
        "coalesce" => {
            for a in args {
                match &a.value {
                    Value::Null => continue,
                    Value::String(s) if s.is_empty() => continue,
                    Value::Expr(_) => return None,
                    _ => return Some(a.clone()),
                }
            }
            None
        }
        "coalescelist" => {
            for a in args {
                match &a.value {
                    Value::Array(items) if items.is_empty() => continue,
                    Value::Array(_) => return Some(a.clone()),
                    _ => return None,
                }
            }
            None
        }
        "concat" => {
            let mut items = Vec::new();
            for a in args {
                let Value::Array(more) = &a.value else {
                    return None;
                };
                items.extend(more.iter().map(|i| inherit(i.clone(), a)));
            }
            Some(Node::new(Value::Array(items), span))
        }
        "length" if args.len() == 1 => {
            let n = match &args[0].value {
                Value::Array(items) => items.len(),
                Value::Object(props) => props.len(),
                Value::String(s) => s.chars().count(),
                _ => return None,
            };
            Some(Node::new(Value::Number(n as f64), span))
        }
        "tolist" | "toset" | "tomap" | "tuple" | "nonsensitive" | "tostring" | "tonumber"
        | "tobool"
            if args.len() == 1 && is_known(&args[0]) =>
        {
            Some(args[0].clone())
        }
        "keys" if args.len() == 1 => {
            let props = args[0].as_object()?;
            let keys = props
                .iter()
                .map(|p| Node::string(p.key.clone(), p.key_span))
                .collect();
            Some(Node::new(Value::Array(keys), span))
        }
        "values" if args.len() == 1 => {
            let props = args[0].as_object()?;
            let values = props
                .iter()
                .map(|p| inherit(p.value.clone(), &args[0]))
                .collect();
            Some(Node::new(Value::Array(values), span))
        }
        "flatten" if args.len() == 1 => {
            let mut out = Vec::new();
            flatten_into(&args[0], &mut out, 0)?;
            Some(Node::new(Value::Array(out), span))
        }
        "contains" if args.len() == 2 => {
            let items = args[0].as_array()?;
            let mut unknown = false;
            for i in items {
                match equal(i, &args[1], 0) {
                    Some(true) => return Some(Node::new(Value::Bool(true), span)),
                    Some(false) => {}
                    None => unknown = true,
                }
            }
            (!unknown).then(|| Node::new(Value::Bool(false), span))
        }
        "anytrue" | "alltrue" if args.len() == 1 => {
            let items = args[0].as_array()?;
            let any = name == "anytrue";
            let mut unknown = false;
            for i in items {
                match known_bool(i) {
                    Some(v) if v == any => return Some(Node::new(Value::Bool(any), span)),
                    Some(_) => {}
                    None => unknown = true,
                }
            }
            (!unknown).then(|| Node::new(Value::Bool(!any), span))
        }
        "lower" | "upper" | "trimspace" | "title" if args.len() == 1 => {
            let s = args[0].as_str()?;
            match name {
                "lower" => str_node(s.to_lowercase()),
                "upper" => str_node(s.to_uppercase()),
                "trimspace" => str_node(s.trim().to_string()),
                _ => str_node(title(s)),
            }
        }
        "join" if args.len() == 2 => {
            let sep = args[0].as_str()?;
            let mut parts = Vec::new();
            for i in args[1].as_array()? {
                parts.push(known_text(i)?.into_owned());
            }
            str_node(parts.join(sep))
        }
        "element" if args.len() == 2 => {
            let items = args[0].as_array()?;
            let i = known_number(&args[1])?;
            if items.is_empty() || i < 0.0 || i.fract() != 0.0 {
                return None;
            }
            let item = &items[(i as usize) % items.len()];
            Some(inherit(item.clone(), &args[0]))
        }
        "one" if args.len() == 1 => match args[0].as_array()? {
            [] => Some(Node::null(span)),
            [x] => Some(inherit(x.clone(), &args[0])),
            _ => None,
        },
        "compact" if args.len() == 1 => {
            let mut out = Vec::new();
            for i in args[0].as_array()? {
                match &i.value {
                    Value::Null => {}
                    Value::String(s) if s.is_empty() => {}
                    Value::String(_) => out.push(inherit(i.clone(), &args[0])),
                    _ => return None,
                }
            }
            Some(Node::new(Value::Array(out), span))
        }
        _ => None,
    }
}

fn flatten_into(n: &Node, out: &mut Vec<Node>, depth: usize) -> Option<()> {
    if depth > MAX_DEPTH {
        return None;
    }
    for i in n.as_array()? {
        match &i.value {
            Value::Array(_) => flatten_into(&inherit(i.clone(), n), out, depth + 1)?,
            Value::Expr(_) => return None,
            _ => out.push(inherit(i.clone(), n)),
        }
    }
    Some(())
}

/// Terraform's `title`: the first letter of each word upper-cased.
fn title(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut start = true;
    for c in s.chars() {
        if start && c.is_alphabetic() {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
        start = !c.is_alphanumeric();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Expr, Provenance};

    fn s(v: &str) -> Node {
        Node::string(v, Span::default())
    }
    fn num(v: f64) -> Node {
        Node::new(Value::Number(v), Span::default())
    }
    fn arr(items: Vec<Node>) -> Node {
        Node::new(Value::Array(items), Span::default())
    }
    fn obj(props: Vec<(&str, Node)>) -> Node {
        Node::object(
            props
                .into_iter()
                .map(|(k, v)| Property {
                    key: k.into(),
                    key_span: Span::default(),
                    value: v,
                })
                .collect(),
            Span::default(),
        )
    }
    fn unknown() -> Node {
        Node::expr(Expr::new(Provenance::Input, "var.x"), Span::default())
    }
    fn null() -> Node {
        Node::null(Span::default())
    }

    #[test]
    fn equality_decides_only_on_known_values() {
        assert_eq!(equal(&s("a"), &s("a"), 0), Some(true));
        assert_eq!(equal(&null(), &obj(vec![("a", unknown())]), 0), Some(false));
        assert_eq!(equal(&null(), &unknown(), 0), None);
        assert_eq!(equal(&s("1"), &num(1.0), 0), None);
        assert_eq!(
            equal(&arr(vec![s("a"), unknown()]), &arr(vec![s("b"), s("c")]), 0),
            Some(false)
        );
        assert_eq!(
            equal(&arr(vec![s("a"), unknown()]), &arr(vec![s("a"), s("c")]), 0),
            None
        );
    }

    #[test]
    fn boolean_operators_short_circuit_on_a_known_side() {
        let sp = Span::default();
        let t = Node::new(Value::Bool(true), sp);
        let f = Node::new(Value::Bool(false), sp);
        let and =
            |l: &Node, r: &Node| binary(BinaryOperator::And, l, r, sp).and_then(|n| known_bool(&n));
        let or =
            |l: &Node, r: &Node| binary(BinaryOperator::Or, l, r, sp).and_then(|n| known_bool(&n));
        assert_eq!(and(&f, &unknown()), Some(false));
        assert_eq!(and(&t, &unknown()), None);
        assert_eq!(or(&unknown(), &t), Some(true));
        assert_eq!(or(&f, &f), Some(false));
        let gt = binary(BinaryOperator::Greater, &num(2.0), &num(1.0), sp);
        assert_eq!(gt.and_then(|n| known_bool(&n)), Some(true));
        assert!(binary(BinaryOperator::Div, &num(1.0), &num(0.0), sp).is_none());
        let not = unary(UnaryOperator::Not, &t, sp);
        assert_eq!(not.and_then(|n| known_bool(&n)), Some(false));
    }

    #[test]
    fn functions_over_known_values() {
        let sp = Span::default();
        let m = obj(vec![("a", s("1")), ("b", s("2"))]);
        assert_eq!(
            call("lookup", &[m.clone(), s("b")], sp).unwrap().as_str(),
            Some("2")
        );
        assert_eq!(
            call("lookup", &[m.clone(), s("z"), s("d")], sp)
                .unwrap()
                .as_str(),
            Some("d")
        );
        assert!(call("lookup", &[unknown(), s("b")], sp).is_none());
        assert_eq!(
            call("coalesce", &[null(), s(""), s("x")], sp)
                .unwrap()
                .as_str(),
            Some("x")
        );
        // An unknown candidate first: cannot tell which one is taken.
        assert!(call("coalesce", &[unknown(), s("x")], sp).is_none());
        assert_eq!(
            call("try", &[s("v"), s("d")], sp).unwrap().as_str(),
            Some("v")
        );
        assert!(call("try", &[unknown(), s("d")], sp).is_none());
        let c = call("concat", &[arr(vec![s("a")]), arr(vec![s("b")])], sp).unwrap();
        assert_eq!(c.as_array().unwrap().len(), 2);
        assert_eq!(
            call("length", std::slice::from_ref(&m), sp)
                .unwrap()
                .as_number(),
            Some(2.0)
        );
        let merged = call("merge", &[m.clone(), obj(vec![("a", s("x"))]), null()], sp).unwrap();
        assert_eq!(merged.get("a").and_then(Node::as_str), Some("x"));
        assert_eq!(merged.as_object().unwrap().len(), 2);
        assert!(call("merge", &[m.clone(), unknown()], sp).is_none());
        // A property of an optional object stays optional in the merge.
        let opt = obj(vec![("value", s("v"))]).conditional();
        let merged = call("merge", &[m.clone(), opt], sp).unwrap();
        assert!(merged.get("value").unwrap().is_conditional());
        assert_eq!(
            call(
                "anytrue",
                &[arr(vec![
                    Node::new(Value::Bool(false), sp),
                    Node::new(Value::Bool(true), sp)
                ])],
                sp
            )
            .and_then(|n| known_bool(&n)),
            Some(true)
        );
        assert!(call("anytrue", &[arr(vec![unknown()])], sp).is_none());
        assert_eq!(
            call("title", &[s("http auto")], sp).unwrap().as_str(),
            Some("Http Auto")
        );
        assert_eq!(
            call("flatten", &[arr(vec![arr(vec![s("a")]), s("b")])], sp)
                .unwrap()
                .as_array()
                .unwrap()
                .len(),
            2
        );
        assert_eq!(
            call("contains", &[arr(vec![s("a")]), s("a")], sp).and_then(|n| known_bool(&n)),
            Some(true)
        );
    }

    #[test]
    fn values_taken_from_containers_keep_their_flow() {
        let mut outer = obj(vec![("k", s("v"))]);
        outer = outer.with_step(Span::new(0, 1, 2), "variable `x`");
        let (_, v) = elements(&outer).unwrap().remove(0);
        assert_eq!(v.via().len(), 1);
        let got = call("lookup", &[outer, s("k")], Span::default()).unwrap();
        assert_eq!(got.via()[0].note, "variable `x`");
    }

    #[test]
    fn for_each_keys_come_from_maps_and_string_sets() {
        let set = arr(vec![s("a"), s("b"), s("a")]);
        let keys: Vec<String> = for_each_elements(&set)
            .unwrap()
            .into_iter()
            .map(|(k, _, _)| k)
            .collect();
        assert_eq!(keys, ["a", "b"]);
        assert!(for_each_elements(&arr(vec![unknown()])).is_none());
        assert!(for_each_elements(&unknown()).is_none());
    }

    #[test]
    fn nulls_are_not_set() {
        let mut n = obj(vec![
            ("a", null()),
            ("b", arr(vec![obj(vec![("c", null()), ("d", s("x"))])])),
        ]);
        strip_nulls(&mut n, 0);
        assert!(n.get("a").is_none());
        let inner = &n.get("b").unwrap().as_array().unwrap()[0];
        assert!(inner.get("c").is_none() && inner.get("d").is_some());
    }
}
