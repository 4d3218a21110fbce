//! ARM JSON front end (templates and parameter files).
//!
//! - `json`: JSON with comments → raw tree with exact byte spans (`jsonc-parser`).
//! - `expression`: the template expression language (syntax, normalisation).
//! - `scope` + `functions`: evaluation scope and the provenance of expressions.
//! - `template`: parameters, variables, outputs, resources, nested deployments.
//! - `declarations`: declared (secure) types, inline templates, Key Vault references.
//! - `parameters`: `*.parameters.json` files and the template they belong to.

// Byte-index slicing of user text panics on a multi-byte character (issue 13, D1-D3):
// use `str::get` or the boundary-safe helpers in `model::text` instead.
#![deny(clippy::string_slice)]

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

pub use expression::{is_expression, normalize_expression};
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
