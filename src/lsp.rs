//! `azlint lsp`: a synchronous language server (lsp-server + lsp-types).
//!
//! Full-text sync: on open/change/save the in-memory text is linted as that file (through a
//! `Loader` override, so unsaved edits are what gets checked) and the findings are published
//! as diagnostics. Positions use UTF-8 when the client offers it, UTF-16 otherwise.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, DidSaveTextDocument,
    Notification as _, PublishDiagnostics,
};
use lsp_types::{
    CodeDescription, Diagnostic, DiagnosticSeverity, DidChangeTextDocumentParams,
    DidCloseTextDocumentParams, DidOpenTextDocumentParams, DidSaveTextDocumentParams,
    InitializeParams, NumberOrString, Position, PositionEncodingKind, PublishDiagnosticsParams,
    Range, SaveOptions, ServerCapabilities, TextDocumentSyncCapability, TextDocumentSyncKind,
    TextDocumentSyncOptions, TextDocumentSyncSaveOptions, Uri,
};

use std::sync::Arc;

use crate::engine::{Engine, Input, Options};
use crate::finding::{Finding, Severity};
use crate::rules::RuleSet;
use crate::source::SourceFile;

/// Serve over stdin/stdout until the client says `exit`.
pub fn serve() -> Result<(), String> {
    let (connection, io_threads) = Connection::stdio();
    serve_connection(connection)?;
    io_threads
        .join()
        .map_err(|e| format!("language server I/O: {e}"))
}

/// Run the server on an established connection (stdio in production, memory in tests).
/// Returns after `shutdown` + `exit`, or when the client disconnects.
pub fn serve_connection(connection: Connection) -> Result<(), String> {
    let (id, params) = connection
        .initialize_start()
        .map_err(|e| format!("language server initialize: {e}"))?;
    // A client sending odd initialize params still gets a server with defaults.
    let params: InitializeParams = serde_json::from_value(params).unwrap_or_default();
    let encoding = Encoding::negotiate(&params);
    let capabilities = ServerCapabilities {
        position_encoding: Some(encoding.kind()),
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
        ..Default::default()
    };
    let result = serde_json::json!({
        "capabilities": capabilities,
        "serverInfo": { "name": "azlint", "version": env!("CARGO_PKG_VERSION") },
    });
    connection
        .initialize_finish(id, result)
        .map_err(|e| format!("language server initialize: {e}"))?;

    let mut server = Server {
        connection: &connection,
        root: workspace_root(&params),
        encoding,
        documents: HashMap::new(),
    };
    while let Ok(message) = connection.receiver.recv() {
        match message {
            Message::Request(request) => {
                if connection
                    .handle_shutdown(&request)
                    .map_err(|e| format!("language server shutdown: {e}"))?
                {
                    return Ok(());
                }
                server.unsupported(request);
            }
            Message::Notification(n) if n.method == "exit" => return Ok(()),
            Message::Notification(n) => server.notification(n),
            Message::Response(_) => {}
        }
    }
    Ok(())
}

/// How `Position.character` counts: negotiated through `general.positionEncodings`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Encoding {
    Utf8,
    Utf16,
}

impl Encoding {
    /// UTF-8 when the client offers it (our offsets are bytes), else the mandatory UTF-16.
    fn negotiate(params: &InitializeParams) -> Encoding {
        let offered = params
            .capabilities
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.as_ref());
        match offered {
            Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
            _ => Encoding::Utf16,
        }
    }

    fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }
}

struct OpenDocument {
    text: String,
    version: i32,
}

struct Server<'c> {
    connection: &'c Connection,
    /// Display paths are relative to it; `None` → the file's own folder.
    root: Option<PathBuf>,
    encoding: Encoding,
    /// Open documents by URI text.
    documents: HashMap<String, OpenDocument>,
}

