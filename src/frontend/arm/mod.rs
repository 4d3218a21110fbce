//! ARM JSON front end (templates and parameter files).
//!
//! - `json`: JSON with comments → raw tree with exact byte spans (`jsonc-parser`).
//! - `expression`: the template expression language (syntax, normalisation).
//! - `scope` + `functions`: evaluation scope and the provenance of expressions.
//! - `template`: parameters, variables, outputs, resources, nested deployments.
//! - `declarations`: declared (secure) types, inline templates, Key Vault references.
//! - `parameters`: `*.parameters.json` files and the template they belong to.

mod declarations;
mod expression;
mod functions;
mod json;
mod parameters;
mod scope;
mod template;

use std::sync::Arc;

use super::Loader;
use crate::model::Document;
use crate::source::SourceFile;

pub(crate) use json::json_error_message;
pub(crate) use parameters::template_candidates;

/// Parse an ARM deployment template into one document, on its own (no parameter file, no
/// linked templates).
pub fn parse_template(file: Arc<SourceFile>, _loader: &Loader) -> Document {
    template::parse_template(file)
}

/// Parse an ARM deployment parameters file (`*.parameters.json`).
pub fn parse_parameters(file: Arc<SourceFile>, loader: &Loader) -> Document {
    parameters::parse_parameters(file, loader)
}

#[cfg(test)]
mod tests;

/// Lower an ARM template or parameter file as a deployment (see
/// [`crate::frontend::instance`]). A parameter file is an entry point: its template is
/// instantiated with the file's values as bindings. A template is lowered with the values
/// its caller binds (`Called`), its nested deployments and linked templates instantiated.
pub fn instantiate(
    file: Arc<SourceFile>,
    inputs: super::instance::Inputs,
    instance: Option<Arc<crate::model::Instance>>,
    cx: &mut super::instance::DeployCx<'_>,
) -> Document {
    match crate::lang::sniff_json(&file.text) {
        Some(crate::lang::Language::ArmParameters) => parameters::instantiate(file, cx),
        _ => {
            let bound = match &inputs {
                super::instance::Inputs::Standalone => Default::default(),
                super::instance::Inputs::Called(bindings) => {
                    let of = match instance.as_deref().map(|i| i.path.as_str()) {
                        Some(path) if !path.is_empty() => {
                            format!("deployment `{path}` ({})", file.display_path)
                        }
                        _ => format!("template `{}`", file.display_path),
                    };
                    bindings
                        .iter()
                        .map(|(name, node)| {
                            let note = format!("parameter `{name}` of {of}");
                            (
                                name.to_ascii_lowercase(),
                                scope::Bound {
                                    node: node.clone(),
                                    note,
                                },
                            )
                        })
                        .collect()
                }
            };
            template::lower_template(file, bound, instance, Some(cx))
        }
    }
}

/// The repository path a `templateLink.uri` expression points at when it is built from the
/// deploying template's own location: `[uri(deployment().properties.templateLink.uri,
/// 'nested/app.json')]` or `[concat(parameters('_artifactsLocation'), 'nested/app.json',
/// parameters('_artifactsLocationSasToken'))]` (the quickstart convention, where
/// `_artifactsLocation` defaults to `deployment().properties.templateLink.uri`). The template
/// is then a file beside the deploying one, as with `relativePath`. Any other uri (a fixed
/// `https://…`, a storage account) is remote: `None`.
///
/// `variable` resolves a uri written as `[variables('x')]` (one level: the usual shape).
pub(crate) fn artifact_relative_path(
    uri: &str,
    variable: &dyn Fn(&str) -> Option<String>,
) -> Option<String> {
    let trimmed = uri.trim();
    let resolved;
    let uri = match trimmed
        .strip_prefix("[variables('")
        .and_then(|r| r.strip_suffix("')]"))
    {
        Some(name) if !name.contains('\'') => {
            resolved = variable(name)?;
            resolved.as_str()
        }
        _ => trimmed,
    };
    let lower = uri.to_ascii_lowercase();
    if !lower.starts_with('[')
        || !(lower.contains("deployment().properties.templatelink.uri")
            || lower.contains("_artifactslocation"))
    {
        return None;
    }
    // The last quoted literal that is a relative `.json` path.
    uri.split('\'')
        .skip(1)
        .step_by(2)
        .filter(|s| {
            s.to_ascii_lowercase().ends_with(".json")
                && !s.contains("://")
                && !s.starts_with('/')
                && s.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"_./-".contains(&b))
        })
        .last()
        .map(|s| s.trim_start_matches("./").to_string())
}

#[cfg(test)]
mod artifact_tests {
    fn rel(uri: &str) -> Option<String> {
        let vars = |name: &str| {
            (name == "appUri").then(|| {
                "[uri(parameters('_artifactsLocation'), concat('nested/app.json', parameters('_artifactsLocationSasToken')))]".to_string()
            })
        };
        super::artifact_relative_path(uri, &vars)
    }

    #[test]
    fn a_uri_built_from_the_template_location_is_a_local_file() {
        assert_eq!(
            rel("[uri(deployment().properties.templateLink.uri, 'nestedtemplates/app.json')]"),
            Some("nestedtemplates/app.json".into())
        );
        assert_eq!(
            rel("[concat(parameters('_artifactsLocation'), 'nested/app.json', parameters('_artifactsLocationSasToken'))]"),
            Some("nested/app.json".into())
        );
        assert_eq!(rel("[variables('appUri')]"), Some("nested/app.json".into()));
        assert_eq!(rel("[variables('other')]"), None);
        assert_eq!(rel("https://example.com/app.json"), None);
        assert_eq!(rel("[concat(parameters('baseUrl'), 'app.json')]"), None);
        assert_eq!(
            rel("[uri(deployment().properties.templateLink.uri, 'https://x/app.json')]"),
            None
        );
    }
}
