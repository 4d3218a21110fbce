//! Discovery: which files to lint, and why every other path was left out.
//!
//! `.gitignore`/`.ignore` are honoured (the `ignore` crate), hidden folders and `.terraform/`
//! (downloaded modules) are skipped, `--exclude` globs apply, order is sorted. Nothing is
//! skipped silently: every path left out is recorded with its reason (shown by `-v`), and a
//! path that cannot be read is an I/O problem, reported as such, never as a parse error.
//! Symbolic links are followed only to files inside the repository root.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use globset::{Glob, GlobSet, GlobSetBuilder};

use crate::lang::{ByName, Language};

#[derive(Debug, Default, Clone)]
pub struct DiscoverOptions {
    pub excludes: Vec<String>,
    /// Lint files even if .gitignore'd (explicitly named files always are).
    pub no_ignore: bool,
    /// The repository root: exclude globs also match paths relative to it, and symbolic links
    /// are followed only to files inside it.
    pub root: Option<PathBuf>,
    /// Largest file read to sniff JSON content.
    pub max_file_bytes: u64,
    /// Also list files that `.gitignore`/`.ignore` hide (costs a second walk; for `-v`).
    pub list_ignored: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Candidate {
    pub path: PathBuf,
    pub language: Language,
    /// Named by the user (not found by walking a folder): linted even when it would be
    /// skipped by default (compiled Bicep beside its source).
    pub explicit: bool,
}

/// A path that was not linted, and why.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Skipped {
    pub path: PathBuf,
    pub reason: String,
    /// Whether this is a problem the user must know about (an unreadable file or folder),
    /// reported as an `AZL005` finding, rather than a deliberate skip listed by `-v`.
    pub io_error: bool,
}

#[derive(Debug, Default)]
pub struct Discovery {
    pub files: Vec<Candidate>,
    pub skipped: Vec<Skipped>,
}

impl Discovery {
    fn skip(&mut self, path: PathBuf, reason: impl Into<String>) {
        self.skipped.push(Skipped {
            path,
            reason: reason.into(),
            io_error: false,
        });
    }

    fn io_error(&mut self, path: PathBuf, reason: impl Into<String>) {
        self.skipped.push(Skipped {
            path,
            reason: reason.into(),
            io_error: true,
        });
    }
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

/// Folders never descended into: Terraform's download cache (modules fetched by `init` are
/// not the user's code) and VCS metadata.
const SKIPPED_FOLDERS: &[&str] = &[".terraform", ".git"];

/// Walk the given paths (absolute, normalised). A path that does not exist is an error
/// (exit 2), unless `virtual_files` has text for it (stdin, editor buffers).
pub fn discover(
    paths: &[PathBuf],
    opts: &DiscoverOptions,
    virtual_files: &dyn Fn(&Path) -> Option<String>,
) -> Result<Discovery, String> {
    let excludes = build_excludes(&opts.excludes)?;
    let canonical_root = opts.root.as_ref().and_then(|r| r.canonicalize().ok());
    let mut out = Discovery::default();
    for scanned in paths {
        if let Some(text) = virtual_files(scanned) {
            consider_text(scanned, &text, &excludes, scanned, opts, &mut out);
            continue;
        }
        let meta = match std::fs::metadata(scanned) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                // A dangling link or a loop is not "no such file".
                return Err(match std::fs::symlink_metadata(scanned) {
                    Ok(_) => format!(
                        "{}: a symbolic link that leads nowhere (broken or a loop)",
                        scanned.display()
                    ),
                    Err(_) => format!("{}: no such file or directory", scanned.display()),
                });
            }
            Err(e) => return Err(format!("{}: {}", scanned.display(), io_reason(&e))),
        };
        if meta.is_file() {
            // Explicitly named files are linted even when ignored or hidden.
            consider(scanned, &excludes, scanned, opts, &mut out, true);
            continue;
        }
        walk(
            scanned,
            &excludes,
            opts,
            canonical_root.as_deref(),
            &mut out,
        );
    }
    if opts.list_ignored && !opts.no_ignore {
        list_ignored(paths, &excludes, opts, &mut out);
    }
    out.files.sort();
    // A file both named and found in a named folder counts as named.
    out.files.dedup_by(|later, kept| {
        let same = later.path == kept.path;
        if same {
            kept.explicit |= later.explicit;
        }
        same
    });
    out.skipped.sort();
    out.skipped.dedup_by(|a, b| a.path == b.path);
    Ok(out)
}

