#!/usr/bin/env bash
# Validate a SARIF file with Microsoft's SARIF multitool, including GitHub's ingestion rules.
#
#   .ci/validate-sarif.sh FILE.sarif
#
# Installs @microsoft/sarif-multitool with npm into a cache folder on first use
# (${XDG_CACHE_HOME:-$HOME/.cache}/azlint-ci/sarif), runs
#   validate FILE --rule-kind "Gh;Sarif"
# and prints every result. The multitool exits 0 even when it finds errors, so this script
# reads its report and exits 1 if any result has level "error". If npm cannot reach the
# registry it prints a skip message and exits 0 (the snapshot test still guards the shape).
set -euo pipefail

if [ $# -ne 1 ] || [ ! -f "$1" ]; then
    echo "usage: $0 FILE.sarif" >&2
    exit 2
fi
input=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")

cache="${XDG_CACHE_HOME:-$HOME/.cache}/azlint-ci/sarif"
version="${SARIF_MULTITOOL_VERSION:-5.7.0}"
tool="$cache/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"

case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) ;;
    *) echo "validate-sarif: SKIPPED: the multitool binary is only wired up for linux-x64 here" >&2
       exit 0 ;;
esac

if [ ! -x "$tool" ]; then
    mkdir -p "$cache"
    if ! command -v npm >/dev/null 2>&1; then
        echo "validate-sarif: SKIPPED: npm is not installed" >&2
        exit 0
    fi
    if ! npm ping --prefix "$cache" >/dev/null 2>&1; then
        echo "validate-sarif: SKIPPED: npm cannot reach the registry; SARIF not validated" >&2
        exit 0
    fi
    echo "validate-sarif: installing @microsoft/sarif-multitool@$version into $cache" >&2
    (cd "$cache" && { [ -f package.json ] || npm init -y >/dev/null; } \
        && npm install --no-audit --no-fund --loglevel=error "@microsoft/sarif-multitool@$version" >&2)
    # npm 11 may skip the package's postinstall chmod.
    chmod u+x "$tool" 2>/dev/null || true
fi

workdir=$(mktemp -d)
trap 'rm -rf "$workdir"' EXIT
report="$workdir/report.sarif"

# Called directly (not through bin.js, which spawns a shell and mangles the ';').
"$tool" validate "$input" --rule-kind "Gh;Sarif" -o "$report" --log ForceOverwrite >"$workdir/stdout" 2>&1 || {
    echo "validate-sarif: the multitool failed:" >&2
    cat "$workdir/stdout" >&2
    exit 1
}
if [ ! -s "$report" ]; then
    echo "validate-sarif: the multitool wrote no report:" >&2
    cat "$workdir/stdout" >&2
    exit 1
fi

python3 - "$report" "$1" <<'PY'
import json, sys

report_path, input_name = sys.argv[1], sys.argv[2]
with open(report_path, encoding="utf-8-sig") as fh:
    report = json.load(fh)

def message(run, result):
    """The result's text, expanding the rule's messageStrings template when there is one."""
    msg = result.get("message", {})
    if "text" in msg:
        return msg["text"]
    args = msg.get("arguments", [])
    driver = run.get("tool", {}).get("driver", {})
    rules = {r.get("id"): r for r in driver.get("rules", [])}
    template = (rules.get(result.get("ruleId"), {}).get("messageStrings", {})
                .get(msg.get("id", ""), {}).get("text"))
    if template is None:
        return "; ".join(args)
    for i, a in enumerate(args):
        template = template.replace("{%d}" % i, str(a))
    return template


counts = {}
for run in report.get("runs", []):
    for r in run.get("results", []):
        level = r.get("level", "warning")
        counts[level] = counts.get(level, 0) + 1
        region = ""
        for loc in r.get("locations", []):
            reg = loc.get("physicalLocation", {}).get("region", {})
            if reg:
                region = f":{reg.get('startLine', '?')}:{reg.get('startColumn', '?')}"
        print(f"{level:7} {r.get('ruleId', '?')}{region} {message(run, r)}")
summary = ", ".join(f"{n} {lvl}" for lvl, n in sorted(counts.items())) or "no issues"
print(f"validate-sarif: {input_name}: {summary}")
sys.exit(1 if counts.get("error") else 0)
PY
