//! Fixes end to end, through the real front ends, engine and command line.
//!
//! - Every fix of every rule, on every `fail*` fixture of the rule: applied alone to a copy,
//!   the file still parses, the finding it was made for is gone on re-lint, and no edit
//!   carries the secret the finding masks. Each rule's fix must work in every format family
//!   it supports that has a failing fixture. The edits are snapshotted per rule as diffs
//!   (`it__fixes__fix_AZL….snap`), so a reviewer reads what each fix writes in each language.
//! - The round trip: `azlint check --fix --unsafe-fixes` on `examples/insecure-app` builds
//!   the same resources (types, names, property paths and values), except the properties the
//!   fixes edited.
//! - `--diff` output on the insecure example, snapshotted; files written back keep their
//!   encoding (byte-order mark, UTF-16) and CRLF line endings.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use azlint::__internal::fix;
use azlint::{Applicability, Engine, Finding, Input, Options, RuleSet};

use crate::support::{self, copy_dir, copy_fixture, family};

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn lint(root: &Path, target: &Path) -> Vec<Finding> {
    support::check(&support::engine(root, &[]), &[target])
}

/// Apply one fix to the files on disk; returns the original texts to restore.
fn apply(f: &azlint::Fix) -> Vec<(PathBuf, String)> {
    let mut originals = Vec::new();
    for file in f.files() {
        let edits: Vec<&azlint::Edit> = f
            .edits
            .iter()
            .filter(|e| e.path() == file.display_path)
            .collect();
        let new = fix::apply_edits(&file.text, &edits);
        originals.push((file.path.clone(), file.text.to_string()));
        fix::write_file(&file.path, &new, file.encoding).unwrap();
    }
    originals
}

/// Whether `terraform fmt` leaves `text` unchanged; `None` without terraform.
fn fmt_clean(text: &str) -> Option<bool> {
    use std::io::Write;
    let mut child = Command::new("terraform")
        .args(["fmt", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .ok()?;
    child.stdin.take()?.write_all(text.as_bytes()).ok()?;
    let out = child.wait_with_output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout) == text)
}

/// Fixes that are a first step, whose remaining step another rule reports (its help says
/// how): a Dapr metadata credential moved to a secure parameter should then be read through
/// a component secret (`secretRef`, AZL139); a container group credential moved to a
/// secure parameter belongs in `secureValue` (AZL140).
const FOLLOW_UPS: &[(&str, &str)] = &[("AZL111", "AZL139"), ("AZL133", "AZL140")];

