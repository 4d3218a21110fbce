//! Values given to variables from outside: `.tfvars` files and `module` calls.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::{Arc, Mutex, OnceLock, Weak};

use hcl_edit::structure::{Block, Body, Structure};
use hcl_edit::Span as _;

use super::eval;
use super::lower::{deep_provenance, Iter, Lowerer, VarInfo};
use super::modules::META_ARGUMENTS;
use crate::frontend::Loader;
use crate::lang::{ByName, Language};
use crate::model::{Assignment, Document, Provenance};

/// The elements of a module call's `count` / `for_each` whose arguments are listed one by
/// one (the call itself is instantiated within the deployment's element budget).
const MAX_ASSIGNED_ELEMENTS: usize = 64;
use crate::source::SourceFile;

/// Each `name = value` of a tfvars file, pointing at the name in the tfvars file.
pub fn tfvars(
    lw: &mut Lowerer,
    body: &Body,
    declared: &HashMap<String, VarInfo>,
    doc: &mut Document,
) {
    for a in body.iter().filter_map(Structure::as_attribute) {
        let name = a.key.as_str();
        let value = lw.expr(&a.value);
        doc.assignments.push(Assignment {
            name: name.to_string(),
            span: lw.span(a.key.span()),
            value,
            target_secure: declared.get(name).map(|v| v.secure),
            target: None,
        });
    }
}

/// `module "x" { source = "./m"  arg = value }`: one assignment per argument. For a local
/// source the module folder's variable declarations are read (only them: no recursion into
/// its own modules) to know which arguments are sensitive.
pub fn module_calls<'b>(
    lw: &mut Lowerer,
    blocks: impl Iterator<Item = (u32, &'b Block)>,
    files: &[Arc<SourceFile>],
    loader: &Loader,
    doc: &mut Document,
) {
    let mut cache: HashMap<PathBuf, Option<Arc<HashMap<String, bool>>>> = HashMap::new();
    for (file, b) in blocks {
        lw.file = file;
        let attrs: Vec<_> = b.body.iter().filter_map(Structure::as_attribute).collect();
        let source = attrs
            .iter()
            .find(|a| a.key.as_str() == "source")
            .and_then(|a| a.value.as_str())
            .map(str::to_string);
        let declared = match (
            &source,
            files.get(file as usize).and_then(|f| f.path.parent()),
        ) {
            (Some(src), Some(dir)) if src.starts_with("./") || src.starts_with("../") => {
                let target = crate::frontend::normalize(&dir.join(src));
                cache
                    .entry(target.clone())
                    .or_insert_with(|| module_variables(&target, loader))
                    .clone()
            }
            _ => None,
        };
        let attr = |key: &str| attrs.iter().find(|a| a.key.as_str() == key);
        // The arguments of a call with `count` / `for_each` are lowered once per known
        // element (`each.value` is then the element, where it is written), else with an
        // iterator standing for every element.
        let mut iterators: Vec<Option<(&'static str, Iter)>> = Vec::new();
        if let Some(c) = attr("count") {
            let n = lw.raw_expr(&c.value);
            match eval::known_number(&n).filter(|x| *x >= 0.0 && x.fract() == 0.0) {
                Some(x) if (x as usize) <= MAX_ASSIGNED_ELEMENTS => {
                    iterators.extend((0..x as usize).map(|i| Some(("count", Iter::Count(i)))));
                }
                _ => iterators.push(Some(("count", Iter::Unknown(Provenance::Unknown)))),
            }
        } else if let Some(f) = attr("for_each") {
            let coll = lw.raw_expr(&f.value);
            match eval::for_each_elements(&coll) {
                Some(list) if list.len() <= MAX_ASSIGNED_ELEMENTS => {
                    iterators.extend(list.into_iter().map(|(_, key, value)| {
                        Some((
                            "each",
                            Iter::Pair {
                                key: Rc::new(key),
                                value: Rc::new(value),
                            },
                        ))
                    }));
                }
                _ => iterators.push(Some(("each", Iter::Unknown(deep_provenance(&coll))))),
            }
        } else {
            iterators.push(None);
        }
        for it in iterators {
            for a in attrs
                .iter()
                .filter(|a| !META_ARGUMENTS.contains(&a.key.as_str()))
            {
                let name = a.key.as_str();
                let value = match it.clone() {
                    Some((it_name, it)) => lw.with_iterator(it_name, it, |lw| lw.expr(&a.value)),
                    None => lw.expr(&a.value),
                };
                doc.assignments.push(Assignment {
                    name: name.to_string(),
                    span: lw.span(a.key.span()),
                    value,
                    target_secure: declared.as_ref().and_then(|d| d.get(name).copied()),
                    target: source.clone(),
                });
            }
        }
    }
}

/// The variables a module folder declares, with whether each is sensitive (or ephemeral).
/// `None` when the folder has no readable `.tf` file.
///
/// Many modules call the same local module (every example of a registry module calls
/// `../..`), so results are cached across documents, keyed by the loaded files themselves:
/// an entry is reused only while the loader hands out the very same file objects (a new run
/// or an edited file misses).
fn module_variables(dir: &Path, loader: &Loader) -> Option<Arc<HashMap<String, bool>>> {
    type Entry = (Vec<Weak<SourceFile>>, Option<Arc<HashMap<String, bool>>>);
    static CACHE: OnceLock<Mutex<HashMap<PathBuf, Entry>>> = OnceLock::new();
    let files: Vec<Arc<SourceFile>> = loader
        .dir_files(dir)
        .into_iter()
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .map(|n| n.ends_with(".tf"))
                .unwrap_or(false)
        })
        .filter(|p| Language::by_name(p) == Some(ByName::Is(Language::Terraform)))
        .filter_map(|p| loader.load(&p))
        .collect();
    let cache = CACHE.get_or_init(Default::default);
    if let Some((seen, result)) = cache.lock().ok().as_ref().and_then(|c| c.get(dir).cloned()) {
        let same = seen.len() == files.len()
            && seen
                .iter()
                .zip(&files)
                .all(|(w, f)| w.upgrade().map(|s| Arc::ptr_eq(&s, f)).unwrap_or(false));
        if same {
            return result;
        }
    }
    let result = declared_variables(&files);
    if let Ok(mut c) = cache.lock() {
        c.insert(
            dir.to_path_buf(),
            (files.iter().map(Arc::downgrade).collect(), result.clone()),
        );
    }
    result
}

fn declared_variables(files: &[Arc<SourceFile>]) -> Option<Arc<HashMap<String, bool>>> {
    if files.is_empty() {
        return None;
    }
    let mut out = HashMap::new();
    for f in files {
        // Only files that declare variables are worth parsing.
        if !f.text.contains("variable") {
            continue;
        }
        let Ok(body) = hcl_edit::parser::parse_body(&f.text) else {
            continue;
        };
        for b in body
            .iter()
            .filter_map(Structure::as_block)
            .filter(|b| b.ident.as_str() == "variable")
        {
            let Some(label) = b.labels.first() else {
                continue;
            };
            let flag = |key: &str| {
                b.body
                    .iter()
                    .filter_map(Structure::as_attribute)
                    .find(|a| a.key.as_str() == key)
                    .and_then(|a| a.value.as_bool())
                    .unwrap_or(false)
            };
            out.insert(
                label.as_str().to_string(),
                flag("sensitive") || flag("ephemeral"),
            );
        }
    }
    Some(Arc::new(out))
}
