//! Entry points for the cargo-fuzz targets in `fuzz/` (not a stable API).
//!
//! Each takes arbitrary bytes, runs one front end (or the whole `check` pipeline) and the
//! built-in rules on them, and returns nothing: the only failures a fuzzer can see are panics,
//! stack overflows, timeouts and memory exhaustion, each of which is a bug. Bytes that are not
//! UTF-8 are decoded lossily, so the front ends see as much text as possible (the loader
//! itself turns undecodable files into a parse error before any front end runs).

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use crate::engine::{Engine, Input, Options};
use crate::frontend::{self, Loader};
use crate::model::Document;
use crate::report::{self, OutputFormat, ReportContext};
use crate::rules::RuleSet;
use crate::source::SourceFile;

/// A folder that does not exist: files live only in the loader's overrides, and nothing a
/// fuzzed file refers to relatively (a module, a parameter file's template) is found on disk.
const ROOT: &str = "/nonexistent-azlint-fuzz-root";

fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(RuleSet::builtin)
}

/// The first byte chooses among `choices`; the rest is the file's text.
fn split<T: Copy>(data: &[u8], choices: &[T]) -> (T, String) {
    let (first, rest) = data.split_first().map_or((0, data), |(f, r)| (*f, r));
    let choice = choices[first as usize % choices.len()];
    (choice, String::from_utf8_lossy(rest).into_owned())
}

fn file(name: &str, text: String) -> Arc<SourceFile> {
    Arc::new(SourceFile::from_text(Path::new(ROOT).join(name), text))
}

/// What `check` does with a document after the front end: diagnostics and rules.
fn evaluate(doc: &Document) {
    let _ = crate::engine::diagnostic_findings(doc);
    let _ = rules().evaluate(doc);
}

/// The Bicep front end (`.bicep` or, by the first byte, `.bicepparam`) and the rules.
pub fn bicep(data: &[u8]) {
    let (name, text) = split(data, &["main.bicep", "main.bicepparam"]);
    let doc = frontend::bicep::parse_file(file(name, text), &Loader::new(ROOT));
    evaluate(&doc);
}

/// The ARM front end (a template or, by the first byte, a parameters file) and the rules.
pub fn arm(data: &[u8]) {
    let (parameters, text) = split(data, &[false, true]);
    let loader = Loader::new(ROOT);
    let doc = if parameters {
        frontend::arm::parse_parameters(file("azuredeploy.parameters.json", text), &loader)
    } else {
        frontend::arm::parse_template(file("azuredeploy.json", text), &loader)
    };
    evaluate(&doc);
}

/// The Terraform front end on one file (`.tf`, `.tfvars`, `.tf.json` or `.tfvars.json`, by the
/// first byte) and the rules.
pub fn terraform(data: &[u8]) {
    let names = [
        "main.tf",
        "terraform.tfvars",
        "main.tf.json",
        "x.auto.tfvars.json",
    ];
    let (name, text) = split(data, &names);
    let doc = frontend::terraform::parse_module(vec![file(name, text)], &Loader::new(ROOT));
    evaluate(&doc);
}

/// The Container Apps YAML front end and the rules.
pub fn yaml(data: &[u8]) {
    let text = String::from_utf8_lossy(data).into_owned();
    if let Some(doc) = frontend::aca_yaml::parse(file("app.yaml", text)) {
        evaluate(&doc);
    }
}

/// The whole `check` on one in-memory file whose kind the first byte picks, through the
/// [`Engine`] every caller uses (classification, analysis, suppressions), then every output
/// format (the human one with its secret masking).
pub fn pipeline(data: &[u8]) {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    let engine = ENGINE.get_or_init(|| {
        let opts = Options {
            root: None,
            no_config: true,
            ..Options::default()
        };
        Engine::new(&opts, Path::new(ROOT), Some(Path::new(ROOT))).expect("an engine")
    });
    let names = [
        "main.bicep",
        "main.bicepparam",
        "azuredeploy.json",
        "azuredeploy.parameters.json",
        "main.tf",
        "terraform.tfvars",
        "main.tf.json",
        "app.yaml",
    ];
    let (name, text) = split(data, &names);
    let path = PathBuf::from(ROOT).join(name);
    let input = Input {
        paths: vec![path.clone()],
        overlays: [(path, Arc::from(text))].into_iter().collect(),
    };
    let Ok(report) = engine.check(&input) else {
        return;
    };
    let mut ctx = ReportContext::new(engine.rules(), "0.0.0-fuzz");
    ctx.secret_ranges = report.secret_ranges.clone();
    for format in [
        OutputFormat::Human,
        OutputFormat::Compact,
        OutputFormat::Json,
        OutputFormat::Sarif,
        OutputFormat::Github,
        OutputFormat::Azure,
        OutputFormat::Junit,
        OutputFormat::Gitlab,
    ] {
        let _ = report::render(format, &report.findings, &ctx);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each entry point runs on the fuzz targets' 2 MiB worker stack over a few inputs of
    /// every flavour, including hostile ones, without panicking.
    #[test]
    fn entry_points_accept_any_bytes() {
        let bicep_app = b"resource app 'Microsoft.App/containerApps@2023-05-01' = {\n  name: 'a'\n  properties: { configuration: { secrets: [ { name: 'x', value: 'hunter2' } ] } }\n}\n";
        let arm_app = br#"{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "resources": [{"type": "Microsoft.App/containerApps", "apiVersion": "2023-05-0\u00e91", "name": "a", "properties": {"x": "[variables('b')[0][0]]"}}]}"#;
        let tf_app = b"resource \"azurerm_container_app\" \"a\" {\n  name = \"a\"\n  secret {\n    name = \"x\"\n    value = \"hunter2\"\n  }\n}\n";
        let yaml_app = b"type: Microsoft.App/containerApps\nproperties:\n  configuration:\n    secrets: [{name: x, value: hunter2}]\n";
        let mut inputs: Vec<Vec<u8>> = vec![Vec::new(), vec![0xff, 0xfe, 0x00], vec![7; 64]];
        for (i, body) in [&bicep_app[..], &arm_app[..], &tf_app[..], &yaml_app[..]]
            .into_iter()
            .enumerate()
        {
            for first in 0..8u8 {
                let mut v = vec![first + i as u8];
                v.extend_from_slice(body);
                inputs.push(v.clone());
                // Truncated and with invalid UTF-8 in the middle.
                v.truncate(v.len() / 2);
                v.push(0xc3);
                inputs.push(v);
            }
        }
        crate::model::on_worker_stack(move || {
            for data in &inputs {
                bicep(data);
                arm(data);
                terraform(data);
                yaml(data);
                pipeline(data);
            }
        });
    }
}
