import Foundation
import SIGAPDomain
import XLSX

/// Finds a roster sheet's header (SPEC §4, §14): within the first 30 rows, the first row with a
/// cell naming the NIK and a cell naming the name; then sub-labels under merged header cells, then
/// a column numbering row.
public struct LayoutDetector: Sendable {
    /// The header is looked for in rows 1 to this.
    public static let searchRows = 30

    public var synonyms: HeaderSynonyms
    /// A source's pinned header row, when the pipeline sets one.
    public var pinnedHeaderRow: Int?

    public init(synonyms: HeaderSynonyms = .standard, pinnedHeaderRow: Int? = nil) {
        self.synonyms = synonyms
        self.pinnedHeaderRow = pinnedHeaderRow
    }

    /// The rows the detector needs to see: up to the last row that can be a header, plus two (the
    /// sub-label and numbering rows).
    public var rowsNeeded: Int { (pinnedHeaderRow ?? Self.searchRows) + 2 }

    /// The layout, given the sheet's first rows (`rowsNeeded` of them at most); nil when no header.
    public func detect(_ rows: [Row]) -> SheetLayout? {
        let candidates = rows.filter { row in
            pinnedHeaderRow.map { row.number == $0 } ?? (row.number <= Self.searchRows)
        }
        for row in candidates {
            let columns = mapping(of: row)
            guard columns[.nik] != nil, columns[.name] != nil else { continue }
            var layout = SheetLayout(headerRow: row.number, columns: columns, labels: labels(of: row))
            var next = rows.first { $0.number == row.number + 1 }
            if let below = next, applySubLabels(below, under: row, to: &layout) {
                layout.subLabelRow = below.number
                next = rows.first { $0.number == below.number + 1 }
            }
            if let below = next, Self.isNumberingRow(below) {
                layout.numberingRow = below.number
            }
            return layout
        }
        return nil
    }

    /// Field → column for the cells of a row whose whole text is a synonym (the leftmost wins).
    func mapping(of row: Row) -> [RosterField: Int] {
        var columns: [RosterField: Int] = [:]
        for cell in row.cells {
            guard case .string(let text) = cell.value, let field = synonyms.column(for: text) else { continue }
            if columns[field] == nil { columns[field] = cell.column }
        }
        return columns
    }

    private func labels(of row: Row) -> [Int: String] {
        var labels: [Int: String] = [:]
        for cell in row.cells {
            if case .string(let text) = cell.value { labels[cell.column] = text }
        }
        return labels
    }

    /// Sub-labels: text cells of the row below the header that name a field on their own or
    /// followed by the last word of the header label above them (the merged parent sits at the
    /// nearest non-empty header cell at or left of the column). A row holding a NIK is data, never
    /// sub-labels.
    private func applySubLabels(_ below: Row, under header: Row, to layout: inout SheetLayout) -> Bool {
        if let nikColumn = layout.columns[.nik], let cell = below[column: nikColumn],
            RosterValues.digitCount(cell.value) >= 10
        {
            return false
        }
        var found: [(column: Int, field: RosterField, label: String)] = []
        for cell in below.cells {
            guard case .string(let text) = cell.value else { continue }
            if let field = synonyms.column(for: text) {
                found.append((cell.column, field, text))
                continue
            }
            let parent = header.cells.last { $0.column <= cell.column }
            guard case .string(let parentText)? = parent?.value,
                let lastWord = HeaderText.normalized(parentText).split(separator: " ").last,
                let field = synonyms.column(for: "\(text) \(lastWord)")
            else { continue }
            found.append((cell.column, field, text))
        }
        guard !found.isEmpty else { return false }
        for item in found {
            // A parent field whose column now carries a sub-label gives way to it.
            for (field, column) in layout.columns where column == item.column {
                layout.columns[field] = nil
            }
            layout.columns[item.field] = item.column
            layout.labels[item.column] = item.label
        }
        return true
    }

    /// Non-empty cells that read 1, 2, 3, ... in column order (numbers or digit text), at least two.
    static func isNumberingRow(_ row: Row) -> Bool {
        guard row.cells.count >= 2 else { return false }
        for (position, cell) in row.cells.enumerated() {
            let expected = Double(position + 1)
            switch cell.value {
            case .number(let number) where number == expected: continue
            case .string(let text)
            where Double(text.trimmingCharacters(in: .whitespaces)) == expected
                && text.allSatisfy({ $0.isNumber || $0 == " " }):
                continue
            default: return false
            }
        }
        return true
    }
}
