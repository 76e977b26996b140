/// Reads RFC 4180 CSV text that fits in memory (the files this program wrote): quoted fields with
/// doubled quotes, separators and line breaks inside quotes, `\n` or `\r\n` line ends.
public enum CSVText {
    public static func records(_ text: String, separator: UInt8 = UInt8(ascii: ",")) -> [[String]] {
        var records: [[String]] = []
        forEachRecord(text, separator: separator) { records.append($0) }
        return records
    }

    /// Calls `body` with each record in turn, holding one record at a time (a stored ledger can
    /// have a million lines).
    public static func forEachRecord(
        _ text: String, separator: UInt8 = UInt8(ascii: ","), _ body: ([String]) throws -> Void
    ) rethrows {
        var fields: [String] = []
        var field: [UInt8] = []
        var quoted = false
        var afterQuote = false
        var text = text
        try text.withUTF8 { bytes in
            var index = 0
            func endField() {
                fields.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
                afterQuote = false
            }
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                if quoted {
                    if byte == UInt8(ascii: "\"") {
                        if index < bytes.count && bytes[index] == UInt8(ascii: "\"") {
                            field.append(byte)
                            index += 1
                        } else {
                            quoted = false
                            afterQuote = true
                        }
                    } else {
                        field.append(byte)
                    }
                    continue
                }
                switch byte {
                case UInt8(ascii: "\"") where field.isEmpty && !afterQuote: quoted = true
                case separator: endField()
                case UInt8(ascii: "\r") where index < bytes.count && bytes[index] == UInt8(ascii: "\n"): continue
                case UInt8(ascii: "\n"):
                    endField()
                    try body(fields)
                    fields.removeAll(keepingCapacity: true)
                default: field.append(byte)
                }
            }
            if !field.isEmpty || !fields.isEmpty || afterQuote {
                endField()
                try body(fields)
            }
        }
    }
}
