import SIGAPDomain

/// Per NIK, the KPJ on the worker's latest REGULAR COVERED line before a month (SPEC §8.3: a KPJ
/// that BPJS changes is flagged `KPJ_CHANGED`, with the one before).
///
/// A run that reuses stored months builds it from their lines, a million pairs a month: the NIKs
/// are kept as a ledger line keeps them (`LedgerLine.NIKValue`: a number for every 16-digit NIK),
/// and the months are read newest first, so that each NIK is looked up in the older months, not
/// written again.
public struct KPJHistory: Sendable, ExpressibleByDictionaryLiteral {
    private var kpjs: [LedgerLine.NIKValue: String] = [:]

    public init() {}

    public init(dictionaryLiteral elements: (String, String)...) {
        for (nik, kpj) in elements { self[nik] = kpj }
    }

    public subscript(nik: String) -> String? {
        get { kpjs[LedgerLine.NIKValue(nik)] }
        set { kpjs[LedgerLine.NIKValue(nik)] = newValue }
    }

    /// By a line's own NIK key (no NIK text made and read back).
    subscript(nik: LedgerLine.NIKValue) -> String? {
        get { kpjs[nik] }
        set { kpjs[nik] = newValue }
    }

    public var count: Int { kpjs.count }

    /// Adds the covered KPJs of `months` (consecutive, oldest first, all later than what this
    /// history held), each month's pairs read in ledger order by `read`, one month at a time: a NIK
    /// takes its KPJ from the newest month that covered it, and within a month from its last line,
    /// as if the months had been applied oldest first.
    public mutating func add(
        _ months: [YearMonth], read: (YearMonth) throws -> [(nik: String, kpj: String)]
    ) rethrows {
        guard !months.isEmpty else { return }
        guard kpjs.isEmpty else {
            // On top of a history: oldest first, each line over what came before (no second
            // dictionary of a million NIKs beside this one).
            for month in months {
                for pair in try read(month) { kpjs[LedgerLine.NIKValue(pair.nik)] = pair.kpj }
            }
            return
        }
        // From nothing: newest first, so an older month only looks up the NIKs a newer one has.
        for month in months.reversed() {
            for pair in try read(month).reversed() {
                let nik = LedgerLine.NIKValue(pair.nik)
                if kpjs[nik] == nil { kpjs[nik] = pair.kpj }
            }
        }
    }
}
