import SIGAPDomain

/// Adjustments for a closed month (SPEC §8.4, §14): the month is recomputed from all inputs now
/// present, and every NIK whose (status, premium) differs from its book — the frozen REGULAR line
/// plus the adjustments already recorded for the month — gets an ADJUSTMENT line in the earliest
/// open month, for the difference.
public enum AdjustmentCalculator {
    /// What a frozen REGULAR line says: all a book needs of it.
    public struct BookEntry: Sendable, Hashable {
        public var nik: String
        public var status: LedgerStatus
        public var premium: Int

        public init(nik: String, status: LedgerStatus, premium: Int) {
            self.nik = nik
            self.status = status
            self.premium = premium
        }

        /// The book entries of `closed`'s REGULAR lines among `lines`.
        public static func of(_ lines: [LedgerLine], closed: YearMonth) -> [BookEntry] {
            lines.filter { $0.entry == .regular && $0.forMonth == closed }.map {
                BookEntry(nik: $0.nik, status: $0.status, premium: $0.premium)
            }
        }
    }

    /// `frozen`: the closed month's frozen REGULAR lines as book entries; `recorded`: adjustment
    /// lines for `closed` already frozen in later closed months, in order. Returns the lines for
    /// `openMonth`, sorted by NIK, and the NIKs of the book that the recomputation no longer has
    /// (reported, not adjusted: there is no status for "absent").
    public static func adjustments(
        for closed: YearMonth, frozen: [BookEntry], recorded: [LedgerLine], recomputed: [LedgerLine], into openMonth: YearMonth
    ) -> (lines: [LedgerLine], vanished: [String]) {
        var book: [String: (status: LedgerStatus, premium: Int)] = [:]
        book.reserveCapacity(frozen.count)
        for entry in frozen { book[entry.nik] = (entry.status, entry.premium) }
        for line in recorded where line.entry == .adjustment && line.forMonth == closed {
            let premium = (book[line.nik]?.premium ?? 0) + line.premium
            book[line.nik] = (line.status, premium)
        }
        var lines: [LedgerLine] = []
        var seen = Set<String>()
        for line in recomputed where line.entry == .regular {
            seen.insert(line.nik)
            let before = book[line.nik]
            guard before?.status != line.status || (before?.premium ?? 0) != line.premium else { continue }
            var adjustment = line
            adjustment.month = openMonth
            adjustment.entry = .adjustment
            adjustment.forMonth = closed
            adjustment.previousStatus = before?.status
            adjustment.premium = line.premium - (before?.premium ?? 0)
            lines.append(adjustment)
        }
        let vanished = book.keys.filter { !seen.contains($0) }.sorted()
        return (lines.sorted { $0.nikKey < $1.nikKey }, vanished)
    }
}
