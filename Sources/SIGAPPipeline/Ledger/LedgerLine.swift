import SIGAPDomain

/// One line of a month's ledger (SPEC §8.5 `ledger.csv`). Money is integer rupiah.
///
/// A value type whose fields live elsewhere: a month holds up to a million lines, and sorting,
/// filtering and passing them around then moves one reference per line instead of retaining a
/// dozen strings. The lines reconciliation makes are records of a packed `LedgerBlock`; any other
/// line (parsed back, an adjustment, a line changed after it was made) has a copy-on-write box.
public struct LedgerLine: Sendable, Hashable {
    private final class Storage: @unchecked Sendable {
        var month: YearMonth
        var entry: LedgerEntryKind
        var forMonth: YearMonth
        var nik: NIKValue
        var name: String
        var source: String
        var sources: [String]
        var kecamatanCode: String
        var kecamatan: String
        var kelurahan: String
        var occupation: String
        var kpj: String
        var status: LedgerStatus
        var previousStatus: LedgerStatus?
        var reasonCode: String
        var premium: Int
        var flags: [LedgerFlag]

        init(
            month: YearMonth, entry: LedgerEntryKind, forMonth: YearMonth, nik: String, name: String, source: String, sources: [String],
            kecamatanCode: String, kecamatan: String, kelurahan: String, occupation: String, kpj: String, status: LedgerStatus,
            previousStatus: LedgerStatus?, reasonCode: String, premium: Int, flags: [LedgerFlag]
        ) {
            self.month = month
            self.entry = entry
            self.forMonth = forMonth
            self.nik = NIKValue(nik)
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

        func copy() -> Storage {
            Storage(
                month: month, entry: entry, forMonth: forMonth, nik: nik.text, name: name, source: source, sources: sources,
                kecamatanCode: kecamatanCode, kecamatan: kecamatan, kelurahan: kelurahan, occupation: occupation, kpj: kpj, status: status,
                previousStatus: previousStatus, reasonCode: reasonCode, premium: premium, flags: flags)
        }
    }

    /// A NIK of 16 digits kept as a number (no string per line: a month can have a million lines),
    /// any other text as it is. Numbers order as their zero-padded text does.
    struct NIKValue: Hashable, Comparable, Sendable {
        /// `UInt64.max` when the NIK is kept as `other`.
        private var number: UInt64
        private var other: String?

        init(number: UInt64) {
            self.number = number
            other = nil
        }

        init(_ text: String) {
            if let value = AcknowledgementBook.value(of: text) {
                number = value
                other = nil
            } else {
                number = .max
                other = text
            }
        }

        var text: String { other ?? AcknowledgementValues.digits(number, width: 16) }

        /// The NIK as a number, nil when it is kept as text.
        var digits: UInt64? { other == nil ? number : nil }

        static func < (left: NIKValue, right: NIKValue) -> Bool {
            if left.other == nil && right.other == nil { return left.number < right.number }
            return left.text < right.text
        }
    }

    /// The line's box; nil when it is a record of `block`.
    private var storage: Storage?
    private var block: LedgerBlock?
    private var position: UInt32 = 0

    /// The box, made (from the block's record) or made unique before a write.
    private var writable: Storage {
        mutating get {
            if storage == nil {
                storage = Storage(
                    month: month, entry: entry, forMonth: forMonth, nik: nik, name: name, source: source, sources: sources,
                    kecamatanCode: kecamatanCode, kecamatan: kecamatan, kelurahan: kelurahan, occupation: occupation, kpj: kpj,
                    status: status, previousStatus: previousStatus, reasonCode: reasonCode, premium: premium, flags: flags)
                block = nil
            } else if !isKnownUniquelyReferenced(&storage) {
                storage = storage!.copy()
            }
            return storage!
        }
    }

    /// The month whose ledger holds the line.
    public var month: YearMonth {
        get { storage?.month ?? block!.month(at: position) }
        set { writable.month = newValue }
    }

    public var entry: LedgerEntryKind {
        get { storage?.entry ?? block!.entry(at: position) }
        set { writable.entry = newValue }
    }

    /// The month the line is about: `month` for REGULAR lines, the closed month for ADJUSTMENT.
    public var forMonth: YearMonth {
        get { storage?.forMonth ?? block!.forMonth(at: position) }
        set { writable.forMonth = newValue }
    }

    /// Full NIK (the ledger is as sensitive as the rosters).
    public var nik: String {
        get { nikKey.text }
        set { writable.nik = NIKValue(newValue) }
    }

    /// Upper-case, titles kept.
    public var name: String {
        get { storage?.name ?? block!.name(at: position) }
        set { writable.name = newValue }
    }

    /// Owner source; empty on UNEXPECTED lines.
    public var source: String {
        get { storage?.source ?? block!.source(at: position) }
        set { writable.source = newValue }
    }

    /// Every source listing the NIK, pipeline order.
    public var sources: [String] {
        get { storage?.sources ?? block!.sources(at: position) }
        set { writable.sources = newValue }
    }

    public var kecamatanCode: String {
        get { storage?.kecamatanCode ?? block!.place(at: position).kecamatanCode }
        set { writable.kecamatanCode = newValue }
    }

    public var kecamatan: String {
        get { storage?.kecamatan ?? block!.place(at: position).kecamatan }
        set { writable.kecamatan = newValue }
    }

    public var kelurahan: String {
        get { storage?.kelurahan ?? block!.place(at: position).kelurahan }
        set { writable.kelurahan = newValue }
    }

