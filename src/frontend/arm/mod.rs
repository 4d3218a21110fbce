//! ARM JSON front end (templates and parameter files).

use std::sync::Arc;

use super::Loader;
use crate::model::{Document, Format};
use crate::source::SourceFile;

/// Parse an ARM deployment template into one document.
pub fn parse_template(file: Arc<SourceFile>, _loader: &Loader) -> Document {
    Document::new(Format::Arm, file)
}

/// Parse an ARM deployment parameters file (`*.parameters.json`).
pub fn parse_parameters(file: Arc<SourceFile>, _loader: &Loader) -> Document {
    Document::new(Format::ArmParameters, file)
}
