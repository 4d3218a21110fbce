//! Declarative rules: loading (`rules/*.yaml`, embedded at build time), validation and
//! evaluation over the resource model.

pub mod meta;

pub use meta::RuleMeta;

use crate::finding::Finding;
use crate::model::Document;

/// The loaded rule catalogue (built-in plus `--rules DIR`).
#[derive(Clone, Debug, Default)]
pub struct RuleSet {
    pub rules: Vec<RuleMeta>,
}

impl RuleSet {
    pub fn builtin() -> RuleSet {
        RuleSet::default()
    }

    pub fn get(&self, id_or_name: &str) -> Option<&RuleMeta> {
        self.rules
            .iter()
            .find(|r| r.id.eq_ignore_ascii_case(id_or_name) || r.name.eq_ignore_ascii_case(id_or_name))
    }

    /// Evaluate every rule on one document; findings come back unsorted.
    pub fn evaluate(&self, _doc: &Document) -> Vec<Finding> {
        Vec::new()
    }
}
