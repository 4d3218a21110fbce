//! Every `.bicep`/`.bicepparam` in the shared corpus parses: valid files with zero syntax
//! errors; the compiler's `Invalid*` baselines without panicking and still with declarations.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use azlint::frontend::bicep::{parse_file, parse_syntax};
use azlint::frontend::Loader;
use azlint::source::SourceFile;

/// `../shared/corpus` next to the repository (or two levels up for a worktree under
/// `wt/`), or `$AZLINT_CORPUS`.
fn corpus_dir() -> PathBuf {
    if let Some(p) = std::env::var_os("AZLINT_CORPUS") {
        return PathBuf::from(p);
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let near = root.join("../shared/corpus");
    if near.is_dir() {
        return near;
    }
    root.join("../../shared/corpus")
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = rd.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            collect(&p, out);
        } else if p
            .extension()
            .is_some_and(|e| e == "bicep" || e == "bicepparam")
        {
            out.push(p);
        }
    }
}

/// The compiler's samples that are semantically (not syntactically) invalid: a type checker
/// rejects them, a parser must accept them.
const SEMANTIC_ONLY: &[&str] = &[
    "InvalidExtensions_CRLF",
    "InvalidLoadFunctions_CRLF",
    "InvalidModulesManagementGroup_LF",
    "InvalidModulesSubscription_LF",
    "InvalidModulesTenant_LF",
    "InvalidRuntimeValueUsages_LF",
];

#[derive(PartialEq)]
enum Expect {
    /// Zero syntax errors.
    Valid,
    /// `baselines/Invalid*`: errors, no panic, declarations still recovered.
    Errors,
    /// May or may not have syntax errors (`.bicepparam` of `baselines_bicepparam/Invalid_*`,
    /// whose faults are mostly semantic; documentation skeletons with `<placeholders>`).
    Tolerated,
}

fn expectation(p: &Path, text: &str) -> Expect {
    let s = p.to_string_lossy().replace('\\', "/");
    if let Some(i) = s.find("bicep-lang-samples/baselines/") {
        let folder = s[i..].split('/').nth(2).unwrap_or("");
        if folder.starts_with("Invalid") {
            return if SEMANTIC_ONLY.contains(&folder) {
                Expect::Tolerated
            } else {
                Expect::Errors
            };
        }
    }
    if let Some(i) = s.find("bicep-lang-samples/baselines_bicepparam/") {
        let folder = s[i..].split('/').nth(2).unwrap_or("");
        if folder.starts_with("Invalid") && s.ends_with(".bicepparam") {
            return Expect::Tolerated;
        }
    }
    // Documentation skeletons (`module <symbolic-name> '<path-to-file>' = …`) are not Bicep.
    if text.contains("<symbolic-name>") {
        return Expect::Tolerated;
    }
    Expect::Valid
}

#[test]
fn corpus_parses() {
    let dir = corpus_dir();
    if !dir.is_dir() {
        eprintln!("skipping: corpus not found at {}", dir.display());
        return;
    }
    let mut files = Vec::new();
    collect(&dir, &mut files);
    let loader = Loader::new(&dir);
    let mut failures = Vec::new();
    let (mut valid, mut invalid, mut tolerated, mut bytes) = (0usize, 0usize, 0usize, 0usize);
    let mut syntax_time = std::time::Duration::ZERO;
    let mut full_time = std::time::Duration::ZERO;
    for path in &files {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        bytes += text.len();
        let t0 = Instant::now();
        let (program, errors) = parse_syntax(&text);
        syntax_time += t0.elapsed();
        let file = Arc::new(SourceFile::from_text(path, text.as_str()));
        let t1 = Instant::now();
        let doc = parse_file(file.clone(), &loader);
        full_time += t1.elapsed();
        match expectation(path, &text) {
            Expect::Valid => {
                valid += 1;
                for e in errors.iter().take(3) {
                    let (line, col) = file.line_col(e.start);
                    failures.push(format!("{}:{line}:{col}: {}", path.display(), e.message));
                }
            }
            Expect::Errors => {
                invalid += 1;
                if errors.is_empty() {
                    failures.push(format!(
                        "{}: an Invalid sample without syntax errors",
                        path.display()
                    ));
                }
                assert!(
                    !program.statements.is_empty(),
                    "{}: no declarations recovered",
                    path.display()
                );
            }
            Expect::Tolerated => tolerated += 1,
        }
        assert_eq!(doc.diagnostics.len(), errors.len());
    }
    let mb = bytes as f64 / 1e6;
    eprintln!(
        "bicep corpus: {valid} valid + {invalid} invalid + {tolerated} tolerated files, {mb:.2} MB; lex+parse {:.1} MB/s, full front end {:.1} MB/s",
        mb / syntax_time.as_secs_f64().max(1e-9),
        mb / full_time.as_secs_f64().max(1e-9)
    );
    if !failures.is_empty() {
        for f in failures.iter().take(60) {
            eprintln!("{f}");
        }
        panic!("{} corpus expectations failed", failures.len());
    }
}
