import CXMLBridge
import Foundation

/// Streams one worksheet: the part is inflated in chunks and fed to libxml2's push parser; cells
/// come out in batches. Memory stays constant whatever the sheet's size (the `<dimension>` hint is
/// never used to allocate).
public struct SheetReader: Sendable {
    let workbook: Workbook
    public let sheet: SheetInfo
    /// Inflate on a second thread while parsing on this one. Default: for parts above 1 MiB.
    public var inflatesConcurrently: Bool?

    init(workbook: Workbook, sheet: SheetInfo) {
        self.workbook = workbook
        self.sheet = sheet
    }

    /// Calls `body` with each batch of cells, in document order. Returns the merged ranges.
    @discardableResult
    public func forEachBatch(_ body: (borrowing CellBatch) throws -> Void) throws -> [CellRange] {
        let sharedStrings = try workbook.sharedStrings()
        var merges: [CellRange] = []
        guard sheet.kind != .chartsheet else { return merges }
        guard let part = sheet.part, let entry = workbook.archive.entry(part) else {
            throw XLSXError(.missingPart, "the part of sheet '\(sheet.name)' is missing", file: workbook.path)
        }
        let parser = try SAXParser(mode: CXB_MODE_SHEET, limits: workbook.limits, part: entry.name)
        func deliver(cells: UnsafeBufferPointer<cxb_cell>, text: UnsafeBufferPointer<UInt8>, newMerges: UnsafeBufferPointer<cxb_merge>)
            throws
        {
            for merge in newMerges {
                merges.append(
                    CellRange(
                        firstRow: Int(merge.first_row), firstColumn: Int(merge.first_column),
                        lastRow: Int(merge.last_row), lastColumn: Int(merge.last_column)))
            }
            let batch = CellBatch(
                cells: cells, text: text, sharedStrings: sharedStrings, styles: workbook.styles, isDate1904: workbook.isDate1904)
            if batch.count > 0 { try body(batch) }
        }
        func drain(_ parser: SAXParser) throws {
            try deliver(cells: parser.cells, text: parser.text, newMerges: parser.merges)
            parser.clearBatch()
        }
        let reader = EntryReader(archive: workbook.archive, entry: entry, budget: workbook.budget)
        do {
            if inflatesConcurrently ?? (entry.uncompressedSize > 1 << 20) {
                try Self.readConcurrently(reader, parser: parser, deliver: deliver)
            } else {
                try Self.readSequentially(reader, parser: parser, drain: drain)
                try parser.finish()
                try drain(parser)
            }
        } catch let error as XLSXError {
            throw error.located(file: workbook.path, part: entry.name)
        }
        return merges
    }

    /// Calls `body` with each row that has at least one non-empty cell, cells in column order.
    /// Returns the merged ranges.
    @discardableResult
    public func forEachRow(_ body: (Row) throws -> Void) throws -> [CellRange] {
        var current = Row(number: 0, cells: [])
        var ordered = true
        func flush() throws {
            guard !current.cells.isEmpty else { return }
            if !ordered {
                current.cells.sort { $0.column < $1.column }
                var unique: [Cell] = []
                for cell in current.cells {
                    if unique.last?.column == cell.column { unique[unique.count - 1] = cell } else { unique.append(cell) }
                }
                current.cells = unique
            }
            try body(current)
            current.cells.removeAll(keepingCapacity: true)
            ordered = true
        }
        let merges = try forEachBatch { batch in
            for index in 0..<batch.count {
                let row = batch.row(at: index)
                if row != current.number {
                    try flush()
                    current.number = row
                }
                guard let cell = batch.cell(at: index) else { continue }
                if let last = current.cells.last, last.column >= cell.column { ordered = false }
                current.cells.append(cell)
            }
        }
        try flush()
        return merges
    }

