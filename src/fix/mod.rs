//! Fixes: byte-range edits that resolve a finding, with an applicability.
//!
//! A [`Fix`] is a titled list of [`Edit`]s (ruff's model): each edit replaces a byte range of
//! one source file — usually the file of the finding, but a refactoring may also declare a
//! variable in the module's `variables.tf`. Fixes are built when a finding is created
//! (`rules::Check::finding`, from the rule's `fix:` section, see [`action`]), so every
//! consumer — `azlint check --fix`/`--diff`, SARIF `fixes`, JSON, the language server's code
//! actions — sees the same edits.
//!
//! **Applicability.** [`Applicability::Safe`]: the deployment keeps working for its legitimate
//! users (plain HTTP is redirected to HTTPS, TLS 1.2 is the floor every supported client has).
//! [`Applicability::Unsafe`]: it may break something that works today (the registry admin
//! user an app still pulls with, public network access, purge protection that cannot be
//! undone, a secret the caller must now supply). `--fix` applies safe fixes;
//! `--unsafe-fixes` adds the others.
//!
//! **Edits never carry source text** except whitespace: a fix writes values from the rule
//! file, names derived from property and secret names (never from values), comments and
//! declarations. A plaintext secret is only ever deleted, never copied.
//!
//! The suppression fix ([`suppression`]) exists for every finding but is not in
//! `Finding::fixes`: it hides a finding instead of fixing it, so `--fix` never applies it and
//! SARIF does not list it (SARIF consumers may apply fixes automatically); editors offer it
//! as a code action.

pub(crate) mod action;
mod apply;
mod decl;
mod diff;
mod hcl;
mod insert;
mod text;

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::finding::Finding;
use crate::lang::Language;
use crate::source::SourceFile;

pub use apply::{apply_edits, encode, plan, write_file};
pub(crate) use diff::masked_diff;
pub use diff::unified_diff;

/// Whether a fix may be applied without the user opting in (see the module docs).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema), schemars(rename = "applicability"))]
#[serde(rename_all = "kebab-case")]
pub enum Applicability {
    /// May break something that works today; applied only with `--unsafe-fixes`.
    Unsafe,
    /// The deployment keeps working for its legitimate users; applied by `--fix`.
    Safe,
}

impl Applicability {
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::Safe => "safe",
            Applicability::Unsafe => "unsafe",
        }
    }
}

/// Replace `start..end` (bytes of `file.text`) with `replacement`. An empty range inserts.
#[derive(Clone, Debug)]
pub struct Edit {
    /// The file the edit applies to (may differ from the finding's file).
    pub file: Arc<SourceFile>,
    pub start: u32,
    pub end: u32,
    pub replacement: String,
}

impl Edit {
    /// Replace bytes `start..end` of `file` (an empty range inserts).
    pub fn new(
        file: &Arc<SourceFile>,
        start: usize,
        end: usize,
        replacement: impl Into<String>,
    ) -> Edit {
        Edit {
            file: file.clone(),
            start: start as u32,
            end: end.max(start) as u32,
            replacement: replacement.into(),
        }
    }

    pub fn insert(file: &Arc<SourceFile>, at: usize, text: impl Into<String>) -> Edit {
        Edit::new(file, at, at, text)
    }

    /// The display path of the file the edit applies to.
    pub fn path(&self) -> &str {
        &self.file.display_path
    }
}

impl Serialize for Edit {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Edit", 4)?;
        st.serialize_field("path", self.path())?;
        st.serialize_field("start", &self.start)?;
        st.serialize_field("end", &self.end)?;
        st.serialize_field("replacement", &self.replacement)?;
        st.end()
    }
}

/// A titled set of edits that together resolve one finding.
#[derive(Clone, Debug, Serialize)]
pub struct Fix {
    /// What the fix does, imperative (`Set allowInsecure to false`).
    pub title: String,
    pub applicability: Applicability,
    /// Sorted by file, then start; never overlapping within a file.
    pub edits: Vec<Edit>,
    /// Fixes with the same key must not be applied in the same pass (two refactorings that
    /// would both declare a parameter `apiKey`): the second waits for a re-lint.
    #[serde(skip)]
    pub(crate) isolation: Option<String>,
}

