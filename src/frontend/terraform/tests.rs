//! Front-end tests on the fixtures in `testdata/terraform/<case>/`.

use std::path::PathBuf;

use super::*;
use crate::model::{DerivedKind, DiagnosticKind, Path, Provenance};

fn case(name: &str) -> Document {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("testdata/terraform")
        .join(name);
    let loader = Loader::new(&dir);
    let files: Vec<_> = loader
        .dir_files(&dir)
        .into_iter()
        .filter(|p| {
            crate::lang::Language::by_name(p)
                .is_some_and(|b| matches!(b, crate::lang::ByName::Is(l) if l.is_terraform()))
        })
        .filter_map(|p| loader.load(&p))
        .collect();
    parse_module(files, &loader)
}

fn resource<'d>(doc: &'d Document, name: &str) -> &'d Resource {
    doc.resources
        .iter()
        .find(|r| r.name == name)
        .unwrap_or_else(|| panic!("no resource {name}"))
}

fn at<'d>(r: &'d Resource, path: &str) -> &'d Node {
    Path::parse(path)
        .unwrap()
        .first(&r.body)
        .unwrap_or_else(|| panic!("{} has no {path}", r.name))
}

/// `file:line:col` of a node.
fn pos(doc: &Document, n: &Node) -> String {
    let f = doc.file(n.span);
    let (l, c) = f.line_col(n.span.start);
    let name = f.path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    format!("{name}:{l}:{c}")
}

fn prov(n: &Node) -> Provenance {
    n.provenance()
}

#[test]
fn app_and_environment_across_files() {
    let doc = case("app_env");
    assert!(doc.diagnostics.is_empty(), "{:?}", doc.diagnostics);
    let app = resource(&doc, "azurerm_container_app.web");
    assert_eq!(app.resource_type, "Microsoft.App/containerApps");
    assert_eq!(app.symbol.as_deref(), Some("azurerm_container_app.web"));
    assert_eq!(app.source_type.as_deref(), Some("azurerm_container_app"));
    assert_eq!(
        doc.file(app.span).slice(app.span),
        "resource \"azurerm_container_app\" \"web\""
    );

    // Secrets: literal, sensitive variable, Key Vault data source via a local, KV reference.
    let plain = at(app, "properties.configuration.secrets[0].value");
    assert_eq!(plain.as_str(), Some("P@ssw0rd!"));
    assert!(plain.is_plaintext());
    assert_eq!(pos(&doc, plain), "app.tf:20:13");
    let from_var = at(app, "properties.configuration.secrets[1].value");
    assert_eq!(prov(from_var), Provenance::SecureInput);
    assert_eq!(from_var.as_expr().unwrap().text, "var.db_password");
    assert_eq!(
        prov(at(app, "properties.configuration.secrets[2].value")),
        Provenance::KeyVaultRef
    );
    let kv = at(app, "properties.configuration.secrets[3]");
    assert_eq!(
        kv.get("keyVaultUrl").unwrap().as_expr().unwrap().refs,
        [Ref::resource("/azurerm_key_vault_secret.s").with_member("versionless_id")]
    );
    assert!(kv.get("value").is_none());
    assert_eq!(
        prov(at(app, "properties.configuration.secrets[4].value")),
        Provenance::Derived(DerivedKind::RegistryAdminCredential)
    );
    // A sensitive variable given a literal in terraform.tfvars is plaintext after all.
    // The value is the tfvars literal itself (a finding points there), one flow step
    // further: the use of the variable.
    let api = at(app, "properties.configuration.secrets[5].value");
    assert_eq!(prov(api), Provenance::Literal);
    assert!(api.is_plaintext());
    assert_eq!(pos(&doc, api), "terraform.tfvars:2:11");
    assert_eq!(api.via().len(), 1);
    assert_eq!(
        api.via()[0].note,
        "variable `api_key`, set in terraform.tfvars"
    );
    assert!(pos(&doc, &Node::null(api.via()[0].span)).starts_with("app.tf:"));

    assert_eq!(
        at(
            app,
            "properties.configuration.registries[0].passwordSecretRef"
        )
        .as_str(),
        Some("acr")
    );
    assert_eq!(
        at(app, "identity.type").as_str(),
        Some("SystemAssigned,UserAssigned")
    );
    let uai = at(app, "identity.userAssignedIdentities")
        .as_object()
        .unwrap();
    assert_eq!(uai[0].key, "azurerm_user_assigned_identity.uai.id");
    let env_id = at(app, "properties.environmentId").as_expr().unwrap();
    assert_eq!(
        env_id.refs,
        [Ref::resource("/azurerm_container_app_environment.env").with_member("id")]
    );
    assert_eq!(
        env_id.provenance,
        Provenance::Derived(DerivedKind::ResourceProperty)
    );

    // Ingress: written values, the provider default for the absent allowInsecure (pointing at
    // the ingress block), repeated blocks as arrays.
    assert_eq!(
        at(app, "properties.configuration.ingress.external").as_bool(),
        Some(true)
    );
    let insecure = at(app, "properties.configuration.ingress.allowInsecure");
    assert_eq!(insecure.as_bool(), Some(false));
    assert_eq!(pos(&doc, insecure), "app.tf:55:3");
    assert_eq!(
        at(app, "properties.configuration.ingress.traffic[0].weight").as_number(),
        Some(100.0)
    );

    // Template: containers, env value/secretRef, interpolated connection string via a local.
    assert_eq!(
        at(app, "properties.template.containers[0].resources.memory").as_str(),
        Some("1Gi")
    );
    assert_eq!(
        at(app, "properties.template.containers[0].env[0].secretRef").as_str(),
        Some("from-var")
    );
    let conn = at(app, "properties.template.containers[0].env[1].value");
    let x = conn.as_expr().unwrap();
    assert_eq!(x.provenance, Provenance::SecureInput);
    assert_eq!(x.text, "local.conn");
    assert_eq!(x.literal.as_deref(), Some("Server=db;Password=\u{2026}"));
    assert_eq!(pos(&doc, conn), "app.tf:76:17");

    // Scale rules of two block types share one ARM array.
    assert_eq!(
        at(
            app,
            "properties.template.scale.rules[0].azureQueue.auth[0].secretRef"
        )
        .as_str(),
        Some("plain")
    );
    assert_eq!(
        at(app, "properties.template.scale.rules[1].name").as_str(),
        Some("http")
    );
    let name = at(app, "name").as_expr().unwrap();
    assert_eq!(name.literal.as_deref(), Some("\u{2026}-web"));

    let env = resource(&doc, "azurerm_container_app_environment.env");
    assert_eq!(
        pos(
            &doc,
            at(env, "properties.vnetConfiguration.infrastructureSubnetId")
        ),
        "env.tf:5:30"
    );
    assert_eq!(
        at(env, "properties.publicNetworkAccess").as_str(),
        Some("Disabled")
    );
    // mutual_tls_enabled absent: the provider sends false to both ARM settings.
    assert_eq!(
        at(env, "properties.peerAuthentication.mtls.enabled").as_bool(),
        Some(false)
    );
    assert_eq!(
        at(
            env,
            "properties.peerTrafficConfiguration.encryption.enabled"
        )
        .as_bool(),
        Some(false)
    );
    // var.region has a literal default and a tfvars value: the tfvars value wins.
    assert_eq!(at(env, "location").as_str(), Some("northeurope"));
    assert_eq!(pos(&doc, at(env, "location")), "terraform.tfvars:1:11");
    assert!(doc
        .resources
        .iter()
        .any(|r| r.is_type("Microsoft.ManagedIdentity/userAssignedIdentities")));
}

