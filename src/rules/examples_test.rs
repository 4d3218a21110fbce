//! Every rule's secure examples (`examples:` in `rules/*.yaml`) are what the rule asks for:
//! each parses in its language and does not trigger the rule it illustrates. An example that
//! fails this would teach the reader the very mistake the finding is about.

use std::path::{Path, PathBuf};

use crate::diagnostics::PARSE_ERROR;
use crate::{Engine, Input, Options, RuleSet};

/// The file an example of `family` is written to. ARM examples are one resource object (or a
/// whole template when they carry a `$schema`); the others are whole files.
fn example_file(dir: &Path, family: &str, code: &str) -> PathBuf {
    let (name, text) = match family {
        "bicep" => ("main.bicep", code.to_string()),
        "arm" if code.contains("$schema") => ("azuredeploy.json", code.to_string()),
        "arm" => (
            "azuredeploy.json",
            format!(
                "{{\n\"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#\",\n\"contentVersion\": \"1.0.0.0\",\n\"resources\": [\n{code}\n]\n}}\n"
            ),
        ),
        "terraform" | "azapi" => ("main.tf", code.to_string()),
        _ => ("app.yaml", code.to_string()),
    };
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn every_example_parses_and_satisfies_its_rule() {
    let rules = RuleSet::builtin();
    let profiles: Vec<String> = rules
        .rules
        .iter()
        .filter_map(|r| r.meta.profile.clone())
        .collect();
    let mut checked = 0;
    let mut problems = Vec::new();
    for rule in &rules.rules {
        for (family, code) in &rule.meta.examples {
            let tmp = tempfile::tempdir().unwrap();
            let root = tmp.path().to_path_buf();
            let file = example_file(&root, family, code);
            let opts = Options {
                root: Some(root.clone()),
                no_config: true,
                profiles: profiles.clone(),
                ..Options::default()
            };
            let engine = Engine::new(&opts, &root, Some(&root)).expect("an engine");
            let report = engine
                .check(&Input {
                    paths: vec![file],
                    ..Input::default()
                })
                .expect("check");
            for f in &report.findings {
                if f.rule_id == PARSE_ERROR.id || f.rule_id == rule.meta.id {
                    problems.push(format!(
                        "{} {family} example: {} {}:{}: {}",
                        rule.meta.id,
                        f.rule_id,
                        f.start().0,
                        f.start().1,
                        f.message
                    ));
                }
            }
            checked += 1;
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    eprintln!("{checked} rule examples checked");
}

#[test]
fn help_shows_the_readers_language_first_and_all_examples_when_asked() {
    let meta = crate::rules::meta::RuleMeta {
        help: "Why.".into(),
        examples: vec![
            ("bicep".into(), "resource a 'x@1' = {}".into()),
            ("terraform".into(), "resource \"x\" \"a\" {}".into()),
        ],
        ..Default::default()
    };
    let tf = meta.help_for(&["terraform"]);
    assert!(tf.contains("```hcl\nresource \"x\" \"a\" {}\n```"), "{tf}");
    assert!(!tf.contains("```bicep"), "{tf}");
    let all = meta.help_for(&[]);
    assert!(all.starts_with("Why."));
    assert!(
        all.find("```bicep").unwrap() < all.find("```hcl").unwrap(),
        "{all}"
    );
    // No example in the reader's language: every example rather than none.
    assert!(meta.help_for(&["yaml"]).contains("```bicep"));
}
