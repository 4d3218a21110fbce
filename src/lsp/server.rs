//! The message loop: lifecycle, document state, and the requests answered from that state
//! (hover, code actions, commands). Linting happens on the worker ([`super::worker`]); this
//! loop never waits for it, so one slow lint never delays the next message.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender};
use std::sync::{Arc, Mutex};

use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionProviderCapability, Diagnostic, DiagnosticOptions,
    DiagnosticServerCapabilities, ExecuteCommandOptions, HoverProviderCapability, InitializeParams,
    PositionEncodingKind, Range, SaveOptions, ServerCapabilities, TextDocumentContentChangeEvent,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions, Uri, WorkDoneProgressOptions, WorkspaceFoldersServerCapabilities,
    WorkspaceServerCapabilities,
};
use serde::Deserialize;
use serde_json::{json, Value};

use super::actions;
use super::convert;
use super::position::{apply_change, Encoding, PositionIndex};
use super::settings::ClientCaps;
use super::state::{Doc, Shared};
use super::transport::{error_response, Frame, Outgoing};
use super::uri;
use super::worker::{self, lock, Job, Worker};
use crate::source::LineIndex;

/// What the reader thread delivers.
pub(crate) enum Event {
    Frame(Frame),
    /// The client closed the stream (or it failed).
    Eof,
}

/// A request the server sent and waits on.
enum Awaiting {
    /// `workspace/applyEdit` for an `azlint.applyFix` command: answer the command after it.
    ApplyEdit(RequestId),
}

struct Server {
    shared: Arc<Mutex<Shared>>,
    jobs: Sender<Job>,
    workspace: Sender<()>,
    out: Sender<Outgoing>,
    shutdown: bool,
    awaiting: HashMap<RequestId, Awaiting>,
}

/// Run the server until `exit` (or the end of input); the process's exit code.
pub(crate) fn run(events: Receiver<Event>, out: Sender<Outgoing>) -> i32 {
    // Before `initialize`, requests are refused and notifications dropped (except `exit`).
    let (id, params) = loop {
        match events.recv() {
            Ok(Event::Frame(Frame::Message(Message::Request(r)))) if r.method == "initialize" => {
                break (r.id, r.params)
            }
            Ok(Event::Frame(Frame::Message(Message::Request(r)))) => {
                let _ = out.send(Outgoing::Message(
                    Response::new_err(
                        r.id,
                        ErrorCode::ServerNotInitialized as i32,
                        "the server is not initialized".into(),
                    )
                    .into(),
                ));
            }
            Ok(Event::Frame(Frame::Message(Message::Notification(n)))) if n.method == "exit" => {
                return 1
            }
            Ok(Event::Frame(other)) => answer_bad_frame(&out, other),
            Ok(Event::Eof) | Err(_) => return 1,
        }
    };

    let shared = Arc::new(Mutex::new(Shared::new(out.clone())));
    let result = initialize(&shared, &params);
    lock(&shared).respond(id, result);

    let (jobs, job_rx) = std::sync::mpsc::channel();
    let (workspace, ws_rx) = std::sync::mpsc::channel();
    {
        let shared = shared.clone();
        let workspace = workspace.clone();
        std::thread::Builder::new()
            .name("azlint-lint".into())
            .stack_size(crate::engine::WORKER_STACK_BYTES)
            .spawn(move || Worker::new(shared, job_rx, workspace).run())
            .expect("a lint thread");
    }
    {
        let shared = shared.clone();
        std::thread::Builder::new()
            .name("azlint-workspace".into())
            .stack_size(crate::engine::WORKER_STACK_BYTES)
            .spawn(move || worker::workspace_loop(shared, ws_rx))
            .expect("a workspace thread");
    }
    let mut server = Server {
        shared,
        jobs,
        workspace,
        out,
        shutdown: false,
        awaiting: HashMap::new(),
    };
    loop {
        let event = match events.recv() {
            Ok(e) => e,
            Err(_) => return 1,
        };
        match event {
            Event::Eof => return 1,
            Event::Frame(Frame::Message(Message::Notification(n))) if n.method == "exit" => {
                let _ = server.jobs.send(Job::Shutdown);
                return if server.shutdown { 0 } else { 1 };
            }
            // A bug in a handler costs that message, never the server: a request is answered
            // with an internal error (the panic's location only, never the user's text).
            Event::Frame(Frame::Message(Message::Request(r))) => {
                let (id, method) = (r.id.clone(), r.method.clone());
                if let Err(p) = crate::engine::catch_panic(|| server.request(r)) {
                    eprintln!("azlint lsp: `{method}` failed: {p}");
                    lock(&server.shared).respond_err(
                        id,
                        ErrorCode::InternalError as i32,
                        format!("azlint could not answer `{method}`: {p}"),
                    );
                }
            }
            Event::Frame(Frame::Message(Message::Notification(n))) => {
                if !server.shutdown {
                    let method = n.method.clone();
                    if let Err(p) = crate::engine::catch_panic(|| server.notification(n)) {
                        eprintln!("azlint lsp: `{method}` failed: {p}");
                    }
                }
            }
            Event::Frame(Frame::Message(Message::Response(r))) => {
                if let Err(p) = crate::engine::catch_panic(|| server.response(r)) {
                    eprintln!("azlint lsp: a response from the editor failed: {p}");
                }
            }
            Event::Frame(other) => answer_bad_frame(&server.out, other),
        }
    }
}

