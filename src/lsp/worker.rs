//! The lint worker: off the message loop, debounced, newest text only.
//!
//! The message loop hands over [`Job`]s and never waits. The worker keeps a deadline per
//! document: each change pushes it a quiet period (`debounceMs`) into the future, so a burst
//! of edits becomes one lint of the last text. Before linting, every queued job is drained
//! (coalescing); after linting, a result is kept only if the document still holds the very
//! text that was linted; otherwise a newer lint is already scheduled. Publications therefore
//! never go back to an older version.
//!
//! Dependencies come from the engine: each analysis reports the files it read
//! ([`crate::engine::Report::files_read`]: the file, its Terraform module siblings, a
//! `.bicepparam`'s template, Bicep modules, an ARM parameter file's template, and whatever
//! later analyses load, such as callers). A change to any of them (an edit of another open
//! buffer, a save, a close, a file changed on disk) re-lints the open documents that read it.
//! Two conservative rules cover what a read list cannot show: a file created or deleted in a
//! folder re-lints the open documents of that folder (a Terraform module is a folder listing;
//! a new module file may complete a reference), and a change to a configuration file, rule
//! folder or baseline re-lints everything.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use lsp_server::{ErrorCode, RequestId};
use lsp_types::Diagnostic;
use serde_json::json;

use super::convert;
use super::engines::{ConfigProblem, EngineCache, EngineKey};
use super::position::PositionIndex;
use super::state::{LintResult, Shared};
use crate::engine::{Engine, Input};
use crate::lang::{ByName, Language};

pub(crate) enum Job {
    /// An open document's text changed (open, change, save with text) or it was closed:
    /// lint it (when open) and the documents that read it.
    Changed {
        uri: String,
        path: Option<PathBuf>,
        /// A save or a close: the file on disk (or what others read) changed.
        on_disk: bool,
    },
    /// A file changed on disk (`workspace/didChangeWatchedFiles`).
    Disk {
        path: PathBuf,
        created_or_deleted: bool,
    },
    /// `textDocument/diagnostic`: answer once the document's current text is linted.
    Pull {
        id: RequestId,
        uri: String,
        previous: Option<String>,
    },
    Cancel(RequestId),
    /// Settings changed: rebuild every engine, re-lint everything.
    Reconfigure,
    Shutdown,
}

pub(crate) fn lock(shared: &Mutex<Shared>) -> MutexGuard<'_, Shared> {
    // A panic while holding the lock leaves consistent-enough state (maps of plain data).
    shared.lock().unwrap_or_else(|e| e.into_inner())
}

pub(crate) struct Worker {
    shared: Arc<Mutex<Shared>>,
    rx: Receiver<Job>,
    engines: EngineCache,
    /// Documents to lint, with the time their quiet period ends.
    pending: HashMap<String, Instant>,
    /// Documents whose next lint is not caused by their own edit (pull clients are told
    /// to pull again).
    refresh: HashSet<String>,
    pulls: HashMap<String, Vec<(RequestId, Option<String>)>>,
    /// The engine each open document was last linted with (polling notices a new config).
    keys: HashMap<String, EngineKey>,
    next_poll: Option<Instant>,
    workspace: Sender<()>,
    /// Extra paths registered for watching (rule folders and baselines outside the
    /// workspace), and the registration's id.
    watching: (Vec<PathBuf>, Option<String>),
}

impl Worker {
    pub(crate) fn new(
        shared: Arc<Mutex<Shared>>,
        rx: Receiver<Job>,
        workspace: Sender<()>,
    ) -> Self {
        let options = lock(&shared).settings.options();
        Worker {
            shared,
            rx,
            engines: EngineCache::new(options),
            pending: HashMap::new(),
            refresh: HashSet::new(),
            pulls: HashMap::new(),
            keys: HashMap::new(),
            next_poll: None,
            workspace,
            watching: (Vec::new(), None),
        }
    }

