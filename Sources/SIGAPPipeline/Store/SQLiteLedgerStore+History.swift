import GRDB
import SIGAPDomain

/// One NIK's history through the five views (SPEC §17): what `sigap explain` prints.
extension SQLiteLedgerStore {
    public func history(of nik: String) throws -> PersonHistory {
        try read { db in
            var history = PersonHistory(nik: nik)
            func each(_ sql: String, _ take: (SQLiteStatement) -> Void) throws {
                let statement = try SQLiteStatement(db, sql)
                statement.bind(1, nik)
                statement.bind(2, String(nik.prefix(15)))
                try statement.forEachRow { take(statement) }
            }
            try each("SELECT \(PersonHistory.listingColumns()) FROM workers WHERE nik = ?1 ORDER BY month") { history.addListing($0) }
            // Findings naming the NIK, on a row it was kept from, or on a row whose NIK Excel damaged
            // (the same first 15 digits, the last one lost).
            try each(
                """
                SELECT \(PersonHistory.findingColumns()) FROM findings f
                WHERE f.value = ?1
                   OR (f.code = 'NIK_PRECISION_LOST' AND length(?1) = 16 AND substr(f.value, 1, 15) = ?2)
                   OR EXISTS (SELECT 1 FROM workers w WHERE w.nik = ?1 AND w.month = f.month AND w.file = f.file
                              AND w.sheet = f.sheet AND w.row = f.row)
                """
            ) { history.addFinding($0) }
            try each("SELECT \(PersonHistory.answerColumns()) FROM acknowledgements WHERE nik = ?1 ORDER BY arrived_month, file, row") {
                history.addAnswer($0)
            }
            try each("SELECT \(PersonHistory.lineColumns()) FROM ledger_lines WHERE nik = ?1 ORDER BY month, entry DESC, for_month") {
                history.addLine($0)
            }
            history.closedMonths = Set(
                try String.fetchAll(db, sql: "SELECT month FROM month WHERE closed = 1").compactMap(YearMonth.init))
            return history
        }
    }
}