    public var occupation: String {
        get { storage?.occupation ?? block!.occupation(at: position) }
        set { writable.occupation = newValue }
    }

    public var kpj: String {
        get { storage?.kpj ?? block!.kpj(at: position) }
        set { writable.kpj = newValue }
    }

    public var status: LedgerStatus {
        get { storage?.status ?? block!.status(at: position) }
        set { writable.status = newValue }
    }

    /// Only on ADJUSTMENT lines.
    public var previousStatus: LedgerStatus? {
        get {
            if let storage { return storage.previousStatus }
            return block!.previousStatus(at: position)
        }
        set { writable.previousStatus = newValue }
    }

    /// The rejection reason code (REJECTED lines).
    public var reasonCode: String {
        get { storage?.reasonCode ?? block!.reasonCode(at: position) }
        set { writable.reasonCode = newValue }
    }

    /// Rupiah: the premium due (REGULAR) or the difference (ADJUSTMENT; negative to reclaim).
    public var premium: Int {
        get { storage?.premium ?? block!.premium(at: position) }
        set { writable.premium = newValue }
    }

    public var flags: [LedgerFlag] {
        get { storage?.flags ?? block!.flags(at: position) }
        set { writable.flags = newValue }
    }

    /// The same line in a box of its own: a line kept after its month's lines go (in a report's
    /// parts) does not keep their whole block.
    var detached: LedgerLine {
        var line = self
        _ = line.writable
        return line
    }

    /// The NIK in the form lines are ordered and compared by (no string made).
    var nikKey: NIKValue { storage?.nik ?? block!.nik(at: position) }

    public init(
        month: YearMonth, entry: LedgerEntryKind, forMonth: YearMonth, nik: String, name: String, source: String, sources: [String],
        kecamatanCode: String, kecamatan: String, kelurahan: String, occupation: String, kpj: String, status: LedgerStatus,
        previousStatus: LedgerStatus?, reasonCode: String, premium: Int, flags: [LedgerFlag]
    ) {
        storage = Storage(
            month: month, entry: entry, forMonth: forMonth, nik: nik, name: name, source: source, sources: sources,
            kecamatanCode: kecamatanCode, kecamatan: kecamatan, kelurahan: kelurahan, occupation: occupation, kpj: kpj, status: status,
            previousStatus: previousStatus, reasonCode: reasonCode, premium: premium, flags: flags)
    }

    /// The line made as a record of `block`; a box when the block cannot hold it (see
    /// `LedgerBlock.append`).
    init(
        in block: LedgerBlock, month: YearMonth, entry: LedgerEntryKind, forMonth: YearMonth, nik: NIKValue, name: String, source: String,
        sources: [String], kecamatanCode: String, kecamatan: String, kelurahan: String, occupation: String, kpj: String,
        status: LedgerStatus, previousStatus: LedgerStatus?, reasonCode: String, premium: Int, flags: [LedgerFlag]
    ) {
        guard
            let position = block.append(
                month: month, entry: entry, forMonth: forMonth, nik: nik, name: name, source: source, sources: sources,
                kecamatanCode: kecamatanCode, kecamatan: kecamatan, kelurahan: kelurahan, occupation: occupation, kpj: kpj,
                status: status, previousStatus: previousStatus, reasonCode: reasonCode, premium: premium, flags: flags)
        else {
            self.init(
                month: month, entry: entry, forMonth: forMonth, nik: nik.text, name: name, source: source, sources: sources,
                kecamatanCode: kecamatanCode, kecamatan: kecamatan, kelurahan: kelurahan, occupation: occupation, kpj: kpj, status: status,
                previousStatus: previousStatus, reasonCode: reasonCode, premium: premium, flags: flags)
            return
        }
        self.init(block: block, position: position)
    }

    private init(block: LedgerBlock, position: UInt32) {
        storage = nil
        self.block = block
        self.position = position
    }

    public static func == (lhs: LedgerLine, rhs: LedgerLine) -> Bool {
        if let left = lhs.storage, let right = rhs.storage, left === right { return true }
        if let left = lhs.block, let right = rhs.block, left === right, lhs.position == rhs.position { return true }
        return lhs.month == rhs.month
            && lhs.entry == rhs.entry
            && lhs.forMonth == rhs.forMonth
            && lhs.nikKey == rhs.nikKey
            && lhs.name == rhs.name
            && lhs.source == rhs.source
            && lhs.sources == rhs.sources
            && lhs.kecamatanCode == rhs.kecamatanCode
            && lhs.kecamatan == rhs.kecamatan
            && lhs.kelurahan == rhs.kelurahan
            && lhs.occupation == rhs.occupation
            && lhs.kpj == rhs.kpj
            && lhs.status == rhs.status
            && lhs.previousStatus == rhs.previousStatus
            && lhs.reasonCode == rhs.reasonCode
            && lhs.premium == rhs.premium
            && lhs.flags == rhs.flags
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(month)
        hasher.combine(entry)
        hasher.combine(forMonth)
        hasher.combine(nikKey)
        hasher.combine(name)
        hasher.combine(source)
        hasher.combine(sources)
        hasher.combine(kecamatanCode)
        hasher.combine(kecamatan)
        hasher.combine(kelurahan)
        hasher.combine(occupation)
        hasher.combine(kpj)
        hasher.combine(status)
        hasher.combine(previousStatus)
        hasher.combine(reasonCode)
        hasher.combine(premium)
        hasher.combine(flags)
    }
}
