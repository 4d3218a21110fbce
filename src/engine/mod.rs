//! The one entry to the pipeline, shared by the command line, the language server, `inspect`,
//! the tests and the benchmark:
//!
//! ```text
//! Options + .azlint.yaml ─▶ Engine (root, config, rules: resolved once)
//! Engine::check(Input) ─▶ discover ─▶ plan units ─▶ per unit, in parallel and contained:
//!     parse ─▶ lower ─▶ evaluate rules ─▶ keep findings in the selected files,
//!     their secret ranges and the files' suppression directives; drop the documents
//! ─▶ suppress ─▶ configuration (levels, overrides) ─▶ baseline ─▶ Report
//! ```
//!
//! Configuration travels in the `Engine` (never in a global), so two engines with two
//! configurations coexist (a multi-root editor workspace, parallel tests).

mod graph;
mod link;
mod panic;
mod plan;
mod unit;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use rayon::prelude::*;

pub use panic::{catch as catch_panic, Panicked};
pub(crate) use unit::diagnostic_findings;

use crate::baseline::{self, Baseline};
use crate::config::Config;
use crate::diagnostics;
use crate::discover::{self, DiscoverOptions, Discovery};
use crate::finding::{sort_findings, Confidence, Finding, Severity};
use crate::frontend::{normalize, Loader, MAX_FILE_BYTES};
use crate::lang::Language;
use crate::rules::RuleSet;
use crate::source::{SourceFile, Span};

/// What the caller decides (command-line flags, editor settings). Everything not given here
/// comes from `.azlint.yaml`, then from the defaults.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Repository root: paths are shown relative to it, and context files (modules, templates)
    /// are read only inside it. Default: the nearest folder holding `.git` above the first
    /// scanned path; else the current folder when it contains that path; else the path itself.
    pub root: Option<PathBuf>,
    /// Use this config file instead of looking for `.azlint.yaml`.
    pub config: Option<PathBuf>,
    /// Ignore any `.azlint.yaml` (tests, `--isolated`).
    pub no_config: bool,
    /// Extra rule folders (added to the config's `rule-dirs`).
    pub rule_dirs: Vec<PathBuf>,
    /// Extra exclude globs (added to the config's `exclude`).
    pub excludes: Vec<String>,
    /// Also lint files ignored by `.gitignore`/`.ignore`.
    pub no_ignore: bool,
    /// Also lint compiled ARM JSON whose Bicep source sits beside it (else: the config's
    /// `lint-compiled-bicep`, else no).
    pub lint_compiled_bicep: Option<bool>,
    /// Hide findings recorded in this baseline (else: the config's `baseline`).
    pub baseline: Option<PathBuf>,
    /// Do not apply any baseline (when writing one).
    pub no_baseline: bool,
    /// Largest file read, in bytes (else: the config's `max-file-size`, else 8 MiB).
    pub max_file_bytes: Option<u64>,
    /// List files hidden by `.gitignore` among the skipped ones (costs a second walk).
    pub list_ignored: bool,
    /// Run only these rules (ids, names or families; empty: all).
    pub select: Vec<String>,
    /// Do not run these rules (ids, names or families); wins over `select`.
    pub ignore: Vec<String>,
    /// Opt-in rule profiles to run besides the default rules (`azure-policy`); added to the
    /// config's `profiles`.
    pub profiles: Vec<String>,
}

/// One lint request: files and folders to check, and texts that replace files on disk
/// (stdin, editor buffers). An overlay path listed in `paths` is checked even if it does not
/// exist on disk.
#[derive(Clone, Debug, Default)]
pub struct Input {
    pub paths: Vec<PathBuf>,
    pub overlays: HashMap<PathBuf, Arc<str>>,
}

/// Why an engine could not be built or a check could not run (exit code 2).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A path given to check does not exist.
    #[error("{0}")]
    Path(String),
    /// The configuration file is missing or invalid (message with `file:line:col`).
    #[error("{0}")]
    Config(String),
    /// A rule folder or rule file is missing or invalid (message with `file:line:col`).
    #[error("{0}")]
    Rules(String),
    /// A baseline file cannot be read or is invalid.
    #[error("{0}")]
    Baseline(String),
    /// `--root` is not a folder.
    #[error("--root {0}: not a folder")]
    Root(String),
}

