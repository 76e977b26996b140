import Foundation
import NIOCore
import PostgresNIO
import SIGAPDomain
import SIGAPPipeline

/// The team store: the same tables and views as the embedded store, in a PostgreSQL database
/// that several pipelines share (SPEC §15). Every row belongs to one pipeline, by its programme
/// and region; this store reads and writes only its own pipeline's.
///
/// Bulk rows (ledger lines, findings, workers, acknowledgement rows) go in with `COPY … FROM
/// STDIN`; everything a method writes is one transaction, so a dropped connection leaves the
/// store as it was before the call (the server rolls back), and the run stops with exit 73.
public final class PostgresLedgerStore: LedgerStore, @unchecked Sendable {
    public let url: PostgresStoreURL
    public let programme: String
    public let region: String
    let session: PostgresSession
    public var location: String { url.description }
    /// The pipeline's key in every table.
    let pipeline: Int64
    /// One caller at a time on the connection (the run's threads share the store).
    private let lock = NSRecursiveLock()
    /// A second connection, made when first needed, for staging acknowledgement files while the
    /// run's other store work goes on (`stagingTransaction`); one caller at a time on it too.
    private var stagingSession: PostgresSession?
    private let stagingLock = NSLock()

    /// Opens the store as `mode` allows: `create` makes the tables in an empty database and the
    /// pipeline's row; `existing` needs both and a month (else `missing`, exit 66); `dryRun`
    /// changes nothing and needs the tables.
    public init(url: PostgresStoreURL, programme: String, region: String, mode: SQLiteLedgerStore.OpenMode = .create) throws {
        self.url = url
        self.programme = programme
        self.region = region
        session = try PostgresSession(url)
        // Rows read back packed are split by their values' lengths in bytes, which the server
        // counts in its own encoding; and a worker's name can be any Unicode text.
        let encoding = try session.text("SHOW server_encoding") ?? ""
        guard encoding == "UTF8" else {
            throw StoreError(
                "\(url.place) keeps its text in the encoding \(encoding), and sigap needs UTF8: create the database with ENCODING 'UTF8' (createdb -E UTF8)"
            )
        }
        let hasTables = try Self.hasTables(session)
        switch mode {
        case .create:
            try PostgresSchema.migrate(session)
        case .existing, .dryRun:
            guard hasTables else {
                if mode == .dryRun {
                    throw StoreError.refused(
                        "a dry run changes nothing, and \(url.place) holds no sigap tables yet: run once without --dry-run first")
                }
                throw StoreError.missing(
                    "\(url.place) holds no sigap store (none of its tables): check --store (or the pipeline's paths.store); if it was lost, restore it from a backup",
                    store: url.description)
            }
            if try PostgresSchema.pendingMigrations(session) {
                guard mode == .existing else {
                    throw StoreError.refused(
                        "the store \(url) was made by an older sigap and must be migrated first: run once without --dry-run")
                }
                try PostgresSchema.migrate(session)
            }
        }
        let session = session
        if mode == .create {
            try session.execute(
                "INSERT INTO pipeline (programme, region) VALUES ($1, $2) ON CONFLICT DO NOTHING", [.text(programme), .text(region)])
        }
        let id = try session.integer(
            "SELECT id::bigint FROM pipeline WHERE programme = $1 AND region = $2", [.text(programme), .text(region)])
        if mode == .existing {
            let months = try id.map { try session.integer("SELECT COUNT(*) FROM month WHERE pipeline_id = $1", [.integer($0)]) ?? 0 } ?? 0
            guard months > 0 else {
                throw StoreError.missing(
                    "the store \(url) holds no month of the pipeline \(programme) \(region) yet: run the pipeline first (or give the right --store)",
                    store: url.description)
            }
        }
        pipeline = id ?? -1
    }

    /// Whether `url`'s database holds a month of this pipeline (nothing is created). A run refuses
    /// to start over from such a missing or empty store while published months exist (SPEC §11).
    public static func holdsMonths(_ url: PostgresStoreURL, programme: String, region: String) throws -> Bool {
        let session = try PostgresSession(url)
        defer { session.close() }
        guard try hasTables(session) else { return false }
        let count = try session.integer(
            "SELECT COUNT(*) FROM month m JOIN pipeline p ON p.id = m.pipeline_id WHERE p.programme = $1 AND p.region = $2",
            [.text(programme), .text(region)])
        return (count ?? 0) > 0
    }

    private static func hasTables(_ session: PostgresSession) throws -> Bool {
        try session.text("SELECT to_regclass('sigap_migration')::text") != nil
    }

