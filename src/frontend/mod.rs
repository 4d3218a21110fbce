//! Front ends: one per source language, each span-preserving, each lowering into the model.
//!
//! `classify` decides what a file is (by extension, and for JSON/YAML by content);
//! `Loader` reads files that a front end needs for context (a Bicep module's declared
//! parameters, a `.bicepparam`'s template, a Terraform module folder) — reading only,
//! never executing or downloading anything.

pub mod aca_yaml;
pub mod arm;
pub mod bicep;
pub mod terraform;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::source::SourceFile;

/// Files larger than this are reported, not parsed (guards memory and time).
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;
/// Nesting limit for every recursive parser and lowering pass.
pub const MAX_DEPTH: usize = 128;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FileKind {
    ArmTemplate,
    ArmParameters,
    Bicep,
    BicepParam,
    /// `.tf` (and `.tf.json`): read per module directory.
    Terraform,
    /// `.tfvars`: read with its module directory.
    TerraformVars,
    /// A YAML file; whether it is a Container Apps spec is decided by its shape.
    Yaml,
}

impl FileKind {
    /// Classify by name only; JSON needs `classify_json` on its text.
    pub fn from_path(path: &Path) -> Option<FileKind> {
        let name = path.file_name()?.to_str()?.to_ascii_lowercase();
        if name.ends_with(".bicep") {
            Some(FileKind::Bicep)
        } else if name.ends_with(".bicepparam") {
            Some(FileKind::BicepParam)
        } else if name.ends_with(".tf") || name.ends_with(".tf.json") {
            Some(FileKind::Terraform)
        } else if name.ends_with(".tfvars") || name.ends_with(".tfvars.json") {
            Some(FileKind::TerraformVars)
        } else if name.ends_with(".yaml") || name.ends_with(".yml") {
            Some(FileKind::Yaml)
        } else if name.ends_with(".json") || name.ends_with(".jsonc") {
            // Decided by content.
            Some(FileKind::ArmTemplate)
        } else {
            None
        }
    }

    pub fn is_json_candidate(path: &Path) -> bool {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        (name.ends_with(".json") || name.ends_with(".jsonc"))
            && !name.ends_with(".tf.json")
            && !name.ends_with(".tfvars.json")
    }
}

/// Decide whether JSON text is an ARM template or parameter file by its `$schema`
/// (looked for near the top, without a full parse). Anything else is not ours.
pub fn classify_json(text: &str) -> Option<FileKind> {
    let head = &text[..text.len().min(4096)];
    let lower = head.to_ascii_lowercase();
    let idx = lower.find("\"$schema\"")?;
    let rest = &lower[idx..];
    let end = rest
        .find(',')
        .or_else(|| rest.find('}'))
        .unwrap_or(rest.len());
    let schema = &rest[..end];
    if schema.contains("deploymentparameters") {
        Some(FileKind::ArmParameters)
    } else if schema.contains("deploymenttemplate") {
        Some(FileKind::ArmTemplate)
    } else {
        None
    }
}

/// Reads files for the run: the root for display paths, stdin overrides, a cache so that a
/// file loaded for context by several documents is read once.
pub struct Loader {
    root: PathBuf,
    overrides: HashMap<PathBuf, Arc<str>>,
    cache: Mutex<HashMap<PathBuf, Result<Arc<SourceFile>, String>>>,
}