/// A file that was checked.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct CheckedFile {
    pub path: String,
    pub language: Language,
}

/// A path that was not checked, and why (listed by `-v`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct SkippedPath {
    pub path: String,
    pub reason: String,
}

#[derive(Clone, Debug, Default)]
pub struct Timings {
    pub discover: Duration,
    pub analyse: Duration,
    pub finish: Duration,
}

/// What a check found.
#[derive(Debug, Default)]
pub struct Report {
    /// Sorted and deduplicated; suppressed findings are kept, marked `suppressed`.
    pub findings: Vec<Finding>,
    /// The selected files that were analysed.
    pub checked: Vec<CheckedFile>,
    /// Paths that were left out, with the reason.
    pub skipped: Vec<SkippedPath>,
    /// Secret byte ranges of files with findings, by display path (for source snippets).
    pub secret_ranges: HashMap<String, Vec<(usize, usize)>>,
    /// What the baseline did, when one applied (matched entries, fixed entries).
    pub baseline: Option<baseline::Outcome>,
    /// Every file the analysis read or tried to read (the selected files and their context:
    /// module siblings, templates, modules), absolute and normalised: the language server
    /// re-lints an open file when one of these changes.
    pub files_read: Vec<PathBuf>,
    pub timings: Timings,
}

impl Report {
    pub fn unsuppressed(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| f.suppressed.is_none())
    }
}

/// Options and configuration resolved once; [`Engine::check`] runs the pipeline.
pub struct Engine {
    root: PathBuf,
    config: Config,
    /// Every loaded rule (metadata for reporters, `explain`).
    rules: RuleSet,
    /// The rules that run: `--select`/`--ignore` applied, and rules the configuration turns
    /// `off` everywhere left out (no point evaluating what is thrown away).
    active: RuleSet,
    /// Ids of the selected rules, for the findings the engine creates itself.
    selected: HashSet<String>,
    excludes: Vec<String>,
    no_ignore: bool,
    lint_compiled_bicep: bool,
    baseline: Option<(PathBuf, Baseline)>,
    max_file_bytes: u64,
    list_ignored: bool,
    /// Opt-in profiles whose rules run too.
    profiles: Vec<String>,
    /// The repository's IaC files (for the deployment graph), kept for a short while: an
    /// editor checks one file per change and must not walk the whole tree each time.
    repository: std::sync::Mutex<Option<RepositoryWalk>>,
    /// Each file's references (module calls, parameter files), kept while it is unchanged.
    edges: graph::EdgeCache,
}

/// A walk of the repository: when, and the IaC files it found.
type RepositoryWalk = (std::time::Instant, Arc<[(PathBuf, Language)]>);

/// How long a walk of the repository is reused (files created since then join the graph
/// at the next walk; the files being checked are always part of it).
const REPOSITORY_TTL: std::time::Duration = std::time::Duration::from_secs(5);

