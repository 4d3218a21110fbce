//! Command line: `check`, `inspect`, `rules`, `explain`.
//!
//! `check` = discover → pipeline (parse, evaluate) → inline suppressions → config severities →
//! baseline → report. Every path shown is relative to the repository root (`--root`, else the
//! nearest ancestor of the current folder holding `.git`, else the current folder). Usage,
//! configuration, I/O and internal errors (including panics) exit 2 with `azlint: error: …`.

use std::collections::HashSet;
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Instant;

use clap::{Parser, Subcommand};

use crate::baseline::Baseline;
use crate::config::{self, Config};
use crate::discover::{discover, Candidate, DiscoverOptions, Discovery};
use crate::finding::{sort_findings, Finding, Severity};
use crate::frontend::{classify_json, normalize, FileKind, Loader};
use crate::pipeline::{self, PipelineOptions};
use crate::report::{self, OutputFormat, ReportContext};
use crate::rules::{RuleMeta, RuleSet};

const EXIT_HELP: &str = "\
Exit codes:
  0  no unsuppressed finding at or above --fail-on (default: warning)
  1  findings at or above --fail-on (a file that cannot be parsed counts as an error)
  2  usage, configuration, I/O or internal error";

const CHECK_HELP: &str = "\
Examples:
  azlint check                               lint the current folder
  azlint check infra/ --format compact       one line per finding
  azlint check . --format sarif -o azlint.sarif
  azlint check --fail-on error               fail only on errors
  azlint check --write-baseline .azlint-baseline.json
  azlint check --baseline .azlint-baseline.json   fail only on new findings
  cat main.bicep | azlint check - --stdin-filename infra/main.bicep

Configuration: .azlint.yaml, found by walking up from the first path to the repository
root (or --config FILE); flags win over the file. Suppress one finding in the source with a
reason, e.g. `// azlint-disable-next-line AZL101 test fixture` (Bicep) or
`# azlint:ignore AZL101 public sample key` (Terraform); see `azlint explain AZL003`.
";

#[derive(Parser, Debug)]
#[command(
    name = "azlint",
    version,
    about = "Security linter for Azure infrastructure-as-code (Bicep, ARM JSON, Terraform azurerm/azapi, Container Apps YAML)",
    long_about = "azlint finds security mistakes in Azure infrastructure-as-code before it ships: plaintext \
secrets, missing managed identities, registry pulls with admin credentials and absent network controls, \
with findings that point at the exact line and column you wrote.",
    after_help = EXIT_HELP
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Lint files and folders (default: the current folder)
    #[command(after_help = format!("{CHECK_HELP}\n{EXIT_HELP}"))]
    Check(CheckArgs),
    /// Print the normalised resource model of files as JSON (types, names, values, spans, provenance)
    Inspect {
        /// Files or folders
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Repository root that paths are shown relative to
        #[arg(long, value_name = "DIR")]
        root: Option<PathBuf>,
    },
    /// List the rule catalogue
    Rules {
        /// Also load rules from this folder
        #[arg(long = "rules", value_name = "DIR")]
        rule_dirs: Vec<PathBuf>,
        /// Output format
        #[arg(long, short = 'f', value_enum, default_value = "table")]
        format: RulesFormat,
    },
    /// Print the full help for one rule (by id or name)
    Explain {
        /// Rule id (AZL101) or name (plaintext-app-secret)
        rule: String,
    },
    /// Run the language server on stdin/stdout (editors: lint on open, change and save)
    Lsp,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum RulesFormat {
    Table,
    Json,
    /// The README's rule table
    Markdown,
}

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// Files or folders to lint (default: the current folder); `-` reads stdin (needs --stdin-filename)
    pub paths: Vec<PathBuf>,
    /// Output format
    #[arg(long, short = 'f', value_enum, default_value = "human")]
    pub format: OutputFormat,
    /// Write the report to FILE instead of stdout
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Lowest severity that makes the exit code 1 [default: warning, or `fail-on` in the config]
    #[arg(long, value_name = "SEVERITY", value_parser = parse_severity)]
    pub fail_on: Option<Severity>,
    /// Skip paths matching GLOB (repeatable; added to the config's `exclude`)
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// Load additional rules from DIR (repeatable)
    #[arg(long = "rules", value_name = "DIR")]
    pub rule_dirs: Vec<PathBuf>,
    /// Use this config file instead of looking for .azlint.yaml
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Repository root: paths in the output are relative to it [default: nearest folder with .git]
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// Hide findings recorded in this baseline file; report how many were fixed
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Record the current findings in FILE (then exit 0 without a report)
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// With `-`: the path the stdin text stands for (decides the language and the context)
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,
    /// Also lint compiled ARM JSON that has its .bicep source beside it
    #[arg(long)]
    pub lint_compiled: bool,
    /// Also lint files ignored by .gitignore/.ignore
    #[arg(long)]
    pub no_ignore: bool,
    /// Print nothing but findings
    #[arg(long, short = 'q', conflicts_with = "verbose")]
    pub quiet: bool,
    /// Print timings and skipped files to stderr
    #[arg(long, short = 'v')]
    pub verbose: bool,
    /// Never colour output (also: NO_COLOR)
    #[arg(long)]
    pub no_color: bool,
}

