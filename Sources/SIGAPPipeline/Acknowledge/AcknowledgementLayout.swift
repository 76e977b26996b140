/// Where an acknowledgement sheet or CSV file has its header and which column holds which field.
public struct AcknowledgementLayout: Sendable, Hashable {
    /// The header is looked for in rows (CSV: records) 1 to this.
    public static let searchRows = 30

    /// The header row (CSV: its record number).
    public var headerRow: Int
    /// Field → 1-based column (`A` = 1). Always holds `.nik` and `.period`.
    public var columns: [AcknowledgementField: Int]

    /// The layout when the labels (1-based column, text) hold a NIK synonym and a period synonym
    /// (SPEC §14); the leftmost cell naming a field wins. Nil otherwise.
    public init?(headerRow: Int, labels: [(column: Int, text: String)]) {
        var columns: [AcknowledgementField: Int] = [:]
        for (column, text) in labels {
            guard let field = AcknowledgementField.named(text) else { continue }
            if columns[field] == nil || columns[field]! > column { columns[field] = column }
        }
        guard columns[.nik] != nil, columns[.period] != nil else { return nil }
        self.headerRow = headerRow
        self.columns = columns
    }
}
