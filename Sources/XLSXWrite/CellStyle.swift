/// How a written cell looks. Equal styles share one format in the workbook.
public struct CellStyle: Sendable, Hashable {
    public var bold = false
    public var wrap = false
    public var border = false
    public var centered = false
    /// Solid background, `0xRRGGBB`.
    public var fill: UInt32?
    public var fontColor: UInt32?
    /// An Excel number format (`dd/mm/yyyy`, `@`, `"Rp "#,##0`).
    public var numberFormat: String?

    /// The format date cells get when their style names none.
    public static let defaultDateFormat = "dd/mm/yyyy"

    public init(
        bold: Bool = false, wrap: Bool = false, border: Bool = false, centered: Bool = false, fill: UInt32? = nil,
        fontColor: UInt32? = nil, numberFormat: String? = nil
    ) {
        self.bold = bold
        self.wrap = wrap
        self.border = border
        self.centered = centered
        self.fill = fill
        self.fontColor = fontColor
        self.numberFormat = numberFormat
    }
}
