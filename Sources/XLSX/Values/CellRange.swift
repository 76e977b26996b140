/// A rectangular range of cells, 1-based and inclusive: a merged range of a worksheet.
public struct CellRange: Sendable, Hashable, CustomStringConvertible {
    public var firstRow: Int
    public var firstColumn: Int
    public var lastRow: Int
    public var lastColumn: Int

    public init(firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int) {
        self.firstRow = firstRow
        self.firstColumn = firstColumn
        self.lastRow = lastRow
        self.lastColumn = lastColumn
    }

    public func contains(row: Int, column: Int) -> Bool {
        (firstRow...lastRow).contains(row) && (firstColumn...lastColumn).contains(column)
    }

    /// `A1:C2`.
    public var description: String {
        "\(CellReference.name(row: firstRow, column: firstColumn)):\(CellReference.name(row: lastRow, column: lastColumn))"
    }
}