#[test]
fn tfvars_and_declarations() {
    let doc = case("app_env");
    let p = doc.parameter("db_password").unwrap();
    assert!(p.secure);
    assert_eq!(p.type_name.as_deref(), Some("string"));
    assert_eq!(
        doc.parameter("region")
            .unwrap()
            .default
            .as_ref()
            .and_then(Node::as_str),
        Some("westeurope")
    );
    let a = doc
        .assignments
        .iter()
        .find(|a| a.name == "api_key")
        .unwrap();
    assert_eq!(a.target_secure, Some(true));
    assert!(a.value.is_plaintext());
    assert_eq!(pos(&doc, &Node::null(a.span)), "terraform.tfvars:2:1");
    assert_eq!(
        doc.assignments
            .iter()
            .find(|a| a.name == "region")
            .unwrap()
            .target_secure,
        Some(false)
    );
    let conn = doc.variables.iter().find(|v| v.name == "conn").unwrap();
    assert_eq!(conn.value.provenance(), Provenance::SecureInput);
    assert_eq!(pos(&doc, &Node::null(conn.span)), "app.tf:3:3");
}

#[test]
fn local_module_arguments_know_the_sensitive_variables() {
    let doc = case("local_module");
    let pw = doc
        .assignments
        .iter()
        .find(|a| a.name == "admin_password")
        .unwrap();
    assert_eq!(pw.target_secure, Some(true));
    assert_eq!(pw.target.as_deref(), Some("./modules/db"));
    assert!(pw.value.is_plaintext());
    assert_eq!(pos(&doc, &Node::null(pw.span)), "main.tf:4:3");
    assert_eq!(
        doc.assignments
            .iter()
            .find(|a| a.name == "server_name")
            .unwrap()
            .target_secure,
        Some(false)
    );
    let remote = doc.assignments.iter().find(|a| a.name == "admin").unwrap();
    assert_eq!(remote.target_secure, None);
    assert!(!doc
        .assignments
        .iter()
        .any(|a| a.name == "source" || a.name == "version"));
}

#[test]
fn dynamic_blocks_are_repeated_blocks() {
    let doc = case("dynamic_blocks");
    let app = resource(&doc, "azurerm_container_app.dyn");
    let v = at(app, "properties.configuration.secrets[0].value");
    assert_eq!(v.as_expr().unwrap().text, "secret.value");
    // The iterator takes the provenance of its collection: a sensitive variable.
    assert_eq!(prov(v), Provenance::SecureInput);
    assert_eq!(pos(&doc, v), "main.tf:21:15");
    // A known collection: one block per element, the iterator bound to each.
    assert_eq!(
        at(app, "properties.template.containers[0].image").as_str(),
        Some("img:a")
    );
    assert_eq!(
        at(app, "properties.template.containers[1].image").as_str(),
        Some("img:b")
    );
    // `var.env_vars` of a root module without tfvars for it is unknown (its default `{}`
    // may be overridden with -var): one block, present only if the map is not empty.
    let env = at(app, "properties.template.containers[0].env[0]");
    assert!(env.is_conditional());
    assert!(!at(app, "properties.template.containers[0].env[0].value").is_plaintext());

    let kv = resource(&doc, "azurerm_key_vault.kv");
    assert_eq!(
        at(kv, "properties.enablePurgeProtection").as_bool(),
        Some(false)
    );
    assert_eq!(
        doc.file(at(kv, "properties.enablePurgeProtection").span)
            .slice(kv.span),
        "resource \"azurerm_key_vault\" \"kv\""
    );
    let st = resource(&doc, "azurerm_storage_account.st");
    assert_eq!(
        at(st, "properties.publicNetworkAccess").as_str(),
        Some("Disabled")
    );
    assert_eq!(
        at(st, "properties.allowBlobPublicAccess").as_bool(),
        Some(true)
    );
    assert_eq!(
        at(st, "properties.minimumTlsVersion").as_str(),
        Some("TLS1_2")
    );
    assert_eq!(
        at(st, "properties.networkAcls.defaultAction").as_str(),
        Some("Deny")
    );
    assert_eq!(
        at(st, "properties.networkAcls.ipRules[0].value").as_str(),
        Some("1.2.3.4")
    );
}

