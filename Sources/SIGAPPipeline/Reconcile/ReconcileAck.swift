import SIGAPDomain

/// What reconciliation needs of an effective acknowledgement (SPEC §8.2-§8.3).
public struct ReconcileAck: Sendable, Hashable {
    /// Kept as a number when 16 digits (no string made for each of a million acknowledgements).
    var nikKey: LedgerLine.NIKValue
    public var nik: String {
        get { nikKey.text }
        set { nikKey = LedgerLine.NIKValue(newValue) }
    }
    public var accepted: Bool
    public var name: String?
    public var kpj: String?
    public var reasonCode: String?
    /// The acknowledged amount, when the file carries one.
    public var premium: Int?
    /// BPJS's own words for a rejection (read only for rejections).
    public var reasonText: String?

    public init(nik: String, accepted: Bool, name: String?, kpj: String?, reasonCode: String?, premium: Int?, reasonText: String? = nil) {
        self.init(
            nikKey: LedgerLine.NIKValue(nik), accepted: accepted, name: name, kpj: kpj, reasonCode: reasonCode, premium: premium,
            reasonText: reasonText)
    }

    init(
        nikKey: LedgerLine.NIKValue, accepted: Bool, name: String?, kpj: String?, reasonCode: String?, premium: Int?, reasonText: String?
    ) {
        self.nikKey = nikKey
        self.accepted = accepted
        self.name = name
        self.kpj = kpj
        self.reasonCode = reasonCode
        self.premium = premium
        self.reasonText = reasonText
    }
}

/// The effective acknowledgements (the last valid one in input order per NIK and period).
public protocol AcknowledgementLookup {
    func effective(nik: String, period: YearMonth) -> ReconcileAck?
    /// Every effective acknowledgement for a period, sorted by NIK.
    func effectiveAcknowledgements(period: YearMonth) -> [ReconcileAck]
    /// Whether the NIK has an accepted effective acknowledgement for any period up to `month`.
    func hasAccepted(nik: String, through month: YearMonth) -> Bool
    /// The effective acknowledgements for a period of NIKs outside `enrolled` (16-digit NIKs as
    /// integers, ascending), sorted by NIK: UNEXPECTED people and orphan rejections.
    func effectiveAcknowledgements(period: YearMonth, excluding enrolled: [UInt64]) -> [ReconcileAck]
    /// `effective(nik:period:)` for 16-digit NIKs, as numbers, asked in ascending order (a lookup
    /// may walk rather than search).
    func effectiveInNIKOrder(period: YearMonth) -> (UInt64) -> ReconcileAck?
}

extension AcknowledgementLookup {
    public func effectiveInNIKOrder(period: YearMonth) -> (UInt64) -> ReconcileAck? {
        { effective(nik: AcknowledgementValues.digits($0, width: 16), period: period) }
    }

    public func effectiveAcknowledgements(period: YearMonth, excluding enrolled: [UInt64]) -> [ReconcileAck] {
        effectiveAcknowledgements(period: period).filter { !enrolled.sortedContains(UInt64($0.nik) ?? .max) }
    }
}

extension [UInt64] {
    /// Whether the array, sorted ascending, holds `value` (a binary search: a million NIKs take
    /// 8 MB this way, not the 30 MB of a set).
    func sortedContains(_ value: UInt64) -> Bool {
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) / 2
            if self[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low < count && self[low] == value
    }
}
