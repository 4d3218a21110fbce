use std::path::Path;

use super::*;
use crate::model::DiagnosticKind;

fn load(name: &str) -> Arc<SourceFile> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("testdata/aca_yaml")
        .join(name);
    let text = std::fs::read_to_string(&path).expect("fixture exists");
    Arc::new(SourceFile::from_text(
        format!("testdata/aca_yaml/{name}"),
        text,
    ))
}

fn parse_fixture(name: &str) -> Option<Document> {
    parse(load(name))
}

fn parse_text(text: &str) -> Option<Document> {
    parse(Arc::new(SourceFile::from_text("inline.yaml", text)))
}

/// The source text a span covers.
fn slice(doc: &Document, span: Span) -> &str {
    doc.file(span).slice(span)
}

/// 1-based (line, column) of a span's start.
fn pos(doc: &Document, span: Span) -> (u32, u32) {
    doc.file(span).line_col(span.start)
}

#[test]
fn container_app_is_lowered_with_exact_spans() {
    let doc = parse_fixture("app.yaml").expect("an ACA spec");
    assert_eq!(doc.format, Format::AcaYaml);
    assert!(doc.diagnostics.is_empty(), "{:?}", doc.diagnostics);
    assert_eq!(doc.resources.len(), 1);
    let r = &doc.resources[0];
    assert!(r.is_type(CONTAINER_APP_TYPE));
    assert_eq!(r.name, "web-app");
    assert_eq!(slice(&doc, r.span), "type");
    assert_eq!(pos(&doc, r.span), (4, 1));

    let secret = r
        .get("properties.configuration.secrets")
        .and_then(Node::as_array)
        .expect("secrets");
    assert_eq!(secret.len(), 3);
    let value = secret[0].get("value").expect("value");
    assert_eq!(value.as_str(), Some("hunter2-not-real"));
    assert!(value.is_plaintext());
    assert_eq!(slice(&doc, value.span), "\"hunter2-not-real\"");
    assert_eq!(pos(&doc, value.span), (15, 16));
    // A shell placeholder is not a plaintext secret.
    let placeholder = secret[1].get("value").expect("value");
    assert_eq!(placeholder.as_str(), Some("$ACR_PASSWORD"));
    assert!(!placeholder.is_plaintext());
    assert_eq!(
        secret[2].get("keyVaultUrl").and_then(Node::as_str),
        Some("https://kv.vault.azure.net/secrets/s")
    );

    let registry = &r
        .get("properties.configuration.registries")
        .and_then(Node::as_array)
        .expect("registries")[0];
    assert_eq!(
        registry.get("passwordSecretRef").and_then(Node::as_str),
        Some("acr-password")
    );
    let ingress = r.get("properties.configuration.ingress").expect("ingress");
    assert_eq!(
        ingress.get("external").map(|n| &n.value),
        Some(&Value::Bool(true))
    );
    assert_eq!(
        ingress.get("allowInsecure").and_then(Node::as_bool),
        Some(false)
    );
    assert_eq!(
        ingress.get("targetPort").and_then(Node::as_number),
        Some(8080.0)
    );
    let external_key = ingress.property("external").expect("key");
    assert_eq!(slice(&doc, external_key.key_span), "external");
    assert_eq!(pos(&doc, external_key.key_span), (26, 7));

    let env = r
        .get("properties.template")
        .and_then(|t| t.get("containers"))
        .and_then(Node::as_array)
        .expect("containers")[0]
        .get("env")
        .and_then(Node::as_array)
        .expect("env");
    assert_eq!(
        env[0].get("secretRef").and_then(Node::as_str),
        Some("db-password")
    );
    let api_key = env[1].get("value").expect("value");
    assert_eq!(slice(&doc, api_key.span), "'plain-key'");
    assert_eq!(
        env[2].get("value").map(|n| &n.value),
        Some(&Value::Number(0.5))
    );
    assert_eq!(env[3].get("value").map(|n| &n.value), Some(&Value::Null));

    // The identity's keys are kept as written.
    let uai = r
        .get("identity.userAssignedIdentities")
        .and_then(Node::as_object)
        .expect("uai");
    assert!(uai[0].key.ends_with("/userAssignedIdentities/uai"));
    // Containers span the whole block sequence.
    let containers = r.get("properties.template.containers").expect("containers");
    assert!(slice(&doc, containers.span).starts_with("- name: web"));
    assert!(slice(&doc, containers.span).ends_with("value: ~"));
}

