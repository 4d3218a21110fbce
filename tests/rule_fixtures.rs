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

use azlint::discover::Candidate;
use azlint::finding::Finding;
use azlint::frontend::{classify_json, FileKind, Loader};
use azlint::pipeline::{self, Unit};
use azlint::rules::RuleSet;

fn fixtures_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("testdata/rules")
}

/// The format family a fixture belongs to, for the coverage check.
fn family(path: &Path) -> Option<&'static str> {
    let name = path.file_name()?.to_str()?;
    if name.ends_with(".bicep") || name.ends_with(".bicepparam") {
        Some("bicep")
    } else if name.ends_with(".azapi.tf") {
        Some("azapi")
    } else if name.ends_with(".tf") || name.ends_with(".tfvars") {
        Some("terraform")
    } else if name.ends_with(".json") {
        Some("arm")
    } else if name.ends_with(".yaml") || name.ends_with(".yml") {
        Some("yaml")
    } else {
        None
    }
}

/// Lint one fixture file on its own (a `.tfvars` goes with the `.tf` of the same stem), with
/// the default rules plus those of `profiles`.
fn lint(path: &Path, rules: &RuleSet, profiles: &[&str]) -> Vec<Finding> {
    let dir = path.parent().unwrap();
    let loader = Loader::new(dir);
    let kind = FileKind::from_path(path).unwrap();
    let unit = match kind {
        FileKind::Terraform => Unit::TerraformModule {
            dir: dir.to_path_buf(),
            files: vec![path.to_path_buf()],
        },
        FileKind::TerraformVars => {
            let stem = path
                .file_name()
                .unwrap()
                .to_str()
                .unwrap()
                .trim_end_matches(".tfvars");
            let tf = dir.join(format!("{stem}.tf"));
            let tf = if tf.exists() {
                tf
            } else {
                dir.join(format!("{stem}.azurerm.tf"))
            };
            Unit::TerraformModule {
                dir: dir.to_path_buf(),
                files: vec![tf, path.to_path_buf()],
            }
        }
        FileKind::ArmTemplate => {
            let text = std::fs::read_to_string(path).unwrap();
            let kind = classify_json(&text)
                .unwrap_or_else(|| panic!("{}: not an ARM file", path.display()));
            Unit::File(Candidate {
                path: path.to_path_buf(),
                kind,
            })
        }
        kind => Unit::File(Candidate {
            path: path.to_path_buf(),
            kind,
        }),
    };
    let target = loader.display_path(path);
    let mut out = Vec::new();
    for doc in pipeline::parse_unit(&unit, &loader) {
        out.extend(pipeline::diagnostic_findings(&doc));
        out.extend(rules.evaluate_profiles(&doc, profiles));
    }
    out.retain(|f| f.file.display_path == target);
    azlint::finding::sort_findings(&mut out);
    out
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
