/// A small deterministic zip writer for test fixtures.
///
/// Every entry carries the same DOS timestamp and no platform-specific extra fields, so the same
/// entries and options always give byte-identical archives (for a given zlib version: see
/// `Zlib.version`). It writes what the reader must cope with: stored and deflated entries, ZIP64
/// records even for small archives, data descriptors with zeroed local sizes, arbitrary entry names,
/// and the defects listed in `ZipCorruption`.
public struct ZipWriter: Sendable {
    public enum Method: Sendable, Equatable {
        case stored
        case deflated
    }

    public struct Options: Sendable {
        /// Method for entries that do not choose their own.
        public var method: Method = .deflated
        /// Write ZIP64 extra fields for every entry plus a ZIP64 end of central directory record
        /// and locator; the classic end record then holds only 0xFFFF / 0xFFFFFFFF markers.
        public var zip64 = false
        /// Set general purpose bit 3: zero CRC and sizes in local headers, followed by a data
        /// descriptor after each entry's data.
        public var dataDescriptors = false
        /// Start each data descriptor with its optional signature 0x08074b50.
        public var signedDataDescriptors = true
        public var corruptions: [ZipCorruption] = []

        public init(
            method: Method = .deflated,
            zip64: Bool = false,
            dataDescriptors: Bool = false,
            signedDataDescriptors: Bool = true,
            corruptions: [ZipCorruption] = []
        ) {
            self.method = method
            self.zip64 = zip64
            self.dataDescriptors = dataDescriptors
            self.signedDataDescriptors = signedDataDescriptors
            self.corruptions = corruptions
        }
    }

    public enum Content: Sendable {
        /// Uncompressed bytes, compressed by the writer with the entry's method.
        case bytes([UInt8])
        /// An already deflated (raw) stream with the CRC-32 and size of what it inflates to: lets a
        /// test describe gigabytes of output without ever holding them.
        case deflated([UInt8], crc32: UInt32, uncompressedSize: UInt64)
    }

    public struct Entry: Sendable {
        public var name: String
        public var content: Content
        /// `nil`: the archive's `Options.method` (ignored for `.deflated` content).
        public var method: Method?

        public init(name: String, content: Content, method: Method? = nil) {
            self.name = name
            self.content = content
            self.method = method
        }
    }

    /// 2025-11-05 00:00:00, the SIGAP launch date, in MS-DOS date and time format.
    static let dosDate: UInt16 = (2025 - 1980) << 9 | 11 << 5 | 5
    static let dosTime: UInt16 = 0

    public var entries: [Entry] = []
    public var options: Options

    public init(options: Options = Options()) {
        self.options = options
    }

    public mutating func add(_ name: String, _ bytes: [UInt8], method: Method? = nil) {
        entries.append(Entry(name: name, content: .bytes(bytes), method: method))
    }

    public mutating func add(_ name: String, text: String, method: Method? = nil) {
        add(name, Array(text.utf8), method: method)
    }

    /// The complete archive.
    public func archive() -> [UInt8] {
        var prepared = entries.map(prepare)
        var output: [UInt8] = []

        let nestedEntries = Dictionary(
            uniqueKeysWithValues: options.corruptions.compactMap { corruption -> (String, String)? in
                if case .nested(let inner, let outer) = corruption { return (outer, inner) }
                return nil
            })
        let nestedNames = Set(nestedEntries.values)

        for index in prepared.indices where !nestedNames.contains(prepared[index].name) {
            if let innerName = nestedEntries[prepared[index].name],
                let innerIndex = prepared.firstIndex(where: { $0.name == innerName })
            {
                // The outer entry stores the inner entry's whole local record as its data.
                let innerRecord = localRecord(prepared[innerIndex])
                prepared[index] = PreparedEntry(
                    name: prepared[index].name, method: 0, crc: Zlib.crc32(innerRecord),
                    data: innerRecord, uncompressedSize: UInt64(innerRecord.count))
                prepared[index].offset = UInt64(output.count)
                prepared[innerIndex].offset = UInt64(output.count + localHeader(prepared[index]).count)
            } else {
                prepared[index].offset = UInt64(output.count)
            }
            output += localRecord(prepared[index])
        }

        let centralDirectoryOffset = UInt64(output.count)
        for entry in prepared {
            output += centralHeader(entry)
        }
        let centralDirectorySize = UInt64(output.count) - centralDirectoryOffset
        output += endRecords(
            count: UInt64(prepared.count), size: centralDirectorySize, offset: centralDirectoryOffset,
            zip64RecordOffset: UInt64(output.count))

        for case .truncate(let bytes) in options.corruptions where bytes < output.count {
            output.removeSubrange(bytes...)
        }
        return output
    }
}

