/// A value to write into a cell.
public enum CellContent: Sendable, Hashable {
    case text(String)
    case number(Double)
    /// A date cell (give it a style with a date number format).
    case date(year: Int, month: Int, day: Int)
    /// An empty cell that carries a style.
    case blank
}
