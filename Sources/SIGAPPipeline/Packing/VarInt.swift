/// Unsigned LEB128: 7 bits a byte, the low groups first, the high bit set on every byte but the
/// last. The numbers of packed texts (`PackedText`) and of staged extractions (`StagedRoster`).
enum VarInt {
    @inline(__always)
    static func encode(_ value: UInt64, _ emit: (UInt8) -> Void) {
        var rest = value
        while rest >= 0x80 {
            emit(UInt8(rest & 0x7F) | 0x80)
            rest >>= 7
        }
        emit(UInt8(rest))
    }

    /// The number `next` hands over byte by byte; nil when the bytes end first (`next` gives nil)
    /// or the number has more than 64 bits.
    @inline(__always)
    static func decode(_ next: () -> UInt8?) -> UInt64? {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while let byte = next() {
            value |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return value }
            shift += 7
            guard shift < 64 else { return nil }
        }
        return nil
    }
}
