//! The repository's deployment graph: which file calls which (Terraform local modules, Bicep
//! modules, `.bicepparam` → template, ARM parameter file → template, ARM linked templates),
//! and from it the *entry points*: the deployments to instantiate.
//!
//! Nodes are Terraform module folders (a folder is one module) and individual files for every
//! other language. Edges are read from the text with the real parsers but only for files that
//! can hold one (a cheap substring test first), so planning stays a small fraction of a run.
//! Only local references inside the repository root are edges; registry modules, `git::`
//! sources and `templateLink.uri` are not followed.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::frontend::{normalize, Loader};
use crate::lang::Language;

/// How one node refers to another.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum EdgeKind {
    /// `module "x" { source = "./m" }`: a folder calls a folder.
    TerraformModule,
    /// `module x './m.bicep' = {…}`.
    BicepModule,
    /// `using './main.bicep'` in a `.bicepparam`.
    BicepUsing,
    /// An ARM parameter file and its template (by naming convention).
    Parameters,
    /// `templateLink.relativePath` of a nested deployment.
    LinkedTemplate,
}

/// A graph node: a Terraform module folder, or a file.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum NodeId {
    Folder(PathBuf),
    File(PathBuf),
}

impl NodeId {
    /// The node a file belongs to.
    pub(crate) fn of(path: &Path, language: Language) -> NodeId {
        if language.is_terraform() {
            NodeId::Folder(normalize(path.parent().unwrap_or(Path::new("."))))
        } else {
            NodeId::File(normalize(path))
        }
    }
}

#[derive(Debug, Default)]
pub(crate) struct Graph {
    /// Every node, with the language that decides how it is instantiated.
    pub nodes: BTreeMap<NodeId, Language>,
    /// caller → (kind, callee), sorted.
    pub calls: BTreeMap<NodeId, BTreeSet<(EdgeKind, NodeId)>>,
    /// callee → (kind, caller): the reverse index, so walking callers up is linear in the
    /// edges walked rather than in every edge of the repository per step.
    called_by: BTreeMap<NodeId, BTreeSet<(EdgeKind, NodeId)>>,
}

impl Graph {
    /// Build the graph over `files` (every IaC file of the repository, classified).
    #[cfg(test)]
    pub(crate) fn build(files: &[(PathBuf, Language)], loader: &Loader) -> Graph {
        let files: Vec<&(PathBuf, Language)> = files.iter().collect();
        Graph::build_cached(&files, loader, None)
    }

    /// [`Graph::build`], reusing the references of files unchanged since an earlier build
    /// of the same engine (an editor lints one file per change; re-reading and re-parsing
    /// every module of the repository each time would cost hundreds of milliseconds).
    pub(crate) fn build_cached(
        files: &[&(PathBuf, Language)],
        loader: &Loader,
        cache: Option<&EdgeCache>,
    ) -> Graph {
        let mut g = Graph::default();
        // Normalised once: a lookup per edge must not re-normalise every file.
        let languages: std::collections::HashMap<PathBuf, Language> =
            files.iter().map(|(p, l)| (normalize(p), *l)).collect();
        let known: BTreeSet<PathBuf> = languages.keys().cloned().collect();
        // Folders holding Terraform files (a module source must be one).
        let tf_folders: std::collections::HashSet<PathBuf> = known
            .iter()
            .filter(|k| {
                matches!(
                    Language::by_name(k),
                    Some(crate::lang::ByName::Is(Language::Terraform))
                )
            })
            .filter_map(|k| k.parent().map(Path::to_path_buf))
            .collect();
        let cx = RefCx {
            loader,
            known: &known,
            tf_folders: &tf_folders,
        };
        if let Some(c) = cache {
            c.retain_for(&known);
        }
        // Reading and parsing each file for its references is the expensive part: in
        // parallel, then merged in the files' order (deterministic).
        use rayon::prelude::*;
        let edges: Vec<Vec<(EdgeKind, NodeId)>> = files
            .par_iter()
            .map(|(path, language)| match cache {
                Some(c) => c.references(path, *language, &cx),
                None => references(path, *language, &cx),
            })
            .collect();
        for ((path, language), edges) in files.iter().zip(edges) {
            let node = NodeId::of(path, *language);
            g.nodes.entry(node.clone()).or_insert(*language);
            for (kind, target) in edges {
                let target_language = match &target {
                    NodeId::Folder(_) => Language::Terraform,
                    NodeId::File(p) => languages.get(p).copied().unwrap_or(Language::Bicep),
                };
                if target != node {
                    g.nodes.entry(target.clone()).or_insert(target_language);
                    g.called_by
                        .entry(target.clone())
                        .or_default()
                        .insert((kind, node.clone()));
                    g.calls
                        .entry(node.clone())
                        .or_default()
                        .insert((kind, target));
                }
            }
        }
        g
    }

