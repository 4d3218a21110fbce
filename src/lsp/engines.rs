//! One [`Engine`] per configuration, built the way `azlint check FILE` builds it for that file:
//! the repository root is the nearest folder holding `.git` above the file (else the
//! workspace folder holding it), the configuration is the nearest `.azlint.yaml` from the
//! file's folder up to that root. Engines are cached by (root, configuration file) and
//! rebuilt when a file they were built from changes: the configuration, every file of its
//! rule folders, its baseline. Each use compares a cheap fingerprint (a few `stat` calls), so
//! a change is picked up even when the client cannot watch files.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use crate::config::Config;
use crate::engine::{Engine, Options};
use crate::frontend::normalize;

#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct EngineKey {
    pub root: PathBuf,
    pub config: Option<PathBuf>,
}

/// Why an engine could not be built (what `azlint check` exits 2 for).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ConfigProblem {
    /// The whole message, as the command line prints it.
    pub message: String,
    /// The file it is about, and the 0-based line and column when the message names them.
    pub file: PathBuf,
    pub line: u32,
    pub column: u32,
    /// The message without its `file:line:col:` prefix.
    pub detail: String,
}

type Stamp = Option<(SystemTime, u64)>;

/// What an engine was built from, with the state each file had.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Fingerprint(Vec<(PathBuf, Stamp)>);

struct Cached {
    built: Result<Arc<Engine>, ConfigProblem>,
    sources: Vec<PathBuf>,
    fingerprint: Fingerprint,
}

pub(crate) struct EngineCache {
    options: Options,
    entries: HashMap<EngineKey, Cached>,
}

impl EngineCache {
    pub(crate) fn new(options: Options) -> Self {
        EngineCache {
            options,
            entries: HashMap::new(),
        }
    }

    /// New settings: every engine is rebuilt on next use.
    pub(crate) fn set_options(&mut self, options: Options) {
        self.options = options;
        self.entries.clear();
    }

    pub(crate) fn clear(&mut self) {
        self.entries.clear();
    }

    /// The key for linting `file`, with `cwd` the workspace folder holding it (else its
    /// folder): the same root and configuration `Engine::new` will resolve.
    pub(crate) fn key_for(&self, file: &Path, cwd: &Path) -> EngineKey {
        let root = crate::engine::find_root(None, cwd, Some(file))
            .unwrap_or_else(|_| file.parent().unwrap_or(file).to_path_buf());
        let config = match &self.options.config {
            Some(c) => Some(normalize(c)),
            None => crate::config::find(file, &root).map(|p| normalize(&p)),
        };
        EngineKey { root, config }
    }

    /// The engine for `file` (built on first use, rebuilt when its sources changed).
    pub(crate) fn get(
        &mut self,
        file: &Path,
        cwd: &Path,
    ) -> (EngineKey, Result<Arc<Engine>, ConfigProblem>) {
        let key = self.key_for(file, cwd);
        if let Some(c) = self.entries.get(&key) {
            if fingerprint(&c.sources) == c.fingerprint {
                return (key, c.built.clone());
            }
        }
        let built = build(&self.options, file, cwd, &key);
        let sources = sources(&self.options, &key, built.as_ref().ok().map(|e| &**e));
        let fp = fingerprint(&sources);
        self.entries.insert(
            key.clone(),
            Cached {
                built: built.clone(),
                sources,
                fingerprint: fp,
            },
        );
        (key, built)
    }

    /// Drop the engines whose sources changed on disk; their keys are returned (polling
    /// for clients that cannot watch files).
    pub(crate) fn stale(&mut self) -> Vec<EngineKey> {
        let stale: Vec<EngineKey> = self
            .entries
            .iter()
            .filter(|(_, c)| fingerprint(&c.sources) != c.fingerprint)
            .map(|(k, _)| k.clone())
            .collect();
        for k in &stale {
            self.entries.remove(k);
        }
        stale
    }

