import XLSX

/// One non-empty cell of an acknowledgement row as the interpreter sees it, whatever the file:
/// a CSV field or a workbook string (UTF-8 bytes, valid only during the call), a number, or a
/// date cell.
enum AcknowledgementCell {
    case text(UnsafeBufferPointer<UInt8>)
    case number(Double)
    case date(ExcelDateTime)

    /// Text that holds nothing but whitespace counts as empty.
    var isBlank: Bool {
        if case .text(let bytes) = self { return AcknowledgementValues.trimmed(bytes).isEmpty }
        return false
    }

    /// The value as found, for findings: text as it is, numbers in full digits, dates in ISO form.
    var originalText: String {
        switch self {
        case .text(let bytes): return String(decoding: bytes, as: UTF8.self)
        case .number(let number): return RosterValues.text(.number(number)) ?? ""
        case .date(let date): return date.description
        }
    }
}