#[test]
fn every_fix_relints_clean_in_every_language_it_exists_for() {
    let rules = RuleSet::builtin();
    let fixtures = manifest().join("testdata/rules");
    let only: Option<Vec<String>> = std::env::var("AZLINT_RULES").ok().map(|v| {
        v.split(',')
            .map(|s| s.trim().to_ascii_uppercase())
            .collect()
    });
    let mut problems = Vec::new();
    let mut with_fixes = 0;
    for meta in rules.metas().filter(|m| m.fix.is_some()) {
        if only.as_ref().is_some_and(|o| !o.contains(&meta.id)) {
            continue;
        }
        with_fixes += 1;
        let mut files: Vec<PathBuf> = std::fs::read_dir(fixtures.join(&meta.id))
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with("fail"))
            })
            .collect();
        files.sort();
        let mut fixed_in: BTreeMap<&str, usize> = BTreeMap::new();
        let mut failing_in: BTreeSet<&str> = BTreeSet::new();
        let mut snapshot = String::new();
        for path in &files {
            let Some(fam) = family(path) else { continue };
            failing_in.insert(fam);
            let name = path.file_name().unwrap().to_str().unwrap();
            let copy = copy_fixture(path);
            let before = lint(&copy.root, &copy.target);
            let mine: Vec<&Finding> = before
                .iter()
                .filter(|f| f.rule_id == meta.id && f.suppressed.is_none())
                .collect();
            for f in mine {
                let (line, col) = f.start();
                if f.fixes.is_empty() {
                    snapshot.push_str(&format!("{name}:{line}:{col}: no fix\n\n"));
                    continue;
                }
                for x in &f.fixes {
                    let secret = f.mask.then(|| {
                        f.file
                            .slice(f.span)
                            .trim_matches(|c| c == '\'' || c == '"')
                            .to_string()
                    });
                    if let Some(s) = secret.filter(|s| s.len() >= 4) {
                        if x.edits.iter().any(|e| e.replacement.contains(&s)) {
                            problems.push(format!("{}/{name}: a fix writes the secret", meta.id));
                        }
                    }
                    if x.applicability != meta.fix.as_ref().unwrap().applicability {
                        problems.push(format!(
                            "{}/{name}: fix applicability differs from the rule's",
                            meta.id
                        ));
                    }
                    let originals = apply(x);
                    let after = lint(&copy.root, &copy.target);
                    snapshot.push_str(&format!(
                        "{name}:{line}:{col}: {} — {}\n",
                        x.applicability.as_str(),
                        x.title
                    ));
                    for (p, old) in &originals {
                        let new = std::fs::read_to_string(p).unwrap();
                        let display = p.strip_prefix(&copy.root).unwrap().to_string_lossy();
                        snapshot.push_str(&fix::unified_diff(&display, old, &new));
                    }
                    snapshot.push('\n');
                    for e in after.iter().filter(|g| g.rule_id == "AZL001") {
                        problems.push(format!(
                            "{}/{name}: after the fix `{}` the file does not parse: {} at {:?}",
                            meta.id,
                            x.title,
                            e.message,
                            e.start()
                        ));
                    }
                    if after
                        .iter()
                        .any(|g| g.rule_id == f.rule_id && g.identity_key() == f.identity_key())
                    {
                        problems.push(format!(
                            "{}/{name}:{line}:{col}: still reported after the fix `{}`",
                            meta.id, x.title
                        ));
                    }
                    // A fix must not create a problem that was not there. A note may appear:
                    // the next step (a secret now passed securely is "not in Key Vault yet").
                    let old_ids: BTreeSet<(&str, String)> = before
                        .iter()
                        .map(|g| (g.rule_id.as_str(), g.identity_key()))
                        .collect();
                    for g in after.iter().filter(|g| g.suppressed.is_none()) {
                        if old_ids.contains(&(g.rule_id.as_str(), g.identity_key())) {
                            continue;
                        }
                        if g.severity == azlint::Severity::Note
                            || FOLLOW_UPS.contains(&(meta.id.as_str(), g.rule_id.as_str()))
                        {
                            snapshot.push_str(&format!(
                                "then: {}[{}] {}\n",
                                g.severity.as_str(),
                                g.rule_id,
                                g.message
                            ));
                        } else {
                            problems.push(format!(
                                "{}/{name}: the fix `{}` brings a new {} finding: {}",
                                meta.id, x.title, g.rule_id, g.message
                            ));
                        }
                    }
                    // Terraform files that `terraform fmt` accepted still pass `fmt -check`
                    // (checked when terraform is installed).
                    for (p, old) in &originals {
                        if p.extension().is_some_and(|e| e == "tf") && fmt_clean(old) == Some(true)
                        {
                            let new = std::fs::read_to_string(p).unwrap();
                            if fmt_clean(&new) == Some(false) {
                                problems.push(format!(
                                    "{}/{name}: after the fix `{}` `terraform fmt -check` fails",
                                    meta.id, x.title
                                ));
                            }
                        }
                    }
                    for (p, old) in originals {
                        std::fs::write(p, old).unwrap();
                    }
                    *fixed_in.entry(fam).or_default() += 1;
                }
            }
        }
        for fam in &meta.fix.as_ref().unwrap().families {
            if failing_in.contains(fam.as_str()) && !fixed_in.contains_key(fam.as_str()) {
                problems.push(format!(
                    "{}: no fixture in the {fam} family gets a fix",
                    meta.id
                ));
            }
        }
        insta::assert_snapshot!(format!("fix_{}", meta.id), snapshot);
    }
    assert!(with_fixes > 0);
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// The model of a folder: per resource (file and type, name), every leaf path with its
/// literal value (expressions by kind).
fn model(root: &Path) -> BTreeMap<(String, String), BTreeMap<String, String>> {
    let opts = Options {
        root: Some(root.to_path_buf()),
        no_config: true,
        ..Options::default()
    };
    let engine = Engine::new(&opts, root, Some(root)).unwrap();
    let docs = engine
        .documents(&Input {
            paths: vec![root.to_path_buf()],
            ..Input::default()
        })
        .unwrap();
    let mut out = BTreeMap::new();
    for d in &docs {
        for r in &d.resources {
            let mut leaves = BTreeMap::new();
            r.body.walk(&mut |path, node| {
                // Literals by value; an expression by kind only: a fix that marks a
                // parameter secure changes the provenance of every value read from it.
                match &node.value {
                    azlint::__internal::model::Value::Object(_)
                    | azlint::__internal::model::Value::Array(_) => {}
                    azlint::__internal::model::Value::Expr(_) => {
                        leaves.insert(path.to_string(), "<expression>".to_string());
                    }
                    v => {
                        leaves.insert(path.to_string(), serde_json::to_string(v).unwrap());
                    }
                }
            });
            out.insert(
                (
                    format!("{}:{}", d.files[0].display_path, r.resource_type),
                    r.name.clone(),
                ),
                leaves,
            );
        }
    }
    out
}