#[test]
fn job_type_is_inferred_from_the_trigger() {
    let doc = parse_fixture("job.yaml").expect("a job spec");
    let r = &doc.resources[0];
    assert!(r.is_type(JOB_TYPE));
    assert_eq!(r.name, "job", "file stem when no name is given");
    assert_eq!(slice(&doc, r.span), "properties");
    assert_eq!(pos(&doc, r.span), (1, 1));
    let secret = r
        .get("properties.configuration.secrets")
        .and_then(Node::as_array)
        .expect("secrets")[0]
        .get("value")
        .expect("value");
    assert!(secret
        .as_str()
        .is_some_and(|s| s.contains("SharedAccessKey=")));
    assert_eq!(pos(&doc, secret.span), (10, 16));
    assert_eq!(
        r.get("properties.configuration.scheduleTriggerConfig.cronExpression")
            .and_then(Node::as_str),
        Some("*/5 * * * *")
    );
}

#[test]
fn dapr_component_is_wrapped_in_properties() {
    let doc = parse_fixture("dapr-statestore.yaml").expect("a Dapr component");
    let r = &doc.resources[0];
    assert!(r.is_type(DAPR_COMPONENT_TYPE));
    assert_eq!(r.name, "dapr-statestore");
    assert_eq!(slice(&doc, r.span), "componentType");
    assert_eq!(
        r.get("properties.componentType").and_then(Node::as_str),
        Some("state.azure.blobstorage")
    );
    assert_eq!(
        r.get("properties.ignoreErrors").and_then(Node::as_bool),
        Some(false)
    );
    assert_eq!(
        r.get("properties.initTimeout").and_then(Node::as_str),
        Some("5s")
    );
    let secret = r
        .get("properties.secrets")
        .and_then(Node::as_array)
        .expect("secrets")[0]
        .get("value")
        .expect("value");
    assert_eq!(slice(&doc, secret.span), "\"c2VjcmV0LWtleQ==\"");
    assert_eq!(pos(&doc, secret.span), (12, 12));
    let metadata = r
        .get("properties.metadata")
        .and_then(Node::as_array)
        .expect("metadata");
    assert_eq!(
        metadata[1].get("secretRef").and_then(Node::as_str),
        Some("storage-key")
    );
    assert_eq!(
        r.get("properties.scopes")
            .and_then(Node::as_array)
            .map(<[Node]>::len),
        Some(1)
    );
}

#[test]
fn other_yaml_is_not_ours() {
    for name in [
        "k8s-deployment.yaml",
        "dapr-crd.yaml",
        "workflow.yml",
        "malformed-other.yaml",
    ] {
        assert!(parse_fixture(name).is_none(), "{name} should be skipped");
    }
    assert!(parse_text("").is_none());
    assert!(parse_text("just a string").is_none());
    assert!(parse_text("- a\n- b\n").is_none());
    assert!(
        parse_text("properties:\n  foo: bar\n").is_none(),
        "properties alone is not enough"
    );
    assert!(parse_text("type: Microsoft.Web/sites\nproperties: {}\n").is_none());
    assert!(parse_text(
        "apiVersion: v1\nkind: Secret\ntype: Opaque\nproperties: {template: {containers: []}}\n"
    )
    .is_none());
}

#[test]
fn an_explicit_container_apps_type_wins_over_kubernetes_markers() {
    let doc = parse_text("apiVersion: '2024-03-01'\nkind: workflowapp\ntype: Microsoft.App/containerApps\nproperties: {}\n")
        .expect("explicitly a container app");
    assert!(doc.resources[0].is_type(CONTAINER_APP_TYPE));
    assert_eq!(pos(&doc, doc.resources[0].span), (3, 1));
}

