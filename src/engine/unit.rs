//! Analysing one unit: parse, lower, evaluate, and keep only what the report needs (the
//! findings in the selected files, their secret ranges, the suppression directives of the
//! selected files). The documents are dropped when the unit is done, so memory follows the
//! largest unit, not the repository. A panic anywhere in a unit becomes an `AZL006` finding
//! for its files; every other unit is unaffected.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::panic::catch;
use super::plan::Unit;
use super::{engine_finding, CheckedFile, SkippedPath};
use crate::diagnostics::{self, INTERNAL_ERROR, UNREADABLE};
use crate::finding::{Confidence, Finding, Severity};
use crate::frontend::instance::{self, DeployCx};
use crate::frontend::{self, Loader};
use crate::lang::{ByName, Language};
use crate::model::{DiagnosticKind, Document};
use crate::rules::RuleSet;
use crate::source::{SourceFile, Span};
use crate::suppress::{self, FileDirectives};

pub(crate) struct Context<'a> {
    pub loader: &'a Loader,
    pub rules: &'a RuleSet,
    /// The configuration's `secret-name-exclusions`.
    pub name_exclusions: &'a [regex::Regex],
    /// Opt-in rule profiles chosen.
    pub profiles: &'a [String],
    /// Display paths of the selected files.
    pub targets: &'a HashSet<String>,
    /// Rule ids, names and Bicep linter equivalents, for suppression directives.
    pub names: &'a dyn crate::suppress::RuleNames,
}

#[derive(Default)]
pub(crate) struct Outcome {
    pub findings: Vec<Finding>,
    pub directives: Vec<FileDirectives>,
    pub secret_ranges: HashMap<String, Vec<(usize, usize)>>,
    pub checked: Vec<CheckedFile>,
    pub skipped: Vec<SkippedPath>,
}

impl Outcome {
    /// A file that could not be read: an `AZL005` finding, and it counts as checked (it was
    /// selected and looked at; the finding says why nothing in it was analysed).
    fn unreadable(&mut self, display: &str, language: Language, why: &str) {
        self.findings.push(unreadable(display, why));
        self.checked.push(CheckedFile {
            path: display.to_string(),
            language,
        });
    }
}

pub(crate) fn analyse(unit: &Unit, ctx: &Context<'_>) -> Outcome {
    let mut out = Outcome::default();
    let documents = match catch(|| parse(unit, ctx.loader, &mut out)) {
        Ok(docs) => docs,
        Err(p) => {
            for path in unit_paths(unit, ctx.loader) {
                let display = ctx.loader.display_path(&path);
                if ctx.targets.contains(&display) {
                    out.findings.push(internal_error(&display, &p));
                }
            }
            return out;
        }
    };
    for doc in &documents {
        analyse_document(doc, ctx, &mut out);
    }
    // A context file (a module sibling that cannot be read) is not the user's selection.
    out.findings
        .retain(|f| ctx.targets.contains(&f.file.display_path));
    out.checked.retain(|c| ctx.targets.contains(&c.path));
    out
}

/// A selected file that cannot be read: its `AZL005` finding (and it counts as checked: it
/// was selected and looked at; the finding says why nothing in it was analysed).
pub(crate) fn read_check(path: &Path, language: Language, loader: &Loader) -> Option<Outcome> {
    let why = loader.read_checked(path).err()?;
    let mut out = Outcome::default();
    out.unreadable(&loader.display_path(path), language, &why.0);
    Some(out)
}