fn azlint(args: &[&str], cwd: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_azlint"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

#[test]
fn fixing_the_insecure_example_keeps_its_resources() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("insecure-app");
    copy_dir(&manifest().join("examples/insecure-app"), &root, &|_| true);
    let before = model(&root);
    let findings = lint(&root, &root);
    let fixed_paths: BTreeSet<(String, String)> = findings
        .iter()
        .filter(|f| !f.fixes.is_empty())
        .filter_map(|f| Some((f.resource.clone()?, f.property.clone()?)))
        .collect();
    assert!(fixed_paths.len() >= 8, "{fixed_paths:?}");

    let out = azlint(
        &["check", ".", "--fix", "--unsafe-fixes", "-f", "compact"],
        &root,
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("azlint: fixed "), "{stderr}");
    let remaining = String::from_utf8_lossy(&out.stdout);
    // No fixable finding is left, and nothing fails to parse.
    let after_findings = lint(&root, &root);
    assert!(
        after_findings.iter().all(|f| f.rule_id != "AZL001"),
        "{remaining}"
    );
    for f in &after_findings {
        assert!(
            f.fixes.is_empty(),
            "{} at {}:{:?} still has a fix: {}",
            f.rule_id,
            f.path(),
            f.start(),
            f.fixes[0].title
        );
    }
    assert_eq!(
        remaining.lines().count(),
        after_findings
            .iter()
            .filter(|f| f.suppressed.is_none())
            .count()
    );

    let after = model(&root);
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>(),
        "the same resources"
    );
    // Edited: the fixed properties (and everything under them).
    let edited = |name: &str, path: &str| {
        fixed_paths
            .iter()
            .any(|(r, p)| r == name && (path == p || path.starts_with(&format!("{p}."))))
    };
    let mut differences = Vec::new();
    for (key, old) in &before {
        let new = &after[key];
        for (path, v) in old {
            if edited(&key.1, path) {
                continue;
            }
            match new.get(path) {
                None => differences.push(format!("{key:?} lost {path}")),
                Some(w) if w != v => differences.push(format!("{key:?} {path}: {v} → {w}")),
                _ => {}
            }
        }
        for path in new.keys() {
            if !old.contains_key(path) && !edited(&key.1, path) {
                differences.push(format!("{key:?} gained {path}"));
            }
        }
    }
    assert!(differences.is_empty(), "{}", differences.join("\n"));
    // And the edited properties really changed.
    let changed = fixed_paths
        .iter()
        .filter(|(r, p)| {
            before
                .iter()
                .find(|(k, _)| &k.1 == r)
                .map(|(k, old)| old.get(p.as_str()) != after[k].get(p.as_str()))
                .unwrap_or(false)
        })
        .count();
    assert!(changed >= 8, "only {changed} fixed properties changed");
}

