import Foundation
import GRDB
import SIGAPDomain
import Testing

@testable import SIGAPPipeline

/// The store keeps a month's ledger as its `ledger.csv` text. A run hands it the staged file (a
/// month of a million lines is never held whole) and the store copies it in blocks; what reads
/// back must be the file, byte for byte.
@Suite("SQLite store: ledgers copied from their files")
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
                    month: Self.november, closed: false, closedAt: nil, runID: "r1", ledgerCSV: "", ledgerFile: file,
                    summaryJSON: "{\"workers\": 12000}", findingsCSV: "month,source\n")
            ])
        let stored = try #require(try store.month(Self.november))
        #expect(stored.ledgerCSV == Self.ledger)
        #expect(stored.summaryJSON == "{\"workers\": 12000}")
        let listed = try store.months(ledgers: false)
        #expect(listed.map(\.month) == [Self.november])
        #expect(listed.first?.ledgerCSV == "")
        #expect(listed.first?.findingsCSV == "month,source\n")
        #expect(try store.month(Self.november, ledger: false)?.runID == "r1")

        // A later run of the open month replaces it, from text or from a file.
        try store.save(
            run: Self.run("r2"),
            months: [
                StoredMonth(
                    month: Self.november, closed: false, closedAt: nil, runID: "r2", ledgerCSV: "month\n", summaryJSON: "{}",
                    findingsCSV: "")
            ])
        #expect(try store.month(Self.november)?.ledgerCSV == "month\n")
        try store.save(
            run: Self.run("r3"),
            months: [
                StoredMonth(
                    month: Self.november, closed: false, closedAt: nil, runID: "r3", ledgerCSV: "", ledgerFile: file, summaryJSON: "{}",
                    findingsCSV: "")
            ])
        #expect(try store.month(Self.november)?.ledgerCSV == Self.ledger)
        #expect(try store.month(Self.november)?.runID == "r3")
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
                        ledgerFile: "\(folder)/missing.csv", summaryJSON: "{}", findingsCSV: "")
                ])
        }
        #expect(try store.months().isEmpty)
        #expect(try store.runs().isEmpty)
    }

    @Test("a store written before the ledger moved to the end of its row is migrated with its months, closed ones too")
    func migration() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = "\(folder)/sigap.sqlite"
        // The first version's tables, as that version left them.
        let old = try DatabaseQueue(path: path)
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
                    INSERT INTO month VALUES ('2025-11', 1, '2025-12-05T00:00:00Z', 'r1', 'month,entry\n', '{"closed": true}', 'f\n');
                    """)
        }
        try old.close()
        let store = try SQLiteLedgerStore(path: path)
        let stored = try #require(try store.month(Self.november))
        #expect(stored.closed)
        #expect(stored.closedAt == "2025-12-05T00:00:00Z")
        #expect(stored.ledgerCSV == "month,entry\n")
        #expect(stored.summaryJSON == "{\"closed\": true}")
        #expect(stored.findingsCSV == "f\n")
        #expect(try store.runs().map(\.id) == ["r1"])
        // A closed month is never overwritten, from a file either.
        try store.save(
            run: Self.run("r2"),
            months: [
                StoredMonth(
                    month: Self.november, closed: false, closedAt: nil, runID: "r2", ledgerCSV: "", ledgerFile: "\(folder)/none.csv",
                    summaryJSON: "{}", findingsCSV: "")
            ])
        #expect(try store.month(Self.november)?.ledgerCSV == "month,entry\n")
    }
}