    pub(crate) fn run(mut self) {
        self.schedule_poll();
        loop {
            let wake = self.pending.values().copied().chain(self.next_poll).min();
            let first = match wake {
                Some(t) => match self
                    .rx
                    .recv_timeout(t.saturating_duration_since(Instant::now()))
                {
                    Ok(j) => Some(j),
                    Err(RecvTimeoutError::Timeout) => None,
                    Err(RecvTimeoutError::Disconnected) => return,
                },
                None => match self.rx.recv() {
                    Ok(j) => Some(j),
                    Err(_) => return,
                },
            };
            // Coalesce: everything already queued is folded in before any lint starts.
            let mut jobs: Vec<Job> = first.into_iter().collect();
            jobs.extend(self.rx.try_iter());
            for job in jobs {
                if !self.handle(job) {
                    return;
                }
            }
            self.poll();
            let now = Instant::now();
            let due: Vec<String> = self
                .pending
                .iter()
                .filter(|(_, t)| **t <= now)
                .map(|(u, _)| u.clone())
                .collect();
            if !due.is_empty() {
                for u in &due {
                    self.pending.remove(u);
                }
                let (n, t) = (due.len(), Instant::now());
                self.lint(due);
                if trace() {
                    eprintln!(
                        "azlint lsp: linted {n} document(s) in {} ms",
                        t.elapsed().as_millis()
                    );
                }
                self.update_watchers();
            }
        }
    }

    fn debounce(&self) -> Duration {
        lock(&self.shared).settings.debounce
    }

    fn schedule(&mut self, uri: &str, delay: Duration, own_change: bool) {
        let at = Instant::now() + delay;
        let t = self.pending.entry(uri.to_string()).or_insert(at);
        if *t < at {
            *t = at;
        }
        if !own_change {
            self.refresh.insert(uri.to_string());
        }
    }

    fn schedule_all(&mut self, delay: Duration) {
        let uris: Vec<String> = lock(&self.shared).docs.keys().cloned().collect();
        for u in uris {
            self.schedule(&u, delay, false);
        }
    }

    /// Open documents that read `path`, or sit in its folder (`Folder::Any`: a file was
    /// created or deleted there; `Folder::Terraform`: a module's file changed, and the
    /// module is every Terraform file of the folder, open buffers included).
    fn dependents(&self, path: &Path, folder: Folder) -> Vec<String> {
        let shared = lock(&self.shared);
        shared
            .docs
            .iter()
            .filter(|(_, d)| d.path.as_deref() != Some(path))
            .filter(|(_, d)| {
                let same_folder = || d.path.as_deref().and_then(Path::parent) == path.parent();
                d.deps.iter().any(|p| p == path)
                    || match folder {
                        Folder::No => false,
                        Folder::Any => same_folder(),
                        Folder::Terraform => {
                            same_folder() && d.path.as_deref().is_some_and(is_terraform)
                        }
                    }
            })
            .map(|(u, _)| u.clone())
            .collect()
    }