    /// Whether `path` is a file some engine was built from (or a configuration file, which
    /// may start to apply anywhere).
    pub(crate) fn is_source(&self, path: &Path) -> bool {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        crate::config::CONFIG_FILE_NAMES.contains(&name)
            || self.options.rule_dirs.iter().any(|d| path.starts_with(d))
            || self
                .entries
                .values()
                .any(|c| c.sources.iter().any(|s| path == s || path.starts_with(s)))
    }

    /// Folders and files outside the usual globs to watch: rule folders and baselines.
    pub(crate) fn watched(&self) -> Vec<PathBuf> {
        let mut out: Vec<PathBuf> = self
            .entries
            .values()
            .flat_map(|c| c.sources.iter().cloned())
            .chain(self.options.rule_dirs.iter().cloned())
            .collect();
        out.sort();
        out.dedup();
        out
    }
}

fn build(
    options: &Options,
    file: &Path,
    cwd: &Path,
    key: &EngineKey,
) -> Result<Arc<Engine>, ConfigProblem> {
    let result = crate::engine::catch_panic(|| Engine::new(options, cwd, Some(file)));
    match result {
        Ok(Ok(e)) => Ok(Arc::new(e)),
        Ok(Err(e)) => Err(problem(&e.to_string(), key)),
        Err(p) => Err(problem(
            &format!("{p} while loading the configuration (this is a bug in azlint)"),
            key,
        )),
    }
}

/// The files an engine for `key` is built from: the configuration, the rule folders (the
/// configuration's and the settings'), the baseline. Read from the configuration itself
/// when the engine could not be built (a broken rule file still names its folder).
fn sources(options: &Options, key: &EngineKey, engine: Option<&Engine>) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = key.config.iter().cloned().collect();
    out.extend(options.rule_dirs.iter().map(|d| normalize(d)));
    let loaded;
    let config = match engine {
        Some(e) => Some(e.config()),
        None => {
            loaded = key
                .config
                .as_ref()
                .and_then(|p| Config::load(p, &p.display().to_string(), "").ok());
            loaded.as_ref()
        }
    };
    if let Some(c) = config {
        out.extend(c.rule_dirs.iter().map(|d| normalize(d)));
        out.extend(c.baseline.iter().map(|b| normalize(b)));
    }
    if let Some(b) = engine.and_then(Engine::baseline_path) {
        out.push(normalize(b));
    }
    out.sort();
    out.dedup();
    out
}

fn stamp(path: &Path) -> Stamp {
    let m = std::fs::metadata(path).ok()?;
    Some((m.modified().unwrap_or(SystemTime::UNIX_EPOCH), m.len()))
}

fn fingerprint(sources: &[PathBuf]) -> Fingerprint {
    let mut out = Vec::new();
    for s in sources {
        out.push((s.clone(), stamp(s)));
        if s.is_dir() {
            let mut files: Vec<PathBuf> = std::fs::read_dir(s)
                .map(|rd| rd.filter_map(|e| e.ok()).map(|e| e.path()).collect())
                .unwrap_or_default();
            files.sort();
            for f in files {
                let st = stamp(&f);
                out.push((f, st));
            }
        }
    }
    Fingerprint(out)
}

