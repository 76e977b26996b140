import SIGAPDomain
import XLSX

extension AcknowledgementValues {
    /// The period of an acknowledgement (SPEC §8.2, §14): `2025-11`, `11/2025`, `11-2025`,
    /// `NOV 2025`, `November 2025` (Indonesian or English month names and their abbreviations,
    /// old spellings `Pebruari`, `Nopember` included), any case. The separators `-` `/` `.`, spaces
    /// and commas are interchangeable. A full date gives its month: `2025-11-01` (a time after it
    /// is ignored), `01/11/2025` (day before month, always), `1 November 2025`. Years have four
    /// digits. Anything else is nil (ACK_PERIOD_INVALID).
    public static func period(_ text: String) -> YearMonth? {
        var text = text
        return text.withUTF8 { period(bytes: $0) }
    }

    /// A workbook cell's period: a date cell gives its month, text is read as `period(_:)`;
    /// numbers that are not date-formatted, booleans, errors and times of day are nil.
    public static func period(_ value: CellValue) -> YearMonth? {
        switch value {
        case .date(let date): return date.isTimeOnly ? nil : YearMonth(year: date.year, month: date.month)
        case .string(let text): return period(text)
        default: return nil
        }
    }

    static func period(bytes: UnsafeBufferPointer<UInt8>) -> YearMonth? {
        var text = trimmed(bytes)
        // `2025-11-01 00:00:00`, `2025-11-01T08:00:00`: the date part.
        if text.count > 10, text[4] == 0x2D, text[7] == 0x2D, text[10] == 0x20 || text[10] == 0x54 {
            text = UnsafeBufferPointer(rebasing: text[0..<10])
        }
        var tokens = (Token.none, Token.none, Token.none)
        var count = 0
        var index = 0
        while index < text.count {
            let byte = text[index]
            if isPeriodSeparator(byte) {
                index += 1
                continue
            }
            let start = index
            let token: Token
            if isDigit(byte) {
                var value = 0
                while index < text.count, isDigit(text[index]) {
                    if index - start < 9 { value = value * 10 + Int(text[index] - 0x30) }
                    index += 1
                }
                token = .number(value, digits: index - start)
            } else if isLetter(byte) {
                while index < text.count, isLetter(text[index]) { index += 1 }
                guard let month = monthNumber(UnsafeBufferPointer(rebasing: text[start..<index])) else { return nil }
                token = .month(month)
            } else {
                return nil
            }
            switch count {
            case 0: tokens.0 = token
            case 1: tokens.1 = token
            case 2: tokens.2 = token
            default: return nil
            }
            count += 1
        }
        switch (count, tokens.0, tokens.1, tokens.2) {
        case (2, .number(let year, 4), .number(let month, 1...2), _),
            (2, .number(let month, 1...2), .number(let year, 4), _),
            (2, .month(let month), .number(let year, 4), _):
            return YearMonth(year: year, month: month)
        case (3, .number(let year, 4), .number(let month, 1...2), .number(let day, 1...2)),
            (3, .number(let day, 1...2), .number(let month, 1...2), .number(let year, 4)),
            (3, .number(let day, 1...2), .month(let month), .number(let year, 4)):
            guard CivilDate(year: year, month: month, day: day) != nil else { return nil }
            return YearMonth(year: year, month: month)
        default:
            return nil
        }
    }

    private enum Token {
        case none
        /// A run of digits: its value (of the first 9 digits) and its length.
        case number(Int, digits: Int)
        /// A month name, as its number.
        case month(Int)
    }

    private static func isPeriodSeparator(_ byte: UInt8) -> Bool {
        byte == 0x2D || byte == 0x2F || byte == 0x2E || byte == 0x2C || isBlank(byte)
    }

    /// The number of a month name or abbreviation (ASCII letters, any case).
    private static func monthNumber(_ letters: UnsafeBufferPointer<UInt8>) -> Int? {
        guard letters.count <= 9 else { return nil }
        let upper = String(decoding: letters.lazy.map { $0 >= 0x61 ? $0 - 0x20 : $0 }, as: UTF8.self)
        return monthNumbers[upper]
    }

    /// Month names, upper-case: Indonesian with the abbreviations and old spellings of SPEC §6,
    /// and English.
    private static let monthNumbers: [String: Int] = {
        let spellings: [[String]] = [
            ["JANUARI", "JANUARY", "JAN"],
            ["FEBRUARI", "PEBRUARI", "FEBRUARY", "FEB", "PEB"],
            ["MARET", "MARCH", "MAR"],
            ["APRIL", "APR"],
            ["MEI", "MAY"],
            ["JUNI", "JUNE", "JUN"],
            ["JULI", "JULY", "JUL"],
            ["AGUSTUS", "AUGUST", "AGU", "AGT", "AGS", "AGUST", "AUG"],
            ["SEPTEMBER", "SEP", "SEPT"],
            ["OKTOBER", "OCTOBER", "OKT", "OCT"],
            ["NOVEMBER", "NOPEMBER", "NOV", "NOP"],
            ["DESEMBER", "DECEMBER", "DES", "DEC"],
        ]
        var table: [String: Int] = [:]
        for (offset, names) in spellings.enumerated() {
            for name in names { table[name] = offset + 1 }
        }
        return table
    }()
}
