//! Instantiation: a deployment is an entry point lowered with the values its caller gives
//! (a parameter file, tfvars, module arguments), recursively through the local modules it
//! calls, into ONE document (see `/work` design notes in the README's "Deployments").
//!
//! A front end that lowers a module call builds the callee's [`Bindings`] from the call's
//! arguments (lowered in the caller, so their spans are where the values are written), asks
//! [`instantiate`] for the callee's document, reads the callee's outputs for references like
//! `app.outputs.fqdn` / `module.app.fqdn`, and absorbs the callee's document into its own
//! ([`crate::model::Document::absorb`]). The cycle guard, the depth bound and the budget live
//! in [`DeployCx`].

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::Loader;
use crate::lang::{ByName, Language};
use crate::model::{Document, Instance, Node};
use crate::source::Span;

/// Module nesting bound (Bicep and Terraform modules, ARM linked templates).
pub const MAX_MODULE_DEPTH: usize = 16;
/// Module instances per deployment.
pub const MAX_INSTANCES: usize = 2_000;
/// Elements expanded from `count` / `for_each` / Bicep `for` per deployment.
pub const MAX_ELEMENTS: usize = 10_000;

/// The values a caller gives a module's inputs, by input name (compared ignoring ASCII case,
/// as ARM and Bicep do; Terraform names are case-sensitive in practice and never differ only
/// by case).
#[derive(Clone, Debug, Default)]
pub struct Bindings {
    values: Vec<(String, Node)>,
}

impl Bindings {
    pub fn new() -> Self {
        Bindings::default()
    }

    pub fn insert(&mut self, name: impl Into<String>, value: Node) {
        let name = name.into();
        self.values.retain(|(n, _)| !n.eq_ignore_ascii_case(&name));
        self.values.push((name, value));
    }

    pub fn get(&self, name: &str) -> Option<&Node> {
        self.values
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &Node)> {
        self.values.iter().map(|(n, v)| (n.as_str(), v))
    }
}

/// How a module's inputs are known.
#[derive(Clone, Debug)]
pub enum Inputs {
    /// Analysed on its own (no caller in the repository): inputs are unknown, defaults are
    /// what a deployment without a value would get (today's behaviour: quiet on the unknown).
    Standalone,
    /// Called: bound inputs are the caller's values; unbound inputs take their default, or
    /// are unknown when they have none.
    Called(Bindings),
}

impl Inputs {
    pub fn binding(&self, name: &str) -> Option<&Node> {
        match self {
            Inputs::Standalone => None,
            Inputs::Called(b) => b.get(name),
        }
    }

    pub fn is_called(&self) -> bool {
        matches!(self, Inputs::Called(_))
    }
}

/// The state of one deployment being instantiated.
pub struct DeployCx<'a> {
    pub loader: &'a Loader,
    /// The modules being instantiated, outermost first (cycle guard).
    stack: Vec<PathBuf>,
    instances: usize,
    elements: usize,
    /// Constructs already reported as not analysable (one note per construct, never per
    /// instantiation).
    noted: HashSet<Span>,
}

impl<'a> DeployCx<'a> {
    pub fn new(loader: &'a Loader) -> Self {
        DeployCx {
            loader,
            stack: Vec::new(),
            instances: 0,
            elements: 0,
            noted: HashSet::new(),
        }
    }

    /// Take `n` expanded elements from the budget; `false` when it is spent (the caller then
    /// keeps one unexpanded element and notes it).
    pub fn take_elements(&mut self, n: usize) -> bool {
        if self.elements + n > MAX_ELEMENTS {
            return false;
        }
        self.elements += n;
        true
    }

    /// Whether a not-analysable note was already made for the construct at `span`; records it.
    pub fn first_note(&mut self, span: Span) -> bool {
        self.noted.insert(span)
    }
}

/// Why a module call was not instantiated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NotInstantiated {
    /// A registry module, a `git::` source, a `templateLink.uri`: nothing local to read.
    Remote,
    /// The path leaves the repository root, or no readable file is there.
    Missing,
    /// The module (directly or indirectly) calls itself.
    Cycle,
    /// More than [`MAX_MODULE_DEPTH`] nested modules, or [`MAX_INSTANCES`] instances.
    Bound,
}