/// Paths the walk's filter left out, with the reason (the filter must be `'static`).
type FilterLog = Arc<Mutex<Vec<(PathBuf, String)>>>;

fn walker(dir: &Path, no_ignore: bool, skipped: &FilterLog) -> ignore::Walk {
    let skipped = skipped.clone();
    ignore::WalkBuilder::new(dir)
        // Hidden entries are filtered below, so that each one is recorded.
        .hidden(false)
        .git_ignore(!no_ignore)
        .git_global(false)
        .git_exclude(!no_ignore)
        .ignore(!no_ignore)
        .parents(!no_ignore)
        .require_git(false)
        .follow_links(false)
        .filter_entry(move |e| {
            if e.depth() == 0 {
                return true;
            }
            let name = e.file_name().to_string_lossy();
            let is_dir = e.file_type().is_some_and(|t| t.is_dir());
            let reason = if is_dir && SKIPPED_FOLDERS.contains(&name.as_ref()) {
                Some(format!("`{name}` folder (not the project's own code)"))
            } else if name.starts_with('.') && is_dir {
                Some("hidden folder".to_string())
            } else {
                None
            };
            match reason {
                Some(r) => {
                    if let Ok(mut v) = skipped.lock() {
                        v.push((e.path().to_path_buf(), r));
                    }
                    false
                }
                None => true,
            }
        })
        .build()
}

fn walk(
    scanned: &Path,
    excludes: &GlobSet,
    opts: &DiscoverOptions,
    canonical_root: Option<&Path>,
    out: &mut Discovery,
) {
    let hidden = FilterLog::default();
    for entry in walker(scanned, opts.no_ignore, &hidden) {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                record_walk_error(&e, out);
                continue;
            }
        };
        let Some(ft) = entry.file_type() else {
            continue;
        };
        let path = crate::frontend::normalize(entry.path());
        if ft.is_file() {
            consider(&path, excludes, scanned, opts, out, false);
        } else if ft.is_symlink() {
            follow_link(&path, excludes, scanned, opts, canonical_root, out);
        }
    }
    let hidden = std::mem::take(&mut *hidden.lock().unwrap_or_else(|e| e.into_inner()));
    for (path, reason) in hidden {
        out.skip(crate::frontend::normalize(&path), reason);
    }
}

/// A symbolic link met while walking: linted when it leads to a file inside the repository
/// root (under the link's own path, as the user sees it), otherwise listed as skipped.
fn follow_link(
    path: &Path,
    excludes: &GlobSet,
    scanned: &Path,
    opts: &DiscoverOptions,
    canonical_root: Option<&Path>,
    out: &mut Discovery,
) {
    if Language::by_name(path).is_none() && std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
        return;
    }
    let target = match path.canonicalize() {
        Ok(t) => t,
        Err(_) => {
            if Language::by_name(path).is_some() {
                out.skip(
                    path.to_path_buf(),
                    "symbolic link that leads nowhere (broken or a loop)",
                );
            }
            return;
        }
    };
    let inside = canonical_root.is_none_or(|r| target.starts_with(r));
    match std::fs::metadata(&target) {
        Ok(m) if m.is_dir() => out.skip(
            path.to_path_buf(),
            "symbolic link to a folder (not followed; scan its target directly)",
        ),
        Ok(m) if m.is_file() && inside => consider(path, excludes, scanned, opts, out, false),
        Ok(m) if m.is_file() => out.skip(
            path.to_path_buf(),
            "symbolic link to a file outside the repository root (not read)",
        ),
        _ => out.skip(path.to_path_buf(), "symbolic link to a special file"),
    }
}

fn record_walk_error(e: &ignore::Error, out: &mut Discovery) {
    // The walker wraps errors with their path (and depth); unwrap to the I/O error.
    let mut err = e;
    let mut path: Option<PathBuf> = None;
    loop {
        match err {
            ignore::Error::WithPath {
                path: p,
                err: inner,
            } => {
                path.get_or_insert_with(|| p.clone());
                err = inner;
            }
            ignore::Error::WithDepth { err: inner, .. } => err = inner,
            ignore::Error::WithLineNumber { err: inner, .. } => err = inner,
            _ => break,
        }
    }
    let reason = match err {
        ignore::Error::Io(io) => io_reason(io),
        ignore::Error::Loop { .. } => "symbolic link loop".to_string(),
        other => other.to_string(),
    };
    match path {
        Some(p) => out.io_error(crate::frontend::normalize(&p), reason),
        None => out.io_error(PathBuf::from("."), reason),
    }
}

