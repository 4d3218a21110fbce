//! The run: discover → parse → lower → evaluate (rayon) → (suppress) → sorted findings.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::discover::{Candidate, Discovery};
use crate::finding::{sort_findings, Confidence, Finding, Severity};
use crate::frontend::{self, FileKind, Loader};
use crate::model::{DiagnosticKind, Document, Format};
use crate::rules::RuleSet;
use crate::source::SourceFile;

/// Id and name of the built-in finding for unparseable input.
pub const PARSE_ERROR_ID: &str = "AZL001";
pub const PARSE_ERROR_NAME: &str = "parse-error";
/// Id and name of the note for constructs that cannot be analysed.
pub const NOT_ANALYSABLE_ID: &str = "AZL002";
pub const NOT_ANALYSABLE_NAME: &str = "not-analysable";

/// A unit of parsing: one file, or one Terraform module folder.
#[derive(Debug, Clone)]
pub enum Unit {
    File(Candidate),
    TerraformModule { dir: PathBuf, files: Vec<PathBuf> },
}

#[derive(Debug, Default, Clone)]
pub struct PipelineOptions {
    /// Also lint compiled ARM JSON whose Bicep source sits beside it.
    pub lint_compiled_bicep: bool,
}

#[derive(Debug, Default)]
pub struct Timings {
    pub parse: Duration,
    pub evaluate: Duration,
}

pub struct RunOutput {
    pub documents: Vec<Document>,
    pub findings: Vec<Finding>,
    pub skipped: Vec<(PathBuf, String)>,
    pub timings: Timings,
}

/// Group discovered files into parse units. Terraform files are grouped per directory and
/// the whole directory is loaded (a hook may pass just one file of a module).
pub fn plan_units(
    discovery: &Discovery,
    loader: &Loader,
    opts: &PipelineOptions,
) -> (Vec<Unit>, Vec<(PathBuf, String)>) {
    let mut units = Vec::new();
    let mut skipped = Vec::new();
    let mut tf_dirs: BTreeMap<PathBuf, ()> = BTreeMap::new();
    for c in &discovery.files {
        match c.kind {
            FileKind::Terraform | FileKind::TerraformVars => {
                let dir = c
                    .path
                    .parent()
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|| PathBuf::from("."));
                tf_dirs.insert(frontend::normalize(&dir), ());
            }
            FileKind::ArmTemplate
                if !opts.lint_compiled_bicep && is_compiled_with_source(&c.path, loader) =>
            {
                skipped.push((
                    c.path.clone(),
                    "compiled Bicep: linted from its .bicep source".into(),
                ));
            }
            _ => units.push(Unit::File(c.clone())),
        }
    }
    for dir in tf_dirs.into_keys() {
        let files: Vec<PathBuf> = loader
            .dir_files(&dir)
            .into_iter()
            .filter(|p| {
                matches!(
                    FileKind::from_path(p),
                    Some(FileKind::Terraform | FileKind::TerraformVars)
                )
            })
            .collect();
        if !files.is_empty() {
            units.push(Unit::TerraformModule { dir, files });
        }
    }
    (units, skipped)
}

/// Compiled Bicep (`metadata._generator.name == "bicep"`) with its `.bicep` beside it.
fn is_compiled_with_source(path: &Path, loader: &Loader) -> bool {
    let source = path.with_extension("bicep");
    if !source.is_file() {
        return false;
    }
    match loader.load(path) {
        Some(f) => {
            let head = &f.text[..f.text.len().min(16 * 1024)];
            head.contains("\"_generator\"") && head.contains("\"bicep\"")
        }
        None => false,
    }
}

fn unreadable(path: &Path, loader: &Loader, format: Format, why: String) -> Document {
    let file = Arc::new(SourceFile::new(
        path.to_path_buf(),
        loader.display_path(path),
        "",
    ));
    let mut doc = Document::new(format, file);
    doc.parse_error(
        format!("cannot read file: {why}"),
        crate::source::Span::default(),
    );
    doc
}

