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

/// Spans of every secret value in `doc` (`masked` = spans, in `doc`'s own file numbering,
/// that rules flagged as secrets). A flagged value that came from a variable or parameter
/// (`secrets: [{value: innocuous}]` with `var innocuous = '…'`) also marks where that value
/// was written, and so does every other occurrence of the same literal text: a secret is
/// masked wherever it appears, whatever the name of what carries it.
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
    follow_provenance(doc, &mut out);
    out
}

/// Extend `secrets` with the values that flagged values came from: by origin
/// (`var:x`, `param:x`) to the declaration, and by equal literal text anywhere.
fn follow_provenance(doc: &Document, secrets: &mut HashSet<Span>) {
    // The literal texts of every secret node, and the names they were read from.
    let mut texts: HashSet<String> = HashSet::new();
    let mut names: HashSet<(bool, String)> = HashSet::new();
    let each_node = |f: &mut dyn FnMut(&Node)| {
        for r in &doc.resources {
            walk(&r.body, 0, f);
        }
        for p in &doc.parameters {
            if let Some(d) = &p.default {
                walk(d, 0, f);
            }
        }
        for v in &doc.variables {
            walk(&v.value, 0, f);
        }
        for o in &doc.outputs {
            walk(&o.value, 0, f);
        }
        for a in &doc.assignments {
            walk(&a.value, 0, f);
        }
    };
    // Two rounds reach a variable that feeds a variable that feeds the flagged property;
    // longer chains are still covered by the equal-text rule below.
    for _ in 0..3 {
        each_node(&mut |n: &Node| {
            if !secrets.contains(&n.span) {
                return;
            }
            match &n.value {
                Value::String(s) if s.chars().count() >= MIN_SHARED_SECRET => {
                    texts.insert(s.clone());
                }
                Value::Expr(e) => {
                    if let Some(l) = e.literal.as_deref().filter(|l| {
                        l.chars().count() >= MIN_SHARED_SECRET && !l.contains('\u{2026}')
                    }) {
                        texts.insert(l.to_string());
                    }
                    match e.origin.as_deref().and_then(|o| o.split_once(':')) {
                        Some(("var", n)) => {
                            names.insert((false, n.to_ascii_lowercase()));
                        }
                        Some(("param", n)) => {
                            names.insert((true, n.to_ascii_lowercase()));
                        }
                        _ => {}
                    }
                }
                _ => {}
            }
        });
        for v in &doc.variables {
            if names.contains(&(false, v.name.to_ascii_lowercase())) {
                collect(&v.value, true, 0, secrets);
            }
        }
        for p in &doc.parameters {
            if names.contains(&(true, p.name.to_ascii_lowercase())) {
                if let Some(d) = &p.default {
                    collect(d, true, 0, secrets);
                }
            }
        }
        for a in &doc.assignments {
            if names.contains(&(true, a.name.to_ascii_lowercase())) {
                collect(&a.value, true, 0, secrets);
            }
        }
    }
    if texts.is_empty() {
        return;
    }
    each_node(&mut |n: &Node| {
        let same = match &n.value {
            Value::String(s) => texts.contains(s),
            Value::Expr(e) => e.literal.as_deref().is_some_and(|l| texts.contains(l)),
            _ => false,
        };
        if same {
            secrets.insert(n.span);
        }
    });
}

/// Shorter secret texts are not masked wherever they appear (`"1"`, `"yes"`): only where
/// they are flagged.
const MIN_SHARED_SECRET: usize = 4;

fn walk(node: &Node, depth: usize, f: &mut dyn FnMut(&Node)) {
    if depth > crate::frontend::MAX_DEPTH {
        return;
    }
    f(node);
    match &node.value {
        Value::Array(items) => items.iter().for_each(|i| walk(i, depth + 1, f)),
        Value::Object(props) => props.iter().for_each(|p| walk(&p.value, depth + 1, f)),
        _ => {}
    }
}

/// The spans of the masked findings that are in `doc`'s files.
fn masked_in(doc: &Document, findings: &[Finding]) -> HashSet<Span> {
    findings
        .iter()
        .filter(|f| f.mask)
        .filter_map(|f| {
            let file = doc.files.iter().find(|d| {
                std::sync::Arc::ptr_eq(d, &f.file) || d.display_path == f.file.display_path
            })?;
            Some(Span::new(
                file.id,
                f.span.start as usize,
                f.span.end as usize,
            ))
        })
        .collect()
}

/// Secret byte ranges of `doc`'s files, by display path, for reporters that print source
/// text. Only `findings` in `doc`'s own files mark spans of `doc` (a span is a file index
/// and offsets: it means nothing in another document).
pub fn secret_ranges(doc: &Document, findings: &[Finding]) -> HashMap<String, Vec<(usize, usize)>> {
    let masked = masked_in(doc, findings);
    let mut out: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
    for span in secret_spans(doc, &masked) {
        if span.is_empty() || (span.file != 0 && doc.file_by_id(span.file).is_none()) {
            continue;
        }
        let path = doc.file(span).display_path.clone();
        out.entry(path)
            .or_default()
            .push((span.start as usize, span.end as usize));
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
        let findings = rules.evaluate(doc);
        let masked = masked_in(doc, &findings);
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
