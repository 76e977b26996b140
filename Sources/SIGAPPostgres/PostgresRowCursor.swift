import Foundation
import NIOCore
import PostgresNIO
import SIGAPPipeline

/// A PostgreSQL row as the stores' shared readers take one (`StoreRowCursor`): its values' bytes
/// copied into one buffer the cursor owns, valid until the next row. The queries read through it
/// ask for text (integers cast `::text`), so a value's bytes are its text as the embedded store
/// gives it.
///
/// A row comes one of two ways. Cell by cell (`load(cells:)`): postgres-nio hands each value over as
/// a `PostgresCell`, which costs about a microsecond a value, fine for a few rows. Packed
/// (`load(packed:)`), for the queries that read a month's lines back (a million rows of 16 values):
/// the server joins the row's values into one `bytea` (`packedColumns`), each value's UTF-8 bytes
/// followed by a zero byte, NULL written as the one byte 0xFF. Neither byte can occur in a text
/// value (PostgreSQL keeps no zero byte in text, and 0xFF is never UTF-8), so the split is exact.
/// This costs the server less than giving each value its length, and the client far less than
/// taking 16 cells a row (`PostgresSession.forEachPackedRow`).
final class PostgresRowCursor: StoreRowCursor {
    private var bytes: UnsafeMutableBufferPointer<UInt8>
    /// Each value's start in `bytes` and its length; a length of -1 is NULL.
    private var starts: UnsafeMutableBufferPointer<Int>
    private var lengths: UnsafeMutableBufferPointer<Int>
    private var count = 0

    init() {
        bytes = .allocate(capacity: 1 << 12)
        starts = .allocate(capacity: 32)
        lengths = .allocate(capacity: 32)
    }

    deinit {
        bytes.deallocate()
        starts.deallocate()
        lengths.deallocate()
    }

    /// The select list that reads `columns` (SQL expressions giving text) as one packed value per
    /// row, for `load(packed:)`.
    static func packedColumns(_ columns: [String]) -> String {
        columns.map { "coalesce(textsend(\($0)), '\\xff'::bytea) || '\\x00'::bytea" }.joined(separator: " || ")
    }

    /// Takes `row`'s cells as the current row.
    func load(cells row: PostgresRow) {
        count = 0
        var used = 0
        for cell in row {
            guard let buffer = cell.bytes else {
                append(start: used, length: -1)
                continue
            }
            let length = buffer.readableBytes
            buffer.withUnsafeReadableBytes { copy($0, at: used) }
            append(start: used, length: length)
            used += length
        }
    }

    /// Takes `row`, the bytes of one value made by `packedColumns`, as the current row.
    func load(packed row: UnsafeRawBufferPointer) throws {
        count = 0
        let total = row.count
        guard total > 0 else { return }
        guard row[total - 1] == 0 else {
            throw StoreError.damaged("a row the store sent back cannot be split into its values (\(total) bytes)")
        }
        copy(row, at: 0)
        let base = UnsafeRawPointer(bytes.baseAddress!)
        var start = 0
        while start < total {
            // The last byte is a zero: there is always one ahead.
            let end = memchr(base + start, 0, total - start).map { UnsafeRawPointer($0) - base } ?? total
            let isNull = end - start == 1 && bytes[start] == 0xFF
            append(start: start, length: isNull ? -1 : end - start)
            start = end + 1
        }
    }

    private func copy(_ source: UnsafeRawBufferPointer, at offset: Int) {
        if offset + source.count > bytes.count {
            let larger = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(bytes.count * 2, offset + source.count))
            _ = larger.initialize(from: bytes[0..<offset])
            bytes.deallocate()
            bytes = larger
        }
        UnsafeMutableRawBufferPointer(bytes).baseAddress!.advanced(by: offset).copyMemory(
            from: source.baseAddress!, byteCount: source.count)
    }

    private func append(start: Int, length: Int) {
        if count == starts.count {
            let (oldStarts, oldLengths) = (starts, lengths)
            starts = .allocate(capacity: count * 2)
            lengths = .allocate(capacity: count * 2)
            _ = starts.initialize(from: oldStarts)
            _ = lengths.initialize(from: oldLengths)
            oldStarts.deallocate()
            oldLengths.deallocate()
        }
        starts[count] = start
        lengths[count] = length
        count += 1
    }

    func utf8(_ index: Int32) -> UnsafeBufferPointer<UInt8> {
        let index = Int(index)
        precondition(index < count, "column \(index) of a row of \(count)")
        let length = lengths[index]
        guard length > 0 else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: bytes.baseAddress! + starts[index], count: length)
    }

    func text(_ index: Int32) -> String {
        String(decoding: utf8(index), as: UTF8.self)
    }

    func integer(_ index: Int32) -> Int {
        CSVTableLoad.integer(utf8(index)).map(Int.init) ?? 0
    }

    func isNull(_ index: Int32) -> Bool {
        let index = Int(index)
        precondition(index < count, "column \(index) of a row of \(count)")
        return lengths[index] < 0
    }
}
