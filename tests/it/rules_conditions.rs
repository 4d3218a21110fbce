//! Conditions, predicates and reporting, one behaviour per test, on inline rules and
//! hand-built ARM documents.

use crate::support;

use azlint::__internal::rules::parse_rule;
use azlint::{Finding, RuleSet, Severity};
use serde_json::json;

const APP: &str = "Microsoft.App/containerApps";

/// A resource rule over container apps with the given extra YAML (select/when/report…).
fn rule(extra: &str) -> RuleSet {
    rule_for(APP, extra)
}

fn rule_for(ty: &str, extra: &str) -> RuleSet {
    let text = format!(
        "id: AZL990\nname: test-rule\nfamily: test\nseverity: warning\nconfidence: medium\ntitle: t\nhelp: h\n\
         message: \"{{resource}} {{property}} {{name}}\"\nresource-types: [{ty}]\n{extra}"
    );
    let r = parse_rule("test.yaml", &text).unwrap_or_else(|e| panic!("{e}"));
    let mut set = RuleSet::default();
    set.extend(RuleSet::from_rules(vec![r])).unwrap();
    set
}

fn scoped(scope: &str, extra: &str) -> RuleSet {
    let text = format!(
        "id: AZL990\nname: test-rule\nfamily: test\nseverity: warning\nconfidence: medium\ntitle: t\nhelp: h\n\
         message: \"{{name}}\"\nscope: {scope}\n{extra}"
    );
    RuleSet::from_rules(vec![
        parse_rule("test.yaml", &text).unwrap_or_else(|e| panic!("{e}"))
    ])
}

fn run(set: &RuleSet, template: serde_json::Value) -> Vec<Finding> {
    let text = serde_json::to_string_pretty(&template).unwrap();
    set.evaluate(&support::arm_document("t.json", &text))
}

fn app(body: serde_json::Value) -> serde_json::Value {
    let mut r = json!({"type": APP, "apiVersion": "2025-07-01", "name": "web"});
    for (k, v) in body.as_object().unwrap() {
        r[k] = v.clone();
    }
    json!({"resources": [r]})
}

fn fires(set: &RuleSet, body: serde_json::Value) -> bool {
    !run(set, app(body)).is_empty()
}

#[test]
fn exists_and_absent_are_quiet_on_opaque_values() {
    let absent = rule("when: {path: properties.configuration.ingress, exists: false}");
    assert!(fires(&absent, json!({"properties": {}})));
    assert!(!fires(
        &absent,
        json!({"properties": {"configuration": {"ingress": {}}}})
    ));
    // `configuration` is an expression: its shape is unknown, so "absent" is not known.
    assert!(!fires(
        &absent,
        json!({"properties": {"configuration": "[variables('cfg')]"}})
    ));
    let present = rule("when: {path: 'properties.configuration.secrets[*].name', exists: true}");
    assert!(fires(
        &present,
        json!({"properties": {"configuration": {"secrets": [{"name": "a"}]}}})
    ));
    assert!(!fires(
        &present,
        json!({"properties": {"configuration": {"secrets": []}}})
    ));
}

#[test]
fn equals_and_in_compare_loosely_but_only_known_values() {
    let r = rule("when: {path: properties.flag, equals: true}");
    assert!(fires(&r, json!({"properties": {"flag": true}})));
    assert!(fires(&r, json!({"properties": {"flag": "True"}})));
    assert!(!fires(&r, json!({"properties": {"flag": false}})));
    assert!(!fires(
        &r,
        json!({"properties": {"flag": "[parameters('f')]"}, "x": 1})
    ));
    let s = rule("when: {path: properties.mode, equals: Require}");
    assert!(fires(&s, json!({"properties": {"mode": "require"}})));
    let n = rule("when: {path: properties.port, equals: 80}");
    assert!(fires(&n, json!({"properties": {"port": 80}})));
    assert!(fires(&n, json!({"properties": {"port": "80"}})));
    let i = rule("when: {path: properties.mode, in: [accept, ignore]}");
    assert!(fires(&i, json!({"properties": {"mode": "Accept"}})));
    assert!(!fires(&i, json!({"properties": {"mode": "require"}})));
}

