//! Choosing which fixes to apply in one pass, applying their edits to file texts, and writing
//! files back in the encoding they were read in.

use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;

use super::{Applicability, Edit, Fix};
use crate::finding::Finding;
use crate::source::{Encoding, SourceFile};

/// A file's new text after one pass.
#[derive(Debug)]
pub struct FileChange {
    pub file: Arc<SourceFile>,
    pub text: String,
    /// How many fixes edited this file.
    pub fixes: usize,
}

/// A fix that was left out of the pass, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    pub rule_id: String,
    pub path: String,
    pub line: u32,
    pub reason: &'static str,
}

/// What one pass would change.
#[derive(Debug, Default)]
pub struct Plan {
    /// Changed files, by display path.
    pub changes: Vec<FileChange>,
    /// Findings whose fix is applied.
    pub fixed: usize,
    pub skipped: Vec<Skipped>,
}

/// The edits taken for one file: (order taken, edit), and which fixes they belong to.
struct Pending<'f> {
    file: Arc<SourceFile>,
    edits: Vec<(usize, &'f Edit)>,
    fixes: HashSet<usize>,
}

/// The first fix of each unsuppressed finding that `unsafe_fixes` allows, in finding order.
/// A fix whose edits overlap an edit already taken, or that would declare the same name as
/// one already taken, is skipped (the next pass, after a re-lint, may take it). A fix whose
/// edits are identical to one taken fixes its finding too (two rules, one remedy).
pub fn plan(findings: &[Finding], unsafe_fixes: bool) -> Plan {
    let mut out = Plan::default();
    let mut taken: BTreeMap<String, Vec<&Edit>> = BTreeMap::new();
    let mut files: BTreeMap<String, Pending> = BTreeMap::new();
    let mut isolation: HashSet<&str> = HashSet::new();
    let mut accepted: Vec<&Fix> = Vec::new();
    let mut seq = 0usize;
    for f in findings.iter().filter(|f| f.suppressed.is_none()) {
        let Some(fix) = f
            .fixes
            .iter()
            .find(|x| x.applicability == Applicability::Safe || unsafe_fixes)
        else {
            continue;
        };
        if accepted.iter().any(|a| same_edits(a, fix)) {
            out.fixed += 1;
            continue;
        }
        let skip = |reason| Skipped {
            rule_id: f.rule_id.clone(),
            path: f.path().to_string(),
            line: f.start().0,
            reason,
        };
        if fix
            .isolation
            .as_deref()
            .is_some_and(|k| isolation.contains(k))
        {
            out.skipped
                .push(skip("it declares a name another fix declares"));
            continue;
        }
        let overlaps = fix.edits.iter().any(|e| {
            taken
                .get(e.path())
                .is_some_and(|spans| spans.iter().any(|t| conflict(e, t)))
        });
        if overlaps {
            out.skipped.push(skip("its edits overlap another fix"));
            continue;
        }
        if let Some(k) = fix.isolation.as_deref() {
            isolation.insert(k);
        }
        let index = accepted.len();
        accepted.push(fix);
        for e in &fix.edits {
            taken.entry(e.path().to_string()).or_default().push(e);
            let entry = files
                .entry(e.path().to_string())
                .or_insert_with(|| Pending {
                    file: e.file.clone(),
                    edits: Vec::new(),
                    fixes: HashSet::new(),
                });
            entry.edits.push((seq, e));
            entry.fixes.insert(index);
            seq += 1;
        }
        out.fixed += 1;
    }
    for (_, mut p) in files {
        p.edits.sort_by_key(|(seq, e)| (e.start, e.end, *seq));
        let list: Vec<&Edit> = p.edits.into_iter().map(|(_, e)| e).collect();
        let text = apply_edits(&p.file.text, &list);
        out.changes.push(FileChange {
            file: p.file,
            text,
            fixes: p.fixes.len(),
        });
    }
    out
}

/// Whether two edits of one file cannot both be applied: their ranges overlap, an insertion
/// falls strictly inside a replaced range, or two identical insertions meet at one point (two
/// JSON fixes each adding the comma after the same property).
fn conflict(a: &Edit, b: &Edit) -> bool {
    match (a.start == a.end, b.start == b.end) {
        (true, true) => a.start == b.start && a.replacement == b.replacement,
        (true, false) => b.start < a.start && a.start < b.end,
        (false, true) => a.start < b.start && b.start < a.end,
        (false, false) => a.start < b.end && b.start < a.end,
    }
}

fn same_edits(a: &Fix, b: &Fix) -> bool {
    a.edits.len() == b.edits.len()
        && a.edits.iter().zip(&b.edits).all(|(x, y)| {
            x.path() == y.path()
                && x.start == y.start
                && x.end == y.end
                && x.replacement == y.replacement
        })
}

/// `text` with `edits` (sorted by start, not overlapping) applied.
pub fn apply_edits(text: &str, edits: &[&Edit]) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    let mut at = 0usize;
    for e in edits {
        let (s, t) = (e.start as usize, e.end as usize);
        // Out of order, past the end or inside a character: never happens for a planned
        // pass; never corrupt a file (or panic) if it does.
        let Some(kept) = text.get(at..s).filter(|_| text.is_char_boundary(t)) else {
            continue;
        };
        out.push_str(kept);
        out.push_str(&e.replacement);
        at = t;
    }
    out.push_str(text.get(at..).unwrap_or_default());
    out
}

/// The bytes of `text` in `encoding` (the byte-order mark restored).
pub fn encode(text: &str, encoding: Encoding) -> Vec<u8> {
    match encoding {
        Encoding::Utf8 => text.as_bytes().to_vec(),
        Encoding::Utf8Bom => {
            let mut v = vec![0xEF, 0xBB, 0xBF];
            v.extend_from_slice(text.as_bytes());
            v
        }
        Encoding::Utf16Le => [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect(),
        Encoding::Utf16Be => [0xFE, 0xFF]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
            .collect(),
    }
}

/// Write `text` to `path` in `encoding`, through a temporary file renamed over the original
/// (a crash never leaves half a template), keeping the file's permissions. A symbolic link
/// is followed: its target is rewritten, the link stays a link.
pub fn write_file(path: &std::path::Path, text: &str, encoding: Encoding) -> std::io::Result<()> {
    let bytes = encode(text, encoding);
    let resolved = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let path = resolved.as_path();
    let dir = path.parent().unwrap_or(std::path::Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.azlint-fix.tmp"));
    std::fs::write(&tmp, &bytes)?;
    if let Ok(meta) = std::fs::metadata(path) {
        let _ = std::fs::set_permissions(&tmp, meta.permissions());
    }
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}
