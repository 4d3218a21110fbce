//! ARM deployment parameter files (`deploymentParameters` schema).
//!
//! Each `parameters.<name>` becomes an `Assignment`: a `value` as written (parameter files
//! do not evaluate template expressions, so a plain string stays a literal) or a Key Vault
//! `reference` (`KeyVaultRef`). Whether the target parameter is secure comes from the
//! template beside the file, found by naming convention.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::declarations::{declared_type, is_secure_type, key_vault_reference};
use super::json::parse_raw;
use crate::frontend::instance::{self, Bindings, DeployCx, Inputs};
use crate::frontend::{classify_json, Loader};
use crate::lang::Language;
use crate::model::{Assignment, Document, Format, Instance, Node};
use crate::source::{SourceFile, Span};

pub fn parse_parameters(file: Arc<SourceFile>, loader: &Loader) -> Document {
    parse(file, loader).0
}

/// A parameter file as a deployment's entry point: its own assignments, and its template
/// (found by `metadata.template` or by naming convention; ARM JSON or Bicep) instantiated
/// with the file's values (`value`s as written, Key Vault `reference`s as `KeyVaultRef`) as
/// the template's bindings. Without a template in the repository, the file on its own.
pub(crate) fn instantiate(file: Arc<SourceFile>, cx: &mut DeployCx<'_>) -> Document {
    let (mut doc, bindings, root_span) = parse(file.clone(), cx.loader);
    let Some(template) = template_path(&file, cx.loader) else {
        return doc;
    };
    let dir = file.path.parent().unwrap_or(Path::new(""));
    let source = template
        .strip_prefix(dir)
        .unwrap_or(&template)
        .to_string_lossy()
        .replace('\\', "/");
    let instance = Arc::new(Instance {
        path: String::new(),
        source,
        call: root_span,
    });
    // A template that cannot be read leaves the parameter file on its own (as before
    // deployments): a parameter file for a template kept elsewhere is common and says
    // nothing about what was deployed.
    if let Ok(child) = instance::instantiate(&template, Inputs::Called(bindings), instance, cx) {
        // The deployment is the template's: fixes and messages treat its resources as
        // written in the template's language.
        doc.format = child.format;
        doc.absorb(child);
    }
    doc
}

/// The template a parameter file deploys: `metadata.template` (a path relative to the
/// file) when it names a file of the repository, else the first naming-convention
/// candidate that exists.
fn template_path(file: &SourceFile, loader: &Loader) -> Option<PathBuf> {
    let dir = file.path.parent().unwrap_or(Path::new(""));
    let pointer =
        metadata_template(&file.text).map(|rel| crate::frontend::normalize(&dir.join(rel)));
    pointer
        .into_iter()
        .chain(template_candidates(&file.path))
        .find(|c| {
            loader.load(c).is_some_and(|f| {
                let is_bicep = c
                    .extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("bicep"));
                is_bicep || classify_json(&f.text) == Some(Language::Arm)
            })
        })
}

/// `metadata.template` of a parameter file: a relative path to its template, when written.
fn metadata_template(text: &str) -> Option<String> {
    if !text.contains("\"template\"") {
        return None;
    }
    let value =
        jsonc_parser::parse_to_serde_value::<Option<serde_json::Value>>(text, &Default::default())
            .ok()??;
    let t = value.get("metadata")?.get("template")?.as_str()?;
    (!t.is_empty() && !t.contains("://") && !t.starts_with('/')).then(|| t.to_string())
}

/// The document of a parameter file (its assignments), the bindings its values give the
/// template, and the span of its root object.
fn parse(file: Arc<SourceFile>, loader: &Loader) -> (Document, Bindings, Span) {
    let mut bindings = Bindings::new();
    let mut doc = Document::new(Format::ArmParameters, file.clone());
    let Some(root) = parse_raw(&file, &mut doc) else {
        return (doc, bindings, Span::default());
    };
    if root.as_object().is_none() {
        doc.parse_error("an ARM parameters file must be a JSON object", root.span);
        return (doc, bindings, root.span);
    }
    let Some(params) = root.get("parameters").and_then(Node::as_object) else {
        return (doc, bindings, root.span);
    };
    let target = find_template(&file, loader);
    for p in params {
        let value = match key_vault_reference(&p.value, Node::clone) {
            Some(kv) => kv,
            None => match p.value.get("value") {
                Some(v) => v.clone(),
                None => continue,
            },
        };
        let target_secure = target
            .as_ref()
            .and_then(|t| t.secure.get(&p.key.to_ascii_lowercase()).copied());
        bindings.insert(p.key.clone(), value.clone());
        doc.assignments.push(Assignment {
            name: p.key.clone(),
            span: p.key_span,
            value,
            target_secure,
            target: target.as_ref().map(|t| t.display_path.clone()),
        });
    }
    (doc, bindings, root.span)
}