#[test]
fn azapi_bodies() {
    let doc = case("azapi");
    let app = resource(&doc, "azapi_resource.app");
    assert_eq!(app.resource_type, "Microsoft.App/containerApps");
    assert_eq!(app.api_version.as_deref(), Some("2025-07-01"));
    assert_eq!(app.source_type.as_deref(), Some("azapi_resource"));
    let plain = at(app, "properties.configuration.secrets[0].value");
    assert_eq!(plain.as_str(), Some("hunter2-literal"));
    assert_eq!(pos(&doc, plain), "main.tf:21:37");
    assert_eq!(
        prov(at(app, "properties.configuration.secrets[1].value")),
        Provenance::Generated
    );
    assert_eq!(
        at(app, "properties.configuration.ingress.allowInsecure").as_bool(),
        Some(true)
    );
    assert_eq!(at(app, "identity.type").as_str(), Some("UserAssigned"));
    assert_eq!(
        at(app, "identity.userAssignedIdentities")
            .as_object()
            .unwrap()[0]
            .key,
        "azurerm_user_assigned_identity.uai.id"
    );
    assert_eq!(at(app, "name").as_str(), Some("app"));

    let env = resource(&doc, "azapi_resource.env");
    assert_eq!(env.api_version.as_deref(), Some("2024-03-01"));
    let dapr = at(env, "properties.daprAIConnectionString");
    assert!(dapr.is_plaintext());
    assert_eq!(pos(&doc, dapr), "main.tf:39:32");
    assert_eq!(
        at(env, "properties.peerAuthentication.mtls.enabled").as_bool(),
        Some(false)
    );

    let patch = resource(&doc, "azapi_update_resource.patch");
    assert!(patch.existing);
    assert_eq!(patch.source_type.as_deref(), Some("azapi_update_resource"));
    assert_eq!(
        at(patch, "properties.configuration.ingress.allowInsecure").as_bool(),
        Some(false)
    );
    assert!(!app.existing);

    let auth = resource(&doc, "azapi_resource.auth");
    assert_eq!(
        auth.resource_type,
        "Microsoft.App/containerApps/authConfigs"
    );
    assert_eq!(doc.diagnostics.len(), 1, "{:?}", doc.diagnostics);
    let d = &doc.diagnostics[0];
    assert_eq!(d.kind, DiagnosticKind::NotAnalysable);
    assert_eq!(pos(&doc, &Node::null(d.span)), "main.tf:49:3");
}

#[test]
fn a_broken_file_does_not_hide_the_others() {
    let doc = case("broken");
    let errors: Vec<_> = doc
        .diagnostics
        .iter()
        .filter(|d| d.kind == DiagnosticKind::ParseError)
        .collect();
    assert_eq!(errors.len(), 1);
    assert_eq!(doc.file(errors[0].span).path.file_name().unwrap(), "bad.tf");
    assert!(
        pos(&doc, &Node::null(errors[0].span)).starts_with("bad.tf:4:"),
        "{}",
        pos(&doc, &Node::null(errors[0].span))
    );
    let acr = resource(&doc, "azurerm_container_registry.acr");
    assert_eq!(doc.file(acr.span).id, doc.files[1].id);
    assert_eq!(at(acr, "properties.adminUserEnabled").as_bool(), Some(true));
    assert_eq!(
        pos(&doc, at(acr, "properties.adminUserEnabled")),
        "good.tf:6:25"
    );
    assert_eq!(at(acr, "sku.name").as_str(), Some("Basic"));
}

