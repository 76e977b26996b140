import Foundation
import GRDB
import SIGAPDomain
import Testing

@testable import SIGAPPipeline

/// The store keeps a month's ledger as its lines. A run hands it the staged `ledger.csv` (a month of
/// a million lines is never held whole) and the store loads the lines in blocks; the text rendered
/// back from them must be the file, byte for byte.
@Suite("SQLite store: ledgers loaded from their files")
struct SQLiteLedgerStoreTests {
    static let november = YearMonth("2025-11")!

    static func folder() throws -> String {
        let path = NSTemporaryDirectory() + "sigap-store-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func run(_ id: String) -> RunRecord {
        RunRecord(
            id: id, startedAt: "2025-12-01T00:00:00Z", finishedAt: "2025-12-01T00:01:00Z", throughMonth: "2025-11", exitCode: 0,
            toolVersion: "test", pipeline: "pipelines/sigap-bekasi.yaml", inputs: [])
    }

    /// A summary text with every total the store keeps (`workers` as given, the rest 0).
    static func summary(workers: Int) -> String {
        "{" + SQLiteSchema.totals.map { "\"\($0)\": \($0 == "workers" ? workers : 0)" }.joined(separator: ", ") + "}"
    }

    static let noFindings = FindingsCSV.render([])
    static let emptyLedger = LedgerCSV.render([])

    /// A ledger text of more than one 1 MiB block, with text that is not ASCII.
    static let ledger: String = {
        var text = LedgerCSV.header.joined(separator: ",") + "\n"
        for index in 0..<12_000 {
            text += "2025-11,REGULAR,2025-11,32750101010\(String(100_000 + index)),SITI ÅSA \(index),DISHUB,DISHUB,32.75.01,"
            text += "Bekasi Timur,Margahayu,\"OJEK, DARING\",10000109005,COVERED,,,16800,\n"
        }
        return text
    }()

    @Test("a ledger saved from its file reads back as that file's text; a month listed without ledgers has every other field")
    func fromFile() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = "\(folder)/ledger.csv"
        try Self.ledger.write(toFile: file, atomically: false, encoding: .utf8)
        #expect(Self.ledger.utf8.count > 1 << 20)
        let store = try SQLiteLedgerStore(path: "\(folder)/sigap.sqlite")
        try store.save(
            run: Self.run("r1"),
            months: [
                StoredMonth(
                    month: Self.november, closed: false, closedAt: nil, runID: "r1", ledgerCSV: "", ledgerFile: StagedCSV(path: file),
                    summaryJSON: Self.summary(workers: 12000), findingsCSV: Self.noFindings)
            ])
        let stored = try #require(try store.month(Self.november))
        #expect(stored.ledgerCSV == Self.ledger)
        #expect(stored.summaryJSON == Self.summary(workers: 12000))
        let listed = try store.months(ledgers: false)
        #expect(listed.map(\.month) == [Self.november])
        #expect(listed.first?.ledgerCSV == "")
        #expect(listed.first?.findingsCSV == Self.noFindings)
        #expect(try store.month(Self.november, ledger: false)?.runID == "r1")