#[test]
fn matches_numbers_count_known() {
    let m = rule("when: {path: properties.range, matches: '/0$'}");
    assert!(fires(&m, json!({"properties": {"range": "0.0.0.0/0"}})));
    assert!(!fires(&m, json!({"properties": {"range": "10.0.0.0/8"}})));
    let g = rule("when: {path: properties.max, gt: 10, lte: 30}");
    assert!(fires(&g, json!({"properties": {"max": 20}})));
    assert!(!fires(&g, json!({"properties": {"max": 40}})));
    assert!(!fires(&g, json!({"properties": {"max": 5}})));
    let c = rule("when: {path: properties.list, count: {gte: 2}}");
    assert!(fires(&c, json!({"properties": {"list": [1, 2]}})));
    assert!(!fires(&c, json!({"properties": {"list": [1]}})));
    let k = rule("when: {path: properties.v, known: false}");
    assert!(fires(&k, json!({"properties": {"v": "[parameters('p')]"}})));
    assert!(!fires(&k, json!({"properties": {"v": "x"}})));
}

#[test]
fn provenance_derived_plaintext() {
    let doc = |v: &str| {
        json!({
            "parameters": {"s": {"type": "securestring"}, "d": {"type": "string", "defaultValue": "lit"}, "n": {"type": "string"}},
            "resources": [{"type": APP, "name": "web", "properties": {"v": v}}]
        })
    };
    let p = rule("when: {path: properties.v, provenance: [secure-input, key-vault-ref]}");
    assert_eq!(run(&p, doc("[parameters('s')]")).len(), 1);
    assert_eq!(
        run(
            &p,
            doc("@Microsoft.KeyVault(SecretUri=https://v.vault.azure.net/secrets/x)")
        )
        .len(),
        1
    );
    assert_eq!(run(&p, doc("[parameters('d')]")).len(), 0);
    let d = rule("when: {path: properties.v, derived: [list-keys]}");
    assert_eq!(run(&d, doc("[listKeys(resourceId('Microsoft.Storage/storageAccounts', 'a'), '2023-01-01').keys[0].value]")).len(), 1);
    assert_eq!(run(&d, doc("[listCredentials(resourceId('Microsoft.ContainerRegistry/registries', 'a'), '2023-07-01').passwords[0].value]")).len(), 0);
    let t = rule("when: {path: properties.v, plaintext: true}");
    assert_eq!(run(&t, doc("literal")).len(), 1);
    assert_eq!(
        run(&t, doc("[parameters('d')]")).len(),
        1,
        "non-secure parameter with a literal default"
    );
    for quiet in [
        "[parameters('s')]",
        "[parameters('n')]",
        "",
        "<placeholder>",
        "[newGuid()]",
        "[[escaped",
    ] {
        let n = run(&t, doc(quiet)).len();
        assert_eq!(n, usize::from(quiet == "[[escaped"), "{quiet}");
    }
}

#[test]
fn combinators_and_severity_when() {
    let r = rule(
        "when:\n  all:\n    - {path: properties.a, exists: true}\n    - not: {path: properties.b, equals: true}\n    - any: [{path: properties.c, equals: 1}, {path: properties.c, equals: 2}]\n\
         severity-when:\n  - {when: {path: properties.c, equals: 2}, severity: error, message: escalated}\n",
    );
    let f = run(&r, app(json!({"properties": {"a": 1, "c": 1}})));
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].severity, Severity::Warning);
    let f = run(&r, app(json!({"properties": {"a": 1, "c": 2}})));
    assert_eq!(
        (f[0].severity, f[0].message.as_str()),
        (Severity::Error, "escalated")
    );
    assert!(run(&r, app(json!({"properties": {"a": 1, "b": true, "c": 1}}))).is_empty());
    assert!(run(&r, app(json!({"properties": {"a": 1, "c": 3}}))).is_empty());
}

