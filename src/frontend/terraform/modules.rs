//! `module` blocks: a local module (`source = "./m"`, `"../.."`) is instantiated with the
//! call's arguments as its variables' values (lowered here, so a value keeps the span where
//! the caller writes it), once per element of a known `count` / `for_each`; its outputs
//! answer `module.x.out`, and its document is absorbed into the caller's. A registry, `git::`
//! or URL source, a missing folder, a cycle or a bound gets one `AZL002` note per call.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::Path;
use std::rc::Rc;
use std::sync::Arc;

use hcl_edit::structure::{Block, Structure};
use hcl_edit::Span as _;

use super::eval;
use super::lower::{deep_provenance, Iter, Lowerer, Seg};
use crate::frontend::instance::{self, Bindings, Inputs, NotInstantiated};
use crate::model::budget::InlineBudget;
use crate::model::{Document, Instance, Node};
use crate::source::Span;

/// Module arguments that are not input variables.
pub const META_ARGUMENTS: &[&str] = &[
    "source",
    "version",
    "providers",
    "count",
    "for_each",
    "depends_on",
];

/// A `module` block of the module being lowered.
pub struct ModuleCall<'a> {
    pub file: u32,
    pub block: &'a Block,
    state: State,
}

impl<'a> ModuleCall<'a> {
    pub fn new(file: u32, block: &'a Block) -> Self {
        ModuleCall {
            file,
            block,
            state: State::Pending,
        }
    }
}

enum State {
    Pending,
    /// Being instantiated (its arguments refer to itself, directly or through another call).
    Busy,
    Done(Rc<Called>),
}

/// A module call's outputs, per instance.
pub struct Called {
    /// `module.x` (with the caller's instance path in front).
    pub path: String,
    /// The source as written.
    pub source: String,
    instances: Instances,
}

type Outputs = HashMap<String, Rc<Node>>;

enum Instances {
    NotFollowed,
    One(Outputs),
    /// By element suffix (`[0]`, `["k"]`).
    Elements(Vec<(String, Outputs)>),
}

impl Called {
    /// The outputs of the instance that a reference's first step names: `module.x.out` (one
    /// instance), `module.x[0].out`, `module.x["k"].out`.
    pub fn outputs(&self, first: Option<&Seg>) -> Option<&Outputs> {
        match (&self.instances, first) {
            (Instances::One(o), Some(Seg::Attr(_))) => Some(o),
            (Instances::Elements(list), Some(Seg::Index(i))) => {
                let suffix = format!("[{i}]");
                list.iter().find(|(s, _)| *s == suffix).map(|(_, o)| o)
            }
            (Instances::Elements(list), Some(Seg::Key(k))) => {
                let suffix = format!("[\"{k}\"]");
                list.iter().find(|(s, _)| *s == suffix).map(|(_, o)| o)
            }
            _ => None,
        }
    }
}

thread_local! {
    /// The inline budget lent by a caller to the module instance it is instantiating: one
    /// budget for the whole deployment, so that a chain of module instances cannot copy
    /// more than one document may.
    static LENT: RefCell<Option<InlineBudget>> = const { RefCell::new(None) };
}

/// Lend the caller's budget to the instance about to be lowered.
fn lend_budget(b: InlineBudget) {
    LENT.with(|l| *l.borrow_mut() = Some(b));
}

/// The budget lent by the caller (a called module instance starts with it).
pub fn borrow_budget() -> Option<InlineBudget> {
    LENT.with(|l| l.borrow_mut().take())
}

/// Give the budget back when the instance is done.
pub fn return_budget(b: InlineBudget) {
    lend_budget(b);
}

/// An entry point starts with a budget of its own (and drops anything a panicked
/// deployment left behind on this thread).
pub fn fresh_budget() {
    LENT.with(|l| *l.borrow_mut() = None);
}

impl Lowerer<'_, '_> {
    /// The outputs of `module.name`, instantiating it on first use; `None` when there is no
    /// such call or it refers to itself.
    pub fn module(&mut self, name: &str) -> Option<Rc<Called>> {
        let call = self.modules.get_mut(name)?;
        match &call.state {
            State::Done(c) => return Some(c.clone()),
            State::Busy => return None,
            State::Pending => {}
        }
        call.state = State::Busy;
        let (file, block) = (call.file, call.block);
        let called = Rc::new(self.call_module(name, file, block));
        if let Some(call) = self.modules.get_mut(name) {
            call.state = State::Done(called.clone());
        }
        Some(called)
    }

    /// The outputs of `module.name` if it is already instantiated.
    pub fn module_done(&self, name: &str) -> Option<Rc<Called>> {
        match &self.modules.get(name)?.state {
            State::Done(c) => Some(c.clone()),
            _ => None,
        }
    }

    /// Instantiate every module call not instantiated yet, in source order.
    pub fn instantiate_modules(&mut self, order: &[String]) {
        for name in order {
            self.module(name);
        }
    }

    fn call_module(&mut self, name: &str, file: u32, block: &Block) -> Called {
        let saved_file = std::mem::replace(&mut self.file, file);
        let called = self.call_module_in_file(name, block);
        self.file = saved_file;
        called
    }

