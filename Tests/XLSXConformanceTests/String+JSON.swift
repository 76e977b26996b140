extension String {
    /// The string as a JSON string literal, escaped the way the dump contract says: `\"` `\\` `\n`
    /// `\r` `\t` `\b` `\f`, other controls below 0x20 as `\u00xx`, everything else raw.
    var jsonQuoted: String {
        var escaped = "\""
        for scalar in unicodeScalars {
            switch scalar {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            case "\t": escaped += "\\t"
            case "\u{08}": escaped += "\\b"
            case "\u{0C}": escaped += "\\f"
            case let control where control.value < 0x20:
                escaped += "\\u00" + (control.value < 0x10 ? "0" : "") + String(control.value, radix: 16)
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped + "\""
    }
}
