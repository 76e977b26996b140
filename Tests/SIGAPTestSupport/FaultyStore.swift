import SIGAPDomain
import SIGAPPipeline

/// A store that forwards to the SQLite store, except that saving a run, closing a month, marking a
/// closed month's files published, or loading one month's rows fails as a full disk would make it
/// (tests of exit 73 and of nothing half-saved).
public struct FaultyStore: LedgerStore {
    public enum Fault: Sendable, Equatable {
        case save, close, markPublished
        /// Loading the rows of this month's result (on the thread that loads them).
        case stageResult(YearMonth)
    }

    public let inner: SQLiteLedgerStore
    public let failing: Fault

    public init(inner: SQLiteLedgerStore, failing: Fault) {
        self.inner = inner
        self.failing = failing
    }

    private var diskFull: StoreError { StoreError("cannot write the store \(inner.path): database or disk is full") }

    public var location: String { inner.location }
    public func history(of nik: String) throws -> PersonHistory { try inner.history(of: nik) }
    public func months(ledgers: Bool) throws -> [StoredMonth] { try inner.months(ledgers: ledgers) }
    public func month(_ month: YearMonth, ledger: Bool) throws -> StoredMonth? { try inner.month(month, ledger: ledger) }
    public func findingsCSV(of month: YearMonth) throws -> String { try inner.findingsCSV(of: month) }
    public func save(run: RunRecord, months: [StoredMonth]) throws {
        guard failing != .save else { throw diskFull }
        try inner.save(run: run, months: months)
    }
    public func stage(result month: StoredMonth) throws {
        guard failing != .stageResult(month.month) else { throw diskFull }
        try inner.stage(result: month)
    }
    public func publish(run: RunRecord, results: [YearMonth: Int64]) throws {
        guard failing != .save else { throw diskFull }
        try inner.publish(run: run, results: results)
    }
    public func close(_ month: YearMonth, at timestamp: String, summaryJSON: String, seal: MonthSeal) throws {
        guard failing != .close else { throw diskFull }
        try inner.close(month, at: timestamp, summaryJSON: summaryJSON, seal: seal)
    }
    public func seals() throws -> [MonthSeal] { try inner.seals() }
    public func storedTotals(of month: YearMonth) throws -> [String: Int]? { try inner.storedTotals(of: month) }
    public func review(of month: YearMonth) throws -> MonthReview { try inner.review(of: month) }
    public func markPublished(_ month: YearMonth) throws {
        guard failing != .markPublished else { throw diskFull }
        try inner.markPublished(month)
    }
    public func storedDigests(of month: YearMonth, ledger: Bool) throws -> MonthSeal.Digests? {
        try inner.storedDigests(of: month, ledger: ledger)
    }
    public func runs() throws -> [RunRecord] { try inner.runs() }
    public func beginResults(run: String, months: [YearMonth]) throws -> [YearMonth: Int64] {
        try inner.beginResults(run: run, months: months)
    }
    public func stage(workers: WorkerList, result: Int64) throws { try inner.stage(workers: workers, result: result) }
    public func stage(acknowledgementFile sha256: String, reader: String, report: AcknowledgementReport, staged: StagedAcknowledgements)
        throws
    {
        try inner.stage(acknowledgementFile: sha256, reader: reader, report: report, staged: staged)
    }
    public func stagedAcknowledgementFiles(reader: String) throws -> [String: Int] {
        try inner.stagedAcknowledgementFiles(reader: reader)
    }
    public func stagedAcknowledgements(sha256: String) throws -> StagedAcknowledgements? {
        try inner.stagedAcknowledgements(sha256: sha256)
    }
    public func stage(rosterFile sha256: String, reader: String, staged: StagedRoster) throws {
        try inner.stage(rosterFile: sha256, reader: reader, staged: staged)
    }
    public func beginStagedRoster(sha256: String, reader: String) throws {
        try inner.beginStagedRoster(sha256: sha256, reader: reader)
    }
    public func stage(rosterChunks: [(index: Int, chunk: StagedRoster.Chunk)], sha256: String, reader: String) throws {
        try inner.stage(rosterChunks: rosterChunks, sha256: sha256, reader: reader)
    }
    public func finishStagedRoster(sha256: String, reader: String, sheetsJSON: String, rows: Int) throws {
        try inner.finishStagedRoster(sha256: sha256, reader: reader, sheetsJSON: sheetsJSON, rows: rows)
    }
    public func stagedRoster(sha256: String, reader: String) throws -> StagedRoster? {
        try inner.stagedRoster(sha256: sha256, reader: reader)
    }
    public func dropStagedFiles(except kept: Set<String>, version: String) throws {
        try inner.dropStagedFiles(except: kept, version: version)
    }
    public func link(acknowledgementFiles: [(file: String, sha256: String)], result: Int64) throws {
        try inner.link(acknowledgementFiles: acknowledgementFiles, result: result)
    }
    public func acknowledgementPeriods() throws -> [String: Set<YearMonth>] { try inner.acknowledgementPeriods() }
    public func record(acknowledgementPeriods: [String: Set<YearMonth>]) throws {
        try inner.record(acknowledgementPeriods: acknowledgementPeriods)
    }
    public func ledgerLines(of month: YearMonth, entry: LedgerEntryKind?) throws -> [LedgerLine] {
        try inner.ledgerLines(of: month, entry: entry)
    }
    public func ledgerBook(of month: YearMonth) throws -> AdjustmentCalculator.Book { try inner.ledgerBook(of: month) }
    public func coveredKPJs(of month: YearMonth) throws -> [(nik: String, kpj: String)] { try inner.coveredKPJs(of: month) }
}
