import Foundation
import SIGAPPipeline
import Testing

/// The store as the data team's warehouse (SPEC §15): the five views, queried with SQL after the
/// demo history that `make run` plays (November run and closed, then December to February), say
/// exactly what the published files say; `docs/store.md`'s example queries give what it shows.
@Suite("The store's views against the published files", .serialized)
struct StoreViewsTests {
    static let months = RunWorkspace.demoMonths

    /// The demo history, played once for the suite.
    static let history: Result<RunWorkspace, any Error> = Result {
        let workspace = try RunWorkspace("views")
        try workspace.arriveDemo(["2025-11"])
        try #require(try workspace.sigap("run", ["--through", "2025-11"]).exitStatus == 0)
        try #require(try workspace.sigap("close", ["2025-11", "--through", "2025-11"]).exitStatus == 0)
        try workspace.arriveDemo(["2025-12", "2026-01", "2026-02"])
        try #require(try workspace.sigap("run", ["--through", "2026-02"]).exitStatus == 65)
        return workspace
    }

    /// A published CSV file's data records, each field as text.
    static func records(_ text: String) -> [[String]] {
        Array(CSVText.records(text).dropFirst())
    }

    @Test("ledger_lines of each month is its ledger.csv line for line, with NULL for empty fields and integer premiums")
    func ledgerLines() throws {
        let workspace = try Self.history.get()
        #expect(try workspace.query("SELECT * FROM ledger_lines LIMIT 0").isEmpty)
        for month in Self.months {
            let published = Self.records(try workspace.read("\(month)/ledger.csv"))
            let viewed = try workspace.query("SELECT * FROM ledger_lines WHERE month = ?", [month])
            #expect(!published.isEmpty)
            #expect(viewed == published, "\(month)")
            // Types a query relies on.
            let types = try workspace.query(
                "SELECT DISTINCT typeof(premium), typeof(previous_status) FROM ledger_lines WHERE month = ? AND entry = 'REGULAR'", [month])
            #expect(types == [["integer", "null"]], "\(month)")
        }
        // The closed month is shown as it was frozen, although later acknowledgements changed it.
        let november = try workspace.query("SELECT nik, status FROM ledger_lines WHERE month = '2025-11' AND nik = '3275015203900002'")
        #expect(november == [["3275015203900002", "COVERED"]])
        #expect(try workspace.query("SELECT count(*) FROM ledger_lines") == [["43"]])
    }

