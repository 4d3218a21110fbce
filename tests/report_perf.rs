//! Human output stays constant-time per finding on large files (tech.md §5: miette's own
//! `SourceCode for str` is O(offset) per diagnostic, 1 ms each on a 600 KB file).
//!
//! Measure: `cargo test --release --test report_perf -- --ignored --nocapture`
//!
//! Measured 2026-11-27 (release, 2 shared cores at load average ~12, so upper bounds):
//! 10,000 findings on one 800 KB file, half of them masked — human 200 ms (20 µs/finding),
//! compact 2–7 ms, SARIF 125 ms; miette's `NamedSource` baseline 4.5–5.1 ms per finding
//! (≈ 45–50 s for all 10,000), i.e. ~230× slower.

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

    // Baseline: the same diagnostics over miette's `NamedSource<Arc<str>>` (whole file),
    // on every 10th finding (uniform over the file, so the mean offset is the same).
    let handler =
        miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
            .with_context_lines(1)
            .with_width(100);
    let sample: Vec<&Finding> = findings.iter().step_by(10).collect();
    let t = Instant::now();
    let mut out = String::new();
    for f in &sample {
        let diag = NaiveDiagnostic {
            message: f.message.clone(),
            source: miette::NamedSource::new("big.bicep", file.text.clone()),
            span: (f.span.start as usize, f.span.len()).into(),
        };
        handler.render_report(&mut out, &diag).unwrap();
    }
    let elapsed = t.elapsed();
    println!(
        "naive miette NamedSource: {} findings in {:?} ({:.1} µs/finding)",
        sample.len(),
        elapsed,
        elapsed.as_secs_f64() * 1e6 / sample.len() as f64
    );
}

#[derive(Debug)]
struct NaiveDiagnostic {
    message: String,
    source: miette::NamedSource<Arc<str>>,
    span: miette::SourceSpan,
}

impl std::fmt::Display for NaiveDiagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for NaiveDiagnostic {}

impl miette::Diagnostic for NaiveDiagnostic {
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        Some(Box::new(std::iter::once(
            miette::LabeledSpan::new_primary_with_span(
                Some("plaintext value here".into()),
                self.span,
            ),
        )))
    }
}