/// Malformed input: answered when JSON-RPC says to, logged either way (without its text).
fn answer_bad_frame(out: &Sender<Outgoing>, frame: Frame) {
    match frame {
        Frame::Message(_) => {}
        Frame::ParseError { reason } => {
            eprintln!("azlint lsp: {reason}");
            let _ = out.send(Outgoing::Raw(error_response(
                None,
                ErrorCode::ParseError as i32,
                &reason,
            )));
        }
        Frame::Invalid { id, reason } => {
            eprintln!("azlint lsp: invalid message: {reason}");
            if id.is_some() {
                let _ = out.send(Outgoing::Raw(error_response(
                    id,
                    ErrorCode::InvalidRequest as i32,
                    &reason,
                )));
            }
        }
        Frame::Skipped { reason } => eprintln!("azlint lsp: input skipped: {reason}"),
    }
}

fn initialize(shared: &Mutex<Shared>, params: &Value) -> Value {
    let mut s = lock(shared);
    s.caps = ClientCaps::from_initialize(params);
    // A client sending odd initialize params still gets a server with defaults.
    let typed: InitializeParams = serde_json::from_value(params.clone()).unwrap_or_default();
    let offered: Option<Vec<PositionEncodingKind>> = typed
        .capabilities
        .general
        .as_ref()
        .and_then(|g| g.position_encodings.clone());
    s.encoding = Encoding::negotiate(offered.as_deref());
    s.folders = workspace_folders(&typed);
    let base = s.folders.first().cloned();
    if let Some(options) = &typed.initialization_options {
        s.settings.update(options, base.as_deref());
    }
    let capabilities = ServerCapabilities {
        position_encoding: Some(s.encoding.kind()),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::FULL),
                save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                    include_text: Some(true),
                })),
                ..Default::default()
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        code_action_provider: Some(if s.caps.code_action_literals {
            CodeActionProviderCapability::Options(CodeActionOptions {
                code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
                resolve_provider: Some(false),
                work_done_progress_options: WorkDoneProgressOptions::default(),
            })
        } else {
            CodeActionProviderCapability::Simple(true)
        }),
        execute_command_provider: Some(ExecuteCommandOptions {
            commands: vec![actions::APPLY_FIX.into()],
            work_done_progress_options: WorkDoneProgressOptions::default(),
        }),
        diagnostic_provider: s.caps.pull_diagnostics.then(|| {
            DiagnosticServerCapabilities::Options(DiagnosticOptions {
                identifier: Some("azlint".into()),
                // A change to a module, a template or a sibling changes this file's result.
                inter_file_dependencies: true,
                workspace_diagnostics: false,
                work_done_progress_options: WorkDoneProgressOptions::default(),
            })
        }),
        workspace: Some(WorkspaceServerCapabilities {
            workspace_folders: Some(WorkspaceFoldersServerCapabilities {
                supported: Some(true),
                change_notifications: Some(lsp_types::OneOf::Left(true)),
            }),
            file_operations: None,
        }),
        ..Default::default()
    };
    json!({
        "capabilities": capabilities,
        "serverInfo": { "name": "azlint", "version": env!("CARGO_PKG_VERSION") },
    })
}