        // A later run of the open month replaces it, from text or from a file.
        try store.save(
            run: Self.run("r2"),
            months: [
                StoredMonth(
                    month: Self.november, closed: false, closedAt: nil, runID: "r2", ledgerCSV: Self.emptyLedger,
                    summaryJSON: Self.summary(workers: 0), findingsCSV: Self.noFindings)
            ])
        #expect(try store.month(Self.november)?.ledgerCSV == Self.emptyLedger)
        try store.save(
            run: Self.run("r3"),
            months: [
                StoredMonth(
                    month: Self.november, closed: false, closedAt: nil, runID: "r3", ledgerCSV: "", ledgerFile: StagedCSV(path: file),
                    summaryJSON: Self.summary(workers: 12000), findingsCSV: Self.noFindings)
            ])
        #expect(try store.month(Self.november)?.ledgerCSV == Self.ledger)
        #expect(try store.month(Self.november)?.runID == "r3")
    }

    @Test("a month's ADJUSTMENT lines, read from its last lines, or from all of them when its totals do not count them right")
    func adjustmentLines() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = try SQLiteLedgerStore(path: "\(folder)/sigap.sqlite")
        var ledger = Self.ledger
        ledger +=
            "2025-11,ADJUSTMENT,2025-10,3275010101100001,A,DISHUB,DISHUB,32.75.01,Bekasi Timur,Margahayu,,,REJECTED,COVERED,,-16800,\n"
        ledger += "2025-11,ADJUSTMENT,2025-10,3275010101100002,B,DISHUB,DISHUB,32.75.01,Bekasi Timur,Margahayu,,1,COVERED,PENDING,,16800,\n"
        func save(adjustments: Int) throws {
            let summary = Self.summary(workers: 12000).replacingOccurrences(
                of: "\"adjustments_count\": 0", with: "\"adjustments_count\": \(adjustments)")
            try store.save(
                run: Self.run("r\(adjustments)"),
                months: [
                    StoredMonth(
                        month: Self.november, closed: false, closedAt: nil, runID: "r\(adjustments)", ledgerCSV: ledger,
                        summaryJSON: summary, findingsCSV: Self.noFindings)
                ])
        }
        for count in [2, 1, 5] {
            try save(adjustments: count)
            let lines = try store.ledgerLines(of: Self.november, entry: .adjustment)
            #expect(lines.map(\.nik) == ["3275010101100001", "3275010101100002"], "adjustments_count \(count)")
            #expect(lines.map(\.premium) == [-16800, 16800])
        }
        #expect(try store.ledgerLines(of: Self.november, entry: .regular).count == 12_000)
    }

    @Test("two months' lines read side by side are each month's lines, in ledger order, as one at a time gives them")
    func linesSideBySide() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = "\(folder)/sigap.sqlite"
        let store = try SQLiteLedgerStore(path: path)
        let december = Self.november.next
        // December: November's workers but the last thousand.
        let rows = Self.ledger.split(separator: "\n", omittingEmptySubsequences: false)
        let decemberLedger = (rows.dropLast(1001).map { $0.replacingOccurrences(of: "2025-11,", with: "2025-12,") } + [""])
            .joined(separator: "\n")
        try store.save(
            run: Self.run("r1"),
            months: [Self.november, december].map { month in
                StoredMonth(
                    month: month, closed: false, closedAt: nil, runID: "r1",
                    ledgerCSV: month == december ? decemberLedger : Self.ledger, summaryJSON: Self.summary(workers: 12000),
                    findingsCSV: Self.noFindings)
            })
        let each = try store.ledgerLines(ofEach: [december, Self.november])
        #expect(each.map(\.count) == [11_000, 12_000])
        #expect(LedgerCSV.render(each[0]) == decemberLedger)
        #expect(LedgerCSV.render(each[1]) == Self.ledger)
        #expect(each[1] == (try store.ledgerLines(of: Self.november, entry: nil)))
        // A month the store does not hold has no lines; a dry run reads through its own connection only.
        #expect(try store.ledgerLines(ofEach: [Self.november, YearMonth("2026-05")!]).map(\.count) == [12_000, 0])
        let dryRun = try SQLiteLedgerStore(path: path, mode: .dryRun)
        #expect(try dryRun.ledgerLines(ofEach: [december, Self.november]) == each)
    }

    @Test("a ledger file that cannot be read fails the save, and the store keeps what it had")
    func missingFile() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = try SQLiteLedgerStore(path: "\(folder)/sigap.sqlite")
        #expect(throws: StoreError.self) {
            try store.save(
                run: Self.run("r1"),
                months: [
                    StoredMonth(
                        month: Self.november, closed: false, closedAt: nil, runID: "r1", ledgerCSV: "",
                        ledgerFile: StagedCSV(path: "\(folder)/missing.csv"), summaryJSON: "{}", findingsCSV: "")
                ])
        }
        #expect(try store.months().isEmpty)
        #expect(try store.runs().isEmpty)
    }

    /// A closed month as an older version stored it: a ledger of two lines (one with a quoted
    /// field, one ADJUSTMENT with a negative premium), one finding, the summary.
    static let oldLedger = """
        month,entry,for_month,nik,name,source,sources,kecamatan_code,kecamatan,kelurahan,occupation,kpj,status,previous_status,reason_code,premium,flags
        2025-11,REGULAR,2025-11,3275014101900001,SITI AMINAH,DISHUB,DISHUB;DINSOS,32.75.01,Bekasi Timur,Margahayu,"OJEK, DARING",10000109005,COVERED,,,16800,NAME_MISMATCH

        """
    static let oldFindings = """
        month,source,file,sheet,row,cell,code,severity,value,message
        2025-11,DISHUB,2025-11/DISHUB/a.xlsx,Sheet1,7,D7,PHONE_INVALID,warning,0812,Nomor HP tidak valid

        """

    @Test("a store of an older version is migrated with its months, closed ones too, and its rows appear in the views")
    func migration() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = "\(folder)/sigap.sqlite"
        // The first version's tables, as that version left them.
        let old = try DatabaseQueue(path: path)
        let summary = Self.summary(workers: 1).replacingOccurrences(of: "{", with: "{\"closed\": true, ")
        try old.write { db in
            try db.execute(
                sql: """
                    CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
                    INSERT INTO grdb_migrations VALUES ('v1');
                    CREATE TABLE run (
                        id TEXT PRIMARY KEY, started_at TEXT NOT NULL, finished_at TEXT NOT NULL,
                        through_month TEXT NOT NULL, exit_code INTEGER NOT NULL, tool_version TEXT NOT NULL,
                        pipeline TEXT NOT NULL);
                    CREATE TABLE run_input (
                        run_id TEXT NOT NULL REFERENCES run(id), name TEXT NOT NULL, sha256 TEXT NOT NULL,
                        size INTEGER NOT NULL, rows INTEGER NOT NULL, outcome TEXT NOT NULL,
                        PRIMARY KEY (run_id, name));
                    CREATE TABLE month (
                        month TEXT PRIMARY KEY, closed INTEGER NOT NULL DEFAULT 0, closed_at TEXT,
                        run_id TEXT NOT NULL, ledger_csv TEXT NOT NULL, summary_json TEXT NOT NULL,
                        findings_csv TEXT NOT NULL);
                    INSERT INTO run VALUES ('r1', 'a', 'b', '2025-11', 0, 'old', 'p');
                    """)
            try db.execute(
                sql: "INSERT INTO month VALUES ('2025-11', 1, '2025-12-05T00:00:00Z', 'r1', ?, ?, ?)",
                arguments: [Self.oldLedger, summary, Self.oldFindings])
        }
        try old.close()
        let store = try SQLiteLedgerStore(path: path)
        let stored = try #require(try store.month(Self.november))
        #expect(stored.closed)
        #expect(stored.closedAt == "2025-12-05T00:00:00Z")
        #expect(stored.ledgerCSV == Self.oldLedger)
        #expect(stored.summaryJSON == summary)
        #expect(stored.findingsCSV == Self.oldFindings)
        #expect(try store.runs().map(\.id) == ["r1"])
        // The views show the closed month as it was stored.
        let views = try DatabaseQueue(path: path)
        try views.read { db in
            let line = try #require(try Row.fetchOne(db, sql: "SELECT * FROM ledger_lines"))
            #expect(line["month"] == "2025-11")
            #expect(line["nik"] == "3275014101900001")
            #expect(line["occupation"] == "OJEK, DARING")
            #expect(line["sources"] == "DISHUB;DINSOS")
            #expect(line["premium"] == 16800)
            #expect(line["previous_status"] == nil as String?)
            #expect(line["flags"] == "NAME_MISMATCH")
            let finding = try #require(try Row.fetchOne(db, sql: "SELECT * FROM findings"))
            #expect(finding["row"] == 7)
            #expect(finding["code"] == "PHONE_INVALID")
            let totals = try #require(try Row.fetchOne(db, sql: "SELECT * FROM month_summaries"))
            #expect(totals["closed"] == 1)
            #expect(totals["workers"] == 1)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM workers") == 0)
        }
        try views.close()
        // A closed month is never overwritten, from a file either.
        try store.save(
            run: Self.run("r2"),
            months: [
                StoredMonth(
                    month: Self.november, closed: false, closedAt: nil, runID: "r2", ledgerCSV: "",
                    ledgerFile: StagedCSV(path: "\(folder)/none.csv"),
                    summaryJSON: "{}", findingsCSV: "")
            ])
        #expect(try store.month(Self.november)?.ledgerCSV == Self.oldLedger)
    }

    @Test("v3 onwards: acknowledgement rows kept under a result become files of their own, in the same order in the view")
    func acknowledgementsMigrated() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = "\(folder)/sigap.sqlite"
        let old = try DatabaseQueue(path: path)
        try SQLiteSchema.migrator.migrate(old, upTo: "v3: tables and views")
        try old.write { db in
            try db.execute(
                sql: """
                    INSERT INTO result (id, month, run_id) VALUES (7, '2025-12', 'r1'), (8, '2025-12', 'r0');
                    INSERT INTO month (month, closed, run_id, result_id) VALUES ('2025-12', 0, 'r1', 7);
                    INSERT INTO acknowledgement VALUES
                        (7, 0, '2025-12/BPJS/b.csv', 2, '2025-12', '3275014101900001', 'RAHMAT', '25110000001', 'ACCEPTED', NULL, NULL, 16800),
                        (7, 1, '2025-12/BPJS/b.csv', 3, '2025-11', NULL, 'YULI', NULL, NULL, NULL, NULL, NULL),
                        (7, 2, '2025-12/BPJS/a.csv', 2, '2025-12', '3275014101900002', NULL, NULL, 'REJECTED', 'NIK tidak padan', 'NIK_MISMATCH', NULL),
                        (8, 0, '2025-12/BPJS/old.csv', 2, '2025-12', '3275014101900003', NULL, NULL, 'REJECTED', NULL, NULL, NULL);
                    """)
        }
        try old.close()
        let store = try SQLiteLedgerStore(path: path)
        let views = try DatabaseQueue(path: path)
        let query = "SELECT arrived_month, file, row, period, nik, name, kpj, status, reason, reason_code, premium FROM acknowledgements"
        let wanted: [[String?]] = [
            ["2025-12", "2025-12/BPJS/b.csv", "2", "2025-12", "3275014101900001", "RAHMAT", "25110000001", "ACCEPTED", nil, nil, "16800"],
            ["2025-12", "2025-12/BPJS/b.csv", "3", "2025-11", nil, "YULI", nil, nil, nil, nil, nil],
            [
                "2025-12", "2025-12/BPJS/a.csv", "2", "2025-12", "3275014101900002", nil, nil, "REJECTED", "NIK tidak padan",
                "NIK_MISMATCH", nil,
            ],
        ]
        func rows() throws -> [[String?]] {
            try views.read { db in
                try Row.fetchAll(db, sql: query).map { row in
                    row.databaseValues.map { value in
                        switch value.storage {
                        case .null: nil
                        case .int64(let number): "\(number)"
                        case .string(let text): text
                        default: "\(value)"
                        }
                    }
                }
            }
        }
        #expect(try rows() == wanted)
        // A run's start drops the result no month points at, and its rows with it; December's stay.
        _ = try store.beginResults(run: "r2", months: [])
        #expect(try rows() == wanted)
        #expect(try views.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM ack_row") } == 3)
        // Kept under a number per file since v10: the dropped file's number went with its rows.
        #expect(try views.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM ack_row_file") } == 2)
    }

    @Test("a later save of an open month replaces its rows; rows staged by a run that never saved are dropped")
    func results() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = "\(folder)/sigap.sqlite"
        let store = try SQLiteLedgerStore(path: path)
        func save(_ run: String, ledger: String, result: Int64? = nil) throws {
            try store.save(
                run: Self.run(run),
                months: [
                    StoredMonth(
                        month: Self.november, closed: false, closedAt: nil, runID: run, ledgerCSV: ledger,
                        summaryJSON: Self.summary(workers: 1), findingsCSV: Self.oldFindings, resultID: result)
                ])
        }
        try save("r1", ledger: Self.oldLedger)
        try save("r2", ledger: Self.oldLedger)
        // A run that staged its rows and died before saving.
        _ = try store.beginResults(run: "r3", months: [Self.november])
        let queue = try DatabaseQueue(path: path)
        func count(_ table: String) throws -> Int { try queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM \(table)") ?? -1 } }
        #expect(try count("ledger_lines") == 1)
        #expect(try count("ledger_line") == 1)
        #expect(try count("finding") == 1)
        #expect(try count("result") == 2)
        // The next run drops it; its own result becomes the month's when saved.
        let results = try store.beginResults(run: "r4", months: [Self.november])
        #expect(try count("result") == 2)
        try save("r4", ledger: Self.emptyLedger, result: results[Self.november])
        #expect(try count("ledger_lines") == 0)
        #expect(try count("ledger_line") == 0)
        #expect(try count("result") == 1)
        #expect(try queue.read { try Int64.fetchOne($0, sql: "SELECT result_id FROM month") } == results[Self.november])
        try queue.close()
    }
}
