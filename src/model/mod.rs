//! The one resource model every front end lowers into and every rule runs on.
//!
//! A [`Document`] is one unit of analysis: a Bicep file, an ARM template, a parameter file,
//! a Container Apps YAML spec, or a whole Terraform module directory (several `.tf` files,
//! which is why spans carry a file index). Resources are ARM-shaped whatever the source
//! language, so a rule never knows which language a resource came from.

pub mod budget;
pub mod path;
pub mod provenance;
pub mod text;
pub mod value;

use std::sync::Arc;

use serde::Serialize;

pub use path::{Path, Segment};
pub use provenance::{classify_string, is_placeholder, DerivedKind, Provenance};
pub use value::{Expr, FlowStep, Node, Property, Ref, Target, Value};

/// The key a front end gives a resource of the entry point: `/` + its symbol, address or
/// name. In a module instance, use [`instance_key`].
pub fn local_key(symbol: Option<&str>, name: &str) -> String {
    format!("/{}", symbol.unwrap_or(name))
}

/// The key of a resource declared in `instance` (`None`: the entry point):
/// `<instance path>/<symbol>`, unique within the deployment.
pub fn instance_key(instance: Option<&Instance>, symbol: &str) -> String {
    match instance {
        Some(i) => format!("/{}/{symbol}", i.path),
        None => format!("/{symbol}"),
    }
}

use crate::source::{SourceFile, Span};

/// The source language a document was read from (see [`crate::lang`]).
pub use crate::lang::Language as Format;

#[derive(Debug, Serialize)]
pub struct Document {
    pub format: Format,
    /// `files[0]` is the primary file; every file a span of the document refers to (by id).
    #[serde(serialize_with = "serialize_file_paths")]
    pub files: Vec<Arc<SourceFile>>,
    pub resources: Vec<Resource>,
    /// Inputs: Bicep `param`, ARM `parameters`, Terraform `variable`.
    pub parameters: Vec<Parameter>,
    /// Bicep `var`, ARM `variables`, Terraform `locals` (already followed into values).
    pub variables: Vec<Variable>,
    pub outputs: Vec<Output>,
    /// Values given to parameters from outside: parameter files (`.parameters.json`,
    /// `.bicepparam`, `.tfvars`) and module calls (Bicep `module`, Terraform `module`,
    /// ARM nested deployments).
    pub assignments: Vec<Assignment>,
    /// Parse errors and "could not analyse" notes; they become findings.
    pub diagnostics: Vec<Diagnostic>,
    /// The comments of each file whose front end lexed it (suppressions read them). A file
    /// without an entry was not lexed (it failed to parse), or cannot hold a suppression
    /// directive (most files: recording their comments would be wasted work).
    #[serde(skip)]
    pub comments: Vec<FileComments>,
}

/// The comments of one file, in source order. Only places: the text is read from the file.
#[derive(Clone, Debug, Default)]
pub struct FileComments {
    /// The file's id (`SourceFile::id`).
    pub file: u32,
    pub list: Vec<Comment>,
}

/// One comment: its byte range in its file (leader included: `//`, `#`, `/*`…`*/`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Comment {
    pub start: u32,
    pub end: u32,
    pub kind: CommentKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CommentKind {
    /// `// …` or `# …`, to the end of the line.
    Line,
    /// `/* … */`.
    Block,
    /// A Bicep pragma at the start of a line (`#disable-next-line …`).
    Pragma,
}

impl Comment {
    pub fn new(range: std::ops::Range<usize>, kind: CommentKind) -> Self {
        Comment {
            start: range.start as u32,
            end: range.end as u32,
            kind,
        }
    }

