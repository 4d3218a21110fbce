//! The language server end to end, in-process over `Connection::memory()`.

use std::thread;
use std::time::Duration;

use lsp_server::{Connection, Message, Notification, Request, RequestId};
use serde_json::{json, Value};

const TIMEOUT: Duration = Duration::from_secs(30);

/// A Container Apps spec (recognisable by `properties:`) with a YAML syntax error on line 3:
/// the flow mapping misses a `,` after the quoted value. Non-ASCII text before the error on
/// the same line makes UTF-8 and UTF-16 columns differ.
const MALFORMED: &str = "# app\nproperties:\n  template: {description: \"é😀\" x}\n";
const CLEAN: &str = "properties:\n  managedEnvironmentId: /e\n  configuration: {}\n  template:\n    containers: []\n";

struct Client {
    conn: Connection,
    server: thread::JoinHandle<Result<(), String>>,
    next_id: i32,
}

impl Client {
    fn start(initialize_params: Value) -> (Client, Value) {
        let (server_conn, conn) = Connection::memory();
        let server = thread::spawn(move || azlint::lsp::serve_connection(server_conn));
        let mut client = Client {
            conn,
            server,
            next_id: 0,
        };
        let result = client
            .request("initialize", initialize_params)
            .expect("initialized");
        client.notify("initialized", json!({}));
        (client, result)
    }

    /// Send a request and wait for its response: the result, or the error code.
    fn request(&mut self, method: &str, params: Value) -> Result<Value, i32> {
        self.next_id += 1;
        let id = RequestId::from(self.next_id);
        self.conn
            .sender
            .send(Message::Request(Request::new(
                id.clone(),
                method.to_string(),
                params,
            )))
            .expect("server alive");
        loop {
            match self
                .conn
                .receiver
                .recv_timeout(TIMEOUT)
                .expect("a response")
            {
                Message::Response(r) if r.id == id => {
                    return r.response_result.map_err(|e| e.code);
                }
                _ => continue,
            }
        }
    }

    fn notify(&self, method: &str, params: Value) {
        self.conn
            .sender
            .send(Message::Notification(Notification::new(
                method.to_string(),
                params,
            )))
            .expect("server alive");
    }

    /// The next `publishDiagnostics` notification's params.
    fn diagnostics(&self) -> Value {
        loop {
            match self
                .conn
                .receiver
                .recv_timeout(TIMEOUT)
                .expect("diagnostics")
            {
                Message::Notification(n) if n.method == "textDocument/publishDiagnostics" => {
                    return n.params
                }
                _ => continue,
            }
        }
    }

    fn shutdown(mut self) {
        let result = self.request("shutdown", Value::Null);
        assert_eq!(result, Ok(Value::Null));
        self.notify("exit", Value::Null);
        let outcome = self.server.join().expect("server thread does not panic");
        assert_eq!(outcome, Ok(()));
    }
}

fn uri(dir: &tempfile::TempDir, name: &str) -> String {
    format!("file://{}/{name}", dir.path().display())
}

fn open(client: &Client, uri: &str, text: &str) {
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "yaml", "version": 1, "text": text } }),
    );
}

#[test]
fn publishes_parse_errors_in_utf16_and_clears_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (client, init) = Client::start(json!({ "capabilities": {}, "processId": null }));
    let caps = &init["capabilities"];
    assert_eq!(caps["textDocumentSync"]["change"], 1);
    assert_eq!(caps["textDocumentSync"]["openClose"], true);
    assert_eq!(caps["textDocumentSync"]["save"]["includeText"], true);
    assert_eq!(caps["positionEncoding"], "utf-16");
    assert_eq!(init["serverInfo"]["name"], "azlint");

    let app = uri(&dir, "app.yaml");
    open(&client, &app, MALFORMED);
    let published = client.diagnostics();
    assert_eq!(published["uri"], app.as_str());
    assert_eq!(published["version"], 1);
    let diags = published["diagnostics"].as_array().expect("array");
    assert_eq!(diags.len(), 1, "{published}");
    let d = &diags[0];
    assert_eq!(d["code"], "AZL001");
    assert_eq!(d["source"], "azlint");
    assert_eq!(d["severity"], 1);
    assert!(
        d["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("YAML syntax error")),
        "{d}"
    );
    // `  template: {description: "é😀" ` before `x`: 29 ASCII chars + é (1 unit) + 😀 (2 units).
    assert_eq!(d["range"]["start"], json!({ "line": 2, "character": 32 }));
    assert_eq!(d["range"]["end"], json!({ "line": 2, "character": 33 }));

    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": app, "version": 2 }, "contentChanges": [{ "text": CLEAN }] }),
    );
    let published = client.diagnostics();
    assert_eq!(published["version"], 2);
    assert_eq!(published["diagnostics"], json!([]));

    // Saving with text re-lints that text.
    client.notify(
        "textDocument/didSave",
        json!({ "textDocument": { "uri": app }, "text": MALFORMED }),
    );
    assert_eq!(
        client.diagnostics()["diagnostics"].as_array().map(Vec::len),
        Some(1)
    );

    client.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": app } }),
    );
    let published = client.diagnostics();
    assert_eq!(published["diagnostics"], json!([]));

    client.shutdown();
}

