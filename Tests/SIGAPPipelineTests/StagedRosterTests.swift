import Foundation
import SIGAPDomain
import SIGAPFixtures
import Testing
import XLSX

@testable import SIGAPPipeline

/// A roster file's extraction kept in the store (SPEC §15, staged extraction) replays exactly what
/// parsing the file gave: the same rows, cell for cell, under the same layouts, and the same
/// outcome for every sheet; the file is parsed once, and again only for another extractor.
@Suite("Staged roster extractions: parsed once, replayed the same")
struct StagedRosterTests {
    typealias Messy = RosterExtractorTests

    /// The messy rosters, and workbooks of every cell type and of sheets hidden, charts and dialogs.
    static let files: [String] =
        MessyRosterFixtures.names.map { "\(Messy.folder)/\($0)" }
        + ["18-cell-types.xlsx", "20-formulas.xlsx", "24-dates-1900.xlsx", "26-sheet-states-and-kinds.xlsx"].map {
            "\(#filePath)".replacingOccurrences(of: "Tests/SIGAPPipelineTests/StagedRosterTests.swift", with: "fixtures/xlsx/\($0)")
        }

    static func parse(_ path: String, _ extractor: RosterExtractor) throws -> ([SheetOutcome], [ExtractedRow]) {
        var rows: [ExtractedRow] = []
        let sheets = try extractor.extract(Workbook(path: path)) { rows.append($0) }
        return (sheets, rows)
    }

    @Test("replayed rows and sheet outcomes equal the parsed ones, for every fixture", arguments: files)
    func replay(path: String) throws {
        // Header rows found anywhere: the cell-type workbooks have no NIK header of their own.
        for extractor in [RosterExtractor(), RosterExtractor(pinnedHeaderRow: 1)] {
            let (sheets, rows) = try Self.parse(path, extractor)
            var builder = StagedRoster.Builder()
            for row in rows { try builder.add(row) }
            let staged = try builder.finish(sheets: sheets)
            var replayed: [ExtractedRow] = []
            let replayedSheets = try staged.replay { replayed.append($0) }
            #expect(replayedSheets == sheets)
            #expect(replayed.map(\.sheet) == rows.map(\.sheet))
            #expect(replayed.map(\.row) == rows.map(\.row))
            #expect(replayed.map(\.layout) == rows.map(\.layout))
            #expect(staged.rows == rows.count)
        }
    }

    @Test("many rows go in chunks; damaged bytes are refused, not misread")
    func chunks() throws {
        let layout = SheetLayout(headerRow: 1, columns: [.nik: 1, .name: 2], labels: [1: "NIK", 2: "NAMA"])
        var builder = StagedRoster.Builder()
        let count = StagedRoster.rowsPerChunk * 2 + 5
        for number in 2...(count + 1) {
            let cells = [
                XLSX.Cell(row: number, column: 1, value: .string("32750101019000\(number % 100)")),
                XLSX.Cell(row: number, column: 2, value: .number(Double(number) / 3), hasFormula: true, style: 7),
                XLSX.Cell(
                    row: number, column: 4,
                    value: .date(ExcelDateTime(year: 1990, month: 1, day: 1 + number % 28, hour: 1, serial: Double(number)))),
                XLSX.Cell(row: number, column: 5, value: .bool(number % 2 == 0)), XLSX.Cell(row: number, column: 9, value: .error("#N/A")),
            ]
            try builder.add(ExtractedRow(sheet: "Data", row: XLSX.Row(number: number, cells: cells), layout: layout))
        }
        let staged = try builder.finish(sheets: [])
        #expect(staged.chunks.count == 3)
        #expect(staged.rows == count)
        #expect(staged.chunks.reduce(0) { $0 + $1.data.count } < staged.chunks.reduce(0) { $0 + $1.size })
        var last: XLSX.Row?
        var seen = 0
        _ = try staged.replay { row in
            seen += 1
            last = row.row
        }
        #expect(seen == count)
        #expect(last?.number == count + 1)
        #expect(last?.cells[1] == XLSX.Cell(row: count + 1, column: 2, value: .number(Double(count + 1) / 3), hasFormula: true, style: 7))
        var damaged = staged
        damaged.chunks[1].data.removeLast(10)
        #expect(throws: StoreError.self) { _ = try damaged.replay { _ in } }
        damaged = staged
        damaged.sheetsJSON = "{"
        #expect(throws: StoreError.self) { _ = try damaged.replay { _ in } }
    }

