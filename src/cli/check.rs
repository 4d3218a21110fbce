//! `azlint check`: arguments → engine options → report → output and exit code.

use std::collections::{BTreeMap, HashMap};
use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;
use std::sync::Arc;

use super::{current_dir, relative_error, CheckArgs, ColorChoice};
use crate::baseline::Baseline;
use crate::engine::{absolute, Engine, Input, Options, Report};
use crate::finding::{Finding, Severity};
use crate::report::{self, ReportContext};

pub(super) fn run(args: CheckArgs) -> Result<i32, String> {
    let cwd = current_dir()?;
    let input = read_input(&args, &cwd)?;
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
        select: args.select.clone(),
        ignore: args.ignore.clone(),
        profiles: args.profiles.clone(),
        ..Options::default()
    };
    let engine = Engine::new(&opts, &cwd, input.paths.first().map(PathBuf::as_path))
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

    if args.show_files {
        let (checked, skipped) = engine
            .files(&input)
            .map_err(|e| relative_error(e.to_string(), &cwd))?;
        let mut text = String::new();
        for c in &checked {
            text.push_str(&format!("{}\n", c.path));
        }
        write_report(&args, &cwd, text)?;
        if args.verbose {
            for s in &skipped {
                eprintln!("azlint: skipped {}: {}", s.path, s.reason);
            }
        }
        return Ok(0);
    }

    let mut report = engine
        .check(&input)
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
        print_verbose(&report);
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
    if let (Some(outcome), Some(b)) = (&report.baseline, engine.baseline_path()) {
        if let Some(message) = outcome.fixed_message(&engine.display_path(b)) {
            if !args.quiet {
                eprintln!("azlint: {message}");
            }
        }
    }

    // What is printed: --min-severity / --min-confidence (suppressed findings stay in
    // machine formats, which mark them).
    report.findings.retain(|f| shown(f, &args));
    let text = if args.statistics {
        statistics(&report.findings)
    } else {
        let ctx = ReportContext {
            rules: engine.rules(),
            color: use_color(&args),
            tool_version: env!("CARGO_PKG_VERSION"),
            root: Some(engine.root().to_path_buf()),
            automation_id: None,
            quiet: args.quiet,
            secret_ranges: std::mem::take(&mut report.secret_ranges),
            files_checked: Some(report.checked.len()),
            show_help: args.show_help,
            ascii: ascii_terminal(),
        };
        report::render(args.format, &report.findings, &ctx)
    };
    write_report(&args, &cwd, text)?;
    if args.verbose {
        let shown = report.unsuppressed().count();
        eprintln!(
            "azlint: {} finding(s) shown, {} suppressed, {} files checked; failing at {} or above",
            shown,
            report.findings.len() - shown,
            report.checked.len(),
            fail_on.as_str()
        );
    }
    let failing = report.unsuppressed().any(|f| f.severity >= fail_on);
    Ok(if failing && !args.exit_zero { 1 } else { 0 })
}

/// Paths and stdin: `-` means stdin, which stands for --stdin-filename.
fn read_input(args: &CheckArgs, cwd: &std::path::Path) -> Result<Input, String> {
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
        .map(|p| absolute(cwd, p))
        .collect();
    let mut overlays: HashMap<PathBuf, Arc<str>> = HashMap::new();
    if let Some(p) = stdin_path {
        if crate::lang::Language::by_name(p).is_none() {
            return Err(format!(
                "--stdin-filename {}: not a Bicep, ARM JSON, Terraform or Container Apps YAML file name",
                p.display()
            ));
        }
        let abs = absolute(cwd, p);
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
        paths.push(cwd.to_path_buf());
    }
    Ok(Input { paths, overlays })
}

fn shown(f: &Finding, args: &CheckArgs) -> bool {
    args.min_severity.is_none_or(|m| f.severity >= m)
        && args.min_confidence.is_none_or(|m| f.confidence >= m)
}

/// `--color`, `--no-color`, `NO_COLOR` (any non-empty value), and whether stdout is a
/// terminal (a report written to a file is never coloured).
fn use_color(args: &CheckArgs) -> bool {
    if args.no_color || args.output.is_some() {
        return false;
    }
    match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    }
}

/// Whether the terminal cannot show Unicode box drawing: `TERM=dumb`, or a locale that is
/// not UTF-8 (`LC_ALL`, `LC_CTYPE`, `LANG`, first one set wins).
fn ascii_terminal() -> bool {
    if std::env::var("TERM").is_ok_and(|t| t == "dumb") {
        return true;
    }
    let locale = ["LC_ALL", "LC_CTYPE", "LANG"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.is_empty()));
    match locale {
        Some(l) => {
            let l = l.to_ascii_lowercase();
            !(l.contains("utf-8") || l.contains("utf8")) && l != "c.utf-8"
        }
        None => false,
    }
}

/// One line per rule that fired: count, id, name, severity; most frequent first.
fn statistics(findings: &[Finding]) -> String {
    let mut per_rule: BTreeMap<(&str, &str), (usize, Severity)> = BTreeMap::new();
    for f in findings.iter().filter(|f| f.suppressed.is_none()) {
        let e = per_rule
            .entry((f.rule_id.as_str(), f.rule_name.as_str()))
            .or_insert((0, f.severity));
        e.0 += 1;
        e.1 = e.1.max(f.severity);
    }
    let mut rows: Vec<_> = per_rule.into_iter().collect();
    rows.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.0.cmp(&b.0)));
    let width = rows
        .iter()
        .map(|r| r.1 .0.to_string().len())
        .max()
        .unwrap_or(1);
    let mut out = String::new();
    for ((id, name), (count, severity)) in &rows {
        out.push_str(&format!(
            "{count:>width$}\t{id}\t{name}\t[{}]\n",
            severity.as_str()
        ));
    }
    let total: usize = rows.iter().map(|r| r.1 .0).sum();
    if total > 0 {
        out.push_str(&format!(
            "{total:>width$}\tfinding{} in total\n",
            if total == 1 { "" } else { "s" }
        ));
    }
    out
}

fn print_verbose(report: &Report) {
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

fn write_report(args: &CheckArgs, cwd: &std::path::Path, text: String) -> Result<(), String> {
    match &args.output {
        Some(path) => std::fs::write(absolute(cwd, path), text)
            .map_err(|e| format!("cannot write {}: {e}", path.display())),
        None => {
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (`| head`) is not an error worth a message.
            let _ = stdout.write_all(text.as_bytes());
            let _ = stdout.flush();
            Ok(())
        }
    }
}
