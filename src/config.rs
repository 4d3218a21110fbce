//! `.azlint.yaml`: project configuration.
//!
//! Found by walking up from the first scanned path to the repository root, or given with
//! `--config FILE`. Parsed with `serde-saphyr` into typed structs (`deny_unknown_fields`), so a
//! typo is an error with a line and column; rule selectors are validated against the loaded
//! rule catalogue after the rules are loaded ([`Config::validate`]). Command-line flags win over
//! the file. Severity overrides and disabled rules are applied to findings after evaluation
//! ([`Config::apply`]).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use regex::Regex;
use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::finding::{Finding, Severity};
use crate::rules::RuleSet;

/// File names looked for, in order, in each folder.
pub const CONFIG_FILE_NAMES: &[&str] = &[".azlint.yaml", ".azlint.yml"];

/// What a rule is set to in the config: `off` removes its findings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    Off,
    Note,
    Warning,
    Error,
}

impl Level {
    fn severity(self) -> Option<Severity> {
        match self {
            Level::Off => None,
            Level::Note => Some(Severity::Note),
            Level::Warning => Some(Severity::Warning),
            Level::Error => Some(Severity::Error),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum FailOn {
    Note,
    Warning,
    Error,
}

/// The file as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    #[serde(default)]
    rules: HashMap<Spanned<String>, Level>,
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
    #[serde(default)]
    overrides: Vec<RawOverride>,
    fail_on: Option<FailOn>,
    #[serde(default)]
    rule_dirs: Vec<String>,
    #[serde(default)]
    secret_name_exclusions: Vec<Spanned<String>>,
    lint_compiled_bicep: Option<bool>,
    baseline: Option<String>,
    max_file_size: Option<Spanned<u64>>,
    #[serde(default)]
    profiles: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOverride {
    files: Vec<Spanned<String>>,
    #[serde(default)]
    rules: HashMap<Spanned<String>, Level>,
}

/// One `selector: level` entry, with where it was written (for errors).
#[derive(Clone, Debug)]
pub struct RuleSetting {
    /// Rule id (`AZL101`), name (`plaintext-app-secret`) or family (`secrets`).
    pub selector: String,
    pub level: Level,
    pub line: u64,
    pub column: u64,
}

/// `overrides[]`: settings for files matching globs.
#[derive(Clone, Debug)]
pub struct Override {
    pub files: Vec<String>,
    matcher: GlobSet,
    pub rules: Vec<RuleSetting>,
}

/// The loaded configuration; `Config::default()` when there is no file.
#[derive(Clone, Debug, Default)]
pub struct Config {
    /// The file it came from (for messages).
    pub path: Option<PathBuf>,
    /// Display form of `path`.
    pub display: String,
    pub rules: Vec<RuleSetting>,
    /// Paths to skip (globs, like `--exclude`).
    pub exclude: Vec<String>,
    pub overrides: Vec<Override>,
    pub fail_on: Option<Severity>,
    /// Extra rule folders, resolved against the config file's folder.
    pub rule_dirs: Vec<PathBuf>,
    /// Variable/setting names matching one of these are not treated as secrets (engine input).
    pub secret_name_exclusions: Vec<Regex>,
    pub lint_compiled_bicep: Option<bool>,
    /// Baseline file applied to every run (resolved against the config file's folder).
    pub baseline: Option<PathBuf>,
    /// Largest file read, in bytes.
    pub max_file_bytes: Option<u64>,
    /// Opt-in rule profiles (`azure-policy`).
    pub profiles: Vec<String>,
    /// Display-path prefix of the config's folder relative to the root (`""` at the root,
    /// `infra/` below it): globs are matched relative to the config file's folder.
    base_prefix: String,
}

/// Find the config file: from `start` (a folder, or a file's folder) up to and including
/// `root`. When `start` lies outside `root`, only `start`'s own folder is searched.
pub fn find(start: &Path, root: &Path) -> Option<PathBuf> {
    let start = if start.is_file() || !start.exists() {
        start.parent().unwrap_or(start)
    } else {
        start
    };
    let inside = start.starts_with(root);
    let mut dir = Some(start);
    while let Some(d) = dir {
        for name in CONFIG_FILE_NAMES {
            let candidate = d.join(name);
            if candidate.is_file() {
                return Some(candidate);
            }
        }
        if !inside || d == root {
            break;
        }
        dir = d.parent();
    }
    None
}

impl Config {
    /// Read and parse a config file. `display` is the path as shown in errors;
    /// `base_prefix` the display path of the file's folder relative to the root.
    pub fn load(path: &Path, display: &str, base_prefix: &str) -> Result<Config, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("{display}: cannot read config: {e}"))?;
        let mut config = Config::parse(&text, display)?;
        let dir = path.parent().unwrap_or(Path::new("."));
        config.rule_dirs = config.rule_dirs.iter().map(|d| dir.join(d)).collect();
        config.baseline = config.baseline.as_ref().map(|b| dir.join(b));
        config.path = Some(path.to_path_buf());
        config.base_prefix = base_prefix.to_string();
        Ok(config)
    }

    /// Parse config text (`display` names the file in errors).
    pub fn parse(text: &str, display: &str) -> Result<Config, String> {
        // An empty file (or only comments) is an empty config.
        if text.lines().all(|l| {
            let t = l.trim();
            t.is_empty() || t.starts_with('#') || t == "---"
        }) {
            return Ok(Config {
                display: display.to_string(),
                ..Config::default()
            });
        }
        let raw: RawConfig = serde_saphyr::from_str(text).map_err(|e| yaml_error(display, &e))?;
        let mut rules = settings(raw.rules);
        rules.sort_by_key(|s| (s.line, s.column));
        let exclude = raw.exclude.into_iter().map(|s| s.value).collect::<Vec<_>>();
        crate::discover::build_excludes(&exclude)
            .map_err(|e| format!("{display}: exclude: {e}"))?;
        let mut overrides = Vec::new();
        for o in raw.overrides {
            let mut b = GlobSetBuilder::new();
            for g in &o.files {
                let glob = Glob::new(&g.value).map_err(|e| {
                    format!(
                        "{display}:{}:{}: invalid glob `{}` in overrides.files: {e}",
                        g.referenced.line(),
                        g.referenced.column(),
                        g.value
                    )
                })?;
                b.add(glob);
            }
            let matcher = b
                .build()
                .map_err(|e| format!("{display}: overrides: {e}"))?;
            let mut rules = settings(o.rules);
            rules.sort_by_key(|s| (s.line, s.column));
            overrides.push(Override {
                files: o.files.into_iter().map(|s| s.value).collect(),
                matcher,
                rules,
            });
        }
        let mut secret_name_exclusions = Vec::new();
        for r in raw.secret_name_exclusions {
            let re = Regex::new(&r.value).map_err(|e| {
                // regex errors draw a caret under the pattern over several lines; keep the gist.
                let e = e.to_string();
                let e = e
                    .lines()
                    .rev()
                    .find(|l| !l.trim().is_empty())
                    .unwrap_or("invalid regex");
                format!(
                    "{display}:{}:{}: invalid regex in secret-name-exclusions: {}",
                    r.referenced.line(),
                    r.referenced.column(),
                    e.trim_start_matches("error: ")
                )
            })?;
            secret_name_exclusions.push(re);
        }
        Ok(Config {
            path: None,
            display: display.to_string(),
            rules,
            exclude,
            overrides,
            fail_on: raw.fail_on.map(|f| match f {
                FailOn::Note => Severity::Note,
                FailOn::Warning => Severity::Warning,
                FailOn::Error => Severity::Error,
            }),
            rule_dirs: raw.rule_dirs.into_iter().map(PathBuf::from).collect(),
            secret_name_exclusions,
            lint_compiled_bicep: raw.lint_compiled_bicep,
            baseline: raw.baseline.map(PathBuf::from),
            max_file_bytes: match raw.max_file_size {
                Some(m) if m.value == 0 => {
                    return Err(format!(
                        "{display}:{}:{}: max-file-size must be a positive number of bytes",
                        m.referenced.line(),
                        m.referenced.column()
                    ))
                }
                m => m.map(|m| m.value),
            },
            profiles: raw.profiles,
            base_prefix: String::new(),
        })
    }

    /// Every selector must name a rule id, a rule name or a family of the loaded catalogue
    /// (the engine's own diagnostics, AZL001–AZL006, are built-in rules of family `meta`).
    pub fn validate(&self, rules: &RuleSet) -> Result<(), String> {
        let all = self
            .rules
            .iter()
            .chain(self.overrides.iter().flat_map(|o| o.rules.iter()));
        for s in all {
            if !selector_exists(&s.selector, rules) {
                return Err(format!(
                    "{}:{}:{}: unknown rule, rule name or family `{}` (see `azlint rules`)",
                    self.display, s.line, s.column, s.selector
                ));
            }
        }
        Ok(())
    }

    /// Apply severity overrides and disabled rules: `off` removes a finding, a severity
    /// replaces its own. Order of precedence (last wins): top-level family, top-level
    /// id/name, then each matching override in file order (family, then id/name).
    pub fn apply(&self, findings: &mut Vec<Finding>, rules: &RuleSet) {
        if self.rules.is_empty() && self.overrides.is_empty() {
            return;
        }
        findings.retain_mut(|f| match self.level_for(f, rules) {
            None => true,
            Some(Level::Off) => false,
            Some(level) => {
                if let Some(sev) = level.severity() {
                    f.severity = sev;
                }
                true
            }
        });
    }

    fn level_for(&self, f: &Finding, rules: &RuleSet) -> Option<Level> {
        let family = family_of(&f.rule_id, rules);
        let mut level = pick(&self.rules, f, family.as_deref());
        let rel = self.relative(f.path());
        for o in &self.overrides {
            if o.matcher.is_match(f.path()) || rel.is_some_and(|r| o.matcher.is_match(r)) {
                if let Some(l) = pick(&o.rules, f, family.as_deref()) {
                    level = Some(l);
                }
            }
        }
        level
    }

    /// A display path relative to the config's folder (globs are written from there).
    fn relative<'a>(&self, display_path: &'a str) -> Option<&'a str> {
        if self.base_prefix.is_empty() {
            return None;
        }
        display_path.strip_prefix(&self.base_prefix)
    }

    /// Whether the rule is `off` at the top level and no override mentions it: its findings
    /// would all be dropped, so it need not run.
    pub fn is_off_everywhere(&self, rule: &crate::rules::RuleMeta) -> bool {
        let names = |s: &RuleSetting| {
            s.selector.eq_ignore_ascii_case(&rule.id)
                || s.selector.eq_ignore_ascii_case(&rule.name)
                || s.selector.eq_ignore_ascii_case(&rule.family)
        };
        let mut level = None;
        // The most specific top-level setting wins (as in `pick`): id/name over family.
        for s in self.rules.iter().filter(|s| names(s)) {
            let specific = !s.selector.eq_ignore_ascii_case(&rule.family);
            if specific || level.is_none() {
                level = Some((specific, s.level));
            }
        }
        let off = matches!(level, Some((_, Level::Off)));
        off && !self.overrides.iter().any(|o| o.rules.iter().any(names))
    }

    /// Exclude globs as given to discovery: each both as written and prefixed with the
    /// config's folder, so `legacy/**` in `infra/.azlint.yaml` skips `infra/legacy/…`.
    pub fn exclude_globs(&self) -> Vec<String> {
        let mut out = self.exclude.clone();
        if !self.base_prefix.is_empty() {
            out.extend(
                self.exclude
                    .iter()
                    .map(|g| format!("{}{}", self.base_prefix, g)),
            );
        }
        out
    }
}