impl Fix {
    /// A fix from edits: sorted, and `None` when two of them overlap or one falls outside its
    /// file (a builder bug must never corrupt a file).
    pub fn new(
        title: impl Into<String>,
        applicability: Applicability,
        mut edits: Vec<Edit>,
    ) -> Option<Fix> {
        if edits.is_empty() {
            return None;
        }
        edits.sort_by(|a, b| (a.path(), a.start, a.end).cmp(&(b.path(), b.start, b.end)));
        for e in &edits {
            let text = &e.file.text;
            if e.end as usize > text.len()
                || !text.is_char_boundary(e.start as usize)
                || !text.is_char_boundary(e.end as usize)
            {
                return None;
            }
        }
        for w in edits.windows(2) {
            if w[0].path() == w[1].path() && w[1].start < w[0].end {
                return None;
            }
        }
        Some(Fix {
            title: title.into(),
            applicability,
            edits,
            isolation: None,
        })
    }

    pub(crate) fn isolated(mut self, key: impl Into<String>) -> Fix {
        self.isolation = Some(key.into());
        self
    }

    /// The files the fix edits, in order, without repeats.
    pub fn files(&self) -> Vec<&Arc<SourceFile>> {
        let mut out: Vec<&Arc<SourceFile>> = Vec::new();
        for e in &self.edits {
            if !out.iter().any(|f| f.display_path == e.file.display_path) {
                out.push(&e.file);
            }
        }
        out
    }
}

/// The suppression directive for `f`'s rule, with a reason placeholder, inserted on its own
/// line above the finding's line and indented like it, in the syntax `suppress` reads:
/// Bicep `// azlint-disable-next-line AZL101 <reason>`, Terraform `# azlint:ignore AZL101
/// <reason>`, ARM JSON `// azlint-ignore AZL101 <reason>`, YAML `# azlint-ignore AZL101
/// <reason>`. Always unsafe: it hides the finding, it does not fix it (`--fix` never applies
/// it; editors offer it as "suppress with a reason").
pub fn suppression(f: &Finding) -> Fix {
    let file = &f.file;
    let text = &file.text;
    let at = (f.span.start as usize).min(text.len());
    let line = file.line_index.line_of(at as u32);
    let start = file.line_index.line_start(line) as usize;
    let indent = text::line_indent(text, start);
    let eol = text::eol(text);
    let directive = match syntax_of(file) {
        text::Syntax::Bicep => "// azlint-disable-next-line",
        text::Syntax::Hcl => "# azlint:ignore",
        text::Syntax::Json => "// azlint-ignore",
        text::Syntax::Yaml => "# azlint-ignore",
    };
    let comment = format!("{indent}{directive} {} <reason>{eol}", f.rule_id);
    Fix {
        title: format!("Suppress {} on this line (give a reason)", f.rule_id),
        applicability: Applicability::Unsafe,
        edits: vec![Edit::insert(file, start, comment)],
        isolation: None,
    }
}

/// The syntax a file is written in, by its name (`.tf.json` is JSON).
pub(crate) fn syntax_of(file: &SourceFile) -> text::Syntax {
    let name = file.path.to_string_lossy().to_ascii_lowercase();
    if name.ends_with(".json") || name.ends_with(".jsonc") {
        return text::Syntax::Json;
    }
    match Language::by_name(&file.path) {
        Some(crate::lang::ByName::Is(l)) if l.is_terraform() => text::Syntax::Hcl,
        Some(crate::lang::ByName::Is(Language::Bicep | Language::BicepParam)) => {
            text::Syntax::Bicep
        }
        Some(crate::lang::ByName::Yaml) => text::Syntax::Yaml,
        _ => text::Syntax::Json,
    }
}

#[cfg(test)]
mod tests;
