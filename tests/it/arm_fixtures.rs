//! The ARM front end over the hand-written fixtures in `testdata/arm/`.

use std::fmt::Write;
use std::path::{Path, PathBuf};

use azlint::__internal::frontend::{arm, Loader};
use azlint::__internal::model::{
    DerivedKind, DiagnosticKind, Document, Node, Provenance, Resource, Value,
};
use azlint::Span;

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/arm")
}

fn template(name: &str) -> Document {
    let loader = Loader::new(dir());
    let file = loader
        .read_checked(&dir().join(name))
        .expect("fixture readable");
    arm::parse_template(file, &loader)
}

fn parameters(name: &str) -> Document {
    let loader = Loader::new(dir());
    let file = loader
        .read_checked(&dir().join(name))
        .expect("fixture readable");
    arm::parse_parameters(file, &loader)
}

/// (line, column) of a span's start.
fn at(doc: &Document, span: Span) -> (u32, u32) {
    doc.file(span).line_col(span.start)
}

fn text(doc: &Document, span: Span) -> &str {
    doc.file(span).slice(span)
}

fn resource<'d>(doc: &'d Document, ty: &str) -> &'d Resource {
    doc.resources
        .iter()
        .find(|r| r.is_type(ty))
        .unwrap_or_else(|| {
            panic!(
                "no {ty} in {:?}",
                doc.resources
                    .iter()
                    .map(|r| &r.resource_type)
                    .collect::<Vec<_>>()
            )
        })
}

fn prov(node: Option<&Node>) -> Provenance {
    node.expect("node present").provenance()
}

#[test]
fn array_resources_with_children_copy_and_condition() {
    let doc = template("array-resources.json");
    assert!(doc.diagnostics.is_empty(), "{:?}", doc.diagnostics);
    let types: Vec<&str> = doc
        .resources
        .iter()
        .map(|r| r.resource_type.as_str())
        .collect();
    assert_eq!(
        types,
        [
            "Microsoft.App/managedEnvironments",
            "Microsoft.App/managedEnvironments/daprComponents",
            "Microsoft.Storage/storageAccounts",
            "Microsoft.Storage/storageAccounts"
        ]
    );

    // The name is evaluated (here from the parameter's default): messages and the linker
    // use it; the key is unique in the deployment.
    let env = &doc.resources[0];
    assert_eq!(env.name, "prod-env");
    assert_eq!(env.name_value.as_deref(), Some("prod-env"));
    assert_eq!(env.key, "/Microsoft.App/managedEnvironments/prod-env");
    assert_eq!(env.symbol, None);
    assert_eq!(env.api_version.as_deref(), Some("2024-03-01"));
    assert_eq!(at(&doc, env.span), (19, 7));
    assert_eq!(
        text(&doc, env.span),
        "\"type\": \"Microsoft.App/managedEnvironments\""
    );
    // The body keeps every key, including the nested children.
    assert!(env.get("resources").is_some());
    let name = env.get("name").unwrap();
    assert_eq!(name.provenance(), Provenance::Input);
    assert_eq!(name.as_expr().unwrap().literal.as_deref(), Some("prod-env"));
    assert_eq!(at(&doc, name.span), (21, 15));

    // A nested child's full name is its parent's and its own.
    let dapr = &doc.resources[1];
    assert_eq!(at(&doc, dapr.span), (26, 11));
    assert_eq!(dapr.name, "prod-env/statestore");
    let secrets = dapr
        .get("properties.secrets")
        .and_then(Node::as_array)
        .unwrap();
    assert_eq!(
        secrets[0].get("value").unwrap().provenance(),
        Provenance::SecureInput
    );
    let other = secrets[1].get("value").unwrap();
    assert!(
        other.is_plaintext(),
        "a variable resolving to a literal is plaintext"
    );
    let e = other.as_expr().unwrap();
    assert_eq!(e.literal.as_deref(), Some("hard-coded-dapr-secret"));
    assert_eq!(e.origin.as_deref(), Some("var:secretRef"));
    assert_eq!(at(&doc, other.span), (35, 43));
    assert_eq!(prov(dapr.get("condition")), Provenance::Input);

    // A copy loop of known count: one resource per element, `copyIndex()` known in each.
    let storage = &doc.resources[2];
    assert!(storage.get("copy.count").is_some());
    let keys: Vec<&str> = doc.resources[2..].iter().map(|r| r.key.as_str()).collect();
    assert!(
        keys[0].ends_with("[0]") && keys[1].ends_with("[1]"),
        "{keys:?}"
    );
    assert_ne!(doc.resources[2].span, Span::default());
    assert_eq!(
        storage
            .get("properties.minimumTlsVersion")
            .and_then(Node::as_str),
        Some("TLS1_0")
    );
    assert_eq!(prov(storage.get("name")), Provenance::Generated);

    // Parameters: secure types compared ignoring case; defaults lowered.
    let names: Vec<(&str, bool)> = doc
        .parameters
        .iter()
        .map(|p| (p.name.as_str(), p.secure))
        .collect();
    assert_eq!(
        names,
        [
            ("envName", false),
            ("redisPassword", true),
            ("sqlPassword", true),
            ("deployDapr", false)
        ]
    );
    let sql = doc.parameter("sqlpassword").unwrap();
    assert_eq!(at(&doc, sql.span), (9, 5));
    assert!(sql.default.as_ref().unwrap().is_plaintext());
    assert_eq!(sql.type_name.as_deref(), Some("SECURESTRING"));

    assert_eq!(doc.variables.len(), 3);
    assert_eq!(
        doc.variables[2].value.as_expr().unwrap().literal.as_deref(),
        Some("hard-coded-dapr-secret")
    );

    assert_eq!(doc.outputs.len(), 2);
    assert!(doc.outputs[0].secure);
    assert_eq!(
        doc.outputs[0].value.provenance(),
        Provenance::Derived(DerivedKind::ListKeys)
    );
    assert!(!doc.outputs[1].secure);
    assert_eq!(at(&doc, doc.outputs[1].span), (57, 5));
}