    /// Returns false to stop.
    fn handle(&mut self, job: Job) -> bool {
        match job {
            Job::Changed { uri, path, on_disk } => {
                let debounce = self.debounce();
                let open = lock(&self.shared).docs.contains_key(&uri);
                if open {
                    self.schedule(&uri, debounce, true);
                } else {
                    self.keys.remove(&uri);
                    // Answer pulls that wait for a document that went away.
                    if let Some(waiting) = self.pulls.remove(&uri) {
                        let shared = lock(&self.shared);
                        for (id, _) in waiting {
                            shared.respond(id, json!({ "kind": "full", "items": [] }));
                        }
                    }
                }
                if let Some(p) = path {
                    if on_disk && self.engines.is_source(&p) {
                        self.schedule_all(debounce);
                    }
                    let folder = if is_terraform(&p) {
                        Folder::Terraform
                    } else {
                        Folder::No
                    };
                    for u in self.dependents(&p, folder) {
                        self.schedule(&u, debounce, false);
                    }
                    if on_disk {
                        let _ = self.workspace.send(());
                    }
                }
            }
            Job::Disk {
                path,
                created_or_deleted,
            } => {
                let debounce = self.debounce();
                if self.engines.is_source(&path) {
                    self.engines.clear();
                    self.schedule_all(debounce);
                } else {
                    let folder = if created_or_deleted {
                        Folder::Any
                    } else {
                        Folder::No
                    };
                    for u in self.dependents(&path, folder) {
                        self.schedule(&u, debounce, false);
                    }
                }
                let _ = self.workspace.send(());
            }
            Job::Pull { id, uri, previous } => {
                let fresh = {
                    let shared = lock(&self.shared);
                    match (shared.docs.get(&uri), shared.results.get(&uri)) {
                        (None, _) => {
                            shared.respond(id, json!({ "kind": "full", "items": [] }));
                            return true;
                        }
                        (Some(d), Some(r)) => {
                            r.version == d.version && !self.pending.contains_key(&uri)
                        }
                        _ => false,
                    }
                };
                if fresh {
                    let shared = lock(&self.shared);
                    let report = shared.pull_report(&uri, previous.as_deref());
                    shared.respond(id, report);
                } else {
                    // The client has debounced already: lint now.
                    self.pending.insert(uri.clone(), Instant::now());
                    self.pulls.entry(uri).or_default().push((id, previous));
                }
            }
            Job::Cancel(id) => {
                for waiting in self.pulls.values_mut() {
                    if let Some(i) = waiting.iter().position(|(w, _)| *w == id) {
                        waiting.remove(i);
                        lock(&self.shared).respond_err(
                            id,
                            ErrorCode::RequestCanceled as i32,
                            "cancelled".into(),
                        );
                        break;
                    }
                }
            }
            Job::Reconfigure => {
                let options = lock(&self.shared).settings.options();
                self.engines.set_options(options);
                self.schedule_poll();
                self.schedule_all(Duration::ZERO);
                let _ = self.workspace.send(());
            }
            Job::Shutdown => return false,
        }
        true
    }

    fn schedule_poll(&mut self) {
        let shared = lock(&self.shared);
        self.next_poll = match shared.settings.config_poll {
            Some(every) if !shared.caps.watch_files => Some(Instant::now() + every),
            _ => None,
        };
    }

    /// For clients that cannot watch files: notice configuration changes by polling.
    fn poll(&mut self) {
        let Some(at) = self.next_poll else {
            return;
        };
        if Instant::now() < at {
            return;
        }
        self.schedule_poll();
        let stale = self.engines.stale();
        let moved: Vec<String> = {
            let shared = lock(&self.shared);
            self.keys
                .iter()
                .filter(|(uri, key)| {
                    stale.contains(key)
                        || shared
                            .docs
                            .get(*uri)
                            .and_then(|d| d.path.as_ref())
                            .is_some_and(|p| self.engines.key_for(p, &shared.cwd_for(p)) != **key)
                })
                .map(|(u, _)| u.clone())
                .collect()
        };
        for u in &moved {
            self.schedule(u, Duration::ZERO, false);
        }
        if !stale.is_empty() {
            let _ = self.workspace.send(());
        }
    }