#[test]
fn diff_of_the_insecure_example() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("insecure-app");
    copy_dir(&manifest().join("examples/insecure-app"), &root, &|_| true);
    let safe = azlint(&["check", ".", "--diff"], &root);
    assert_eq!(safe.status.code(), Some(1), "changes to show: exit 1");
    let all = azlint(&["check", ".", "--diff", "--unsafe-fixes"], &root);
    assert_eq!(all.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&safe.stderr);
    assert!(stderr.contains("would fix"), "{stderr}");
    assert!(
        stderr.contains("an unsafe fix") || stderr.contains("unsafe fix"),
        "{stderr}"
    );
    // Nothing was written.
    for f in [
        "main.bicep",
        "main.tf",
        "azuredeploy.json",
        "containerapp.yaml",
    ] {
        assert_eq!(
            std::fs::read(root.join(f)).unwrap(),
            std::fs::read(manifest().join("examples/insecure-app").join(f)).unwrap()
        );
    }
    // The diff shows the lines a fix changes, never the secrets on them.
    for out in [&safe.stdout, &all.stdout] {
        let text = String::from_utf8_lossy(out);
        for secret in [
            "Sup3rS3cret!",
            "hunter2-hunter2",
            "bm90LWEtcmVhbC1rZXk",
            "ghp_0123456789",
        ] {
            assert!(!text.contains(secret), "the diff shows a secret:\n{text}");
        }
    }
    insta::assert_snapshot!("diff_safe", String::from_utf8_lossy(&safe.stdout));
    insta::assert_snapshot!("diff_unsafe", String::from_utf8_lossy(&all.stdout));
    // Nothing left to fix: exit 0, no output.
    let clean = tempfile::tempdir().unwrap();
    std::fs::write(
        clean.path().join("main.bicep"),
        "param location string = resourceGroup().location\n",
    )
    .unwrap();
    let none = azlint(&["check", ".", "--diff", "--unsafe-fixes"], clean.path());
    assert_eq!(none.status.code(), Some(0));
    assert!(none.stdout.is_empty());
}

#[test]
fn fixed_files_keep_their_encoding_and_line_endings() {
    let bicep = "resource app 'Microsoft.App/containerApps@2025-07-01' = {\r\n  name: 'web'\r\n  properties: {\r\n    configuration: {\r\n      ingress: {\r\n        external: true\r\n        allowInsecure: true // é\r\n      }\r\n    }\r\n  }\r\n}\r\n";
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("crlf.bicep", bicep.as_bytes().to_vec()),
        (
            "bom.bicep",
            [&[0xEF, 0xBB, 0xBF][..], bicep.as_bytes()].concat(),
        ),
        (
            "utf16le.bicep",
            fix::encode(bicep, azlint::__internal::source::Encoding::Utf16Le),
        ),
        (
            "utf16be.bicep",
            fix::encode(bicep, azlint::__internal::source::Encoding::Utf16Be),
        ),
    ];
    let tmp = tempfile::tempdir().unwrap();
    for (name, bytes) in &cases {
        std::fs::write(tmp.path().join(name), bytes).unwrap();
    }
    let out = azlint(&["check", ".", "--fix", "--select", "AZL401"], tmp.path());
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let expected = bicep.replace("allowInsecure: true", "allowInsecure: false");
    for (name, bytes) in &cases {
        let now = std::fs::read(tmp.path().join(name)).unwrap();
        let encoding = match *name {
            "bom.bicep" => azlint::__internal::source::Encoding::Utf8Bom,
            "utf16le.bicep" => azlint::__internal::source::Encoding::Utf16Le,
            "utf16be.bicep" => azlint::__internal::source::Encoding::Utf16Be,
            _ => azlint::__internal::source::Encoding::Utf8,
        };
        assert_ne!(&now, bytes, "{name} was fixed");
        assert_eq!(now, fix::encode(&expected, encoding), "{name}");
    }
}

