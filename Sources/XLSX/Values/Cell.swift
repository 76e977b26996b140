/// A non-empty cell: its position (1-based) and value.
public struct Cell: Sendable, Hashable {
    public var row: Int
    public var column: Int
    public var value: CellValue
    /// Whether the cell holds a formula (the value is its cached result).
    public var hasFormula: Bool
    /// The cell format index (`s`); 0 when absent or out of range.
    public var style: Int

    public init(row: Int, column: Int, value: CellValue, hasFormula: Bool = false, style: Int = 0) {
        self.row = row
        self.column = column
        self.value = value
        self.hasFormula = hasFormula
        self.style = style
    }

    /// `B12`, as Excel shows it.
    public var reference: String { CellReference.name(row: row, column: column) }

    /// `B`.
    public var columnName: String { CellReference.columnName(column) }
}
