//! Property paths over ARM-shaped bodies: `properties.configuration.secrets[*].value`.
//!
//! Grammar: segments separated by `.`; a segment is a key (matched ignoring ASCII case),
//! `*` (every property of an object), `[*]` (every array item) or `[N]` (one item).
//! Rules, mapping tables and messages all use this one syntax (the rule engine walks paths
//! with its own allocation-free walker, `rules::walk`).

#[cfg(test)]
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
            // `[` is ASCII, so the split is on a character boundary.
            let (key, mut rest) = match part.find('[') {
                Some(i) => part.split_at_checked(i).unwrap_or((part, "")),
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
                // `[` and `]` are ASCII: both cuts are on character boundaries.
                let inner = rest.get(1..close).unwrap_or("");
                if inner == "*" {
                    segments.push(Segment::AnyIndex);
                } else {
                    let n = inner
                        .parse()
                        .map_err(|_| format!("invalid index `[{inner}]` in path `{text}`"))?;
                    segments.push(Segment::Index(n));
                }
                rest = rest.get(close + 1..).unwrap_or("");
                if !rest.is_empty() && !rest.starts_with('[') {
                    return Err(format!("unexpected `{rest}` in path `{text}`"));
                }
            }
        }
        Ok(Path { segments })
    }

    /// The first node the path reaches from `root`, if any.
    #[cfg(test)] // only the tests use it
    pub fn first<'a>(&self, root: &'a Node) -> Option<&'a Node> {
        first_from(root, &self.segments)
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

#[cfg(test)]
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
}