#[test]
fn unsafe_fixes_need_the_opt_in_and_suppression_is_never_applied() {
    let tmp = tempfile::tempdir().unwrap();
    let text = "resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {\n  name: 'acr'\n  location: 'westeurope'\n  sku: { name: 'Basic' }\n  properties: {\n    adminUserEnabled: true\n  }\n}\n";
    std::fs::write(tmp.path().join("acr.bicep"), text).unwrap();
    let findings = lint(tmp.path(), tmp.path());
    let f = findings.iter().find(|f| f.rule_id == "AZL302").unwrap();
    assert_eq!(f.fixes.len(), 1);
    assert_eq!(f.fixes[0].applicability, Applicability::Unsafe);
    // The suppression fix: above the line, indented like it, with a reason placeholder.
    let s = fix::suppression(f);
    let suppressed = fix::apply_edits(&f.file.text, &s.edits.iter().collect::<Vec<_>>());
    assert!(
        suppressed.contains(
            "    // azlint-disable-next-line AZL302 <reason>\n    adminUserEnabled: true"
        ),
        "{suppressed}"
    );
    std::fs::write(tmp.path().join("acr.bicep"), &suppressed).unwrap();
    let again = lint(tmp.path(), tmp.path());
    let g = again.iter().find(|g| g.rule_id == "AZL302").unwrap();
    assert!(
        g.suppressed.is_some(),
        "the directive suppresses the finding"
    );
    std::fs::write(tmp.path().join("acr.bicep"), text).unwrap();

    let safe_only = azlint(&["check", ".", "--fix"], tmp.path());
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("acr.bicep")).unwrap(),
        text
    );
    let stderr = String::from_utf8_lossy(&safe_only.stderr);
    assert!(stderr.contains("fixed 0 findings"), "{stderr}");
    assert!(stderr.contains("--unsafe-fixes"), "{stderr}");
    let with_unsafe = azlint(&["check", ".", "--fix", "--unsafe-fixes"], tmp.path());
    assert_eq!(with_unsafe.status.code(), Some(0));
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("acr.bicep")).unwrap(),
        text.replace("adminUserEnabled: true", "adminUserEnabled: false")
    );
}

/// SARIF `fixes` describe exactly the finding's edits: each replacement's region, converted
/// back from UTF-16 line/column, is the edit's byte range, and the inserted text its
/// replacement.
#[test]
fn sarif_fixes_are_the_findings_edits() {
    let root = manifest().join("examples/insecure-app");
    let findings = lint(&root, &root);
    let rules = RuleSet::builtin();
    let ctx = azlint::ReportContext::new(&rules, "0.0.0");
    let log: serde_json::Value = serde_json::from_str(&azlint::render(
        azlint::OutputFormat::Sarif,
        &findings,
        &ctx,
    ))
    .unwrap();
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), findings.len());
    let mut checked = 0;
    for (r, f) in results.iter().zip(&findings) {
        let fixes = r["fixes"].as_array().map(Vec::as_slice).unwrap_or(&[]);
        assert_eq!(fixes.len(), f.fixes.len(), "{}", f.rule_id);
        for (sx, x) in fixes.iter().zip(&f.fixes) {
            assert_eq!(
                sx["properties"]["applicability"],
                serde_json::json!(x.applicability.as_str())
            );
            let mut replacements = Vec::new();
            for change in sx["artifactChanges"].as_array().unwrap() {
                let uri = change["artifactLocation"]["uri"].as_str().unwrap();
                for rep in change["replacements"].as_array().unwrap() {
                    replacements.push((uri.to_string(), rep.clone()));
                }
            }
            assert_eq!(replacements.len(), x.edits.len());
            for e in &x.edits {
                let file = &e.file;
                let offset = |line: &serde_json::Value, col: &serde_json::Value| {
                    file.line_index.offset_of_utf16(
                        &file.text,
                        line.as_u64().unwrap() as usize - 1,
                        col.as_u64().unwrap() as usize - 1,
                    )
                };
                let found = replacements.iter().any(|(uri, rep)| {
                    let reg = &rep["deletedRegion"];
                    uri == e.path()
                        && offset(&reg["startLine"], &reg["startColumn"]) == e.start as usize
                        && offset(&reg["endLine"], &reg["endColumn"]) == e.end as usize
                        && rep["insertedContent"]["text"].as_str().unwrap_or("") == e.replacement
                });
                assert!(found, "{}: no SARIF replacement for {e:?}", f.rule_id);
                checked += 1;
            }
        }
    }
    assert!(checked >= 15, "{checked}");
}

