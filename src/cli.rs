//! Command line: `check`, `inspect`, `rules`, `explain`.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::discover::{discover, DiscoverOptions};
use crate::finding::Severity;
use crate::frontend::Loader;
use crate::pipeline::{self, PipelineOptions};
use crate::report::{self, OutputFormat, ReportContext};
use crate::rules::RuleSet;

const EXIT_HELP: &str = "\
Exit codes:
  0  no finding at or above --fail-on (default: warning)
  1  findings at or above --fail-on (a file that cannot be parsed counts as an error)
  2  usage, configuration, I/O or internal error";

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
    #[command(after_help = "Examples:\n  azlint check infra/\n  azlint check main.bicep --format compact\n  azlint check . --format sarif -o azlint.sarif\n\n".to_owned() + EXIT_HELP)]
    Check(CheckArgs),
    /// Print the normalised resource model of files as JSON (types, names, values, spans, provenance)
    Inspect {
        /// Files or folders
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// List the rule catalogue
    Rules {
        /// Also load rules from this folder
        #[arg(long = "rules", value_name = "DIR")]
        rule_dirs: Vec<PathBuf>,
    },
    /// Print the full help for one rule (by id or name)
    Explain {
        /// Rule id (AZL101) or name (plaintext-app-secret)
        rule: String,
    },
}

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// Files or folders to lint
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Output format
    #[arg(long, short = 'f', value_enum, default_value = "human")]
    pub format: OutputFormat,
    /// Write the report to FILE instead of stdout
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Lowest severity that makes the exit code 1
    #[arg(long, value_name = "SEVERITY", default_value = "warning", value_parser = parse_severity)]
    pub fail_on: Severity,
    /// Skip paths matching GLOB (repeatable)
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// Load additional rules from DIR (repeatable)
    #[arg(long = "rules", value_name = "DIR")]
    pub rule_dirs: Vec<PathBuf>,
    /// Also lint compiled ARM JSON that has its .bicep source beside it
    #[arg(long)]
    pub lint_compiled: bool,
    /// Print nothing but findings
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Print timings and skipped files to stderr
    #[arg(long, short = 'v')]
    pub verbose: bool,
    /// Never colour output
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
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return code;
        }
    };
    match run(cli) {
        Ok(code) => code,
        Err(msg) => {
            eprintln!("azlint: error: {msg}");
            2
        }
    }
}

fn load_rules(dirs: &[PathBuf]) -> Result<RuleSet, String> {
    let set = RuleSet::builtin();
    if !dirs.is_empty() {
        return Err("--rules is not supported yet".into());
    }
    Ok(set)
}

pub fn run(cli: Cli) -> Result<i32, String> {
    match cli.command {
        Command::Check(args) => check(args),
        Command::Inspect { paths } => {
            let loader = Loader::new(".");
            let discovery = discover(&paths, &DiscoverOptions::default())?;
            let (units, _) = pipeline::plan_units(
                &discovery,
                &loader,
                &PipelineOptions {
                    lint_compiled_bicep: true,
                },
            );
            let docs: Vec<_> = units
                .iter()
                .flat_map(|u| pipeline::parse_unit(u, &loader))
                .collect();
            let json = serde_json::to_string_pretty(&docs).map_err(|e| e.to_string())?;
            println!("{json}");
            Ok(0)
        }
        Command::Rules { rule_dirs } => {
            let rules = load_rules(&rule_dirs)?;
            for r in &rules.rules {
                println!(
                    "{:<8} {:<8} {:<9} {:<40} {}",
                    r.id,
                    r.severity.as_str(),
                    r.family,
                    r.name,
                    r.title
                );
            }
            Ok(0)
        }
        Command::Explain { rule } => {
            let rules = RuleSet::builtin();
            let r = rules
                .get(&rule)
                .ok_or_else(|| format!("no rule `{rule}` (see `azlint rules`)"))?;
            println!(
                "{} {} ({}, {})\n\n{}\n\n{}",
                r.id,
                r.name,
                r.family,
                r.severity.as_str(),
                r.title,
                r.help
            );
            Ok(0)
        }
    }
}

fn check(args: CheckArgs) -> Result<i32, String> {
    let rules = load_rules(&args.rule_dirs)?;
    let loader = Loader::new(".");
    let discovery = discover(
        &args.paths,
        &DiscoverOptions {
            excludes: args.exclude.clone(),
            no_ignore: false,
        },
    )?;
    let out = pipeline::run(
        discovery,
        &loader,
        &rules,
        &PipelineOptions {
            lint_compiled_bicep: args.lint_compiled,
        },
    );
    let color = !args.no_color && args.output.is_none() && std::io::stdout().is_terminal();
    let ctx = ReportContext {
        rules: &rules,
        color,
        tool_version: env!("CARGO_PKG_VERSION"),
    };
    let text = report::render(args.format, &out.findings, &ctx);
    match &args.output {
        Some(path) => std::fs::write(path, text)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?,
        None => {
            let mut stdout = std::io::stdout().lock();
            let _ = stdout.write_all(text.as_bytes());
        }
    }
    if args.verbose {
        eprintln!(
            "azlint: {} documents, {} findings; parse {:?}, evaluate {:?}",
            out.documents.len(),
            out.findings.len(),
            out.timings.parse,
            out.timings.evaluate
        );
        for (p, why) in &out.skipped {
            eprintln!("azlint: skipped {}: {why}", p.display());
        }
    }
    let failing = out
        .findings
        .iter()
        .any(|f| f.suppressed.is_none() && f.severity >= args.fail_on);
    Ok(if failing { 1 } else { 0 })
}
