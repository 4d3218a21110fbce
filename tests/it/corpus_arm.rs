//! Every ARM template and parameter file of the real-world corpus parses without errors or
//! panics. The corpus lives outside the repository (`../shared/corpus`); the test is skipped
//! when it is absent.

use std::sync::Arc;
use std::time::Instant;

use azlint::__internal::frontend::{arm, classify_json, Loader};
use azlint::__internal::lang::Language;
use azlint::__internal::model::DiagnosticKind;

use crate::corpus_support;
use corpus_support::corpus_dir;

#[test]
fn corpus_arm_files_parse_without_errors() {
    let Some(dir) = corpus_dir() else {
        println!("skipping: no corpus at ../shared/corpus");
        return;
    };
    let files = corpus_support::files(&dir, &|p| {
        p.extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"))
    });
    let loader = Loader::new(&dir);
    let (mut templates, mut parameter_files, mut resources, mut bytes) = (0, 0, 0, 0);
    let mut failures = Vec::new();
    let start = Instant::now();
    for path in &files {
        let Some(file) = loader.load(path) else {
            continue;
        };
        let doc = match classify_json(&file.text) {
            Some(Language::Arm) => {
                templates += 1;
                arm::parse_template(Arc::clone(&file), &loader)
            }
            Some(Language::ArmParameters) => {
                parameter_files += 1;
                arm::parse_parameters(Arc::clone(&file), &loader)
            }
            _ => continue,
        };
        bytes += file.text.len();
        resources += doc.resources.len();
        for d in doc
            .diagnostics
            .iter()
            .filter(|d| d.kind == DiagnosticKind::ParseError)
        {
            let (line, col) = file.line_col(d.span.start);
            failures.push(format!("{}:{line}:{col}: {}", file.display_path, d.message));
        }
    }
    let elapsed = start.elapsed();
    println!(
        "parsed {templates} ARM templates and {parameter_files} parameter files ({} KiB, {resources} resources) in {elapsed:?}",
        bytes / 1024
    );
    assert!(
        templates > 0,
        "no ARM templates found under {}",
        dir.display()
    );
    assert!(
        failures.is_empty(),
        "{} parse errors:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
