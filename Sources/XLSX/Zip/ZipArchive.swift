/// The central directory of a zip archive: entry names, sizes and offsets. Sizes come from the
/// central directory (local headers may carry zeros and a data descriptor); nothing is allocated
/// from declared counts.
final class ZipArchive: @unchecked Sendable {
    let file: ReadOnlyFile
    let entries: [ZipEntry]
    private let index: [String: Int]

    private static let endOfCentralDirectory: UInt32 = 0x0605_4B50
    private static let zip64Locator: UInt32 = 0x0706_4B50
    private static let zip64EndOfCentralDirectory: UInt32 = 0x0606_4B50
    private static let centralHeader: UInt32 = 0x0201_4B50
    private static let localHeader: UInt32 = 0x0403_4B50

    init(file: ReadOnlyFile) throws(XLSXError) {
        self.file = file
        let directory = try Self.locateCentralDirectory(in: file)
        let entries = try Self.readCentralDirectory(directory, in: file)
        try Self.checkLayout(entries, directoryOffset: directory.offset)
        var index: [String: Int] = [:]
        for (position, entry) in entries.enumerated() {
            if index[entry.key] != nil {
                throw XLSXError(.corruptArchive, "truncated or corrupt zip archive: the entry \(entry.name) appears twice")
            }
            index[entry.key] = position
        }
        self.entries = entries
        self.index = index
    }

    /// The entry for a part name (any case, either slash).
    func entry(_ partName: String) -> ZipEntry? {
        index[PartName.key(partName)].map { entries[$0] }
    }

    /// Where the entry's data starts, read from its local header.
    func dataOffset(of entry: ZipEntry) throws(XLSXError) -> Int64 {
        let header = try file.bytes(at: entry.localHeaderOffset, count: 30)
        var reader = ByteReader(header)
        guard try reader.uint32() == Self.localHeader else {
            throw XLSXError(
                .corruptArchive, "truncated or corrupt zip archive: no local header for \(entry.name) at offset \(entry.localHeaderOffset)")
        }
        try reader.skip(22)
        let nameLength = Int64(try reader.uint16())
        let extraLength = Int64(try reader.uint16())
        let start = entry.localHeaderOffset + 30 + nameLength + extraLength
        guard start + entry.compressedSize <= file.size else {
            throw XLSXError(.corruptArchive, "truncated or corrupt zip archive: the data of \(entry.name) runs past the end of the file")
        }
        return start
    }

    // MARK: - Central directory

    private struct Directory {
        var offset: Int64
        var size: Int64
        var count: UInt64
        var end: Int64
    }

    private static func locateCentralDirectory(in file: ReadOnlyFile) throws(XLSXError) -> Directory {
        let tailLength = Int(min(file.size, 22 + 65_535))
        guard tailLength >= 22 else {
            throw XLSXError(.corruptArchive, "truncated or corrupt zip archive: too short (\(file.size) bytes)")
        }
        let tailStart = file.size - Int64(tailLength)
        let tail = try file.bytes(at: tailStart, count: tailLength)
        var position = tailLength - 22
        var found: Int?
        while position >= 0 {
            if tail[position] == 0x50, tail[position + 1] == 0x4B, tail[position + 2] == 0x05, tail[position + 3] == 0x06 {
                let commentLength = Int(tail[position + 20]) | Int(tail[position + 21]) << 8
                if position + 22 + commentLength <= tailLength {
                    found = position
                    break
                }
            }
            position -= 1
        }
        guard let eocd = found else {
            throw XLSXError(.corruptArchive, "truncated or corrupt zip archive: no end of central directory record")
        }
        var reader = ByteReader(tail, at: eocd + 4)
        try reader.skip(6)
        var count = UInt64(try reader.uint16())
        var size = Int64(try reader.uint32())
        var offset = Int64(try reader.uint32())
        var end = tailStart + Int64(eocd)

        // ZIP64: a locator just before the end record points at the ZIP64 end record.
        let locatorPosition = tailStart + Int64(eocd) - 20
        if locatorPosition >= 0 {
            let locator = try file.bytes(at: locatorPosition, count: 20)
            var locatorReader = ByteReader(locator)
            if try locatorReader.uint32() == zip64Locator {
                try locatorReader.skip(4)
                let recordOffset = Int64(bitPattern: try locatorReader.uint64())
                guard recordOffset >= 0, recordOffset <= locatorPosition - 56 else {
                    throw XLSXError(.corruptArchive, "truncated or corrupt zip archive: bad ZIP64 end of central directory offset")
                }
                var record = ByteReader(try file.bytes(at: recordOffset, count: 56))
                guard try record.uint32() == zip64EndOfCentralDirectory else {
                    throw XLSXError(.corruptArchive, "truncated or corrupt zip archive: no ZIP64 end of central directory record")
                }
                try record.skip(8 + 2 + 2 + 4 + 4 + 8)
                count = try record.uint64()
                size = Int64(bitPattern: try record.uint64())
                offset = Int64(bitPattern: try record.uint64())
                end = recordOffset
            }
        }
        guard offset >= 0, size >= 0, offset <= end, size <= end - offset else {
            throw XLSXError(.corruptArchive, "truncated or corrupt zip archive: the central directory lies outside the file")
        }
        return Directory(offset: offset, size: size, count: count, end: end)
    }

