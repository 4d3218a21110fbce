//! Command line: `check`, `inspect`, `rules`, `explain`, `lsp`, `completions`, `man`.
//!
//! Every command goes through the library's [`crate::Engine`]; this module only turns
//! arguments into [`crate::Options`] and renders what comes back. Usage, configuration, I/O
//! and internal errors (including panics) exit 2 with `azlint: error: …`.

mod catalogue;
mod check;
mod inspect;

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{CommandFactory, Parser, Subcommand};

use crate::finding::{Confidence, Severity};
use crate::report::OutputFormat;

const EXIT_HELP: &str = "\
Exit codes:
  0  no unsuppressed finding at or above --fail-on (default: warning), or --exit-zero
  1  findings at or above --fail-on (a file that cannot be parsed or read counts as an error);
     with --fix, findings that remain; with --diff, something to fix
  2  usage, configuration or internal error";

const CHECK_HELP: &str = "\
Examples:
  azlint check                               lint the current folder (and below)
  azlint check infra/ -f compact             one line per finding
  azlint check . -f sarif -o azlint.sarif    for GitHub code scanning
  azlint check -f azure                      Azure DevOps pipeline annotations
  azlint check --select secrets              only the secrets family (ids, names, families)
  azlint check --ignore AZL403,AZL404        everything but these
  azlint check --min-severity warning        do not print notes
  azlint check --statistics                  how many findings per rule
  azlint check --fail-on error               fail only on errors
  azlint check --diff                        show the safe fixes as a diff (writes nothing)
  azlint check --fix                         apply the safe fixes, report what remains
  azlint check --fix --unsafe-fixes          also apply fixes that may break a deployment
  azlint check --write-baseline .azlint-baseline.json
  azlint check --baseline .azlint-baseline.json   fail only on new findings
  cat main.bicep | azlint check - --stdin-filename infra/main.bicep

Configuration: .azlint.yaml, found by walking up from the first path to the repository
root (the nearest folder holding .git; or --config FILE); flags win over the file.
Suppress one finding in the source with a reason, e.g.
`// azlint-disable-next-line AZL101 test fixture` (Bicep) or
`# azlint:ignore AZL101 public sample key` (Terraform); see `azlint explain AZL003`.
Learn about a rule: `azlint explain AZL101`.
";

