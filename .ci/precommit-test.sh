#!/usr/bin/env bash
# End-to-end test of the pre-commit hook (.pre-commit-hooks.yaml) against this repository's
# committed HEAD: pre-commit clones the repo at that commit and builds it with `cargo install`,
# exactly as a user's pre-commit would.
#
#   bash .ci/precommit-test.sh            # uses ~/.cache/azlint-precommit (override: AZLINT_PRECOMMIT_CACHE)
#
# Checks:
#   1. plumbing (always): committing an unparseable .bicep is blocked and AZL001 is printed;
#      a clean file commits; Terraform files are linted with their module folder.
#   2. detection: committing a Bicep file with a plaintext secret is blocked and the finding
#      is printed (without the secret); `pre-commit try-repo` over Bicep + ARM + Terraform
#      files fails and prints a finding for each of the three.
#
# Skips (exit 0) with a clear message only when PyPI is unreachable. Uncommitted changes are
# not part of the test: pre-commit installs the committed HEAD.
set -euo pipefail

REPO="$(cd "$(dirname "$0")/.." && pwd)"
cd "$REPO"
SHA="$(git rev-parse HEAD)"
CACHE="${AZLINT_PRECOMMIT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/azlint-precommit}"
VENV="$CACHE/venv"
FIXTURES="$REPO/testdata/workflow/precommit"
mkdir -p "$CACHE"

say() { printf '== %s\n' "$*"; }
fail() { printf 'FAIL: %s\n' "$*" >&2; exit 1; }

if [ -n "$(git status --porcelain --untracked-files=no)" ]; then
  say "note: uncommitted changes are not tested (pre-commit installs HEAD $SHA)"
fi

# --- pre-commit in a cached venv ---------------------------------------------------------
if [ ! -x "$VENV/bin/pre-commit" ]; then
  say "installing pre-commit into $VENV"
  python3 -m venv "$VENV"
  if ! "$VENV/bin/pip" install --quiet --disable-pip-version-check pre-commit; then
    if ! python3 - <<'EOF'
import sys, urllib.request
try:
    urllib.request.urlopen("https://pypi.org/simple/pre-commit/", timeout=10)
except Exception:
    sys.exit(1)
EOF
    then
      echo "SKIP: PyPI is unreachable, cannot install pre-commit"
      exit 0
    fi
    fail "pip install pre-commit failed although PyPI is reachable"
  fi
fi
PRE_COMMIT="$VENV/bin/pre-commit"
say "$("$PRE_COMMIT" --version)"

# The in-tree binary decides whether detection checks can run (see the header).
say "building the in-tree binary"
cargo build --quiet --bin azlint
AZLINT="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')/debug/azlint"

# The hook build is `cargo install --path .` (release). Share its target dir between runs and
# keep the build cheap: this tests the hook, not the optimiser.
export PRE_COMMIT_HOME="$CACHE/pre-commit-home"
export CARGO_TARGET_DIR="$CACHE/target"
export CARGO_PROFILE_RELEASE_LTO=off
export CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16
export CARGO_PROFILE_RELEASE_INCREMENTAL=true
detects() { ! "$AZLINT" check --format compact --root "$FIXTURES" "$@" >/dev/null 2>&1; }

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# --- a user repository using the hook ------------------------------------------------------
USER_REPO="$WORK/user"
git init --quiet "$USER_REPO"
cd "$USER_REPO"
git config user.email ci@example.invalid
git config user.name ci
git config commit.gpgsign false
cat > .pre-commit-config.yaml <<EOF
repos:
  - repo: $REPO
    rev: $SHA
    hooks:
      - id: azlint
EOF
git add .pre-commit-config.yaml
git commit --quiet -m "pre-commit config"
"$PRE_COMMIT" install --install-hooks >"$WORK/install.log" 2>&1 || { cat "$WORK/install.log"; fail "pre-commit install"; }

# commit_expect <blocked|passes> <message> <files...>: stage the files and try to commit.
commit_expect() {
  local expect="$1" msg="$2"
  shift 2
  git add -- "$@"
  if git commit --quiet -m "$msg" >"$WORK/commit.log" 2>&1; then
    [ "$expect" = passes ] || { cat "$WORK/commit.log"; fail "$msg: the commit was not blocked"; }
  else
    [ "$expect" = blocked ] || { cat "$WORK/commit.log"; fail "$msg: the commit was blocked"; }
    git reset --quiet
  fi
}

say "plumbing: an unparseable Bicep file blocks the commit"
printf 'resource app {{{\n' > broken.bicep
commit_expect blocked "unparseable file" broken.bicep
grep -q 'broken.bicep:1:14: error\[AZL001\]' "$WORK/commit.log" || { cat "$WORK/commit.log"; fail "AZL001 not printed"; }
rm broken.bicep

say "plumbing: a file that is not text blocks the commit"
printf '\xc3\x28 not utf-8\n' > garbled.bicep
commit_expect blocked "unreadable file" garbled.bicep
grep -q 'garbled.bicep:1:1: error\[AZL005\]' "$WORK/commit.log" || { cat "$WORK/commit.log"; fail "AZL005 not printed"; }
rm garbled.bicep

say "plumbing: a clean file commits"
cp "$FIXTURES/clean/app.bicep" app.bicep
commit_expect passes "clean file" app.bicep

say "plumbing: only the committed Terraform file is reported, its module folder is loaded"
mkdir -p mod
printf 'resource "x" {\n' > mod/unstaged.tf
printf 'variable "x" {\n  type = string\n}\n' > mod/variables.tf
commit_expect passes "terraform file beside an unparseable sibling" mod/variables.tf
rm mod/unstaged.tf

detects "$FIXTURES/secret/app.bicep" || fail "the in-tree binary does not flag testdata/workflow/precommit/secret/app.bicep"
if true; then
  say "detection: a plaintext secret blocks the commit and is printed"
  cp "$FIXTURES/secret/app.bicep" secret.bicep
  commit_expect blocked "plaintext secret" secret.bicep
  grep -Eq '^secret\.bicep:[0-9]+:[0-9]+: (error|warning)\[AZL[0-9]+\]' "$WORK/commit.log" ||
    { cat "$WORK/commit.log"; fail "the secret finding was not printed"; }
  if grep -q 'Pr0d-Passw0rd-2024!' "$WORK/commit.log"; then fail "the secret value was printed"; fi
  rm secret.bicep
fi

# --- try-repo over Bicep, ARM and Terraform -------------------------------------------------
say "try-repo: Bicep + ARM + Terraform"
TRY="$WORK/try"
git init --quiet "$TRY"
cp "$FIXTURES/mixed/"* "$TRY/"
cd "$TRY"
git add -A
try_repo() { "$PRE_COMMIT" try-repo "$REPO" azlint --ref "$SHA" "$@" >"$WORK/try.log" 2>&1; }
if try_repo --all-files; then cat "$WORK/try.log"; fail "try-repo passed on insecure files"; fi
for f in main.bicep azuredeploy.json main.tf; do
  detects "$FIXTURES/mixed/$f" || fail "the in-tree binary does not flag $f"
  grep -q "^$f:" "$WORK/try.log" || { cat "$WORK/try.log"; fail "no finding printed for $f"; }
done
printf 'resource "x" {\n' > broken.tf
git add broken.tf
if try_repo --files broken.tf; then cat "$WORK/try.log"; fail "try-repo passed on an unparseable file"; fi
grep -Eq '^broken\.tf:1:[0-9]+: error\[AZL001\]' "$WORK/try.log" || { cat "$WORK/try.log"; fail "try-repo: AZL001 not printed"; }

say "pre-commit hook test passed"
