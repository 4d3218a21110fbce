//! Every output format over one set of hand-built findings: a masked secret on a line with
//! other text, a suppressed masked secret inside another finding's window, a multi-line span,
//! a non-ASCII line (UTF-16 columns differ from scalar columns), a parse error with an empty
//! span at end of file, and three files.

use std::sync::Arc;

use azlint::finding::{sort_findings, Confidence, Finding, Severity, Suppression, SuppressionKind};
use azlint::report::{self, OutputFormat, ReportContext};
use azlint::rules::{RuleMeta, RuleSet};
use azlint::source::{SourceFile, Span};
use serde_json::Value;

const BICEP: &str = "\
param location string = resourceGroup().location

resource app 'Microsoft.App/containerApps@2024-03-01' = {
  name: 'web'
  location: location
  properties: {
    configuration: {
      secrets: [
        { name: 'db-password', value: 'Sup3r-S3cret-Value!' }
        { name: 'legacy-token', value: 'L3gacy-T0ken-Value' }
      ]
      registries: [
        {
          server: 'contoso.azurecr.io'
          username: 'contoso'
          passwordSecretRef: 'acr-password'
        }
      ]
    }
  }
}
";

const YAML: &str = "\
properties:
  template:
    containers:
      - name: wébapp # café ☕
        env:
          - { name: \"🔑 API_KEY\", value: \"ключ-секрет-12345\" }
";

const BROKEN: &str = "{ \"a\": 1,";

/// Every secret in the fixtures: none may appear in any output.
const SECRETS: &[&str] = &[
    "Sup3r-S3cret-Value!",
    "L3gacy-T0ken-Value",
    "ключ-секрет-12345",
];

fn rule(
    id: &str,
    name: &str,
    family: &str,
    severity: Severity,
    confidence: Confidence,
    title: &str,
) -> RuleMeta {
    RuleMeta {
        id: id.into(),
        name: name.into(),
        family: family.into(),
        severity,
        confidence,
        title: title.into(),
        help: format!(
            "{title}: why it matters,\nin a paragraph that spans two lines.\n\nFix it like this:\n\n```bicep\nvalue: keyVaultRef\n```\n"
        ),
        docs_url: Some(format!("https://azlint.example/rules/{id}")),
        security_severity: None,
        tags: vec!["azure".into()],
        ..Default::default()
    }
}

fn rules() -> RuleSet {
    RuleSet {
        rules: vec![
            rule(
                "AZL101",
                "plaintext-app-secret",
                "secrets",
                Severity::Error,
                Confidence::High,
                "Container app secret has a plaintext value",
            )
            .into(),
            rule(
                "AZL102",
                "plaintext-env-secret",
                "secrets",
                Severity::Warning,
                Confidence::Low,
                "Environment variable looks like a plaintext credential",
            )
            .into(),
            rule(
                "AZL103",
                "secrets-not-in-key-vault",
                "secrets",
                Severity::Warning,
                Confidence::Medium,
                "Secrets are stored in the app instead of Key Vault",
            )
            .into(),
            rule(
                "AZL201",
                "no-managed-identity",
                "identity",
                Severity::Note,
                Confidence::Medium,
                "Container app has no managed identity",
            )
            .into(),
            rule(
                "AZL301",
                "registry-admin-credentials",
                "registry",
                Severity::Warning,
                Confidence::Medium,
                "Registry is pulled with a username and password",
            )
            .into(),
        ],
    }
}

/// Span of the `n`th occurrence (0-based) of `needle` in `text`.
fn span_of(text: &str, needle: &str, n: usize) -> Span {
    let start = text
        .match_indices(needle)
        .nth(n)
        .map(|(i, _)| i)
        .expect("needle in fixture");
    Span::primary(start, start + needle.len())
}

struct Spec<'a> {
    file: &'a Arc<SourceFile>,
    span: Span,
    rule: &'a RuleMeta,
    message: &'a str,
    label: Option<&'a str>,
    resource: Option<&'a str>,
    property: Option<&'a str>,
    mask: bool,
}

fn finding(s: Spec) -> Finding {
    Finding {
        rule_id: s.rule.id.clone(),
        rule_name: s.rule.name.clone(),
        severity: s.rule.severity,
        confidence: s.rule.confidence,
        message: s.message.into(),
        file: s.file.clone(),
        span: s.span,
        label: s.label.map(Into::into),
        resource: s.resource.map(Into::into),
        property: s.property.map(Into::into),
        mask: s.mask,
        suppressed: None,
    }
}

