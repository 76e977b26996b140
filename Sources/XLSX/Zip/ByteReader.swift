/// Little-endian field reads over a byte array, with bounds checks that become archive errors.
struct ByteReader {
    let bytes: [UInt8]
    var position: Int

    init(_ bytes: [UInt8], at position: Int = 0) {
        self.bytes = bytes
        self.position = position
    }

    var remaining: Int { bytes.count - position }

    mutating func uint16() throws(XLSXError) -> UInt16 {
        try need(2)
        defer { position += 2 }
        return UInt16(bytes[position]) | UInt16(bytes[position + 1]) << 8
    }

    mutating func uint32() throws(XLSXError) -> UInt32 {
        try need(4)
        defer { position += 4 }
        var value: UInt32 = 0
        for index in 0..<4 { value |= UInt32(bytes[position + index]) << (8 * index) }
        return value
    }

    mutating func uint64() throws(XLSXError) -> UInt64 {
        try need(8)
        defer { position += 8 }
        var value: UInt64 = 0
        for index in 0..<8 { value |= UInt64(bytes[position + index]) << (8 * index) }
        return value
    }

    mutating func take(_ count: Int) throws(XLSXError) -> ArraySlice<UInt8> {
        try need(count)
        defer { position += count }
        return bytes[position..<position + count]
    }

    mutating func skip(_ count: Int) throws(XLSXError) {
        try need(count)
        position += count
    }

    private func need(_ count: Int) throws(XLSXError) {
        guard count >= 0, position + count <= bytes.count else {
            throw XLSXError(.corruptArchive, "truncated or corrupt zip archive: a record ends early")
        }
    }
}