    pub fn range(&self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// Whether `text` can hold an inline suppression directive (`azlint-ignore`,
/// `azlint:ignore`, a Bicep `#disable-next-line`): the only reason comments are read.
pub(crate) fn may_hold_directives(text: &str) -> bool {
    text.contains("azlint") || text.contains("#disable-next-line")
}

impl Document {
    pub fn new(format: Format, file: Arc<SourceFile>) -> Self {
        Document {
            format,
            files: vec![file],
            resources: Vec::new(),
            parameters: Vec::new(),
            variables: Vec::new(),
            outputs: Vec::new(),
            assignments: Vec::new(),
            diagnostics: Vec::new(),
            comments: Vec::new(),
        }
    }

    /// Record the comments a front end found in `file` (once per file), when the file can
    /// hold a suppression directive at all: `list` runs only then.
    pub fn record_comments(&mut self, file: &SourceFile, list: impl FnOnce() -> Vec<Comment>) {
        if may_hold_directives(&file.text) && self.comments_of(file.id).is_none() {
            self.comments.push(FileComments {
                file: file.id,
                list: list(),
            });
        }
    }

    /// The comments of file `id`, when its front end lexed it.
    pub fn comments_of(&self, id: u32) -> Option<&[Comment]> {
        self.comments
            .iter()
            .find(|c| c.file == id)
            .map(|c| c.list.as_slice())
    }

    /// The file a span is in: found by id; a span with no known file (id 0) is in the
    /// primary file.
    pub fn file(&self, span: Span) -> &Arc<SourceFile> {
        self.file_by_id(span.file).unwrap_or(&self.files[0])
    }

    /// One of the document's files by its id.
    pub fn file_by_id(&self, id: u32) -> Option<&Arc<SourceFile>> {
        self.files.iter().find(|f| f.id == id)
    }

    /// Whether a span is in `file` (id 0 stands for the primary file).
    pub fn span_in(&self, span: Span, file: &SourceFile) -> bool {
        span.file == file.id || (span.file == 0 && self.files[0].id == file.id)
    }

    pub fn parameter(&self, name: &str) -> Option<&Parameter> {
        self.parameters
            .iter()
            .find(|p| p.name.eq_ignore_ascii_case(name))
    }

    /// Take in a module instance's document (see `frontend::instance`): its files (each once),
    /// resources, parameters, variables, outputs, assignments and diagnostics. A diagnostic
    /// already present (the same module met through another call) is not repeated.
    pub fn absorb(&mut self, child: Document) {
        for f in child.files {
            if self.file_by_id(f.id).is_none() {
                self.files.push(f);
            }
        }
        for c in child.comments {
            if self.comments_of(c.file).is_none() {
                self.comments.push(c);
            }
        }
        self.resources.extend(child.resources);
        self.parameters.extend(child.parameters);
        self.variables.extend(child.variables);
        self.outputs.extend(child.outputs);
        self.assignments.extend(child.assignments);
        for d in child.diagnostics {
            if !self
                .diagnostics
                .iter()
                .any(|x| x.span == d.span && x.message == d.message)
            {
                self.diagnostics.push(d);
            }
        }
    }

    /// Record `instance` on every resource that has none yet (the instance's own resources;
    /// those of nested instances keep theirs).
    pub fn set_instance(&mut self, instance: &Arc<Instance>) {
        for r in self.resources.iter_mut().filter(|r| r.instance.is_none()) {
            r.instance = Some(instance.clone());
        }
    }

    pub fn parse_error(&mut self, message: impl Into<String>, span: Span) {
        self.diagnostics.push(Diagnostic {
            kind: DiagnosticKind::ParseError,
            message: message.into(),
            span,
        });
    }
}

fn serialize_file_paths<S: serde::Serializer>(
    files: &[Arc<SourceFile>],
    s: S,
) -> Result<S::Ok, S::Error> {
    s.collect_seq(files.iter().map(|f| f.display_path.as_str()))
}

#[derive(Clone, Debug, Serialize)]
pub struct Resource {
    /// Full ARM type (`Microsoft.App/managedEnvironments/daprComponents`); compare with
    /// [`Resource::is_type`], which ignores case.
    #[serde(rename = "type")]
    pub resource_type: String,
    pub api_version: Option<String>,
    /// Display name: Bicep symbol, Terraform address (`azurerm_container_app.web`), ARM
    /// symbolic name or name expression.
    pub name: String,
    /// The identifier other expressions use to refer to this resource (Bicep symbol,
    /// Terraform address, ARM symbolic name); matches `Expr::refs`.
    pub symbol: Option<String>,
    /// The declaration: where findings about absent properties point (the Bicep
    /// `resource x '…'` header, the Terraform block header, the ARM `"type"` property).
    pub span: Span,
    /// The ARM-shaped body (`identity`, `sku`, `properties`, …).
    pub body: Node,
    /// `existing` references are not declarations; rules skip them.
    pub existing: bool,
    /// The source-language type when it differs (`azurerm_container_app`, `azapi_resource`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_type: Option<String>,
    /// Unique within the deployment: `<instance path>/<symbol or address>` (`/acr`,
    /// `/module.app/azurerm_container_app.web`). What [`Target::Resource`] names.
    pub key: String,
    /// The module call that created the resource (`None`: the entry point itself).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instance: Option<Arc<Instance>>,
    /// The resource's name as deployed, when statically known (`acrprod` for
    /// `[variables('acrName')]`): for messages and for resolving references by name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_value: Option<String>,
}

/// A module instance of a deployment: which call created it, with which source.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Instance {
    /// The chain of calls from the entry point, `/`-separated (`app`, `module.net/module.pe`).
    pub path: String,
    /// The module as the call names it (`./modules/app.bicep`, `../../modules/app`).
    pub source: String,
    /// The call (Bicep `module` statement, Terraform `module` block, ARM deployment).
    pub call: Span,
}

impl Resource {
    /// A declared resource with no instance and its key from its symbol or name.
    pub fn new(
        resource_type: impl Into<String>,
        name: impl Into<String>,
        span: Span,
        body: Node,
    ) -> Self {
        let name = name.into();
        Resource {
            resource_type: resource_type.into(),
            api_version: None,
            key: format!("/{name}"),
            symbol: None,
            name,
            span,
            body,
            existing: false,
            source_type: None,
            instance: None,
            name_value: None,
        }
    }

    pub fn is_type(&self, t: &str) -> bool {
        self.resource_type.eq_ignore_ascii_case(t)
    }

