//! Every Terraform module folder of the shared corpus parses without a parse error or a
//! panic. The corpus lives outside the repository (`../shared/corpus`); without it the test
//! prints a note and passes.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use azlint::__internal::frontend::{terraform, Loader};
use azlint::__internal::lang::{ByName, Language};
use azlint::__internal::model::DiagnosticKind;

use crate::corpus_support;

#[test]
fn corpus_modules_parse_cleanly() {
    let Some(root) = corpus_support::corpus_dir() else {
        println!("skipping: no corpus at ../shared/corpus");
        return;
    };
    // Module folders: a folder's `.tf`/`.tfvars` files are one unit.
    let mut modules: BTreeMap<PathBuf, Vec<PathBuf>> = BTreeMap::new();
    let is_tf = |p: &Path| matches!(Language::by_name(p), Some(ByName::Is(l)) if l.is_terraform());
    for p in corpus_support::files(&root, &is_tf) {
        let dir = p.parent().map(Path::to_path_buf).unwrap_or_default();
        modules.entry(dir).or_default().push(p);
    }
    let loader = Loader::new(&root);
    let (mut files, mut bytes, mut resources, mut not_analysable) =
        (0usize, 0usize, 0usize, 0usize);
    let mut errors = Vec::new();
    let start = Instant::now();
    for paths in modules.values() {
        let loaded: Vec<_> = paths.iter().filter_map(|p| loader.load(p)).collect();
        files += loaded.len();
        bytes += loaded.iter().map(|f| f.text.len()).sum::<usize>();
        let doc = terraform::parse_module(loaded, &loader);
        resources += doc.resources.len();
        for d in &doc.diagnostics {
            match d.kind {
                DiagnosticKind::ParseError => {
                    let f = doc.file(d.span);
                    let (line, col) = f.line_col(d.span.start);
                    errors.push(format!("{}:{line}:{col}: {}", f.display_path, d.message));
                }
                DiagnosticKind::NotAnalysable => not_analysable += 1,
            }
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{} modules, {files} files, {:.2} MB, {resources} resources, {not_analysable} not-analysable notes, {:.1} MB/s",
        modules.len(),
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / secs.max(1e-9)
    );
    assert!(
        errors.is_empty(),
        "{} parse errors:\n{}",
        errors.len(),
        errors.join("\n")
    );
}
