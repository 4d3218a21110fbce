//! Command line: `check`, `inspect`, `rules`, `explain`.
//!
//! `check` = discover → pipeline (parse, evaluate) → inline suppressions → config severities →
//! baseline → report. Every path shown is relative to the repository root (`--root`, else the
//! nearest ancestor of the current folder holding `.git`, else the current folder). Usage,
//! configuration, I/O and internal errors (including panics) exit 2 with `azlint: error: …`.

use std::collections::HashMap;
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use clap::{Parser, Subcommand};

use crate::baseline::Baseline;
use crate::engine::{absolute, Engine, Input, Options};
use crate::finding::Severity;
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
        /// Also load rules from this folder (to explain a custom rule)
        #[arg(long = "rules", value_name = "DIR")]
        rule_dirs: Vec<PathBuf>,
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
    /// Largest file to read, in bytes; larger files are reported as AZL005 [default: 8388608,
    /// or `max-file-size` in the config]
    #[arg(long, value_name = "BYTES", value_parser = clap::value_parser!(u64).range(1..))]
    pub max_file_size: Option<u64>,
    /// Print nothing but findings
    #[arg(long, short = 'q', conflicts_with = "verbose")]
    pub quiet: bool,
    /// Print the config used, timings, every file checked and every path skipped (with why)
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

