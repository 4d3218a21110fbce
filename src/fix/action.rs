//! The fixes a rule declares (`fix:` in its YAML), compiled, and turned into edits for one
//! finding in whatever language the finding's resource is written in.
//!
//! | action | what it writes | languages |
//! |---|---|---|
//! | `set: {path, value}` | the value at `path` (relative to the selected node, or `$.`), replacing a literal or inserting the property and any missing objects / blocks | Bicep, ARM JSON, Terraform azurerm (through the reverse mapping) and azapi, Container Apps YAML |
//! | `secret-parameter: {name?}` | the reported literal replaced by a new secure input named after `name` (a path to a name; default: the selected item's `name`, else the property), declared at the top | Bicep `@secure() param`, ARM `securestring`, Terraform `sensitive` variable |
//! | `mark-secure: {remove-default?}` | the parameter / output marked secure (and its literal default removed) | Bicep, ARM JSON, Terraform |
//! | `remove-default: true` | the parameter's default removed | Bicep, ARM JSON, Terraform |

use std::collections::HashSet;
use std::sync::Arc;

use super::decl;
use super::hcl;
use super::insert;
pub(crate) use super::insert::Step;
use super::text::{self, Scalar, Syntax};
use super::{syntax_of, Applicability, Edit, Fix};
use crate::model::{Document, Format, Node, Resource, Segment, Value};
use crate::rules::spec::{FixSpec, Scope};
use crate::rules::RulePath;
use crate::source::{SourceFile, Span};

/// One compiled `fix:` section.
#[derive(Debug)]
pub(crate) struct FixAction {
    pub(crate) applicability: Applicability,
    pub(crate) title: String,
    /// Why the fix has its applicability (rendered into the rule's help).
    pub(crate) why: String,
    kind: Kind,
}

#[derive(Debug)]
enum Kind {
    Set { path: RulePath, value: Scalar },
    SecretParameter { name: Option<RulePath> },
    MarkSecure { remove_default: bool },
    RemoveDefault,
    SecureInput,
}

/// Where a finding was made: what a fix needs to find the text to edit.
pub(crate) struct Site<'a> {
    pub doc: &'a Document,
    pub resource: Option<&'a Resource>,
    /// The resource body, or the scoped item's small object.
    pub root: &'a Node,
    pub scope: Scope,
    /// The scoped item's name (parameter, output) or the resource's display name.
    pub item: &'a str,
    pub selected: &'a Node,
    /// Concrete steps from `root` to `selected`.
    pub selected_steps: Vec<Step>,
    /// The reported node, when it exists, with its concrete steps from `root`.
    pub report: Option<(&'a Node, Vec<Step>)>,
}

fn concrete(path: &RulePath, base: &[Step]) -> Option<Vec<Step>> {
    let mut steps = if path.from_root {
        Vec::new()
    } else {
        base.to_vec()
    };
    for s in &path.path.segments {
        steps.push(match s {
            Segment::Key(k) => Step::Key(k.clone()),
            Segment::Index(i) => Step::Index(*i),
            Segment::AnyKey | Segment::AnyIndex => return None,
        });
    }
    Some(steps)
}

