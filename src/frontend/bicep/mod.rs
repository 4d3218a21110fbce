//! Bicep front end (`.bicep` and `.bicepparam`).
//!
//! `lexer` → `parser` (error-tolerant, spans on every node) → `lower` (into the resource
//! model, with provenance for every expression) and `params` (module calls and
//! `.bicepparam` files become `Assignment`s, with the target template's `@secure()` info).

// Byte-index slicing of user text panics on a multi-byte character (issue 13, D1-D3):
// use `str::get` or the boundary-safe helpers in `model::text` instead.
#![deny(clippy::string_slice)]

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

/// Parse a `.bicep` or `.bicepparam` file (decided by extension) into one document.
pub fn parse_file(file: Arc<SourceFile>, loader: &Loader) -> Document {
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
    let (program, errors) = parse_syntax(&text);
    for e in errors {
        doc.parse_error(
            e.message,
            Span::in_file(&file, e.start as usize, e.end as usize),
        );
    }
    lower::lower_program(&program, &text, &file, loader, &mut doc);
    doc
}

/// Lower a `.bicep` / `.bicepparam` file as a module instance (see
/// [`crate::frontend::instance`]). Today: the file on its own (inputs and instance are not
/// used yet).
pub fn instantiate(
    file: Arc<SourceFile>,
    _inputs: super::instance::Inputs,
    _instance: Option<Arc<crate::model::Instance>>,
    cx: &mut super::instance::DeployCx<'_>,
) -> Document {
    parse_file(file, cx.loader)
}
