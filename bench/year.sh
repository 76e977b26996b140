#!/usr/bin/env bash
# A year of a province-sized programme: 1,000,000 workers, twelve months, each step timed ONCE (each
# step is long; these are not best-of-N figures).
#  1. Inputs, written once into bench/cache/ (`sigap fixtures roster|acks`): the roster
#     roster-<ROWS>.xlsx, placed only in the first month's DISHUB folder (a hard link), so every
#     later month carries it forward; and for every month an acknowledgement CSV for that month's
#     period, acks-<ROWS>-<YYYY-MM>.csv, in <month>/BPJS/acks.csv.
#  2. "fresh run": `sigap run --through <last month>` on an empty out folder and store
#     (target: at most 150 s, at most 1024 MB peak RSS).
#  3. "closes": `sigap close` of every month but the last, in order, timed together (sum of the wall
#     times, highest peak RSS; target: at most 60 s in all, at most 1024 MB each).
#  4. "nightly run, nothing new": the same `sigap run` again (target: at most 15 s, 1024 MB).
#  5. "nightly run after a late BPJS file": a small acknowledgement file for the last closed month's
#     period dropped into the last month's BPJS folder (some rejections turned into acceptances with
#     a KPJ, some acceptances into rejections, some rows sent again unchanged), then `sigap run`
#     again (target: at most 45 s, 1024 MB). Then checks the ADJUSTMENT lines of the last month's
#     ledger.csv: one per changed row, all for the last closed month, premiums summing to the change.
#  6. "every row carries a warning": a separate inbox, one month, whose DISHUB roster has ROWS rows
#     each with a warning (and the month's acknowledgements, as in pipeline.sh), `sigap run` beside
#     fastexcel merely reading that roster (target: at most 3.0x fastexcel's time, at most 600 MB).
#     That roster is `sigap fixtures roster --every-row-warned`: the same workers, their sex written
#     "X" or "Y", so every row gets a SEX_INVALID warning. Written once, as
#     bench/cache/roster-warn-<ROWS>.xlsx.
# Every step starts after a `sync` (not timed), so that it does not pay for writing back to disk
# what the steps before it wrote (the year's store is over 4 GB).
# The targets are for the default size; a smaller trial prints them too.
#
# Usage: bench/year.sh SIGAP_BINARY PYTHON (PYTHON: a Python with fastexcel, e.g. bench/.venv/bin/python
# after `make bench`; without fastexcel the fastexcel read is skipped, with a message).
# Environment: YEAR_MONTHS (months from the pipeline's start_month, default 12, at least 2),
# YEAR_ROWS (workers, default 1000000; e.g. YEAR_MONTHS=3 YEAR_ROWS=20000 for a quick trial);
# YEAR_STORE and YEAR_STORE_WARN: the stores of steps 2-5 and of step 6 (default: new SQLite files in
# the work folder), e.g. the URLs of two empty PostgreSQL databases to measure the team store;
# YEAR_TSV: a file to write each step's wall time and peak RSS into, tab-separated (bench/stores.sh
# compares two stores' with it).
# Needs GNU /usr/bin/time, and a Python (PYTHON, else python3) for the late file and the checks.
set -euo pipefail

bench=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$bench/.." && pwd)
say() { printf 'bench: %s\n' "$*" >&2; }
die() {
  say "error: $*"
  exit 1
}