impl FixAction {
    /// Compile a rule's `fix:` section; errors name what is wrong.
    pub(crate) fn compile(spec: &FixSpec, scope: Scope) -> Result<FixAction, String> {
        let given = [
            spec.set.is_some(),
            spec.secret_parameter.is_some(),
            spec.mark_secure.is_some(),
            spec.remove_default == Some(true),
            spec.secure_input == Some(true),
        ];
        if given.iter().filter(|g| **g).count() != 1 {
            return Err(
                "fix: give exactly one of `set`, `secret-parameter`, `mark-secure`, `remove-default: true`, `secure-input: true`"
                    .into(),
            );
        }
        if spec.title.value.trim().is_empty() || spec.why.trim().is_empty() {
            return Err("fix: `title` and `why` must not be empty".into());
        }
        let plain_path = |t: &crate::rules::spec::Text| -> Result<RulePath, String> {
            let p = RulePath::parse(&t.value)?;
            if p.is_wildcard() {
                return Err(format!(
                    "fix: path `{}` must name one place (no `*` or `[*]`)",
                    t.value
                ));
            }
            Ok(p)
        };
        let kind = if let Some(set) = &spec.set {
            if scope != Scope::Resource {
                return Err("fix: `set` applies to resource rules".into());
            }
            let value = Scalar::from_json(&set.value)
                .ok_or("fix: `set.value` must be a string, number or boolean")?;
            let path = plain_path(&set.path)?;
            if path.path.segments.is_empty() {
                return Err("fix: `set.path` must not be empty".into());
            }
            Kind::Set { path, value }
        } else if let Some(sp) = &spec.secret_parameter {
            if !matches!(scope, Scope::Resource | Scope::Assignment) {
                return Err(
                    "fix: `secret-parameter` applies to resource and assignment rules".into(),
                );
            }
            if scope == Scope::Assignment && sp.name.is_some() {
                return Err("fix: an assignment's new input is named after its parameter".into());
            }
            Kind::SecretParameter {
                name: sp.name.as_ref().map(plain_path).transpose()?,
            }
        } else if let Some(ms) = &spec.mark_secure {
            if !matches!(scope, Scope::Parameter | Scope::Output) {
                return Err("fix: `mark-secure` applies to parameter and output rules".into());
            }
            if ms.remove_default && scope != Scope::Parameter {
                return Err("fix: only parameters have a default to remove".into());
            }
            Kind::MarkSecure {
                remove_default: ms.remove_default,
            }
        } else if spec.secure_input == Some(true) {
            if scope != Scope::Resource {
                return Err("fix: `secure-input` applies to resource rules".into());
            }
            Kind::SecureInput
        } else {
            if scope != Scope::Parameter {
                return Err("fix: `remove-default` applies to parameter rules".into());
            }
            Kind::RemoveDefault
        };
        Ok(FixAction {
            applicability: spec.applicability,
            title: spec.title.value.trim().to_string(),
            why: spec.why.trim().to_string(),
            kind,
        })
    }

    /// The format families the fix is written for: every one for `set`; not Container Apps
    /// YAML, which has no parameters, for the others.
    pub(crate) fn families(&self) -> &'static [&'static str] {
        match self.kind {
            Kind::Set { .. } => &["bicep", "arm", "terraform", "azapi", "yaml"],
            _ => &["bicep", "arm", "terraform", "azapi"],
        }
    }

    /// The fix for one finding, or `None` when this finding's text has no mechanical edit
    /// (an expression, a value shared through a variable, an unsupported layout).
    pub(crate) fn build(&self, site: &Site<'_>) -> Option<Fix> {
        let (detail, edits, isolation) = match &self.kind {
            Kind::Set { path, value } => {
                let (d, e) = set(site, path, value)?;
                (d, e, None)
            }
            Kind::SecretParameter { name } => secret_parameter(site, name.as_ref())?,
            Kind::MarkSecure { remove_default } => {
                let (d, e) = mark_secure(site, *remove_default)?;
                (d, e, None)
            }
            Kind::RemoveDefault => {
                let (d, e) = remove_default(site)?;
                (d, e, None)
            }
            Kind::SecureInput => {
                // The value is a parameter passed through whole: mark that parameter secure.
                let (node, _) = site.report.as_ref()?;
                let name = node.as_expr()?.origin.as_deref()?.strip_prefix("param:")?;
                let p = site.doc.parameter(name)?;
                let scoped = Site {
                    scope: Scope::Parameter,
                    item: &p.name,
                    report: None,
                    selected_steps: Vec::new(),
                    ..*site
                };
                let (d, e) = mark_secure(&scoped, false)?;
                (d, e, None)
            }
        };
        // Terraform edits may re-align a block's `=` (as `terraform fmt` does): two fixes in one
        // block would each align against the old text, so they go one pass after the other.
        let isolation = isolation.or_else(|| {
            let e = edits.iter().find(|e| syntax_of(&e.file) == Syntax::Hcl)?;
            let body = hcl::body(&e.file)?;
            let block = hcl::all_block_spans(&body)
                .into_iter()
                .find(|r| r.start <= e.start as usize && e.end as usize <= r.end)?;
            Some(format!("block:{}:{}", e.path(), block.start))
        });
        let fix = Fix::new(
            format!("{} ({detail})", self.title),
            self.applicability,
            edits,
        )?;
        Some(match isolation {
            Some(k) => fix.isolated(k),
            None => fix,
        })
    }
}

