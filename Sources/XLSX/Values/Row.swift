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
        cells.first { $0.column == column }
    }
}
