import SIGAPDomain

/// What finance checks before paying a month (issue 13, the report's "Perlu diperiksa" and
/// `ledger.xlsx`'s sheet of the same name): what BPJS said about the lines reconciliation flagged,
/// which `ledger.csv` does not hold (the amount BPJS billed, the name BPJS has, the KPJ before),
/// and BPJS's own words for its rejections. Bounded: a month of a million rejections keeps its
/// distinct rejection texts with counts, not a line each.
public struct MonthReview: Sendable, Hashable {
    /// One flagged line (AMOUNT_MISMATCH, NAME_MISMATCH, KPJ_CHANGED) or UNEXPECTED line.
    public struct Detail: Sendable, Hashable {
        public var nik: String
        /// The amount BPJS stated, when its file carries one.
        public var billed: Int?
        /// The name BPJS has, when it differs from the roster's.
        public var bpjsName: String?
        /// The KPJ of the worker's latest covered line before this month, when the KPJ changed.
        public var kpjBefore: String?

        public init(nik: String, billed: Int?, bpjsName: String?, kpjBefore: String?) {
            self.nik = nik
            self.billed = billed
            self.bpjsName = bpjsName
            self.kpjBefore = kpjBefore
        }
    }

    /// A rejection text as BPJS wrote it, under the reason code it was read as, with how many of
    /// the month's rejected workers it was given for.
    public struct RejectionText: Sendable, Hashable {
        public var reasonCode: String
        public var text: String
        public var count: Int

        public init(reasonCode: String, text: String, count: Int) {
            self.reasonCode = reasonCode
            self.text = text
            self.count = count
        }
    }

    /// Flagged and UNEXPECTED lines' details, by NIK.
    public var details: [Detail] = []
    /// By reason code, then most given first, at most `maxTexts`.
    public var rejectionTexts: [RejectionText] = []

    /// How many distinct rejection texts are kept.
    public static let maxTexts = 200

    public init(details: [Detail] = [], rejectionTexts: [RejectionText] = []) {
        self.details = details
        self.rejectionTexts = rejectionTexts
    }

    /// The texts counted in `counts` (reason code → text → workers), in report order.
    static func texts(_ counts: [String: [String: Int]]) -> [RejectionText] {
        let all = counts.flatMap { code, texts in texts.map { RejectionText(reasonCode: code, text: $0.key, count: $0.value) } }
        return Array(
            all.sorted { ($0.reasonCode, -$0.count, $0.text) < ($1.reasonCode, -$1.count, $1.text) }.prefix(maxTexts))
    }

    /// Whether finance checks `line` (the report's "Perlu diperiksa", ledger.xlsx's sheet): a
    /// month's own line flagged for what BPJS answered, or an UNEXPECTED one.
    public static func isChecked(_ line: LedgerLine) -> Bool {
        line.entry == .regular
            && (line.status == .unexpected || line.flags.contains { $0 == .amountMismatch || $0 == .nameMismatch || $0 == .kpjChanged })
    }

    /// The detail of each NIK.
    public var byNIK: [String: Detail] { Dictionary(details.map { ($0.nik, $0) }, uniquingKeysWith: { first, _ in first }) }
}
