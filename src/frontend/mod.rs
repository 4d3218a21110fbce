//! Front ends: one per source language, each span-preserving, each lowering into the model.
//!
//! `classify` decides what a file is (by extension, and for JSON/YAML by content);
//! `Loader` reads files that a front end needs for context (a Bicep module's declared
//! parameters, a `.bicepparam`'s template, a Terraform module folder) — reading only,
//! never executing or downloading anything.

pub mod aca_yaml;
pub mod arm;
pub mod bicep;
pub(crate) mod functions;
pub mod instance;
pub mod terraform;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, Weak};

use crate::lang::Language;
use crate::source::SourceFile;

/// Files larger than this are reported, not parsed (guards memory and time); configurable
/// with `--max-file-size` / `max-file-size:`.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;
/// Nesting limit for every recursive parser and lowering pass.
pub const MAX_DEPTH: usize = 128;

/// Decide whether JSON text is an ARM template or parameter file by its top-level `$schema`.
/// Anything else is not ours.
pub fn classify_json(text: &str) -> Option<Language> {
    crate::lang::sniff_json(text)
}

/// Reads files for the run: the root for display paths, stdin overrides, a cache so that a
/// file loaded for context by several documents is read once.
pub struct Loader {
    root: PathBuf,
    /// `root` with symbolic links resolved: context files must resolve inside it.
    canonical_root: Option<PathBuf>,
    overrides: HashMap<PathBuf, Arc<str>>,
    /// Files read so far. Held weakly, so that a file nobody uses any more (its document was
    /// evaluated and it has no finding) is released: memory does not grow with the repository.
    /// Read errors are remembered as they are small.
    cache: Mutex<HashMap<PathBuf, Result<Weak<SourceFile>, String>>>,
    max_file_bytes: u64,
}

impl Loader {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        let root = root.into();
        Loader {
            canonical_root: root.canonicalize().ok(),
            root,
            overrides: HashMap::new(),
            cache: Mutex::new(HashMap::new()),
            max_file_bytes: MAX_FILE_BYTES,
        }
    }

    /// Files larger than `bytes` are refused (the bytes actually read are counted).
    pub fn with_max_file_bytes(mut self, bytes: u64) -> Self {
        self.max_file_bytes = bytes;
        self
    }

    pub fn max_file_bytes(&self) -> u64 {
        self.max_file_bytes
    }

    /// The text served for `path` instead of the disk, if any.
    pub fn overlay(&self, path: &Path) -> Option<&Arc<str>> {
        self.overrides.get(&normalize(path))
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

    /// Read a file for context (a module, a template, a sibling): `None` when missing,
    /// unreadable, too large, not text, or outside the repository root.
    pub fn load(&self, path: &Path) -> Option<Arc<SourceFile>> {
        let key = normalize(path);
        if !self.overrides.contains_key(&key) && !self.inside_root(&key) {
            return None;
        }
        self.load_checked(&key).ok()
    }

    /// Read a file the user asked to lint, telling why it could not be read.
    pub fn read_checked(&self, path: &Path) -> Result<Arc<SourceFile>, ReadError> {
        self.load_checked(path)
    }

    /// Whether `path` (resolving symbolic links) lies inside the root. Context files outside
    /// it (`module '../../../etc/passwd'`, `source = "/etc"`) are never read.
    pub fn inside_root(&self, path: &Path) -> bool {
        let Some(root) = &self.canonical_root else {
            return path.starts_with(&self.root);
        };
        match path.canonicalize() {
            Ok(p) => p.starts_with(root),
            // Not on disk: decide lexically (it will fail to read anyway).
            Err(_) => normalize(path).starts_with(&self.root),
        }
    }

    fn load_checked(&self, path: &Path) -> Result<Arc<SourceFile>, ReadError> {
        let key = normalize(path);
        if let Some(hit) = self.cache.lock().ok().and_then(|c| c.get(&key).cloned()) {
            match hit {
                Ok(weak) => {
                    if let Some(file) = weak.upgrade() {
                        return Ok(file);
                    }
                }
                Err(e) => return Err(ReadError(e)),
            }
        }
        let loaded = self.read(&key).map(Arc::new);
        if let Ok(mut c) = self.cache.lock() {
            c.insert(
                key,
                match &loaded {
                    Ok(f) => Ok(Arc::downgrade(f)),
                    Err(e) => Err(e.clone()),
                },
            );
        }
        loaded.map_err(ReadError)
    }

    fn read(&self, path: &Path) -> Result<SourceFile, String> {
        let (text, encoding) = match self.overrides.get(path) {
            Some(t) => match t.strip_prefix('\u{feff}') {
                Some(rest) => (Arc::from(rest), crate::source::Encoding::Utf8Bom),
                None => (t.clone(), crate::source::Encoding::Utf8),
            },
            None => {
                let bytes = read_regular_file(path, self.max_file_bytes)?;
                let (s, encoding) = crate::source::decode(bytes).map_err(|e| e.to_string())?;
                (Arc::from(s), encoding)
            }
        };
        Ok(
            SourceFile::new(path.to_path_buf(), self.display_path(path), text)
                .with_encoding(encoding),
        )
    }

    /// Every path this loader was asked to read (targets and context files, including the
    /// ones that could not be read: a module created later changes the result), sorted.
    /// Paths refused for lying outside the root are not listed.
    pub(crate) fn paths_read(&self) -> Vec<PathBuf> {
        let mut out: Vec<PathBuf> = match self.cache.lock() {
            Ok(c) => c.keys().cloned().collect(),
            Err(_) => Vec::new(),
        };
        out.sort();
        out
    }

    /// Files directly inside `dir` (not recursive), sorted, for Terraform module folders.
    /// Includes overlays (stdin, editor buffers) that live in that folder. Nothing outside
    /// the root is listed.
    pub fn dir_files(&self, dir: &Path) -> Vec<PathBuf> {
        let dir = normalize(dir);
        if !self.inside_root(&dir) {
            return self
                .overrides
                .keys()
                .filter(|p| p.parent() == Some(dir.as_path()))
                .cloned()
                .collect();
        }
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

/// Why a file could not be read (an I/O problem, a size limit, or bytes that are not text).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadError(pub String);

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Read a regular file (not a FIFO, device or folder), counting the bytes actually read
/// against `max`: procfs files report a length of 0, so the length is not trusted.
fn read_regular_file(path: &Path, max: u64) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let meta = std::fs::metadata(path).map_err(|e| crate::discover::io_reason(&e))?;
    if !meta.is_file() {
        return Err("not a regular file".into());
    }
    if meta.len() > max {
        return Err(format!(
            "the file is {} bytes, larger than the {max} byte limit (raise it with --max-file-size)",
            meta.len()
        ));
    }
    let file = std::fs::File::open(path).map_err(|e| crate::discover::io_reason(&e))?;
    let mut bytes = Vec::with_capacity(meta.len().min(max) as usize);
    file.take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| crate::discover::io_reason(&e))?;
    if bytes.len() as u64 > max {
        return Err(format!(
            "the file is larger than the {max} byte limit (raise it with --max-file-size)"
        ));
    }
    Ok(bytes)
}

