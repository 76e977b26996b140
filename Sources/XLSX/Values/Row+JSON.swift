/// The JSON Lines form of `sigap xlsx dump` (SPEC §13): a contract other tools compare against.
extension Row {
    /// `{"row":12,"cells":[["A","s","Siti"],["B","n",3.5]]}` with no spaces outside strings.
    public var jsonLine: String {
        var line = "{\"row\":\(number),\"cells\":["
        for (position, cell) in cells.enumerated() {
            if position > 0 { line += "," }
            line += "[\"\(cell.columnName)\",\"\(cell.value.kind.rawValue)\","
            switch cell.value {
            case .string(let text), .error(let text): JSON.appendString(text, to: &line)
            case .number(let number): line += JSON.number(number)
            case .bool(let flag): line += flag ? "true" : "false"
            case .date(let date): JSON.appendString(date.description, to: &line)
            }
            line += "]"
        }
        line += "]}"
        return line
    }
}

/// Minimal JSON text helpers shared by the reader's tools.
public enum JSON {
    /// A JSON number equal to the double: integral values below 2^53 without a fraction, else the
    /// shortest text that reads back as the same double.
    public static func number(_ value: Double) -> String {
        if value.rounded() == value, abs(value) < 9_007_199_254_740_992 {
            return String(Int64(value))
        }
        return value.description
    }

    /// Appends `text` as a JSON string: `\"`, `\\`, `\n`, `\r`, `\t`, `\b`, `\f`, other controls as
    /// `\u00XX`; everything else as raw UTF-8.
    public static func appendString(_ text: String, to output: inout String) {
        output += "\""
        var plainStart = text.unicodeScalars.startIndex
        var index = plainStart
        let scalars = text.unicodeScalars
        while index != scalars.endIndex {
            let scalar = scalars[index]
            let escape: String?
            switch scalar {
            case "\"": escape = "\\\""
            case "\\": escape = "\\\\"
            case "\n": escape = "\\n"
            case "\r": escape = "\\r"
            case "\t": escape = "\\t"
            case "\u{08}": escape = "\\b"
            case "\u{0C}": escape = "\\f"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    escape = "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    escape = nil
                }
            }
            if let escape {
                output.unicodeScalars.append(contentsOf: scalars[plainStart..<index])
                output += escape
                plainStart = scalars.index(after: index)
            }
            index = scalars.index(after: index)
        }
        output.unicodeScalars.append(contentsOf: scalars[plainStart..<scalars.endIndex])
        output += "\""
    }

    public static func string(_ text: String) -> String {
        var output = ""
        appendString(text, to: &output)
        return output
    }
}