    pub fn get(&self, dotted: &str) -> Option<&Node> {
        self.body.get_path(dotted)
    }

    /// A patch of a resource declared elsewhere (`azapi_update_resource`): marked `existing`,
    /// but its body is still written by the user, so value rules (plaintext secrets) apply.
    pub fn is_partial_update(&self) -> bool {
        self.existing && self.source_type.as_deref() == Some("azapi_update_resource")
    }

    /// The API version as a comparable `YYYY-MM-DD` prefix (previews sort with their date).
    /// Cut on a character boundary: the version is user text (`2023-05-0é1` must not panic).
    pub fn api_date(&self) -> Option<&str> {
        self.api_version.as_deref().map(text::api_date)
    }

    /// Whether the API version lies within `[min, max]` (each optional, compared by date
    /// prefix like [`Resource::api_date`]); a resource without a version (Terraform azurerm)
    /// is assumed current and matches. Boundary-safe for any text on either side.
    pub fn api_version_within(&self, min: Option<&str>, max: Option<&str>) -> bool {
        match self.api_date() {
            None => true,
            Some(date) => {
                min.is_none_or(|m| date >= text::api_date(m))
                    && max.is_none_or(|m| date <= text::api_date(m))
            }
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Parameter {
    pub name: String,
    /// The name as declared.
    pub span: Span,
    pub secure: bool,
    /// The declared type as a kind, where the front end can tell: ARM's names (`string`,
    /// `securestring`, `int`, `bool`, `object`, `secureObject`, `array`), Bicep types reduced
    /// to those (`secretType[]?` → `array`, `'a' | 'b'` → `string`, aliases resolved),
    /// Terraform's outer constructor (`list(object({…}))` → `list`, `map`, `set`, `number`…).
    /// Otherwise the type as written, whitespace-normalised.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub type_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default: Option<Node>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Variable {
    pub name: String,
    pub span: Span,
    pub value: Node,
}

#[derive(Clone, Debug, Serialize)]
pub struct Output {
    pub name: String,
    pub span: Span,
    pub value: Node,
    /// Bicep `@secure()` output / ARM `securestring` output / Terraform `sensitive = true`.
    pub secure: bool,
}

/// A value assigned to a parameter from outside the template that declares it.
#[derive(Clone, Debug, Serialize)]
pub struct Assignment {
    /// The parameter's name.
    pub name: String,
    /// The parameter name where it is assigned (`param x = …`, `"x": {…}`, `x = …`).
    pub span: Span,
    pub value: Node,
    /// Whether the target parameter is secure, when the declaring template was found.
    pub target_secure: Option<bool>,
    /// The module or template receiving the value, for messages (`./app.bicep`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DiagnosticKind {
    /// The file (or part of it) could not be parsed.
    ParseError,
    /// Parsed, but a construct is opaque to analysis (e.g. `body = file("x.json")`).
    NotAnalysable,
}

#[derive(Clone, Debug, Serialize)]
pub struct Diagnostic {
    pub kind: DiagnosticKind,
    pub message: String,
    pub span: Span,
}

/// Test support: run `f` on a thread with the stack of a CLI worker (rayon's 2 MiB default),
/// where `azlint check` parses and evaluates, so unbounded recursion overflows in the test
/// as it would in a run (the test binary aborts). A panic in `f` is re-raised.
#[cfg(test)]
pub(crate) fn on_worker_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    match std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(f)
        .expect("spawn a test thread")
        .join()
    {
        Ok(v) => v,
        Err(panic) => std::panic::resume_unwind(panic),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resource(api_version: &str) -> Resource {
        Resource {
            resource_type: "Microsoft.App/containerApps".into(),
            api_version: Some(api_version.into()),
            name: "app".into(),
            symbol: None,
            span: Span::default(),
            body: Node::null(Span::default()),
            existing: false,
            source_type: None,
            key: "/app".into(),
            instance: None,
            name_value: None,
        }
    }

    #[test]
    fn api_versions_compare_by_date_without_slicing_characters() {
        let r = resource("2023-05-01-preview");
        assert_eq!(r.api_date(), Some("2023-05-01"));
        assert!(r.api_version_within(Some("2023-05-01"), None));
        assert!(!r.api_version_within(Some("2024-01-01"), None));
        assert!(r.api_version_within(None, Some("2023-05-01-preview")));
        // Issue 13, D3: `&v[..10]` panicked inside 'é' (bytes 9..11).
        let hostile = resource("2023-05-0é1");
        assert_eq!(hostile.api_date(), Some("2023-05-0"));
        assert!(hostile.api_version_within(Some("2020-01-01"), Some("2023-05-0é1")));
        // A version without a date compares as text (here after any date), never panics.
        let words = resource("日本語のバージョン");
        assert_eq!(words.api_date(), Some("日本語"));
        assert!(words.api_version_within(Some("2020-01-01"), None));
        let no_version = Resource {
            api_version: None,
            ..resource("x")
        };
        assert!(no_version.api_version_within(Some("2099-01-01"), None));
    }
}