impl Engine {
    /// Resolve the root, find and load the configuration, load the rules. `cwd` resolves
    /// relative paths; `anchor` (the first path to be checked, else `cwd`) decides the root
    /// and where the configuration is looked for.
    pub fn new(opts: &Options, cwd: &Path, anchor: Option<&Path>) -> Result<Engine, Error> {
        let anchor = anchor.map(|a| absolute(cwd, a));
        let root = find_root(opts.root.as_deref(), cwd, anchor.as_deref())?;
        let config = if opts.no_config {
            Config::default()
        } else {
            load_config(
                opts.config.as_deref(),
                cwd,
                anchor.as_deref().unwrap_or(cwd),
                &root,
            )?
        };
        let mut rule_dirs: Vec<PathBuf> = opts.rule_dirs.iter().map(|d| absolute(cwd, d)).collect();
        rule_dirs.extend(config.rule_dirs.iter().cloned());
        let rules = load_rules(&rule_dirs)?;
        config.validate(&rules).map_err(Error::Config)?;
        let (active, selected) = select_rules(&rules, &config, &opts.select, &opts.ignore)?;
        let mut profiles = opts.profiles.clone();
        profiles.extend(config.profiles.iter().cloned());
        profiles.sort();
        profiles.dedup();
        for p in &profiles {
            if !rules
                .metas()
                .any(|m| m.profile.as_deref() == Some(p.as_str()))
            {
                let known: std::collections::BTreeSet<&str> =
                    rules.metas().filter_map(|m| m.profile.as_deref()).collect();
                return Err(Error::Config(format!(
                    "unknown rule profile `{p}` (known: {})",
                    known.into_iter().collect::<Vec<_>>().join(", ")
                )));
            }
        }
        let mut excludes = opts.excludes.clone();
        excludes.extend(config.exclude_globs());
        discover::build_excludes(&excludes).map_err(Error::Config)?;
        let baseline = match (&opts.baseline, &config.baseline) {
            _ if opts.no_baseline => None,
            (Some(p), _) => Some(absolute(cwd, p)),
            (None, Some(p)) => Some(p.clone()),
            (None, None) => None,
        };
        let baseline = baseline
            .map(|p| Baseline::load(&p).map(|b| (p, b)).map_err(Error::Baseline))
            .transpose()?;
        Ok(Engine {
            lint_compiled_bicep: opts
                .lint_compiled_bicep
                .or(config.lint_compiled_bicep)
                .unwrap_or(false),
            max_file_bytes: opts
                .max_file_bytes
                .or(config.max_file_bytes)
                .unwrap_or(MAX_FILE_BYTES),
            root,
            config,
            rules,
            active,
            selected,
            excludes,
            no_ignore: opts.no_ignore,
            baseline,
            list_ignored: opts.list_ignored,
            profiles,
            repository: std::sync::Mutex::new(None),
            edges: graph::EdgeCache::default(),
        })
    }

    /// The repository root paths are shown relative to.
    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    pub fn rules(&self) -> &RuleSet {
        &self.rules
    }

    /// Largest file read, in bytes (editors apply it to their buffers too).
    pub fn max_file_bytes(&self) -> u64 {
        self.max_file_bytes
    }

    /// The baseline file applied to reports, if any.
    pub fn baseline_path(&self) -> Option<&Path> {
        self.baseline.as_ref().map(|(p, _)| p.as_path())
    }

    /// A loader for this engine's root and limits (with the input's overlays).
    pub fn loader(&self, overlays: &HashMap<PathBuf, Arc<str>>) -> Loader {
        let mut loader = Loader::new(&self.root).with_max_file_bytes(self.max_file_bytes);
        for (p, text) in overlays {
            loader = loader.with_override(p.clone(), text.clone());
        }
        loader
    }

    /// The display form of a path: relative to the root when inside it.
    pub fn display_path(&self, path: &Path) -> String {
        Loader::new(&self.root).display_path(path)
    }

    /// Check the input: discover, analyse, suppress, configure, apply the baseline.
    pub fn check(&self, input: &Input) -> Result<Report, Error> {
        let t0 = Instant::now();
        let (discovery, loader) = self.discover(input, self.list_ignored)?;
        let discover_time = t0.elapsed();

        let t1 = Instant::now();
        let paths: Vec<PathBuf> = input.paths.iter().map(|p| normalize(p)).collect();
        let mut report = self.analyse(discovery, &paths, &loader);
        report.files_read = loader.paths_read();
        let analyse_time = t1.elapsed();

        let t2 = Instant::now();
        if let Some((_, baseline)) = &self.baseline {
            report.baseline = Some(baseline.apply(&mut report.findings));
        }
        report.timings = Timings {
            discover: discover_time,
            analyse: analyse_time,
            finish: t2.elapsed(),
        };
        Ok(report)
    }

    /// The files a check of `input` would analyse, and the paths it would skip (`--show-files`).
    pub fn files(&self, input: &Input) -> Result<(Vec<CheckedFile>, Vec<SkippedPath>), Error> {
        let (discovery, loader) = self.discover(input, self.list_ignored)?;
        let plan = plan::plan(discovery, &[], &loader, self.lint_compiled_bicep, None);
        let mut checked: Vec<CheckedFile> = plan
            .targets
            .iter()
            .map(|c| CheckedFile {
                path: loader.display_path(&c.path),
                language: c.language,
            })
            .collect();
        checked.sort();
        let mut skipped: Vec<SkippedPath> = plan
            .skipped
            .into_iter()
            .map(|s| SkippedPath {
                path: loader.display_path(&s.path),
                reason: s.reason,
            })
            .collect();
        skipped.sort();
        Ok((checked, skipped))
    }

