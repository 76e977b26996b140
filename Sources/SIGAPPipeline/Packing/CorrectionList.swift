import SIGAPDomain
import XLSX

/// The rows of one source's month that go to its correction workbook, packed: each row as sent in
/// the bytes a staged extraction uses, in a `ByteSpool` (beyond a few megabytes, a temporary file),
/// its findings in a `FindingList`. A month whose million rows each need a correction keeps their
/// findings in memory (about 20 bytes each) and the rows on disk, not a million arrays of values and
/// findings. Rows are grouped by the file and sheet they come from (a sheet of the workbook each),
/// in the order the groups first appear.
///
/// A sheet of the workbook shows at most `limit` rows (100,000, as `ledger.xlsx`): every row with
/// an error first (up to the limit), then rows with warnings only, in the order sent, until the
/// limit. Every row is counted (`count`, `errors`, `findingCounts`, each group's `rows`), but rows a
/// sheet will not show are not kept: `findings.csv` has every finding of every row.
public struct CorrectionList: Sequence, Sendable, ExpressibleByArrayLiteral {
    /// The rows of one file and sheet.
    public struct Group: Sendable {
        public var file: String
        public var sheet: String
        public var layout: SheetLayout
        /// The right-most column of the header or of any of the group's rows.
        public var lastColumn: Int
        /// How many of its rows have findings, shown or not.
        public var rows = 0
        /// How many of them carry an error.
        public var errorRows = 0
        /// How many rows with errors, and with warnings only, are kept to be shown.
        fileprivate var keptErrors = 0
        fileprivate var keptWarnings = 0
    }

    /// The most rows a sheet shows (`LedgerWorkbook.maxTableRows`).
    public static let sheetLimit = LedgerWorkbook.maxTableRows

    public private(set) var groups: [Group] = []
    /// The most rows the sheet of one file and sheet shows.
    public let limit: Int
    private var bytes = ByteSpool()
    private var findings = FindingList()
    /// How many rows there are, shown or not.
    public var count: Int { groups.reduce(0) { $0 + $1.rows } }
    /// How many of them carry an error (and were quarantined).
    public var errors: Int { groups.reduce(0) { $0 + $1.errorRows } }
    /// What the rows not kept carry, by finding code.
    private var omittedCounts: [FindingCode: Int] = [:]

    public init() { limit = Self.sheetLimit }

    /// An empty list whose rows beyond a few megabytes go to a file in `folder`.
    init(spoolingIn folder: String, limit: Int = Self.sheetLimit) {
        self.limit = limit
        bytes = ByteSpool(folder: folder)
    }

    /// How many bytes of the rows are in the spool's file, not in memory.
    var spilled: Int { bytes.spilled }

    public init(_ entries: some Sequence<CorrectionWorkbook.Entry>, limit: Int = Self.sheetLimit) {
        self.limit = limit
        for entry in entries { append(entry) }
    }

    public init(arrayLiteral entries: CorrectionWorkbook.Entry...) {
        self.init(entries)
    }

    public var isEmpty: Bool { groups.isEmpty }

    /// How many findings of each code the rows carry (every row, shown or not).
    public var findingCounts: [FindingCode: Int] { findings.counts.merging(omittedCounts, uniquingKeysWith: +) }

    /// How many rows the sheet of `group` shows: all of them up to `limit`.
    public func shown(_ group: Group) -> Int { Swift.min(group.rows, limit) }

    /// How many rows the sheets do not show, all groups together.
    public var omitted: Int { groups.reduce(0) { $0 + $1.rows - shown($1) } }

    /// How many rows with warnings only the sheet of `group` shows: what its rows with errors leave
    /// of the limit.
    fileprivate func shownWarnings(_ group: Group) -> Int {
        Swift.min(group.rows - group.errorRows, limit - Swift.min(group.errorRows, limit))
    }

    public mutating func append(_ entry: CorrectionWorkbook.Entry) {
        append(file: entry.file, sheet: entry.sheet, layout: entry.layout, row: entry.row, findings: entry.findings)
    }

