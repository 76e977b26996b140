import SIGAPDomain

/// Makes ledger lines of one month from store rows whose columns are `ledger.csv`'s after `month`
/// (entry 0, for_month 1, nik 2, … status 11, previous_status 12, reason_code 13, premium 14,
/// flags 15), packed as reconciliation packs them (a month of a million lines: about 100 MB, not
/// 400). Values that repeat from line to line are made once per run of equal bytes.
package struct LedgerLineDecoder {
    package let month: YearMonth
    private let monthText: String
    private let block = LedgerBlock(capacity: 1 << 12)
    private var kinds = RepeatedColumn<LedgerEntryKind?>()
    private var forMonths = RepeatedColumn<YearMonth?>()
    private var statuses = RepeatedColumn<LedgerStatus?>()
    private var previousStatuses = RepeatedColumn<LedgerStatus?>()
    private var sourceLists = RepeatedColumn<[String]>()
    private var flagLists = RepeatedColumn<[LedgerFlag]>()
    private var texts = [RepeatedColumn<String>](repeating: RepeatedColumn(), count: 16)

    package init(month: YearMonth) {
        self.month = month
        monthText = month.description
    }

    /// The line of the cursor's current row (`StoreError.damaged` when it cannot be read back).
    package mutating func line<Cursor: StoreRowCursor>(of row: Cursor) throws -> LedgerLine {
        func text(_ bytes: UnsafeBufferPointer<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }
        func repeated(_ column: Int32) -> String { texts[Int(column)].value(row.utf8(column), text) }
        let month = month
        let monthText = monthText
        guard let kind = kinds.value(row.utf8(0), { LedgerEntryKind(rawValue: text($0)) }),
            let forMonth = forMonths.value(row.utf8(1), { text($0) == monthText ? month : YearMonth(text($0)) }),
            let status = statuses.value(row.utf8(11), { LedgerStatus(rawValue: text($0)) })
        else { throw StoreError.damaged("a stored ledger line of \(month) cannot be read back") }
        return LedgerLine(
            in: block, month: month, entry: kind, forMonth: forMonth, nik: LedgerLine.NIKValue(row.text(2)), name: row.text(3),
            source: repeated(4),
            sources: sourceLists.value(row.utf8(5)) { $0.isEmpty ? [] : text($0).split(separator: ";").map(String.init) },
            kecamatanCode: repeated(6), kecamatan: repeated(7), kelurahan: repeated(8), occupation: repeated(9),
            kpj: row.text(10), status: status,
            previousStatus: previousStatuses.value(row.utf8(12)) { LedgerStatus(rawValue: text($0)) },
            reasonCode: repeated(13), premium: row.integer(14),
            flags: flagLists.value(row.utf8(15)) {
                $0.isEmpty ? [] : text($0).split(separator: ";").compactMap { LedgerFlag(rawValue: String($0)) }
            })
    }

    /// Adds a REGULAR line of the month itself to `book`: its entry (NIK, status, premium), and its
    /// NIK and KPJ when it is covered with one; any other line is passed over. `StoreError.damaged`
    /// for a status that cannot be read back.
    package static func add<Cursor: StoreRowCursor>(_ row: Cursor, month: String, to book: inout AdjustmentCalculator.Book) throws {
        guard row.text(0) == LedgerEntryKind.regular.rawValue, row.text(1) == month else { return }
        guard let status = LedgerStatus(rawValue: row.text(11)) else {
            throw StoreError.damaged("a stored ledger line of \(month) cannot be read back")
        }
        let nik = row.text(2)
        book.entries.append(AdjustmentCalculator.BookEntry(nik: nik, status: status, premium: row.integer(14)))
        if status == .covered {
            let kpj = row.text(10)
            if !kpj.isEmpty { book.coveredKPJs.append((nik, kpj)) }
        }
    }
}
