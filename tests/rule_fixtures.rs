//! Every rule's fixtures, in every input format, through the real front ends and engine.
//!
//! Layout: `testdata/rules/<ID>/{fail,pass}[-variant].<ext>` where `<ext>` is `bicep`, `json`
//! (ARM template or parameter file), `bicepparam`, `azurerm.tf`, `azapi.tf`, `tfvars`
//! (paired with a `.tf` of the same stem) or `yaml`. Each fixture is linted on its own.
//!
//! Asserted for each rule:
//! - every `fail*` fixture yields at least one finding of that rule, every `pass*` none;
//! - the rule has fail and pass fixtures in every format family, unless its YAML lists the
//!   family under `inexpressible-in` with the reason;
//! - the exact `line:col` of every finding of that rule, as a reviewed snapshot per rule;
//! - no message quotes the (masked) secret it reports;
//! - a rule of an opt-in profile (`profile: azure-policy`) is exercised with that profile
//!   chosen, and its failing fixtures yield nothing of it without the profile.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use azlint::finding::Finding;
use azlint::lang::{ByName, Language};
use azlint::rules::RuleSet;
use azlint::{Engine, Input, Options};

fn fixtures_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("testdata/rules")
}

/// The format family a fixture belongs to, for the coverage check.
fn family(path: &Path) -> Option<&'static str> {
    let name = path.file_name()?.to_str()?;
    if name.ends_with(".azapi.tf") {
        return Some("azapi");
    }
    let language = match Language::by_name(path)? {
        ByName::Is(l) => l,
        ByName::Json => Language::Arm,
        ByName::Yaml => Language::AcaYaml,
    };
    language.info().families.first().copied()
}

fn is_terraform(path: &Path) -> bool {
    matches!(Language::by_name(path), Some(ByName::Is(l)) if l.is_terraform())
}

fn copy_dir(from: &Path, to: &Path, keep: &dyn Fn(&Path) -> bool) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            copy_dir(&p, &to.join(e.file_name()), &|_| true);
        } else if keep(&p) {
            std::fs::copy(&p, to.join(e.file_name())).unwrap();
        }
    }
}

/// Lint one fixture file on its own, through the engine, as `azlint check <fixture>` would,
/// with the default rules plus those of `profiles`. The fixture's folder is copied beside it
/// so that helper files (a module, the template of a parameter file) are found, but of the
/// Terraform files only the fixture itself (and, for a `.tfvars`, the `.tf` of the same
/// stem) — a Terraform folder is one module.
fn lint(path: &Path, rules: &RuleSet, profiles: &[&str]) -> Vec<Finding> {
    let dir = path.parent().unwrap();
    let name = path.file_name().unwrap().to_str().unwrap();
    let stem = name.trim_end_matches(".tfvars");
    let pair = [format!("{stem}.tf"), format!("{stem}.azurerm.tf")];
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join(dir.file_name().unwrap());
    copy_dir(dir, &root, &|p| {
        let n = p.file_name().unwrap().to_str().unwrap();
        !is_terraform(p) || n == name || (name.ends_with(".tfvars") && pair.iter().any(|x| x == n))
    });
    let opts = Options {
        root: Some(root.clone()),
        no_config: true,
        profiles: profiles.iter().map(|p| p.to_string()).collect(),
        ..Options::default()
    };
    let engine = Engine::new(&opts, &root, Some(&root)).expect("an engine");
    assert_eq!(engine.rules().rules.len(), rules.rules.len());
    let report = engine
        .check(&Input {
            paths: vec![root.join(name)],
            ..Input::default()
        })
        .expect("check");
    report.findings
}

#[test]
fn every_rule_has_fixtures_in_every_format_and_they_behave() {
    let rules = RuleSet::builtin();
    let root = fixtures_root();
    let mut problems = Vec::new();
    // `AZLINT_RULES=AZL101,AZL102` limits the run while a rule is being written.
    let only: Option<Vec<String>> = std::env::var("AZLINT_RULES").ok().map(|v| {
        v.split(',')
            .map(|s| s.trim().to_ascii_uppercase())
            .collect()
    });
    for meta in rules.metas() {
        if meta.family == "meta" {
            continue;
        }
        if only.as_ref().is_some_and(|o| !o.contains(&meta.id)) {
            continue;
        }
        let dir = root.join(&meta.id);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            problems.push(format!("{}: no fixture folder {}", meta.id, dir.display()));
            continue;
        };
        let mut files: Vec<PathBuf> = entries.filter_map(|e| e.ok()).map(|e| e.path()).collect();
        files.sort();
        let mut coverage: BTreeMap<&str, (bool, bool)> = BTreeMap::new();
        let mut snapshot = String::new();
        for path in &files {
            let Some(fam) = family(path) else { continue };
            let name = path.file_name().unwrap().to_str().unwrap().to_string();
            let is_fail = name.starts_with("fail");
            let is_pass = name.starts_with("pass");
            if !is_fail && !is_pass {
                continue; // helper files (a module, a template used by a parameter file)
            }
            let profiles: Vec<&str> = meta.profile.as_deref().into_iter().collect();
            let findings = lint(path, &rules, &profiles);
            if is_fail && meta.profile.is_some() {
                let by_default = lint(path, &rules, &[]);
                if by_default.iter().any(|f| f.rule_id == meta.id) {
                    problems.push(format!(
                        "{}/{name}: a `profile` rule fired without its profile",
                        meta.id
                    ));
                }
            }
            for f in findings.iter().filter(|f| f.rule_id == "AZL001") {
                problems.push(format!(
                    "{}/{name}: parse error at {:?}: {}",
                    meta.id,
                    f.start(),
                    f.message
                ));
            }
            let mine: Vec<&Finding> = findings.iter().filter(|f| f.rule_id == meta.id).collect();
            let entry = coverage.entry(fam).or_default();
            if is_fail {
                entry.0 = true;
                if mine.is_empty() {
                    problems.push(format!("{}/{name}: expected a finding, got none", meta.id));
                }
            } else {
                entry.1 = true;
                for f in &mine {
                    problems.push(format!(
                        "{}/{name}: unexpected finding at {:?}: {}",
                        meta.id,
                        f.start(),
                        f.message
                    ));
                }
            }
            for f in &mine {
                let secret = f.file.slice(f.span).trim_matches(|c| c == '"' || c == '\'');
                if f.mask && secret.len() >= 4 && f.message.contains(secret) {
                    problems.push(format!(
                        "{}/{name}: message quotes the secret value",
                        meta.id
                    ));
                }
            }
            for f in mine {
                let (l, c) = f.start();
                snapshot.push_str(&format!(
                    "{name}:{l}:{c}: {}: {}\n",
                    f.severity.as_str(),
                    f.message
                ));
            }
        }
        for fam in ["bicep", "arm", "terraform", "azapi", "yaml"] {
            let exempt = meta.inexpressible_in.iter().any(|(f, _)| f == fam);
            let (fail, pass) = coverage.get(fam).copied().unwrap_or_default();
            if exempt {
                continue;
            }
            if !fail {
                problems.push(format!(
                    "{}: no failing {fam} fixture (or list it in inexpressible-in)",
                    meta.id
                ));
            }
            if !pass {
                problems.push(format!(
                    "{}: no passing {fam} fixture (or list it in inexpressible-in)",
                    meta.id
                ));
            }
        }
        insta::assert_snapshot!(format!("rule_{}", meta.id), snapshot);
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
