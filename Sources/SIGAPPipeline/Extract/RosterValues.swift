import XLSX

/// Reading roster cell values the way the extraction rules need them.
public enum RosterValues {
    /// How many digits a cell holds: digits of its text, or of a number's integral value. The
    /// footer rule counts rows whose NIK cell holds 10 or more.
    public static func digitCount(_ value: CellValue?) -> Int {
        switch value {
        case .string(let text)?:
            var count = 0
            for byte in text.utf8 where (0x30...0x39).contains(byte) { count += 1 }
            return count
        case .number(let number)?:
            guard number.isFinite else { return 0 }
            let magnitude = abs(number).rounded(.down)
            guard magnitude < 9e18 else { return 19 }
            return String(Int64(magnitude)).count
        default: return 0
        }
    }

    /// The text of a cell as a person reads it: strings as they are, integral numbers without a
    /// fraction (`81234567890`, `7`), other numbers in their shortest form, dates as `YYYY-MM-DD`.
    public static func text(_ value: CellValue?) -> String? {
        switch value {
        case nil: return nil
        case .string(let text)?: return text
        case .number(let number)?: return JSON.number(number)
        case .bool(let flag)?: return flag ? "TRUE" : "FALSE"
        case .error(let text)?: return text
        case .date(let date)?: return date.description
        }
    }
}
