#!/usr/bin/env bash
# `make test`: `swift test`, so that a crash of the test process itself is reported where CI's
# output ends, and does not pass unnoticed.
#
# A failed expectation fails at once. A crash of the whole test process (a signal, reported by
# Swift's backtracer as "*** Program crashed") is printed last, crashed thread first, and the tests
# run once more: a crash that comes back fails the run; one that does not is still printed at the
# end. See README "Tests" for why (a crash seen once on CI, never reproduced here).
set -uo pipefail
log=$(mktemp)
trap 'rm -f "$log"' EXIT
# Every thread's frames, no register or image dump: the frames are what tell the cause.
export SWIFT_BACKTRACE="enable=yes,interactive=no,images=none,registers=none,threads=all"

run() {
    swift test "$@" 2>&1 | tee "$log"
    return "${PIPESTATUS[0]}"
}

crash_report() {
    # The crashed thread's frames, then the other threads' (the whole report is above).
    sed -n '/^\*\*\* Program crashed/,/^Backtrace took/p' "$log" | awk '
        /^\*\*\* Program crashed/ { print; next }
        / crashed:$/ { inside = 1 }
        inside && /^Thread [0-9]+ / && !/ crashed:$/ { inside = 0 }
        inside { print }' | head -n 80
}

run "$@"
status=$?
if [ "$status" -ne 0 ] && grep -q '^\*\*\* Program crashed' "$log"; then
    first=$(crash_report)
    echo
    echo "run.sh: the test process crashed (a signal, not a failed expectation); running the tests once more"
    run "$@"
    status=$?
    echo
    echo "run.sh: the first test run crashed; the second exited $status. The crashed thread of the first:"
    echo "$first"
    if grep -q '^\*\*\* Program crashed' "$log"; then
        echo "run.sh: the second run crashed too:"
        crash_report
    fi
fi
exit "$status"
