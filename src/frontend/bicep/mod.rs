//! Bicep front end (`.bicep` and `.bicepparam`).

use std::sync::Arc;

use super::Loader;
use crate::model::{Document, Format};
use crate::source::SourceFile;

/// Parse a `.bicep` or `.bicepparam` file (decided by extension) into one document.
pub fn parse_file(file: Arc<SourceFile>, _loader: &Loader) -> Document {
    let format = if file
        .path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("bicepparam"))
    {
        Format::BicepParam
    } else {
        Format::Bicep
    };
    Document::new(format, file)
}
