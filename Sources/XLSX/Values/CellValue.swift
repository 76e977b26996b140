/// The typed value of a non-empty cell.
public enum CellValue: Sendable, Hashable {
    /// Shared or inline string, a formula's string result, or non-numeric text in an untyped cell.
    case string(String)
    /// The exact IEEE double stored.
    case number(Double)
    case bool(Bool)
    /// Error text as stored (`#N/A`, `#SPILL!`, ...). A shared-string index out of range reads as
    /// `#REF!`.
    case error(String)
    /// A date-formatted number or `t="d"` text.
    case date(ExcelDateTime)
}
