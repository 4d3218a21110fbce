//! Compiled Bicep beside its source is linted once, from the source, unless --lint-compiled.

use std::process::Command;

const BICEP: &str = "resource app 'Microsoft.App/containerApps@2025-07-01' = {\n  name: 'web'\n  properties: {\n    configuration: {\n      secrets: [\n        {\n          name: 'db'\n          value: 'hunter2-hunter2'\n        }\n      ]\n    }\n  }\n}\n";

const COMPILED: &str = r#"{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "metadata": { "_generator": { "name": "bicep", "version": "0.30.0.0", "templateHash": "1" } },
  "resources": [
    {
      "type": "Microsoft.App/containerApps",
      "apiVersion": "2025-07-01",
      "name": "web",
      "properties": { "configuration": { "secrets": [ { "name": "db", "value": "hunter2-hunter2" } ] } }
    }
  ]
}
"#;

fn check(dir: &std::path::Path, extra: &[&str]) -> String {
    let o = Command::new(env!("CARGO_BIN_EXE_azlint"))
        .args(["check", ".", "-f", "compact", "--root", "."])
        .args(extra)
        .current_dir(dir)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    String::from_utf8(o.stdout).unwrap()
}

#[test]
fn compiled_json_beside_its_source_is_reported_once_unless_asked() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("main.bicep"), BICEP).unwrap();
    std::fs::write(dir.path().join("main.json"), COMPILED).unwrap();
    let out = check(dir.path(), &[]);
    assert!(out.contains("main.bicep:8:18: error[AZL101]"), "{out}");
    assert!(!out.contains("main.json"), "{out}");

    let out = check(dir.path(), &["--lint-compiled"]);
    assert!(out.contains("main.bicep:8:18: error[AZL101]"), "{out}");
    assert!(out.contains("main.json:10:"), "{out}");

    // Hand-written ARM JSON (no Bicep generator) is always linted.
    std::fs::write(
        dir.path().join("main.json"),
        COMPILED.replace("\"bicep\"", "\"handwritten\""),
    )
    .unwrap();
    let out = check(dir.path(), &[]);
    assert!(out.contains("main.json:10:"), "{out}");
}
