/// A minimal Compound File Binary (CFB, "OLE2") container, version 3 with 512-byte sectors.
///
/// Enough of a real container for format sniffing: a valid header, one FAT sector, one directory
/// sector with a Root Entry and the named streams (names in UTF-16LE), and the stream data in
/// regular sectors. Streams are padded to the 4,096-byte mini stream cutoff so no mini FAT is needed.
public enum CompoundFile {
    public static let signature: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]

    private static let sectorSize = 512
    private static let miniStreamCutoff = 4096
    private static let freeSector: UInt32 = 0xFFFF_FFFF
    private static let endOfChain: UInt32 = 0xFFFF_FFFE
    private static let fatSector: UInt32 = 0xFFFF_FFFD
    private static let noStream: UInt32 = 0xFFFF_FFFF

    /// A container holding `streams` (at most three, names of at most 31 UTF-16 code units) directly
    /// under the root storage.
    public static func make(streams: [(name: String, data: [UInt8])]) -> [UInt8] {
        precondition(streams.count <= 3, "one directory sector holds the root and three streams")
        let padded = streams.map { stream -> (name: String, data: [UInt8]) in
            let length = max(stream.data.count, miniStreamCutoff)
            let sectors = (length + sectorSize - 1) / sectorSize
            return (stream.name, stream.data + [UInt8](repeating: 0, count: sectors * sectorSize - stream.data.count))
        }

        // Sector 0: FAT. Sector 1: directory. Then each stream's sectors, consecutively.
        var fat: [UInt32] = [fatSector, endOfChain]
        var startSectors: [UInt32] = []
        for stream in padded {
            let first = UInt32(fat.count)
            startSectors.append(first)
            let count = stream.data.count / sectorSize
            for index in 0..<count {
                fat.append(index == count - 1 ? endOfChain : first + UInt32(index) + 1)
            }
        }
        precondition(fat.count <= sectorSize / 4, "one FAT sector maps 128 sectors")
        fat += [UInt32](repeating: freeSector, count: sectorSize / 4 - fat.count)

        var file = header()
        for entry in fat { file.appendLittleEndian(entry) }
        file += directory(
            names: padded.map(\.name), sizes: streams.map { max($0.data.count, miniStreamCutoff) },
            startSectors: startSectors)
        for stream in padded { file += stream.data }
        return file
    }

    private static func header() -> [UInt8] {
        var header = signature
        header += [UInt8](repeating: 0, count: 16)  // CLSID
        header.appendLittleEndian(UInt16(0x003E))  // minor version
        header.appendLittleEndian(UInt16(0x0003))  // major version 3
        header.appendLittleEndian(UInt16(0xFFFE))  // byte order mark
        header.appendLittleEndian(UInt16(9))  // sector shift: 512 bytes
        header.appendLittleEndian(UInt16(6))  // mini sector shift: 64 bytes
        header += [UInt8](repeating: 0, count: 6)
        header.appendLittleEndian(UInt32(0))  // directory sectors (always 0 in version 3)
        header.appendLittleEndian(UInt32(1))  // FAT sectors
        header.appendLittleEndian(UInt32(1))  // first directory sector
        header.appendLittleEndian(UInt32(0))  // transaction signature
        header.appendLittleEndian(UInt32(miniStreamCutoff))
        header.appendLittleEndian(endOfChain)  // first mini FAT sector
        header.appendLittleEndian(UInt32(0))  // mini FAT sectors
        header.appendLittleEndian(endOfChain)  // first DIFAT sector
        header.appendLittleEndian(UInt32(0))  // DIFAT sectors
        header.appendLittleEndian(UInt32(0))  // DIFAT[0]: the FAT is sector 0
        for _ in 1..<109 { header.appendLittleEndian(freeSector) }
        return header
    }

    /// Directory entries compare by name length first, then by upper-cased name.
    private static func precedes(_ left: String, _ right: String) -> Bool {
        let leftUnits = Array(left.uppercased().utf16)
        let rightUnits = Array(right.uppercased().utf16)
        if leftUnits.count != rightUnits.count { return leftUnits.count < rightUnits.count }
        return leftUnits.lexicographicallyPrecedes(rightUnits)
    }

    private static func directory(names: [String], sizes: [Int], startSectors: [UInt32]) -> [UInt8] {
        // Entry 0 is the root; stream i is entry i + 1. The streams form a binary search tree.
        let order = names.indices.sorted { precedes(names[$0], names[$1]) }
        var left = [UInt32](repeating: noStream, count: names.count)
        var right = [UInt32](repeating: noStream, count: names.count)
        func subtree(_ range: Range<Int>) -> UInt32 {
            guard !range.isEmpty else { return noStream }
            let middle = (range.lowerBound + range.upperBound) / 2
            let index = order[middle]
            left[index] = subtree(range.lowerBound..<middle)
            right[index] = subtree(middle + 1..<range.upperBound)
            return UInt32(index + 1)
        }
        let rootChild = subtree(0..<order.count)

        var sector = entry(
            name: "Root Entry", type: 5, left: noStream, right: noStream, child: rootChild,
            start: endOfChain, size: 0)
        for index in names.indices {
            sector += entry(
                name: names[index], type: 2, left: left[index], right: right[index], child: noStream,
                start: startSectors[index], size: UInt64(sizes[index]))
        }
        while sector.count < sectorSize {
            sector += entry(name: "", type: 0, left: noStream, right: noStream, child: noStream, start: 0, size: 0)
        }
        return sector
    }

    private static func entry(
        name: String, type: UInt8, left: UInt32, right: UInt32, child: UInt32, start: UInt32, size: UInt64
    ) -> [UInt8] {
        let units = Array(name.utf16)
        precondition(units.count <= 31)
        var entry: [UInt8] = []
        for unit in units { entry.appendLittleEndian(unit) }
        entry += [UInt8](repeating: 0, count: 64 - entry.count)
        entry.appendLittleEndian(UInt16(units.isEmpty ? 0 : (units.count + 1) * 2))
        entry.append(type)
        entry.append(1)  // black
        entry.appendLittleEndian(left)
        entry.appendLittleEndian(right)
        entry.appendLittleEndian(child)
        entry += [UInt8](repeating: 0, count: 16)  // CLSID
        entry.appendLittleEndian(UInt32(0))  // state bits
        entry.appendLittleEndian(UInt64(0))  // creation time
        entry.appendLittleEndian(UInt64(0))  // modification time
        entry.appendLittleEndian(start)
        entry.appendLittleEndian(size)
        return entry
    }
}
