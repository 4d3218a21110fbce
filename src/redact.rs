//! Redaction for `azlint inspect`: the model dump must never print a secret value.
//!
//! A value is masked when a rule flags its span as a secret (`Finding::mask`), when its text
//! looks like a credential (connection string with a key, private key, token…), or when it is
//! a plaintext value under a credential-like name (property, parameter, output, assignment).

use std::collections::HashSet;

use crate::model::{Document, Node, Value};
use crate::rules::predicates::{is_credential_name, is_credential_value};
use crate::rules::RuleSet;
use crate::source::Span;

pub const MASK: &str = "********";

pub fn redact_documents(docs: &mut [Document], rules: &RuleSet) {
    for doc in docs.iter_mut() {
        let masked: HashSet<Span> = rules
            .evaluate(doc)
            .into_iter()
            .filter(|f| f.mask)
            .map(|f| f.span)
            .collect();
        for r in &mut doc.resources {
            redact(&mut r.body, &masked, false, 0);
        }
        for p in &mut doc.parameters {
            let named = p.secure || is_credential_name(&p.name);
            if let Some(d) = &mut p.default {
                redact(d, &masked, named, 0);
            }
        }
        for v in &mut doc.variables {
            let named = is_credential_name(&v.name);
            redact(&mut v.value, &masked, named, 0);
        }
        for o in &mut doc.outputs {
            let named = o.secure || is_credential_name(&o.name);
            redact(&mut o.value, &masked, named, 0);
        }
        for a in &mut doc.assignments {
            let named = a.target_secure == Some(true) || is_credential_name(&a.name);
            redact(&mut a.value, &masked, named, 0);
        }
    }
}

fn redact(node: &mut Node, masked: &HashSet<Span>, secret_name: bool, depth: usize) {
    if depth > crate::frontend::MAX_DEPTH {
        return;
    }
    let hit = masked.contains(&node.span);
    match &mut node.value {
        Value::String(s) => {
            if hit || is_credential_value(s) || (secret_name && !s.is_empty()) {
                *s = MASK.to_string();
            }
        }
        Value::Expr(e) => {
            let literal_secret = e.literal.as_deref().is_some_and(is_credential_value);
            if hit || literal_secret || is_credential_value(&e.text) {
                e.text = MASK.to_string();
                if e.literal.is_some() {
                    e.literal = Some(MASK.to_string());
                }
            } else if secret_name && e.literal.is_some() {
                e.literal = Some(MASK.to_string());
            }
        }
        // A secret name covers the whole value below it (a secure object parameter's
        // default); a credential-like key covers its own value.
        Value::Array(items) => {
            for item in items {
                redact(item, masked, secret_name, depth + 1);
            }
        }
        Value::Object(props) => {
            for p in props {
                let named = secret_name
                    || (is_credential_name(&p.key)
                        && !matches!(p.value.value, Value::Object(_) | Value::Array(_)));
                redact(&mut p.value, masked, named, depth + 1);
            }
        }
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
}
