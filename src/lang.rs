//! The input languages, in one table: how a file is recognised (extension, then content),
//! which fixture family it belongs to, how comments are written, and which front end reads it.
//!
//! Every "which language is this" question in the crate goes through [`Language::of_path`] and
//! [`Language::sniff`]; adding a language is a folder under `frontend/` plus a row here.

use serde::Serialize;

/// What a file is, once classified. Serialised in kebab-case (`arm-parameters`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Language {
    /// ARM JSON deployment template (any scope; compiled Bicep included).
    Arm,
    /// ARM JSON deployment parameter file.
    ArmParameters,
    Bicep,
    BicepParam,
    /// `.tf` and `.tf.json`: read per module folder.
    Terraform,
    /// `.tfvars` and `.tfvars.json`: read with their module folder.
    TerraformVars,
    /// A Container Apps app/job or Dapr component spec in YAML (decided by shape when parsed).
    AcaYaml,
}

/// How a language writes comments (suppression directives live in them).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CommentSyntax {
    /// Line comment leaders, e.g. `//` and `#`.
    pub line: &'static [&'static str],
    /// Whether `/* … */` block comments exist.
    pub block: bool,
    /// The quote that opens a string in which comment leaders mean nothing.
    pub string_quotes: &'static [u8],
}

/// How the front end is called for a language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FrontEnd {
    /// One file is one document.
    File,
    /// All files of a folder form one document (Terraform modules).
    Folder,
}

/// One row of the language table.
#[derive(Debug)]
pub struct LanguageInfo {
    pub language: Language,
    /// Stable name, used in `inspect`, JSON output and messages.
    pub name: &'static str,
    /// Rule-fixture families (`testdata/rules/<ID>/`): a rule must have fixtures in each family
    /// that can express it. Terraform holds two: azurerm and azapi resources.
    pub families: &'static [&'static str],
    /// File name suffixes (lower case) that select this language before any content sniffing.
    pub suffixes: &'static [&'static str],
    /// Whether the suffix alone is not enough: the content decides (JSON `$schema`; YAML shape).
    pub sniffed: bool,
    pub comments: CommentSyntax,
    pub front_end: FrontEnd,
}

const SLASH_COMMENTS: CommentSyntax = CommentSyntax {
    line: &["//"],
    block: true,
    string_quotes: b"'",
};
const JSON_COMMENTS: CommentSyntax = CommentSyntax {
    line: &["//"],
    block: true,
    string_quotes: b"\"",
};
const HCL_COMMENTS: CommentSyntax = CommentSyntax {
    line: &["#", "//"],
    block: true,
    string_quotes: b"\"",
};
const YAML_COMMENTS: CommentSyntax = CommentSyntax {
    line: &["#"],
    block: false,
    string_quotes: b"\"'",
};

/// The table (its order is the order families are listed in, e.g. the README's rule table).
pub const LANGUAGES: &[LanguageInfo] = &[
    LanguageInfo {
        language: Language::Bicep,
        name: "bicep",
        families: &["bicep"],
        suffixes: &[".bicep"],
        sniffed: false,
        comments: SLASH_COMMENTS,
        front_end: FrontEnd::File,
    },
    LanguageInfo {
        language: Language::BicepParam,
        name: "bicepparam",
        families: &["bicep"],
        suffixes: &[".bicepparam"],
        sniffed: false,
        comments: SLASH_COMMENTS,
        front_end: FrontEnd::File,
    },
    LanguageInfo {
        language: Language::Arm,
        name: "arm",
        families: &["arm"],
        suffixes: &[".json", ".jsonc"],
        sniffed: true,
        comments: JSON_COMMENTS,
        front_end: FrontEnd::File,
    },
    LanguageInfo {
        language: Language::ArmParameters,
        name: "arm-parameters",
        families: &["arm"],
        suffixes: &[".json", ".jsonc"],
        sniffed: true,
        comments: JSON_COMMENTS,
        front_end: FrontEnd::File,
    },
    LanguageInfo {
        language: Language::TerraformVars,
        name: "tfvars",
        families: &["terraform"],
        suffixes: &[".tfvars", ".tfvars.json"],
        sniffed: false,
        comments: HCL_COMMENTS,
        front_end: FrontEnd::Folder,
    },
    LanguageInfo {
        language: Language::Terraform,
        name: "terraform",
        families: &["terraform", "azapi"],
        suffixes: &[".tf", ".tf.json"],
        sniffed: false,
        comments: HCL_COMMENTS,
        front_end: FrontEnd::Folder,
    },
    LanguageInfo {
        language: Language::AcaYaml,
        name: "aca-yaml",
        families: &["yaml"],
        suffixes: &[".yaml", ".yml"],
        sniffed: true,
        comments: YAML_COMMENTS,
        front_end: FrontEnd::File,
    },
];

