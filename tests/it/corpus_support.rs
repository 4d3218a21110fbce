//! Shared by the corpus tests: where the real-world corpus is, how to walk it, and which of
//! its files are meant not to parse. The corpus lives outside the repository; every test
//! skips cleanly when it is absent.

use std::path::{Path, PathBuf};

/// `$AZLINT_CORPUS`, else `../shared/corpus` beside the repository (one more level up from a
/// git worktree). `None` when absent.
pub fn corpus_dir() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("AZLINT_CORPUS") {
        return Some(PathBuf::from(p));
    }
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    [
        manifest.join("../shared/corpus"),
        manifest.join("../../shared/corpus"),
    ]
    .into_iter()
    .find(|p| p.is_dir())
}

/// Every file below `dir` for which `keep` holds, in sorted order (hidden folders included:
/// the corpus has templates under `.azure/`-style folders too).
pub fn files(dir: &Path, keep: &dyn Fn(&Path) -> bool) -> Vec<PathBuf> {
    let mut out = Vec::new();
    walk(dir, keep, &mut out);
    out
}

fn walk(dir: &Path, keep: &dyn Fn(&Path) -> bool, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, keep, out);
        } else if keep(&p) {
            out.push(p);
        }
    }
}

/// The Bicep compiler's sample folder (`Invalid…`) a path lies in, under `baselines/` or
/// `baselines_bicepparam/`.
pub fn invalid_sample_folder(path: &Path) -> Option<String> {
    let p = path.to_string_lossy().replace('\\', "/");
    for dir in [
        "bicep-lang-samples/baselines/",
        "bicep-lang-samples/baselines_bicepparam/",
    ] {
        if let Some(i) = p.find(dir) {
            let folder = p[i + dir.len()..].split('/').next().unwrap_or("");
            if folder.starts_with("Invalid") {
                return Some(folder.to_string());
            }
        }
    }
    None
}

/// Files that may legitimately fail to parse: the compiler's `Invalid*` samples (meant to be
/// wrong) and documentation skeletons written with `<placeholder>` syntax
/// (`module <symbolic-name> '<path-to-file>' = …`).
pub fn may_fail_to_parse(path: &Path, text: &str) -> bool {
    invalid_sample_folder(path).is_some() || is_doc_skeleton(text)
}

pub fn is_doc_skeleton(text: &str) -> bool {
    text.contains("<symbolic-name>")
}
