//! What the message loop and the lint worker share, behind one mutex. Every publication is
//! sent while the lock is held, so the order in which the two threads publish is the order
//! the client sees, and a check of the document's version and the publication are atomic.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::sync::Arc;

use lsp_server::{Message, Notification, Request, RequestId, Response};
use lsp_types::{Diagnostic, DiagnosticSeverity, Position, Range, Uri};
use serde_json::{json, Value};

use super::convert::SOURCE;
use super::engines::{ConfigProblem, EngineKey};
use super::position::Encoding;
use super::settings::{ClientCaps, Settings};
use super::transport::Outgoing;
use crate::engine::Engine;

/// An open document.
pub(crate) struct Doc {
    pub uri: Uri,
    pub text: Arc<str>,
    pub version: i32,
    /// `None` for URIs that are not local files (nothing to lint).
    pub path: Option<PathBuf>,
    /// The files its last analysis read (see [`crate::engine::Report::files_read`]).
    pub deps: Vec<PathBuf>,
}

/// The last lint of an open document.
pub(crate) struct LintResult {
    pub version: i32,
    pub diagnostics: Vec<Diagnostic>,
    /// Changes with every lint (pull diagnostics' `resultId`).
    pub result_id: String,
    /// The engine that produced it (its rules answer hovers).
    pub engine: Option<Arc<Engine>>,
}

pub(crate) struct Shared {
    pub docs: HashMap<String, Doc>,
    pub encoding: Encoding,
    pub caps: ClientCaps,
    pub settings: Settings,
    /// Workspace folders (local ones).
    pub folders: Vec<PathBuf>,
    pub results: HashMap<String, LintResult>,
    /// The last version pushed per open document: a publication never goes back.
    pub published: HashMap<String, i32>,
    /// Configurations that could not be loaded, by who found them (`true`: the workspace
    /// diagnostics, `false`: the open documents' lints) and the engine they were for.
    pub problems: BTreeMap<(bool, EngineKey), ConfigProblem>,
    /// Problem messages already shown with `window/showMessage` (shown once).
    pub shown: HashSet<String>,
    /// Workspace diagnostics (files that are not open), by file.
    pub workspace: HashMap<PathBuf, Vec<Diagnostic>>,
    /// The URI the client used for a path (its spelling is kept for later publications).
    pub uris: HashMap<PathBuf, Uri>,
    /// Paths without an open document that currently have pushed diagnostics.
    pub pushed: HashSet<PathBuf>,
    pub out: Sender<Outgoing>,
    pub next_request: u64,
    pub next_result: u64,
}

impl Shared {
    pub(crate) fn new(out: Sender<Outgoing>) -> Shared {
        Shared {
            docs: HashMap::new(),
            encoding: Encoding::Utf16,
            caps: ClientCaps::default(),
            settings: Settings::default(),
            folders: Vec::new(),
            results: HashMap::new(),
            published: HashMap::new(),
            problems: BTreeMap::new(),
            shown: HashSet::new(),
            workspace: HashMap::new(),
            uris: HashMap::new(),
            pushed: HashSet::new(),
            out,
            next_request: 0,
            next_result: 0,
        }
    }

    pub(crate) fn send(&self, m: impl Into<Message>) {
        let _ = self.out.send(Outgoing::Message(m.into()));
    }

    pub(crate) fn notify(&self, method: &str, params: Value) {
        self.send(Notification::new(method.into(), params));
    }

    pub(crate) fn respond(&self, id: RequestId, result: Value) {
        self.send(Response::new_ok(id, result));
    }

    pub(crate) fn respond_err(&self, id: RequestId, code: i32, message: String) {
        self.send(Response::new_err(id, code, message));
    }

    /// Send a request to the client; its id (responses to it are matched by the caller).
    pub(crate) fn request(&mut self, method: &str, params: Value) -> RequestId {
        self.next_request += 1;
        let id = RequestId::from(format!("azlint-{}", self.next_request));
        self.send(Request::new(id.clone(), method.into(), params));
        id
    }

    pub(crate) fn log(&self, message: &str) {
        // stderr is where clients keep a server's log; the notification reaches the ones
        // that show it in an output panel.
        eprintln!("azlint lsp: {message}");
        self.notify(
            "window/logMessage",
            json!({ "type": 3, "message": message }),
        );
    }