fn findings(rules: &RuleSet) -> Vec<Finding> {
    let bicep = Arc::new(SourceFile::from_text("infra/app.bicep", BICEP));
    let yaml = Arc::new(SourceFile::from_text("aca/app.yaml", YAML));
    let broken = Arc::new(SourceFile::from_text("broken.json", BROKEN));
    let r = |id: &str| rules.get(id).expect("rule in test catalogue");
    let mut out = vec![
        finding(Spec {
            file: &bicep,
            span: span_of(BICEP, "'Sup3r-S3cret-Value!'", 0),
            rule: r("AZL101"),
            message: "Container app secret `db-password` has a plaintext value",
            label: Some("plaintext value here"),
            resource: Some("app"),
            property: Some("properties.configuration.secrets[0].value"),
            mask: true,
        }),
        {
            let mut f = finding(Spec {
                file: &bicep,
                span: span_of(BICEP, "'L3gacy-T0ken-Value'", 0),
                rule: r("AZL101"),
                message: "Container app secret `legacy-token` has a plaintext value",
                label: Some("plaintext value here"),
                resource: Some("app"),
                property: Some("properties.configuration.secrets[1].value"),
                mask: true,
            });
            f.suppressed = Some(Suppression {
                kind: SuppressionKind::InSource,
                justification: "test-only token, rotated by the pipeline".into(),
            });
            f
        },
        finding(Spec {
            file: &bicep,
            span: {
                let start = BICEP.find("secrets: [").unwrap() + "secrets: ".len();
                let end = BICEP.find("      ]\n      registries").unwrap() + "      ]".len();
                Span::primary(start, end)
            },
            rule: r("AZL103"),
            message: "2 secrets are stored in the app instead of Key Vault references",
            label: Some("these secrets"),
            resource: Some("app"),
            property: Some("properties.configuration.secrets"),
            mask: false,
        }),
        finding(Spec {
            file: &bicep,
            span: span_of(BICEP, "app", 0),
            rule: r("AZL201"),
            message: "Container app `app` has no managed identity",
            label: Some("no `identity` block"),
            resource: Some("app"),
            property: Some("identity"),
            mask: false,
        }),
        finding(Spec {
            file: &bicep,
            span: span_of(BICEP, "username", 0),
            rule: r("AZL301"),
            message: "Registry `contoso.azurecr.io` is pulled with a username and password",
            label: None,
            resource: Some("app"),
            property: Some("properties.configuration.registries[0].username"),
            mask: false,
        }),
        finding(Spec {
            file: &yaml,
            span: span_of(YAML, "\"ключ-секрет-12345\"", 0),
            rule: r("AZL102"),
            // A rule bug on purpose: the message quotes the value. Every format must redact it.
            message: "Environment variable `🔑 API_KEY` holds ключ-секрет-12345 in plaintext",
            label: Some("plaintext value here"),
            resource: Some("wébapp"),
            property: Some("properties.template.containers[0].env[0].value"),
            mask: true,
        }),
        Finding {
            rule_id: "AZL001".into(),
            rule_name: "parse-error".into(),
            severity: Severity::Error,
            confidence: Confidence::High,
            message: "unexpected end of file: expected a property name".into(),
            file: broken.clone(),
            span: Span::primary(BROKEN.len(), BROKEN.len()),
            label: None,
            resource: None,
            property: None,
            mask: false,
            suppressed: None,
        },
    ];
    sort_findings(&mut out);
    out
}

fn render_all(color: bool) -> Vec<(OutputFormat, String)> {
    let rules = rules();
    let findings = findings(&rules);
    let mut ctx = ReportContext::new(&rules, "0.1.0");
    ctx.color = color;
    [
        OutputFormat::Human,
        OutputFormat::Compact,
        OutputFormat::Json,
        OutputFormat::Sarif,
        OutputFormat::Github,
    ]
    .into_iter()
    .map(|f| (f, report::render(f, &findings, &ctx)))
    .collect()
}

fn output(format: OutputFormat) -> String {
    render_all(false)
        .into_iter()
        .find(|(f, _)| *f == format)
        .map(|(_, s)| s)
        .unwrap()
}