/// Local workspace folders (or the deprecated `rootUri` / `rootPath`).
fn workspace_folders(params: &InitializeParams) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = params
        .workspace_folders
        .iter()
        .flatten()
        .filter_map(|f| uri::to_path(f.uri.as_str()))
        .collect();
    #[allow(deprecated)]
    if out.is_empty() {
        if let Some(p) = params
            .root_uri
            .as_ref()
            .and_then(|u| uri::to_path(u.as_str()))
        {
            out.push(p);
        } else if let Some(p) = params.root_path.as_deref().filter(|p| p.starts_with('/')) {
            out.push(crate::frontend::normalize(std::path::Path::new(p)));
        }
    }
    out
}

#[derive(Deserialize)]
struct DocId {
    uri: String,
}

#[derive(Deserialize)]
struct OpenParams {
    #[serde(rename = "textDocument")]
    doc: OpenDoc,
}

#[derive(Deserialize)]
struct OpenDoc {
    uri: String,
    version: i32,
    text: String,
}

#[derive(Deserialize)]
struct ChangeParams {
    #[serde(rename = "textDocument")]
    doc: VersionedId,
    #[serde(rename = "contentChanges")]
    changes: Vec<TextDocumentContentChangeEvent>,
}

#[derive(Deserialize)]
struct VersionedId {
    uri: String,
    version: i32,
}

#[derive(Deserialize)]
struct SaveParams {
    #[serde(rename = "textDocument")]
    doc: DocId,
    text: Option<String>,
}

#[derive(Deserialize)]
struct CloseParams {
    #[serde(rename = "textDocument")]
    doc: DocId,
}

#[derive(Deserialize)]
struct FileEvent {
    uri: String,
    #[serde(rename = "type")]
    kind: u8,
}

#[derive(Deserialize)]
struct WatchedParams {
    changes: Vec<FileEvent>,
}

#[derive(Deserialize)]
struct PositionParams {
    #[serde(rename = "textDocument")]
    doc: DocId,
    position: lsp_types::Position,
}

#[derive(Deserialize)]
struct CodeActionParams {
    #[serde(rename = "textDocument")]
    doc: DocId,
    range: Range,
    context: CodeActionContext,
}

#[derive(Deserialize)]
struct CodeActionContext {
    #[serde(default)]
    diagnostics: Vec<Diagnostic>,
    #[serde(default)]
    only: Option<Vec<CodeActionKind>>,
}

#[derive(Deserialize)]
struct DiagnosticParams {
    #[serde(rename = "textDocument")]
    doc: DocId,
    #[serde(rename = "previousResultId")]
    previous: Option<String>,
}

#[derive(Deserialize)]
struct ExecuteParams {
    command: String,
    #[serde(default)]
    arguments: Vec<Value>,
}

#[derive(Deserialize)]
struct ApplyFixArgs {
    uri: String,
    version: i32,
    label: Option<String>,
    edit: Value,
}

fn ranges_overlap(a: &Range, b: &Range) -> bool {
    let key = |p: &lsp_types::Position| (p.line, p.character);
    key(&a.start) <= key(&b.end) && key(&b.start) <= key(&a.end)
}

