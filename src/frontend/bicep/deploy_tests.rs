//! Instantiation tests: `.bicepparam` values and module arguments bound into templates,
//! module outputs, calls that cannot be followed, loops and conditions over known values,
//! keys, evaluated names and typed references. Files are in-memory overrides of a loader.

use std::path::{Path, PathBuf};

use crate::frontend::bicep::parse_file;
use crate::frontend::Loader;
use crate::model::{DiagnosticKind, Document, Node, Provenance, Ref, Resource, Value};

const ROOT: &str = "/virtual/repo";

/// Lower `entry` of a repository made of `files` (path relative to the root, text).
fn deploy(files: &[(&str, &str)], entry: &str) -> Document {
    let mut loader = Loader::new(ROOT);
    for (p, text) in files {
        loader = loader.with_override(Path::new(ROOT).join(p), *text);
    }
    let file = loader
        .load(&PathBuf::from(ROOT).join(entry))
        .expect("entry exists");
    parse_file(file, &loader)
}

fn by_key<'a>(doc: &'a Document, key: &str) -> &'a Resource {
    doc.resources
        .iter()
        .find(|r| r.key == key)
        .unwrap_or_else(|| {
            let keys: Vec<&str> = doc.resources.iter().map(|r| r.key.as_str()).collect();
            panic!("no resource {key} in {keys:?}")
        })
}

/// The file and 1-based line of a span of the document.
fn at(doc: &Document, span: crate::source::Span) -> (String, u32) {
    let file = doc.file(span);
    (file.display_path.clone(), file.line_col(span.start).0)
}

fn notes(doc: &Document) -> Vec<&str> {
    doc.diagnostics
        .iter()
        .filter(|d| d.kind == DiagnosticKind::NotAnalysable)
        .map(|d| d.message.as_str())
        .collect()
}

const APP: &str = "param appName string
param dbPassword string
@secure()
param apiKey string = ''

resource app 'Microsoft.App/containerApps@2025-07-01' = {
  name: appName
  properties: {
    configuration: {
      secrets: [
        { name: 'db', value: dbPassword }
        { name: 'api', value: 'pre-${dbPassword}' }
      ]
    }
  }
}

output id string = app.id
output name string = appName
";

fn secret<'a>(r: &'a Resource, name: &str) -> &'a Node {
    r.get("properties.configuration.secrets")
        .and_then(Node::as_array)
        .expect("secrets")
        .iter()
        .find(|s| s.get("name").and_then(Node::as_str) == Some(name))
        .and_then(|s| s.get("value"))
        .expect("secret value")
}

#[test]
fn bicepparam_values_are_the_templates_bindings() {
    let doc = deploy(
        &[
            ("app.bicep", APP),
            (
                "main.bicepparam",
                "using './app.bicep'\n\nparam appName = 'web'\nparam dbPassword = 'Sup3rS3cret!'\n",
            ),
        ],
        "main.bicepparam",
    );
    assert!(doc.diagnostics.is_empty(), "{:?}", doc.diagnostics);
    // The template is the entry's: its resources are not in a module instance.
    let app = by_key(&doc, "/app");
    assert!(app.instance.is_none());
    assert_eq!(app.name_value.as_deref(), Some("web"));
    // A use that IS the parameter: the bicepparam value, where it is written, with a flow
    // step at the use in the template.
    let db = secret(app, "db");
    assert_eq!(db.as_str(), Some("Sup3rS3cret!"));
    assert!(db.is_plaintext());
    assert_eq!(at(&doc, db.span), ("main.bicepparam".to_string(), 4));
    let via = db.via();
    assert_eq!(via.len(), 1);
    assert_eq!(at(&doc, via[0].span), ("app.bicep".to_string(), 11));
    assert!(via[0].note.contains("`dbPassword`"), "{}", via[0].note);
    assert!(
        !via[0].note.contains("Sup3r"),
        "a flow note never shows a value"
    );
    // A use inside an interpolation takes the value's provenance, at the use.
    let api = secret(app, "api");
    assert_eq!(at(&doc, api.span).0, "app.bicep");
    assert_eq!(api.provenance(), Provenance::Literal);
    // The parameter file's assignments stay, with the template's secure info.
    assert_eq!(doc.assignments.len(), 2);
    let a = &doc.assignments[1];
    assert_eq!(a.name, "dbPassword");
    assert_eq!(a.target_secure, Some(false));
    assert_eq!(a.target.as_deref(), Some("./app.bicep"));
}

