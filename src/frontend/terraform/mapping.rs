//! The azurerm → ARM mapping table (`mappings/azurerm.yaml`), parsed once, and the code that
//! applies it to a lowered Terraform block tree.
//!
//! The Terraform tree is what `lower::Lowerer::block_tree` builds: attributes as properties,
//! nested blocks as arrays of objects under the block type (always arrays, so a single
//! `ingress` block is `ingress[0]`). The table says where each attribute lands in the ARM body.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

use super::transform::Transform;
use crate::model::{Node, Path, Property, Segment, Value};
use crate::source::Span;

const TABLE_YAML: &str = include_str!("../../../mappings/azurerm.yaml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTable {
    #[serde(default)]
    common: Vec<RawEntry>,
    /// Arguments of `azapi_resource` outside its ARM-shaped `body` (`identity`, `name`…).
    #[serde(default)]
    azapi: Vec<RawEntry>,
    /// Only holds YAML anchors (shared row lists); read to validate them.
    #[serde(default)]
    #[allow(dead_code)]
    shapes: BTreeMap<String, Vec<RawEntry>>,
    resources: BTreeMap<String, RawResource>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawResource {
    arm_type: String,
    #[serde(default)]
    api_version: Option<String>,
    #[serde(default)]
    merge_into: Option<String>,
    #[serde(default)]
    attributes: Vec<RawEntry>,
}

/// A row, or a shared list of rows spliced in with a YAML alias (`- *identity`).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum RawEntry {
    Row(RawRow),
    Shape(Vec<RawEntry>),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRow {
    tf: String,
    arm: OneOrMany,
    #[serde(default)]
    transform: Option<Transform>,
    #[serde(default)]
    default: Option<Scalar>,
    #[serde(default)]
    value: Option<Scalar>,
    #[serde(default)]
    append: bool,
    #[serde(default)]
    attributes: Vec<RawEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

/// A constant in the table (`default:` / `value:`).
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(untagged)]
pub enum Scalar {
    Bool(bool),
    Number(f64),
    String(String),
}

impl Scalar {
    fn to_value(&self) -> Value {
        match self {
            Scalar::Bool(b) => Value::Bool(*b),
            Scalar::Number(n) => Value::Number(*n),
            Scalar::String(s) => Value::String(s.clone()),
        }
    }
}

/// One step of a Terraform path: a block or attribute name, `[*]` when repeated.
#[derive(Clone, Debug, PartialEq)]
pub struct TfStep {
    pub name: String,
    pub each: bool,
}

#[derive(Debug)]
pub struct Row {
    /// The row's Terraform path as written, which names a failing row in the tests.
    #[cfg(test)]
    pub tf_text: String,
    pub tf: Vec<TfStep>,
    pub arm: Vec<Path>,
    pub transform: Option<Transform>,
    pub default: Option<Scalar>,
    pub value: Option<Scalar>,
    pub append: bool,
    pub children: Vec<Row>,
}

#[derive(Debug)]
pub struct ResourceMapping {
    pub arm_type: String,
    pub api_version: Option<String>,
    /// The attribute naming the resource this one's body is merged into.
    pub merge_into: Option<String>,
    pub rows: Vec<Row>,
}

#[derive(Debug, Default)]
pub struct Table {
    pub common: Vec<Row>,
    pub azapi: Vec<Row>,
    pub resources: BTreeMap<String, ResourceMapping>,
}

impl Table {
    pub fn get(&self, tf_type: &str) -> Option<&ResourceMapping> {
        self.resources.get(tf_type)
    }
}

/// The embedded table, parsed on first use. The unit tests guarantee it parses; should it
/// not, Terraform resources are simply not mapped (never a panic at run time).
pub fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| parse_table(TABLE_YAML).unwrap_or_default())
}

pub fn parse_table(yaml: &str) -> Result<Table, String> {
    let raw: RawTable = serde_saphyr::from_str(yaml).map_err(|e| e.to_string())?;
    let mut table = Table {
        common: rows(raw.common)?,
        azapi: rows(raw.azapi)?,
        resources: BTreeMap::new(),
    };
    for (name, r) in raw.resources {
        let rows = rows(r.attributes).map_err(|e| format!("{name}: {e}"))?;
        table.resources.insert(
            name,
            ResourceMapping {
                arm_type: r.arm_type,
                api_version: r.api_version,
                merge_into: r.merge_into,
                rows,
            },
        );
    }
    Ok(table)
}

