//! The findings the engine creates itself rather than a YAML check: parse errors, opaque
//! constructs, suppression problems, unreadable paths and internal errors. Their ids and
//! names are written here once; their titles and help live in `rules/AZL00N.yaml`
//! (`kind: builtin`), so `azlint explain`, the config and SARIF treat them like any rule.

/// An engine-created finding kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MetaRule {
    pub id: &'static str,
    pub name: &'static str,
}

pub const PARSE_ERROR: MetaRule = MetaRule {
    id: "AZL001",
    name: "parse-error",
};
pub const NOT_ANALYSABLE: MetaRule = MetaRule {
    id: "AZL002",
    name: "not-analysable",
};
pub const SUPPRESSION_WITHOUT_REASON: MetaRule = MetaRule {
    id: "AZL003",
    name: "suppression-without-reason",
};
pub const UNUSED_SUPPRESSION: MetaRule = MetaRule {
    id: "AZL004",
    name: "unused-suppression",
};
pub const UNREADABLE: MetaRule = MetaRule {
    id: "AZL005",
    name: "unreadable-file",
};
pub const INTERNAL_ERROR: MetaRule = MetaRule {
    id: "AZL006",
    name: "internal-error",
};

#[cfg(test)] // only the tests use the list
pub const ALL: &[MetaRule] = &[
    PARSE_ERROR,
    NOT_ANALYSABLE,
    SUPPRESSION_WITHOUT_REASON,
    UNUSED_SUPPRESSION,
    UNREADABLE,
    INTERNAL_ERROR,
];

#[cfg(test)]
mod tests {
    #[test]
    fn every_meta_rule_has_its_builtin_yaml() {
        let rules = crate::rules::RuleSet::builtin();
        for m in super::ALL {
            let meta = rules
                .get(m.id)
                .unwrap_or_else(|| panic!("{} has no YAML", m.id));
            assert_eq!(meta.name, m.name);
            assert_eq!(meta.family, "meta");
        }
    }
}
