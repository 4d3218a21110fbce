//! Planning: which deployments to instantiate for the selected files.
//!
//! The repository's deployment graph (`graph.rs`) says which entry points include each
//! selected file: the root module that calls a Terraform module, the `.bicepparam` that uses
//! a template, the parameter file of an ARM template, the template that calls a Bicep module.
//! Each such entry point is one unit; a file nothing calls is its own entry point. Container
//! Apps YAML files are units of their own. Findings are reported only in selected files,
//! whichever deployment produced them.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::graph::{Graph, NodeId};
use crate::discover::{Candidate, Discovery, Skipped};
use crate::frontend::Loader;
use crate::lang::Language;

/// A unit of analysis.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Unit {
    /// A YAML file: a Container Apps spec or not, decided when it is parsed.
    File(Candidate),
    /// An entry point (a file, or a Terraform module folder) and everything it instantiates.
    Deployment(PathBuf),
}

pub(crate) struct Plan {
    pub units: Vec<Unit>,
    /// The selected files: findings are reported in them only.
    pub targets: Vec<Candidate>,
    pub skipped: Vec<Skipped>,
}

/// `repository` lists every IaC file of the repository (for callers of the selected files);
/// `discovery` holds the selected ones.
pub(crate) fn plan(
    discovery: Discovery,
    repository: &[(PathBuf, Language)],
    loader: &Loader,
    lint_compiled_bicep: bool,
    edges: Option<&super::graph::EdgeCache>,
) -> Plan {
    let mut skipped = discovery.skipped;
    let mut targets = Vec::new();
    // Compiled Bicep beside its source is linted from the source (one finding, at the line
    // the user edits), unless the user named the JSON file itself. (Reading each ARM file to
    // tell is done in parallel.)
    let compiled: Vec<bool> = {
        use rayon::prelude::*;
        discovery
            .files
            .par_iter()
            .map(|c| {
                c.language == Language::Arm
                    && !lint_compiled_bicep
                    && !c.explicit
                    && is_compiled_with_source(&c.path, loader)
            })
            .collect()
    };
    for (c, compiled) in discovery.files.into_iter().zip(compiled) {
        if compiled {
            skipped.push(Skipped {
                path: c.path,
                reason: "compiled Bicep: linted from its .bicep source beside it (name the \
                         file, or use --lint-compiled, to lint the JSON too)"
                    .into(),
                io_error: false,
            });
            continue;
        }
        targets.push(c);
    }

    // Selected files outside the repository walk (stdin, editor buffers, ignored files named
    // explicitly) are part of the graph too. Borrowed, not copied: this runs on every editor
    // check of a repository with thousands of files.
    let extra: Vec<(PathBuf, Language)> = {
        let mut listed: std::collections::HashSet<&Path> =
            repository.iter().map(|(p, _)| p.as_path()).collect();
        targets
            .iter()
            .filter(|c| listed.insert(c.path.as_path()))
            .map(|c| (c.path.clone(), c.language))
            .collect()
    };
    let files: Vec<&(PathBuf, Language)> = repository
        .iter()
        .chain(&extra)
        .filter(|(_, l)| *l != Language::AcaYaml)
        .collect();
    let graph = Graph::build_cached(&files, loader, edges);

    let mut units: BTreeSet<Unit> = BTreeSet::new();
    for c in &targets {
        if c.language == Language::AcaYaml {
            units.insert(Unit::File(c.clone()));
            continue;
        }
        let node = NodeId::of(&c.path, c.language);
        for entry in graph.entries_of(&node) {
            units.insert(Unit::Deployment(node_path(&entry)));
        }
    }
    Plan {
        units: units.into_iter().collect(),
        targets,
        skipped,
    }
}

fn node_path(node: &NodeId) -> PathBuf {
    match node {
        NodeId::Folder(p) | NodeId::File(p) => p.clone(),
    }
}

/// Compiled Bicep (`metadata._generator.name == "bicep"`) with its `.bicep` beside it.
fn is_compiled_with_source(path: &Path, loader: &Loader) -> bool {
    let source = path.with_extension("bicep");
    if !source.is_file() && loader.overlay(&source).is_none() {
        return false;
    }
    match loader.load(path) {
        Some(f) => f.text.contains("\"_generator\"") && f.text.contains("\"bicep\""),
        None => false,
    }
}