    fn lint(&mut self, uris: Vec<String>) {
        struct Item {
            uri: String,
            path: Option<PathBuf>,
            text: Arc<str>,
            cwd: PathBuf,
        }
        let (items, overlays) = {
            let shared = lock(&self.shared);
            let items: Vec<Item> = uris
                .iter()
                .filter_map(|u| {
                    let d = shared.docs.get(u)?;
                    Some(Item {
                        uri: u.clone(),
                        path: d.path.clone(),
                        text: d.text.clone(),
                        cwd: d
                            .path
                            .as_deref()
                            .map(|p| shared.cwd_for(p))
                            .unwrap_or_default(),
                    })
                })
                .collect();
            let overlays: HashMap<PathBuf, Arc<str>> = shared
                .docs
                .values()
                .filter_map(|d| Some((d.path.clone()?, d.text.clone())))
                .collect();
            (items, overlays)
        };

        // Documents of one engine and one unit (a Terraform folder, else the file) are
        // linted in one check: a module is parsed once for all its open files.
        let mut groups: BTreeMap<(EngineKey, PathBuf), Vec<Item>> = BTreeMap::new();
        let mut engines: HashMap<EngineKey, Result<Arc<Engine>, ConfigProblem>> = HashMap::new();
        let mut outcomes: Vec<(String, Arc<str>, Outcome)> = Vec::new();
        for item in items {
            let Some(path) = item.path.clone().filter(|p| Language::by_name(p).is_some()) else {
                // Not a local file, or not a file azlint reads: nothing to report.
                outcomes.push((item.uri.clone(), item.text.clone(), Outcome::default()));
                continue;
            };
            let (key, engine) = self.engines.get(&path, &item.cwd);
            self.keys.insert(item.uri.clone(), key.clone());
            engines.entry(key.clone()).or_insert(engine);
            let unit = if is_terraform(&path) {
                path.parent().map(Path::to_path_buf).unwrap_or_default()
            } else {
                path.clone()
            };
            groups.entry((key, unit)).or_default().push(item);
        }
        let encoding = lock(&self.shared).encoding;
        for ((key, _), group) in groups {
            let engine = engines[&key].clone();
            let docs: Vec<(PathBuf, Arc<str>)> = group
                .iter()
                .map(|i| (i.path.clone().unwrap_or_default(), i.text.clone()))
                .collect();
            let results = check_group(
                &engine,
                &docs,
                &overlays,
                encoding,
                &self.shared,
                &|e: &Engine, input: &Input| e.check(input),
            );
            for (item, outcome) in group.into_iter().zip(results) {
                outcomes.push((item.uri, item.text, outcome));
            }
        }

        let mut shared = lock(&self.shared);
        // Configuration problems: new ones shown, fixed ones cleared, and so are the ones of
        // engines no open document uses any more (a deleted or moved configuration).
        let live: HashSet<&EngineKey> = self
            .keys
            .iter()
            .filter(|(u, _)| shared.docs.contains_key(*u))
            .map(|(_, k)| k)
            .collect();
        let gone: Vec<(bool, EngineKey)> = shared
            .problems
            .keys()
            .filter(|(ws, k)| !ws && !live.contains(k))
            .cloned()
            .collect();
        for k in gone {
            if let Some(p) = shared.problems.remove(&k) {
                shared.publish_path(&p.file);
            }
        }
        for (key, engine) in &engines {
            let key = (false, key.clone());
            match engine {
                Ok(_) => {
                    if let Some(p) = shared.problems.remove(&key) {
                        shared.publish_path(&p.file.clone());
                    }
                }
                Err(p) => {
                    if shared.problems.get(&key) != Some(p) {
                        let old = shared.problems.insert(key, p.clone());
                        shared.log(&format!("configuration error: {}", p.message));
                        shared.show_error(&p.message);
                        shared.publish_path(&p.file.clone());
                        if let Some(old) = old.filter(|o| o.file != p.file) {
                            shared.publish_path(&old.file);
                        }
                    }
                }
            }
        }
        let mut refresh = false;
        for (uri, text, outcome) in outcomes {
            let Some(doc) = shared.docs.get_mut(&uri) else {
                continue;
            };
            if !Arc::ptr_eq(&doc.text, &text) {
                // Superseded while linting: its newer text is already scheduled.
                continue;
            }
            doc.deps = outcome.deps;
            let version = doc.version;
            let result_id = shared.next_result_id();
            shared.results.insert(
                uri.clone(),
                LintResult {
                    version,
                    diagnostics: outcome.diagnostics,
                    result_id,
                    engine: outcome.engine,
                },
            );
            shared.publish_open(&uri);
            if let Some(waiting) = self.pulls.remove(&uri) {
                for (id, previous) in waiting {
                    let report = shared.pull_report(&uri, previous.as_deref());
                    shared.respond(id, report);
                }
            } else if self.refresh.remove(&uri) {
                refresh = true;
            }
        }
        if refresh && shared.caps.pull_diagnostics && shared.caps.diagnostic_refresh {
            shared.request("workspace/diagnostic/refresh", serde_json::Value::Null);
        }
    }