#[test]
fn symbolic_resources_language_version_2() {
    let doc = template("symbolic.json");
    assert!(doc.diagnostics.is_empty(), "{:?}", doc.diagnostics);
    let symbols: Vec<Option<&str>> = doc.resources.iter().map(|r| r.symbol.as_deref()).collect();
    assert_eq!(symbols, [Some("acr"), Some("uai"), Some("app")]);
    let acr = resource(&doc, "microsoft.containerregistry/registries");
    assert!(acr.existing);
    assert_eq!(acr.name, "acr");
    assert_eq!(at(&doc, acr.span), (12, 7));

    let app = resource(&doc, "Microsoft.App/containerApps");
    assert_eq!(at(&doc, app.span), (23, 7));
    assert!(!app.existing);
    let secret = app
        .get("properties.configuration.secrets")
        .and_then(Node::as_array)
        .unwrap()[0]
        .get("value")
        .unwrap();
    assert_eq!(
        secret.provenance(),
        Provenance::Derived(DerivedKind::RegistryAdminCredential)
    );
    assert_eq!(at(&doc, secret.span), (38, 24));

    // An expression key and an expression value naming the same identity compare equal.
    let uai_keys = app
        .get("identity.userAssignedIdentities")
        .and_then(Node::as_object)
        .unwrap();
    let registry_identity = app
        .get("properties.configuration.registries")
        .and_then(Node::as_array)
        .unwrap()[0]
        .get("identity")
        .unwrap();
    let e = registry_identity.as_expr().unwrap();
    assert_eq!(uai_keys[0].key, e.text);
    assert_eq!(
        e.refs[0].target,
        azlint::__internal::model::Target::Named {
            resource_type: "Microsoft.ManagedIdentity/userAssignedIdentities".into(),
            name: "app-identity".into()
        }
    );
    assert_eq!(e.refs[0].member.as_deref(), Some("id"));
    assert_eq!(at(&doc, uai_keys[0].key_span), (30, 11));
    let server = app
        .get("properties.configuration.registries")
        .and_then(Node::as_array)
        .unwrap()[0]
        .get("server")
        .unwrap();
    let refs = &server.as_expr().unwrap().refs;
    assert_eq!(
        refs[0],
        azlint::__internal::model::Ref::resource("/acr").with_member("loginServer")
    );
}

