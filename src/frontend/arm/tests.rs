//! Provenance of ARM expressions, evaluated against a small template's scope.

use std::collections::HashMap;
use std::sync::Arc;

use super::expression::{string_form, StringForm};
use super::json::parse_raw;
use super::scope::Scope;
use crate::model::{DerivedKind, Document, Expr, Format, Node, Provenance, Ref};
use crate::source::SourceFile;

const TEMPLATE: &str = r##"{
  "definitions": {
    "secretType": { "$ref": "#/definitions/innerSecret" },
    "innerSecret": { "type": "securestring" },
    "loop": { "$ref": "#/definitions/loop" }
  },
  "parameters": {
    "udtSecret": { "$ref": "#/definitions/secretType" },
    "udtLoop": { "$ref": "#/definitions/loop" },
    "adminPassword": { "type": "SecureString" },
    "secretsObj": { "type": "secureObject" },
    "location": { "type": "string", "defaultValue": "westeurope" },
    "count": { "type": "int", "defaultValue": 3 },
    "noDefault": { "type": "string" },
    "exprDefault": { "type": "string", "defaultValue": "[newGuid()]" },
    "settings": { "type": "object", "defaultValue": { "user": "admin", "tier": { "name": "S1" } } },
    "escaped": { "type": "string", "defaultValue": "[[notAnExpression]" }
  },
  "variables": {
    "literalVar": "hunter2",
    "chained": "[variables('literalVar')]",
    "fromSecure": "[parameters('adminPassword')]",
    "loopA": "[variables('loopB')]",
    "loopB": "[variables('loopA')]",
    "config": { "password": "P@ss", "nested": { "key": "[listKeys('x', '2020-01-01').keys[0].value]" } },
    "passwords": [ "one", "two" ],
    "acrId": "[resourceId('Microsoft.ContainerRegistry/registries', 'acr')]",
    "acrType": "Microsoft.ContainerRegistry/registries",
    "placeholder": "<your-password>",
    "empty": "",
    "secretList": [ { "name": "pw", "value": "[parameters('adminPassword')]" } ],
    "emptyList": []
  },
  "resources": {
    "acr": { "type": "Microsoft.ContainerRegistry/registries", "apiVersion": "2023-07-01", "name": "acr" },
    "kv": { "type": "Microsoft.KeyVault/vaults", "apiVersion": "2023-07-01", "name": "kv" }
  }
}"##;

