//! Lowering tests on `testdata/bicep` fixtures: types, spans, provenance of each pattern,
//! module and `.bicepparam` assignments.

use std::path::{Path, PathBuf};

use crate::frontend::bicep::parse_file;
use crate::frontend::Loader;
use crate::model::{DerivedKind, Document, Format, Node, Provenance, Ref, Resource, Value};

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/bicep")
}

fn load(rel: &str) -> Document {
    let loader = Loader::new(fixture_dir());
    let file = loader
        .load(&fixture_dir().join(rel))
        .expect("fixture exists");
    parse_file(file, &loader)
}

fn resource<'a>(doc: &'a Document, symbol: &str) -> &'a Resource {
    doc.resources
        .iter()
        .find(|r| r.symbol.as_deref() == Some(symbol))
        .unwrap_or_else(|| panic!("no resource {symbol}"))
}

fn secret<'a>(doc: &'a Document, name: &str) -> &'a Node {
    let secrets = resource(doc, "app")
        .get("properties.configuration.secrets")
        .and_then(Node::as_array)
        .expect("secrets");
    secrets
        .iter()
        .find(|s| s.get("name").and_then(Node::as_str) == Some(name))
        .and_then(|s| s.get("value"))
        .unwrap_or_else(|| panic!("no secret {name}"))
}

fn prov(doc: &Document, name: &str) -> Provenance {
    secret(doc, name).provenance()
}

fn text_at(doc: &Document, start: u32, end: u32) -> &str {
    doc.files[0].text.get(start as usize..end as usize).unwrap()
}

#[test]
fn resources_types_spans_and_children() {
    let doc = load("provenance.bicep");
    assert!(doc.diagnostics.is_empty(), "{:?}", doc.diagnostics);
    let app = resource(&doc, "app");
    assert_eq!(app.resource_type, "Microsoft.App/containerApps");
    assert_eq!(app.api_version.as_deref(), Some("2024-03-01"));
    assert_eq!(app.name, "app");
    assert_eq!(
        text_at(&doc, app.span.start, app.span.end),
        "resource app 'Microsoft.App/containerApps@2024-03-01'"
    );
    assert_eq!(doc.files[0].line_col(app.span.start), (38, 1));
    assert!(resource(&doc, "kv").existing);
    assert!(!app.existing);

    let subnet = resource(&doc, "subnet");
    assert_eq!(
        subnet.resource_type,
        "Microsoft.Network/virtualNetworks/subnets"
    );
    assert_eq!(subnet.api_version.as_deref(), Some("2023-04-01"));
    assert_eq!(
        subnet
            .get("properties.addressPrefix")
            .and_then(Node::as_str),
        Some("10.0.0.0/24")
    );
    // The child is removed from the parent's body.
    let vnet = resource(&doc, "vnet");
    assert!(vnet.body.get("subnet").is_none());
    assert_eq!(vnet.body.as_object().map(|p| p.len()), Some(2));

    // `if` and `for` forms lower their inner object; spread merges known objects.
    let env = resource(&doc, "env");
    assert_eq!(
        env.get("properties.zoneRedundant").and_then(Node::as_bool),
        Some(true)
    );
    let dapr = resource(&doc, "dapr");
    assert_eq!(
        dapr.resource_type,
        "Microsoft.App/managedEnvironments/daprComponents"
    );
    assert!(dapr.get("parent").is_some());
}

#[test]
fn params_vars_outputs() {
    let doc = load("provenance.bicep");
    let pw = doc.parameter("adminPassword").expect("param");
    assert!(pw.secure);
    assert_eq!(pw.type_name.as_deref(), Some("string"));
    assert!(doc.parameter("otherSecret").expect("param").secure);
    let plain = doc.parameter("plainDefault").expect("param");
    assert!(!plain.secure);
    assert_eq!(
        plain.default.as_ref().and_then(Node::as_str),
        Some("hunter2")
    );
    assert_eq!(
        text_at(&doc, plain.span.start, plain.span.end),
        "plainDefault"
    );
    assert!(doc
        .variables
        .iter()
        .any(|v| v.name == "settings" && v.value.get("conn").is_some()));
    let secret_out = doc
        .outputs
        .iter()
        .find(|o| o.name == "secretOut")
        .expect("output");
    assert!(secret_out.secure);
    let plain_out = doc
        .outputs
        .iter()
        .find(|o| o.name == "plainOut")
        .expect("output");
    assert!(!plain_out.secure);
    let e = plain_out.value.as_expr().expect("expr");
    assert_eq!(
        e.provenance,
        Provenance::Derived(DerivedKind::ResourceProperty)
    );
    // A typed reference to the nested resource, with the member read.
    assert_eq!(e.refs, vec![Ref::resource("/subnet").with_member("id")]);
}

