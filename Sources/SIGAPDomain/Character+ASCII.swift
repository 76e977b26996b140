extension Character {
    /// `isWhitespace` with a fast path for ASCII (the Unicode property lookup is the hot spot when
    /// a million rows are read).
    @inline(__always)
    var isWhitespaceFast: Bool {
        if let ascii = asciiValue { return ascii == 0x20 || (0x09...0x0D).contains(ascii) }
        return isWhitespace
    }

    /// `isLetter` with a fast path for ASCII.
    @inline(__always)
    var isLetterFast: Bool {
        if let ascii = asciiValue { return (0x61...0x7A).contains(ascii | 0x20) }
        return isLetter
    }

    /// `isNumber` with a fast path for ASCII.
    @inline(__always)
    var isNumberFast: Bool {
        if let ascii = asciiValue { return (0x30...0x39).contains(ascii) }
        return isNumber
    }
}
