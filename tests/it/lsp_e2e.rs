//! The language server end to end: the built binary, driven over stdio as an editor drives it.

use crate::lsp_client;

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use lsp_client::{codes, uri, Lsp};
use serde_json::{json, Value};

/// A container app with a plaintext secret: AZL101 at line 7 (0-based), column 17.
const INSECURE: &str = "resource app 'Microsoft.App/containerApps@2025-07-01' = {\n  name: 'web'\n  properties: {\n    configuration: {\n      secrets: [\n        {\n          name: 'db'\n          value: 'hunter2-hunter2'\n        }\n      ]\n    }\n  }\n}\n";

fn secure() -> String {
    INSECURE.replace(
        "          value: 'hunter2-hunter2'",
        "          keyVaultUrl: 'https://kv.vault.azure.net/secrets/db'\n          identity: 'system'",
    )
}

/// Version `v` of the burst: odd versions are insecure, and every version moves the secret
/// down by `v % 7` lines, so each publication can be checked against its own text.
fn burst_text(v: i64) -> (String, Option<u64>) {
    let pad = (v % 7) as usize;
    if v % 2 == 1 {
        (
            format!("{}{INSECURE}", "\n".repeat(pad)),
            Some(7 + pad as u64),
        )
    } else {
        (format!("{}{}", "\n".repeat(pad), secure()), None)
    }
}

fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    dir
}

fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

fn find<'a>(publication: &'a Value, code: &str) -> Option<&'a Value> {
    publication["diagnostics"]
        .as_array()?
        .iter()
        .find(|d| d["code"] == code)
}

const MAIN_TF: &str = "resource \"azurerm_container_app\" \"web\" {\n  name                         = \"web\"\n  container_app_environment_id = \"x\"\n  resource_group_name          = \"rg\"\n  revision_mode                = \"Single\"\n  secret {\n    name  = \"db-password\"\n    value = var.db_password\n  }\n  template {\n    container {\n      name   = \"web\"\n      image  = \"nginx\"\n      cpu    = 0.5\n      memory = \"1Gi\"\n    }\n  }\n}\n";
const VARIABLES_TF: &str =
    "variable \"db_password\" {\n  type    = string\n  default = \"Pr0d-S3cret-P@ssw0rd!\"\n}\n";
const VARIABLES_TF_SENSITIVE: &str =
    "variable \"db_password\" {\n  type      = string\n  sensitive = true\n}\n";

fn client_capabilities() -> Value {
    json!({
        "workspace": { "applyEdit": true, "didChangeWatchedFiles": { "dynamicRegistration": true } },
        "textDocument": {
            "codeAction": { "codeActionLiteralSupport": { "codeActionKind": { "valueSet": ["quickfix"] } } },
            "hover": { "contentFormat": ["markdown", "plaintext"] },
        },
    })
}

