import XLSXWrite

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What the people-facing workbooks (`ledger.xlsx`, `submission.xlsx`) share: cell styles, one
/// table per sheet (header in row 1, frozen, with an autofilter) and a file created private.
extension LedgerWorkbook {
    /// The number format of a rupiah cell holding `amount`: `Rp 16.800` whatever the viewer's
    /// regional settings. A thousands separator in a format code (`#,##0`) is drawn with the
    /// viewer's own (`Rp 16,800` on the many office PCs with US settings), so the dots are
    /// literal text between digit groups instead: `"Rp "#"."000` for thousands,
    /// `"Rp "#"."000"."000` for millions, `"Rp "0` under a thousand; a negative amount shows as
    /// `-Rp 16.800`. The cell stays a number, so sums and filters work.
    public static func rupiahFormat(_ amount: Int) -> String {
        var groups = 0
        var rest = amount.magnitude
        while rest >= 1000 {
            rest /= 1000
            groups += 1
        }
        return groups == 0 ? "\"Rp \"0" : "\"Rp \"#" + String(repeating: "\".\"000", count: groups)
    }

    static func rupiahStyle(_ amount: Int) -> CellStyle { CellStyle(numberFormat: rupiahFormat(amount)) }
    static func totalRupiahStyle(_ amount: Int) -> CellStyle { CellStyle(bold: true, border: true, numberFormat: rupiahFormat(amount)) }
    /// Counts: thousands grouped by the reader's locale (`11.666`).
    public static let countFormat = "#,##0"
    /// Dates in the Indonesian order.
    public static let dateFormat = "dd/mm/yyyy"

    static let headerStyle = CellStyle(bold: true, wrap: true, border: true, fill: 0xD9E1F2)
    static let titleStyle = CellStyle(bold: true)
    static let sectionStyle = CellStyle(bold: true, fill: 0xF2F2F2)
    /// Text that must stay text if someone edits the cell (NIK, phone, KPJ, codes).
    static let textStyle = CellStyle(numberFormat: "@")
    static let countStyle = CellStyle(numberFormat: countFormat)
    static let dateStyle = CellStyle(numberFormat: dateFormat)
    static let totalLabelStyle = CellStyle(bold: true, border: true)
    static let totalCountStyle = CellStyle(bold: true, border: true, numberFormat: countFormat)

    /// The most rows a table sheet holds. The workbooks are for people (SIGAP has about 11,666
    /// workers); a longer list is cut with a note pointing to the CSV, which always has every line.
    public static let maxTableRows = 100_000

    /// One column of a table sheet.
    struct Column<Item> {
        var header: String
        var width: Double
        var style: CellStyle?
        var content: (Item) -> CellContent
        /// A style of each cell's own, when it depends on the value (rupiah).
        var styleOf: ((Item) -> CellStyle)? = nil

        /// Text kept as text (`@`): NIK, phone, KPJ, codes.
        static func text(_ header: String, width: Double, _ value: @escaping (Item) -> String) -> Column {
            Column(header: header, width: width, style: LedgerWorkbook.textStyle) { .text(value($0)) }
        }

        /// Free text in the default format.
        static func plain(_ header: String, width: Double, _ value: @escaping (Item) -> String) -> Column {
            Column(header: header, width: width, style: nil) { .text(value($0)) }
        }

        /// Integer rupiah as a number formatted `Rp 16.800` (`rupiahFormat`).
        static func rupiah(_ header: String, width: Double = 16, _ value: @escaping (Item) -> Int) -> Column {
            Column(
                header: header, width: width, style: LedgerWorkbook.rupiahStyle(16_800), content: { .number(Double(value($0))) },
                styleOf: { LedgerWorkbook.rupiahStyle(value($0)) })
        }
    }

    /// Writes `items` as a table from row 1: a header row (frozen), one row per item, an autofilter
    /// over the header and the rows, and the column widths. Empty text is left as an empty cell.
    static func writeTable<Item>(
        _ items: [Item], columns: [Column<Item>], to sheet: SpreadsheetWriter.Sheet, csvName: String = "ledger.csv"
    ) throws {
        for (offset, column) in columns.enumerated() {
            try sheet.write(.text(column.header), row: 1, column: offset + 1, style: headerStyle)
        }
        let shown = items.prefix(maxTableRows)
        // Rows stream out in constant-memory mode: ranges that reach back (the filter) are set
        // before any row below the header is written.
        try sheet.autofilter(rows: 1...(shown.count + 1), columns: 1...columns.count)
        let formats = columns.map { sheet.resolve($0.style) }
        for (index, item) in shown.enumerated() {
            let row = index + 2
            for offset in columns.indices {
                let content = columns[offset].content(item)
                if case .text(let text) = content, text.isEmpty {
                    if columns[offset].style != nil {
                        try sheet.write(.blank, row: row, column: offset + 1, style: nil, format: formats[offset])
                    }
                    continue
                }
                if let styleOf = columns[offset].styleOf {
                    let style = styleOf(item)
                    try sheet.write(content, row: row, column: offset + 1, style: style, format: sheet.resolve(style))
                    continue
                }
                try sheet.write(content, row: row, column: offset + 1, style: columns[offset].style, format: formats[offset])
            }
        }
        if items.count > shown.count {
            let note =
                "… dan \(items.count - shown.count) baris lainnya: lembar ini memuat paling banyak \(maxTableRows) baris; daftar lengkap ada di \(csvName)."
            try sheet.write(.text(note), row: shown.count + 3, column: 1, style: titleStyle)
        }
        for (offset, column) in columns.enumerated() {
            try sheet.setWidth(column.width, columns: (offset + 1)...(offset + 1))
        }
        sheet.freeze(row: 2)
    }

    /// Writes one cell; empty text becomes nothing (an empty cell, styled when the column is).
    static func writeCell(
        _ content: CellContent, row: Int, column: Int, style: CellStyle?, to sheet: SpreadsheetWriter.Sheet
    ) throws {
        if case .text(let text) = content, text.isEmpty {
            if style != nil { try sheet.write(.blank, row: row, column: column, style: style) }
            return
        }
        try sheet.write(content, row: row, column: column, style: style)
    }

    /// A date cell for an ISO `YYYY-MM-DD` text that names a real day from 1900 on (Excel has no
    /// dates before), else the text as it is.
    static func dateContent(_ text: String) -> CellContent {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return .text(text) }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10), year >= 1900,
            (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year)
        else { return .text(text) }
        return .date(year: year, month: month, day: day)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Writes a workbook at `path` through `body`. The file is created 0600 before libxlsxwriter
    /// fills it (so personal data is never readable by others whatever the umask) and ends 0640
    /// (`SpreadsheetWriter.close`). A file this call created is removed when writing fails.
    static func writeWorkbook(to path: String, _ body: (SpreadsheetWriter) throws -> Void) throws {
        let existed = access(path, F_OK) == 0
        let descriptor = open(path, O_WRONLY | O_CREAT, 0o600)
        if descriptor >= 0 {
            fchmod(descriptor, 0o600)
            close(descriptor)
        }
        do {
            // Rows go out as they are written: memory stays flat however long the month is.
            let writer = try SpreadsheetWriter(path: path, constantMemory: true, fastCompression: true)
            try body(writer)
            try writer.close()
        } catch {
            if !existed { unlink(path) }
            throw error
        }
    }
}