#[test]
fn no_format_prints_a_secret() {
    for color in [false, true] {
        for (format, text) in render_all(color) {
            for secret in SECRETS {
                assert!(
                    !text.contains(secret),
                    "{format:?} (color {color}) prints the secret {secret}:\n{text}"
                );
            }
            // Nor a recognisable fragment of one.
            for fragment in ["Sup3r", "L3gacy", "секрет"] {
                assert!(!text.contains(fragment), "{format:?} prints `{fragment}`");
            }
        }
    }
}

#[test]
fn human_masks_secrets_in_every_window_and_hides_suppressed_findings() {
    let text = output(OutputFormat::Human);
    // The suppressed `legacy-token` finding is not shown ...
    assert!(!text.contains("`legacy-token` has a plaintext value"));
    // ... but its value is masked where another finding's window shows its line.
    assert!(
        text.contains("{ name: 'legacy-token', value: '********' }"),
        "{text}"
    );
    assert!(
        text.contains("{ name: 'db-password', value: '********' }"),
        "{text}"
    );
    assert!(text.contains("value: \"********\""), "{text}");
    assert!(
        text.ends_with("2 errors, 3 warnings, 1 note in 3 files (1 suppressed)\n"),
        "{text}"
    );
}

#[test]
fn human_colour_only_when_asked() {
    assert!(!output(OutputFormat::Human).contains('\x1b'));
    let coloured = render_all(true).remove(0).1;
    assert!(coloured.contains('\x1b'));
}

#[test]
fn human_snapshot() {
    insta::assert_snapshot!("human", output(OutputFormat::Human));
}

#[test]
fn compact_snapshot() {
    insta::assert_snapshot!("compact", output(OutputFormat::Compact));
}

#[test]
fn json_snapshot() {
    insta::assert_snapshot!("json", output(OutputFormat::Json));
}

#[test]
fn sarif_snapshot() {
    let text = output(OutputFormat::Sarif);
    // Keep a copy for `.ci/validate-sarif.sh target/report-formats.sarif`.
    let _ = std::fs::write(
        concat!(env!("CARGO_MANIFEST_DIR"), "/target/report-formats.sarif"),
        &text,
    );
    insta::assert_snapshot!("sarif", text);
}

#[test]
fn github_snapshot() {
    insta::assert_snapshot!("github", output(OutputFormat::Github));
}

#[test]
fn sarif_columns_are_utf16_and_json_columns_are_scalars() {
    let sarif: Value = serde_json::from_str(&output(OutputFormat::Sarif)).unwrap();
    let json: Value = serde_json::from_str(&output(OutputFormat::Json)).unwrap();
    let line = YAML.lines().nth(5).unwrap();
    let byte = line.find("\"ключ").unwrap();
    let scalar_col = line[..byte].chars().count() as u64 + 1;
    let utf16_col = line[..byte].encode_utf16().count() as u64 + 1;
    assert_eq!(
        utf16_col,
        scalar_col + 1,
        "the emoji takes two UTF-16 units"
    );

    let result = &sarif["runs"][0]["results"][0];
    assert_eq!(result["ruleId"], "AZL102");
    let region = &result["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startLine"], 6);
    assert_eq!(region["startColumn"], utf16_col);
    assert_eq!(
        region["endColumn"],
        utf16_col + "\"ключ-секрет-12345\"".encode_utf16().count() as u64
    );

    let finding = &json["findings"][0];
    assert_eq!(finding["start"]["column"], scalar_col);
    assert_eq!(
        finding["end"]["column"],
        scalar_col + "\"ключ-секрет-12345\"".chars().count() as u64
    );
}

