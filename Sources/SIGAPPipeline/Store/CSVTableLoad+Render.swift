import GRDB

/// The other way: a result's rows rendered back into the very text they were loaded from (the
/// published `ledger.csv`, `findings.csv`), so what the store holds can be checked against a
/// file's digest (SPEC §16). Each value is written as the store gives its text (NULL empty, an
/// integer in decimal): rows as this program loaded them give the same bytes back, and a value
/// changed by hand gives other bytes.
extension CSVTableLoad {
    /// The query of a result's rows, in line order: its table columns, then the result's id as the
    /// parameter written `parameter` (`?` on SQLite, `$1` on PostgreSQL). `cast` wraps a column
    /// that is not text (PostgreSQL hands integers over as text only when asked).
    package func selectRows(
        parameter: String, cast: (String) -> String = { $0 }, list: ([String]) -> String = { $0.joined(separator: ", ") }
    ) -> String {
        let names = columns.compactMap { column -> String? in
            switch column {
            case .text(let name): name
            case .integer(let name): cast(name)
            case .skip: nil
            }
        }
        return "SELECT \(list(names)) FROM \(table) WHERE result_id = \(parameter) ORDER BY line"
    }

    /// Hands the text of the rows `forEachRow` steps `cursor` through to `output`, header first, a
    /// block at a time; `month` is the text of a `.skip` column (a ledger line's month). `row` sees
    /// each row before it is written, its table columns numbered from 0 in table order.
    package func render<Cursor: StoreRowCursor>(
        _ cursor: Cursor, forEachRow: (() throws -> Void) throws -> Void, month: String, row: ((Cursor) throws -> Void)? = nil,
        _ output: (UnsafeBufferPointer<UInt8>) throws -> Void
    ) throws {
        var csv = CSVWriter(header: header)
        let monthBytes = Array(month.utf8)
        // `forEachRow` is another closure parameter: these two only seem to escape into it.
        try withoutActuallyEscaping(output) { output in
            try withoutActuallyEscaping({ (cursor: Cursor) in try row?(cursor) }) { row in
                try forEachRow {
                    try row(cursor)
                    var index: Int32 = 0
                    for column in columns {
                        switch column {
                        case .skip:
                            monthBytes.withUnsafeBufferPointer { csv.field(utf8: $0) }
                        case .text, .integer:
                            csv.field(utf8: cursor.utf8(index))
                            index += 1
                        }
                    }
                    csv.endRecord()
                    if csv.count >= 1 << 20 { try csv.drain(output) }
                }
            }
            try csv.drain(output)
        }
    }

    /// The same from the embedded store's rows of `result`.
    func render(
        from db: Database, result: Int64, month: String, row: ((SQLiteStatement) throws -> Void)? = nil,
        _ output: (UnsafeBufferPointer<UInt8>) throws -> Void
    ) throws {
        let statement = try SQLiteStatement(db, selectRows(parameter: "?"))
        statement.bind(1, result)
        try render(statement, forEachRow: statement.forEachRow, month: month, row: row, output)
    }

    /// The SHA-256 of that text.
    func digest(from db: Database, result: Int64, month: String, row: ((SQLiteStatement) throws -> Void)? = nil) throws -> String {
        var hasher = Fingerprint.Streamed()
        try render(from: db, result: result, month: month, row: row) { hasher.update($0) }
        return hasher.finish()
    }
}