    /// Ask the client to watch rule folders and baselines outside the workspace folders
    /// (the globs registered at start cover what is inside them).
    fn update_watchers(&mut self) {
        let mut shared = lock(&self.shared);
        if !shared.caps.watch_files {
            return;
        }
        let outside: Vec<PathBuf> = self
            .engines
            .watched()
            .into_iter()
            .filter(|p| !shared.folders.iter().any(|f| p.starts_with(f)))
            .collect();
        if outside == self.watching.0 {
            return;
        }
        if let Some(id) = self.watching.1.take() {
            shared.request(
                "client/unregisterCapability",
                json!({ "unregisterations": [{ "id": id, "method": "workspace/didChangeWatchedFiles" }] }),
            );
        }
        if !outside.is_empty() {
            let relative = shared.caps.relative_patterns;
            let watchers: Vec<serde_json::Value> = outside
                .iter()
                .filter_map(|p| {
                    let (base, pattern) = if p.is_dir() {
                        (p.clone(), "**/*".to_string())
                    } else {
                        (
                            p.parent()?.to_path_buf(),
                            p.file_name()?.to_str()?.to_string(),
                        )
                    };
                    Some(if relative {
                        json!({ "globPattern": { "baseUri": super::uri::from_path(&base)?, "pattern": pattern } })
                    } else {
                        json!({ "globPattern": format!("{}/{pattern}", base.to_str()?) })
                    })
                })
                .collect();
            shared.next_request += 1;
            let id = format!("azlint-watch-{}", shared.next_request);
            shared.request(
                "client/registerCapability",
                json!({ "registrations": [{ "id": id, "method": "workspace/didChangeWatchedFiles",
                        "registerOptions": { "watchers": watchers } }] }),
            );
            self.watching.1 = Some(id);
        }
        self.watching.0 = outside;
    }
}

/// `AZLINT_LSP_TRACE=1`: log each lint and its duration on stderr (performance work).
fn trace() -> bool {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("AZLINT_LSP_TRACE").is_some_and(|v| v != "0"))
}

#[derive(Clone, Copy)]
enum Folder {
    No,
    Any,
    Terraform,
}

pub(crate) fn is_terraform(path: &Path) -> bool {
    matches!(Language::by_name(path), Some(ByName::Is(l)) if l.is_terraform())
}

#[derive(Default)]
pub(crate) struct Outcome {
    pub diagnostics: Vec<Diagnostic>,
    pub deps: Vec<PathBuf>,
    pub engine: Option<Arc<Engine>>,
}

/// How a group is checked (the engine's `check`; tests substitute failures).
type CheckFn<'a> =
    &'a dyn Fn(&Engine, &Input) -> Result<crate::engine::Report, crate::engine::Error>;

