//! Differential check against the official Bicep compiler: for every `main.bicep` in the
//! corpus with the compiler's `main.json` beside it, the resource declarations azlint finds in
//! the Bicep source (type and count per type) equal those it finds in the compiled ARM JSON.
//!
//! Modules compile to `Microsoft.Resources/deployments` with the module's resources inlined;
//! the Bicep front end lints a module's file on its own, so deployments and the resources
//! nested inside them are left out of the comparison. A loop is one declaration however many
//! elements it expands to (the front ends may expand known loops differently: the compiler
//! turns some Bicep loops into `copy` over a variable). Skips when the corpus is absent.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use azlint::frontend::{arm, bicep, Loader};
use azlint::model::{DiagnosticKind, Document};
use azlint::source::SourceFile;

mod corpus_support;

fn load(path: &Path) -> Arc<SourceFile> {
    let text = std::fs::read_to_string(path).unwrap();
    Arc::new(SourceFile::from_text(path, text))
}

/// Declared (non-`existing`) resources per lower-cased type, without deployments and what
/// nests inside them; the elements of an expanded loop share their declaration's span and
/// count once.
fn declared(doc: &Document) -> BTreeMap<String, usize> {
    let deployments: Vec<(u32, u32)> = doc
        .resources
        .iter()
        .filter(|r| r.is_type("Microsoft.Resources/deployments"))
        .map(|r| (r.body.span.start, r.body.span.end))
        .collect();
    let mut out = BTreeMap::new();
    let mut seen = std::collections::HashSet::new();
    for r in &doc.resources {
        if !seen.insert((r.span.file, r.span.start, r.span.end)) {
            continue;
        }
        if r.existing || r.is_type("Microsoft.Resources/deployments") {
            continue;
        }
        let inside = deployments
            .iter()
            .any(|(s, e)| r.span.start > *s && r.span.end < *e);
        if inside {
            continue;
        }
        *out.entry(r.resource_type.to_ascii_lowercase()).or_insert(0) += 1;
    }
    out
}

#[test]
fn bicep_and_compiled_json_declare_the_same_resources() {
    let Some(root) = corpus_support::corpus_dir() else {
        eprintln!("skipping: ../shared/corpus not found");
        return;
    };
    let pairs = corpus_support::files(&root, &|p| {
        p.file_name().is_some_and(|n| n == "main.bicep") && p.with_extension("json").is_file()
    });
    let mut mismatches = Vec::new();
    let mut compared = 0;
    for src in &pairs {
        let rel = src.strip_prefix(&root).unwrap_or(src).display().to_string();
        // Samples the compiler rejects have no meaningful JSON.
        if corpus_support::invalid_sample_folder(src).is_some() {
            continue;
        }
        let loader = Loader::new(src.parent().unwrap());
        let b = bicep::parse_file(load(src), &loader);
        let a = arm::parse_template(load(&src.with_extension("json")), &loader);
        let parse_error = |d: &Document| {
            d.diagnostics
                .iter()
                .any(|d| matches!(d.kind, DiagnosticKind::ParseError))
        };
        if parse_error(&b) || parse_error(&a) {
            mismatches.push(format!("{rel}: parse diagnostics"));
            continue;
        }
        compared += 1;
        let (bd, ad) = (declared(&b), declared(&a));
        if bd != ad {
            mismatches.push(format!("{rel}:\n  bicep {bd:?}\n  arm   {ad:?}"));
        }
    }
    println!(
        "compared {compared} Bicep/compiled-JSON pairs, {} mismatches",
        mismatches.len()
    );
    assert!(compared > 0 || pairs.is_empty());
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}
