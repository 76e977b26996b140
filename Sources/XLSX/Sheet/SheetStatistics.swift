/// Counts of one worksheet: rows with at least one non-empty cell, and non-empty cells by type.
public struct SheetStatistics: Sendable, Hashable {
    public var rows = 0
    public var cells: [CellKind: Int] = [:]

    public init() {}

    public var totalCells: Int { cells.values.reduce(0, +) }

    public subscript(kind: CellKind) -> Int { cells[kind, default: 0] }
}
