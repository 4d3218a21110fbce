//! From the model back to Terraform: the attribute path a Terraform author wrote for an ARM
//! property path, by reading the mapping table (`mappings/azurerm.yaml`) backwards. Findings on
//! azurerm resources then name `template.container[0].env[1].secret_name`, not the ARM path
//! `properties.template.containers[0].env[1].secretRef`; azapi bodies are ARM-shaped, so their
//! paths are the ARM path under `body`.

use super::mapping::{table, Row};
use crate::model::Segment;

/// One step of a concrete model path (`properties.secrets[0].value`).
#[derive(Clone, Copy, Debug, PartialEq)]
enum Seg<'a> {
    Key(&'a str),
    Index(usize),
}

/// The Terraform path for `arm_path` of a resource of Terraform type `source_type`, or `None`
/// when the table does not map it (the caller keeps the ARM path then). `line` is the source
/// line the finding points at, when there is one: where two attributes map to one ARM property
/// (azurerm 3.x `enable_https_traffic_only`, 4.x `https_traffic_only_enabled`), the one
/// written there is named.
pub(crate) fn written_property(
    source_type: &str,
    arm_path: &str,
    line: Option<&str>,
) -> Option<String> {
    let segs = parse(arm_path)?;
    let table = table();
    let pick = |candidates: Vec<String>| -> Option<String> {
        let written = |path: &&String| {
            let last = path.rsplit('.').next().unwrap_or(path);
            let name = last.split('[').next().unwrap_or(last);
            line.is_some_and(|l| {
                l.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .any(|w| w == name)
            })
        };
        candidates
            .iter()
            .find(written)
            .or(candidates.first())
            .cloned()
    };
    if source_type.starts_with("azapi_") {
        // Top-level azapi arguments (`name`, `identity`, `parent_id`, ...) are mapped; the
        // rest lives in the ARM-shaped `body`.
        let rows: Vec<&Row> = table.azapi.iter().collect();
        return pick(reverse(&rows, &segs)).or_else(|| Some(format!("body.{arm_path}")));
    }
    let mapping = table.get(source_type)?;
    let rows: Vec<&Row> = table.common.iter().chain(&mapping.rows).collect();
    pick(reverse(&rows, &segs))
}

fn parse(path: &str) -> Option<Vec<Seg<'_>>> {
    let mut out = Vec::new();
    for part in path.split('.') {
        let (key, mut rest) = match part.find('[') {
            Some(i) => part.split_at_checked(i)?,
            None => (part, ""),
        };
        if !key.is_empty() {
            out.push(Seg::Key(key));
        }
        while let Some(inner) = rest.strip_prefix('[') {
            let close = inner.find(']')?;
            let (n, after) = inner.split_at_checked(close)?;
            out.push(Seg::Index(n.parse().ok()?));
            rest = after.strip_prefix(']')?;
        }
        if !rest.is_empty() {
            return None;
        }
    }
    Some(out)
}