impl Server {
    fn request(&mut self, r: Request) {
        let s = lock(&self.shared);
        if self.shutdown {
            s.respond_err(
                r.id,
                ErrorCode::InvalidRequest as i32,
                format!("`{}` after shutdown", r.method),
            );
            return;
        }
        drop(s);
        let invalid = |shared: &Mutex<Shared>, id: RequestId, method: &str| {
            // Never quote the params: they may hold the user's text.
            lock(shared).respond_err(
                id,
                ErrorCode::InvalidParams as i32,
                format!("invalid params for `{method}`"),
            );
        };
        match r.method.as_str() {
            "initialize" => lock(&self.shared).respond_err(
                r.id,
                ErrorCode::InvalidRequest as i32,
                "initialize was already received".into(),
            ),
            "shutdown" => {
                self.shutdown = true;
                lock(&self.shared).respond(r.id, Value::Null);
            }
            "textDocument/hover" => match serde_json::from_value::<PositionParams>(r.params) {
                Ok(p) => {
                    let hover = self.hover(&p);
                    lock(&self.shared).respond(r.id, hover);
                }
                Err(_) => invalid(&self.shared, r.id, &r.method),
            },
            "textDocument/codeAction" => {
                match serde_json::from_value::<CodeActionParams>(r.params) {
                    Ok(p) => {
                        let actions = self.code_actions(&p);
                        lock(&self.shared).respond(r.id, actions);
                    }
                    Err(_) => invalid(&self.shared, r.id, &r.method),
                }
            }
            "textDocument/diagnostic" => {
                match serde_json::from_value::<DiagnosticParams>(r.params) {
                    Ok(p) => {
                        let _ = self.jobs.send(Job::Pull {
                            id: r.id,
                            uri: p.doc.uri,
                            previous: p.previous,
                        });
                    }
                    Err(_) => invalid(&self.shared, r.id, &r.method),
                }
            }
            "workspace/executeCommand" => match serde_json::from_value::<ExecuteParams>(r.params) {
                Ok(p) => self.execute(r.id, p),
                Err(_) => invalid(&self.shared, r.id, &r.method),
            },
            _ => lock(&self.shared).respond_err(
                r.id,
                ErrorCode::MethodNotFound as i32,
                format!("azlint does not handle `{}`", r.method),
            ),
        }
    }

    fn response(&mut self, r: Response) {
        let Some(awaiting) = self.awaiting.remove(&r.id) else {
            // Registrations and refreshes: nothing to do with the answer.
            return;
        };
        match awaiting {
            Awaiting::ApplyEdit(command) => {
                let applied = r
                    .response_result
                    .as_ref()
                    .ok()
                    .and_then(|v| v.get("applied"))
                    .and_then(Value::as_bool)
                    .unwrap_or(false);
                let s = lock(&self.shared);
                if applied {
                    s.respond(command, Value::Null);
                } else {
                    s.respond_err(
                        command,
                        ErrorCode::RequestFailed as i32,
                        "the editor did not apply the edit".into(),
                    );
                }
            }
        }
    }