#[test]
fn provenance_of_references_and_functions() {
    let src = r#"
variable "pw" {
  sensitive = true
  default   = ""
}
variable "plain" {
  default = "abc"
}
locals {
  a = local.b
  b = local.a
}
resource "azurerm_key_vault_secret" "kvs" {
  name         = "db"
  value        = "s3cr3t-in-source"
  key_vault_id = azurerm_key_vault.kv.id
}
resource "azurerm_mssql_server" "s" {
  name                         = try(var.plain, "x")
  administrator_login          = nonsensitive(var.plain)
  administrator_login_password = sensitive("literal")
  minimum_tls_version          = local.a
  tags = {
    k1 = azurerm_storage_account.st.primary_access_key
    k2 = data.azurerm_storage_account.st.primary_connection_string
    k3 = random_string.r.result
    k4 = ephemeral.azurerm_key_vault_secret.s.value
    k5 = var.pw
    k6 = coalesce(var.pw, "fallback-pw")
    k7 = base64encode(var.pw)
    k8 = var.enabled ? "a" : var.pw
    k9 = <<-EOT
      heredoc-secret
    EOT
  }
}
"#;
    let file = Arc::new(SourceFile::from_text("main.tf", src));
    let doc = parse_module(vec![file], &Loader::new("."));
    assert!(doc.diagnostics.is_empty(), "{:?}", doc.diagnostics);
    let s = resource(&doc, "azurerm_mssql_server.s");
    let name = at(s, "name").as_expr().unwrap();
    assert_eq!(
        (name.provenance.clone(), name.literal.as_deref()),
        (Provenance::Literal, Some("x"))
    );
    assert_eq!(
        at(s, "properties.administratorLogin")
            .as_expr()
            .unwrap()
            .literal
            .as_deref(),
        Some("abc")
    );
    assert_eq!(
        prov(at(s, "properties.administratorLoginPassword")),
        Provenance::SecureInput
    );
    // A cycle between locals ends as unknown, without looping.
    assert_eq!(
        prov(at(s, "properties.minimalTlsVersion")),
        Provenance::Unknown
    );
    let tag = |k: &str| prov(at(s, &format!("tags.{k}")));
    assert_eq!(tag("k1"), Provenance::Derived(DerivedKind::ListKeys));
    let kvs = resource(&doc, "azurerm_key_vault_secret.kvs");
    assert_eq!(kvs.resource_type, "Microsoft.KeyVault/vaults/secrets");
    assert!(at(kvs, "properties.value").is_plaintext());
    assert_eq!(tag("k2"), Provenance::Derived(DerivedKind::ListKeys));
    assert_eq!(tag("k3"), Provenance::Generated);
    assert_eq!(tag("k4"), Provenance::SecureInput);
    // A sensitive variable whose default is empty is still a secure input.
    assert_eq!(tag("k5"), Provenance::SecureInput);
    assert_eq!(tag("k6"), Provenance::Literal);
    assert!(at(s, "tags.k6").is_plaintext());
    assert_eq!(tag("k7"), Provenance::SecureInput);
    assert_eq!(tag("k8"), Provenance::Literal);
    assert_eq!(at(s, "tags.k9").as_str(), Some("heredoc-secret\n"));
    assert_eq!(
        at(s, "tags.k1").as_expr().unwrap().refs,
        [Ref::resource("/azurerm_storage_account.st").with_member("primary_access_key")]
    );
}

#[test]
fn degenerate_inputs_do_not_panic() {
    let loader = Loader::new(".");
    let doc = parse_module(Vec::new(), &loader);
    assert!(doc.resources.is_empty());
    for src in [
        "",
        "resource {}",
        "resource \"azurerm_container_app\" {}",
        "locals { a = local.a }\nresource \"azurerm_container_app\" \"x\" { name = local.a }",
        "x = \"${",
    ] {
        let file = Arc::new(SourceFile::from_text("main.tf", src));
        let _ = parse_module(vec![file], &loader);
    }
    let deep = format!("locals {{ a = {}1{} }}", "[".repeat(400), "]".repeat(400));
    let _ = parse_module(
        vec![Arc::new(SourceFile::from_text("main.tf", deep))],
        &loader,
    );
}

#[test]
fn tfvars_json_assignments_point_at_the_json_key() {
    let doc = case("local_module");
    let a = doc
        .assignments
        .iter()
        .find(|a| a.name == "admin_password" && a.target.is_none())
        .expect("tfvars.json assignment");
    assert_eq!(a.target_secure, Some(true));
    assert!(a.value.is_plaintext());
    assert_eq!(pos(&doc, &Node::null(a.span)), "prod.tfvars.json:3:3");
    // Not auto-loaded: the variable stays a secure input.
    let declared = doc.parameter("admin_password").unwrap();
    assert!(declared.secure);
}

#[test]
fn custom_domain_merges_into_its_environment_and_jobs_map() {
    let doc = case("app_env");
    assert!(!doc
        .resources
        .iter()
        .any(|r| r.name.contains("custom_domain")));
    let env = resource(&doc, "azurerm_container_app_environment.env");
    let pw = at(
        env,
        "properties.customDomainConfiguration.certificatePassword",
    );
    assert!(pw.is_plaintext());
    assert_eq!(pos(&doc, pw), "extras.tf:4:34");
    assert_eq!(at(env, "name").as_str(), Some("aca-env"));
    assert_eq!(
        prov(at(
            env,
            "properties.customDomainConfiguration.certificateValue"
        )),
        Provenance::Unknown
    );

    let job = resource(&doc, "azurerm_container_app_job.job");
    assert_eq!(job.resource_type, "Microsoft.App/jobs");
    assert_eq!(
        at(job, "properties.configuration.triggerType").as_str(),
        Some("Schedule")
    );
    assert_eq!(
        at(
            job,
            "properties.configuration.scheduleTriggerConfig.cronExpression"
        )
        .as_str(),
        Some("0 * * * *")
    );
    assert_eq!(
        at(job, "properties.configuration.replicaTimeout").as_number(),
        Some(60.0)
    );
    assert_eq!(
        prov(at(job, "properties.configuration.secrets[0].value")),
        Provenance::Generated
    );
    assert_eq!(
        at(job, "properties.template.containers[0].image").as_str(),
        Some("busybox")
    );
}

#[test]
fn terraform_json_modules_are_lowered() {
    let doc = case("json");
    assert!(doc.diagnostics.is_empty(), "{:?}", doc.diagnostics);
    assert!(doc.parameter("acr_password").unwrap().secure);
    let app = resource(&doc, "azurerm_container_app.web");
    assert_eq!(doc.file(app.span).slice(app.span), "\"web\"");
    let plain = at(app, "properties.configuration.secrets[0].value");
    assert!(plain.is_plaintext());
    assert_eq!(pos(&doc, plain), "main.tf.json:15:39");
    let acr = at(app, "properties.configuration.secrets[1].value")
        .as_expr()
        .unwrap();
    assert_eq!(
        (acr.provenance.clone(), acr.text.as_str()),
        (Provenance::SecureInput, "var.acr_password")
    );
    assert_eq!(
        at(app, "properties.environmentId").as_expr().unwrap().refs,
        [Ref::resource("/azurerm_container_app_environment.env").with_member("id")]
    );
    assert_eq!(
        at(app, "properties.configuration.ingress.allowInsecure").as_bool(),
        Some(true)
    );
    let image = at(app, "properties.template.containers[0].image")
        .as_expr()
        .unwrap();
    assert_eq!(image.literal.as_deref(), Some("nginx:1.27"));
    assert!(doc.outputs[0].secure);

    let broken = vec![Arc::new(SourceFile::from_text(
        "main.tf.json",
        "{\"resource\": ",
    ))];
    let doc = parse_module(broken, &Loader::new("."));
    assert_eq!(doc.diagnostics[0].kind, DiagnosticKind::ParseError);
}

