//! Variable type constraints, read for what they do to a value given from outside:
//! `optional(T, default)` attributes of `object({…})` types take their default when the
//! caller leaves them out (Terraform ≥ 1.3), and absent optional attributes are `null`.
//! So `var.ingress.allow_insecure_connections` is `false` (the module's default) when the
//! caller passes `ingress = { target_port = 80 }`, rather than unknown.

use hcl_edit::expr::{Expression, FuncCall};

use crate::model::{Node, Property, Value};

/// What a type constraint says about a value's shape.
#[derive(Debug)]
pub enum Ty<'a> {
    /// A primitive, `any`, or a constraint this reader does not model.
    Other,
    Object(Vec<Attr<'a>>),
    /// `map(T)`: every value is a `T`.
    Map(Box<Ty<'a>>),
    /// `list(T)` / `set(T)`: every item is a `T`.
    List(Box<Ty<'a>>),
    Tuple(Vec<Ty<'a>>),
}

#[derive(Debug)]
pub struct Attr<'a> {
    pub name: String,
    pub ty: Ty<'a>,
    pub optional: bool,
    /// `optional(T, default)`'s default (lowered in the declaring file when used).
    pub default: Option<&'a Expression>,
}

const MAX_TYPE_DEPTH: usize = 32;

/// Read a `type = …` expression.
pub fn parse(e: &Expression) -> Ty<'_> {
    parse_at(e, 0)
}

fn parse_at(e: &Expression, depth: usize) -> Ty<'_> {
    if depth > MAX_TYPE_DEPTH {
        return Ty::Other;
    }
    match e {
        Expression::Parenthesis(p) => parse_at(p.inner(), depth + 1),
        Expression::FuncCall(f) => call(f, depth),
        _ => Ty::Other,
    }
}

fn call(f: &FuncCall, depth: usize) -> Ty<'_> {
    let arg = |i: usize| f.args.iter().nth(i);
    match (f.name.name.as_str(), f.args.len()) {
        ("map", 1) => Ty::Map(Box::new(
            arg(0).map_or(Ty::Other, |a| parse_at(a, depth + 1)),
        )),
        ("list" | "set", 1) => Ty::List(Box::new(
            arg(0).map_or(Ty::Other, |a| parse_at(a, depth + 1)),
        )),
        ("tuple", 1) => match arg(0) {
            Some(Expression::Array(items)) => {
                Ty::Tuple(items.iter().map(|i| parse_at(i, depth + 1)).collect())
            }
            _ => Ty::Other,
        },
        ("object", 1) => match arg(0) {
            Some(Expression::Object(o)) => Ty::Object(
                o.iter()
                    .filter_map(|(k, v)| {
                        let name = match k {
                            hcl_edit::expr::ObjectKey::Ident(id) => id.as_str().to_string(),
                            hcl_edit::expr::ObjectKey::Expression(e) => e.as_str()?.to_string(),
                        };
                        Some(attr(name, v.expr(), depth))
                    })
                    .collect(),
            ),
            _ => Ty::Other,
        },
        _ => Ty::Other,
    }
}

fn attr(name: String, e: &Expression, depth: usize) -> Attr<'_> {
    if let Expression::FuncCall(f) = e {
        if f.name.name.as_str() == "optional" && (1..=2).contains(&f.args.len()) {
            let mut args = f.args.iter();
            let ty = args.next().map_or(Ty::Other, |t| parse_at(t, depth + 1));
            return Attr {
                name,
                ty,
                optional: true,
                default: args.next(),
            };
        }
    }
    Attr {
        name,
        ty: parse_at(e, depth + 1),
        optional: false,
        default: None,
    }
}

impl Ty<'_> {
    /// Whether applying the type can change a value (anything with object attributes).
    pub fn shapes(&self) -> bool {
        match self {
            Ty::Other => false,
            Ty::Object(_) => true,
            Ty::Map(t) | Ty::List(t) => t.shapes(),
            Ty::Tuple(ts) => ts.iter().any(Ty::shapes),
        }
    }
}

/// Give `value` the shape `ty` describes: absent optional attributes take their default
/// (`lower_default` lowers it, then it is shaped too) or `null`. Values that are not known
/// containers are left alone.
pub fn apply<'t>(
    value: Node,
    ty: &Ty<'t>,
    lower_default: &mut dyn FnMut(&'t Expression) -> Node,
    depth: usize,
) -> Node {
    if depth > MAX_TYPE_DEPTH || !ty.shapes() {
        return value;
    }
    let Node {
        value: v,
        span,
        meta,
    } = value;
    let v = match (v, ty) {
        (Value::Object(mut props), Ty::Object(attrs)) => {
            for a in attrs {
                match props.iter().position(|p| p.key == a.name) {
                    Some(i) => {
                        let p = &mut props[i];
                        let inner = std::mem::replace(&mut p.value, Node::null(p.key_span));
                        p.value = apply(inner, &a.ty, lower_default, depth + 1);
                    }
                    None => {
                        let value = match (a.optional, a.default) {
                            (true, Some(d)) => {
                                let d = lower_default(d);
                                apply(d, &a.ty, lower_default, depth + 1)
                            }
                            _ => Node::null(span),
                        };
                        props.push(Property {
                            key: a.name.clone(),
                            key_span: span,
                            value,
                        });
                    }
                }
            }
            Value::Object(props)
        }
        (Value::Object(mut props), Ty::Map(t)) => {
            for p in &mut props {
                let inner = std::mem::replace(&mut p.value, Node::null(p.key_span));
                p.value = apply(inner, t, lower_default, depth + 1);
            }
            Value::Object(props)
        }
        (Value::Array(items), Ty::List(t)) => Value::Array(
            items
                .into_iter()
                .map(|i| apply(i, t, lower_default, depth + 1))
                .collect(),
        ),
        (Value::Array(items), Ty::Tuple(ts)) => Value::Array(
            items
                .into_iter()
                .enumerate()
                .map(|(i, item)| match ts.get(i) {
                    Some(t) => apply(item, t, lower_default, depth + 1),
                    None => item,
                })
                .collect(),
        ),
        (v, _) => v,
    };
    Node {
        value: v,
        span,
        meta,
    }
}
