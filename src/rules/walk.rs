//! Path walking for evaluation. Unlike `Path::select`, these walkers allocate nothing per
//! node: conditions stop at the first match, and concrete paths (`secrets[1].value`) are
//! only rendered for nodes that become findings.

use crate::model::{Node, Path, Segment, Value};

/// A compiled path used in a rule: relative to the node under test, or to the resource
/// body (the root) when written with a leading `$.`.
#[derive(Clone, Debug)]
pub struct RulePath {
    pub from_root: bool,
    pub path: Path,
}

impl RulePath {
    pub fn parse(text: &str) -> Result<RulePath, String> {
        let t = text.trim();
        let (from_root, rest) = match t.strip_prefix('$') {
            Some("") => (true, ""),
            Some(r) if r.starts_with('.') => (true, crate::model::text::tail(r, 1)),
            _ => (false, t),
        };
        let path = Path::parse(rest)?;
        Ok(RulePath { from_root, path })
    }

    pub fn start<'a>(&self, root: &'a Node, node: &'a Node) -> &'a Node {
        if self.from_root {
            root
        } else {
            node
        }
    }

    /// True when the path contains a wildcard (`*`, `[*]`).
    pub fn is_wildcard(&self) -> bool {
        self.path
            .segments
            .iter()
            .any(|s| matches!(s, Segment::AnyIndex | Segment::AnyKey))
    }
}

impl std::fmt::Display for RulePath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.from_root {
            f.write_str("$")?;
            if !self.path.is_empty() {
                f.write_str(".")?;
            }
        }
        write!(f, "{}", self.path)
    }
}

/// How a walk ended when nothing matched: the path is really absent, or it ran into an
/// expression whose shape is unknown (rules must stay quiet then).
#[derive(Clone, Copy, Debug, Default)]
pub struct WalkState {
    pub opaque: bool,
}

/// Visit every node `segs` reaches from `node`, stopping as soon as `f` returns true.
/// Returns whether `f` returned true. An explicit `null` is reached by nothing: a property
/// set to null is not set (the default applies).
pub fn any<'a>(
    node: &'a Node,
    segs: &[Segment],
    state: &mut WalkState,
    f: &mut dyn FnMut(&'a Node) -> bool,
) -> bool {
    any_in(node, segs, state, false, &mut |n, _| f(n))
}

/// [`any`], telling `f` whether the node is (or is inside) a node that exists only when an
/// unknown input is set (`Node::is_conditional`): its presence is unknown.
pub fn any_in<'a>(
    node: &'a Node,
    segs: &[Segment],
    state: &mut WalkState,
    conditional: bool,
    f: &mut dyn FnMut(&'a Node, bool) -> bool,
) -> bool {
    let conditional = conditional || node.is_conditional();
    let Some((seg, rest)) = segs.split_first() else {
        return !matches!(node.value, Value::Null) && f(node, conditional);
    };
    match (seg, &node.value) {
        (_, Value::Expr(_)) => {
            state.opaque = true;
            false
        }
        (Segment::Key(k), Value::Object(_)) => node
            .get(k)
            .is_some_and(|n| any_in(n, rest, state, conditional, f)),
        (Segment::AnyKey, Value::Object(props)) => props
            .iter()
            .any(|p| any_in(&p.value, rest, state, conditional, f)),
        (Segment::AnyIndex, Value::Array(items)) => {
            items.iter().any(|n| any_in(n, rest, state, conditional, f))
        }
        (Segment::Index(i), Value::Array(items)) => items
            .get(*i)
            .is_some_and(|n| any_in(n, rest, state, conditional, f)),
        _ => false,
    }
}