    /// The nodes that call `node`.
    pub(crate) fn callers(&self, node: &NodeId) -> Vec<(EdgeKind, &NodeId)> {
        self.called_by
            .get(node)
            .into_iter()
            .flatten()
            .map(|(k, from)| (*k, from))
            .collect()
    }

    /// Entry points: nodes nothing calls, plus parameter files (a template that has one is
    /// deployed through it, not on its own).
    #[cfg(test)]
    pub(crate) fn entries(&self) -> Vec<NodeId> {
        let called: BTreeSet<&NodeId> = self.calls.values().flatten().map(|(_, t)| t).collect();
        self.nodes
            .keys()
            .filter(|n| !called.contains(n))
            .cloned()
            .collect()
    }

    /// Every node reachable from `entry` (itself included), cycle-safe.
    #[cfg(test)]
    pub(crate) fn closure(&self, entry: &NodeId) -> BTreeSet<NodeId> {
        let mut seen = BTreeSet::new();
        let mut stack = vec![entry.clone()];
        while let Some(n) = stack.pop() {
            if !seen.insert(n.clone()) {
                continue;
            }
            if let Some(next) = self.calls.get(&n) {
                stack.extend(next.iter().map(|(_, t)| t.clone()));
            }
        }
        seen
    }

    /// The entries whose deployments include `node` (walking callers up), or the node itself
    /// when nothing calls it.
    pub(crate) fn entries_of(&self, node: &NodeId) -> BTreeSet<NodeId> {
        let mut out = BTreeSet::new();
        let mut seen = BTreeSet::new();
        let mut stack = vec![node.clone()];
        while let Some(n) = stack.pop() {
            if !seen.insert(n.clone()) {
                continue;
            }
            let callers = self.callers(&n);
            if callers.is_empty() {
                out.insert(n);
            } else {
                stack.extend(callers.into_iter().map(|(_, c)| c.clone()));
            }
        }
        // A cycle with no way in: every member deploys on its own.
        if out.is_empty() {
            out.insert(node.clone());
        }
        out
    }
}

/// What reference extraction needs to know about the repository.
pub(crate) struct RefCx<'a> {
    loader: &'a Loader,
    known: &'a BTreeSet<PathBuf>,
    tf_folders: &'a std::collections::HashSet<PathBuf>,
}

/// The references of each file, kept between builds while the file is unchanged on disk
/// (same length and modification time) and the set of repository files is the same. A file
/// served from an editor buffer is always read afresh.
#[derive(Default)]
pub(crate) struct EdgeCache {
    inner: std::sync::Mutex<EdgeCacheInner>,
}

#[derive(Default)]
struct EdgeCacheInner {
    /// Fingerprint of the file set the cached edges were computed against.
    files: u64,
    edges: std::collections::HashMap<PathBuf, CachedEdges>,
}

struct CachedEdges {
    stamp: FileStamp,
    /// When the stamp was last compared with the disk: within [`RECHECK_AFTER`] the entry is
    /// trusted without a `stat` (thousands of files per check in an editor).
    checked: std::time::Instant,
    edges: Vec<(EdgeKind, NodeId)>,
}

/// How long a file's cached references are trusted without looking at the disk again.
const RECHECK_AFTER: std::time::Duration = std::time::Duration::from_secs(2);

type FileStamp = (u64, Option<std::time::SystemTime>);

impl EdgeCache {
    /// Forget everything when the repository's files changed (a new module may now exist).
    fn retain_for(&self, known: &BTreeSet<PathBuf>) {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        known.hash(&mut h);
        let fingerprint = h.finish();
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        if inner.files != fingerprint {
            inner.files = fingerprint;
            inner.edges.clear();
        }
    }