fn rows(entries: Vec<RawEntry>) -> Result<Vec<Row>, String> {
    let mut out = Vec::new();
    flatten(entries, &mut out)?;
    Ok(out)
}

fn flatten(entries: Vec<RawEntry>, out: &mut Vec<Row>) -> Result<(), String> {
    for e in entries {
        match e {
            RawEntry::Row(r) => out.push(row(r)?),
            RawEntry::Shape(list) => flatten(list, out)?,
        }
    }
    Ok(())
}

fn row(r: RawRow) -> Result<Row, String> {
    let tf = parse_tf_path(&r.tf)?;
    let arm_texts = match r.arm {
        OneOrMany::One(s) => vec![s],
        OneOrMany::Many(v) => v,
    };
    if arm_texts.is_empty() {
        return Err(format!("`{}`: no arm path", r.tf));
    }
    let mut arm = Vec::new();
    for t in &arm_texts {
        let p = Path::parse(t)?;
        if p.segments.iter().any(|s| matches!(s, Segment::AnyKey)) {
            return Err(format!(
                "`{t}`: `*` keys are not allowed in a mapping target"
            ));
        }
        let tf_each = tf.iter().filter(|s| s.each).count();
        let arm_each = p
            .segments
            .iter()
            .filter(|s| matches!(s, Segment::AnyIndex))
            .count();
        if tf_each != arm_each {
            return Err(format!(
                "`{}` → `{t}`: {tf_each} `[*]` in tf but {arm_each} in arm",
                r.tf
            ));
        }
        arm.push(p);
    }
    Ok(Row {
        #[cfg(test)]
        tf_text: r.tf,
        tf,
        arm,
        transform: r.transform,
        default: r.default,
        value: r.value,
        append: r.append,
        children: rows(r.attributes)?,
    })
}

pub fn parse_tf_path(text: &str) -> Result<Vec<TfStep>, String> {
    text.split('.')
        .map(|part| {
            let (name, each) = match part.strip_suffix("[*]") {
                Some(n) => (n, true),
                None => (part, false),
            };
            if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                return Err(format!("invalid terraform path `{text}`"));
            }
            Ok(TfStep {
                name: name.to_string(),
                each,
            })
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// Applying the table

/// One node found by a Terraform path, with the indexes its `[*]` steps took, the span of
/// the block that holds it, and the key span of the attribute.
struct TfMatch<'a> {
    node: &'a Node,
    key_span: Span,
    holder: Span,
    indexes: Vec<usize>,
}

/// Every node the steps reach from `root`. A step without `[*]` that lands on a block list
/// takes its first block (blocks that appear once); at the last step the value is returned
/// as written (a list attribute stays a list).
fn tf_select<'a>(root: &'a Node, steps: &[TfStep]) -> Vec<TfMatch<'a>> {
    let mut out = Vec::new();
    tf_walk(root, steps, root.span, Vec::new(), &mut out);
    out
}

fn tf_walk<'a>(
    node: &'a Node,
    steps: &[TfStep],
    holder: Span,
    indexes: Vec<usize>,
    out: &mut Vec<TfMatch<'a>>,
) {
    let Some((step, rest)) = steps.split_first() else {
        return;
    };
    let Some(prop) = node.property(&step.name) else {
        return;
    };
    let value = &prop.value;
    if step.each {
        // A repeated block: a list of blocks (HCL), or a single object (`.tf.json`).
        let items: Vec<&Node> = match &value.value {
            Value::Array(items) => items.iter().collect(),
            Value::Object(_) => vec![value],
            // An expression (e.g. a list computed at plan time): nothing to enumerate.
            _ => return,
        };
        for (i, item) in items.into_iter().enumerate() {
            let mut idx = indexes.clone();
            idx.push(i);
            if rest.is_empty() {
                out.push(TfMatch {
                    node: item,
                    key_span: prop.key_span,
                    holder: node.span,
                    indexes: idx,
                });
            } else {
                tf_walk(item, rest, item.span, idx, out);
            }
        }
        return;
    }
    if rest.is_empty() {
        out.push(TfMatch {
            node: value,
            key_span: prop.key_span,
            holder,
            indexes,
        });
        return;
    }
    match &value.value {
        Value::Array(items) => {
            if let Some(first) = items.first() {
                tf_walk(first, rest, first.span, indexes, out);
            }
        }
        Value::Object(_) => tf_walk(value, rest, value.span, indexes, out),
        _ => {}
    }
}