fn file_of(doc: &Document, span: Span) -> &Arc<SourceFile> {
    doc.file(span)
}

/// The value as the syntax writes `key: value` (for the fix title).
fn shown(syntax: Syntax, key: &str, value: &Scalar) -> String {
    format!("{}{}", text::assign(key, syntax), value.render(syntax))
}

fn set(site: &Site<'_>, path: &RulePath, value: &Scalar) -> Option<(String, Vec<Edit>)> {
    let res = site.resource?;
    let steps = concrete(path, &site.selected_steps)?;
    let last_key = steps.iter().rev().find_map(|s| match s {
        Step::Key(k) => Some(k.clone()),
        Step::Index(_) => None,
    })?;
    let file = file_of(site.doc, res.span);
    let syntax = syntax_of(file);
    match (site.doc.format, syntax) {
        (Format::Bicep, Syntax::Bicep)
        | (Format::Arm, Syntax::Json)
        | (Format::AcaYaml, Syntax::Yaml) => {
            let edits = insert::set(file, syntax, &res.body, res.body.span, &steps, value)?;
            Some((shown(syntax, &last_key, value), edits))
        }
        (Format::Terraform, Syntax::Hcl) => {
            let source_type = res.source_type.as_deref()?;
            let body = hcl::body(file)?;
            let block = hcl::block_at(&body, res.span)?;
            let rows = hcl::rows_for(source_type)?;
            if let Some(w) = hcl::set_azurerm(file, block, rows, &steps, value) {
                return Some((w.shown, w.edits));
            }
            if !source_type.starts_with("azapi_") {
                return None;
            }
            // azapi: the ARM body is the `body` object literal.
            let extent = hcl::azapi_body_object(block)?;
            let extent = Span::new(res.span.file, extent.start as usize, extent.end as usize);
            let inside =
                |s: Span| s.file == extent.file && s.start >= extent.start && s.end <= extent.end;
            let props = res
                .body
                .as_object()?
                .iter()
                .filter(|p| inside(p.key_span))
                .cloned()
                .collect();
            let root = Node::object(props, extent);
            let edits = insert::set(file, Syntax::Hcl, &root, extent, &steps, value)?;
            Some((shown(Syntax::Hcl, &last_key, value), edits))
        }
        _ => None,
    }
}

/// Whether `span` is written inside the resource's own declaration (not in a variable or
/// parameter declared elsewhere).
fn in_resource(site: &Site<'_>, res: &Resource, span: Span) -> bool {
    let file = file_of(site.doc, res.span);
    let extent = match syntax_of(file) {
        Syntax::Hcl => {
            // Any `resource` block of the file: a custom domain's settings are merged into
            // the environment's body but written in their own block.
            let file = file_of(site.doc, span);
            let Some(body) = hcl::body(file) else {
                return false;
            };
            return hcl::block_spans(&body, "resource")
                .iter()
                .any(|r| span.start as usize >= r.start && span.end as usize <= r.end);
        }
        _ => res.body.span,
    };
    span.file == extent.file && span.start >= extent.start && span.end <= extent.end
}

/// A short label for the resource, for parameter names (`app`, `vm`).
fn resource_label(res: &Resource) -> String {
    if let Some(sym) = &res.symbol {
        // Terraform addresses: the name label.
        return sym.rsplit('.').next().unwrap_or(sym).to_string();
    }
    let plain = !res.name.contains(['[', '(', '$']);
    if plain && !res.name.is_empty() {
        // A child's ARM name is `parent/child`: the child's own name is enough.
        return res.name.rsplit('/').next().unwrap_or(&res.name).to_string();
    }
    let last = res.resource_type.rsplit('/').next().unwrap_or("resource");
    last.strip_suffix('s').unwrap_or(last).to_string()
}