    fn references(
        &self,
        path: &Path,
        language: Language,
        cx: &RefCx<'_>,
    ) -> Vec<(EdgeKind, NodeId)> {
        if cx.loader.overlay(path).is_some() {
            return references(path, language, cx);
        }
        {
            let inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(c) = inner.edges.get(path) {
                if c.checked.elapsed() < RECHECK_AFTER {
                    return c.edges.clone();
                }
            }
        }
        let stamp = std::fs::metadata(path)
            .ok()
            .map(|m| (m.len(), m.modified().ok()));
        let Some(stamp) = stamp else {
            return references(path, language, cx);
        };
        let now = std::time::Instant::now();
        {
            let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(c) = inner.edges.get_mut(path) {
                if c.stamp == stamp {
                    c.checked = now;
                    return c.edges.clone();
                }
            }
        }
        let edges = references(path, language, cx);
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        inner.edges.insert(
            path.to_path_buf(),
            CachedEdges {
                stamp,
                checked: now,
                edges: edges.clone(),
            },
        );
        edges
    }
}

/// Whether some line starts (after indentation) with `keyword` followed by a space: a cheap
/// test before parsing a file for its module calls (most files have none).
fn declares(text: &str, keyword: &str) -> bool {
    text.lines().any(|l| {
        l.trim_start()
            .strip_prefix(keyword)
            .is_some_and(|rest| rest.starts_with([' ', '\t']))
    })
}

/// What `path` refers to, as graph nodes inside the repository.
fn references(path: &Path, language: Language, cx: &RefCx<'_>) -> Vec<(EdgeKind, NodeId)> {
    let (loader, known) = (cx.loader, cx.known);
    let dir = path.parent().unwrap_or(Path::new("."));
    let inside = |p: &Path| loader.inside_root(p);
    match language {
        Language::ArmParameters => crate::frontend::arm::template_candidates(path)
            .into_iter()
            .map(|c| normalize(&c))
            .find(|c| known.contains(c))
            .map(|c| vec![(EdgeKind::Parameters, NodeId::File(c))])
            .unwrap_or_default(),
        Language::Bicep | Language::BicepParam => {
            let Some(file) = loader.load(path) else {
                return Vec::new();
            };
            if !(declares(&file.text, "module") || declares(&file.text, "using")) {
                return Vec::new();
            }
            bicep_references(&file.text)
                .into_iter()
                .filter_map(|(kind, rel)| {
                    let target = normalize(&dir.join(rel));
                    (inside(&target) && known.contains(&target))
                        .then_some((kind, NodeId::File(target)))
                })
                .collect()
        }
        Language::Terraform => {
            let Some(file) = loader.load(path) else {
                return Vec::new();
            };
            if !declares(&file.text, "module") {
                return Vec::new();
            }
            terraform_module_sources(&file.text)
                .into_iter()
                .filter_map(|src| {
                    let target = normalize(&dir.join(src));
                    (inside(&target) && cx.tf_folders.contains(&target))
                        .then_some((EdgeKind::TerraformModule, NodeId::Folder(target)))
                })
                .collect()
        }
        Language::Arm => {
            let Some(file) = loader.load(path) else {
                return Vec::new();
            };
            if !file.text.contains("relativePath") && !file.text.contains("templateLink") {
                return Vec::new();
            }
            linked_templates(&file.text)
                .into_iter()
                .filter_map(|rel| {
                    let target = normalize(&dir.join(rel));
                    (inside(&target) && known.contains(&target))
                        .then_some((EdgeKind::LinkedTemplate, NodeId::File(target)))
                })
                .collect()
        }
        Language::TerraformVars | Language::AcaYaml => Vec::new(),
    }
}

/// Local module paths and the `using` target of a Bicep / `.bicepparam` file.
fn bicep_references(text: &str) -> Vec<(EdgeKind, String)> {
    use crate::frontend::bicep::ast::{ExprKind, StmtKind, StrPart};
    let literal = |e: &crate::frontend::bicep::ast::Expr| match &e.kind {
        ExprKind::String(parts) if parts.len() == 1 => match &parts[0] {
            StrPart::Lit(s) => Some(s.clone()),
            StrPart::Hole(_) => None,
        },
        _ => None,
    };
    let (program, _) = crate::frontend::bicep::parse_syntax(text);
    let mut out = Vec::new();
    for stmt in &program.statements {
        match &stmt.kind {
            StmtKind::Module { path, .. } => {
                if let Some(p) = literal(path).filter(|p| is_local_bicep(p)) {
                    out.push((EdgeKind::BicepModule, p));
                }
            }
            StmtKind::Using {
                path: Some(path), ..
            } => {
                if let Some(p) = literal(path).filter(|p| is_local_bicep(p)) {
                    out.push((EdgeKind::BicepUsing, p));
                }
            }
            _ => {}
        }
    }
    out
}

