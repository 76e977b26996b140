import SIGAPDomain

/// Ledger lines made by reconciliation, packed: a 40-byte record per line (the NIK as a number,
/// months and money as numbers, positions of the values that repeat) and the name and KPJ in one
/// shared text. A `LedgerLine` of a block refers to its record and reads its fields from there, so
/// a month of a million lines takes about 100 MB instead of about 270 MB of boxes and strings.
///
/// Filled by one thread, then only read (it is handed to other threads only after it is filled).
final class LedgerBlock: @unchecked Sendable {
    struct Record {
        /// `UInt64.max` when the NIK is not 16 digits (it is then the first text).
        var nik: UInt64
        var premium: Int32
        /// Where the line's texts start: (the NIK,) the name, the KPJ.
        var textStart: UInt32
        /// `year * 12 + month - 1`.
        var month: Int32
        var forMonth: Int32
        /// Positions in the block's tables of repeated values.
        var source: UInt16
        var place: UInt16
        var occupation: UInt16
        var reasonCode: UInt16
        var sources: UInt16
        var entry: UInt8
        var status: UInt8
        /// 0 when absent, else the position in `LedgerStatus.allCases`, plus 1.
        var previousStatus: UInt8
        /// One bit per `LedgerFlag.allCases` position.
        var flags: UInt8
    }

    /// Kecamatan code, kecamatan and kelurahan, which go together.
    struct Place: SameBytes, Sendable {
        var kecamatanCode: String
        var kecamatan: String
        var kelurahan: String

        func hashBytes(into hasher: inout Hasher) {
            kecamatanCode.hashBytes(into: &hasher)
            kecamatan.hashBytes(into: &hasher)
            kelurahan.hashBytes(into: &hasher)
        }

        func hasSameBytes(as other: Place) -> Bool {
            kecamatanCode.hasSameBytes(as: other.kecamatanCode) && kecamatan.hasSameBytes(as: other.kecamatan)
                && kelurahan.hasSameBytes(as: other.kelurahan)
        }
    }

    private(set) var records: [Record] = []
    private var text = PackedText()
    private var strings = PackedValues<String>()
    private var places = PackedValues<Place>()
    private var sourceLists = PackedValues<[String]>()
    /// The last value looked up at each place `append` looks one up (source, occupation, reason
    /// code; the place; the source list) with its position: consecutive lines mostly repeat them,
    /// and comparing bytes is cheaper than hashing them.
    private var lastStrings: [(value: String, position: UInt32)?] = [nil, nil, nil]
    private var lastPlace: (value: Place, position: UInt32)?
    private var lastSources: (value: [String], position: UInt32)?

    init(capacity: Int) {
        records.reserveCapacity(capacity)
        text.reserveCapacity(capacity * 32)
    }

    /// Adds a line; returns its position, or nil when the block cannot hold it (flags out of order
    /// or repeated, a premium beyond 32 bits, more than 65,536 distinct values of a kind, 4 GB of
    /// text): such a line is made as a box instead.
    func append(
        month: YearMonth, entry: LedgerEntryKind, forMonth: YearMonth, nik: LedgerLine.NIKValue, name: String, source: String,
        sources: [String],
        kecamatanCode: String, kecamatan: String, kelurahan: String, occupation: String, kpj: String, status: LedgerStatus,
        previousStatus: LedgerStatus?, reasonCode: String, premium: Int, flags: [LedgerFlag]
    ) -> UInt32? {
        guard records.count < Int(UInt32.max - 1), text.count < Int(UInt32.max) - (1 << 20),
            Self.inOrder(flags), let premium = Int32(exactly: premium),
            let source = stringPosition(of: source, at: 0),
            let place = placePosition(of: Place(kecamatanCode: kecamatanCode, kecamatan: kecamatan, kelurahan: kelurahan)),
            let occupation = stringPosition(of: occupation, at: 1),
            let reasonCode = stringPosition(of: reasonCode, at: 2),
            let sources = sourceListPosition(of: sources)
        else { return nil }
        let number = nik.digits
        let textStart = text.count
        if number == nil { text.append(nik.text) }
        text.append(name)
        text.append(kpj)
        var flagBits: UInt8 = 0
        for flag in flags { flagBits |= 1 << UInt8(Self.flagBit(flag)) }
        records.append(
            Record(
                nik: number ?? .max, premium: premium, textStart: UInt32(textStart), month: Self.key(month), forMonth: Self.key(forMonth),
                source: UInt16(source), place: UInt16(place), occupation: UInt16(occupation), reasonCode: UInt16(reasonCode),
                sources: UInt16(sources), entry: entry == .regular ? 0 : 1, status: UInt8(LedgerStatus.allCases.firstIndex(of: status)!),
                previousStatus: previousStatus.map { UInt8(LedgerStatus.allCases.firstIndex(of: $0)! + 1) } ?? 0, flags: flagBits))
        return UInt32(records.count - 1)
    }

