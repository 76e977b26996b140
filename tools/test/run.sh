#!/usr/bin/env bash
# `make test`: `swift test`, with a crash of the test process itself reported where CI's output
# ends (CI keeps only the end of a long output, and a backtrace's frames scroll out of it).
#
# A failed expectation and a crash both fail the run. After a crash (a signal, reported by Swift's
# backtracer as "*** Program crashed"), the crashed thread's frames are printed again, last.
set -uo pipefail
log=$(mktemp)
trap 'rm -f "$log"' EXIT
# The tests' scratch folders (workspaces, stores, workbooks) go into one folder of this run: removed
# when every test passed, kept after a failure (its messages name paths in it). Others may enter it
# (a test's PostgreSQL server runs as the postgres user).
scratch=$(mktemp -d "${TMPDIR:-/tmp}/sigap-tests.XXXXXX")
chmod 755 "$scratch"
export TMPDIR=$scratch
# Every thread's frames, no register or image dump: the frames are what tell the cause.
export SWIFT_BACKTRACE="enable=yes,interactive=no,images=none,registers=none,threads=all"

# No test uses XCTest: without it, the output does not start with "Executed 0 tests".
swift test --disable-xctest "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
if [ "$status" -ne 0 ] && grep -q '^\*\*\* Program crashed' "$log"; then
    echo
    echo "run.sh: the test process crashed (a signal, not a failed expectation). The crashed thread:"
    sed -n '/^\*\*\* Program crashed/,/^Backtrace took/p' "$log" | awk '
        /^\*\*\* Program crashed/ { print; next }
        / crashed:$/ { inside = 1 }
        inside && /^Thread [0-9]+ / && !/ crashed:$/ { inside = 0 }
        inside { print }' | head -n 80
fi
if [ "$status" -eq 0 ]; then
    rm -rf "$scratch"
else
    echo "run.sh: the tests' scratch files are kept in $scratch"
fi
exit "$status"