#[test]
fn bicepparam_key_vault_and_environment_values_stay_what_they_are() {
    let doc = deploy(
        &[
            ("app.bicep", APP),
            (
                "main.bicepparam",
                "using './app.bicep'\nparam appName = readEnvironmentVariable('NAME')\n\
                 param dbPassword = az.getSecret('s', 'rg', 'kv', 'db')\n",
            ),
        ],
        "main.bicepparam",
    );
    let app = by_key(&doc, "/app");
    // A Key Vault reference given to a parameter not marked secure: the template keeps
    // seeing that non-secure input (its own flaw, reported where it uses it), never a
    // plaintext value.
    let db = secret(app, "db");
    assert_eq!(db.provenance(), Provenance::Input);
    assert!(!db.is_plaintext());
    assert_eq!(app.name_value, None);
}

#[test]
fn using_none_and_registry_templates_are_noted_once() {
    let none = deploy(
        &[("p.bicepparam", "using none\nparam x = 'v'\n")],
        "p.bicepparam",
    );
    assert_eq!(notes(&none).len(), 1, "{:?}", none.diagnostics);
    assert!(notes(&none)[0].contains("using none"));
    assert_eq!(none.assignments.len(), 1);

    let remote = deploy(
        &[(
            "p.bicepparam",
            "using 'br/public:avm/res/app/container-app:0.1.0'\nparam x = 'v'\n",
        )],
        "p.bicepparam",
    );
    assert_eq!(notes(&remote).len(), 1, "{:?}", remote.diagnostics);
    assert!(notes(&remote)[0].contains("not a local file"));
}

const TWICE: &str = "@secure()
param adminPassword string

module safe './app.bicep' = {
  name: 'safe'
  params: {
    appName: 'safe-app'
    dbPassword: adminPassword
  }
}

module unsafe './app.bicep' = {
  name: 'unsafe'
  params: {
    appName: 'unsafe-app'
    dbPassword: 'Sup3rS3cret!'
  }
}

output safeId string = safe.outputs.id
output unsafeName string = unsafe.outputs.name
";

#[test]
fn a_module_called_twice_is_two_instances_with_their_own_arguments() {
    let doc = deploy(&[("app.bicep", APP), ("main.bicep", TWICE)], "main.bicep");
    assert!(doc.diagnostics.is_empty(), "{:?}", doc.diagnostics);
    let safe = by_key(&doc, "/safe/app");
    let unsafe_ = by_key(&doc, "/unsafe/app");
    assert_eq!(
        safe.instance.as_ref().map(|i| i.path.as_str()),
        Some("safe")
    );
    assert_eq!(
        unsafe_.instance.as_ref().map(|i| i.source.as_str()),
        Some("./app.bicep")
    );
    assert_eq!(safe.name_value.as_deref(), Some("safe-app"));
    assert_eq!(unsafe_.name_value.as_deref(), Some("unsafe-app"));

    // A secure value given to a parameter not marked secure stays that input inside the
    // module (AZL106 reports it there), never plaintext.
    let s = secret(safe, "db");
    assert_eq!(s.provenance(), Provenance::Input);
    assert!(!s.is_plaintext());
    assert_eq!(at(&doc, s.span).0, "app.bicep");

    let u = secret(unsafe_, "db");
    assert!(u.is_plaintext());
    assert_eq!(at(&doc, u.span), ("main.bicep".to_string(), 16));
    assert_eq!(at(&doc, u.via()[0].span), ("app.bicep".to_string(), 11));
    assert!(
        u.via()[0].note.contains("module `unsafe`"),
        "{}",
        u.via()[0].note
    );
}

#[test]
fn module_outputs_resolve_to_the_callees_values_and_references() {
    let doc = deploy(&[("app.bicep", APP), ("main.bicep", TWICE)], "main.bicep");
    let out = |n: &str| {
        &doc.outputs
            .iter()
            .find(|o| o.name == n)
            .unwrap_or_else(|| panic!("no output {n}"))
            .value
    };
    // `safe.outputs.id` is the callee's `app.id`: a typed reference to the instance's app.
    let id = out("safeId");
    let refs = &id.as_expr().expect("expr").refs;
    assert_eq!(refs, &vec![Ref::resource("/safe/app").with_member("id")]);
    assert!(id.via().iter().any(|s| s.note.contains("output `id`")));
    // `unsafe.outputs.name` is the caller's own argument, written in main.bicep.
    let name = out("unsafeName");
    assert_eq!(name.as_str(), Some("unsafe-app"));
    assert_eq!(at(&doc, name.span), ("main.bicep".to_string(), 15));
}

