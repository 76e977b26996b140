import XLSX

/// What the extractor did with one sheet of a roster workbook.
public struct SheetOutcome: Sendable, Hashable {
    public enum Disposition: Sendable, Hashable {
        /// Read with this layout.
        case read(SheetLayout)
        /// Hidden or very hidden: skipped (a manifest note).
        case hidden
        /// A chartsheet or other non-worksheet.
        case notWorksheet
        /// No header in the first 30 rows (a "Rekap" sheet): skipped with a note.
        case noHeader
        /// The source pins another sheet.
        case notPinned
    }

    public var sheet: SheetInfo
    public var disposition: Disposition
    /// Rows handed on as data.
    public var dataRows = 0
    /// Rows under the header with both the NIK and the name cell empty.
    public var emptyRowsSkipped = 0
    /// Rows after the last row whose NIK cell holds 10 or more digits.
    public var footerRowsIgnored = 0
    /// The first footer row, when there is a footer.
    public var footerStartRow: Int?

    public var layout: SheetLayout? {
        if case .read(let layout) = disposition { return layout }
        return nil
    }

    /// A one-line note for manifests and `inspect`, in English.
    public var note: String {
        switch disposition {
        case .read(let layout): "header at row \(layout.headerRow)"
        case .hidden: "skipped: the sheet is \(sheet.state.rawValue)"
        case .notWorksheet: "skipped: a \(sheet.kind.rawValue), not a worksheet"
        case .noHeader: "skipped: no header with NIK and name in the first \(LayoutDetector.searchRows) rows"
        case .notPinned: "skipped: the pipeline pins another sheet for this source"
        }
    }
}