    fn discover(&self, input: &Input, list_ignored: bool) -> Result<(Discovery, Loader), Error> {
        let overlays: HashMap<PathBuf, Arc<str>> = input
            .overlays
            .iter()
            .map(|(p, t)| (normalize(p), t.clone()))
            .collect();
        let paths: Vec<PathBuf> = input.paths.iter().map(|p| normalize(p)).collect();
        let discovery = discover::discover(
            &paths,
            &DiscoverOptions {
                excludes: self.excludes.clone(),
                no_ignore: self.no_ignore,
                root: Some(self.root.clone()),
                max_file_bytes: self.max_file_bytes,
                list_ignored,
            },
            &|p| overlays.get(p).map(|t| t.to_string()),
        )
        .map_err(Error::Path)?;
        Ok((discovery, self.loader(&overlays)))
    }

    /// The model of the input's files, secrets masked (`azlint inspect`).
    pub fn documents(&self, input: &Input) -> Result<Vec<crate::model::Document>, Error> {
        let (discovery, loader) = self.discover(input, false)?;
        let paths: Vec<PathBuf> = input.paths.iter().map(|p| normalize(p)).collect();
        let repository = self.repository(&discovery, &paths);
        let plan = plan::plan(
            discovery,
            &repository,
            &loader,
            self.lint_compiled_bicep,
            Some(&self.edges),
        );
        let mut docs: Vec<crate::model::Document> = pool().install(|| {
            plan.units
                .par_iter()
                .flat_map_iter(|u| unit::documents(u, &loader))
                .collect()
        });
        docs.sort_by(|a, b| a.files[0].display_path.cmp(&b.files[0].display_path));
        // The model holds literal values; never print a secret.
        crate::redact::redact_documents(&mut docs, &self.active);
        Ok(docs)
    }

    /// Everything after discovery, up to (not including) the baseline.
    /// Every IaC file of the repository (for the deployment graph): the discovery itself
    /// when it covered the whole root, else a walk of the root (kept for [`REPOSITORY_TTL`]
    /// and shared, not copied, by the checks that reuse it).
    fn repository(&self, discovery: &Discovery, paths: &[PathBuf]) -> Arc<[(PathBuf, Language)]> {
        let listed = |files: &[discover::Candidate]| -> Arc<[(PathBuf, Language)]> {
            files.iter().map(|c| (c.path.clone(), c.language)).collect()
        };
        // Never walk a whole file system looking for callers.
        if self.root.parent().is_none() {
            return listed(&discovery.files);
        }
        let covers_root = paths.iter().any(|p| self.root.starts_with(p));
        let cache = || self.repository.lock().unwrap_or_else(|e| e.into_inner());
        if !covers_root {
            if let Some((at, files)) = &*cache() {
                if at.elapsed() < REPOSITORY_TTL {
                    return files.clone();
                }
            }
        }
        let files = if covers_root {
            listed(&discovery.files)
        } else {
            let walked = discover::discover(
                std::slice::from_ref(&self.root),
                &DiscoverOptions {
                    excludes: self.excludes.clone(),
                    no_ignore: self.no_ignore,
                    root: Some(self.root.clone()),
                    max_file_bytes: self.max_file_bytes,
                    list_ignored: false,
                },
                &|_| None,
            )
            .map(|d| d.files)
            .unwrap_or_default();
            listed(&walked)
        };
        *cache() = Some((std::time::Instant::now(), files.clone()));
        files
    }