    fn notification(&mut self, n: Notification) {
        // Malformed params (including URIs that do not parse) are ignored, never fatal.
        match n.method.as_str() {
            "initialized" => self.initialized(),
            "textDocument/didOpen" => {
                if let Ok(p) = serde_json::from_value::<OpenParams>(n.params) {
                    self.open(p.doc);
                }
            }
            "textDocument/didChange" => {
                if let Ok(p) = serde_json::from_value::<ChangeParams>(n.params) {
                    self.change(p);
                }
            }
            "textDocument/didSave" => {
                if let Ok(p) = serde_json::from_value::<SaveParams>(n.params) {
                    self.save(p);
                }
            }
            "textDocument/didClose" => {
                if let Ok(p) = serde_json::from_value::<CloseParams>(n.params) {
                    self.close(&p.doc.uri);
                }
            }
            "workspace/didChangeWatchedFiles" => {
                if let Ok(p) = serde_json::from_value::<WatchedParams>(n.params) {
                    for e in p.changes {
                        if let Some(path) = uri::to_path(&e.uri) {
                            let _ = self.jobs.send(Job::Disk {
                                path,
                                // 1 = created, 3 = deleted, 2 = changed.
                                created_or_deleted: e.kind != 2,
                            });
                        }
                    }
                }
            }
            "workspace/didChangeConfiguration" => {
                let changed = {
                    let mut s = lock(&self.shared);
                    let before = s.settings.clone();
                    let base = s.folders.first().cloned();
                    s.settings.update(&n.params["settings"], base.as_deref());
                    s.settings != before
                };
                if changed {
                    let _ = self.jobs.send(Job::Reconfigure);
                }
            }
            "workspace/didChangeWorkspaceFolders" => {
                let event = &n.params["event"];
                let folders = |key: &str| -> Vec<PathBuf> {
                    event[key]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(|f| f["uri"].as_str().and_then(uri::to_path))
                        .collect()
                };
                let (added, removed) = (folders("added"), folders("removed"));
                {
                    let mut s = lock(&self.shared);
                    s.folders.retain(|f| !removed.contains(f));
                    for f in added {
                        if !s.folders.contains(&f) {
                            s.folders.push(f);
                        }
                    }
                }
                let _ = self.jobs.send(Job::Reconfigure);
            }
            "$/cancelRequest" => {
                if let Some(id) = n.params.get("id").and_then(super::transport::request_id) {
                    let _ = self.jobs.send(Job::Cancel(id));
                }
            }
            _ => {}
        }
    }

    fn initialized(&mut self) {
        let mut s = lock(&self.shared);
        if s.caps.watch_files {
            // Source files (a sibling or module changed by another program, a branch
            // switch), configurations, and rule files and baselines inside the workspace.
            // Rule folders outside it are registered by the worker once known.
            s.request(
                "client/registerCapability",
                json!({ "registrations": [{
                    "id": "azlint-watch-files",
                    "method": "workspace/didChangeWatchedFiles",
                    "registerOptions": { "watchers": [
                        { "globPattern": "**/.azlint.{yaml,yml}" },
                        { "globPattern": "**/*.{bicep,bicepparam,json,jsonc,tf,tfvars,yaml,yml}" },
                    ] },
                }] }),
            );
        }
        if s.settings.workspace_diagnostics {
            let _ = self.workspace.send(());
        }
    }

    fn open(&mut self, d: OpenDoc) {
        let Ok(parsed) = d.uri.parse::<Uri>() else {
            return;
        };
        let path = uri::to_path(&d.uri);
        let mut s = lock(&self.shared);
        if let Some(p) = &path {
            s.uris.insert(p.clone(), parsed.clone());
            // Diagnostics pushed while it was closed are now the document's.
            if s.pushed.remove(p) {
                s.notify(
                    "textDocument/publishDiagnostics",
                    json!({ "uri": parsed, "diagnostics": [] }),
                );
            }
        }
        s.results.remove(&d.uri);
        s.published.remove(&d.uri);
        s.docs.insert(
            d.uri.clone(),
            Doc {
                uri: parsed,
                text: Arc::from(d.text),
                version: d.version,
                path: path.clone(),
                deps: Vec::new(),
            },
        );
        drop(s);
        let _ = self.jobs.send(Job::Changed {
            uri: d.uri,
            path,
            on_disk: false,
        });
    }

