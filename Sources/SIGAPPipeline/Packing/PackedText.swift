/// Texts kept one after another in one byte buffer, for the packed rows and lines of a month (a
/// million of them would otherwise be a million heap strings): each is its UTF-8 length plus 1
/// (0 for an absent text) in 7-bit groups, then its bytes. A row's texts are read back in the order
/// they were appended.
struct PackedText: Sendable {
    private var bytes = GrowingBuffer<UInt8>()

    /// Where the next text starts.
    var count: Int { bytes.count }

    init() {}

    /// Texts as another list's `withUnsafeBytes` gave them.
    init(packed bytes: GrowingBuffer<UInt8>) {
        self.bytes = bytes
    }

    mutating func reserveCapacity(_ count: Int) {
        bytes.reserveCapacity(count)
    }

    /// The texts of `other` after these (a text of it that started at `p` now starts at `count + p`).
    mutating func append(contentsOf other: PackedText) {
        other.bytes.withUnsafeBufferPointer { bytes.append(contentsOf: $0) }
    }

    mutating func append(_ value: String?) {
        VarInt.encode(UInt64(value.map { $0.utf8.count + 1 } ?? 0)) { bytes.append($0) }
        guard var value else { return }
        value.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// Lets `body` read the bytes of every text, as kept (lengths and bytes).
    func withUnsafeBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try bytes.withUnsafeBufferPointer(body)
    }

    /// Lets `body` read the texts that start at `start`, one after another.
    func read<Result>(from start: Int, _ body: (inout Reader) -> Result) -> Result {
        bytes.withUnsafeBufferPointer { buffer in
            var reader = Reader(bytes: buffer, cursor: start)
            return body(&reader)
        }
    }

    struct Reader {
        fileprivate let bytes: UnsafeBufferPointer<UInt8>
        fileprivate var cursor: Int

        /// Reads the texts of `bytes` (a `withUnsafeBytes` buffer) that start at `start`.
        init(bytes: UnsafeBufferPointer<UInt8>, cursor start: Int) {
            self.bytes = bytes
            self.cursor = start
        }

        /// The next text's bytes, without making a string (nil when it was absent).
        mutating func nextBytes() -> UnsafeBufferPointer<UInt8>? {
            let length = nextLength()
            guard length > 0 else { return nil }
            let start = cursor
            cursor += length - 1
            return UnsafeBufferPointer(rebasing: bytes[start..<cursor])
        }

        /// The next text (nil when it was absent).
        mutating func next() -> String? {
            let length = nextLength()
            guard length > 0 else { return nil }
            let start = cursor
            cursor += length - 1
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<cursor]), as: UTF8.self)
        }

        /// Passes over the next text without making it.
        mutating func skip() {
            cursor += Swift.max(nextLength() - 1, 0)
        }

        /// The next text's length plus 1 (0: absent), the cursor moved to its bytes.
        private mutating func nextLength() -> Int {
            // The buffer was written by `append`: its lengths are whole.
            Int(
                VarInt.decode {
                    cursor += 1
                    return bytes[cursor - 1]
                } ?? 0)
        }
    }
}

/// Values that repeat across a month's rows (sources, districts, trades), each kept once (the
/// same bytes, see `SameBytes`) and referred to by a 32-bit position.
struct PackedValues<Value: SameBytes & Sendable>: Sendable {
    private(set) var values: [Value] = []
    private var positions: [SameBytesKey<Value>: UInt32] = [:]

    /// The position of `value`, added when new.
    mutating func position(of value: Value) -> UInt32 {
        if let known = positions[SameBytesKey(value: value)] { return known }
        precondition(values.count < Int(UInt32.max), "too many distinct values")
        values.append(value)
        let position = UInt32(values.count - 1)
        positions[SameBytesKey(value: value)] = position
        return position
    }

    /// The position of `value`, added when new and there is room below `limit`; nil when there is not.
    mutating func position(of value: Value, below limit: Int) -> UInt32? {
        if let known = positions[SameBytesKey(value: value)] { return known }
        guard values.count < limit else { return nil }
        return position(of: value)
    }

    subscript(position: UInt32) -> Value { values[Int(position)] }
}
