//! Test support: build model documents through the real ARM front end.

use std::sync::Arc;

use azlint::__internal::frontend::{arm, Loader};
use azlint::__internal::model::Document;
use azlint::SourceFile;

/// Lower ARM JSON text into a `Document`, exactly as `azlint check` would.
pub fn arm_document(path: &str, text: &str) -> Document {
    let file = Arc::new(SourceFile::from_text(path, text));
    arm::parse_template(file, &Loader::new("."))
}

// ---------------------------------------------------------------------------------------
// Rule fixtures (`testdata/rules/<ID>/`), shared by the fixture and fix tests.

use std::path::{Path, PathBuf};

use azlint::__internal::lang::{ByName, Language};
use azlint::{Engine, Finding, Input, Options};

/// The format family of a fixture file (`bicep`, `arm`, `terraform`, `azapi`, `yaml`).
pub fn family(path: &Path) -> Option<&'static str> {
    let name = path.file_name()?.to_str()?;
    if name.ends_with(".azapi.tf") {
        return Some("azapi");
    }
    let language = match Language::by_name(path)? {
        ByName::Is(l) => l,
        ByName::Json => Language::Arm,
        ByName::Yaml => Language::AcaYaml,
    };
    language.info().families.first().copied()
}

pub fn is_terraform(path: &Path) -> bool {
    matches!(Language::by_name(path), Some(ByName::Is(l)) if l.is_terraform())
}

/// Copy `from` into `to`: the files `keep` accepts at the top level, sub-folders whole.
pub fn copy_dir(from: &Path, to: &Path, keep: &dyn Fn(&Path) -> bool) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            copy_dir(&p, &to.join(e.file_name()), &|_| true);
        } else if keep(&p) {
            std::fs::copy(&p, to.join(e.file_name())).unwrap();
        }
    }
}

/// A fixture file copied into a temporary folder with its folder's helper files (a module,
/// the template of a parameter file) but, of the Terraform files, only itself (and, for a
/// `.tfvars`, the `.tf` of the same stem): a Terraform folder is one module.
pub struct FixtureCopy {
    _tmp: tempfile::TempDir,
    pub root: PathBuf,
    pub target: PathBuf,
}

pub fn copy_fixture(path: &Path) -> FixtureCopy {
    let dir = path.parent().unwrap();
    let name = path.file_name().unwrap().to_str().unwrap();
    let stem = name.trim_end_matches(".tfvars");
    let pair = [format!("{stem}.tf"), format!("{stem}.azurerm.tf")];
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join(dir.file_name().unwrap());
    copy_dir(dir, &root, &|p| {
        let n = p.file_name().unwrap().to_str().unwrap();
        !is_terraform(p) || n == name || (name.ends_with(".tfvars") && pair.iter().any(|x| x == n))
    });
    FixtureCopy {
        target: root.join(name),
        root,
        _tmp: tmp,
    }
}

/// An engine over `root` (no config) with the default rules plus those of `profiles`.
pub fn engine(root: &Path, profiles: &[&str]) -> Engine {
    let opts = Options {
        root: Some(root.to_path_buf()),
        no_config: true,
        profiles: profiles.iter().map(|p| p.to_string()).collect(),
        ..Options::default()
    };
    Engine::new(&opts, root, Some(root)).expect("an engine")
}

/// The findings of `engine` for `paths`, as `azlint check <paths>` would report them.
pub fn check(engine: &Engine, paths: &[&Path]) -> Vec<Finding> {
    engine
        .check(&Input {
            paths: paths.iter().map(|p| p.to_path_buf()).collect(),
            ..Input::default()
        })
        .expect("check")
        .findings
}