/// `rules/README.md` lists every rule's fix (generated table) and names every rule without one
/// with the reason. Regenerate the table with `AZLINT_UPDATE_README=1 cargo test --test it fixes::`.
#[test]
fn the_rules_readme_lists_every_fix_and_every_rule_without_one() {
    const START: &str = "<!-- fixes:start";
    const END: &str = "<!-- fixes:end -->";
    let rules = RuleSet::builtin();
    let mut metas: Vec<_> = rules.metas().collect();
    metas.sort_by(|a, b| a.id.cmp(&b.id));
    let mut table = String::from("| Rule | Fix | Applicability | Languages |\n|---|---|---|---|\n");
    for m in metas.iter().filter(|m| m.fix.is_some()) {
        let fix = m.fix.as_ref().unwrap();
        let languages: Vec<&str> = fix
            .families
            .iter()
            .map(String::as_str)
            .filter(|f| !m.inexpressible_in.iter().any(|(x, _)| x == f))
            .collect();
        table.push_str(&format!(
            "| {} `{}` | {} | {} | {} |\n",
            m.id,
            m.name,
            fix.title,
            fix.applicability.as_str(),
            languages.join(", ")
        ));
    }
    let path = manifest().join("rules/README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let start = readme.find(START).expect("a fixes:start marker");
    let body_start = start + readme[start..].find("-->").unwrap() + 3;
    let end = readme.find(END).expect("a fixes:end marker");
    if readme[body_start..end].trim() != table.trim() {
        if std::env::var_os("AZLINT_UPDATE_README").is_some() {
            let updated = format!("{}\n{}{}", &readme[..body_start], table, &readme[end..]);
            std::fs::write(&path, updated).unwrap();
        } else {
            panic!("rules/README.md fix table is out of date: run `AZLINT_UPDATE_README=1 cargo test --test it fixes::`");
        }
    }
    // Every rule without a fix is named (alone or in a range) with the reason.
    let without = &readme[readme.find("Rules without a fix").unwrap()..];
    let without = &without[..without.find("## Example").unwrap()];
    let mut named: BTreeSet<u32> = BTreeSet::new();
    let number = |s: &str| {
        s.strip_prefix("AZL")
            .and_then(|n| n.get(..3)?.parse::<u32>().ok())
    };
    let words: Vec<&str> = without
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '–'))
        .filter(|w| !w.is_empty())
        .collect();
    for w in words {
        match w.split_once('–') {
            Some((a, b)) => {
                if let (Some(a), Some(b)) = (number(a), number(b)) {
                    named.extend(a..=b);
                }
            }
            None => named.extend(number(w)),
        }
    }
    for m in metas.iter().filter(|m| m.fix.is_none()) {
        let n = number(&m.id).unwrap();
        assert!(
            named.contains(&n),
            "{} has no fix and is not listed under \"Rules without a fix\" in rules/README.md",
            m.id
        );
    }
    for m in metas.iter().filter(|m| m.fix.is_some()) {
        assert!(
            !named.contains(&number(&m.id).unwrap()),
            "{} has a fix but is listed as having none",
            m.id
        );
    }
}

