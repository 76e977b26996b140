#!/usr/bin/env bash
# `make check-nik`: differential check of `sigap nik check` against python-stdnum (see check.py).
#
# Usage: run.sh [SIGAP]   (default .build/debug/sigap, relative to the repository root)
# Creates tools/check-nik/.venv on first use and installs requirements.txt into it.
# Environment: CHECK_NIK_COUNT (inputs of the main run, default 120000), CHECK_NIK_SEED.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
venv=$here/.venv

say() { printf 'check-nik: %s\n' "$*" >&2; }
die() {
  say "error: $*"
  exit 2
}

sigap=${1:-.build/debug/sigap}
if [[ $sigap != /* ]]; then
  if [[ -x $sigap ]]; then sigap=$(pwd)/$sigap; else sigap=$root/$sigap; fi
fi
[[ -x $sigap ]] || die "no sigap binary at $sigap (run 'swift build' first)"

if [[ ! -x $venv/bin/python ]]; then
  command -v python3 >/dev/null || die "python3 is missing"
  say "creating the Python venv $venv"
  python3 -m venv "$venv" || die "could not create $venv (on Debian: apt-get install python3-venv)"
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$here/requirements.txt" ||
  die "could not install $here/requirements.txt into $venv"

exec "$venv/bin/python" "$here/check.py" --sigap "$sigap" \
  --count "${CHECK_NIK_COUNT:-120000}" --seed "${CHECK_NIK_SEED:-20251105}"