#[test]
fn nested_deployments_inner_and_outer_scope() {
    let doc = template("nested-deployment.json");
    assert!(doc.diagnostics.is_empty(), "{:?}", doc.diagnostics);
    let names: Vec<&str> = doc.resources.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(
        names,
        ["inner-scope", "inner-app", "outer-scope", "outer-vm"]
    );

    // Inner scope: parameters resolve to the values passed in, evaluated in the outer scope.
    let app = resource(&doc, "Microsoft.App/containerApps");
    let secrets = app
        .get("properties.configuration.secrets")
        .and_then(Node::as_array)
        .unwrap();
    let values: Vec<Provenance> = secrets
        .iter()
        .map(|s| s.get("value").unwrap().provenance())
        .collect();
    // A secure parameter stays a secure input whatever it is given (a plaintext value given
    // to it is AZL128's, at the assignment).
    assert_eq!(
        values,
        [
            Provenance::SecureInput,
            Provenance::Literal,
            Provenance::SecureInput
        ]
    );
    // A use that IS the parameter becomes the value passed, where it is written (the
    // deployment's `parameters`), with a flow step at the use.
    let literal = secrets[1].get("value").unwrap();
    assert!(literal.is_plaintext());
    assert_eq!(literal.as_str(), Some("literal-passed-in"));
    assert_eq!(at(&doc, literal.span), (21, 39));
    let via = literal.via();
    assert_eq!(via.len(), 1);
    assert_eq!(
        via[0].note,
        "parameter `literalSecret` of nested deployment `inner-scope`"
    );
    assert_eq!(text(&doc, via[0].span), "\"[parameters('literalSecret')]\"");
    // The inner template's resources are an instance of their own.
    assert_eq!(
        app.key,
        "/inner-scope/Microsoft.App/containerApps/inner-app"
    );
    assert_eq!(
        app.instance.as_ref().map(|i| i.path.as_str()),
        Some("inner-scope")
    );

    // The deployment resource keeps its body, with the template in its own scope.
    let deployment = &doc.resources[0];
    assert!(deployment.is_type("Microsoft.Resources/deployments"));
    let inner_in_body = deployment
        .get("properties.template.resources")
        .and_then(Node::as_array)
        .unwrap()[0]
        .get_path("properties.configuration.secrets")
        .and_then(Node::as_array)
        .unwrap()[1]
        .get("value")
        .unwrap();
    assert_eq!(inner_in_body.provenance(), Provenance::Literal);
    assert_eq!(
        prov(deployment.get("properties.parameters.secretFromOuter.value")),
        Provenance::SecureInput
    );

    // Assignments for each passed parameter, with the inner declaration's secure-ness.
    let assigned: Vec<(&str, Option<bool>, Provenance)> = doc
        .assignments
        .iter()
        .map(|a| (a.name.as_str(), a.target_secure, a.value.provenance()))
        .collect();
    assert_eq!(
        assigned,
        [
            ("secretFromOuter", Some(true), Provenance::SecureInput),
            ("literalSecret", Some(false), Provenance::Literal),
            ("fromVault", Some(true), Provenance::KeyVaultRef)
        ]
    );
    assert_eq!(doc.assignments[0].target.as_deref(), Some("inner-scope"));
    assert_eq!(at(&doc, doc.assignments[1].span), (21, 11));
    assert_eq!(at(&doc, doc.assignments[2].value.span), (23, 26));

    // Outer scope: the inner template sees the outer parameters and variables.
    let vm = resource(&doc, "Microsoft.Compute/virtualMachines");
    assert_eq!(
        prov(vm.get("properties.osProfile.adminPassword")),
        Provenance::SecureInput
    );
    let custom = vm.get("properties.osProfile.customData").unwrap();
    assert!(custom.is_plaintext());
    assert_eq!(
        custom.as_expr().unwrap().literal.as_deref(),
        Some("Passw0rd-in-a-variable")
    );
    assert_eq!(
        vm.get("location")
            .unwrap()
            .as_expr()
            .unwrap()
            .literal
            .as_deref(),
        Some("westeurope")
    );
    assert_eq!(at(&doc, vm.span), (67, 15));
}

