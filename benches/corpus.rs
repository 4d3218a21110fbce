//! End-to-end benchmark: discover → parse → evaluate over a corpus folder, per format and
//! in total, plus single-file latency. Not a test: run it with
//!
//!     cargo bench --bench corpus [-- DIR]
//!
//! DIR defaults to `../shared/corpus`; without it the benchmark says so and exits.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use azlint::__internal::discover::{discover, Candidate, DiscoverOptions};
use azlint::__internal::lang::Language;
use azlint::{Engine, Input, Options};

/// An engine for the corpus folder: its own root, no configuration, defaults otherwise.
fn engine(dir: &std::path::Path) -> Engine {
    let opts = Options {
        root: Some(dir.to_path_buf()),
        no_config: true,
        no_ignore: true,
        ..Options::default()
    };
    Engine::new(&opts, dir, Some(dir)).expect("an engine for the corpus")
}

fn check(engine: &Engine, files: &[Candidate]) -> usize {
    let input = Input {
        paths: files.iter().map(|c| c.path.clone()).collect(),
        ..Input::default()
    };
    engine.check(&input).expect("check").findings.len()
}

fn main() {
    let dir = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"));
    if !dir.is_dir() {
        eprintln!(
            "corpus benchmark: {} not found, nothing to measure",
            dir.display()
        );
        return;
    }
    let dir = dir.canonicalize().unwrap_or(dir);
    let all = discover(
        std::slice::from_ref(&dir),
        &DiscoverOptions {
            no_ignore: true,
            max_file_bytes: azlint::__internal::frontend::MAX_FILE_BYTES,
            ..DiscoverOptions::default()
        },
        &|_| None,
    )
    .expect("discover");
    let engine = engine(&dir);
    println!(
        "corpus {} — {} files, {} threads",
        dir.display(),
        all.files.len(),
        rayon::current_num_threads()
    );
    println!(
        "{:<14} {:>6} {:>8} {:>10} {:>9} {:>9}",
        "format", "files", "MB", "best ms", "MB/s", "findings"
    );

    let groups: &[(&str, &[Language])] = &[
        ("bicep", &[Language::Bicep, Language::BicepParam]),
        ("arm", &[Language::Arm, Language::ArmParameters]),
        ("terraform", &[Language::Terraform, Language::TerraformVars]),
        ("yaml", &[Language::AcaYaml]),
        ("all", &[]),
    ];
    for (name, kinds) in groups {
        let files: Vec<Candidate> = all
            .files
            .iter()
            .filter(|c| kinds.is_empty() || kinds.contains(&c.language))
            .cloned()
            .collect();
        if files.is_empty() {
            continue;
        }
        let bytes: u64 = files
            .iter()
            .map(|c| std::fs::metadata(&c.path).map(|m| m.len()).unwrap_or(0))
            .sum();
        let mut best = Duration::MAX;
        let mut findings = 0;
        for _ in 0..5 {
            // Each check reads the files again: reading is part of the work.
            let t = Instant::now();
            findings = check(&engine, &files);
            best = best.min(t.elapsed());
        }
        let mb = bytes as f64 / 1e6;
        println!(
            "{:<14} {:>6} {:>8.2} {:>10.1} {:>9.1} {:>9}",
            name,
            files.len(),
            mb,
            best.as_secs_f64() * 1e3,
            mb / best.as_secs_f64(),
            findings
        );
    }

    // Bicep lexing + parsing alone (no lowering, no rules), single-threaded.
    let bicep: Vec<String> = all
        .files
        .iter()
        .filter(|c| matches!(c.language, Language::Bicep | Language::BicepParam))
        .filter_map(|c| std::fs::read_to_string(&c.path).ok())
        .collect();
    if !bicep.is_empty() {
        let bytes: usize = bicep.iter().map(String::len).sum();
        let mut best = Duration::MAX;
        for _ in 0..5 {
            let t = Instant::now();
            for text in &bicep {
                std::hint::black_box(azlint::__internal::frontend::bicep::parse_syntax(text));
            }
            best = best.min(t.elapsed());
        }
        println!(
            "bicep lex+parse only: {} files, {:.2} MB in {:.1} ms = {:.1} MB/s (one thread)",
            bicep.len(),
            bytes as f64 / 1e6,
            best.as_secs_f64() * 1e3,
            bytes as f64 / 1e6 / best.as_secs_f64()
        );
    }

    // Single-file latency (editor on-save): the median of 200 runs on a typical file.
    for kind in [Language::Bicep, Language::Arm, Language::Terraform] {
        let Some(c) = pick_typical(&all.files, kind) else {
            continue;
        };
        let mut times = Vec::with_capacity(200);
        for _ in 0..200 {
            let t = Instant::now();
            check(&engine, std::slice::from_ref(&c));
            times.push(t.elapsed());
        }
        times.sort();
        println!(
            "single file {:?} ({} bytes, {}): median {:.3} ms",
            kind,
            std::fs::metadata(&c.path).map(|m| m.len()).unwrap_or(0),
            c.path.strip_prefix(&dir).unwrap_or(&c.path).display(),
            times[times.len() / 2].as_secs_f64() * 1e3
        );
    }
}

/// The file of that kind whose size is closest to 8 KB (a typical hand-written template).
fn pick_typical(files: &[Candidate], kind: Language) -> Option<Candidate> {
    files
        .iter()
        .filter(|c| c.language == kind)
        .min_by_key(|c| {
            let len = std::fs::metadata(&c.path).map(|m| m.len()).unwrap_or(0) as i64;
            ((len - 8192).abs(), c.path.clone())
        })
        .cloned()
}