/// Run `f`, turning a panic anywhere in it into an "internal error" naming where it
/// happened (never what it said: a panic message may quote the input).
pub fn guarded(f: impl FnOnce() -> Result<i32, String>) -> Result<i32, String> {
    match crate::engine::catch_panic(f) {
        Ok(r) => r,
        Err(p) => Err(format!(
            "{p} (this is a bug in azlint; please report it with the input that triggers it)"
        )),
    }
}

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
            let opts = Options {
                root,
                lint_compiled_bicep: Some(true),
                ..Options::default()
            };
            let engine = Engine::new(&opts, &cwd, paths.first().map(PathBuf::as_path))
                .map_err(|e| relative_error(e.to_string(), &cwd))?;
            let input = Input {
                paths: paths.iter().map(|p| absolute(&cwd, p)).collect(),
                ..Input::default()
            };
            let docs = engine
                .documents(&input)
                .map_err(|e| relative_error(e.to_string(), &cwd))?;
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
        Command::Lsp => Ok(crate::lsp::serve()),
        Command::Explain { rule, rule_dirs } => {
            let rules = load_rules(&rule_dirs)?;
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
    let families = crate::lang::families();
    let mut md = String::from(
        "| ID | Name | Severity | Family | What it finds | Formats |\n|---|---|---|---|---|---|\n",
    );
    for r in catalogue(rules) {
        let formats = if r.family == "meta" {
            "all".to_string()
        } else {
            families
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

/// The loaded rules (the engine's own diagnostics are built-in rules), sorted by id.
fn catalogue(rules: &RuleSet) -> Vec<RuleMeta> {
    let mut all: Vec<RuleMeta> = rules.metas().cloned().collect();
    all.sort_by(|a, b| a.id.cmp(&b.id));
    all
}

fn current_dir() -> Result<PathBuf, String> {
    std::env::current_dir().map_err(|e| format!("cannot read the current folder: {e}"))
}

/// Errors name absolute paths; show them as the user typed them (relative to cwd).
fn relative_error(msg: String, cwd: &Path) -> String {
    let prefix = format!("{}/", cwd.display());
    msg.replace(&prefix, "")
}

fn check(args: CheckArgs) -> Result<i32, String> {
    let cwd = current_dir()?;
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
    let mut paths: Vec<PathBuf> = args
        .paths
        .iter()
        .filter(|p| p.as_os_str() != "-")
        .map(|p| absolute(&cwd, p))
        .collect();
    let mut overlays: HashMap<PathBuf, Arc<str>> = HashMap::new();
    if let Some(p) = stdin_path {
        if crate::lang::Language::by_name(p).is_none() {
            return Err(format!(
                "--stdin-filename {}: not a Bicep, ARM JSON, Terraform or Container Apps YAML file name",
                p.display()
            ));
        }
        let abs = absolute(&cwd, p);
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| format!("cannot read stdin: {e}"))?;
        let (text, _) =
            crate::source::decode(bytes).map_err(|e| format!("cannot read stdin: {e}"))?;
        overlays.insert(abs.clone(), Arc::from(text));
        paths.retain(|q| q != &abs);
        paths.push(abs);
    }
    if paths.is_empty() {
        paths.push(cwd.clone());
    }

    let opts = Options {
        root: args.root.clone(),
        config: args.config.clone(),
        rule_dirs: args.rule_dirs.clone(),
        excludes: args.exclude.clone(),
        no_ignore: args.no_ignore,
        lint_compiled_bicep: args.lint_compiled.then_some(true),
        baseline: args.baseline.clone(),
        no_baseline: args.write_baseline.is_some(),
        max_file_bytes: args.max_file_size,
        list_ignored: args.verbose,
        ..Options::default()
    };
    let engine = Engine::new(&opts, &cwd, paths.first().map(PathBuf::as_path))
        .map_err(|e| relative_error(e.to_string(), &cwd))?;
    let fail_on = args
        .fail_on
        .or(engine.config().fail_on)
        .unwrap_or(Severity::Warning);
    if args.verbose {
        match &engine.config().path {
            Some(_) => eprintln!("azlint: config {}", engine.config().display),
            None => eprintln!("azlint: no .azlint.yaml found; using defaults"),
        }
        eprintln!("azlint: root {}", engine.root().display());
        if let Some(b) = engine.baseline_path() {
            eprintln!("azlint: baseline {}", engine.display_path(b));
        }
    }
    let report = engine
        .check(&Input { paths, overlays })
        .map_err(|e| relative_error(e.to_string(), &cwd))?;
    if report.checked.is_empty() && !args.quiet {
        eprintln!(
            "azlint: warning: no Bicep, ARM, Terraform or Container Apps YAML files to lint{}",
            if report.skipped.is_empty() || args.verbose {
                ""
            } else {
                " (-v lists the paths that were skipped and why)"
            }
        );
    }
    if args.verbose {
        let t = &report.timings;
        eprintln!("azlint: discover  {:>9.2?}", t.discover);
        eprintln!(
            "azlint: analyse   {:>9.2?} ({} files checked)",
            t.analyse,
            report.checked.len()
        );
        for c in &report.checked {
            eprintln!("azlint: checked {} ({})", c.path, c.language.name());
        }
        for s in &report.skipped {
            eprintln!("azlint: skipped {}: {}", s.path, s.reason);
        }
    }

    // Written before the baseline is applied (the engine skips it when writing), so that
    // `--baseline F --write-baseline F` refreshes F with every current finding.
    if let Some(path) = &args.write_baseline {
        let baseline = Baseline::from_findings(&report.findings);
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
    if let (Some(fixed), Some(b)) = (report.baseline_fixed, engine.baseline_path()) {
        if fixed > 0 && !args.quiet {
            eprintln!(
                "azlint: {fixed} baseline {} no longer {} (fixed); refresh it with --write-baseline {}",
                if fixed == 1 { "entry" } else { "entries" },
                if fixed == 1 { "occurs" } else { "occur" },
                engine.display_path(b)
            );
        }
    }

    let color = !args.no_color
        && args.output.is_none()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        && std::io::stdout().is_terminal();
    let ctx = ReportContext {
        rules: engine.rules(),
        color,
        tool_version: env!("CARGO_PKG_VERSION"),
        root: Some(engine.root().to_path_buf()),
        automation_id: None,
        quiet: args.quiet,
        secret_ranges: report.secret_ranges.clone(),
    };
    let text = report::render(args.format, &report.findings, &ctx);
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
    if args.verbose {
        let shown = report.unsuppressed().count();
        eprintln!(
            "azlint: {} finding(s), {} suppressed, {} files checked; failing at {} or above",
            shown,
            report.findings.len() - shown,
            report.checked.len(),
            fail_on.as_str()
        );
    }
    let failing = report.unsuppressed().any(|f| f.severity >= fail_on);
    Ok(if failing { 1 } else { 0 })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panics_become_internal_errors_without_their_message() {
        let err = guarded(|| panic!("boom LEAK")).unwrap_err();
        assert!(err.starts_with("internal error at src/cli.rs:"), "{err}");
        assert!(!err.contains("LEAK"), "{err}");
        assert_eq!(guarded(|| Ok(1)), Ok(1));
    }
}
