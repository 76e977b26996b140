import SIGAPDomain

/// One line of a month's ledger (SPEC §8.5 `ledger.csv`). Money is integer rupiah.
public struct LedgerLine: Sendable, Hashable {
    /// The month whose ledger holds the line.
    public var month: YearMonth
    public var entry: LedgerEntryKind
    /// The month the line is about: `month` for REGULAR lines, the closed month for ADJUSTMENT.
    public var forMonth: YearMonth
    /// Full NIK (the ledger is as sensitive as the rosters).
    public var nik: String
    /// Upper-case, titles kept.
    public var name: String
    /// Owner source; empty on UNEXPECTED lines.
    public var source: String
    /// Every source listing the NIK, pipeline order.
    public var sources: [String]
    public var kecamatanCode: String
    public var kecamatan: String
    public var kelurahan: String
    public var occupation: String
    public var kpj: String
    public var status: LedgerStatus
    /// Only on ADJUSTMENT lines.
    public var previousStatus: LedgerStatus?
    /// The rejection reason code (REJECTED lines).
    public var reasonCode: String
    /// Rupiah: the premium due (REGULAR) or the difference (ADJUSTMENT; negative to reclaim).
    public var premium: Int
    public var flags: [LedgerFlag]

    public init(
        month: YearMonth, entry: LedgerEntryKind, forMonth: YearMonth, nik: String, name: String, source: String,
        sources: [String], kecamatanCode: String, kecamatan: String, kelurahan: String, occupation: String, kpj: String,
        status: LedgerStatus, previousStatus: LedgerStatus?, reasonCode: String, premium: Int, flags: [LedgerFlag]
    ) {
        self.month = month
        self.entry = entry
        self.forMonth = forMonth
        self.nik = nik
        self.name = name
        self.source = source
        self.sources = sources
        self.kecamatanCode = kecamatanCode
        self.kecamatan = kecamatan
        self.kelurahan = kelurahan
        self.occupation = occupation
        self.kpj = kpj
        self.status = status
        self.previousStatus = previousStatus
        self.reasonCode = reasonCode
        self.premium = premium
        self.flags = flags
    }
}
