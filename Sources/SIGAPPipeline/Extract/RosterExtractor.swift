import XLSX

/// Turns a roster workbook into data rows (SPEC §4): every visible worksheet with a recognisable
/// header, the sub-label and numbering rows skipped, rows without NIK and name skipped, and the
/// footer after the last row holding a NIK ignored. Streams: only the first rows of a sheet (for
/// the header) and the rows since the last NIK-bearing row (for the footer) are held.
public struct RosterExtractor: Sendable {
    public var synonyms: HeaderSynonyms
    /// A source's pinned sheet name.
    public var pinnedSheet: String?
    /// A source's pinned header row.
    public var pinnedHeaderRow: Int?

    public init(synonyms: HeaderSynonyms = .standard, pinnedSheet: String? = nil, pinnedHeaderRow: Int? = nil) {
        self.synonyms = synonyms
        self.pinnedSheet = pinnedSheet
        self.pinnedHeaderRow = pinnedHeaderRow
    }

    /// The SHA-256 of what decides the rows it makes of a workbook (its synonyms and pins): a
    /// staged extraction holds for the same fingerprint only.
    var fingerprint: String {
        Fingerprint.sha256("\(synonyms.description)\nsheet \(pinnedSheet ?? "-")\nheader \(pinnedHeaderRow.map(String.init) ?? "-")")
    }

    /// Calls `body` with each data row, in input order (sheets in workbook order, rows top to
    /// bottom). Returns what happened to each sheet.
    public func extract(_ workbook: Workbook, _ body: (ExtractedRow) throws -> Void) throws -> [SheetOutcome] {
        var outcomes: [SheetOutcome] = []
        for sheet in workbook.sheets {
            if let pinnedSheet, sheet.name != pinnedSheet {
                outcomes.append(SheetOutcome(sheet: sheet, disposition: .notPinned))
            } else if sheet.kind != .worksheet {
                outcomes.append(SheetOutcome(sheet: sheet, disposition: .notWorksheet))
            } else if sheet.state != .visible && pinnedSheet == nil {
                outcomes.append(SheetOutcome(sheet: sheet, disposition: .hidden))
            } else {
                outcomes.append(try extract(sheet, of: workbook, body))
            }
        }
        return outcomes
    }

    private struct NoHeader: Error {}

    private func extract(_ sheet: SheetInfo, of workbook: Workbook, _ body: (ExtractedRow) throws -> Void) throws -> SheetOutcome {
        let detector = LayoutDetector(synonyms: synonyms, pinnedHeaderRow: pinnedHeaderRow)
        var outcome = SheetOutcome(sheet: sheet, disposition: .noHeader)
        var head: [Row] = []
        var layout: SheetLayout?
        var pending: [Row] = []
        var sawNIK = false

        // Rows after the last row holding a NIK wait here: they are data if a NIK row follows,
        // else the footer.
        func take(_ row: Row, _ layout: SheetLayout) throws {
            guard row.number >= layout.firstDataRow else { return }
            let nik = layout.column(.nik).flatMap { row[column: $0]?.value }
            if RosterValues.digitCount(nik) >= 10 {
                sawNIK = true
                try flushPending(layout)
                try emit(row, layout)
            } else {
                pending.append(row)
            }
        }

        func flushPending(_ layout: SheetLayout) throws {
            for row in pending {
                let nik = layout.column(.nik).flatMap { row[column: $0]?.value }
                let name = layout.column(.name).flatMap { row[column: $0]?.value }
                if nik == nil && name == nil {
                    outcome.emptyRowsSkipped += 1
                } else {
                    try emit(row, layout)
                }
            }
            pending.removeAll()
        }

        func emit(_ row: Row, _ layout: SheetLayout) throws {
            outcome.dataRows += 1
            try body(ExtractedRow(sheet: sheet.name, row: row, layout: layout))
        }

        func settle() throws -> SheetLayout {
            guard let found = detector.detect(head) else { throw NoHeader() }
            layout = found
            outcome.disposition = .read(found)
            for row in head { try take(row, found) }
            head.removeAll()
            return found
        }

        do {
            try workbook.reader(for: sheet).forEachRow { row in
                if let layout {
                    try take(row, layout)
                } else if row.number <= detector.rowsNeeded {
                    head.append(row)
                } else {
                    try take(row, try settle())
                }
            }
            if layout == nil { _ = try settle() }
        } catch is NoHeader {
            return SheetOutcome(sheet: sheet, disposition: .noHeader)
        }
        if sawNIK {
            outcome.footerRowsIgnored = pending.count
            outcome.footerStartRow = pending.first?.number
        } else if let layout {
            try flushPending(layout)
        }
        return outcome
    }
}
