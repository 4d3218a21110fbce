//! A language-server client for tests: runs the built `azlint lsp` and speaks LSP over its
//! stdio, as an editor does. Requests the server sends (watcher registrations, refreshes)
//! are answered automatically, except `workspace/applyEdit`, which tests answer themselves.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

pub const TIMEOUT: Duration = Duration::from_secs(30);

pub struct Lsp {
    child: Child,
    stdin: Option<ChildStdin>,
    rx: Receiver<Value>,
    /// Every message received from the server, in order.
    pub log: Vec<Value>,
    /// How far `next` has read in `log`.
    cursor: usize,
    next_id: i64,
}

fn read_frame(r: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length: ") {
            length = v.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    r.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

pub fn frame(body: &str) -> Vec<u8> {
    format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
}

impl Lsp {
    /// Start the server (without initializing it).
    pub fn spawn() -> Lsp {
        let mut child = Command::new(env!("CARGO_BIN_EXE_azlint"))
            .arg("lsp")
            // Each lint is logged on stderr: tests count them.
            .env("AZLINT_LSP_TRACE", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            // `AZLINT_LSP_STDERR=1` shows the server's log while debugging a test.
            .stderr(if std::env::var_os("AZLINT_LSP_STDERR").is_some() {
                Stdio::inherit()
            } else {
                Stdio::piped()
            })
            .spawn()
            .expect("azlint lsp starts");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            while let Some(v) = read_frame(&mut r) {
                if tx.send(v).is_err() {
                    return;
                }
            }
        });
        let stdin = child.stdin.take();
        Lsp {
            child,
            stdin,
            rx,
            log: Vec::new(),
            cursor: 0,
            next_id: 0,
        }
    }

    /// Start and initialize; the initialize result.
    pub fn start(params: Value) -> (Lsp, Value) {
        let mut lsp = Lsp::spawn();
        let result = lsp.request("initialize", params).expect("initialize");
        lsp.notify("initialized", json!({}));
        (lsp, result)
    }

    pub fn send_raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        stdin.write_all(bytes).expect("server reads");
        stdin.flush().expect("server reads");
    }

    pub fn send(&mut self, v: Value) {
        let text = v.to_string();
        self.send_raw(&frame(&text));
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// Send a request; its id.
    pub fn send_request(&mut self, method: &str, params: Value) -> i64 {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        id
    }

    /// Send a request and wait for its response: the result, or the error object.
    pub fn request(&mut self, method: &str, params: Value) -> Result<Value, Value> {
        let id = self.send_request(method, params);
        let response = self.wait(|m| m["id"] == id && m.get("method").is_none());
        match response.get("error") {
            Some(e) => Err(e.clone()),
            None => Ok(response["result"].clone()),
        }
    }

    /// Receive one message (answering the server's own bookkeeping requests).
    fn receive(&mut self, deadline: Instant) -> Option<Value> {
        let left = deadline.saturating_duration_since(Instant::now());
        let m = self.rx.recv_timeout(left).ok()?;
        if let (Some(method), Some(id)) = (m["method"].as_str(), m.get("id")) {
            if method != "workspace/applyEdit" {
                let id = id.clone();
                self.send(json!({ "jsonrpc": "2.0", "id": id, "result": null }));
            }
        }
        self.log.push(m.clone());
        Some(m)
    }

    /// The next message (after the ones already returned) matching `pred`.
    pub fn wait(&mut self, pred: impl Fn(&Value) -> bool) -> Value {
        self.wait_for(pred, TIMEOUT)
            .unwrap_or_else(|| panic!("no such message within {TIMEOUT:?}; got {:#?}", self.log))
    }

    pub fn wait_for(&mut self, pred: impl Fn(&Value) -> bool, timeout: Duration) -> Option<Value> {
        let deadline = Instant::now() + timeout;
        loop {
            while self.cursor < self.log.len() {
                let m = &self.log[self.cursor];
                self.cursor += 1;
                if pred(m) {
                    return Some(m.clone());
                }
            }
            self.receive(deadline)?;
        }
    }

    /// A message matching `pred` received at any time (even before messages already
    /// returned), else the next one to arrive.
    pub fn wait_any(&mut self, pred: impl Fn(&Value) -> bool) -> Value {
        if let Some(m) = self.log.iter().find(|m| pred(m)) {
            return m.clone();
        }
        self.wait(pred)
    }

    /// Collect everything that arrives within `d`.
    pub fn drain(&mut self, d: Duration) {
        let deadline = Instant::now() + d;
        while self.receive(deadline).is_some() {}
    }

    /// The next publication for `uri` satisfying `pred`.
    pub fn publication(&mut self, uri: &str, pred: impl Fn(&Value) -> bool) -> Value {
        self.wait(|m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri && pred(m)
        })["params"]
            .clone()
    }

    /// Every publication for `uri` received so far, in order.
    pub fn publications(&self, uri: &str) -> Vec<Value> {
        self.log
            .iter()
            .filter(|m| {
                m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
            })
            .map(|m| m["params"].clone())
            .collect()
    }

    pub fn open(&mut self, uri: &str, language: &str, version: i64, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": language, "version": version, "text": text } }),
        );
    }

    pub fn change(&mut self, uri: &str, version: i64, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": [{ "text": text }] }),
        );
    }

    /// Close stdin and wait for the process: its exit code and stderr.
    pub fn finish(mut self) -> (Option<i32>, String) {
        drop(self.stdin.take());
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                let mut err = String::new();
                if let Some(mut e) = self.child.stderr.take() {
                    let _ = e.read_to_string(&mut err);
                }
                return (status.code(), err);
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("the server did not exit");
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// `shutdown` + `exit`; the exit code and stderr.
    pub fn shutdown(mut self) -> (Option<i32>, String) {
        assert_eq!(self.request("shutdown", Value::Null), Ok(Value::Null));
        self.notify("exit", Value::Null);
        self.finish()
    }
}

impl Drop for Lsp {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The `file:` URI of a path (ASCII paths, as tests make them).
pub fn uri(path: &std::path::Path) -> String {
    format!("file://{}", path.display())
}

/// The diagnostics' codes.
pub fn codes(publication: &Value) -> Vec<String> {
    publication["diagnostics"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|d| d["code"].as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}
