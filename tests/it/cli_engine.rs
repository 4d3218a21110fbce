//! The engine's edges, end to end through the binary: multi-file human output, the root and
//! the configuration found from the scanned path (not the current folder), discovery that
//! never skips IaC silently, and I/O problems reported as what they are (AZL005).

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

struct Dir {
    _tmp: tempfile::TempDir,
    path: PathBuf,
}

impl Dir {
    fn new() -> Dir {
        let tmp = tempfile::tempdir().expect("tempdir");
        let path = tmp.path().canonicalize().unwrap();
        Dir { _tmp: tmp, path }
    }

    fn write(&self, rel: &str, content: impl AsRef<[u8]>) -> PathBuf {
        let p = self.path.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, content).unwrap();
        p
    }
}

fn azlint(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_azlint"))
        .current_dir(cwd)
        .args(args)
        .env_remove("NO_COLOR")
        .stdin(Stdio::null())
        .output()
        .expect("run azlint")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const APP_WITH_SECRET: &str = "\
resource app 'Microsoft.App/containerApps@2025-07-01' = {
  name: 'web'
  location: 'westeurope'
  properties: {
    configuration: {
      secrets: [
        {
          name: 'db-password'
          value: 'Sup3r-S3cret-Passw0rd!'
        }
      ]
    }
  }
}
";

const REGISTRY_ADMIN: &str = "\
resource \"azurerm_container_registry\" \"acr\" {
  name                = \"acrprod\"
  resource_group_name = \"rg\"
  location            = \"westeurope\"
  sku                 = \"Premium\"
  admin_enabled       = true
}
";

/// `path:line:col` of every finding in human output (the location line under each header:
/// `╭▸ path:line:col`, or `--> path:line:col` in ASCII).
fn human_positions(text: &str) -> Vec<String> {
    let re = regex::Regex::new(r"(?m)^\s*(?:╭▸|-->) (\S+:\d+:\d+)$").unwrap();
    re.captures_iter(text).map(|c| c[1].to_string()).collect()
}

/// Regression: masked ranges of one file's findings were applied to every other file of
/// the run, corrupting snippets and shifting headers (the README's own quick start showed
/// `azurerm_container_registr********ame`).
#[test]
fn human_output_of_a_multi_file_run_masks_only_each_files_own_secrets() {
    let d = Dir::new();
    d.write(".git/HEAD", "");
    d.write("a/main.bicep", APP_WITH_SECRET);
    d.write("b/main.tf", REGISTRY_ADMIN);
    let human = stdout(&azlint(&d.path, &["check", "--no-color", "a", "b"]));
    let compact = stdout(&azlint(&d.path, &["check", "-f", "compact", "a", "b"]));
    let compact_positions: Vec<String> = compact
        .lines()
        .map(|l| l.splitn(4, ':').take(3).collect::<Vec<_>>().join(":"))
        .collect();
    assert!(!compact_positions.is_empty(), "{compact}");
    assert_eq!(human_positions(&human), compact_positions, "{human}");
    assert!(!human.contains("Sup3r-S3cret"), "{human}");
    // The only masked text is the secret itself: the Terraform file prints untouched.
    for line in human.lines().filter(|l| l.contains("********")) {
        assert!(
            line.contains("value:"),
            "masked outside the secret: {line}\n{human}"
        );
    }
    assert!(human.contains("admin_enabled       = true"), "{human}");
}

/// Regression: the root (display paths, SARIF base) and `.azlint.yaml` followed the current
/// folder, so `cd ~ && azlint check ~/src/shop/infra` ignored the shop's configuration.
#[test]
fn root_and_config_come_from_the_scanned_path_not_the_current_folder() {
    let shop = Dir::new();
    shop.write(".git/HEAD", "");
    shop.write("infra/main.tf", REGISTRY_ADMIN);
    shop.write(".azlint.yaml", "rules:\n  AZL302: note\n");
    let elsewhere = Dir::new();
    elsewhere.write(".git/HEAD", "");
    let infra = shop.path.join("infra");
    let o = azlint(
        &elsewhere.path,
        &["check", "-f", "compact", infra.to_str().unwrap()],
    );
    let out = stdout(&o);
    assert!(
        out.contains("infra/main.tf:6:25: note[AZL302]"),
        "{out}{}",
        stderr(&o)
    );
    let o = azlint(
        &elsewhere.path,
        &["check", "-f", "sarif", infra.to_str().unwrap()],
    );
    let sarif: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let run = &sarif["runs"][0];
    for r in run["results"].as_array().unwrap() {
        assert_eq!(
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "infra/main.tf"
        );
    }
    let base = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        base.trim_end_matches('/')
            .ends_with(shop.path.file_name().unwrap().to_str().unwrap()),
        "{base}"
    );
}

