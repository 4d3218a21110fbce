//! Reporters stay fast on large inputs:
//! - human output is constant-time per finding on large files (its window is cut through the
//!   line index, never by scanning from byte 0);
//! - column computation does not depend on how far into a line a finding is (checkpointed
//!   `LineIndex`), so a minified template with thousands of findings on one line costs the
//!   same as a pretty-printed one (robustness audit D16: 20k findings on one line took 24.6 s
//!   in SARIF, 0.65 s pretty-printed);
//! - human output per finding does not grow with the line length (D23), and a finding past
//!   column 65,535 renders (D7).
//!
//! Measure: `cargo test --release --test it report_perf:: -- --ignored --nocapture`
//!
//! Measured (release, 2 shared cores at load average ~5–7, so upper bounds), 20,000 findings
//! on one 1.86 MB line (`minified_line_measurement`), columns counted from the line start
//! (before) vs checkpointed (after): SARIF 38.3 s → 0.105 s, GitHub 44.7 s → 0.042 s, Azure
//! 40.2 s → 0.050 s, JSON 1.92 s → 0.035 s, compact 1.10 s → 0.010 s, human 25.9 s →
//! 0.29 s (≈ 520 bytes of output per finding). 10,000 findings on an 800 KB many-line file:
//! human 153 ms, compact 5 ms, SARIF 68 ms. In a debug build the budget test below takes
//! 20 s for the human format alone without checkpoints.

use std::sync::Arc;
use std::time::{Duration, Instant};

use azlint::{
    render, Confidence, Finding, OutputFormat, ReportContext, RuleSet, Severity, SourceFile, Span,
};

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
            property_key: None,
            written_property: None,
            mask: i % 2 == 0,
            suppressed: None,
            fixes: Vec::new(),
            related: Vec::new(),
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
    let text = render(OutputFormat::Human, last, &ctx);
    assert!(text.contains("big.bicep:2999:34\n"), "{text}");
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
        let out = render(format, &findings, &ctx);
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

/// One minified line of `n` container-app secrets (an ARM template on one line), with one
/// finding per secret value, every other one masked. Non-ASCII names make scalar and UTF-16
/// columns differ.
fn minified(n: usize) -> (Arc<SourceFile>, Vec<Finding>) {
    let mut text = String::from("{\"resources\":[");
    let mut spans = Vec::new();
    for i in 0..n {
        text.push_str(&format!(
            "{{\"name\":\"app-{i}-é😀\",\"properties\":{{\"secrets\":[{{\"name\":\"s\",\"value\":"
        ));
        let start = text.len();
        text.push_str(&format!("\"S3cretValue{i:06}\""));
        spans.push((start, text.len()));
        text.push_str("}]}},");
    }
    text.push_str("{}]}\n");
    let file = Arc::new(SourceFile::from_text("min.json", text));
    let findings = spans
        .into_iter()
        .enumerate()
        .map(|(i, (s, e))| Finding {
            rule_id: "AZL101".into(),
            rule_name: "plaintext-app-secret".into(),
            severity: Severity::Error,
            confidence: Confidence::High,
            message: format!("secret `s` of `app-{i}` has a plaintext value"),
            file: file.clone(),
            span: Span::primary(s, e),
            label: Some("plaintext value here".into()),
            resource: Some(format!("app-{i}")),
            property: Some("properties.secrets[0].value".into()),
            property_key: None,
            written_property: None,
            mask: i % 2 == 0,
            suppressed: None,
            fixes: Vec::new(),
            related: Vec::new(),
        })
        .collect();
    (file, findings)
}

const ALL_FORMATS: [OutputFormat; 8] = [
    OutputFormat::Human,
    OutputFormat::Compact,
    OutputFormat::Json,
    OutputFormat::Sarif,
    OutputFormat::Github,
    OutputFormat::Azure,
    OutputFormat::Junit,
    OutputFormat::Gitlab,
];

/// 4,000 findings on one 460 KB line: every format within a budget that counting columns
/// from the line start (~2 × 230 KB per finding, 1.8 GB of UTF-16 counting in a debug build)
/// cannot meet, the human output bounded per finding, and the last finding's columns right.
#[test]
fn minified_line_with_thousands_of_findings_is_linear() {
    let (file, findings) = minified(4_000);
    let rules = RuleSet::default();
    let ctx = ReportContext::new(&rules, "0.1.0");
    for format in ALL_FORMATS {
        let t = Instant::now();
        let out = render(format, &findings, &ctx);
        let elapsed = t.elapsed();
        assert!(
            elapsed < Duration::from_secs(8),
            "{format:?}: {elapsed:?} for {} findings on one line",
            findings.len()
        );
        assert!(!out.contains("S3cretValue000000"), "{format:?}");
        if format == OutputFormat::Human {
            // About one cut window per finding, whatever the line length.
            assert!(
                out.len() < findings.len() * 1500,
                "{} bytes of human output",
                out.len()
            );
        }
    }
    // The last finding's columns, counted the slow way.
    let last = findings.last().unwrap();
    let before = &file.text[..last.span.start as usize];
    let sarif: serde_json::Value =
        serde_json::from_str(&render(OutputFormat::Sarif, &findings[3999..], &ctx)).unwrap();
    let region = &sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startColumn"], before.encode_utf16().count() + 1);
    let json: serde_json::Value =
        serde_json::from_str(&render(OutputFormat::Json, &findings[3999..], &ctx)).unwrap();
    assert_eq!(
        json["findings"][0]["start"]["column"],
        before.chars().count() + 1
    );
}

/// A finding past column 65,535 (miette used to panic there, D7) renders, cut to a window
/// around it, with its real column in the header.
#[test]
fn human_output_past_column_65535() {
    let (file, findings) = minified(2_000);
    let last = findings.last().unwrap();
    let (_, col) = file.line_col(last.span.start);
    assert!(col > 66_000, "{col}");
    let rules = RuleSet::default();
    let ctx = ReportContext::new(&rules, "0.1.0");
    let out = render(OutputFormat::Human, std::slice::from_ref(last), &ctx);
    assert!(out.contains(&format!("min.json:1:{col}\n")), "{out}");
    assert!(out.contains("1 │ …"), "{out}");
    assert!(out.len() < 2000, "{}", out.len());
}

#[test]
#[ignore = "measurement; run with --release --ignored --nocapture"]
fn minified_line_measurement() {
    for n in [5_000, 20_000] {
        let (file, findings) = minified(n);
        let rules = RuleSet::default();
        let ctx = ReportContext::new(&rules, "0.1.0");
        for format in ALL_FORMATS {
            let t = Instant::now();
            let out = render(format, &findings, &ctx);
            println!(
                "minified {n} findings, {} KB line, {format:?}: {:?} ({} KB output)",
                file.text.len() / 1024,
                t.elapsed(),
                out.len() / 1024
            );
        }
    }
}
