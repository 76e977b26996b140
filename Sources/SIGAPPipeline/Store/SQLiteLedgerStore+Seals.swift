import GRDB
import SIGAPDomain

/// The seal chain (SPEC §16) as the embedded store keeps it.
extension SQLiteLedgerStore {
    public func seals() throws -> [MonthSeal] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM seal ORDER BY month").map { row in
                let name: String = row["month"]
                guard let month = YearMonth(name) else { throw StoreError.damaged("the store's seal chain holds a month named '\(name)'") }
                return MonthSeal(
                    month: month, previous: row["previous"], ledgerSHA256: row["ledger_sha256"], summarySHA256: row["summary_sha256"],
                    findingsSHA256: row["findings_sha256"], seal: row["seal"], published: row["published"])
            }
        }
    }

    public func markPublished(_ month: YearMonth) throws {
        try write { db in
            try db.execute(sql: "UPDATE seal SET published = 1 WHERE month = ? AND published = 0", arguments: [month.description])
        }
    }

    public func storedTotals(of month: YearMonth) throws -> [String: Int]? {
        try read { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: "SELECT \(SQLiteSchema.totals.joined(separator: ", ")) FROM month_summaries WHERE month = ?",
                    arguments: [month.description])
            else { return nil }
            var totals: [String: Int] = [:]
            for key in SQLiteSchema.totals { totals[key] = row[key] }
            return totals
        }
    }

    public func storedDigests(of month: YearMonth, ledger: Bool) throws -> MonthSeal.Digests? {
        try read { db in
            let name = month.description
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT r.id, r.summary_json FROM month m JOIN result r ON r.id = m.result_id WHERE m.month = ?",
                    arguments: [name])
            else { return nil }
            let result: Int64 = row["id"]
            return MonthSeal.Digests(
                ledgerSHA256: ledger ? try CSVTableLoad.ledger.digest(from: db, result: result, month: name) : "",
                summarySHA256: Fingerprint.sha256((row["summary_json"] as String?) ?? ""),
                findingsSHA256: try CSVTableLoad.findings.digest(from: db, result: result, month: name))
        }
    }
}