    @Test("a busy store does not hold the parser up; chunks go in deflated, in order; a failed write is thrown")
    func chunkWriter() throws {
        final class Written: @unchecked Sendable {
            let lock = NSLock()
            var batches: [[(index: Int, chunk: StagedRoster.Chunk)]] = []
        }
        let written = Written()
        // The store's writer is held (by an acknowledgement file, in a run) until every chunk is handed over.
        let held = DispatchSemaphore(value: 0)
        let writer = StagedChunkWriter { chunks in
            written.lock.withLock { written.batches.append(chunks) }
            if chunks.first?.index == 0 { held.wait() }
        }
        let count = StagedChunkWriter.encodedLimit + 12
        let encoded = (0..<count).map { index in [UInt8](repeating: UInt8(index), count: 50_000 + index) }
        for index in 0..<count { try writer.add(index: index, rows: 100 + index, bytes: encoded[index]) }
        held.signal()
        try writer.finish()
        let chunks = written.batches.flatMap { $0 }
        #expect(chunks.map(\.index) == Array(0..<count))
        #expect(chunks.map(\.chunk.rows) == (0..<count).map { 100 + $0 })
        #expect(chunks.map { StagedRoster.inflate($0.chunk.data, size: $0.chunk.size) } == encoded)
        #expect(chunks.allSatisfy { $0.chunk.data.count < $0.chunk.size })
        // Those made while the first write waited went in together.
        #expect(written.batches.count < count)

        struct Full: Error {}
        let failing = StagedChunkWriter { _ in throw Full() }
        // Once the write failed, the parser is told (by `add`, or at the latest by `finish`).
        for index in 0..<20 { _ = try? failing.add(index: index, rows: 1, bytes: [1, 2, 3]) }
        #expect(throws: Full.self) { try failing.finish() }
        failing.abandon()
    }

    @Test("through the store: parsed once, replayed after; another extractor or other bytes parse again; gone files dropped")
    func store() throws {
        let folder = try SQLiteLedgerStoreTests.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = try SQLiteLedgerStore(path: "\(folder)/sigap.sqlite")
        let path = Self.files[0]
        let staging = RosterStaging(store: store, version: "t", digests: [path: "aaa"], keep: true)
        let (sheets, rows) = try Self.parse(path, RosterExtractor())
        for _ in 0..<3 {
            var seen: [ExtractedRow] = []
            #expect(try staging.extract(path: path, extractor: RosterExtractor(), limits: .default) { seen.append($0) } == sheets)
            #expect(seen.map(\.row) == rows.map(\.row))
        }
        #expect(staging.parsed == 1)
        #expect(staging.replayed == 2)
        // Another pinned sheet makes other rows: parsed again, kept beside the first.
        _ = try staging.extract(path: path, extractor: RosterExtractor(pinnedSheet: "Lain"), limits: .default) { _ in }
        #expect(staging.parsed == 2)
        // A dry run's staging keeps nothing.
        let dry = RosterStaging(store: store, version: "t", digests: [path: "bbb"], keep: false)
        _ = try dry.extract(path: path, extractor: RosterExtractor(), limits: .default) { _ in }
        #expect(try store.stagedRoster(sha256: "bbb", reader: "t \(RosterExtractor().fingerprint) \(ReaderLimits.default)") == nil)
        // The file left the inbox: its extractions go.
        #expect(try store.stagedRoster(sha256: "aaa", reader: "t \(RosterExtractor().fingerprint) \(ReaderLimits.default)") != nil)
        try store.dropStagedFiles(except: ["zzz"], version: "t")
        #expect(try store.stagedRoster(sha256: "aaa", reader: "t \(RosterExtractor().fingerprint) \(ReaderLimits.default)") == nil)
    }
}
