//! Every output format over one set of hand-built findings: a masked secret on a line with
//! other text, a suppressed masked secret inside another finding's window, a multi-line span,
//! a non-ASCII line (UTF-16 columns differ from scalar columns), a parse error with an empty
//! span at end of file, and three files.

use std::sync::Arc;

use azlint::__internal::finding::sort_findings;
use azlint::{
    render, Applicability, Confidence, Edit, Finding, Fix, OutputFormat, ReportContext, RuleMeta,
    RuleSet, Severity, SourceFile, Span, Suppression, SuppressionKind,
};
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
        property_key: None,
        written_property: None,
        mask: s.mask,
        suppressed: None,
        fixes: Vec::new(),
        related: Vec::new(),
    }
}

fn findings(rules: &RuleSet) -> Vec<Finding> {
    let bicep = Arc::new(SourceFile::from_text("infra/app.bicep", BICEP));
    let yaml = Arc::new(SourceFile::from_text("aca/app.yaml", YAML));
    let broken = Arc::new(SourceFile::from_text("broken.json", BROKEN));
    let r = |id: &str| rules.get(id).expect("rule in test catalogue");
    let mut out = vec![
        {
            let mut f = finding(Spec {
                file: &bicep,
                span: span_of(BICEP, "'Sup3r-S3cret-Value!'", 0),
                rule: r("AZL101"),
                message: "Container app secret `db-password` has a plaintext value",
                label: Some("plaintext value here"),
                resource: Some("app"),
                property: Some("properties.configuration.secrets[0].value"),
                mask: true,
            });
            // Two edits: the literal replaced, a parameter declared after the first line.
            let s = f.span;
            let after_first_line = BICEP.find('\n').unwrap();
            f.fixes = vec![Fix::new(
                "Move the secret value into a new secure parameter (new @secure() parameter `dbPassword`)",
                Applicability::Unsafe,
                vec![
                    Edit::new(&bicep, s.start as usize, s.end as usize, "dbPassword"),
                    Edit::insert(
                        &bicep,
                        after_first_line,
                        "\n\n@secure()\nparam dbPassword string",
                    ),
                ],
            )
            .unwrap()];
            f
        },
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
        {
            let mut f = finding(Spec {
                file: &bicep,
                span: span_of(BICEP, "app", 0),
                rule: r("AZL201"),
                message: "Container app `app` has no managed identity",
                label: Some("no `identity` block"),
                resource: Some("app"),
                property: Some("identity"),
                mask: false,
            });
            let at = BICEP.find("  name: 'web'").unwrap();
            f.fixes = vec![Fix::new(
                "Give the app a system-assigned managed identity (type: 'SystemAssigned')",
                Applicability::Safe,
                vec![Edit::insert(
                    &bicep,
                    at,
                    "  identity: {\n    type: 'SystemAssigned'\n  }\n",
                )],
            )
            .unwrap()];
            f
        },
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
        {
            let mut f = finding(Spec {
                file: &yaml,
                span: span_of(YAML, "\"ключ-секрет-12345\"", 0),
                rule: r("AZL102"),
                // A rule bug on purpose: the message quotes the value. Every format must redact it.
                message: "Environment variable `🔑 API_KEY` holds ключ-секрет-12345 in plaintext",
                label: Some("plaintext value here"),
                resource: Some("wébapp"),
                property: Some("properties.template.containers[0].env[0].value"),
                mask: true,
            });
            // An edit after non-ASCII text on its line: UTF-16 columns differ from scalars.
            let s = f.span;
            f.fixes = vec![Fix::new(
                "Replace the value with a placeholder the pipeline fills in",
                Applicability::Unsafe,
                vec![Edit::new(
                    &yaml,
                    s.start as usize,
                    s.end as usize,
                    "\"{{ API_KEY }}\"",
                )],
            )
            .unwrap()];
            f
        },
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
            property_key: None,
            written_property: None,
            mask: false,
            suppressed: None,
            fixes: Vec::new(),
            related: Vec::new(),
        },
    ];
    sort_findings(&mut out);
    out
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

