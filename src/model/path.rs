//! Property paths over ARM-shaped bodies: `properties.configuration.secrets[*].value`.
//!
//! Grammar: segments separated by `.`; a segment is a key (matched ignoring ASCII case),
//! `*` (every property of an object), `[*]` (every array item) or `[N]` (one item).
//! Rules, mapping tables and messages all use this one syntax.

use super::value::{Node, Value};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Segment {
    Key(String),
    AnyKey,
    AnyIndex,
    Index(usize),
}

#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Path {
    pub segments: Vec<Segment>,
}

/// One node reached by a path, with the concrete path that reached it (`secrets[1].value`).
#[derive(Clone, Debug)]
pub struct Match<'a> {
    pub path: String,
    pub node: &'a Node,
}

impl Path {
    pub fn parse(text: &str) -> Result<Path, String> {
        let mut segments = Vec::new();
        if text.trim().is_empty() {
            return Ok(Path { segments });
        }
        for part in text.split('.') {
            if part.is_empty() {
                return Err(format!("empty segment in path `{text}`"));
            }
            let (key, mut rest) = match part.find('[') {
                Some(i) => (&part[..i], &part[i..]),
                None => (part, ""),
            };
            match key {
                "" if !rest.is_empty() => {}
                "" => return Err(format!("empty key in path `{text}`")),
                "*" => segments.push(Segment::AnyKey),
                k => {
                    if !k
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '$')
                    {
                        return Err(format!("invalid key `{k}` in path `{text}`"));
                    }
                    segments.push(Segment::Key(k.to_string()))
                }
            }
            while !rest.is_empty() {
                let close = rest
                    .find(']')
                    .ok_or_else(|| format!("unclosed `[` in path `{text}`"))?;
                let inner = &rest[1..close];
                if inner == "*" {
                    segments.push(Segment::AnyIndex);
                } else {
                    let n = inner
                        .parse()
                        .map_err(|_| format!("invalid index `[{inner}]` in path `{text}`"))?;
                    segments.push(Segment::Index(n));
                }
                rest = &rest[close + 1..];
                if !rest.is_empty() && !rest.starts_with('[') {
                    return Err(format!("unexpected `{rest}` in path `{text}`"));
                }
            }
        }
        Ok(Path { segments })
    }

    /// Every node the path reaches from `root`, in document order.
    pub fn select<'a>(&self, root: &'a Node, base: &str) -> Vec<Match<'a>> {
        let mut out = Vec::new();
        select_from(root, &self.segments, base.to_string(), &mut out);
        out
    }

    /// The first node reached, if any.
    pub fn first<'a>(&self, root: &'a Node) -> Option<&'a Node> {
        first_from(root, &self.segments)
    }

    /// The longest prefix of the path that exists from `root`: where to report something
    /// absent (the closest existing ancestor).
    pub fn deepest_existing<'a>(&self, root: &'a Node) -> &'a Node {
        let mut node = root;
        for seg in &self.segments {
            let next = match (seg, &node.value) {
                (Segment::Key(k), _) => node.get(k),
                (Segment::Index(i), Value::Array(items)) => items.get(*i),
                (Segment::AnyIndex, Value::Array(items)) => items.first(),
                (Segment::AnyKey, Value::Object(props)) => props.first().map(|p| &p.value),
                _ => None,
            };
            match next {
                Some(n) => node = n,
                None => break,
            }
        }
        node
    }

    pub fn is_empty(&self) -> bool {
        self.segments.is_empty()
    }
}

impl std::fmt::Display for Path {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut first = true;
        for seg in &self.segments {
            match seg {
                Segment::Key(k) => {
                    if !first {
                        f.write_str(".")?;
                    }
                    f.write_str(k)?;
                }
                Segment::AnyKey => {
                    if !first {
                        f.write_str(".")?;
                    }
                    f.write_str("*")?;
                }
                Segment::AnyIndex => f.write_str("[*]")?,
                Segment::Index(i) => write!(f, "[{i}]")?,
            }
            first = false;
        }
        Ok(())
    }
}

fn join(base: &str, key: &str) -> String {
    if base.is_empty() {
        key.to_string()
    } else {
        format!("{base}.{key}")
    }
}

fn select_from<'a>(node: &'a Node, segs: &[Segment], path: String, out: &mut Vec<Match<'a>>) {
    let Some((seg, rest)) = segs.split_first() else {
        out.push(Match { path, node });
        return;
    };
    match (seg, &node.value) {
        (Segment::Key(k), Value::Object(props)) => {
            if let Some(p) = props.iter().rev().find(|p| p.key.eq_ignore_ascii_case(k)) {
                select_from(&p.value, rest, join(&path, &p.key), out);
            }
        }
        (Segment::AnyKey, Value::Object(props)) => {
            for p in props {
                select_from(&p.value, rest, join(&path, &p.key), out);
            }
        }
        (Segment::AnyIndex, Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                select_from(item, rest, format!("{path}[{i}]"), out);
            }
        }
        (Segment::Index(i), Value::Array(items)) => {
            if let Some(item) = items.get(*i) {
                select_from(item, rest, format!("{path}[{i}]"), out);
            }
        }
        _ => {}
    }
}

fn first_from<'a>(node: &'a Node, segs: &[Segment]) -> Option<&'a Node> {
    let Some((seg, rest)) = segs.split_first() else {
        return Some(node);
    };
    match (seg, &node.value) {
        (Segment::Key(k), Value::Object(_)) => node.get(k).and_then(|n| first_from(n, rest)),
        (Segment::AnyKey, Value::Object(props)) => {
            props.iter().find_map(|p| first_from(&p.value, rest))
        }
        (Segment::AnyIndex, Value::Array(items)) => items.iter().find_map(|n| first_from(n, rest)),
        (Segment::Index(i), Value::Array(items)) => items.get(*i).and_then(|n| first_from(n, rest)),
        _ => None,
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

    #[test]
    fn parses_and_prints() {
        for p in [
            "properties.configuration.secrets[*].value",
            "a[0][1].b",
            "identity.userAssignedIdentities.*",
            "",
        ] {
            assert_eq!(Path::parse(p).unwrap().to_string(), p);
        }
        assert!(Path::parse("a..b").is_err());
        assert!(Path::parse("a[x]").is_err());
        assert!(Path::parse("a[0").is_err());
    }

    #[test]
    fn selects_with_wildcards_and_concrete_paths() {
        let secret = |v: &str| {
            obj(vec![
                ("name", Node::string("n", Span::default())),
                ("value", Node::string(v, Span::default())),
            ])
        };
        let root = obj(vec![(
            "Properties",
            obj(vec![(
                "secrets",
                Node::new(
                    Value::Array(vec![secret("a"), secret("b")]),
                    Span::default(),
                ),
            )]),
        )]);
        let p = Path::parse("properties.secrets[*].value").unwrap();
        let m = p.select(&root, "");
        assert_eq!(m.len(), 2);
        assert_eq!(m[1].path, "Properties.secrets[1].value");
        assert_eq!(m[1].node.as_str(), Some("b"));
        assert!(Path::parse("properties.missing.x")
            .unwrap()
            .first(&root)
            .is_none());
    }
}
