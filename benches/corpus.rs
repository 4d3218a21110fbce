//! End-to-end benchmark: discover → parse → evaluate over a corpus folder, per format and
//! in total, plus single-file latency. Not a test: run it with
//!
//!     cargo bench --bench corpus [-- DIR]
//!
//! DIR defaults to `../shared/corpus`; without it the benchmark says so and exits.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use azlint::discover::{discover, Candidate, DiscoverOptions, Discovery};
use azlint::frontend::{FileKind, Loader};
use azlint::pipeline::{self, PipelineOptions};
use azlint::rules::RuleSet;

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
    let rules = RuleSet::builtin();
    let all = discover(std::slice::from_ref(&dir), &DiscoverOptions::default()).expect("discover");
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

    let groups: &[(&str, &[FileKind])] = &[
        ("bicep", &[FileKind::Bicep, FileKind::BicepParam]),
        ("arm", &[FileKind::ArmTemplate, FileKind::ArmParameters]),
        ("terraform", &[FileKind::Terraform, FileKind::TerraformVars]),
        ("yaml", &[FileKind::Yaml]),
        ("all", &[]),
    ];
    for (name, kinds) in groups {
        let files: Vec<Candidate> = all
            .files
            .iter()
            .filter(|c| kinds.is_empty() || kinds.contains(&c.kind))
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
            // A fresh loader each time: reading files is part of the work.
            let loader = Loader::new(&dir);
            let discovery = Discovery {
                files: files.clone(),
                skipped: Vec::new(),
            };
            let t = Instant::now();
            let out = pipeline::run(discovery, &loader, &rules, &PipelineOptions::default());
            best = best.min(t.elapsed());
            findings = out.findings.len();
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
        .filter(|c| matches!(c.kind, FileKind::Bicep | FileKind::BicepParam))
        .filter_map(|c| std::fs::read_to_string(&c.path).ok())
        .collect();
    if !bicep.is_empty() {
        let bytes: usize = bicep.iter().map(String::len).sum();
        let mut best = Duration::MAX;
        for _ in 0..5 {
            let t = Instant::now();
            for text in &bicep {
                std::hint::black_box(azlint::frontend::bicep::parse_syntax(text));
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
    for kind in [FileKind::Bicep, FileKind::ArmTemplate, FileKind::Terraform] {
        let Some(c) = pick_typical(&all.files, kind) else {
            continue;
        };
        let mut times = Vec::with_capacity(200);
        for _ in 0..200 {
            let loader = Loader::new(&dir);
            let discovery = Discovery {
                files: vec![c.clone()],
                skipped: Vec::new(),
            };
            let t = Instant::now();
            let _ = pipeline::run(discovery, &loader, &rules, &PipelineOptions::default());
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
fn pick_typical(files: &[Candidate], kind: FileKind) -> Option<Candidate> {
    files
        .iter()
        .filter(|c| c.kind == kind)
        .min_by_key(|c| {
            let len = std::fs::metadata(&c.path).map(|m| m.len()).unwrap_or(0) as i64;
            ((len - 8192).abs(), c.path.clone())
        })
        .cloned()
}
