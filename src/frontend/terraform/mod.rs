//! Terraform front end: a module directory (`.tf` + `.tfvars`) becomes one document.

use std::sync::Arc;

use super::Loader;
use crate::model::{Document, Format};
use crate::source::SourceFile;

/// Parse every file of one module directory. `files` holds the directory's `.tf`,
/// `.tf.json` and `.tfvars` files in a stable order; spans index into it.
pub fn parse_module(files: Vec<Arc<SourceFile>>, _loader: &Loader) -> Document {
    let mut it = files.into_iter();
    let first = it.next().expect("a module has at least one file");
    let mut doc = Document::new(Format::Terraform, first);
    doc.files.extend(it);
    doc
}
