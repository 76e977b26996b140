import SIGAPDomain

extension RosterEntryList {
    /// A list put aside in a nameless temporary file (`ByteSpool`) instead of the process's memory:
    /// its packed records and texts as they are, its few origins and districts as values. A million
    /// rows are about 130 MB of file, in the page cache, and read back in a fraction of a second.
    struct Spilled: Sendable {
        fileprivate let records: ByteSpool
        fileprivate let text: ByteSpool
        fileprivate let count: Int
        fileprivate let textCount: Int
        fileprivate let origins: [Origin]
        fileprivate let districts: PackedValues<DistrictValue>

        /// How many rows it holds.
        var rows: Int { count }
    }

    /// The list, kept in a file in `folder` (nil: `$TMPDIR` or `/tmp`; in memory when neither can
    /// hold one, as `ByteSpool` does).
    func spilled(in folder: String?) -> Spilled {
        let recordBytes = ByteSpool(folder: folder)
        records.withUnsafeBufferPointer { buffer in
            UnsafeRawBufferPointer(buffer).withMemoryRebound(to: UInt8.self) { recordBytes.append(contentsOf: $0) }
        }
        let textBytes = ByteSpool(folder: folder)
        text.withUnsafeBytes { textBytes.append(contentsOf: $0) }
        return Spilled(
            records: recordBytes, text: textBytes, count: records.count, textCount: text.count, origins: origins,
            districts: districts)
    }

    /// The list a `spilled(in:)` kept, as it was.
    init(_ spilled: Spilled) {
        func read<Element>(_ spool: ByteSpool, count: Int, as: Element.Type) -> GrowingBuffer<Element> {
            var reader = ByteSpool.Reader(spool)
            return GrowingBuffer<Element>(count: count) { bytes in
                // The spool holds what this process wrote: a short read is a broken temporary
                // file, and a list with rows missing must never come of it.
                guard reader.read(into: bytes) else { fatalError("a spilled roster list was read back short") }
            }
        }
        self.init(
            records: read(spilled.records, count: spilled.count, as: Record.self),
            text: PackedText(packed: read(spilled.text, count: spilled.textCount, as: UInt8.self)),
            origins: spilled.origins, districts: spilled.districts)
    }
}