fn parse_severity(s: &str) -> Result<Severity, String> {
    Severity::parse(s)
        .ok_or_else(|| format!("`{s}` is not a severity (expected note, warning or error)"))
}

/// Where the last panic happened (recorded by the hook, printed with the internal error).
static PANIC_AT: Mutex<Option<String>> = Mutex::new(None);

pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            if !e.use_stderr() {
                // --help, --version
                let _ = e.print();
                return 0;
            }
            let text = e.render().to_string();
            eprint!("azlint: {text}");
            return 2;
        }
    };
    match guarded(|| run(cli)) {
        Ok(code) => code,
        Err(msg) => {
            eprintln!("azlint: error: {msg}");
            2
        }
    }
}

/// Run `f`, turning a panic anywhere in it (rayon re-raises worker panics here) into an
/// "internal error" instead of a crash trace.
pub fn guarded(f: impl FnOnce() -> Result<i32, String>) -> Result<i32, String> {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(|info| {
        if let Ok(mut at) = PANIC_AT.lock() {
            *at = info
                .location()
                .map(|l| format!("{}:{}", l.file(), l.line()));
        }
    }));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    std::panic::set_hook(previous);
    match result {
        Ok(r) => r,
        Err(payload) => {
            let what = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "panic".into());
            let at = PANIC_AT
                .lock()
                .ok()
                .and_then(|a| a.clone())
                .unwrap_or_default();
            Err(format!(
                "internal error: {what}{}{at} (this is a bug in azlint; please report it with the input that triggers it)",
                if at.is_empty() { "" } else { " at " }
            ))
        }
    }
}

/// TODO(integration): load `--rules DIR` / `rule-dirs` with `RuleSet::load_dir` + `extend`
/// once the rule engine provides them.
fn load_rules(dirs: &[PathBuf]) -> Result<RuleSet, String> {
    let mut set = RuleSet::builtin();
    for d in dirs {
        set.extend(RuleSet::load_dir(d)?)?;
    }
    Ok(set)
}

