//! Human output stays constant-time per finding on large files (tech.md §5: miette's own
//! `SourceCode for str` is O(offset) per diagnostic, 1 ms each on a 600 KB file).
//!
//! Measure: `cargo test --release --test report_perf -- --ignored --nocapture`

use std::sync::Arc;
use std::time::Instant;

use azlint::finding::{Confidence, Finding, Severity};
use azlint::report::{self, OutputFormat, ReportContext};
use azlint::rules::RuleSet;
use azlint::source::{SourceFile, Span};

/// A ~`lines`-line Bicep-like file where every line holds a secret, and one finding per line
/// (every other one masked).
fn big_file(lines: usize) -> (Arc<SourceFile>, Vec<Finding>) {
    let mut text = String::new();
    let mut spans = Vec::new();
    for i in 0..lines {
        let prefix = format!("  {{ name: 'secret-{i:05}', value: ");
        let start = text.len() + prefix.len();
        text.push_str(&prefix);
        text.push_str(&format!(
            "'VeryS3cretValue{i:05}-padding-padding-padding' }}\n"
        ));
        let end = text.len() - 3;
        spans.push((start, end));
    }
    let file = Arc::new(SourceFile::from_text("big.bicep", text));
    let findings = spans
        .into_iter()
        .enumerate()
        .map(|(i, (s, e))| Finding {
            rule_id: "AZL101".into(),
            rule_name: "plaintext-app-secret".into(),
            severity: Severity::Error,
            confidence: Confidence::High,
            message: format!("Container app secret `secret-{i:05}` has a plaintext value"),
            file: file.clone(),
            span: Span::primary(s, e),
            label: Some("plaintext value here".into()),
            resource: Some("app".into()),
            property: Some(format!("properties.configuration.secrets[{i}].value")),
            mask: i % 2 == 0,
            suppressed: None,
        })
        .collect();
    (file, findings)
}

#[test]
fn findings_deep_in_a_big_file_show_the_right_lines_and_stay_masked() {
    let (_, findings) = big_file(3000);
    let rules = RuleSet::default();
    let ctx = ReportContext::new(&rules, "0.1.0");
    let last = &findings[2998..];
    let text = report::render(OutputFormat::Human, last, &ctx);
    assert!(text.contains("[big.bicep:2999:34]"), "{text}");
    assert!(text.contains(
        "3000 │   { name: 'secret-02999', value: 'VeryS3cretValue02999-padding-padding-padding' }"
    ));
    // Line 2999 (index 2998) is masked; it is also shown, masked, in line 3000's window.
    assert!(!text.contains("VeryS3cretValue02998"), "{text}");
    assert!(
        text.contains("2999 │   { name: 'secret-02998', value: '********' }"),
        "{text}"
    );
}

#[test]
#[ignore = "measurement; run with --release --ignored --nocapture"]
fn human_output_for_10k_findings_in_a_large_file() {
    let (file, findings) = big_file(10_000);
    let rules = RuleSet::default();
    let ctx = ReportContext::new(&rules, "0.1.0");
    for format in [
        OutputFormat::Human,
        OutputFormat::Compact,
        OutputFormat::Sarif,
    ] {
        let t = Instant::now();
        let out = report::render(format, &findings, &ctx);
        let elapsed = t.elapsed();
        println!(
            "{format:?}: {} findings over {} KB in {:?} ({:.1} µs/finding, {} KB output)",
            findings.len(),
            file.text.len() / 1024,
            elapsed,
            elapsed.as_secs_f64() * 1e6 / findings.len() as f64,
            out.len() / 1024
        );
        assert!(!out.contains("VeryS3cretValue00000"));
    }
}
