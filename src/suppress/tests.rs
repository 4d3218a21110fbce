use super::*;
use crate::model::{Document, Format, Node, Resource};
use crate::rules::RuleSet;

fn file(path: &str, text: &str) -> Arc<SourceFile> {
    Arc::new(SourceFile::from_text(path, text))
}

/// A finding of `rule` at the first occurrence of `needle` in the file.
fn finding_at(f: &Arc<SourceFile>, rule: (&str, &str), needle: &str) -> Finding {
    let at = f
        .text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} not in file"));
    Finding {
        rule_id: rule.0.into(),
        rule_name: rule.1.into(),
        severity: Severity::Error,
        confidence: Confidence::High,
        message: "m".into(),
        file: f.clone(),
        span: Span::primary(at, at + needle.len()),
        label: None,
        resource: None,
        property: None,
        property_key: None,
        written_property: None,
        mask: false,
        suppressed: None,
        fixes: Vec::new(),
        related: Vec::new(),
    }
}

const SECRET: (&str, &str) = ("AZL101", "plaintext-app-secret");
const OTHER: (&str, &str) = ("AZL102", "other-rule");

fn run(f: &Arc<SourceFile>, format: Format, findings: Vec<Finding>) -> Vec<Finding> {
    run_doc(Document::new(format, f.clone()), findings)
}

fn run_doc(doc: Document, mut findings: Vec<Finding>) -> Vec<Finding> {
    let rules = RuleSet::builtin();
    let files = scan_document(&doc, &|_| true, &rules);
    apply(&mut findings, &files, &rules);
    findings
}

fn ids(findings: &[Finding]) -> Vec<(&str, bool)> {
    findings
        .iter()
        .map(|f| (f.rule_id.as_str(), f.suppressed.is_some()))
        .collect()
}

#[test]
fn bicep_next_line_is_honoured_and_keeps_the_reason() {
    let f = file(
        "main.bicep",
        "resource app 'x' = {\n  // azlint-disable-next-line AZL101 rotated test value\n  secret: 'abc'\n  other: 'abc2'\n}\n",
    );
    let out = run(
        &f,
        Format::Bicep,
        vec![
            finding_at(&f, SECRET, "'abc'"),
            finding_at(&f, SECRET, "'abc2'"),
        ],
    );
    assert_eq!(ids(&out), vec![("AZL101", true), ("AZL101", false)]);
    let s = out[0].suppressed.as_ref().unwrap();
    assert_eq!(s.kind, SuppressionKind::InSource);
    assert_eq!(s.justification, "rotated test value");
}

#[test]
fn bicep_own_disable_next_line_for_our_ids_only() {
    // Rule names are recognised when the catalogue knows them (`parse-error` is built in).
    let f = file(
        "main.bicep",
        "#disable-next-line no-hardcoded-env-urls AZL101 parse-error: demo only\nparam p string = 'x'\n#disable-next-line no-unused-params\nparam q string = 'y'\n",
    );
    let parse_error = ("AZL001", "parse-error");
    let out = run(
        &f,
        Format::Bicep,
        vec![
            finding_at(&f, SECRET, "'x'"),
            finding_at(&f, parse_error, "string = 'x'"),
            finding_at(&f, SECRET, "'y'"),
        ],
    );
    assert_eq!(
        ids(&out),
        vec![("AZL101", true), ("AZL001", true), ("AZL101", false)]
    );
    assert_eq!(
        out[0].suppressed.as_ref().unwrap().justification,
        "demo only"
    );
}

#[test]
fn next_line_does_not_cover_a_block_but_ignore_does() {
    let text = "// azlint-disable-next-line AZL101 reason\nresource a 'x' = {\n  secret: 'one'\n}\n// azlint-ignore AZL101 reason\nresource b 'x' = {\n  secret: 'two'\n  nested: {\n    s: '}'\n  }\n  tail: 'three'\n}\nvar after = 'four'\n";
    let f = file("main.bicep", text);
    let out = run(
        &f,
        Format::Bicep,
        vec![
            finding_at(&f, SECRET, "'one'"),
            finding_at(&f, SECRET, "'two'"),
            finding_at(&f, SECRET, "'three'"),
            finding_at(&f, SECRET, "'four'"),
        ],
    );
    // The first directive covers only its resource header: unused.
    assert_eq!(
        ids(&out),
        vec![
            ("AZL101", false),
            ("AZL101", true),
            ("AZL101", true),
            ("AZL101", false),
            ("AZL004", false)
        ]
    );
}