/// A path to a local file (not `br:`/`br/`/`ts:` registry references, not absolute).
fn is_local_bicep(p: &str) -> bool {
    let p = p.trim();
    !(p.is_empty()
        || p.starts_with("br:")
        || p.starts_with("br/")
        || p.starts_with("ts:")
        || p.starts_with("ts/")
        || p.starts_with('/'))
}

/// `source` of every `module` block whose source is a local path (`./x`, `../x`).
fn terraform_module_sources(text: &str) -> Vec<String> {
    use hcl_edit::structure::Structure;
    let Ok(body) = hcl_edit::parser::parse_body(text) else {
        return Vec::new();
    };
    body.iter()
        .filter_map(Structure::as_block)
        .filter(|b| b.ident.as_str() == "module")
        .filter_map(|b| {
            b.body
                .iter()
                .filter_map(Structure::as_attribute)
                .find(|a| a.key.as_str() == "source")
                .and_then(|a| a.value.as_str().map(str::to_string))
        })
        .filter(|s| s.starts_with("./") || s.starts_with("../"))
        .collect()
}

/// `templateLink.relativePath` values of nested deployments, and `templateLink.uri` values
/// built from the template's own location.
fn linked_templates(text: &str) -> Vec<String> {
    let Ok(Some(value)) =
        jsonc_parser::parse_to_serde_value::<Option<serde_json::Value>>(text, &Default::default())
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut stack = vec![&value];
    while let Some(v) = stack.pop() {
        match v {
            serde_json::Value::Object(map) => {
                let link = map.get("templateLink");
                if let Some(serde_json::Value::String(p)) = link.and_then(|l| l.get("relativePath"))
                {
                    if !p.starts_with('[') {
                        out.push(p.clone());
                    }
                } else if let Some(serde_json::Value::String(uri)) = link.and_then(|l| l.get("uri"))
                {
                    // A uri built from the template's own location (a file beside it).
                    let vars = map.get("variables").or_else(|| value.get("variables"));
                    let variable = |name: &str| {
                        vars.and_then(|v| v.get(name))
                            .and_then(|v| v.as_str())
                            .map(str::to_string)
                    };
                    out.extend(crate::frontend::arm::artifact_relative_path(uri, &variable));
                }
                stack.extend(map.values());
            }
            serde_json::Value::Array(items) => stack.extend(items),
            _ => {}
        }
    }
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(root: &Path, rel: &str, text: &str) -> (PathBuf, Language) {
        let p = root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, text).unwrap();
        let language = Language::of(&p, text).unwrap();
        (p, language)
    }

    #[test]
    fn cached_references_follow_the_files_and_the_editor() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let mut files = vec![
            write(
                root,
                "main.bicep",
                "module b './b.bicep' = {\n  name: 'b'\n}\n",
            ),
            write(root, "b.bicep", "param x int\n"),
        ];
        let cache = EdgeCache::default();
        let (main, b) = (
            NodeId::File(root.join("main.bicep")),
            NodeId::File(root.join("b.bicep")),
        );
        let loader = Loader::new(root);
        fn refs(files: &[(PathBuf, Language)]) -> Vec<&(PathBuf, Language)> {
            files.iter().collect()
        }
        let g = Graph::build_cached(&refs(&files), &loader, Some(&cache));
        assert_eq!(g.entries_of(&b), BTreeSet::from([main.clone()]));
        // A new file joins the repository and the caller now calls it: the cache is
        // dropped with the old file set, so the edge to the new file is seen at once.
        files.push(write(root, "c.bicep", "param y int\n"));
        write(
            root,
            "main.bicep",
            "module c './c.bicep' = {\n  name: 'c'\n}\n",
        );
        let c = NodeId::File(root.join("c.bicep"));
        let g = Graph::build_cached(&refs(&files), &loader, Some(&cache));
        assert_eq!(g.entries_of(&c), BTreeSet::from([main.clone()]));
        assert_eq!(g.entries_of(&b), BTreeSet::from([b.clone()]));
        // An editor buffer is read afresh, never from the cache.
        let loader = Loader::new(root).with_override(
            root.join("main.bicep"),
            "module b './b.bicep' = {\n  name: 'b'\n}\n",
        );
        let g = Graph::build_cached(&refs(&files), &loader, Some(&cache));
        assert_eq!(g.entries_of(&b), BTreeSet::from([main]));
    }

    #[test]
    fn terraform_roots_call_local_modules_only() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let files = vec![
            write(
                root,
                "envs/prod/main.tf",
                "module \"app\" {\n  source = \"../../modules/app\"\n}\nmodule \"reg\" {\n  source = \"Azure/avm-res-x/azurerm\"\n}\n",
            ),
            write(root, "envs/prod/terraform.tfvars", "x = 1\n"),
            write(root, "modules/app/main.tf", "variable \"x\" {}\n"),
            write(root, "modules/unused/main.tf", "variable \"y\" {}\n"),
        ];
        let loader = Loader::new(root);
        let g = Graph::build(&files, &loader);
        let prod = NodeId::Folder(root.join("envs/prod"));
        let app = NodeId::Folder(root.join("modules/app"));
        let unused = NodeId::Folder(root.join("modules/unused"));
        assert_eq!(g.entries(), vec![prod.clone(), unused.clone()]);
        assert_eq!(g.entries_of(&app), BTreeSet::from([prod.clone()]));
        assert_eq!(g.entries_of(&unused), BTreeSet::from([unused]));
        assert!(g.closure(&prod).contains(&app));
    }

    #[test]
    fn bicep_modules_params_and_arm_links() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let files = vec![
            write(
                root,
                "main.bicep",
                "module app './modules/app.bicep' = {\n  name: 'app'\n}\nmodule reg 'br/public:avm/x:1.0' = {\n  name: 'r'\n}\n",
            ),
            write(root, "main.bicepparam", "using './main.bicep'\nparam x = 1\n"),
            write(root, "modules/app.bicep", "param x int\n"),
            write(
                root,
                "arm/azuredeploy.json",
                r#"{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                    "resources": [{"type": "Microsoft.Resources/deployments", "properties":
                    {"templateLink": {"relativePath": "nested/app.json"}}}]}"#,
            ),
            write(
                root,
                "arm/nested/app.json",
                r#"{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "resources": []}"#,
            ),
            write(
                root,
                "arm/azuredeploy.parameters.json",
                r#"{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#", "parameters": {}}"#,
            ),
        ];
        let loader = Loader::new(root);
        let g = Graph::build(&files, &loader);
        let f = |p: &str| NodeId::File(root.join(p));
        assert_eq!(
            g.entries(),
            vec![f("arm/azuredeploy.parameters.json"), f("main.bicepparam")]
        );
        assert_eq!(
            g.entries_of(&f("modules/app.bicep")),
            BTreeSet::from([f("main.bicepparam")])
        );
        assert_eq!(
            g.entries_of(&f("arm/nested/app.json")),
            BTreeSet::from([f("arm/azuredeploy.parameters.json")])
        );
    }

    #[test]
    fn cycles_and_references_outside_the_root_are_harmless() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("repo");
        std::fs::create_dir_all(&root).unwrap();
        std::fs::write(dir.path().join("outside.bicep"), "param p string\n").unwrap();
        let files = vec![
            write(&root, "a.bicep", "module b './b.bicep' = {\n  name: 'b'\n}\nmodule o '../outside.bicep' = {\n  name: 'o'\n}\n"),
            write(&root, "b.bicep", "module a './a.bicep' = {\n  name: 'a'\n}\n"),
        ];
        let loader = Loader::new(&root);
        let g = Graph::build(&files, &loader);
        let a = NodeId::File(root.join("a.bicep"));
        assert_eq!(g.calls[&a].len(), 1, "the outside file is not an edge");
        // a ↔ b call each other: nothing is an entry, each deploys on its own when selected.
        assert!(g.entries().is_empty());
        assert_eq!(g.entries_of(&a), BTreeSet::from([a.clone()]));
        assert_eq!(g.closure(&a).len(), 2);
    }
}