/// The first free name among `candidates`, then `candidates[0]2`, `…3`.
fn unique(candidates: &[String], taken: &HashSet<String>) -> Option<String> {
    let free = |n: &str| !n.is_empty() && !taken.contains(&n.to_ascii_lowercase());
    if let Some(c) = candidates.iter().find(|c| free(c)) {
        return Some(c.clone());
    }
    let base = candidates.first()?;
    (2..100).map(|i| format!("{base}{i}")).find(|n| free(n))
}

type Built = (String, Vec<Edit>, Option<String>);

fn secret_parameter(site: &Site<'_>, name_path: Option<&RulePath>) -> Option<Built> {
    if site.scope == Scope::Assignment {
        return assignment_secret(site);
    }
    let res = site.resource?;
    let (node, steps) = site.report.as_ref()?;
    let mut node: &Node = node;
    if let Some(x) = node.as_expr() {
        if !node.is_plaintext() {
            return None;
        }
        let origin = x.origin.as_deref()?;
        if let Some(var) = origin.strip_prefix("var:") {
            // A variable (Terraform local) holding the literal: the literal is replaced where
            // it is written, in the declaration, so every use gets the secure input.
            node = &site.doc.variables.iter().find(|v| v.name == var)?.value;
            if !matches!(node.value, Value::String(_)) {
                return None;
            }
            return declare_secret(site, res, node, steps, name_path);
        }
        // The literal is a parameter's default flowing in whole: that parameter becomes the
        // secure input, and its default goes.
        let name = origin.strip_prefix("param:")?;
        let p = site.doc.parameter(name)?;
        let scoped = Site {
            scope: Scope::Parameter,
            item: &p.name,
            report: None,
            selected_steps: Vec::new(),
            ..*site
        };
        let (d, e) = mark_secure(&scoped, true)?;
        return Some((d, e, None));
    }
    if !matches!(node.value, Value::String(_)) || !in_resource(site, res, node.span) {
        return None;
    }
    declare_secret(site, res, node, steps, name_path)
}

/// Replace the literal `node` with a new secure input, declared at the top.
fn declare_secret(
    site: &Site<'_>,
    res: &Resource,
    node: &Node,
    steps: &[Step],
    name_path: Option<&RulePath>,
) -> Option<Built> {
    // The name: of the item (`name: 'api-key'`), else of the property (`adminPassword`),
    // prefixed with the resource when that is all there is. Never the value.
    let named = match name_path {
        Some(p) => {
            let start = if p.from_root {
                site.root
            } else {
                site.selected
            };
            let mut trail = Vec::new();
            let n = crate::rules::walk_deepest(start, &p.path.segments, &mut trail);
            (trail.len() == p.path.segments.len())
                .then(|| n.known_text().map(|t| t.into_owned()))
                .flatten()
        }
        None => site
            .selected
            .get("name")
            .filter(|n| !std::ptr::eq(*n, node))
            .and_then(|n| n.known_text())
            .map(|t| t.into_owned()),
    };
    let last_key = |steps: &[Step]| {
        steps.iter().rev().find_map(|s| match s {
            Step::Key(k) => Some(k.clone()),
            Step::Index(_) => None,
        })
    };
    // `value` says nothing: the selected entry's key does (`connectionStrings.Db.value`).
    let key = match last_key(steps)? {
        k if k.eq_ignore_ascii_case("value") => last_key(&site.selected_steps).unwrap_or(k),
        k => k,
    };
    let label = resource_label(res);
    let names = match named.filter(|n| n.chars().any(|c| c.is_ascii_alphanumeric())) {
        Some(n) => vec![n.clone(), format!("{label} {n}")],
        None => vec![format!("{label} {key}"), key],
    };
    new_secure_input(site, node, &names)
}