/// The whole conversation issue 12 asks for: open, a burst of 100 edits, hover, config
/// changes through watched files, a code action applied through executeCommand/applyEdit,
/// cross-file updates, shutdown.
#[test]
fn a_whole_editing_session() {
    let dir = repo();
    let root = dir.path();
    let app = root.join("app.bicep");
    let app_uri = uri(&app);
    let (mut lsp, init) = Lsp::start(json!({
        "processId": null,
        "capabilities": client_capabilities(),
        "workspaceFolders": [{ "uri": uri(root), "name": "repo" }],
        "initializationOptions": { "debounceMs": 40 },
    }));
    let caps = &init["capabilities"];
    assert_eq!(caps["positionEncoding"], "utf-16");
    assert_eq!(caps["textDocumentSync"]["change"], 1);
    assert_eq!(caps["hoverProvider"], true);
    assert_eq!(
        caps["codeActionProvider"]["codeActionKinds"],
        json!(["quickfix"])
    );
    assert_eq!(
        caps["executeCommandProvider"]["commands"],
        json!(["azlint.applyFix"])
    );
    assert!(
        caps.get("diagnosticProvider").is_none(),
        "push client: {caps}"
    );
    // Watching is registered dynamically.
    let reg = lsp.wait(|m| m["method"] == "client/registerCapability");
    let watchers = reg["params"]["registrations"][0]["registerOptions"]["watchers"].to_string();
    assert!(watchers.contains(".azlint.{yaml,yml}"), "{watchers}");

    // Open.
    lsp.open(&app_uri, "bicep", 1, INSECURE);
    let first = lsp.publication(&app_uri, |_| true);
    assert_eq!(first["version"], 1);
    let secret = find(&first, "AZL101").expect("AZL101").clone();
    assert_eq!(
        secret["range"]["start"],
        json!({ "line": 7, "character": 17 })
    );
    assert_eq!(secret["severity"], 1);
    assert_eq!(secret["source"], "azlint");
    assert!(secret["codeDescription"]["href"].as_str().is_some());
    assert_eq!(secret["data"]["confidence"], "high");
    assert!(!secret["message"].as_str().unwrap().contains("hunter2"));

    // A burst of 100 full-text changes, as a client that does not debounce sends them.
    for v in 2..=101 {
        lsp.change(&app_uri, v, &burst_text(v).0);
    }
    let last = lsp.publication(&app_uri, |m| m["params"]["version"] == 101);
    let expected = burst_text(101).1.expect("v101 is insecure");
    assert_eq!(
        find(&last, "AZL101").expect("AZL101 in v101")["range"]["start"]["line"],
        expected
    );
    let pubs = lsp.publications(&app_uri);
    let versions: Vec<i64> = pubs
        .iter()
        .map(|p| p["version"].as_i64().unwrap())
        .collect();
    assert!(
        versions.windows(2).all(|w| w[0] <= w[1]),
        "a publication went back in versions: {versions:?}"
    );
    // Each publication describes its own version's text (never a stale lint).
    for p in &pubs {
        let v = p["version"].as_i64().unwrap();
        let line = find(p, "AZL101").map(|d| d["range"]["start"]["line"].as_u64().unwrap());
        assert_eq!(line, if v == 1 { Some(7) } else { burst_text(v).1 }, "v{v}");
    }
    // Debounced: the intermediate versions are (almost) never linted.
    let intermediate = versions.iter().filter(|v| (2..101).contains(*v)).count();
    assert!(intermediate <= 5, "{versions:?}");

    // Hover on the diagnostic: the rule's help.
    let at = find(&last, "AZL101").unwrap()["range"]["start"].clone();
    let hover = lsp
        .request(
            "textDocument/hover",
            json!({ "textDocument": { "uri": app_uri }, "position": at }),
        )
        .expect("hover");
    assert_eq!(hover["contents"]["kind"], "markdown");
    let help = hover["contents"]["value"].as_str().unwrap();
    assert!(help.starts_with("**AZL101**"), "{help}");
    assert!(help.contains("Documentation for AZL101"), "{help}");

    // Configuration: created, broken, removed; each re-publishes without an edit.
    let config = root.join(".azlint.yaml");
    let config_uri = uri(&config);
    let watched = |lsp: &mut Lsp, kind: u8| {
        lsp.notify(
            "workspace/didChangeWatchedFiles",
            json!({ "changes": [{ "uri": config_uri, "type": kind }] }),
        )
    };
    write(root, ".azlint.yaml", "rules:\n  AZL101: warning\n");
    watched(&mut lsp, 1);
    let p = lsp.publication(&app_uri, |m| {
        find(&m["params"], "AZL101").is_some_and(|d| d["severity"] == 2)
    });
    assert_eq!(p["version"], 101);

    write(
        root,
        ".azlint.yaml",
        "rules:\n  AZL101: warning\nbogus: 1\n",
    );
    watched(&mut lsp, 2);
    let on_config = lsp.publication(&config_uri, |m| m["params"]["diagnostics"] != json!([]));
    let d = &on_config["diagnostics"][0];
    assert_eq!(d["range"]["start"]["line"], 2, "{on_config}");
    assert!(d["message"].as_str().unwrap().contains("bogus"), "{d}");
    let shown = lsp.wait_any(|m| m["method"] == "window/showMessage");
    assert_eq!(shown["params"]["type"], 1);
    let p = lsp.publication(&app_uri, |m| {
        m["params"]["diagnostics"]
            .to_string()
            .contains("the configuration is invalid")
    });
    assert_eq!(codes(&p), Vec::<String>::new(), "{p}");

    std::fs::remove_file(&config).unwrap();
    watched(&mut lsp, 3);
    lsp.publication(&config_uri, |m| m["params"]["diagnostics"] == json!([]));
    let p = lsp.publication(&app_uri, |m| {
        find(&m["params"], "AZL101").is_some_and(|d| d["severity"] == 1)
    });
    let secret = find(&p, "AZL101").unwrap().clone();

    // Code action: suppress on this line, applied through the command and applyEdit.
    let actions = lsp
        .request(
            "textDocument/codeAction",
            json!({ "textDocument": { "uri": app_uri }, "range": secret["range"],
                    "context": { "diagnostics": [secret] } }),
        )
        .expect("code actions");
    let action = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"] == "Suppress AZL101 on this line")
        .unwrap_or_else(|| panic!("{actions}"))
        .clone();
    assert_eq!(action["kind"], "quickfix");
    let edit = &action["edit"]["changes"][&app_uri][0];
    assert_eq!(
        edit["newText"],
        "          // azlint-disable-next-line AZL101 <reason>\n"
    );
    let line = secret["range"]["start"]["line"].as_u64().unwrap();
    assert_eq!(
        edit["range"]["start"],
        json!({ "line": line, "character": 0 })
    );

    // A command for an older version is refused: its positions would corrupt the file.
    let stale = lsp.request(
        "workspace/executeCommand",
        json!({ "command": "azlint.applyFix", "arguments": [{ "uri": app_uri, "version": 100,
                "label": "x", "edit": action["edit"] }] }),
    );
    assert_eq!(stale.unwrap_err()["code"], -32801);
    let id = lsp.send_request(
        "workspace/executeCommand",
        json!({ "command": "azlint.applyFix", "arguments": [{ "uri": app_uri, "version": 101,
                "label": action["title"], "edit": action["edit"] }] }),
    );
    let apply = lsp.wait(|m| m["method"] == "workspace/applyEdit");
    assert_eq!(apply["params"]["edit"], action["edit"]);
    // The editor applies it (a change), then answers.
    let (text, _) = burst_text(101);
    let mut lines: Vec<&str> = text.split_inclusive('\n').collect();
    let inserted = edit["newText"].as_str().unwrap().to_string();
    lines.insert(line as usize, &inserted);
    let fixed: String = lines.concat();
    lsp.change(&app_uri, 102, &fixed);
    lsp.send(json!({ "jsonrpc": "2.0", "id": apply["id"], "result": { "applied": true } }));
    let done = lsp.wait(|m| m["id"] == id && m.get("method").is_none());
    assert_eq!(done["result"], Value::Null, "{done}");
    let p = lsp.publication(&app_uri, |m| m["params"]["version"] == 102);
    // The secret is suppressed; the `<reason>` placeholder still asks for a reason (AZL003).
    assert!(
        !codes(&p).iter().any(|c| c == "AZL101") && codes(&p).iter().any(|c| c == "AZL003"),
        "{p}"
    );

    // Cross-file: an unsaved edit of a Terraform module sibling updates the open main.tf;
    // closing the sibling goes back to what is on disk.
    write(root, "tf/main.tf", MAIN_TF);
    write(root, "tf/variables.tf", VARIABLES_TF);
    let main_uri = uri(&root.join("tf/main.tf"));
    let vars_uri = uri(&root.join("tf/variables.tf"));
    lsp.open(&main_uri, "terraform", 1, MAIN_TF);
    let p = lsp.publication(&main_uri, |_| true);
    assert!(codes(&p).contains(&"AZL101".into()), "{p}");
    lsp.open(&vars_uri, "terraform", 1, VARIABLES_TF);
    lsp.publication(&vars_uri, |_| true);
    lsp.change(&vars_uri, 2, VARIABLES_TF_SENSITIVE);
    let p = lsp.publication(&main_uri, |m| {
        !codes(&m["params"]).contains(&"AZL101".into())
    });
    assert_eq!(p["version"], 1);
    lsp.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": vars_uri } }),
    );
    let closed = lsp.publication(&vars_uri, |_| true);
    assert_eq!(closed["diagnostics"], json!([]));
    lsp.publication(&main_uri, |m| {
        codes(&m["params"]).contains(&"AZL101".into())
    });

    // A change for a document that was never opened creates nothing.
    let phantom = uri(&root.join("phantom.bicep"));
    lsp.change(&phantom, 5, INSECURE);
    let other = uri(&root.join("other.bicep"));
    lsp.open(&other, "bicep", 1, INSECURE);
    lsp.publication(&other, |_| true);
    assert!(lsp.publications(&phantom).is_empty());

    let (code, stderr) = lsp.shutdown();
    assert_eq!(code, Some(0), "{stderr}");
    assert!(!stderr.contains("hunter2"), "{stderr}");
}