#[test]
fn parameter_provenance() {
    let doc = load("provenance.bicep");
    let s1 = secret(&doc, "s1").as_expr().expect("expr");
    assert_eq!(s1.provenance, Provenance::SecureInput);
    assert_eq!(s1.origin.as_deref(), Some("param:adminPassword"));
    assert_eq!(s1.text, "adminPassword");
    assert_eq!(prov(&doc, "s20"), Provenance::SecureInput);

    let s2 = secret(&doc, "s2");
    assert_eq!(s2.provenance(), Provenance::Input);
    assert_eq!(
        s2.as_expr().and_then(|e| e.literal.as_deref()),
        Some("hunter2")
    );
    assert!(s2.is_plaintext());

    let s3 = secret(&doc, "s3");
    assert_eq!(s3.provenance(), Provenance::Input);
    assert!(!s3.is_plaintext());
}

#[test]
fn variable_provenance() {
    let doc = load("provenance.bicep");
    let s4 = secret(&doc, "s4").as_expr().expect("expr");
    assert_eq!(s4.provenance, Provenance::Literal);
    assert_eq!(s4.literal.as_deref(), Some("P@ssw0rd!"));
    assert_eq!(s4.origin.as_deref(), Some("var:viaVar"));
    assert!(secret(&doc, "s4").is_plaintext());

    let s5 = secret(&doc, "s5").as_expr().expect("expr");
    assert_eq!(s5.literal.as_deref(), Some("Server=tcp:db;Password=abc123"));
    assert_eq!(s5.origin.as_deref(), Some("var:settings"));
    assert_eq!(s5.text, "settings.conn");

    let s18 = secret(&doc, "s18").as_expr().expect("expr");
    assert_eq!(s18.provenance, Provenance::Input);
    assert_eq!(s18.literal.as_deref(), Some("hunter2"));
    assert_eq!(prov(&doc, "s19"), Provenance::SecureInput);
}

#[test]
fn function_provenance() {
    let doc = load("provenance.bicep");
    assert_eq!(prov(&doc, "s6"), Provenance::KeyVaultRef);
    assert_eq!(prov(&doc, "s7"), Provenance::Derived(DerivedKind::ListKeys));
    assert_eq!(
        secret(&doc, "s7").as_expr().map(|e| e.refs.clone()),
        Some(vec![Ref::resource("/sa")])
    );
    assert_eq!(
        prov(&doc, "s8"),
        Provenance::Derived(DerivedKind::RegistryAdminCredential)
    );
    assert_eq!(
        prov(&doc, "s9"),
        Provenance::Derived(DerivedKind::Reference)
    );
    let s10 = secret(&doc, "s10").as_expr().expect("expr");
    assert_eq!(
        s10.provenance,
        Provenance::Derived(DerivedKind::ResourceProperty)
    );
    assert_eq!(
        s10.refs,
        vec![Ref::resource("/sa").with_member("properties.primaryEndpoints.blob")]
    );
    assert_eq!(prov(&doc, "s11"), Provenance::Generated);
    assert_eq!(prov(&doc, "s16"), Provenance::Generated);
    assert_eq!(prov(&doc, "s17"), Provenance::Unknown);
    let s21 = secret(&doc, "s21").as_expr().expect("expr");
    assert_eq!(
        s21.provenance,
        Provenance::Derived(DerivedKind::ResourceProperty)
    );
    assert_eq!(
        s21.refs,
        // Known type and name: resolved by the deployment linker.
        vec![Ref {
            target: crate::model::Target::Named {
                resource_type: "Microsoft.Storage/storageAccounts".into(),
                name: "sa1".into(),
            },
            member: None,
        }]
    );
    let s22 = secret(&doc, "s22").as_expr().expect("expr");
    assert_eq!(s22.provenance, Provenance::Derived(DerivedKind::ListKeys));
    assert_eq!(s22.refs, vec![Ref::resource("/sa").with_member("id")]);
    assert_eq!(s22.origin.as_deref(), Some("fn:listKeys"));
}

