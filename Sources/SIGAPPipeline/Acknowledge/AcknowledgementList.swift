import SIGAPDomain

/// Valid acknowledgements in input order, stored compactly: a fixed 56-byte record per row (NIK,
/// KPJ, period and premium as numbers) and one shared buffer for the names and reason texts. A
/// million rows take about 56 MB plus their text; `Acknowledgement` values are built on access.
public struct AcknowledgementList: RandomAccessCollection, Sendable {
    /// Where rows came from: a file (and sheet) and the inbox month it arrived in.
    struct Origin: Sendable, Hashable {
        var file: String
        var received: YearMonth
        var sheet: String?
    }

    struct Record: Sendable {
        var nik: UInt64
        /// `UInt64.max` when absent.
        var kpj: UInt64
        /// `Int64.min` when absent.
        var premium: Int64
        /// The name, then the reason text, in `text`.
        var textStart: Int
        var nameLength: UInt32
        var reasonLength: UInt32
        var row: UInt32
        var origin: UInt32
        /// `year * 12 + month - 1`.
        var period: UInt32
        /// Bit 0: rejected. Bits 1-3: the index of the rejection reason in `RejectionReason.allCases`, plus 1.
        var flags: UInt8
    }

    private(set) var records: [Record] = []
    private(set) var text: [UInt8] = []
    private(set) var origins: [Origin] = []

    public init() {}

    /// A list of these parts as they are (`AcknowledgementList+Staging`).
    init(records: [Record], text: [UInt8], origins: [Origin]) {
        self.records = records
        self.text = text
        self.origins = origins
    }

    /// The premium periods the rows are for.
    var periods: Set<YearMonth> {
        Set(Set(records.lazy.map(\.period)).map(Self.month))
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { records.count }

    public subscript(position: Int) -> Acknowledgement {
        let record = records[position]
        let origin = origins[Int(record.origin)]
        let nameEnd = record.textStart + Int(record.nameLength)
        let reasonEnd = nameEnd + Int(record.reasonLength)
        let reasonIndex = Int(record.flags >> 1)
        return Acknowledgement(
            nik: AcknowledgementValues.digits(record.nik, width: 16),
            period: Self.month(record.period),
            name: record.nameLength == 0 ? nil : String(decoding: text[record.textStart..<nameEnd], as: UTF8.self),
            kpj: record.kpj == .max ? nil : AcknowledgementValues.digits(record.kpj, width: 11),
            status: record.flags & 1 == 0 ? .accepted : .rejected,
            reasonCode: reasonIndex == 0 ? nil : RejectionReason.allCases[reasonIndex - 1].rawValue,
            reasonText: record.reasonLength == 0 ? nil : String(decoding: text[nameEnd..<reasonEnd], as: UTF8.self),
            premium: record.premium == .min ? nil : Int(record.premium),
            file: origin.file, received: origin.received, sheet: origin.sheet, row: Int(record.row), order: position)
    }

    /// What reconciliation needs of row `position`, built without the rest (`nik` is its NIK, which
    /// the caller already holds).
    func reconcileAck(at position: Int, nik: LedgerLine.NIKValue) -> ReconcileAck {
        let record = records[position]
        let nameEnd = record.textStart + Int(record.nameLength)
        let reasonIndex = Int(record.flags >> 1)
        return ReconcileAck(
            nikKey: nik, accepted: record.flags & 1 == 0,
            name: record.nameLength == 0 ? nil : String(decoding: text[record.textStart..<nameEnd], as: UTF8.self),
            kpj: record.kpj == .max ? nil : AcknowledgementValues.digits(record.kpj, width: 11),
            reasonCode: reasonIndex == 0 ? nil : RejectionReason.allCases[reasonIndex - 1].rawValue,
            premium: record.premium == .min ? nil : Int(record.premium),
            // The text only for a rejection (few): an acceptance has none worth a string.
            reasonText: record.flags & 1 == 0 || record.reasonLength == 0
                ? nil : String(decoding: text[nameEnd..<(nameEnd + Int(record.reasonLength))], as: UTF8.self))
    }

    // MARK: - Building

    /// Registers where the next rows come from; returns the origin's index.
    mutating func addOrigin(file: String, received: YearMonth, sheet: String?) -> UInt32 {
        origins.append(Origin(file: file, received: received, sheet: sheet))
        return UInt32(origins.count - 1)
    }

    /// Appends one row. `name` and `reason` are UTF-8 (already trimmed; empty for none).
    mutating func append(
        nik: UInt64, period: YearMonth, name: UnsafeBufferPointer<UInt8>, kpj: UInt64?,
        status: Acknowledgement.Status, reason: RejectionReason?, reasonText: UnsafeBufferPointer<UInt8>,
        premium: Int?, row: Int, origin: UInt32
    ) {
        let start = text.count
        let nameLength = Swift.min(name.count, Int(UInt32.max))
        let reasonLength = Swift.min(reasonText.count, Int(UInt32.max))
        text.append(contentsOf: UnsafeBufferPointer(rebasing: name[0..<nameLength]))
        text.append(contentsOf: UnsafeBufferPointer(rebasing: reasonText[0..<reasonLength]))
        var flags: UInt8 = status == .rejected ? 1 : 0
        if let reason, let index = RejectionReason.allCases.firstIndex(of: reason) {
            flags |= UInt8(index + 1) << 1
        }
        records.append(
            Record(
                nik: nik, kpj: kpj ?? .max, premium: premium.map(Int64.init) ?? .min, textStart: start,
                nameLength: UInt32(nameLength), reasonLength: UInt32(reasonLength), row: UInt32(clamping: row),
                origin: origin, period: Self.key(period), flags: flags))
    }

    /// Appends every row of `other` after these, in its order.
    mutating func append(contentsOf other: AcknowledgementList) {
        if records.isEmpty && origins.isEmpty {
            self = other  // shares the storage: nothing is copied
            return
        }
        let originOffset = UInt32(origins.count)
        let textOffset = text.count
        origins.append(contentsOf: other.origins)
        text.append(contentsOf: other.text)
        // No exact reservation: a book appended file by file grows geometrically, not quadratically.
        for var record in other.records {
            record.origin += originOffset
            record.textStart += textOffset
            records.append(record)
        }
    }

    // MARK: - Compact access (for the book)

    func nik(at position: Int) -> UInt64 { records[position].nik }
    func periodKey(at position: Int) -> UInt32 { records[position].period }
    func isAccepted(at position: Int) -> Bool { records[position].flags & 1 == 0 }

    static func key(_ month: YearMonth) -> UInt32 {
        UInt32(month.year * 12 + month.month - 1)
    }

    static func month(_ key: UInt32) -> YearMonth {
        YearMonth(year: Int(key) / 12, month: Int(key) % 12 + 1)!
    }
}