/// Lexically normalise a path (`a/./b/../c` → `a/c`) without touching the disk.
pub fn normalize(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if out.as_os_str().is_empty() || out.ends_with("..") {
                    // A relative path keeps its leading `..`s.
                    out.push("..");
                } else if out.parent().is_some() {
                    out.pop();
                }
                // Otherwise `out` is the file system root, and `/..` is `/`.
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
        let s = r#"{"$schema":"https://schema.management.azure.com/schemas/2019-08-01/subscriptionDeploymentTemplate.json#"}"#;
        assert_eq!(classify_json(s), Some(Language::Arm));
        assert_eq!(classify_json(r#"{"name":"package"}"#), None);
    }

    #[test]
    fn normalizes_paths() {
        assert_eq!(normalize(Path::new("./a/./b/../c")), PathBuf::from("a/c"));
        assert_eq!(normalize(Path::new(".")), PathBuf::from("."));
        assert_eq!(normalize(Path::new("../../a")), PathBuf::from("../../a"));
        assert_eq!(normalize(Path::new("a/../../b")), PathBuf::from("../b"));
        assert_eq!(
            normalize(Path::new("/../../etc/passwd")),
            PathBuf::from("/etc/passwd")
        );
    }

    #[test]
    fn context_files_outside_the_root_are_never_read() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("repo");
        std::fs::create_dir_all(root.join("infra")).unwrap();
        std::fs::write(dir.path().join("outside.bicep"), "param p string").unwrap();
        std::fs::write(root.join("infra/in.bicep"), "param p string").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(dir.path().join("outside.bicep"), root.join("link.bicep"))
            .unwrap();
        let loader = Loader::new(&root);
        assert!(loader.load(&root.join("infra/in.bicep")).is_some());
        assert!(loader
            .load(&root.join("infra/../../outside.bicep"))
            .is_none());
        assert!(loader.load(Path::new("/etc/hostname")).is_none());
        #[cfg(unix)]
        assert!(loader.load(&root.join("link.bicep")).is_none());
        assert!(loader.dir_files(Path::new("/etc")).is_empty());
        // A file the user names is read wherever it is.
        assert!(loader
            .read_checked(&dir.path().join("outside.bicep"))
            .is_ok());
    }

    #[test]
    fn the_size_limit_counts_bytes_read_and_special_files_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join("big.bicep");
        std::fs::write(&big, "x".repeat(100)).unwrap();
        let loader = Loader::new(dir.path()).with_max_file_bytes(10);
        let err = loader.read_checked(&big).unwrap_err();
        assert!(err.0.contains("larger than the 10 byte limit"), "{err}");
        assert!(loader.read_checked(dir.path()).is_err());
        #[cfg(target_os = "linux")]
        {
            // procfs reports a length of 0; the bytes read are what count.
            let loader = Loader::new("/").with_max_file_bytes(64);
            let err = loader
                .read_checked(Path::new("/proc/self/maps"))
                .unwrap_err();
            assert!(err.0.contains("larger than"), "{err}");
        }
    }
}
