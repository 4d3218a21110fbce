//! The parameters a module or `.bicepparam` target template declares, and which are
//! `@secure()`: read (never executed) from the local file the path points at.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use super::ast::StmtKind;
use crate::frontend::Loader;
use crate::source::SourceFile;

/// `true` when the path points at a registry or template spec (`br:`, `br/alias:`, `ts:`).
pub fn is_remote(path: &str) -> bool {
    let p = path.trim();
    p.starts_with("br:") || p.starts_with("br/") || p.starts_with("ts:") || p.starts_with("ts/")
}

/// Parameter name → secure, for the local Bicep file `rel` relative to `from`'s folder.
/// `None` for remote paths or a missing/unreadable file. Only the target's own parameter
/// declarations are read (no recursion into its modules), which bounds the work.
pub fn module_params(
    from: &Arc<SourceFile>,
    rel: &str,
    loader: &Loader,
) -> Option<HashMap<String, bool>> {
    if is_remote(rel) || rel.is_empty() {
        return None;
    }
    let dir = from.path.parent().unwrap_or_else(|| Path::new("."));
    let target = loader.load(&dir.join(rel))?;
    // Many templates call the same child module: parse each file version once. The cache is
    // keyed by path and validated by text identity, so an edited file is parsed again.
    static CACHE: OnceLock<Mutex<ParamCache>> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    if let Ok(c) = cache.lock() {
        if let Some((text, map)) = c.get(&target.path) {
            if Arc::ptr_eq(text, &target.text) {
                return Some(map.clone());
            }
        }
    }
    let (program, _) = super::parse_syntax(&target.text);
    let mut out = HashMap::new();
    for stmt in &program.statements {
        if let StmtKind::Param { name, .. } = &stmt.kind {
            out.insert(name.name.clone(), stmt.has_decorator("secure"));
        }
    }
    if let Ok(mut c) = cache.lock() {
        c.insert(target.path.clone(), (target.text.clone(), out.clone()));
    }
    Some(out)
}

type ParamMap = HashMap<String, bool>;
/// Path → (the text parsed, its parameter map).
type ParamCache = HashMap<PathBuf, (Arc<str>, ParamMap)>;
