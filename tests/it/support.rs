//! Test support: build model documents through the real ARM front end.

use std::sync::Arc;

use azlint::__internal::frontend::{arm, Loader};
use azlint::__internal::model::Document;
use azlint::SourceFile;

/// Lower ARM JSON text into a `Document`, exactly as `azlint check` would.
pub fn arm_document(path: &str, text: &str) -> Document {
    let file = Arc::new(SourceFile::from_text(path, text));
    arm::parse_template(file, &Loader::new("."))
}