#[test]
fn interpolation_and_branches() {
    let doc = load("provenance.bicep");
    let s12 = secret(&doc, "s12").as_expr().expect("expr");
    assert_eq!(s12.provenance, Provenance::SecureInput);
    assert_eq!(s12.literal.as_deref(), Some("pre-\u{2026}-post"));
    let s13 = secret(&doc, "s13").as_expr().expect("expr");
    assert_eq!(s13.provenance, Provenance::Derived(DerivedKind::ListKeys));
    assert_eq!(
        s13.literal.as_deref(),
        Some("DefaultEndpointsProtocol=https;AccountKey=\u{2026}")
    );
    assert_eq!(prov(&doc, "s14"), Provenance::Literal);
    // `??` takes its most dangerous branch, like a ternary.
    assert_eq!(prov(&doc, "s15"), Provenance::Literal);
}

#[test]
fn expression_keys_match_value_text() {
    let doc = load("provenance.bicep");
    let app = resource(&doc, "app");
    let uais = app
        .get("identity.userAssignedIdentities")
        .and_then(Node::as_object)
        .expect("uais");
    assert_eq!(uais[0].key, "uai.id");
    let reg = &app
        .get("properties.configuration.registries")
        .and_then(Node::as_array)
        .expect("registries")[0];
    let id = reg.get("identity").and_then(Node::as_expr).expect("expr");
    assert_eq!(id.text, uais[0].key);
    assert_eq!(
        text_at(&doc, uais[0].key_span.start, uais[0].key_span.end),
        "'${uai.id}'"
    );
}

#[test]
fn value_spans_point_at_the_source() {
    let doc = load("provenance.bicep");
    let s7 = secret(&doc, "s7");
    assert_eq!(
        text_at(&doc, s7.span.start, s7.span.end),
        "sa.listKeys().keys[0].value"
    );
    let acr = resource(&doc, "acr");
    let flag = acr.get("properties.adminUserEnabled").expect("flag");
    assert_eq!(flag.value, Value::Bool(true));
    assert_eq!(text_at(&doc, flag.span.start, flag.span.end), "true");
}

#[test]
fn module_assignments() {
    let doc = load("modules/main.bicep");
    let find = |n: &str| {
        doc.assignments
            .iter()
            .find(|a| a.name == n)
            .unwrap_or_else(|| panic!("no {n}"))
    };
    let pw = find("password");
    assert_eq!(pw.target_secure, Some(true));
    assert_eq!(pw.target.as_deref(), Some("./app.bicep"));
    assert_eq!(pw.value.provenance(), Provenance::SecureInput);
    assert_eq!(text_at(&doc, pw.span.start, pw.span.end), "password");
    let key = find("apiKey");
    assert_eq!(key.target_secure, Some(false));
    assert!(key.value.is_plaintext());
    // A missing local file and a registry module: assignments without secure info, and one
    // not-analysable note each.
    assert_eq!(find("value").target_secure, None);
    let token = find("token");
    assert_eq!(token.target_secure, None);
    assert_eq!(
        token.target.as_deref(),
        Some("br/public:avm/res/app/container-app:0.1.0")
    );
    assert_eq!(doc.diagnostics.len(), 2, "{:?}", doc.diagnostics);
    assert!(doc
        .diagnostics
        .iter()
        .all(|d| d.kind == crate::model::DiagnosticKind::NotAnalysable));
}

