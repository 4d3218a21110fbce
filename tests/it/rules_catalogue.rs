//! The built-in rule catalogue: every file is valid against `schemas/rule.schema.json`, the
//! schema accepts what the loader accepts (the schema itself is generated from the Rust
//! structs, checked by `rules::spec::schema`), ids and names are unique, and every rule has
//! pass and fail fixtures.

use std::collections::BTreeSet;
use std::path::Path;

use azlint::__internal::rules::BUILTIN_SOURCES;
use azlint::RuleSet;
use serde_json::Value as J;

fn schema() -> J {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/rule.schema.json"),
    )
    .unwrap();
    serde_json::from_str(&text).unwrap()
}

/// A small JSON Schema (2020-12) validator for the keywords `rule.schema.json` uses: `$ref`
/// to local definitions, `type`, `enum`, `const`, `oneOf`, `required`, `properties`,
/// `additionalProperties: false`, `items`, `minItems`, `minProperties`, `minLength`,
/// `pattern`, `minimum`, `maximum`. Any other keyword in the schema is a test failure, so the schema cannot grow a
/// constraint this check silently ignores.
fn validate(root: &J, schema: &J, value: &J, at: &str, errors: &mut Vec<String>) {
    let Some(obj) = schema.as_object() else {
        return;
    };
    for (k, s) in obj {
        match k.as_str() {
            "$schema" | "$id" | "title" | "description" | "default" | "format" | "$defs" => {}
            "$ref" => {
                let name = s.as_str().unwrap().trim_start_matches("#/$defs/");
                validate(root, &root["$defs"][name], value, at, errors);
            }
            "type" => {
                let types: Vec<&str> = match s {
                    J::String(t) => vec![t.as_str()],
                    J::Array(ts) => ts.iter().filter_map(J::as_str).collect(),
                    _ => vec![],
                };
                let ok = types.iter().any(|t| match *t {
                    "object" => value.is_object(),
                    "array" => value.is_array(),
                    "string" => value.is_string(),
                    "number" => value.is_number(),
                    "integer" => value.as_f64().is_some_and(|n| n.fract() == 0.0),
                    "boolean" => value.is_boolean(),
                    "null" => value.is_null(),
                    _ => false,
                });
                if !ok {
                    errors.push(format!("{at}: expected {types:?}"));
                }
            }
            "enum" => {
                if !s.as_array().unwrap().contains(value) {
                    errors.push(format!("{at}: {value} not in {s}"));
                }
            }
            "const" => {
                if s != value {
                    errors.push(format!("{at}: {value} is not {s}"));
                }
            }
            "oneOf" => {
                let matching = s
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter(|alt| {
                        let mut e = Vec::new();
                        validate(root, alt, value, at, &mut e);
                        e.is_empty()
                    })
                    .count();
                if matching != 1 {
                    errors.push(format!("{at}: {value} matches {matching} of oneOf {s}"));
                }
            }
            "required" => {
                for r in s.as_array().unwrap() {
                    if value.get(r.as_str().unwrap()).is_none() {
                        errors.push(format!("{at}: missing {r}"));
                    }
                }
            }
            "properties" => {
                if let Some(o) = value.as_object() {
                    for (pk, pv) in o {
                        if let Some(ps) = s.get(pk) {
                            validate(root, ps, pv, &format!("{at}.{pk}"), errors);
                        }
                    }
                }
            }
            "additionalProperties" => {
                assert_eq!(
                    s,
                    &J::Bool(false),
                    "only additionalProperties: false is supported"
                );
                if let Some(o) = value.as_object() {
                    for pk in o.keys() {
                        if obj.get("properties").and_then(|p| p.get(pk)).is_none() {
                            errors.push(format!("{at}: unknown property {pk}"));
                        }
                    }
                }
            }
            "items" => {
                if let Some(items) = value.as_array() {
                    for (i, item) in items.iter().enumerate() {
                        validate(root, s, item, &format!("{at}[{i}]"), errors);
                    }
                }
            }
            "minItems" => {
                if value
                    .as_array()
                    .is_some_and(|a| (a.len() as u64) < s.as_u64().unwrap())
                {
                    errors.push(format!("{at}: too few items"));
                }
            }
            "minProperties" => {
                if value
                    .as_object()
                    .is_some_and(|o| (o.len() as u64) < s.as_u64().unwrap())
                {
                    errors.push(format!("{at}: too few properties"));
                }
            }
            "minLength" => {
                if value
                    .as_str()
                    .is_some_and(|v| (v.chars().count() as u64) < s.as_u64().unwrap())
                {
                    errors.push(format!("{at}: too short"));
                }
            }
            "pattern" => {
                let re = regex::Regex::new(s.as_str().unwrap()).unwrap();
                if value.as_str().is_some_and(|v| !re.is_match(v)) {
                    errors.push(format!("{at}: {value} does not match {s}"));
                }
            }
            "minimum" => {
                if value.as_f64().is_some_and(|v| v < s.as_f64().unwrap()) {
                    errors.push(format!("{at}: below minimum"));
                }
            }
            "maximum" => {
                if value.as_f64().is_some_and(|v| v > s.as_f64().unwrap()) {
                    errors.push(format!("{at}: above maximum"));
                }
            }
            other => {
                panic!("schema keyword `{other}` at {at} is not understood by the test validator")
            }
        }
    }
}