#[test]
fn select_reports_each_item_with_concrete_paths_and_masks() {
    let r = rule("select: 'properties.configuration.secrets[*]'\nwhen: {path: value, plaintext: true}\nreport: value\nmask: true\nlabel: here\n");
    let f = run(
        &r,
        app(json!({"properties": {"configuration": {"secrets": [
            {"name": "a", "value": "x1"}, {"name": "b", "value": "[parameters('p')]"}, {"name": "c", "value": "x3"}
        ]}}})),
    );
    let props: Vec<_> = f.iter().map(|f| f.property.as_deref().unwrap()).collect();
    assert_eq!(
        props,
        [
            "properties.configuration.secrets[0].value",
            "properties.configuration.secrets[2].value"
        ]
    );
    assert!(f
        .iter()
        .all(|f| f.mask && f.label.as_deref() == Some("here")));
    assert_eq!(
        f[1].message,
        "web properties.configuration.secrets[2].value c"
    );
    assert_ne!(f[0].span, f[1].span);
}

#[test]
fn report_falls_back_to_ancestor_then_declaration() {
    let r = rule("when: {path: properties.x.y, exists: false}\nreport: properties.x.y\n");
    let text = serde_json::to_string(&app(json!({"properties": {"x": {}}}))).unwrap();
    let doc = support::arm_document("t.json", &text);
    let f = r.evaluate(&doc);
    let x_span = doc.resources[0].body.get_path("properties.x").unwrap().span;
    assert_eq!(f[0].span, x_span);
    assert_eq!(f[0].property.as_deref(), Some("properties.x.y"));
    assert!(!f[0].mask);
    let text = serde_json::to_string(&app(json!({"other": 1}))).unwrap();
    let doc = support::arm_document("t.json", &text);
    let f = r.evaluate(&doc);
    assert_eq!(
        f[0].span, doc.resources[0].span,
        "nothing of the path exists: the declaration"
    );
}

#[test]
fn root_paths_existing_resources_types_and_api_versions() {
    let r = rule("select: 'properties.items[*]'\nwhen: {path: $.identity, exists: false}\n");
    assert_eq!(
        run(&r, app(json!({"properties": {"items": [1, 2]}}))).len(),
        2
    );
    assert!(run(
        &r,
        app(json!({"identity": {"type": "SystemAssigned"}, "properties": {"items": [1]}}))
    )
    .is_empty());
    let always = rule("when: {path: properties, exists: true}\n");
    let mut t = app(json!({"properties": {}}));
    t["resources"][0]["existing"] = json!(true);
    assert!(run(&always, t).is_empty(), "existing resources are skipped");
    let mut t = app(json!({"properties": {}}));
    t["resources"][0]["type"] = json!("microsoft.app/CONTAINERAPPS");
    assert_eq!(run(&always, t).len(), 1, "types compare ignoring case");
    let gated =
        rule("api-version: {min: 2024-02-02-preview}\nwhen: {path: properties, exists: true}\n");
    let mut t = app(json!({"properties": {}}));
    t["resources"][0]["apiVersion"] = json!("2023-05-01");
    assert!(run(&gated, t.clone()).is_empty());
    t["resources"][0]["apiVersion"] = json!("2024-02-02-preview");
    assert_eq!(run(&gated, t.clone()).len(), 1);
    t["resources"][0]
        .as_object_mut()
        .unwrap()
        .remove("apiVersion");
    assert_eq!(run(&gated, t).len(), 1, "no api version: assume current");
}

#[test]
fn predicate_credential_name_and_value() {
    let r = rule("select: 'properties.env[*]'\nwhen: {any: [{credential-value: value}, {credential-name: name}]}\n");
    let f = run(
        &r,
        app(json!({"properties": {"env": [
            {"name": "DB_PASSWORD", "value": "x"},
            {"name": "CONN", "value": "Server=db;Password=hunter2;"},
            {"name": "AZURE_CLIENT_ID", "value": "3f2504e0-4f89-11d3-9a0c-0305e82c3301"},
            {"name": "URL", "value": "https://example.com/?page=1"}
        ]}})),
    );
    assert_eq!(f.len(), 2);
}

