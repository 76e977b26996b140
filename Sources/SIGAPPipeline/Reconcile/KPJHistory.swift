import SIGAPDomain

/// Per NIK, the KPJ on the worker's latest REGULAR COVERED line before a month (SPEC §8.3: a KPJ
/// that BPJS changes is flagged `KPJ_CHANGED`, with the one before).
///
/// A run that reuses stored months builds it from their lines, a million pairs a month: the NIKs
/// are kept as numbers (every worker's NIK has 16 digits), and the months are read newest first,
/// so that each NIK is looked up in the older months, not written again.
public struct KPJHistory: Sendable, ExpressibleByDictionaryLiteral {
    private var byNumber: [UInt64: String] = [:]
    /// NIKs that are not 16 digits (never a worker's; kept so that nothing is lost).
    private var byText: [String: String] = [:]

    public init() {}

    public init(dictionaryLiteral elements: (String, String)...) {
        for (nik, kpj) in elements { self[nik] = kpj }
    }

    public subscript(nik: String) -> String? {
        get {
            if let number = AcknowledgementBook.value(of: nik) { return byNumber[number] }
            return byText[nik]
        }
        set {
            if let number = AcknowledgementBook.value(of: nik) { byNumber[number] = newValue } else { byText[nik] = newValue }
        }
    }

    public var count: Int { byNumber.count + byText.count }

    /// Adds the covered KPJs of `months` (consecutive, oldest first, all later than what this
    /// history held), each month's pairs read in ledger order by `read`, one month at a time: a NIK
    /// takes its KPJ from the newest month that covered it, and within a month from its last line,
    /// as if the months had been applied oldest first.
    public mutating func add(
        _ months: [YearMonth], read: (YearMonth) throws -> [(nik: String, kpj: String)]
    ) rethrows {
        guard !months.isEmpty else { return }
        var newer = KPJHistory()
        for month in months.reversed() {
            for pair in try read(month).reversed() {
                if let number = AcknowledgementBook.value(of: pair.nik) {
                    if newer.byNumber[number] == nil { newer.byNumber[number] = pair.kpj }
                } else if newer.byText[pair.nik] == nil {
                    newer.byText[pair.nik] = pair.kpj
                }
            }
        }
        if count == 0 {
            self = newer
            return
        }
        byNumber.merge(newer.byNumber) { _, newest in newest }
        byText.merge(newer.byText) { _, newest in newest }
    }
}
