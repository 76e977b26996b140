import Foundation
import GRDB
import SIGAPDomain
import Testing

@testable import SIGAPPipeline

/// The staged `ledger.csv` and `findings.csv` the store loads a month's rows from while they are
/// still being written (`StagedCSV`), and what a run does when one cannot be written.
@Suite("Staged CSV files followed while they are written")
struct StagedCSVTests {
    static func folder() throws -> String {
        let path = "\(NSTemporaryDirectory())/sigap-staged-csv-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Appends `block` to the file at `path`.
    static func append(_ block: [UInt8], to path: String) throws {
        let handle = try #require(FileHandle(forWritingAtPath: path))
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(block))
    }

    @Test("a reader following a file gets every byte in order, however the writer's blocks fall, and its SHA-256 at the end")
    func follows() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = "\(folder)/ledger.csv"
        // 3.5 MiB in blocks of uneven sizes, some larger than the reader's 1 MiB.
        var blocks: [[UInt8]] = []
        var seed: UInt64 = 7
        for size in [10, 1 << 20, 3, (1 << 20) + 17, 500_000, 1, 1_200_000] {
            blocks.append(
                (0..<size).map { _ in
                    seed = seed &* 6_364_136_223_846_793_005 &+ 1
                    return UInt8(truncatingIfNeeded: seed >> 33)
                })
        }
        let file = StagedCSV(writing: path)
        let reading = BackgroundTask { () throws -> ([UInt8], String?) in
            var read: [UInt8] = []
            try file.forEachChunk { read.append(contentsOf: $0) }
            return (read, file.sha256)
        }
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        for block in blocks {
            try Self.append(block, to: path)
            file.wrote(block.count)
            usleep(2000)  // the reader catches up and waits for the next block
        }
        file.finish(sha256: "digest")
        let (read, sha256) = try reading.wait()
        #expect(read == blocks.flatMap { $0 })
        #expect(sha256 == "digest")
        // Abandoning it afterwards changes nothing.
        file.abandon()
        #expect(file.sha256 == "digest")
    }

    @Test("a reader following a file whose writer gives up fails, whether it has read some of it or none")
    func abandoned() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for written in [0, 5] {
            let path = "\(folder)/findings-\(written).csv"
            let file = StagedCSV(writing: path)
            let reading = BackgroundTask { () throws -> Int in
                var count = 0
                try file.forEachChunk { count += $0.count }
                return count
            }
            #expect(FileManager.default.createFile(atPath: path, contents: nil))
            if written > 0 {
                try Self.append(Array(repeating: UInt8(ascii: "x"), count: written), to: path)
                file.wrote(written)
            }
            file.abandon()
            let error = #expect(throws: StoreError.self) { try reading.wait() }
            #expect(error?.message.contains("was not written in full") == true, "\(String(describing: error))")
            #expect(file.sha256 == nil)
        }
        // A file handed over written is read to its end.
        let path = "\(folder)/written.csv"
        try Data("month,nik\n2025-11,1\n".utf8).write(to: URL(fileURLWithPath: path))
        var text: [UInt8] = []
        try StagedCSV(path: path, sha256: "given").forEachChunk { text.append(contentsOf: $0) }
        #expect(String(decoding: text, as: UTF8.self) == "month,nik\n2025-11,1\n")
    }

    @Test("a ledger.csv that cannot be written: the store still takes the month's lines (from the text in memory), the run says 73")
    func ledgerNotWritten() throws {
        typealias Kit = LedgerKit
        let workspace = try LedgerWorkspace()
        try workspace.roster("2025-11", "DISHUB", [Kit.rahmat, Kit.yuliani])
        try workspace.acknowledgements("2025-11", [Kit.ack("2025-11", Kit.rahmat.nik, kpj: "25110000001", status: "DITERIMA")])
        // A folder where the ledger's temporary file would go: it cannot be opened for writing.
        let blocked = OutputFolder(root: workspace.out).temporaryPath(of: "2025-11/ledger.csv")
        try FileManager.default.createDirectory(atPath: blocked, withIntermediateDirectories: true)
        let failed = try workspace.run(through: "2025-11")
        #expect(failed.exitCode == 73)
        #expect(failed.problems.contains { $0.contains("\(workspace.out)/2025-11/ledger.csv") }, "\(failed.problems)")
        #expect(!FileManager.default.fileExists(atPath: "\(workspace.out)/2025-11/ledger.csv"))
        let queue = try DatabaseQueue(path: workspace.storePath)
        let stored = try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT nik, status, premium FROM ledger_lines WHERE month = '2025-11' ORDER BY nik").map {
                "\($0["nik"] as String) \($0["status"] as String) \($0["premium"] as Int)"
            }
        }
        try queue.close()
        #expect(stored == ["\(Kit.yuliani.nik) PENDING 0", "\(Kit.rahmat.nik) COVERED 16800"].sorted())

        // Once it can be written, the next run publishes the very lines the store holds.
        try FileManager.default.removeItem(atPath: blocked)
        let again = try workspace.run(through: "2025-11")
        #expect(again.exitCode == 0)
        let published = try String(contentsOfFile: "\(workspace.out)/2025-11/ledger.csv", encoding: .utf8)
        #expect(try workspace.store().month(YearMonth("2025-11")!)?.ledgerCSV == published)
    }
}