#[test]
fn azapi_type_chosen_by_a_ternary_keeps_the_type() {
    let src = "resource \"azapi_resource\" \"aks\" {\n  type = var.x == null ? \"Microsoft.ContainerService/managedClusters@2026-03-01\" : \"Microsoft.ContainerService/managedClusters@2026-03-02-preview\"\n  body = {}\n}\nresource \"azapi_resource\" \"other\" {\n  type = var.x ? \"A/b@1\" : \"C/d@1\"\n}\n";
    let doc = parse_module(
        vec![Arc::new(SourceFile::from_text("main.tf", src))],
        &Loader::new("."),
    );
    let aks = resource(&doc, "azapi_resource.aks");
    assert_eq!(
        aks.resource_type,
        "Microsoft.ContainerService/managedClusters"
    );
    assert_eq!(aks.api_version, None);
    assert!(!doc
        .resources
        .iter()
        .any(|r| r.name == "azapi_resource.other"));
}

#[test]
fn merge_of_known_objects_is_an_object() {
    let src = "locals {\n  base = { properties = { a = 1 } }\n  body = merge(local.base, { properties = { configuration = { secrets = [{ name = \"s\", value = \"lit\" }] } } }, null)\n  opaque = merge(local.base, var.extra)\n}\nresource \"azapi_resource\" \"x\" {\n  type = \"Microsoft.App/containerApps@2025-07-01\"\n  body = local.body\n}\nresource \"azapi_resource\" \"y\" {\n  type = \"Microsoft.App/containerApps@2025-07-01\"\n  body = local.opaque\n}\n";
    let doc = parse_module(
        vec![Arc::new(SourceFile::from_text("main.tf", src))],
        &Loader::new("."),
    );
    let x = resource(&doc, "azapi_resource.x");
    assert!(at(x, "properties.configuration.secrets[0].value").is_plaintext());
    // Terraform's merge is shallow: the later `properties` replaces the earlier one.
    assert!(Path::parse("properties.a")
        .unwrap()
        .first(&x.body)
        .is_none());
    assert_eq!(doc.diagnostics.len(), 1, "{:?}", doc.diagnostics);
    assert_eq!(doc.diagnostics[0].kind, DiagnosticKind::NotAnalysable);
}

#[test]
fn sensitive_body_does_not_replace_an_opaque_body_part() {
    let src = "resource \"azapi_resource\" \"x\" {\n  type = \"Microsoft.ContainerService/managedClusters@2025-01-01\"\n  body = { properties = var.props, sku = { name = \"Base\" } }\n  sensitive_body = { properties = { windowsProfile = { adminPassword = var.pw } }, sku = { tier = \"Free\" } }\n}\n";
    let doc = parse_module(
        vec![Arc::new(SourceFile::from_text("main.tf", src))],
        &Loader::new("."),
    );
    let x = resource(&doc, "azapi_resource.x");
    assert_eq!(at(x, "properties").as_expr().unwrap().text, "var.props");
    assert_eq!(at(x, "sku.name").as_str(), Some("Base"));
    assert_eq!(at(x, "sku.tier").as_str(), Some("Free"));
}

#[test]
fn web_app_settings_become_name_value_pairs() {
    let src = "resource \"azurerm_linux_web_app\" \"web\" {\n  name = \"web\"\n  app_settings = {\n    DB_PASSWORD = \"hunter2\"\n    KV = \"@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/db)\"\n  }\n  site_config {\n    minimum_tls_version = \"1.2\"\n  }\n}\n";
    let doc = parse_module(
        vec![Arc::new(SourceFile::from_text("main.tf", src))],
        &Loader::new("."),
    );
    let web = resource(&doc, "azurerm_linux_web_app.web");
    assert_eq!(web.resource_type, "Microsoft.Web/sites");
    assert_eq!(
        at(web, "properties.siteConfig.appSettings[0].name").as_str(),
        Some("DB_PASSWORD")
    );
    let pw = at(web, "properties.siteConfig.appSettings[0].value");
    assert!(pw.is_plaintext());
    assert_eq!(pos(&doc, pw), "main.tf:4:19");
    assert_eq!(
        prov(at(web, "properties.siteConfig.appSettings[1].value")),
        Provenance::KeyVaultRef
    );
    assert_eq!(
        at(web, "properties.siteConfig.minTlsVersion").as_str(),
        Some("1.2")
    );
    assert_eq!(at(web, "properties.httpsOnly").as_bool(), Some(false));
}

