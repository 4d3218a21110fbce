//! ARM-shaped values with spans and provenance.

use serde::Serialize;

use super::provenance::{classify_string, Provenance};
use crate::source::Span;

/// A value together with the span of the source text that produced it: where the value is
/// WRITTEN (a module argument, a tfvars line, a parameter file), even when it was carried into
/// a module instance and used there.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Node {
    pub value: Value,
    pub span: Span,
    /// How the value travelled, and whether it exists only conditionally (rare: most nodes
    /// carry none, so it is boxed behind an `Option`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub meta: Option<std::sync::Arc<NodeMeta>>,
}

/// What a node knows beyond its value and where it is written.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct NodeMeta {
    /// The path the value took from where it is written to where it is used: module
    /// arguments, parameters, outputs, the use site (first step first).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub via: Vec<FlowStep>,
    /// The node exists only when an input that is unknown here is set
    /// (`cond ? {…} : null` with an unknown `cond`, a `dynamic` block over an unknown
    /// collection that may be empty): presence tests treat it as unknown.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub conditional: bool,
}

/// One step of a value's flow: where it passed, and what that place is.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FlowStep {
    pub span: Span,
    /// `parameter \`allowInsecure\` of module \`app\``, `used here`; never a value.
    pub note: String,
}

/// What an expression refers to: a resource of the deployment, or one named by type and
/// name that the deployment linker resolves; `member` is what is read from it (`id`,
/// `identity.principalId`, `properties.principalId`, `outputs.fqdn`, `login_server`…).
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Ref {
    pub target: Target,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub member: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Target {
    /// A resource of the deployment, by its [`crate::model::Resource::key`].
    Resource(String),
    /// A resource named by ARM type and name (an ARM `resourceId('T', 'n')`, a literal
    /// resource id, a Terraform data source): resolved by the linker to a declared resource
    /// when the deployment has one.
    Named { resource_type: String, name: String },
    /// The normalised source text of a reference, for front ends that have not resolved it
    /// (matched by text against resource symbols).
    Text(String),
}

/// Compact: `"acr"` (text), `key:"/app/env"`, `named:"T/n"`, plus `.member`.
impl std::fmt::Debug for Ref {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.target {
            Target::Text(t) => write!(f, "{t:?}")?,
            Target::Resource(k) => write!(f, "key:{k:?}")?,
            Target::Named {
                resource_type,
                name,
            } => write!(f, "named:{:?}", format!("{resource_type}/{name}"))?,
        }
        if let Some(m) = &self.member {
            write!(f, ".{m}")?;
        }
        Ok(())
    }
}

/// A reference equals the key or text it names (tests and symbol matching).
impl PartialEq<str> for Ref {
    fn eq(&self, other: &str) -> bool {
        self.name() == other
    }
}

impl PartialEq<&str> for Ref {
    fn eq(&self, other: &&str) -> bool {
        self.name() == *other
    }
}

impl From<&str> for Ref {
    fn from(text: &str) -> Ref {
        Ref::text(text)
    }
}

impl PartialEq<String> for Ref {
    fn eq(&self, other: &String) -> bool {
        self.name() == other
    }
}

impl Ref {
    /// A reference known only by its normalised text.
    pub fn text(text: impl Into<String>) -> Ref {
        Ref {
            target: Target::Text(text.into()),
            member: None,
        }
    }

    /// A reference to a resource of the deployment by key.
    pub fn resource(key: impl Into<String>) -> Ref {
        Ref {
            target: Target::Resource(key.into()),
            member: None,
        }
    }

    pub fn with_member(mut self, member: impl Into<String>) -> Ref {
        self.member = Some(member.into());
        self
    }

    /// The key or text this reference names (what symbol-based matching compares).
    pub fn name(&self) -> &str {
        match &self.target {
            Target::Resource(k) | Target::Text(k) => k,
            Target::Named { name, .. } => name,
        }
    }
}

/// An object property: ARM keys are case-insensitive, so lookups ignore ASCII case,
/// but the key is kept as written (for messages and `inspect`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Property {
    pub key: String,
    pub key_span: Span,
    pub value: Node,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", content = "value", rename_all = "kebab-case")]