/// Terraform: a module with a `variables.tf` gets the new variable there; an azapi body
/// written as `jsonencode({…})` is edited inside the call; `.tf.json` files get no fix.
#[test]
fn terraform_variables_file_jsonencode_bodies_and_json_configs() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    std::fs::write(
        root.join("variables.tf"),
        "variable \"location\" {\n  type = string\n}\n",
    )
    .unwrap();
    std::fs::write(
        root.join("main.tf"),
        r#"resource "azurerm_container_app" "web" {
  name                         = "web"
  container_app_environment_id = var.env_id
  resource_group_name          = "rg"
  revision_mode                = "Single"

  secret {
    name  = "db-password"
    value = "hunter2hunter2"
  }

  template {
    container {
      name   = "web"
      image  = "web:1"
      cpu    = 0.25
      memory = "0.5Gi"
    }
  }
}

resource "azapi_resource" "acr" {
  type      = "Microsoft.ContainerRegistry/registries@2023-07-01"
  name      = "acr"
  parent_id = var.rg_id
  body = jsonencode({
    sku = { name = "Basic" }
    properties = {
      adminUserEnabled = true
    }
  })
}
"#,
    )
    .unwrap();
    let out = azlint(
        &[
            "check",
            ".",
            "--fix",
            "--unsafe-fixes",
            "--select",
            "AZL101,AZL302",
        ],
        root,
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let vars = std::fs::read_to_string(root.join("variables.tf")).unwrap();
    assert_eq!(
        vars,
        "variable \"location\" {\n  type = string\n}\n\nvariable \"db_password\" {\n  type      = string\n  sensitive = true\n}\n"
    );
    let main = std::fs::read_to_string(root.join("main.tf")).unwrap();
    assert!(main.contains("    value = var.db_password\n"), "{main}");
    assert!(!main.contains("hunter2hunter2"), "{main}");
    assert!(main.contains("      adminUserEnabled = false\n"), "{main}");
    assert!(!main.contains("variable \""), "{main}");

    // The same registry in Terraform JSON syntax: reported, but no edit is offered.
    let json = tempfile::tempdir().unwrap();
    std::fs::write(
        json.path().join("main.tf.json"),
        r#"{"resource": {"azurerm_container_registry": {"acr": {"name": "acr", "resource_group_name": "rg", "location": "westeurope", "sku": "Basic", "admin_enabled": true}}}}"#,
    )
    .unwrap();
    let findings = lint(json.path(), json.path());
    let f = findings
        .iter()
        .find(|f| f.rule_id == "AZL302")
        .expect("reported");
    assert!(f.fixes.is_empty());
}

#[test]
fn fix_refuses_stdin_and_diff_reads_it() {
    let text = "resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {\n  name: 'acr'\n  location: 'westeurope'\n  sku: { name: 'Basic' }\n  properties: {\n    adminUserEnabled: true\n  }\n}\n";
    let tmp = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        use std::io::Write;
        let mut child = Command::new(env!("CARGO_BIN_EXE_azlint"))
            .args(args)
            .current_dir(tmp.path())
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    };
    let fix = run(&[
        "check",
        "-",
        "--stdin-filename",
        "acr.bicep",
        "--fix",
        "--unsafe-fixes",
    ]);
    assert_eq!(fix.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&fix.stderr).contains("--fix cannot write to stdin"));
    let diff = run(&[
        "check",
        "-",
        "--stdin-filename",
        "acr.bicep",
        "--diff",
        "--unsafe-fixes",
    ]);
    assert_eq!(diff.status.code(), Some(1));
    let out = String::from_utf8_lossy(&diff.stdout);
    assert!(
        out.contains("--- a/acr.bicep\n+++ b/acr.bicep\n")
            && out.contains("-    adminUserEnabled: true\n+    adminUserEnabled: false\n"),
        "{out}"
    );
    assert!(!tmp.path().join("acr.bicep").exists());
}

use crate::corpus_support;

