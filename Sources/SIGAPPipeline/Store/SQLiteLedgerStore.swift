import CSQLiteConfig
import Foundation
import GRDB
import GRDBSQLite
import SIGAPDomain

/// The embedded store: one SQLite file through GRDB, with versioned migrations (`SQLiteSchema`).
public final class SQLiteLedgerStore: LedgerStore, @unchecked Sendable {
    public let path: String
    private let queue: DatabaseQueue
    /// Whether other connections may read the file alongside this one (not in a dry run, whose
    /// store may be in memory, and whose changes no other connection must see).
    private let readsAlongside: Bool

    public var location: String { path }

    /// How a command may open the store (SPEC §11).
    public enum OpenMode: Sendable {
        /// `run`: a missing store is created (the folder too), an older one migrated.
        case create
        /// Every other command: the store must exist, be a sigap store and hold a month (else
        /// `missing`, exit 66); nothing is created. An older one is migrated.
        case existing
        /// `run --dry-run`: nothing on disk changes. A missing store is an empty one in memory;
        /// one an older sigap wrote is refused rather than migrated.
        case dryRun
    }

    /// Opens the store as `mode` allows, and migrates it.
    public init(path: String, mode: OpenMode = .create) throws {
        _ = Self.configured
        self.path = path
        readsAlongside = mode != .dryRun
        let folder = (path as NSString).deletingLastPathComponent
        do {
            var configuration = Configuration()
            configuration.busyMode = .timeout(5)
            let exists = Self.fileExists(path)
            if mode == .existing && !exists {
                throw StoreError.missing(Self.missingMessage(path), store: path)
            }
            if mode == .dryRun && !exists {
                queue = try DatabaseQueue(configuration: configuration)
            } else {
                if mode == .create && !folder.isEmpty {
                    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                }
                queue = try DatabaseQueue(path: path, configuration: configuration)
            }
            if mode == .existing, try !queue.read(Self.isSigapStore) {
                throw StoreError.missing("\(path) is not a sigap store (it holds none of its tables)", store: path)
            }
            if mode == .dryRun && exists, try !queue.read({ try SQLiteSchema.migrator.hasCompletedMigrations($0) }) {
                throw StoreError.refused(
                    "the store \(path) was written by an older sigap and must be migrated first: run once without --dry-run")
            }
            try SQLiteSchema.migrator.migrate(queue)
            // SPEC §11: an empty store is a missing one for every command but run.
            if mode == .existing, try queue.read({ try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM month") ?? 0 }) == 0 {
                throw StoreError.missing(
                    "the store \(path) holds no month yet: run the pipeline first (or give the right --store)", store: path)
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError("cannot open the store \(path): \(error)")
        }
    }

    /// Whether `path` holds a store with at least one month (read only; nothing is created).
    /// A run refuses to start over from such a missing or empty store while published months
    /// exist (SPEC §11).
    public static func holdsMonths(_ path: String) throws -> Bool {
        guard fileExists(path) else { return false }
        do {
            return try readAlone(path) { db in
                try db.tableExists("month") && (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM month") ?? 0) > 0
            }
        } catch {
            throw StoreError("cannot open the store \(path): \(error)")
        }
    }

    /// `body` on a read-only connection of its own to the store at `path`, closed after.
    private static func readAlone<T>(_ path: String, _ body: (Database) throws -> T) throws -> T {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(5)
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        defer { try? queue.close() }
        return try queue.read(body)
    }

    /// A file of at least one byte (SQLite takes an empty file for an empty database).
    private static func fileExists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_size > 0
    }

    private static func isSigapStore(_ db: Database) throws -> Bool {
        try db.tableExists("grdb_migrations") && db.tableExists("month")
    }

    private static func missingMessage(_ path: String) -> String {
        "there is no store at \(path): check --store (or the pipeline's paths.store); if it was lost, restore it from a backup"
    }

    /// SQLite set up for this process before its first store is opened (see `sigap_sqlite.h`).
    private static let configured: Int32 = sigap_sqlite_disable_memory_statistics()

    public func months(ledgers: Bool) throws -> [StoredMonth] {
        let months = try read { db in
            try Row.fetchAll(db, sql: "\(Self.selectMonths) ORDER BY m.month").map(Self.storedMonth)
        }
        return ledgers ? try months.map(withLedger) : months
    }

    public func month(_ month: YearMonth, ledger: Bool) throws -> StoredMonth? {
        let stored = try read { db in
            try Row.fetchOne(db, sql: "\(Self.selectMonths) WHERE m.month = ?", arguments: [month.description]).map(Self.storedMonth)
        }
        return ledger ? try stored.map(withLedger) : stored
    }

    /// Months with their result's texts and basis (the ledger's text is rendered when asked for).
    private static let selectMonths = """
        SELECT m.month, m.closed, m.closed_at, m.run_id, m.result_id, m.settled_fingerprint, r.summary_json, r.findings_csv,
            r.findings_sha256, r.ledger_sha256, '' AS ledger_csv, r.basis AS basis, s.seal AS seal
        FROM month m JOIN result r ON r.id = m.result_id LEFT JOIN seal s ON s.month = m.month
        """

    public func save(run: RunRecord, months: [StoredMonth]) throws {
        try write { db in
            var results: [YearMonth: Int64] = [:]
            for month in months where try !Self.isClosed(db, month.month) {
                let result = try month.resultID ?? SQLiteSchema.allocate(db, month: month.month.description, run: month.runID)
                try Self.load(db, month, into: result)
                results[month.month] = result
            }
            try Self.publish(db, run: run, results: results)
        }
    }

    public func stage(result month: StoredMonth) throws {
        guard let result = month.resultID else {
            throw StoreError("no result was begun for \(month.month): nothing to stage its rows under")
        }
        try write { db in try Self.load(db, month, into: result) }
    }

    public func publish(run: RunRecord, results: [YearMonth: Int64]) throws {
        try write { db in try Self.publish(db, run: run, results: results) }
    }

    private static func isClosed(_ db: Database, _ month: YearMonth) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT closed FROM month WHERE month = ?", arguments: [month.description]) == true
    }

    /// A month's rows, from the very texts its files are made of, and its texts, under `result`.
    private static func load(_ db: Database, _ month: StoredMonth, into result: Int64) throws {
        let name = month.month.description
        guard try !SQLiteSchema.isFrozen(db, result: result) else {
            throw StoreError.refused("\(name) is closed: its rows are never loaded again")
        }
        try load(db, .ledger, result: result, name: "the ledger of \(name)", month.feedLedger)
        try load(db, .findings, result: result, name: "the findings of \(name)", month.feedFindings)
        try SQLiteSchema.insertTotals(db, result: result, summaryJSON: month.summaryJSON, name: name)
        if let review = month.review { try Self.insert(db, review, result: result) }
        try db.execute(
            sql: "UPDATE result SET summary_json = ?, findings_csv = ?, findings_sha256 = ?, basis = ?, ledger_sha256 = ? WHERE id = ?",
            arguments: [
                month.summaryJSON, month.findingsFile == nil ? month.findingsCSV ?? "" : nil, month.savedFindingsSHA256(),
                try month.basis.map { try $0.storedJSON() }, month.savedLedgerSHA256(), result,
            ])
    }

    /// Bulk-loads a table's rows of `result` from the CSV text `feed` hands over.
    private static func load(
        _ db: Database, _ table: CSVTableLoad, result: Int64, name: String,
        _ feed: ((UnsafeBufferPointer<UInt8>) throws -> Void) throws -> Void
    ) throws {
        try SQLiteSchema.bulkLoad(db, into: table.table) { try table.load(into: db, result: result, name: name, feed) }
    }

    private static func insert(_ db: Database, _ review: MonthReview, result: Int64) throws {
        let detail = try SQLiteStatement(
            db, "INSERT INTO review_detail (result_id, line, nik, billed, bpjs_name, kpj_before) VALUES (?, ?, ?, ?, ?, ?)")
        for (line, item) in review.details.enumerated() {
            detail.bind(1, result)
            detail.bind(2, line)
            detail.bind(3, item.nik)
            detail.bind(4, item.billed)
            detail.bind(5, item.bpjsName)
            detail.bind(6, item.kpjBefore)
            try detail.step()
        }
        let text = try SQLiteStatement(db, "INSERT INTO rejection_text (result_id, line, reason_code, text, count) VALUES (?, ?, ?, ?, ?)")
        for (line, item) in review.rejectionTexts.enumerated() {
            text.bind(1, result)
            text.bind(2, line)
            text.bind(3, item.reasonCode)
            text.bind(4, item.text)
            text.bind(5, item.count)
            try text.step()
        }
    }

    public func review(of month: YearMonth) throws -> MonthReview {
        try read { db in
            var review = MonthReview()
            let arguments: StatementArguments = [month.description]
            for row in try Row.fetchAll(
                db,
                sql:
                    "SELECT d.nik, d.billed, d.bpjs_name, d.kpj_before FROM month m JOIN review_detail d ON d.result_id = m.result_id WHERE m.month = ? ORDER BY d.line",
                arguments: arguments)
            {
                review.details.append(
                    MonthReview.Detail(nik: row["nik"], billed: row["billed"], bpjsName: row["bpjs_name"], kpjBefore: row["kpj_before"]))
            }
            for row in try Row.fetchAll(
                db,
                sql:
                    "SELECT t.reason_code, t.text, t.count FROM month m JOIN rejection_text t ON t.result_id = m.result_id WHERE m.month = ? ORDER BY t.line",
                arguments: arguments)
            {
                review.rejectionTexts.append(
                    MonthReview.RejectionText(reasonCode: row["reason_code"], text: row["text"], count: row["count"]))
            }
            return review
        }
    }

    /// Records the run and points each open month of `results` at its result (a closed month is
    /// never changed); then drops the results no month points at.
    private static func publish(_ db: Database, run: RunRecord, results: [YearMonth: Int64]) throws {
        try db.execute(
            sql: "INSERT INTO run VALUES (?, ?, ?, ?, ?, ?, ?)",
            arguments: [run.id, run.startedAt, run.finishedAt, run.throughMonth, run.exitCode, run.toolVersion, run.pipeline])
        for input in run.inputs {
            try db.execute(
                sql: "INSERT OR REPLACE INTO run_input VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [run.id, input.name, input.sha256, input.size, input.rows, input.outcome])
        }
        for (month, result) in results.sorted(by: { $0.key < $1.key }) where try !isClosed(db, month) {
            try db.execute(
                sql: """
                    INSERT INTO month (month, closed, closed_at, run_id, result_id) VALUES (?, 0, NULL, ?, ?)
                    ON CONFLICT(month) DO UPDATE SET run_id = excluded.run_id, result_id = excluded.result_id
                    """,
                arguments: [month.description, run.id, result])
        }
        // The months' earlier results, and whatever a run staged and never saved.
        try SQLiteSchema.dropUnreferencedResults(db)
    }

    public func beginResults(run: String, months: [YearMonth]) throws -> [YearMonth: Int64] {
        try write { db in
            try SQLiteSchema.dropUnreferencedResults(db)
            var results: [YearMonth: Int64] = [:]
            for month in months { results[month] = try SQLiteSchema.allocate(db, month: month.description, run: run) }
            return results
        }
    }

    /// The workers go in once per distinct set: a roster carried forward month after month gives
    /// the same workers, kept once and shared by the months' results (`worker_set`, by
    /// `WorkerList.contentDigest`).
    public func stage(workers: WorkerList, result: Int64) throws {
        let sha256 = workers.contentDigest()
        try write { db in
            if let set = try Int64.fetchOne(db, sql: "SELECT id FROM worker_set WHERE sha256 = ?", arguments: [sha256]) {
                try db.execute(sql: "UPDATE result SET worker_set = ? WHERE id = ?", arguments: [set, result])
                return
            }
            try db.execute(sql: "INSERT INTO worker_set (sha256) VALUES (?)", arguments: [sha256])
            let set = db.lastInsertedRowID
            try db.execute(sql: "UPDATE result SET worker_set = ? WHERE id = ?", arguments: [set, result])
            let columns = SQLiteSchema.workerColumns
            let statement = try SQLiteStatement(
                db,
                "INSERT INTO worker (set_id, line, \(columns.joined(separator: ", "))) VALUES (?, ?\(String(repeating: ", ?", count: columns.count)))"
            )
            var line = 0
            // A new set: no closed month uses it yet.
            try SQLiteSchema.bulkLoad(db, into: "worker") {
                try workers.forEachStoredRow { values, row in
                    statement.bind(1, set)
                    statement.bind(2, line)
                    for (index, value) in values.enumerated() {
                        // In the packed rows until the row is stepped.
                        statement.bind(Int32(index + 3), borrowingText: value ?? UnsafeBufferPointer(start: nil, count: 0))
                    }
                    statement.bind(16, row)
                    try statement.step()
                    line += 1
                }
            }
        }
    }

    public func stage(acknowledgementFile sha256: String, reader: String, report: AcknowledgementReport, staged: StagedAcknowledgements)
        throws
    {
        try write { db in
            // The same bytes arrived twice (another folder, another name): kept once. Kept by another
            // reader (an earlier version of sigap, other limits): replaced by this reading.
            let keptBy = try String.fetchOne(db, sql: "SELECT reader FROM ack_stage WHERE sha256 = ?", arguments: [sha256])
            guard keptBy != reader else { return }
            try db.execute(sql: "DELETE FROM ack_stage WHERE sha256 = ?", arguments: [sha256])
            // The rows a closed month shows (its `acknowledgements`) stay as they were at its close.
            let frozen = try Bool.fetchOne(db, sql: "SELECT \(SQLiteSchema.closedFile("?"))", arguments: [sha256]) ?? false
            if !frozen {
                let number = try SQLiteSchema.acknowledgementFileNumber(db, sha256: sha256)
                try db.execute(sql: "DELETE FROM ack_row WHERE file = ?", arguments: [number])
                let columns = SQLiteSchema.acknowledgementColumns.dropFirst()
                let statement = try SQLiteStatement(
                    db,
                    "INSERT INTO ack_row (file, line, \(columns.joined(separator: ", "))) VALUES (?, ?\(String(repeating: ", ?", count: columns.count)))"
                )
                var line: Int64 = 0
                try SQLiteSchema.bulkLoad(db, into: "ack_row") {
                    statement.bind(1, number)
                    // Each row's text bound where it lies, without a string per value.
                    try report.forEachRowBytes { row in
                        statement.bind(2, line)
                        statement.bind(3, row.row)
                        statement.bind(4, borrowingText: row.period)
                        statement.bind(5, borrowingText: row.nik)
                        statement.bind(6, borrowingText: row.name)
                        statement.bind(7, borrowingText: row.kpj)
                        statement.bind(8, borrowingText: row.status)
                        statement.bind(9, borrowingText: row.reason)
                        statement.bind(10, borrowingText: row.reasonCode)
                        statement.bind(11, row.premium)
                        try statement.step()
                        line += 1
                    }
                }
            }
            let stage = try SQLiteStatement(
                db, "INSERT INTO ack_stage (sha256, reader, rows_read, meta, records, text) VALUES (?, ?, ?, ?, ?, ?)")
            stage.bind(1, sha256)
            stage.bind(2, reader)
            stage.bind(3, staged.rowsRead)
            stage.bind(4, staged.metaJSON)
            try stage.step(bindingBlobs: [(5, staged.records), (6, staged.text)])
            try db.execute(
                sql: "INSERT OR REPLACE INTO ack_file (sha256, periods) VALUES (?, ?)",
                arguments: [sha256, staged.periods.sorted().map(\.description).joined(separator: ";")])
        }
    }

    public func stagedAcknowledgementFiles(reader: String) throws -> [String: Int] {
        try read { db in
            var files: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT sha256, rows_read FROM ack_stage WHERE reader = ?", arguments: [reader]) {
                files[row["sha256"]] = row["rows_read"]
            }
            return files
        }
    }

    public func stagedAcknowledgements(sha256: String) throws -> StagedAcknowledgements? {
        try read { db in
            let statement = try SQLiteStatement(db, "SELECT records, text, meta FROM ack_stage WHERE sha256 = ?")
            statement.bind(1, sha256)
            var staged: StagedAcknowledgements?
            var damaged = false
            try statement.forEachRow {
                staged = StagedAcknowledgements(records: statement.blob(0), text: statement.blob(1), metaJSON: statement.text(2))
                damaged = staged == nil
            }
            if damaged {
                throw StoreError.damaged("the stored rows of the acknowledgement file with SHA-256 \(sha256) cannot be read back")
            }
            return staged
        }
    }

    public func stage(rosterFile sha256: String, reader: String, staged: StagedRoster) throws {
        try write { db in
            try Self.beginStagedRoster(db, sha256: sha256, reader: reader)
            for (index, chunk) in staged.chunks.enumerated() {
                try Self.stage(db, rosterChunk: chunk, index: index, sha256: sha256, reader: reader)
            }
            try Self.finishStagedRoster(db, sha256: sha256, reader: reader, sheetsJSON: staged.sheetsJSON, rows: staged.rows)
        }
    }

    public func beginStagedRoster(sha256: String, reader: String) throws {
        try write { db in try Self.beginStagedRoster(db, sha256: sha256, reader: reader) }
    }

    public func stage(rosterChunks chunks: [(index: Int, chunk: StagedRoster.Chunk)], sha256: String, reader: String) throws {
        try write { db in
            for (index, chunk) in chunks { try Self.stage(db, rosterChunk: chunk, index: index, sha256: sha256, reader: reader) }
        }
    }

    public func finishStagedRoster(sha256: String, reader: String, sheetsJSON: String, rows: Int) throws {
        try write { db in try Self.finishStagedRoster(db, sha256: sha256, reader: reader, sheetsJSON: sheetsJSON, rows: rows) }
    }

    private static func beginStagedRoster(_ db: Database, sha256: String, reader: String) throws {
        try db.execute(sql: "DELETE FROM roster_stage WHERE sha256 = ? AND reader = ?", arguments: [sha256, reader])
        try db.execute(sql: "DELETE FROM roster_chunk WHERE sha256 = ? AND reader = ?", arguments: [sha256, reader])
    }

    private static func stage(_ db: Database, rosterChunk chunk: StagedRoster.Chunk, index: Int, sha256: String, reader: String) throws {
        let statement = try SQLiteStatement(
            db, "INSERT INTO roster_chunk (sha256, reader, chunk, rows, size, data) VALUES (?, ?, ?, ?, ?, ?)")
        statement.bind(1, sha256)
        statement.bind(2, reader)
        statement.bind(3, index)
        statement.bind(4, chunk.rows)
        statement.bind(5, chunk.size)
        try statement.step(bindingBlobs: [(6, chunk.data)])
    }

    /// The row that makes the chunks an extraction (until it is there, they are not read).
    private static func finishStagedRoster(_ db: Database, sha256: String, reader: String, sheetsJSON: String, rows: Int) throws {
        try db.execute(
            sql: "INSERT OR REPLACE INTO roster_stage (sha256, reader, sheets, rows) VALUES (?, ?, ?, ?)",
            arguments: [sha256, reader, sheetsJSON, rows])
    }

    public func stagedRoster(sha256: String, reader: String) throws -> StagedRoster? {
        try read { db in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT sheets, rows FROM roster_stage WHERE sha256 = ? AND reader = ?", arguments: [sha256, reader])
            else { return nil }
            let statement = try SQLiteStatement(
                db, "SELECT rows, size, data FROM roster_chunk WHERE sha256 = ? AND reader = ? ORDER BY chunk")
            statement.bind(1, sha256)
            statement.bind(2, reader)
            var chunks: [StagedRoster.Chunk] = []
            try statement.forEachRow {
                chunks.append(StagedRoster.Chunk(rows: statement.integer(0), size: statement.integer(1), data: statement.blob(2)))
            }
            let staged = StagedRoster(sheetsJSON: row["sheets"], chunks: chunks)
            guard staged.rows == row["rows"] as Int else {
                throw StoreError.damaged("the staged extraction of the roster file with SHA-256 \(sha256) is incomplete")
            }
            return staged
        }
    }

    public func dropStagedFiles(except kept: Set<String>, version: String) throws {
        try write { db in try SQLiteSchema.dropStagedFiles(db, except: kept, version: version) }
    }

    public func link(acknowledgementFiles files: [(file: String, sha256: String)], result: Int64) throws {
        try write { db in
            try db.execute(sql: "DELETE FROM result_ack_file WHERE result_id = ?", arguments: [result])
            for (position, file) in files.enumerated() {
                try db.execute(
                    sql: "INSERT INTO result_ack_file (result_id, position, file, sha256) VALUES (?, ?, ?, ?)",
                    arguments: [result, position, file.file, file.sha256])
            }
        }
    }

    public func close(_ month: YearMonth, at timestamp: String, summaryJSON: String, seal: MonthSeal) throws {
        try write { db in
            guard
                let result = try Int64.fetchOne(
                    db, sql: "SELECT result_id FROM month WHERE month = ? AND closed = 0", arguments: [month.description])
            else { throw StoreError.refused("month \(month) is not an open, computed month") }
            // The result first (the triggers refuse it once the month is closed), then the seal, then the month.
            try db.execute(sql: "UPDATE result SET summary_json = ? WHERE id = ?", arguments: [summaryJSON, result])
            try SQLiteSchema.insert(db, seal)
            try db.execute(
                sql: "UPDATE month SET closed = 1, closed_at = ? WHERE month = ? AND closed = 0", arguments: [timestamp, month.description])
            // The month's book is its result; the closed months it adjusted are settled at the
            // fingerprints their adjustments were computed from.
            let text = try String.fetchOne(db, sql: "SELECT basis FROM result WHERE id = ?", arguments: [result])
            if let basis = text.flatMap(ResultBasis.init(storedJSON:)) {
                try db.execute(
                    sql: "UPDATE month SET settled_fingerprint = ? WHERE month = ?", arguments: [basis.own, month.description])
                for (closed, fingerprint) in basis.closed {
                    try db.execute(
                        sql: "UPDATE month SET settled_fingerprint = ? WHERE month = ? AND closed = 1", arguments: [fingerprint, closed])
                }
            }
        }
    }

    public func acknowledgementPeriods() throws -> [String: Set<YearMonth>] {
        try read { db in
            var periods: [String: Set<YearMonth>] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT sha256, periods FROM ack_file") {
                let list: String = row["periods"]
                periods[row["sha256"]] = Set(list.split(separator: ";").compactMap { YearMonth(String($0)) })
            }
            return periods
        }
    }