pub fn run(cli: Cli) -> Result<i32, String> {
    match cli.command {
        Command::Check(args) => check(args),
        Command::Inspect { paths, root } => {
            let cwd = current_dir()?;
            let root = find_root(root.as_deref(), &cwd)?;
            let loader = Loader::new(&root);
            let paths: Vec<PathBuf> = paths.iter().map(|p| absolute(&cwd, p)).collect();
            let discovery = discover(
                &paths,
                &DiscoverOptions {
                    root: Some(root.clone()),
                    ..DiscoverOptions::default()
                },
            )
            .map_err(|e| relative_error(e, &cwd))?;
            let (units, _) = pipeline::plan_units(
                &discovery,
                &loader,
                &PipelineOptions {
                    lint_compiled_bicep: true,
                },
            );
            let mut docs: Vec<_> = units
                .iter()
                .flat_map(|u| pipeline::parse_unit(u, &loader))
                .collect();
            // The model holds literal values; never print a secret.
            crate::redact::redact_documents(&mut docs, &RuleSet::builtin());
            let mut values = Vec::with_capacity(docs.len());
            for doc in &docs {
                let mut v = serde_json::to_value(doc).map_err(|e| e.to_string())?;
                add_positions(&mut v, doc);
                values.push(v);
            }
            let json = serde_json::to_string_pretty(&values).map_err(|e| e.to_string())?;
            out(&format!("{json}\n"));
            Ok(0)
        }
        Command::Rules { rule_dirs, format } => {
            let rules = load_rules(&rule_dirs)?;
            let catalogue = catalogue(&rules);
            match format {
                RulesFormat::Json => {
                    let json =
                        serde_json::to_string_pretty(&catalogue).map_err(|e| e.to_string())?;
                    out(&format!("{json}\n"));
                }
                RulesFormat::Markdown => out(&rules_markdown(&rules)),
                RulesFormat::Table => {
                    let mut table = format!(
                        "{:<8} {:<8} {:<9} {:<40} TITLE\n",
                        "ID", "SEVERITY", "FAMILY", "NAME"
                    );
                    for r in &catalogue {
                        table.push_str(&format!(
                            "{:<8} {:<8} {:<9} {:<40} {}\n",
                            r.id,
                            r.severity.as_str(),
                            r.family,
                            r.name,
                            r.title
                        ));
                    }
                    out(&table);
                }
            }
            Ok(0)
        }
        Command::Lsp => crate::lsp::serve().map(|()| 0),
        Command::Explain { rule } => {
            let rules = RuleSet::builtin();
            let catalogue = catalogue(&rules);
            let r = catalogue
                .iter()
                .find(|r| r.id.eq_ignore_ascii_case(&rule) || r.name.eq_ignore_ascii_case(&rule))
                .ok_or_else(|| format!("no rule `{rule}` (see `azlint rules`)"))?;
            out(&format!(
                "{} {} ({}, {})\n\n{}\n\n{}\n",
                r.id,
                r.name,
                r.family,
                r.severity.as_str(),
                r.title,
                r.help
            ));
            if let Some(url) = &r.docs_url {
                out(&format!("\n{url}\n"));
            }
            Ok(0)
        }
    }
}

/// Print to stdout; a closed pipe (`azlint rules | head`) is not an error.
fn out(text: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(text.as_bytes());
    let _ = stdout.flush();
}

/// The loaded rules plus the pipeline's own diagnostics (AZL001–AZL004) not already in it,
/// sorted by id.
/// `inspect` output: every span (`{file, start, end}` byte offsets) also gets the 1-based
/// `path`, `line` and `column` it stands for, so the dump can be read without counting bytes.
fn add_positions(v: &mut serde_json::Value, doc: &crate::model::Document) {
    match v {
        serde_json::Value::Object(map) => {
            let span = match (map.get("file"), map.get("start"), map.get("end")) {
                (Some(f), Some(s), Some(e)) if map.len() == 3 => {
                    f.as_u64().zip(s.as_u64()).zip(e.as_u64())
                }
                _ => None,
            };
            if let Some(((file, start), _)) = span {
                if let Some(src) = doc.files.get(file as usize) {
                    let (line, column) = src.line_col(start as u32);
                    map.insert("path".into(), src.display_path.clone().into());
                    map.insert("line".into(), line.into());
                    map.insert("column".into(), column.into());
                }
                return;
            }
            for child in map.values_mut() {
                add_positions(child, doc);
            }
        }
        serde_json::Value::Array(items) => {
            for item in items {
                add_positions(item, doc);
            }
        }
        _ => {}
    }
}

