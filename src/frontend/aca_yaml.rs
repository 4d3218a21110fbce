//! Azure Container Apps YAML specs (`az containerapp create --yaml`) and Dapr component YAML.

use std::sync::Arc;

use crate::model::Document;
use crate::source::SourceFile;

/// Parse a YAML file; `None` when it is not a Container Apps / Dapr component spec
/// (e.g. a Kubernetes manifest, a CI workflow), so it is skipped silently.
pub fn parse(_file: Arc<SourceFile>) -> Option<Document> {
    None
}