impl Server<'_> {
    fn unsupported(&self, request: Request) {
        let response = Response::new_err(
            request.id,
            ErrorCode::MethodNotFound as i32,
            format!("azlint does not handle `{}`", request.method),
        );
        let _ = self.connection.sender.send(response.into());
    }

    fn notification(&mut self, n: Notification) {
        // Malformed params (including URIs that do not parse) are ignored, never fatal.
        match n.method.as_str() {
            DidOpenTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<DidOpenTextDocumentParams>(n.params) {
                    let doc = p.text_document;
                    self.documents.insert(
                        doc.uri.as_str().to_string(),
                        OpenDocument {
                            text: doc.text,
                            version: doc.version,
                        },
                    );
                    self.lint_and_publish(&doc.uri);
                }
            }
            DidChangeTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<DidChangeTextDocumentParams>(n.params) {
                    let uri = p.text_document.uri;
                    let encoding = self.encoding;
                    let entry = self
                        .documents
                        .entry(uri.as_str().to_string())
                        .or_insert_with(|| OpenDocument {
                            text: String::new(),
                            version: 0,
                        });
                    entry.version = p.text_document.version;
                    for change in p.content_changes {
                        match change.range {
                            None => entry.text = change.text,
                            Some(range) => {
                                apply_edit(&mut entry.text, range, &change.text, encoding)
                            }
                        }
                    }
                    self.lint_and_publish(&uri);
                }
            }
            DidSaveTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<DidSaveTextDocumentParams>(n.params) {
                    let uri = p.text_document.uri;
                    if let Some(text) = p.text {
                        let version = self.documents.get(uri.as_str()).map_or(0, |d| d.version);
                        self.documents
                            .insert(uri.as_str().to_string(), OpenDocument { text, version });
                    }
                    self.lint_and_publish(&uri);
                }
            }
            DidCloseTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<DidCloseTextDocumentParams>(n.params) {
                    self.documents.remove(p.text_document.uri.as_str());
                    self.publish(p.text_document.uri, Vec::new(), None);
                }
            }
            _ => {}
        }
    }

    fn lint_and_publish(&self, uri: &Uri) {
        let Some(doc) = self.documents.get(uri.as_str()) else {
            return;
        };
        let diagnostics = self.lint(uri, &doc.text);
        self.publish(uri.clone(), diagnostics, Some(doc.version));
    }

    /// Lint `text` as the file `uri` names, through the same [`Engine`] as `azlint check`:
    /// the file's repository root and `.azlint.yaml` (found from the file, like the CLI),
    /// with every open buffer overlaid on the disk. Non-file URIs and files azlint does not
    /// lint give no diagnostics. A broken configuration is shown, not silently ignored.
    fn lint(&self, uri: &Uri, text: &str) -> Vec<Diagnostic> {
        let Some(path) = file_uri_to_path(uri.as_str()) else {
            return Vec::new();
        };
        if crate::lang::Language::by_name(&path).is_none() {
            return Vec::new();
        }
        let cwd = self
            .root
            .clone()
            .or_else(|| path.parent().map(Path::to_path_buf))
            .unwrap_or_else(|| PathBuf::from("/"));
        let engine = match Engine::new(&Options::default(), &cwd, Some(&path)) {
            Ok(e) => e,
            Err(e) => {
                return vec![Diagnostic {
                    range: Range::default(),
                    severity: Some(DiagnosticSeverity::ERROR),
                    source: Some("azlint".into()),
                    message: format!("azlint configuration error: {e}"),
                    ..Default::default()
                }];
            }
        };
        let mut overlays: HashMap<PathBuf, Arc<str>> = self
            .documents
            .iter()
            .filter_map(|(u, d)| Some((file_uri_to_path(u)?, Arc::from(d.text.as_str()))))
            .collect();
        overlays.insert(path.clone(), Arc::from(text));
        let input = Input {
            paths: vec![path],
            overlays,
        };
        // The engine contains panics per file; this guards the rest (discovery, config).
        let Ok(Ok(report)) = crate::engine::catch_panic(|| engine.check(&input)) else {
            return Vec::new();
        };
        let rules = engine.rules();
        report
            .unsuppressed()
            .map(|f| self.diagnostic(f, rules))
            .collect()
    }

    fn diagnostic(&self, f: &Finding, rules: &RuleSet) -> Diagnostic {
        let code_description = rules
            .get(&f.rule_id)
            .and_then(|r| r.docs_url.as_deref())
            .and_then(|url| url.parse::<Uri>().ok())
            .map(|href| CodeDescription { href });
        Diagnostic {
            range: Range {
                start: position(&f.file, f.span.start, self.encoding),
                end: position(&f.file, f.span.end, self.encoding),
            },
            severity: Some(match f.severity {
                Severity::Error => DiagnosticSeverity::ERROR,
                Severity::Warning => DiagnosticSeverity::WARNING,
                Severity::Note => DiagnosticSeverity::INFORMATION,
            }),
            code: Some(NumberOrString::String(f.rule_id.clone())),
            code_description,
            source: Some("azlint".into()),
            // Findings name properties, never values, so the message is safe to show.
            message: f.message.clone(),
            ..Default::default()
        }
    }

    fn publish(&self, uri: Uri, diagnostics: Vec<Diagnostic>, version: Option<i32>) {
        let params = PublishDiagnosticsParams {
            uri,
            diagnostics,
            version,
        };
        let n = Notification::new(PublishDiagnostics::METHOD.to_string(), params);
        let _ = self.connection.sender.send(n.into());
    }
}

/// The first workspace folder (or the deprecated `rootUri`) that is a `file:` URI.
fn workspace_root(params: &InitializeParams) -> Option<PathBuf> {
    if let Some(folder) = params
        .workspace_folders
        .iter()
        .flatten()
        .find_map(|f| file_uri_to_path(f.uri.as_str()))
    {
        return Some(folder);
    }
    #[allow(deprecated)]
    params
        .root_uri
        .as_ref()
        .and_then(|u| file_uri_to_path(u.as_str()))
}

