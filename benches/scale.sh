#!/usr/bin/env bash
# Memory and time at scale: N copies of a corpus (hard links, so no extra disk), linted in one
# run by the release binary; prints files, findings, wall time and peak RSS.
#
#   benches/scale.sh [N] [CORPUS]      # defaults: 10 copies of ../shared/corpus
#
# Not a test (timings depend on the machine); the numbers go in the README's Performance.
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-10}"
corpus="${2:-../shared/corpus}"
[ -d "$corpus" ] || { echo "scale: $corpus not found"; exit 0; }
cargo build --release --quiet
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for i in $(seq 1 "$n"); do cp -al "$corpus" "$work/copy$i"; done
files=$(find "$work" -type f | wc -l)
bytes=$(du -sb --apparent-size "$work" | cut -f1)
/usr/bin/time -f '%e %M' -o "$work.time" ./target/release/azlint check "$work" --root "$work" \
    --no-ignore -f json -o "$work.json" || true
# /usr/bin/time writes "Command exited with non-zero status 1" first when there are findings.
read -r secs kb < <(tail -n 1 "$work.time")
findings=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['findings']))" "$work.json")
printf 'copies %s: %s files, %.0f MB, %s findings, %s s, peak RSS %.0f MB\n' \
    "$n" "$files" "$(echo "$bytes / 1000000" | bc -l)" "$findings" "$secs" "$(echo "$kb / 1024" | bc -l)"
rm -f "$work.time" "$work.json"