#[test]
fn calls_that_cannot_be_followed_give_one_note_per_call() {
    let main = "module r 'br/public:avm/res/app/container-app:0.1.0' = [for i in range(0, 3): {
  name: 'r${i}'
  params: { x: i }
}]
module ts 'ts:0000/rg/spec:1.0' = {
  name: 'ts'
}
module missing './nope.bicep' = {
  name: 'missing'
}
module self './main.bicep' = {
  name: 'self'
}
";
    let doc = deploy(&[("main.bicep", main)], "main.bicep");
    let n = notes(&doc);
    assert_eq!(n.len(), 4, "{n:?}");
    assert_eq!(
        n.iter().filter(|m| m.contains("not a local file")).count(),
        2
    );
    assert_eq!(n.iter().filter(|m| m.contains("not found")).count(), 1);
    assert_eq!(n.iter().filter(|m| m.contains("calls itself")).count(), 1);
}

#[test]
fn known_loops_expand_and_known_conditions_decide() {
    let main = "param names array = ['a', 'b']
param enabled bool
resource sa 'Microsoft.Storage/storageAccounts@2023-01-01' = [for (n, i) in names: {
  name: 'st${n}${i}'
}]
resource off 'Microsoft.Storage/storageAccounts@2023-01-01' = if (false) {
  name: 'off'
}
resource maybe 'Microsoft.Storage/storageAccounts@2023-01-01' = if (enabled) {
  name: 'maybe'
  properties: {
    networkAcls: enabled ? { defaultAction: 'Deny' } : null
  }
}
module m './mod.bicep' = {
  name: 'm'
  params: { names: ['x', 'y', 'z'] }
}
";
    let module = "param names array
resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = [for n in names: {
  name: 'kv-${n}'
}]
";
    let doc = deploy(&[("main.bicep", main), ("mod.bicep", module)], "main.bicep");
    assert!(doc.diagnostics.is_empty(), "{:?}", doc.diagnostics);
    let keys: Vec<&str> = doc.resources.iter().map(|r| r.key.as_str()).collect();
    // A standalone file's parameter default is not known (a deployment may give any value):
    // one unexpanded resource; the module's argument is known: one per element.
    assert!(keys.contains(&"/sa"), "{keys:?}");
    assert!(!keys.contains(&"/off"), "{keys:?}");
    assert!(keys.contains(&"/maybe"), "{keys:?}");
    for (i, n) in ["x", "y", "z"].iter().enumerate() {
        let kv = by_key(&doc, &format!("/m/kv[{i}]"));
        assert_eq!(kv.name_value.as_deref(), Some(format!("kv-{n}").as_str()));
    }
    // An object that exists only when an unknown condition holds is conditional.
    let acls = by_key(&doc, "/maybe")
        .get("properties.networkAcls")
        .expect("networkAcls");
    assert!(acls.is_conditional());
    assert!(matches!(acls.value, Value::Object(_)));
}

#[test]
fn existing_resources_get_keys_and_names() {
    let doc = deploy(
        &[(
            "main.bicep",
            "var kvName = 'kv1'\nresource kv 'Microsoft.KeyVault/vaults@2023-07-01' existing = {\n  name: kvName\n}\n",
        )],
        "main.bicep",
    );
    let kv = by_key(&doc, "/kv");
    assert!(kv.existing);
    assert_eq!(kv.name_value.as_deref(), Some("kv1"));
}

#[test]
fn an_arm_template_module_is_instantiated_by_the_arm_front_end() {
    let arm = r#"{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": { "name": { "type": "string" } },
  "resources": [
    { "type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-01-01",
      "name": "[parameters('name')]", "location": "westeurope" }
  ]
}"#;
    let doc = deploy(
        &[
            ("t.json", arm),
            (
                "main.bicep",
                "module t './t.json' = {\n  name: 't'\n  params: { name: 'st1' }\n}\n",
            ),
        ],
        "main.bicep",
    );
    assert!(notes(&doc).is_empty(), "{:?}", doc.diagnostics);
    let sa = doc
        .resources
        .iter()
        .find(|r| r.is_type("Microsoft.Storage/storageAccounts"))
        .expect("the template's resource");
    assert_eq!(sa.instance.as_ref().map(|i| i.path.as_str()), Some("t"));
    assert_eq!(doc.files.len(), 2);
}