#[test]
fn terraform_block_and_attribute_suppressions() {
    let text = r#"# azlint:ignore AZL101 fixture for docs
resource "azurerm_container_app" "web" {
  secret {
    name  = "a"
    value = "one" # a } in a comment
  }
  template = <<EOT
  } not code
EOT
  env = "two"
}

resource "azurerm_container_app" "api" {
  // azlint:ignore plaintext-app-secret, AZL102 -- reviewed
  password = "three"
  other    = "four"
}
"#;
    let f = file("main.tf", text);
    let out = run(
        &f,
        Format::Terraform,
        vec![
            finding_at(&f, SECRET, "\"one\""),
            finding_at(&f, SECRET, "\"two\""),
            finding_at(&f, SECRET, "\"three\""),
            finding_at(&f, OTHER, "\"four\""),
        ],
    );
    assert_eq!(
        ids(&out),
        vec![
            ("AZL101", true),
            ("AZL101", true),
            ("AZL101", true),
            ("AZL102", false),
            ("AZL004", false)
        ]
    );
    assert_eq!(
        out[2].suppressed.as_ref().unwrap().justification,
        "reviewed"
    );
    assert!(out[4].message.contains("`AZL102`"), "{}", out[4].message);
}

#[test]
fn missing_reason_is_reported_but_still_suppresses() {
    let f = file("vars.tf", "# azlint:ignore AZL101\nx = \"one\"\n");
    let out = run(
        &f,
        Format::Terraform,
        vec![finding_at(&f, SECRET, "\"one\"")],
    );
    assert_eq!(ids(&out), vec![("AZL101", true), ("AZL003", false)]);
    assert_eq!(out[1].severity, Severity::Warning);
    assert_eq!(out[1].span.start, 0, "points at the directive");
}

#[test]
fn unused_suppression_is_a_note() {
    let f = file(
        "a.yaml",
        "# azlint-ignore AZL101 not needed any more\nkey: value\n",
    );
    let out = run(&f, Format::AcaYaml, vec![]);
    assert_eq!(ids(&out), vec![("AZL004", false)]);
    assert_eq!(out[0].severity, Severity::Note);
}

#[test]
fn yaml_covers_the_nested_block() {
    let text = "properties:\n  configuration:\n    # azlint-ignore AZL101 sample\n    secrets:\n    - name: a\n      value: one\n    - name: b\n      value: two\n  template:\n    x: three\n";
    let f = file("app.yaml", text);
    let out = run(
        &f,
        Format::AcaYaml,
        vec![
            finding_at(&f, SECRET, "one"),
            finding_at(&f, SECRET, "two"),
            finding_at(&f, SECRET, "three"),
        ],
    );
    assert_eq!(
        ids(&out),
        vec![("AZL101", true), ("AZL101", true), ("AZL101", false)]
    );
}

#[test]
fn arm_jsonc_comment_covers_the_resource_object() {
    let text = r#"{
  "resources": [
    // azlint-ignore AZL101: sample template
    {
      "type": "Microsoft.App/containerApps",
      "properties": { "secret": "one", "s": "}" }
    },
    {
      "type": "Microsoft.App/containerApps",
      "properties": { "secret": "two" }
    }
  ]
}"#;
    let f = file("t.json", text);
    let out = run(
        &f,
        Format::Arm,
        vec![
            finding_at(&f, SECRET, "\"one\""),
            finding_at(&f, SECRET, "\"two\""),
        ],
    );
    assert_eq!(ids(&out), vec![("AZL101", true), ("AZL101", false)]);
    assert_eq!(
        out[0].suppressed.as_ref().unwrap().justification,
        "sample template"
    );
}

