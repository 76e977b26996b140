#!/usr/bin/env bash
# Renders the demo's December ledger.xlsx with LibreOffice under a US locale and saves its first
# page as docs/ledger-xlsx-en_US.png (issue 13: rupiah must read "Rp 16.800" whatever the viewer's
# regional settings). Needs `libreoffice-calc-nogui` and `poppler-utils` (not part of `make deps`:
# only this picture needs them). Prints the rupiah lines LibreOffice drew, for a check by eye.
# Usage: tools/docs/ledger-screenshot.sh [SIGAP_BINARY]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
sigap=${1:-$root/.build/debug/sigap}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/inbox"
cp -r "$root/fixtures/demo-inbox/2025-11" "$root/fixtures/demo-inbox/2025-12" "$work/inbox/"
args=(--pipeline "$root/pipelines/sigap-bekasi.yaml" --inbox "$work/inbox" --out "$work/out" --store "$work/sigap.sqlite")
"$sigap" run "${args[@]}" --through 2025-12 >/dev/null 2>&1 || [[ $? -eq 65 ]]
LANG=en_US.UTF-8 LC_ALL=en_US.UTF-8 soffice --headless "-env:UserInstallation=file://$work/profile" \
  --convert-to pdf --outdir "$work" "$work/out/2025-12/ledger.xlsx" >/dev/null
pdftotext -layout "$work/ledger.pdf" - | grep 'Rp' | head -n 5
pdftoppm -png -r 70 -f 1 -l 1 "$work/ledger.pdf" "$work/page"
cp "$work"/page-*1.png "$root/docs/ledger-xlsx-en_US.png"
echo "docs/ledger-xlsx-en_US.png"