#[derive(Parser, Debug)]
#[command(
    name = "azlint",
    version,
    about = "Security linter for Azure infrastructure-as-code (Bicep, ARM JSON, Terraform azurerm/azapi, Container Apps YAML)",
    long_about = "azlint finds security mistakes in Azure infrastructure-as-code before it ships: plaintext \
secrets, missing managed identities, registry pulls with admin credentials and absent network controls, \
with findings that point at the exact line and column you wrote.\n\nStart with `azlint check` in your \
repository; `azlint explain <ID>` tells why a finding matters and how to fix it.",
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
    Check(Box<CheckArgs>),
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
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell)
    #[command(
        after_help = "Example: azlint completions bash > ~/.local/share/bash-completion/completions/azlint"
    )]
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff)
    #[command(after_help = "Example: azlint man > ~/.local/share/man/man1/azlint.1")]
    Man,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum RulesFormat {
    Table,
    Json,
    /// The README's rule table
    Markdown,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    /// Colour when stdout is a terminal and NO_COLOR is not set
    Auto,
    Always,
    Never,
}

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// Files or folders to lint (default: the current folder); `-` reads stdin (needs --stdin-filename)
    pub paths: Vec<PathBuf>,

    /// Output format
    #[arg(
        long,
        short = 'f',
        visible_alias = "output-format",
        value_enum,
        default_value = "human",
        help_heading = "Output"
    )]
    pub format: OutputFormat,
    /// Write the report to FILE instead of stdout
    #[arg(long, short = 'o', value_name = "FILE", help_heading = "Output")]
    pub output: Option<PathBuf>,
    /// Print only findings of at least this severity (note, warning, error)
    #[arg(long, value_name = "SEVERITY", value_parser = parse_severity, help_heading = "Output")]
    pub min_severity: Option<Severity>,
    /// Print only findings of at least this confidence (low, medium, high)
    #[arg(long, value_name = "CONFIDENCE", value_parser = parse_confidence, help_heading = "Output")]
    pub min_confidence: Option<Confidence>,
    /// Print the number of findings per rule instead of the findings
    #[arg(long, help_heading = "Output")]
    pub statistics: bool,
    /// Print the files that would be checked (and, with -v, the paths skipped), then exit
    #[arg(long, help_heading = "Output")]
    pub show_files: bool,
    /// Print each rule's full help once at the end (human format)
    #[arg(long, help_heading = "Output")]
    pub show_help: bool,
    /// Colour: auto (terminal, no NO_COLOR), always (CI logs), never
    #[arg(
        long,
        value_enum,
        value_name = "WHEN",
        default_value = "auto",
        help_heading = "Output"
    )]
    pub color: ColorChoice,
    /// Same as --color never
    #[arg(long, hide = true)]
    pub no_color: bool,
    /// Print nothing but findings
    #[arg(long, short = 'q', conflicts_with = "verbose", help_heading = "Output")]
    pub quiet: bool,
    /// Print the config used, timings, every file checked and every path skipped (with why)
    #[arg(long, short = 'v', help_heading = "Output")]
    pub verbose: bool,

    /// Run only these rules: ids, names or families, comma-separated or repeated
    #[arg(
        long,
        value_name = "RULES",
        value_delimiter = ',',
        help_heading = "Rules"
    )]
    pub select: Vec<String>,
    /// Do not run these rules: ids, names or families (wins over --select)
    #[arg(
        long,
        value_name = "RULES",
        value_delimiter = ',',
        help_heading = "Rules"
    )]
    pub ignore: Vec<String>,
    /// Load additional rules from DIR (repeatable)
    #[arg(long = "rules", value_name = "DIR", help_heading = "Rules")]
    pub rule_dirs: Vec<PathBuf>,
    /// Also run the rules of an opt-in profile: `azure-policy` (the stricter verdicts of the
    /// built-in Azure Policy definitions, with their ids in SARIF)
    #[arg(long = "profile", value_name = "PROFILE", help_heading = "Rules")]
    pub profiles: Vec<String>,

    /// Lowest severity that makes the exit code 1 [default: warning, or `fail-on` in the config]
    #[arg(long, value_name = "SEVERITY", value_parser = parse_severity, help_heading = "Exit code")]
    pub fail_on: Option<Severity>,
    /// Exit 0 even when there are findings (errors in azlint's own use still exit 2)
    #[arg(long, help_heading = "Exit code")]
    pub exit_zero: bool,
    /// Hide findings recorded in this baseline file; report how many were fixed
    #[arg(long, value_name = "FILE", help_heading = "Exit code")]
    pub baseline: Option<PathBuf>,
    /// Record the current findings in FILE (then exit 0 without a report)
    #[arg(long, value_name = "FILE", help_heading = "Exit code")]
    pub write_baseline: Option<PathBuf>,

    /// Apply the safe fixes to the files (in their encoding and line endings), then report
    /// the findings that remain
    #[arg(long, conflicts_with_all = ["write_baseline", "show_files"], help_heading = "Fixes")]
    pub fix: bool,
    /// With --fix or --diff: also apply unsafe fixes (they may break something that works
    /// today: read `azlint explain ID` first)
    #[arg(long, help_heading = "Fixes")]
    pub unsafe_fixes: bool,
    /// Print the fixes as a unified diff instead of writing them; exit 1 when there is
    /// something to fix, 0 when not
    #[arg(long, conflicts_with_all = ["fix", "write_baseline", "show_files"], help_heading = "Fixes")]
    pub diff: bool,

    /// Skip paths matching GLOB (repeatable; added to the config's `exclude`)
    #[arg(long, value_name = "GLOB", help_heading = "Files")]
    pub exclude: Vec<String>,
    /// Use this config file instead of looking for .azlint.yaml
    #[arg(long, value_name = "FILE", help_heading = "Files")]
    pub config: Option<PathBuf>,
    /// Repository root: paths in the output are relative to it [default: the nearest folder
    /// holding .git above the first path]
    #[arg(long, value_name = "DIR", help_heading = "Files")]
    pub root: Option<PathBuf>,
    /// With `-`: the path the stdin text stands for (decides the language and the context)
    #[arg(long, value_name = "PATH", help_heading = "Files")]
    pub stdin_filename: Option<PathBuf>,
    /// Also lint compiled ARM JSON that has its .bicep source beside it
    #[arg(long, help_heading = "Files")]
    pub lint_compiled: bool,
    /// Also lint files ignored by .gitignore/.ignore
    #[arg(long, help_heading = "Files")]
    pub no_ignore: bool,
    /// Largest file to read, in bytes; larger files are reported as AZL005 [default: 8388608,
    /// or `max-file-size` in the config]
    #[arg(long, value_name = "BYTES", value_parser = clap::value_parser!(u64).range(1..),
          help_heading = "Files")]
    pub max_file_size: Option<u64>,
}

fn parse_severity(s: &str) -> Result<Severity, String> {
    Severity::parse(s)
        .ok_or_else(|| format!("`{s}` is not a severity (expected note, warning or error)"))
}

fn parse_confidence(s: &str) -> Result<Confidence, String> {
    Confidence::parse(s)
        .ok_or_else(|| format!("`{s}` is not a confidence (expected low, medium or high)"))
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

pub fn run(cli: Cli) -> Result<i32, String> {
    match cli.command {
        Command::Check(args) => check::run(*args),
        Command::Inspect { paths, root } => inspect::run(&paths, root),
        Command::Rules { rule_dirs, format } => catalogue::rules(&rule_dirs, format),
        Command::Explain { rule, rule_dirs } => catalogue::explain(&rule, &rule_dirs),
        Command::Lsp => Ok(crate::lsp::serve()),
        Command::Completions { shell } => {
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "azlint", &mut out);
            write_stdout(&String::from_utf8_lossy(&out));
            Ok(0)
        }
        Command::Man => {
            let mut out = Vec::new();
            clap_mangen::Man::new(Cli::command())
                .render(&mut out)
                .map_err(|e| e.to_string())?;
            write_stdout(&String::from_utf8_lossy(&out));
            Ok(0)
        }
    }
}

/// Print to stdout; a closed pipe (`azlint rules | head`) is not an error.
fn write_stdout(text: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(text.as_bytes());
    let _ = stdout.flush();
}

fn current_dir() -> Result<PathBuf, String> {
    std::env::current_dir().map_err(|e| format!("cannot read the current folder: {e}"))
}

/// Errors name absolute paths; show them as the user typed them (relative to cwd).
fn relative_error(msg: String, cwd: &Path) -> String {
    let prefix = format!("{}/", cwd.display());
    msg.replace(&prefix, "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panics_become_internal_errors_without_their_message() {
        let err = guarded(|| panic!("boom LEAK")).unwrap_err();
        assert!(
            err.starts_with("internal error at src/cli/mod.rs:"),
            "{err}"
        );
        assert!(!err.contains("LEAK"), "{err}");
        assert_eq!(guarded(|| Ok(1)), Ok(1));
    }

    #[test]
    fn the_command_line_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
