//! `--rules DIR`: user rules in the built-in format run like built-in ones; an invalid rule is
//! a usage error (exit 2) naming the file, line and column.

use std::process::Command;

fn azlint(dir: &std::path::Path, args: &[&str]) -> (i32, String, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_azlint"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

const RULE: &str = r#"id: ORG901
name: require-cost-center-tag
family: governance
severity: warning
confidence: high
title: Container app has no cost-center tag
message: "`{resource}` has no `cost-center` tag"
help: |
  Every app must carry a `cost-center` tag.
resource-types: [Microsoft.App/containerApps]
when:
  path: tags.cost-center
  exists: false
"#;

const APP: &str = "resource app 'Microsoft.App/containerApps@2025-07-01' = {\n  name: 'web'\n  properties: {}\n}\n";

#[test]
fn user_rules_run_and_invalid_ones_are_reported_with_their_position() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("policy")).unwrap();
    std::fs::write(dir.path().join("policy/ORG901.yaml"), RULE).unwrap();
    std::fs::write(dir.path().join("main.bicep"), APP).unwrap();
    let (code, out, err) = azlint(
        dir.path(),
        &[
            "check",
            "main.bicep",
            "-f",
            "compact",
            "--root",
            ".",
            "--rules",
            "policy",
        ],
    );
    assert_eq!(code, 1, "{err}");
    assert!(
        out.contains("main.bicep:1:1: warning[ORG901] `app` has no `cost-center` tag"),
        "{out}"
    );
    let (_, table, _) = azlint(dir.path(), &["rules", "--rules", "policy"]);
    assert!(table.contains("ORG901"), "{table}");

    // An unknown condition key: exit 2, with file, line and column.
    std::fs::write(
        dir.path().join("policy/ORG901.yaml"),
        RULE.replace("exists: false", "exist: false"),
    )
    .unwrap();
    let (code, _, err) = azlint(
        dir.path(),
        &["check", "main.bicep", "--root", ".", "--rules", "policy"],
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("ORG901.yaml:"), "{err}");
    assert!(err.contains("exist"), "{err}");
}