    private func stringPosition(of value: String, at slot: Int) -> UInt32? {
        if let last = lastStrings[slot], last.value.hasSameBytes(as: value) { return last.position }
        guard let position = strings.position(of: value, below: 1 << 16) else { return nil }
        lastStrings[slot] = (value, position)
        return position
    }

    private func placePosition(of value: Place) -> UInt32? {
        if let last = lastPlace, last.value.hasSameBytes(as: value) { return last.position }
        guard let position = places.position(of: value, below: 1 << 16) else { return nil }
        lastPlace = (value, position)
        return position
    }

    private func sourceListPosition(of value: [String]) -> UInt32? {
        if let last = lastSources, last.value.hasSameBytes(as: value) { return last.position }
        guard let position = sourceLists.position(of: value, below: 1 << 16) else { return nil }
        lastSources = (value, position)
        return position
    }

    /// Flags as bits: read back in `LedgerFlag.allCases` order, so only flags in that order, each
    /// at most once, are kept so.
    private static func inOrder(_ flags: [LedgerFlag]) -> Bool {
        zip(flags, flags.dropFirst()).allSatisfy { flagBit($0) < flagBit($1) }
    }

    private static func flagBit(_ flag: LedgerFlag) -> Int {
        precondition(LedgerFlag.allCases.count <= 8, "flags are kept in one byte")
        return LedgerFlag.allCases.firstIndex(of: flag)!
    }

    // MARK: - Reading

    func month(at position: UInt32) -> YearMonth { Self.month(records[Int(position)].month) }
    func forMonth(at position: UInt32) -> YearMonth { Self.month(records[Int(position)].forMonth) }
    func entry(at position: UInt32) -> LedgerEntryKind { records[Int(position)].entry == 0 ? .regular : .adjustment }

    func nik(at position: UInt32) -> LedgerLine.NIKValue {
        let record = records[Int(position)]
        if record.nik != .max { return LedgerLine.NIKValue(number: record.nik) }
        return LedgerLine.NIKValue(text.read(from: Int(record.textStart)) { $0.next() ?? "" })
    }

    func name(at position: UInt32) -> String { text(at: position, skipping: 0) }
    func kpj(at position: UInt32) -> String { text(at: position, skipping: 1) }
    func source(at position: UInt32) -> String { strings[UInt32(records[Int(position)].source)] }
    func sources(at position: UInt32) -> [String] { sourceLists[UInt32(records[Int(position)].sources)] }
    func place(at position: UInt32) -> Place { places[UInt32(records[Int(position)].place)] }
    func occupation(at position: UInt32) -> String { strings[UInt32(records[Int(position)].occupation)] }
    func reasonCode(at position: UInt32) -> String { strings[UInt32(records[Int(position)].reasonCode)] }
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

    /// The line's name (`skipping` 0) or KPJ (1), without making the other.
    private func text(at position: UInt32, skipping count: Int) -> String {
        let record = records[Int(position)]
        return text.read(from: Int(record.textStart)) { texts in
            if record.nik == .max { texts.skip() }
            for _ in 0..<count { texts.skip() }
            return texts.next() ?? ""
        }
    }

    private static func key(_ month: YearMonth) -> Int32 { Int32(month.year * 12 + month.month - 1) }
    private static func month(_ key: Int32) -> YearMonth { YearMonth(year: Int(key) / 12, month: Int(key) % 12 + 1)! }
}
