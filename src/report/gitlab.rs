//! GitLab Code Quality JSON: the merge request widget and diff annotations.
//!
//! GitLab's "Code Quality report format" is an array of objects with `description`,
//! `check_name`, `fingerprint`, `severity` (`info`, `minor`, `major`, `critical`,
//! `blocker`), `location.path` (relative to the repository, no leading `./`) and
//! `location.lines.begin`; other Code Climate fields are ignored. No byte-order mark.
//!
//! Choices:
//! - only unsuppressed findings (GitLab has no notion of a dismissed issue in this format);
//! - `check_name` is the rule id; `description` starts with it, since the widget shows only
//!   the description;
//! - severity: note → `info`, warning → `minor`, error → `major`, and `critical` for an error
//!   of a rule whose security-severity is 9.0 or more (GitHub's "critical" band), so the same
//!   rule ranks alike on GitHub and GitLab;
//! - `fingerprint` is the hash of the finding's identity key (rule, file, resource, property
//!   with array items named by their `name`, as baselines use: it survives line moves and
//!   insertions, so GitLab can tell new from fixed findings between the base and head
//!   pipelines); GitLab keeps only the first issue of a fingerprint, so the second finding
//!   with the same key gets `key#2` hashed, and so on.

use std::collections::HashMap;

use serde::Serialize;

use super::text::printable;
use super::{meta_of, redact, Columns, Region, ReportContext};
use crate::finding::{fnv1a64, Finding, Severity};

#[derive(Serialize)]
pub struct Issue {
    pub description: String,
    pub check_name: String,
    pub fingerprint: String,
    pub severity: &'static str,
    pub location: Location,
}

#[derive(Serialize)]
pub struct Location {
    pub path: String,
    pub lines: Lines,
}

#[derive(Serialize)]
pub struct Lines {
    pub begin: u32,
    pub end: u32,
}

pub fn issues(findings: &[Finding], ctx: &ReportContext) -> Vec<Issue> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    findings
        .iter()
        .filter(|f| f.suppressed.is_none())
        .map(|f| {
            let key = f.identity_key();
            let n = seen.entry(key.clone()).or_default();
            *n += 1;
            let fingerprint = if *n == 1 {
                format!("{:016x}", fnv1a64(key.as_bytes()))
            } else {
                format!("{:016x}", fnv1a64(format!("{key}#{n}").as_bytes()))
            };
            let r = Region::of(f, Columns::Chars);
            let path = f.path();
            Issue {
                description: printable(&format!("[{}] {}", f.rule_id, redact(&f.message, f)))
                    .into_owned(),
                check_name: f.rule_id.clone(),
                fingerprint,
                severity: severity(f, ctx),
                location: Location {
                    path: path.strip_prefix("./").unwrap_or(path).to_string(),
                    lines: Lines {
                        begin: r.start_line,
                        end: r.end_line,
                    },
                },
            }
        })
        .collect()
}

fn severity(f: &Finding, ctx: &ReportContext) -> &'static str {
    match f.severity {
        Severity::Note => "info",
        Severity::Warning => "minor",
        Severity::Error if meta_of(ctx, f).security_severity() >= 9.0 => "critical",
        Severity::Error => "major",
    }
}

pub fn render(findings: &[Finding], ctx: &ReportContext) -> String {
    let mut text =
        serde_json::to_string_pretty(&issues(findings, ctx)).unwrap_or_else(|_| "[]".to_string());
    text.push('\n');
    super::text::json_safe(text)
}
