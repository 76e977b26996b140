extension StringProtocol {
    /// Without leading and trailing whitespace of any kind (no-break spaces and line breaks included).
    func trimmingWhitespace() -> String {
        var first: UInt8 = 0, last: UInt8 = 0
        for byte in utf8 {
            if first == 0 { first = byte }
            last = byte
        }
        if first > 0x20, first < 0x80, last > 0x20, last < 0x80 {
            return String(self)
        }
        guard let first = firstIndex(where: { !$0.isWhitespaceFast }),
            let last = lastIndex(where: { !$0.isWhitespaceFast })
        else { return "" }
        return String(self[first...last])
    }

    /// Whitespace runs of any kind collapsed to one space, and trimmed.
    func collapsingWhitespace() -> String {
        // Most cells are already clean ASCII: single spaces between words, none at the ends.
        var clean = true
        var previousSpace = true
        for byte in utf8 {
            if byte >= 0x80 || (byte < 0x20) || (byte == 0x20 && previousSpace) {
                clean = false
                break
            }
            previousSpace = byte == 0x20
        }
        if clean && !previousSpace { return String(self) }
        return split(whereSeparator: \.isWhitespaceFast).joined(separator: " ")
    }

    /// True when the text holds a letter or a digit (`-` and blanks are placeholders for nothing).
    var hasContent: Bool {
        for byte in utf8 {
            if byte >= 0x80 { return contains { $0.isLetterFast || $0.isNumberFast } }
            if (0x30...0x39).contains(byte) || (0x61...0x7A).contains(byte | 0x20) { return true }
        }
        return false
    }
}

/// The same operations on `String` itself, reading its UTF-8 in place: they run on every cell of
/// every roster row, and most cells are already clean ASCII, returned as they are.
extension String {
    func trimmingWhitespace() -> String {
        guard let first = utf8.first, let last = utf8.last else { return "" }
        if first > 0x20, first < 0x80, last > 0x20, last < 0x80 { return self }
        return Substring(self).trimmingWhitespace()
    }

    func collapsingWhitespace() -> String {
        var text = self
        let clean = text.withUTF8 { bytes -> Bool in
            var previousSpace = true
            for byte in bytes {
                if byte >= 0x80 || byte < 0x20 || (byte == 0x20 && previousSpace) { return false }
                previousSpace = byte == 0x20
            }
            return !previousSpace
        }
        return clean ? self : Substring(self).collapsingWhitespace()
    }

    var hasContent: Bool {
        var text = self
        let ascii = text.withUTF8 { bytes -> Bool? in
            for byte in bytes {
                if byte >= 0x80 { return nil }
                if (0x30...0x39).contains(byte) || (0x61...0x7A).contains(byte | 0x20) { return true }
            }
            return false
        }
        return ascii ?? Substring(self).hasContent
    }
}