    @Test("findings of each month is its findings.csv line for line")
    func findings() throws {
        let workspace = try Self.history.get()
        var total = 0
        for month in Self.months {
            let published = Self.records(try workspace.read("\(month)/findings.csv"))
            let viewed = try workspace.query("SELECT * FROM findings WHERE month = ?", [month])
            #expect(viewed == published, "\(month)")
            total += published.count
        }
        #expect(total > 0)
        #expect(
            try workspace.query("SELECT typeof(row) FROM findings WHERE code = 'NIK_PRECISION_LOST' AND source = 'DISHUB'") == [["integer"]]
        )
    }

    @Test("month_summaries holds every scalar of each month's summary.json; closed is 0 or 1")
    func monthSummaries() throws {
        let workspace = try Self.history.get()
        let columns = [
            "month", "closed", "workers", "covered", "rejected", "pending", "unexpected", "premium_due", "adjustments_count",
            "adjustments_premium", "total_payable", "pending_exposure", "disputed_amount", "orphan_rejections", "quarantined_rows",
        ]
        let viewed = try workspace.query("SELECT \(columns.joined(separator: ", ")) FROM month_summaries")
        #expect(viewed.map { $0[0] } == Self.months)
        for row in viewed {
            let summary = try RunWorkspace.json(contentsOf: "\(workspace.out)/\(row[0])/summary.json")
            #expect(row[0] == summary["month"] as? String)
            #expect(row[1] == ((summary["closed"] as? Bool) == true ? "1" : "0"), "\(row[0])")
            for (index, key) in columns.enumerated().dropFirst(2) {
                #expect(row[index] == (summary[key] as? NSNumber)?.stringValue, "\(row[0]) \(key)")
            }
        }
        #expect(viewed.map { $0[1] } == ["1", "0", "0", "0"])
        #expect(try workspace.query("SELECT * FROM month_summaries").first?.count == columns.count)
    }

    @Test("acknowledgements holds every data row read, quarantined ones too, as many as the manifest counts")
    func acknowledgements() throws {
        let workspace = try Self.history.get()
        // The rows each BPJS file gave, from the last run's manifest (November's from the first
        // run: a closed month keeps what it was closed with).
        let manifests = try workspace.manifests()
        #expect(manifests.count == 2)
        var rows: [String: Int] = [:]
        for manifest in manifests {
            let through = manifest["through"] as? String
            for case let input as [String: Any] in manifest["inputs"] as? [Any] ?? [] {
                guard let file = input["file"] as? String, file.contains("/BPJS/"), let count = input["rows"] as? Int else { continue }
                let month = String(file.prefix(7))
                if (month == "2025-11") == (through == "2025-11") { rows[month, default: 0] += count }
            }
        }
        let viewed = try workspace.query("SELECT arrived_month, count(*) FROM acknowledgements GROUP BY arrived_month")
        #expect(viewed == rows.keys.sorted().map { [$0, String(rows[$0]!)] })
        #expect(viewed.count == 4)
        // Each quarantined BPJS row (a finding) is there, with what could not be read as NULL.
        let quarantined = try workspace.query("SELECT DISTINCT file, row FROM findings WHERE source = 'BPJS'")
        #expect(!quarantined.isEmpty)
        for place in quarantined {
            let row = try workspace.query(
                "SELECT nik, status, period FROM acknowledgements WHERE file = ? AND row = ?", [place[0], place[1]])
            #expect(row == [["", "ACCEPTED", "2025-11"]], "\(place)")
        }
        // Every COVERED line's KPJ was accepted for its month in some file.
        for month in Self.months {
            let unmatched = try workspace.query(
                """
                SELECT l.nik FROM ledger_lines l WHERE l.month = ? AND l.status = 'COVERED' AND l.entry = 'REGULAR'
                AND NOT EXISTS (SELECT 1 FROM acknowledgements a WHERE a.nik = l.nik AND a.period = l.month AND a.kpj = l.kpj
                                AND a.status = 'ACCEPTED')
                """, [month])
            #expect(unmatched.isEmpty, "\(month)")
        }
        #expect(try workspace.query("SELECT DISTINCT status FROM acknowledgements ORDER BY 1") == [["ACCEPTED"], ["REJECTED"]])
    }

    @Test("workers of each month are the ledger's enrolled people: NIK, name, owner, sources and kecamatan")
    func workers() throws {
        let workspace = try Self.history.get()
        for month in Self.months {
            let enrolled = try workspace.query(
                """
                SELECT nik, name, source, sources, kecamatan_code FROM ledger_lines
                WHERE month = ? AND entry = 'REGULAR' AND status <> 'UNEXPECTED' ORDER BY nik
                """, [month])
            let workers = try workspace.query(
                "SELECT nik, name, owner, sources, kecamatan_code FROM workers WHERE month = ? ORDER BY nik", [month])
            #expect(workers == enrolled, "\(month)")
            let summary = try RunWorkspace.json(contentsOf: "\(workspace.out)/\(month)/summary.json")
            #expect(workers.count == summary["workers"] as? Int, "\(month)")
            // Every worker names the row it came from.
            let origins = try workspace.query(
                "SELECT count(*) FROM workers WHERE month = ? AND file IS NOT NULL AND sheet IS NOT NULL AND row > 0", [month])
            #expect(origins == [[String(workers.count)]], "\(month)")
        }
        // DISHUB sent nothing in December: its workers are carried from November's file.
        let carried = try workspace.query("SELECT DISTINCT file FROM workers WHERE month = '2025-12' AND owner = 'DISHUB'")
        #expect(carried == [["2025-11/DISHUB/DISHUB pekerja rentan November 2025.xlsx"]])
    }

    @Test("a person's history is found through the NIK indexes, month by month, never by reading every line")
    func historyByIndex() throws {
        let workspace = try Self.history.get()
        // Someone enrolled in every month of the demo.
        let nik = try #require(
            try workspace.query(
                "SELECT nik FROM workers GROUP BY nik HAVING count(DISTINCT month) = ? ORDER BY nik LIMIT 1", [Self.months.count]
            ).first?.first)
        for (view, index, table) in [("ledger_lines", "ledger_line_nik", "l"), ("workers", "worker_nik", "w")] {
            let plan = try workspace.query("EXPLAIN QUERY PLAN SELECT * FROM \(view) WHERE nik = ?", [nik]).map { $0.last ?? "" }
            #expect(plan.contains { $0.contains("SEARCH \(table) USING INDEX \(index) (") && $0.contains("nik=?") }, "\(view): \(plan)")
            #expect(!plan.contains { $0.hasPrefix("SCAN \(table)") }, "\(view): \(plan)")
            // And the index gives what reading the view whole gives.
            // (`nik || ''` keeps SQLite off the index.)
            let found = try workspace.query("SELECT * FROM \(view) WHERE nik = ?", [nik])
            let read = try workspace.query("SELECT * FROM \(view) WHERE nik || '' = ?", [nik])
            #expect(found == read, "\(view)")
            #expect(Set(found.map { $0[0] }) == Set(Self.months), "\(view)")
        }
    }

    /// One example of `docs/store.md`: its SQL and the result it shows.
    struct Example: CustomTestStringConvertible {
        var sql: String
        var expected: [String]
        var testDescription: String { sql.split(separator: "\n").first.map(String.init) ?? sql }
    }

    /// Every ```sql block of the document with the ```text block after it.
    static func examples() throws -> [Example] {
        let text = try String(contentsOfFile: "\(RunWorkspace.root)/docs/store.md", encoding: .utf8)
        var examples: [Example] = []
        var block: (kind: String, lines: [String])?
        var pendingSQL: String?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if var current = block {
                if line == "```" {
                    if current.kind == "sql" {
                        pendingSQL = current.lines.joined(separator: "\n")
                    } else if current.kind == "text", let sql = pendingSQL {
                        examples.append(Example(sql: sql, expected: current.lines))
                        pendingSQL = nil
                    }
                    block = nil
                } else {
                    current.lines.append(line)
                    block = current
                }
            } else if line.hasPrefix("```") {
                block = (String(line.dropFirst(3)), [])
            }
        }
        return examples
    }

    @Test("docs/store.md has at least 8 example queries, each with its result on the demo store")
    func documentedExamples() throws {
        let examples = try Self.examples()
        #expect(examples.count >= 8)
        let workspace = try Self.history.get()
        for example in examples {
            let rows = try workspace.query(example.sql).map { $0.joined(separator: "|") }
            #expect(rows == example.expected, "\(example.sql)")
        }
    }
}