    fn change(&mut self, p: ChangeParams) {
        let mut s = lock(&self.shared);
        let encoding = s.encoding;
        let Some(doc) = s.docs.get_mut(&p.doc.uri) else {
            // Never opened: no phantom document (the client is out of step; its didOpen
            // will carry the text).
            drop(s);
            eprintln!("azlint lsp: didChange for a document that is not open; ignored");
            return;
        };
        let mut text: Option<String> = None;
        for change in p.changes {
            match change.range {
                None => text = Some(change.text),
                Some(range) => {
                    let t = text.get_or_insert_with(|| doc.text.to_string());
                    apply_change(t, range, &change.text, encoding);
                }
            }
        }
        if let Some(t) = text {
            doc.text = Arc::from(t);
        }
        doc.version = p.doc.version;
        let path = doc.path.clone();
        drop(s);
        let _ = self.jobs.send(Job::Changed {
            uri: p.doc.uri,
            path,
            on_disk: false,
        });
    }

    fn save(&mut self, p: SaveParams) {
        let mut s = lock(&self.shared);
        let path = match s.docs.get_mut(&p.doc.uri) {
            Some(doc) => {
                if let Some(t) = p.text {
                    if *doc.text != *t {
                        doc.text = Arc::from(t);
                    }
                }
                doc.path.clone()
            }
            None => uri::to_path(&p.doc.uri),
        };
        drop(s);
        let _ = self.jobs.send(Job::Changed {
            uri: p.doc.uri,
            path,
            on_disk: true,
        });
    }

    fn close(&mut self, uri_text: &str) {
        let mut s = lock(&self.shared);
        let Some(doc) = s.docs.remove(uri_text) else {
            return;
        };
        s.results.remove(uri_text);
        s.published.remove(uri_text);
        if !s.caps.pull_diagnostics {
            s.notify(
                "textDocument/publishDiagnostics",
                json!({ "uri": doc.uri, "diagnostics": [] }),
            );
        }
        if let Some(p) = &doc.path {
            // What the closed file still shows: configuration problems, workspace results.
            s.publish_path(p);
        }
        drop(s);
        let _ = self.jobs.send(Job::Changed {
            uri: uri_text.to_string(),
            path: doc.path,
            on_disk: true,
        });
    }

    /// Rule help for the diagnostics under the cursor, or for a rule named in a
    /// suppression comment there.
    fn hover(&self, p: &PositionParams) -> Value {
        let s = lock(&self.shared);
        let Some(doc) = s.docs.get(&p.doc.uri) else {
            return Value::Null;
        };
        let builtin;
        let result = s
            .results
            .get(&p.doc.uri)
            .filter(|r| r.version == doc.version);
        let rules = match result.and_then(|r| r.engine.as_ref()) {
            Some(e) => e.rules(),
            None => {
                builtin = crate::rules::RuleSet::builtin();
                &builtin
            }
        };
        let at = Range::new(p.position, p.position);
        let mut ids: Vec<String> = Vec::new();
        let mut range = None;
        // A rule named in a suppression comment under the cursor comes first.
        let lines = LineIndex::new(&doc.text);
        let index = PositionIndex::new(&doc.text, &lines, s.encoding);
        let offset = index.offset(p.position);
        let line_range = lines.line_range(&doc.text, lines.line_of(offset as u32));
        let line_text = crate::model::text::slice(&doc.text, line_range.clone());
        if let Some(word) =
            convert::rule_word_at(line_text, offset.saturating_sub(line_range.start), rules)
        {
            ids.push(word.to_string());
        }
        // Then the rules of the diagnostics there.
        for d in result.map(|r| r.diagnostics.as_slice()).unwrap_or_default() {
            if let Some(lsp_types::NumberOrString::String(code)) = &d.code {
                if ranges_overlap(&d.range, &at) && !ids.contains(code) {
                    ids.push(code.clone());
                    range.get_or_insert(d.range);
                }
            }
        }
        let metas: Vec<_> = ids.iter().filter_map(|id| rules.get(id)).collect();
        if metas.is_empty() {
            return Value::Null;
        }
        let markdown = s.caps.hover_markdown;
        // The examples in the document's own language (both azurerm and azapi for Terraform).
        let families = doc
            .path
            .as_deref()
            .and_then(|path| crate::lang::Language::of(path, &doc.text))
            .map_or(&[][..], |l| l.info().families);
        let value = convert::rule_help(&metas, rules, markdown, families);
        json!({
            "contents": { "kind": if markdown { "markdown" } else { "plaintext" }, "value": value },
            "range": range,
        })
    }