/// The parents of a path's last step (for defaults): the blocks where the attribute would be.
fn tf_parents<'a>(root: &'a Node, steps: &[TfStep]) -> Vec<(&'a Node, Vec<usize>)> {
    match steps.split_last() {
        None => Vec::new(),
        Some((_, [])) => vec![(root, Vec::new())],
        Some((_, init)) => tf_select(root, init)
            .into_iter()
            .filter_map(|m| match &m.node.value {
                Value::Object(_) => Some((m.node, m.indexes)),
                Value::Array(items) if !init.last().map(|s| s.each).unwrap_or(false) => {
                    items.first().map(|n| (n, m.indexes))
                }
                _ => None,
            })
            .collect(),
    }
}

/// A concrete ARM location step.
#[derive(Clone, Debug)]
enum Step {
    Key(String),
    Index(usize),
    /// Append a new element to the array.
    Push,
}

fn concrete(path: &Path, indexes: &[usize], append: bool) -> Vec<Step> {
    let mut it = indexes.iter();
    let total = path
        .segments
        .iter()
        .filter(|s| matches!(s, Segment::AnyIndex))
        .count();
    let mut seen = 0;
    path.segments
        .iter()
        .map(|s| match s {
            Segment::Key(k) => Step::Key(k.clone()),
            Segment::Index(i) => Step::Index(*i),
            Segment::AnyIndex => {
                seen += 1;
                let i = it.next().copied().unwrap_or(0);
                if append && seen == total {
                    Step::Push
                } else {
                    Step::Index(i)
                }
            }
            Segment::AnyKey => Step::Key("*".into()),
        })
        .collect()
}

/// Map a lowered Terraform block tree into an ARM body.
pub fn apply(rows: &[Row], tf_root: &Node, arm_root: &mut Node) {
    apply_rows(rows, tf_root, arm_root, &[], 0);
}

fn apply_rows(rows: &[Row], tf_root: &Node, arm_root: &mut Node, prefix: &[Step], depth: usize) {
    if depth > crate::frontend::MAX_DEPTH {
        return;
    }
    for row in rows {
        let matches = tf_select(tf_root, &row.tf);
        if !row.children.is_empty() {
            for m in &matches {
                let blocks: Vec<(&Node, Vec<usize>)> =
                    match (&m.node.value, row.tf.last().map(|s| s.each)) {
                        (Value::Object(_), _) => vec![(m.node, m.indexes.clone())],
                        // A block written once (`ingress {}`) is a one-element list in the tree.
                        (Value::Array(items), Some(false)) => items
                            .first()
                            .map(|n| vec![(n, m.indexes.clone())])
                            .unwrap_or_default(),
                        _ => Vec::new(),
                    };
                for (block, idx) in blocks {
                    for arm in &row.arm {
                        let mut full = prefix.to_vec();
                        full.extend(concrete(arm, &idx, row.append));
                        let mut empty = Node::object(Vec::new(), block.span);
                        // A block that exists only conditionally (a `dynamic` block over an
                        // unknown collection) maps to an object that does too.
                        if block.is_conditional() {
                            empty = empty.conditional();
                        }
                        let Some(at) = write(arm_root, &full, empty, block.span, m.key_span, false)
                        else {
                            continue;
                        };
                        apply_rows(&row.children, block, arm_root, &at, depth + 1);
                    }
                }
            }
            continue;
        }
        for m in &matches {
            let node = match &row.value {
                Some(constant) => Node::new(constant.to_value(), m.node.span),
                None => match row.transform {
                    Some(t) => t.apply(m.node),
                    None => m.node.clone(),
                },
            };
            for arm in &row.arm {
                let mut full = prefix.to_vec();
                full.extend(concrete(arm, &m.indexes, row.append));
                // `append` on a list-valued attribute (no `[*]` in `arm`): its items join
                // the ARM array after what other rows wrote there, instead of replacing it
                // (`secure_environment_variables` and `environment_variables` both feed
                // `environmentVariables`).
                let appends_items =
                    row.append && !arm.segments.iter().any(|s| matches!(s, Segment::AnyIndex));
                match (&node.value, appends_items) {
                    (Value::Array(items), true) => {
                        full.push(Step::Push);
                        for item in items {
                            write(arm_root, &full, item.clone(), m.holder, m.key_span, true);
                        }
                    }
                    _ => {
                        write(arm_root, &full, node.clone(), m.holder, m.key_span, true);
                    }
                }
            }
        }
        if let Some(default) = &row.default {
            let last = row.tf.last().map(|s| s.name.as_str()).unwrap_or("");
            for (parent, idx) in tf_parents(tf_root, &row.tf) {
                if parent.property(last).is_some() {
                    continue;
                }
                let node = Node::new(default.to_value(), parent.span);
                for arm in &row.arm {
                    let mut full = prefix.to_vec();
                    full.extend(concrete(arm, &idx, false));
                    write(
                        arm_root,
                        &full,
                        node.clone(),
                        parent.span,
                        parent.span,
                        true,
                    );
                }
            }
        }
    }
}

