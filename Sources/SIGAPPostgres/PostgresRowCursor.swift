import NIOCore
import PostgresNIO
import SIGAPPipeline

/// A PostgreSQL row as the stores' shared readers take one (`StoreRowCursor`): each cell's bytes
/// copied into one buffer the cursor owns, valid until the next row. The queries read through it
/// ask for text (integers cast `::text`), so a cell's bytes are its value's text as the embedded
/// store gives it.
final class PostgresRowCursor: StoreRowCursor {
    private var bytes: UnsafeMutableBufferPointer<UInt8>
    private var ranges: [Range<Int>?] = []

    init() {
        bytes = .allocate(capacity: 1 << 12)
    }

    deinit {
        bytes.deallocate()
    }

    /// Takes `row`'s cells as the current row.
    func load(_ row: PostgresRow) {
        ranges.removeAll(keepingCapacity: true)
        var used = 0
        for cell in row {
            guard let buffer = cell.bytes else {
                ranges.append(nil)
                continue
            }
            let count = buffer.readableBytes
            if used + count > bytes.count {
                let larger = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(bytes.count * 2, used + count))
                _ = larger.initialize(from: bytes[0..<used])
                bytes.deallocate()
                bytes = larger
            }
            buffer.withUnsafeReadableBytes { source in
                UnsafeMutableRawBufferPointer(rebasing: UnsafeMutableRawBufferPointer(bytes)[used..<(used + count)]).copyMemory(
                    from: source)
            }
            ranges.append(used..<(used + count))
            used += count
        }
    }

    func utf8(_ index: Int32) -> UnsafeBufferPointer<UInt8> {
        guard let range = ranges[Int(index)] else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(rebasing: bytes[range])
    }

    func text(_ index: Int32) -> String {
        String(decoding: utf8(index), as: UTF8.self)
    }

    func integer(_ index: Int32) -> Int {
        CSVTableLoad.integer(utf8(index)).map(Int.init) ?? 0
    }

    func isNull(_ index: Int32) -> Bool {
        ranges[Int(index)] == nil
    }
}
