import Foundation

/// CSV as SPEC §8.5 wants it: UTF-8 without BOM, `,` separator, `\n` line ends, RFC 4180 quoting
/// (a field is quoted when it holds `,`, `"`, CR or LF; quotes doubled), a header row.
public struct CSVWriter: Sendable {
    public private(set) var text: String

    public init(header: [String]) {
        text = ""
        append(header)
    }

    public mutating func append(_ fields: [String]) {
        for (position, field) in fields.enumerated() {
            if position > 0 { text += "," }
            text += Self.quoted(field)
        }
        text += "\n"
    }

    public static func quoted(_ field: String) -> String {
        guard field.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else {
            return field
        }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