extension ZipWriter {
    /// An entry ready to write: compressed data plus what the headers declare about it.
    struct PreparedEntry {
        var name: String
        var method: UInt16
        var crc: UInt32
        var data: [UInt8]
        var uncompressedSize: UInt64
        var offset: UInt64 = 0

        init(name: String, method: UInt16, crc: UInt32, data: [UInt8], uncompressedSize: UInt64) {
            self.name = name
            self.method = method
            self.crc = crc
            self.data = data
            self.uncompressedSize = uncompressedSize
        }
    }

    private func prepare(_ entry: Entry) -> PreparedEntry {
        switch entry.content {
        case .bytes(let bytes):
            let method = entry.method ?? options.method
            let data = method == .stored ? bytes : Zlib.deflateRaw(bytes)
            return PreparedEntry(
                name: entry.name, method: method == .stored ? 0 : 8, crc: Zlib.crc32(bytes),
                data: data, uncompressedSize: UInt64(bytes.count))
        case .deflated(let data, let crc, let size):
            return PreparedEntry(name: entry.name, method: 8, crc: crc, data: data, uncompressedSize: size)
        }
    }

    private func declaredCRC(_ entry: PreparedEntry) -> UInt32 {
        for case .wrongCRC(let name) in options.corruptions where name == entry.name {
            return entry.crc ^ 0x5A5A_5A5A
        }
        return entry.crc
    }

    private func declaredCompressedSize(_ entry: PreparedEntry) -> UInt64 {
        for case .declaredCompressedSize(let name, let size) in options.corruptions where name == entry.name {
            return size
        }
        return UInt64(entry.data.count)
    }

    private func declaredUncompressedSize(_ entry: PreparedEntry) -> UInt64 {
        for case .declaredUncompressedSize(let name, let size) in options.corruptions where name == entry.name {
            return size
        }
        return entry.uncompressedSize
    }

    private func declaredOffset(_ entry: PreparedEntry) -> UInt64 {
        for case .localHeaderOffset(let name, let offset) in options.corruptions where name == entry.name {
            return offset
        }
        for case .shiftedLocalHeaderOffset(let name, let bytes) in options.corruptions where name == entry.name {
            return UInt64(Int64(entry.offset) + bytes)
        }
        return entry.offset
    }

    /// ZIP64 fields are needed when asked for, or when a value does not fit 32 bits.
    private func needsZip64(_ entry: PreparedEntry) -> Bool {
        options.zip64
            || declaredCompressedSize(entry) >= 0xFFFF_FFFF
            || declaredUncompressedSize(entry) >= 0xFFFF_FFFF
            || declaredOffset(entry) >= 0xFFFF_FFFF
    }

    private func flags(_ entry: PreparedEntry) -> UInt16 {
        var flags: UInt16 = 0
        if options.dataDescriptors { flags |= 1 << 3 }
        if entry.name.utf8.contains(where: { $0 >= 0x80 }) { flags |= 1 << 11 }
        return flags
    }

    private func localHeader(_ entry: PreparedEntry) -> [UInt8] {
        let zip64 = needsZip64(entry)
        let name = Array(entry.name.utf8)
        let describedLater = options.dataDescriptors
        let crc = describedLater ? 0 : declaredCRC(entry)
        let compressed = describedLater ? 0 : declaredCompressedSize(entry)
        let uncompressed = describedLater ? 0 : declaredUncompressedSize(entry)

        var header: [UInt8] = []
        header.appendLittleEndian(UInt32(0x0403_4b50))
        header.appendLittleEndian(UInt16(zip64 ? 45 : 20))
        header.appendLittleEndian(flags(entry))
        header.appendLittleEndian(entry.method)
        header.appendLittleEndian(Self.dosTime)
        header.appendLittleEndian(Self.dosDate)
        header.appendLittleEndian(crc)
        header.appendLittleEndian(zip64 ? UInt32(0xFFFF_FFFF) : UInt32(compressed))
        header.appendLittleEndian(zip64 ? UInt32(0xFFFF_FFFF) : UInt32(uncompressed))
        header.appendLittleEndian(UInt16(name.count))
        header.appendLittleEndian(UInt16(zip64 ? 20 : 0))
        header += name
        if zip64 {
            // The local ZIP64 extra field holds both sizes, uncompressed first.
            header.appendLittleEndian(UInt16(0x0001))
            header.appendLittleEndian(UInt16(16))
            header.appendLittleEndian(uncompressed)
            header.appendLittleEndian(compressed)
        }
        return header
    }

