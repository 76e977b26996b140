import SIGAPDomain

/// Everything the store knows of one NIK (SPEC §17, `sigap explain`): the rows that listed it each
/// month, the findings on them, the acknowledgements BPJS sent for it, and its ledger lines.
public struct PersonHistory: Sendable {
    /// The worker as enrolled in a month: who owned it, who listed it, where the kept row was.
    public struct Listing: Sendable, Hashable {
        public var month: YearMonth
        public var name: String
        public var owner: String
        public var sources: [String]
        public var file: String
        public var sheet: String
        public var row: Int
    }

    /// A finding on one of its rows (or naming its NIK).
    public struct FindingRow: Sendable, Hashable {
        public var month: YearMonth
        public var source: String
        public var file: String
        public var sheet: String
        public var row: Int?
        public var cell: String
        public var code: String
        public var severity: String
        public var value: String
        public var message: String
        /// A row whose NIK Excel damaged (its first 15 digits are this NIK's): perhaps this person.
        public var damagedNIK: Bool
    }

    /// An acknowledgement row BPJS sent for the NIK.
    public struct Answer: Sendable, Hashable {
        public var arrivedMonth: YearMonth
        public var file: String
        public var row: Int
        public var period: String
        public var status: String
        public var reason: String
        public var reasonCode: String
        public var premium: Int?
    }

    /// A ledger line of the NIK.
    public struct Line: Sendable, Hashable {
        public var month: YearMonth
        public var entry: LedgerEntryKind
        public var forMonth: YearMonth
        public var name: String
        public var source: String
        public var kpj: String
        public var status: LedgerStatus
        public var previousStatus: LedgerStatus?
        public var reasonCode: String
        public var premium: Int
        public var flags: [LedgerFlag]
    }

    public var nik: String
    public var listings: [Listing] = []
    public var findings: [FindingRow] = []
    public var answers: [Answer] = []
    public var lines: [Line] = []
    /// The months closed, for the words "ditutup".
    public var closedMonths: Set<YearMonth> = []

    public init(nik: String) {
        self.nik = nik
    }

    /// Whether the store knows nothing of the NIK.
    public var isEmpty: Bool { listings.isEmpty && findings.isEmpty && answers.isEmpty && lines.isEmpty }

    /// The months anything happened in, in order.
    public var months: [YearMonth] {
        Set(listings.map(\.month) + findings.map(\.month) + answers.map(\.arrivedMonth) + lines.map(\.month)).sorted()
    }
}
