//! Module and template parameters: registry references, and which parameters an
//! instantiated template declares secure (for the `Assignment` records of the values a
//! module call or `.bicepparam` gives them).

use std::collections::HashMap;

use crate::model::Document;

/// `true` when the path points at a registry or template spec (`br:`, `br/alias:`, `ts:`).
pub fn is_remote(path: &str) -> bool {
    let p = path.trim();
    p.starts_with("br:") || p.starts_with("br/") || p.starts_with("ts:") || p.starts_with("ts/")
}

/// Parameter name (ASCII lower case) → secure, for the parameters an instantiated template
/// declares itself (not those of the modules it absorbed).
pub(super) fn declared(child: &Document) -> HashMap<String, bool> {
    let primary = child.files[0].id;
    child
        .parameters
        .iter()
        .filter(|p| p.span.file == primary)
        .map(|p| (p.name.to_ascii_lowercase(), p.secure))
        .collect()
}
