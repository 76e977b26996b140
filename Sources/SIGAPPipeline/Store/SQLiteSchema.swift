import Foundation
import GRDB
import SIGAPDomain

/// The embedded store's tables, views and their migrations (documented in `docs/store.md`).
///
/// A month's results are a *result*: what one run computed for it (its summary, findings and
/// ledger texts; ledger lines, totals, findings, workers and the acknowledgement rows that arrived
/// in it as rows). A run writes its rows under
/// results of its own as it goes; saving points each open month at its new result in one
/// transaction and drops the rows nobody points at. A closed month keeps the result it was
/// closed with. The five public views show each month's current result.
package enum SQLiteSchema {
    /// The scalar keys of `summary.json` kept in `month_total` (SPEC §15 `month_summaries`), in
    /// the view's order after `month` and `closed`.
    package static let totals = [
        "workers", "covered", "rejected", "pending", "unexpected", "premium_due", "adjustments_count", "adjustments_premium",
        "total_payable", "pending_exposure", "disputed_amount", "orphan_rejections", "quarantined_rows",
    ]

    package static let workerColumns = [
        "nik", "name", "owner", "sources", "birth_place", "birth_date", "sex", "kecamatan_code", "kelurahan_code", "phone",
        "occupation", "file", "sheet", "row",
    ]

    package static let acknowledgementColumns = [
        "file", "row", "period", "nik", "name", "kpj", "status", "reason", "reason_code", "premium",
    ]

    static var migrator: DatabaseMigrator {
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
        // The warehouse (SPEC §15): results as tables behind five views. Every month already stored
        // (closed ones too) gets a result loaded from its stored texts; their workers and
        // acknowledgements were never kept, so those views start empty for them.
        migrator.registerMigration("v3: tables and views") { db in
            try db.execute(sql: tables)
            try db.execute(sql: views)
            let months = try Row.fetchAll(
                db, sql: "SELECT month, closed, closed_at, run_id, summary_json, findings_csv FROM month_v2_texts ORDER BY month")
            for month in months {
                let name: String = month["month"]
                let result = try allocate(db, month: name, run: month["run_id"])
                // One stored ledger text at a time: its lines become rows, from which it is rendered
                // again byte for byte (its SHA-256 kept to tell).
                let ledger =
                    try String.fetchOne(db, sql: "SELECT CAST(ledger_csv AS TEXT) FROM month_v2_texts WHERE month = ?", arguments: [name])
                    ?? ""
                try db.execute(
                    sql: "UPDATE result SET summary_json = ?, findings_csv = ?, ledger_sha256 = ? WHERE id = ?",
                    arguments: [month["summary_json"], month["findings_csv"], Fingerprint.sha256(ledger), result])
                try db.execute(
                    sql: "INSERT INTO month (month, closed, closed_at, run_id, result_id) VALUES (?, ?, ?, ?, ?)",
                    arguments: [name, month["closed"], month["closed_at"], month["run_id"], result])
                try CSVTableLoad.ledger.load(into: db, result: result, name: "the stored ledger of \(name)", text: ledger)
                try CSVTableLoad.findings.load(
                    into: db, result: result, name: "the stored findings of \(name)", text: month["findings_csv"])
                try insertTotals(db, result: result, summaryJSON: month["summary_json"], name: name)
            }
            try db.execute(sql: "DROP TABLE month_v2_texts")
        }
        // Staged extraction (SPEC §15): an acknowledgement file's rows are kept once, by the file's
        // SHA-256, and a month's result names the files that arrived in it. Rows stored under a
        // result before stay, each (result, file) as a file of its own.
        migrator.registerMigration("v4: acknowledgement files staged") { db in
            try db.execute(
                sql: """
                    CREATE TABLE ack_stage (
                        sha256 TEXT PRIMARY KEY, reader TEXT NOT NULL, rows_read INTEGER NOT NULL, meta TEXT NOT NULL,
                        records BLOB NOT NULL, text BLOB NOT NULL);
                    CREATE TABLE ack_row (
                        sha256 TEXT NOT NULL, line INTEGER NOT NULL,
                        row INTEGER NOT NULL, period TEXT, nik TEXT, name TEXT, kpj TEXT, status TEXT,
                        reason TEXT, reason_code TEXT, premium INTEGER,
                        PRIMARY KEY (sha256, line)) WITHOUT ROWID;
                    CREATE TABLE result_ack_file (
                        result_id INTEGER NOT NULL, position INTEGER NOT NULL, file TEXT NOT NULL, sha256 TEXT NOT NULL,
                        PRIMARY KEY (result_id, position)) WITHOUT ROWID;
                    INSERT INTO result_ack_file (result_id, position, file, sha256)
                        SELECT result_id, ROW_NUMBER() OVER (PARTITION BY result_id ORDER BY MIN(line)) - 1, file,
                            'v3:' || result_id || ':' || file
                        FROM acknowledgement GROUP BY result_id, file;
                    INSERT INTO ack_row (sha256, line, row, period, nik, name, kpj, status, reason, reason_code, premium)
                        SELECT 'v3:' || result_id || ':' || file, line, row, period, nik, name, kpj, status, reason, reason_code, premium
                        FROM acknowledgement;
                    DROP VIEW acknowledgements;
                    DROP TABLE acknowledgement;
                    \(acknowledgementsViewV4)
                    """)
        }
        // Staged extraction of roster files: each file's extracted rows by its SHA-256 and the reader
        // that made them (the version of sigap, the extractor, the limits), in deflated chunks.
        migrator.registerMigration("v5: roster files staged") { db in
            try db.execute(
                sql: """
                    CREATE TABLE roster_stage (
                        sha256 TEXT NOT NULL, reader TEXT NOT NULL, sheets TEXT NOT NULL, rows INTEGER NOT NULL,
                        PRIMARY KEY (sha256, reader));
                    CREATE TABLE roster_chunk (
                        sha256 TEXT NOT NULL, reader TEXT NOT NULL, chunk INTEGER NOT NULL, rows INTEGER NOT NULL,
                        size INTEGER NOT NULL, data BLOB NOT NULL,
                        PRIMARY KEY (sha256, reader, chunk));
                    """)
        }
        // Integrity of closed months (SPEC §16): the seal chain, and triggers that refuse any change
        // to a closed month's rows, whatever client tries. Months closed before this get their seal
        // from what their close stored (the published files' digests); their SEAL files are written
        // by the next run or close.
        migrator.registerMigration("v6: seals and frozen closed months") { db in
            try db.execute(sql: sealTable)
            var previous = MonthSeal.origin
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT m.month, m.result_id, r.ledger_sha256, r.summary_json, r.findings_csv
                    FROM month m JOIN result r ON r.id = m.result_id WHERE m.closed = 1 ORDER BY m.month
                    """)
            {
                let name: String = row["month"]
                guard let month = YearMonth(name) else { throw StoreError.damaged("the store holds a month named '\(name)'") }
                let ledger =
                    try (row["ledger_sha256"] as String?)
                    ?? CSVTableLoad.ledger.digest(from: db, result: row["result_id"], month: name)
                let seal = MonthSeal(
                    month: month, previous: previous, ledgerSHA256: ledger,
                    summarySHA256: Fingerprint.sha256(row["summary_json"] as String),
                    findingsSHA256: try (row["findings_csv"] as String?).map { Fingerprint.sha256($0) }
                        ?? CSVTableLoad.findings.digest(from: db, result: row["result_id"], month: name))
                try insert(db, seal)
                previous = seal.seal
            }
            // The acknowledgement rows are frozen by the key the table has (v10 keys them by
            // number; a store whose seals are made again after it has that key already).
            let byNumber = try db.columns(in: "ack_row").contains { $0.name == "file" }
            let acknowledgementRows = byNumber ? frozenAcknowledgementRows : frozenRows(of: "ack_row", key: "sha256", closedFile)
            try db.execute(sql: frozenClosedMonths + acknowledgementRows)
        }
        // What finance checks (issue 13): BPJS's side of the flagged lines and its rejection texts,
        // per result, frozen with a closed month like every row of its result. Months computed
        // before have none until they are computed again.
        migrator.registerMigration("v7: review") { db in
            try db.execute(
                sql: """
                    CREATE TABLE review_detail (
                        result_id INTEGER NOT NULL, line INTEGER NOT NULL, nik TEXT NOT NULL, billed INTEGER, bpjs_name TEXT,
                        kpj_before TEXT, PRIMARY KEY (result_id, line)) WITHOUT ROWID;
                    CREATE TABLE rejection_text (
                        result_id INTEGER NOT NULL, line INTEGER NOT NULL, reason_code TEXT NOT NULL, text TEXT NOT NULL,
                        count INTEGER NOT NULL, PRIMARY KEY (result_id, line)) WITHOUT ROWID;
                    """)
            try db.execute(sql: frozenResultRows(["review_detail", "rejection_text"]))
        }
        // Findings streamed (issue 11): a result's findings.csv is kept as its `finding` rows only,
        // with the text's digest; results stored before keep their text (and their digest is
        // computed from it).
        migrator.registerMigration("v8: findings as rows") { db in
            try db.execute(sql: "ALTER TABLE result ADD COLUMN findings_sha256 TEXT")
        }
        // NIK indexes by result (issue 11): `ledger_line_nik` and `worker_nik` lead with the result
        // (the worker set), so that a month's million lines go in at the end of the index, and a
        // superseded result's come out as one range, instead of touching every page of an index
        // that holds every month. A person's history probes each month's result (a few dozen
        // seeks).
        migrator.registerMigration("v9: NIK indexes by result") { db in
            try db.execute(sql: nikIndexesByResult + nikIndexStatistics)
        }
        // Acknowledgement rows by file number (issue 11): `ack_row` was keyed by the file's
        // SHA-256, 64 characters in every row's key; a number (`ack_row_file`) makes a million-row
        // file's rows go in about a third faster and take 70 MB less. The rows, their order, the
        // view and what a closed month freezes stay the same.
        migrator.registerMigration("v10: acknowledgement rows by file number") { db in
            try db.execute(
                sql: """
                    DROP VIEW acknowledgements;
                    DROP TRIGGER IF EXISTS ack_row_frozen_insert;
                    DROP TRIGGER IF EXISTS ack_row_frozen_update;
                    DROP TRIGGER IF EXISTS ack_row_frozen_delete;
                    CREATE TABLE ack_row_file (id INTEGER PRIMARY KEY, sha256 TEXT NOT NULL UNIQUE);
                    INSERT INTO ack_row_file (sha256) SELECT DISTINCT sha256 FROM ack_row ORDER BY sha256;
                    CREATE TABLE ack_row_by_number (
                        file INTEGER NOT NULL, line INTEGER NOT NULL,
                        row INTEGER NOT NULL, period TEXT, nik TEXT, name TEXT, kpj TEXT, status TEXT,
                        reason TEXT, reason_code TEXT, premium INTEGER,
                        PRIMARY KEY (file, line)) WITHOUT ROWID;
                    INSERT INTO ack_row_by_number (file, line, row, period, nik, name, kpj, status, reason, reason_code, premium)
                        SELECT k.id, a.line, a.row, a.period, a.nik, a.name, a.kpj, a.status, a.reason, a.reason_code, a.premium
                        FROM ack_row a JOIN ack_row_file k ON k.sha256 = a.sha256 ORDER BY k.id, a.line;
                    DROP TABLE ack_row;
                    ALTER TABLE ack_row_by_number RENAME TO ack_row;
                    \(acknowledgementsView)
                    \(frozenAcknowledgementRows)
                    """)
        }
        return migrator
    }

    /// The NIK indexes of v9, keyed by result (worker set) first. The same text serves PostgreSQL.
    package static let nikIndexesByResult = """
        DROP INDEX ledger_line_nik;
        CREATE INDEX ledger_line_nik ON ledger_line (result_id, nik);
        DROP INDEX worker_nik;
        CREATE INDEX worker_nik ON worker (set_id, nik);

        """

    /// What SQLite's planner is told of the two indexes (`sqlite_stat1`, as `ANALYZE` would write
    /// it for a year's store): few results, each holding many NIKs once. Without it the planner
    /// takes a person's history from every line of each month (the key's `result_id` alone); with
    /// it, from the index, one seek per result. A later `ANALYZE` replaces it with the measured
    /// figures, which say the same.
    private static let nikIndexStatistics = """
        ANALYZE sqlite_schema;
        DELETE FROM sqlite_stat1 WHERE idx IN ('ledger_line_nik', 'worker_nik');
        INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES
            ('ledger_line', 'ledger_line_nik', '12000000 1000000 1'), ('worker', 'worker_nik', '12000000 1000000 1');

        """

    /// The tables of rows under a result, whose rows a closed month's result must keep.
    static let resultTables = ["ledger_line", "finding", "month_total", "result_ack_file", "review_detail", "rejection_text"]

    /// The seal chain (SPEC §16), one row per closed month.
    private static let sealTable = """
        CREATE TABLE seal (
            month TEXT PRIMARY KEY, previous TEXT NOT NULL, ledger_sha256 TEXT NOT NULL, summary_sha256 TEXT NOT NULL,
            findings_sha256 TEXT NOT NULL, seal TEXT NOT NULL, published INTEGER NOT NULL DEFAULT 0);
        CREATE INDEX month_result ON month (result_id);
        """

    /// The triggers that keep a closed month as it was closed: its month row (but for the
    /// fingerprint it is settled at), its result and every row under it, its workers, and the seal
    /// chain (whose rows only ever go from unpublished to published); the rows of its
    /// acknowledgement files are the v6 migration's. A month closes only with its seal.
    private static var frozenClosedMonths: String {
        let refuse = "BEGIN SELECT RAISE(ABORT, 'sigap: a closed month cannot be changed (SPEC 16)'); END;"
        var sql = """
            CREATE TRIGGER month_frozen_update BEFORE UPDATE OF month, closed, closed_at, run_id, result_id ON month
                WHEN OLD.closed = 1 \(refuse)
            CREATE TRIGGER month_frozen_delete BEFORE DELETE ON month WHEN OLD.closed = 1 \(refuse)
            CREATE TRIGGER month_closes_sealed BEFORE UPDATE OF closed ON month
                WHEN NEW.closed = 1 AND NOT EXISTS (SELECT 1 FROM seal WHERE month = NEW.month)
                BEGIN SELECT RAISE(ABORT, 'sigap: a month closes only with its seal (SPEC 16)'); END;
            CREATE TRIGGER month_born_open BEFORE INSERT ON month WHEN NEW.closed != 0 \(refuse)
            CREATE TRIGGER result_frozen_update BEFORE UPDATE ON result
                WHEN EXISTS (SELECT 1 FROM month WHERE result_id = OLD.id AND closed = 1) \(refuse)
            CREATE TRIGGER result_frozen_delete BEFORE DELETE ON result
                WHEN EXISTS (SELECT 1 FROM month WHERE result_id = OLD.id AND closed = 1) \(refuse)
            CREATE TRIGGER seal_frozen_update BEFORE UPDATE OF month, previous, ledger_sha256, summary_sha256, findings_sha256, seal
                ON seal \(refuse)
            CREATE TRIGGER seal_published_once BEFORE UPDATE OF published ON seal WHEN NEW.published != 1 \(refuse)
            CREATE TRIGGER seal_frozen_delete BEFORE DELETE ON seal \(refuse)

            """
        sql += frozenResultRows(["ledger_line", "finding", "month_total", "result_ack_file"])
        sql += frozenRows(of: "worker", key: "set_id") {
            "EXISTS (SELECT 1 FROM result r JOIN month m ON m.result_id = r.id WHERE r.worker_set = \($0) AND m.closed = 1)"
        }
        return sql
    }

    /// The triggers that keep the rows of the acknowledgement files that arrived in a closed
    /// month as they were, and the numbers they are kept under (since v10).
    private static var frozenAcknowledgementRows: String {
        frozenRows(of: "ack_row", key: "file", closedFileNumber) + frozenRows(of: "ack_row_file", key: "sha256", closedFile)
    }

    /// Runs `body`, sigap's own bulk load of new rows into `table`, without that table's
    /// per-row insert trigger (which costs about a second per million rows): the trigger is
    /// dropped and made again inside the same transaction, so no other connection ever sees the
    /// table without it. The rows `body` inserts belong to a result, worker set or file that no
    /// closed month uses (the callers check); a failure rolls the drop back with the rest.
    @discardableResult
    static func bulkLoad<T>(_ db: Database, into table: String, _ body: () throws -> T) throws -> T {
        let name = "\(table)_frozen_insert"
        guard
            let sql = try String.fetchOne(
                db, sql: "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", arguments: [name])
        else { return try body() }
        try db.execute(sql: "DROP TRIGGER \(name)")
        let result = try body()
        try db.execute(sql: sql)
        return result
    }

    /// Whether the result `id` is a closed month's.
    static func isFrozen(_ db: Database, result id: Int64) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM month WHERE result_id = ? AND closed = 1)", arguments: [id]) ?? false
    }

    /// Whether the acknowledgement file `key` (an SQL expression) arrived in a closed month.
    static func closedFile(_ key: String) -> String {
        "EXISTS (SELECT 1 FROM result_ack_file f JOIN month m ON m.result_id = f.result_id WHERE f.sha256 = \(key) AND m.closed = 1)"
    }

    /// Whether the acknowledgement file whose rows are kept under the number `key` (an SQL
    /// expression, `ack_row_file.id`) arrived in a closed month.
    private static func closedFileNumber(_ key: String) -> String {
        "EXISTS (SELECT 1 FROM ack_row_file k WHERE k.id = \(key) AND \(closedFile("k.sha256")))"
    }

    /// The number the rows of the acknowledgement file `sha256` are kept under (`ack_row_file`),
    /// given it the first time.
    static func acknowledgementFileNumber(_ db: Database, sha256: String) throws -> Int64 {
        if let number = try Int64.fetchOne(db, sql: "SELECT id FROM ack_row_file WHERE sha256 = ?", arguments: [sha256]) {
            return number
        }
        try db.execute(sql: "INSERT INTO ack_row_file (sha256) VALUES (?)", arguments: [sha256])
        return db.lastInsertedRowID
    }

    /// Drops the kept rows of the acknowledgement files whose SHA-256 `condition` (an SQL
    /// condition on `sha256`, with `arguments`) matches, and their numbers.
    static func dropAcknowledgementRows(_ db: Database, where condition: String, arguments: StatementArguments) throws {
        try db.execute(
            sql: "DELETE FROM ack_row WHERE file IN (SELECT id FROM ack_row_file WHERE \(condition))", arguments: arguments)
        try db.execute(sql: "DELETE FROM ack_row_file WHERE \(condition)", arguments: arguments)
    }

    /// Triggers that refuse any change to the rows of `tables` under a closed month's result.
    private static func frozenResultRows(_ tables: [String]) -> String {
        tables.map { table in
            frozenRows(of: table, key: "result_id") { "EXISTS (SELECT 1 FROM month WHERE result_id = \($0) AND closed = 1)" }
        }.joined()
    }

    /// The three triggers that refuse an insert, update or delete of a row of `table` whose `key`
    /// makes `closed` (an SQL condition on the key's value) true.
    private static func frozenRows(of table: String, key: String, _ closed: (String) -> String) -> String {
        let refuse = "BEGIN SELECT RAISE(ABORT, 'sigap: a closed month cannot be changed (SPEC 16)'); END;"
        return """
            CREATE TRIGGER \(table)_frozen_insert BEFORE INSERT ON \(table) WHEN \(closed("NEW.\(key)")) \(refuse)
            CREATE TRIGGER \(table)_frozen_update BEFORE UPDATE ON \(table)
                WHEN \(closed("OLD.\(key)")) OR \(closed("NEW.\(key)")) \(refuse)
            CREATE TRIGGER \(table)_frozen_delete BEFORE DELETE ON \(table) WHEN \(closed("OLD.\(key)")) \(refuse)

            """
    }

    /// Adds a seal to the chain (before its month is marked closed: see `month_closes_sealed`).
    static func insert(_ db: Database, _ seal: MonthSeal) throws {
        try db.execute(
            sql: """
                INSERT INTO seal (month, previous, ledger_sha256, summary_sha256, findings_sha256, seal, published)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                seal.month.description, seal.previous, seal.ledgerSHA256, seal.summarySHA256, seal.findingsSHA256, seal.seal,
                seal.published,
            ])
    }

    /// Tables of v3. A month points at its result; a result holds what one run computed for a
    /// month. Its `ledger.csv` is its `ledger_line` rows, rendered (a month of a million lines is
    /// 150 MB of text, not kept twice); `ledger_sha256` is the published file's digest.
    private static let tables = """
        ALTER TABLE month RENAME TO month_v2_texts;
        CREATE TABLE result (
            id INTEGER PRIMARY KEY, month TEXT NOT NULL, run_id TEXT NOT NULL, basis TEXT,
            summary_json TEXT, findings_csv TEXT, ledger_sha256 TEXT, worker_set INTEGER);
        CREATE TABLE worker_set (
            id INTEGER PRIMARY KEY, sha256 TEXT NOT NULL UNIQUE);
        CREATE TABLE month (
            month TEXT PRIMARY KEY, closed INTEGER NOT NULL DEFAULT 0, closed_at TEXT,
            run_id TEXT NOT NULL, result_id INTEGER NOT NULL REFERENCES result(id), settled_fingerprint TEXT);
        CREATE TABLE month_total (
            result_id INTEGER PRIMARY KEY REFERENCES result(id),
            \(totals.map { "\($0) INTEGER NOT NULL" }.joined(separator: ", ")));
        CREATE TABLE ledger_line (
            result_id INTEGER NOT NULL, line INTEGER NOT NULL,
            entry TEXT NOT NULL, for_month TEXT, nik TEXT, name TEXT, source TEXT, sources TEXT,
            kecamatan_code TEXT, kecamatan TEXT, kelurahan TEXT, occupation TEXT, kpj TEXT,
            status TEXT NOT NULL, previous_status TEXT, reason_code TEXT, premium INTEGER NOT NULL, flags TEXT,
            PRIMARY KEY (result_id, line)) WITHOUT ROWID;
        CREATE INDEX ledger_line_nik ON ledger_line (nik);
        CREATE TABLE finding (
            result_id INTEGER NOT NULL, line INTEGER NOT NULL,
            month TEXT, source TEXT, file TEXT, sheet TEXT, row INTEGER, cell TEXT, code TEXT NOT NULL,
            severity TEXT NOT NULL, value TEXT, message TEXT,
            PRIMARY KEY (result_id, line)) WITHOUT ROWID;
        CREATE TABLE worker (
            set_id INTEGER NOT NULL, line INTEGER NOT NULL,
            nik TEXT NOT NULL, name TEXT, owner TEXT NOT NULL, sources TEXT NOT NULL, birth_place TEXT, birth_date TEXT,
            sex TEXT, kecamatan_code TEXT, kelurahan_code TEXT, phone TEXT, occupation TEXT, file TEXT NOT NULL,
            sheet TEXT NOT NULL, row INTEGER NOT NULL,
            PRIMARY KEY (set_id, line)) WITHOUT ROWID;
        CREATE INDEX worker_nik ON worker (nik);
        CREATE TABLE ack_file (
            sha256 TEXT PRIMARY KEY, periods TEXT NOT NULL);
        CREATE TABLE acknowledgement (
            result_id INTEGER NOT NULL, line INTEGER NOT NULL,
            file TEXT NOT NULL, row INTEGER NOT NULL, period TEXT, nik TEXT, name TEXT, kpj TEXT, status TEXT,
            reason TEXT, reason_code TEXT, premium INTEGER,
            PRIMARY KEY (result_id, line)) WITHOUT ROWID;
        """

    /// The public face (SPEC §15): each month's current result, in the published files' order.
    private static let views = """
        CREATE VIEW ledger_lines AS
            SELECT m.month AS month, \(LedgerCSV.header.dropFirst().map { "l.\($0) AS \($0)" }.joined(separator: ", "))
            FROM month m JOIN ledger_line l ON l.result_id = m.result_id
            ORDER BY m.month, l.line;
        CREATE VIEW month_summaries AS
            SELECT m.month AS month, m.closed AS closed, \(totals.map { "t.\($0) AS \($0)" }.joined(separator: ", "))
            FROM month m JOIN month_total t ON t.result_id = m.result_id
            ORDER BY m.month;
        CREATE VIEW findings AS
            SELECT \(FindingsCSV.header.map { "f.\($0) AS \($0)" }.joined(separator: ", "))
            FROM month m JOIN finding f ON f.result_id = m.result_id
            ORDER BY m.month, f.line;
        CREATE VIEW acknowledgements AS
            SELECT m.month AS arrived_month, \(acknowledgementColumns.map { "a.\($0) AS \($0)" }.joined(separator: ", "))
            FROM month m JOIN acknowledgement a ON a.result_id = m.result_id
            ORDER BY m.month, a.line;
        CREATE VIEW workers AS
            SELECT m.month AS month, \(workerColumns.map { "w.\($0) AS \($0)" }.joined(separator: ", "))
            FROM month m JOIN result r ON r.id = m.result_id JOIN worker w ON w.set_id = r.worker_set
            ORDER BY m.month, w.line;
        """

    /// The acknowledgements view: the rows of the files that arrived in each month, as the
    /// month's current result names them, in arrival order. v4 kept the rows by the file's
    /// SHA-256, v10 under its number.
    private static let acknowledgementsViewV4 = viewOfAcknowledgements(joiningRows: "JOIN ack_row a ON a.sha256 = f.sha256")
    private static let acknowledgementsView = viewOfAcknowledgements(
        joiningRows: "JOIN ack_row_file k ON k.sha256 = f.sha256 JOIN ack_row a ON a.file = k.id")

    private static func viewOfAcknowledgements(joiningRows join: String) -> String {
        """
        CREATE VIEW acknowledgements AS
            SELECT m.month AS arrived_month, f.file AS file,
                \(acknowledgementColumns.dropFirst().map { "a.\($0) AS \($0)" }.joined(separator: ", "))
            FROM month m JOIN result_ack_file f ON f.result_id = m.result_id \(join)
            ORDER BY m.month, f.position, a.line;
        """
    }

    /// A new result for `month`, computed by `run`.
    static func allocate(_ db: Database, month: String, run: String) throws -> Int64 {
        try db.execute(sql: "INSERT INTO result (month, run_id) VALUES (?, ?)", arguments: [month, run])
        return db.lastInsertedRowID
    }

    /// Drops every result no month points at (a superseded month's rows, what an interrupted or
    /// failed run staged), table by table through the key.
    static func dropUnreferencedResults(_ db: Database) throws {
        let stale = try Int64.fetchAll(
            db, sql: "SELECT id FROM result WHERE id NOT IN (SELECT result_id FROM month WHERE result_id IS NOT NULL)")
        for id in stale {
            for table in resultTables where try db.tableExists(table) {
                try db.execute(sql: "DELETE FROM \(table) WHERE result_id = ?", arguments: [id])
            }
            // The rows v4 took over from v3 under the result (a range of the key).
            try dropAcknowledgementRows(db, where: "sha256 >= ? AND sha256 < ?", arguments: ["v3:\(id):", "v3:\(id);"])
            try db.execute(sql: "DELETE FROM result WHERE id = ?", arguments: [id])
        }
        // Worker sets are shared by the results whose workers are the same (a roster carried
        // forward): dropped when no result refers to them any more.
        let unused = try Int64.fetchAll(
            db, sql: "SELECT id FROM worker_set WHERE id NOT IN (SELECT worker_set FROM result WHERE worker_set IS NOT NULL)")
        for id in unused {
            try db.execute(sql: "DELETE FROM worker WHERE set_id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM worker_set WHERE id = ?", arguments: [id])
        }
    }

    /// Drops the staged files (acknowledgement and roster extractions) whose SHA-256 is not in
    /// `kept` (the files of the inbox), but for acknowledgement files a result names; and the
    /// roster extractions made by another version of sigap than `version`.
    static func dropStagedFiles(_ db: Database, except kept: Set<String>, version: String) throws {
        try db.execute(
            sql: "DELETE FROM roster_chunk WHERE substr(reader, 1, ?) != ?", arguments: [version.utf8.count + 1, "\(version) "])
        try db.execute(
            sql: "DELETE FROM roster_stage WHERE substr(reader, 1, ?) != ?", arguments: [version.utf8.count + 1, "\(version) "])
        let acknowledgements = try String.fetchAll(
            db, sql: "SELECT sha256 FROM ack_stage WHERE sha256 NOT IN (SELECT sha256 FROM result_ack_file)")
        for sha256 in acknowledgements where !kept.contains(sha256) {
            try dropAcknowledgementRows(db, where: "sha256 = ?", arguments: [sha256])
            try db.execute(sql: "DELETE FROM ack_stage WHERE sha256 = ?", arguments: [sha256])
        }
        // Chunks without their extraction's row too (a run that died while it was being made).
        let rosters = try String.fetchAll(db, sql: "SELECT sha256 FROM roster_stage UNION SELECT sha256 FROM roster_chunk")
        for sha256 in rosters where !kept.contains(sha256) {
            try db.execute(sql: "DELETE FROM roster_chunk WHERE sha256 = ?", arguments: [sha256])
            try db.execute(sql: "DELETE FROM roster_stage WHERE sha256 = ?", arguments: [sha256])
        }
    }

    /// The month's totals from its `summary.json` text.
    static func insertTotals(_ db: Database, result: Int64, summaryJSON: String, name: String) throws {
        let values = try totalValues(summaryJSON: summaryJSON, name: name)
        try db.execute(
            sql:
                "INSERT INTO month_total (result_id, \(totals.joined(separator: ", "))) VALUES (?\(String(repeating: ", ?", count: totals.count)))",
            arguments: StatementArguments([result] + values))
    }

    /// The values of `totals`, in order, from a month's `summary.json` text (`damaged` when one is
    /// not a whole number).
    package static func totalValues(summaryJSON: String, name: String) throws -> [Int64] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(summaryJSON.utf8)) as? [String: Any] else {
            throw StoreError.damaged("cannot load the summary of \(name) into the store: it is not a JSON object")
        }
        var values: [Int64] = []
        for key in totals {
            guard let number = object[key] as? NSNumber, let value = Int64(exactly: number.doubleValue) else {
                throw StoreError.damaged("cannot load the summary of \(name) into the store: \(key) is not a whole number")
            }
            values.append(value)
        }
        return values
    }
}
