import CZlib
import Foundation
import XLSX

/// One roster file's extraction, kept in the store by the file's SHA-256 so that the file is
/// parsed once, ever (SPEC §15, staged extraction): what the extractor made of each sheet, and
/// every data row it handed on, as sent (each cell's value). `replay` hands on the same rows in the
/// same order, so validation, findings and correction workbooks come out as from the file.
///
/// Rows are kept in chunks of `rowsPerChunk`, each deflated (a million rows of 14 cells are about
/// 300 MB as values and about a fifth of that deflated), and replayed one chunk at a time.
public struct StagedRoster: Sendable {
    public struct Chunk: Sendable {
        package var rows: Int
        /// Bytes before deflating.
        package var size: Int
        package var data: [UInt8]

        package init(rows: Int, size: Int, data: [UInt8]) {
            self.rows = rows
            self.size = size
            self.data = data
        }
    }

    static let rowsPerChunk = 20_000

    /// The sheets' outcomes, as JSON (`StagedRoster+Coding`).
    package var sheetsJSON: String
    package var chunks: [Chunk]

    package var rows: Int { chunks.reduce(0) { $0 + $1.rows } }

    package init(sheetsJSON: String, chunks: [Chunk]) {
        self.sheetsJSON = sheetsJSON
        self.chunks = chunks
    }

    /// Collects the rows of one extraction as they are handed on. With a `sink`, each chunk goes
    /// there as soon as it is full, as raw bytes for the sink to deflate (`chunk(rows:bytes:)`; a
    /// million rows are not held, even deflated); else it is deflated and kept.
    struct Builder {
        private var layouts: [(sheet: String, layout: SheetLayout)] = []
        private var bytes: [UInt8] = []
        private var rowsInChunk = 0
        private(set) var chunks: [Chunk] = []
        private(set) var rows = 0
        private let sink: ((_ index: Int, _ rows: Int, _ bytes: [UInt8]) throws -> Void)?
        private var sunk = 0

        init(sink: ((_ index: Int, _ rows: Int, _ bytes: [UInt8]) throws -> Void)? = nil) {
            self.sink = sink
        }

        mutating func add(_ row: ExtractedRow) throws {
            if layouts.last.map({ $0.sheet != row.sheet || $0.layout != row.layout }) ?? true {
                layouts.append((row.sheet, row.layout))
            }
            StagedRoster.encode(row.row, layout: layouts.count - 1, into: &bytes)
            rowsInChunk += 1
            rows += 1
            if rowsInChunk == StagedRoster.rowsPerChunk { try flush() }
        }

        private mutating func flush() throws {
            guard rowsInChunk > 0 else { return }
            if let sink {
                // The sink takes these bytes away: the next chunk starts in a buffer of its own.
                let full = bytes
                bytes = []
                bytes.reserveCapacity(full.count)
                try sink(sunk, rowsInChunk, full)
                sunk += 1
            } else {
                chunks.append(StagedRoster.chunk(rows: rowsInChunk, bytes: bytes))
                bytes.removeAll(keepingCapacity: true)
            }
            rowsInChunk = 0
        }

        /// The staged extraction, with what the extractor returned of each sheet (its chunks are
        /// the sink's when there is one).
        mutating func finish(sheets: [SheetOutcome]) throws -> StagedRoster {
            try flush()
            return StagedRoster(sheetsJSON: StagedRoster.json(sheets: sheets, layouts: layouts), chunks: chunks)
        }
    }

    /// A chunk of `rows` rows from their encoded bytes (deflated).
    static func chunk(rows: Int, bytes: [UInt8]) -> Chunk {
        Chunk(rows: rows, size: bytes.count, data: deflate(bytes))
    }

    /// Hands on every row as the extractor did, in order; returns the sheets' outcomes. Throws
    /// `StoreError.damaged` when the kept bytes do not read back.
    func replay(_ body: (ExtractedRow) throws -> Void) throws -> [SheetOutcome] {
        guard let decoded = Self.sheets(json: sheetsJSON) else {
            throw StoreError.damaged("a staged roster extraction cannot be read back (its sheets)")
        }
        for chunk in chunks {
            guard let bytes = Self.inflate(chunk.data, size: chunk.size) else {
                throw StoreError.damaged("a staged roster extraction cannot be read back (a chunk does not inflate)")
            }
            var reader = ByteReader(bytes: bytes)
            for _ in 0..<chunk.rows {
                guard let (row, layout) = Self.decode(&reader), layout < decoded.layouts.count else {
                    throw StoreError.damaged("a staged roster extraction cannot be read back (a row)")
                }
                let (sheet, sheetLayout) = decoded.layouts[layout]
                try body(ExtractedRow(sheet: sheet, row: row, layout: sheetLayout))
            }
        }
        return decoded.sheets
    }

    // MARK: - Deflate

    static func deflate(_ bytes: [UInt8]) -> [UInt8] {
        var size = compressBound(uLong(bytes.count))
        var out = [UInt8](repeating: 0, count: Int(size))
        let status = out.withUnsafeMutableBufferPointer { target in
            bytes.withUnsafeBufferPointer { source in
                compress2(target.baseAddress, &size, source.baseAddress, uLong(source.count), 1)
            }
        }
        // compressBound always suffices; memory is the only way to fail, and then nothing is kept.
        precondition(status == Z_OK, "zlib could not deflate a staged roster chunk (\(status))")
        out.removeSubrange(Int(size)...)
        return out
    }

    static func inflate(_ bytes: [UInt8], size: Int) -> [UInt8]? {
        var out = [UInt8](repeating: 0, count: size)
        var length = uLong(size)
        let status = out.withUnsafeMutableBufferPointer { target in
            bytes.withUnsafeBufferPointer { source in
                uncompress(target.baseAddress, &length, source.baseAddress, uLong(source.count))
            }
        }
        return status == Z_OK && Int(length) == size ? out : nil
    }
}
