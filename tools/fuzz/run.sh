#!/usr/bin/env bash
# make fuzz: builds the libFuzzer targets of Fuzz/ (with AddressSanitizer) and runs them for a
# bounded time against the committed seed corpus.
#
#   bash tools/fuzz/run.sh            fuzz for FUZZ_SECONDS (default 600) of wall-clock time
#   bash tools/fuzz/run.sh replay     run every file of fixtures/fuzz-regressions once, under ASan
#
# FUZZ_SECONDS   wall-clock budget (default 600). With two cores or more both targets run side by
#                side for the whole budget; on one core they run one after the other, half each.
# FUZZ_TARGETS   which targets (default "container xml").
# FUZZ_MINIMIZE  1 (default) to minimise a crashing input for up to 60 s before keeping it.
#
# Exits 0 when no target found anything; 1 when one crashed, hung (-timeout=10) or passed
# -rss_limit_mb=1024: each such input is kept under fixtures/fuzz-regressions/ (an XML input is
# kept as the workbook it was wrapped into) and the log says how to replay it.
set -uo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"

case "${1:-}" in
    "" | replay) ;;
    *)
        echo "usage: bash tools/fuzz/run.sh [replay]   (FUZZ_SECONDS, FUZZ_TARGETS, FUZZ_MINIMIZE)" >&2
        exit 64
        ;;
esac

SWIFT="${SWIFT:-swift}"
FUZZ_SECONDS="${FUZZ_SECONDS:-600}"
FUZZ_TARGETS="${FUZZ_TARGETS:-container xml}"
FUZZ_MINIMIZE="${FUZZ_MINIMIZE:-1}"
if ! [[ "$FUZZ_SECONDS" =~ ^[0-9]+$ ]] || [ "$FUZZ_SECONDS" -lt 2 ]; then
    echo "fuzz: FUZZ_SECONDS must be a whole number of seconds (at least 2), not '$FUZZ_SECONDS'" >&2
    exit 64
fi
WORK="$ROOT/Fuzz/.build/fuzz"              # working corpora, logs, artifacts: never committed
SEEDS="$ROOT/fixtures/fuzz-corpus"
REGRESSIONS="$ROOT/fixtures/fuzz-regressions"
BIN="$ROOT/Fuzz/.build/release"

build() {
    echo "fuzz: building the fuzz targets (release, -sanitize=fuzzer,address) in Fuzz/.build"
    # Swift code: coverage + libFuzzer + ASan; `-parse-as-library` because the targets define no
    # `main`. C code (CXMLBridge, FuzzerMain): coverage and ASan without linking libFuzzer twice.
    "$SWIFT" build -c release --package-path "$ROOT/Fuzz" \
        -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library \
        -Xcc -fsanitize=fuzzer-no-link,address
}

# A target that crashed (and each run while minimising) leaves its scratch file behind: on exit,
# remove those of processes that no longer exist.
remove_stale_scratch_files() {
    local scratch pid
    for scratch in /dev/shm/sigap-fuzz-*.xlsx "${TMPDIR:-/tmp}"/sigap-fuzz-*.xlsx; do
        [ -e "$scratch" ] || continue
        pid="${scratch##*/sigap-fuzz-}"
        pid="${pid%.xlsx}"
        kill -0 "$pid" 2>/dev/null || rm -f "$scratch"
    done
}
trap remove_stale_scratch_files EXIT

if ! build; then
    echo "fuzz: the build failed" >&2
    exit 2
fi

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:symbolize=1:malloc_context_size=10}"
# Swift's own crash backtracer reads the crashed process's memory from a helper thread, which ASan
# then reports as a wild read instead of the real trap: let libFuzzer and ASan report traps.
export SWIFT_BACKTRACE="${SWIFT_BACKTRACE:-enable=no}"
if [ -z "${ASAN_SYMBOLIZER_PATH:-}" ]; then
    for candidate in "$(dirname "$(command -v "$SWIFT")")/llvm-symbolizer" "$(command -v llvm-symbolizer || true)"; do
        if [ -x "$candidate" ]; then
            export ASAN_SYMBOLIZER_PATH="$candidate"
            break
        fi
    done
fi