/// Lint some open documents (path, text) with one engine.
fn check_group(
    engine: &Result<Arc<Engine>, ConfigProblem>,
    docs: &[(PathBuf, Arc<str>)],
    overlays: &HashMap<PathBuf, Arc<str>>,
    encoding: super::position::Encoding,
    shared: &Mutex<Shared>,
    check: CheckFn<'_>,
) -> Vec<Outcome> {
    let engine = match engine {
        Ok(e) => e.clone(),
        Err(p) => {
            // What `azlint check` does: nothing is linted, the problem is the result.
            return docs
                .iter()
                .map(|(path, _)| Outcome {
                    diagnostics: if *path == p.file {
                        Vec::new()
                    } else {
                        vec![Diagnostic {
                            range: convert::top(),
                            severity: Some(lsp_types::DiagnosticSeverity::ERROR),
                            source: Some(convert::SOURCE.into()),
                            message: format!(
                                "azlint did not lint this file: the configuration is invalid: {}",
                                p.message
                            ),
                            ..Default::default()
                        }]
                    },
                    deps: vec![p.file.clone()],
                    engine: None,
                })
                .collect();
        }
    };
    let max = engine.max_file_bytes();
    let mut outcomes: Vec<Outcome> = docs.iter().map(|_| Outcome::default()).collect();
    let mut paths = Vec::new();
    for (i, (path, text)) in docs.iter().enumerate() {
        if text.len() as u64 > max {
            // The limit `azlint check` applies to files, applied to the buffer.
            outcomes[i].diagnostics = vec![convert::too_large(text.len(), max)];
            outcomes[i].deps = vec![path.clone()];
        } else {
            paths.push(path.clone());
        }
    }
    if paths.is_empty() {
        return outcomes;
    }
    // Buffers over the limit are not served to others either (the disk is, as for CI).
    let overlays: HashMap<PathBuf, Arc<str>> = overlays
        .iter()
        .filter(|(_, t)| t.len() as u64 <= max)
        .map(|(p, t)| (p.clone(), t.clone()))
        .collect();
    let input = Input {
        paths: paths.clone(),
        overlays,
    };
    let report = match crate::engine::catch_panic(|| check(&engine, &input)) {
        Ok(Ok(r)) => r,
        Ok(Err(e)) => {
            for (i, (path, _)) in docs.iter().enumerate() {
                if paths.contains(path) {
                    outcomes[i].diagnostics = vec![Diagnostic {
                        range: convert::top(),
                        severity: Some(lsp_types::DiagnosticSeverity::ERROR),
                        source: Some(convert::SOURCE.into()),
                        message: e.to_string(),
                        ..Default::default()
                    }];
                }
            }
            return outcomes;
        }
        Err(panicked) => {
            // Never an empty list (the file would look clean); the log names where.
            let shared = lock(shared);
            for (i, (path, _)) in docs.iter().enumerate() {
                if paths.contains(path) {
                    shared.log(&format!(
                        "{panicked} while linting {}",
                        engine.display_path(path)
                    ));
                    outcomes[i].diagnostics = vec![convert::internal_error(&panicked.to_string())];
                    outcomes[i].deps = vec![path.clone()];
                }
            }
            return outcomes;
        }
    };
    let mut by_path: HashMap<&str, Vec<&crate::finding::Finding>> = HashMap::new();
    for f in report.unsuppressed() {
        by_path.entry(f.path()).or_default().push(f);
        if f.rule_id == crate::diagnostics::INTERNAL_ERROR.id {
            // The engine contained a panic in one unit: its message names the location.
            lock(shared).log(&format!("{}: {}", f.path(), f.message));
        }
    }
    for (i, (path, _)) in docs.iter().enumerate() {
        if !paths.contains(path) {
            continue;
        }
        let display = engine.display_path(path);
        let findings = by_path.remove(display.as_str()).unwrap_or_default();
        // One index per file text (the document's, or an empty one for engine findings).
        let mut indexes: Vec<(*const crate::source::SourceFile, PositionIndex)> = Vec::new();
        let mut diagnostics = Vec::with_capacity(findings.len());
        for f in findings {
            let key = Arc::as_ptr(&f.file);
            let at = match indexes.iter().position(|(k, _)| *k == key) {
                Some(at) => at,
                None => {
                    indexes.push((
                        key,
                        PositionIndex::new(&f.file.text, &f.file.line_index, encoding),
                    ));
                    indexes.len() - 1
                }
            };
            diagnostics.push(convert::diagnostic(f, engine.rules(), &indexes[at].1));
        }
        outcomes[i] = Outcome {
            diagnostics,
            deps: report.files_read.clone(),
            engine: Some(engine.clone()),
        };
    }
    outcomes
}

