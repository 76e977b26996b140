#!/usr/bin/env bash
# Line coverage of the reader (Sources/XLSX, Sources/CXMLBridge) reached by the fuzz corpora:
# builds the targets once more with source-based coverage (scratch path Fuzz/.build/coverage, no
# ASan), runs every input of the working corpora, the seeds and the regression inputs once, and
# prints llvm-cov's report. Run it after `make fuzz`.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
SWIFT="${SWIFT:-swift}"
TOOLS="$(dirname "$(command -v "$SWIFT")")"
SCRATCH="$ROOT/Fuzz/.build/coverage"
WORK="$ROOT/Fuzz/.build/fuzz"

"$SWIFT" build -c release --package-path "$ROOT/Fuzz" --scratch-path "$SCRATCH" \
    -Xswiftc -sanitize=fuzzer -Xswiftc -parse-as-library \
    -Xswiftc -profile-generate -Xswiftc -profile-coverage-mapping \
    -Xcc -fsanitize=fuzzer-no-link -Xcc -fprofile-instr-generate -Xcc -fcoverage-mapping >/dev/null

rm -rf "$SCRATCH/profiles"
mkdir -p "$SCRATCH/profiles"
export SWIFT_BACKTRACE=enable=no
for target in container xml; do
    inputs=()
    for folder in "$WORK/corpus/$target" "$ROOT/fixtures/fuzz-corpus/$target"; do
        [ -d "$folder" ] && inputs+=("$folder")
    done
    LLVM_PROFILE_FILE="$SCRATCH/profiles/$target-%p.profraw" \
        "$SCRATCH/release/fuzz-$target" -runs=0 -timeout=10 "${inputs[@]}" >/dev/null 2>&1 || true
done
shopt -s nullglob
regressions=("$ROOT"/fixtures/fuzz-regressions/*)
if [ ${#regressions[@]} -gt 0 ]; then
    LLVM_PROFILE_FILE="$SCRATCH/profiles/regressions-%p.profraw" \
        "$SCRATCH/release/fuzz-container" -timeout=10 "${regressions[@]}" >/dev/null 2>&1 || true
fi

"$TOOLS/llvm-profdata" merge -sparse "$SCRATCH"/profiles/*.profraw -o "$SCRATCH/profiles/merged.profdata"
for target in container xml; do
    echo "== fuzz-$target: the corpora of both targets, lines of the reader reached"
    "$TOOLS/llvm-cov" report "$SCRATCH/release/fuzz-$target" -instr-profile="$SCRATCH/profiles/merged.profdata" \
        -ignore-filename-regex='(Fuzz/|\.build/|/usr/)' "$ROOT/Sources/XLSX" "$ROOT/Sources/CXMLBridge" |
        sed "s|$ROOT/||"
    break  # both binaries hold the same reader code; one report covers the merged profile
done