if [ "${1:-}" = "replay" ]; then
    shopt -s nullglob
    files=("$REGRESSIONS"/*)
    if [ ${#files[@]} -eq 0 ]; then
        echo "fuzz: no regression inputs in fixtures/fuzz-regressions"
        exit 0
    fi
    # Every kept input is a workbook, so the container target replays them all.
    "$BIN/fuzz-container" -timeout=10 -rss_limit_mb=1024 "${files[@]}"
    exit $?
fi

max_len() { [ "$1" = container ] && echo 65536 || echo 16384; }

targets=($FUZZ_TARGETS)
cores="$(nproc 2>/dev/null || echo 1)"
if [ "$cores" -ge 2 ]; then
    per_target="$FUZZ_SECONDS"
    parallel=1
else
    per_target=$((FUZZ_SECONDS / ${#targets[@]}))
    parallel=0
fi

run_target() {
    local target="$1"
    mkdir -p "$WORK/corpus/$target" "$WORK/artifacts/$target" "$WORK/logs"
    rm -f "$WORK/artifacts/$target"/*
    local started
    started="$(date +%s)"
    # The working corpus comes first: libFuzzer writes new inputs there, never into the seeds.
    "$BIN/fuzz-$target" \
        -max_total_time="$per_target" \
        -max_len="$(max_len "$target")" \
        -timeout=10 \
        -rss_limit_mb=1024 \
        -dict="$ROOT/tools/fuzz/$target.dict" \
        -artifact_prefix="$WORK/artifacts/$target/" \
        -print_final_stats=1 \
        "$WORK/corpus/$target" "$SEEDS/$target" \
        >"$WORK/logs/$target.log" 2>&1
    local code=$?
    echo $(($(date +%s) - started)) >"$WORK/logs/$target.seconds"
    return $code
}

if [ ${#targets[@]} -eq 1 ]; then
    echo "fuzz: running ${targets[*]} for ${per_target} s"
elif [ $parallel = 1 ]; then
    echo "fuzz: running ${targets[*]} for ${per_target} s each, side by side"
else
    echo "fuzz: running ${targets[*]} for ${per_target} s each, one after the other"
fi
echo "fuzz: logs in Fuzz/.build/fuzz/logs/, working corpora in Fuzz/.build/fuzz/corpus/"
declare -A status
if [ $parallel = 1 ]; then
    declare -A pids
    for target in "${targets[@]}"; do
        run_target "$target" &
        pids[$target]=$!
    done
    for target in "${targets[@]}"; do
        wait "${pids[$target]}"
        status[$target]=$?
    done
else
    for target in "${targets[@]}"; do
        run_target "$target"
        status[$target]=$?
    done
fi

# Keeps one finding as a regression fixture: a container input as it is, an XML input as the
# workbook the XML target wrapped it into (so that the regression test and `replay` read it).
keep() {
    local target="$1" artifact="$2"
    local kind digest name
    kind="$(basename "$artifact" | cut -d- -f1)"
    if [ "$kind" = crash ] && [ "$FUZZ_MINIMIZE" = 1 ]; then
        "$BIN/fuzz-$target" -minimize_crash=1 -max_total_time=60 -timeout=10 -rss_limit_mb=1024 \
            -exact_artifact_path="$artifact.min" "$artifact" >"$artifact.minimize.log" 2>&1
        [ -s "$artifact.min" ] && artifact="$artifact.min"
    fi
    digest="$(sha1sum "$artifact" | cut -c1-12)"
    name="$REGRESSIONS/$target-$kind-$digest.xlsx"
    mkdir -p "$REGRESSIONS"
    if [ "$target" = container ]; then
        cp "$artifact" "$name"
    else
        SIGAP_FUZZ_SAVE_XLSX="$name" "$BIN/fuzz-xml" -timeout=10 -rss_limit_mb=1024 "$artifact" >/dev/null 2>&1
        [ -s "$name" ] || cp "$artifact" "$name"
    fi
    echo "    kept ${name#$ROOT/} (from ${artifact#$ROOT/})"
    echo "    replay: $BIN/fuzz-$target $artifact    or    $BIN/fuzz-container $name"
}

failed=0
echo
printf 'fuzz: %-10s %-7s %14s %10s %8s %8s %7s %9s\n' target result executions seconds exec/s cov ft corpus
for target in "${targets[@]}"; do
    log="$WORK/logs/$target.log"
    runs="$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)"
    [ -n "$runs" ] || runs="$(grep -oE '^#[0-9]+' "$log" | tail -1 | tr -d '#')"
    seconds="$(cat "$WORK/logs/$target.seconds" 2>/dev/null)"
    speed="$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)"
    cov="$(grep -oE 'cov: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+')"
    ft="$(grep -oE 'ft: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+')"
    corpus="$(grep -oE 'corp: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+')"
    result=ok
    [ "${status[$target]}" -ne 0 ] && result=FOUND
    printf 'fuzz: %-10s %-7s %14s %10s %8s %8s %7s %9s\n' "$target" "$result" "${runs:-?}" "${seconds:-?}" \
        "${speed:-?}" "${cov:-?}" "${ft:-?}" "${corpus:-?}"
    if [ "${status[$target]}" -ne 0 ]; then
        failed=1
        grep -E 'ERROR: |Fatal error|SUMMARY|ALARM|out-of-memory|deadly signal' "$log" | head -5 | sed 's/^/    /'
        shopt -s nullglob
        for artifact in "$WORK/artifacts/$target"/crash-* "$WORK/artifacts/$target"/timeout-* \
            "$WORK/artifacts/$target"/oom-* "$WORK/artifacts/$target"/leak-*; do
            case "$artifact" in *.min | *.log) continue ;; esac
            keep "$target" "$artifact"
        done
        echo "    log: ${log#$ROOT/}"
    fi
done
if [ $failed = 1 ]; then
    echo "fuzz: FAILED: a target crashed, hung or ran out of memory (inputs kept under fixtures/fuzz-regressions/)"
    exit 1
fi
echo "fuzz: no crash, hang or out-of-memory"
