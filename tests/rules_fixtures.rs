//! Runs every rule's ARM JSON fixtures (`testdata/rules/<ID>/{fail,pass}*.json`) through the
//! engine: `fail*` files must produce the rule (and the findings listed in the template's
//! `metadata.azlint-test.expect`), `pass*` files must not produce it.

mod support;

use std::path::Path;

use azlint::finding::Finding;
use azlint::rules::RuleSet;

/// Literal secrets used in the fixtures: no message may ever contain them.
const FIXTURE_SECRETS: &[&str] = &[
    "Sup3rS3cret",
    "hunter2",
    "AccountKey=",
    "P@ssw0rd",
    "I<3container",
    "tok-123",
    "c2VjcmV0",
];

fn run(path: &Path, rules: &RuleSet) -> (String, Vec<Finding>) {
    let text = std::fs::read_to_string(path).unwrap();
    let doc = support::arm_document(&path.display().to_string(), &text);
    let findings = rules.evaluate(&doc);
    (text, findings)
}

fn describe(findings: &[Finding]) -> String {
    findings
        .iter()
        .map(|f| {
            format!(
                "  {} {} {:?}: {}",
                f.rule_id,
                f.severity.as_str(),
                f.property,
                f.message
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn rule_fixtures() {
    let rules = RuleSet::builtin();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/rules");
    let mut dirs: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    dirs.sort();
    let mut checked = 0;
    let mut failures = Vec::new();
    for dir in dirs {
        let id = dir.file_name().unwrap().to_string_lossy().to_string();
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        for file in files
            .iter()
            .filter(|f| f.extension().is_some_and(|e| e == "json"))
        {
            let stem = file.file_name().unwrap().to_string_lossy().to_string();
            let (text, findings) = run(file, &rules);
            checked += 1;
            let own: Vec<&Finding> = findings.iter().filter(|f| f.rule_id == id).collect();
            if stem.starts_with("fail") && own.is_empty() {
                failures.push(format!(
                    "{}: expected {id}, got:\n{}",
                    file.display(),
                    describe(&findings)
                ));
            }
            if stem.starts_with("pass") && !own.is_empty() {
                failures.push(format!(
                    "{}: unexpected {id}:\n{}",
                    file.display(),
                    describe(&findings)
                ));
            }
            for (rule, severity, property) in support::expectations(&text) {
                let hit = findings.iter().any(|f| {
                    f.rule_id == rule
                        && f.severity.as_str() == severity
                        && property
                            .as_ref()
                            .is_none_or(|p| f.property.as_deref() == Some(p.as_str()))
                });
                if !hit {
                    failures.push(format!(
                        "{}: expected {rule} {severity} {property:?}, got:\n{}",
                        file.display(),
                        describe(&findings)
                    ));
                }
            }
            for f in &findings {
                if let Some(s) = FIXTURE_SECRETS.iter().find(|s| f.message.contains(*s)) {
                    failures.push(format!(
                        "{}: message leaks `{s}`: {}",
                        file.display(),
                        f.message
                    ));
                }
            }
        }
    }
    assert!(checked > 0, "no fixtures found");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
