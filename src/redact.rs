//! Which values are secrets, so that no output ever prints one.
//!
//! A value is secret when a rule flags its span (`Finding::mask`), when its text looks like a
//! credential (connection string with a key, private key, token…), or when it is a plaintext
//! value under a credential-like name (property key, parameter, output, assignment). `inspect`
//! masks these values in the model dump; the human reporter masks them in source snippets,
//! so a finding about a parameter's *name* never shows its literal default on the same line.

use std::collections::{HashMap, HashSet};

use crate::finding::Finding;
use crate::model::{Document, Node, Value};
use crate::rules::predicates::{is_credential_name, is_credential_value};
use crate::rules::RuleSet;
use crate::source::Span;

pub const MASK: &str = "********";

/// Spans of every secret value in `doc` (`masked` = spans that rules flagged as secrets).
pub fn secret_spans(doc: &Document, masked: &HashSet<Span>) -> HashSet<Span> {
    let mut out = masked.clone();
    for r in &doc.resources {
        collect(&r.body, false, 0, &mut out);
    }
    for p in &doc.parameters {
        if let Some(d) = &p.default {
            collect(d, p.secure || is_credential_name(&p.name), 0, &mut out);
        }
    }
    for v in &doc.variables {
        collect(&v.value, is_credential_name(&v.name), 0, &mut out);
    }
    for o in &doc.outputs {
        collect(
            &o.value,
            o.secure || is_credential_name(&o.name),
            0,
            &mut out,
        );
    }
    for a in &doc.assignments {
        let named = a.target_secure == Some(true) || is_credential_name(&a.name);
        collect(&a.value, named, 0, &mut out);
    }
    out
}

/// Secret byte ranges per display path, for reporters that print source text.
pub fn secret_ranges(
    documents: &[Document],
    findings: &[Finding],
) -> HashMap<String, Vec<(usize, usize)>> {
    let masked: HashSet<Span> = findings.iter().filter(|f| f.mask).map(|f| f.span).collect();
    let mut out: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
    for doc in documents {
        for span in secret_spans(doc, &masked) {
            if span.is_empty() || span.file as usize >= doc.files.len() {
                continue;
            }
            let path = doc.file(span).display_path.clone();
            out.entry(path)
                .or_default()
                .push((span.start as usize, span.end as usize));
        }
    }
    for ranges in out.values_mut() {
        ranges.sort_unstable();
        ranges.dedup();
    }
    out
}

/// Mask the secret values of documents in place (for `azlint inspect`).
pub fn redact_documents(docs: &mut [Document], rules: &RuleSet) {
    for doc in docs.iter_mut() {
        let masked: HashSet<Span> = rules
            .evaluate(doc)
            .into_iter()
            .filter(|f| f.mask)
            .map(|f| f.span)
            .collect();
        let secrets = secret_spans(doc, &masked);
        for r in &mut doc.resources {
            mask_in(&mut r.body, &secrets, 0);
        }
        for p in &mut doc.parameters {
            if let Some(d) = &mut p.default {
                mask_in(d, &secrets, 0);
            }
        }
        for v in &mut doc.variables {
            mask_in(&mut v.value, &secrets, 0);
        }
        for o in &mut doc.outputs {
            mask_in(&mut o.value, &secrets, 0);
        }
        for a in &mut doc.assignments {
            mask_in(&mut a.value, &secrets, 0);
        }
    }
}

/// A secret name covers the whole value below it (a secure object parameter's default); a
/// credential-like property key covers its own scalar value.
fn collect(node: &Node, secret_name: bool, depth: usize, out: &mut HashSet<Span>) {
    if depth > crate::frontend::MAX_DEPTH {
        return;
    }
    match &node.value {
        Value::String(s) => {
            if (secret_name && !s.is_empty()) || is_credential_value(s) {
                out.insert(node.span);
            }
        }
        Value::Number(_) => {
            if secret_name {
                out.insert(node.span);
            }
        }
        Value::Expr(e) => {
            let literal_secret = e.literal.as_deref().is_some_and(is_credential_value);
            if literal_secret
                || is_credential_value(&e.text)
                || (secret_name && node.is_plaintext())
            {
                out.insert(node.span);
            }
        }
        Value::Array(items) => {
            for item in items {
                collect(item, secret_name, depth + 1, out);
            }
        }
        Value::Object(props) => {
            for p in props {
                let named = secret_name
                    || (is_credential_name(&p.key)
                        && !matches!(p.value.value, Value::Object(_) | Value::Array(_)));
                collect(&p.value, named, depth + 1, out);
            }
        }
        Value::Null | Value::Bool(_) => {}
    }
}

fn mask_in(node: &mut Node, secrets: &HashSet<Span>, depth: usize) {
    if depth > crate::frontend::MAX_DEPTH {
        return;
    }
    let hit = secrets.contains(&node.span);
    match &mut node.value {
        Value::String(s) if hit => *s = MASK.to_string(),
        Value::Number(_) if hit => node.value = Value::String(MASK.to_string()),
        Value::Expr(e) if hit => {
            e.text = MASK.to_string();
            if e.literal.is_some() {
                e.literal = Some(MASK.to_string());
            }
        }
        Value::Array(items) => {
            for item in items {
                mask_in(item, secrets, depth + 1);
            }
        }
        Value::Object(props) => {
            for p in props {
                mask_in(&mut p.value, secrets, depth + 1);
            }
        }
        _ => {}
    }
}
