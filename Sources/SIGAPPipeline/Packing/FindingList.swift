import SIGAPDomain

/// A month's findings, packed as the month's roster rows are (`RosterEntryList`): a 16-byte record
/// a finding (where it is: the month, source, file and sheet, shared by the findings of one sheet;
/// its row, code, severity and field) and its cell and value in one shared `PackedText`. About 20
/// bytes for a warning on a row instead of about 150 as a `RosterFinding` with its strings: a month
/// whose million rows each carry a warning holds 20 MB of findings, not a gigabyte of small
/// objects. Counted by code as they come.
public struct FindingList: RandomAccessCollection, Sendable, ExpressibleByArrayLiteral {
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

    private struct Record: Sendable {
        var place: UInt32
        /// The row plus 1 (0: none).
        var row: UInt32
        /// Where the cell and the value start in `text`.
        var textStart: UInt32
        var code: UInt8
        /// 1 for an error, 0 for a warning.
        var severity: UInt8
        /// The position in `RosterField.allCases` plus 1 (0: none).
        var field: UInt8
    }

    private var places: [Place] = []
    private var records = GrowingBuffer<Record>()
    private var text = PackedText()
    /// How many findings there are of each code.
    public private(set) var counts: [FindingCode: Int] = [:]

    public init() {}

    public init(_ findings: some Sequence<RosterFinding>) {
        append(contentsOf: findings)
    }

    public init(arrayLiteral findings: RosterFinding...) {
        self.init(findings)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { records.count }

    public subscript(position: Int) -> RosterFinding {
        let record = records[position]
        let place = places[Int(record.place)]
        let (cell, value) = text.read(from: Int(record.textStart)) { texts in (texts.next(), texts.next()) }
        return RosterFinding(
            month: place.month, source: place.source, file: place.file, sheet: place.sheet,
            row: record.row == 0 ? nil : Int(record.row) - 1,
            cell: cell,
            finding: Finding(
                code: Self.allCodes[Int(record.code)], severity: record.severity == 1 ? .error : .warning,
                field: record.field == 0 ? nil : Self.allFields[Int(record.field) - 1], value: value))
    }

    public mutating func append(_ item: RosterFinding) {
        let place = Place(month: item.month, source: item.source, file: item.file, sheet: item.sheet)
        if places.last.map({ !$0.isSame(as: place) }) ?? true { places.append(place) }
        precondition(text.count < Int(UInt32.max) && (item.row ?? 0) < Int(UInt32.max), "finding out of range")
        records.append(
            Record(
                place: UInt32(places.count - 1), row: item.row.map { UInt32($0 + 1) } ?? 0, textStart: UInt32(text.count),
                code: Self.codes[item.code]!, severity: item.severity == .error ? 1 : 0,
                field: item.finding.field.map { Self.fields[$0]! + 1 } ?? 0))
        text.append(item.cell)
        text.append(item.finding.value)
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

    private static let allCodes = FindingCode.allCases.map { $0 }
    private static let codes = Dictionary(uniqueKeysWithValues: allCodes.enumerated().map { ($1, UInt8($0)) })
    private static let allFields = RosterField.allCases.map { $0 }
    private static let fields = Dictionary(uniqueKeysWithValues: allFields.enumerated().map { ($1, UInt8($0)) })
}
