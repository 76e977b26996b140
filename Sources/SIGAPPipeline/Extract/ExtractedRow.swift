import SIGAPDomain
import XLSX

/// One data row of a roster sheet: the row as sent, and where each field sits in it.
public struct ExtractedRow: Sendable {
    public var sheet: String
    /// The row as sent (every non-empty cell, not only the mapped ones).
    public var row: Row
    public var layout: SheetLayout

    public var number: Int { row.number }

    /// The value of a field's cell; nil when the column is missing or the cell empty.
    public func value(_ field: RosterField) -> CellValue? {
        layout.column(field).flatMap { row[column: $0]?.value }
    }

    /// The cell reference of a field (`C17`); nil when the sheet has no such column.
    public func reference(_ field: RosterField) -> String? {
        layout.column(field).map { CellReference.name(row: row.number, column: $0) }
    }
}
