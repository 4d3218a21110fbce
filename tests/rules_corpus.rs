//! Manual check (ignored by default): run the built-in rules over the ARM templates of the
//! shared corpus through the test-support builder, print findings and the evaluation time.
//! `AZLINT_CORPUS=/work/shared/corpus cargo test --test rules_corpus -- --ignored --nocapture`

mod support;

use std::time::{Duration, Instant};

fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(&p, out);
        } else if p.extension().is_some_and(|e| e == "json") {
            out.push(p);
        }
    }
}

#[test]
#[ignore]
fn corpus() {
    let root = std::env::var("AZLINT_CORPUS").unwrap_or_else(|_| "/work/shared/corpus".into());
    let mut files = Vec::new();
    walk(std::path::Path::new(&root), &mut files);
    files.sort();
    let rules = azlint::rules::RuleSet::builtin();
    let (mut docs, mut resources, mut total) = (0, 0, Duration::ZERO);
    for f in files {
        let Ok(text) = std::fs::read_to_string(&f) else {
            continue;
        };
        if !text.contains("deploymentTemplate.json")
            || serde_json::from_str::<serde_json::Value>(&text).is_err()
        {
            continue;
        }
        let doc = support::arm_document(&f.display().to_string(), &text);
        let t = Instant::now();
        let findings = rules.evaluate(&doc);
        total += t.elapsed();
        docs += 1;
        resources += doc.resources.len();
        for x in findings {
            println!(
                "{}: {} {} {:?}: {}",
                f.display(),
                x.rule_id,
                x.severity.as_str(),
                x.property,
                x.message
            );
        }
    }
    println!("{docs} templates, {resources} resources, evaluate total {total:?}");
}
