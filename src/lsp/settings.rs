//! Editor settings (`initializationOptions`, `workspace/didChangeConfiguration`) and what the
//! client can do (its capabilities, reduced to the few the server acts on).
//!
//! Settings, all optional, given either at the top level or under an `azlint` key:
//!
//! | key | default | meaning |
//! |---|---|---|
//! | `debounceMs` | 75 | quiet period after the last change before a document is linted |
//! | `workspaceDiagnostics` | false | also lint files that are not open (`azlint check FOLDER` per workspace folder) |
//! | `configPollMs` | 2000 | when the client cannot watch files: how often `.azlint.yaml`, rule folders and baselines are checked for changes (0: never) |
//! | `config` | — | use this configuration file instead of looking for `.azlint.yaml` (like `--config`) |
//! | `ruleDirs` | [] | extra rule folders (like `--rules`) |
//!
//! Relative paths are resolved against the first workspace folder.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::Value;

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Settings {
    pub debounce: Duration,
    pub workspace_diagnostics: bool,
    pub config_poll: Option<Duration>,
    pub config: Option<PathBuf>,
    pub rule_dirs: Vec<PathBuf>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            debounce: Duration::from_millis(75),
            workspace_diagnostics: false,
            config_poll: Some(Duration::from_millis(2000)),
            config: None,
            rule_dirs: Vec::new(),
        }
    }
}

impl Settings {
    /// Apply the keys present in `value` (unknown keys and wrong types are ignored, so an
    /// editor sending settings for other tools in the same object does no harm).
    pub(crate) fn update(&mut self, value: &Value, base: Option<&Path>) {
        let v = match value.get("azlint") {
            Some(inner @ Value::Object(_)) => inner,
            _ => value,
        };
        if let Some(ms) = v.get("debounceMs").and_then(Value::as_u64) {
            self.debounce = Duration::from_millis(ms.min(10_000));
        }
        if let Some(b) = v.get("workspaceDiagnostics").and_then(Value::as_bool) {
            self.workspace_diagnostics = b;
        }
        if let Some(ms) = v.get("configPollMs").and_then(Value::as_u64) {
            self.config_poll = (ms > 0).then(|| Duration::from_millis(ms.max(100)));
        }
        let resolve = |p: &str| match base {
            Some(b) => crate::engine::absolute(b, Path::new(p)),
            None => PathBuf::from(p),
        };
        match v.get("config") {
            Some(Value::String(s)) if !s.is_empty() => self.config = Some(resolve(s)),
            Some(Value::Null) => self.config = None,
            _ => {}
        }
        if let Some(dirs) = v.get("ruleDirs").and_then(Value::as_array) {
            self.rule_dirs = dirs.iter().filter_map(Value::as_str).map(resolve).collect();
        }
    }

    /// The engine options these settings imply (the rest comes from `.azlint.yaml`).
    pub(crate) fn options(&self) -> crate::engine::Options {
        crate::engine::Options {
            config: self.config.clone(),
            rule_dirs: self.rule_dirs.clone(),
            ..Default::default()
        }
    }
}

/// The client capabilities the server adapts to.
#[derive(Clone, Debug, Default)]
pub(crate) struct ClientCaps {
    /// `textDocument.diagnostic`: the client pulls diagnostics of open documents.
    pub pull_diagnostics: bool,
    /// `workspace.diagnostics.refreshSupport`.
    pub diagnostic_refresh: bool,
    /// `workspace.didChangeWatchedFiles.dynamicRegistration`.
    pub watch_files: bool,
    /// `…didChangeWatchedFiles.relativePatternSupport`.
    pub relative_patterns: bool,
    /// `textDocument.codeAction.codeActionLiteralSupport`: code actions may carry edits.
    pub code_action_literals: bool,
    /// `workspace.applyEdit`.
    pub apply_edit: bool,
    /// `textDocument.hover.contentFormat` includes markdown.
    pub hover_markdown: bool,
}

impl ClientCaps {
    pub(crate) fn from_initialize(params: &Value) -> ClientCaps {
        let caps = &params["capabilities"];
        let truthy = |v: &Value| !v.is_null() && v != &Value::Bool(false);
        ClientCaps {
            pull_diagnostics: truthy(&caps["textDocument"]["diagnostic"]),
            diagnostic_refresh: caps["workspace"]["diagnostics"]["refreshSupport"] == true,
            watch_files: caps["workspace"]["didChangeWatchedFiles"]["dynamicRegistration"] == true,
            relative_patterns: caps["workspace"]["didChangeWatchedFiles"]["relativePatternSupport"]
                == true,
            code_action_literals: truthy(
                &caps["textDocument"]["codeAction"]["codeActionLiteralSupport"],
            ),
            apply_edit: caps["workspace"]["applyEdit"] == true,
            hover_markdown: caps["textDocument"]["hover"]["contentFormat"]
                .as_array()
                .is_some_and(|a| a.iter().any(|f| f == "markdown")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn settings_apply_known_keys_at_the_top_or_under_azlint() {
        let mut s = Settings::default();
        s.update(
            &json!({ "azlint": { "debounceMs": 5, "workspaceDiagnostics": true, "configPollMs": 0,
                     "config": "conf/a.yaml", "ruleDirs": ["r", "/abs"] } }),
            Some(Path::new("/ws")),
        );
        assert_eq!(s.debounce, Duration::from_millis(5));
        assert!(s.workspace_diagnostics);
        assert_eq!(s.config_poll, None);
        assert_eq!(s.config, Some(PathBuf::from("/ws/conf/a.yaml")));
        assert_eq!(
            s.rule_dirs,
            vec![PathBuf::from("/ws/r"), PathBuf::from("/abs")]
        );
        // Wrong types and other tools' keys change nothing.
        let before = s.clone();
        s.update(
            &json!({ "debounceMs": "fast", "ruff": { "lineLength": 3 } }),
            None,
        );
        assert_eq!(s, before);
        s.update(&json!({ "config": null }), None);
        assert_eq!(s.config, None);
    }

    #[test]
    fn capabilities_are_read_from_initialize_params() {
        let caps = ClientCaps::from_initialize(&json!({ "capabilities": {
            "textDocument": { "diagnostic": { "dynamicRegistration": false },
                              "codeAction": { "codeActionLiteralSupport": { "codeActionKind": { "valueSet": [] } } },
                              "hover": { "contentFormat": ["markdown", "plaintext"] } },
            "workspace": { "applyEdit": true, "diagnostics": { "refreshSupport": true },
                           "didChangeWatchedFiles": { "dynamicRegistration": true } } } }));
        assert!(caps.pull_diagnostics && caps.diagnostic_refresh && caps.watch_files);
        assert!(caps.code_action_literals && caps.apply_edit && caps.hover_markdown);
        assert!(!caps.relative_patterns);
        let none = ClientCaps::from_initialize(&json!({}));
        assert!(!none.pull_diagnostics && !none.watch_files && !none.code_action_literals);
    }
}
