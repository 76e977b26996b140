import SIGAPDomain

/// One NIK's history as both stores read it (SPEC §17): the columns each part is read from, in
/// order, and how a row of them is taken. A store casts the integer columns its rows do not give
/// as text (`cast`).
extension PersonHistory {
    /// The `workers` view's columns of a listing.
    package static func listingColumns(cast: (String) -> String = { $0 }) -> String {
        "month, name, owner, sources, file, sheet, \(cast("row"))"
    }

    /// The `findings` view's columns of a finding (`f`).
    package static func findingColumns(cast: (String) -> String = { $0 }) -> String {
        "f.month, f.source, f.file, f.sheet, \(cast("f.row")), f.cell, f.code, f.severity, f.value, f.message"
    }

    /// The `acknowledgements` view's columns of an answer.
    package static func answerColumns(cast: (String) -> String = { $0 }) -> String {
        "arrived_month, file, \(cast("row")), period, status, reason, reason_code, \(cast("premium"))"
    }

    /// The `ledger_lines` view's columns of a line.
    package static func lineColumns(cast: (String) -> String = { $0 }) -> String {
        "month, entry, for_month, name, source, kpj, status, previous_status, reason_code, \(cast("premium")), flags"
    }

    package mutating func addListing<Cursor: StoreRowCursor>(_ row: Cursor) {
        guard let month = YearMonth(row.text(0)) else { return }
        listings.append(
            Listing(
                month: month, name: row.text(1), owner: row.text(2), sources: row.text(3).split(separator: ";").map(String.init),
                file: row.text(4), sheet: row.text(5), row: row.integer(6)))
    }

    package mutating func addFinding<Cursor: StoreRowCursor>(_ row: Cursor) {
        guard let month = YearMonth(row.text(0)) else { return }
        let code = row.text(6)
        let value = row.text(8)
        findings.append(
            FindingRow(
                month: month, source: row.text(1), file: row.text(2), sheet: row.text(3), row: row.isNull(4) ? nil : row.integer(4),
                cell: row.text(5), code: code, severity: row.text(7), value: value, message: row.text(9),
                damagedNIK: code == FindingCode.nikPrecisionLost.rawValue && value != nik))
    }

    package mutating func addAnswer<Cursor: StoreRowCursor>(_ row: Cursor) {
        guard let month = YearMonth(row.text(0)) else { return }
        answers.append(
            Answer(
                arrivedMonth: month, file: row.text(1), row: row.integer(2), period: row.text(3), status: row.text(4), reason: row.text(5),
                reasonCode: row.text(6), premium: row.isNull(7) ? nil : row.integer(7)))
    }

    package mutating func addLine<Cursor: StoreRowCursor>(_ row: Cursor) {
        guard let month = YearMonth(row.text(0)), let entry = LedgerEntryKind(rawValue: row.text(1)),
            let forMonth = YearMonth(row.text(2)), let status = LedgerStatus(rawValue: row.text(6))
        else { return }
        lines.append(
            Line(
                month: month, entry: entry, forMonth: forMonth, name: row.text(3), source: row.text(4), kpj: row.text(5), status: status,
                previousStatus: row.isNull(7) ? nil : LedgerStatus(rawValue: row.text(7)), reasonCode: row.text(8),
                premium: row.integer(9), flags: row.text(10).split(separator: ";").compactMap { LedgerFlag(rawValue: String($0)) }))
    }
}
