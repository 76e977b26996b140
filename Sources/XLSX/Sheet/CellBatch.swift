import CXMLBridge

/// The cells the parser produced from one chunk of a worksheet, valid only during the callback
/// that receives it. Values are decoded on demand, so a caller that needs only some columns pays
/// only for those.
public struct CellBatch: ~Copyable {
    let cells: UnsafeBufferPointer<cxb_cell>
    let text: UnsafeBufferPointer<UInt8>
    let sharedStrings: SharedStrings
    let styles: Styles
    let isDate1904: Bool
    /// The merged ranges parsed with these cells (`<mergeCells>` comes after the cells).
    let mergeRecords: UnsafeBufferPointer<cxb_merge>

    public var count: Int { cells.count }

    /// The merged ranges parsed with this batch.
    public var merges: [CellRange] {
        mergeRecords.map {
            CellRange(
                firstRow: Int($0.first_row), firstColumn: Int($0.first_column), lastRow: Int($0.last_row), lastColumn: Int($0.last_column))
        }
    }

    public func row(at index: Int) -> Int { Int(cells[index].row) }

    public func column(at index: Int) -> Int { Int(cells[index].column) }

    public func hasFormula(at index: Int) -> Bool { cells[index].has_formula != 0 }

    /// The cell's type without building its value; nil when the cell reads as empty (a shared
    /// string that is "").
    public func kind(at index: Int) -> CellKind? {
        let cell = cells[index]
        switch Int(cell.kind) {
        case Int(CXB_CELL_NUMBER.rawValue):
            if styles.isDate(cell.style), ExcelDateTime(serial: cell.number, date1904: isDate1904) != nil {
                return .date
            }
            return .number
        case Int(CXB_CELL_SHARED.rawValue):
            guard let length = sharedStrings.length(at: Int(cell.number)) else { return .error }
            return length == 0 ? nil : .string
        case Int(CXB_CELL_BOOL.rawValue):
            return .bool
        case Int(CXB_CELL_ERROR.rawValue):
            return .error
        case Int(CXB_CELL_ISO_DATE.rawValue):
            return ExcelDateTime(iso: textString(cell)) == nil ? .string : .date
        default:
            return .string
        }
    }

    /// The cell's value; nil when it reads as empty.
    public func value(at index: Int) -> CellValue? {
        let cell = cells[index]
        switch Int(cell.kind) {
        case Int(CXB_CELL_NUMBER.rawValue):
            if styles.isDate(cell.style), let date = ExcelDateTime(serial: cell.number, date1904: isDate1904) {
                return .date(date)
            }
            return .number(cell.number)
        case Int(CXB_CELL_SHARED.rawValue):
            guard cell.number >= 0, let string = sharedStrings.string(at: Int(cell.number)) else { return .error("#REF!") }
            return string.isEmpty ? nil : .string(string)
        case Int(CXB_CELL_BOOL.rawValue):
            return .bool(cell.number != 0)
        case Int(CXB_CELL_ERROR.rawValue):
            return .error(textString(cell))
        case Int(CXB_CELL_ISO_DATE.rawValue):
            let text = textString(cell)
            return ExcelDateTime(iso: text).map { .date($0) } ?? .string(text)
        default:
            let bytes = textBytes(cell)
            if ExcelEscapes.mayContainEscape(bytes) {
                var decoded: [UInt8] = []
                ExcelEscapes.decode(bytes, into: &decoded)
                return .string(String(decoding: decoded, as: UTF8.self))
            }
            return .string(String(decoding: bytes, as: UTF8.self))
        }
    }

    /// The cell format index; 0 when absent or out of range (XLSX-READER.md item 22).
    public func style(at index: Int) -> Int { styles.resolved(cells[index].style) }

    /// The whole cell; nil when it reads as empty.
    public func cell(at index: Int) -> Cell? {
        value(at: index).map {
            Cell(row: row(at: index), column: column(at: index), value: $0, hasFormula: hasFormula(at: index), style: style(at: index))
        }
    }

    private func textBytes(_ cell: cxb_cell) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: text[Int(cell.text_offset)..<Int(cell.text_offset + cell.text_length)])
    }

    private func textString(_ cell: cxb_cell) -> String {
        String(decoding: textBytes(cell), as: UTF8.self)
    }
}
