#!/usr/bin/env bash
# Seed fuzz/corpus/<target>/ from testdata/ and, when present, the shared real-world corpus
# (../shared/corpus beside the checkout, or $AZLINT_CORPUS). Each seed is prefixed with the
# byte that makes the entry point read it as the right kind of file (see src/fuzz_api.rs).
# Idempotent: seeds are named by content hash. Usage: fuzz/seed.sh [max-per-language]
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/.." && pwd)"
max="${1:-300}"          # corpus files per language (testdata is always taken whole)
max_bytes=65536          # larger files slow every execution down

corpus_dir="${AZLINT_CORPUS:-}"
if [ -z "$corpus_dir" ]; then
    for c in "$repo/../shared/corpus" "$repo/../../shared/corpus"; do
        if [ -d "$c" ]; then corpus_dir="$(cd "$c" && pwd)"; break; fi
    done
fi

# seed TARGET SELECTOR-BYTE FILE: copy FILE into corpus/TARGET, named by content hash and
# prefixed by the selector byte (octal, as printf wants it; empty for none).
seed() {
    local target="$1" byte="$2" file="$3" dir="$here/corpus/$1"
    mkdir -p "$dir"
    local tmp sum
    tmp="$(mktemp)"
    if [ -n "$byte" ]; then printf "\\$byte" >"$tmp"; fi
    cat "$file" >>"$tmp"
    sum="$(sha1sum "$tmp" | cut -c1-40)"
    mv "$tmp" "$dir/$sum"
}

# The selector bytes (first byte modulo the number of choices in src/fuzz_api.rs).
# bicep: 0 .bicep, 1 .bicepparam; arm: 0 template, 1 parameters;
# terraform: 0 .tf, 1 .tfvars, 2 .tf.json, 3 .tfvars.json;
# pipeline: 0 .bicep, 1 .bicepparam, 2 template, 3 parameters, 4 .tf, 5 .tfvars, 6 .tf.json, 7 .yaml.
classify() {
    local f="$1" name
    name="$(basename "$f" | tr 'A-Z' 'a-z')"
    case "$name" in
        *.bicepparam) echo "bicep 001 1" ;;
        *.bicep) echo "bicep 000 0" ;;
        *.tfvars.json) echo "terraform 003 5" ;;
        *.tf.json) echo "terraform 002 6" ;;
        *.tfvars) echo "terraform 001 5" ;;
        *.tf) echo "terraform 000 4" ;;
        *.yaml | *.yml) echo "yaml - 7" ;;
        *.json)
            if head -c 4096 "$f" | grep -qi 'deploymentParameters'; then echo "arm 001 3"
            elif head -c 4096 "$f" | grep -qi 'deploymentTemplate'; then echo "arm 000 2"
            fi ;;
    esac
}

add() {
    local f="$1" target byte pbyte
    [ "$(wc -c <"$f")" -le "$max_bytes" ] || return 0
    read -r target byte pbyte <<<"$(classify "$f")" || return 0
    [ -n "${target:-}" ] || return 0
    if [ "$byte" = "-" ]; then seed "fuzz_$target" "" "$f"; else seed "fuzz_$target" "$byte" "$f"; fi
    seed fuzz_pipeline "00$pbyte" "$f"
}

count=0
while IFS= read -r -d '' f; do add "$f"; count=$((count + 1)); done \
    < <(find "$repo/testdata" "$repo/examples" -type f -print0 2>/dev/null)
echo "fuzz/seed.sh: $count testdata files"

if [ -n "$corpus_dir" ]; then
    for pattern in '*.bicep' '*.bicepparam' '*.json' '*.tf' '*.tfvars' '*.yaml' '*.yml'; do
        n=0
        while IFS= read -r -d '' f; do
            add "$f"
            n=$((n + 1))
            [ "$n" -lt "$max" ] || break
        done < <(find "$corpus_dir" -type f -name "$pattern" -size -"$((max_bytes / 1024 + 1))"k -print0 | sort -z | shuf -z --random-source=<(yes))
        echo "fuzz/seed.sh: $n corpus files matching $pattern"
    done
else
    echo "fuzz/seed.sh: no shared corpus found (set AZLINT_CORPUS); testdata only"
fi

# The pipeline target reads every language: its dictionary is all of them.
cat "$here"/dict/bicep.dict "$here"/dict/arm.dict "$here"/dict/terraform.dict \
    "$here"/dict/yaml.dict >"$here/corpus/pipeline.dict"
for t in "$here"/corpus/fuzz_*; do
    echo "fuzz/seed.sh: $(basename "$t"): $(find "$t" -type f | wc -l) seeds"
done