/// Write `value` at `steps` under `root`, creating intermediate objects and arrays with the
/// span `holder` (the enclosing Terraform block). Returns the concrete location written
/// (with `Push` resolved), or `None` when an existing non-container value is in the way.
/// With `replace = false` an existing value at the location is kept (re-entered).
fn write(
    root: &mut Node,
    steps: &[Step],
    value: Node,
    holder: Span,
    key_span: Span,
    replace: bool,
) -> Option<Vec<Step>> {
    let mut at = Vec::with_capacity(steps.len());
    let mut node = root;
    for (i, step) in steps.iter().enumerate() {
        let last = i + 1 == steps.len();
        let next_is_index = matches!(steps.get(i + 1), Some(Step::Index(_) | Step::Push));
        let fresh = |span: Span| {
            if next_is_index {
                Node::new(Value::Array(Vec::new()), span)
            } else {
                Node::object(Vec::new(), span)
            }
        };
        match step {
            Step::Key(k) => {
                let Value::Object(props) = &mut node.value else {
                    return None;
                };
                let pos = match props.iter().rposition(|p| p.key.eq_ignore_ascii_case(k)) {
                    Some(p) => {
                        if last && replace {
                            props[p].value = value;
                            props[p].key_span = key_span;
                            at.push(step.clone());
                            return Some(at);
                        }
                        p
                    }
                    None => {
                        let v = if last { value.clone() } else { fresh(holder) };
                        let ks = if last { key_span } else { holder };
                        props.push(Property {
                            key: k.clone(),
                            key_span: ks,
                            value: v,
                        });
                        props.len() - 1
                    }
                };
                at.push(step.clone());
                if last {
                    return Some(at);
                }
                node = &mut props[pos].value;
            }
            Step::Index(_) | Step::Push => {
                let Value::Array(items) = &mut node.value else {
                    return None;
                };
                let idx = match step {
                    Step::Index(i) => *i,
                    _ => items.len(),
                };
                if idx > 4096 {
                    return None;
                }
                while items.len() <= idx {
                    let filler = if last && items.len() == idx {
                        value.clone()
                    } else {
                        fresh(holder)
                    };
                    items.push(filler);
                }
                if last && replace {
                    items[idx] = value;
                    at.push(Step::Index(idx));
                    return Some(at);
                }
                at.push(Step::Index(idx));
                if last {
                    return Some(at);
                }
                node = &mut items[idx];
            }
        }
    }
    Some(at)
}