#[test]
fn bicepparam_assignments() {
    let doc = load("modules/main.bicepparam");
    assert_eq!(doc.format, Format::BicepParam);
    assert!(doc.diagnostics.is_empty(), "{:?}", doc.diagnostics);
    assert_eq!(doc.assignments.len(), 3);
    let pw = &doc.assignments[0];
    assert_eq!(pw.name, "password");
    assert_eq!(pw.target_secure, Some(true));
    assert!(pw.value.is_plaintext());
    assert_eq!(doc.files[0].line_col(pw.span.start), (3, 7));
    assert_eq!(
        doc.assignments[1].value.provenance(),
        Provenance::KeyVaultRef
    );
    assert_eq!(doc.assignments[1].target_secure, Some(false));
    assert_eq!(doc.assignments[2].value.provenance(), Provenance::Unknown);

    let none = load("modules/none.bicepparam");
    assert_eq!(none.assignments.len(), 1);
    assert_eq!(none.assignments[0].target_secure, None);
    assert_eq!(none.assignments[0].target, None);
}

#[test]
fn broken_file_reports_and_keeps_declarations() {
    let doc = load("broken.bicep");
    assert_eq!(doc.diagnostics.len(), 2, "{:?}", doc.diagnostics);
    assert_eq!(
        doc.files[0].line_col(doc.diagnostics[0].span.start),
        (6, 28)
    );
    assert_eq!(
        doc.files[0].line_col(doc.diagnostics[1].span.start),
        (11, 7)
    );
    let a = resource(&doc, "a");
    assert_eq!(
        a.get("properties.minimumTlsVersion").and_then(Node::as_str),
        Some("TLS1_2")
    );
    assert!(a.get("properties.allowBlobPublicAccess").is_none());
    assert_eq!(
        resource(&doc, "b").resource_type,
        "Microsoft.KeyVault/vaults"
    );
    assert_eq!(doc.parameters.len(), 1);
}

#[test]
fn loop_items_take_the_most_dangerous_leaf() {
    let doc = load("provenance.bicep");
    let job = resource(&doc, "job");
    let secrets = job
        .get("properties.configuration.secrets")
        .and_then(Node::as_array)
        .expect("secrets");
    // The loop over a known variable is expanded: one element per item, each with its own
    // value (a Key Vault reference, a secure parameter): no plaintext.
    assert_eq!(secrets.len(), 2);
    let value = secrets[0].get("value").expect("value");
    assert_eq!(value.provenance(), Provenance::KeyVaultRef);
    assert!(!value.is_plaintext());
    let value = secrets[1].get("value").expect("value");
    assert_eq!(value.provenance(), Provenance::SecureInput);
    assert!(!value.is_plaintext());
    let name = secrets[0].get("name").expect("name");
    assert_eq!(name.provenance(), Provenance::Literal);
    // The index of a `range()` loop is a number, not a literal secret.
    let dapr = resource(&doc, "dapr");
    let v = dapr
        .get("properties.secrets")
        .and_then(Node::as_array)
        .expect("secrets")[0]
        .get("value")
        .expect("v");
    assert!(!v.is_plaintext());
}

#[test]
fn non_ascii_strings_classify_without_panicking() {
    // Byte 20 falls inside `é` (found by the mutation fuzzer).
    let src = "var a = 'SQL_Latin1_General_éCP1_CI_AS'\nvar b = a\n";
    let file = std::sync::Arc::new(crate::source::SourceFile::from_text("x.bicep", src));
    let doc = parse_file(file, &Loader::new("."));
    let b = &doc.variables[1].value;
    assert_eq!(b.provenance(), Provenance::Literal);
}

#[test]
fn an_empty_fallback_does_not_make_a_parameter_literal() {
    // `secrets ?? []`: the loop items come from the parameter, not from a literal.
    let src = "param secrets array?\n\
        param tags object?\n\
        module s './secret.bicep' = [for secret in (secrets ?? []): {\n\
          name: secret.name\n\
          params: {\n\
            value: secret.value\n\
            tags: tags ?? {}\n\
          }\n\
        }]\n";
    let file = std::sync::Arc::new(crate::source::SourceFile::from_text("main.bicep", src));
    let doc = parse_file(file, &Loader::new("."));
    let value = doc
        .assignments
        .iter()
        .find(|a| a.name == "value")
        .expect("value assignment");
    assert_eq!(value.value.provenance(), Provenance::Input);
    assert!(!value.value.is_plaintext());
    let tags = doc
        .assignments
        .iter()
        .find(|a| a.name == "tags")
        .expect("tags");
    assert_eq!(tags.value.provenance(), Provenance::Input);
}

