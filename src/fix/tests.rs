//! Unit tests of the fix writers on small texts, through the real front ends (the end-to-end
//! tests over every rule's fixtures are in `tests/it/fixes.rs`).

use std::sync::Arc;

use super::insert::{self, Step};
use super::text::{Scalar, Syntax};
use super::*;
use crate::frontend::{aca_yaml, arm, bicep, terraform, Loader};
use crate::model::Document;
use crate::source::SourceFile;

fn file(name: &str, text: &str) -> Arc<SourceFile> {
    Arc::new(SourceFile::from_text(name, text))
}

fn doc(name: &str, text: &str) -> Document {
    let f = file(name, text);
    let loader = Loader::new(".");
    match name.rsplit('.').next() {
        Some("bicep") => bicep::parse_file(f, &loader),
        Some("json") => arm::parse_template(f, &loader),
        Some("yaml") => aca_yaml::parse(f).expect("a Container Apps spec"),
        _ => terraform::parse_module(vec![f], &loader),
    }
}

fn keys(path: &str) -> Vec<Step> {
    path.split('.').map(|k| Step::Key(k.to_string())).collect()
}

fn applied(text: &str, edits: &[Edit]) -> String {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|e| (e.start, e.end));
    apply_edits(text, &sorted)
}

/// Set `path` of the first resource of a Bicep / ARM / YAML text; the new text.
fn set(name: &str, text: &str, path: &str, value: Scalar) -> Option<String> {
    let d = doc(name, text);
    let res = &d.resources[0];
    let syntax = syntax_of(&d.files[0]);
    let edits = insert::set(
        &d.files[0],
        syntax,
        &res.body,
        res.body.span,
        &keys(path),
        &value,
    )?;
    Some(applied(text, &edits))
}

const APP: &str = "resource app 'Microsoft.App/containerApps@2025-07-01' = {\n  name: 'web'\n  properties: {\n    configuration: {\n      ingress: { external: true }\n    }\n    template: {} // later\n  }\n}\n";

#[test]
fn bicep_replaces_inserts_and_creates_objects() {
    let t = "resource app 'Microsoft.App/containerApps@2025-07-01' = {\n  name: 'web'\n  properties: {\n    configuration: {\n      ingress: {\n        allowInsecure: true // keep me\n      }\n    }\n  }\n}\n";
    let out = set(
        "a.bicep",
        t,
        "properties.configuration.ingress.allowInsecure",
        Scalar::Bool(false),
    )
    .unwrap();
    assert_eq!(
        out,
        t.replace("allowInsecure: true", "allowInsecure: false")
    );
    // A new property after the last one, below its trailing comment.
    let out = set(
        "a.bicep",
        t,
        "properties.configuration.ingress.external",
        Scalar::Bool(false),
    )
    .unwrap();
    assert!(
        out.contains("        allowInsecure: true // keep me\n        external: false\n      }"),
        "{out}"
    );
    // Missing objects are created, indented like their siblings.
    let out = set(
        "a.bicep",
        APP,
        "properties.configuration.dapr.enabled",
        Scalar::Bool(true),
    )
    .unwrap();
    assert!(
        out.contains("      ingress: { external: true }\n      dapr: {\n        enabled: true\n      }\n    }"),
        "{out}"
    );
    // A one-line object grows on its line; an empty one becomes a block.
    let out = set(
        "a.bicep",
        APP,
        "properties.configuration.ingress.targetPort",
        Scalar::Number(80.0),
    )
    .unwrap();
    assert!(
        out.contains("ingress: { external: true, targetPort: 80 }"),
        "{out}"
    );
    let out = set(
        "a.bicep",
        APP,
        "properties.template.revisionSuffix",
        Scalar::String("v'1".into()),
    )
    .unwrap();
    assert!(
        out.contains("    template: {\n      revisionSuffix: 'v\\'1'\n    } // later"),
        "{out}"
    );
    assert!(bicep::parse_syntax(&out).1.is_empty(), "{out}");
}