#[test]
fn predicate_identity_assigned() {
    let r = rule("select: 'properties.configuration.registries[*]'\nwhen: {all: [{path: identity, exists: true}, {not: {identity-assigned: identity}}]}\n");
    let uai = "[resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', 'pull')]";
    let body = |identity: serde_json::Value, reg_identity: &str| json!({"identity": identity, "properties": {"configuration": {"registries": [{"server": "a.azurecr.io", "identity": reg_identity}]}}});
    assert!(fires(&r, body(json!({"type": "None"}), "system")));
    assert!(!fires(
        &r,
        body(json!({"type": "SystemAssigned"}), "system")
    ));
    assert!(!fires(
        &r,
        body(
            json!({"type": "UserAssigned", "userAssignedIdentities": {uai: {}}}),
            "[resourceId('Microsoft.ManagedIdentity/userAssignedIdentities','pull')]"
        )
    ));
    assert!(fires(
        &r,
        body(
            json!({"type": "UserAssigned", "userAssignedIdentities": {uai: {}}}),
            "[resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', 'other')]"
        )
    ));
    assert!(!fires(
        &r,
        body(json!({"type": "[parameters('t')]"}), "system")
    ));
}

#[test]
fn predicates_secret_defined_and_secret() {
    let r = rule("select: 'properties.template.containers[*].env[*]'\nwhen: {all: [{path: secretRef, exists: true}, {not: {secret-defined: secretRef}}]}\n");
    let body = |name: &str| {
        json!({"properties": {"configuration": {"secrets": [{"name": "db", "value": "[parameters('p')]"}]},
               "template": {"containers": [{"name": "c", "env": [{"name": "X", "secretRef": name}]}]}}})
    };
    assert!(!fires(&r, body("db")));
    assert!(!fires(&r, body("DB")));
    assert!(fires(&r, body("missing")));
    let s = rule("select: 'properties.configuration.registries[*]'\nwhen: {secret: {ref: passwordSecretRef, when: {path: value, plaintext: true}}}\n");
    let body = |value: &str| {
        json!({"properties": {"configuration": {"secrets": [{"name": "pw", "value": value}],
               "registries": [{"server": "a.azurecr.io", "passwordSecretRef": "pw"}]}}})
    };
    assert!(fires(&s, body("literal")));
    assert!(!fires(&s, body("[parameters('p')]")));
}

#[test]
fn predicate_acr_server() {
    let r = rule("select: 'properties.registries[*]'\nwhen: {not: {acr-server: server}}\n");
    let body = |server: &str| json!({"properties": {"registries": [{"server": server}]}});
    assert!(!fires(&r, body("myreg.azurecr.io")));
    assert!(!fires(&r, body("[reference(resourceId('Microsoft.ContainerRegistry/registries', 'r'), '2023-07-01').loginServer]")));
    assert!(fires(&r, body("ghcr.io")));
}

#[test]
fn predicate_related() {
    let r = rule("when:\n  related:\n    via: properties.environmentId\n    type: Microsoft.App/managedEnvironments\n    when: {path: properties.vnetConfiguration.internal, equals: true}\n");
    let env = |internal: bool| json!({"type": "Microsoft.App/managedEnvironments", "name": "apps", "properties": {"vnetConfiguration": {"internal": internal}}});
    let app_res = json!({"type": APP, "name": "web", "properties": {"environmentId": "[resourceId('Microsoft.App/managedEnvironments', 'apps')]"}});
    assert_eq!(
        run(&r, json!({"resources": [env(true), app_res.clone()]})).len(),
        1
    );
    assert_eq!(
        run(&r, json!({"resources": [env(false), app_res.clone()]})).len(),
        0
    );
    assert_eq!(
        run(&r, json!({"resources": [app_res.clone()]})).len(),
        0,
        "unknown environment: false"
    );
    // Symbolic (languageVersion 2.0) reference.
    let sym = json!({"resources": {
        "env": env(true),
        "web": {"type": APP, "name": "web", "properties": {"environmentId": "[reference('env').id]"}}
    }});
    assert_eq!(run(&r, sym).len(), 1);
    // Literal resource id naming the environment.
    let lit = json!({"resources": [env(true), {"type": APP, "name": "web", "properties": {"environmentId": "/subscriptions/s/resourceGroups/g/providers/Microsoft.App/managedEnvironments/apps"}}]});
    assert_eq!(run(&r, lit).len(), 1);
}

