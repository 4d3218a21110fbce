//! Embeds every `rules/*.yaml` file in the binary: writes `OUT_DIR/rules.rs` containing
//! `&[(file name, contents)]`, sorted by file name so the catalogue order is deterministic;
//! `OUT_DIR/rule_fixture_tests.rs`, one `#[test]` per rule for tests/it/rule_fixtures.rs; and
//! `OUT_DIR/rule_data.rs`, the predicates' word lists and patterns from `rules/data/*.yaml`
//! as `const` slices (see build/rule_data.rs for why, and what is checked).

use std::fmt::Write;
use std::path::Path;

#[path = "build/rule_data.rs"]
mod rule_data;

fn main() {
    // Read at run time: a build script binary reused from another checkout must still embed
    // this checkout's rules.
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR");
    let dir = Path::new(&manifest).join("rules");
    println!("cargo:rerun-if-changed=rules");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml")))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    let mut out = String::from("&[\n");
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let name = f.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let _ = writeln!(
            out,
            "    ({name:?}, include_str!({:?})),",
            f.display().to_string()
        );
    }
    out.push(']');
    let out_dir = std::env::var("OUT_DIR").expect("OUT_DIR");
    std::fs::write(Path::new(&out_dir).join("rules.rs"), out).expect("write rules.rs");

    // One test per rule for tests/it/rule_fixtures.rs (`include!`d there), so a failing rule is
    // named by the test runner and the rules run in parallel.
    let mut tests = String::new();
    for f in &files {
        let Some(id) = f.file_stem().and_then(|n| n.to_str()) else {
            continue;
        };
        let _ = writeln!(
            tests,
            "#[test]\n#[allow(non_snake_case)]\nfn rule_{id}() {{\n    check_rule({id:?});\n}}"
        );
    }
    std::fs::write(Path::new(&out_dir).join("rule_fixture_tests.rs"), tests)
        .expect("write rule_fixture_tests.rs");

    // The predicates' domain data. A malformed file stops the build with its position.
    println!("cargo:rerun-if-changed=build/rule_data.rs");
    let data_dir = dir.join("data");
    println!("cargo:rerun-if-changed={}", data_dir.display());
    let mut data: Vec<(String, String)> = Vec::new();
    let entries = std::fs::read_dir(&data_dir).unwrap_or_else(|e| {
        fail(&format!("rules/data: {e}"));
    });
    for entry in entries.filter_map(|e| e.ok()) {
        let path = entry.path();
        println!("cargo:rerun-if-changed={}", path.display());
        let name = entry.file_name().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| fail(&format!("rules/data/{name}: {e}")));
        data.push((name, text));
    }
    data.sort();
    let code = rule_data::generate(&data).unwrap_or_else(|e| fail(&e));
    std::fs::write(Path::new(&out_dir).join("rule_data.rs"), code).expect("write rule_data.rs");
}

/// Stop the build with a message cargo shows under the build script's stderr.
fn fail(message: &str) -> ! {
    eprintln!("error: {message}");
    std::process::exit(1)
}