    pub(crate) fn show_error(&mut self, message: &str) {
        if self.shown.insert(message.to_string()) {
            self.notify(
                "window/showMessage",
                json!({ "type": 1, "message": format!("azlint: {message}") }),
            );
        }
    }

    pub(crate) fn next_result_id(&mut self) -> String {
        self.next_result += 1;
        self.next_result.to_string()
    }

    pub(crate) fn open_uri(&self, path: &Path) -> Option<&str> {
        self.docs
            .iter()
            .find(|(_, d)| d.path.as_deref() == Some(path))
            .map(|(u, _)| u.as_str())
    }

    /// Diagnostics of configuration problems located in `path`.
    pub(crate) fn problem_diagnostics(&self, path: &Path) -> Vec<Diagnostic> {
        let mut out: Vec<Diagnostic> = Vec::new();
        for p in self.problems.values().filter(|p| p.file == path) {
            let at = Position::new(p.line, p.column);
            let d = Diagnostic {
                range: Range::new(at, Position::new(p.line, p.column + 1)),
                severity: Some(DiagnosticSeverity::ERROR),
                source: Some(SOURCE.into()),
                message: p.detail.clone(),
                ..Default::default()
            };
            if !out.contains(&d) {
                out.push(d);
            }
        }
        out
    }

    /// What an open document shows: its lint, plus problems of configuration files in it.
    pub(crate) fn open_diagnostics(&self, uri: &str) -> Vec<Diagnostic> {
        let mut out = self
            .results
            .get(uri)
            .map(|r| r.diagnostics.clone())
            .unwrap_or_default();
        if let Some(path) = self.docs.get(uri).and_then(|d| d.path.as_deref()) {
            out.extend(self.problem_diagnostics(path));
        }
        out
    }

    /// Push an open document's diagnostics (push mode; pull clients ask for them).
    pub(crate) fn publish_open(&mut self, uri: &str) {
        if self.caps.pull_diagnostics {
            return;
        }
        let Some(doc) = self.docs.get(uri) else {
            return;
        };
        let version = doc.version;
        if self.published.get(uri).is_some_and(|&v| v > version) {
            return;
        }
        let diagnostics = self.open_diagnostics(uri);
        let uri_value = doc.uri.clone();
        self.published.insert(uri.to_string(), version);
        self.notify(
            "textDocument/publishDiagnostics",
            json!({ "uri": uri_value, "diagnostics": diagnostics, "version": version }),
        );
    }

    /// Publish what a file that may not be open shows: configuration problems in it and its
    /// workspace diagnostics. Open files go through [`Shared::publish_open`].
    pub(crate) fn publish_path(&mut self, path: &Path) {
        if let Some(uri) = self.open_uri(path).map(str::to_string) {
            self.publish_open(&uri);
            return;
        }
        let mut diagnostics = self.problem_diagnostics(path);
        diagnostics.extend(self.workspace.get(path).cloned().unwrap_or_default());
        if diagnostics.is_empty() && !self.pushed.contains(path) {
            return;
        }
        let uri = match self.uris.get(path) {
            Some(u) => u.clone(),
            None => match super::uri::from_path(path) {
                Some(u) => u,
                None => return,
            },
        };
        if diagnostics.is_empty() {
            self.pushed.remove(path);
        } else {
            self.pushed.insert(path.to_path_buf());
        }
        self.notify(
            "textDocument/publishDiagnostics",
            json!({ "uri": uri, "diagnostics": diagnostics }),
        );
    }

    /// A pull request's answer for an open document.
    pub(crate) fn pull_report(&self, uri: &str, previous: Option<&str>) -> Value {
        match self.results.get(uri) {
            Some(r) if previous == Some(r.result_id.as_str()) => {
                json!({ "kind": "unchanged", "resultId": r.result_id })
            }
            Some(r) => json!({
                "kind": "full",
                "resultId": r.result_id,
                "items": self.open_diagnostics(uri),
            }),
            None => json!({ "kind": "full", "items": [] }),
        }
    }

    /// The workspace folder holding `path` (the deepest), else its own folder: the folder
    /// `azlint check` would run from.
    pub(crate) fn cwd_for(&self, path: &Path) -> PathBuf {
        self.folders
            .iter()
            .filter(|f| path.starts_with(f))
            .max_by_key(|f| f.components().count())
            .cloned()
            .unwrap_or_else(|| path.parent().unwrap_or(path).to_path_buf())
    }
}
