import CXLSXWriter

extension SpreadsheetWriter {
    /// One worksheet being written. Rows and columns are 1-based.
    public struct Sheet {
        let writer: SpreadsheetWriter
        let sheet: UnsafeMutablePointer<lxw_worksheet>

        public func write(_ value: CellContent, row: Int, column: Int, style: CellStyle? = nil) throws {
            try write(value, row: row, column: column, style: style, format: writer.resolve(style))
        }

        /// The workbook's format for a style (`SpreadsheetWriter.resolve`).
        public func resolve(_ style: CellStyle?) -> Format { writer.resolve(style) }

        /// `write(_:row:column:style:)` with the style's format already resolved (`resolve`), for
        /// long tables: the style is then only needed for dates.
        public func write(_ value: CellContent, row: Int, column: Int, style: CellStyle?, format resolved: Format) throws {
            let format = resolved.pointer
            let r = lxw_row_t(row - 1), c = lxw_col_t(column - 1)
            switch value {
            case .text(let text):
                // Through a C string without an intermediate array (small strings go on the stack).
                try writer.check(text.withCString { worksheet_write_string(sheet, r, c, $0, format) })
            case .number(let number):
                try writer.check(worksheet_write_number(sheet, r, c, number, format))
            case .date(let year, let month, let day):
                // A date cell needs a date format, or Excel (and our reader) sees a plain number: the
                // resolved format when its style has a number format, else the style with the default.
                var dateFormat = format
                if style?.numberFormat == nil {
                    var dated = style ?? CellStyle()
                    dated.numberFormat = CellStyle.defaultDateFormat
                    dateFormat = writer.format(dated)
                }
                var date = lxw_datetime(year: CInt(year), month: CInt(month), day: CInt(day), hour: 0, min: 0, sec: 0)
                try writer.check(worksheet_write_datetime(sheet, r, c, &date, dateFormat))
            case .blank:
                try writer.check(worksheet_write_blank(sheet, r, c, format))
            }
        }

        /// Writes a row of values from `column` on.
        public func write(row: Int, _ values: [CellContent], from column: Int = 1, style: CellStyle? = nil) throws {
            for (offset, value) in values.enumerated() {
                try write(value, row: row, column: column + offset, style: style)
            }
        }

        /// Merges a range and writes `text` in it.
        public func merge(rows: ClosedRange<Int>, columns: ClosedRange<Int>, text: String, style: CellStyle? = nil) throws {
            try writer.check(
                worksheet_merge_range(
                    sheet, lxw_row_t(rows.lowerBound - 1), lxw_col_t(columns.lowerBound - 1), lxw_row_t(rows.upperBound - 1),
                    lxw_col_t(columns.upperBound - 1), text, writer.format(style)))
        }

        public func setWidth(_ width: Double, columns: ClosedRange<Int>) throws {
            try writer.check(
                worksheet_set_column(sheet, lxw_col_t(columns.lowerBound - 1), lxw_col_t(columns.upperBound - 1), width, nil))
        }

        /// Freezes the rows above `row` and the columns left of `column`.
        public func freeze(row: Int, column: Int = 1) {
            worksheet_freeze_panes(sheet, lxw_row_t(row - 1), lxw_col_t(column - 1))
        }

        public func autofilter(rows: ClosedRange<Int>, columns: ClosedRange<Int>) throws {
            try writer.check(
                worksheet_autofilter(
                    sheet, lxw_row_t(rows.lowerBound - 1), lxw_col_t(columns.lowerBound - 1), lxw_row_t(rows.upperBound - 1),
                    lxw_col_t(columns.upperBound - 1)))
        }

        public func hide() {
            worksheet_hide(sheet)
        }

        public func activate() {
            worksheet_activate(sheet)
        }
    }
}
