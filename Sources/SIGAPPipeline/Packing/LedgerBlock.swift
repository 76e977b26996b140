import SIGAPDomain

/// Ledger lines made by reconciliation, packed: a 56-byte record per line (the NIK as a number,
/// months and money as numbers, positions of the values that repeat) and the name and KPJ in one
/// shared text. A `LedgerLine` of a block refers to its record and reads its fields from there, so
/// a month of a million lines takes about 100 MB instead of about 270 MB of boxes and strings.
///
/// Filled by one thread, then only read (it is handed to other threads only after it is filled).
final class LedgerBlock: @unchecked Sendable {
    struct Record {
        /// `UInt64.max` when the NIK is not 16 digits (it is then the first text).
        var nik: UInt64
        var premium: Int64
        /// Where the line's texts start: (the NIK,) the name, the KPJ.
        var textStart: Int
        /// `year * 12 + month - 1`.
        var month: Int32
        var forMonth: Int32
        var source: UInt32
        var place: UInt32
        var occupation: UInt32
        var reasonCode: UInt32
        var sources: UInt32
        var entry: UInt8
        var status: UInt8
        /// 0 when absent, else the position in `LedgerStatus.allCases`, plus 1.
        var previousStatus: UInt8
        /// One bit per `LedgerFlag.allCases` position.
        var flags: UInt8
    }

    /// Kecamatan code, kecamatan and kelurahan, which go together.
    struct Place: Hashable, Sendable {
        var kecamatanCode: String
        var kecamatan: String
        var kelurahan: String
    }

    private(set) var records: [Record] = []
    private var text = PackedText()
    private var strings = PackedValues<String>()
    private var places = PackedValues<Place>()
    private var sourceLists = PackedValues<[String]>()

    init(capacity: Int) {
        records.reserveCapacity(capacity)
        text.reserveCapacity(capacity * 32)
    }

    /// Adds a line; returns its position.
    func append(
        month: YearMonth, entry: LedgerEntryKind, forMonth: YearMonth, nik: String, name: String, source: String, sources: [String],
        kecamatanCode: String, kecamatan: String, kelurahan: String, occupation: String, kpj: String, status: LedgerStatus,
        previousStatus: LedgerStatus?, reasonCode: String, premium: Int, flags: [LedgerFlag]
    ) -> UInt32 {
        precondition(records.count < Int(UInt32.max), "too many ledger lines for one block")
        let number = AcknowledgementBook.value(of: nik)
        let textStart = text.count
        if number == nil { text.append(nik) }
        text.append(name)
        text.append(kpj)
        var flagBits: UInt8 = 0
        for flag in flags { flagBits |= 1 << UInt8(LedgerFlag.allCases.firstIndex(of: flag)!) }
        records.append(
            Record(
                nik: number ?? .max, premium: Int64(premium), textStart: textStart, month: Self.key(month), forMonth: Self.key(forMonth),
                source: strings.position(of: source),
                place: places.position(of: Place(kecamatanCode: kecamatanCode, kecamatan: kecamatan, kelurahan: kelurahan)),
                occupation: strings.position(of: occupation), reasonCode: strings.position(of: reasonCode),
                sources: sourceLists.position(of: sources), entry: entry == .regular ? 0 : 1,
                status: UInt8(LedgerStatus.allCases.firstIndex(of: status)!),
                previousStatus: previousStatus.map { UInt8(LedgerStatus.allCases.firstIndex(of: $0)! + 1) } ?? 0, flags: flagBits))
        return UInt32(records.count - 1)
    }

    /// Whether `flags` can be kept as bits and read back as they are (each at most once, in order).
    static func canPack(_ flags: [LedgerFlag]) -> Bool {
        zip(flags, flags.dropFirst()).allSatisfy { $0 < $1 }
    }

    // MARK: - Reading

    func month(at position: UInt32) -> YearMonth { Self.month(records[Int(position)].month) }
    func forMonth(at position: UInt32) -> YearMonth { Self.month(records[Int(position)].forMonth) }
    func entry(at position: UInt32) -> LedgerEntryKind { records[Int(position)].entry == 0 ? .regular : .adjustment }

    func nik(at position: UInt32) -> LedgerLine.NIKValue {
        let record = records[Int(position)]
        if record.nik != .max { return LedgerLine.NIKValue(number: record.nik) }
        return LedgerLine.NIKValue(text.read(from: record.textStart) { $0.next() ?? "" })
    }

    func name(at position: UInt32) -> String { texts(at: position).name }
    func kpj(at position: UInt32) -> String { texts(at: position).kpj }
    func source(at position: UInt32) -> String { strings[records[Int(position)].source] }
    func sources(at position: UInt32) -> [String] { sourceLists[records[Int(position)].sources] }
    func place(at position: UInt32) -> Place { places[records[Int(position)].place] }
    func occupation(at position: UInt32) -> String { strings[records[Int(position)].occupation] }
    func reasonCode(at position: UInt32) -> String { strings[records[Int(position)].reasonCode] }
    func premium(at position: UInt32) -> Int { Int(records[Int(position)].premium) }
    func status(at position: UInt32) -> LedgerStatus { LedgerStatus.allCases[Int(records[Int(position)].status)] }

    func previousStatus(at position: UInt32) -> LedgerStatus? {
        let value = records[Int(position)].previousStatus
        return value == 0 ? nil : LedgerStatus.allCases[Int(value) - 1]
    }

    func flags(at position: UInt32) -> [LedgerFlag] {
        let bits = records[Int(position)].flags
        guard bits != 0 else { return [] }
        return LedgerFlag.allCases.enumerated().filter { bits & (1 << UInt8($0.offset)) != 0 }.map(\.element)
    }

    private func texts(at position: UInt32) -> (name: String, kpj: String) {
        let record = records[Int(position)]
        return text.read(from: record.textStart) { texts in
            if record.nik == .max { _ = texts.next() }
            let name = texts.next() ?? ""
            return (name, texts.next() ?? "")
        }
    }

    private static func key(_ month: YearMonth) -> Int32 { Int32(month.year * 12 + month.month - 1) }
    private static func month(_ key: Int32) -> YearMonth { YearMonth(year: Int(key) / 12, month: Int(key) % 12 + 1)! }
}