fn analyse_document(doc: &Document, ctx: &Context<'_>, out: &mut Outcome) {
    let mut findings = diagnostic_findings(doc);
    let profiles: Vec<&str> = ctx.profiles.iter().map(String::as_str).collect();
    let opts = crate::rules::EvalOptions {
        profiles: &profiles,
        name_exclusions: ctx.name_exclusions,
    };
    match catch(|| ctx.rules.evaluate_with(doc, &opts)) {
        Ok(found) => findings.extend(found),
        Err(p) => findings.push(internal_error(&doc.files[0].display_path, &p)),
    }
    findings.retain(|f| ctx.targets.contains(&f.file.display_path));
    for file in &doc.files {
        if ctx.targets.contains(&file.display_path) {
            out.checked.push(CheckedFile {
                path: file.display_path.clone(),
                language: language_of(&file.path, doc.format),
            });
        }
    }
    let wanted = |p: &str| ctx.targets.contains(p);
    // Suppression comments are read from the user's text too: a bug there is this
    // document's internal error, not the end of the run.
    match catch(|| suppress::scan_document(doc, &wanted, ctx.names)) {
        Ok(directives) => out.directives.extend(directives),
        Err(p) => findings.push(internal_error(&doc.files[0].display_path, &p)),
    }
    if !findings.is_empty() {
        let with_findings: HashSet<&str> = findings.iter().map(|f| f.path()).collect();
        if let Ok(ranges) = catch(|| crate::redact::secret_ranges(doc, &findings)) {
            for (path, r) in ranges {
                if with_findings.contains(path.as_str()) {
                    out.secret_ranges.entry(path).or_default().extend(r);
                }
            }
        }
    }
    out.findings.extend(findings);
}

/// The documents of one unit, for `inspect` (read errors and panics give none).
pub(crate) fn documents(unit: &Unit, loader: &Loader) -> Vec<Document> {
    let mut ignored = Outcome::default();
    catch(|| parse(unit, loader, &mut ignored)).unwrap_or_default()
}

/// Instantiate one unit: a deployment gives one document (its modules absorbed); a YAML
/// file that is not a Container Apps spec gives none.
fn parse(unit: &Unit, loader: &Loader, out: &mut Outcome) -> Vec<Document> {
    match unit {
        Unit::File(c) => {
            let Some(file) = loader.load(&c.path) else {
                return Vec::new();
            };
            let display = file.display_path.clone();
            let doc = frontend::aca_yaml::parse(file);
            if doc.is_none() {
                out.skipped.push(SkippedPath {
                    path: display,
                    reason: "YAML that is not a Container Apps app, job or Dapr component spec"
                        .into(),
                });
            }
            doc.into_iter().collect()
        }
        Unit::Deployment(entry) => {
            let mut cx = DeployCx::new(loader);
            let Ok(mut doc) = instance::entry(entry, &mut cx) else {
                return Vec::new();
            };
            super::link::link(&mut doc);
            vec![doc]
        }
    }
}

/// The files a unit stands for (for an internal error in it).
fn unit_paths(unit: &Unit, loader: &Loader) -> Vec<PathBuf> {
    match unit {
        Unit::File(c) => vec![c.path.clone()],
        Unit::Deployment(p) if p.is_dir() => loader.dir_files(p),
        Unit::Deployment(p) => vec![p.clone()],
    }
}

/// The language of one file of a document (a Terraform document holds `.tfvars` too).
fn language_of(path: &Path, fallback: Language) -> Language {
    match Language::by_name(path) {
        Some(ByName::Is(l)) => l,
        _ => fallback,
    }
}

fn unreadable(display: &str, why: &str) -> Finding {
    engine_finding(
        UNREADABLE,
        Severity::Error,
        format!("cannot read the file: {why}"),
        Arc::new(SourceFile::from_text(display, "")),
        Span::default(),
    )
}

fn internal_error(display: &str, p: &super::Panicked) -> Finding {
    engine_finding(
        INTERNAL_ERROR,
        Severity::Error,
        format!(
            "{p} while analysing this file; the file was not checked (this is a bug in azlint: \
             please report it with the file)"
        ),
        Arc::new(SourceFile::from_text(display, "")),
        Span::default(),
    )
}

/// A document's parse diagnostics as findings.
pub(crate) fn diagnostic_findings(doc: &Document) -> Vec<Finding> {
    doc.diagnostics
        .iter()
        .map(|d| {
            let (rule, severity) = match d.kind {
                DiagnosticKind::ParseError => (diagnostics::PARSE_ERROR, Severity::Error),
                DiagnosticKind::NotAnalysable => (diagnostics::NOT_ANALYSABLE, Severity::Note),
            };
            let mut f = engine_finding(
                rule,
                severity,
                d.message.clone(),
                doc.file(d.span).clone(),
                d.span,
            );
            f.confidence = Confidence::High;
            f
        })
        .collect()
}
