/// Part names of an Open Packaging Conventions package: case-insensitive, `/`-separated, relative to
/// the package root.
enum PartName {
    /// The lookup key: `\` as `/`, no leading `/`, lower-cased.
    static func key(_ name: String) -> String {
        var result = ""
        result.reserveCapacity(name.utf8.count)
        for character in name.unicodeScalars {
            if character == "\\" {
                result.unicodeScalars.append("/")
            } else {
                result.unicodeScalars.append(contentsOf: String(character).lowercased().unicodeScalars)
            }
        }
        while result.hasPrefix("/") { result.removeFirst() }
        return result
    }

    /// The folder of a part (`xl/workbook.xml` → `xl`), empty for the root.
    static func folder(of part: String) -> String {
        let normal = part.replacingBackslashes()
        guard let slash = normal.lastIndex(of: "/") else { return "" }
        return String(normal[..<slash])
    }

    /// The relationships part of a source part (`xl/workbook.xml` → `xl/_rels/workbook.xml.rels`;
    /// the package itself, `""` → `_rels/.rels`).
    static func relationships(of part: String) -> String {
        let normal = part.replacingBackslashes()
        guard let slash = normal.lastIndex(of: "/") else { return "_rels/\(normal).rels" }
        return "\(normal[..<slash])/_rels/\(normal[normal.index(after: slash)...]).rels"
    }

    /// Resolves a relationship target against the folder of its source part: absolute targets
    /// (`/xl/worksheets/sheet1.xml`) from the root, relative ones with `.` and `..`.
    static func resolve(_ target: String, from sourcePart: String) -> String {
        let decoded = percentDecoded(target.replacingBackslashes())
        var components: [Substring] = []
        if !decoded.hasPrefix("/") {
            components = folder(of: sourcePart).split(separator: "/")
        }
        for component in decoded.split(separator: "/") {
            switch component {
            case ".": continue
            case "..": if !components.isEmpty { components.removeLast() }
            default: components.append(component)
            }
        }
        return components.joined(separator: "/")
    }

    private static func percentDecoded(_ text: String) -> String {
        guard text.contains("%") else { return text }
        var bytes: [UInt8] = []
        var utf8 = Array(text.utf8)[...]
        while let byte = utf8.popFirst() {
            if byte == UInt8(ascii: "%"), utf8.count >= 2,
                let high = hexValue(utf8[utf8.startIndex]), let low = hexValue(utf8[utf8.startIndex + 1])
            {
                bytes.append(high << 4 | low)
                utf8 = utf8.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

extension String {
    fileprivate func replacingBackslashes() -> String {
        guard contains("\\") else { return self }
        return String(map { $0 == "\\" ? "/" : $0 })
    }
}
