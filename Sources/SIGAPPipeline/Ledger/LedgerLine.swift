import SIGAPDomain

/// One line of a month's ledger (SPEC §8.5 `ledger.csv`). Money is integer rupiah.
///
/// A value type whose fields live in one shared, copy-on-write box: a month holds up to a million
/// lines, and sorting, filtering and passing them around then moves one reference per line instead
/// of retaining a dozen strings.
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

        static func < (left: NIKValue, right: NIKValue) -> Bool {
            if left.other == nil && right.other == nil { return left.number < right.number }
            return left.text < right.text
        }
    }

    private var storage: Storage

    /// The box, made unique before a write.
    private var writable: Storage {
        mutating get {
            if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
            return storage
        }
    }

    /// The month whose ledger holds the line.
    public var month: YearMonth {
        get { storage.month }
        set { writable.month = newValue }
    }

    public var entry: LedgerEntryKind {
        get { storage.entry }
        set { writable.entry = newValue }
    }

    /// The month the line is about: `month` for REGULAR lines, the closed month for ADJUSTMENT.
    public var forMonth: YearMonth {
        get { storage.forMonth }
        set { writable.forMonth = newValue }
    }

    /// Full NIK (the ledger is as sensitive as the rosters).
    public var nik: String {
        get { storage.nik.text }
        set { writable.nik = NIKValue(newValue) }
    }

    /// Upper-case, titles kept.
    public var name: String {
        get { storage.name }
        set { writable.name = newValue }
    }

    /// Owner source; empty on UNEXPECTED lines.
    public var source: String {
        get { storage.source }
        set { writable.source = newValue }
    }

    /// Every source listing the NIK, pipeline order.
    public var sources: [String] {
        get { storage.sources }
        set { writable.sources = newValue }
    }

    public var kecamatanCode: String {
        get { storage.kecamatanCode }
        set { writable.kecamatanCode = newValue }
    }

    public var kecamatan: String {
        get { storage.kecamatan }
        set { writable.kecamatan = newValue }
    }

    public var kelurahan: String {
        get { storage.kelurahan }
        set { writable.kelurahan = newValue }
    }

    public var occupation: String {
        get { storage.occupation }
        set { writable.occupation = newValue }
    }

    public var kpj: String {
        get { storage.kpj }
        set { writable.kpj = newValue }
    }

    public var status: LedgerStatus {
        get { storage.status }
        set { writable.status = newValue }
    }

    /// Only on ADJUSTMENT lines.
    public var previousStatus: LedgerStatus? {
        get { storage.previousStatus }
        set { writable.previousStatus = newValue }
    }

    /// The rejection reason code (REJECTED lines).
    public var reasonCode: String {
        get { storage.reasonCode }
        set { writable.reasonCode = newValue }
    }

    /// Rupiah: the premium due (REGULAR) or the difference (ADJUSTMENT; negative to reclaim).
    public var premium: Int {
        get { storage.premium }
        set { writable.premium = newValue }
    }

    public var flags: [LedgerFlag] {
        get { storage.flags }
        set { writable.flags = newValue }
    }

    /// The NIK in the form lines are ordered and compared by (no string made).
    var nikKey: NIKValue { storage.nik }

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

    public static func == (lhs: LedgerLine, rhs: LedgerLine) -> Bool {
        if lhs.storage === rhs.storage { return true }
        let a = lhs.storage, b = rhs.storage
        return a.month == b.month
            && a.entry == b.entry
            && a.forMonth == b.forMonth
            && a.nik == b.nik
            && a.name == b.name
            && a.source == b.source
            && a.sources == b.sources
            && a.kecamatanCode == b.kecamatanCode
            && a.kecamatan == b.kecamatan
            && a.kelurahan == b.kelurahan
            && a.occupation == b.occupation
            && a.kpj == b.kpj
            && a.status == b.status
            && a.previousStatus == b.previousStatus
            && a.reasonCode == b.reasonCode
            && a.premium == b.premium
            && a.flags == b.flags
    }

    public func hash(into hasher: inout Hasher) {
        let fields = storage
        hasher.combine(fields.month)
        hasher.combine(fields.entry)
        hasher.combine(fields.forMonth)
        hasher.combine(fields.nik)
        hasher.combine(fields.name)
        hasher.combine(fields.source)
        hasher.combine(fields.sources)
        hasher.combine(fields.kecamatanCode)
        hasher.combine(fields.kecamatan)
        hasher.combine(fields.kelurahan)
        hasher.combine(fields.occupation)
        hasher.combine(fields.kpj)
        hasher.combine(fields.status)
        hasher.combine(fields.previousStatus)
        hasher.combine(fields.reasonCode)
        hasher.combine(fields.premium)
        hasher.combine(fields.flags)
    }
}