pub enum Value {
    Null,
    Bool(bool),
    Number(f64),
    /// A literal string exactly as the template will see it (escapes resolved).
    String(String),
    Array(Vec<Node>),
    Object(Vec<Property>),
    /// Anything computed at deploy time: a parameter, variable, function call, reference,
    /// interpolation, ternary… `Expr::provenance` says where its value comes from.
    Expr(Box<Expr>),
}

/// A deploy-time expression, reduced to what the rules need.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Expr {
    pub provenance: Provenance,
    /// The expression as written, whitespace-normalised. Front ends make references to the
    /// same thing produce the same text (e.g. `uai.id`), so rules compare identities with it.
    /// Never printed in findings: it may contain a secret.
    pub text: String,
    /// What is known statically about the value: a variable resolved to a literal, a
    /// non-secure parameter's literal default, or the literal fragments of an interpolation
    /// (joined with `\u{2026}`). Value-pattern predicates (connection strings, keys) read it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub literal: Option<String>,
    /// Where the value comes from, by name: `param:adminPassword`, `var:conn`,
    /// `fn:listKeys`, `attr:azurerm_container_registry.acr.admin_password`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
    /// The resources the expression mentions, for cross-resource checks.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub refs: Vec<Ref>,
}

impl Expr {
    pub fn new(provenance: Provenance, text: impl Into<String>) -> Self {
        Expr {
            provenance,
            text: text.into(),
            literal: None,
            origin: None,
            refs: Vec::new(),
        }
    }

    pub fn with_literal(mut self, literal: impl Into<String>) -> Self {
        self.literal = Some(literal.into());
        self
    }

    pub fn with_origin(mut self, origin: impl Into<String>) -> Self {
        self.origin = Some(origin.into());
        self
    }
}

impl Node {
    pub fn new(value: Value, span: Span) -> Self {
        Node {
            value,
            span,
            meta: None,
        }
    }

    /// The path the value took to get here (empty for a value written where it is used).
    pub fn via(&self) -> &[FlowStep] {
        self.meta.as_deref().map_or(&[], |m| &m.via)
    }

    /// Whether the node exists only when an unknown input is set.
    pub fn is_conditional(&self) -> bool {
        self.meta.as_deref().is_some_and(|m| m.conditional)
    }

    /// The same value, one flow step further (`note` says what `span` is).
    pub fn with_step(mut self, span: Span, note: impl Into<String>) -> Node {
        let meta = std::sync::Arc::make_mut(self.meta.get_or_insert_with(Default::default));
        meta.via.push(FlowStep {
            span,
            note: note.into(),
        });
        self
    }

    /// The same value, marked as present only when an unknown input is set.
    pub fn conditional(mut self) -> Node {
        std::sync::Arc::make_mut(self.meta.get_or_insert_with(Default::default)).conditional = true;
        self
    }

    pub fn null(span: Span) -> Self {
        Node::new(Value::Null, span)
    }

    pub fn string(s: impl Into<String>, span: Span) -> Self {
        Node::new(Value::String(s.into()), span)
    }

    pub fn expr(expr: Expr, span: Span) -> Self {
        Node::new(Value::Expr(Box::new(expr)), span)
    }

    pub fn object(props: Vec<Property>, span: Span) -> Self {
        Node::new(Value::Object(props), span)
    }