/// The most specific matching setting of one list: id/name beats family; later beats earlier.
fn pick(settings: &[RuleSetting], f: &Finding, family: Option<&str>) -> Option<Level> {
    let mut by_family = None;
    let mut by_rule = None;
    for s in settings {
        if s.selector.eq_ignore_ascii_case(&f.rule_id)
            || s.selector.eq_ignore_ascii_case(&f.rule_name)
        {
            by_rule = Some(s.level);
        } else if family.is_some_and(|fam| s.selector.eq_ignore_ascii_case(fam)) {
            by_family = Some(s.level);
        }
    }
    by_rule.or(by_family)
}

/// The family of a rule; the engine's own diagnostics are built-in rules of family `meta`.
fn family_of(rule_id: &str, rules: &RuleSet) -> Option<String> {
    rules.get(rule_id).map(|r| r.family.clone())
}

/// Whether `selector` names a rule id, a rule name or a family.
pub fn selector_exists(selector: &str, rules: &RuleSet) -> bool {
    rules.get(selector).is_some()
        || rules
            .rules
            .iter()
            .any(|r| r.family.eq_ignore_ascii_case(selector))
}

fn settings(map: HashMap<Spanned<String>, Level>) -> Vec<RuleSetting> {
    map.into_iter()
        .map(|(k, level)| RuleSetting {
            selector: k.value,
            level,
            line: k.referenced.line(),
            column: k.referenced.column(),
        })
        .collect()
}