#[test]
fn sarif_rules_cover_catalogue_and_unknown_ids_with_valid_indexes() {
    let sarif: Value = serde_json::from_str(&output(OutputFormat::Sarif)).unwrap();
    let run = &sarif["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        ["AZL101", "AZL102", "AZL103", "AZL201", "AZL301", "AZL001"]
    );
    for result in run["results"].as_array().unwrap() {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
    }
    let suppressed: Vec<&Value> = run["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r.get("suppressions").is_some())
        .collect();
    assert_eq!(suppressed.len(), 1);
    assert_eq!(suppressed[0]["suppressions"][0]["kind"], "inSource");
    assert_eq!(rules[0]["properties"]["security-severity"], "8.0");
    assert!(rules[0]["properties"]["tags"]
        .as_array()
        .unwrap()
        .contains(&Value::from("security")));
}

#[test]
fn sarif_root_becomes_the_srcroot_base() {
    let rules = rules();
    let findings = findings(&rules);
    let mut ctx = ReportContext::new(&rules, "0.1.0");
    ctx.root = Some("/work/my repo".into());
    ctx.automation_id = Some("azlint/main".into());
    let sarif: Value =
        serde_json::from_str(&report::render(OutputFormat::Sarif, &findings, &ctx)).unwrap();
    let run = &sarif["runs"][0];
    assert_eq!(
        run["originalUriBaseIds"]["%SRCROOT%"]["uri"],
        "file:///work/my%20repo/"
    );
    assert_eq!(run["automationDetails"]["id"], "azlint/main");
}

// ---------------------------------------------------------------------------------------
// The JSON output against schemas/findings.schema.json, with a small validator covering the
// keywords the schema uses ($ref, type, properties, required, additionalProperties, items,
// enum, const, minimum, pattern-free strings).

fn schema() -> Value {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/schemas/findings.schema.json"
    ))
    .expect("schemas/findings.schema.json exists");
    serde_json::from_str(&text).expect("the schema is valid JSON")
}

fn resolve<'a>(root: &'a Value, schema: &'a Value) -> &'a Value {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(r) => {
            let pointer = r.strip_prefix('#').expect("local $ref");
            resolve(
                root,
                root.pointer(pointer)
                    .unwrap_or_else(|| panic!("dangling $ref {r}")),
            )
        }
        None => schema,
    }
}

fn type_matches(t: &str, v: &Value) -> bool {
    match t {
        "object" => v.is_object(),
        "array" => v.is_array(),
        "string" => v.is_string(),
        "integer" => v.is_u64() || v.is_i64(),
        "number" => v.is_number(),
        "boolean" => v.is_boolean(),
        "null" => v.is_null(),
        _ => panic!("unknown type {t}"),
    }
}

fn validate(root: &Value, schema: &Value, v: &Value, at: &str, errors: &mut Vec<String>) {
    let schema = resolve(root, schema);
    if let Some(t) = schema.get("type") {
        let ok = match t {
            Value::String(t) => type_matches(t, v),
            Value::Array(ts) => ts.iter().any(|t| type_matches(t.as_str().unwrap(), v)),
            _ => panic!("bad type keyword"),
        };
        if !ok {
            errors.push(format!("{at}: {v} is not of type {t}"));
        }
    }
    if let Some(options) = schema.get("enum").and_then(Value::as_array) {
        if !options.contains(v) {
            errors.push(format!("{at}: {v} not in {options:?}"));
        }
    }
    if let Some(c) = schema.get("const") {
        if c != v {
            errors.push(format!("{at}: {v} != const {c}"));
        }
    }
    if let (Some(min), Some(n)) = (schema.get("minimum").and_then(Value::as_f64), v.as_f64()) {
        if n < min {
            errors.push(format!("{at}: {n} < minimum {min}"));
        }
    }
    if let Some(obj) = v.as_object() {
        let props = schema.get("properties").and_then(Value::as_object);
        for (key, value) in obj {
            match props.and_then(|p| p.get(key)) {
                Some(s) => validate(root, s, value, &format!("{at}.{key}"), errors),
                None => errors.push(format!("{at}: key `{key}` is not in the schema")),
            }
        }
        for req in schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if !obj.contains_key(req.as_str().unwrap()) {
                errors.push(format!("{at}: required `{req}` missing"));
            }
        }
    }
    if let (Some(items), Some(arr)) = (schema.get("items"), v.as_array()) {
        for (i, item) in arr.iter().enumerate() {
            validate(root, items, item, &format!("{at}[{i}]"), errors);
        }
    }
}