    fn call_module_in_file(&mut self, name: &str, block: &Block) -> Called {
        let attribute = |key: &str| {
            block
                .body
                .iter()
                .filter_map(Structure::as_attribute)
                .find(|a| a.key.as_str() == key)
        };
        let source = attribute("source")
            .and_then(|a| a.value.as_str())
            .unwrap_or("")
            .to_string();
        let header = header_span(self, block);
        let path = match &self.instance {
            Some(i) => format!("{}/module.{name}", i.path),
            None => format!("module.{name}"),
        };
        let mut called = Called {
            path,
            source: source.clone(),
            instances: Instances::NotFollowed,
        };
        let what = format!("module `{name}` (source `{source}`)");
        if !(source.starts_with("./") || source.starts_with("../")) {
            self.note(header, NotInstantiated::Remote.note(&what));
            return called;
        }
        let dir = match self
            .files
            .get(self.file as usize)
            .and_then(|f| f.path.parent())
        {
            Some(d) => crate::frontend::normalize(&d.join(&source)),
            None => {
                self.note(header, NotInstantiated::Missing.note(&what));
                return called;
            }
        };

        // One instance per known element of `count` / `for_each`.
        let mut elements: Vec<(String, Option<(&'static str, Iter)>)> = Vec::new();
        if let Some(c) = attribute("count") {
            let n = self.raw_expr(&c.value);
            match eval::known_number(&n).filter(|x| *x >= 0.0 && x.fract() == 0.0) {
                Some(x) if self.take_elements(x as usize, header, &what) => {
                    for i in 0..x as usize {
                        elements.push((format!("[{i}]"), Some(("count", Iter::Count(i)))));
                    }
                }
                _ => elements.push((
                    String::new(),
                    Some(("count", Iter::Unknown(crate::model::Provenance::Unknown))),
                )),
            }
        } else if let Some(f) = attribute("for_each") {
            let coll = self.raw_expr(&f.value);
            match eval::for_each_elements(&coll) {
                Some(list) if self.take_elements(list.len(), header, &what) => {
                    for (k, key, value) in list {
                        let it = Iter::Pair {
                            key: Rc::new(key),
                            value: Rc::new(value),
                        };
                        elements.push((format!("[\"{k}\"]"), Some(("each", it))));
                    }
                }
                _ => {
                    let it = Iter::Unknown(deep_provenance(&coll));
                    elements.push((String::new(), Some(("each", it))));
                }
            }
        } else {
            elements.push((String::new(), None));
        }
        let expanded = attribute("count").is_some() || attribute("for_each").is_some();

        let mut outputs: Vec<(String, Outputs)> = Vec::new();
        for (suffix, iterator) in elements {
            let bindings = match iterator {
                Some((it_name, it)) => self.with_iterator(it_name, it, |lw| lw.bindings(block)),
                None => self.bindings(block),
            };
            let instance = Instance {
                path: format!("{}{suffix}", called.path),
                source: source.clone(),
                call: header,
            };
            lend_budget(std::mem::take(&mut self.budget));
            let result =
                instance::instantiate(&dir, Inputs::Called(bindings), Arc::new(instance), self.cx);
            self.budget = borrow_budget().unwrap_or_else(spent_budget);
            match result {
                Ok(doc) => {
                    outputs.push((suffix, own_outputs(&doc, &dir)));
                    self.children.push(doc);
                }
                Err(e) => {
                    self.note(header, e.note(&what));
                    return called;
                }
            }
        }
        called.instances = if expanded && !(outputs.len() == 1 && outputs[0].0.is_empty()) {
            Instances::Elements(outputs)
        } else {
            match outputs.pop() {
                Some((_, o)) => Instances::One(o),
                None => Instances::Elements(Vec::new()),
            }
        };
        called
    }

    /// The call's arguments, lowered here for their values.
    fn bindings(&mut self, block: &Block) -> Bindings {
        let mut b = Bindings::new();
        for a in block
            .body
            .iter()
            .filter_map(Structure::as_attribute)
            .filter(|a| !META_ARGUMENTS.contains(&a.key.as_str()))
        {
            let value = self.raw_expr(&a.value);
            b.insert(a.key.as_str(), value);
        }
        b
    }
}

/// A budget with nothing left (a lent budget that did not come back).
fn spent_budget() -> InlineBudget {
    InlineBudget::new(0, 0)
}

/// The outputs the callee itself declares (not those of the modules it calls in turn,
/// which its document absorbed).
fn own_outputs(doc: &Document, dir: &Path) -> Outputs {
    doc.outputs
        .iter()
        .filter(|o| {
            doc.file(o.span)
                .path
                .parent()
                .is_some_and(|p| crate::frontend::normalize(p) == dir)
        })
        .map(|o| (o.name.clone(), Rc::new(o.value.clone())))
        .collect()
}

/// The block header: `module "app"` (keyword through the last label).
fn header_span(lw: &Lowerer, b: &Block) -> Span {
    let start = b.ident.span().map(|r| r.start).unwrap_or(0);
    let end = b
        .labels
        .last()
        .and_then(|l| l.span())
        .map(|r| r.end)
        .unwrap_or(start);
    Span::new(lw.file_id(), start, end)
}