fn render_all(color: bool) -> Vec<(OutputFormat, String)> {
    let rules = rules();
    let findings = findings(&rules);
    let mut ctx = ReportContext::new(&rules, "0.1.0");
    ctx.color = color;
    ALL_FORMATS
        .into_iter()
        .map(|f| (f, render(f, &findings, &ctx)))
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
        text.contains(
            "\n2 errors, 3 warnings, 1 note (6 findings in 3 files with findings, 1 suppressed)\n"
        ),
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
fn azure_snapshot() {
    insta::assert_snapshot!("azure", output(OutputFormat::Azure));
}

#[test]
fn junit_snapshot() {
    insta::assert_snapshot!("junit", output(OutputFormat::Junit));
}

#[test]
fn gitlab_snapshot() {
    insta::assert_snapshot!("gitlab", output(OutputFormat::Gitlab));
}

#[test]
fn human_ascii_has_no_box_drawing_or_unicode_glyphs() {
    let rules = rules();
    let findings = findings(&rules);
    let mut ctx = ReportContext::new(&rules, "0.1.0");
    ctx.ascii = true;
    let text = render(OutputFormat::Human, &findings, &ctx);
    // Every non-ASCII character left comes from the scanned files (names, source lines).
    let from_input: String = [BICEP, YAML, BROKEN].concat();
    for c in text.chars().filter(|c| !c.is_ascii()) {
        assert!(
            from_input.contains(c),
            "decoration {c:?} in ASCII mode:\n{text}"
        );
    }
    assert!(text.contains("--> infra/app.bicep:9:39\n"), "{text}");
    assert!(text.contains("= note: confidence medium"), "{text}");
    assert!(text.contains("help[AZL101]: Container app secret has a plaintext value - run `azlint explain AZL101`"), "{text}");
    let unicode = output(OutputFormat::Human);
    assert!(unicode.contains("╭▸ infra/app.bicep:9:39\n") && unicode.contains(" — run `azlint"));
}

#[test]
fn human_help_once_per_rule_at_the_end_and_full_help_on_request() {
    let rules = rules();
    let findings = findings(&rules);
    let mut ctx = ReportContext::new(&rules, "0.1.0");
    let short = render(OutputFormat::Human, &findings, &ctx);
    assert!(!short.contains("why it matters"), "{short}");
    let summary_at = short.find("2 errors, 3 warnings").unwrap();
    // One line per fired rule (AZL101 twice, once suppressed), after the summary line.
    for id in ["AZL001", "AZL101", "AZL102", "AZL103", "AZL201", "AZL301"] {
        let line = format!("help[{id}]: ");
        assert_eq!(short.matches(&line).count(), 1, "{id}:\n{short}");
        assert!(short.find(&line).unwrap() > summary_at);
    }
    ctx.show_help = true;
    let long = render(OutputFormat::Human, &findings, &ctx);
    // The catalogue's help once per fired rule (the parse error's stand-in has its own).
    assert_eq!(long.matches("why it matters,").count(), 5, "{long}");
    assert!(
        long.contains("    ```bicep\n    value: keyVaultRef\n    ```\n"),
        "{long}"
    );
    assert!(
        long.contains("    docs: https://azlint.example/rules/AZL301\n"),
        "{long}"
    );
    assert!(
        long.contains("    azlint could not parse this file"),
        "{long}"
    );
    // Quiet: neither summary nor help.
    ctx.quiet = true;
    let quiet = render(OutputFormat::Human, &findings, &ctx);
    assert!(
        !quiet.contains("help[") && !quiet.contains("2 errors"),
        "{quiet}"
    );
}

#[test]
fn summary_counts_the_files_checked() {
    let rules = rules();
    let findings = findings(&rules);
    let mut ctx = ReportContext::new(&rules, "0.1.0");
    ctx.files_checked = Some(5);
    let human = render(OutputFormat::Human, &findings, &ctx);
    assert!(
        human.contains(
            "\n2 errors, 3 warnings, 1 note (6 findings in 3 of 5 files checked, 1 suppressed)\n"
        ),
        "{human}"
    );
    let github = render(OutputFormat::Github, &findings, &ctx);
    assert!(
        github.ends_with("in 3 of 5 files checked, 1 suppressed)\n"),
        "{github}"
    );
    let json: Value = serde_json::from_str(&render(OutputFormat::Json, &findings, &ctx)).unwrap();
    assert_eq!(json["summary"]["filesChecked"], 5);
    assert_eq!(json["summary"]["files"], 3);
    let root = schema();
    let mut errors = Vec::new();
    validate(&root, &root, &json, "$", &mut errors);
    assert!(errors.is_empty(), "{errors:#?}");
    let none = render(OutputFormat::Human, &[], &ctx);
    assert_eq!(none, "no findings in 5 files checked\n");
}

/// Output safety (D18): ESC/BEL/OSC 52 (clipboard), cursor movement, C1 and bidi controls in
/// a resource name, a message, a path and a source line are printed as visible escapes.
#[test]
fn control_characters_from_the_input_are_escaped() {
    let evil = "web\u{1b}[2K\u{1b}[1A\u{1b}]52;c;ZXZpbA==\u{7}\u{9b}31m\u{202e}gnp.exe";
    let source = format!("resource app 'x' = {{\n  name: '{evil}'\n  tag: '##vso[task.setvariable variable=A]b'\n}}\n");
    let file = Arc::new(SourceFile::from_text(
        format!("infra/{}.bicep", "\u{1b}[31mred"),
        source.as_str(),
    ));
    let rules = rules();
    let start = source.find("'web").unwrap();
    let f = finding(Spec {
        file: &file,
        span: Span::primary(start, start + evil.len() + 2),
        rule: rules.get("AZL201").unwrap(),
        message: &format!(
            "Container app `{evil}` has no managed identity ##vso[task.complete result=Succeeded]"
        ),
        label: Some(&format!("named {evil}")),
        resource: Some(evil),
        property: Some("identity"),
        mask: false,
    });
    let ctx = ReportContext::new(&rules, "0.1.0");
    for format in ALL_FORMATS {
        let out = render(format, std::slice::from_ref(&f), &ctx);
        for bad in ['\u{1b}', '\u{7}', '\u{9b}'] {
            assert!(!out.contains(bad), "{format:?} prints {bad:?}:\n{out}");
        }
        assert!(
            !out.contains('\u{202e}'),
            "{format:?} prints a bidi override"
        );
        if !matches!(format, OutputFormat::Json | OutputFormat::Sarif) {
            // The Azure DevOps agent would run any `##vso[` in a printed line (the azure
            // format's own command prefix starts the line).
            for line in out.lines() {
                let from = usize::from(line.starts_with("##vso[task.logissue"));
                assert!(!line[from..].contains("##vso["), "{format:?}: {line}");
            }
        }
    }
    // JSON escapes are lossless: the name reads back exactly.
    let json: Value =
        serde_json::from_str(&render(OutputFormat::Json, std::slice::from_ref(&f), &ctx)).unwrap();
    assert_eq!(json["findings"][0]["resource"], evil);
    let human = render(OutputFormat::Human, &[f], &ctx);
    assert!(
        human.contains(
            "web\\u{1b}[2K\\u{1b}[1A\\u{1b}]52;c;ZXZpbA==\\u{7}\\u{9b}31m\\u{202e}gnp.exe"
        ),
        "{human}"
    );
    assert!(human.contains("#\\u{23}vso[task.setvariable"), "{human}");
    assert!(
        human.contains("--> infra/\\u{1b}[31mred.bicep:2:9")
            || human.contains("╭▸ infra/\\u{1b}[31mred.bicep:2:9"),
        "{human}"
    );
}

// ---------------------------------------------------------------------------------------
// The CI formats against their consumers' documented shapes.

/// A port of the Azure Pipelines agent's `Command.TryParse` and unescaping (the agent finds
/// `##vso[` anywhere in a line, the command ends at the first `]`, properties split on `;`
/// and the first `=`; task-lib's `%AZP25` decoding): (area.event, properties, message).
/// `(area.event, properties, message)` of one logging command.
type VsoCommand = (String, Vec<(String, String)>, String);

fn parse_vso(line: &str) -> Option<VsoCommand> {
    let unescape = |s: &str| {
        s.replace("%3B", ";")
            .replace("%0D", "\r")
            .replace("%0A", "\n")
            .replace("%5D", "]")
            .replace("%AZP25", "%")
    };
    let at = line.find("##vso[")?;
    let rb = at + line[at..].find(']')?;
    let info = &line[at + 6..rb];
    let (name, props) = info.split_once(' ').unwrap_or((info, ""));
    let props = props
        .split(';')
        .filter(|p| !p.is_empty())
        .filter_map(|p| p.split_once('='))
        .map(|(k, v)| (k.to_string(), unescape(v)))
        .collect();
    Some((name.to_string(), props, unescape(&line[rb + 1..])))
}

#[test]
fn azure_lines_parse_as_the_agent_reads_them() {
    let rules = rules();
    let mut all = findings(&rules);
    // Characters the command syntax reserves, in a path and a message.
    let file = Arc::new(SourceFile::from_text("we;ird]%dir/a.bicep", "x: 1\n"));
    all.push(finding(Spec {
        file: &file,
        span: Span::primary(0, 1),
        rule: rules.get("AZL103").unwrap(),
        message: "50% of ; and ] and %3B",
        label: None,
        resource: None,
        property: None,
        mask: false,
    }));
    let mut ctx = ReportContext::new(&rules, "0.1.0");
    ctx.root = Some("/work/repo".into());
    let out = render(OutputFormat::Azure, &all, &ctx);
    let unsuppressed: Vec<&Finding> = all
        .iter()
        .filter(|f| f.suppressed.is_none() && f.severity != Severity::Note)
        .collect();
    let commands: Vec<_> = out.lines().filter_map(parse_vso).collect();
    assert_eq!(commands.len(), unsuppressed.len(), "{out}");
    for ((name, props, message), f) in commands.iter().zip(&unsuppressed) {
        assert_eq!(name, "task.logissue");
        let get = |k: &str| props.iter().find(|(p, _)| p == k).map(|(_, v)| v.as_str());
        assert_eq!(get("type"), Some(f.severity.as_str()));
        assert!(matches!(get("type"), Some("error" | "warning")));
        assert_eq!(
            get("sourcepath"),
            Some(format!("/work/repo/{}", f.path()).as_str())
        );
        assert_eq!(get("linenumber"), Some(f.start().0.to_string().as_str()));
        assert!(get("columnnumber").unwrap().parse::<u32>().unwrap() >= 1);
        assert_eq!(get("code"), Some(f.rule_id.as_str()));
        assert!(
            message.starts_with(&format!("[{}] ", f.rule_id)),
            "{message}"
        );
        assert!(!message.contains('\n'));
    }
    assert!(
        commands
            .iter()
            .any(|(_, _, m)| m == "[AZL103] 50% of ; and ] and %3B"),
        "{out}"
    );
    // Notes are log lines, not issues; the summary closes the output.
    assert!(
        out.contains(
            "\nnote: infra/app.bicep:3:10: [AZL201] Container app `app` has no managed identity\n"
        ),
        "{out}"
    );
    assert!(out.ends_with(")\n") && out.lines().last().unwrap().starts_with("azlint: "));
}

#[test]
fn junit_is_well_formed_and_has_the_documented_shape() {
    let rules = rules();
    let mut all = findings(&rules);
    // Two findings of one rule at one position must stay two test cases.
    all.push(all.iter().find(|f| f.rule_id == "AZL301").unwrap().clone());
    all[7].message = "Second message & <markup> \"quoted\"".into();
    let ctx = ReportContext::new(&rules, "0.1.0");
    let xml = render(OutputFormat::Junit, &all, &ctx);
    let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{e}:\n{xml}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    let num = |n: roxmltree::Node, a: &str| -> usize {
        n.attribute(a)
            .unwrap_or_else(|| panic!("{} lacks {a}", n.tag_name().name()))
            .parse()
            .unwrap()
    };
    let suites: Vec<_> = root.children().filter(|n| n.is_element()).collect();
    assert_eq!(suites.len(), 3, "one suite per file");
    let (mut tests, mut failures, mut skipped) = (0, 0, 0);
    for suite in &suites {
        assert_eq!(suite.tag_name().name(), "testsuite");
        let name = suite.attribute("name").unwrap();
        let cases: Vec<_> = suite.children().filter(|n| n.is_element()).collect();
        assert_eq!(num(*suite, "tests"), cases.len());
        assert_eq!(num(*suite, "errors"), 0);
        let mut keys = std::collections::HashSet::new();
        let (mut f, mut s) = (0, 0);
        for case in &cases {
            assert_eq!(case.tag_name().name(), "testcase");
            assert_eq!(case.attribute("classname"), Some(name));
            assert!(
                keys.insert(case.attribute("name").unwrap()),
                "duplicate test name"
            );
            assert!(num(*case, "line") >= 1);
            let children: Vec<_> = case.children().filter(|n| n.is_element()).collect();
            assert_eq!(children.len(), 1);
            match children[0].tag_name().name() {
                "failure" => {
                    f += 1;
                    assert!(!children[0].attribute("message").unwrap().is_empty());
                    assert!(matches!(
                        children[0].attribute("type"),
                        Some("error" | "warning" | "note")
                    ));
                    assert!(children[0].text().unwrap().contains(name));
                }
                "skipped" => {
                    s += 1;
                    assert!(children[0]
                        .attribute("message")
                        .unwrap()
                        .starts_with("suppressed (in source): test-only token"));
                }
                other => panic!("unexpected <{other}>"),
            }
        }
        assert_eq!((num(*suite, "failures"), num(*suite, "skipped")), (f, s));
        tests += cases.len();
        failures += f;
        skipped += s;
    }
    assert_eq!(
        (
            num(root, "tests"),
            num(root, "failures"),
            num(root, "skipped")
        ),
        (tests, failures, skipped)
    );
    assert_eq!((tests, failures, skipped), (8, 7, 1));
    // The escaped message round-trips through the XML parser.
    assert!(doc
        .descendants()
        .any(|n| n.attribute("message") == Some("Second message & <markup> \"quoted\"")));

    // No finding: one passing test, so the CI tab shows a green run.
    let empty = render(OutputFormat::Junit, &[], &ctx);
    let doc = roxmltree::Document::parse(&empty).unwrap();
    let cases: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    assert_eq!(cases.len(), 1);
    assert!(cases[0].children().all(|n| !n.is_element()));
}

#[test]
fn gitlab_report_matches_the_documented_format() {
    // GitLab's "Code Quality report format": an array of objects with these fields (other
    // Code Climate fields are ignored), `severity` from a fixed list, a relative path.
    let schema: Value = serde_json::from_str(r#"{
        "type": "array",
        "items": {
            "type": "object",
            "required": ["description", "check_name", "fingerprint", "severity", "location"],
            "properties": {
                "description": {"type": "string"},
                "check_name": {"type": "string"},
                "fingerprint": {"type": "string"},
                "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
                "location": {
                    "type": "object",
                    "required": ["path", "lines"],
                    "properties": {
                        "path": {"type": "string"},
                        "lines": {
                            "type": "object",
                            "required": ["begin"],
                            "properties": {"begin": {"type": "integer", "minimum": 1}, "end": {"type": "integer", "minimum": 1}}
                        }
                    }
                }
            }
        }
    }"#).unwrap();
    let rules = rules();
    let mut all = findings(&rules);
    let dup = all.iter().find(|f| f.rule_id == "AZL301").unwrap().clone();
    all.push(dup);
    let ctx = ReportContext::new(&rules, "0.1.0");
    let text = render(OutputFormat::Gitlab, &all, &ctx);
    assert!(!text.starts_with('\u{feff}'));
    let out: Value = serde_json::from_str(&text).unwrap();
    let mut errors = Vec::new();
    validate(&schema, &schema, &out, "$", &mut errors);
    assert!(errors.is_empty(), "{errors:#?}");
    let issues = out.as_array().unwrap();
    assert_eq!(issues.len(), 7, "unsuppressed only");
    let fps: std::collections::HashSet<&str> = issues
        .iter()
        .map(|i| i["fingerprint"].as_str().unwrap())
        .collect();
    assert_eq!(fps.len(), issues.len(), "fingerprints are unique");
    for i in issues {
        assert!(
            !i["location"]["path"].as_str().unwrap().starts_with("./")
                && !i["location"]["path"].as_str().unwrap().starts_with('/')
        );
    }
    let sev = |id: &str| issues.iter().find(|i| i["check_name"] == id).unwrap()["severity"].clone();
    assert_eq!(
        (sev("AZL101"), sev("AZL102"), sev("AZL201")),
        ("major".into(), "minor".into(), "info".into())
    );
    // The fingerprint is the stable one (here, without array items named by `name`, the same
    // as JSON's), so GitLab can match findings between pipelines.
    let json: Value = serde_json::from_str(&output(OutputFormat::Json)).unwrap();
    let json_fp = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["ruleId"] == "AZL101" && f["suppressed"].is_null())
        .unwrap()["fingerprint"]
        .clone();
    assert_eq!(
        issues.iter().find(|i| i["check_name"] == "AZL101").unwrap()["fingerprint"],
        json_fp
    );
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
    let sarif: Value = serde_json::from_str(&render(OutputFormat::Sarif, &findings, &ctx)).unwrap();
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
    let human = render(OutputFormat::Human, &findings, &ctx);
    assert!(!human.contains("1 suppressed"));
    assert!(human.contains("error[AZL101]: Container app secret `db-password`"));
    assert!(!human.contains("help[AZL101]"));
    let github = render(OutputFormat::Github, &findings, &ctx);
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
    let out = render(OutputFormat::Human, &[f], &ctx);
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
        for format in ALL_FORMATS {
            let out = render(format, &findings, &ctx);
            assert!(
                !out.contains("secretA") && !out.contains("SECRETB"),
                "{format:?}:\n{out}"
            );
        }
    }
}

