//! azlint's integration tests, as one test binary: every file here is a module of it. One
//! binary links the library once instead of once per file (25 links of the whole crate on a
//! two-core machine), and tests from different files share the test runner's threads.
//!
//! Run one file's tests with `cargo test --test it cli_check::`, one test with
//! `cargo test --test it rule_fixtures::rule_AZL101`. Snapshots are in `snapshots/`, named
//! `it__<file>__<name>.snap` after the module path.
//!
//! Nothing here may change process-wide state (current folder, environment variables):
//! the tests of every file run in parallel in this one process. A test sets them on the child
//! `Command` instead.

// Shared helpers.
mod corpus_support;
mod lsp_client;
mod support;

mod arm_fixtures;
mod baseline_identity;
mod bicep_fuzz;
mod bicep_vs_compiled;
mod cli_check;
mod cli_compiled;
mod cli_config;
mod cli_engine;
mod cli_inspect;
mod cli_rules;
mod corpus_arm;
mod corpus_bicep;
mod corpus_findings;
mod corpus_terraform;
mod editors;
mod fixes;
mod lsp_e2e;
mod report_formats;
mod report_perf;
mod robustness;
mod rule_fixtures;
mod rules_catalogue;
mod rules_conditions;
mod secret_oracle;

/// Every test file is a module of this binary: a `tests/it/*.rs` not declared above would never
/// be compiled or run, and a `tests/*.rs` would be a separate binary (`autotests = false` in
/// Cargo.toml: it would not run either).
#[test]
fn every_test_file_is_a_module_of_this_binary() {
    let tests = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let main = std::fs::read_to_string(tests.join("it/main.rs")).unwrap();
    let rs_files = |dir: &std::path::Path| -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .filter_map(|e| e.ok())
            .filter_map(|e| e.file_name().into_string().ok())
            .filter(|n| n.ends_with(".rs"))
            .collect();
        names.sort();
        names
    };
    let outside = rs_files(&tests);
    assert!(
        outside.is_empty(),
        "move {outside:?} into tests/it/ and declare it in tests/it/main.rs"
    );
    let undeclared: Vec<String> = rs_files(&tests.join("it"))
        .into_iter()
        .filter(|n| n != "main.rs")
        .filter(|n| !main.contains(&format!("\nmod {};\n", n.trim_end_matches(".rs"))))
        .collect();
    assert!(
        undeclared.is_empty(),
        "declare {undeclared:?} in tests/it/main.rs (`mod name;`)"
    );
}