/// Deep-merge `extra` into `base`: objects merge by key, arrays concatenate, scalars replace;
/// an opaque expression in `base` stays opaque.
pub fn merge(base: &mut Node, extra: Node, depth: usize) {
    if depth > crate::frontend::MAX_DEPTH {
        return;
    }
    match (&mut base.value, extra.value) {
        (Value::Object(props), Value::Object(more)) => {
            for p in more {
                match props
                    .iter_mut()
                    .rev()
                    .find(|q| q.key.eq_ignore_ascii_case(&p.key))
                {
                    Some(q) => merge(&mut q.value, p.value, depth + 1),
                    None => props.push(p),
                }
            }
        }
        (Value::Array(items), Value::Array(more)) => items.extend(more),
        // An opaque value merged with structure is still opaque: replacing it would make
        // everything the expression provides look absent.
        (Value::Expr(_), Value::Object(_) | Value::Array(_)) => {}
        (_, v) => {
            base.value = v;
            base.span = extra.span;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_table_parses_and_every_path_is_valid() {
        let t = parse_table(TABLE_YAML).expect("mappings/azurerm.yaml parses");
        assert!(t.resources.len() >= 15, "{}", t.resources.len());
        fn check(rows: &[Row], n: &mut usize) {
            for r in rows {
                assert!(!r.tf.is_empty());
                for p in &r.arm {
                    // Round-trips through the model's path grammar.
                    assert_eq!(Path::parse(&p.to_string()).as_ref(), Ok(p), "{}", r.tf_text);
                }
                if !r.children.is_empty() {
                    assert!(r.transform.is_none() && r.value.is_none(), "{}", r.tf_text);
                }
                *n += 1;
                check(&r.children, n);
            }
        }
        let mut n = 0;
        check(&t.common, &mut n);
        for (name, r) in &t.resources {
            assert!(name.starts_with("azurerm_"), "{name}");
            assert!(r.arm_type.contains('/'), "{name}");
            check(&r.rows, &mut n);
        }
        assert!(n > 150, "{n} rows");
        assert_eq!(table().resources.len(), t.resources.len());
    }

    #[test]
    fn container_app_rows_cover_the_secret_paths() {
        let app = table()
            .get("azurerm_container_app")
            .expect("container app mapped");
        assert_eq!(app.arm_type, "Microsoft.App/containerApps");
        let secrets = app
            .rows
            .iter()
            .find(|r| r.tf_text == "secret[*]")
            .expect("secret row");
        assert_eq!(
            secrets.arm[0].to_string(),
            "properties.configuration.secrets[*]"
        );
        assert!(secrets
            .children
            .iter()
            .any(|c| c.tf_text == "value" && c.arm[0].to_string() == "value"));
        let env = table()
            .get("azurerm_container_app_environment")
            .expect("env");
        let mtls = env
            .rows
            .iter()
            .find(|r| r.tf_text == "mutual_tls_enabled")
            .expect("mtls");
        assert_eq!(mtls.arm.len(), 2);
        assert_eq!(mtls.default, Some(Scalar::Bool(false)));
    }

    #[test]
    fn schema_lists_exactly_the_known_transforms() {
        let schema: serde_json::Value =
            serde_json::from_str(include_str!("../../../schemas/mapping.schema.json"))
                .expect("schema is JSON");
        let names = schema["$defs"]["row"]["properties"]["transform"]["enum"]
            .as_array()
            .expect("transform enum")
            .iter()
            .map(|v| v.as_str().unwrap_or_default().to_string())
            .collect::<Vec<_>>();
        assert_eq!(names.len(), 9);
        for n in names {
            let t: Result<Transform, _> = serde_saphyr::from_str(&n);
            assert!(t.is_ok(), "schema transform `{n}` is unknown to the code");
        }
    }

    #[test]
    fn bad_rows_are_rejected() {
        let bad = "resources:\n  azurerm_x:\n    arm_type: A/b\n    attributes:\n      - { tf: \"a[*].b\", arm: properties.b }\n";
        assert!(parse_table(bad).unwrap_err().contains("[*]"));
        let bad = "resources:\n  azurerm_x:\n    arm_type: A/b\n    attributes:\n      - { tf: a, arm: \"x..y\" }\n";
        assert!(parse_table(bad).is_err());
        assert!(parse_tf_path("a.b-c").is_err());
    }
}