#[test]
fn arm_resource_metadata_suppresses_by_span_and_by_resource() {
    let text = r#"{
  "resources": [
    {
      "type": "Microsoft.App/containerApps",
      "name": "app",
      "metadata": { "azlint": { "ignore": [
        { "id": "AZL101", "reason": "test fixture" },
        { "id": "AZL102" }
      ] } },
      "properties": { "secret": "one" }
    },
    { "type": "Microsoft.App/containerApps", "name": "other", "properties": { "secret": "two" } }
  ]
}"#;
    let f = file("t.json", text);
    let mut doc = Document::new(Format::Arm, f.clone());
    let type_at = text.find("\"type\"").unwrap();
    doc.resources.push(Resource {
        resource_type: "Microsoft.App/containerApps".into(),
        api_version: None,
        name: "app".into(),
        symbol: None,
        span: Span::primary(type_at, type_at + 6),
        body: Node::null(Span::default()),
        existing: false,
        source_type: None,
        key: "/app".into(),
        instance: None,
        name_value: None,
    });
    // A finding about the resource pointing outside its object (e.g. a parameter default)
    // is matched through `resource`.
    let mut elsewhere = finding_at(&f, SECRET, "\"resources\"");
    elsewhere.resource = Some("app".into());
    let out = run_doc(
        doc,
        vec![
            elsewhere,
            finding_at(&f, SECRET, "\"one\""),
            finding_at(&f, SECRET, "\"two\""),
        ],
    );
    let got = ids(&out);
    assert_eq!(
        got,
        vec![
            ("AZL101", true),
            ("AZL101", true),
            ("AZL101", false),
            ("AZL003", false),
            ("AZL004", false)
        ]
    );
    assert_eq!(
        out[1].suppressed.as_ref().unwrap().justification,
        "test fixture"
    );
}

#[test]
fn only_target_files_are_checked() {
    let f = file("context.tf", "# azlint:ignore AZL101\n");
    let doc = Document::new(Format::Terraform, f);
    let mut findings = Vec::new();
    let rules = RuleSet::builtin();
    let files = scan_document(&doc, &|_| false, &rules);
    apply(&mut findings, &files, &rules);
    assert!(
        findings.is_empty(),
        "directives in context files are not reported"
    );
}

#[test]
fn parses_rule_lists_and_reasons() {
    assert_eq!(
        parse_rules_and_reason(" AZL101,AZL102 , x-y: the reason "),
        (
            vec!["AZL101".into(), "AZL102".into(), "x-y".into()],
            Some("the reason".into())
        )
    );
    assert_eq!(
        parse_rules_and_reason(" AZL101"),
        (vec!["AZL101".into()], None)
    );
    assert_eq!(
        parse_rules_and_reason(" AZL101 : "),
        (vec!["AZL101".into()], None)
    );
    assert!(parse_comment("azlint-ignored AZL1 x").is_none());
}

#[test]
fn stacked_directives_share_the_next_line() {
    let f = file(
        "m.bicep",
        "// azlint-ignore AZL101 a\n// azlint-ignore AZL102 b\nparam p string = 'x'\n",
    );
    let out = run(
        &f,
        Format::Bicep,
        vec![
            finding_at(&f, SECRET, "'x'"),
            finding_at(&f, OTHER, "p string"),
        ],
    );
    assert!(
        out.iter().all(|f| f.suppressed.is_some()),
        "{:?}",
        ids(&out)
    );
}

