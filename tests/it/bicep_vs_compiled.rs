//! Differential check against the official Bicep compiler: for every `main.bicep` in the
//! corpus with the compiler's `main.json` beside it, the resource declarations azlint finds in
//! the Bicep source (type and count per type) equal those it finds in the compiled ARM JSON.
//!
//! Modules compile to `Microsoft.Resources/deployments` with the module's resources inlined;
//! the Bicep front end instantiates a module call into the caller's document (resources with
//! an `instance`), so deployments, the resources nested inside them and module instances'
//! resources are left out of the comparison. A loop over a known collection compiles to one
//! `copy` resource and is expanded by the Bicep front end: elements count once. Notes that a
//! module was not followed (a registry module) are not parse errors. Skips when the corpus is
//! absent.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use azlint::__internal::frontend::{arm, bicep, Loader};
use azlint::__internal::model::{DiagnosticKind, Document};
use azlint::SourceFile;

use crate::corpus_support;

fn load(path: &Path) -> Arc<SourceFile> {
    let text = std::fs::read_to_string(path).unwrap();
    Arc::new(SourceFile::from_text(path, text))
}

/// Declared (non-`existing`) resources per lower-cased type, without deployments and what
/// nests inside them.
fn declared(doc: &Document, by_key: bool) -> BTreeMap<String, usize> {
    let deployments: Vec<(u32, u32, u32)> = doc
        .resources
        .iter()
        .filter(|r| r.is_type("Microsoft.Resources/deployments"))
        .map(|r| (r.body.span.file, r.body.span.start, r.body.span.end))
        .collect();
    let mut out = BTreeMap::new();
    let mut seen = std::collections::HashSet::new();
    for r in &doc.resources {
        if r.existing || r.is_type("Microsoft.Resources/deployments") || r.instance.is_some() {
            continue;
        }
        // Expanded Bicep loop elements (`/sa[0]`, `/sa[1]`) are one declaration.
        let decl = match r.key.find('[') {
            Some(i) if r.key.ends_with(']') => &r.key[..i],
            _ => &r.key,
        };
        if by_key && !seen.insert(decl.to_string()) {
            continue;
        }
        // Expanded ARM `copy` elements share their declaration's span.
        if !by_key && !seen.insert(format!("{}:{}:{}", r.span.file, r.span.start, r.span.end)) {
            continue;
        }
        let inside = deployments
            .iter()
            .any(|(f, s, e)| r.span.file == *f && r.span.start > *s && r.span.end < *e);
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
        // Loops over `[]` (and elements filtered out by a known condition) deploy nothing,
        // so the Bicep front end declares nothing for them; the compiled JSON keeps their
        // `copy` declarations.
        if rel.contains("baselines/Loops_") || rel.contains("baselines/LoopsIndexed_") {
            continue;
        }
        let loader = Loader::new(src.parent().unwrap());
        let b = bicep::parse_file(load(src), &loader);
        let a = arm::parse_template(load(&src.with_extension("json")), &loader);
        let parse_errors = |d: &Document| {
            d.diagnostics
                .iter()
                .any(|d| d.kind != DiagnosticKind::NotAnalysable)
        };
        if parse_errors(&b) || parse_errors(&a) {
            mismatches.push(format!("{rel}: parse diagnostics"));
            continue;
        }
        compared += 1;
        let (bd, ad) = (declared(&b, true), declared(&a, false));
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