    public mutating func append(file: String, sheet: String, layout: SheetLayout, row: Row, findings rowFindings: [RosterFinding]) {
        let group: Int
        if let last = groups.indices.last, groups[last].file.hasSameBytes(as: file), groups[last].sheet.hasSameBytes(as: sheet) {
            group = last
        } else if let known = groups.firstIndex(where: { $0.file == file && $0.sheet == sheet }) {
            group = known
        } else {
            groups.append(Group(file: file, sheet: sheet, layout: layout, lastColumn: Swift.max(1, layout.labels.keys.max() ?? 1)))
            group = groups.count - 1
        }
        let error = Self.hasError(rowFindings)
        groups[group].rows += 1
        if error { groups[group].errorRows += 1 }
        // Kept while its kind has room in the sheet: the rows with errors that come later may still
        // push a kept row with warnings only out (`shownWarnings`).
        guard error ? groups[group].keptErrors < limit : groups[group].keptWarnings < limit else {
            for item in rowFindings { omittedCounts[item.code, default: 0] += 1 }
            return
        }
        if error { groups[group].keptErrors += 1 } else { groups[group].keptWarnings += 1 }
        groups[group].lastColumn = Swift.max(groups[group].lastColumn, row.cells.last?.column ?? 1)
        var packed: [UInt8] = []
        StagedRoster.encode(row, layout: group, into: &packed)
        if !isKnownUniquelyReferenced(&bytes) { bytes = bytes.copy() }
        VarInt.encode(UInt64(packed.count)) { bytes.append($0) }
        VarInt.encode(UInt64(rowFindings.count)) { bytes.append($0) }
        packed.withUnsafeBufferPointer { bytes.append(contentsOf: $0) }
        findings.append(contentsOf: rowFindings)
    }

    /// Whether a row with these findings carries an error (and was quarantined).
    private static func hasError(_ findings: [RosterFinding]) -> Bool {
        findings.contains { $0.severity == .error }
    }

    public func makeIterator() -> Iterator {
        Iterator(list: self)
    }

    /// The rows the sheets show, in the order sent, with their group's position.
    public struct Iterator: IteratorProtocol {
        private let list: CorrectionList
        private var bytes: ByteSpool.Reader
        private var findings: FindingList.Iterator
        /// Per group, how many more rows with warnings only its sheet shows.
        private var warningsLeft: [Int]

        fileprivate init(list: CorrectionList) {
            self.list = list
            bytes = ByteSpool.Reader(list.bytes)
            findings = list.findings.makeIterator()
            warningsLeft = list.groups.map(list.shownWarnings)
        }

        public mutating func next() -> CorrectionWorkbook.Entry? {
            while let entry = nextKept() {
                if CorrectionList.hasError(entry.findings) { return entry }
                guard warningsLeft[entry.group] > 0 else { continue }
                warningsLeft[entry.group] -= 1
                return entry
            }
            return nil
        }

        /// The next row kept, shown or not.
        private mutating func nextKept() -> CorrectionWorkbook.Entry? {
            guard !bytes.isAtEnd else { return nil }
            let length = Int(VarInt.decode { bytes.byte() } ?? 0)
            let findingCount = Int(VarInt.decode { bytes.byte() } ?? 0)
            var reader = ByteReader(bytes: bytes.bytes(length))
            // Bytes this list wrote itself: a row that does not decode is a bug, never skipped quietly.
            guard let (row, group) = StagedRoster.decode(&reader) else { preconditionFailure("a packed correction row does not decode") }
            var rowFindings: [RosterFinding] = []
            rowFindings.reserveCapacity(findingCount)
            for _ in 0..<findingCount {
                guard let item = findings.next() else { break }
                rowFindings.append(item)
            }
            let origin = list.groups[group]
            return CorrectionWorkbook.Entry(
                file: origin.file, sheet: origin.sheet, layout: origin.layout, row: row, findings: rowFindings, group: group)
        }
    }
}