(($# == 2)) || die "usage: bench/year.sh SIGAP_BINARY PYTHON"
sigap=$1
python=$2
cache=$bench/cache
pipeline=$root/pipelines/sigap-bekasi.yaml
months=${YEAR_MONTHS:-12}
rows=${YEAR_ROWS:-1000000}
limit_mb=1024 # peak RSS target of every step but the last

[[ $months =~ ^[1-9][0-9]*$ ]] && ((months >= 2)) || die "YEAR_MONTHS must be an integer of at least 2, not '$months'"
[[ $rows =~ ^[1-9][0-9]*$ ]] && ((rows <= 1048575)) || die "YEAR_ROWS must be an integer from 1 to 1048575, not '$rows'"
[[ -x $sigap ]] || die "no sigap binary at $sigap"
/usr/bin/time -f '%e %M' true >/dev/null 2>&1 || die "/usr/bin/time (GNU time) is missing: apt-get install time"

# A Python for the helpers (the late file, the checks): PYTHON if it runs, else python3.
if "$python" -c 'import csv' >/dev/null 2>&1; then
  py=$python
elif command -v python3 >/dev/null; then
  py=python3
else
  die "no Python: neither '$python' nor python3 runs"
fi
if "$python" -c 'import fastexcel' >/dev/null 2>&1; then
  fastexcel=yes
else
  fastexcel=no
  say "'$python' has no fastexcel (run 'make bench' once to make bench/.venv): the fastexcel read of step 6 is skipped"
fi

work=$(mktemp -d)
# Inputs go into the inbox as hard links (a copy across file systems): sigap does not follow a
# symbolic link out of its inbox (SPEC §2).
place() { ln -f "$1" "$2" 2>/dev/null || cp "$1" "$2"; }
trap 'rm -rf "$work"' EXIT

next_month() { awk -v m="$1" 'BEGIN { split(m, p, "-"); y = p[1]; n = p[2] + 1; if (n > 12) { n = 1; y++ } printf "%04d-%02d", y, n }'; }
mb() { echo $(($1 / 1024)); }

# The table: one row per step.
names=() walls=() rsss=() targets=() verdicts=()
add_row() { names+=("$1") walls+=("$2") rsss+=("$3") targets+=("$4") verdicts+=("$5"); }
print_table() {
  printf '\n%-62s %9s %14s  %-30s %s\n' "step" "wall (s)" "peak RSS (MB)" "target" "verdict"
  local i
  for i in "${!names[@]}"; do
    printf '%-62s %9s %14s  %-30s %s\n' "${names[$i]}" "${walls[$i]}" "${rsss[$i]}" "${targets[$i]}" "${verdicts[$i]}"
  done
  printf '\n(each step run once; %d months from %s, %d workers; targets are for 12 months of 1,000,000)\n' \
    "$months" "$first" "$rows"
}
# verdict WALL MAX_WALL RSS_MB MAX_MB: met, or MISSED with what.
verdict() {
  awk -v w="$1" -v tw="$2" -v r="$3" -v tr="$4" 'BEGIN {
    m = ""; if (w > tw) m = "time"; if (r > tr) m = (m == "" ? "RSS" : m " and RSS")
    print (m == "") ? "met" : "MISSED (" m ")" }'
}

# measure LABEL COMMAND...: runs COMMAND once under GNU time; sets $wall (s) and $rss (KB); keeps its
# output in $work/log/<n>.{stdout,stderr}. A non-zero exit (65 would be an unreadable input: the
# benchmark's inputs never are) ends the benchmark, with the table so far.
mkdir -p "$work/log"
nlog=0
measure() {
  local label=$1 status=0
  shift
  nlog=$((nlog + 1))
  log=$work/log/$nlog
  # What the steps before wrote goes to disk first (not timed): a night's run starts long after the
  # last night's writes were flushed, and a step should not pay for the writeback of the one before.
  sync
  /usr/bin/time -f '%e %M' -o "$log.time" "$@" >"$log.stdout" 2>"$log.stderr" || status=$?
  if ((status != 0)); then
    say "$label failed (exit $status): $*"
    tail -n 20 "$log.stderr" >&2
    add_row "$label" "-" "-" "-" "FAILED (exit $status)"
    print_table
    exit 1
  fi
  read -r wall rss < <(tail -n 1 "$log.time")
  # The phases that took a second or more (the run's log: "... in 3.86 s, RSS 248 MB, peak 329 MB").
  awk 'match($0, / in [0-9.]+ s/) { t = substr($0, RSTART + 4, RLENGTH - 6); if (t + 0 >= 1) print "    " $0 }' \
    "$log.stderr" >&2
}

# 1. Inputs. The months, from the pipeline's start_month.
first=$(awk '$1 == "start_month:" { print $2; exit }' "$pipeline")
[[ $first =~ ^[0-9]{4}-[0-9]{2}$ ]] || die "no start_month in $pipeline"
all=()
month=$first
for ((i = 0; i < months; i++)); do
  all+=("$month")
  month=$(next_month "$month")
done
last=${all[-1]}
closed_last=${all[-2]}

mkdir -p "$cache"
roster=$cache/roster-$rows.xlsx
if [[ ! -s $roster ]]; then
  say "writing $roster"
  partial=$cache/.roster-$rows.partial.xlsx
  "$sigap" fixtures roster --rows "$rows" --out "$partial" >/dev/null
  mv "$partial" "$roster"
fi
acks_of() { echo "$cache/acks-$rows-$1.csv"; }
for month in "${all[@]}"; do
  acks=$(acks_of "$month")
  [[ -s $acks ]] && continue
  say "writing $acks"
  "$sigap" fixtures acks --rows "$rows" --period "$month" --out "$acks.partial" >/dev/null
  mv "$acks.partial" "$acks"
done

inbox=$work/inbox
out=$work/out
store=${YEAR_STORE:-$work/var/sigap.sqlite}
mkdir -p "$inbox/$first/DISHUB"
place "$roster" "$inbox/$first/DISHUB/roster.xlsx"
for month in "${all[@]}"; do
  mkdir -p "$inbox/$month/BPJS"
  place "$(acks_of "$month")" "$inbox/$month/BPJS/acks.csv"
done
paths=(--pipeline "$pipeline" --inbox "$inbox" --out "$out" --store "$store" --through "$last")

# 2. A fresh run of every month.
label="fresh run of $months months ($first .. $last)"
say "$label"
measure "$label" "$sigap" run "${paths[@]}"
sed 's/^/    /' "$log.stdout" >&2
add_row "$label" "$wall" "$(mb "$rss")" "<= 150 s, <= $limit_mb MB" "$(verdict "$wall" 150 "$(mb "$rss")" "$limit_mb")"

# 3. Close every month but the last, in order.
label="$((months - 1)) closes ($first .. $closed_last)"
say "$label"
sum=0 peak=0
for month in "${all[@]:0:months-1}"; do
  measure "close $month" "$sigap" close "$month" "${paths[@]}"
  say "close $month: ${wall} s, peak RSS $(mb "$rss") MB"
  sum=$(awk -v a="$sum" -v b="$wall" 'BEGIN { printf "%.2f", a + b }')
  if ((rss > peak)); then peak=$rss; fi
done
add_row "$label" "$sum" "$(mb "$peak")" "<= 60 s, <= $limit_mb MB each" "$(verdict "$sum" 60 "$(mb "$peak")" "$limit_mb")"

# 4. The nightly run when nothing arrived.
label="nightly run, nothing new"
say "$label"
measure "$label" "$sigap" run "${paths[@]}"
add_row "$label" "$wall" "$(mb "$rss")" "<= 15 s, <= $limit_mb MB" "$(verdict "$wall" 15 "$(mb "$rss")" "$limit_mb")"

# 5. A late BPJS file for the last closed month, in the last month's folder: 3% of the workers'
# rejections turned into acceptances (with a KPJ 2xxxxxxxxxx), 0.3% of acceptances into rejections,
# and as many acceptances sent again unchanged. Only NIKs that appear once in the month's file.
up=$((rows * 3 / 100)) down=$((rows * 3 / 1000))
((up > 0)) || up=1
((down > 0)) || down=1
late=$inbox/$last/BPJS/late-$closed_last.csv
read -r n_up n_down n_same < <("$py" - "$(acks_of "$closed_last")" "$late" "$up" "$down" "$down" <<'EOF'
import collections, csv, sys

source, target = sys.argv[1], sys.argv[2]
want_up, want_down, want_same = (int(a) for a in sys.argv[3:6])
with open(source, newline="", encoding="utf-8") as f:
    reader = csv.reader(f)
    header = next(reader)
    col = {name: i for i, name in enumerate(header)}
    times = collections.Counter(row[col["NIK"]] for row in reader)
up = down = same = 0
with open(source, newline="", encoding="utf-8") as f, open(target, "w", newline="", encoding="utf-8") as g:
    reader = csv.reader(f)
    writer = csv.writer(g, lineterminator="\n")
    writer.writerow(next(reader))
    for row in reader:
        if up >= want_up and down >= want_down and same >= want_same:
            break
        if times[row[col["NIK"]]] != 1:
            continue
        status = row[col["STATUS"]]
        if status == "DITOLAK" and up < want_up:
            up += 1
            row[col["STATUS"]], row[col["KPJ"]], row[col["KETERANGAN"]], row[col["IURAN"]] = "DITERIMA", "2%010d" % up, "", "16800"
        elif status == "DITERIMA" and down < want_down:
            down += 1
            row[col["STATUS"]], row[col["KPJ"]], row[col["KETERANGAN"]], row[col["IURAN"]] = "DITOLAK", "", "Sudah terdaftar aktif", ""
        elif status == "DITERIMA" and same < want_same:
            same += 1
        else:
            continue
        writer.writerow(row)
print(up, down, same)
EOF
)
say "late file $late: $n_up rejections now accepted, $n_down acceptances now rejected, $n_same unchanged"
label="nightly run after a late BPJS file for $closed_last"
say "$label"
measure "$label" "$sigap" run "${paths[@]}"
add_row "$label" "$wall" "$(mb "$rss")" "<= 45 s, <= $limit_mb MB" "$(verdict "$wall" 45 "$(mb "$rss")" "$limit_mb")"

ledger=$out/$last/ledger.csv
adjustments=$(grep -c ',ADJUSTMENT,' "$ledger" || true)
other_months=$(grep ',ADJUSTMENT,' "$ledger" | cut -d, -f3 | grep -cv "^$closed_last\$" || true)
# The status changes and the premiums of the ADJUSTMENT lines (csv: names may hold commas).
adjustment_check=$({ head -n 1 "$ledger" && grep ',ADJUSTMENT,' "$ledger" || true; } | "$py" -c '
import collections, csv, sys
changes, premium = collections.Counter(), 0
for line in csv.DictReader(sys.stdin):
    changes[line["previous_status"] + "->" + line["status"]] += 1
    premium += int(line["premium"] or 0)
print(", ".join(f"{k} {v}" for k, v in sorted(changes.items())) or "none", "; premium", premium)
')
expected=$((n_up + n_down))
expected_premium=$((16800 * (n_up - n_down)))
late_verdict=met
((adjustments == expected && other_months == 0)) || late_verdict=WRONG
[[ $adjustment_check == *"; premium $expected_premium" ]] || late_verdict=WRONG

# 6. One month whose every row carries a warning.
warn_roster=$cache/roster-warn-$rows.xlsx
warn_label="run, 1 month, $rows rows each with a warning"
if [[ ! -s $warn_roster ]]; then
  say "writing $warn_roster (sigap fixtures roster --every-row-warned)"
  partial=$cache/.roster-warn-$rows.partial.xlsx
  "$sigap" fixtures roster --rows "$rows" --every-row-warned --out "$partial" >/dev/null
  mv "$partial" "$warn_roster"
fi
warn_summary=""
if [[ -s $warn_roster ]]; then
  winbox=$work/inbox-warn
  mkdir -p "$winbox/$first/DISHUB" "$winbox/$first/BPJS"
  place "$warn_roster" "$winbox/$first/DISHUB/roster.xlsx"
  place "$(acks_of "$first")" "$winbox/$first/BPJS/acks.csv"
  say "$warn_label"
  measure "$warn_label" "$sigap" run --pipeline "$pipeline" --inbox "$winbox" --out "$work/out-warn" \
    --store "${YEAR_STORE_WARN:-$work/var-warn/sigap.sqlite}" --through "$first"
  w_wall=$wall w_rss=$(mb "$rss")
  warned=$(grep -c ',SEX_INVALID,warning,' "$work/out-warn/$first/findings.csv" || true)
  if [[ $fastexcel == yes ]]; then
    say "fastexcel reading the same roster"
    measure "fastexcel" "$python" "$bench/read_fastexcel.py" "$warn_roster"
    sed 's/^/    /' "$log.stdout" >&2
    ratio=$(awk -v a="$w_wall" -v b="$wall" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }')
    w_verdict=$(awk -v q="$ratio" -v r="$w_rss" 'BEGIN {
      m = ""; if (q == "n/a" || q > 3.0) m = "ratio"; if (r > 600) m = (m == "" ? "RSS" : m " and RSS")
      print (m == "") ? "met" : "MISSED (" m ")" }')
    add_row "$warn_label" "$w_wall" "$w_rss" "<= 3.0x fastexcel, <= 600 MB" "$w_verdict: ratio $ratio"
    add_row "fastexcel reading that roster" "$wall" "$(mb "$rss")" "" ""
  else
    w_verdict=$(awk -v r="$w_rss" 'BEGIN { print (r <= 600) ? "RSS met; ratio n/a" : "MISSED (RSS); ratio n/a" }')
    add_row "$warn_label" "$w_wall" "$w_rss" "<= 3.0x fastexcel, <= 600 MB" "$w_verdict"
    add_row "fastexcel reading that roster" "-" "-" "" "skipped: no fastexcel in $python"
  fi
  warn_summary="warnings: $warned SEX_INVALID findings in $first/findings.csv for $rows rows"
  ((warned == rows)) || warn_summary+=" (expected $rows: CHECK)"
else
  add_row "$warn_label" "-" "-" "<= 3.0x fastexcel, <= 600 MB" "skipped (see the log above)"
fi

print_table
if [[ -n ${YEAR_TSV:-} ]]; then
  for i in "${!names[@]}"; do printf '%s\t%s\t%s\n' "${names[$i]}" "${walls[$i]}" "${rsss[$i]}"; done >"$YEAR_TSV"
fi
printf 'late file: %d rejections accepted, %d acceptances rejected, %d unchanged; ADJUSTMENT lines in %s/ledger.csv: %d (expected %d), for another month than %s: %d; %s (expected premium %d): %s\n' \
  "$n_up" "$n_down" "$n_same" "$last" "$adjustments" "$expected" "$closed_last" "$other_months" \
  "$adjustment_check" "$expected_premium" "$late_verdict"
[[ -z $warn_summary ]] || printf '%s\n' "$warn_summary"
