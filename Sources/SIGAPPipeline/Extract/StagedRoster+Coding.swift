import Foundation
import SIGAPDomain
import XLSX

/// How a staged extraction is written: each row as `VarInt` numbers and raw bytes (the
/// layout's position, the row number, the cell count, then per cell its column, its style, a tag
/// (with 0x80 for a formula) and its value), and the sheets' outcomes and layouts as JSON.
extension StagedRoster {
    private enum Tag: UInt8 {
        case string = 0, number, falseValue, trueValue, error, date
    }

    static func encode(_ row: Row, layout: Int, into bytes: inout [UInt8]) {
        func number(_ value: Int) {
            VarInt.encode(UInt64(bitPattern: Int64(value))) { bytes.append($0) }
        }
        func text(_ value: String) {
            var value = value
            value.withUTF8 { utf8 in
                number(utf8.count)
                bytes.append(contentsOf: utf8)
            }
        }
        func double(_ value: Double) {
            withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
        }
        number(layout)
        number(row.number)
        number(row.cells.count)
        for cell in row.cells {
            number(cell.column)
            number(cell.style)
            let formula: UInt8 = cell.hasFormula ? 0x80 : 0
            switch cell.value {
            case .string(let value):
                bytes.append(Tag.string.rawValue | formula)
                text(value)
            case .number(let value):
                bytes.append(Tag.number.rawValue | formula)
                double(value)
            case .bool(let value):
                bytes.append((value ? Tag.trueValue : Tag.falseValue).rawValue | formula)
            case .error(let value):
                bytes.append(Tag.error.rawValue | formula)
                text(value)
            case .date(let date):
                bytes.append(Tag.date.rawValue | formula)
                for part in [date.year, date.month, date.day, date.hour, date.minute, date.second, date.millisecond] { number(part) }
                bytes.append((date.isTimeOnly ? 1 : 0) | (date.serial == nil ? 0 : 2))
                if let serial = date.serial { double(serial) }
            }
        }
    }

    /// One row and the position of its layout; nil when the bytes end early or are not a row.
    static func decode(_ reader: inout ByteReader) -> (Row, Int)? {
        guard let layout = reader.number(), let number = reader.number(), let count = reader.number(), count >= 0 else { return nil }
        var cells: [Cell] = []
        cells.reserveCapacity(count)
        for _ in 0..<count {
            guard let column = reader.number(), let style = reader.number(), let marked = reader.byte(),
                let tag = Tag(rawValue: marked & 0x7F)
            else { return nil }
            let value: CellValue
            switch tag {
            case .string:
                guard let text = reader.text() else { return nil }
                value = .string(text)
            case .number:
                guard let number = reader.double() else { return nil }
                value = .number(number)
            case .falseValue: value = .bool(false)
            case .trueValue: value = .bool(true)
            case .error:
                guard let text = reader.text() else { return nil }
                value = .error(text)
            case .date:
                var parts: [Int] = []
                for _ in 0..<7 {
                    guard let part = reader.number() else { return nil }
                    parts.append(part)
                }
                guard let flags = reader.byte() else { return nil }
                var serial: Double?
                if flags & 2 != 0 {
                    guard let stored = reader.double() else { return nil }
                    serial = stored
                }
                value = .date(
                    ExcelDateTime(
                        year: parts[0], month: parts[1], day: parts[2], hour: parts[3], minute: parts[4], second: parts[5],
                        millisecond: parts[6], isTimeOnly: flags & 1 != 0, serial: serial))
            }
            cells.append(Cell(row: number, column: column, value: value, hasFormula: marked & 0x80 != 0, style: style))
        }
        return (Row(number: number, cells: cells), layout)
    }

    // MARK: - Sheets and layouts

    private struct StoredLayout: Codable {
        var sheet: String
        var headerRow: Int
        var subLabelRow: Int?
        var numberingRow: Int?
        var columns: [String: Int]
        var labels: [String: String]

        init(sheet: String, layout: SheetLayout) {
            self.sheet = sheet
            headerRow = layout.headerRow
            subLabelRow = layout.subLabelRow
            numberingRow = layout.numberingRow
            columns = Dictionary(uniqueKeysWithValues: layout.columns.map { ($0.key.rawValue, $0.value) })
            labels = Dictionary(uniqueKeysWithValues: layout.labels.map { ("\($0.key)", $0.value) })
        }

        var layout: SheetLayout? {
            var fields: [RosterField: Int] = [:]
            for (name, column) in columns {
                guard let field = RosterField(rawValue: name) else { return nil }
                fields[field] = column
            }
            var byColumn: [Int: String] = [:]
            for (column, label) in labels {
                guard let number = Int(column) else { return nil }
                byColumn[number] = label
            }
            return SheetLayout(
                headerRow: headerRow, subLabelRow: subLabelRow, numberingRow: numberingRow, columns: fields, labels: byColumn)
        }
    }