/// Replace the literal `node` with a new secure input named after the first free of `names`
/// (cased for the language): Bicep `@secure() param`, ARM `securestring`, Terraform
/// `sensitive` variable.
fn new_secure_input(site: &Site<'_>, node: &Node, names: &[String]) -> Option<Built> {
    let file = file_of(site.doc, node.span);
    let syntax = syntax_of(file);
    let literal = file.slice(node.span);
    let written_literal = match syntax {
        Syntax::Bicep => literal.starts_with('\'') && !literal.contains("${"),
        Syntax::Json => literal.starts_with('"') && !literal.starts_with("\"["),
        Syntax::Hcl => literal.starts_with('"') && !literal.contains("${"),
        Syntax::Yaml => false, // Container Apps YAML has no parameters
    };
    if !written_literal || !matches!(node.value, Value::String(_)) {
        return None;
    }
    let case = |s: &str| match syntax {
        Syntax::Hcl => text::snake_case(s),
        _ => text::camel_case(s),
    };
    let candidates: Vec<String> = names.iter().map(|n| case(n)).collect();
    let (start, end) = (node.span.start as usize, node.span.end as usize);
    match (site.doc.format, syntax) {
        (Format::Bicep, Syntax::Bicep) => {
            let name = unique(&candidates, &decl::bicep_names(file))?;
            let edits = vec![
                Edit::new(file, start, end, name.clone()),
                decl::bicep_new_param(file, &name)?,
            ];
            let key = format!(
                "declare:{}:{}",
                file.display_path,
                name.to_ascii_lowercase()
            );
            Some((
                format!("new @secure() parameter `{name}`"),
                edits,
                Some(key),
            ))
        }
        (Format::Arm, Syntax::Json) => {
            let tree = decl::json_tree(file)?;
            if decl::json_in_nested_template(&tree, node.span) {
                return None;
            }
            let name = unique(&candidates, &decl::arm_names(&tree))?;
            let mut edits = vec![Edit::new(
                file,
                start,
                end,
                format!("\"[parameters('{name}')]\""),
            )];
            edits.extend(decl::arm_new_param(file, &tree, &name)?);
            let key = format!(
                "declare:{}:{}",
                file.display_path,
                name.to_ascii_lowercase()
            );
            Some((
                format!("new securestring parameter `{name}`"),
                edits,
                Some(key),
            ))
        }
        (Format::Terraform, Syntax::Hcl) => {
            let name = unique(&candidates, &decl::tf_names(site.doc, file))?;
            let target = decl::tf_variables_file(site.doc, file);
            let edits = vec![
                Edit::new(file, start, end, format!("var.{name}")),
                decl::tf_new_variable(&target, &name)?,
            ];
            let dir = target
                .display_path
                .rsplit_once('/')
                .map(|(d, _)| d)
                .unwrap_or("");
            let key = format!("declare:{dir}:{}", name.to_ascii_lowercase());
            Some((format!("new sensitive variable `{name}`"), edits, Some(key)))
        }
        _ => None,
    }
}

/// A plaintext value given to a secure parameter from outside its template: a module call or
/// nested deployment gets a new secure input of its own file; a `.bicepparam` reads the value
/// from an environment variable; a `.tfvars` assignment is removed (Terraform then takes
/// `TF_VAR_<name>`). A `*.parameters.json` file has no fix: a Key Vault reference needs the
/// vault's id.
fn assignment_secret(site: &Site<'_>) -> Option<Built> {
    let (node, _) = site.report.as_ref()?;
    if !matches!(node.value, Value::String(_)) {
        return None;
    }
    let file = file_of(site.doc, node.span);
    let name = site.item;
    let path = file.path.to_string_lossy().to_ascii_lowercase();
    let (start, end) = (node.span.start as usize, node.span.end as usize);
    if path.ends_with(".bicepparam") {
        let literal = file.slice(node.span);
        if !literal.starts_with('\'') || literal.contains("${") {
            return None;
        }
        let env = text::snake_case(name).to_ascii_uppercase();
        if env.is_empty() {
            return None;
        }
        return Some((
            format!("read from the environment variable `{env}`"),
            vec![Edit::new(
                file,
                start,
                end,
                format!("readEnvironmentVariable('{env}')"),
            )],
            None,
        ));
    }
    if path.ends_with(".tfvars") {
        let body = hcl::body(file)?;
        let edits = hcl::remove_top_attribute(file, &body, name, node.span)?;
        return Some((
            format!("`{name}` removed: pass it as `TF_VAR_{name}` or from a secret store"),
            edits,
            None,
        ));
    }
    // A parameter file's value (its deployment document is in its template's format): no
    // secure input to declare there.
    if crate::lang::sniff_json(&file.text) == Some(crate::lang::Language::ArmParameters) {
        return None;
    }
    match site.doc.format {
        Format::Bicep | Format::Arm | Format::Terraform => {
            new_secure_input(site, node, &[name.to_string()])
        }
        _ => None,
    }
}