/// Only the newest text is linted: a burst of 100 changes costs one or two lints, however
/// fast the client sends them.
#[test]
fn a_burst_of_changes_is_linted_once() {
    let dir = repo();
    let app_uri = uri(&dir.path().join("app.bicep"));
    let (mut lsp, _) = Lsp::start(json!({
        "capabilities": {},
        "rootUri": uri(dir.path()),
        "initializationOptions": { "debounceMs": 100 },
    }));
    lsp.open(&app_uri, "bicep", 1, INSECURE);
    lsp.publication(&app_uri, |_| true);
    for v in 2..=101 {
        lsp.change(&app_uri, v, &burst_text(v).0);
    }
    lsp.publication(&app_uri, |m| m["params"]["version"] == 101);
    let (code, stderr) = lsp.shutdown();
    assert_eq!(code, Some(0));
    let lints = stderr.lines().filter(|l| l.contains("linted")).count();
    // One for the open, one for the burst (a few more only if the machine stalls the
    // client for longer than the quiet period); never one per change.
    assert!((2..=6).contains(&lints), "{lints} lints:\n{stderr}");
}

/// Pull diagnostics: answered for the current text, `unchanged` when nothing changed, and a
/// refresh when a file the document depends on changes.
#[test]
fn pull_diagnostics_and_refresh() {
    let dir = repo();
    let root = dir.path();
    let template = "@secure()\nparam dbPassword string\n\noutput x string = 'y'\n";
    write(root, "main.bicep", template);
    let params = "using 'main.bicep'\n\nparam dbPassword = 'Pr0d-S3cret-P@ssw0rd!'\n";
    let params_uri = uri(&root.join("main.bicepparam"));
    let template_uri = uri(&root.join("main.bicep"));
    let (mut lsp, init) = Lsp::start(json!({
        "capabilities": {
            "textDocument": { "diagnostic": { "dynamicRegistration": false } },
            "workspace": { "diagnostics": { "refreshSupport": true } },
        },
        "rootUri": uri(root),
        "initializationOptions": { "azlint": { "debounceMs": 20 } },
    }));
    assert_eq!(
        init["capabilities"]["diagnosticProvider"]["interFileDependencies"],
        true
    );
    lsp.open(&params_uri, "bicep-params", 1, params);
    lsp.open(&template_uri, "bicep", 1, template);
    let pull = |lsp: &mut Lsp, previous: Option<&str>| {
        lsp.request(
            "textDocument/diagnostic",
            json!({ "textDocument": { "uri": params_uri }, "previousResultId": previous }),
        )
        .expect("a report")
    };
    let full = pull(&mut lsp, None);
    assert_eq!(full["kind"], "full");
    let items = json!({ "diagnostics": full["items"] });
    assert_eq!(codes(&items), vec!["AZL128".to_string()], "{full}");
    let id = full["resultId"].as_str().unwrap().to_string();
    assert_eq!(pull(&mut lsp, Some(&id))["kind"], "unchanged");

    // The template loses @secure() in its (unsaved) buffer: the parameter file depends on
    // it, so the client is asked to pull again, and the new result has no AZL128.
    lsp.change(&template_uri, 2, &template.replace("@secure()\n", ""));
    lsp.wait(|m| m["method"] == "workspace/diagnostic/refresh");
    let again = pull(&mut lsp, Some(&id));
    assert_eq!(again["kind"], "full", "{again}");
    assert!(!again["items"].to_string().contains("AZL128"), "{again}");

    // Pull clients get no pushed diagnostics for open documents.
    assert!(lsp.publications(&params_uri).is_empty());
    let (code, _) = lsp.shutdown();
    assert_eq!(code, Some(0));
}

