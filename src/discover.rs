//! Discovery: which files to lint. `.gitignore`/`.ignore` are honoured (the `ignore` crate),
//! hidden folders and `.terraform/` are skipped, `--exclude` globs apply, order is sorted.

use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};

use crate::frontend::{classify_json, FileKind};

#[derive(Debug, Default, Clone)]
pub struct DiscoverOptions {
    pub excludes: Vec<String>,
    /// Lint files even if .gitignore'd (explicitly named files always are).
    pub no_ignore: bool,
    /// The repository root: exclude globs also match paths relative to it.
    pub root: Option<PathBuf>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Candidate {
    pub path: PathBuf,
    pub kind: FileKind,
}

#[derive(Debug, Default)]
pub struct Discovery {
    pub files: Vec<Candidate>,
    /// Files seen but not linted, with the reason (shown under `--verbose`).
    pub skipped: Vec<(PathBuf, String)>,
}

pub fn build_excludes(globs: &[String]) -> Result<GlobSet, String> {
    let mut b = GlobSetBuilder::new();
    for g in globs {
        let glob = Glob::new(g).map_err(|e| format!("invalid exclude glob `{g}`: {e}"))?;
        b.add(glob);
        // `dir/` or `dir` should also exclude everything below it.
        if !g.ends_with("/**") {
            let sub = format!("{}/**", g.trim_end_matches('/'));
            if let Ok(glob) = Glob::new(&sub) {
                b.add(glob);
            }
        }
    }
    b.build().map_err(|e| e.to_string())
}

/// Walk the given paths. A path that does not exist is an error (exit 2).
pub fn discover(paths: &[PathBuf], opts: &DiscoverOptions) -> Result<Discovery, String> {
    let excludes = build_excludes(&opts.excludes)?;
    let mut out = Discovery::default();
    for root in paths {
        if !root.exists() {
            return Err(format!("{}: no such file or directory", root.display()));
        }
        if root.is_file() {
            // Explicitly named files are linted even when ignored or hidden.
            consider(root, &excludes, root, opts.root.as_deref(), &mut out, true);
            continue;
        }
        let walker = ignore::WalkBuilder::new(root)
            .hidden(true)
            .git_ignore(!opts.no_ignore)
            .git_global(false)
            .git_exclude(!opts.no_ignore)
            .ignore(!opts.no_ignore)
            .require_git(false)
            .follow_links(false)
            .filter_entry(|e| {
                let name = e.file_name().to_string_lossy();
                !(e.file_type().is_some_and(|t| t.is_dir())
                    && (name == ".terraform" || name == "node_modules" || name == "target"))
            })
            .build();
        for entry in walker {
            let Ok(entry) = entry else { continue };
            if entry.file_type().is_some_and(|t| t.is_file()) {
                consider(
                    entry.path(),
                    &excludes,
                    root,
                    opts.root.as_deref(),
                    &mut out,
                    false,
                );
            }
        }
    }
    out.files.sort();
    out.files.dedup_by(|a, b| a.path == b.path);
    out.skipped.sort();
    Ok(out)
}

/// Whether an exclude glob matches the path as given, relative to the scanned folder, or
/// relative to the repository root (config globs are written from there).
fn excluded(path: &Path, excludes: &GlobSet, scanned: &Path, repo_root: Option<&Path>) -> bool {
    if excludes.is_empty() {
        return false;
    }
    let rel = path
        .strip_prefix(crate::frontend::normalize(scanned))
        .unwrap_or(path);
    let from_root = repo_root
        .and_then(|r| path.strip_prefix(crate::frontend::normalize(r)).ok())
        .unwrap_or(path);
    excludes.is_match(path) || excludes.is_match(rel) || excludes.is_match(from_root)
}

fn consider(
    path: &Path,
    excludes: &GlobSet,
    root: &Path,
    repo_root: Option<&Path>,
    out: &mut Discovery,
    explicit: bool,
) {
    let path = crate::frontend::normalize(path);
    if excluded(&path, excludes, root, repo_root) {
        out.skipped
            .push((path, "excluded by an exclude pattern".into()));
        return;
    }
    let Some(kind) = FileKind::from_path(&path) else {
        if explicit {
            out.skipped
                .push((path, "not a Bicep, ARM, Terraform or YAML file".into()));
        }
        return;
    };
    if kind == FileKind::ArmTemplate {
        if !FileKind::is_json_candidate(&path) {
            return;
        }
        // Sniff the `$schema` without reading huge files entirely.
        match read_head(&path) {
            Some(head) => match classify_json(&head) {
                Some(k) => out.files.push(Candidate { path, kind: k }),
                None => out
                    .skipped
                    .push((path, "JSON without an ARM deployment $schema".into())),
            },
            None => out.skipped.push((path, "unreadable".into())),
        }
        return;
    }
    out.files.push(Candidate { path, kind });
}

fn read_head(path: &Path) -> Option<String> {
    use std::io::Read;
    let mut f = std::fs::File::open(path).ok()?;
    let mut buf = vec![0u8; 4096];
    let n = f.read(&mut buf).ok()?;
    buf.truncate(n);
    Some(String::from_utf8_lossy(&buf).into_owned())
}