fn mark_secure(site: &Site<'_>, remove_default: bool) -> Option<(String, Vec<Edit>)> {
    let doc = site.doc;
    let (name_span, has_default, section) = match site.scope {
        Scope::Parameter => {
            let p = doc.parameter(site.item)?;
            if p.secure {
                return None;
            }
            // Only a default written in plaintext goes: an empty or computed one is no
            // secret, and removing it would make the parameter required for nothing.
            (
                p.span,
                p.default.as_ref().is_some_and(|d| d.is_plaintext()),
                "parameters",
            )
        }
        Scope::Output => {
            let o = doc
                .outputs
                .iter()
                .find(|o| o.name.eq_ignore_ascii_case(site.item))?;
            if o.secure {
                return None;
            }
            (o.span, false, "outputs")
        }
        _ => return None,
    };
    let strip = remove_default && has_default;
    let file = file_of(doc, name_span);
    let name = site.item;
    let mut edits = Vec::new();
    let detail = match (doc.format, syntax_of(file)) {
        (Format::Bicep, Syntax::Bicep) => {
            edits.push(decl::bicep_mark_secure(file, name_span.start)?);
            if strip {
                edits.push(decl::bicep_remove_default(file, name_span.start)?);
            }
            format!("@secure() on `{name}`")
        }
        (Format::Arm, Syntax::Json) => {
            let tree = decl::json_tree(file)?;
            let edit = decl::arm_mark_secure(file, &tree, section, name)?;
            let secure = edit.replacement.trim_matches('"').to_string();
            edits.push(edit);
            if strip {
                edits.push(decl::arm_remove_default(file, &tree, name)?);
            }
            format!(
                "`{name}` becomes a {secure} {}",
                section.strip_suffix('s').unwrap_or(section)
            )
        }
        (Format::Terraform, Syntax::Hcl) => {
            let ident = if section == "outputs" {
                "output"
            } else {
                "variable"
            };
            decl::with_tf_block(file, ident, name, |b| {
                if strip {
                    edits.extend(hcl::mark_sensitive_without_default(file, b)?);
                } else {
                    edits.extend(hcl::mark_sensitive(file, b)?);
                }
                Some(())
            })?;
            format!("`sensitive = true` on {ident} `{name}`")
        }
        _ => return None,
    };
    let detail = if strip {
        format!("{detail}, default removed")
    } else {
        detail
    };
    Some((detail, edits))
}

fn remove_default(site: &Site<'_>) -> Option<(String, Vec<Edit>)> {
    let doc = site.doc;
    if site.scope != Scope::Parameter {
        return None;
    }
    let p = doc.parameter(site.item)?;
    p.default.as_ref()?;
    let file = file_of(doc, p.span);
    let name = site.item;
    let edit = match (doc.format, syntax_of(file)) {
        (Format::Bicep, Syntax::Bicep) => decl::bicep_remove_default(file, p.span.start)?,
        (Format::Arm, Syntax::Json) => {
            let tree = decl::json_tree(file)?;
            decl::arm_remove_default(file, &tree, name)?
        }
        (Format::Terraform, Syntax::Hcl) => {
            return Some((
                format!("default of `{name}` removed"),
                decl::with_tf_block(file, "variable", name, |b| {
                    hcl::remove_attribute(file, b, "default")
                })?,
            ));
        }
        _ => return None,
    };
    Some((format!("default of `{name}` removed"), vec![edit]))
}
