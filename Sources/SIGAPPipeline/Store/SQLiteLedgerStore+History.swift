import GRDB
import SIGAPDomain

/// One NIK's history through the five views (SPEC §17): what `sigap explain` prints.
extension SQLiteLedgerStore {
    public func history(of nik: String) throws -> PersonHistory {
        try read { db in
            var history = PersonHistory(nik: nik)
            for row in try Row.fetchAll(
                db, sql: "SELECT month, name, owner, sources, file, sheet, row FROM workers WHERE nik = ? ORDER BY month", arguments: [nik])
            {
                guard let month = YearMonth(row["month"] as String) else { continue }
                history.listings.append(
                    PersonHistory.Listing(
                        month: month, name: row["name"] ?? "", owner: row["owner"],
                        sources: (row["sources"] as String).split(separator: ";").map(String.init), file: row["file"], sheet: row["sheet"],
                        row: row["row"]))
            }
            // Findings naming the NIK, on a row it was kept from, or on a row whose NIK Excel damaged
            // (the same first 15 digits, the last one lost).
            let prefix = String(nik.prefix(15))
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT f.month, f.source, f.file, f.sheet, f.row, f.cell, f.code, f.severity, f.value, f.message
                    FROM findings f
                    WHERE f.value = ?1
                       OR (f.code = 'NIK_PRECISION_LOST' AND length(?1) = 16 AND substr(f.value, 1, 15) = ?2)
                       OR EXISTS (SELECT 1 FROM workers w WHERE w.nik = ?1 AND w.month = f.month AND w.file = f.file
                                  AND w.sheet = f.sheet AND w.row = f.row)
                    """, arguments: [nik, prefix])
            {
                guard let month = YearMonth(row["month"] as String? ?? "") else { continue }
                let value: String = row["value"] ?? ""
                let code: String = row["code"]
                history.findings.append(
                    PersonHistory.FindingRow(
                        month: month, source: row["source"] ?? "", file: row["file"] ?? "", sheet: row["sheet"] ?? "", row: row["row"],
                        cell: row["cell"] ?? "", code: code, severity: row["severity"], value: value, message: row["message"] ?? "",
                        damagedNIK: code == FindingCode.nikPrecisionLost.rawValue && value != nik))
            }
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT arrived_month, file, row, period, status, reason, reason_code, premium FROM acknowledgements
                    WHERE nik = ? ORDER BY arrived_month, file, row
                    """, arguments: [nik])
            {
                guard let month = YearMonth(row["arrived_month"] as String) else { continue }
                history.answers.append(
                    PersonHistory.Answer(
                        arrivedMonth: month, file: row["file"], row: row["row"], period: row["period"] ?? "", status: row["status"] ?? "",
                        reason: row["reason"] ?? "", reasonCode: row["reason_code"] ?? "", premium: row["premium"]))
            }
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT month, entry, for_month, name, source, kpj, status, previous_status, reason_code, premium, flags
                    FROM ledger_lines WHERE nik = ? ORDER BY month, entry DESC, for_month
                    """, arguments: [nik])
            {
                guard let month = YearMonth(row["month"] as String), let entry = LedgerEntryKind(rawValue: row["entry"]),
                    let forMonth = YearMonth(row["for_month"] as String), let status = LedgerStatus(rawValue: row["status"])
                else { continue }
                history.lines.append(
                    PersonHistory.Line(
                        month: month, entry: entry, forMonth: forMonth, name: row["name"] ?? "", source: row["source"] ?? "",
                        kpj: row["kpj"] ?? "", status: status,
                        previousStatus: (row["previous_status"] as String?).flatMap(LedgerStatus.init),
                        reasonCode: row["reason_code"] ?? "", premium: row["premium"],
                        flags: ((row["flags"] as String?) ?? "").split(separator: ";").compactMap { LedgerFlag(rawValue: String($0)) }))
            }
            history.closedMonths = Set(
                try String.fetchAll(db, sql: "SELECT month FROM month WHERE closed = 1").compactMap(YearMonth.init))
            return history
        }
    }
}