/// Every fixture family, in table order, without repeats.
pub fn families() -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for f in LANGUAGES.iter().flat_map(|l| l.families) {
        if !out.contains(f) {
            out.push(f);
        }
    }
    out
}

/// What the file name alone says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ByName {
    /// The name decides.
    Is(Language),
    /// JSON: an ARM template or parameter file only if its `$schema` says so.
    Json,
    /// YAML: a Container Apps spec only if its shape says so (decided when parsed).
    Yaml,
}

impl Language {
    pub fn info(self) -> &'static LanguageInfo {
        LANGUAGES
            .iter()
            .find(|l| l.language == self)
            .unwrap_or(&LANGUAGES[0])
    }

    pub fn name(self) -> &'static str {
        self.info().name
    }

    pub fn comments(self) -> CommentSyntax {
        self.info().comments
    }

    pub fn is_terraform(self) -> bool {
        self.info().front_end == FrontEnd::Folder
    }

    /// Classify by file name only. `None`: not a file azlint reads.
    pub fn by_name(path: &std::path::Path) -> Option<ByName> {
        let name = path.file_name()?.to_str()?.to_ascii_lowercase();
        // The longest matching suffix wins: `x.tfvars.json` is Terraform, not JSON.
        let row = LANGUAGES
            .iter()
            .filter_map(|l| {
                l.suffixes
                    .iter()
                    .filter(|s| name.ends_with(*s))
                    .map(|s| s.len())
                    .max()
                    .map(|n| (n, l))
            })
            .max_by_key(|(n, _)| *n)
            .map(|(_, l)| l)?;
        Some(match row.language {
            Language::Arm | Language::ArmParameters => ByName::Json,
            Language::AcaYaml => ByName::Yaml,
            other => ByName::Is(other),
        })
    }

    /// Classify a file from its name and (for JSON) its text. YAML files are returned as
    /// [`Language::AcaYaml`]: the front end decides by shape and skips other YAML.
    pub fn of(path: &std::path::Path, text: &str) -> Option<Language> {
        match Language::by_name(path)? {
            ByName::Is(l) => Some(l),
            ByName::Yaml => Some(Language::AcaYaml),
            ByName::Json => sniff_json(text),
        }
    }
}

/// An ARM template or parameter file, by the top-level `"$schema"` of a JSON (with comments)
/// document, wherever in the object it is written. Anything else is not ours. Linear, no
/// allocation, never slices inside a character.
pub fn sniff_json(text: &str) -> Option<Language> {
    let schema = top_level_schema(text)?;
    let lower = schema.to_ascii_lowercase();
    if lower.contains("deploymentparameters") {
        Some(Language::ArmParameters)
    } else if lower.contains("deploymenttemplate") {
        Some(Language::Arm)
    } else {
        None
    }
}

