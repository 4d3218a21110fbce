//! Baselines: adopt azlint in an existing repository and fail only on new findings.
//!
//! `--write-baseline FILE` records the current unsuppressed findings; `--baseline FILE` marks
//! findings that match an entry as suppressed (`external`, "in baseline"). Entries are keyed by
//! [`Finding::identity_key`] (rule, file, resource, property with array items named by their
//! `name`: `secrets[name=db-password].value`) — no line numbers, no array positions where a
//! name is known — so moving code around or inserting a secret before another does not
//! invalidate the baseline. Identical keys are counted, so a second instance of the same
//! problem in the same place is still new.
//!
//! Version 1 files (keyed by [`Finding::stable_key`], array positions included) still load
//! and match as before; `--write-baseline` writes version 2.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::finding::{fnv1a64, Finding, Suppression, SuppressionKind};

/// The version `--write-baseline` writes.
pub const VERSION: u32 = 2;
/// Array positions in the key (`secrets[3].value`); still read.
pub const VERSION_1: u32 = 1;
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
    /// The property identity ([`Finding::stable_property`]; version 1: the indexed path).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub property: Option<String>,
    /// `fnv1a64(identity_key)` as 16 hex digits (version 1: of `stable_key`): what matching
    /// uses.
    pub fingerprint: String,
    /// How many findings share this fingerprint.
    #[serde(default = "one")]
    pub count: u32,
}

fn one() -> u32 {
    1
}

/// A finding's baseline fingerprint (version 2).
pub fn fingerprint(f: &Finding) -> String {
    format!("{:016x}", fnv1a64(f.identity_key().as_bytes()))
}

/// A finding's fingerprint in a baseline of `version`.
fn fingerprint_for(version: u32, f: &Finding) -> String {
    if version == VERSION_1 {
        format!("{:016x}", fnv1a64(f.stable_key().as_bytes()))
    } else {
        fingerprint(f)
    }
}

/// What applying a baseline did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    /// Findings marked as suppressed by the baseline.
    pub matched: usize,
    /// Baseline entries (counting duplicates) that no longer occur: fixed.
    pub fixed: usize,
}

impl Outcome {
    /// `1 baseline entry no longer occurs (fixed); refresh it with --write-baseline FILE`,
    /// `3 baseline entries no longer occur …`, or `None` when nothing was fixed.
    pub fn fixed_message(&self, baseline: &str) -> Option<String> {
        match self.fixed {
            0 => None,
            1 => Some(format!(
                "1 baseline entry no longer occurs (fixed); refresh it with --write-baseline {baseline}"
            )),
            n => Some(format!(
                "{n} baseline entries no longer occur (fixed); refresh it with --write-baseline {baseline}"
            )),
        }
    }
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
                    property: f.stable_property().map(str::to_string),
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
        if b.version != VERSION && b.version != VERSION_1 {
            return Err(format!(
                "{display}: unsupported baseline version {} (this azlint reads versions 1 and {VERSION}); regenerate it with --write-baseline {display}",
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
            let fp = fingerprint_for(self.version, f);
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
            property_key: None,
            written_property: None,
            mask: false,
            suppressed: None,
            fixes: Vec::new(),
            related: Vec::new(),
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
        let e = Baseline::parse(r#"{"version": 9, "entries": []}"#, "b.json").unwrap_err();
        assert!(e.contains("version 9"), "{e}");
        assert!(
            e.contains("regenerate it with --write-baseline b.json"),
            "{e}"
        );
        assert!(Baseline::parse("[]", "b").is_err());
    }

    #[test]
    fn entries_are_keyed_by_named_items_and_version_1_by_position() {
        let file = Arc::new(SourceFile::from_text("main.bicep", "S1\nS2\n"));
        let mut a = finding(&file, "AZL101", "app", "p.secrets[0].value", "S1");
        a.property_key = Some("p.secrets[name=db].value".into());
        let b = Baseline::from_findings(std::slice::from_ref(&a));
        assert_eq!(b.version, VERSION);
        assert_eq!(
            b.entries[0].property.as_deref(),
            Some("p.secrets[name=db].value")
        );
        // The same item at another position still matches; another item at its old
        // position does not.
        let mut moved = a.clone();
        moved.property = Some("p.secrets[1].value".into());
        let mut other = finding(&file, "AZL101", "app", "p.secrets[0].value", "S2");
        other.property_key = Some("p.secrets[name=new].value".into());
        let mut now = vec![other, moved];
        assert_eq!(
            b.apply(&mut now),
            Outcome {
                matched: 1,
                fixed: 0
            }
        );
        assert!(now[0].suppressed.is_none() && now[1].suppressed.is_some());

        // A version 1 file keyed the indexed path: it matches by position, as it always did.
        let v1 = Baseline {
            version: VERSION_1,
            entries: vec![Entry {
                fingerprint: format!("{:016x}", fnv1a64(a.stable_key().as_bytes())),
                ..b.entries[0].clone()
            }],
        };
        let v1 = Baseline::parse(&v1.to_json(), "old.json").unwrap();
        let mut again = vec![a.clone()];
        assert_eq!(v1.apply(&mut again).matched, 1);
    }

    #[test]
    fn fixed_message_grammar() {
        let o = |fixed| Outcome { matched: 0, fixed };
        assert_eq!(o(0).fixed_message("b.json"), None);
        assert_eq!(
            o(1).fixed_message("b.json").unwrap(),
            "1 baseline entry no longer occurs (fixed); refresh it with --write-baseline b.json"
        );
        assert!(o(3)
            .fixed_message("b.json")
            .unwrap()
            .starts_with("3 baseline entries no longer occur (fixed)"));
    }
}