#[test]
fn parameter_file_with_literal_and_key_vault_reference() {
    let doc = parameters("app.parameters.json");
    assert!(doc.diagnostics.is_empty(), "{:?}", doc.diagnostics);
    let a: Vec<(&str, Option<bool>, Provenance)> = doc
        .assignments
        .iter()
        .map(|a| (a.name.as_str(), a.target_secure, a.value.provenance()))
        .collect();
    assert_eq!(
        a,
        [
            ("appName", Some(false), Provenance::Literal),
            ("dbPassword", Some(true), Provenance::Literal),
            ("apiKey", Some(true), Provenance::KeyVaultRef),
            ("undeclared", None, Provenance::Literal)
        ]
    );
    // Parameter files do not evaluate expressions: the bracketed text is a literal.
    let db = &doc.assignments[1];
    assert_eq!(
        db.value.as_str(),
        Some("[not-an-expression-in-a-parameter-file]")
    );
    assert!(db.value.is_plaintext());
    assert_eq!(at(&doc, db.span), (6, 5));
    assert_eq!(text(&doc, db.span), "\"dbPassword\"");
    assert_eq!(db.target.as_deref(), Some("app.json"));
    let kv = &doc.assignments[2];
    assert!(!kv.value.is_plaintext());
    assert_eq!(at(&doc, kv.value.span), (8, 20));
    assert_eq!(
        kv.value.as_expr().unwrap().origin.as_deref(),
        Some("keyvault:api-key")
    );

    let orphan = parameters("orphan.parameters.json");
    assert_eq!(orphan.assignments.len(), 1);
    assert_eq!(orphan.assignments[0].target_secure, None);
    assert_eq!(orphan.assignments[0].target, None);
}

#[test]
fn parameter_file_for_a_bicep_template() {
    let doc = parameters("bicep-target/main.parameters.json");
    assert!(doc.diagnostics.is_empty(), "{:?}", doc.diagnostics);
    assert_eq!(doc.assignments.len(), 2);
    for a in &doc.assignments {
        assert_eq!(a.target.as_deref(), Some("bicep-target/main.bicep"));
    }
    let db = &doc.assignments[1];
    assert_eq!(db.name, "dbPassword");
    assert!(db.value.is_plaintext());
    // Secure-ness comes from the Bicep front end's declarations (unknown while it is a stub).
    assert!(
        matches!(db.target_secure, None | Some(true)),
        "{:?}",
        db.target_secure
    );
    assert!(matches!(
        doc.assignments[0].target_secure,
        None | Some(false)
    ));
}

#[test]
fn malformed_json_is_a_parse_error_at_the_error() {
    let doc = template("malformed.json");
    assert!(doc.resources.is_empty());
    assert_eq!(doc.diagnostics.len(), 1);
    let d = &doc.diagnostics[0];
    assert_eq!(d.kind, DiagnosticKind::ParseError);
    assert_eq!(at(&doc, d.span), (8, 14));
    assert!(d.message.starts_with("invalid JSON"), "{}", d.message);
}

#[test]
fn garbage_never_panics() {
    let loader = Loader::new(".");
    for text in [
        "",
        "[]",
        "\"x\"",
        "{\"resources\": 5}",
        "{\"resources\": [1, \"x\", {\"type\": 5}, {\"type\": \"a/b\", \"resources\": {\"c\": {\"type\": \"c\"}}}]}",
        "{\"parameters\": [], \"variables\": 1, \"outputs\": {\"o\": 1}}",
        "{\"variables\": {\"a\": \"[variables('a')]\", \"b\": \"[concat(variables('b'), variables('a'))]\"}, \"outputs\": {\"o\": {\"value\": \"[variables('b')]\"}}}",
        "{\"resources\": [{\"type\": \"Microsoft.Resources/deployments\", \"properties\": {\"template\": {\"resources\": [{\"type\": \"Microsoft.Resources/deployments\", \"properties\": {\"expressionEvaluationOptions\": {\"scope\": \"inner\"}, \"parameters\": {\"x\": {}}, \"template\": 3}}]}}}]}",
        "{\"parameters\": {\"p\": {\"reference\": {\"keyVault\": 1}}}}",
        "\u{feff}{}",
        "{\"a\": \"[\u{e9}()]\"}",
    ] {
        let file = std::sync::Arc::new(azlint::SourceFile::from_text("g.json", text));
        let _ = arm::parse_template(file.clone(), &loader);
        let _ = arm::parse_parameters(file, &loader);
    }
}