/// A Terraform finding (issue 12): every format names the azurerm attribute as written; JSON
/// and SARIF also carry the ARM path as `armProperty` (documented in the schema); the
/// fingerprint keys on the ARM path, so it does not change with the wording; and the rule's
/// help shows the example in the reader's language only.
#[test]
fn terraform_findings_show_the_written_attribute_in_every_format() {
    const TF: &str = "resource \"azurerm_container_app\" \"web\" {\n  secret {\n    name  = \"db\"\n    value = \"x\"\n  }\n}\n";
    let mut rules = rules();
    rules.rules[0] = {
        let mut meta = rule(
            "AZL101",
            "plaintext-app-secret",
            "secrets",
            Severity::Error,
            Confidence::High,
            "Container app secret has a plaintext value",
        );
        meta.examples = vec![
            ("bicep".into(), "resource app 'x@1' = {}".into()),
            (
                "terraform".into(),
                "resource \"azurerm_container_app\" \"web\" {}".into(),
            ),
        ];
        meta.into()
    };
    let tf = Arc::new(SourceFile::from_text("main.tf", TF));
    let mut f = finding(Spec {
        file: &tf,
        span: span_of(TF, "\"x\"", 0),
        rule: rules.get("AZL101").unwrap(),
        message: "secret `db` of `azurerm_container_app.web` has a plaintext value",
        label: None,
        resource: Some("azurerm_container_app.web"),
        property: Some("properties.configuration.secrets[0].value"),
        mask: false,
    });
    let arm_only = render(
        OutputFormat::Json,
        std::slice::from_ref(&f),
        &ReportContext::new(&rules, "0.1.0"),
    );
    f.written_property = Some("secret[0].value".into());
    let mut ctx = ReportContext::new(&rules, "0.1.0");
    let findings = [f];

    let json: Value = serde_json::from_str(&render(OutputFormat::Json, &findings, &ctx)).unwrap();
    let j = &json["findings"][0];
    assert_eq!(j["property"], "secret[0].value");
    assert_eq!(
        j["armProperty"],
        "properties.configuration.secrets[0].value"
    );
    let before: Value = serde_json::from_str(&arm_only).unwrap();
    assert_eq!(j["fingerprint"], before["findings"][0]["fingerprint"]);
    assert!(before["findings"][0].get("armProperty").is_none());
    let root = schema();
    let mut errors = Vec::new();
    validate(&root, &root, &json, "$", &mut errors);
    assert!(errors.is_empty(), "{errors:#?}");

    let sarif: Value = serde_json::from_str(&render(OutputFormat::Sarif, &findings, &ctx)).unwrap();
    let props = &sarif["runs"][0]["results"][0]["properties"];
    assert_eq!(props["property"], "secret[0].value");
    assert_eq!(
        props["armProperty"],
        "properties.configuration.secrets[0].value"
    );
    let junit = render(OutputFormat::Junit, &findings, &ctx);
    assert!(junit.contains("property: secret[0].value"), "{junit}");

    ctx.show_help = true;
    let human = render(OutputFormat::Human, &findings, &ctx);
    assert!(human.contains("```hcl"), "{human}");
    assert!(!human.contains("resource app 'x@1'"), "{human}");
}