#[test]
fn azapi_resource_action_outputs_of_list_actions_are_key_listings() {
    let src = r#"
resource "azapi_resource_action" "keys" {
  type        = "Microsoft.Storage/storageAccounts@2023-05-01"
  resource_id = azapi_resource.st.id
  action      = "listKeys"
  response_export_values = ["keys"]
}
data "azapi_resource_action" "acr" {
  type        = "Microsoft.ContainerRegistry/registries@2023-07-01"
  resource_id = azapi_resource.acr.id
  action      = "listCredentials"
  response_export_values = ["*"]
}
resource "azapi_resource_action" "restart" {
  type        = "Microsoft.App/containerApps@2025-07-01"
  resource_id = azapi_resource.app.id
  action      = "restart"
}
data "azapi_resource_action" "skus" {
  type        = "Microsoft.Compute/virtualMachines@2024-07-01"
  resource_id = azapi_resource.vm.id
  action      = "vmSizes"
  method      = "GET"
}
output "key" {
  value = azapi_resource_action.keys.output.keys[0].value
}
output "acr" {
  value = data.azapi_resource_action.acr.output.passwords[0].value
}
output "restart" {
  value = azapi_resource_action.restart.output
}
output "skus" {
  value = data.azapi_resource_action.skus.output
}
output "key_action_id" {
  value = azapi_resource_action.keys.id
}
"#;
    let file = Arc::new(SourceFile::from_text("main.tf", src));
    let doc = parse_module(vec![file], &Loader::new("."));
    assert!(doc.diagnostics.is_empty(), "{:?}", doc.diagnostics);
    let out = |n: &str| {
        doc.outputs
            .iter()
            .find(|o| o.name == n)
            .unwrap_or_else(|| panic!("no output {n}"))
            .value
            .provenance()
    };
    assert_eq!(out("key"), Provenance::Derived(DerivedKind::ListKeys));
    assert_eq!(
        out("acr"),
        Provenance::Derived(DerivedKind::RegistryAdminCredential)
    );
    assert_eq!(
        out("restart"),
        Provenance::Derived(DerivedKind::ResourceProperty)
    );
    assert_eq!(out("skus"), Provenance::Derived(DerivedKind::Reference));
    assert_eq!(
        out("key_action_id"),
        Provenance::Derived(DerivedKind::ResourceProperty)
    );
    assert_eq!(
        lower::key_action_kind(
            "listAccountSas",
            "Microsoft.Storage/storageAccounts@2023-05-01"
        ),
        Some(DerivedKind::ListKeys)
    );
    assert_eq!(lower::key_action_kind("listSkus", "x"), None);
}

#[test]
fn variable_types_are_reported_by_kind() {
    // Rules tell collections from strings by the type's outer constructor.
    let src = r#"
variable "secret_permissions" {
  type    = list(string)
  default = ["Get"]
}
variable "connection_strings" {
  type = map(object({
    value = optional(string)
  }))
}
variable "admin_password" {
  type = string
}
variable "untyped_token" {}
"#;
    let json = r#"{"variable": {"tokens": {"type": "set(string)"}, "pw": {"type": "string"}}}"#;
    let doc = parse_module(
        vec![
            Arc::new(SourceFile::from_text("main.tf", src)),
            Arc::new(SourceFile::from_text("vars.tf.json", json)),
        ],
        &Loader::new("."),
    );
    assert!(doc.diagnostics.is_empty(), "{:?}", doc.diagnostics);
    let kind = |n: &str| doc.parameter(n).and_then(|p| p.type_name.clone());
    assert_eq!(kind("secret_permissions").as_deref(), Some("list"));
    assert_eq!(kind("connection_strings").as_deref(), Some("map"));
    assert_eq!(kind("admin_password").as_deref(), Some("string"));
    assert_eq!(kind("untyped_token"), None);
    assert_eq!(kind("tokens").as_deref(), Some("set"));
    assert_eq!(kind("pw").as_deref(), Some("string"));
}

#[test]
fn azapi_key_actions_are_key_listings() {
    let src = r#"
data "azapi_resource_action" "shared_keys" {
  type        = "Microsoft.OperationalInsights/workspaces@2020-08-01"
  resource_id = azapi_resource.workspace.id
  action      = "sharedKeys"
  response_export_values = ["*"]
}
resource "azapi_resource_action" "storage_keys" {
  type        = "Microsoft.Storage/storageAccounts@2023-01-01"
  resource_id = azapi_resource.storage.id
  action      = "listKeys"
  response_export_values = ["*"]
}
resource "azapi_resource_action" "ssh_gen" {
  type        = "Microsoft.Compute/sshPublicKeys@2022-11-01"
  resource_id = azapi_resource.ssh.id
  action      = "generateKeyPair"
  response_export_values = ["publicKey", "privateKey"]
}
output "public_key" {
  value = azapi_resource_action.ssh_gen.output.publicKey
}
output "private_key" {
  value = azapi_resource_action.ssh_gen.output.privateKey
}
data "azapi_resource_action" "register" {
  type        = "Microsoft.Resources/subscriptions@2021-04-01"
  resource_id = "/subscriptions/x"
  action      = "providers/Microsoft.App/register"
}
output "shared_key" {
  value = data.azapi_resource_action.shared_keys.output.primarySharedKey
}
output "account_key" {
  value = azapi_resource_action.storage_keys.output.keys[0].value
}
output "registration" {
  value = data.azapi_resource_action.register.output.registrationState
}
"#;
    let doc = parse_module(
        vec![Arc::new(SourceFile::from_text("main.tf", src))],
        &Loader::new("."),
    );
    assert!(doc.diagnostics.is_empty(), "{:?}", doc.diagnostics);
    let out = |n: &str| {
        doc.outputs
            .iter()
            .find(|o| o.name == n)
            .map(|o| o.value.provenance())
            .unwrap_or_else(|| panic!("no output {n}"))
    };
    assert_eq!(
        out("shared_key"),
        Provenance::Derived(DerivedKind::ListKeys)
    );
    assert_eq!(
        out("account_key"),
        Provenance::Derived(DerivedKind::ListKeys)
    );
    // generateKeyPair returns both halves: only the private one is a key.
    assert_eq!(
        out("private_key"),
        Provenance::Derived(DerivedKind::ListKeys)
    );
    assert_eq!(
        out("public_key"),
        Provenance::Derived(DerivedKind::ResourceProperty)
    );
    assert_eq!(
        out("registration"),
        Provenance::Derived(DerivedKind::Reference)
    );
}