fn parse_text(src: &str) -> Document {
    let file = std::sync::Arc::new(crate::source::SourceFile::from_text("t.bicep", src));
    parse_file(file, &Loader::new("."))
}

#[test]
fn empty_container_fallbacks_do_not_make_inputs_literal() {
    // Real-world AVM patterns: `param ?? []` loop sources, `union()` over loop items, and
    // `cond ? { … } : null` objects built from parameters. None of it is plaintext.
    let doc = parse_text(
        r#"param secrets array?
param roleAssignments array?
param credentials object?
@secure()
param pw string
param usePw bool
var formatted = [for ra in (roleAssignments ?? []): union(ra, { roleDefinitionId: 'x' })]
module kvSecrets './secret.bicep' = [for s in (secrets ?? []): {
  name: s.name
  params: {
    value: s.value
  }
}]
resource ra 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for r in formatted: {
  name: guid(r.principalId)
  properties: {
    principalId: r.principalId
  }
}]
resource token 'Microsoft.ContainerRegistry/registries/tokens@2025-11-01' = {
  name: 'tok'
  properties: {
    credentials: !empty(credentials ?? []) ? { passwords: credentials.?passwords } : null
  }
}
resource app 'Microsoft.App/containerApps@2025-01-01' = {
  name: 'app'
  properties: {
    configuration: {
      secrets: usePw ? [ { name: 'pw', value: pw } ] : []
      registries: usePw ? [ { server: 'x.azurecr.io' } ] : []
    }
    template: {
      containers: [ { name: 'c', image: 'i', env: [
        { name: 'A', value: secrets ?? 'fallback' }
        { name: 'B', value: union({ v: pw }, {}).v }
      ] } ]
    }
  }
}
"#,
    );
    // Only the note that the module file is not there (no syntax error).
    assert_eq!(doc.diagnostics.len(), 1, "{:?}", doc.diagnostics);
    assert_eq!(
        doc.diagnostics[0].kind,
        crate::model::DiagnosticKind::NotAnalysable
    );
    let value = &doc
        .assignments
        .iter()
        .find(|a| a.name == "value")
        .expect("value")
        .value;
    assert_eq!(value.provenance(), Provenance::Input);
    assert!(!value.is_plaintext());

    let principal = resource(&doc, "ra")
        .get("properties.principalId")
        .expect("principalId");
    assert_eq!(principal.provenance(), Provenance::Input);
    assert!(!principal.is_plaintext());

    // `cond ? { … } : null` is lowered as the object, so rules can see inside it.
    let creds = resource(&doc, "token")
        .get("properties.credentials.passwords")
        .expect("credentials.passwords");
    assert_eq!(creds.provenance(), Provenance::Input);
    assert!(!creds.is_plaintext());

    let app = resource(&doc, "app");
    // The conditional secrets list is lowered as the list: its value is the secure input.
    let secret_value = app
        .get("properties.configuration.secrets")
        .and_then(|s| s.as_array())
        .and_then(|s| s.first())
        .and_then(|s| s.get("value"))
        .expect("secrets[0].value");
    assert_eq!(secret_value.provenance(), Provenance::SecureInput);
    // A container of literals is still literal, and a literal fallback still counts.
    let registries = app
        .get("properties.configuration.registries")
        .expect("registries");
    assert_eq!(registries.provenance(), Provenance::Literal);
    let env = &app
        .get("properties.template.containers")
        .and_then(Node::as_array)
        .expect("containers")[0];
    let env_value = env
        .get("env")
        .and_then(Node::as_array)
        .and_then(|e| e[0].get("value"))
        .expect("env value");
    assert_eq!(env_value.provenance(), Provenance::Literal);
    // A member of a call over object literals is as secret as what the objects hold.
    let from_union = env
        .get("env")
        .and_then(Node::as_array)
        .and_then(|e| e[1].get("value"))
        .expect("env value");
    assert_eq!(from_union.provenance(), Provenance::SecureInput);
    assert!(!from_union.is_plaintext());
}