#[test]
fn explicit_type_and_properties_configuration_detection() {
    let doc = parse_text("type: microsoft.app/JOBS\nproperties: {}\n").expect("typed");
    assert_eq!(doc.resources[0].resource_type, JOB_TYPE);
    let doc = parse_text("properties:\n  environmentId: /e\n  configuration:\n    manualTriggerConfig: {parallelism: 1}\n")
        .expect("job by environmentId");
    assert!(doc.resources[0].is_type(JOB_TYPE));
    // `properties` comes first and already qualifies: it is the declaration.
    let doc = parse_text(
        "properties:\n  template: {containers: []}\ntype: Microsoft.App/containerApps\n",
    )
    .expect("ours");
    assert_eq!(pos(&doc, doc.resources[0].span), (1, 1));
    // `properties` alone does not qualify: the later `type` is the declaration.
    let doc = parse_text("properties: {}\ntype: Microsoft.App/containerApps\n").expect("ours");
    assert_eq!(slice(&doc, doc.resources[0].span), "type");
}

#[test]
fn byte_spans_survive_non_ascii_text() {
    let doc = parse_fixture("unicode.yaml").expect("an ACA spec");
    let r = &doc.resources[0];
    let secret = &r
        .get("properties.configuration.secrets")
        .and_then(Node::as_array)
        .expect("secrets")[0];
    let value = secret.get("value").expect("value");
    assert_eq!(value.as_str(), Some("sécret😀"));
    assert_eq!(slice(&doc, value.span), "\"sécret😀\"");
    assert_eq!(pos(&doc, value.span), (7, 16));
    let name = secret.property("name").expect("name");
    assert_eq!(slice(&doc, name.value.span), "\"pässwörd\"");
    assert_eq!(slice(&doc, r.span), "properties");
    assert_eq!(pos(&doc, r.span), (2, 1));
}

#[test]
fn byte_spans_with_bom_and_crlf() {
    let text = "\u{feff}type: Microsoft.App/containerApps\r\nname: é\r\nproperties:\r\n  configuration:\r\n    secrets:\r\n      - {name: s, value: \"v😀\"}\r\n";
    let doc = parse_text(text).expect("ours");
    let r = &doc.resources[0];
    assert_eq!(slice(&doc, r.span), "type");
    assert_eq!(r.name, "é");
    let value = r
        .get("properties.configuration.secrets")
        .and_then(Node::as_array)
        .expect("secrets")[0]
        .get("value")
        .expect("value");
    assert_eq!(slice(&doc, value.span), "\"v😀\"");
    assert_eq!(pos(&doc, value.span), (6, 26));
    let flow = &r
        .get("properties.configuration.secrets")
        .and_then(Node::as_array)
        .expect("secrets")[0];
    assert_eq!(slice(&doc, flow.span), "{name: s, value: \"v😀\"}");
}

#[test]
fn block_scalars_span_their_content_without_trailing_newlines() {
    let text = "properties:\n  managedEnvironmentId: /e\n  configuration:\n    secrets:\n      - name: cert\n        value: |\n          line1\n          line2\n\n  template: {containers: []}\n";
    let doc = parse_text(text).expect("ours");
    let value = doc.resources[0]
        .get("properties.configuration.secrets")
        .and_then(Node::as_array)
        .expect("secrets")[0]
        .get("value")
        .expect("value");
    assert_eq!(value.as_str(), Some("line1\nline2\n"));
    assert_eq!(slice(&doc, value.span), "line1\n          line2");
}

#[test]
fn malformed_aca_yaml_reports_a_parse_error_at_its_position() {
    let doc = parse_fixture("malformed.yaml").expect("recognisably ours");
    assert!(doc.resources.is_empty());
    assert_eq!(doc.diagnostics.len(), 1);
    let d = &doc.diagnostics[0];
    assert_eq!(d.kind, DiagnosticKind::ParseError);
    assert!(
        d.message.starts_with("YAML syntax error: "),
        "{}",
        d.message
    );
    assert_eq!(pos(&doc, d.span), (4, 7));
    assert_eq!(d.span.len(), 1);
}

#[test]
fn multi_document_streams_consider_each_document() {
    let doc = parse_fixture("multi.yaml").expect("second document is ours");
    assert_eq!(doc.resources.len(), 1);
    let r = &doc.resources[0];
    assert_eq!(r.name, "second");
    assert_eq!(pos(&doc, r.span), (6, 1));
}