/// The string value of the top-level `"$schema"` key, scanning the JSON structure (strings,
/// comments, nesting) without building it.
fn top_level_schema(text: &str) -> Option<&str> {
    let b = text.as_bytes();
    let mut i = 0;
    let mut depth = 0usize;
    // Whether the last string at depth 1 was a key followed by `:` (then the next string is its value).
    let mut pending_key: Option<&str> = None;
    let mut expect_value_for_schema = false;
    while i < b.len() {
        match b[i] {
            b'"' => {
                let start = i + 1;
                let mut j = start;
                while j < b.len() && b[j] != b'"' {
                    if b[j] == b'\\' {
                        j += 1;
                    }
                    j += 1;
                }
                let s = text.get(start..j.min(b.len()))?;
                if depth == 1 {
                    if expect_value_for_schema {
                        return Some(s);
                    }
                    pending_key = Some(s);
                }
                i = j + 1;
                continue;
            }
            b':' if depth == 1 => {
                expect_value_for_schema = pending_key.take() == Some("$schema");
            }
            b',' if depth == 1 => {
                expect_value_for_schema = false;
                pending_key = None;
            }
            b'{' | b'[' => {
                if depth == 1 && expect_value_for_schema {
                    return None;
                }
                depth += 1;
            }
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return None;
                }
            }
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                i += 2;
                while i + 1 < b.len() && !(b[i] == b'*' && b[i + 1] == b'/') {
                    i += 1;
                }
                i += 2;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn classifies_by_name_then_content() {
        let t = r#"{ "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "resources": [] }"#;
        assert_eq!(
            Language::of(Path::new("a/azuredeploy.json"), t),
            Some(Language::Arm)
        );
        let p = r#"{"$schema":"https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#"}"#;
        assert_eq!(
            Language::of(Path::new("x.parameters.json"), p),
            Some(Language::ArmParameters)
        );
        assert_eq!(
            Language::of(Path::new("package.json"), r#"{"name":"x"}"#),
            None
        );
        assert_eq!(
            Language::of(Path::new("main.TF"), ""),
            Some(Language::Terraform)
        );
        assert_eq!(
            Language::of(Path::new("prod.tfvars.json"), "{}"),
            Some(Language::TerraformVars)
        );
        assert_eq!(
            Language::of(Path::new("main.tf.json"), "{}"),
            Some(Language::Terraform)
        );
        assert_eq!(
            Language::of(Path::new("main.bicepparam"), ""),
            Some(Language::BicepParam)
        );
        assert_eq!(
            Language::of(Path::new("app.yml"), ""),
            Some(Language::AcaYaml)
        );
        assert_eq!(Language::of(Path::new("README.md"), ""), None);
    }

    #[test]
    fn the_schema_may_come_late_and_nested_schemas_do_not_count() {
        let filler = "x".repeat(10_000);
        let late = format!(
            r#"{{ "metadata": {{ "about": "{filler}", "$schema": "deploymentParameters" }},
               /* "$schema": "deploymentParameters" */
               "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#" }}"#
        );
        assert_eq!(sniff_json(&late), Some(Language::Arm));
        assert_eq!(
            sniff_json(r#"{"a": {"$schema": "deploymentTemplate.json"}}"#),
            None
        );
        assert_eq!(sniff_json(r#"{"$schema": {"x": 1}}"#), None);
        assert_eq!(sniff_json(r#"["$schema", "deploymentTemplate"]"#), None);
    }

    #[test]
    fn multi_byte_text_anywhere_is_fine() {
        // The audit's crash: a multi-byte character straddling byte 4096.
        let mut s = String::from("{\"k\": \"");
        while s.len() < 4094 {
            s.push('a');
        }
        s.push_str("二二二\", \"$schema\": \"deploymentTemplate.json\"}");
        assert_eq!(sniff_json(&s), Some(Language::Arm));
        assert_eq!(sniff_json("{\"二\": \"\\\"二"), None);
    }

    #[test]
    fn families_cover_every_language() {
        assert_eq!(families(), ["bicep", "arm", "terraform", "azapi", "yaml"]);
        for l in LANGUAGES {
            assert_eq!(l.language.info().name, l.name);
        }
    }
}
