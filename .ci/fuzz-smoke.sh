#!/usr/bin/env bash
# Fuzz smoke test: build the cargo-fuzz targets in fuzz/ and run each for a few seconds
# (FUZZ_SECONDS, default 15) on seeds from testdata/ and ../shared/corpus, failing on any
# crash, timeout or out-of-memory. Skips cleanly (exit 0, "fuzz-smoke: SKIPPED: <why>")
# where cargo-fuzz is not installed or no toolchain here can build the targets.
# FUZZ_BUILD_SECONDS (default: no limit) bounds the build: CI passes what is left of its
# time budget, and a build that does not fit is SKIPPED, visibly, rather than making CI slow.
# Longer runs: see fuzz/README.md.
set -uo pipefail
cd "$(dirname "$0")/.."
seconds="${FUZZ_SECONDS:-15}"
targets=(fuzz_bicep fuzz_arm fuzz_terraform fuzz_yaml fuzz_pipeline)
start=$SECONDS

skip() {
    echo "fuzz-smoke: SKIPPED: $*"
    exit 0
}

command -v cargo >/dev/null 2>&1 || skip "cargo is not installed"
cargo fuzz --version >/dev/null 2>&1 ||
    skip "cargo-fuzz is not installed (cargo install cargo-fuzz)"

# `-s none` needs no sanitizer runtime, so stable Rust builds it (checked with 1.95); older
# stables may refuse cargo-fuzz's flags, which RUSTC_BOOTSTRAP=1 allows; else nightly.
log="$(mktemp)"
toolchain=""
bootstrap=""
built=""
for attempt in stable bootstrap nightly; do
    case "$attempt" in
        stable) toolchain="" bootstrap="" ;;
        bootstrap) toolchain="" bootstrap=1 ;;
        nightly)
            rustup toolchain list 2>/dev/null | grep -q '^nightly' || continue
            toolchain="+nightly" bootstrap=""
            ;;
    esac
    echo "fuzz-smoke: building the targets ($attempt toolchain)"
    limit=()
    if [ -n "${FUZZ_BUILD_SECONDS:-}" ]; then
        left=$((FUZZ_BUILD_SECONDS - (SECONDS - start)))
        [ "$left" -gt 0 ] || skip "the build time budget (FUZZ_BUILD_SECONDS=$FUZZ_BUILD_SECONDS) is spent"
        limit=(timeout "$left")
    fi
    RUSTC_BOOTSTRAP="$bootstrap" "${limit[@]}" cargo $toolchain fuzz build -s none >"$log" 2>&1
    code=$?
    if [ "$code" = 0 ]; then
        built="$attempt"
        break
    fi
    [ "$code" = 124 ] && skip "building the targets took longer than FUZZ_BUILD_SECONDS=$FUZZ_BUILD_SECONDS s"
    echo "fuzz-smoke: the $attempt build failed: $(grep -m1 -E '^error' "$log" || tail -n1 "$log")"
done
[ -n "$built" ] || skip "no toolchain here builds the fuzz targets (see the errors above)"
echo "fuzz-smoke: built with the $built toolchain in $((SECONDS - start)) s"

fuzz/seed.sh >/dev/null || { echo "fuzz-smoke: fuzz/seed.sh failed"; exit 1; }

run_start=$SECONDS
failed=()
for t in "${targets[@]}"; do
    case "$t" in
        fuzz_pipeline) dict=fuzz/corpus/pipeline.dict ;;
        *) dict="fuzz/dict/${t#fuzz_}.dict" ;;
    esac
    t0=$SECONDS
    # -max_len 256 KiB: long access chains and deep nesting need room; the time and memory
    # limits turn a hang or a blow-up into a failure with an artifact in fuzz/artifacts/.
    if RUSTC_BOOTSTRAP="$bootstrap" cargo $toolchain fuzz run -s none "$t" -- \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=262144 \
        -dict="$dict" -print_final_stats=1 >"$log" 2>&1; then
        runs="$(grep -m1 -oE '^stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$')"
        echo "fuzz-smoke: $t: ok, ${runs:-?} executions in $((SECONDS - t0)) s"
    else
        echo "fuzz-smoke: $t: FAILED after $((SECONDS - t0)) s"
        grep -E 'panicked|overflowed|ERROR: libFuzzer|SUMMARY|Test unit written|artifact_prefix' "$log" | head -n 20
        failed+=("$t")
    fi
done
echo "fuzz-smoke: runs took $((SECONDS - run_start)) s, $((SECONDS - start)) s in all"
if [ "${#failed[@]}" -gt 0 ]; then
    echo "fuzz-smoke: crashes in: ${failed[*]} (inputs in fuzz/artifacts/; see fuzz/README.md)"
    exit 1
fi
