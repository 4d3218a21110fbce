//! `.azlint.yaml` end to end: discovery, precedence over flags, errors with positions.
//! AZL001 (`parse-error`, family `meta`; a non-UTF-8 file) is the finding used throughout.

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

/// A Bicep file that does not parse (AZL001, family `meta`, at 1:1).
const BAD: &[u8] = b"}\n";

struct Repo {
    _dir: tempfile::TempDir,
    root: PathBuf,
}

impl Repo {
    /// A repository with one unparseable file, `infra/bad.bicep`.
    fn new() -> Repo {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path().join("repo");
        std::fs::create_dir_all(root.join(".git")).unwrap();
        let repo = Repo { _dir: dir, root };
        repo.write("infra/bad.bicep", BAD);
        repo
    }

    fn write(&self, rel: &str, content: impl AsRef<[u8]>) {
        let p = self.root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, content).unwrap();
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_azlint"))
            .current_dir(&self.root)
            .args(args)
            .stdin(Stdio::null())
            .output()
            .expect("run azlint")
    }
}

fn code(o: &Output) -> i32 {
    o.status.code().expect("exit code")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn severity_override_and_fail_on_precedence() {
    let repo = Repo::new();
    repo.write(".azlint.yaml", "rules:\n  parse-error: note\n");
    let o = repo.run(&["check", "-f", "compact"]);
    assert_eq!(
        code(&o),
        0,
        "a note is below the default threshold: {}",
        stderr(&o)
    );
    assert!(
        stdout(&o).starts_with("infra/bad.bicep:1:1: note[AZL001]"),
        "{}",
        stdout(&o)
    );
    assert_eq!(
        code(&repo.run(&["check", "--fail-on", "note"])),
        1,
        "the flag lowers the threshold"
    );

    repo.write(
        ".azlint.yaml",
        "rules:\n  parse-error: note\nfail-on: note\n",
    );
    assert_eq!(code(&repo.run(&["check"])), 1, "fail-on from the file");
    assert_eq!(
        code(&repo.run(&["check", "--fail-on", "warning"])),
        0,
        "the flag wins over the file"
    );
}

#[test]
fn rules_can_be_turned_off_by_id_name_or_family_and_per_file() {
    let repo = Repo::new();
    for selector in ["AZL001", "parse-error", "meta"] {
        repo.write(".azlint.yaml", format!("rules:\n  {selector}: off\n"));
        let o = repo.run(&["check", "-f", "compact"]);
        assert_eq!((code(&o), stdout(&o).as_str()), (0, ""), "{selector}");
    }
    repo.write("test/fixture.bicep", BAD);
    repo.write(
        ".azlint.yaml",
        "overrides:\n  - files: ['test/**']\n    rules:\n      AZL001: off\n",
    );
    let o = repo.run(&["check", "-f", "compact"]);
    assert_eq!(stdout(&o).lines().count(), 1, "{}", stdout(&o));
    assert!(stdout(&o).starts_with("infra/bad.bicep"), "{}", stdout(&o));
}

#[test]
fn config_excludes_add_to_flags() {
    let repo = Repo::new();
    repo.write("legacy/old.bicep", BAD);
    repo.write(".azlint.yaml", "exclude:\n  - legacy/**\n");
    let o = repo.run(&["check", "-f", "compact"]);
    assert_eq!(stdout(&o).lines().count(), 1, "{}", stdout(&o));
    let o = repo.run(&["check", "-f", "compact", "--exclude", "infra/**"]);
    assert_eq!((code(&o), stdout(&o).as_str()), (0, ""));
}

#[test]
fn config_is_found_from_the_first_path_up_to_the_root() {
    let repo = Repo::new();
    repo.write("infra/.azlint.yaml", "rules:\n  parse-error: off\n");
    assert_eq!(
        code(&repo.run(&["check", "infra"])),
        0,
        "infra/.azlint.yaml applies to infra/"
    );
    assert_eq!(code(&repo.run(&["check", "infra/bad.bicep"])), 0);
    assert_eq!(
        code(&repo.run(&["check", "."])),
        1,
        "not when scanning from the root"
    );
    let o = repo.run(&["check", "-v", "infra"]);
    assert!(
        stderr(&o).contains("config infra/.azlint.yaml"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn explicit_config_file() {
    let repo = Repo::new();
    repo.write("ci/strict.yaml", "rules:\n  AZL001: note\n");
    assert_eq!(code(&repo.run(&["check", "--config", "ci/strict.yaml"])), 0);
    let o = repo.run(&["check", "--config", "ci/missing.yaml"]);
    assert_eq!(code(&o), 2);
    assert_eq!(
        stderr(&o),
        "azlint: error: --config ci/missing.yaml: no such file\n"
    );
}

#[test]
fn invalid_config_is_exit_2_with_the_line() {
    let repo = Repo::new();
    let cases = [
        ("rules:\n  parse-error: loud\n", ".azlint.yaml:2:"),
        ("rules: {}\nfail_on: error\n", ".azlint.yaml:2:"),
        (
            "# strict\nrules:\n  AZL001: error\n  AZL999: off\n",
            ".azlint.yaml:4:3: unknown rule",
        ),
        (
            "overrides:\n  - files: ['a/**']\n    rules:\n      no-such-rule: off\n",
            ".azlint.yaml:4:7: unknown rule",
        ),
        (
            "secret-name-exclusions:\n  - '(unclosed'\n",
            ".azlint.yaml:2:",
        ),
        ("rules: [AZL001]\n", ".azlint.yaml:1:"),
    ];
    for (text, expected) in cases {
        repo.write(".azlint.yaml", text);
        let o = repo.run(&["check"]);
        assert_eq!(code(&o), 2, "{text}");
        let err = stderr(&o);
        assert!(
            err.starts_with(&format!("azlint: error: {expected}")),
            "{text}\n→ {err}"
        );
        assert_eq!(err.lines().count(), 1, "one clear line: {err}");
    }
}

/// `secret-name-exclusions` tells the credential-name heuristics which names are not secrets.
#[test]
fn secret_name_exclusions_silence_name_based_findings() {
    let dir = tempfile::tempdir().unwrap();
    let bicep = "param legacyPassword string = 'not-a-secret-value'\n";
    std::fs::write(dir.path().join("main.bicep"), bicep).unwrap();
    let run = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_azlint"))
            .args(["check", ".", "-f", "compact", "--root", "."])
            .current_dir(dir.path())
            .output()
            .unwrap()
    };
    let o = run();
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("[AZL104]"), "{out}");
    std::fs::write(
        dir.path().join(".azlint.yaml"),
        "secret-name-exclusions: ['^legacy']\n",
    )
    .unwrap();
    let o = run();
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(!out.contains("[AZL104]"), "{out}");
    assert_eq!(o.status.code(), Some(0), "{out}");
}