    private static func readCentralDirectory(_ directory: Directory, in file: ReadOnlyFile) throws(XLSXError) -> [ZipEntry] {
        let bytes = try file.bytes(at: directory.offset, count: Int(directory.size))
        var reader = ByteReader(bytes)
        var entries: [ZipEntry] = []
        while reader.remaining >= 46 {
            guard try reader.uint32() == centralHeader else {
                throw XLSXError(.corruptArchive, "truncated or corrupt zip archive: bad central directory header")
            }
            try reader.skip(4)
            let flags = try reader.uint16()
            let method = try reader.uint16()
            try reader.skip(4)
            let crc = try reader.uint32()
            var compressed = Int64(try reader.uint32())
            var uncompressed = Int64(try reader.uint32())
            let nameLength = Int(try reader.uint16())
            let extraLength = Int(try reader.uint16())
            let commentLength = Int(try reader.uint16())
            try reader.skip(8)
            var offset = Int64(try reader.uint32())
            let nameBytes = try reader.take(nameLength)
            var extra = ByteReader(Array(try reader.take(extraLength)))
            try reader.skip(commentLength)

            while extra.remaining >= 4 {
                let id = try extra.uint16()
                let length = Int(try extra.uint16())
                guard id == 0x0001 else {
                    try extra.skip(min(length, extra.remaining))
                    continue
                }
                var field = ByteReader(Array(try extra.take(min(length, extra.remaining))))
                if uncompressed == 0xFFFF_FFFF { uncompressed = Int64(bitPattern: try field.uint64()) }
                if compressed == 0xFFFF_FFFF { compressed = Int64(bitPattern: try field.uint64()) }
                if offset == 0xFFFF_FFFF { offset = Int64(bitPattern: try field.uint64()) }
            }
            guard compressed >= 0, uncompressed >= 0, offset >= 0 else {
                throw XLSXError(.corruptArchive, "truncated or corrupt zip archive: negative sizes in the central directory")
            }
            let name = String(decoding: nameBytes, as: UTF8.self)
            entries.append(
                ZipEntry(
                    name: name, key: PartName.key(name), method: method, flags: flags, crc32: crc,
                    compressedSize: compressed, uncompressedSize: uncompressed, localHeaderOffset: offset,
                    storedNameLength: nameLength))
        }
        guard UInt64(entries.count) >= directory.count else {
            throw XLSXError(
                .corruptArchive,
                "truncated or corrupt zip archive: the central directory lists \(directory.count) entries but holds \(entries.count)")
        }
        return entries
    }

    /// Entries must not overlap each other or the central directory (a known zip bomb shape).
    private static func checkLayout(_ entries: [ZipEntry], directoryOffset: Int64) throws(XLSXError) {
        let sorted = entries.sorted { $0.localHeaderOffset < $1.localHeaderOffset }
        for (position, entry) in sorted.enumerated() {
            // Offsets and sizes may be anything up to 2^63 - 1 (ZIP64): compare by subtraction.
            if entry.localHeaderOffset > directoryOffset - 30 {
                throw XLSXError(
                    .corruptArchive,
                    "truncated or corrupt zip archive: the entry \(entry.name) points past the archive's data (offset \(entry.localHeaderOffset))"
                )
            }
            let limit = position + 1 < sorted.count ? sorted[position + 1].localHeaderOffset : directoryOffset
            if entry.compressedSize > limit - entry.localHeaderOffset - 30 - Int64(entry.storedNameLength) {
                throw XLSXError(.corruptArchive, "overlapping zip entries: \(entry.name) runs into the next record")
            }
        }
    }
}