#[test]
fn bicep_never_edits_through_a_variable_or_an_expression() {
    let t = "var props = {\n  configuration: {}\n}\nresource app 'Microsoft.App/containerApps@2025-07-01' = {\n  name: 'web'\n  properties: props\n}\n";
    assert_eq!(
        set(
            "a.bicep",
            t,
            "properties.configuration.x",
            Scalar::Bool(true)
        ),
        None
    );
    let t = "param insecure bool = true\nresource app 'Microsoft.App/containerApps@2025-07-01' = {\n  name: 'web'\n  properties: {\n    configuration: {\n      ingress: {\n        allowInsecure: insecure\n      }\n    }\n  }\n}\n";
    assert_eq!(
        set(
            "a.bicep",
            t,
            "properties.configuration.ingress.allowInsecure",
            Scalar::Bool(false)
        ),
        None
    );
}

const ARM: &str = "{\n  \"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#\",\n  \"contentVersion\": \"1.0.0.0\",\n  \"resources\": [\n    {\n      \"type\": \"Microsoft.Storage/storageAccounts\",\n      \"apiVersion\": \"2023-05-01\",\n      \"name\": \"st\",\n      \"properties\": {\n        \"minimumTlsVersion\": \"TLS1_0\" // old\n      }\n    }\n  ]\n}\n";

#[test]
fn json_keeps_commas_and_comments_right() {
    let out = set(
        "a.json",
        ARM,
        "properties.minimumTlsVersion",
        Scalar::String("TLS1_2".into()),
    )
    .unwrap();
    assert!(
        out.contains("\"minimumTlsVersion\": \"TLS1_2\" // old"),
        "{out}"
    );
    // The comma goes before the comment, the property after it.
    let out = set(
        "a.json",
        ARM,
        "properties.supportsHttpsTrafficOnly",
        Scalar::Bool(true),
    )
    .unwrap();
    assert!(
        out.contains("\"minimumTlsVersion\": \"TLS1_0\", // old\n        \"supportsHttpsTrafficOnly\": true\n      }"),
        "{out}"
    );
    // Without a comment: one edit carrying its own comma.
    let plain = ARM.replace(" // old", "");
    let out = set("a.json", &plain, "properties.a.b", Scalar::Bool(true)).unwrap();
    assert!(
        out.contains("\"TLS1_0\",\n        \"a\": {\n          \"b\": true\n        }\n      }"),
        "{out}"
    );
    // A trailing comma already there is reused.
    let trailing = ARM.replace("\"TLS1_0\" // old", "\"TLS1_0\",");
    let out = set("a.json", &trailing, "properties.x", Scalar::Bool(true)).unwrap();
    assert!(
        out.contains("\"TLS1_0\",\n        \"x\": true\n      }"),
        "{out}"
    );
    assert!(
        jsonc_parser::parse_to_ast(&out, &Default::default(), &Default::default()).is_ok(),
        "{out}"
    );
}

#[test]
fn json_new_parameters_go_after_content_version() {
    let f = file("a.json", ARM);
    let tree = decl::json_tree(&f).unwrap();
    let edits = decl::arm_new_param(&f, &tree, "apiKey").unwrap();
    let out = applied(ARM, &edits);
    assert!(
        out.contains("\"contentVersion\": \"1.0.0.0\",\n  \"parameters\": {\n    \"apiKey\": {\n      \"type\": \"securestring\"\n    }\n  },\n  \"resources\""),
        "{out}"
    );
    // Inside a nested deployment's template, a root parameter is out of reach.
    let nested = "{\"resources\": [{\"type\": \"Microsoft.Resources/deployments\", \"properties\": {\"template\": {\"resources\": [{\"properties\": {\"template\": {\"x\": \"secret\"}}}]}}}]}";
    let tree = decl::json_tree(&file("n.json", nested)).unwrap();
    let at = nested.find("\"secret\"").unwrap();
    assert!(decl::json_in_nested_template(
        &tree,
        crate::source::Span::primary(at, at + 8)
    ));
    // A Container App's own `properties.template` is not a nested deployment.
    let app = "{\"resources\": [{\"type\": \"Microsoft.App/containerApps\", \"properties\": {\"template\": {\"x\": \"secret\"}}}]}";
    let tree = decl::json_tree(&file("a.json", app)).unwrap();
    let at = app.find("\"secret\"").unwrap();
    assert!(!decl::json_in_nested_template(
        &tree,
        crate::source::Span::primary(at, at + 8)
    ));
}

const YAML: &str = "type: Microsoft.App/containerApps\nname: web\nproperties:\n  configuration:\n    ingress:\n      external: true # public\n  template:\n    containers:\n      - name: web\n        image: web:1\n    scale: {}\n";

