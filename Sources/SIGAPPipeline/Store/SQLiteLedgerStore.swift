import Foundation
import GRDB
import SIGAPDomain

/// The embedded store: one SQLite file (WAL) through GRDB, with versioned migrations.
public final class SQLiteLedgerStore: LedgerStore, @unchecked Sendable {
    public let path: String
    private let queue: DatabaseQueue

    /// Opens (creating the folder and file when missing) and migrates the store.
    public init(path: String) throws {
        self.path = path
        let folder = (path as NSString).deletingLastPathComponent
        do {
            if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
            var configuration = Configuration()
            configuration.busyMode = .timeout(5)
            queue = try DatabaseQueue(path: path, configuration: configuration)
            try Self.migrator.migrate(queue)
        } catch {
            throw StoreError("cannot open the store \(path): \(error)")
        }
    }

    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(
                sql: """
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
                    """)
        }
        return migrator
    }

    public func months() throws -> [StoredMonth] {
        try read { db in try Row.fetchAll(db, sql: "SELECT * FROM month ORDER BY month").map(Self.storedMonth) }
    }

    public func month(_ month: YearMonth) throws -> StoredMonth? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM month WHERE month = ?", arguments: [month.description]).map(Self.storedMonth)
        }
    }

    public func save(run: RunRecord, months: [StoredMonth]) throws {
        try write { db in
            try db.execute(
                sql: "INSERT INTO run VALUES (?, ?, ?, ?, ?, ?, ?)",
                arguments: [run.id, run.startedAt, run.finishedAt, run.throughMonth, run.exitCode, run.toolVersion, run.pipeline])
            for input in run.inputs {
                try db.execute(
                    sql: "INSERT OR REPLACE INTO run_input VALUES (?, ?, ?, ?, ?, ?)",
                    arguments: [run.id, input.name, input.sha256, input.size, input.rows, input.outcome])
            }
            for month in months {
                let closed = try Bool.fetchOne(db, sql: "SELECT closed FROM month WHERE month = ?", arguments: [month.month.description])
                guard closed != true else { continue }
                try db.execute(
                    sql: """
                        INSERT INTO month (month, closed, closed_at, run_id, ledger_csv, summary_json, findings_csv)
                        VALUES (?, 0, NULL, ?, ?, ?, ?)
                        ON CONFLICT(month) DO UPDATE SET run_id = excluded.run_id, ledger_csv = excluded.ledger_csv,
                            summary_json = excluded.summary_json, findings_csv = excluded.findings_csv
                        """,
                    arguments: [month.month.description, month.runID, month.ledgerCSV, month.summaryJSON, month.findingsCSV])
            }
        }
    }

    public func close(_ month: YearMonth, at timestamp: String, summaryJSON: String) throws {
        try write { db in
            try db.execute(
                sql: "UPDATE month SET closed = 1, closed_at = ?, summary_json = ? WHERE month = ? AND closed = 0",
                arguments: [timestamp, summaryJSON, month.description])
            guard db.changesCount == 1 else { throw StoreError("month \(month) is not an open, computed month") }
        }
    }

    public func runs() throws -> [RunRecord] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM run ORDER BY started_at, id").map { row in
                let id: String = row["id"]
                let inputs = try Row.fetchAll(db, sql: "SELECT * FROM run_input WHERE run_id = ? ORDER BY name", arguments: [id]).map {
                    RunRecord.Input(name: $0["name"], sha256: $0["sha256"], size: $0["size"], rows: $0["rows"], outcome: $0["outcome"])
                }
                return RunRecord(
                    id: id, startedAt: row["started_at"], finishedAt: row["finished_at"], throughMonth: row["through_month"],
                    exitCode: row["exit_code"], toolVersion: row["tool_version"], pipeline: row["pipeline"], inputs: inputs)
            }
        }
    }

    private static func storedMonth(_ row: Row) -> StoredMonth {
        StoredMonth(
            month: YearMonth(row["month"] as String)!, closed: row["closed"], closedAt: row["closed_at"], runID: row["run_id"],
            ledgerCSV: row["ledger_csv"], summaryJSON: row["summary_json"], findingsCSV: row["findings_csv"])
    }

    private func read<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try queue.read(body) } catch let error as StoreError { throw error } catch {
            throw StoreError("cannot read the store \(path): \(error)")
        }
    }

    private func write<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try queue.write(body) } catch let error as StoreError { throw error } catch {
            throw StoreError("cannot write the store \(path): \(error)")
        }
    }
}
