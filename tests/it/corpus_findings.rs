//! The whole pipeline (discover → parse → lower → built-in rules) over the real-world corpus
//! (`../shared/corpus`, outside the repository; skipped when absent): no panic, no parse error
//! on a valid file, every finding's span inside its file, and a per-rule / per-source count
//! printed for triage (`cargo test --test it corpus_findings:: -- --nocapture`).

use std::collections::BTreeMap;
use std::path::Path;

use azlint::__internal::diagnostics::PARSE_ERROR;
use azlint::{Engine, Input, Options};

use crate::corpus_support;
use corpus_support::{corpus_dir, may_fail_to_parse};

/// `avm-bicep/avm/res/…` → `avm-bicep`.
fn source_of(display_path: &str, corpus: &Path) -> String {
    let p = Path::new(display_path);
    let rel = p.strip_prefix(corpus).unwrap_or(p);
    rel.components()
        .find_map(|c| match c {
            std::path::Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            _ => None,
        })
        .unwrap_or_default()
}

#[test]
fn corpus_findings() {
    let Some(corpus) = corpus_dir() else {
        eprintln!("skipping: corpus not found (../shared/corpus or ../../shared/corpus)");
        return;
    };
    let corpus = corpus.canonicalize().unwrap_or(corpus);
    // Compiled AVM `main.json` (languageVersion 2.0) beside its Bicep source is linted too:
    // it is the hardest ARM input in the corpus.
    let opts = Options {
        root: Some(corpus.clone()),
        no_config: true,
        no_ignore: true,
        lint_compiled_bicep: Some(true),
        ..Options::default()
    };
    let engine = Engine::new(&opts, &corpus, Some(&corpus)).expect("an engine");
    let out = engine
        .check(&Input {
            paths: vec![corpus.clone()],
            ..Input::default()
        })
        .expect("check the corpus");
    let files = out.checked.len();

    let mut problems = Vec::new();
    let mut per_rule: BTreeMap<String, usize> = BTreeMap::new();
    let mut per_source: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    let mut exempt_parse_errors = 0usize;
    for f in &out.findings {
        let text = &f.file.text;
        let (start, end) = (f.span.start as usize, f.span.end as usize);
        if start > end || end > text.len() || !text.is_char_boundary(start) {
            problems.push(format!(
                "{}: {} span {start}..{end} outside the file or not on a character",
                f.file.display_path, f.rule_id
            ));
        }
        if f.rule_id == PARSE_ERROR.id {
            if may_fail_to_parse(Path::new(&f.file.display_path), text) {
                exempt_parse_errors += 1;
                continue;
            }
            let (l, c) = f.start();
            problems.push(format!(
                "{}:{l}:{c}: {} on a valid file: {}",
                f.file.display_path, f.rule_id, f.message
            ));
        }
        if f.rule_id == "AZL005" || f.rule_id == "AZL006" {
            problems.push(format!(
                "{}: {}: {}",
                f.file.display_path, f.rule_id, f.message
            ));
        }
        *per_rule.entry(f.rule_id.clone()).or_default() += 1;
        *per_source
            .entry(source_of(&f.file.display_path, &corpus))
            .or_default()
            .entry(f.rule_id.clone())
            .or_default() += 1;
    }

    eprintln!(
        "corpus: {files} files checked, {} skipped, {} findings ({exempt_parse_errors} expected parse errors in Invalid samples / skeletons not counted below)",
        out.skipped.len(),
        out.findings.len()
    );
    for (rule, n) in &per_rule {
        eprintln!("  {rule}: {n}");
    }
    for (source, rules) in &per_source {
        let list: Vec<String> = rules.iter().map(|(r, n)| format!("{r}={n}")).collect();
        eprintln!("  {source}: {}", list.join(" "));
    }
    assert!(files > 1000, "the corpus looks incomplete: {files} files");
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