fn with_scope<T>(f: impl FnOnce(&Scope<'_>) -> T) -> T {
    let file = Arc::new(SourceFile::from_text("t.json", TEMPLATE));
    let mut doc = Document::new(Format::Arm, file.clone());
    let root = parse_raw(&file, &mut doc).expect("template parses");
    assert!(doc.diagnostics.is_empty());
    let scope = Scope::for_template(&root, HashMap::new(), "");
    f(&scope)
}

/// Evaluate a full JSON string value (`"[...]"`) in the test template's scope.
fn eval(s: &str) -> Expr {
    match string_form(s) {
        StringForm::Expression(body) => with_scope(|scope| scope.eval_body(body)),
        StringForm::Literal(l) => panic!("not an expression: {l}"),
    }
}

fn named(resource_type: &str, name: &str) -> Ref {
    Ref {
        target: crate::model::Target::Named {
            resource_type: resource_type.into(),
            name: name.into(),
        },
        member: None,
    }
}

fn prov(s: &str) -> Provenance {
    eval(s).provenance
}

#[test]
fn parameters_secure_and_non_secure() {
    let e = eval("[parameters('adminPassword')]");
    assert_eq!(e.provenance, Provenance::SecureInput);
    assert_eq!(e.origin.as_deref(), Some("param:adminPassword"));
    assert_eq!(e.literal, None);
    assert_eq!(
        prov("[parameters('SECRETSOBJ').value]"),
        Provenance::SecureInput
    );

    let e = eval("[parameters('location')]");
    assert_eq!(e.provenance, Provenance::Input);
    assert_eq!(e.literal.as_deref(), Some("westeurope"));
    assert_eq!(eval("[parameters('count')]").literal.as_deref(), Some("3"));
    assert_eq!(eval("[parameters('noDefault')]").literal, None);
    // An expression default is not a literal default.
    let e = eval("[parameters('exprDefault')]");
    assert_eq!((e.provenance, e.literal), (Provenance::Input, None));
    assert_eq!(
        eval("[parameters('escaped')]").literal.as_deref(),
        Some("[notAnExpression]")
    );
    // Properties of an object default are followed, and stay inputs.
    let e = eval("[parameters('settings').tier.name]");
    assert_eq!(
        (e.provenance, e.literal.as_deref()),
        (Provenance::Input, Some("S1"))
    );
    assert_eq!(
        eval("[parameters('undeclared')]").provenance,
        Provenance::Unknown
    );
    // User-defined types: `$ref` to a secure definition is secure; a `$ref` cycle is not.
    assert_eq!(prov("[parameters('udtSecret')]"), Provenance::SecureInput);
    assert_eq!(prov("[parameters('udtLoop')]"), Provenance::Input);
}

#[test]
fn variables_resolve_through_chains_with_a_cycle_guard() {
    let e = eval("[variables('chained')]");
    assert_eq!(e.provenance, Provenance::Literal);
    assert_eq!(e.literal.as_deref(), Some("hunter2"));
    assert_eq!(e.origin.as_deref(), Some("var:chained"));
    assert_eq!(prov("[variables('fromSecure')]"), Provenance::SecureInput);
    assert_eq!(prov("[variables('loopA')]"), Provenance::Unknown);
    assert_eq!(prov("[variables('placeholder')]"), Provenance::Placeholder);
    assert_eq!(prov("[variables('empty')]"), Provenance::Empty);
    let e = eval("[variables('config').password]");
    assert_eq!(
        (e.provenance, e.literal.as_deref()),
        (Provenance::Literal, Some("P@ss"))
    );
    assert_eq!(
        prov("[variables('config').nested.key]"),
        Provenance::Derived(DerivedKind::ListKeys)
    );
    assert_eq!(
        eval("[variables('passwords')[1]]").literal.as_deref(),
        Some("two")
    );
    // An unknown index into a literal array is one of its (literal) items.
    assert_eq!(
        prov("[variables('passwords')[copyIndex()]]"),
        Provenance::Literal
    );
    assert_eq!(prov("[variables('config').missing]"), Provenance::Unknown);
}

#[test]
fn list_functions_and_registry_credentials() {
    let e = eval("[listKeys(resourceId('Microsoft.Storage/storageAccounts', 'sa'), '2023-01-01').keys[0].value]");
    assert_eq!(e.provenance, Provenance::Derived(DerivedKind::ListKeys));
    assert_eq!(e.origin.as_deref(), Some("fn:listKeys"));
    // A resource id with a known type and name is a typed reference to that resource.
    assert_eq!(
        e.refs,
        vec![named("Microsoft.Storage/storageAccounts", "sa").with_member("id")]
    );
    for f in [
        "listConnectionStrings",
        "listSecrets",
        "listAccountSas",
        "LISTKEYS",
    ] {
        assert_eq!(
            prov(&format!("[{f}('x', '2020-01-01')]")),
            Provenance::Derived(DerivedKind::ListKeys),
            "{f}"
        );
    }
    let registry = Provenance::Derived(DerivedKind::RegistryAdminCredential);
    assert_eq!(
        prov("[listCredentials(resourceId('Microsoft.ContainerRegistry/registries', 'acr'), '2023-07-01').passwords[0].value]"),
        registry
    );
    assert_eq!(
        prov("[listCredentials(variables('acrId'), '2023-07-01').username]"),
        registry
    );
    assert_eq!(
        prov("[listCredentials(resourceId(variables('acrType'), 'acr'), '2023-07-01')]"),
        registry
    );
    assert_eq!(prov("[listCredentials('acr', '2023-07-01')]"), registry);
    assert_eq!(
        prov("[listCredentials('kv', '2023-07-01')]"),
        Provenance::Derived(DerivedKind::ListKeys)
    );
    assert_eq!(
        prov("[listCredentials(resourceId('Microsoft.Web/sites/config', 'app', 'publishingcredentials'), '2022-03-01')]"),
        Provenance::Derived(DerivedKind::ListKeys)
    );
}

#[test]
fn references_resource_ids_and_generated_values() {
    // A symbolic name of the same template is its key; the member read is kept.
    let e = eval("[reference('kv').vaultUri]");
    assert_eq!(e.provenance, Provenance::Derived(DerivedKind::Reference));
    assert_eq!(e.refs, vec![Ref::resource("/kv").with_member("vaultUri")]);
    let e = eval("[reference('kv', '2023-07-01', 'full').identity.principalId]");
    assert_eq!(
        e.refs,
        vec![Ref::resource("/kv").with_member("identity.principalId")]
    );
    // By type and evaluated name (variables, parameter defaults, concat, format).
    let e = eval("[reference(resourceId('Microsoft.ContainerRegistry/registries', concat(variables('literalVar'), '-', parameters('location')))).loginServer]");
    assert_eq!(
        e.refs,
        vec![named(
            "Microsoft.ContainerRegistry/registries",
            "hunter2-westeurope"
        )
        .with_member("loginServer")]
    );
    let e = eval("[resourceId('sub', 'rg', 'Microsoft.App/managedEnvironments/daprComponents', 'env', format('{0}-x', 'd'))]");
    assert_eq!(
        e.refs,
        vec![named(
            "Microsoft.App/managedEnvironments/daprComponents",
            "env/d-x"
        )
        .with_member("id")]
    );
    // A name segment count that does not fit the type is not a typed reference.
    let e = eval("[resourceId('Microsoft.App/managedEnvironments/daprComponents', 'env')]");
    assert!(
        matches!(e.refs[0].target, crate::model::Target::Text(_)),
        "{:?}",
        e.refs
    );
    let e = eval("[reference(resourceId('Microsoft.Web/sites', parameters('location')), '2022-03-01', 'full').identity.principalId]");
    assert_eq!(e.provenance, Provenance::Derived(DerivedKind::Reference));
    assert_eq!(
        e.refs,
        vec![named("Microsoft.Web/sites", "westeurope").with_member("identity.principalId")]
    );
    let e = eval("[ResourceId( 'Microsoft.ManagedIdentity/userAssignedIdentities', parameters('noDefault') )]");
    assert_eq!(
        e.provenance,
        Provenance::Derived(DerivedKind::ResourceProperty)
    );
    assert_eq!(e.refs, vec![e.text.clone()]);
    for f in [
        "subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'x')",
        "extensionResourceId('a', 'b', 'c')",
        "tenantResourceId('a', 'b')",
    ] {
        assert_eq!(
            prov(&format!("[{f}]")),
            Provenance::Derived(DerivedKind::ResourceProperty),
            "{f}"
        );
    }
    assert_eq!(prov("[newGuid()]"), Provenance::Generated);
    assert_eq!(
        prov("[uniqueString(resourceGroup().id)]"),
        Provenance::Generated
    );
    assert_eq!(
        prov("[guid(subscription().id, 'x')]"),
        Provenance::Generated
    );
}

#[test]
fn interpolation_keeps_literal_fragments() {
    let e = eval("[concat('Server=tcp:', parameters('location'), ';Password=', parameters('adminPassword'))]");
    assert_eq!(e.provenance, Provenance::SecureInput);
    assert_eq!(e.origin.as_deref(), Some("param:adminPassword"));
    assert_eq!(
        e.literal.as_deref(),
        Some("Server=tcp:westeurope;Password=\u{2026}")
    );
    let e = eval("[concat('a', 'b', variables('literalVar'))]");
    assert_eq!(
        (e.provenance, e.literal.as_deref()),
        (Provenance::Literal, Some("abhunter2"))
    );
    let e = eval(
        "[format('AccountKey={0};Name={1}', listKeys('sa', '2021-01-01').keys[0].value, 'x')]",
    );
    assert_eq!(e.provenance, Provenance::Derived(DerivedKind::ListKeys));
    assert_eq!(e.literal.as_deref(), Some("AccountKey=\u{2026};Name=x"));
    let e = eval("[toLower(variables('literalVar'))]");
    assert_eq!(e.literal.as_deref(), Some("hunter2"));
    assert_eq!(
        prov("[base64(parameters('adminPassword'))]"),
        Provenance::SecureInput
    );
    // Non-string functions combine provenance but claim no literal text.
    let e = eval("[equals(parameters('location'), 'x')]");
    assert_eq!((e.provenance, e.literal), (Provenance::Input, None));
    // Namespaced user functions combine their arguments too.
    assert_eq!(
        prov("[__bicep.connection(parameters('adminPassword'))]"),
        Provenance::SecureInput
    );
    assert_eq!(prov("[deployment().name]"), Provenance::Unknown);
    assert_eq!(prov("[concat('', '')]"), Provenance::Empty);
}

#[test]
fn branches_take_the_most_dangerous_value() {
    let e = eval(
        "[if(equals(parameters('location'), 'x'), 'literal-secret', parameters('adminPassword'))]",
    );
    assert_eq!(
        (e.provenance, e.literal.as_deref()),
        (Provenance::Literal, Some("literal-secret"))
    );
    // A literal condition picks its branch.
    assert_eq!(
        prov("[if(true, parameters('adminPassword'), newGuid())]"),
        Provenance::SecureInput
    );
    assert_eq!(
        prov("[if(not(equals('a', 'b')), newGuid(), 'literal')]"),
        Provenance::Generated
    );
    assert_eq!(
        prov("[coalesce(parameters('adminPassword'), parameters('noDefault'))]"),
        Provenance::Input
    );
    assert_eq!(
        prov("[tryGet(variables('config'), 'password')]"),
        Provenance::Literal
    );
    assert_eq!(
        eval("[tryGet(parameters('settings'), 'tier', 'name')]")
            .literal
            .as_deref(),
        Some("S1")
    );
    assert_eq!(prov("[null()]"), Provenance::Empty);
    assert_eq!(prov("[createArray()]"), Provenance::Empty);
    assert_eq!(prov("[json('null')]"), Provenance::Empty);
    assert_eq!(prov("[json('{\"a\": 1}')]"), Provenance::Literal);
    // A "no key" branch does not make a listKeys() value literal.
    assert_eq!(
        prov("[if(equals(parameters('location'), 'x'), json('null'), listKeys('sa', '2021-01-01').keys[0].value)]"),
        Provenance::Derived(DerivedKind::ListKeys)
    );
    // createObject: keys are names; the values carry provenance.
    assert_eq!(prov("[createObject('value', '')]"), Provenance::Empty);
    assert_eq!(
        prov("[createObject('value', reference('kv').x).value]"),
        Provenance::Derived(DerivedKind::Reference)
    );
    assert_eq!(
        prov("[createObject('k', parameters('adminPassword'))]"),
        Provenance::SecureInput
    );
}

#[test]
fn literals_inside_expressions_and_garbage() {
    let e = eval("['it''s']");
    assert_eq!(
        (e.provenance, e.literal.as_deref()),
        (Provenance::Literal, Some("it's"))
    );
    assert_eq!(prov("[42]"), Provenance::Literal);
    assert_eq!(prov("[null]"), Provenance::Empty);
    assert_eq!(prov("['<your-secret>']"), Provenance::Placeholder);
    for garbage in ["[]", "[concat(]", "[parameters('x'))]", "[)(]", "[#!]"] {
        assert_eq!(prov(garbage), Provenance::Unknown, "{garbage}");
    }
    let deep = format!("[{}1{}]", "concat(".repeat(5000), ")".repeat(5000));
    assert_eq!(prov(&deep), Provenance::Unknown);
}

#[test]
fn expression_text_is_normalised() {
    let a = eval("[concat( parameters('location') , 'x y')]");
    let b = eval("[CONCAT(parameters('location'),'x y')]");
    assert_eq!(a.text, b.text);
    assert_eq!(a.text, "concat(parameters('location'),'x y')");
}

#[test]
fn lowering_keeps_spans_and_normalises_expression_keys() {
    let text = r#"{"identity": {"userAssignedIdentities": {"[resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', 'u')]": {}, "[[literal": 1}}, "v": "[[x]"}"#;
    let file = Arc::new(SourceFile::from_text("t.json", text));
    let mut doc = Document::new(Format::Arm, file.clone());
    let root = parse_raw(&file, &mut doc).unwrap();
    let scope = Scope::for_template(&root, HashMap::new(), "");
    let lowered = scope.lower(&root);
    let uai = lowered.get_path("identity.userAssignedIdentities").unwrap();
    let keys: Vec<&str> = uai
        .as_object()
        .unwrap()
        .iter()
        .map(|p| p.key.as_str())
        .collect();
    assert_eq!(
        keys,
        [
            "resourceid('Microsoft.ManagedIdentity/userAssignedIdentities','u')",
            "[literal"
        ]
    );
    let v = lowered.get("v").unwrap();
    assert_eq!(v.as_str(), Some("[x]"));
    assert_eq!(text.get(v.span.range()), Some("\"[[x]\""));
    assert_eq!(Node::provenance(v), Provenance::Literal);
}

#[test]
fn non_ascii_literals_are_classified_without_panicking() {
    // Regression: a 20-byte prefix check once sliced inside a multi-byte character.
    let e = eval("[format('\u{398}\u{3bc}\u{4e8c}{0}\u{5934}\u{808c}{1}\u{3b1}', 'a', 'b')]");
    assert_eq!(e.provenance, Provenance::Literal);
    assert!(Node::string(
        "\u{398}\u{3bc}\u{4e8c}{0}\u{5934}\u{808c}{1}\u{3b1}",
        Default::default()
    )
    .is_plaintext());
}

#[test]
fn wrapped_identity_keys_match_plain_identity_values() {
    // Bicep compiles `'${uai.id}': {}` to a format('{0}', …) key and `uai.id` to resourceId(…).
    let text = r#"{"k": {"[format('{0}', resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', parameters('n')))]": {}}, "v": "[resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', parameters('n'))]"}"#;
    let file = Arc::new(SourceFile::from_text("t.json", text));
    let mut doc = Document::new(Format::Arm, file.clone());
    let root = parse_raw(&file, &mut doc).unwrap();
    let lowered = Scope::for_template(&root, HashMap::new(), "").lower(&root);
    let key = &lowered.get("k").unwrap().as_object().unwrap()[0].key;
    let value = lowered.get("v").unwrap().as_expr().unwrap();
    assert_eq!(key, &value.text);
    assert_eq!(value.refs, vec![value.text.clone()]);
}

#[test]
fn doubling_variables_stay_bounded() {
    // Each variable doubles the previous one: 2^60 bytes if nothing were bounded.
    let mut vars = vec![r#""v0": "abcdefgh""#.to_string()];
    for i in 1..60 {
        vars.push(format!(
            r#""v{i}": "[concat(variables('v{p}'), variables('v{p}'))]""#,
            p = i - 1
        ));
    }
    let text = format!(r#"{{"variables": {{{}}}}}"#, vars.join(","));
    let file = Arc::new(SourceFile::from_text("t.json", text));
    let mut doc = Document::new(Format::Arm, file.clone());
    let root = parse_raw(&file, &mut doc).unwrap();
    let scope = Scope::for_template(&root, HashMap::new(), "");
    let e = scope.eval_body("variables('v59')");
    assert_eq!(e.provenance, Provenance::Literal);
    assert!(e.literal.unwrap().len() <= 16 * 1024 + 3);
}

#[test]
fn containers_as_values_take_their_leaves_provenance() {
    // A JSON container chosen by `if` / `coalesce` is what it holds, not a literal because
    // it is written in the template (the same rule as Bicep and Terraform).
    assert_eq!(
        prov("[if(equals(parameters('location'), 'x'), variables('secretList'), createArray())]"),
        Provenance::SecureInput
    );
    assert_eq!(
        prov("[coalesce(parameters('noDefault'), variables('emptyList'))]"),
        Provenance::Input
    );
    assert_eq!(prov("[variables('passwords')]"), Provenance::Literal);
    assert_eq!(prov("[variables('emptyList')]"), Provenance::Empty);
    // Following into the container still finds the exact leaf.
    assert_eq!(
        prov("[variables('config').nested.key]"),
        Provenance::Derived(DerivedKind::ListKeys)
    );
    assert_eq!(prov("[variables('config').password]"), Provenance::Literal);
    // A key the static object lacks is unknown, whatever the object holds.
    assert_eq!(
        prov("[tryGet(variables('config'), 'missing')]"),
        Provenance::Unknown
    );
    assert_eq!(
        prov("[tryGet(variables('secretList')[0], 'missing')]"),
        Provenance::Unknown
    );
}

const SCHEMA: &str =
    "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#";

/// Lower a template through the real entry point, on a worker-sized stack.
fn template_on_worker(text: String) -> Document {
    crate::model::on_worker_stack(move || {
        let file = Arc::new(SourceFile::from_text("t.json", text));
        super::template::parse_template(file)
    })
}

fn notes(doc: &Document) -> Vec<&str> {
    doc.diagnostics
        .iter()
        .filter(|d| d.kind == crate::model::DiagnosticKind::NotAnalysable)
        .map(|d| d.message.as_str())
        .collect()
}

/// Bytes and nodes of everything the document holds (resource bodies, variables, outputs).
fn model_size(doc: &Document) -> crate::model::budget::Cost {
    use crate::model::budget::Cost;
    let all = Cost {
        nodes: usize::MAX,
        bytes: usize::MAX,
    };
    let nodes = doc
        .resources
        .iter()
        .map(|r| &r.body)
        .chain(doc.variables.iter().map(|v| &v.value))
        .chain(doc.outputs.iter().map(|o| &o.value))
        .chain(doc.parameters.iter().filter_map(|p| p.default.as_ref()));
    nodes.fold(Cost::default(), |acc, n| {
        let c = Cost::of(n, all);
        Cost {
            nodes: acc.nodes + c.nodes,
            bytes: acc.bytes + c.bytes,
        }
    })
}

#[test]
fn long_access_chains_are_a_note_not_a_stack_overflow() {
    // Issue 13, D5 and the audit's json_index_chain_100k: `[variables('b')[0][0]…]` with
    // 100,000 `[0]` (and 60,000 `.a`) overflowed the stack; now the expression is not
    // analysed (AZL002) and the rest of the template is.
    for chain in ["[0]".repeat(100_000), ".a".repeat(60_000)] {
        let text = format!(
            r#"{{"$schema": "{SCHEMA}", "variables": {{"b": [], "a": "[variables('b'){chain}]"}},
              "resources": [{{"type": "Microsoft.App/containerApps", "apiVersion": "2023-05-01",
                "name": "app", "properties": {{"configuration": {{"secrets": [{{"name": "x", "value": "hunter2"}}]}}}}}}]}}"#
        );
        let doc = template_on_worker(text);
        assert_eq!(
            notes(&doc),
            ["a template expression nests deeper than 128 levels (calls, indexes and property accesses); such expressions are not analysed"]
        );
        let a = doc.variables.iter().find(|v| v.name == "a").expect("a");
        assert_eq!(a.value.provenance(), Provenance::Unknown);
        assert_eq!(doc.resources.len(), 1);
        assert!(doc.resources[0]
            .get("properties.configuration.secrets")
            .is_some());
    }
}

#[test]
fn variable_and_parameter_copies_are_budgeted_by_bytes() {
    // Issue 13, D9: a 1.5 MB string used 9,000 times was copied into every use (13.5 GB).
    let big = "A".repeat(1_500_000);
    for (decl, use_) in [
        (
            format!(r#""variables": {{"s": "{big}"}}"#),
            "[variables('s')]",
        ),
        (
            format!(r#""parameters": {{"s": {{"type": "string", "defaultValue": "{big}"}}}}"#),
            "[parameters('s')]",
        ),
        (
            format!(r#""variables": {{"o": {{"k": "{big}"}}}}"#),
            "[variables('o').k]",
        ),
        (
            format!(r#""variables": {{"o": ["{big}"]}}"#),
            "[variables('o')[parameters('i')]]",
        ),
    ] {
        let uses = vec![format!("\"{use_}\""); 9_000].join(",");
        let text = format!(
            r#"{{"$schema": "{SCHEMA}", {decl}, "resources": [{{"type": "Microsoft.App/containerApps",
                "apiVersion": "2023-05-01", "name": "r", "properties": {{"template": {{"x": [{uses}]}}}}}}]}}"#
        );
        let start = std::time::Instant::now();
        let doc = template_on_worker(text);
        assert!(
            start.elapsed().as_secs() < 10,
            "{use_}: {:?}",
            start.elapsed()
        );
        let notes = notes(&doc);
        assert_eq!(notes.len(), 1, "{use_}: {notes:?}");
        assert!(notes[0].starts_with("variable values and parameter defaults are copied"));
        assert!(!notes[0].contains("AAAA"));
        // The model holds the declaration and a few copies, not 9,000.
        let size = model_size(&doc);
        assert!(size.bytes < 12 << 20, "{use_}: {size:?}");
        let items = doc.resources[0]
            .get("properties.template.x")
            .and_then(Node::as_array)
            .expect("x");
        assert_eq!(items.len(), 9_000);
        assert_eq!(items[8_999].provenance(), Provenance::Unknown);
        // The note points at the first use that was not analysed.
        let note = doc
            .diagnostics
            .iter()
            .find(|d| d.kind == crate::model::DiagnosticKind::NotAnalysable)
            .expect("note");
        assert_eq!(doc.files[0].slice(note.span), format!("\"{use_}\""));
    }
}