#[test]
fn parameter_types_are_reported_by_kind() {
    let doc = parse_text(
        r#"type secretType = {
  name: string
  @secure()
  value: string
}
type alias = secretType
param secrets secretType[]?
param list array?
param one secretType
param two alias?
param mode 'a' | 'b'
param count 1 | 2
param name string?
param flag bool
param qualified sys.string
param tuple [string, int]
param derived resourceInput<'Microsoft.App/sessionPools@2025-07-01'>.properties.secrets?
"#,
    );
    assert!(doc.diagnostics.is_empty(), "{:?}", doc.diagnostics);
    let kind = |n: &str| {
        doc.parameter(n)
            .and_then(|p| p.type_name.clone())
            .unwrap_or_default()
    };
    assert_eq!(kind("secrets"), "array");
    assert_eq!(kind("list"), "array");
    assert_eq!(kind("one"), "object");
    assert_eq!(kind("two"), "object");
    assert_eq!(kind("mode"), "string");
    assert_eq!(kind("count"), "int");
    assert_eq!(kind("name"), "string");
    assert_eq!(kind("flag"), "bool");
    assert_eq!(kind("qualified"), "string");
    assert_eq!(kind("tuple"), "array");
    assert_eq!(
        kind("derived"),
        // Not resolvable here: the written type, without the nullable marker.
        "resourceInput<'Microsoft.App/sessionPools@2025-07-01'>.properties.secrets"
    );
}

#[test]
fn optional_configuration_objects_are_visible_to_rules() {
    let doc = parse_text(
        "param private bool\n\
         param user string\n\
         resource app 'Microsoft.App/containerApps@2025-07-01' = {\n\
           name: 'app'\n\
           properties: {\n\
             configuration: {\n\
               registries: private ? [ { server: 'r.azurecr.io', username: user, passwordSecretRef: 'pw' } ] : null\n\
               ingress: private ? null : { external: true, allowInsecure: true }\n\
               dapr: private ? { enabled: true } : { enabled: false }\n\
             }\n\
           }\n\
         }\n",
    );
    let app = resource(&doc, "app");
    let server = app
        .get("properties.configuration.registries")
        .and_then(|r| r.as_array())
        .and_then(|r| r.first())
        .and_then(|r| r.get("passwordSecretRef"))
        .and_then(|n| n.as_str());
    assert_eq!(server, Some("pw"));
    assert_eq!(
        app.get("properties.configuration.ingress.allowInsecure")
            .and_then(|n| n.as_bool()),
        Some(true)
    );
    // Two non-empty branches: either may be deployed, so the value stays an expression.
    assert!(app
        .get("properties.configuration.dapr")
        .and_then(|n| n.as_expr())
        .is_some());
}

/// Lower in-memory Bicep through the real entry point, on a worker-sized stack.
fn bicep_on_worker(text: String) -> Document {
    crate::model::on_worker_stack(move || {
        let file = std::sync::Arc::new(crate::source::SourceFile::from_text("main.bicep", text));
        parse_file(file, &Loader::new("."))
    })
}

fn notes(doc: &Document) -> Vec<&crate::model::Diagnostic> {
    doc.diagnostics
        .iter()
        .filter(|d| d.kind == crate::model::DiagnosticKind::NotAnalysable)
        .collect()
}

/// Bytes and nodes of everything the document holds.
fn model_size(doc: &Document) -> crate::model::budget::Cost {
    use crate::model::budget::Cost;
    let all = Cost {
        nodes: usize::MAX,
        bytes: usize::MAX,
    };
    doc.resources
        .iter()
        .map(|r| &r.body)
        .chain(doc.variables.iter().map(|v| &v.value))
        .chain(doc.outputs.iter().map(|o| &o.value))
        .chain(doc.parameters.iter().filter_map(|p| p.default.as_ref()))
        .chain(doc.assignments.iter().map(|a| &a.value))
        .fold(Cost::default(), |acc, n| {
            let c = Cost::of(n, all);
            Cost {
                nodes: acc.nodes + c.nodes,
                bytes: acc.bytes + c.bytes,
            }
        })
}