/// How a row's ARM pattern matches the start of `segs`: how many segments it consumed and
/// the indexes its `[*]` took (fewer than the row's `[*]` when the path stops at an array).
fn match_prefix(pattern: &[Segment], segs: &[Seg<'_>]) -> Option<(usize, Vec<usize>)> {
    let mut indexes = Vec::new();
    for (i, p) in pattern.iter().enumerate() {
        let Some(s) = segs.get(i) else {
            // The path names the array itself (`ipSecurityRestrictions`): the block list.
            return pattern[i..]
                .iter()
                .all(|p| matches!(p, Segment::AnyIndex))
                .then_some((segs.len(), indexes));
        };
        match (p, s) {
            (Segment::Key(k), Seg::Key(s)) if k.eq_ignore_ascii_case(s) => {}
            (Segment::AnyIndex, Seg::Index(n)) => indexes.push(*n),
            (Segment::Index(k), Seg::Index(n)) if k == n => {}
            _ => return None,
        }
    }
    Some((pattern.len(), indexes))
}

/// Every Terraform path that explains `segs` through the rows that match its longest prefix,
/// in the table's order (several when attributes are aliases of one ARM property).
fn reverse(rows: &[&Row], segs: &[Seg<'_>]) -> Vec<String> {
    let mut best: Vec<(&Row, usize, Vec<usize>)> = Vec::new();
    for row in rows {
        for arm in &row.arm {
            if let Some((n, idx)) = match_prefix(&arm.segments, segs) {
                match best.first() {
                    Some((_, b, _)) if n < *b => {}
                    Some((_, b, _)) if n == *b => best.push((row, n, idx)),
                    _ => best = vec![(row, n, idx)],
                }
            }
        }
    }
    let mut out = Vec::new();
    for (row, consumed, indexes) in best {
        for path in written_by(row, consumed, &indexes, segs) {
            if !out.contains(&path) {
                out.push(path);
            }
        }
    }
    out
}

/// The Terraform paths of one matching row (with its children's for the rest of `segs`).
fn written_by(row: &Row, consumed: usize, indexes: &[usize], segs: &[Seg<'_>]) -> Vec<String> {
    let mut out = String::new();
    let mut it = indexes.iter();
    let repeated = row.tf.iter().filter(|s| s.each).count();
    let mut seen = 0;
    for step in &row.tf {
        if !out.is_empty() {
            out.push('.');
        }
        out.push_str(&step.name);
        if step.each {
            seen += 1;
            let index = it.next();
            // Several block types appended to one ARM array (scale rules): the ARM position
            // is not the block's position among its own kind, so name the block type only.
            if let Some(i) = index.filter(|_| !(row.append && seen == repeated)) {
                out.push_str(&format!("[{i}]"));
            }
        }
    }
    let rest = segs.get(consumed..).unwrap_or_default();
    if rest.is_empty() || row.children.is_empty() {
        // Done, or inside an attribute's value (a map key, an item of a list attribute): the
        // attribute is what the author wrote.
        return vec![out];
    }
    let children: Vec<&Row> = row.children.iter().collect();
    reverse(&children, rest)
        .into_iter()
        .map(|inner| format!("{out}.{inner}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::written_property;

    #[track_caller]
    fn check(tf_type: &str, arm: &str, expected: Option<&str>) {
        assert_eq!(
            written_property(tf_type, arm, None).as_deref(),
            expected,
            "{arm}"
        );
    }

    #[test]
    fn of_two_aliases_the_one_written_on_the_line_is_named() {
        let t = "azurerm_storage_account";
        let arm = "properties.supportsHttpsTrafficOnly";
        assert_eq!(
            written_property(t, arm, None).as_deref(),
            Some("https_traffic_only_enabled")
        );
        assert_eq!(
            written_property(t, arm, Some("  enable_https_traffic_only = false")).as_deref(),
            Some("enable_https_traffic_only")
        );
    }

    #[test]
    fn container_app_paths_read_as_terraform() {
        let t = "azurerm_container_app";
        check(
            t,
            "properties.template.containers[0].env[1].secretRef",
            Some("template.container[0].env[1].secret_name"),
        );
        check(
            t,
            "properties.configuration.secrets[2].value",
            Some("secret[2].value"),
        );
        check(
            t,
            "properties.configuration.registries[0].passwordSecretRef",
            Some("registry[0].password_secret_name"),
        );
        check(t, "identity.type", Some("identity.type"));
        check(t, "name", Some("name"));
        // An array named as a whole is the block list.
        check(t, "properties.configuration.secrets", Some("secret"));
    }

    #[test]
    fn unmapped_paths_and_types_keep_the_arm_path() {
        check("azurerm_container_app", "properties.noSuchThing.x", None);
        check("azurerm_not_a_resource", "identity.type", None);
        check("azurerm_container_app", "properties.a.b[", None);
    }

    #[test]
    fn azapi_bodies_are_arm_shaped() {
        check(
            "azapi_resource",
            "properties.configuration.secrets[0].value",
            Some("body.properties.configuration.secrets[0].value"),
        );
        check("azapi_resource", "identity.type", Some("identity.type"));
    }
}