/// `file:line:col: message`, without serde-saphyr's multi-line snippet rendering.
pub fn yaml_error(display: &str, e: &serde_saphyr::Error) -> String {
    let full = e.to_string();
    // The rendered error may carry a snippet after the first line; the message is enough
    // because we print the position ourselves.
    let first = full
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("invalid YAML")
        .trim();
    let first = strip_position_prefix(first);
    match e.location() {
        Some(loc) if loc.line() > 0 => {
            format!("{display}:{}:{}: {first}", loc.line(), loc.column())
        }
        _ => format!("{display}: {first}"),
    }
}

/// serde-saphyr prefixes messages with `error: line N column M:`; we print our own position.
fn strip_position_prefix(msg: &str) -> &str {
    let msg = msg.strip_prefix("error: ").unwrap_or(msg);
    let msg = match msg.strip_prefix("line ") {
        Some(rest) => match rest.split_once(": ") {
            Some((position, after))
                if position
                    .chars()
                    .all(|c| c.is_ascii_digit() || c == ' ' || c.is_ascii_alphabetic()) =>
            {
                after
            }
            _ => msg,
        },
        None => msg,
    };
    // Advice addressed to serde-saphyr's API users, not to ours.
    msg.split(", set DuplicateKeyPolicy")
        .next()
        .unwrap_or(msg)
        .trim()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_key() {
        let text = "\
rules:
  AZL101: error
  secrets: warning
  parse-error: off
exclude:
  - legacy/**
overrides:
  - files: ['test/**']
    rules:
      AZL101: note
fail-on: error
rule-dirs: [./more-rules]
secret-name-exclusions: ['^PUBLIC_']
lint-compiled-bicep: true
";
        let c = Config::parse(text, ".azlint.yaml").expect("parses");
        assert_eq!(c.rules.len(), 3);
        assert_eq!(c.rules[0].selector, "AZL101");
        assert_eq!((c.rules[0].line, c.rules[0].column), (2, 3));
        assert_eq!(c.rules[2].level, Level::Off);
        assert_eq!(c.exclude, vec!["legacy/**"]);
        assert_eq!(c.overrides.len(), 1);
        assert_eq!(c.overrides[0].rules[0].level, Level::Note);
        assert_eq!(c.fail_on, Some(Severity::Error));
        assert_eq!(c.rule_dirs, vec![PathBuf::from("./more-rules")]);
        assert!(c.secret_name_exclusions[0].is_match("PUBLIC_URL"));
        assert_eq!(c.lint_compiled_bicep, Some(true));
    }

    #[test]
    fn unknown_key_is_an_error_with_position() {
        let err = Config::parse("rules: {}\nfail_on: error\n", "cfg.yaml").unwrap_err();
        assert!(err.starts_with("cfg.yaml:2:"), "{err}");
        assert!(err.contains("fail_on"), "{err}");
    }

    #[test]
    fn bad_level_is_an_error_with_position() {
        let err = Config::parse("rules:\n  AZL001: loud\n", "cfg.yaml").unwrap_err();
        assert!(err.starts_with("cfg.yaml:2:"), "{err}");
    }

    #[test]
    fn unknown_selector_points_at_its_line() {
        let c = Config::parse(
            "# comment\nrules:\n  parse-error: note\n  AZL999: off\n",
            "cfg.yaml",
        )
        .unwrap();
        let err = c.validate(&RuleSet::builtin()).unwrap_err();
        assert!(err.starts_with("cfg.yaml:4:3:"), "{err}");
        assert!(err.contains("AZL999"), "{err}");
        let ok = Config::parse("rules:\n  meta: note\n  AZL003: error\n", "cfg.yaml").unwrap();
        assert!(ok.validate(&RuleSet::builtin()).is_ok());
    }

    #[test]
    fn schema_matches_the_parser() {
        let schema: serde_json::Value =
            serde_json::from_str(include_str!("../schemas/config.schema.json"))
                .expect("schema is JSON");
        // JSON is YAML: the schema's example must be a valid config.
        let example = schema["examples"][0].to_string();
        let c = Config::parse(&example, "example").expect("the schema's example parses");
        assert_eq!(c.overrides.len(), 1);
        // Every documented key is accepted, and every accepted key is documented.
        let err = Config::parse("no-such-key: 1\n", "x").unwrap_err();
        let accepted = err
            .split("expected one of ")
            .nth(1)
            .expect("lists the keys");
        let mut accepted: Vec<&str> = accepted.split(", ").map(str::trim).collect();
        let mut documented: Vec<&str> = schema["properties"]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        accepted.sort();
        documented.sort();
        assert_eq!(accepted, documented);
    }

    #[test]
    fn empty_file_is_an_empty_config() {
        let c = Config::parse("# nothing yet\n", "cfg.yaml").unwrap();
        assert!(c.rules.is_empty() && c.fail_on.is_none());
    }

    fn finding(id: &str, name: &str, path: &str) -> Finding {
        use std::sync::Arc;
        Finding {
            rule_id: id.into(),
            rule_name: name.into(),
            severity: Severity::Error,
            confidence: crate::finding::Confidence::High,
            message: "m".into(),
            file: Arc::new(crate::source::SourceFile::from_text(path, "")),
            span: Default::default(),
            label: None,
            resource: None,
            property: None,
            property_key: None,
            written_property: None,
            mask: false,
            suppressed: None,
            fixes: Vec::new(),
            related: Vec::new(),
        }
    }

    #[test]
    fn apply_overrides_severity_and_disables() {
        let text = "\
rules:
  meta: warning
  AZL002: off
overrides:
  - files: ['test/**']
    rules:
      parse-error: note
";
        let c = Config::parse(text, "cfg").unwrap();
        let mut f = vec![
            finding("AZL001", "parse-error", "main.bicep"),
            finding("AZL002", "not-analysable", "main.bicep"),
            finding("AZL001", "parse-error", "test/x.bicep"),
        ];
        c.apply(&mut f, &RuleSet::builtin());
        assert_eq!(f.len(), 2);
        assert_eq!(f[0].severity, Severity::Warning, "family setting applies");
        assert_eq!(
            f[1].severity,
            Severity::Note,
            "override wins for matching files"
        );
    }

    #[test]
    fn globs_are_relative_to_the_config_folder() {
        let mut c = Config::parse(
            "overrides:\n  - files: ['dev/*']\n    rules: {AZL001: off}\nexclude: [old/**]\n",
            "infra/.azlint.yaml",
        )
        .unwrap();
        c.base_prefix = "infra/".into();
        let mut f = vec![finding("AZL001", "parse-error", "infra/dev/a.bicep")];
        c.apply(&mut f, &RuleSet::builtin());
        assert!(f.is_empty());
        assert_eq!(c.exclude_globs(), vec!["old/**", "infra/old/**"]);
    }

    #[test]
    fn find_walks_up_to_the_root_only() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("repo");
        std::fs::create_dir_all(root.join("a/b")).unwrap();
        std::fs::write(dir.path().join(".azlint.yaml"), "").unwrap();
        assert_eq!(find(&root.join("a/b"), &root), None, "never above the root");
        std::fs::write(root.join(".azlint.yaml"), "").unwrap();
        assert_eq!(
            find(&root.join("a/b"), &root),
            Some(root.join(".azlint.yaml"))
        );
        std::fs::write(root.join("a/.azlint.yml"), "").unwrap();
        assert_eq!(
            find(&root.join("a/b"), &root),
            Some(root.join("a/.azlint.yml"))
        );
    }
}