impl NotInstantiated {
    /// The `AZL002` note for a call that was not followed (no source text in it).
    pub fn note(&self, what: &str) -> String {
        match self {
            NotInstantiated::Remote => format!(
                "{what} is not a local file in the repository, so values passed to it and the resources it deploys are not analysed"
            ),
            NotInstantiated::Missing => format!(
                "{what} was not found inside the repository, so values passed to it are not analysed"
            ),
            NotInstantiated::Cycle => format!(
                "{what} calls itself (directly or through other modules); the repeated call is not analysed"
            ),
            NotInstantiated::Bound => format!(
                "{what} is nested deeper than {MAX_MODULE_DEPTH} modules or the deployment has more than {MAX_INSTANCES} module instances; it is not analysed"
            ),
        }
    }
}

/// Lower the module at `path` (a file, or a Terraform module folder) as a child instance with
/// `inputs`, through the front end of its language. Resource keys are prefixed with the
/// instance's path, and every resource records `instance`.
pub fn instantiate(
    path: &Path,
    inputs: Inputs,
    instance: Arc<Instance>,
    cx: &mut DeployCx<'_>,
) -> Result<Document, NotInstantiated> {
    let path = super::normalize(path);
    if cx.stack.contains(&path) {
        return Err(NotInstantiated::Cycle);
    }
    if cx.stack.len() > MAX_MODULE_DEPTH || cx.instances >= MAX_INSTANCES {
        return Err(NotInstantiated::Bound);
    }
    if !cx.loader.inside_root(&path) {
        return Err(NotInstantiated::Missing);
    }
    cx.instances += 1;
    cx.stack.push(path.clone());
    let doc = lower(&path, inputs, Some(instance.clone()), cx);
    cx.stack.pop();
    let mut doc = doc?;
    doc.set_instance(&instance);
    Ok(doc)
}

/// Lower an entry point (no caller): the entry's document, with the documents of every
/// module it instantiates absorbed.
pub fn entry(path: &Path, cx: &mut DeployCx<'_>) -> Result<Document, NotInstantiated> {
    let path = super::normalize(path);
    cx.stack.push(path.clone());
    let doc = lower(&path, Inputs::Standalone, None, cx);
    cx.stack.pop();
    doc
}

fn lower(
    path: &Path,
    inputs: Inputs,
    instance: Option<Arc<Instance>>,
    cx: &mut DeployCx<'_>,
) -> Result<Document, NotInstantiated> {
    let loader = cx.loader;
    if path.is_dir() || loader.overlay(path).is_none() && !path.exists() && is_folder_like(path) {
        let files: Vec<Arc<crate::source::SourceFile>> = loader
            .dir_files(path)
            .into_iter()
            .filter(|p| matches!(Language::by_name(p), Some(ByName::Is(l)) if l.is_terraform()))
            .filter_map(|p| loader.load(&p))
            .collect();
        if files.is_empty() {
            return Err(NotInstantiated::Missing);
        }
        return Ok(super::terraform::instantiate(files, inputs, instance, cx));
    }
    let file = loader.load(path).ok_or(NotInstantiated::Missing)?;
    let language = Language::of(path, &file.text).ok_or(NotInstantiated::Missing)?;
    Ok(match language {
        Language::Bicep | Language::BicepParam => {
            super::bicep::instantiate(file, inputs, instance, cx)
        }
        Language::Arm | Language::ArmParameters => {
            super::arm::instantiate(file, inputs, instance, cx)
        }
        Language::Terraform | Language::TerraformVars => {
            // A Terraform module is its folder.
            let dir = path.parent().unwrap_or(Path::new("."));
            return lower(dir, inputs, instance, cx);
        }
        Language::AcaYaml => {
            super::aca_yaml::parse(file.clone()).unwrap_or_else(|| Document::new(language, file))
        }
    })
}

/// A path without an extension (a Terraform module source names a folder).
fn is_folder_like(path: &Path) -> bool {
    path.extension().is_none()
}