#[test]
fn json_output_matches_its_schema() {
    let root = schema();
    assert_eq!(
        root["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    let out: Value = serde_json::from_str(&output(OutputFormat::Json)).unwrap();
    let mut errors = Vec::new();
    validate(&root, &root, &out, "$", &mut errors);
    assert!(errors.is_empty(), "{errors:#?}");
    // Every object in the schema forbids unknown keys, so a new field must be documented.
    assert_eq!(root["additionalProperties"], false);
    assert_eq!(root["$defs"]["finding"]["additionalProperties"], false);
}

#[test]
fn schema_validator_rejects_an_undocumented_key() {
    let root = schema();
    let mut out: Value = serde_json::from_str(&output(OutputFormat::Json)).unwrap();
    out["findings"][0]["snippet"] = Value::from("x");
    out["summary"]["errors"] = Value::from("three");
    let mut errors = Vec::new();
    validate(&root, &root, &out, "$", &mut errors);
    assert_eq!(errors.len(), 2, "{errors:#?}");
}

#[test]
fn quiet_drops_the_summary_line_only() {
    let rules = rules();
    let findings = findings(&rules);
    let mut ctx = ReportContext::new(&rules, "0.1.0");
    ctx.quiet = true;
    let human = report::render(OutputFormat::Human, &findings, &ctx);
    assert!(!human.contains("1 suppressed"));
    assert!(human.contains("error[AZL101] plaintext-app-secret"));
    let github = report::render(OutputFormat::Github, &findings, &ctx);
    assert_eq!(github.lines().count(), 6);
    assert!(github.lines().all(|l| l.starts_with("::")));
}

#[test]
fn human_shows_a_long_span_by_its_first_line() {
    let text: String = std::iter::once("resource app 'x' = {\n".to_string())
        .chain((0..30).map(|i| format!("  p{i}: {i}\n")))
        .chain(std::iter::once("}\n".to_string()))
        .collect();
    let rules = rules();
    let file = Arc::new(SourceFile::from_text("long.bicep", text.as_str()));
    let f = finding(Spec {
        file: &file,
        span: Span::primary(0, text.len() - 1),
        rule: rules.get("AZL201").unwrap(),
        message: "Container app `app` has no managed identity",
        label: Some("this resource"),
        resource: Some("app"),
        property: Some("identity"),
        mask: false,
    });
    let ctx = ReportContext::new(&rules, "0.1.0");
    let out = report::render(OutputFormat::Human, &[f], &ctx);
    assert!(out.contains("1 │ resource app 'x' = {"), "{out}");
    assert!(out.contains("2 │   p0: 0"), "{out}");
    assert!(!out.contains("p1: 1"), "{out}");
    assert!(out.contains("this resource"), "{out}");
}

/// Arbitrary spans and masks (inside characters, across CRLF line ends, past the end, empty)
/// never panic any format, and masked text never leaks into human output.
#[test]
fn arbitrary_spans_never_panic_or_leak() {
    let text = "a: 'ключ😀secretA'\r\n\tb: \"xyzSECRETB\" # ☕\r\n\r\nc: 1\nlast";
    let file = Arc::new(SourceFile::from_text("f.yaml", text));
    let rules = rules();
    let rule = rules.get("AZL101").unwrap();
    let ctx = ReportContext::new(&rules, "0.1.0");
    let mut seed: u64 = 0x2545F4914F6CDD1D;
    let mut next = |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    let secret_a = (text.find("'ключ").unwrap(), text.find("A'").unwrap() + 2);
    let secret_b = (text.find("\"xyz").unwrap(), text.find("B\"").unwrap() + 2);
    for _ in 0..500 {
        let mut findings = Vec::new();
        for (s, e) in [secret_a, secret_b] {
            findings.push(finding(Spec {
                file: &file,
                span: Span::primary(s, e),
                rule,
                message: "secret",
                label: Some("here"),
                resource: None,
                property: None,
                mask: true,
            }));
        }
        for _ in 0..3 {
            let s = next(text.len() + 3);
            let e = s + next(12);
            findings.push(finding(Spec {
                file: &file,
                span: Span::primary(s, e),
                rule,
                message: "m",
                label: None,
                resource: None,
                property: None,
                mask: next(2) == 0,
            }));
        }
        sort_findings(&mut findings);
        for format in [
            OutputFormat::Human,
            OutputFormat::Compact,
            OutputFormat::Json,
            OutputFormat::Sarif,
            OutputFormat::Github,
        ] {
            let out = report::render(format, &findings, &ctx);
            assert!(
                !out.contains("secretA") && !out.contains("SECRETB"),
                "{format:?}:\n{out}"
            );
        }
    }
}