/// One step of a concrete path, borrowed from the tree. An index keeps its item, whose
/// `name` (when known) identifies it more stably than its position ([`render_stable`]).
#[derive(Clone, Copy, Debug)]
pub enum Step<'a> {
    Key(&'a str),
    Index(usize, &'a Node),
}

/// Visit every match with the concrete steps that reached it.
pub fn each<'a>(
    node: &'a Node,
    segs: &[Segment],
    trail: &mut Vec<Step<'a>>,
    f: &mut dyn FnMut(&'a Node, &[Step<'a>]),
) {
    let Some((seg, rest)) = segs.split_first() else {
        f(node, trail);
        return;
    };
    match (seg, &node.value) {
        (Segment::Key(k), Value::Object(props)) => {
            if let Some(p) = props.iter().rev().find(|p| p.key.eq_ignore_ascii_case(k)) {
                trail.push(Step::Key(&p.key));
                each(&p.value, rest, trail, f);
                trail.pop();
            }
        }
        (Segment::AnyKey, Value::Object(props)) => {
            for p in props {
                trail.push(Step::Key(&p.key));
                each(&p.value, rest, trail, f);
                trail.pop();
            }
        }
        (Segment::AnyIndex, Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                trail.push(Step::Index(i, item));
                each(item, rest, trail, f);
                trail.pop();
            }
        }
        (Segment::Index(i), Value::Array(items)) => {
            if let Some(item) = items.get(*i) {
                trail.push(Step::Index(*i, item));
                each(item, rest, trail, f);
                trail.pop();
            }
        }
        _ => {}
    }
}

/// The deepest node along `segs` that exists (wildcards take the first item), with its steps.
pub fn deepest<'a>(node: &'a Node, segs: &[Segment], trail: &mut Vec<Step<'a>>) -> &'a Node {
    let mut cur = node;
    for seg in segs {
        let next = match (seg, &cur.value) {
            (Segment::Key(k), Value::Object(props)) => props
                .iter()
                .rev()
                .find(|p| p.key.eq_ignore_ascii_case(k))
                .map(|p| (Step::Key(p.key.as_str()), &p.value)),
            (Segment::AnyKey, Value::Object(props)) => {
                props.first().map(|p| (Step::Key(p.key.as_str()), &p.value))
            }
            (Segment::AnyIndex, Value::Array(items)) => {
                items.first().map(|n| (Step::Index(0, n), n))
            }
            (Segment::Index(i), Value::Array(items)) => {
                items.get(*i).map(|n| (Step::Index(*i, n), n))
            }
            _ => None,
        };
        match next {
            Some((step, n)) => {
                trail.push(step);
                cur = n;
            }
            None => break,
        }
    }
    cur
}

/// Render steps as a path: `properties.configuration.secrets[0].value`.
pub fn render(out: &mut String, steps: &[Step<'_>]) {
    for s in steps {
        match s {
            Step::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Step::Index(i, _) => {
                use std::fmt::Write;
                let _ = write!(out, "[{i}]");
            }
        }
    }
}

/// Render steps as a stable identity: like [`render`], but an array item with a known `name`
/// is named by it (`secrets[name=db-password].value`, `env[name=API_KEY].secretRef`), so
/// inserting an item before it does not change the path. Baselines key findings on this.
pub fn render_stable(out: &mut String, steps: &[Step<'_>]) {
    for s in steps {
        match s {
            Step::Index(i, item) => {
                use std::fmt::Write;
                match item.get("name").and_then(|n| n.known_text()) {
                    Some(name) => {
                        let _ = write!(out, "[name={name}]");
                    }
                    None => {
                        let _ = write!(out, "[{i}]");
                    }
                }
            }
            Step::Key(_) => render(out, std::slice::from_ref(s)),
        }
    }
}

/// Append the written form of the remaining segments (for properties that are absent).
pub fn render_segments(out: &mut String, segs: &[Segment]) {
    for s in segs {
        match s {
            Segment::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Segment::AnyKey => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push('*');
            }
            Segment::AnyIndex => out.push_str("[*]"),
            Segment::Index(i) => {
                use std::fmt::Write;
                let _ = write!(out, "[{i}]");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Property;
    use crate::source::Span;

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

    fn reached(node: &Node, path: &str) -> Option<bool> {
        let p = Path::parse(path).unwrap();
        let mut out = None;
        any_in(
            node,
            &p.segments,
            &mut WalkState::default(),
            false,
            &mut |_, c| {
                out = Some(c);
                true
            },
        );
        out
    }

    #[test]
    fn explicit_null_is_not_set_and_conditional_presence_is_reported() {
        let body = obj(vec![
            ("scopes", Node::null(Span::default())),
            (
                "registry",
                obj(vec![("password", Node::string("x", Span::default()))]).conditional(),
            ),
            ("name", Node::string("n", Span::default())),
        ]);
        assert_eq!(reached(&body, "scopes"), None, "null is absent");
        assert_eq!(reached(&body, "name"), Some(false));
        assert_eq!(reached(&body, "registry.password"), Some(true));
        assert_eq!(reached(&body, "registry"), Some(true));
    }
}