/// Every fix the real-world corpus gets (`../shared/corpus`, skipped when absent), applied
/// pass after pass in memory as `--fix --unsafe-fixes` does: no file that parsed stops
/// parsing, nothing fixable is left, and every Terraform file `terraform fmt` accepted is
/// still accepted (when terraform is installed).
#[test]
fn corpus_fixes_keep_files_parseable_and_formatted() {
    let Some(corpus) = corpus_support::corpus_dir() else {
        eprintln!("skipping: corpus not found (../shared/corpus or ../../shared/corpus)");
        return;
    };
    let corpus = corpus.canonicalize().unwrap_or(corpus);
    let opts = Options {
        root: Some(corpus.clone()),
        no_config: true,
        no_ignore: true,
        ..Options::default()
    };
    let engine = Engine::new(&opts, &corpus, Some(&corpus)).expect("an engine");
    let mut input = Input {
        paths: vec![corpus.clone()],
        ..Input::default()
    };
    let unparseable = |findings: &[Finding]| -> BTreeSet<String> {
        findings
            .iter()
            .filter(|f| f.rule_id == "AZL001")
            .map(|f| f.path().to_string())
            .collect()
    };
    let mut report = engine.check(&input).unwrap();
    let broken_before = unparseable(&report.findings);
    let mut originals: BTreeMap<PathBuf, String> = BTreeMap::new();
    let mut fixed = 0;
    for _ in 0..10 {
        let plan = fix::plan(&report.findings, true);
        if plan.changes.is_empty() {
            break;
        }
        fixed += plan.fixed;
        for c in plan.changes {
            originals
                .entry(c.file.path.clone())
                .or_insert_with(|| c.file.text.to_string());
            input.overlays.insert(c.file.path.clone(), c.text.into());
        }
        report = engine.check(&input).unwrap();
    }
    let broken: Vec<String> = unparseable(&report.findings)
        .difference(&broken_before)
        .cloned()
        .collect();
    assert!(broken.is_empty(), "fixes broke: {broken:?}");
    let left: Vec<String> = report
        .unsuppressed()
        .filter(|f| !f.fixes.is_empty())
        .map(|f| format!("{} {}:{:?}", f.rule_id, f.path(), f.start()))
        .collect();
    assert!(left.is_empty(), "still fixable after 10 passes: {left:?}");
    assert!(fixed > 100, "only {fixed} fixes in the corpus");
    // Two `terraform fmt` runs over copies (one per side) instead of two per file.
    let tmp = tempfile::tempdir().unwrap();
    let tf: Vec<&PathBuf> = originals
        .keys()
        .filter(|p| p.extension().is_some_and(|e| e == "tf"))
        .collect();
    for side in ["old", "new"] {
        let dir = tmp.path().join(side);
        std::fs::create_dir_all(&dir).unwrap();
        for (i, p) in tf.iter().enumerate() {
            let text = match side {
                "old" => originals[*p].clone(),
                _ => input.overlays[*p].to_string(),
            };
            std::fs::write(dir.join(format!("{i}.tf")), text).unwrap();
        }
    }
    let needs_fmt = |side: &str| -> Option<BTreeSet<String>> {
        let out = Command::new("terraform")
            .args(["fmt", "-check", "-list=true", "-recursive"])
            .arg(tmp.path().join(side))
            .stderr(std::process::Stdio::null())
            .output()
            .ok()?;
        Some(
            String::from_utf8_lossy(&out.stdout)
                .lines()
                .filter_map(|l| Path::new(l.trim()).file_name())
                .map(|n| n.to_string_lossy().into_owned())
                .collect(),
        )
    };
    if let (Some(old), Some(new)) = (needs_fmt("old"), needs_fmt("new")) {
        let unformatted: Vec<String> = new
            .difference(&old)
            .filter_map(|n| n.trim_end_matches(".tf").parse::<usize>().ok())
            .map(|i| tf[i].display().to_string())
            .collect();
        assert!(
            unformatted.is_empty(),
            "no longer `terraform fmt` clean: {unformatted:?}"
        );
        eprintln!(
            "corpus: {} Terraform files fixed, {} of them were fmt-clean",
            tf.len(),
            tf.len() - old.len()
        );
    }
    eprintln!("corpus: {fixed} fixes in {} files", originals.len());
}