#[test]
fn yaml_writes_blocks_at_the_right_column() {
    let out = set(
        "a.yaml",
        YAML,
        "properties.configuration.ingress.allowInsecure",
        Scalar::Bool(false),
    )
    .unwrap();
    assert!(
        out.contains("      external: true # public\n      allowInsecure: false\n  template:"),
        "{out}"
    );
    let out = set(
        "a.yaml",
        YAML,
        "identity.type",
        Scalar::String("SystemAssigned".into()),
    )
    .unwrap();
    assert!(
        out.ends_with("    scale: {}\nidentity:\n  type: SystemAssigned\n"),
        "{out}"
    );
    // `{}` becomes a block under its key.
    let out = set(
        "a.yaml",
        YAML,
        "properties.template.scale.minReplicas",
        Scalar::Number(1.0),
    )
    .unwrap();
    assert!(out.ends_with("    scale:\n      minReplicas: 1\n"), "{out}");
    // Strings YAML would read as something else are quoted.
    let out = set(
        "a.yaml",
        YAML,
        "properties.configuration.ingress.transport",
        Scalar::String("on".into()),
    )
    .unwrap();
    assert!(out.contains("transport: 'on'"), "{out}");
    // Inside a sequence item, at the column of the item's keys.
    let d = doc("a.yaml", YAML);
    let res = &d.resources[0];
    let mut steps = keys("properties.template.containers");
    steps.push(Step::Index(0));
    steps.push(Step::Key("command".into()));
    let edits = insert::set(
        &d.files[0],
        Syntax::Yaml,
        &res.body,
        res.body.span,
        &steps,
        &Scalar::String("run".into()),
    )
    .unwrap();
    let out = applied(YAML, &edits);
    assert!(
        out.contains("      - name: web\n        image: web:1\n        command: run\n"),
        "{out}"
    );
}

const TF: &str = "resource \"azurerm_key_vault\" \"kv\" {\n  name                = \"kv\"\n  resource_group_name = \"rg\"\n  sku_name            = \"standard\"\n\n  network_acls {\n    bypass         = \"AzureServices\"\n    default_action = \"Allow\"\n  }\n}\n";

fn tf_set(text: &str, path: &str, value: Scalar) -> Option<String> {
    let d = doc("main.tf", text);
    let res = &d.resources[0];
    let f = &d.files[0];
    let body = hcl::body(f)?;
    let block = hcl::block_at(&body, res.span)?;
    let rows = hcl::rows_for(res.source_type.as_deref()?)?;
    let w = hcl::set_azurerm(f, block, rows, &keys(path), &value)?;
    Some(applied(text, &w.edits))
}

#[test]
fn terraform_maps_back_aligns_and_creates_blocks() {
    // Through a transform: `Disabled` is `public_network_access_enabled = false`, aligned
    // with the attributes above (re-aligning them: `terraform fmt` would).
    let out = tf_set(
        TF,
        "properties.publicNetworkAccess",
        Scalar::String("Disabled".into()),
    )
    .unwrap();
    assert!(
        out.contains("  name                          = \"kv\"\n  resource_group_name           = \"rg\"\n  sku_name                      = \"standard\"\n  public_network_access_enabled = false\n\n  network_acls {"),
        "{out}"
    );
    // An attribute in an existing nested block is replaced in place.
    let out = tf_set(
        TF,
        "properties.networkAcls.defaultAction",
        Scalar::String("Deny".into()),
    )
    .unwrap();
    assert_eq!(
        out,
        TF.replace("default_action = \"Allow\"", "default_action = \"Deny\"")
    );
    // A missing block is created after the attributes, separated by a blank line.
    let app = "resource \"azurerm_container_app\" \"web\" {\n  name          = \"web\"\n  revision_mode = \"Single\"\n}\n";
    let out = tf_set(
        app,
        "identity.type",
        Scalar::String("SystemAssigned".into()),
    )
    .unwrap();
    assert_eq!(
        out,
        "resource \"azurerm_container_app\" \"web\" {\n  name          = \"web\"\n  revision_mode = \"Single\"\n\n  identity {\n    type = \"SystemAssigned\"\n  }\n}\n"
    );
    let out = tf_set(
        app,
        "properties.configuration.ingress.allowInsecure",
        Scalar::Bool(false),
    )
    .unwrap();
    assert!(
        out.contains("  ingress {\n    allow_insecure_connections = false\n  }"),
        "{out}"
    );
    // An expression is the user's computation: not replaced.
    let expr = TF.replace("\"Allow\"", "var.acl");
    assert_eq!(
        tf_set(
            &expr,
            "properties.networkAcls.defaultAction",
            Scalar::String("Deny".into())
        ),
        None
    );
    // ARM paths the table does not map have no Terraform edit.
    assert_eq!(
        tf_set(TF, "properties.unknownThing", Scalar::Bool(true)),
        None
    );
}

