import SIGAPDomain

/// A month's findings, packed one after another in one byte buffer: where the finding is (the month,
/// source, file and sheet, shared by the findings of one sheet), its row, cell, code, severity,
/// field and value, about 15 bytes for a warning on a row instead of about 150 as a `RosterFinding`
/// with its strings. A month whose million rows each carry a warning holds 15 MB of findings, not
/// a gigabyte of small objects. Read back in the order appended; counted by code as they come.
public struct FindingList: Sequence, Sendable, ExpressibleByArrayLiteral {
    private struct Place: Sendable {
        var month: YearMonth?
        var source: String
        var file: String
        var sheet: String?

        func isSame(as other: Place) -> Bool {
            month == other.month && source.hasSameBytes(as: other.source) && file.hasSameBytes(as: other.file)
                && (sheet == nil) == (other.sheet == nil) && (sheet.map { $0.hasSameBytes(as: other.sheet!) } ?? true)
        }
    }

    private var places: [Place] = []
    private var bytes = GrowingBuffer<UInt8>()
    /// How many findings there are.
    public private(set) var count = 0
    /// How many findings there are of each code.
    public private(set) var counts: [FindingCode: Int] = [:]

    public init() {}

    public init(_ findings: some Sequence<RosterFinding>) {
        append(contentsOf: findings)
    }

    public init(arrayLiteral findings: RosterFinding...) {
        self.init(findings)
    }

    public var isEmpty: Bool { count == 0 }

    /// The first finding appended.
    public var first: RosterFinding? {
        var iterator = makeIterator()
        return iterator.next()
    }

    public mutating func append(_ item: RosterFinding) {
        let place = Place(month: item.month, source: item.source, file: item.file, sheet: item.sheet)
        if places.last.map({ !$0.isSame(as: place) }) ?? true { places.append(place) }
        number(places.count - 1)
        number(item.row.map { $0 + 1 } ?? 0)
        text(item.cell)
        bytes.append(Self.codes[item.code]!)
        bytes.append(item.severity == .error ? 1 : 0)
        bytes.append(item.finding.field.map { Self.fields[$0]! + 1 } ?? 0)
        text(item.finding.value)
        count += 1
        counts[item.code, default: 0] += 1
    }

    public mutating func append(contentsOf findings: some Sequence<RosterFinding>) {
        for item in findings { append(item) }
    }

    /// Appends `other`'s findings; when this list is empty it becomes `other` (no copy).
    public mutating func append(contentsOf other: FindingList) {
        if isEmpty {
            self = other
        } else {
            for item in other { append(item) }
        }
    }

    public static func + (lhs: FindingList, rhs: FindingList) -> FindingList {
        var sum = lhs
        sum.append(contentsOf: rhs)
        return sum
    }

    public static func += (lhs: inout FindingList, rhs: FindingList) {
        lhs.append(contentsOf: rhs)
    }

    public static func += (lhs: inout FindingList, rhs: some Sequence<RosterFinding>) {
        lhs.append(contentsOf: rhs)
    }

    public func makeIterator() -> Iterator {
        Iterator(list: self)
    }

    public struct Iterator: IteratorProtocol {
        fileprivate let list: FindingList
        private var cursor = 0

        fileprivate init(list: FindingList) {
            self.list = list
        }

        public mutating func next() -> RosterFinding? {
            guard cursor < list.bytes.count else { return nil }
            return list.bytes.withUnsafeBufferPointer { bytes in
                var reader = Reader(bytes: bytes, cursor: cursor)
                defer { cursor = reader.cursor }
                let place = list.places[reader.number()]
                let row = reader.number()
                let cell = reader.text()
                let code = FindingList.allCodes[Int(reader.byte())]
                let severity: Severity = reader.byte() == 1 ? .error : .warning
                let field = Int(reader.byte())
                let value = reader.text()
                return RosterFinding(
                    month: place.month, source: place.source, file: place.file, sheet: place.sheet, row: row == 0 ? nil : row - 1,
                    cell: cell,
                    finding: Finding(
                        code: code, severity: severity, field: field == 0 ? nil : FindingList.allFields[field - 1], value: value))
            }
        }
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var cursor: Int

        mutating func byte() -> UInt8 {
            defer { cursor += 1 }
            return bytes[cursor]
        }

        mutating func number() -> Int {
            Int(VarInt.decode { cursor < bytes.count ? byte() : nil } ?? 0)
        }

        mutating func text() -> String? {
            let length = number()
            guard length > 0 else { return nil }
            defer { cursor += length - 1 }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[cursor..<(cursor + length - 1)]), as: UTF8.self)
        }
    }

    private mutating func number(_ value: Int) {
        VarInt.encode(UInt64(value)) { bytes.append($0) }
    }

    /// Its UTF-8 length plus 1 (0: absent), then its bytes.
    private mutating func text(_ value: String?) {
        number(value.map { $0.utf8.count + 1 } ?? 0)
        guard var value else { return }
        value.withUTF8 { bytes.append(contentsOf: $0) }
    }

    private static let allCodes = FindingCode.allCases.map { $0 }
    private static let codes = Dictionary(uniqueKeysWithValues: allCodes.enumerated().map { ($1, UInt8($0)) })
    private static let allFields = RosterField.allCases.map { $0 }
    private static let fields = Dictionary(uniqueKeysWithValues: allFields.enumerated().map { ($1, UInt8($0)) })
}
