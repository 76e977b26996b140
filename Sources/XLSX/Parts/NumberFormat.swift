/// Decides whether a number format shows a date or time (XLSX-READER.md item 23).
enum NumberFormat {
    /// Built-in format ids that are dates or times.
    static func isBuiltInDate(_ id: Int) -> Bool {
        (14...22).contains(id) || (27...36).contains(id) || (45...47).contains(id) || (50...58).contains(id)
    }

    /// A custom format is a date or time when its first section holds d, m, y, h or s outside quoted
    /// text, bracketed parts (`[Red]`, `[$-409]`, `[h]`), escaped characters (`\x`), and the
    /// characters after `_` (padding) and `*` (fill).
    static func isDateFormat(_ code: String) -> Bool {
        var scalars = code.unicodeScalars.makeIterator()
        var inQuotes = false
        var inBrackets = false
        while let scalar = scalars.next() {
            if inQuotes {
                if scalar == "\"" { inQuotes = false }
                continue
            }
            if inBrackets {
                if scalar == "]" { inBrackets = false }
                continue
            }
            switch scalar {
            case "\"": inQuotes = true
            case "[": inBrackets = true
            case "\\", "_", "*": _ = scalars.next()
            case ";": return false
            case "d", "D", "m", "M", "y", "Y", "h", "H", "s", "S": return true
            default: continue
            }
        }
        return false
    }
}
