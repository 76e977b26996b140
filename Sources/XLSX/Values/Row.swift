/// A row with at least one non-empty cell; cells in column order.
public struct Row: Sendable, Hashable {
    public var number: Int
    public var cells: [Cell]

    public init(number: Int, cells: [Cell]) {
        self.number = number
        self.cells = cells
    }

    /// The cell in `column`, if not empty.
    public subscript(column column: Int) -> Cell? {
        // Rows without gaps are the usual case: the cell of column n is the n-th.
        if column >= 1 && column <= cells.count && cells[column - 1].column == column { return cells[column - 1] }
        return cells.first { $0.column == column }
    }
}
