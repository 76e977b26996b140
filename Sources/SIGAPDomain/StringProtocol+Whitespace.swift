extension StringProtocol {
    /// Without leading and trailing whitespace of any kind (no-break spaces and line breaks included).
    func trimmingWhitespace() -> String {
        guard let first = firstIndex(where: { !$0.isWhitespaceFast }),
            let last = lastIndex(where: { !$0.isWhitespaceFast })
        else { return "" }
        return String(self[first...last])
    }

    /// Whitespace runs of any kind collapsed to one space, and trimmed.
    func collapsingWhitespace() -> String {
        if Whitespace.isCollapsed(utf8) { return String(self) }
        return split(whereSeparator: \.isWhitespaceFast).joined(separator: " ")
    }

    /// True when the text holds a letter or a digit (`-` and blanks are placeholders for nothing).
    var hasContent: Bool {
        Whitespace.asciiHasContent(utf8) ?? contains { $0.isLetterFast || $0.isNumberFast }
    }
}

/// The same operations on `String` itself, reading its UTF-8 in place: they run on every cell of
/// every roster row, and most cells are already clean ASCII, returned as they are.
extension String {
    func trimmingWhitespace() -> String {
        // Most cells start and end with a visible ASCII character: nothing to trim.
        guard let first = utf8.first, let last = utf8.last else { return "" }
        if first > 0x20, first < 0x80, last > 0x20, last < 0x80 { return self }
        return Substring(self).trimmingWhitespace()
    }

    func collapsingWhitespace() -> String {
        var text = self
        return text.withUTF8 { Whitespace.isCollapsed($0) } ? self : Substring(self).collapsingWhitespace()
    }

    var hasContent: Bool {
        var text = self
        return text.withUTF8 { Whitespace.asciiHasContent($0) } ?? Substring(self).hasContent
    }
}

/// The byte scans behind the fast paths above.
private enum Whitespace {
    /// True for clean ASCII: single spaces between words, none at the ends, no control characters.
    static func isCollapsed(_ bytes: some Sequence<UInt8>) -> Bool {
        var previousSpace = true
        for byte in bytes {
            if byte >= 0x80 || byte < 0x20 || (byte == 0x20 && previousSpace) { return false }
            previousSpace = byte == 0x20
        }
        return !previousSpace
    }

    /// Whether ASCII text holds a letter or a digit; nil when the text is not all ASCII up to the
    /// first one (the caller then asks the characters).
    static func asciiHasContent(_ bytes: some Sequence<UInt8>) -> Bool? {
        for byte in bytes {
            if byte >= 0x80 { return nil }
            if (0x30...0x39).contains(byte) || (0x61...0x7A).contains(byte | 0x20) { return true }
        }
        return false
    }
}