/// Parse one unit into documents (a YAML file that is not a Container Apps spec gives none).
pub fn parse_unit(unit: &Unit, loader: &Loader) -> Vec<Document> {
    match unit {
        Unit::File(c) => {
            let format = match c.kind {
                FileKind::ArmTemplate => Format::Arm,
                FileKind::ArmParameters => Format::ArmParameters,
                FileKind::Bicep => Format::Bicep,
                FileKind::BicepParam => Format::BicepParam,
                FileKind::Yaml => Format::AcaYaml,
                FileKind::Terraform => Format::Terraform,
                FileKind::TerraformVars => Format::TerraformVars,
            };
            let file = match loader.read_checked(&c.path) {
                Ok(f) => f,
                Err(why) => return vec![unreadable(&c.path, loader, format, why)],
            };
            match c.kind {
                FileKind::ArmTemplate => vec![frontend::arm::parse_template(file, loader)],
                FileKind::ArmParameters => vec![frontend::arm::parse_parameters(file, loader)],
                FileKind::Bicep | FileKind::BicepParam => {
                    vec![frontend::bicep::parse_file(file, loader)]
                }
                FileKind::Yaml => frontend::aca_yaml::parse(file).into_iter().collect(),
                FileKind::Terraform | FileKind::TerraformVars => {
                    vec![frontend::terraform::parse_module(vec![file], loader)]
                }
            }
        }
        Unit::TerraformModule { files, .. } => {
            let mut loaded = Vec::new();
            let mut docs = Vec::new();
            for p in files {
                match loader.read_checked(p) {
                    Ok(f) => loaded.push(f),
                    Err(why) => docs.push(unreadable(p, loader, Format::Terraform, why)),
                }
            }
            if !loaded.is_empty() {
                docs.push(frontend::terraform::parse_module(loaded, loader));
            }
            docs
        }
    }
}

/// Turn a document's parse diagnostics into findings.
pub fn diagnostic_findings(doc: &Document) -> Vec<Finding> {
    doc.diagnostics
        .iter()
        .map(|d| {
            let (id, name, severity) = match d.kind {
                DiagnosticKind::ParseError => (PARSE_ERROR_ID, PARSE_ERROR_NAME, Severity::Error),
                DiagnosticKind::NotAnalysable => {
                    (NOT_ANALYSABLE_ID, NOT_ANALYSABLE_NAME, Severity::Note)
                }
            };
            Finding {
                rule_id: id.into(),
                rule_name: name.into(),
                severity,
                confidence: Confidence::High,
                message: d.message.clone(),
                file: doc.file(d.span).clone(),
                span: d.span,
                label: None,
                resource: None,
                property: None,
                property_key: None,
                mask: false,
                suppressed: None,
            }
        })
        .collect()
}

/// Parse and evaluate. Findings are limited to the discovered files (context files loaded
/// for resolution are not reported) and sorted deterministically.
pub fn run(
    discovery: Discovery,
    loader: &Loader,
    rules: &RuleSet,
    opts: &PipelineOptions,
) -> RunOutput {
    let t0 = Instant::now();
    let (units, mut skipped) = plan_units(&discovery, loader, opts);
    skipped.extend(discovery.skipped.iter().cloned());
    let mut documents: Vec<Document> = units
        .par_iter()
        .flat_map_iter(|u| parse_unit(u, loader))
        .collect();
    documents.sort_by(|a, b| a.files[0].display_path.cmp(&b.files[0].display_path));
    let parse = t0.elapsed();

    let t1 = Instant::now();
    let targets: HashSet<String> = discovery
        .files
        .iter()
        .map(|c| loader.display_path(&c.path))
        .collect();
    let mut findings: Vec<Finding> = documents
        .par_iter()
        .flat_map_iter(|d| {
            let mut f = diagnostic_findings(d);
            f.extend(rules.evaluate(d));
            f
        })
        .filter(|f| targets.contains(&f.file.display_path))
        .collect();
    sort_findings(&mut findings);
    findings.dedup_by(|a, b| a.sort_key() == b.sort_key());
    let evaluate = t1.elapsed();

    skipped.sort();
    RunOutput {
        documents,
        findings,
        skipped,
        timings: Timings { parse, evaluate },
    }
}