/// The template a parameter file belongs to, reduced to what assignments need.
#[derive(Debug)]
pub(crate) struct TargetTemplate {
    pub display_path: String,
    /// Lowercase parameter name → declared secure.
    pub secure: HashMap<String, bool>,
}

/// Candidate templates for a parameter file, in order of preference:
/// `X.parameters.json` / `X.parameters.<env>.json` → `X.json`, then `X.bicep`;
/// `parameters.json` → `template.json` (portal export).
pub(crate) fn template_candidates(path: &Path) -> Vec<PathBuf> {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return Vec::new();
    };
    let dir = path.parent().unwrap_or(Path::new(""));
    let lower = name.to_ascii_lowercase();
    if lower == "parameters.json" {
        return vec![dir.join("template.json")];
    }
    match lower.find(".parameters.") {
        Some(i) if i > 0 => {
            // ASCII lower-casing keeps byte offsets, so `i` is a boundary of `name` too.
            let base = name.get(..i).unwrap_or(name);
            vec![
                dir.join(format!("{base}.json")),
                dir.join(format!("{base}.bicep")),
            ]
        }
        _ => Vec::new(),
    }
}

pub(crate) fn find_template(file: &SourceFile, loader: &Loader) -> Option<TargetTemplate> {
    let dir = file.path.parent().unwrap_or(Path::new(""));
    let pointer =
        metadata_template(&file.text).map(|rel| crate::frontend::normalize(&dir.join(rel)));
    for candidate in pointer.into_iter().chain(template_candidates(&file.path)) {
        let Some(file) = loader.load(&candidate) else {
            continue;
        };
        let is_bicep = candidate
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("bicep"));
        let secure = if is_bicep {
            crate::frontend::bicep::parse_file(file.clone(), loader)
                .parameters
                .iter()
                .map(|p| (p.name.to_ascii_lowercase(), p.secure))
                .collect()
        } else {
            if classify_json(&file.text) != Some(Language::Arm) {
                continue;
            }
            declared_parameters(&file)
        };
        return Some(TargetTemplate {
            display_path: file.display_path.clone(),
            secure,
        });
    }
    None
}

/// An ARM template's declared parameters (name → secure), without lowering the template.
pub(crate) fn declared_parameters(file: &SourceFile) -> HashMap<String, bool> {
    let mut scratch = Document::new(Format::Arm, Arc::new(SourceFile::from_text(&file.path, "")));
    let Some(root) = parse_raw(file, &mut scratch) else {
        return HashMap::new();
    };
    root.get("parameters")
        .and_then(Node::as_object)
        .unwrap_or(&[])
        .iter()
        .map(|p| {
            let secure = is_secure_type(declared_type(&root, &p.value));
            (p.key.to_ascii_lowercase(), secure)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn candidate_templates_by_convention() {
        let c = |p: &str| template_candidates(Path::new(p));
        assert_eq!(
            c("d/azuredeploy.parameters.json"),
            vec![
                PathBuf::from("d/azuredeploy.json"),
                PathBuf::from("d/azuredeploy.bicep")
            ]
        );
        assert_eq!(
            c("d/main.parameters.dev.json"),
            vec![PathBuf::from("d/main.json"), PathBuf::from("d/main.bicep")]
        );
        assert_eq!(c("d/Main.Parameters.json")[0], PathBuf::from("d/Main.json"));
        assert_eq!(
            c("d/parameters.json"),
            vec![PathBuf::from("d/template.json")]
        );
        assert!(c("d/params.json").is_empty());
        assert!(c("d/.parameters.json").is_empty());
    }
}