/// Malformed input is answered or skipped, never fatal; the lifecycle rules hold.
#[test]
fn malformed_messages_and_lifecycle() {
    let dir = repo();
    let app_uri = uri(&dir.path().join("app.bicep"));

    // Before initialize, requests are refused.
    let mut lsp = Lsp::spawn();
    assert_eq!(
        lsp.request("shutdown", Value::Null).unwrap_err()["code"],
        -32002
    );
    let init = lsp.request("initialize", json!({ "capabilities": {} }));
    assert!(init.is_ok());
    lsp.notify("initialized", json!({}));

    // Not JSON: -32700 with a null id; the payload is never echoed.
    lsp.send_raw(&lsp_client::frame("{not json SECRET-PAYLOAD"));
    let e = lsp.wait(|m| m["error"]["code"] == -32700);
    assert_eq!(e["id"], Value::Null);
    assert!(!e.to_string().contains("SECRET"), "{e}");
    // JSON that is not a message, with an id: -32600 for that id.
    lsp.send_raw(&lsp_client::frame(r#"{"jsonrpc":"2.0","id":5,"method":7}"#));
    let e = lsp.wait(|m| m["error"]["code"] == -32600);
    assert_eq!(e["id"], 5);
    // Broken framing and a lying length: skipped without allocating.
    lsp.send_raw(b"Content-Length: abc\r\n\r\n{}");
    lsp.send_raw(b"Content-Type: x\r\n\r\n{\"a\":1}");
    lsp.send_raw(b"Content-Length: 100000000000\r\n\r\nx");
    // Params that are not structured make an invalid request; params of the wrong shape
    // are invalid params; neither is quoted back.
    let e = lsp
        .request("textDocument/hover", json!("SECRET-PARAM"))
        .unwrap_err();
    assert_eq!(e["code"], -32600);
    assert!(!e.to_string().contains("SECRET"), "{e}");
    let e = lsp
        .request(
            "textDocument/hover",
            json!({ "textDocument": "SECRET-PARAM" }),
        )
        .unwrap_err();
    assert_eq!(e["code"], -32602);
    assert!(!e.to_string().contains("SECRET"), "{e}");
    // URIs that are not local files: ignored, or an empty publication.
    lsp.open("not a uri", "bicep", 1, INSECURE);
    lsp.open("untitled:Untitled-1", "bicep", 1, INSECURE);
    let p = lsp.publication("untitled:Untitled-1", |_| true);
    assert_eq!(p["diagnostics"], json!([]));
    // Still serving.
    lsp.open(&app_uri, "bicep", 1, INSECURE);
    let p = lsp.publication(&app_uri, |_| true);
    assert!(codes(&p).contains(&"AZL101".into()));

    // After shutdown: requests are invalid, exit is clean.
    assert_eq!(lsp.request("shutdown", Value::Null), Ok(Value::Null));
    assert_eq!(
        lsp.request("textDocument/hover", json!({})).unwrap_err()["code"],
        -32600
    );
    lsp.notify("exit", Value::Null);
    let (code, stderr) = lsp.finish();
    assert_eq!(code, Some(0), "{stderr}");
    assert!(!stderr.contains("SECRET"), "{stderr}");

    // `exit` without `shutdown`: exit code 1.
    let (mut lsp, _) = Lsp::start(json!({ "capabilities": {} }));
    lsp.notify("exit", Value::Null);
    assert_eq!(lsp.finish().0, Some(1));
}

/// Issue 9: the command line and the language server agree on a repository whose config (in
/// a sub-folder, with a different one at the root) uses every key, for files opened in the
/// editor and for workspace diagnostics; the workspace is the sub-folder, a second folder of
/// a multi-root workspace uses its own configuration.
#[test]
fn the_editor_reports_what_ci_reports() {
    let dir = repo();
    let root = dir.path();
    write(root, ".azlint.yaml", "rules:\n  AZL101: off\n");
    write(
        root,
        "infra/.azlint.yaml",
        "rules:\n  AZL201: off\noverrides:\n  - files: [\"apps/**\"]\n    rules:\n      secrets: warning\n\
         exclude: [\"legacy/**\"]\nrule-dirs: [\"org-rules\"]\nsecret-name-exclusions: [\"^LEGACY_\"]\n\
         baseline: baseline.json\nmax-file-size: 1000000\nlint-compiled-bicep: false\n",
    );
    write(
        root,
        "infra/org-rules/ORG901.yaml",
        "id: ORG901\nname: require-cost-center-tag\nfamily: governance\nseverity: warning\nconfidence: high\n\
         title: Container app has no cost-center tag\nmessage: \"`{resource}` has no `cost-center` tag\"\n\
         help: |\n  Every app must carry a `cost-center` tag.\nresource-types: [Microsoft.App/containerApps]\n\
         when:\n  path: tags.cost-center\n  exists: false\n",
    );
    let web = INSECURE.replace(
        "  properties: {\n",
        "  properties: {\n    template: {\n      containers: [\n        {\n          name: 'web'\n          image: 'nginx'\n          env: [\n            { name: 'LEGACY_API_KEY', value: 'abc123-literal-key-value' }\n            { name: 'API_KEY', value: 'def456-literal-key-value' }\n          ]\n        }\n      ]\n    }\n",
    );
    write(root, "infra/apps/web.bicep", &web);
    write(root, "infra/apps/old.bicep", &web.replace("'web'", "'old'"));
    write(root, "infra/legacy/x.bicep", &web);
    write(root, "infra/tf/main.tf", MAIN_TF);
    write(root, "infra/tf/variables.tf", VARIABLES_TF);
    write(
        root,
        "infra/params/main.bicep",
        "@secure()\nparam dbPassword string\n\noutput x string = 'y'\n",
    );
    write(
        root,
        "infra/params/main.bicepparam",
        "using 'main.bicep'\n\nparam dbPassword = 'Pr0d-S3cret-P@ssw0rd!'\n",
    );
    let azlint = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_azlint"))
            .args(args)
            .current_dir(root)
            .output()
            .expect("azlint runs")
    };
    let o = azlint(&[
        "check",
        "infra/apps/old.bicep",
        "--write-baseline",
        "infra/baseline.json",
    ]);
    assert!(o.status.success() || o.status.code() == Some(1), "{o:?}");

    // CI: `azlint check infra -f json`.
    let o = azlint(&["check", "infra", "-f", "json"]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let report: Value = serde_json::from_slice(&o.stdout).expect("JSON");
    type Key = (String, String, u64, u64);
    let cli: BTreeSet<Key> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f.get("suppressed").is_none())
        .map(|f| {
            (
                f["ruleId"].as_str().unwrap().to_string(),
                f["path"].as_str().unwrap().to_string(),
                f["start"]["line"].as_u64().unwrap(),
                f["start"]["column"].as_u64().unwrap(),
            )
        })
        .collect();
    let cli_rules: BTreeSet<&str> = cli.iter().map(|k| k.0.as_str()).collect();
    // Every key mattered: the custom rule ran, the override and exclusion applied, the
    // baseline hid old.bicep, the excluded folder is absent, the root config did not apply.
    assert!(
        cli_rules.contains("ORG901") && cli_rules.contains("AZL101"),
        "{cli:?}"
    );
    assert!(!cli_rules.contains("AZL201"), "{cli:?}");
    assert!(
        cli.iter()
            .all(|k| !k.1.contains("legacy") && !k.1.contains("old.bicep")),
        "{cli:?}"
    );
    assert_eq!(cli.iter().filter(|k| k.0 == "AZL102").count(), 1, "{cli:?}");

    // A second repository, the second folder of the workspace, with its own config.
    let other = repo();
    write(other.path(), ".azlint.yaml", "rules:\n  AZL101: off\n");
    write(other.path(), "app.bicep", INSECURE);

    let (mut lsp, _) = Lsp::start(json!({
        "capabilities": { "general": { "positionEncodings": ["utf-8"] } },
        "workspaceFolders": [
            { "uri": uri(&root.join("infra")), "name": "infra" },
            { "uri": uri(other.path()), "name": "other" },
        ],
        "initializationOptions": { "debounceMs": 10, "workspaceDiagnostics": true },
    }));
    let files = [
        "infra/apps/web.bicep",
        "infra/apps/old.bicep",
        "infra/legacy/x.bicep",
        "infra/tf/main.tf",
        "infra/tf/variables.tf",
        "infra/params/main.bicep",
        "infra/params/main.bicepparam",
    ];
    let to_keys = |publication: &Value, rel: &str| -> Vec<Key> {
        publication["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                (
                    d["code"].as_str().unwrap_or("").to_string(),
                    rel.to_string(),
                    d["range"]["start"]["line"].as_u64().unwrap() + 1,
                    // ASCII files: UTF-8 columns are the CLI's character columns.
                    d["range"]["start"]["character"].as_u64().unwrap() + 1,
                )
            })
            .collect()
    };
    let mut editor: BTreeSet<Key> = BTreeSet::new();
    for rel in files {
        let path = root.join(rel);
        let text = std::fs::read_to_string(&path).unwrap();
        let u = uri(&path);
        lsp.open(&u, "x", 1, &text);
        let p = lsp.publication(&u, |m| m["params"]["version"] == 1);
        editor.extend(to_keys(&p, rel));
    }
    assert_eq!(editor, cli, "open files: editor vs CI");
    let u = uri(&other.path().join("app.bicep"));
    lsp.open(&u, "bicep", 1, INSECURE);
    let p = lsp.publication(&u, |_| true);
    assert!(
        !codes(&p).contains(&"AZL101".into()),
        "second folder's config: {p}"
    );

    // Closed again, the files show the workspace diagnostics: the same set.
    for rel in files {
        lsp.notify(
            "textDocument/didClose",
            json!({ "textDocument": { "uri": uri(&root.join(rel)) } }),
        );
    }
    lsp.drain(Duration::from_millis(200));
    let mut workspace: BTreeSet<Key> = BTreeSet::new();
    let deadline = std::time::Instant::now() + lsp_client::TIMEOUT;
    while workspace != cli && std::time::Instant::now() < deadline {
        lsp.drain(Duration::from_millis(100));
        workspace.clear();
        for rel in files {
            if let Some(p) = lsp.publications(&uri(&root.join(rel))).last() {
                workspace.extend(to_keys(p, rel));
            }
        }
    }
    assert_eq!(workspace, cli, "workspace diagnostics vs CI");
    let (code, _) = lsp.shutdown();
    assert_eq!(code, Some(0));
}

