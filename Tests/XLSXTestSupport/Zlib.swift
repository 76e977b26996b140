import CZlib

/// The few zlib operations the fixtures need: raw deflate and CRC-32.
public enum Zlib {
    /// Compresses `input` as a raw deflate stream (no zlib or gzip wrapper, window bits -15).
    ///
    /// `flush` is `Z_FINISH` for a complete stream. `Z_FULL_FLUSH` ends the output on a byte
    /// boundary without a final block, so pieces made by separate calls can be concatenated
    /// (each piece starts with an empty dictionary, so no piece refers back into another).
    public static func deflateRaw(
        _ input: [UInt8],
        level: Int32 = Z_DEFAULT_COMPRESSION,
        flush: Int32 = Z_FINISH
    ) -> [UInt8] {
        var stream = z_stream()
        let initStatus = deflateInit2_(
            &stream, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY,
            zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        precondition(initStatus == Z_OK, "deflateInit2_ failed: \(initStatus)")
        defer { deflateEnd(&stream) }

        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var input = input
        input.withUnsafeMutableBufferPointer { source in
            stream.next_in = source.baseAddress
            stream.avail_in = uInt(source.count)
            while true {
                let status = chunk.withUnsafeMutableBufferPointer { target -> Int32 in
                    stream.next_out = target.baseAddress
                    stream.avail_out = uInt(target.count)
                    return deflate(&stream, flush)
                }
                precondition(
                    status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR,
                    "deflate failed: \(status)")
                let produced = chunk.count - Int(stream.avail_out)
                output.append(contentsOf: chunk[0..<produced])
                if status == Z_STREAM_END { break }
                if flush != Z_FINISH && stream.avail_in == 0 && stream.avail_out != 0 { break }
            }
        }
        return output
    }

    /// Inflates a raw deflate stream, giving up (returning nil) past `limit` output bytes or on a
    /// corrupt stream. For the support library's own tests.
    public static func inflateRaw(_ input: [UInt8], limit: Int) -> [UInt8]? {
        var stream = z_stream()
        guard czlib_inflate_init2(&stream, -15) == Z_OK else { return nil }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var input = input
        return input.withUnsafeMutableBufferPointer { source -> [UInt8]? in
            stream.next_in = source.baseAddress
            stream.avail_in = uInt(source.count)
            while true {
                let status = chunk.withUnsafeMutableBufferPointer { target -> Int32 in
                    stream.next_out = target.baseAddress
                    stream.avail_out = uInt(target.count)
                    return inflate(&stream, Z_NO_FLUSH)
                }
                output.append(contentsOf: chunk[0..<(chunk.count - Int(stream.avail_out))])
                if status == Z_STREAM_END { return output }
                if status != Z_OK || output.count > limit { return nil }
            }
        }
    }

    /// The CRC-32 (ISO 3309, as zip uses it) of `bytes`, continuing from `initial`.
    public static func crc32(_ bytes: [UInt8], continuing initial: UInt32 = 0) -> UInt32 {
        bytes.withUnsafeBufferPointer { buffer in
            UInt32(CZlib.crc32(uLong(initial), buffer.baseAddress, uInt(buffer.count)))
        }
    }

    /// The CRC-32 of the concatenation A + B, given crc(A), crc(B) and B's length.
    public static func crc32Combine(_ first: UInt32, _ second: UInt32, secondLength: UInt64) -> UInt32 {
        UInt32(CZlib.crc32_combine(uLong(first), uLong(second), off_t(secondLength)))
    }

    /// The CRC-32 of `piece` repeated `count` times, computed in O(log count) combinations.
    public static func crc32(repeating pieceCRC: UInt32, pieceLength: UInt64, count: UInt64) -> UInt32 {
        var result: UInt32 = 0
        var resultLength: UInt64 = 0
        var power = pieceCRC
        var powerLength = pieceLength
        var remaining = count
        while remaining > 0 {
            if remaining & 1 == 1 {
                result = resultLength == 0 ? power : crc32Combine(result, power, secondLength: powerLength)
                resultLength += powerLength
            }
            remaining >>= 1
            if remaining > 0 {
                power = crc32Combine(power, power, secondLength: powerLength)
                powerLength *= 2
            }
        }
        return result
    }

    /// The zlib version the fixtures were deflated with (deflate output can differ between versions).
    public static var version: String { String(cString: zlibVersion()) }
}