/// Where a `file:line:col: message` (or `file: message`) error points; anything else is
/// attached to the configuration file (or, without one, reported without a file).
fn problem(message: &str, key: &EngineKey) -> ConfigProblem {
    static LOCATED: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = LOCATED.get_or_init(|| {
        regex::Regex::new(r"^(.+?):(\d+):(\d+): (?s)(.*)$").expect("a valid pattern")
    });
    let fallback = key
        .config
        .clone()
        .unwrap_or_else(|| key.root.join(crate::config::CONFIG_FILE_NAMES[0]));
    let resolve = |p: &str| {
        let path = Path::new(p);
        let abs = if path.is_absolute() {
            normalize(path)
        } else {
            normalize(&key.root.join(path))
        };
        abs.is_file().then_some(abs)
    };
    if let Some(c) = re.captures(message) {
        if let Some(file) = resolve(&c[1]) {
            let n = |i: usize| c[i].parse::<u32>().unwrap_or(1).saturating_sub(1);
            return ConfigProblem {
                message: message.to_string(),
                file,
                line: n(2),
                column: n(3),
                detail: c[4].to_string(),
            };
        }
    }
    if let Some((head, rest)) = message.split_once(": ") {
        if let Some(file) = resolve(head) {
            return ConfigProblem {
                message: message.to_string(),
                file,
                line: 0,
                column: 0,
                detail: rest.to_string(),
            };
        }
    }
    ConfigProblem {
        message: message.to_string(),
        file: fallback,
        line: 0,
        column: 0,
        detail: message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repo() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join(".git")).unwrap();
        dir
    }

    #[test]
    fn one_engine_per_configuration_rebuilt_when_it_changes() {
        let dir = repo();
        let root = dir.path();
        std::fs::create_dir_all(root.join("a/b")).unwrap();
        std::fs::create_dir_all(root.join("c")).unwrap();
        std::fs::write(root.join("a/.azlint.yaml"), "rules:\n  AZL101: warning\n").unwrap();
        let mut cache = EngineCache::new(Options::default());
        let (k1, e1) = cache.get(&root.join("a/b/x.bicep"), root);
        let (k2, e2) = cache.get(&root.join("a/y.bicep"), root);
        let (k3, _) = cache.get(&root.join("c/z.bicep"), root);
        assert_eq!(k1, k2);
        assert_eq!(k1.config, Some(root.join("a/.azlint.yaml")));
        assert_eq!(k3.config, None);
        assert!(Arc::ptr_eq(e1.as_ref().unwrap(), e2.as_ref().unwrap()));
        assert!(cache.is_source(&root.join("a/.azlint.yaml")));
        assert!(!cache.is_source(&root.join("a/y.bicep")));

        // A change of size is seen without any notification.
        std::fs::write(root.join("a/.azlint.yaml"), "rules:\n  AZL101: off\n").unwrap();
        assert_eq!(cache.stale(), vec![k1.clone()]);
        let (_, e4) = cache.get(&root.join("a/y.bicep"), root);
        assert!(!Arc::ptr_eq(e1.as_ref().unwrap(), e4.as_ref().unwrap()));
        assert!(cache.stale().is_empty());
    }

    #[test]
    fn a_broken_configuration_points_at_its_line() {
        let dir = repo();
        let root = dir.path();
        std::fs::write(
            root.join(".azlint.yaml"),
            "rules:\n  AZL101: off\nbogus: 1\n",
        )
        .unwrap();
        let mut cache = EngineCache::new(Options::default());
        let (_, built) = cache.get(&root.join("main.bicep"), root);
        let Err(p) = built else {
            panic!("a broken config must not build")
        };
        assert_eq!(p.file, root.join(".azlint.yaml"));
        assert_eq!(p.line, 2, "{p:?}");
        assert!(p.detail.contains("bogus"), "{p:?}");
        assert!(p.message.starts_with(".azlint.yaml:3:"), "{p:?}");
    }

    #[test]
    fn a_broken_rule_file_points_at_the_rule_and_its_folder_is_watched() {
        let dir = repo();
        let root = dir.path();
        std::fs::create_dir(root.join("org-rules")).unwrap();
        std::fs::write(root.join(".azlint.yaml"), "rule-dirs: [org-rules]\n").unwrap();
        std::fs::write(root.join("org-rules/X.yaml"), "id: X1\nname: [\n").unwrap();
        let mut cache = EngineCache::new(Options::default());
        let (_, built) = cache.get(&root.join("main.bicep"), root);
        let p = built.err().expect("a broken rule file");
        assert_eq!(p.file, root.join("org-rules/X.yaml"), "{p:?}");
        assert!(cache.is_source(&root.join("org-rules/X.yaml")));
        assert!(cache.watched().contains(&root.join("org-rules")));
        // Fixing the rule file (a new file in the folder also counts) rebuilds.
        std::fs::remove_file(root.join("org-rules/X.yaml")).unwrap();
        assert_eq!(cache.stale().len(), 1);
        assert!(cache.get(&root.join("main.bicep"), root).1.is_ok());
    }
}
