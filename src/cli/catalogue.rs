//! `azlint rules` and `azlint explain`: the rule catalogue (built-in rules, the engine's own
//! diagnostics, and rules from `--rules DIR`).

use std::path::PathBuf;

use super::{write_stdout, RulesFormat};
use crate::rules::{RuleMeta, RuleSet};

fn load_rules(dirs: &[PathBuf]) -> Result<RuleSet, String> {
    let mut set = RuleSet::builtin();
    for d in dirs {
        set.extend(RuleSet::load_dir(d)?)?;
    }
    Ok(set)
}

pub(super) fn rules(rule_dirs: &[PathBuf], format: RulesFormat) -> Result<i32, String> {
    let rules = load_rules(rule_dirs)?;
    let catalogue = catalogue(&rules);
    match format {
        RulesFormat::Json => {
            let json = serde_json::to_string_pretty(&catalogue).map_err(|e| e.to_string())?;
            write_stdout(&format!("{json}\n"));
        }
        RulesFormat::Markdown => write_stdout(&rules_markdown(&rules)),
        RulesFormat::Table => {
            let mut table = format!(
                "{:<8} {:<8} {:<9} {:<40} TITLE\n",
                "ID", "SEVERITY", "FAMILY", "NAME"
            );
            for r in &catalogue {
                table.push_str(&format!(
                    "{:<8} {:<8} {:<9} {:<40} {}\n",
                    r.id,
                    r.severity.as_str(),
                    r.family,
                    r.name,
                    r.title
                ));
            }
            write_stdout(&table);
        }
    }
    Ok(0)
}

pub(super) fn explain(rule: &str, rule_dirs: &[PathBuf]) -> Result<i32, String> {
    let rules = load_rules(rule_dirs)?;
    let catalogue = catalogue(&rules);
    let r = catalogue
        .iter()
        .find(|r| r.id.eq_ignore_ascii_case(rule) || r.name.eq_ignore_ascii_case(rule))
        .ok_or_else(|| {
            format!("no rule `{rule}` (see `azlint rules`; custom rules need --rules DIR)")
        })?;
    write_stdout(&format!(
        "{} {} ({}, {})\n\n{}\n\n{}\n",
        r.id,
        r.name,
        r.family,
        r.severity.as_str(),
        r.title,
        r.help_for(&[])
    ));
    if let Some(url) = &r.docs_url {
        write_stdout(&format!("\n{url}\n"));
    }
    Ok(0)
}

/// The rule catalogue as a Markdown table (the README's rule section is generated from it,
/// and the test below keeps the README current).
pub fn rules_markdown(rules: &RuleSet) -> String {
    let families = crate::lang::families();
    let mut md = String::from(
        "| ID | Name | Severity | Family | What it finds | Formats |\n|---|---|---|---|---|---|\n",
    );
    for r in catalogue(rules) {
        let formats = if r.family == "meta" {
            "all".to_string()
        } else {
            families
                .iter()
                .filter(|f| !r.inexpressible_in.iter().any(|(x, _)| x == *f))
                .copied()
                .collect::<Vec<_>>()
                .join(", ")
        };
        md.push_str(&format!(
            "| {} | `{}` | {} | {} | {} | {} |\n",
            r.id,
            r.name,
            r.severity.as_str(),
            r.family,
            r.title.replace('|', "\\|"),
            formats
        ));
    }
    md
}

/// The loaded rules (the engine's own diagnostics are built-in rules), sorted by id.
fn catalogue(rules: &RuleSet) -> Vec<RuleMeta> {
    let mut all: Vec<RuleMeta> = rules.metas().cloned().collect();
    all.sort_by(|a, b| a.id.cmp(&b.id));
    all
}

#[cfg(test)]
mod tests {
    //! The README's rule table is generated from the rule files; this test keeps it current.
    //! Regenerate with `AZLINT_UPDATE_README=1 cargo test --lib readme_rule_table`.

    use super::rules_markdown;
    use crate::rules::RuleSet;

    const START: &str = "<!-- rules:start";
    const END: &str = "<!-- rules:end -->";

    #[test]
    fn readme_rule_table_is_current() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
        let readme = std::fs::read_to_string(&path).unwrap();
        // The markers are ASCII, so the split points are character boundaries.
        let (_, from_start) = readme
            .split_once(START)
            .expect("README has a rules:start marker");
        let (_, body) = from_start.split_once("-->").unwrap();
        let (current, after) = body.split_once(END).expect("README has a rules:end marker");
        let before = readme.strip_suffix(body).unwrap_or_default();
        let current = current.trim();
        let generated = rules_markdown(&RuleSet::builtin());
        if current != generated.trim() {
            if std::env::var_os("AZLINT_UPDATE_README").is_some() {
                let updated = format!("{before}\n{generated}{END}{after}");
                std::fs::write(&path, updated).unwrap();
                return;
            }
            panic!("README rule table is out of date: run `AZLINT_UPDATE_README=1 cargo test --lib readme_rule_table`");
        }
    }
}