    /// Closes the connection.
    public func close() {
        session.close()
        stagingLock.lock()
        defer { stagingLock.unlock() }
        stagingSession?.close()
    }

    // MARK: Reading and writing

    /// `body` as one transaction, one caller at a time (reads too: they see one state of the store).
    @discardableResult
    func transaction<T>(_ body: () throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        return try session.transaction(body)
    }

    /// `body` as one transaction on the staging connection: for writes that stand alone (a staged
    /// file, committed on its own), never inside a transaction of the main connection.
    func stagingTransaction<T>(_ body: (PostgresSession) throws -> T) throws -> T {
        stagingLock.lock()
        defer { stagingLock.unlock() }
        let staging = try stagingSession ?? PostgresSession(url)
        stagingSession = staging
        return try staging.transaction { try body(staging) }
    }

    /// Runs a query, handing each row to `body` through one cursor. A query whose select list is
    /// `PostgresRowCursor.packedColumns` is read `packed`.
    /// `connection`: the run's connection unless given.
    func each(
        _ sql: String, _ values: [PostgresSession.Value] = [], packed: Bool = false, on connection: PostgresSession? = nil,
        _ body: (PostgresRowCursor) throws -> Void
    ) throws {
        let connection = connection ?? session
        let cursor = PostgresRowCursor()
        if packed {
            try connection.forEachPackedRow(sql, values) { row in
                try cursor.load(packed: row)
                try body(cursor)
            }
        } else {
            try connection.forEachRow(sql, values) { row in
                cursor.load(cells: row)
                try body(cursor)
            }
        }
    }

    var key: PostgresSession.Value { .integer(pipeline) }

    // MARK: Months

    public func months(ledgers: Bool) throws -> [StoredMonth] {
        let months = try transaction {
            var months: [StoredMonth] = []
            try each("\(Self.selectMonths) WHERE m.pipeline_id = $1 ORDER BY m.month", [key]) { months.append(try Self.storedMonth($0)) }
            return months
        }
        return ledgers ? try months.map(withLedger) : months
    }

    public func month(_ month: YearMonth, ledger: Bool) throws -> StoredMonth? {
        let stored = try transaction {
            var stored: StoredMonth?
            try each("\(Self.selectMonths) WHERE m.pipeline_id = $1 AND m.month = $2", [key, .text(month.description)]) {
                stored = try Self.storedMonth($0)
            }
            return stored
        }
        return ledger ? try stored.map(withLedger) : stored
    }

    private static let selectMonths = """
        SELECT m.month, m.closed::text, m.closed_at, m.run_id, m.result_id::text, m.settled_fingerprint, r.summary_json,
            r.findings_csv, r.findings_sha256, r.ledger_sha256, r.basis, s.seal
        FROM month m JOIN result r ON r.id = m.result_id
            LEFT JOIN seal s ON s.pipeline_id = m.pipeline_id AND s.month = m.month
        """

    private static func storedMonth(_ row: PostgresRowCursor) throws -> StoredMonth {
        func optional(_ index: Int32) -> String? { row.isNull(index) ? nil : row.text(index) }
        guard let month = YearMonth(row.text(0)) else { throw StoreError.damaged("the store holds a month named '\(row.text(0))'") }
        return StoredMonth(
            month: month, closed: row.integer(1) == 1, closedAt: optional(2), runID: row.text(3), ledgerCSV: "",
            summaryJSON: row.text(6), findingsCSV: optional(7), findingsSHA256: optional(8), resultID: Int64(row.integer(4)),
            basis: optional(10).flatMap(ResultBasis.init(storedJSON:)), settled: optional(5), ledgerSHA256: optional(9),
            seal: optional(11))
    }