    /// Case-insensitive property lookup; the last duplicate wins, as in ARM.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.value {
            Value::Object(props) => props
                .iter()
                .rev()
                .find(|p| p.key.eq_ignore_ascii_case(key))
                .map(|p| &p.value),
            _ => None,
        }
    }

    pub fn property(&self, key: &str) -> Option<&Property> {
        match &self.value {
            Value::Object(props) => props.iter().rev().find(|p| p.key.eq_ignore_ascii_case(key)),
            _ => None,
        }
    }

    /// Follow a dotted path of keys (no wildcards); see `model::path` for the full language.
    pub fn get_path(&self, dotted: &str) -> Option<&Node> {
        dotted
            .split('.')
            .filter(|s| !s.is_empty())
            .try_fold(self, |n, k| n.get(k))
    }

    pub fn as_array(&self) -> Option<&[Node]> {
        match &self.value {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_object(&self) -> Option<&[Property]> {
        match &self.value {
            Value::Object(props) => Some(props),
            _ => None,
        }
    }

    pub fn as_expr(&self) -> Option<&Expr> {
        match &self.value {
            Value::Expr(e) => Some(e),
            _ => None,
        }
    }

    /// The literal string value, if the node is a plain string.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The best static knowledge of the node's text: a plain string, a number or bool
    /// rendered, or an expression's known literal part.
    pub fn known_text(&self) -> Option<std::borrow::Cow<'_, str>> {
        use std::borrow::Cow;
        match &self.value {
            Value::String(s) => Some(Cow::Borrowed(s)),
            Value::Bool(b) => Some(Cow::Owned(b.to_string())),
            Value::Number(n) => Some(Cow::Owned(format_number(*n))),
            Value::Expr(e) => e.literal.as_deref().map(Cow::Borrowed),
            _ => None,
        }
    }

    /// A statically known boolean: `true`/`false`, or the strings "true"/"false".
    pub fn as_bool(&self) -> Option<bool> {
        match &self.value {
            Value::Bool(b) => Some(*b),
            Value::String(s) if s.eq_ignore_ascii_case("true") => Some(true),
            Value::String(s) if s.eq_ignore_ascii_case("false") => Some(false),
            Value::Expr(e) => match e.literal.as_deref() {
                Some(l) if l.eq_ignore_ascii_case("true") => Some(true),
                Some(l) if l.eq_ignore_ascii_case("false") => Some(false),
                _ => None,
            },
            _ => None,
        }
    }

    pub fn as_number(&self) -> Option<f64> {
        match &self.value {
            Value::Number(n) => Some(*n),
            Value::String(s) => s.trim().parse().ok(),
            Value::Expr(e) => e.literal.as_deref().and_then(|l| l.trim().parse().ok()),
            _ => None,
        }
    }

    /// Where the value comes from. Plain strings are classified here (empty, placeholder,
    /// App Service style Key Vault reference, or literal), so every front end agrees.
    pub fn provenance(&self) -> Provenance {
        match &self.value {
            Value::Null => Provenance::Empty,
            Value::String(s) => classify_string(s),
            Value::Bool(_) | Value::Number(_) => Provenance::Literal,
            Value::Array(_) | Value::Object(_) => Provenance::Literal,
            Value::Expr(e) => e.provenance.clone(),
        }
    }

    /// The provenance of everything a value holds: a leaf's own provenance; for an array
    /// or object, its leaves combined like an interpolation (a secure, Key Vault, derived or
    /// input leaf outweighs literal ones), and `Empty` when it holds no leaf (`[]`, `{}`).
    /// Front ends use it where a container is one candidate of a ternary / coalesce /
    /// loop source, so `param ?? []` stays an input and `cond ? {…} : null` is not
    /// mistaken for a literal just because containers are written in the source.
    pub fn deep_provenance(&self) -> Provenance {
        fn leaves(n: &Node, out: &mut Vec<Provenance>, depth: usize) {
            // The model is already bounded by the front ends' MAX_DEPTH; this is a guard.
            if depth > 256 {
                out.push(Provenance::Unknown);
                return;
            }
            match &n.value {
                Value::Array(items) => items.iter().for_each(|i| leaves(i, out, depth + 1)),
                Value::Object(props) => props.iter().for_each(|p| leaves(&p.value, out, depth + 1)),
                _ => out.push(n.provenance()),
            }
        }
        match &self.value {
            Value::Array(_) | Value::Object(_) => {
                let mut parts = Vec::new();
                leaves(self, &mut parts, 0);
                Provenance::of_interpolation(parts)
            }
            _ => self.provenance(),
        }
    }

    /// True when the value is written in the source (or resolves through variables and
    /// non-secure parameter defaults to something written in the source), is not empty
    /// and is not a placeholder. The question every plaintext-secret rule asks.
    pub fn is_plaintext(&self) -> bool {
        match &self.value {
            Value::String(_) | Value::Number(_) => self.provenance() == Provenance::Literal,
            Value::Expr(e) => match e.provenance {
                Provenance::Literal => e
                    .literal
                    .as_deref()
                    .map(|l| classify_string(l) == Provenance::Literal)
                    .unwrap_or(true),
                // Only a value that *is* the parameter (its literal default flows in
                // whole) is plaintext; `'/home/${user}'` has literal glue, not a secret.
                Provenance::Input => {
                    e.origin.as_deref().is_some_and(|o| o.starts_with("param:"))
                        && e.literal
                            .as_deref()
                            .map(|l| classify_string(l) == Provenance::Literal)
                            .unwrap_or(false)
                }
                _ => false,
            },
            _ => false,
        }
    }

    /// Visit every node depth-first (including self), with its path from this node.
    pub fn walk<'a>(&'a self, f: &mut dyn FnMut(&str, &'a Node)) {
        let mut path = String::new();
        walk_inner(self, &mut path, f);
    }
}