#[test]
fn negotiates_utf8_positions() {
    let dir = tempfile::tempdir().expect("tempdir");
    let init_params = json!({
        "capabilities": { "general": { "positionEncodings": ["utf-16", "utf-8"] } },
        "workspaceFolders": [{ "uri": format!("file://{}", dir.path().display()), "name": "ws" }],
    });
    let (client, init) = Client::start(init_params);
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-8");
    let app = uri(&dir, "app.yaml");
    open(&client, &app, MALFORMED);
    let published = client.diagnostics();
    let d = &published["diagnostics"][0];
    // The same `x`, counted in bytes: 29 ASCII + é (2) + 😀 (4).
    assert_eq!(d["range"]["start"], json!({ "line": 2, "character": 35 }));
    assert_eq!(d["range"]["end"], json!({ "line": 2, "character": 36 }));
    client.shutdown();
}

#[test]
fn bad_uris_and_foreign_files_never_crash_the_server() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut client, _) = Client::start(json!({ "capabilities": {} }));
    // Not a URI at all: the notification is ignored.
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": "not a uri", "languageId": "yaml", "version": 1, "text": MALFORMED } }),
    );
    // A non-file scheme: nothing to lint, an empty list.
    open(&client, "untitled:Untitled-1", MALFORMED);
    assert_eq!(client.diagnostics()["diagnostics"], json!([]));
    // A file azlint does not lint, and a Kubernetes manifest: empty lists.
    open(&client, &uri(&dir, "notes.txt"), "hello");
    assert_eq!(client.diagnostics()["diagnostics"], json!([]));
    open(
        &client,
        &uri(&dir, "deploy.yaml"),
        "apiVersion: v1\nkind: Pod\nproperties: [\n",
    );
    assert_eq!(client.diagnostics()["diagnostics"], json!([]));
    // Unknown requests get an error response, and the server keeps going.
    assert_eq!(client.request("textDocument/hover", json!({})), Err(-32601));
    client.shutdown();
}

/// A Bicep file with a plaintext secret: the rule's finding is published at the value; an
/// inline suppression (as `azlint check` honours it) removes it.
#[test]
fn publishes_rule_findings_and_honours_inline_suppressions() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (client, _) = Client::start(json!({ "capabilities": {}, "processId": null }));
    let app = uri(&dir, "app.bicep");
    let insecure = "resource app 'Microsoft.App/containerApps@2025-07-01' = {\n  name: 'web'\n  properties: {\n    configuration: {\n      secrets: [\n        {\n          name: 'db'\n          value: 'hunter2-hunter2'\n        }\n      ]\n    }\n  }\n}\n";
    open(&client, &app, insecure);
    let published = client.diagnostics();
    let diags = published["diagnostics"].as_array().expect("array");
    let secret = diags
        .iter()
        .find(|d| d["code"] == "AZL101")
        .unwrap_or_else(|| panic!("no AZL101 in {published}"));
    assert_eq!(
        secret["range"]["start"],
        json!({ "line": 7, "character": 17 })
    );
    assert!(!secret["message"].as_str().unwrap().contains("hunter2"));

    let suppressed = insecure.replace(
        "          value: 'hunter2-hunter2'",
        "          // azlint-disable-next-line AZL101 sample value for a test\n          value: 'hunter2-hunter2'",
    );
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": app, "version": 2 }, "contentChanges": [{ "text": suppressed }] }),
    );
    let published = client.diagnostics();
    assert!(
        !published["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["code"] == "AZL101"),
        "{published}"
    );
    client.shutdown();
}