/// `file:///a/b%20c.yaml` → `/a/b c.yaml`; `file:///C:/x` → `C:/x` (on Windows);
/// anything that is not a local file URI → `None`.
fn file_uri_to_path(uri: &str) -> Option<PathBuf> {
    let scheme_end = uri.find(':')?;
    if !uri[..scheme_end].eq_ignore_ascii_case("file") {
        return None;
    }
    let rest = uri[scheme_end + 1..].strip_prefix("//")?;
    // Authority: empty or `localhost`; a remote host is not a local file.
    let slash = rest.find('/')?;
    let host = &rest[..slash];
    if !host.is_empty() && !host.eq_ignore_ascii_case("localhost") {
        return None;
    }
    let path = &rest[slash..];
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let decoded = percent_decode(path)?;
    if decoded.contains('\0') {
        return None;
    }
    let bytes = decoded.as_bytes();
    // `/C:/…` is a Windows drive path.
    if cfg!(windows) && bytes.len() >= 3 && bytes[0] == b'/' && bytes[2] == b':' {
        return Some(PathBuf::from(&decoded[1..]));
    }
    Some(PathBuf::from(decoded))
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// 0-based LSP position of a byte offset, counting characters in the negotiated encoding.
fn position(file: &SourceFile, offset: u32, encoding: Encoding) -> Position {
    let text: &str = &file.text;
    let mut o = (offset as usize).min(text.len());
    while o > 0 && !text.is_char_boundary(o) {
        o -= 1;
    }
    let line = file.line_index.line_of(o as u32);
    let start = file.line_index.line_start(line) as usize;
    let segment = text.get(start..o).unwrap_or("");
    let character = match encoding {
        Encoding::Utf8 => segment.len(),
        Encoding::Utf16 => segment.encode_utf16().count(),
    };
    Position {
        line: line as u32,
        character: character as u32,
    }
}

/// Byte offset of an LSP position in `text` (clamped to the line and the text).
fn offset_of(text: &str, pos: Position, encoding: Encoding) -> usize {
    let index = crate::source::LineIndex::new(text);
    if pos.line as usize >= index.line_count() {
        return text.len();
    }
    match encoding {
        Encoding::Utf16 => index.offset_of_utf16(text, pos.line as usize, pos.character as usize),
        Encoding::Utf8 => {
            let range = index.line_range(text, pos.line as usize);
            let mut o = (range.start + pos.character as usize).min(range.end);
            while o > range.start && !text.is_char_boundary(o) {
                o -= 1;
            }
            o
        }
    }
}

/// Apply an incremental edit (clients may send one even though we ask for full sync).
fn apply_edit(text: &mut String, range: Range, new_text: &str, encoding: Encoding) {
    let start = offset_of(text, range.start, encoding);
    let end = offset_of(text, range.end, encoding).max(start);
    text.replace_range(start..end, new_text);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_uris_become_paths() {
        assert_eq!(
            file_uri_to_path("file:///tmp/a%20b.yaml"),
            Some(PathBuf::from("/tmp/a b.yaml"))
        );
        assert_eq!(
            file_uri_to_path("file://localhost/x.bicep"),
            Some(PathBuf::from("/x.bicep"))
        );
        assert_eq!(file_uri_to_path("untitled:Untitled-1"), None);
        assert_eq!(file_uri_to_path("file://server/share/x.tf"), None);
        assert_eq!(file_uri_to_path("file:///bad%zz"), None);
        assert_eq!(file_uri_to_path("file:///bad%"), None);
        assert_eq!(file_uri_to_path("file:///%00"), None);
        assert_eq!(file_uri_to_path("https://example.com/a.yaml"), None);
    }

    #[test]
    fn positions_count_utf8_bytes_or_utf16_units() {
        let file = SourceFile::from_text("a.yaml", "ab\nx😀y\n");
        let y = file.text.find('y').unwrap() as u32;
        assert_eq!(
            position(&file, y, Encoding::Utf16),
            Position {
                line: 1,
                character: 3
            }
        );
        assert_eq!(
            position(&file, y, Encoding::Utf8),
            Position {
                line: 1,
                character: 5
            }
        );
        assert_eq!(
            offset_of(
                &file.text,
                Position {
                    line: 1,
                    character: 3
                },
                Encoding::Utf16
            ),
            y as usize
        );
        assert_eq!(
            offset_of(
                &file.text,
                Position {
                    line: 1,
                    character: 5
                },
                Encoding::Utf8
            ),
            y as usize
        );
    }

    #[test]
    fn incremental_edits_apply() {
        let mut text = String::from("a: 1\nb: 😀2\n");
        let range = Range {
            start: Position {
                line: 1,
                character: 3,
            },
            end: Position {
                line: 1,
                character: 5,
            },
        };
        apply_edit(&mut text, range, "3", Encoding::Utf16);
        assert_eq!(text, "a: 1\nb: 32\n");
    }
}