#[test]
fn documents_before_a_syntax_error_are_kept() {
    let text = "type: Microsoft.App/containerApps\nproperties: {}\n---\nproperties: [unclosed\n";
    let doc = parse_text(text).expect("ours");
    assert_eq!(doc.resources.len(), 1);
    assert_eq!(doc.diagnostics.len(), 1);
}

#[test]
fn anchors_aliases_and_merge_keys_are_resolved() {
    let doc = parse_fixture("anchors.yaml").expect("ours");
    let container = &doc.resources[0]
        .get("properties.template.containers")
        .and_then(Node::as_array)
        .expect("containers")[0];
    assert_eq!(
        container.get("name").and_then(Node::as_str),
        Some("merged"),
        "own keys win over merged ones"
    );
    assert_eq!(
        container.get("image").and_then(Node::as_str),
        Some("myimage:1")
    );
    let env = container
        .get("env")
        .and_then(Node::as_array)
        .expect("aliased env");
    let shared = env[0].get("value").expect("value");
    assert_eq!(shared.as_str(), Some("from-anchor"));
    // The span points where the value is written: at the anchor.
    assert_eq!(pos(&doc, shared.span), (3, 12));
}

#[test]
fn alias_bombs_and_deep_nesting_terminate() {
    let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..12 {
        let p = i - 1;
        bomb.push_str(&format!(
            "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    bomb.push_str(
        "type: Microsoft.App/containerApps\nproperties:\n  template:\n    containers: *a11\n",
    );
    let doc = parse_text(&bomb);
    // Either saphyr rejects it or we bound the expansion: both finish quickly.
    assert!(doc.is_some());

    let deep = format!(
        "properties:\n  template:\n    containers: {}{}\n",
        "[".repeat(5000),
        "]".repeat(5000)
    );
    let doc = parse_text(&deep).expect("looks like ours");
    assert!(!doc.diagnostics.is_empty());
}

#[test]
fn duplicate_keys_are_kept_and_the_last_wins() {
    let doc = parse_text("type: Microsoft.App/containerApps\nproperties:\n  configuration:\n    ingress: {external: false, external: true}\n")
        .expect("ours");
    let ingress = doc.resources[0]
        .get("properties.configuration.ingress")
        .expect("ingress");
    assert_eq!(ingress.as_object().map(<[Property]>::len), Some(2));
    assert_eq!(ingress.get("external").and_then(Node::as_bool), Some(true));
}

#[test]
fn scalars_follow_the_core_schema() {
    let doc = parse_text(
        "type: Microsoft.App/containerApps\nproperties:\n  a: null\n  b: ~\n  c: 0x1F\n  d: -1.5e3\n  e: 'true'\n  f: yes\n  g: !!str 12\n  h:\n",
    )
    .expect("ours");
    let p = doc.resources[0].get("properties").expect("properties");
    assert_eq!(p.get("a").map(|n| &n.value), Some(&Value::Null));
    assert_eq!(p.get("b").map(|n| &n.value), Some(&Value::Null));
    assert_eq!(p.get("c").map(|n| &n.value), Some(&Value::Number(31.0)));
    assert_eq!(p.get("d").map(|n| &n.value), Some(&Value::Number(-1500.0)));
    assert_eq!(
        p.get("e").map(|n| &n.value),
        Some(&Value::String("true".into()))
    );
    assert_eq!(
        p.get("f").map(|n| &n.value),
        Some(&Value::String("yes".into()))
    );
    assert_eq!(
        p.get("g").map(|n| &n.value),
        Some(&Value::String("12".into()))
    );
    assert_eq!(p.get("h").map(|n| &n.value), Some(&Value::Null));
}

#[test]
fn broken_yaml_is_ours_only_with_top_level_signs() {
    assert!(parse_text("type: 'Microsoft.App/containerApps'\nname: [\n").is_some());
    assert!(parse_text("componentType: x\nmetadata: [\n").is_some());
    let workflow = "jobs:\n  deploy:\n    steps:\n      - run: az resource list --resource-type Microsoft.App/containerApps\n        properties: [\n";
    assert!(parse_text(workflow).is_none());
    assert!(parse_text("apiVersion: v1\nkind: Pod\nproperties: [\n").is_none());
}

/// Every node's span lies inside the text, on character boundaries, with start <= end.
fn assert_spans_valid(doc: &Document) {
    let text = &doc.files[0].text;
    let check = |span: Span| {
        assert!(
            span.start <= span.end && span.end as usize <= text.len(),
            "{span:?}"
        );
        assert!(
            text.is_char_boundary(span.start as usize) && text.is_char_boundary(span.end as usize),
            "{span:?}"
        );
    };
    for d in &doc.diagnostics {
        check(d.span);
    }
    for r in &doc.resources {
        check(r.span);
        r.body.walk(&mut |_, n| {
            check(n.span);
            if let Some(props) = n.as_object() {
                props.iter().for_each(|p| check(p.key_span));
            }
        });
    }
}

#[test]
fn truncated_and_mutated_fixtures_never_panic() {
    let names = [
        "app.yaml",
        "job.yaml",
        "dapr-statestore.yaml",
        "unicode.yaml",
        "anchors.yaml",
        "multi.yaml",
    ];
    for name in names {
        let text = load(name).text.to_string();
        let cuts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        for &cut in &cuts {
            if let Some(doc) = parse_text(text.get(..cut).unwrap()) {
                assert_spans_valid(&doc);
            }
        }
        // Replace each structural character in turn with one that breaks the structure.
        for (i, c) in text
            .char_indices()
            .filter(|(_, c)| matches!(c, ':' | '-' | ' ' | '"' | '\''))
        {
            for replacement in ["{", "\t", "&a", "*b", "'", "\"é"] {
                let (head, tail) = (
                    text.get(..i).unwrap(),
                    text.get(i + c.len_utf8()..).unwrap(),
                );
                let mutated = format!("{head}{replacement}{tail}");
                if let Some(doc) = parse_text(&mutated) {
                    assert_spans_valid(&doc);
                }
            }
        }
    }
}

#[test]
fn fixtures_have_valid_spans_and_plain_scalars_slice_to_their_value() {
    for name in [
        "app.yaml",
        "job.yaml",
        "dapr-statestore.yaml",
        "unicode.yaml",
        "multi.yaml",
    ] {
        let doc = parse_fixture(name).expect("ours");
        assert_spans_valid(&doc);
        for r in &doc.resources {
            r.body.walk(&mut |_, n| {
                if let Value::String(s) = &n.value {
                    let src = slice(&doc, n.span);
                    let unquoted = src.trim_matches(|c| c == '"' || c == '\'');
                    assert_eq!(unquoted, s, "{name}: span text of a simple scalar");
                }
            });
        }
    }
}

#[test]
#[ignore = "measurement, run with --ignored --nocapture"]
fn measure_parse_time() {
    let file = load("app.yaml");
    let n = 2000;
    let t = std::time::Instant::now();
    for _ in 0..n {
        assert!(parse(file.clone()).is_some());
    }
    println!(
        "app.yaml ({} bytes): {:?} per parse",
        file.text.len(),
        t.elapsed() / n
    );
    let t = std::time::Instant::now();
    for _ in 0..n {
        assert!(tree::parse_stream(&file.text).error.is_none());
    }
    println!("app.yaml: {:?} per YAML tree build", t.elapsed() / n);
    let t = std::time::Instant::now();
    for _ in 0..n {
        let mut events = 0;
        let mut parser = saphyr_parser::Parser::new_from_str(&file.text);
        while let Some(Ok(_)) = parser.next_event() {
            events += 1;
        }
        assert!(events > 10);
    }
    println!(
        "app.yaml: {:?} per bare saphyr-parser event stream",
        t.elapsed() / n
    );
    let big: String = (0..2000)
        .map(|i| format!("  k{i}: \"välue {i}\"\n"))
        .collect();
    let text = format!("type: Microsoft.App/containerApps\nproperties:\n{big}");
    let len = text.len();
    let file = Arc::new(SourceFile::from_text("big.yaml", text));
    let t = std::time::Instant::now();
    assert!(parse(file).is_some());
    println!("big non-ASCII ({len} bytes): {:?}", t.elapsed());
}

#[test]
fn the_engine_lints_only_container_apps_yaml() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/aca_yaml");
    let opts = crate::engine::Options {
        root: Some(dir.clone()),
        no_config: true,
        ..Default::default()
    };
    let engine = crate::engine::Engine::new(&opts, &dir, Some(&dir)).expect("an engine");
    let report = engine
        .check(&crate::engine::Input {
            paths: vec![dir.clone()],
            ..Default::default()
        })
        .expect("fixtures exist");
    let checked: Vec<&str> = report.checked.iter().map(|c| c.path.as_str()).collect();
    assert_eq!(
        checked,
        [
            "anchors.yaml",
            "app.yaml",
            "dapr-statestore.yaml",
            "job.yaml",
            "malformed.yaml",
            "multi.yaml",
            "unicode.yaml"
        ]
    );
    // Every other YAML file is listed as skipped, with the reason.
    let skipped: Vec<&str> = report
        .skipped
        .iter()
        .filter(|s| s.reason.starts_with("YAML that is not"))
        .map(|s| s.path.as_str())
        .collect();
    assert_eq!(
        skipped,
        [
            "dapr-crd.yaml",
            "k8s-deployment.yaml",
            "malformed-other.yaml",
            "workflow.yml"
        ]
    );
    let parse_errors: Vec<(&str, (u32, u32))> = report
        .findings
        .iter()
        .filter(|f| f.rule_id == "AZL001")
        .map(|f| (f.path(), f.start()))
        .collect();
    assert_eq!(parse_errors, [("malformed.yaml", (4, 7))]);
}

#[test]
fn an_arm_api_version_with_kind_is_an_app_spec() {
    // `az containerapp show -o yaml` writes `apiVersion` (an ARM date) and `kind`.
    let doc = parse_text(
        "apiVersion: '2024-05-01'\nkind: containerApp\nproperties:\n  configuration:\n    secrets: []\n  template:\n    containers: []\n",
    )
    .expect("an app spec with a top-level kind");
    let r = &doc.resources[0];
    assert!(r.is_type(CONTAINER_APP_TYPE));
    assert_eq!(r.api_version.as_deref(), Some("2024-05-01"));
    // A Kubernetes apiVersion with the same shape is still not ours.
    assert!(parse_text(
        "apiVersion: apps/v1\nkind: containerApp\nproperties:\n  template:\n    containers: []\n"
    )
    .is_none());
}

/// An app spec (ours) whose `properties.template.x` holds `value`, indented for a block.
fn app_with(value: &str) -> String {
    format!(
        "type: Microsoft.App/containerApps\nproperties:\n  configuration:\n    ingress:\n      external: true\n      allowInsecure: true\n  template:\n    x: {value}\n"
    )
}

fn on_worker(text: String) -> Option<Document> {
    crate::model::on_worker_stack(move || parse_text(&text))
}

fn too_deep(doc: &Document) -> bool {
    doc.diagnostics.iter().any(|d| {
        d.kind == DiagnosticKind::ParseError && d.message.contains("deeper than 128 levels")
    })
}

#[test]
fn deep_block_nesting_is_refused_on_a_worker_stack() {
    // Issue 13, D4: saphyr's recursive `load` overflowed a 2 MiB stack on these (the audit's
    // reproducers: `- `×5,000 in a 10 KB CI file; yaml_seq_block_20k; yaml_block_3000).
    // Not ours (no Container Apps signs): skipped, without crashing.
    assert!(on_worker(format!("{}x\n", "- ".repeat(5_000))).is_none());
    assert!(on_worker(format!("{}x\n", "- ".repeat(20_000))).is_none());
    let mut mappings = String::new();
    for i in 0..3_000 {
        mappings.push_str(&format!("{}k{i}:\n", " ".repeat(i)));
    }
    mappings.push_str(&format!("{}x\n", " ".repeat(3_000)));
    assert!(on_worker(mappings.clone()).is_none());
    // Inside an app spec: a parse error at the depth limit, and the file is still ours.
    let seq = on_worker(app_with(&format!("\n      {}x", "- ".repeat(20_000)))).expect("ours");
    assert!(too_deep(&seq), "{:?}", seq.diagnostics);
    let indented: String = mappings.lines().map(|l| format!("      {l}\n")).collect();
    let map = on_worker(app_with(&format!("\n{indented}"))).expect("ours");
    assert!(too_deep(&map), "{:?}", map.diagnostics);
    // Nesting within the limit still parses.
    let ok = on_worker(app_with(&format!("\n      {}x", "- ".repeat(60)))).expect("ours");
    assert!(ok.diagnostics.is_empty(), "{:?}", ok.diagnostics);
}

#[test]
fn aliases_of_a_large_scalar_are_budgeted_by_bytes() {
    // Issue 13, D9: 9,000 aliases of a 1.5 MB scalar are within the node budget but copied
    // 13.5 GB. Past the byte budget the aliases are unknown and the document says so once.
    let big = "A".repeat(1_500_000);
    let aliases = vec!["*a"; 9_000].join(", ");
    let text = format!(
        "type: Microsoft.App/containerApps\nname: app\nproperties:\n  template:\n    x: &a \"{big}\"\n    containers: [{aliases}]\n"
    );
    let start = std::time::Instant::now();
    let doc = on_worker(text).expect("ours");
    assert!(start.elapsed().as_secs() < 10, "took {:?}", start.elapsed());
    let notes: Vec<_> = doc
        .diagnostics
        .iter()
        .filter(|d| d.kind == DiagnosticKind::NotAnalysable)
        .collect();
    assert_eq!(notes.len(), 1, "{:?}", doc.diagnostics);
    assert!(notes[0].message.starts_with("YAML aliases are copied"));
    assert!(!notes[0].message.contains("AAAA"));
    // The note points at the first alias that was not expanded.
    assert_eq!(slice(&doc, notes[0].span), "*a");
    let containers = doc.resources[0]
        .get("properties.template.containers")
        .and_then(Node::as_array)
        .expect("containers");
    assert_eq!(containers.len(), 9_000);
    // Two copies fit in the 4 MiB budget (besides the anchor itself); the rest are unknown.
    let copied = containers.iter().filter(|c| c.as_str().is_some()).count();
    assert_eq!(copied, 2);
    assert_eq!(containers[2].provenance(), Provenance::Unknown);
    let model = crate::model::budget::Cost::of(
        &doc.resources[0].body,
        crate::model::budget::Cost {
            nodes: usize::MAX,
            bytes: usize::MAX,
        },
    );
    assert!(model.bytes < 8 << 20, "{model:?}");
}

#[test]
fn nested_anchors_do_not_copy_their_contents_per_level() {
    // 100 anchors nested around 200,000 items: keeping each anchored node for its aliases
    // copies the inner items once per level (20 million nodes) without a budget.
    let mut value = format!("[{}]", vec!["1"; 200_000].join(", "));
    for i in 0..100 {
        value = format!("&n{i} [{value}]");
    }
    let doc = on_worker(app_with(&format!("{value}\n    y: *n99"))).expect("ours");
    let notes = doc
        .diagnostics
        .iter()
        .filter(|d| d.kind == DiagnosticKind::NotAnalysable)
        .count();
    assert_eq!(notes, 1, "{:?}", doc.diagnostics);
    let y = doc.resources[0].get("properties.template.y").expect("y");
    assert_eq!(y.provenance(), Provenance::Unknown);
}

#[test]
fn alias_to_an_anchor_of_an_earlier_document_is_an_error() {
    let doc = parse_text(&format!("x: &a 1\n---\n{}", app_with("*a"))).expect("ours");
    assert!(
        doc.diagnostics
            .iter()
            .any(|d| d.kind == DiagnosticKind::ParseError && d.message.contains("unknown anchor")),
        "{:?}",
        doc.diagnostics
    );
}

#[test]
fn syntax_error_messages_quote_no_input() {
    // saphyr quotes the offending character in one message; ours never quotes input.
    let doc = parse_text(&app_with("ok\n    y: @SECRETX")).expect("ours");
    let messages: Vec<&str> = doc.diagnostics.iter().map(|d| d.message.as_str()).collect();
    assert!(!messages.is_empty());
    assert!(
        messages
            .iter()
            .all(|m| !m.contains('@') && !m.contains("SECRETX")),
        "{messages:?}"
    );
}