/// The rule catalogue as a Markdown table (the README's rule section is generated from it,
/// and `tests/readme.rs` keeps the README current).
pub fn rules_markdown(rules: &RuleSet) -> String {
    const FAMILIES: [&str; 5] = ["bicep", "arm", "terraform", "azapi", "yaml"];
    let mut md = String::from(
        "| ID | Name | Severity | Family | What it finds | Formats |\n|---|---|---|---|---|---|\n",
    );
    for r in catalogue(rules) {
        let formats = if r.family == "meta" {
            "all".to_string()
        } else {
            FAMILIES
                .iter()
                .filter(|f| !r.inexpressible_in.iter().any(|(x, _)| x == *f))
                .copied()
                .collect::<Vec<_>>()
                .join(", ")
        };
        md.push_str(&format!(
            "| {} | `{}` | {} | {} | {} | {} |\n",
            r.id,
            r.name,
            r.severity.as_str(),
            r.family,
            r.title.replace('|', "\\|"),
            formats
        ));
    }
    md
}

fn catalogue(rules: &RuleSet) -> Vec<RuleMeta> {
    let mut all: Vec<RuleMeta> = rules.metas().cloned().collect();
    all.sort_by(|a, b| a.id.cmp(&b.id));
    all
}

fn current_dir() -> Result<PathBuf, String> {
    std::env::current_dir().map_err(|e| format!("cannot read the current folder: {e}"))
}

/// `p` made absolute against `cwd` and lexically normalised.
fn absolute(cwd: &Path, p: &Path) -> PathBuf {
    normalize(&cwd.join(p))
}

/// `--root`, else the nearest ancestor of `cwd` containing `.git`, else `cwd`.
pub fn find_root(explicit: Option<&Path>, cwd: &Path) -> Result<PathBuf, String> {
    if let Some(r) = explicit {
        let abs = absolute(cwd, r);
        if !abs.is_dir() {
            return Err(format!("--root {}: not a folder", r.display()));
        }
        return Ok(abs);
    }
    Ok(cwd
        .ancestors()
        .find(|a| a.join(".git").exists())
        .unwrap_or(cwd)
        .to_path_buf())
}

/// Discovery errors name absolute paths; show them as the user typed them (relative to cwd).
fn relative_error(msg: String, cwd: &Path) -> String {
    let prefix = format!("{}/", cwd.display());
    msg.replace(&prefix, "")
}

/// The stdin text as a discovered file (it may not exist on disk).
fn stdin_candidate(path: &Path, text: &str, shown: &str) -> Result<Option<Candidate>, String> {
    let kind = FileKind::from_path(path).ok_or_else(|| {
        format!("--stdin-filename {shown}: not a Bicep, ARM JSON, Terraform or YAML file name")
    })?;
    let kind = if kind == FileKind::ArmTemplate {
        if !FileKind::is_json_candidate(path) {
            return Ok(None);
        }
        match classify_json(text) {
            Some(k) => k,
            None => return Ok(None),
        }
    } else {
        kind
    };
    Ok(Some(Candidate {
        path: path.to_path_buf(),
        kind,
    }))
}

fn load_config(
    args: &CheckArgs,
    first: &Path,
    root: &Path,
    cwd: &Path,
    loader: &Loader,
) -> Result<Config, String> {
    let path = match &args.config {
        Some(p) => {
            let abs = absolute(cwd, p);
            if !abs.is_file() {
                return Err(format!("--config {}: no such file", p.display()));
            }
            abs
        }
        None => match config::find(first, root) {
            Some(p) => p,
            None => return Ok(Config::default()),
        },
    };
    let display = loader.display_path(&path);
    let base = path
        .parent()
        .map(|d| loader.display_path(d))
        .unwrap_or_default();
    let base_prefix =
        if base.is_empty() || base == "." || base.starts_with('/') || base.starts_with("..") {
            String::new()
        } else {
            format!("{base}/")
        };
    Config::load(&path, &display, &base_prefix)
}

struct Stage {
    verbose: bool,
    start: Instant,
}

impl Stage {
    fn done(&mut self, name: &str) {
        if self.verbose {
            eprintln!("azlint: {name:<9} {:>9.2?}", self.start.elapsed());
        }
        self.start = Instant::now();
    }
}

