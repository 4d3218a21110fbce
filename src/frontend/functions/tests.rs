use std::sync::Arc;

use super::*;
use crate::frontend::{arm, bicep, Loader};
use crate::model::Document;
use crate::source::SourceFile;

#[test]
fn catalogue_is_sorted_lower_case_and_unique() {
    for pair in CATALOGUE.windows(2) {
        assert!(pair[0].0 < pair[1].0, "{} before {}", pair[0].0, pair[1].0);
    }
    for (name, _) in CATALOGUE {
        assert_eq!(*name, name.to_ascii_lowercase());
    }
}

#[test]
fn lookup() {
    assert_eq!(family("utcNow"), Some(Family::Generated));
    assert_eq!(family("RESOURCEGROUP"), Some(Family::Context));
    assert_eq!(family("listKeys"), Some(Family::Listing));
    assert_eq!(family("listAccountSas"), Some(Family::Listing));
    assert_eq!(family("listCredentials"), Some(Family::Listing));
    // A namespaced user function is never a built-in.
    assert_eq!(family("contoso.listKeys"), None);
    assert_eq!(family("contoso.utcNow"), None);
    assert_eq!(family("concat"), None);
    assert_eq!(family("parameters"), None);
    assert!(is_list_credentials("listCredentials"));
    assert!(!is_list_credentials("listKeys"));
    assert_eq!(
        Family::Listing.provenance(),
        Provenance::Derived(DerivedKind::ListKeys)
    );
    assert_eq!(Family::Context.provenance(), Provenance::Unknown);
}

/// `(property, Bicep expression, the ARM expression Bicep compiles it to, provenance)`.
/// Bicep allows `utcNow()`/`newGuid()` only in a parameter default; the lowering classifies
/// the call the same wherever it is, which is what this compares.
const CALLS: &[(&str, &str, &str, Provenance)] = &[
    ("utcNow", "utcNow()", "utcNow()", Provenance::Generated),
    ("newGuid", "newGuid()", "newGuid()", Provenance::Generated),
    (
        "unique",
        "uniqueString(resourceGroup().id)",
        "uniqueString(resourceGroup().id)",
        Provenance::Generated,
    ),
    (
        "location",
        "resourceGroup().location",
        "resourceGroup().location",
        Provenance::Unknown,
    ),
    (
        "subscription",
        "subscription().id",
        "subscription().id",
        Provenance::Unknown,
    ),
    (
        "environment",
        "environment().suffixes.storage",
        "environment().suffixes.storage",
        Provenance::Unknown,
    ),
    (
        "deployment",
        "deployment().name",
        "deployment().name",
        Provenance::Unknown,
    ),
    (
        "keys",
        "listKeys(sa.id, '2023-01-01').keys[0].value",
        "listKeys(resourceId('Microsoft.Storage/storageAccounts', 'sa'), '2023-01-01').keys[0].value",
        Provenance::Derived(DerivedKind::ListKeys),
    ),
    (
        "keysMethod",
        "sa.listKeys().keys[0].value",
        "listKeys(resourceId('Microsoft.Storage/storageAccounts', 'sa'), '2023-01-01').keys[0].value",
        Provenance::Derived(DerivedKind::ListKeys),
    ),
    (
        "adminPassword",
        "acr.listCredentials().passwords[0].value",
        "listCredentials(resourceId('Microsoft.ContainerRegistry/registries', 'acr'), '2023-07-01').passwords[0].value",
        Provenance::Derived(DerivedKind::RegistryAdminCredential),
    ),
    (
        "adminPasswordById",
        "listCredentials(acr.id, '2023-07-01').passwords[0].value",
        "listCredentials(resourceId('Microsoft.ContainerRegistry/registries', 'acr'), '2023-07-01').passwords[0].value",
        Provenance::Derived(DerivedKind::RegistryAdminCredential),
    ),
    (
        "blob",
        "reference(sa.id, '2023-01-01').primaryEndpoints.blob",
        "reference(resourceId('Microsoft.Storage/storageAccounts', 'sa'), '2023-01-01').primaryEndpoints.blob",
        Provenance::Derived(DerivedKind::Reference),
    ),
    (
        "saId",
        "resourceId('Microsoft.Storage/storageAccounts', 'sa')",
        "resourceId('Microsoft.Storage/storageAccounts', 'sa')",
        Provenance::Derived(DerivedKind::ResourceProperty),
    ),
    (
        // A non-secure input beside the deployment context stays an input (rules on inputs
        // see it), in both.
        "withInput",
        "'${prefix}.${environment().suffixes.sqlServerHostname}'",
        "format('{0}.{1}', parameters('prefix'), environment().suffixes.sqlServerHostname)",
        Provenance::Input,
    ),
];

fn bicep_doc() -> Document {
    let mut text = String::from(
        "param prefix string\n\
         resource sa 'Microsoft.Storage/storageAccounts@2023-01-01' = {\n  name: 'sa'\n}\n\
         resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {\n  name: 'acr'\n}\n\
         resource app 'Microsoft.Web/sites@2023-01-01' = {\n  name: 'app'\n  properties: {\n",
    );
    for (key, expr, _, _) in CALLS {
        text.push_str(&format!("    {key}: {expr}\n"));
    }
    text.push_str("  }\n}\n");
    let file = Arc::new(SourceFile::from_text("main.bicep", text));
    bicep::parse_file(file, &Loader::new("."))
}

fn arm_doc() -> Document {
    let props: Vec<String> = CALLS
        .iter()
        .map(|(key, _, expr, _)| format!("        \"{key}\": \"[{expr}]\""))
        .collect();
    let text = format!(
        r#"{{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {{ "prefix": {{ "type": "string" }} }},
  "resources": [
    {{ "type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-01-01", "name": "sa" }},
    {{ "type": "Microsoft.ContainerRegistry/registries", "apiVersion": "2023-07-01", "name": "acr" }},
    {{
      "type": "Microsoft.Web/sites",
      "apiVersion": "2023-01-01",
      "name": "app",
      "properties": {{
{}
      }}
    }}
  ]
}}"#,
        props.join(",\n")
    );
    let file = Arc::new(SourceFile::from_text("azuredeploy.json", text));
    arm::parse_template(file, &Loader::new("."))
}

fn provenance_of(doc: &Document, key: &str) -> Provenance {
    let app = doc
        .resources
        .iter()
        .find(|r| r.name == "app")
        .expect("the app resource");
    app.get(&format!("properties.{key}"))
        .unwrap_or_else(|| panic!("no property {key}"))
        .provenance()
}

#[test]
fn same_call_same_provenance_in_bicep_and_arm() {
    let (bicep, arm) = (bicep_doc(), arm_doc());
    assert!(bicep.diagnostics.is_empty(), "{:?}", bicep.diagnostics);
    assert!(arm.diagnostics.is_empty(), "{:?}", arm.diagnostics);
    for (key, bicep_expr, arm_expr, expected) in CALLS {
        assert_eq!(
            &provenance_of(&bicep, key),
            expected,
            "Bicep `{bicep_expr}`"
        );
        assert_eq!(&provenance_of(&arm, key), expected, "ARM `{arm_expr}`");
    }
}