#[test]
fn trailing_comment_covers_its_own_line() {
    let text = "resource \"x\" \"y\" {\n  password = \"a#b//c\" # azlint:ignore AZL101 sample\n  other = \"two\"\n  url = \"http://x\" // not a directive\n}\n";
    let f = file("main.tf", text);
    let out = run(
        &f,
        Format::Terraform,
        vec![
            finding_at(&f, SECRET, "\"a#b"),
            finding_at(&f, SECRET, "\"two\""),
        ],
    );
    assert_eq!(ids(&out), vec![("AZL101", true), ("AZL101", false)]);
    let y = file(
        "app.yaml",
        "value: 'x # y' # azlint-ignore AZL101 demo\nother: z\n",
    );
    let out = run(&y, Format::AcaYaml, vec![finding_at(&y, SECRET, "'x")]);
    assert_eq!(ids(&out), vec![("AZL101", true)]);
    let b = file(
        "m.bicep",
        "param p string = 'it''s // x' // azlint-ignore AZL101 demo\n",
    );
    let out = run(&b, Format::Bicep, vec![finding_at(&b, SECRET, "'it")]);
    assert_eq!(ids(&out), vec![("AZL101", true)]);
}

#[test]
fn a_reason_placeholder_is_not_a_reason() {
    assert_eq!(reason_of(" <reason>"), None);
    assert_eq!(reason_of(": <why this is acceptable>"), None);
    assert_eq!(reason_of(" a <b> c"), Some("a <b> c".into()));
}

// ----- directives read from the comments the front ends record --------------------------------

/// Parse `text` with its language's front end (which records the file's comments).
fn parsed(path: &str, text: &str) -> (Arc<SourceFile>, Document) {
    let f = file(path, text);
    let loader = crate::frontend::Loader::new(".");
    let doc = if path.ends_with(".bicep") {
        crate::frontend::bicep::parse_file(f.clone(), &loader)
    } else if path.ends_with(".json") {
        crate::frontend::arm::parse_template(f.clone(), &loader)
    } else if path.ends_with(".tf") {
        crate::frontend::terraform::parse_module(vec![f.clone()], &loader)
    } else {
        crate::frontend::aca_yaml::parse(f.clone()).expect("a Container Apps spec")
    };
    assert!(
        doc.comments_of(f.id).is_some(),
        "{path}: the front end recorded its comments"
    );
    (f, doc)
}

fn meta_ids(findings: &[Finding]) -> Vec<&str> {
    findings
        .iter()
        .filter(|f| f.rule_id == "AZL003" || f.rule_id == "AZL004")
        .map(|f| f.rule_id.as_str())
        .collect()
}

#[test]
fn recorded_comments_suppress_like_scanned_ones() {
    let cases = [
        (
            "main.bicep",
            "resource app 'x' = {\n  // azlint-ignore AZL101 rotated test value\n  secret: 'abc'\n  other: 'abc' // azlint-ignore AZL101 rotated too\n}\n",
        ),
        (
            "azuredeploy.json",
            "{\n  \"resources\": [\n    {\n      // azlint-ignore AZL101 rotated test value\n      \"secret\": \"abc\",\n      \"other\": \"abc\" // azlint-ignore AZL101 rotated too\n    }\n  ]\n}\n",
        ),
        (
            "app.yaml",
            "type: Microsoft.App/containerApps\nproperties:\n  # azlint-ignore AZL101 rotated test value\n  secret: abc\n  other: abc # azlint-ignore AZL101 rotated too\n",
        ),
        (
            "main.tf",
            "resource \"x\" \"y\" {\n  # azlint:ignore AZL101 rotated test value\n  secret = \"abc\"\n  other = \"abc\" // azlint:ignore AZL101 rotated too\n}\n",
        ),
    ];
    for (path, text) in cases {
        let (f, doc) = parsed(path, text);
        let findings = |f: &Arc<SourceFile>| {
            let at = |n: usize| {
                let at = f.text.match_indices("abc").nth(n).unwrap().0;
                let mut x = finding_at(f, SECRET, "abc");
                x.span = Span::primary(at, at + 3);
                x
            };
            vec![at(0), at(1)]
        };
        let out = run_doc(doc, findings(&f));
        assert_eq!(
            ids(&out),
            vec![("AZL101", true), ("AZL101", true)],
            "{path}"
        );
        assert_eq!(
            out[1].suppressed.as_ref().unwrap().justification,
            "rotated too"
        );
        // The same file scanned as text (no recorded comments) agrees.
        let scanned = run(&f, doc_format(path), findings(&f));
        assert_eq!(ids(&scanned), ids(&out), "{path}");
    }
}

