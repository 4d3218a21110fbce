//! Bicep front end (`.bicep` and `.bicepparam`).
//!
//! `lexer` → `parser` (error-tolerant, spans on every node) → `lower` (into the resource
//! model, with provenance for every expression). Lowering instantiates the local modules a
//! file calls with their arguments, and a `.bicepparam`'s template with its values
//! (`lower/deploy.rs`), evaluating what is statically known (`lower/eval.rs`); `params` says
//! which parameters a template declares secure, for the records of values given to them.

pub mod ast;
pub mod lexer;
mod lower;
mod params;
pub mod parser;

use std::sync::Arc;

use super::Loader;
use crate::model::{Document, Format};
use crate::source::{SourceFile, Span};

/// A syntax error: a message and the byte range it is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub message: String,
    pub start: u32,
    pub end: u32,
}

/// Lex and parse only (no lowering); used by the benchmark and tests.
pub fn parse_syntax(text: &str) -> (ast::Program, Vec<SyntaxError>) {
    parser::parse(text)
}

/// Parse a `.bicep` or `.bicepparam` file (decided by extension) into one document: the file
/// analysed on its own (its parameters unknown), with the local modules it calls and, for a
/// `.bicepparam`, its template instantiated.
pub fn parse_file(file: Arc<SourceFile>, loader: &Loader) -> Document {
    let mut cx = super::instance::DeployCx::new(loader);
    instantiate(file, super::instance::Inputs::Standalone, None, &mut cx)
}

/// Lower a `.bicep` / `.bicepparam` file as a module instance (see
/// [`crate::frontend::instance`]): its parameters take the caller's values (`inputs`), its
/// resources are keyed by `instance`'s path, the local modules it calls are instantiated with
/// their arguments and absorbed, and a `.bicepparam`'s template is instantiated with the
/// file's values and absorbed.
pub fn instantiate(
    file: Arc<SourceFile>,
    inputs: super::instance::Inputs,
    instance: Option<Arc<crate::model::Instance>>,
    cx: &mut super::instance::DeployCx<'_>,
) -> Document {
    let format = if file
        .path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("bicepparam"))
    {
        Format::BicepParam
    } else {
        Format::Bicep
    };
    let text = file.text.clone();
    let mut doc = Document::new(format, file.clone());
    let parsed = parse_cached(&file);
    let (program, errors, comments) = &*parsed;
    doc.record_comments(&file, || comments.clone());
    for e in errors {
        doc.parse_error(
            e.message.clone(),
            Span::in_file(&file, e.start as usize, e.end as usize),
        );
    }
    lower::lower_program(program, &text, &file, inputs, instance, cx, &mut doc);
    doc
}

/// Files parsed recently on this thread, by path: a module called many times (by several
/// callers, in a loop, by every deployment that includes it) is parsed once. A hit needs the
/// same text, so an edited file is parsed again; the cache is small and emptied when full.
type Parsed = std::rc::Rc<(ast::Program, Vec<SyntaxError>, Vec<crate::model::Comment>)>;

const PARSE_CACHE_FILES: usize = 64;

fn parse_cached(file: &SourceFile) -> Parsed {
    use std::cell::RefCell;
    use std::collections::HashMap;
    use std::path::PathBuf;
    thread_local! {
        static CACHE: RefCell<HashMap<PathBuf, (Arc<str>, Parsed)>> = RefCell::new(HashMap::new());
    }
    let hit = CACHE.with(|c| {
        c.borrow()
            .get(&file.path)
            .filter(|(text, _)| Arc::ptr_eq(text, &file.text) || **text == *file.text)
            .map(|(_, p)| p.clone())
    });
    if let Some(p) = hit {
        return p;
    }
    let parsed: Parsed = std::rc::Rc::new(parser::parse_with_comments(&file.text));
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() >= PARSE_CACHE_FILES {
            c.clear();
        }
        c.insert(file.path.clone(), (file.text.clone(), parsed.clone()));
    });
    parsed
}
