/// The NIK cell of a row as the reader found it.
public enum NIKInput: Hashable, Sendable {
    /// No value (or no NIK column).
    case empty
    /// A text cell (or a CSV field).
    case text(String)
    /// A numeric cell: Excel keeps 15 significant digits, so a 16-digit NIK may have lost its last.
    case number(Double)

    /// The value as found, for findings and correction workbooks (nil when empty). A number is
    /// written in full decimal digits when it is a whole number, never in scientific notation.
    public var originalText: String? {
        switch self {
        case .empty:
            return nil
        case .text(let text):
            return text
        case .number(let value):
            if value.isFinite, value == value.rounded(.towardZero), abs(value) < 1e18 {
                return String(Int64(value))
            }
            return String(value)
        }
    }
}
