//! Every `.bicep`/`.bicepparam` in the shared corpus parses: valid files with zero syntax
//! errors; the compiler's `Invalid*` baselines without panicking and still with declarations.

use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use azlint::__internal::frontend::bicep::{parse_file, parse_syntax};
use azlint::__internal::frontend::Loader;
use azlint::__internal::model::DiagnosticKind;
use azlint::SourceFile;

use crate::corpus_support;

/// The compiler's samples that are semantically (not syntactically) invalid: a type checker
/// rejects them, a parser must accept them.
const SEMANTIC_ONLY: &[&str] = &[
    "InvalidExtensions_CRLF",
    "InvalidLoadFunctions_CRLF",
    "InvalidModulesManagementGroup_LF",
    "InvalidModulesSubscription_LF",
    "InvalidModulesTenant_LF",
    "InvalidRuntimeValueUsages_LF",
];

#[derive(PartialEq)]
enum Expect {
    /// Zero syntax errors.
    Valid,
    /// `baselines/Invalid*`: errors, no panic, declarations still recovered.
    Errors,
    /// May or may not have syntax errors (`.bicepparam` of `baselines_bicepparam/Invalid_*`,
    /// whose faults are mostly semantic; documentation skeletons with `<placeholders>`).
    Tolerated,
}

fn expectation(p: &Path, text: &str) -> Expect {
    if let Some(folder) = corpus_support::invalid_sample_folder(p) {
        let in_baselines = p
            .to_string_lossy()
            .replace('\\', "/")
            .contains("/baselines/");
        return if in_baselines && !SEMANTIC_ONLY.contains(&folder.as_str()) {
            Expect::Errors
        } else if in_baselines || p.extension().is_some_and(|e| e == "bicepparam") {
            // Semantic-only samples, and `baselines_bicepparam/Invalid_*` parameter files.
            Expect::Tolerated
        } else {
            Expect::Valid
        };
    }
    // Documentation skeletons (`module <symbolic-name> '<path-to-file>' = …`) are not Bicep.
    if corpus_support::is_doc_skeleton(text) {
        return Expect::Tolerated;
    }
    Expect::Valid
}

#[test]
fn corpus_parses() {
    let Some(dir) = corpus_support::corpus_dir() else {
        eprintln!("skipping: corpus not found (../shared/corpus)");
        return;
    };
    let files = corpus_support::files(&dir, &|p| {
        p.extension()
            .is_some_and(|e| e == "bicep" || e == "bicepparam")
    });
    let loader = Loader::new(&dir);
    let mut failures = Vec::new();
    let (mut valid, mut invalid, mut tolerated, mut bytes) = (0usize, 0usize, 0usize, 0usize);
    let mut syntax_time = std::time::Duration::ZERO;
    let mut full_time = std::time::Duration::ZERO;
    for path in &files {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        bytes += text.len();
        let t0 = Instant::now();
        let (program, errors) = parse_syntax(&text);
        syntax_time += t0.elapsed();
        let file = Arc::new(SourceFile::from_text(path, text.as_str()));
        let t1 = Instant::now();
        let doc = parse_file(file.clone(), &loader);
        full_time += t1.elapsed();
        match expectation(path, &text) {
            Expect::Valid => {
                valid += 1;
                for e in errors.iter().take(3) {
                    let (line, col) = file.line_col(e.start);
                    failures.push(format!("{}:{line}:{col}: {}", path.display(), e.message));
                }
            }
            Expect::Errors => {
                invalid += 1;
                if errors.is_empty() {
                    failures.push(format!(
                        "{}: an Invalid sample without syntax errors",
                        path.display()
                    ));
                }
                assert!(
                    !program.statements.is_empty(),
                    "{}: no declarations recovered",
                    path.display()
                );
            }
            Expect::Tolerated => tolerated += 1,
        }
        // The file's own syntax errors (the document also holds the notes of module calls
        // not followed and what the instantiated modules report in their own files).
        let own = doc
            .diagnostics
            .iter()
            .filter(|d| d.span.file == file.id && d.kind != DiagnosticKind::NotAnalysable)
            .count();
        assert_eq!(own, errors.len());
    }
    let mb = bytes as f64 / 1e6;
    eprintln!(
        "bicep corpus: {valid} valid + {invalid} invalid + {tolerated} tolerated files, {mb:.2} MB; lex+parse {:.1} MB/s, full front end {:.1} MB/s",
        mb / syntax_time.as_secs_f64().max(1e-9),
        mb / full_time.as_secs_f64().max(1e-9)
    );
    if !failures.is_empty() {
        for f in failures.iter().take(60) {
            eprintln!("{f}");
        }
        panic!("{} corpus expectations failed", failures.len());
    }
}
