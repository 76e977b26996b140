import SIGAPDomain

/// Where closed months, the last run's results and the run history live, as tables behind the
/// five views of SPEC §15 (`docs/store.md`): a SQLite file (`SQLiteLedgerStore`), or a PostgreSQL
/// database that several pipelines share (`PostgresLedgerStore`).
///
/// A run writes a month's rows as it computes them, under a *result* of its own
/// (`beginResults`, `stage`); `save` makes them the month's in one transaction. Rows of results
/// that were never saved (an interrupted run) are not seen and are dropped later.
public protocol LedgerStore: Sendable {
    /// Where the store is, as messages name it (a path, or a URL without its password).
    var location: String { get }
    /// Every month the store holds, in order. Without `ledgers`, each month's `ledgerCSV` is
    /// empty (a month of a million lines has 150 MB of it): `month(_:)` gives one month whole.
    func months(ledgers: Bool) throws -> [StoredMonth]
    /// One month; without `ledger`, its `ledgerCSV` is empty.
    func month(_ month: YearMonth, ledger: Bool) throws -> StoredMonth?
    /// A stored month's `findings.csv` text: as kept, or rendered from its `finding` rows.
    func findingsCSV(of month: YearMonth) throws -> String
    /// Saves a run and the results of its open months in one transaction. Closed months are never
    /// overwritten.
    func save(run: RunRecord, months: [StoredMonth]) throws
    /// Loads one open month's rows (ledger lines, findings, totals) and texts under the result
    /// `month.resultID` that `beginResults` gave; nobody sees them until `publish`. Called on any
    /// thread; a file the month's rows come from may still be being written (`StagedCSV`).
    func stage(result month: StoredMonth) throws
    /// Records a run and points each open month at the result its rows were staged under, in one
    /// transaction; closed months are never changed.
    func publish(run: RunRecord, results: [YearMonth: Int64]) throws
    /// Freezes a month: its stored results become final (`closed`), with `summaryJSON` (now saying
    /// `"closed": true`), and its seal joins the chain, unpublished; in one transaction.
    func close(_ month: YearMonth, at timestamp: String, summaryJSON: String, seal: MonthSeal) throws
    /// A stored month's row of the `month_summaries` view, by column (nil when not stored).
    func storedTotals(of month: YearMonth) throws -> [String: Int]?
    /// What finance checks of a stored month (empty for a month computed before it was kept).
    func review(of month: YearMonth) throws -> MonthReview
    /// The seal chain, in month order (SPEC §16).
    func seals() throws -> [MonthSeal]
    /// Records that a closed month's files, SEAL last, are all in place.
    func markPublished(_ month: YearMonth) throws
    /// The digests of a stored month's three files as its rows render them (`ledger.csv` and
    /// `findings.csv` from their rows, `summary.json` its text); nil when the month is not stored.
    /// Without `ledger`, the ledger's is left empty (its lines are not read).
    func storedDigests(of month: YearMonth, ledger: Bool) throws -> MonthSeal.Digests?
    func runs() throws -> [RunRecord]
    /// One new result for each month a run may save, after dropping the rows of results no month
    /// points at.
    func beginResults(run: String, months: [YearMonth]) throws -> [YearMonth: Int64]
    /// A month's workers, under its result.
    func stage(workers: WorkerList, result: Int64) throws
    /// Keeps one acknowledgement file as read, by its SHA-256 (staged extraction, SPEC §15): every
    /// data row (the `acknowledgements` view) and the packed rows a later run reads back instead of
    /// the file; `reader` is the tool version that read it. A file kept already is left as it is.
    func stage(acknowledgementFile sha256: String, reader: String, report: AcknowledgementReport, staged: StagedAcknowledgements)
        throws
    /// The acknowledgement files kept by `reader`, by SHA-256, with the data rows read of each.
    func stagedAcknowledgementFiles(reader: String) throws -> [String: Int]
    /// One kept acknowledgement file's packed rows; nil when it is not kept.
    func stagedAcknowledgements(sha256: String) throws -> StagedAcknowledgements?
    /// Keeps one roster file's extraction (`StagedRoster`), by its SHA-256 and the reader that made it.
    func stage(rosterFile sha256: String, reader: String, staged: StagedRoster) throws
    /// The same as it is made: `beginStagedRoster` (drops an earlier one), the chunks as they are
    /// made (`StagedChunkWriter`: those made while the store was busy, in one write), then
    /// `finishStagedRoster` (until then the chunks are not an extraction).
    func beginStagedRoster(sha256: String, reader: String) throws
    func stage(rosterChunks: [(index: Int, chunk: StagedRoster.Chunk)], sha256: String, reader: String) throws
    func finishStagedRoster(sha256: String, reader: String, sheetsJSON: String, rows: Int) throws
    /// One kept roster extraction; nil when the store has none for this file and reader.
    func stagedRoster(sha256: String, reader: String) throws -> StagedRoster?
    /// Drops the kept extractions of files not in `kept` (by SHA-256: the files of the inbox), but
    /// for acknowledgement files a month's result names; and roster extractions that another
    /// `version` of sigap made.
    func dropStagedFiles(except kept: Set<String>, version: String) throws
    /// Names, under a month's result, the acknowledgement files that arrived in the month, in order.
    func link(acknowledgementFiles: [(file: String, sha256: String)], result: Int64) throws
    /// The premium periods each acknowledgement file read so far holds rows for, by the file's
    /// SHA-256 (what a month's fingerprint needs of files that arrived after it).
    func acknowledgementPeriods() throws -> [String: Set<YearMonth>]
    /// Records the periods of acknowledgement files just read.
    func record(acknowledgementPeriods: [String: Set<YearMonth>]) throws
    /// A stored month's ledger lines (of one kind, or all), in ledger order.
    func ledgerLines(of month: YearMonth, entry: LedgerEntryKind?) throws -> [LedgerLine]
    /// The ledger lines of each of `months`, in the order given: side by side where the store can
    /// read them so (a month's report compares a million lines with the month before's).
    func ledgerLines(ofEach months: [YearMonth]) throws -> [[LedgerLine]]
    /// The NIK, status and premium of a stored month's REGULAR lines, in ledger order (its book,
    /// without the rest of its lines), with the KPJs of its covered ones (as `coveredKPJs` gives
    /// them). For a closed month, its lines are checked against its seal in the same pass
    /// (`StoreError.damaged` when they differ).
    func ledgerBook(of month: YearMonth) throws -> AdjustmentCalculator.Book
    /// The NIK and KPJ of a stored month's REGULAR COVERED lines that carry a KPJ, in NIK order.
    func coveredKPJs(of month: YearMonth) throws -> [(nik: String, kpj: String)]
    /// One NIK's history through the five views (SPEC §17): what `sigap explain` prints.
    func history(of nik: String) throws -> PersonHistory
}

extension LedgerStore {
    /// Every month the store holds, in order, whole.
    public func months() throws -> [StoredMonth] {
        try months(ledgers: true)
    }

    /// The month with its `ledger.csv` text, rendered from its stored lines.
    package func withLedger(_ month: StoredMonth) throws -> StoredMonth {
        var month = month
        month.ledgerCSV = LedgerCSV.render(try ledgerLines(of: month.month, entry: nil))
        return month
    }

    /// One month, whole.
    public func month(_ month: YearMonth) throws -> StoredMonth? {
        try self.month(month, ledger: true)
    }

    /// One month after the other.
    public func ledgerLines(ofEach months: [YearMonth]) throws -> [[LedgerLine]] {
        try months.map { try ledgerLines(of: $0, entry: nil) }
    }
}