/// Regression: discovery skipped IaC silently (a late `$schema`, symlinked files, folders
/// named `target` or `node_modules`, an explicitly named compiled template); `-v` now lists
/// every skipped path with its reason and the summary says how many files were checked.
#[test]
fn discovery_skips_nothing_silently() {
    let d = Dir::new();
    d.write(".git/HEAD", "");
    let filler = "x".repeat(6000);
    d.write(
        "arm/late.json",
        format!(
            r#"{{ "metadata": {{ "description": "{filler}" }},
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [ {{ "type": "Microsoft.ContainerRegistry/registries", "apiVersion": "2023-07-01",
    "name": "acr", "location": "westeurope", "sku": {{ "name": "Basic" }},
    "properties": {{ "adminUserEnabled": true }} }} ] }}"#
        ),
    );
    d.write("target/main.tf", REGISTRY_ADMIN);
    d.write("node_modules/app/main.tf", REGISTRY_ADMIN);
    d.write("real/main.bicep", APP_WITH_SECRET);
    #[cfg(unix)]
    std::os::unix::fs::symlink(d.path.join("real/main.bicep"), d.path.join("linked.bicep"))
        .unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(d.path.join("missing.bicep"), d.path.join("dangling.bicep"))
        .unwrap();
    let o = azlint(&d.path, &["check", "-f", "compact", "-v"]);
    let out = stdout(&o);
    for expected in [
        "arm/late.json:",
        "target/main.tf:6:25",
        "node_modules/app/main.tf:6:25",
        "real/main.bicep:9:18",
    ] {
        assert!(out.contains(expected), "missing {expected}:\n{out}");
    }
    #[cfg(unix)]
    {
        assert!(out.contains("linked.bicep:9:18"), "{out}");
        assert!(
            stderr(&o).contains("skipped dangling.bicep: symbolic link that leads nowhere"),
            "{}",
            stderr(&o)
        );
    }
    assert!(stderr(&o).contains("files checked"), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("checked arm/late.json (arm)"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_compiled_template_named_explicitly_is_linted() {
    let d = Dir::new();
    d.write(".git/HEAD", "");
    d.write("main.bicep", "param location string\n");
    d.write(
        "main.json",
        r#"{ "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "metadata": { "_generator": { "name": "bicep", "version": "0.30.0" } },
  "contentVersion": "1.0.0.0",
  "resources": [ { "type": "Microsoft.ContainerRegistry/registries", "apiVersion": "2023-07-01",
    "name": "acr", "location": "westeurope", "sku": { "name": "Basic" },
    "properties": { "adminUserEnabled": true } } ] }"#,
    );
    // Named: linted.
    let o = azlint(&d.path, &["check", "-f", "compact", "main.json"]);
    assert!(
        stdout(&o).contains("main.json:6:41: error[AZL302]"),
        "{}",
        stdout(&o)
    );
    assert_eq!(o.status.code(), Some(1));
    // Found by walking: linted from its source, and -v says so.
    let o = azlint(&d.path, &["check", "-f", "compact", "-v", "."]);
    assert_eq!(stdout(&o), "", "{}", stderr(&o));
    assert!(
        stderr(&o).contains("skipped main.json: compiled Bicep"),
        "{}",
        stderr(&o)
    );
}

/// Regression: I/O problems were "parse errors" or "not valid UTF-8"; the size limit was
/// undocumented and fixed.
#[test]
fn io_problems_are_reported_as_such_and_the_size_limit_is_a_setting() {
    let d = Dir::new();
    d.write(".git/HEAD", "");
    d.write(
        "big.bicep",
        format!("param p string\n// {}\n", "x".repeat(200)),
    );
    let o = azlint(
        &d.path,
        &["check", "-f", "compact", "--max-file-size", "100"],
    );
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stdout(&o),
        "big.bicep:1:1: error[AZL005] cannot read the file: the file is 219 bytes, larger than the 100 byte limit (raise it with --max-file-size)\n"
    );
    d.write(".azlint.yaml", "max-file-size: 100000\n");
    let o = azlint(&d.path, &["check", "-f", "compact"]);
    assert_eq!((o.status.code(), stdout(&o).as_str()), (Some(0), ""));
    d.write(".azlint.yaml", "max-file-size: 10\n");
    let o = azlint(&d.path, &["check", "-f", "compact"]);
    assert!(stdout(&o).contains("AZL005"), "{}", stdout(&o));
    // A path that does not exist is a usage error naming it.
    let o = azlint(&d.path, &["check", "nope.bicep"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("nope.bicep: no such file or directory"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_byte_order_mark_does_not_shift_yaml_columns() {
    let d = Dir::new();
    d.write(
        "app.yaml",
        b"\xEF\xBB\xBFtype: Microsoft.App/containerApps\nproperties:\n  configuration:\n    secrets:\n      - name: db\n        value: pl41nText-S3cret!\n",
    );
    let o = azlint(&d.path, &["check", "-f", "compact", "app.yaml"]);
    assert!(
        stdout(&o).contains("app.yaml:6:16: error[AZL101]"),
        "{}",
        stdout(&o)
    );
}

fn mixed_repo() -> Dir {
    let d = Dir::new();
    d.write(".git/HEAD", "");
    d.write("app/main.bicep", APP_WITH_SECRET);
    d.write("acr/main.tf", REGISTRY_ADMIN);
    d
}

fn rules_in(out: &str) -> Vec<String> {
    let mut ids: Vec<String> = out
        .lines()
        .filter_map(|l| l.split('[').nth(1)?.split(']').next().map(str::to_string))
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

#[test]
fn select_and_ignore_take_ids_names_and_families() {
    let d = mixed_repo();
    let all = rules_in(&stdout(&azlint(&d.path, &["check", "-f", "compact"])));
    assert!(
        all.contains(&"AZL101".to_string()) && all.contains(&"AZL302".to_string()),
        "{all:?}"
    );
    let o = azlint(&d.path, &["check", "-f", "compact", "--select", "secrets"]);
    assert_eq!(rules_in(&stdout(&o)), ["AZL101"]);
    let o = azlint(
        &d.path,
        &[
            "check",
            "-f",
            "compact",
            "--select",
            "AZL302,plaintext-app-secret",
        ],
    );
    assert_eq!(rules_in(&stdout(&o)), ["AZL101", "AZL302"]);
    let o = azlint(
        &d.path,
        &[
            "check", "-f", "compact", "--ignore", "secrets", "--ignore", "AZL302",
        ],
    );
    let left = rules_in(&stdout(&o));
    assert!(
        !left.iter().any(|r| r == "AZL101" || r == "AZL302"),
        "{left:?}"
    );
    let o = azlint(&d.path, &["check", "--select", "AZL999"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("unknown rule"), "{}", stderr(&o));
}

#[test]
fn printing_filters_exit_zero_and_statistics() {
    let d = mixed_repo();
    let o = azlint(
        &d.path,
        &["check", "-f", "compact", "--min-severity", "error"],
    );
    assert!(
        stdout(&o).lines().all(|l| l.contains(": error[")),
        "{}",
        stdout(&o)
    );
    assert_eq!(o.status.code(), Some(1));
    let o = azlint(
        &d.path,
        &["check", "-f", "compact", "--min-confidence", "high"],
    );
    assert!(!stdout(&o).is_empty());
    let o = azlint(&d.path, &["check", "--exit-zero", "-f", "compact"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(!stdout(&o).is_empty());
    let o = azlint(&d.path, &["check", "--statistics"]);
    let text = stdout(&o);
    assert!(
        text.contains("\tAZL101\tplaintext-app-secret\t[error]"),
        "{text}"
    );
    assert!(
        text.lines().last().unwrap().ends_with("findings in total"),
        "{text}"
    );
    assert_eq!(o.status.code(), Some(1));
    // The alias users bring from ruff.
    let o = azlint(&d.path, &["check", "--output-format", "compact"]);
    assert!(
        stdout(&o).contains("app/main.bicep:9:18: error[AZL101]"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn show_files_lists_what_would_be_checked() {
    let d = mixed_repo();
    d.write("notes/readme.json", r#"{"name": "not a template"}"#);
    let o = azlint(&d.path, &["check", "--show-files", "-v"]);
    assert_eq!(stdout(&o), "acr/main.tf\napp/main.bicep\n");
    assert!(
        stderr(&o).contains("skipped notes/readme.json: JSON without an ARM deployment"),
        "{}",
        stderr(&o)
    );
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn color_can_be_forced_for_ci_logs() {
    let d = mixed_repo();
    let always = stdout(&azlint(&d.path, &["check", "--color", "always"]));
    assert!(always.contains("\u{1b}["), "{always}");
    let never = stdout(&azlint(&d.path, &["check", "--color", "never"]));
    assert!(!never.contains("\u{1b}["), "{never}");
}

#[test]
fn completions_man_page_and_custom_rules_in_explain() {
    let d = Dir::new();
    let o = azlint(&d.path, &["completions", "bash"]);
    assert!(stdout(&o).contains("azlint"), "{}", stdout(&o));
    let o = azlint(&d.path, &["man"]);
    assert!(stdout(&o).starts_with(".ie"), "{}", stdout(&o));
    assert!(stdout(&o).contains("azlint"));
    d.write(
        "rules/ORG001.yaml",
        "id: ORG901\nname: org-tag-required\nfamily: org\nseverity: warning\nconfidence: high\n\
         title: Every registry has an owner tag\nhelp: Tag it.\nmessage: \"{resource} has no owner tag\"\n\
         resource-types: [Microsoft.ContainerRegistry/registries]\nwhen: {path: tags.owner, exists: false}\n",
    );
    let o = azlint(
        &d.path,
        &["explain", "org-tag-required", "--rules", "rules"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).starts_with("ORG901 org-tag-required (org, warning)"),
        "{}",
        stdout(&o)
    );
}

/// Bicep's own linter suppression for the equivalent Bicep rule also suppresses azlint's
/// rule, and is never reported as unused (it is there for the Bicep linter).
#[test]
fn bicep_linter_suppressions_cover_the_equivalent_rule() {
    let d = Dir::new();
    d.write(".git/HEAD", "");
    let output = "resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' existing = {\n  name: 'acr'\n}\n\n";
    d.write(
        "plain.bicep",
        format!("{output}output pw string = acr.listCredentials().passwords[0].value\n"),
    );
    d.write(
        "quiet.bicep",
        format!("{output}#disable-next-line outputs-should-not-contain-secrets\noutput pw string = acr.listCredentials().passwords[0].value\n"),
    );
    d.write(
        "other.bicep",
        "#disable-next-line no-unused-params\nparam location string\n",
    );
    let o = azlint(&d.path, &["check", "-f", "compact"]);
    let out = stdout(&o);
    assert!(out.contains("plain.bicep:5:20: error[AZL105]"), "{out}");
    assert!(!out.contains("quiet.bicep"), "{out}");
    assert!(!out.contains("other.bicep"), "{out}");
}

/// The opt-in Azure Policy profile: stricter rules run only when chosen (flag or config), and
/// SARIF names the built-in policy definitions.
#[test]
fn the_azure_policy_profile_is_opt_in() {
    let d = Dir::new();
    d.write(".git/HEAD", "");
    d.write(
        "app.bicep",
        "resource app 'Microsoft.App/containerApps@2025-07-01' = {\n  name: 'web'\n  location: 'westeurope'\n  properties: {\n    configuration: {\n      ingress: { external: true, targetPort: 80 }\n    }\n  }\n}\n",
    );
    let default = rules_in(&stdout(&azlint(&d.path, &["check", "-f", "compact"])));
    assert!(!default.contains(&"AZL210".to_string()), "{default:?}");
    let strict = rules_in(&stdout(&azlint(
        &d.path,
        &["check", "-f", "compact", "--profile", "azure-policy"],
    )));
    assert!(strict.contains(&"AZL210".to_string()), "{strict:?}");
    d.write(".azlint.yaml", "profiles: [azure-policy]\n");
    let o = azlint(&d.path, &["check", "-f", "sarif"]);
    let sarif: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    let azl210 = rules
        .iter()
        .find(|r| r["id"] == "AZL210")
        .expect("AZL210 in SARIF");
    let ids = azl210["properties"]["azurePolicyDefinitionIds"]
        .as_array()
        .unwrap();
    assert!(ids[0]
        .as_str()
        .unwrap()
        .starts_with("/providers/Microsoft.Authorization/policyDefinitions/"));
    assert_eq!(azl210["properties"]["profile"], "azure-policy");
    let o = azlint(&d.path, &["check", "--profile", "nope"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("unknown rule profile `nope`"),
        "{}",
        stderr(&o)
    );
}

/// A partial update (`azapi_update_resource`) of a registry declared in the same deployment
/// is judged together with it: anonymous pull turned on by the patch is reported at the
/// patch, with the path it took (SARIF relatedLocations and codeFlows, a human "via" note).
#[test]
fn a_patch_is_judged_with_the_resource_it_updates() {
    let d = Dir::new();
    d.write(".git/HEAD", "");
    d.write(
        "main.tf",
        std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/sarif/patch/main.tf"),
        )
        .unwrap(),
    );
    let o = azlint(&d.path, &["check", "-f", "sarif"]);
    let sarif: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let r = results
        .iter()
        .find(|r| r["ruleId"] == "AZL304")
        .expect("anonymous pull set by the patch");
    assert_eq!(
        r["locations"][0]["physicalLocation"]["region"]["startLine"],
        35
    );
    let related = &r["relatedLocations"][0];
    assert_eq!(related["physicalLocation"]["region"]["startLine"], 29);
    assert!(related["message"]["text"]
        .as_str()
        .unwrap()
        .contains("azapi_update_resource.test"));
    let flow = r["codeFlows"][0]["threadFlows"][0]["locations"]
        .as_array()
        .unwrap();
    assert_eq!(flow.len(), 2);
    let human = stdout(&azlint(&d.path, &["check", "--no-color"]));
    assert!(
        human.contains(
            "note: via main.tf:29:1: set by the partial update `azapi_update_resource.test`"
        ),
        "{human}"
    );
    // No fix is offered for the patched value on the azurerm resource: it is written in
    // the patch.
    let json = stdout(&azlint(&d.path, &["check", "-f", "json"]));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let f = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["ruleId"] == "AZL304")
        .unwrap();
    assert!(f.get("fixes").is_none(), "{f}");
    assert_eq!(f["related"][0]["start"]["line"], 29);
}

/// Pre-commit stages only the file that changed: a value file (tfvars, `.bicepparam`, ARM
/// parameter file) is checked within the deployment it feeds, and a finding about a value
/// written there is reported there; findings in the files around it (not selected) are not.
#[test]
fn a_value_file_checked_alone_is_checked_within_its_deployment() {
    for fixture in [
        "testdata/rules/AZL101/fail-tf-tfvars",
        "testdata/rules/AZL101/fail-bicepparam",
        "testdata/rules/AZL101/fail-arm-parameter-file",
    ] {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join(fixture);
        let dir = Dir::new();
        let mut value_file = None;
        let mut entries: Vec<PathBuf> = std::fs::read_dir(&src)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for p in entries {
            let name = p.file_name().unwrap().to_str().unwrap().to_string();
            std::fs::copy(&p, dir.path.join(&name)).unwrap();
            if name.ends_with(".tfvars")
                || name.ends_with(".bicepparam")
                || name.ends_with(".parameters.json")
            {
                value_file = Some(name);
            }
        }
        std::fs::create_dir(dir.path.join(".git")).unwrap();
        let value_file = value_file.expect("the fixture has a value file");
        let o = azlint(&dir.path, &["check", "-f", "compact", &value_file]);
        let out = stdout(&o);
        assert_eq!(o.status.code(), Some(1), "{fixture}: {out}{}", stderr(&o));
        assert!(
            out.lines()
                .any(|l| l.starts_with(&format!("{value_file}:")) && l.contains("[AZL101]")),
            "{fixture}: the plaintext value is reported in {value_file}:\n{out}"
        );
        assert!(
            out.lines()
                .all(|l| l.starts_with(&format!("{value_file}:"))),
            "{fixture}: only the selected file is reported:\n{out}"
        );
    }
}

/// A finding inside a reusable module names the call that reaches it (triage of issue 11: a
/// module's finding came from one example's inputs, and nothing said which). Not added when
/// the finding is already in the caller's file.
#[test]
fn a_finding_inside_a_module_names_the_call_that_reaches_it() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/rules/AZL101/fail-tf-module");
    let out = azlint(
        &root,
        &[
            "check",
            ".",
            "--root",
            ".",
            "--select",
            "AZL101,AZL201",
            "--format",
            "json",
        ],
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("json");
    let findings = v["findings"].as_array().unwrap();
    let in_module = findings
        .iter()
        .find(|f| f["path"] == "modules/app/main.tf" && f["ruleId"] == "AZL201")
        .expect("AZL201 in the module");
    let related = in_module["related"].as_array().expect("related");
    assert_eq!(related.len(), 1, "{related:?}");
    assert_eq!(related[0]["path"], "main.tf");
    assert!(
        related[0]["message"]
            .as_str()
            .unwrap()
            .starts_with("reached through module `module."),
        "{related:?}"
    );
    // The caller's own literal: its flow only, no note about the call it is in.
    let in_caller = findings
        .iter()
        .find(|f| f["path"] == "main.tf" && f["ruleId"] == "AZL101")
        .expect("AZL101 at the caller");
    assert!(in_caller["related"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| !r["message"]
            .as_str()
            .unwrap()
            .starts_with("reached through")));
}
