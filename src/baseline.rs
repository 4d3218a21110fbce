//! Baselines: adopt azlint in an existing repository and fail only on new findings.
//!
//! `--write-baseline FILE` records the current unsuppressed findings; `--baseline FILE` marks
//! findings that match an entry as suppressed (`external`, "in baseline"). Entries are keyed by
//! [`Finding::stable_key`] (rule, file, resource, property) — no line numbers — so moving code
//! around does not invalidate the baseline. Identical keys are counted, so a second instance
//! of the same problem in the same place is still new.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::finding::{fnv1a64, Finding, Suppression, SuppressionKind};

pub const VERSION: u32 = 1;
pub const JUSTIFICATION: &str = "in baseline";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub version: u32,
    pub entries: Vec<Entry>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub rule: String,
    pub path: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub property: Option<String>,
    /// `fnv1a64(stable_key)` as 16 hex digits: what matching uses.
    pub fingerprint: String,
    /// How many findings share this fingerprint.
    #[serde(default = "one")]
    pub count: u32,
}

fn one() -> u32 {
    1
}

pub fn fingerprint(f: &Finding) -> String {
    format!("{:016x}", fnv1a64(f.stable_key().as_bytes()))
}

/// What applying a baseline did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    /// Findings marked as suppressed by the baseline.
    pub matched: usize,
    /// Baseline entries (counting duplicates) that no longer occur: fixed.
    pub fixed: usize,
}

impl Baseline {
    /// Record every unsuppressed finding, sorted by path, rule, fingerprint.
    pub fn from_findings(findings: &[Finding]) -> Baseline {
        let mut map: BTreeMap<(String, String, String), Entry> = BTreeMap::new();
        for f in findings.iter().filter(|f| f.suppressed.is_none()) {
            let fp = fingerprint(f);
            map.entry((f.path().to_string(), f.rule_id.clone(), fp.clone()))
                .and_modify(|e| e.count += 1)
                .or_insert_with(|| Entry {
                    rule: f.rule_id.clone(),
                    path: f.path().to_string(),
                    resource: f.resource.clone(),
                    property: f.property.clone(),
                    fingerprint: fp,
                    count: 1,
                });
        }
        Baseline {
            version: VERSION,
            entries: map.into_values().collect(),
        }
    }

    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_else(|_| "{}".into());
        s.push('\n');
        s
    }

    pub fn parse(text: &str, display: &str) -> Result<Baseline, String> {
        let b: Baseline =
            serde_json::from_str(text).map_err(|e| format!("{display}: invalid baseline: {e}"))?;
        if b.version != VERSION {
            return Err(format!(
                "{display}: unsupported baseline version {} (this azlint writes version {VERSION})",
                b.version
            ));
        }
        Ok(b)
    }

    pub fn load(path: &Path) -> Result<Baseline, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("{}: cannot read baseline: {e}", path.display()))?;
        Baseline::parse(&text, &path.display().to_string())
    }

    /// Mark findings found in the baseline as suppressed; each entry absorbs at most `count`.
    pub fn apply(&self, findings: &mut [Finding]) -> Outcome {
        let mut remaining: BTreeMap<&str, u32> = BTreeMap::new();
        for e in &self.entries {
            *remaining.entry(e.fingerprint.as_str()).or_default() += e.count;
        }
        let mut matched = 0;
        for f in findings.iter_mut().filter(|f| f.suppressed.is_none()) {
            let fp = fingerprint(f);
            if let Some(left) = remaining.get_mut(fp.as_str()) {
                if *left > 0 {
                    *left -= 1;
                    matched += 1;
                    f.suppressed = Some(Suppression {
                        kind: SuppressionKind::External,
                        justification: JUSTIFICATION.into(),
                    });
                }
            }
        }
        Outcome {
            matched,
            fixed: remaining.values().map(|&n| n as usize).sum(),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::finding::{Confidence, Severity};
    use crate::source::{SourceFile, Span};

    fn finding(
        file: &Arc<SourceFile>,
        rule: &str,
        resource: &str,
        property: &str,
        needle: &str,
    ) -> Finding {
        let at = file.text.find(needle).expect("needle");
        Finding {
            rule_id: rule.into(),
            rule_name: "r".into(),
            severity: Severity::Error,
            confidence: Confidence::High,
            message: "m".into(),
            file: file.clone(),
            span: Span::primary(at, at + needle.len()),
            label: None,
            resource: Some(resource.into()),
            property: Some(property.into()),
            mask: false,
            suppressed: None,
        }
    }

    #[test]
    fn round_trip_survives_line_moves_and_counts_duplicates() {
        let before = Arc::new(SourceFile::from_text("main.bicep", "a\nSECRET1\nSECRET2\n"));
        let found = vec![
            finding(
                &before,
                "AZL101",
                "app",
                "properties.secrets[0].value",
                "SECRET1",
            ),
            finding(
                &before,
                "AZL101",
                "app",
                "properties.secrets[0].value",
                "SECRET2",
            ),
            finding(&before, "AZL201", "app", "identity", "a"),
        ];
        let b = Baseline::from_findings(&found);
        assert_eq!(b.entries.len(), 2);
        assert_eq!(b.entries.iter().map(|e| e.count).sum::<u32>(), 3);
        let text = b.to_json();
        let b = Baseline::parse(&text, "baseline.json").unwrap();

        // Ten lines inserted above: every finding moved, all still match.
        let after = Arc::new(SourceFile::from_text(
            "main.bicep",
            "\n\n\n\n\n\n\n\n\n\na\nSECRET1\nSECRET2\nSECRET3\n",
        ));
        let mut now = vec![
            finding(
                &after,
                "AZL101",
                "app",
                "properties.secrets[0].value",
                "SECRET1",
            ),
            finding(
                &after,
                "AZL101",
                "app",
                "properties.secrets[0].value",
                "SECRET2",
            ),
            // A third instance of the same key is new.
            finding(
                &after,
                "AZL101",
                "app",
                "properties.secrets[0].value",
                "SECRET3",
            ),
        ];
        let outcome = b.apply(&mut now);
        assert_eq!(
            outcome,
            Outcome {
                matched: 2,
                fixed: 1
            },
            "AZL201 was fixed"
        );
        assert!(now[0].suppressed.is_some() && now[1].suppressed.is_some());
        assert!(now[2].suppressed.is_none());
        assert_eq!(
            now[0].suppressed.as_ref().unwrap().kind,
            SuppressionKind::External
        );
    }

    #[test]
    fn suppressed_findings_are_not_recorded() {
        let f = Arc::new(SourceFile::from_text("x.tf", "abc"));
        let mut a = finding(&f, "AZL101", "r", "p", "abc");
        a.suppressed = Some(Suppression {
            kind: SuppressionKind::InSource,
            justification: "x".into(),
        });
        assert!(Baseline::from_findings(&[a]).entries.is_empty());
    }

    #[test]
    fn rejects_other_versions_and_garbage() {
        assert!(Baseline::parse(r#"{"version": 9, "entries": []}"#, "b")
            .unwrap_err()
            .contains("version 9"));
        assert!(Baseline::parse("[]", "b").is_err());
    }
}