#[test]
fn builtin_rules_are_valid_against_the_schema() {
    let schema = schema();
    assert!(!BUILTIN_SOURCES.is_empty());
    let mut errors = Vec::new();
    for (file, text) in BUILTIN_SOURCES {
        let value: J = serde_saphyr::from_str(text).unwrap_or_else(|e| panic!("{file}: {e}"));
        validate(&schema, &schema, &value, file, &mut errors);
        let id = value["id"].as_str().unwrap_or_default();
        assert_eq!(
            *file,
            format!("{id}.yaml"),
            "rule files are named after their id"
        );
    }
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

#[test]
fn schema_rejects_what_the_loader_rejects() {
    let schema = schema();
    let bad: &[&str] = &[
        "id: AZL1\nname: x\nfamily: secrets\nseverity: error\nconfidence: high\ntitle: t\nhelp: h\n",
        "id: AZL100\nname: x\nfamily: secrets\nseverity: fatal\nconfidence: high\ntitle: t\nhelp: h\n",
        "id: AZL100\nname: x\nfamily: secrets\nseverity: error\nconfidence: high\ntitle: t\nhelp: h\nwhen: {path: a, colour: red}\n",
        "id: AZL100\nname: x\nfamily: secrets\nseverity: error\nconfidence: high\ntitle: t\nhelp: h\nwhen: {path: a, provenance: [secret]}\n",
    ];
    for text in bad {
        let value: J = serde_saphyr::from_str(text).unwrap();
        let mut errors = Vec::new();
        validate(&schema, &schema, &value, "bad", &mut errors);
        assert!(!errors.is_empty(), "schema accepted:\n{text}");
        assert!(
            azlint::__internal::rules::parse_rule("bad.yaml", text).is_err(),
            "loader accepted:\n{text}"
        );
    }
}

#[test]
fn schema_accepts_every_field_the_loader_accepts() {
    let schema = schema();
    // A rule using every field (and one fix action): the deserialiser accepts it (a field the structs lack fails
    // with "unknown field") and so does the schema (with its patterns and enums).
    let probe = "id: AZL999\nname: probe\nfamily: meta\nseverity: note\nconfidence: low\ntitle: t\nhelp: h\nmessage: m\n\
        scope: resource\nresource-types: [A/b]\napi-version: {min: 2024-01-01, max: 2025-01-01, exclude: [2024-03-01]}\nselect: a[*]\n\
        report: b\nmask: true\nlabel: l\ntags: [x]\nsecurity-severity: 1.0\ninexpressible-in: {yaml: no parameters}\ndocs: https://example.com\nkind: check\n\
        bicep-linter: [secure-parameter-default]\nazure-policy: [12d4fa5e-1f9f-4c21-97a9-b99b3c6611b5]\nprofile: azure-policy\n\
        when:\n  all:\n    - {path: a, exists: true, equals: 1, in: [1], matches: x, provenance: [literal], derived: [list-keys], plaintext: true, known: true, gt: 0, gte: 0, lt: 9, lte: 9, count: {equals: 1, gt: 0, gte: 0, lt: 2, lte: 2}}\n\
        \x20   - any: [{credential-name: name}, {credential-value: v}, {identity-assigned: i}, {secret-defined: s}, {acr-server: r}]\n\
        \x20   - not: {secret: {ref: r, when: {path: value, exists: true}}}\n\
        \x20   - related: {via: properties.environmentId, type: Microsoft.App/managedEnvironments, when: {path: x, exists: false}}\n\
        \x20   - referenced-by: {via: 'properties.a[*].id', type: Microsoft.Network/privateEndpoints, when: {path: x, exists: true}}\n\
        \x20   - child: {type: Microsoft.App/containerApps/authConfigs, when: {path: x, exists: true}}\n\
        \x20   - parent: {type: Microsoft.App/managedEnvironments, when: {identity-assigned: identity}}\n\
        \x20   - not: {any: [{used-at: 'name$'}, {partial-spec: true}, {api-version: {max: 2026-01-31}}]}\n\
        \x20   - role: {path: properties.roleDefinitionId, in: [AcrPull, Key Vault Secrets User]}\n\
        fix: {applicability: safe, title: t, why: w, set: {path: properties.x, value: false}}\n\
        severity-when:\n  - {when: {path: a, exists: true}, severity: error, confidence: high, message: m2}\n";
    azlint::__internal::rules::parse_rule("probe.yaml", probe).unwrap();
    let value: J = serde_saphyr::from_str(probe).unwrap();
    let mut errors = Vec::new();
    validate(&schema, &schema, &value, "probe", &mut errors);
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

#[test]
fn ids_and_names_are_unique_and_every_check_has_fixtures() {
    let set = RuleSet::builtin();
    let ids: BTreeSet<_> = set.metas().map(|m| m.id.clone()).collect();
    let names: BTreeSet<_> = set.metas().map(|m| m.name.clone()).collect();
    assert_eq!(ids.len(), set.rules.len());
    assert_eq!(names.len(), set.rules.len());
    assert_eq!(
        set.get("AZL001").map(|m| m.name.as_str()),
        Some("parse-error")
    );
    assert_eq!(
        set.get("AZL002").map(|m| m.name.as_str()),
        Some("not-analysable")
    );
    assert_eq!(
        set.get(azlint::__internal::diagnostics::PARSE_ERROR.name)
            .map(|m| m.id.as_str()),
        Some(azlint::__internal::diagnostics::PARSE_ERROR.id)
    );
    assert_eq!(
        set.get(azlint::__internal::diagnostics::NOT_ANALYSABLE.name)
            .map(|m| m.id.as_str()),
        Some(azlint::__internal::diagnostics::NOT_ANALYSABLE.id)
    );
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/rules");
    let mut missing = Vec::new();
    for rule in set.rules.iter().filter(|r| !r.is_builtin()) {
        let dir = root.join(&rule.meta.id);
        let files: Vec<String> = std::fs::read_dir(&dir)
            .map(|rd| {
                rd.filter_map(|e| e.ok())
                    .map(|e| e.file_name().to_string_lossy().to_string())
                    .collect()
            })
            .unwrap_or_default();
        if !files.iter().any(|f| f.starts_with("fail"))
            || !files.iter().any(|f| f.starts_with("pass"))
        {
            missing.push(rule.meta.id.clone());
        }
        assert!(!rule.meta.message.is_empty(), "{}: message", rule.meta.id);
        assert!(rule.meta.docs_url.is_some(), "{}: docs", rule.meta.id);
        // The code lives in `examples:`, so a reader sees it in the language they write; a
        // fenced block in `help` would be shown to every reader, whatever their language.
        assert!(
            !rule.meta.help.contains("```"),
            "{}: code in help (move it to `examples:`)",
            rule.meta.id
        );
        let has = |family: &str| rule.meta.examples.iter().any(|(f, _)| f == family);
        let inexpressible =
            |family: &str| rule.meta.inexpressible_in.iter().any(|(f, _)| f == family);
        assert!(
            has("bicep"),
            "{}: a rule needs a secure Bicep example",
            rule.meta.id
        );
        assert!(
            has("terraform") || inexpressible("terraform"),
            "{}: a rule Terraform can express needs a secure azurerm example",
            rule.meta.id
        );
    }
    assert!(
        missing.is_empty(),
        "rules without fail*/pass* fixtures in testdata/rules/<ID>/: {missing:?}"
    );
}

#[test]
fn load_dir_and_extend_reject_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    let rule = "id: ORG901\nname: custom-rule\nfamily: custom\nseverity: note\nconfidence: low\ntitle: t\nhelp: h\nmessage: m\nresource-types: [Microsoft.App/containerApps]\nwhen: {path: properties, exists: true}\n";
    std::fs::write(dir.path().join("ORG901.yaml"), rule).unwrap();
    std::fs::write(dir.path().join("notes.txt"), "ignored").unwrap();
    let extra = RuleSet::load_dir(dir.path()).unwrap();
    assert_eq!(extra.rules.len(), 1);
    let mut set = RuleSet::builtin();
    let before = set.rules.len();
    set.extend(extra.clone()).unwrap();
    assert_eq!(set.rules.len(), before + 1);
    let err = set.extend(extra).unwrap_err();
    assert!(err.contains("ORG901"), "{err}");
    std::fs::write(dir.path().join("ORG902.yaml"), "id: ORG902\nname: [\n").unwrap();
    let err = RuleSet::load_dir(dir.path()).unwrap_err();
    assert!(err.contains("ORG902.yaml:"), "{err}");
}
