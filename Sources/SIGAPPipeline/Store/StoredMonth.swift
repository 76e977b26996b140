import SIGAPDomain

/// What the store keeps of a month: the last run's results while it is open, frozen once closed
/// (SPEC §8.4, §14). The ledger is kept as its lines (`ledger_line`), from which its `ledger.csv`
/// text renders byte for byte.
public struct StoredMonth: Sendable, Hashable {
    public var month: YearMonth
    public var closed: Bool
    public var closedAt: String?
    public var runID: String
    public var ledgerCSV: String
    /// When saving: a file whose bytes are the ledger text (the month's staged `ledger.csv`, maybe
    /// still being written), whose lines the store loads in blocks; `ledgerCSV` is not used then.
    /// A month of a million lines is 150 MB of text, never held whole. Months read back with their
    /// ledger have the text, rendered from the stored lines.
    public var ledgerFile: StagedCSV?
    public var summaryJSON: String
    /// The `findings.csv` text, when the store keeps it as text (results stored before issue 11's
    /// streamed findings); nil when it keeps only the rows (`LedgerStore.findingsCSV(of:)` renders
    /// it). When saving: the text to load, unless `findingsFile` is given.
    public var findingsCSV: String?
    /// When saving: the month's staged `findings.csv`, whose rows the store loads in blocks (a month
    /// whose million rows each carry a warning has 150 MB of findings, never held whole).
    public var findingsFile: StagedCSV?
    /// The SHA-256 of the `findings.csv` text.
    public var findingsSHA256: String?
    /// The SHA-256 of the ledger text (when saving from a file that does not carry its own); nil for
    /// results stored before it was kept.
    public var ledgerSHA256: String?
    /// The result the month's rows were staged under (`LedgerStore.beginResults`); nil when
    /// nothing was staged (the store makes one when saving).
    public var resultID: Int64?
    /// What the result was computed from (nil for results stored before fingerprints).
    public var basis: ResultBasis?
    /// For a closed month: the own fingerprint at which its book (frozen lines plus recorded
    /// adjustments) equals its recomputation, so a run need not recompute it while that holds.
    public var settled: String?
    /// A closed month's seal (SPEC §16); nil while open.
    public var seal: String?
    /// When saving: what finance checks of the month (kept beside its rows).
    public var review: MonthReview?

    public init(
        month: YearMonth, closed: Bool, closedAt: String?, runID: String, ledgerCSV: String, ledgerFile: StagedCSV? = nil,
        summaryJSON: String,
        findingsCSV: String?, findingsFile: StagedCSV? = nil, findingsSHA256: String? = nil, resultID: Int64? = nil,
        basis: ResultBasis? = nil,
        settled: String? = nil, ledgerSHA256: String? = nil,
        seal: String? = nil
    ) {
        self.month = month
        self.closed = closed
        self.closedAt = closedAt
        self.runID = runID
        self.ledgerCSV = ledgerCSV
        self.ledgerFile = ledgerFile
        self.summaryJSON = summaryJSON
        self.findingsCSV = findingsCSV
        self.findingsFile = findingsFile
        self.findingsSHA256 = findingsSHA256 ?? findingsCSV.map { Fingerprint.sha256($0) }
        self.resultID = resultID
        self.basis = basis
        self.settled = settled
        self.ledgerSHA256 = ledgerSHA256
        self.seal = seal
    }

    /// When saving: the SHA-256 the store records for the ledger text (a file's once it is written
    /// in full).
    package func savedLedgerSHA256() -> String? {
        guard let ledgerFile else { return Fingerprint.sha256(ledgerCSV) }
        return ledgerFile.sha256 ?? ledgerSHA256
    }

    /// When saving: the SHA-256 the store records for the findings text.
    package func savedFindingsSHA256() -> String? {
        findingsFile?.sha256 ?? findingsSHA256
    }

    /// When saving: the ledger text's bytes, handed to `take` in blocks, from its file or from
    /// `ledgerCSV`.
    package func feedLedger(_ take: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        try Self.feed(ledgerFile, else: ledgerCSV, take)
    }

    /// When saving: the findings text's bytes, from its file or from `findingsCSV`.
    package func feedFindings(_ take: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        try Self.feed(findingsFile, else: findingsCSV ?? "", take)
    }

    private static func feed(_ file: StagedCSV?, else text: String, _ take: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        if let file { return try file.forEachChunk(take) }
        var text = text
        try text.withUTF8 { try take($0) }
    }
}