    public func record(acknowledgementPeriods periods: [String: Set<YearMonth>]) throws {
        try write { db in
            for (sha256, months) in periods {
                try db.execute(
                    sql: "INSERT OR REPLACE INTO ack_file (sha256, periods) VALUES (?, ?)",
                    arguments: [sha256, months.sorted().map(\.description).joined(separator: ";")])
            }
        }
    }

    public func ledgerLines(of month: YearMonth, entry: LedgerEntryKind?) throws -> [LedgerLine] {
        try read { db in
            // ADJUSTMENT lines end a ledger (ledger order) and its totals count them: only the last
            // lines are read, when they are that many ADJUSTMENT lines after a line that is not
            // one (else every line is looked at).
            if entry == .adjustment,
                let bounds = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT m.result_id AS result, t.adjustments_count AS count,
                            (SELECT MAX(line) FROM ledger_line WHERE result_id = m.result_id) AS last
                        FROM month m JOIN month_total t ON t.result_id = m.result_id WHERE m.month = ?
                        """, arguments: [month.description]),
                let result = bounds["result"] as Int64?, let count = bounds["count"] as Int?, let last = bounds["last"] as Int?
            {
                let first = last - count + 1
                let before = try String.fetchOne(
                    db, sql: "SELECT entry FROM ledger_line WHERE result_id = ? AND line = ?", arguments: [result, first - 1])
                let lines = try Self.ledgerLines(db, of: month, entry: .adjustment, from: first)
                if lines.count == count && before != LedgerEntryKind.adjustment.rawValue { return lines }
            }
            return try Self.ledgerLines(db, of: month, entry: entry, from: nil)
        }
    }

    /// The first month's lines through this connection, the other months' at the same time
    /// through a read-only connection of their own (two cores: a close's report reads two months).
    public func ledgerLines(ofEach months: [YearMonth]) throws -> [[LedgerLine]] {
        guard readsAlongside, months.count > 1 else { return try months.map { try ledgerLines(of: $0, entry: nil) } }
        let path = path
        let rest = Array(months.dropFirst())
        let lines = try BackgroundTask.beside({ try ledgerLines(of: months[0], entry: nil) }) {
            do {
                return try Self.readAlone(path) { db in try rest.map { try Self.ledgerLines(db, of: $0, entry: nil, from: nil) } }
            } catch {
                throw Self.readFailure(error, path: path)
            }
        }
        return [lines.main] + lines.other
    }

    /// The lines of `month` (of one kind), from line `from` on.
    private static func ledgerLines(_ db: Database, of month: YearMonth, entry: LedgerEntryKind?, from: Int?) throws -> [LedgerLine] {
        do {
            let statement = try SQLiteStatement(
                db,
                """
                SELECT \(LedgerCSV.header.dropFirst().map { "l.\($0)" }.joined(separator: ", ")) \(Self.linesOfMonth)
                \(entry == nil ? "" : " AND l.entry = ?2")\(from == nil ? "" : " AND l.line >= ?3") ORDER BY l.line
                """)
            statement.bind(1, month.description)
            if let entry { statement.bind(2, entry.rawValue) }
            if let from { statement.bind(3, from) }
            var lines: [LedgerLine] = []
            var decoder = LedgerLineDecoder(month: month)
            try statement.forEachRow { lines.append(try decoder.line(of: statement)) }
            return lines
        }
    }

    /// For a closed month, read in one pass with the check of SPEC §16: its lines, rendered, must
    /// give the ledger digest its seal holds (else `damaged`: the run stops, nothing published).
    public func ledgerBook(of month: YearMonth) throws -> AdjustmentCalculator.Book {
        try read { db in
            let name = month.description
            guard let result = try Int64.fetchOne(db, sql: "SELECT result_id FROM month WHERE month = ?", arguments: [name]) else {
                return AdjustmentCalculator.Book()
            }
            let sealed = try String.fetchOne(db, sql: "SELECT ledger_sha256 FROM seal WHERE month = ?", arguments: [name])
            var book = AdjustmentCalculator.Book()
            // Columns as in ledger.csv after `month`: entry 0, for_month 1, nik 2, kpj 10, status 11, premium 14.
            let take: (SQLiteStatement) throws -> Void = { statement in try LedgerLineDecoder.add(statement, month: name, to: &book) }
            if let sealed {
                let digest = try CSVTableLoad.ledger.digest(from: db, result: result, month: name, row: take)
                guard digest == sealed else {
                    throw SealChain.differs(
                        month, "the store's rows render a ledger.csv other than the sealed one (SHA-256 \(digest), sealed \(sealed))")
                }
            } else {
                let statement = try SQLiteStatement(
                    db,
                    "SELECT \(LedgerCSV.header.dropFirst().joined(separator: ", ")) FROM ledger_line WHERE result_id = ? AND entry = 'REGULAR' AND for_month = ? ORDER BY line"
                )
                statement.bind(1, result)
                statement.bind(2, name)
                try statement.forEachRow { try take(statement) }
            }
            return book
        }
    }

    public func coveredKPJs(of month: YearMonth) throws -> [(nik: String, kpj: String)] {
        try read { db in
            let statement = try SQLiteStatement(
                db,
                """
                SELECT l.nik, l.kpj \(Self.linesOfMonth)
                AND l.entry = 'REGULAR' AND l.status = 'COVERED' AND l.kpj IS NOT NULL ORDER BY l.line
                """)
            statement.bind(1, month.description)
            var pairs: [(nik: String, kpj: String)] = []
            try statement.forEachRow { pairs.append((statement.text(0), statement.text(1))) }
            return pairs
        }
    }

    /// The stored ledger lines of the month bound to the first parameter (`l`).
    private static let linesOfMonth = "FROM month m JOIN ledger_line l ON l.result_id = m.result_id WHERE m.month = ?"

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

    public func findingsCSV(of month: YearMonth) throws -> String {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "\(Self.selectMonths) WHERE m.month = ?", arguments: [month.description]) else {
                throw StoreError.refused("\(month) has never been computed: run the pipeline first")
            }
            if let text = row["findings_csv"] as String? { return text }
            var bytes: [UInt8] = []
            try CSVTableLoad.findings.render(from: db, result: row["result_id"], month: month.description) { bytes += $0 }
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    private static func storedMonth(_ row: Row) -> StoredMonth {
        StoredMonth(
            month: YearMonth(row["month"] as String)!, closed: row["closed"], closedAt: row["closed_at"], runID: row["run_id"],
            ledgerCSV: row["ledger_csv"], summaryJSON: row["summary_json"], findingsCSV: row["findings_csv"],
            findingsSHA256: row["findings_sha256"],
            resultID: row["result_id"],
            basis: (row["basis"] as String?).flatMap(ResultBasis.init(storedJSON:)), settled: row["settled_fingerprint"],
            ledgerSHA256: row["ledger_sha256"],
            seal: row["seal"])
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try queue.read(body) } catch { throw Self.readFailure(error, path: path) }
    }

    /// What a failed read of the store at `path` throws: sigap's own error as it is, else one
    /// that names the store.
    private static func readFailure(_ error: any Error, path: String) -> any Error {
        error as? StoreError ?? StoreError("cannot read the store \(path): \(error)")
    }

    func write<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try queue.write(body) } catch let error as StoreError { throw error } catch {
            throw StoreError("cannot write the store \(path): \(error)")
        }
    }
}
