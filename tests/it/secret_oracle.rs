//! Secret oracle for parse errors (robustness audit D8): distinctive secrets planted next to
//! a parse error in Bicep, ARM JSON, Terraform and Container Apps YAML never appear in any
//! output format. A broken statement is not in the model, so nothing is *known* to be
//! secret there: the human snippet of a parse error masks every literal on its lines.

use std::path::Path;
use std::process::{Command, Output, Stdio};

/// (file, contents, the line the human snippet must show, masked).
const BROKEN: &[(&str, &str, &str)] = &[
    (
        "broken.bicep",
        "resource app 'Microsoft.App/containerApps@2025-07-01' = {\n  name: 'web'\n  properties: {\n    configuration: {\n      secrets: [\n        { name: 'smtp-password', value: 'LEAK44brokenBicep' }\n      ]\n      ingress: { external: true,, allowInsecure: true }\n    }\n  }\n}\n@secure()\nparam p string = 'LEAK45unterminated\n",
        "param p string = ********",
    ),
    (
        "broken.json",
        "{\"$schema\":\"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#\",\"parameters\":{\"adminPassword\":{\"type\":\"securestring\",\"defaultValue\":\"LEAK46brokenJson\"}},\"resources\":[}\n",
        "\"********\":\"********\"}},\"********\":[}",
    ),
    (
        "broken.tf",
        "variable \"admin_password\" {\n  default = \"LEAK47brokenHcl\"\n  sensitive = true\n  ===\n}\n",
        "  ===",
    ),
    (
        "adjacent.tf",
        "variable \"admin_password\" {\n  default = \"LEAK47b\"\n  sensitive = true ===\n}\n",
        "  default = \"********\"",
    ),
    (
        "broken.yaml",
        "type: Microsoft.App/containerApps\nproperties:\n  configuration:\n    secrets:\n      - name: smtp-password\n        value: \"LEAK48brokenYaml\n",
        "value: ********",
    ),
    (
        "plain.yaml",
        "type: Microsoft.App/containerApps\nproperties:\n  configuration:\n    secrets:\n      - name: x\n        value: LEAK49plainYaml\n        other: \"unterminated\n",
        "value: ********",
    ),
    (
        "args.yaml",
        "type: Microsoft.App/containerApps\nproperties:\n  template:\n    containers:\n      - name: x\n        args:\n          - LEAK51item\n          - \"unterminated\n",
        "- ********",
    ),
    (
        "flow.yaml",
        "type: Microsoft.App/containerApps\nproperties:\n  template:\n    containers:\n      - name: x\n        command: [--token, LEAK50flow\n",
        "command: [********, ********",
    ),
];

const FORMATS: &[&str] = &[
    "human", "compact", "json", "sarif", "github", "azure", "junit", "gitlab",
];

fn azlint(root: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_azlint"))
        .current_dir(root)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run azlint")
}

#[test]
fn no_output_format_prints_a_secret_next_to_a_parse_error() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join(".git")).unwrap();
    for (name, text, _) in BROKEN {
        std::fs::write(root.join(name), text).unwrap();
    }

    // Not vacuous: every file is reported as a parse error.
    let compact = azlint(root, &["check", ".", "-f", "compact"]);
    let compact = String::from_utf8_lossy(&compact.stdout);
    for (name, _, _) in BROKEN {
        assert!(
            compact
                .lines()
                .any(|l| l.starts_with(&format!("{name}:")) && l.contains("[AZL001]")),
            "{name} has no parse error:\n{compact}"
        );
    }

    for format in FORMATS {
        for extra in [&[][..], &["-v"][..]] {
            let mut args = vec!["check", ".", "-f", format];
            args.extend_from_slice(extra);
            let out = azlint(root, &args);
            let text = format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            assert_eq!(out.status.code(), Some(1), "{format}: {text}");
            assert!(
                !text.contains("LEAK"),
                "{format} {extra:?} prints a secret:\n{text}"
            );
        }
    }

    // The human snippets do show the broken statements, with their literals masked (one
    // file per run: masks of several files' findings are mixed up by redact::secret_ranges
    // until it keys spans by file).
    for (name, _, shown) in BROKEN {
        let human = azlint(root, &["check", name, "--no-color"]);
        let human = String::from_utf8_lossy(&human.stdout);
        assert!(
            human.contains(shown),
            "{name}: `{shown}` not shown:\n{human}"
        );
    }
}