fn doc_format(path: &str) -> Format {
    if path.ends_with(".bicep") {
        Format::Bicep
    } else if path.ends_with(".json") {
        Format::Arm
    } else if path.ends_with(".tf") {
        Format::Terraform
    } else {
        Format::AcaYaml
    }
}

#[test]
fn directive_text_inside_a_string_is_not_a_suppression() {
    let cases = [
        // A Bicep multi-line string, and a single-line one.
        (
            "main.bicep",
            "resource app 'x' = {\n  script: '''\n// azlint-ignore AZL101 not a comment\npassword=abc\n'''\n  other: 'abc // azlint-ignore AZL101 not a comment'\n}\n",
        ),
        // JSON strings are single-line.
        (
            "azuredeploy.json",
            "{\n  \"resources\": [\n    { \"script\": \"password=abc // azlint-ignore AZL101 not a comment\" }\n  ]\n}\n",
        ),
        // A YAML block scalar, and a quoted scalar.
        (
            "app.yaml",
            "type: Microsoft.App/containerApps\nproperties:\n  script: |\n    # azlint-ignore AZL101 not a comment\n    password=abc\n  other: \"abc # azlint-ignore AZL101 not a comment\"\n",
        ),
        // A Terraform heredoc, and a quoted string.
        (
            "main.tf",
            "resource \"x\" \"y\" {\n  script = <<EOT\n# azlint:ignore AZL101 not a comment\npassword=abc\nEOT\n  other = \"abc # azlint:ignore AZL101 not a comment\"\n}\n",
        ),
    ];
    for (path, text) in cases {
        let (f, doc) = parsed(path, text);
        let out = run_doc(doc, vec![finding_at(&f, SECRET, "abc")]);
        assert_eq!(ids(&out), vec![("AZL101", false)], "{path}");
        assert!(meta_ids(&out).is_empty(), "{path}");
    }
}

#[test]
fn a_file_that_does_not_parse_is_scanned_as_text() {
    // Broken JSON: its comments are not recorded, its directives still count (as before).
    let (path, text) = (
        "azuredeploy.json",
        "{\n  \"resources\": [\n    {\n      // azlint-ignore AZL101 rotated test value\n      \"secret\": \"abc\",\n",
    );
    let f = file(path, text);
    let doc = crate::frontend::arm::parse_template(f.clone(), &crate::frontend::Loader::new("."));
    assert!(doc.comments_of(f.id).is_none());
    assert!(!doc.diagnostics.is_empty());
    let out = run_doc(doc, vec![finding_at(&f, SECRET, "\"abc\"")]);
    assert_eq!(ids(&out), vec![("AZL101", true)]);
}

#[test]
fn multi_byte_words_in_a_bicep_disable_do_not_panic() {
    // Each token's first three bytes were sliced (`tok[..3]`): that cut inside `👍` (bytes
    // 0..4) and inside the `ë` of `noël` (bytes 2..4) and ended the run.
    let f = file(
        "main.bicep",
        "#disable-next-line 👍 AZL101\nparam p string = 'x'\n#disable-next-line AZL101 noël 日本語の理由\nparam q string = 'y'\n",
    );
    let out = run(
        &f,
        Format::Bicep,
        vec![finding_at(&f, SECRET, "'x'"), finding_at(&f, SECRET, "'y'")],
    );
    // A directive starting with a word that is no code is not ours; the second one is, and
    // its reason is kept whole.
    assert_eq!(ids(&out), vec![("AZL101", false), ("AZL101", true)]);
    assert_eq!(
        out[1].suppressed.as_ref().unwrap().justification,
        "noël 日本語の理由"
    );
    assert!(is_azl_id("azl101"));
    assert!(!is_azl_id("ab€1") && !is_azl_id("AZL") && !is_azl_id("AZL1€"));
}