    /// Reads every cell, decoding each value (shared strings resolved, numbers parsed, dates
    /// converted) without keeping any: the reader's benchmark.
    public func statistics() throws -> SheetStatistics {
        var statistics = SheetStatistics()
        var counts = [Int](repeating: 0, count: CellKind.allCases.count)
        var rowsSeen = RowSet()
        try forEachBatch { batch in
            for index in 0..<batch.count {
                guard let kind = batch.kind(at: index) else { continue }
                switch kind {
                case .string: counts[0] += 1
                case .number: counts[1] += 1
                case .bool: counts[2] += 1
                case .error: counts[3] += 1
                case .date: counts[4] += 1
                }
                rowsSeen.insert(batch.row(at: index))
            }
        }
        for (position, kind) in CellKind.allCases.enumerated() { statistics.cells[kind] = counts[position] }
        statistics.rows = rowsSeen.count
        return statistics
    }

    // MARK: - Reading strategies

    private static func readSequentially(_ reader: EntryReader, parser: SAXParser, drain: (SAXParser) throws -> Void) throws {
        var failure: (any Error)?
        try reader.read { (chunk) throws(XLSXError) -> Bool in
            try parser.feed(chunk)
            do {
                try drain(parser)
            } catch {
                failure = error
                return false
            }
            return true
        }
        if let failure { throw failure }
    }

    /// Inflates on one thread and parses on this one.
    private static func inflateAside(_ reader: EntryReader, parser: SAXParser, drain: (SAXParser) throws -> Void) throws {
        let pipe = ChunkPipe(buffers: 4, size: EntryReader.chunkSize)
        let thread = Thread {
            do {
                try reader.read { chunk in pipe.send(chunk) }
                pipe.finish(nil)
            } catch {
                pipe.finish(error as? XLSXError ?? XLSXError(.io, "inflating failed: \(error)"))
            }
        }
        thread.start()
        defer {
            pipe.cancel()
            pipe.waitUntilFinished()
        }
        while let (buffer, count) = try pipe.receive() {
            defer { pipe.recycle(buffer) }
            try parser.feed(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
            try drain(parser)
        }
    }

    /// Inflates and parses on other threads; the caller's thread gets copies of the batches.
    private static func readConcurrently(
        _ reader: EntryReader, parser: SAXParser,
        deliver: (UnsafeBufferPointer<cxb_cell>, UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<cxb_merge>) throws -> Void
    ) throws {
        let pipe = BatchPipe(slots: 4)
        // The parser moves to the producer thread for the whole read; this thread touches it no more.
        nonisolated(unsafe) let parser = parser
        let thread = Thread {
            func handOver() -> Bool {
                guard let slot = pipe.slot() else { return false }
                slot.fill(from: parser)
                parser.clearBatch()
                pipe.send(slot)
                return true
            }
            do {
                // A third thread inflates: the XML layer alone is what the caller's thread waits on.
                try inflateAside(reader, parser: parser) { parser in
                    if !handOver() { throw CancellationError() }
                }
                try parser.finish()
                _ = handOver()
                pipe.finish(nil)
            } catch is CancellationError {
                pipe.finish(nil)
            } catch {
                pipe.finish(error as? XLSXError ?? XLSXError(.io, "reading the sheet failed: \(error)"))
            }
        }
        thread.start()
        defer {
            pipe.cancel()
            pipe.waitUntilFinished()
        }
        while let slot = try pipe.receive() {
            defer { pipe.recycle(slot) }
            try slot.cells.withUnsafeBufferPointer { cells in
                try slot.text.withUnsafeBufferPointer { text in
                    try slot.merges.withUnsafeBufferPointer { merges in try deliver(cells, text, merges) }
                }
            }
        }
    }
}

/// The set of row numbers seen (1...1,048,576) as a bitmap: 128 KiB whatever the sheet.
private struct RowSet {
    private var words = [UInt64](repeating: 0, count: (1_048_576 >> 6) + 1)
    private(set) var count = 0
    private var last = -1

    mutating func insert(_ row: Int) {
        guard row != last else { return }
        last = row
        let word = row >> 6, bit = UInt64(1) << UInt64(row & 63)
        if words[word] & bit == 0 {
            words[word] |= bit
            count += 1
        }
    }
}