#[test]
fn predicate_referenced_by() {
    let env_rule = |extra: &str| rule_for("Microsoft.App/managedEnvironments", extra);
    let r = env_rule("when:\n  referenced-by:\n    type: Microsoft.Network/privateEndpoints\n    via: 'properties.privateLinkServiceConnections[*].properties.privateLinkServiceId'\n    when: {path: 'properties.privateLinkServiceConnections[*].properties.groupIds[*]', equals: managedEnvironments}\n");
    let env =
        json!({"type": "Microsoft.App/managedEnvironments", "name": "[parameters('envName')]"});
    let pe = |target: &str, group: &str| {
        json!({"type": "Microsoft.Network/privateEndpoints", "name": "pe", "properties": {
            "privateLinkServiceConnections": [{"name": "c", "properties": {"privateLinkServiceId": target, "groupIds": [group]}}]}})
    };
    let params = json!({"envName": {"type": "string"}});
    let by_id = "[resourceId('Microsoft.App/managedEnvironments', parameters('envName'))]";
    assert_eq!(
        run(
            &r,
            json!({"parameters": params, "resources": [env, pe(by_id, "managedEnvironments")]})
        )
        .len(),
        1
    );
    // The referencing resource must satisfy `when`.
    assert!(run(
        &r,
        json!({"parameters": params, "resources": [env, pe(by_id, "registry")]})
    )
    .is_empty());
    // A reference to another environment, or no private endpoint at all: false.
    let other = "[resourceId('Microsoft.App/managedEnvironments', 'other')]";
    assert!(run(
        &r,
        json!({"parameters": params, "resources": [env, pe(other, "managedEnvironments")]})
    )
    .is_empty());
    assert!(run(&r, json!({"parameters": params, "resources": [env]})).is_empty());
    // Symbolic names (languageVersion 2.0) and literal resource ids.
    let sym = json!({"languageVersion": "2.0", "resources": {
        "env": {"type": "Microsoft.App/managedEnvironments", "name": "apps"},
        "pe": pe("[resourceId('Microsoft.App/managedEnvironments', 'apps')]", "managedEnvironments")}});
    assert_eq!(run(&r, sym).len(), 1);
    let lit = json!({"resources": [{"type": "Microsoft.App/managedEnvironments", "name": "apps"},
        pe("/subscriptions/s/resourceGroups/g/providers/Microsoft.App/managedEnvironments/apps", "managedEnvironments")]});
    assert_eq!(run(&r, lit).len(), 1);
}

#[test]
fn predicate_child() {
    let r = rule("when:\n  child:\n    type: Microsoft.App/containerApps/authConfigs\n    when: {not: {path: properties.platform.enabled, equals: false}}\n");
    let app_res = |name: &str| json!({"type": APP, "name": name});
    let auth = |name: &str, enabled: bool| json!({"type": "Microsoft.App/containerApps/authConfigs", "name": name, "properties": {"platform": {"enabled": enabled}}});
    let names = |f: &[Finding]| f.iter().map(|f| f.message.clone()).collect::<Vec<_>>();
    // Top-level child with a `<parent>/<child>` name.
    let f = run(
        &r,
        json!({"resources": [app_res("web"), app_res("api"), auth("web/current", true)]}),
    );
    assert_eq!(names(&f), vec!["web  web"]);
    // The child's `when` must hold.
    assert!(run(
        &r,
        json!({"resources": [app_res("web"), auth("web/current", false)]})
    )
    .is_empty());
    // `format()` name naming the parent by its name expression.
    let params = json!({"appName": {"type": "string"}, "other": {"type": "string"}});
    let fmt = json!({"parameters": params, "resources": [
        {"type": APP, "name": "[parameters('appName')]"},
        {"type": APP, "name": "[parameters('other')]"},
        auth("[format('{0}/{1}', parameters('appName'), 'current')]", true)]});
    assert_eq!(run(&r, fmt).len(), 1);
    // Nested `resources`: the child belongs to the app it is declared in.
    let mut nested = app_res("web");
    nested["resources"] = json!([{"type": "authConfigs", "name": "current", "properties": {"platform": {"enabled": true}}}]);
    let f = run(&r, json!({"resources": [nested, app_res("api")]}));
    assert_eq!(names(&f), vec!["web  web"]);
    // No child, or a child of another app: false.
    assert!(run(&r, json!({"resources": [app_res("web")]})).is_empty());
    assert!(run(
        &r,
        json!({"resources": [app_res("web"), auth("api/current", true)]})
    )
    .is_empty());
}