/// Settings from the editor, configuration changes noticed by polling when the client cannot
/// watch files, and hover on a rule named in a suppression comment.
#[test]
fn settings_polling_and_hover_on_suppressions() {
    let dir = repo();
    let root = dir.path();
    write(
        root,
        "org/ORG901.yaml",
        "id: ORG901\nname: require-cost-center-tag\nfamily: governance\nseverity: warning\nconfidence: high\n\
         title: Container app has no cost-center tag\nmessage: \"`{resource}` has no `cost-center` tag\"\n\
         help: |\n  Every app must carry a `cost-center` tag.\nresource-types: [Microsoft.App/containerApps]\n\
         when:\n  path: tags.cost-center\n  exists: false\n",
    );
    let app_uri = uri(&root.join("app.bicep"));
    let (mut lsp, _) = Lsp::start(json!({
        "capabilities": {},
        "workspaceFolders": [{ "uri": uri(root), "name": "repo" }],
        "initializationOptions": { "debounceMs": 10, "configPollMs": 100 },
    }));
    lsp.open(&app_uri, "bicep", 1, INSECURE);
    let p = lsp.publication(&app_uri, |_| true);
    assert!(!codes(&p).contains(&"ORG901".into()));

    // Extra rule folders from the editor's settings (relative to the workspace folder).
    lsp.notify(
        "workspace/didChangeConfiguration",
        json!({ "settings": { "azlint": { "ruleDirs": ["org"] } } }),
    );
    lsp.publication(&app_uri, |m| codes(&m["params"]).contains(&"ORG901".into()));

    // No watcher: a new configuration is found by polling, without any notification.
    write(root, ".azlint.yaml", "rules:\n  AZL101: off\n");
    lsp.publication(&app_uri, |m| {
        !codes(&m["params"]).contains(&"AZL101".into())
    });

    // Hover on the rule id of a suppression comment.
    let text = format!("// azlint-disable-next-line AZL104 not a secret\n{INSECURE}");
    lsp.change(&app_uri, 2, &text);
    lsp.publication(&app_uri, |m| m["params"]["version"] == 2);
    let hover = lsp
        .request(
            "textDocument/hover",
            json!({ "textDocument": { "uri": app_uri }, "position": { "line": 0, "character": 30 } }),
        )
        .expect("hover");
    // No markdown offered: plain text.
    assert_eq!(hover["contents"]["kind"], "plaintext");
    assert!(
        hover["contents"]["value"]
            .as_str()
            .unwrap()
            .starts_with("AZL104 "),
        "{hover}"
    );
    let (code, _) = lsp.shutdown();
    assert_eq!(code, Some(0));
}
