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
        var merges: [CellRange] = []
        guard let context = try prepare() else { return merges }
        // Concurrently, each batch is copied out of the parser on the parsing thread.
        try read(
            context,
            produce: { batch, _ in OwnedBatch(batch) },
            consume: { owned in
                merges += owned.merges
                try owned.withBatch(context) { batch in if batch.count > 0 { try body(batch) } }
            })
        return merges
    }

    /// Calls `body` with each row that has at least one non-empty cell, cells in column order.
    /// Returns the merged ranges.
    @discardableResult
    public func forEachRow(_ body: (Row) throws -> Void) throws -> [CellRange] {
        // The rows are built on the caller's thread: cells allocated on one thread and freed on
        // another cost more than building them here.
        var assembler = RowAssembler()
        let merges = try forEachBatch { batch in try assembler.add(batch, body) }
        try assembler.finish(body)
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

    /// What a read needs: the part, its parser and the workbook's tables.
    fileprivate struct Context {
        var entry: ZipEntry
        var parser: SAXParser
        var sharedStrings: SharedStrings
        var styles: Styles
        var isDate1904: Bool
    }

    private func prepare() throws -> Context? {
        let sharedStrings = try workbook.sharedStrings()
        guard sheet.kind != .chartsheet else { return nil }
        guard let part = sheet.part, let entry = workbook.archive.entry(part) else {
            throw XLSXError(.missingPart, "the part of sheet '\(sheet.name)' is missing", file: workbook.path)
        }
        let parser = try SAXParser(mode: CXB_MODE_SHEET, limits: workbook.limits, part: entry.name)
        return Context(entry: entry, parser: parser, sharedStrings: sharedStrings, styles: workbook.styles, isDate1904: workbook.isDate1904)
    }

    /// Reads the sheet: `produce` turns each parser batch into a payload (`last` on the final
    /// one), `consume` takes the payloads in order. For parts above 1 MiB (or as
    /// `inflatesConcurrently` says), inflating, parsing and `produce` run on other threads and
    /// only `consume` on the caller's.
    private func read<Payload>(
        _ context: Context?, produce: (borrowing CellBatch, _ last: Bool) throws -> Payload, consume: (Payload) throws -> Void
    ) throws {
        guard let context else { return }
        let parser = context.parser
        func batch(of parser: SAXParser) -> CellBatch {
            CellBatch(
                cells: parser.cells, text: parser.text, sharedStrings: context.sharedStrings, styles: context.styles,
                isDate1904: context.isDate1904, mergeRecords: parser.merges)
        }
        let reader = EntryReader(archive: workbook.archive, entry: context.entry, budget: workbook.budget)
        do {
            if inflatesConcurrently ?? (context.entry.uncompressedSize > 1 << 20) {
                try withoutActuallyEscaping(produce) { produce in
                    nonisolated(unsafe) let produce = produce
                    try Self.readConcurrently(
                        reader, parser: parser,
                        produce: { parser, last in
                            defer { parser.clearBatch() }
                            return try produce(batch(of: parser), last)
                        }, consume: consume)
                }
            } else {
                try Self.readSequentially(reader, parser: parser) { parser in
                    defer { parser.clearBatch() }
                    try consume(try produce(batch(of: parser), false))
                }
                try parser.finish()
                defer { parser.clearBatch() }
                try consume(try produce(batch(of: parser), true))
            }
        } catch let error as XLSXError {
            throw error.located(file: workbook.path, part: context.entry.name)
        }
    }

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

    /// Inflates on one thread, parses and produces on another; the caller's thread consumes.
    private static func readConcurrently<Payload>(
        _ reader: EntryReader, parser: SAXParser, produce: @escaping (SAXParser, _ last: Bool) throws -> Payload,
        consume: (Payload) throws -> Void
    ) throws {
        let pipe = HandOff<Payload>(capacity: 4)
        // The parser and `produce` belong to the producer thread until it has finished. `produce`
        // is let go before the producer says it has finished: the caller may hand a non-escaping
        // closure, which must not outlive this call.
        nonisolated(unsafe) let parser = parser
        let producer = Producer(produce)
        let thread = Thread {
            do {
                try inflateAside(reader, parser: parser) { parser in
                    if !pipe.send(try producer.produce(parser, false)) { throw CancellationError() }
                }
                try parser.finish()
                _ = pipe.send(try producer.produce(parser, true))
                producer.release()
                pipe.finish(nil)
            } catch is CancellationError {
                producer.release()
                pipe.finish(nil)
            } catch {
                producer.release()
                pipe.finish(error as? XLSXError ?? XLSXError(.io, "reading the sheet failed: \(error)"))
            }
        }
        thread.start()
        defer {
            pipe.cancel()
            pipe.waitUntilFinished()
        }
        while let payload = try pipe.receive() {
            try consume(payload)
        }
    }
}

/// Holds the producer's closure for the producer thread, so that it can be let go of before the
/// thread itself ends.
private final class Producer<Payload>: @unchecked Sendable {
    private var body: ((SAXParser, Bool) throws -> Payload)?

    init(_ body: @escaping (SAXParser, Bool) throws -> Payload) {
        self.body = body
    }

    func produce(_ parser: SAXParser, _ last: Bool) throws -> Payload {
        try body!(parser, last)
    }

    func release() { body = nil }
}

/// A copy of a parser batch that outlives the parser's buffers (to cross threads).
private struct OwnedBatch {
    var cells: [cxb_cell]
    var text: [UInt8]
    var merges: [CellRange]

    init(_ batch: borrowing CellBatch) {
        cells = Array(batch.cells)
        text = Array(batch.text)
        merges = batch.merges
    }

    func withBatch<Result>(_ context: SheetReader.Context, _ body: (borrowing CellBatch) throws -> Result) rethrows -> Result {
        try cells.withUnsafeBufferPointer { cells in
            try text.withUnsafeBufferPointer { text in
                try body(
                    CellBatch(
                        cells: cells, text: text, sharedStrings: context.sharedStrings, styles: context.styles,
                        isDate1904: context.isDate1904, mergeRecords: UnsafeBufferPointer(start: nil, count: 0)))
            }
        }
    }
}

/// Gathers the cells of consecutive batches into rows: cells in column order (a row written out of
/// order is sorted, the last of a repeated column kept), rows with no non-empty cell dropped. The
/// row's storage is reused when the caller keeps no copy.
private struct RowAssembler {
    private var current = Row(number: 0, cells: [])
    private var ordered = true

    mutating func add(_ batch: borrowing CellBatch, _ emit: (Row) throws -> Void) rethrows {
        for index in 0..<batch.count {
            let row = batch.row(at: index)
            if row != current.number {
                try flush(emit)
                current.number = row
            }
            guard let cell = batch.cell(at: index) else { continue }
            if let last = current.cells.last, last.column >= cell.column { ordered = false }
            current.cells.append(cell)
        }
    }

    /// The last row, at the end of the sheet.
    mutating func finish(_ emit: (Row) throws -> Void) rethrows { try flush(emit) }

    private mutating func flush(_ emit: (Row) throws -> Void) rethrows {
        guard !current.cells.isEmpty else { return }
        if !ordered {
            current.cells.sort { $0.column < $1.column }
            var unique: [Cell] = []
            for cell in current.cells {
                if unique.last?.column == cell.column { unique[unique.count - 1] = cell } else { unique.append(cell) }
            }
            current.cells = unique
        }
        try emit(current)
        current.cells.removeAll(keepingCapacity: true)
        ordered = true
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