/// An I/O error as a short sentence (no OS error number).
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::NotFound => "no such file or directory".into(),
        ErrorKind::PermissionDenied => "permission denied".into(),
        _ => {
            let s = e.to_string();
            match s.find(" (os error") {
                Some(i) => s.get(..i).unwrap_or(&s).to_string(),
                None => s,
            }
        }
    }
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
    scanned: &Path,
    opts: &DiscoverOptions,
    out: &mut Discovery,
    explicit: bool,
) {
    let path = crate::frontend::normalize(path);
    if excluded(&path, excludes, scanned, opts.root.as_deref()) {
        out.skip(path, "excluded by an exclude pattern");
        return;
    }
    let Some(by_name) = Language::by_name(&path) else {
        if explicit {
            out.skip(
                path,
                "not a Bicep, ARM JSON, Terraform or Container Apps YAML file name",
            );
        }
        return;
    };
    let language = match by_name {
        ByName::Is(l) => l,
        ByName::Yaml => Language::AcaYaml,
        ByName::Json => match read_for_sniffing(&path, opts.max_file_bytes) {
            Ok(text) => match crate::lang::sniff_json(&text) {
                Some(l) => l,
                None => {
                    out.skip(path, "JSON without an ARM deployment `$schema`");
                    return;
                }
            },
            Err(why) => {
                // Unreadable JSON may or may not be a template: a problem only when named.
                if explicit {
                    out.io_error(path, why);
                } else {
                    out.skip(path, format!("JSON file that cannot be read: {why}"));
                }
                return;
            }
        },
    };
    out.files.push(Candidate {
        path,
        language,
        explicit,
    });
}

/// A virtual file (stdin, an editor buffer): classified by its name and text.
fn consider_text(
    path: &Path,
    text: &str,
    excludes: &GlobSet,
    scanned: &Path,
    opts: &DiscoverOptions,
    out: &mut Discovery,
) {
    let path = crate::frontend::normalize(path);
    if excluded(&path, excludes, scanned, opts.root.as_deref()) {
        out.skip(path, "excluded by an exclude pattern");
        return;
    }
    match Language::by_name(&path) {
        None => out.skip(
            path,
            "not a Bicep, ARM JSON, Terraform or Container Apps YAML file name",
        ),
        Some(_) => match Language::of(&path, text) {
            Some(language) => out.files.push(Candidate {
                path,
                language,
                explicit: true,
            }),
            None => out.skip(path, "JSON without an ARM deployment `$schema`"),
        },
    }
}

/// The text of a JSON file for classification (the whole file, within the size limit).
fn read_for_sniffing(path: &Path, max: u64) -> Result<String, String> {
    use std::io::Read;
    let f = std::fs::File::open(path).map_err(|e| io_reason(&e))?;
    let mut bytes = Vec::new();
    f.take(max.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| io_reason(&e))?;
    if bytes.len() as u64 > max {
        return Err(format!("larger than the {max} byte limit"));
    }
    Ok(crate::source::decode(bytes)
        .map(|(s, _)| s)
        .unwrap_or_default())
}

/// Files with a known suffix that only `.gitignore`/`.ignore` kept out (for `-v`).
fn list_ignored(
    paths: &[PathBuf],
    excludes: &GlobSet,
    opts: &DiscoverOptions,
    out: &mut Discovery,
) {
    let seen: std::collections::HashSet<PathBuf> = out
        .files
        .iter()
        .map(|c| c.path.clone())
        .chain(out.skipped.iter().map(|s| s.path.clone()))
        .collect();
    let hidden = FilterLog::default();
    for scanned in paths.iter().filter(|p| p.is_dir()) {
        for entry in walker(scanned, true, &hidden).flatten() {
            if !entry.file_type().is_some_and(|t| t.is_file()) {
                continue;
            }
            let path = crate::frontend::normalize(entry.path());
            if seen.contains(&path)
                || Language::by_name(&path).is_none()
                || excluded(&path, excludes, scanned, opts.root.as_deref())
                || out.skipped.iter().any(|s| path.starts_with(&s.path))
            {
                continue;
            }
            out.skip(
                path,
                "ignored by .gitignore/.ignore (use --no-ignore to lint it)",
            );
        }
    }
}
