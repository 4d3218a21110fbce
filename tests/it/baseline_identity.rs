//! Baselines survive inserting an array item before baselined findings (newcomer audit D6):
//! write a baseline, insert a secret / an environment variable at the top of their lists,
//! run again — nothing new, nothing "fixed", although every array position moved.

use std::path::Path;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn azlint(root: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_azlint"))
        .current_dir(root)
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .expect("run azlint")
}

const BICEP_BEFORE: &str = "\
resource app 'Microsoft.App/containerApps@2024-03-01' = {
  name: 'web'
  location: 'westeurope'
  properties: {
    configuration: {
      secrets: [
        { name: 'acr-password', value: 'Sup3rSecretAcr!' }
        { name: 'db-password', value: 'Sup3rSecretDb!' }
      ]
    }
    template: {
      containers: [
        {
          name: 'web'
          image: 'mcr.microsoft.com/k8se/quickstart:latest'
          env: [
            { name: 'API_KEY', secretRef: 'missing-secret' }
            { name: 'DB_PASSWORD', value: 'plaintextPass123!' }
          ]
        }
      ]
    }
  }
}
";

const TF_BEFORE: &str = r#"resource "azurerm_container_app" "web" {
  name                         = "web"
  container_app_environment_id = "env"
  resource_group_name          = "rg"
  revision_mode                = "Single"

  secret {
    name  = "acr-password"
    value = "Sup3rSecretAcr!"
  }

  secret {
    name  = "db-password"
    value = "Sup3rSecretDb!"
  }

  template {
    container {
      name   = "web"
      image  = "mcr.microsoft.com/k8se/quickstart:latest"
      cpu    = 0.5
      memory = "1Gi"

      env {
        name  = "DB_PASSWORD"
        value = "plaintextPass123!"
      }
    }
  }
}
"#;

/// (rule, property) of every finding, and whether each is suppressed, from `-f json`.
fn findings(out: &Output) -> Vec<(String, String, bool)> {
    let json: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["ruleId"].as_str().unwrap().to_string(),
                f["property"].as_str().unwrap_or("").to_string(),
                f.get("suppressed").is_some(),
            )
        })
        .collect()
}

/// `inserted`: the property path prefix of the inserted item; findings about it are new.
fn insert_before_survives(file: &str, before: &str, after: &str, inserted: &str) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join(".git")).unwrap();
    std::fs::write(root.join(file), before).unwrap();

    let write = azlint(root, &["check", ".", "--write-baseline", "baseline.json"]);
    assert_eq!(write.status.code(), Some(0), "{write:?}");
    let baseline: Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("baseline.json")).unwrap())
            .unwrap();
    assert_eq!(baseline["version"], 2);
    let keys: Vec<&str> = baseline["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["property"].as_str())
        .collect();
    assert!(
        keys.iter().any(|k| k.contains("secrets[name=db-password]")),
        "{keys:?}"
    );
    let first = findings(&azlint(root, &["check", ".", "-f", "json"]));
    assert!(first.len() >= 3, "{first:?}");

    std::fs::write(root.join(file), after).unwrap();
    let run = azlint(
        root,
        &["check", ".", "--baseline", "baseline.json", "-f", "json"],
    );
    let now = findings(&run);
    let stderr = String::from_utf8_lossy(&run.stderr);
    // Every baselined finding is still matched: none reported again, none "fixed"; only
    // findings about the inserted item itself are new.
    let matched = now.iter().filter(|(_, _, suppressed)| *suppressed).count();
    assert_eq!(matched, first.len(), "{first:?}\n{now:?}");
    for (rule, property, suppressed) in &now {
        assert!(
            *suppressed || property.starts_with(inserted),
            "{rule} {property} reported as new"
        );
    }
    assert!(!stderr.contains("no longer occur"), "{stderr}");
    // ... although the findings' array positions did move (index keys would have failed).
    let paths = |v: &[(String, String, bool)]| -> Vec<String> {
        let mut p: Vec<String> = v.iter().map(|(r, p, _)| format!("{r} {p}")).collect();
        p.sort();
        p
    };
    assert_ne!(paths(&first), paths(&now));
}

#[test]
fn bicep_secret_and_env_inserted_at_the_top() {
    let after = BICEP_BEFORE
        .replace(
            "      secrets: [\n",
            "      secrets: [\n        { name: 'kv-secret', keyVaultUrl: 'https://kv.vault.azure.net/secrets/a', identity: 'system' }\n",
        )
        .replace(
            "          env: [\n",
            "          env: [\n            { name: 'LOG_LEVEL', value: 'debug' }\n",
        );
    insert_before_survives(
        "main.bicep",
        BICEP_BEFORE,
        &after,
        "properties.configuration.secrets[0].",
    );
}

#[test]
fn terraform_secret_block_inserted_first() {
    let after = TF_BEFORE.replacen(
        "  secret {\n",
        "  secret {\n    name                = \"kv-secret\"\n    key_vault_secret_id = \"https://kv.vault.azure.net/secrets/a\"\n    identity            = \"System\"\n  }\n\n  secret {\n",
        1,
    );
    insert_before_survives(
        "main.tf",
        TF_BEFORE,
        &after,
        // JSON shows the attribute path Terraform authors wrote.
        "secret[0].",
    );
}

/// A version 1 baseline (array positions in its keys) still loads and matches the findings
/// it was written for.
#[test]
fn version_1_baselines_still_apply() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join(".git")).unwrap();
    std::fs::write(root.join("main.bicep"), BICEP_BEFORE).unwrap();
    let json: Value =
        serde_json::from_slice(&azlint(root, &["check", ".", "-f", "json"]).stdout).unwrap();
    // Version 1 entries carried the JSON/SARIF fingerprint (rule, file, resource, indexed
    // property), one per finding.
    let entries: Vec<Value> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            serde_json::json!({
                "rule": f["ruleId"],
                "path": f["path"],
                "fingerprint": f["fingerprint"],
            })
        })
        .collect();
    let v1 = serde_json::json!({ "version": 1, "entries": entries });
    std::fs::write(root.join("old.json"), v1.to_string()).unwrap();
    let run = azlint(
        root,
        &["check", ".", "--baseline", "old.json", "-f", "json"],
    );
    let now = findings(&run);
    assert!(!now.is_empty() && now.iter().all(|(_, _, s)| *s), "{now:?}");
    assert_eq!(run.status.code(), Some(0));
}