/// Lower one in-memory `.tf` file through the real entry point, on a worker-sized stack.
fn module_on_worker(text: String) -> Document {
    crate::model::on_worker_stack(move || {
        let file = Arc::new(SourceFile::from_text("main.tf", text));
        parse_module(vec![file], &Loader::new("."))
    })
}

fn not_analysable(doc: &Document) -> Vec<&crate::model::Diagnostic> {
    doc.diagnostics
        .iter()
        .filter(|d| d.kind == DiagnosticKind::NotAnalysable)
        .collect()
}

/// Bytes and nodes of what the document holds (resource bodies and locals).
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
        .fold(Cost::default(), |acc, n| {
            let c = Cost::of(n, all);
            Cost {
                nodes: acc.nodes + c.nodes,
                bytes: acc.bytes + c.bytes,
            }
        })
}

#[test]
fn doubling_locals_are_bounded() {
    // Issue 13, D6 (the audit's hcl_locals_doubling_30, 1.3 KB): every use deep-cloned the
    // local, 2^30 nodes; n=20 took 36.7 s and 4.7 GB. Now the budget ends it with one note.
    let mut text = String::from("locals {\n  l0 = { a = \"x\", b = \"y\" }\n");
    for i in 1..=30 {
        text.push_str(&format!(
            "  l{i} = {{ a = local.l{p}, b = local.l{p} }}\n",
            p = i - 1
        ));
    }
    text.push_str(
        "}\nresource \"azurerm_container_app\" \"app\" {\n  name = \"app\"\n  tags = local.l30\n}\n",
    );
    let start = std::time::Instant::now();
    let doc = module_on_worker(text);
    assert!(start.elapsed().as_secs() < 10, "took {:?}", start.elapsed());
    let notes = not_analysable(&doc);
    assert_eq!(notes.len(), 1, "{:?}", doc.diagnostics);
    assert!(notes[0]
        .message
        .starts_with("local and variable values are copied"));
    // The note points at the use of a local, or the local's own value, that did not fit.
    assert!(doc.files[0].slice(notes[0].span).contains("local.l"));
    let size = model_size(&doc);
    // The inline budget is 50,000 nodes; the model holds ~16,000 here.
    assert!(size.nodes < 100_000, "{size:?}");
    // Small locals are still followed.
    assert_eq!(doc.variables.len(), 31);
    assert_eq!(
        doc.variables[1]
            .value
            .get("a")
            .and_then(|a| a.get("a"))
            .and_then(Node::as_str),
        Some("x")
    );
}

#[test]
fn local_and_variable_copies_are_budgeted_by_bytes() {
    // Issue 13, D9: a 1.5 MB local (or variable default) used 9,000 times was copied into
    // every use; now uses past the byte budget are unknown, with one note.
    let big = "A".repeat(1_500_000);
    for (decl, use_) in [
        (format!("locals {{\n  s = \"{big}\"\n}}\n"), "local.s"),
        (
            format!("locals {{\n  o = {{ k = \"{big}\" }}\n}}\n"),
            "local.o.k",
        ),
        (
            format!("locals {{\n  o = {{ k = \"{big}\" }}\n}}\n"),
            "local.o.missing",
        ),
        (
            format!("variable \"s\" {{\n  default = \"{big}\"\n}}\n"),
            "var.s",
        ),
    ] {
        let uses = vec![use_; 9_000].join(", ");
        let text = format!(
            "{decl}resource \"azurerm_container_app\" \"app\" {{\n  name = \"app\"\n  tags = {{ x = [{uses}] }}\n}}\n"
        );
        let start = std::time::Instant::now();
        let doc = module_on_worker(text);
        assert!(
            start.elapsed().as_secs() < 10,
            "{use_}: {:?}",
            start.elapsed()
        );
        let notes = not_analysable(&doc);
        if use_ == "local.o.missing" {
            // An attribute the known object lacks is `null`: nothing is copied.
            assert!(notes.is_empty(), "{use_}: {:?}", doc.diagnostics);
        } else {
            assert_eq!(notes.len(), 1, "{use_}: {:?}", doc.diagnostics);
            assert!(!notes[0].message.contains("AAAA"));
            assert_eq!(doc.files[0].slice(notes[0].span), use_);
        }
        let size = model_size(&doc);
        assert!(size.bytes < 12 << 20, "{use_}: {size:?}");
    }
}

/// A root module folder as an entry point (on the cycle guard's stack, as the engine lowers
/// it), with the modules it calls instantiated.
fn deployment(name: &str) -> Document {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("testdata/terraform")
        .join(name);
    let loader = Loader::new(&dir);
    let mut cx = DeployCx::new(&loader);
    crate::frontend::instance::entry(&dir, &mut cx).expect("a deployment")
}

fn keyed<'d>(doc: &'d Document, key: &str) -> &'d Resource {
    doc.resources
        .iter()
        .find(|r| r.key == key)
        .unwrap_or_else(|| panic!("no resource {key}"))
}

