//! The parameters a module or `.bicepparam` target template declares, and which are
//! `@secure()`: read (never executed) from the local file the path points at.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

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
    let (program, _) = super::parse_syntax(&target.text);
    let mut out = HashMap::new();
    for stmt in &program.statements {
        if let StmtKind::Param { name, .. } = &stmt.kind {
            out.insert(name.name.clone(), stmt.has_decorator("secure"));
        }
    }
    Some(out)
}