#[test]
fn nested_deployment_parameter_written_as_one_expression() {
    // Bicep emits conditional module parameters as one expression for the whole entry.
    let text = r#"{
      "parameters": { "pw": { "type": "securestring" } },
      "resources": [{
        "type": "Microsoft.Resources/deployments", "name": "mod",
        "properties": {
          "expressionEvaluationOptions": { "scope": "inner" },
          "parameters": { "key": "[if(true, createObject('value', parameters('pw')), createObject('value', ''))]" },
          "template": {
            "parameters": { "key": { "type": "securestring" } },
            "resources": [{ "type": "Microsoft.Web/sites", "name": "s", "properties": { "k": "[parameters('key')]" } }]
          }
        }
      }]
    }"#;
    let file = std::sync::Arc::new(azlint::SourceFile::from_text("m.json", text));
    let doc = arm::parse_template(file, &Loader::new("."));
    assert_eq!(doc.assignments.len(), 1);
    assert_eq!(doc.assignments[0].target_secure, Some(true));
    assert_eq!(
        doc.assignments[0].value.provenance(),
        Provenance::SecureInput
    );
    let site = resource(&doc, "Microsoft.Web/sites");
    assert_eq!(prov(site.get("properties.k")), Provenance::SecureInput);
}

#[test]
fn extensibility_type_carries_its_version() {
    let text = r#"{"languageVersion": "2.0", "resources": {"g": {"type": "Microsoft.Graph/groups@v1.0", "name": "g"}}}"#;
    let file = std::sync::Arc::new(azlint::SourceFile::from_text("ext.json", text));
    let doc = arm::parse_template(file, &Loader::new("."));
    assert_eq!(doc.resources[0].resource_type, "Microsoft.Graph/groups");
    assert_eq!(doc.resources[0].api_version.as_deref(), Some("v1.0"));
}

#[test]
fn deeply_nested_deployments_are_bounded() {
    // 200 nested inline templates: no stack overflow, a note about the depth.
    let mut t =
        String::from("{\"type\": \"Microsoft.Storage/storageAccounts\", \"name\": \"leaf\"}");
    for _ in 0..200 {
        t = format!("{{\"type\": \"Microsoft.Resources/deployments\", \"properties\": {{\"template\": {{\"resources\": [{t}]}}}}}}");
    }
    let text = format!("{{\"resources\": [{t}]}}");
    let loader = Loader::new(".");
    let file = std::sync::Arc::new(azlint::SourceFile::from_text("deep.json", text));
    let doc = std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(move || arm::parse_template(file, &loader))
        .unwrap()
        .join()
        .unwrap();
    assert!(!doc.diagnostics.is_empty());
}

/// A compact, reviewable rendering of a lowered document: resources with their declaration
/// position, then every scalar with its provenance.
fn render(doc: &Document) -> String {
    let mut out = String::new();
    for r in &doc.resources {
        let (l, c) = at(doc, r.span);
        writeln!(
            out,
            "resource {} name={} symbol={:?} @{l}:{c}",
            r.resource_type, r.name, r.symbol
        )
        .unwrap();
        r.body.walk(&mut |path, node| {
            let line = at(doc, node.span).0;
            match &node.value {
                Value::Object(props) if props.is_empty() => writeln!(out, "  {path} = {{}} (line {line})").unwrap(),
                Value::Object(_) | Value::Array(_) => {}
                Value::Expr(e) => {
                    writeln!(
                        out,
                        "  {path} = expr {:?} `{}` literal={:?} origin={:?} refs={:?} (line {line})",
                        e.provenance,
                        e.text,
                        e.literal,
                        e.origin,
                        e.refs
                    )
                    .unwrap();
                }
                _ => {
                    writeln!(out, "  {path} = {} {:?} (line {line})", node.provenance().rule_name(), node.known_text())
                        .unwrap();
                }
            }
        });
    }
    for a in &doc.assignments {
        writeln!(
            out,
            "assignment {} -> {:?} target_secure={:?} value={} (line {})",
            a.name,
            a.target,
            a.target_secure,
            a.value.provenance().rule_name(),
            at(doc, a.span).0
        )
        .unwrap();
    }
    out
}

#[test]
fn snapshot_of_a_lowered_symbolic_template() {
    insta::assert_snapshot!(render(&template("symbolic.json")));
}