    public func findingsCSV(of month: YearMonth) throws -> String {
        try transaction {
            guard let stored = try self.month(month, ledger: false), let result = stored.resultID else {
                throw StoreError.refused("\(month) has never been computed: run the pipeline first")
            }
            if let text = stored.findingsCSV { return text }
            var bytes: [UInt8] = []
            try render(.findings, result: result, month: month.description) { bytes += $0 }
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    /// Hands the text of `result`'s rows of `table` to `output` (see `CSVTableLoad.render`).
    func render(
        _ table: CSVTableLoad, result: Int64, month: String, row: ((PostgresRowCursor) throws -> Void)? = nil,
        _ output: (UnsafeBufferPointer<UInt8>) throws -> Void
    ) throws {
        let cursor = PostgresRowCursor()
        let sql = table.selectRows(parameter: "$1", cast: { "\($0)::text" }, list: PostgresRowCursor.packedColumns)
        try table.render(
            cursor,
            forEachRow: { step in
                try session.forEachPackedRow(sql, [.integer(result)]) { row in
                    try cursor.load(packed: row)
                    try step()
                }
            }, month: month, row: row, output)
    }

    func digest(_ table: CSVTableLoad, result: Int64, month: String, row: ((PostgresRowCursor) throws -> Void)? = nil) throws -> String {
        var hasher = Fingerprint.Streamed()
        try render(table, result: result, month: month, row: row) { hasher.update($0) }
        return hasher.finish()
    }

    // MARK: Saving

    public func save(run: RunRecord, months: [StoredMonth]) throws {
        try transaction {
            var results: [YearMonth: Int64] = [:]
            for month in months where try !isClosed(month.month) {
                let result = try month.resultID ?? allocate(month: month.month, run: month.runID)
                try load(month, into: result)
                results[month.month] = result
            }
            try publishRows(run: run, results: results)
        }
    }

    public func stage(result month: StoredMonth) throws {
        guard let result = month.resultID else {
            throw StoreError("no result was begun for \(month.month): nothing to stage its rows under")
        }
        try transaction { try load(month, into: result) }
    }

    public func publish(run: RunRecord, results: [YearMonth: Int64]) throws {
        try transaction { try publishRows(run: run, results: results) }
    }

    private func isClosed(_ month: YearMonth) throws -> Bool {
        try session.integer(
            "SELECT closed::bigint FROM month WHERE pipeline_id = $1 AND month = $2", [key, .text(month.description)]) == 1
    }

    private func isFrozen(result: Int64) throws -> Bool {
        try session.integer("SELECT COUNT(*) FROM month WHERE result_id = $1 AND closed = 1", [.integer(result)]) ?? 0 > 0
    }

    private func allocate(month: YearMonth, run: String) throws -> Int64 {
        guard
            let id = try session.integer(
                "INSERT INTO result (pipeline_id, month, run_id) VALUES ($1, $2, $3) RETURNING id",
                [key, .text(month.description), .text(run)])
        else { throw StoreError("the store gave no id for a new result of \(month)") }
        return id
    }

    /// A month's rows and texts under `result` (as `SQLiteLedgerStore` loads them).
    private func load(_ month: StoredMonth, into result: Int64) throws {
        let name = month.month.description
        guard try !isFrozen(result: result) else {
            throw StoreError.refused("\(name) is closed: its rows are never loaded again")
        }
        try copy(.ledger, result: result, name: "the ledger of \(name)", month.feedLedger)
        try copy(.findings, result: result, name: "the findings of \(name)", month.feedFindings)
        let totals = try SQLiteSchema.totalValues(summaryJSON: month.summaryJSON, name: name)
        try session.execute(
            "INSERT INTO month_total (result_id, \(SQLiteSchema.totals.joined(separator: ", "))) VALUES ($1\((0..<totals.count).map { ", $\($0 + 2)" }.joined()))",
            [.integer(result)] + totals.map { .integer($0) })
        if let review = month.review { try insert(review, result: result) }
        try session.execute(
            "UPDATE result SET summary_json = $1, findings_csv = $2, findings_sha256 = $3, basis = $4, ledger_sha256 = $5 WHERE id = $6",
            [
                .text(month.summaryJSON), .text(month.findingsFile == nil ? month.findingsCSV ?? "" : nil),
                .text(month.savedFindingsSHA256()),
                .text(try month.basis.map { try $0.storedJSON() }), .text(month.savedLedgerSHA256()), .integer(result),
            ])
    }

    /// A table's rows of `result` from the CSV text `feed` hands over, by COPY.
    private func copy(
        _ table: CSVTableLoad, result: Int64, name: String, _ feed: ((UnsafeBufferPointer<UInt8>) throws -> Void) throws -> Void
    ) throws {
        var rows = CopyText()
        try table.scan(name: name, feed) { line, fields in
            rows.field(result)
            rows.field(line)
            for field in fields { rows.field(field) }
            rows.endRow()
        }
        try session.copy(into: table.table, columns: ["result_id", "line"] + table.tableColumns, rows)
    }

    private func insert(_ review: MonthReview, result: Int64) throws {
        var details = CopyText()
        for (line, item) in review.details.enumerated() {
            details.field(result)
            details.field(line)
            details.field(item.nik)
            details.field(item.billed)
            details.field(item.bpjsName)
            details.field(item.kpjBefore)
            details.endRow()
        }
        try session.copy(into: "review_detail", columns: ["result_id", "line", "nik", "billed", "bpjs_name", "kpj_before"], details)
        var texts = CopyText()
        for (line, item) in review.rejectionTexts.enumerated() {
            texts.field(result)
            texts.field(line)
            texts.field(item.reasonCode)
            texts.field(item.text)
            texts.field(item.count)
            texts.endRow()
        }
        try session.copy(into: "rejection_text", columns: ["result_id", "line", "reason_code", "text", "count"], texts)
    }

    public func review(of month: YearMonth) throws -> MonthReview {
        try transaction {
            var review = MonthReview()
            let arguments: [PostgresSession.Value] = [key, .text(month.description)]
            try each(
                """
                SELECT d.nik, d.billed::text, d.bpjs_name, d.kpj_before FROM month m JOIN review_detail d ON d.result_id = m.result_id
                WHERE m.pipeline_id = $1 AND m.month = $2 ORDER BY d.line
                """, arguments
            ) { row in
                review.details.append(
                    MonthReview.Detail(
                        nik: row.text(0), billed: row.isNull(1) ? nil : row.integer(1), bpjsName: row.isNull(2) ? nil : row.text(2),
                        kpjBefore: row.isNull(3) ? nil : row.text(3)))
            }
            try each(
                """
                SELECT t.reason_code, t.text, t.count::text FROM month m JOIN rejection_text t ON t.result_id = m.result_id
                WHERE m.pipeline_id = $1 AND m.month = $2 ORDER BY t.line
                """, arguments
            ) { row in
                review.rejectionTexts.append(MonthReview.RejectionText(reasonCode: row.text(0), text: row.text(1), count: row.integer(2)))
            }
            return review
        }
    }

    /// Records the run and points each open month of `results` at its result; then drops the
    /// results no month points at.
    private func publishRows(run: RunRecord, results: [YearMonth: Int64]) throws {
        try session.execute(
            "INSERT INTO run VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            [
                key, .text(run.id), .text(run.startedAt), .text(run.finishedAt), .text(run.throughMonth), .integer(Int64(run.exitCode)),
                .text(run.toolVersion), .text(run.pipeline),
            ])
        for input in run.inputs {
            try session.execute(
                """
                INSERT INTO run_input VALUES ($1, $2, $3, $4, $5, $6, $7)
                ON CONFLICT (pipeline_id, run_id, name) DO UPDATE SET sha256 = excluded.sha256, size = excluded.size,
                    rows = excluded.rows, outcome = excluded.outcome
                """,
                [
                    key, .text(run.id), .text(input.name), .text(input.sha256), .integer(Int64(input.size)), .integer(Int64(input.rows)),
                    .text(input.outcome),
                ])
        }
        for (month, result) in results.sorted(by: { $0.key < $1.key }) where try !isClosed(month) {
            try session.execute(
                """
                INSERT INTO month (pipeline_id, month, closed, closed_at, run_id, result_id) VALUES ($1, $2, 0, NULL, $3, $4)
                ON CONFLICT (pipeline_id, month) DO UPDATE SET run_id = excluded.run_id, result_id = excluded.result_id
                """, [key, .text(month.description), .text(run.id), .integer(result)])
        }
        try dropUnreferencedResults()
    }

    /// Drops this pipeline's results no month points at, and the worker sets no result uses.
    private func dropUnreferencedResults() throws {
        let stale = "SELECT r.id FROM result r WHERE r.pipeline_id = $1 AND NOT EXISTS (SELECT 1 FROM month m WHERE m.result_id = r.id)"
        for table in PostgresSchema.resultTables {
            try session.execute("DELETE FROM \(table) WHERE result_id IN (\(stale))", [key])
        }
        try session.execute("DELETE FROM result WHERE id IN (\(stale))", [key])
        let unused = """
            SELECT s.id FROM worker_set s WHERE s.pipeline_id = $1
                AND NOT EXISTS (SELECT 1 FROM result r WHERE r.worker_set = s.id)
            """
        try session.execute("DELETE FROM worker WHERE set_id IN (\(unused))", [key])
        try session.execute("DELETE FROM worker_set WHERE id IN (\(unused))", [key])
    }

    public func beginResults(run: String, months: [YearMonth]) throws -> [YearMonth: Int64] {
        try transaction {
            try dropUnreferencedResults()
            var results: [YearMonth: Int64] = [:]
            for month in months { results[month] = try allocate(month: month, run: run) }
            return results
        }
    }

    /// The workers go in once per distinct set (`worker_set`, by `WorkerList.contentDigest`).
    public func stage(workers: WorkerList, result: Int64) throws {
        let sha256 = workers.contentDigest()
        try transaction {
            if let set = try session.integer("SELECT id FROM worker_set WHERE pipeline_id = $1 AND sha256 = $2", [key, .text(sha256)]) {
                try session.execute("UPDATE result SET worker_set = $1 WHERE id = $2", [.integer(set), .integer(result)])
                return
            }
            guard
                let set = try session.integer(
                    "INSERT INTO worker_set (pipeline_id, sha256) VALUES ($1, $2) RETURNING id", [key, .text(sha256)])
            else { throw StoreError("the store gave no id for a new worker set") }
            try session.execute("UPDATE result SET worker_set = $1 WHERE id = $2", [.integer(set), .integer(result)])
            var rows = CopyText()
            var line = 0
            workers.forEachStoredRow { values, row in
                rows.field(set)
                rows.field(line)
                for value in values { rows.field(value) }
                rows.field(row)
                rows.endRow()
                line += 1
            }
            try session.copy(into: "worker", columns: ["set_id", "line"] + SQLiteSchema.workerColumns, rows)
        }
    }

    public func close(_ month: YearMonth, at timestamp: String, summaryJSON: String, seal: MonthSeal) throws {
        try transaction {
            let name = month.description
            guard
                let result = try session.integer(
                    "SELECT result_id FROM month WHERE pipeline_id = $1 AND month = $2 AND closed = 0", [key, .text(name)])
            else { throw StoreError.refused("month \(month) is not an open, computed month") }
            // The result first (the triggers refuse it once the month is closed), then the seal, then the month.
            try session.execute("UPDATE result SET summary_json = $1 WHERE id = $2", [.text(summaryJSON), .integer(result)])
            try insert(seal)
            try session.execute(
                "UPDATE month SET closed = 1, closed_at = $1 WHERE pipeline_id = $2 AND month = $3 AND closed = 0",
                [.text(timestamp), key, .text(name)])
            if let basis = try session.text("SELECT basis FROM result WHERE id = $1", [.integer(result)]).flatMap(
                ResultBasis.init(storedJSON:))
            {
                try session.execute(
                    "UPDATE month SET settled_fingerprint = $1 WHERE pipeline_id = $2 AND month = $3", [.text(basis.own), key, .text(name)])
                for (closed, fingerprint) in basis.closed {
                    try session.execute(
                        "UPDATE month SET settled_fingerprint = $1 WHERE pipeline_id = $2 AND month = $3 AND closed = 1",
                        [.text(fingerprint), key, .text(closed)])
                }
            }
        }
    }

    private func insert(_ seal: MonthSeal) throws {
        try session.execute(
            """
            INSERT INTO seal (pipeline_id, month, previous, ledger_sha256, summary_sha256, findings_sha256, seal, published)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            """,
            [
                key, .text(seal.month.description), .text(seal.previous), .text(seal.ledgerSHA256), .text(seal.summarySHA256),
                .text(seal.findingsSHA256), .text(seal.seal), .integer(seal.published ? 1 : 0),
            ])
    }

    public func runs() throws -> [RunRecord] {
        try transaction {
            var inputs: [String: [RunRecord.Input]] = [:]
            try each(
                "SELECT run_id, name, sha256, size::text, rows::text, outcome FROM run_input WHERE pipeline_id = $1 ORDER BY run_id, name COLLATE \"C\"",
                [key]
            ) { row in
                inputs[row.text(0), default: []].append(
                    RunRecord.Input(
                        name: row.text(1), sha256: row.text(2), size: Int64(row.integer(3)), rows: row.integer(4), outcome: row.text(5)))
            }
            var runs: [RunRecord] = []
            try each(
                """
                SELECT id, started_at, finished_at, through_month, exit_code::text, tool_version, pipeline FROM run
                WHERE pipeline_id = $1 ORDER BY started_at, id
                """, [key]
            ) { row in
                runs.append(
                    RunRecord(
                        id: row.text(0), startedAt: row.text(1), finishedAt: row.text(2), throughMonth: row.text(3),
                        exitCode: row.integer(4), toolVersion: row.text(5), pipeline: row.text(6), inputs: inputs[row.text(0)] ?? []))
            }
            return runs
        }
    }
}
