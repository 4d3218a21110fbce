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

/// No format ever prints a secret from the shipped insecure example, including secrets that
/// sit on the same line as a finding about something else (a parameter's name).
#[test]
fn no_output_format_prints_a_secret() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let secrets = [
        "Sup3rS3cret",
        "hunter2-hunter2",
        "bm90LWEtcmVhbC1rZXk",
        "ghp_0123456789abcdefghijklmnopqrstuvwxyzAB",
    ];
    for format in ["human", "compact", "json", "sarif", "github"] {
        let o = Command::new(env!("CARGO_BIN_EXE_azlint"))
            .args([
                "check",
                "examples/insecure-app",
                "--no-color",
                "--format",
                format,
            ])
            .current_dir(root)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1), "{format}: findings expected");
        let text = String::from_utf8_lossy(&o.stdout);
        assert!(text.contains("AZL101"), "{format}: {text}");
        for s in secrets {
            assert!(!text.contains(s), "{format} leaked {s}:\n{text}");
        }
    }
    let (_, out) = inspect(root, "examples/insecure-app");
    for s in secrets {
        assert!(!out.contains(s), "inspect leaked {s}");
    }
}
