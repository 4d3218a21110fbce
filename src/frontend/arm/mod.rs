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

/// Parse an ARM deployment template into one document.
pub fn parse_template(file: Arc<SourceFile>, _loader: &Loader) -> Document {
    template::parse_template(file)
}

/// Parse an ARM deployment parameters file (`*.parameters.json`).
pub fn parse_parameters(file: Arc<SourceFile>, loader: &Loader) -> Document {
    parameters::parse_parameters(file, loader)
}

#[cfg(test)]
mod tests;

/// Lower an ARM template or parameter file as a module instance (see
/// [`crate::frontend::instance`]). Today: the file on its own.
pub fn instantiate(
    file: Arc<SourceFile>,
    _inputs: super::instance::Inputs,
    _instance: Option<Arc<crate::model::Instance>>,
    cx: &mut super::instance::DeployCx<'_>,
) -> Document {
    match crate::lang::sniff_json(&file.text) {
        Some(crate::lang::Language::ArmParameters) => parse_parameters(file, cx.loader),
        _ => parse_template(file, cx.loader),
    }
}