#[test]
fn doubling_variables_give_a_small_model_quickly() {
    // Issue 13, D14: `repro/bicep-var-doubling-inspect/exp.bicep` (1.8 KB, 60 doubling
    // variables): `check` built a 631 MB model, `inspect` took 115 s and 23 GB.
    let mut src = String::from("var v0 = { a: 'x', b: 'y' }\n");
    for i in 1..60 {
        src.push_str(&format!("var v{i} = {{ a: v{p}, b: v{p} }}\n", p = i - 1));
    }
    src.push_str(
        "resource r0 'Microsoft.App/containerApps@2023-05-01' = {\n  name: 'r0'\n  properties: v59\n}\n",
    );
    let start = std::time::Instant::now();
    let doc = bicep_on_worker(src);
    let took = start.elapsed();
    // Well under a second on an idle machine (~0.1 s in a debug build); generous for CI.
    assert!(took.as_secs() < 5, "took {took:?}");
    let size = model_size(&doc);
    // ~49,000 nodes (the inline budget is 50,000) and ~75 KB of text: a few MB in memory.
    assert!(size.nodes < 100_000 && size.bytes < 1 << 20, "{size:?}");
    let notes = notes(&doc);
    assert_eq!(notes.len(), 1, "{:?}", doc.diagnostics);
    assert!(notes[0]
        .message
        .starts_with("variable values and parameter defaults are copied"));
    // Early variables are still inlined in full.
    let v3 = doc.variables.iter().find(|v| v.name == "v3").expect("v3");
    assert_eq!(
        v3.value.get_path("a.a.a.b").and_then(Node::as_str),
        Some("y")
    );
    // The late ones are unknown rather than enormous.
    let r0 = resource(&doc, "r0");
    assert_eq!(
        r0.get("properties").map(Node::provenance),
        Some(Provenance::Unknown)
    );
}

#[test]
fn large_values_are_not_copied_into_every_use() {
    // Issue 13, D9: a 1.5 MB string variable used 9,000 times (13.5 GB of copies).
    let big = "A".repeat(1_500_000);
    for (decl, use_) in [
        (format!("var s = '{big}'\n"), "s"),
        (format!("var o = {{ k: '{big}' }}\n"), "o.k"),
        (format!("var o = [ '{big}' ]\n"), "o[0]"),
        (format!("param s string = '{big}'\n"), "s"),
    ] {
        let uses = vec![use_; 9_000].join(", ");
        let src = format!(
            "{decl}resource r 'Microsoft.App/containerApps@2023-05-01' = {{\n  name: 'r'\n  properties: {{\n    template: {{\n      x: [{uses}]\n    }}\n  }}\n}}\n"
        );
        // A hang guard, not a benchmark: copying the value into every use took minutes and
        // gigabytes; sharing it takes about 3 s per case in a debug build, up to 18 s on a
        // machine loaded 8-fold. 60 s separates the two without failing on a busy CI.
        let start = std::time::Instant::now();
        let doc = bicep_on_worker(src);
        assert!(
            start.elapsed().as_secs() < 60,
            "{use_}: {:?}",
            start.elapsed()
        );
        let notes = notes(&doc);
        assert_eq!(notes.len(), 1, "{use_}: {:?}", doc.diagnostics);
        assert!(!notes[0].message.contains("AAAA"));
        assert_eq!(doc.files[0].slice(notes[0].span), use_);
        let size = model_size(&doc);
        assert!(size.bytes < 12 << 20, "{use_}: {size:?}");
        let items = resource(&doc, "r")
            .get("properties.template.x")
            .and_then(Node::as_array)
            .expect("x");
        assert_eq!(items.len(), 9_000);
        assert_eq!(
            items[0]
                .as_expr()
                .and_then(|e| e.literal.as_deref())
                .map(str::len),
            Some(1_500_000)
        );
        assert_eq!(items[8_999].provenance(), Provenance::Unknown);
    }
}
