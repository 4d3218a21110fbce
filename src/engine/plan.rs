//! Planning: which units of analysis the discovered files form. A unit is one file, or one
//! Terraform module folder (all its `.tf` and `.tfvars` files form one document even when
//! only one of them was selected: a pre-commit run may stage just one file of a module).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::discover::{Candidate, Discovery, Skipped};
use crate::frontend::{normalize, Loader};
use crate::lang::{ByName, Language};

/// A unit of analysis.
#[derive(Debug, Clone)]
pub(crate) enum Unit {
    File(Candidate),
    Folder { files: Vec<PathBuf> },
}

pub(crate) struct Plan {
    pub units: Vec<Unit>,
    /// The selected files: findings are reported in them only.
    pub targets: Vec<Candidate>,
    pub skipped: Vec<Skipped>,
}

pub(crate) fn plan(discovery: Discovery, loader: &Loader, lint_compiled_bicep: bool) -> Plan {
    let mut units = Vec::new();
    let mut skipped = discovery.skipped;
    let mut targets = Vec::new();
    let mut folders: BTreeSet<PathBuf> = BTreeSet::new();
    for c in discovery.files {
        if c.language.is_terraform() {
            let dir = c
                .path
                .parent()
                .map(Path::to_path_buf)
                .unwrap_or_else(|| PathBuf::from("."));
            folders.insert(normalize(&dir));
            targets.push(c);
            continue;
        }
        // Compiled Bicep beside its source is linted from the source (one finding, at the
        // line the user edits), unless the user named the JSON file itself.
        if c.language == Language::Arm
            && !lint_compiled_bicep
            && !c.explicit
            && is_compiled_with_source(&c.path, loader)
        {
            skipped.push(Skipped {
                path: c.path,
                reason: "compiled Bicep: linted from its .bicep source beside it (name the \
                         file, or use --lint-compiled, to lint the JSON too)"
                    .into(),
                io_error: false,
            });
            continue;
        }
        targets.push(c.clone());
        units.push(Unit::File(c));
    }
    for dir in folders {
        let files: Vec<PathBuf> = loader
            .dir_files(&dir)
            .into_iter()
            .filter(|p| matches!(Language::by_name(p), Some(ByName::Is(l)) if l.is_terraform()))
            .collect();
        if !files.is_empty() {
            units.push(Unit::Folder { files });
        }
    }
    Plan {
        units,
        targets,
        skipped,
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
