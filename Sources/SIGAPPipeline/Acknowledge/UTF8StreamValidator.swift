/// Checks that a byte stream, fed in chunks, is well-formed UTF-8 (RFC 3629: no overlong forms,
/// no surrogates, nothing above U+10FFFF). A sequence may straddle two chunks.
struct UTF8StreamValidator {
    /// Bytes fed so far.
    private(set) var offset = 0
    /// Where the sequence being completed started (for error offsets).
    private var sequenceStart = 0
    /// Continuation bytes still expected.
    private var pending = 0
    /// The range the next continuation byte must lie in (narrower after E0, ED, F0, F4).
    private var lower: UInt8 = 0x80
    private var upper: UInt8 = 0xBF

    /// Checks `bytes`; returns the offset (from the start of the stream) of the sequence that is
    /// not UTF-8, or nil when all is well so far.
    mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        let count = bytes.count
        var index = 0
        defer { offset += count }
        while index < count {
            if pending == 0 {
                // ASCII runs, eight bytes at a time.
                while index + 8 <= count,
                    UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0
                {
                    index += 8
                }
                guard index < count else { break }
                let byte = base[index]
                sequenceStart = offset + index
                index += 1
                switch byte {
                case 0x00...0x7F: continue
                case 0xC2...0xDF: (pending, lower, upper) = (1, 0x80, 0xBF)
                case 0xE0: (pending, lower, upper) = (2, 0xA0, 0xBF)
                case 0xE1...0xEC, 0xEE...0xEF: (pending, lower, upper) = (2, 0x80, 0xBF)
                case 0xED: (pending, lower, upper) = (2, 0x80, 0x9F)
                case 0xF0: (pending, lower, upper) = (3, 0x90, 0xBF)
                case 0xF1...0xF3: (pending, lower, upper) = (3, 0x80, 0xBF)
                case 0xF4: (pending, lower, upper) = (3, 0x80, 0x8F)
                default: return sequenceStart
                }
            } else {
                let byte = base[index]
                guard byte >= lower && byte <= upper else { return sequenceStart }
                index += 1
                pending -= 1
                (lower, upper) = (0x80, 0xBF)
            }
        }
        return nil
    }

    /// At the end of the stream: the offset of an unfinished sequence, or nil.
    func finish() -> Int? {
        pending == 0 ? nil : sequenceStart
    }
}
