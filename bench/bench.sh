#!/usr/bin/env bash
# `make bench`: time `sigap xlsx stat` against fastexcel and python-calamine on synthetic rosters.
#
# Builds sigap in release mode, writes bench/cache/roster-11666.xlsx and roster-1000000.xlsx once
# (`sigap fixtures roster`; kept between runs), then reads every cell of each file with the three
# readers, BENCH_RUNS times each (default 3), under `/usr/bin/time -f '%e %M'`. Reports the best
# wall time and the highest peak RSS of the runs, the ratios, and the targets.
#
# Environment: BENCH_RUNS (runs per reader and file), SIGAP (a sigap binary to use instead of
# building one). Run from anywhere; paths are relative to the repository.
set -euo pipefail

bench=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$bench/.." && pwd)
venv=$bench/.venv
cache=$bench/cache
runs=${BENCH_RUNS:-3}
sizes=(11666 1000000)
target_ratio=0.8   # sigap's time at most this fraction of fastexcel's
target_rss_mb=200  # sigap's peak RSS

say() { printf 'bench: %s\n' "$*" >&2; }
die() {
  say "error: $*"
  exit 1
}

[[ $runs =~ ^[1-9][0-9]*$ ]] || die "BENCH_RUNS must be a positive integer, not '$runs'"

# GNU time, for wall time and peak RSS.
if ! /usr/bin/time -f '%e %M' true >/dev/null 2>&1; then
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    say "/usr/bin/time is missing: installing the Debian package 'time'"
    apt-get install -y time >/dev/null || { apt-get update >/dev/null && apt-get install -y time >/dev/null; } ||
      die "could not install the Debian package 'time'"
  else
    die "/usr/bin/time (GNU time) is missing: install it, e.g. 'apt-get install time'"
  fi
fi

# The Python readers, in a venv of their own.
if [[ ! -x $venv/bin/python ]]; then
  command -v python3 >/dev/null || die "python3 is missing: it is needed for the fastexcel and python-calamine baselines"
  say "creating the Python venv $venv"
  python3 -m venv "$venv" || die "could not create $venv (on Debian: apt-get install python3-venv)"
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$bench/requirements.txt" ||
  die "could not install $bench/requirements.txt into $venv"

# sigap, in release mode.
if [[ -n ${SIGAP:-} ]]; then
  sigap=$SIGAP
else
  say "building sigap (release)"
  (cd "$root" && swift build -c release --product sigap >&2) || die "swift build -c release failed"
  sigap=$(cd "$root" && swift build -c release --show-bin-path)/sigap
fi
[[ -x $sigap ]] || die "no sigap binary at $sigap"

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# measure LABEL COMMAND...: runs COMMAND once under GNU time, sets $wall (s) and $rss (KB).
measure() {
  local label=$1
  shift
  if ! /usr/bin/time -f '%e %M' -o "$scratch/time" "$@" >"$scratch/stdout" 2>"$scratch/stderr"; then
    say "$label failed: $*"
    tail -n 20 "$scratch/stderr" >&2
    exit 1
  fi
  read -r wall rss < <(tail -n 1 "$scratch/time")
}

# The rosters, written once (to a temporary name first, so an interrupted run leaves nothing).
mkdir -p "$cache"
for rows in "${sizes[@]}"; do
  file=$cache/roster-$rows.xlsx
  [[ -s $file ]] && continue
  say "writing $file"
  partial=$cache/.roster-$rows.partial.xlsx
  measure "sigap fixtures roster" "$sigap" fixtures roster --rows "$rows" --out "$partial"
  mv "$partial" "$file"
  say "wrote $rows rows in ${wall} s, peak RSS $((rss / 1024)) MB"
done

# "sigap-1-thread" is sigap with inflating and parsing on one thread: does the second core pay?
readers=("sigap" "sigap-1-thread" "fastexcel" "python-calamine")
run_reader() {
  case $1 in
    sigap) measure "sigap xlsx stat" "$sigap" xlsx stat "$2" ;;
    sigap-1-thread) measure "sigap xlsx stat (one thread)" "$sigap" xlsx stat --inflate-thread off "$2" ;;
    fastexcel) measure "fastexcel" "$venv/bin/python" "$bench/read_fastexcel.py" "$2" ;;
    python-calamine) measure "python-calamine" "$venv/bin/python" "$bench/read_calamine.py" "$2" ;;
  esac
}

declare -A best peak
for rows in "${sizes[@]}"; do
  file=$cache/roster-$rows.xlsx
  for reader in "${readers[@]}"; do
    say "reading roster-$rows.xlsx with $reader ($runs runs)"
    for ((run = 1; run <= runs; run++)); do
      run_reader "$reader" "$file"
      key=$rows,$reader
      if ((run == 1)); then
        sed 's/^/    /' "$scratch/stdout" | head -n 5 >&2
        best[$key]=$wall
        peak[$key]=$rss
      fi
      if awk -v a="$wall" -v b="${best[$key]}" 'BEGIN { exit !(a < b) }'; then best[$key]=$wall; fi
      if ((rss > ${peak[$key]})); then peak[$key]=$rss; fi
    done
  done
done

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
verdict() { awk -v v="$1" -v t="$2" 'BEGIN { print (v != "n/a" && v <= t) ? "met" : "MISSED" }'; }

printf '\n%-22s %-16s %14s %14s\n' "file" "reader" "best wall (s)" "peak RSS (MB)"
for rows in "${sizes[@]}"; do
  for reader in "${readers[@]}"; do
    printf '%-22s %-16s %14.2f %14.1f\n' "roster-$rows.xlsx" "$reader" \
      "${best[$rows,$reader]}" "$(awk -v k="${peak[$rows,$reader]}" 'BEGIN { print k / 1024 }')"
  done
done
printf '\n(best of %d runs for time; highest peak RSS of those runs)\n\n' "$runs"

for rows in "${sizes[@]}"; do
  to_fastexcel=$(ratio "${best[$rows,sigap]}" "${best[$rows,fastexcel]}")
  to_calamine=$(ratio "${best[$rows,sigap]}" "${best[$rows,python-calamine]}")
  to_one_thread=$(ratio "${best[$rows,sigap]}" "${best[$rows,sigap-1-thread]}")
  rss_mb=$(awk -v k="${peak[$rows,sigap]}" 'BEGIN { printf "%.1f", k / 1024 }')
  printf 'roster-%s.xlsx: sigap/fastexcel %s (target <= %s: %s), sigap/python-calamine %s, two threads/one thread %s, sigap peak RSS %s MB (target <= %s MB: %s)\n' \
    "$rows" "$to_fastexcel" "$target_ratio" "$(verdict "$to_fastexcel" "$target_ratio")" \
    "$to_calamine" "$to_one_thread" "$rss_mb" "$target_rss_mb" "$(verdict "$rss_mb" "$target_rss_mb")"
done

# The whole pipeline, beside fastexcel in the same run.
echo
bash "$bench/pipeline.sh" "$sigap" "$venv/bin/python"

# A year of a million workers: fresh run, closes, nightly runs, a month of warnings, on SQLite and
# then on a throwaway PostgreSQL server with the ratios (long: about 25 minutes each on two cores;
# BENCH_YEAR=0 skips both, BENCH_POSTGRES=0 the PostgreSQL one).
if [[ ${BENCH_YEAR:-1} != 0 ]]; then
  echo
  bash "$bench/stores.sh" "$sigap" "$venv/bin/python"
fi