    fn analyse(&self, discovery: Discovery, paths: &[PathBuf], loader: &Loader) -> Report {
        let repository = self.repository(&discovery, paths);
        let plan = plan::plan(
            discovery,
            &repository,
            loader,
            self.lint_compiled_bicep,
            Some(&self.edges),
        );
        let targets: HashSet<String> = plan
            .targets
            .iter()
            .map(|c| loader.display_path(&c.path))
            .collect();
        let ctx = unit::Context {
            loader,
            rules: &self.active,
            name_exclusions: &self.config.secret_name_exclusions,
            profiles: &self.profiles,
            targets: &targets,
            names: &self.rules,
        };
        let results: Vec<unit::Outcome> = pool().install(|| {
            let unreadable = plan
                .targets
                .par_iter()
                .filter_map(|c| unit::read_check(&c.path, c.language, loader));
            let analysed = plan.units.par_iter().map(|u| unit::analyse(u, &ctx));
            unreadable.chain(analysed).collect()
        });

        let mut report = Report::default();
        let mut directives = Vec::new();
        let mut seen_directives = HashSet::new();
        let mut checked = HashSet::new();
        for r in results {
            report.findings.extend(r.findings);
            for d in r.directives {
                if seen_directives.insert(d.file.display_path.clone()) {
                    directives.push(d);
                }
            }
            for (path, ranges) in r.secret_ranges {
                report.secret_ranges.entry(path).or_default().extend(ranges);
            }
            for c in r.checked {
                if checked.insert(c.path.clone()) {
                    report.checked.push(c);
                }
            }
            report.skipped.extend(r.skipped);
        }
        for s in plan.skipped {
            let path = loader.display_path(&s.path);
            if s.io_error {
                report.findings.push(unreadable_finding(&path, &s.reason));
            }
            report.skipped.push(SkippedPath {
                path,
                reason: s.reason,
            });
        }
        // One file may be analysed by several units (a module and its callers): one finding.
        sort_findings(&mut report.findings);
        report
            .findings
            .dedup_by(|a, b| a.sort_key() == b.sort_key());
        crate::suppress::apply(&mut report.findings, &directives, &self.rules);
        report
            .findings
            .retain(|f| self.selected.contains(&f.rule_id));
        self.config.apply(&mut report.findings, &self.rules);
        sort_findings(&mut report.findings);
        report
            .findings
            .dedup_by(|a, b| a.sort_key() == b.sort_key());
        for ranges in report.secret_ranges.values_mut() {
            ranges.sort_unstable();
            ranges.dedup();
        }
        report.checked.sort();
        report.skipped.sort();
        report.skipped.dedup();
        report
    }
}

/// The worker pool: threads with stacks sized for the nesting limits of every recursive
/// parser and walk (rayon's default 2 MiB is not), shared by every engine of the process.
fn pool() -> &'static rayon::ThreadPool {
    static POOL: OnceLock<rayon::ThreadPool> = OnceLock::new();
    POOL.get_or_init(|| {
        rayon::ThreadPoolBuilder::new()
            .stack_size(WORKER_STACK_BYTES)
            .thread_name(|i| format!("azlint-worker-{i}"))
            .build()
            .unwrap_or_else(|_| {
                rayon::ThreadPoolBuilder::new()
                    .build()
                    .expect("a thread pool")
            })
    })
}

/// Stack of each worker thread: the recursive front ends are bounded by `MAX_DEPTH` levels;
/// 16 MiB leaves an order of magnitude of headroom (it is reserved, not committed).
pub const WORKER_STACK_BYTES: usize = 16 << 20;

/// An `AZL005` finding for a path that could not be read.
fn unreadable_finding(path: &str, reason: &str) -> Finding {
    let file = Arc::new(SourceFile::from_text(path, ""));
    engine_finding(
        diagnostics::UNREADABLE,
        Severity::Error,
        reason.to_string(),
        file,
        Span::default(),
    )
}

/// A finding created by the engine itself.
pub(crate) fn engine_finding(
    rule: diagnostics::MetaRule,
    severity: Severity,
    message: String,
    file: Arc<SourceFile>,
    span: Span,
) -> Finding {
    Finding {
        rule_id: rule.id.into(),
        rule_name: rule.name.into(),
        severity,
        confidence: Confidence::High,
        message,
        file,
        span,
        label: None,
        resource: None,
        property: None,
        property_key: None,
        written_property: None,
        mask: false,
        suppressed: None,
        fixes: Vec::new(),
        related: Vec::new(),
    }
}