    private func localRecord(_ entry: PreparedEntry) -> [UInt8] {
        var record = localHeader(entry) + entry.data
        if options.dataDescriptors {
            if options.signedDataDescriptors { record.appendLittleEndian(UInt32(0x0807_4b50)) }
            record.appendLittleEndian(declaredCRC(entry))
            if needsZip64(entry) {
                record.appendLittleEndian(declaredCompressedSize(entry))
                record.appendLittleEndian(declaredUncompressedSize(entry))
            } else {
                record.appendLittleEndian(UInt32(declaredCompressedSize(entry)))
                record.appendLittleEndian(UInt32(declaredUncompressedSize(entry)))
            }
        }
        return record
    }

    private func centralHeader(_ entry: PreparedEntry) -> [UInt8] {
        let zip64 = needsZip64(entry)
        let name = Array(entry.name.utf8)
        var header: [UInt8] = []
        header.appendLittleEndian(UInt32(0x0201_4b50))
        header.appendLittleEndian(UInt16(zip64 ? 45 : 20))  // made by: MS-DOS, spec version
        header.appendLittleEndian(UInt16(zip64 ? 45 : 20))
        header.appendLittleEndian(flags(entry))
        header.appendLittleEndian(entry.method)
        header.appendLittleEndian(Self.dosTime)
        header.appendLittleEndian(Self.dosDate)
        header.appendLittleEndian(declaredCRC(entry))
        header.appendLittleEndian(zip64 ? UInt32(0xFFFF_FFFF) : UInt32(declaredCompressedSize(entry)))
        header.appendLittleEndian(zip64 ? UInt32(0xFFFF_FFFF) : UInt32(declaredUncompressedSize(entry)))
        header.appendLittleEndian(UInt16(name.count))
        header.appendLittleEndian(UInt16(zip64 ? 28 : 0))
        header.appendLittleEndian(UInt16(0))  // comment length
        header.appendLittleEndian(UInt16(0))  // disk number start
        header.appendLittleEndian(UInt16(0))  // internal attributes
        header.appendLittleEndian(UInt32(0))  // external attributes
        header.appendLittleEndian(zip64 ? UInt32(0xFFFF_FFFF) : UInt32(declaredOffset(entry)))
        header += name
        if zip64 {
            // In the central directory the ZIP64 extra holds every field marked 0xFFFFFFFF, in order.
            header.appendLittleEndian(UInt16(0x0001))
            header.appendLittleEndian(UInt16(24))
            header.appendLittleEndian(declaredUncompressedSize(entry))
            header.appendLittleEndian(declaredCompressedSize(entry))
            header.appendLittleEndian(declaredOffset(entry))
        }
        return header
    }

    private func endRecords(count: UInt64, size: UInt64, offset: UInt64, zip64RecordOffset: UInt64) -> [UInt8] {
        let zip64 = options.zip64 || count >= 0xFFFF || size >= 0xFFFF_FFFF || offset >= 0xFFFF_FFFF
        var records: [UInt8] = []
        if zip64 {
            records.appendLittleEndian(UInt32(0x0606_4b50))
            records.appendLittleEndian(UInt64(44))  // size of the rest of this record
            records.appendLittleEndian(UInt16(45))
            records.appendLittleEndian(UInt16(45))
            records.appendLittleEndian(UInt32(0))  // this disk
            records.appendLittleEndian(UInt32(0))  // disk with the central directory
            records.appendLittleEndian(count)
            records.appendLittleEndian(count)
            records.appendLittleEndian(size)
            records.appendLittleEndian(offset)

            records.appendLittleEndian(UInt32(0x0706_4b50))
            records.appendLittleEndian(UInt32(0))
            records.appendLittleEndian(zip64RecordOffset)
            records.appendLittleEndian(UInt32(1))  // total disks
        }
        records.appendLittleEndian(UInt32(0x0605_4b50))
        records.appendLittleEndian(UInt16(0))
        records.appendLittleEndian(UInt16(0))
        records.appendLittleEndian(zip64 ? UInt16(0xFFFF) : UInt16(count))
        records.appendLittleEndian(zip64 ? UInt16(0xFFFF) : UInt16(count))
        records.appendLittleEndian(zip64 ? UInt32(0xFFFF_FFFF) : UInt32(size))
        records.appendLittleEndian(zip64 ? UInt32(0xFFFF_FFFF) : UInt32(offset))
        records.appendLittleEndian(UInt16(0))  // comment length
        return records
    }
}