    private struct StoredSheet: Codable {
        var index: Int
        var name: String
        var state: String
        var kind: String
        var part: String?
        /// `read`, `hidden`, `notWorksheet`, `noHeader` or `notPinned`.
        var disposition: String
        /// For `read`: the position of its layout.
        var layout: Int?
        var dataRows: Int
        var emptyRowsSkipped: Int
        var footerRowsIgnored: Int
        var footerStartRow: Int?
    }

    private struct Stored: Codable {
        var layouts: [StoredLayout]
        var sheets: [StoredSheet]
    }

    static func json(sheets: [SheetOutcome], layouts: [(sheet: String, layout: SheetLayout)]) -> String {
        var stored = Stored(layouts: layouts.map { StoredLayout(sheet: $0.sheet, layout: $0.layout) }, sheets: [])
        for outcome in sheets {
            var disposition: String
            var layoutIndex: Int?
            switch outcome.disposition {
            case .read(let layout):
                disposition = "read"
                layoutIndex = layouts.firstIndex { $0.sheet == outcome.sheet.name && $0.layout == layout }
                if layoutIndex == nil {
                    // A sheet with a header and no data row: its layout is kept all the same.
                    stored.layouts.append(StoredLayout(sheet: outcome.sheet.name, layout: layout))
                    layoutIndex = stored.layouts.count - 1
                }
            case .hidden: disposition = "hidden"
            case .notWorksheet: disposition = "notWorksheet"
            case .noHeader: disposition = "noHeader"
            case .notPinned: disposition = "notPinned"
            }
            stored.sheets.append(
                StoredSheet(
                    index: outcome.sheet.index, name: outcome.sheet.name, state: outcome.sheet.state.rawValue,
                    kind: outcome.sheet.kind.rawValue, part: outcome.sheet.part, disposition: disposition, layout: layoutIndex,
                    dataRows: outcome.dataRows, emptyRowsSkipped: outcome.emptyRowsSkipped, footerRowsIgnored: outcome.footerRowsIgnored,
                    footerStartRow: outcome.footerStartRow))
        }
        // Plain strings and numbers always encode.
        return String(decoding: (try? JSONEncoder().encode(stored)) ?? Data(), as: UTF8.self)
    }

    static func sheets(json: String) -> (sheets: [SheetOutcome], layouts: [(sheet: String, layout: SheetLayout)])? {
        guard let stored = try? JSONDecoder().decode(Stored.self, from: Data(json.utf8)) else { return nil }
        var layouts: [(sheet: String, layout: SheetLayout)] = []
        for item in stored.layouts {
            guard let layout = item.layout else { return nil }
            layouts.append((item.sheet, layout))
        }
        var sheets: [SheetOutcome] = []
        for item in stored.sheets {
            guard let state = SheetInfo.State(rawValue: item.state), let kind = SheetInfo.Kind(rawValue: item.kind) else { return nil }
            let disposition: SheetOutcome.Disposition
            switch item.disposition {
            case "read":
                guard let index = item.layout, index < layouts.count else { return nil }
                disposition = .read(layouts[index].layout)
            case "hidden": disposition = .hidden
            case "notWorksheet": disposition = .notWorksheet
            case "noHeader": disposition = .noHeader
            case "notPinned": disposition = .notPinned
            default: return nil
            }
            var outcome = SheetOutcome(
                sheet: SheetInfo(index: item.index, name: item.name, state: state, kind: kind, part: item.part), disposition: disposition)
            outcome.dataRows = item.dataRows
            outcome.emptyRowsSkipped = item.emptyRowsSkipped
            outcome.footerRowsIgnored = item.footerRowsIgnored
            outcome.footerStartRow = item.footerStartRow
            sheets.append(outcome)
        }
        return (sheets, layouts)
    }
}

/// Reads what `StagedRoster.encode` wrote.
struct ByteReader {
    let bytes: [UInt8]
    private var position = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    mutating func byte() -> UInt8? {
        guard position < bytes.count else { return nil }
        position += 1
        return bytes[position - 1]
    }

    mutating func number() -> Int? {
        VarInt.decode { byte() }.map { Int(Int64(bitPattern: $0)) }
    }

    mutating func text() -> String? {
        guard let count = number(), count >= 0, position + count <= bytes.count else { return nil }
        defer { position += count }
        return String(decoding: bytes[position..<(position + count)], as: UTF8.self)
    }

    mutating func double() -> Double? {
        guard position + 8 <= bytes.count else { return nil }
        var bits: UInt64 = 0
        for offset in 0..<8 { bits |= UInt64(bytes[position + offset]) << (8 * UInt64(offset)) }
        position += 8
        return Double(bitPattern: bits)
    }
}
