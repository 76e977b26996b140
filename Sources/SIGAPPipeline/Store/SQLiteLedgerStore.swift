import Foundation
import GRDB
import GRDBSQLite
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
        // The ledger text last in its row: SQLite writes the room for a ledger copied from its file
        // (`zeroblob`) without making it in memory only when no column with data follows it.
        migrator.registerMigration("v2: ledger last") { db in
            try db.execute(
                sql: """
                    CREATE TABLE month_v2 (
                        month TEXT PRIMARY KEY, closed INTEGER NOT NULL DEFAULT 0, closed_at TEXT,
                        run_id TEXT NOT NULL, summary_json TEXT NOT NULL, findings_csv TEXT NOT NULL,
                        ledger_csv TEXT NOT NULL);
                    INSERT INTO month_v2 (month, closed, closed_at, run_id, summary_json, findings_csv, ledger_csv)
                        SELECT month, closed, closed_at, run_id, summary_json, findings_csv, ledger_csv FROM month;
                    DROP TABLE month;
                    ALTER TABLE month_v2 RENAME TO month;
                    """)
        }
        return migrator
    }

    public func months(ledgers: Bool) throws -> [StoredMonth] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.columns(ledger: ledgers)) FROM month ORDER BY month").map(Self.storedMonth)
        }
    }

    public func month(_ month: YearMonth, ledger: Bool) throws -> StoredMonth? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT \(Self.columns(ledger: ledger)) FROM month WHERE month = ?", arguments: [month.description])
                .map(Self.storedMonth)
        }
    }

    /// A month's columns, the ledger's text left out (empty) unless asked for.
    private static func columns(ledger: Bool) -> String {
        ledger ? "*" : "month, closed, closed_at, run_id, summary_json, findings_csv, '' AS ledger_csv"
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
                // A ledger from a file goes in as room for its bytes, filled below.
                let ledger: any DatabaseValueConvertible =
                    try month.ledgerFile.map { try Self.size(ofFile: $0) as any DatabaseValueConvertible } ?? month.ledgerCSV
                try db.execute(
                    sql: """
                        INSERT INTO month (month, closed, closed_at, run_id, ledger_csv, summary_json, findings_csv)
                        VALUES (?, 0, NULL, ?, \(month.ledgerFile == nil ? "?" : "zeroblob(?)"), ?, ?)
                        ON CONFLICT(month) DO UPDATE SET run_id = excluded.run_id, ledger_csv = excluded.ledger_csv,
                            summary_json = excluded.summary_json, findings_csv = excluded.findings_csv
                        """,
                    arguments: [month.month.description, month.runID, ledger, month.summaryJSON, month.findingsCSV])
                if let file = month.ledgerFile {
                    let row = try Int64.fetchOne(db, sql: "SELECT rowid FROM month WHERE month = ?", arguments: [month.month.description])!
                    try Self.copy(file, intoLedgerOf: row, db)
                }
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

    private static func size(ofFile path: String) throws -> Int64 {
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw StoreError("cannot read the ledger file \(path): \(String(cString: strerror(errno)))")
        }
        return Int64(status.st_size)
    }

    /// Writes the file's bytes over the month's ledger placeholder, 1 MiB at a time (SQLite's
    /// incremental blob I/O). The text is stored as its UTF-8 bytes and reads back as text.
    private static func copy(_ path: String, intoLedgerOf row: Int64, _ db: Database) throws {
        guard let file = fopen(path, "rb") else {
            throw StoreError("cannot read the ledger file \(path): \(String(cString: strerror(errno)))")
        }
        defer { fclose(file) }
        var blob: OpaquePointer?
        guard sqlite3_blob_open(db.sqliteConnection, "main", "month", "ledger_csv", row, 1, &blob) == SQLITE_OK, let blob else {
            throw StoreError("cannot write the ledger into the store: \(String(cString: sqlite3_errmsg(db.sqliteConnection)))")
        }
        defer { sqlite3_blob_close(blob) }
        let size = Int(sqlite3_blob_bytes(blob))
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var offset = 0
        while offset < size {
            let count = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, min($0.count, size - offset), file) }
            guard count > 0 else { throw StoreError("the ledger file \(path) ended early") }
            let status = buffer.withUnsafeBytes { sqlite3_blob_write(blob, $0.baseAddress, Int32(count), Int32(offset)) }
            guard status == SQLITE_OK else {
                throw StoreError("cannot write the ledger into the store: \(String(cString: sqlite3_errmsg(db.sqliteConnection)))")
            }
            offset += count
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