fn check(args: CheckArgs) -> Result<i32, String> {
    let mut stage = Stage {
        verbose: args.verbose,
        start: Instant::now(),
    };
    let cwd = current_dir()?;
    let root = find_root(args.root.as_deref(), &cwd)?;

    // Inputs: `-` means stdin, which stands for --stdin-filename.
    let wants_stdin = args.paths.iter().any(|p| p.as_os_str() == "-");
    let stdin_path =
        match (&args.stdin_filename, wants_stdin) {
            (Some(p), true) => Some(p),
            (Some(p), false) if args.paths.is_empty() => Some(p),
            (Some(_), false) => return Err(
                "--stdin-filename is given but `-` is not among the paths (use `-` to read stdin)"
                    .into(),
            ),
            (None, true) => return Err(
                "`-` reads stdin and needs --stdin-filename PATH (the file the text stands for)"
                    .into(),
            ),
            (None, false) => None,
        };
    let mut scan: Vec<PathBuf> = args
        .paths
        .iter()
        .filter(|p| p.as_os_str() != "-")
        .map(|p| absolute(&cwd, p))
        .collect();
    if scan.is_empty() && stdin_path.is_none() {
        scan.push(cwd.clone());
    }
    let stdin_abs = stdin_path.map(|p| absolute(&cwd, p));

    let mut loader = Loader::new(&root);
    let first = scan
        .first()
        .or(stdin_abs.as_ref())
        .cloned()
        .unwrap_or_else(|| cwd.clone());
    let config = load_config(&args, &first, &root, &cwd, &loader)?;

    let mut rule_dirs: Vec<PathBuf> = args.rule_dirs.iter().map(|d| absolute(&cwd, d)).collect();
    rule_dirs.extend(config.rule_dirs.iter().cloned());
    let rules = load_rules(&rule_dirs)?;
    config.validate(&rules)?;
    crate::rules::predicates::set_name_exclusions(config.secret_name_exclusions.clone());
    let fail_on = args.fail_on.or(config.fail_on).unwrap_or(Severity::Warning);
    let lint_compiled = args.lint_compiled || config.lint_compiled_bicep.unwrap_or(false);
    if args.verbose {
        match &config.path {
            Some(_) => eprintln!("azlint: config {}", config.display),
            None => eprintln!("azlint: no .azlint.yaml found; using defaults"),
        }
        eprintln!("azlint: root {}", root.display());
    }

    let mut excludes = args.exclude.clone();
    excludes.extend(config.exclude_globs());
    let mut discovery = if scan.is_empty() {
        Discovery::default()
    } else {
        discover(
            &scan,
            &DiscoverOptions {
                excludes,
                no_ignore: args.no_ignore,
                root: Some(root.clone()),
            },
        )
        .map_err(|e| relative_error(e, &cwd))?
    };
    if let Some(path) = &stdin_abs {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| format!("cannot read stdin: {e}"))?;
        let shown = loader.display_path(path);
        match stdin_candidate(path, &text, &shown)? {
            Some(c) => {
                discovery.files.retain(|f| f.path != c.path);
                discovery.files.push(c);
                discovery.files.sort();
            }
            None => discovery.skipped.push((
                path.clone(),
                "JSON without an ARM deployment $schema".into(),
            )),
        }
        loader = loader.with_override(path.clone(), text);
    }
    if discovery.files.is_empty() && !args.quiet {
        eprintln!("azlint: warning: no Bicep, ARM, Terraform or Container Apps YAML files to lint");
    }
    let targets: HashSet<String> = discovery
        .files
        .iter()
        .map(|c| loader.display_path(&c.path))
        .collect();
    stage.done("discover");

    let out = pipeline::run(
        discovery,
        &loader,
        &rules,
        &PipelineOptions {
            lint_compiled_bicep: lint_compiled,
        },
    );
    if args.verbose {
        eprintln!(
            "azlint: parse     {:>9.2?} ({} documents)",
            out.timings.parse,
            out.documents.len()
        );
        eprintln!("azlint: evaluate  {:>9.2?}", out.timings.evaluate);
        for (p, why) in &out.skipped {
            eprintln!("azlint: skipped {}: {why}", loader.display_path(p));
        }
    }
    stage.done("pipeline");

    let mut findings: Vec<Finding> = out.findings;
    crate::suppress::apply(&out.documents, &mut findings, &targets, &rules);
    config.apply(&mut findings, &rules);
    sort_findings(&mut findings);
    findings.dedup_by(|a, b| a.sort_key() == b.sort_key());

    // Written before --baseline is applied, so that `--baseline F --write-baseline F`
    // refreshes F with every current finding (old and new), dropping fixed ones.
    if let Some(path) = &args.write_baseline {
        let baseline = Baseline::from_findings(&findings);
        std::fs::write(absolute(&cwd, path), baseline.to_json())
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        if !args.quiet {
            let n: u32 = baseline.entries.iter().map(|e| e.count).sum();
            eprintln!(
                "azlint: wrote {n} finding(s) to the baseline {}",
                path.display()
            );
        }
        return Ok(0);
    }
    if let Some(b) = &args.baseline {
        let baseline = Baseline::load(&absolute(&cwd, b))?;
        let outcome = baseline.apply(&mut findings);
        if outcome.fixed > 0 && !args.quiet {
            eprintln!(
                "azlint: {} baseline entr{} no longer occur (fixed); refresh it with --write-baseline {}",
                outcome.fixed,
                if outcome.fixed == 1 { "y" } else { "ies" },
                b.display()
            );
        }
    }
    stage.done("suppress");

    let color = !args.no_color
        && args.output.is_none()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        && std::io::stdout().is_terminal();
    let ctx = ReportContext {
        rules: &rules,
        color,
        tool_version: env!("CARGO_PKG_VERSION"),
        root: Some(root.clone()),
        automation_id: None,
        quiet: args.quiet,
        secret_ranges: if args.format == OutputFormat::Human {
            crate::redact::secret_ranges(&out.documents, &findings)
        } else {
            Default::default()
        },
        // Wired by the CLI rewrite (--show-help, ascii detection, files checked).
        files_checked: None,
        show_help: false,
        ascii: false,
    };
    let text = report::render(args.format, &findings, &ctx);
    match &args.output {
        Some(path) => std::fs::write(absolute(&cwd, path), text)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?,
        None => {
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (`| head`) is not an error worth a message.
            let _ = stdout.write_all(text.as_bytes());
            let _ = stdout.flush();
        }
    }
    stage.done("report");
    if args.verbose {
        let shown = findings.iter().filter(|f| f.suppressed.is_none()).count();
        eprintln!(
            "azlint: {} finding(s), {} suppressed; failing at {} or above",
            shown,
            findings.len() - shown,
            fail_on.as_str()
        );
    }

    let failing = findings
        .iter()
        .any(|f| f.suppressed.is_none() && f.severity >= fail_on);
    Ok(if failing { 1 } else { 0 })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panics_become_internal_errors() {
        let err = guarded(|| panic!("boom")).unwrap_err();
        assert!(
            err.starts_with("internal error: boom at src/cli.rs:"),
            "{err}"
        );
        assert_eq!(guarded(|| Ok(1)), Ok(1));
    }

    #[test]
    fn root_is_the_nearest_git_folder() {
        let dir = tempfile::tempdir().unwrap();
        let repo = dir.path().join("repo");
        std::fs::create_dir_all(repo.join(".git")).unwrap();
        std::fs::create_dir_all(repo.join("a/b")).unwrap();
        assert_eq!(find_root(None, &repo.join("a/b")).unwrap(), repo);
        assert_eq!(
            find_root(Some(Path::new("..")), &repo.join("a/b")).unwrap(),
            repo.join("a")
        );
        assert!(find_root(Some(Path::new("missing")), &repo).is_err());
    }
}
