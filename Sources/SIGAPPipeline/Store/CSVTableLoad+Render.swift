import GRDB

/// The other way: a result's rows rendered back into the very text they were loaded from (the
/// published `ledger.csv`, `findings.csv`), so what the store holds can be checked against a
/// file's digest (SPEC §16). Each value is written as SQLite gives its text (NULL empty, an
/// integer in decimal): rows as this program loaded them give the same bytes back, and a value
/// changed by hand gives other bytes.
extension CSVTableLoad {
    /// Hands the text of `result`'s rows to `output`, header first, a block at a time; `month` is
    /// the text of a `.skip` column (a ledger line's month). `row` sees each row's statement
    /// before it is written, its table columns numbered from 0 in table order.
    func render(
        from db: Database, result: Int64, month: String, row: ((SQLiteStatement) throws -> Void)? = nil,
        _ output: (UnsafeBufferPointer<UInt8>) throws -> Void
    ) throws {
        let statement = try SQLiteStatement(
            db, "SELECT \(tableColumns.joined(separator: ", ")) FROM \(table) WHERE result_id = ? ORDER BY line")
        statement.bind(1, result)
        var csv = CSVWriter(header: header)
        let monthBytes = Array(month.utf8)
        try statement.forEachRow {
            try row?(statement)
            var index: Int32 = 0
            for column in columns {
                switch column {
                case .skip:
                    monthBytes.withUnsafeBufferPointer { csv.field(utf8: $0) }
                case .text, .integer:
                    csv.field(utf8: statement.utf8(index))
                    index += 1
                }
            }
            csv.endRecord()
            if csv.count >= 1 << 20 { try csv.drain(output) }
        }
        try csv.drain(output)
    }

    /// The SHA-256 of that text.
    func digest(from db: Database, result: Int64, month: String, row: ((SQLiteStatement) throws -> Void)? = nil) throws -> String {
        var hasher = Fingerprint.Streamed()
        try render(from: db, result: result, month: month, row: row) { hasher.update($0) }
        return hasher.finish()
    }
}
