"""Read every cell of every sheet of an XLSX file with python-calamine (a `make bench` baseline).

For each sheet, `get_sheet_by_index(i).to_python()` parses the whole worksheet and returns it as a
list of rows of Python values (str, float, int, bool, date, datetime, ...; "" for an empty cell), so
every cell is decoded and turned into a Python object. Prints one line per sheet: name, rows,
columns.
"""

import sys

from python_calamine import CalamineWorkbook


def main(path: str) -> None:
    workbook = CalamineWorkbook.from_path(path)
    for index, name in enumerate(workbook.sheet_names):
        rows = workbook.get_sheet_by_index(index).to_python()
        width = max((len(row) for row in rows), default=0)
        print(f"{name}\t{len(rows)} rows\t{width} columns")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: read_calamine.py FILE.xlsx")
    main(sys.argv[1])
