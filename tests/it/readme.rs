//! The README's rule table is generated from the rule files; this test keeps it current.
//! Regenerate with `AZLINT_UPDATE_README=1 cargo test --test it readme::`.

use azlint::__internal::cli::rules_markdown;
use azlint::RuleSet;

const START: &str = "<!-- rules:start";
const END: &str = "<!-- rules:end -->";

#[test]
fn readme_rule_table_is_current() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let start = readme.find(START).expect("README has a rules:start marker");
    let body_start = start + readme[start..].find("-->").unwrap() + 3;
    let end = readme.find(END).expect("README has a rules:end marker");
    let current = readme[body_start..end].trim();
    let generated = rules_markdown(&RuleSet::builtin());
    if current != generated.trim() {
        if std::env::var_os("AZLINT_UPDATE_README").is_some() {
            let updated = format!("{}\n{}{}", &readme[..body_start], generated, &readme[end..]);
            std::fs::write(&path, updated).unwrap();
            return;
        }
        panic!("README rule table is out of date: run `AZLINT_UPDATE_README=1 cargo test --test it readme::`");
    }
}
