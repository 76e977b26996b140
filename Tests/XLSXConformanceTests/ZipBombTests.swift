import Foundation
import Testing
import XLSXTestSupport

/// XLSX-READER.md item 31: inflation is capped by absolute limits on the bytes actually inflated
/// (2 GiB per entry, 4 GiB per file, or `--max-inflated`), whatever the declared sizes say, in
/// bounded time and memory; highly compressible legitimate parts still pass.
///
/// The bombs are written at test time into a temporary folder (a few MB each), never committed.
@Suite("Zip bombs (item 31)", .serialized)
struct ZipBombTests {
    static let gibibyte: UInt64 = 1 << 30
    static let mebibyte: UInt64 = 1 << 20
    static let timeLimit = Duration.seconds(10)
    static let memoryLimitKilobytes = 300 * 1024

    /// Writes `bytes` to a file in a fresh temporary folder, runs `sigap xlsx dump` on it, removes both.
    private func dump(_ name: String, _ bytes: [UInt8], options: [String] = []) throws -> (String, SigapResult) {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("sigap-conformance-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent(name)
        try Data(bytes).write(to: file)
        // Twice the limit to kill a runaway reader, so the time assertion below reports the real time.
        let result = try SigapProcess.run(["xlsx", "dump", file.path] + options, timeLimit: Self.timeLimit * 2)
        return (file.path, result)
    }

    /// Time is the child's CPU time: the wall clock also counts the other tests sharing the cores
    /// (a runaway reader is still killed at twice the limit of wall time, and fails here).
    private func expectBounded(_ result: SigapResult, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!result.timedOut, "killed after \(result.elapsed)", sourceLocation: sourceLocation)
        #expect(result.cpuTime < Self.timeLimit, "took \(result.cpuTime) of CPU time", sourceLocation: sourceLocation)
        #expect(
            result.maxResidentKilobytes < Self.memoryLimitKilobytes,
            "peak memory \(result.maxResidentKilobytes) KB", sourceLocation: sourceLocation)
    }

    @Test("31: a sheet honestly declared to inflate to 4.5 GiB is refused")
    func honestBomb() throws {
        let bytes = ZipBomb.workbook(sheetFill: Self.gibibyte * 9 / 2)
        let (path, result) = try dump("bom-jujur.xlsx", bytes)
        result.expectFailure(path: path, phrases: ["inflated size exceeds the limit"], emptyStdout: false)
        expectBounded(result)
    }

    @Test("31: a sheet declared as 4 KiB that inflates to 4.5 GiB is refused")
    func lyingBomb() throws {
        let bytes = ZipBomb.workbook(sheetFill: Self.gibibyte * 9 / 2, declaredSheetSize: 4096)
        let (path, result) = try dump("bom-bohong.xlsx", bytes)
        result.expectFailure(path: path, phrases: ["inflated size exceeds the limit"], emptyStdout: false)
        expectBounded(result)
    }

    /// Readers that stop at the declared size reject the two bombs above without inflating much; this
    /// one declares 1.5 GiB (under the 2 GiB entry cap), so the reader must really inflate 1.5 GiB
    /// before it can tell, and must do so in bounded time and memory.
    @Test("31: a sheet declared as 1.5 GiB that inflates to 4.5 GiB is refused")
    func lyingBombUnderTheCap() throws {
        let bytes = ZipBomb.workbook(sheetFill: Self.gibibyte * 9 / 2, declaredSheetSize: Self.gibibyte * 3 / 2)
        let (path, result) = try dump("bom-bohong-besar.xlsx", bytes)
        result.expectFailure(path: path, phrases: ["inflated size exceeds the limit"], emptyStdout: false)
        expectBounded(result)
    }

    @Test("31: --max-inflated lowers the per-entry cap (lying 1 GiB sheet, 64 MiB cap)")
    func lyingBombUnderLowerCap() throws {
        let bytes = ZipBomb.workbook(sheetFill: Self.gibibyte, declaredSheetSize: 4096)
        let (path, result) = try dump("bom-batas-rendah.xlsx", bytes, options: ["--max-inflated", "67108864"])
        result.expectFailure(path: path, phrases: ["inflated size exceeds the limit"], emptyStdout: false)
        expectBounded(result)
    }

    @Test("31: the cap is per file too: two 40 MiB parts under a 50 MB cap")
    func totalCap() throws {
        let bytes = ZipBomb.workbook(sheetFill: 40 * Self.mebibyte, sharedStringsFill: 40 * Self.mebibyte)
        let (path, result) = try dump("bom-total.xlsx", bytes, options: ["--max-inflated", "50000000"])
        result.expectFailure(path: path, phrases: ["inflated size exceeds the limit"], emptyStdout: false)
        expectBounded(result)
    }

    @Test(
        "31: a 40 MiB sheet compressed 1000:1 is legitimate under absolute caps",
        arguments: [
            [], ["--max-inflated", "100000000"],
        ])
    func compressibleButLegitimate(options: [String]) throws {
        let (_, result) = try dump("padat.xlsx", ZipBomb.workbook(sheetFill: 40 * Self.mebibyte), options: options)
        result.expectSuccess(lines: [##"{"row":1,"cells":[["A","s","bom"]]}"##])
        expectBounded(result)
    }

    @Test("31: 3.5 MB of styles compressed more than 100:1 are read")
    func compressibleStyles() throws {
        try SigapProcess.run(["xlsx", "dump", ConformanceFixtures.highlyCompressibleStyles.path]).expectSuccess(lines: [
            ##"{"row":1,"cells":[["A","d","2025-11-05"],["B","n",45966]]}"##
        ])
    }
}
