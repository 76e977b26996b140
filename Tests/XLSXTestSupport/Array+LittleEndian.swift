extension [UInt8] {
    /// Appends `value` in little-endian byte order, as every zip and CFB field is stored.
    mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        var remaining = value.littleEndian
        Swift.withUnsafeBytes(of: &remaining) { append(contentsOf: $0) }
    }

    /// Overwrites `T.bitWidth / 8` bytes at `offset` with `value` in little-endian byte order.
    mutating func storeLittleEndian<T: FixedWidthInteger>(_ value: T, at offset: Int) {
        var remaining = value.littleEndian
        Swift.withUnsafeBytes(of: &remaining) { bytes in
            for (index, byte) in bytes.enumerated() { self[offset + index] = byte }
        }
    }
}
