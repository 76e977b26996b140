import SIGAPDomain
import XLSX

/// Where a roster sheet's header is and which column holds which field.
public struct SheetLayout: Sendable, Hashable {
    /// The row holding the NIK and name labels.
    public var headerRow: Int
    /// The row of sub-labels under merged header cells (`TEMPAT` | `TANGGAL`), if any.
    public var subLabelRow: Int?
    /// The column numbering row (1, 2, 3, ...) under the header, if any.
    public var numberingRow: Int?
    /// Field → 1-based column.
    public var columns: [RosterField: Int] {
        didSet { columnByOrdinal = Self.table(columns) }
    }
    /// `columns` as a table by `RosterField.ordinal` (0: no column), read for every cell.
    private var columnByOrdinal: [Int]
    /// Column → the label as sent (the sub-label where there is one).
    public var labels: [Int: String]

    /// The first row that may hold data.
    public var firstDataRow: Int {
        max(headerRow, subLabelRow ?? 0, numberingRow ?? 0) + 1
    }

    public init(headerRow: Int, subLabelRow: Int? = nil, numberingRow: Int? = nil, columns: [RosterField: Int], labels: [Int: String]) {
        self.headerRow = headerRow
        self.subLabelRow = subLabelRow
        self.numberingRow = numberingRow
        self.columns = columns
        self.labels = labels
        columnByOrdinal = Self.table(columns)
    }

    public func column(_ field: RosterField) -> Int? {
        let column = columnByOrdinal[field.ordinal]
        return column == 0 ? nil : column
    }

    private static func table(_ columns: [RosterField: Int]) -> [Int] {
        var table = [Int](repeating: 0, count: RosterField.allCases.count)
        for (field, column) in columns { table[field.ordinal] = column }
        return table
    }
}