#[test]
fn suppression_comments_per_language() {
    let cases = [
        (
            "a.bicep",
            "x {\n    bad: true\n}\n",
            "    // azlint-disable-next-line AZL999 <reason>\n    bad: true",
        ),
        (
            "main.tf",
            "x {\n  bad = true\n}\n",
            "  # azlint:ignore AZL999 <reason>\n  bad = true",
        ),
        (
            "a.json",
            "{\r\n  \"bad\": true\r\n}\r\n",
            "  // azlint-ignore AZL999 <reason>\r\n  \"bad\": true",
        ),
        (
            "a.yaml",
            "a:\n  - bad: true\n",
            "  # azlint-ignore AZL999 <reason>\n  - bad: true",
        ),
    ];
    for (name, text, expected) in cases {
        let f = file(name, text);
        let at = text.find("bad").unwrap();
        let finding = crate::finding::Finding {
            rule_id: "AZL999".into(),
            rule_name: "x".into(),
            severity: crate::finding::Severity::Error,
            confidence: crate::finding::Confidence::High,
            message: "m".into(),
            file: f.clone(),
            span: crate::source::Span::primary(at, at + 3),
            label: None,
            resource: None,
            property: None,
            property_key: None,
            written_property: None,
            mask: false,
            suppressed: None,
            fixes: Vec::new(),
            related: Vec::new(),
        };
        let fix = suppression(&finding);
        assert_eq!(fix.applicability, Applicability::Unsafe);
        let out = applied(text, &fix.edits);
        assert!(out.contains(expected), "{name}: {out:?}");
    }
}

fn finding_with(f: &Arc<SourceFile>, fixes: Vec<Fix>) -> crate::finding::Finding {
    crate::finding::Finding {
        rule_id: "AZL999".into(),
        rule_name: "x".into(),
        severity: crate::finding::Severity::Error,
        confidence: crate::finding::Confidence::High,
        message: "m".into(),
        file: f.clone(),
        span: crate::source::Span::primary(0, 1),
        label: None,
        resource: None,
        property: None,
        property_key: None,
        written_property: None,
        mask: false,
        suppressed: None,
        fixes,
        related: Vec::new(),
    }
}

#[test]
fn plans_skip_overlaps_and_clashing_declarations() {
    let f = file("a.bicep", "0123456789");
    let fix = |s: usize, e: usize, r: &str, a: Applicability| {
        Fix::new("t", a, vec![Edit::new(&f, s, e, r)]).unwrap()
    };
    let findings = vec![
        finding_with(&f, vec![fix(0, 2, "ab", Applicability::Safe)]),
        // Overlaps the first: skipped.
        finding_with(&f, vec![fix(1, 3, "x", Applicability::Safe)]),
        // The same edit as the first: fixed by it.
        finding_with(&f, vec![fix(0, 2, "ab", Applicability::Safe)]),
        // Unsafe: only with the opt-in.
        finding_with(&f, vec![fix(5, 6, "U", Applicability::Unsafe)]),
        // Two identical insertions at one point clash; different ones do not.
        finding_with(&f, vec![fix(8, 8, ",", Applicability::Safe)]),
        finding_with(
            &f,
            vec![Fix::new(
                "t",
                Applicability::Safe,
                vec![Edit::new(&f, 8, 8, ","), Edit::new(&f, 9, 10, "Z")],
            )
            .unwrap()],
        ),
        finding_with(&f, vec![fix(8, 8, "+", Applicability::Safe)]),
        // An insertion strictly inside a replaced range clashes.
        finding_with(&f, vec![fix(1, 1, "i", Applicability::Safe)]),
    ];
    let p = plan(&findings, false);
    assert_eq!(p.changes.len(), 1);
    assert_eq!(p.changes[0].text, "ab234567,+89");
    assert_eq!(p.fixed, 4);
    assert_eq!(p.skipped.len(), 3, "{:?}", p.skipped);
    let p = plan(&findings, true);
    assert_eq!(p.changes[0].text, "ab234U67,+89");
    // Two fixes declaring the same name: the second waits for the next pass.
    let a = fix(0, 0, "A", Applicability::Safe).isolated("declare:x");
    let b = fix(9, 9, "B", Applicability::Safe).isolated("declare:x");
    let p = plan(
        &[finding_with(&f, vec![a]), finding_with(&f, vec![b])],
        false,
    );
    assert_eq!(p.changes[0].text, "A0123456789");
    assert_eq!(
        p.skipped[0].reason,
        "it declares a name another fix declares"
    );
}

