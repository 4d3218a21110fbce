//! Deterministic mutation fuzzing of the Bicep front end: truncations, random byte and
//! bracket/quote insertions and deletions, and pathological nesting. Every input must
//! terminate without a panic; a panicking input is printed (escaped) for reproduction.

use crate::corpus_support;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use azlint::__internal::frontend::bicep::parse_file;
use azlint::__internal::frontend::Loader;
use azlint::__internal::model::{DiagnosticKind, Document};
use azlint::SourceFile;

/// A tiny LCG (Knuth MMIX constants): deterministic, no dependency.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

const TOKENS: &[&str] = &[
    "[",
    "]",
    "{",
    "}",
    "(",
    ")",
    "'",
    "'''",
    "${",
    "$'''",
    "\n",
    "\r\n",
    ",",
    ":",
    "::",
    ".?",
    "?",
    "??",
    "!",
    "...",
    "=>",
    "@",
    "#disable-next-line x\n",
    "/*",
    "*/",
    "//",
    "resource ",
    "param ",
    "for ",
    "if ",
    "\\",
    "\u{feff}",
    "é",
    "|",
    "<",
    ">",
    "=",
];

fn seeds() -> Vec<(String, String)> {
    let mut out = Vec::new();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/bicep");
    collect(&fixtures, &mut out, usize::MAX);
    // A sample of corpus files when present (bounded: this runs in debug builds).
    if let Some(corpus) = corpus_support::corpus_dir() {
        collect(&corpus.join("bicep-lang-samples"), &mut out, 80);
    }
    out
}

fn collect(dir: &Path, out: &mut Vec<(String, String)>, limit: usize) {
    let mut stack: Vec<PathBuf> = vec![dir.to_path_buf()];
    let mut found = 0;
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok()).map(|e| e.path()).collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                stack.push(p);
            } else if p
                .extension()
                .is_some_and(|e| e == "bicep" || e == "bicepparam")
                && found < limit
            {
                if let Ok(t) = std::fs::read_to_string(&p) {
                    if t.len() < 40_000 {
                        out.push((
                            p.file_name()
                                .unwrap_or_default()
                                .to_string_lossy()
                                .into_owned(),
                            t,
                        ));
                        found += 1;
                    }
                }
            }
        }
    }
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn mutate(rng: &mut Lcg, src: &str) -> String {
    let mut s = src.to_string();
    for _ in 0..1 + rng.below(4) {
        let at = floor_boundary(&s, rng.below(s.len() + 1));
        match rng.below(5) {
            0 => s.truncate(at),
            1 => {
                let end = floor_boundary(&s, at + rng.below(20));
                s.replace_range(at..end.max(at), "");
            }
            2 => s.insert(at, (b' ' + rng.below(95) as u8) as char),
            _ => s.insert_str(at, TOKENS[rng.below(TOKENS.len())]),
        }
    }
    s
}

/// Parse and lower `text` on a thread with the CLI's worker stack (rayon's 2 MiB default), so
/// that unbounded recursion shows up as it would in `azlint check` (a stack overflow aborts
/// the test binary); a panic fails the test with the input.
fn run(name: &str, text: &str) -> Document {
    let ext = if name.ends_with(".bicepparam") {
        "bicepparam"
    } else {
        "bicep"
    };
    let path = format!("fuzz/input.{ext}");
    let file = Arc::new(SourceFile::from_text(&path, text));
    let result = std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(move || parse_file(file, &Loader::new(".")))
        .expect("spawn")
        .join();
    match result {
        Ok(doc) => doc,
        Err(_) => panic!(
            "front end panicked on a mutation of {name}: {:?}",
            text.escape_debug().to_string()
        ),
    }
}

#[test]
fn mutations_never_panic() {
    let seeds = seeds();
    assert!(!seeds.is_empty());
    let mut rng = Lcg(0x5eed_b1ce);
    // `BICEP_FUZZ_ROUNDS=2000 cargo test --test it bicep_fuzz::` for a longer local run.
    let rounds = std::env::var("BICEP_FUZZ_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(50);
    for (name, text) in &seeds {
        for _ in 0..rounds {
            let m = mutate(&mut rng, text);
            run(name, &m);
        }
    }
}

#[test]
fn pathological_nesting_terminates() {
    let deep = 100_000;
    let cases = [
        format!("var a = {}", "[".repeat(deep)),
        format!("var a = {}", "{a:".repeat(deep)),
        format!("var a = {}", "(".repeat(deep)),
        format!("var a = {}1", "-".repeat(deep)),
        format!("var a = '{}'", "${'".repeat(deep / 4)),
        format!("type t = {}", "[".repeat(deep)),
        format!("var a = x{}", "[0]".repeat(deep)),
        format!("var a = 1{}", " ? 1 : 1".repeat(deep / 10)),
        format!(
            "resource a 'T@1' = {}",
            "{\nresource b 'T@1' = ".repeat(deep / 10)
        ),
        format!("var a = {}", "a => ".repeat(deep)),
        "[".repeat(deep),
        "'".repeat(deep),
        "${".repeat(deep),
        "@".repeat(deep),
        // Chains inside nesting: each level's chain is within the parser's limits, but the
        // tree is levels × chain deep (~60,000); dropping it recursively overflowed.
        nested_chains(" + 1"),
        nested_chains(".b"),
        nested_chains("[0]"),
    ];
    for (i, c) in cases.iter().enumerate() {
        run(&format!("nesting case {i}.bicep"), c);
    }
}

/// `var x = ((…(1 OP OP …) OP …) OP …)`: 120 paren levels, each with a 500-link chain.
fn nested_chains(link: &str) -> String {
    let mut e = "1".to_string();
    for _ in 0..120 {
        e = format!("({e}{})", link.repeat(500));
    }
    format!("var x = {e}\n")
}

#[test]
fn exponential_variable_inlining_is_bounded() {
    let mut src = String::from("var v0 = { a: 'x', b: 'y' }\n");
    for i in 1..60 {
        src.push_str(&format!("var v{i} = {{ a: v{}, b: v{} }}\n", i - 1, i - 1));
    }
    src.push_str("resource r 'T@1' = {\n  name: 'r'\n  properties: v59\n}\n");
    let start = std::time::Instant::now();
    let doc = run("inline.bicep", &src);
    // The copy budget stops the doubling early (it took 115 s and 23 GB in `inspect`): a
    // generous bound for a loaded debug build; it lowers in a fraction of a second.
    assert!(start.elapsed().as_secs() < 10, "took {:?}", start.elapsed());
    assert!(
        doc.diagnostics
            .iter()
            .any(|d| d.kind == DiagnosticKind::NotAnalysable),
        "{:?}",
        doc.diagnostics
    );
}