#[test]
fn local_modules_are_instantiated_with_their_callers_arguments() {
    let doc = deployment("deploy");
    let app = |k: &str| keyed(&doc, &format!("/{k}/azurerm_container_app.this"));

    // Called twice: the literal is the unsafe caller's argument, where it is written, one
    // flow step further (the use in the module); the safe caller's is a generated value.
    let unsafe_pw = at(
        app("module.unsafe"),
        "properties.configuration.secrets[0].value",
    );
    assert!(unsafe_pw.is_plaintext());
    assert_eq!(pos(&doc, unsafe_pw), "main.tf:30:17");
    assert_eq!(unsafe_pw.via().len(), 1);
    assert_eq!(
        unsafe_pw.via()[0].note,
        "variable `db_password` of `module.unsafe` (./modules/app)"
    );
    // `flag ? var.db_password : null` with an unknown flag: the argument where it is
    // written, present only when the condition holds.
    let maybe = at(app("module.unsafe"), "tags.pw");
    assert!(maybe.is_plaintext());
    assert!(maybe.is_conditional());
    assert_eq!(pos(&doc, maybe), "main.tf:30:17");
    assert_eq!(maybe.via().len(), 2);
    let safe_pw = at(
        app("module.safe"),
        "properties.configuration.secrets[0].value",
    );
    assert_eq!(prov(safe_pw), Provenance::Generated);
    assert!(!safe_pw.is_plaintext());

    // A boolean argument: reported at the caller's line; an argument left out or `null`
    // takes the module's default.
    let insecure = at(
        app("module.unsafe"),
        "properties.configuration.ingress.allowInsecure",
    );
    assert_eq!(insecure.as_bool(), Some(true));
    assert_eq!(pos(&doc, insecure), "main.tf:31:17");
    let left_out = at(
        app("module.safe"),
        "properties.configuration.ingress.allowInsecure",
    );
    assert_eq!(left_out.as_bool(), Some(false));
    assert!(doc
        .file(left_out.span)
        .path
        .ends_with("modules/app/main.tf"));
    // `null` for a nullable variable is null: the resource argument is not set.
    let null = Path::parse("properties.configuration.ingress.allowInsecure")
        .unwrap()
        .first(&app("module.counted[1]").body)
        .and_then(Node::as_bool);
    assert_ne!(null, Some(true));

    // Instances: keys, instance paths, evaluated names; symbols are the full addresses, so
    // the two instances' resources are not the same symbol.
    let counted = app("module.counted[1]");
    assert_eq!(
        counted.symbol.as_deref(),
        Some("module.counted[1].azurerm_container_app.this")
    );
    assert_eq!(counted.name, "azurerm_container_app.this");
    assert_eq!(counted.name_value.as_deref(), Some("counted-1"));
    assert_eq!(
        counted.instance.as_ref().map(|i| i.path.as_str()),
        Some("module.counted[1]")
    );
    assert_eq!(
        counted.instance.as_ref().map(|i| i.source.as_str()),
        Some("./modules/app")
    );
    // for_each over a map from terraform.tfvars: each.value is the tfvars literal.
    let each_b = at(
        app("module.each[\"b\"]"),
        "properties.configuration.secrets[0].value",
    );
    assert!(each_b.is_plaintext());
    assert_eq!(pos(&doc, each_b), "terraform.tfvars:2:35");

    // A module output read by another module call: the callee's typed reference.
    let env_id = at(app("module.safe"), "properties.environmentId");
    assert_eq!(
        env_id.as_expr().unwrap().refs,
        [Ref::resource("/module.env/azurerm_container_app_environment.this").with_member("id")]
    );
    // Outputs of expanded calls by index and key; a known output value is the value itself.
    let kv = keyed(&doc, "/azurerm_key_vault.kv");
    assert_eq!(
        at(kv, "tags.first").as_expr().unwrap().refs,
        [
            Ref::resource("/module.counted[0]/azurerm_container_app.this")
                .with_member("ingress.fqdn")
        ]
    );
    assert_eq!(
        at(kv, "tags.b").as_expr().unwrap().refs[0].name(),
        "/module.each[\"b\"]/azurerm_container_app.this"
    );
    // `var.region` of the root, not set by tfvars: its default may be overridden (-var),
    // so it is an input whose literal is known.
    let location = at(kv, "location");
    assert_eq!(
        location.as_expr().and_then(|e| e.literal.as_deref()),
        Some("westeurope"),
        "{location:?}"
    );
    assert!(at(kv, "location")
        .via()
        .iter()
        .any(|s| s.note == "output `location` of `module.env` (./modules/env)"));

    // Remote sources and a cycle: one note per call, nothing instantiated.
    let notes = not_analysable(&doc);
    let at_line = |n: &crate::model::Diagnostic| pos(&doc, &Node::null(n.span));
    let mut lines: Vec<String> = notes.iter().map(|n| at_line(n)).collect();
    lines.sort();
    assert_eq!(lines, ["main.tf:52:1", "main.tf:58:1"], "{notes:?}");
    assert!(!doc.resources.iter().any(|r| r.key.contains("module.self")));
    assert!(!doc
        .resources
        .iter()
        .any(|r| r.key.contains("module.registry")));
}

#[test]
fn tfvars_follow_terraform_precedence_and_var_files_are_deployments() {
    let doc = deployment("deploy");
    // terraform.tfvars says basic, z.auto.tfvars (loaded after it) standard.
    let kv = keyed(&doc, "/azurerm_key_vault.kv");
    assert_eq!(kv.name_value.as_deref(), Some("kv-standard"));
    // `terraform apply -var-file=prod.tfvars`: the auto-loaded files, then prod.tfvars.
    let prod = keyed(&doc, "/var-file:prod.tfvars/azurerm_key_vault.kv");
    assert_eq!(prod.name_value.as_deref(), Some("kv-premium"));
    // The variant's modules are instantiated too (its own instance paths).
    keyed(
        &doc,
        "/var-file:prod.tfvars/module.unsafe/azurerm_container_app.this",
    );
}
