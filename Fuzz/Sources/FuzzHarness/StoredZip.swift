import CFuzzSupport

/// The smallest zip writer a fuzz target needs: every entry stored (method 0) with its CRC-32, a
/// central directory and an end record. No zip64, no data descriptors, no compression: the XML
/// target wants the reader to see exactly the bytes the fuzzer produced.
public struct StoredZip {
    private var body: [UInt8] = []
    private var directory: [UInt8] = []
    private var count = 0

    public init() {}

    public mutating func add(_ name: String, _ data: [UInt8]) {
        let nameBytes = Array(name.utf8)
        let crc = CRC32.checksum(data)
        let offset = UInt32(body.count)
        // Local file header.
        append32(&body, 0x0403_4B50)
        append16(&body, 20)  // version needed
        append16(&body, 0)  // flags
        append16(&body, 0)  // method: stored
        append16(&body, 0)  // time
        append16(&body, 0x21)  // date: 1980-01-01
        append32(&body, crc)
        append32(&body, UInt32(data.count))
        append32(&body, UInt32(data.count))
        append16(&body, UInt16(nameBytes.count))
        append16(&body, 0)  // extra length
        body += nameBytes
        body += data
        // Central directory header.
        append32(&directory, 0x0201_4B50)
        append16(&directory, 20)  // version made by
        append16(&directory, 20)  // version needed
        append16(&directory, 0)
        append16(&directory, 0)
        append16(&directory, 0)
        append16(&directory, 0x21)
        append32(&directory, crc)
        append32(&directory, UInt32(data.count))
        append32(&directory, UInt32(data.count))
        append16(&directory, UInt16(nameBytes.count))
        append16(&directory, 0)  // extra
        append16(&directory, 0)  // comment
        append16(&directory, 0)  // disk
        append16(&directory, 0)  // internal attributes
        append32(&directory, 0)  // external attributes
        append32(&directory, offset)
        directory += nameBytes
        count += 1
    }

    public func bytes() -> [UInt8] {
        var result = body
        result += directory
        append32(&result, 0x0605_4B50)
        append16(&result, 0)
        append16(&result, 0)
        append16(&result, UInt16(count))
        append16(&result, UInt16(count))
        append32(&result, UInt32(directory.count))
        append32(&result, UInt32(body.count))
        append16(&result, 0)  // comment length
        return result
    }

    private func append16(_ bytes: inout [UInt8], _ value: UInt16) {
        bytes.append(UInt8(value & 0xFF))
        bytes.append(UInt8(value >> 8))
    }

    private func append32(_ bytes: inout [UInt8], _ value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8((value >> UInt32(shift)) & 0xFF)) }
    }
}

/// CRC-32 as zip uses it, from zlib (C code is not slowed down by Swift's coverage hooks).
enum CRC32 {
    static func checksum(_ data: [UInt8]) -> UInt32 {
        data.withUnsafeBufferPointer { cfs_crc32($0.baseAddress, $0.count) }
    }
}