    fn code_actions(&self, p: &CodeActionParams) -> Value {
        if let Some(only) = &p.context.only {
            if !only
                .iter()
                .any(|k| k == &CodeActionKind::QUICKFIX || k.as_str() == "")
            {
                return json!([]);
            }
        }
        let s = lock(&self.shared);
        let Some(doc) = s.docs.get(&p.doc.uri) else {
            return json!([]);
        };
        let Some(path) = &doc.path else {
            return json!([]);
        };
        // The diagnostics the client shows in the range; clients that send none get the
        // server's own for the current text.
        let mut diagnostics: Vec<Diagnostic> = p.context.diagnostics.clone();
        if diagnostics.is_empty() {
            if let Some(r) = s
                .results
                .get(&p.doc.uri)
                .filter(|r| r.version == doc.version)
            {
                diagnostics = r
                    .diagnostics
                    .iter()
                    .filter(|d| ranges_overlap(&d.range, &p.range))
                    .cloned()
                    .collect();
            }
        }
        let fresh = s
            .results
            .get(&p.doc.uri)
            .is_some_and(|r| r.version == doc.version);
        let fixes = actions::quick_fixes(&doc.text, path, &diagnostics, s.encoding, fresh);
        let actions: Vec<_> = fixes
            .iter()
            .map(|f| {
                actions::to_action(
                    f,
                    &doc.uri,
                    doc.version,
                    &doc.text,
                    s.encoding,
                    s.caps.code_action_literals,
                )
            })
            .collect();
        serde_json::to_value(actions).unwrap_or_else(|_| json!([]))
    }

    fn execute(&mut self, id: RequestId, p: ExecuteParams) {
        if p.command != actions::APPLY_FIX {
            lock(&self.shared).respond_err(
                id,
                ErrorCode::InvalidParams as i32,
                format!("unknown command `{}`", p.command),
            );
            return;
        }
        let Some(args) = p
            .arguments
            .first()
            .and_then(|a| serde_json::from_value::<ApplyFixArgs>(a.clone()).ok())
        else {
            lock(&self.shared).respond_err(
                id,
                ErrorCode::InvalidParams as i32,
                format!("`{}` takes {{uri, version, edit}}", actions::APPLY_FIX),
            );
            return;
        };
        let mut s = lock(&self.shared);
        let current = s.docs.get(&args.uri).map(|d| d.version);
        if current != Some(args.version) {
            // The edit's positions are for another text: applying it would corrupt the file.
            s.respond_err(
                id,
                ErrorCode::ContentModified as i32,
                "the document changed since the fix was offered".into(),
            );
            return;
        }
        if !s.caps.apply_edit {
            s.respond_err(
                id,
                ErrorCode::RequestFailed as i32,
                "the editor does not accept workspace/applyEdit".into(),
            );
            return;
        }
        let request = s.request(
            "workspace/applyEdit",
            json!({ "label": args.label, "edit": args.edit }),
        );
        drop(s);
        self.awaiting.insert(request, Awaiting::ApplyEdit(id));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlap_includes_touching_ranges() {
        let r = |a: u32, b: u32, c: u32, d: u32| {
            Range::new(
                lsp_types::Position::new(a, b),
                lsp_types::Position::new(c, d),
            )
        };
        assert!(ranges_overlap(&r(1, 2, 1, 8), &r(1, 8, 1, 8)));
        assert!(ranges_overlap(&r(1, 2, 3, 0), &r(2, 0, 2, 0)));
        assert!(!ranges_overlap(&r(1, 2, 1, 8), &r(1, 9, 1, 9)));
        assert!(!ranges_overlap(&r(1, 2, 1, 8), &r(0, 0, 1, 1)));
    }
}