impl Loader {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Loader {
            root: root.into(),
            overrides: HashMap::new(),
            cache: Mutex::new(HashMap::new()),
        }
    }

    /// Serve `text` for `path` instead of the disk (editor on-save via stdin).
    pub fn with_override(mut self, path: impl Into<PathBuf>, text: impl Into<Arc<str>>) -> Self {
        self.overrides.insert(normalize(&path.into()), text.into());
        self
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The path as shown to users: relative to the root when inside it, `/`-separated.
    pub fn display_path(&self, path: &Path) -> String {
        let p = normalize(path);
        let root = normalize(&self.root);
        let rel = p.strip_prefix(&root).unwrap_or(&p);
        let s = rel.to_string_lossy().replace('\\', "/");
        s.strip_prefix("./").map(str::to_string).unwrap_or(s)
    }

    /// Read a file (cached). `None` when missing, unreadable, too large or not text.
    pub fn load(&self, path: &Path) -> Option<Arc<SourceFile>> {
        self.load_checked(path).ok()
    }

    /// Read a file, telling why it could not be read.
    pub fn read_checked(&self, path: &Path) -> Result<Arc<SourceFile>, String> {
        self.load_checked(path)
    }

    fn load_checked(&self, path: &Path) -> Result<Arc<SourceFile>, String> {
        let key = normalize(path);
        if let Some(hit) = self.cache.lock().ok().and_then(|c| c.get(&key).cloned()) {
            return hit;
        }
        let loaded = self.read(&key).map(Arc::new);
        if let Ok(mut c) = self.cache.lock() {
            c.insert(key, loaded.clone());
        }
        loaded
    }

    fn read(&self, path: &Path) -> Result<SourceFile, String> {
        let (text, encoding) = match self.overrides.get(path) {
            Some(t) => match t.strip_prefix('\u{feff}') {
                Some(rest) => (Arc::from(rest), crate::source::Encoding::Utf8Bom),
                None => (t.clone(), crate::source::Encoding::Utf8),
            },
            None => {
                let meta = std::fs::metadata(path).map_err(|e| io_message(&e))?;
                if !meta.is_file() {
                    return Err("not a regular file".into());
                }
                if meta.len() > MAX_FILE_BYTES {
                    return Err(format!(
                        "file is {} bytes, larger than the {} byte limit",
                        meta.len(),
                        MAX_FILE_BYTES
                    ));
                }
                let bytes = std::fs::read(path).map_err(|e| io_message(&e))?;
                let (s, encoding) = crate::source::decode(bytes).map_err(|e| e.to_string())?;
                (Arc::from(s), encoding)
            }
        };
        Ok(
            SourceFile::new(path.to_path_buf(), self.display_path(path), text)
                .with_encoding(encoding),
        )
    }

    /// Files directly inside `dir` (not recursive), sorted, for Terraform module folders.
    /// Includes stdin overrides that live in that folder.
    pub fn dir_files(&self, dir: &Path) -> Vec<PathBuf> {
        let dir = normalize(dir);
        let mut out: Vec<PathBuf> = std::fs::read_dir(&dir)
            .map(|rd| {
                rd.filter_map(|e| e.ok())
                    .filter(|e| e.file_type().map(|t| t.is_file()).unwrap_or(false))
                    .map(|e| normalize(&e.path()))
                    .collect()
            })
            .unwrap_or_default();
        for p in self.overrides.keys() {
            if p.parent() == Some(dir.as_path()) && !out.contains(p) {
                out.push(p.clone());
            }
        }
        out.sort();
        out
    }
}

/// An I/O error as a sentence without the OS's error number.
fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// Lexically normalise a path (`a/./b/../c` → `a/c`) without touching the disk.
pub fn normalize(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    if out.as_os_str().is_empty() {
        out.push(".");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_classification() {
        let t = r#"{ "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "resources": [] }"#;
        assert_eq!(classify_json(t), Some(FileKind::ArmTemplate));
        let p = r#"{"$schema":"https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#"}"#;
        assert_eq!(classify_json(p), Some(FileKind::ArmParameters));
        let s = r#"{"$schema":"https://schema.management.azure.com/schemas/2019-08-01/subscriptionDeploymentTemplate.json#"}"#;
        assert_eq!(classify_json(s), Some(FileKind::ArmTemplate));
        assert_eq!(classify_json(r#"{"name":"package"}"#), None);
    }

    #[test]
    fn normalizes_paths() {
        assert_eq!(normalize(Path::new("./a/./b/../c")), PathBuf::from("a/c"));
        assert_eq!(normalize(Path::new(".")), PathBuf::from("."));
    }
}
