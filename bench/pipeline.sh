#!/usr/bin/env bash
# `make bench`, second part: the whole pipeline.
#  1. `sigap run` for one month with the 1,000,000-row roster and a 1,000,000-row acknowledgement
#     CSV, beside fastexcel merely reading the roster, in the same run (target: at most 1.5x
#     fastexcel's time, at most 400 MB peak RSS);
#  2. a 12-month history of 11,666 workers, a roster and acknowledgements each month (target: under
#     2 seconds).
# Usage: bench/pipeline.sh SIGAP_BINARY PYTHON (called by bench.sh, which builds and caches).
set -euo pipefail

bench=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$bench/.." && pwd)
sigap=$1
python=$2
cache=$bench/cache
runs=${BENCH_RUNS:-3}
work=$(mktemp -d)
# Inputs go into the inbox as hard links (a copy across file systems): sigap does not follow a
# symbolic link out of its inbox (SPEC §2).
place() { ln -f "$1" "$2" 2>/dev/null || cp "$1" "$2"; }
trap 'rm -rf "$work"' EXIT

say() { printf 'bench: %s\n' "$*" >&2; }

# measure COMMAND...: best wall time of $runs runs, highest peak RSS (MB).
measure() {
  local best="" peak=0
  for ((run = 1; run <= runs; run++)); do
    rm -rf "$work/out" "$work/var"
    /usr/bin/time -f '%e %M' -o "$work/time" "$@" >"$work/stdout" 2>"$work/stderr" || {
      local status=$?
      # 65 means some input was unreadable: the benchmark inputs never are.
      say "command failed ($status): $*"
      tail -n 20 "$work/stderr" >&2
      exit 1
    }
    read -r wall rss < <(tail -n 1 "$work/time")
    if [[ -z $best ]] || awk -v a="$wall" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$wall; fi
    ((rss > peak)) && peak=$rss
  done
  echo "$best $((peak / 1024))"
}

# 1. One month, 1,000,000 workers.
month=2025-11
inbox=$work/inbox-1m
mkdir -p "$inbox/$month/DISHUB" "$inbox/$month/BPJS"
place "$cache/roster-1000000.xlsx" "$inbox/$month/DISHUB/roster.xlsx"
acks=$cache/acks-1000000-$month.csv
if [[ ! -s $acks ]]; then
  say "writing $acks"
  "$sigap" fixtures acks --rows 1000000 --period "$month" --out "$acks.partial" >/dev/null
  mv "$acks.partial" "$acks"
fi
place "$acks" "$inbox/$month/BPJS/acks.csv"
say "sigap run: one month of 1,000,000 workers ($runs runs)"
read -r run_wall run_rss < <(measure "$sigap" run --pipeline "$root/pipelines/sigap-bekasi.yaml" --inbox "$inbox" \
  --out "$work/out" --store "$work/var/sigap.sqlite" --through "$month")
say "fastexcel reading the same roster ($runs runs)"
read -r fx_wall fx_rss < <(measure "$python" "$bench/read_fastexcel.py" "$cache/roster-1000000.xlsx")

# 2. Twelve months of 11,666 workers.
inbox=$work/inbox-12
month=2025-11
for ((i = 0; i < 12; i++)); do
  mkdir -p "$inbox/$month/DISHUB" "$inbox/$month/BPJS"
  place "$cache/roster-11666.xlsx" "$inbox/$month/DISHUB/roster.xlsx"
  "$sigap" fixtures acks --rows 11666 --period "$month" --out "$inbox/$month/BPJS/acks.csv" >/dev/null
  last=$month
  month=$(awk -v m="$month" 'BEGIN { split(m, p, "-"); y = p[1]; n = p[2] + 1; if (n > 12) { n = 1; y++ } printf "%04d-%02d", y, n }')
done
say "sigap run: 12 months of 11,666 workers ($runs runs)"
read -r year_wall year_rss < <(measure "$sigap" run --pipeline "$root/pipelines/sigap-bekasi.yaml" --inbox "$inbox" \
  --out "$work/out" --store "$work/var/sigap.sqlite" --through "$last")

ratio=$(awk -v a="$run_wall" -v b="$fx_wall" 'BEGIN { printf "%.2f", a / b }')
verdict() { awk -v v="$1" -v t="$2" 'BEGIN { print (v <= t) ? "met" : "MISSED" }'; }
printf '\n%-58s %10s %14s\n' "pipeline" "wall (s)" "peak RSS (MB)"
printf '%-58s %10.2f %14d\n' "sigap run, 1 month, 1,000,000 roster rows + 1,000,000 acks" "$run_wall" "$run_rss"
printf '%-58s %10.2f %14d\n' "fastexcel reading the 1,000,000-row roster" "$fx_wall" "$fx_rss"
printf '%-58s %10.2f %14d\n' "sigap run, 12 months x 11,666 workers" "$year_wall" "$year_rss"
printf '\nsigap run / fastexcel read: %s (target <= 1.5: %s); peak RSS %s MB (target <= 400 MB: %s); 12-month history %s s (target < 2 s: %s)\n' \
  "$ratio" "$(verdict "$ratio" 1.5)" "$run_rss" "$(verdict "$run_rss" 400)" "$year_wall" "$(verdict "$year_wall" 1.99)"
