#!/usr/bin/env python3
"""Rebuilds the small committed seed corpus under fixtures/fuzz-corpus/ from the conformance fixtures.

container/: a few whole workbooks, copied as they are.
xml/: single XML parts in the XML target's input format: one selector byte, then the part
(see Fuzz/Sources/FuzzHarness/XMLWorkbook.swift): s sheet, t shared strings, y styles, w workbook,
r workbook relationships, p package relationships, x the content of <sheetData> (repeated).
"""
import os
import re
import shutil
import sys
import zipfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(ROOT, "fixtures", "fuzz-corpus")

CONTAINER = [
    "xlsx/02-relative-dotdot-targets.xlsx",
    "xlsx/03-backslash-entry-names.xlsx",
    "xlsx/04-no-shared-strings-no-styles.xlsx",
    "xlsx/07-data-descriptors.xlsx",
    "xlsx/07-stored-entries.xlsx",
    "xlsx/07-zip64-records.xlsx",
    "xlsx/18-cell-types.xlsx",
    "xlsx/23-custom-date-formats.xlsx",
    "hostile/bad-crc-stored.xlsx",
    "hostile/csv-renamed.xlsx",
    "hostile/legacy-xls.xlsx",
    "hostile/overlapping-nested-entry.xlsx",
    "hostile/truncated-central-directory.xlsx",
]

# (selector, fixture, pattern of the entry name)
SHEET = r"worksheets[/\\][^/\\]*\.xml$"
XML = [
    ("s", "xlsx/18-cell-types.xlsx", SHEET),
    ("s", "xlsx/13-escapes.xlsx", SHEET),
    ("s", "xlsx/16-implicit-references.xlsx", SHEET),
    ("s", "xlsx/20-formulas.xlsx", SHEET),
    ("s", "xlsx/21-numbers.xlsx", SHEET),
    ("s", "xlsx/29-merged-cells.xlsx", SHEET),
    ("s", "xlsx/05-prefixed-elements.xlsx", SHEET),
    ("s", "xlsx/05-strict-namespaces.xlsx", SHEET),
    ("s", "xlsx/12-whitespace-inline.xlsx", SHEET),
    ("s", "xlsx/24-dates-1900.xlsx", SHEET),
    ("S", "xlsx/25-iso-dates-1904.xlsx", SHEET),
    ("s", "hostile/doctype-billion-laughs.xlsx", SHEET),
    ("s", "hostile/ref-beyond-column.xlsx", SHEET),
    ("t", "xlsx/11-rich-text.xlsx", r"sharedStrings\.xml$"),
    ("t", "xlsx/13-escapes.xlsx", r"sharedStrings\.xml$"),
    ("t", "xlsx/14-garbage-counts.xlsx", r"sharedStrings\.xml$"),
    ("y", "xlsx/23-custom-date-formats.xlsx", r"styles\.xml$"),
    ("y", "xlsx/22-style-index.xlsx", r"styles\.xml$"),
    ("w", "xlsx/26-escaped-sheet-names.xlsx", r"^xl/workbook\.xml$"),
    ("W", "xlsx/26-first-sheet-hidden.xlsx", r"^xl/workbook\.xml$"),
    ("r", "xlsx/06-unknown-parts-and-relationships.xlsx", r"^xl/_rels/workbook\.xml\.rels$"),
    ("r", "xlsx/02-absolute-targets.xlsx", r"^xl/_rels/workbook\.xml\.rels$"),
    ("p", "xlsx/01-workbook-elsewhere.xlsx", r"^_rels/\.rels$"),
    ("x", "xlsx/18-cell-types.xlsx", SHEET),
    ("x", "xlsx/11-rich-text.xlsx", SHEET),
]


def part(fixture, pattern):
    with zipfile.ZipFile(os.path.join(ROOT, "fixtures", fixture)) as archive:
        for info in archive.infolist():
            if re.search(pattern, info.filename, re.IGNORECASE):
                return archive.read(info)
    sys.exit(f"{fixture}: no entry matches {pattern}")


def main():
    for folder in ("container", "xml"):
        shutil.rmtree(os.path.join(OUT, folder), ignore_errors=True)
        os.makedirs(os.path.join(OUT, folder))
    for fixture in CONTAINER:
        shutil.copyfile(os.path.join(ROOT, "fixtures", fixture), os.path.join(OUT, "container", os.path.basename(fixture)))
    for selector, fixture, pattern in XML:
        data = part(fixture, pattern)
        if selector in "xX":
            match = re.search(rb"<(?:\w+:)?sheetData[^>]*>(.*)</(?:\w+:)?sheetData>", data, re.DOTALL)
            data = match.group(1) if match else data
        name = f"{selector}-{os.path.basename(fixture)[:-5]}"
        with open(os.path.join(OUT, "xml", name), "wb") as handle:
            handle.write(selector.encode() + data)


if __name__ == "__main__":
    main()