#[test]
fn child_type_must_be_a_child_type() {
    let e = parse_rule("r.yaml", "id: AZL990\nname: t\nfamily: f\nseverity: note\nconfidence: low\ntitle: t\nhelp: h\nmessage: m\nresource-types: [A/b]\nwhen: {child: {type: Microsoft.App/containerApps}}\n").unwrap_err();
    assert!(
        e.starts_with("r.yaml:10:") && e.contains("child.type"),
        "{e}"
    );
}

#[test]
fn scoped_rules_see_parameters_outputs_and_variables() {
    let p = scoped("parameter", "when: {all: [{path: secure, equals: false}, {path: type, equals: string}, {path: default, exists: true}]}\nreport: default\n");
    let f = run(
        &p,
        json!({"parameters": {"a": {"type": "string", "defaultValue": "x"}, "b": {"type": "securestring", "defaultValue": "y"}, "c": {"type": "string"}}, "resources": []}),
    );
    assert_eq!(f.len(), 1);
    assert_eq!(
        (f[0].message.as_str(), f[0].property.as_deref()),
        ("a", Some("parameters.a.default"))
    );
    let o = scoped(
        "output",
        "when: {path: value, provenance: [secure-input]}\n",
    );
    let f = run(
        &o,
        json!({"parameters": {"s": {"type": "securestring"}}, "resources": [], "outputs": {"o": {"type": "string", "value": "[parameters('s')]"}}}),
    );
    assert_eq!(f.len(), 1);
    let v = scoped("variable", "when: {credential-value: value}\n");
    let f = run(
        &v,
        json!({"variables": {"conn": "Server=db;Password=hunter2;"}, "resources": []}),
    );
    assert_eq!(f.len(), 1);
    assert!(!f[0].message.contains("hunter2"));
}

#[test]
fn load_errors_point_at_the_problem() {
    let bad_path = "id: AZL990\nname: t\nfamily: f\nseverity: note\nconfidence: low\ntitle: t\nhelp: h\nmessage: m\nresource-types: [A/b]\nselect: 'a[x]'\n";
    let e = parse_rule("r.yaml", bad_path).unwrap_err();
    assert!(e.starts_with("r.yaml:10:"), "{e}");
    let two = "id: AZL990\nname: t\nfamily: f\nseverity: note\nconfidence: low\ntitle: t\nhelp: h\nmessage: m\nresource-types: [A/b]\nwhen: {all: [], path: a}\n";
    let e = parse_rule("r.yaml", two).unwrap_err();
    assert!(
        e.starts_with("r.yaml:10:") && e.contains("exactly one"),
        "{e}"
    );
    let placeholder = "id: AZL990\nname: t\nfamily: f\nseverity: note\nconfidence: low\ntitle: t\nhelp: h\nmessage: 'value {value}'\nresource-types: [A/b]\n";
    let e = parse_rule("r.yaml", placeholder).unwrap_err();
    assert!(e.starts_with("r.yaml:8:") && e.contains("{value}"), "{e}");
    let no_types = "id: AZL990\nname: t\nfamily: f\nseverity: note\nconfidence: low\ntitle: t\nhelp: h\nmessage: m\n";
    assert!(parse_rule("r.yaml", no_types)
        .unwrap_err()
        .contains("resource-types"));
}

#[test]
fn rule_set_is_sync_and_send() {
    fn check<T: Send + Sync>() {}
    check::<RuleSet>();
}