/// Workspace diagnostics: `azlint check FOLDER` for each workspace folder, for the files
/// that are not open (open ones have their own, newer diagnostics). Runs on its own thread
/// so that a large repository never delays the open documents; requests are coalesced.
pub(crate) fn workspace_loop(shared: Arc<Mutex<Shared>>, rx: Receiver<()>) {
    let mut engines: Option<EngineCache> = None;
    while rx.recv().is_ok() {
        // Coalesce a burst of triggers (a branch switch changes many files).
        loop {
            match rx.recv_timeout(Duration::from_millis(300)) {
                Ok(()) => continue,
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
        let (enabled, folders, overlays, options, encoding) = {
            let s = lock(&shared);
            let mut folders: Vec<PathBuf> = s.folders.clone();
            folders.sort();
            // A folder inside another is checked with it.
            let mut top: Vec<PathBuf> = Vec::new();
            for f in folders {
                if !top.iter().any(|t| f.starts_with(t)) {
                    top.push(f);
                }
            }
            let overlays: HashMap<PathBuf, Arc<str>> = s
                .docs
                .values()
                .filter_map(|d| Some((d.path.clone()?, d.text.clone())))
                .collect();
            (
                s.settings.workspace_diagnostics,
                top,
                overlays,
                s.settings.options(),
                s.encoding,
            )
        };
        let mut found: HashMap<PathBuf, Vec<Diagnostic>> = HashMap::new();
        let mut problems: Vec<(EngineKey, Option<ConfigProblem>)> = Vec::new();
        if enabled {
            let cache = engines.get_or_insert_with(|| EngineCache::new(options.clone()));
            cache.set_options(options);
            for folder in &folders {
                let (key, engine) = cache.get(folder, folder);
                let engine = match engine {
                    Ok(e) => {
                        problems.push((key, None));
                        e
                    }
                    Err(p) => {
                        problems.push((key, Some(p)));
                        continue;
                    }
                };
                let input = Input {
                    paths: vec![folder.clone()],
                    overlays: overlays.clone(),
                };
                let Ok(Ok(report)) = crate::engine::catch_panic(|| engine.check(&input)) else {
                    lock(&shared).log(&format!(
                        "workspace diagnostics for {} failed",
                        folder.display()
                    ));
                    continue;
                };
                for f in report.unsuppressed() {
                    let path = if f.file.path.is_absolute() {
                        f.file.path.clone()
                    } else {
                        engine.root().join(&f.file.path)
                    };
                    let index = PositionIndex::new(&f.file.text, &f.file.line_index, encoding);
                    found
                        .entry(crate::frontend::normalize(&path))
                        .or_default()
                        .push(convert::diagnostic(f, engine.rules(), &index));
                }
            }
        }
        let mut s = lock(&shared);
        // This run's engines are the workspace's problems now.
        let previous: Vec<(bool, EngineKey)> = s
            .problems
            .keys()
            .filter(|(ws, k)| *ws && !problems.iter().any(|(key, _)| key == k))
            .cloned()
            .collect();
        for k in previous {
            if let Some(p) = s.problems.remove(&k) {
                s.publish_path(&p.file);
            }
        }
        for (key, problem) in problems {
            let key = (true, key);
            match problem {
                None => {
                    if let Some(p) = s.problems.remove(&key) {
                        s.publish_path(&p.file);
                    }
                }
                Some(p) => {
                    if s.problems.get(&key) != Some(&p) {
                        s.show_error(&p.message);
                        s.problems.insert(key, p.clone());
                        s.publish_path(&p.file);
                    }
                }
            }
        }
        let old = std::mem::replace(&mut s.workspace, found);
        let mut touched: Vec<PathBuf> =
            old.into_keys().chain(s.workspace.keys().cloned()).collect();
        touched.sort();
        touched.dedup();
        for p in touched {
            if s.open_uri(&p).is_none() {
                s.publish_path(&p);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Options;
    use crate::lsp::position::Encoding;
    use crate::lsp::transport::Outgoing;

    fn repo() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join(".git")).unwrap();
        dir
    }

    fn engine(root: &Path) -> Result<Arc<Engine>, ConfigProblem> {
        Ok(Arc::new(
            Engine::new(&Options::default(), root, Some(root)).unwrap(),
        ))
    }

    fn shared() -> (Mutex<Shared>, std::sync::mpsc::Receiver<Outgoing>) {
        let (tx, rx) = std::sync::mpsc::channel();
        (Mutex::new(Shared::new(tx)), rx)
    }

    const APP: &str = "resource app 'Microsoft.App/containerApps@2025-07-01' = {\n  name: 'web'\n  properties: {}\n}\n";

    /// A panic while linting is one internal-error diagnostic (never an empty list that
    /// looks clean), logged with its location and without its message.
    #[test]
    fn a_panicking_lint_is_an_internal_error_diagnostic_and_a_log_line() {
        let dir = repo();
        let path = dir.path().join("app.bicep");
        let (shared, rx) = shared();
        let out = check_group(
            &engine(dir.path()),
            &[(path.clone(), Arc::from(APP))],
            &HashMap::new(),
            Encoding::Utf16,
            &shared,
            &|_: &Engine, _: &Input| panic!("boom SECRET-TEXT"),
        );
        assert_eq!(out.len(), 1);
        let d = &out[0].diagnostics;
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(
            d[0].code,
            Some(lsp_types::NumberOrString::String("AZL006".into()))
        );
        assert!(
            d[0].message.contains("src/lsp/worker.rs"),
            "{}",
            d[0].message
        );
        assert!(!d[0].message.contains("SECRET"));
        let logged: Vec<String> = rx
            .try_iter()
            .filter_map(|m| match m {
                Outgoing::Message(lsp_server::Message::Notification(n)) => {
                    Some(n.params["message"].as_str()?.to_string())
                }
                _ => None,
            })
            .collect();
        assert!(
            logged
                .iter()
                .any(|l| l.contains("internal error at src/lsp/worker.rs")
                    && l.contains("app.bicep")),
            "{logged:?}"
        );
        assert!(logged.iter().all(|l| !l.contains("SECRET")));
    }

    /// Buffers get the size limit files get: over it, the CLI's AZL005, and the buffer is
    /// not served to other files' analyses either.
    #[test]
    fn buffers_over_the_size_limit_are_not_linted() {
        let dir = repo();
        std::fs::write(dir.path().join(".azlint.yaml"), "max-file-size: 100\n").unwrap();
        let big = dir.path().join("big.bicep");
        let small = dir.path().join("small.bicep");
        let big_text: Arc<str> = Arc::from(format!("{APP}{}", "// pad\n".repeat(20)));
        let (shared, _rx) = shared();
        let e = engine(dir.path());
        let small_text: Arc<str> = Arc::from("param x string\n");
        let out = check_group(
            &e,
            &[
                (big.clone(), big_text.clone()),
                (small.clone(), small_text.clone()),
            ],
            &[(big.clone(), big_text.clone()), (small.clone(), small_text)]
                .into_iter()
                .collect(),
            Encoding::Utf16,
            &shared,
            &|e: &Engine, input: &Input| {
                assert_eq!(input.paths, vec![small.clone()]);
                assert!(
                    !input.overlays.contains_key(&big),
                    "the big buffer is not served to other analyses"
                );
                e.check(input)
            },
        );
        assert_eq!(
            out[0].diagnostics[0].code,
            Some(lsp_types::NumberOrString::String("AZL005".into()))
        );
        assert!(out[0].diagnostics[0].message.contains("100 byte limit"));
        assert!(out[1].engine.is_some());
    }

    /// The engine reports what an analysis read: what re-lints dependents.
    #[test]
    fn an_analysis_lists_the_modules_templates_and_siblings_it_read() {
        let dir = repo();
        let root = dir.path();
        let write = |rel: &str, text: &str| std::fs::write(root.join(rel), text).unwrap();
        write("main.bicep", "module m './mod.bicep' = {\n  name: 'm'\n}\n");
        write("mod.bicep", "param p string\n");
        write("main.bicepparam", "using 'mod.bicep'\nparam p = 'x'\n");
        write(
            "app.parameters.json",
            r#"{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#", "contentVersion": "1.0.0.0", "parameters": {}}"#,
        );
        write("a.tf", "variable \"x\" {}\n");
        write("b.tf", "output \"y\" { value = var.x }\n");
        let e = Engine::new(&Options::default(), root, Some(root)).unwrap();
        let read = |file: &str| {
            e.check(&Input {
                paths: vec![root.join(file)],
                overlays: HashMap::new(),
            })
            .unwrap()
            .files_read
        };
        assert!(read("main.bicep").contains(&root.join("mod.bicep")));
        assert!(read("main.bicepparam").contains(&root.join("mod.bicep")));
        // The template does not exist yet: creating it must re-lint the parameter file.
        assert!(read("app.parameters.json").contains(&root.join("app.json")));
        assert!(read("b.tf").contains(&root.join("a.tf")));
    }
}
