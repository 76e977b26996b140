/// Decodes the `_xHHHH_` escapes of SpreadsheetML strings: each is one UTF-16 code unit
/// (`_x000D_` is CR; `_x005F_` escapes an underscore). Surrogate pairs combine; a lone surrogate
/// becomes U+FFFD.
enum ExcelEscapes {
    /// Whether `bytes` may hold an escape (cheap check before decoding).
    @inline(__always)
    static func mayContainEscape(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count >= 7 else { return false }
        for byte in bytes where byte == UInt8(ascii: "_") { return true }
        return false
    }

    /// Appends the decoded form of `bytes` to `output`.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        var index = 0
        var units: [UInt16] = []
        while index < bytes.count {
            if let unit = escape(in: bytes, at: index) {
                units.append(unit)
                index += 7
                continue
            }
            flush(&units, into: &output)
            output.append(bytes[index])
            index += 1
        }
        flush(&units, into: &output)
    }

    static func decode(_ text: String) -> String {
        var utf8 = Array(text.utf8)
        return utf8.withUnsafeMutableBufferPointer { buffer in
            var output: [UInt8] = []
            decode(UnsafeBufferPointer(buffer), into: &output)
            return String(decoding: output, as: UTF8.self)
        }
    }

    private static func escape(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> UInt16? {
        guard index + 7 <= bytes.count, bytes[index] == UInt8(ascii: "_"), bytes[index + 1] == UInt8(ascii: "x"),
            bytes[index + 6] == UInt8(ascii: "_")
        else { return nil }
        var value: UInt16 = 0
        for offset in 2..<6 {
            let byte = bytes[index + offset]
            let digit: UInt16
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt16(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt16(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt16(byte - UInt8(ascii: "A") + 10)
            default: return nil
            }
            value = value << 4 | digit
        }
        return value
    }

    private static func flush(_ units: inout [UInt16], into output: inout [UInt8]) {
        guard !units.isEmpty else { return }
        for scalar in String(decoding: units, as: UTF16.self).utf8 { output.append(scalar) }
        units.removeAll(keepingCapacity: true)
    }
}