/// The rules to run and the ids to report: `select` (empty: all) minus `ignore`, minus rules
/// the configuration turns `off` everywhere. Selectors are ids, names or families; an unknown
/// one is an error.
fn select_rules(
    rules: &RuleSet,
    config: &Config,
    select: &[String],
    ignore: &[String],
) -> Result<(RuleSet, HashSet<String>), Error> {
    for s in select.iter().chain(ignore) {
        if !crate::config::selector_exists(s, rules) {
            return Err(Error::Config(format!(
                "--select/--ignore: unknown rule, rule name or family `{s}` (see `azlint rules`)"
            )));
        }
    }
    let matches = |sel: &str, m: &crate::rules::RuleMeta| {
        m.id.eq_ignore_ascii_case(sel)
            || m.name.eq_ignore_ascii_case(sel)
            || m.family.eq_ignore_ascii_case(sel)
    };
    let selected: HashSet<String> = rules
        .metas()
        .filter(|m| select.is_empty() || select.iter().any(|s| matches(s, m)))
        .filter(|m| !ignore.iter().any(|s| matches(s, m)))
        .map(|m| m.id.clone())
        .collect();
    let active = RuleSet::from_rules(
        rules
            .rules
            .iter()
            .filter(|r| selected.contains(&r.id) && !config.is_off_everywhere(&r.meta))
            .cloned()
            .collect(),
    );
    Ok((active, selected))
}

fn load_rules(dirs: &[PathBuf]) -> Result<RuleSet, Error> {
    let mut set = RuleSet::builtin();
    for d in dirs {
        set.extend(RuleSet::load_dir(d).map_err(Error::Rules)?)
            .map_err(Error::Rules)?;
    }
    Ok(set)
}

/// `p` made absolute against `cwd` and lexically normalised.
pub fn absolute(cwd: &Path, p: &Path) -> PathBuf {
    normalize(&cwd.join(p))
}

/// `--root`; else the nearest ancestor of the first scanned path holding `.git`; else the
/// current folder when it contains that path; else the scanned folder (or a file's folder).
pub fn find_root(
    explicit: Option<&Path>,
    cwd: &Path,
    anchor: Option<&Path>,
) -> Result<PathBuf, Error> {
    if let Some(r) = explicit {
        let abs = absolute(cwd, r);
        if !abs.is_dir() {
            return Err(Error::Root(r.display().to_string()));
        }
        return Ok(abs);
    }
    let anchor = anchor.unwrap_or(cwd);
    // A file (or a virtual file: stdin, an editor buffer) stands for its folder; a path that
    // does not exist and has no extension is taken as a folder.
    let start = if anchor.is_dir() || (!anchor.exists() && anchor.extension().is_none()) {
        anchor
    } else {
        anchor.parent().unwrap_or(anchor)
    };
    if let Some(repo) = start.ancestors().find(|a| a.join(".git").exists()) {
        return Ok(repo.to_path_buf());
    }
    if start.starts_with(cwd) {
        return Ok(cwd.to_path_buf());
    }
    Ok(start.to_path_buf())
}

fn load_config(
    explicit: Option<&Path>,
    cwd: &Path,
    anchor: &Path,
    root: &Path,
) -> Result<Config, Error> {
    let path = match explicit {
        Some(p) => {
            let abs = absolute(cwd, p);
            if !abs.is_file() {
                return Err(Error::Config(format!(
                    "--config {}: no such file",
                    p.display()
                )));
            }
            abs
        }
        None => match crate::config::find(anchor, root) {
            Some(p) => p,
            None => return Ok(Config::default()),
        },
    };
    let display_loader = Loader::new(root);
    let display = display_loader.display_path(&path);
    let base = path
        .parent()
        .map(|d| display_loader.display_path(d))
        .unwrap_or_default();
    let base_prefix =
        if base.is_empty() || base == "." || base.starts_with('/') || base.starts_with("..") {
            String::new()
        } else {
            format!("{base}/")
        };
    Config::load(&path, &display, &base_prefix).map_err(Error::Config)
}
