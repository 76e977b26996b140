"""Read every cell of every sheet of an XLSX file with fastexcel (the `make bench` baseline).

For each sheet, `load_sheet(index, header_row=None, schema_sample_rows=None)` has calamine parse
the whole worksheet (every cell decoded, shared strings resolved) with no row taken as a header and
column types guessed from all rows; then `__arrow_c_array__()` (the Arrow PyCapsule interface)
builds the sheet's complete Arrow record batch, converting every cell to its column's type. That is
what `to_arrow()` does, minus handing the batch to pyarrow, which is not installed. Prints one line
per sheet: name, rows, columns.
"""

import sys

import fastexcel


def main(path: str) -> None:
    reader = fastexcel.read_excel(path)
    for index, name in enumerate(reader.sheet_names):
        sheet = reader.load_sheet(index, header_row=None, schema_sample_rows=None)
        schema, array = sheet.__arrow_c_array__()
        del schema, array
        print(f"{name}\t{sheet.height} rows\t{sheet.width} columns")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: read_fastexcel.py FILE.xlsx")
    main(sys.argv[1])
