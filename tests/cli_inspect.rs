//! `azlint inspect` prints the model as JSON, with secrets masked.

use std::process::Command;

fn inspect(dir: &std::path::Path, file: &str) -> (i32, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_azlint"))
        .args(["inspect", file, "--root"])
        .arg(dir)
        .current_dir(dir)
        .output()
        .unwrap();
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into_owned(),
    )
}

#[test]
fn inspect_shows_the_model_but_never_a_secret() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("app.json"),
        r#"{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "parameters": { "adminPassword": { "type": "string", "defaultValue": "Corr3ct-Horse-Battery" } },
  "resources": [{
    "type": "Microsoft.App/containerApps", "apiVersion": "2025-07-01", "name": "web",
    "properties": {
      "configuration": { "secrets": [ { "name": "db", "value": "hunter2-hunter2" } ] },
      "template": { "containers": [ { "name": "c", "image": "nginx",
        "env": [ { "name": "CONN", "value": "Server=tcp:x.database.windows.net;Password=Tr0ub4dor&3;" } ] } ] }
    }
  }]
}"#,
    )
    .unwrap();
    let (code, out) = inspect(dir.path(), "app.json");
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        json[0]["resources"][0]["type"],
        "Microsoft.App/containerApps"
    );
    for secret in ["Corr3ct-Horse-Battery", "hunter2-hunter2", "Tr0ub4dor"] {
        assert!(!out.contains(secret), "inspect leaked {secret}");
    }
    assert!(out.contains("********"));
    // Non-secret values stay visible.
    assert!(out.contains("nginx"));
}