#[test]
fn fixes_refuse_overlapping_or_out_of_range_edits() {
    let f = file("a.bicep", "héllo");
    assert!(Fix::new(
        "t",
        Applicability::Safe,
        vec![Edit::new(&f, 0, 3, "a"), Edit::new(&f, 2, 4, "b")]
    )
    .is_none());
    assert!(Fix::new("t", Applicability::Safe, vec![Edit::new(&f, 0, 99, "a")]).is_none());
    // Inside the two bytes of `é`.
    assert!(Fix::new("t", Applicability::Safe, vec![Edit::new(&f, 2, 2, "a")]).is_none());
    assert!(Fix::new("t", Applicability::Safe, vec![]).is_none());
}

#[test]
fn encodings_round_trip() {
    let text = "a: 'é😀'\r\n";
    for enc in [
        crate::source::Encoding::Utf8,
        crate::source::Encoding::Utf8Bom,
        crate::source::Encoding::Utf16Le,
        crate::source::Encoding::Utf16Be,
    ] {
        let bytes = encode(text, enc);
        assert_eq!(crate::source::decode(bytes), Ok((text.to_string(), enc)));
    }
}

#[test]
fn printed_diffs_mask_secrets_but_not_references() {
    let path = std::path::Path::new("a.bicep");
    let old = "param p string = 'hunter22'\nvalue: p\n";
    let new = "@secure()\nparam p string\nvalue: p\n";
    // The literal and the reference `p` are both secret ranges of the old text.
    let d = masked_diff(path, "a.bicep", old, new, &[(17, 27), (35, 36)], &[]);
    assert_eq!(
        d,
        "--- a/a.bicep\n+++ b/a.bicep\n@@ -1,2 +1,3 @@\n-param p string = '********'\n+@secure()\n+param p string\n value: p\n"
    );
    // YAML has no references: a bare scalar is masked; an old secret still in a new line is
    // masked even when the new text's ranges miss it.
    let path = std::path::Path::new("a.yaml");
    let old = "value: hunter22\nx: 1\n";
    let new = "value: hunter22\nx: 2 # was hunter22\n";
    let d = masked_diff(path, "a.yaml", old, new, &[(7, 15)], &[]);
    assert_eq!(
        d,
        "--- a/a.yaml\n+++ b/a.yaml\n@@ -1,2 +1,2 @@\n value: ********\n-x: 1\n+x: 2 # was ********\n"
    );
}

#[cfg(unix)]
#[test]
fn writing_follows_symbolic_links_and_keeps_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("real.bicep");
    std::fs::write(&target, "old").unwrap();
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o640)).unwrap();
    let link = dir.path().join("link.bicep");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    write_file(&link, "new", crate::source::Encoding::Utf8).unwrap();
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
    let mode = std::fs::metadata(&target).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
    // No temporary file is left behind.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
}

#[test]
fn an_edit_inside_a_character_is_skipped_not_a_panic() {
    // 日 is bytes 0..3 and 本 3..6. An edit with an end inside a character (from a bad
    // offset) is skipped like an out-of-range one; the valid edits around it still apply.
    let text = "日本 = '秘密'\n";
    let f = file("a.bicep", text);
    let s = text.find('\'').unwrap();
    let e = text.rfind('\'').unwrap() + 1;
    let edits = [Edit::new(&f, 1, 4, "x"), Edit::new(&f, s, e, "'🔐'")];
    assert_eq!(applied(text, &edits), "日本 = '🔐'\n");
    let edits = [Edit::new(&f, 0, 3, "月"), Edit::new(&f, 3, 5, "x")];
    assert_eq!(applied(text, &edits), "月本 = '秘密'\n");
}
