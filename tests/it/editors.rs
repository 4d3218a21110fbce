//! The README's Neovim snippets, run as written in a real headless Neovim: with the snippet as
//! the whole configuration, opening an insecure Bicep file (and a new Terraform file) must
//! bring azlint's diagnostics into `vim.diagnostic`.
//!
//! Uses `nvim` from PATH, or the binaries listed in `AZLINT_NVIM` (`:`-separated); skips with a
//! message on stderr when there is none. Each snippet runs on the versions it is written for
//! (the 0.7 one everywhere, the 0.11 one where `vim.lsp.config` exists).

use std::path::{Path, PathBuf};
use std::process::Command;

const INSECURE: &str = "resource app 'Microsoft.App/containerApps@2025-07-01' = {\n  name: 'web'\n  properties: {\n    configuration: {\n      secrets: [\n        {\n          name: 'db'\n          value: 'hunter2-hunter2'\n        }\n      ]\n    }\n  }\n}\n";
const TERRAFORM: &str = "resource \"azurerm_container_app\" \"web\" {\n  name = \"web\"\n  secret {\n    name  = \"db\"\n    value = \"hunter2-hunter2\"\n  }\n}\n";

/// The first ```lua block after `<!-- editors:NAME -->` in the README.
fn snippet(name: &str) -> String {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README");
    let marker = format!("<!-- editors:{name} -->");
    let at = readme
        .find(&marker)
        .unwrap_or_else(|| panic!("README has no {marker}"));
    let rest = &readme[at..];
    let start = rest.find("```lua\n").expect("a lua block") + "```lua\n".len();
    let end = rest[start..].find("```").expect("the block ends");
    rest[start..start + end].to_string()
}

fn neovims() -> Vec<PathBuf> {
    if let Some(list) = std::env::var_os("AZLINT_NVIM") {
        return std::env::split_paths(&list).collect();
    }
    let found = Command::new("nvim")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if found {
        vec![PathBuf::from("nvim")]
    } else {
        Vec::new()
    }
}

/// After the snippet: once Neovim has started (file types detected, the file given on the
/// command line loaded), wait for diagnostics, write `code line col` lines (or `SKIP`) to
/// `out`, quit.
fn harness(out: &Path, needs_config_api: bool) -> String {
    format!(
        r#"
local out_path = {out:?}
local function finish(lines)
  local f = io.open(out_path, "w")
  f:write(table.concat(lines, "\n") .. "\n")
  f:close()
  vim.cmd("qa!")
end
vim.api.nvim_create_autocmd("VimEnter", {{ callback = function()
  vim.schedule(function()
    if {needs} and vim.lsp.config == nil then
      finish({{ "SKIP " .. tostring(vim.version().minor) }})
      return
    end
    local buf = vim.api.nvim_get_current_buf()
    vim.wait(20000, function() return #vim.diagnostic.get(buf) > 0 end, 50)
    local lines = {{}}
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or "?"
      table.insert(lines, string.format("%s %d %d", code, d.lnum, d.col))
    end
    finish(lines)
  end)
end }})
"#,
        out = out.display().to_string(),
        needs = needs_config_api,
    )
}

/// Run `snippet` in `nvim` on `file`; the diagnostics (`None` when the version is skipped).
fn run(nvim: &Path, snippet: &str, file: &Path, needs_config_api: bool) -> Option<Vec<String>> {
    let dir = file.parent().unwrap();
    let init = dir.join("init.lua");
    let out = dir.join("result.txt");
    let _ = std::fs::remove_file(&out);
    // On versions the snippet is not written for, it is not run (it would stop the file).
    let body = if needs_config_api {
        format!("if vim.lsp.config ~= nil then\n{snippet}\nend")
    } else {
        snippet.to_string()
    };
    std::fs::write(
        &init,
        format!("{body}\n{}", harness(&out, needs_config_api)),
    )
    .unwrap();
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_azlint")).parent().unwrap();
    let path = std::env::join_paths(std::iter::once(bin_dir.to_path_buf()).chain(
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
    ))
    .unwrap();
    let state = dir.join("xdg");
    let o = Command::new(nvim)
        .args(["--headless", "-u"])
        .arg(&init)
        .arg(file)
        .current_dir(dir)
        .env("PATH", path)
        // Keep the user's own state and logs out of the test.
        .env("XDG_STATE_HOME", &state)
        .env("XDG_DATA_HOME", &state)
        .env("XDG_CONFIG_HOME", &state)
        .output()
        .expect("nvim runs");
    let result = std::fs::read_to_string(&out).unwrap_or_else(|_| {
        panic!(
            "{} wrote no result:\nstdout: {}\nstderr: {}",
            nvim.display(),
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        )
    });
    if result.starts_with("SKIP") {
        eprintln!(
            "SKIPPED: the snippet needs Neovim 0.11 ({} is 0.{})",
            nvim.display(),
            result.trim().trim_start_matches("SKIP ")
        );
        return None;
    }
    Some(result.lines().map(String::from).collect())
}

#[test]
fn readme_neovim_snippets_work_as_written() {
    let nvims = neovims();
    if nvims.is_empty() {
        eprintln!("SKIPPED: nvim is not installed (apt-get install neovim, or set AZLINT_NVIM)");
        return;
    }
    for nvim in nvims {
        for (name, needs_config_api) in [("nvim-0.7", false), ("nvim-0.11", true)] {
            let code = snippet(name);
            let dir = tempfile::tempdir().unwrap();
            std::fs::create_dir(dir.path().join(".git")).unwrap();
            let bicep = dir.path().join("app.bicep");
            std::fs::write(&bicep, INSECURE).unwrap();
            let Some(diags) = run(&nvim, &code, &bicep, needs_config_api) else {
                continue;
            };
            // AZL101 on the secret's value, 0-based line 7, byte column 17.
            assert!(
                diags.iter().any(|d| d == "AZL101 7 17"),
                "{name} in {}: {diags:?}",
                nvim.display()
            );
            // A new .tf file (Neovim gives it the `tf` file type) is linted too.
            let tf = dir.path().join("new.tf");
            let tf_code = format!(
                "{code}\nvim.api.nvim_create_autocmd('BufNewFile', {{ pattern = '*.tf', callback = function(a) vim.api.nvim_buf_set_lines(a.buf, 0, -1, false, vim.split({TERRAFORM:?}, '\\n')) end }})\n"
            );
            let diags = run(&nvim, &tf_code, &tf, needs_config_api).unwrap_or_default();
            assert!(
                diags.iter().any(|d| d.starts_with("AZL101 4 ")),
                "{name} in {} on a new .tf: {diags:?}",
                nvim.display()
            );
            eprintln!("ran the README's {name} snippet in {}", nvim.display());
        }
    }
}