fn walk_inner<'a>(node: &'a Node, path: &mut String, f: &mut dyn FnMut(&str, &'a Node)) {
    f(path, node);
    let len = path.len();
    match &node.value {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                use std::fmt::Write;
                let _ = write!(path, "[{i}]");
                walk_inner(item, path, f);
                path.truncate(len);
            }
        }
        Value::Object(props) => {
            for p in props {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(&p.key);
                walk_inner(&p.value, path, f);
                path.truncate(len);
            }
        }
        _ => {}
    }
}

pub fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &str) -> Node {
        Node::string(v, Span::default())
    }

    #[test]
    fn lookup_is_case_insensitive_and_last_duplicate_wins() {
        let obj = Node::object(
            vec![
                Property {
                    key: "Properties".into(),
                    key_span: Span::default(),
                    value: s("a"),
                },
                Property {
                    key: "properties".into(),
                    key_span: Span::default(),
                    value: s("b"),
                },
            ],
            Span::default(),
        );
        assert_eq!(obj.get("PROPERTIES").and_then(Node::as_str), Some("b"));
    }

    #[test]
    fn plaintext_excludes_empty_placeholders_and_secure_inputs() {
        assert!(s("hunter2").is_plaintext());
        assert!(!s("").is_plaintext());
        assert!(!s("<your-password>").is_plaintext());
        let secure = Node::expr(Expr::new(Provenance::SecureInput, "pw"), Span::default());
        assert!(!secure.is_plaintext());
        let input_default = Node::expr(
            Expr::new(Provenance::Input, "pw")
                .with_literal("hunter2")
                .with_origin("param:pw"),
            Span::default(),
        );
        assert!(input_default.is_plaintext());
        let glue = Node::expr(
            Expr::new(Provenance::Input, "concat('/home/',parameters('user'))")
                .with_literal("/home/…"),
            Span::default(),
        );
        assert!(!glue.is_plaintext());
        let input_no_default = Node::expr(Expr::new(Provenance::Input, "pw"), Span::default());
        assert!(!input_no_default.is_plaintext());
    }

    #[test]
    fn deep_provenance_of_containers() {
        let arr = |items: Vec<Node>| Node::new(Value::Array(items), Span::default());
        assert_eq!(arr(vec![]).deep_provenance(), Provenance::Empty);
        assert_eq!(
            Node::object(vec![], Span::default()).deep_provenance(),
            Provenance::Empty
        );
        assert_eq!(arr(vec![s("a")]).deep_provenance(), Provenance::Literal);
        let input = Node::expr(Expr::new(Provenance::Input, "p"), Span::default());
        let secure = Node::expr(Expr::new(Provenance::SecureInput, "pw"), Span::default());
        assert_eq!(
            arr(vec![s("name"), input.clone()]).deep_provenance(),
            Provenance::Input
        );
        let obj = Node::object(
            vec![Property {
                key: "value".into(),
                key_span: Span::default(),
                value: secure,
            }],
            Span::default(),
        );
        assert_eq!(
            arr(vec![s("n"), obj]).deep_provenance(),
            Provenance::SecureInput
        );
        // A leaf is its own provenance.
        assert_eq!(input.deep_provenance(), Provenance::Input);
        assert_eq!(s("").deep_provenance(), Provenance::Empty);
    }
}
