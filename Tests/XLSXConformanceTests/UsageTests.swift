import Testing
import XLSXTestSupport

/// The command-line contract around the reader: sheet selection, options, missing files.
@Suite("Usage (exit 64 and 66)")
struct UsageTests {
    typealias F = ConformanceFixtures

    @Test(
        "Usage: an unknown sheet name or an index out of range exits 64",
        arguments: [
            ["--sheet", "Tidak Ada"], ["--sheet-index", "8"], ["--sheet-index", "0"],
        ])
    func unknownSheet(selection: [String]) throws {
        let path = F.sheetStatesAndKinds.path
        let result = try SigapProcess.run(["xlsx", "dump", path] + selection)
        result.expectFailure(status: 64, path: path, phrases: selection[0] == "--sheet" ? ["Tidak Ada"] : [])
    }

    @Test("Usage: a missing file exits 66")
    func missingFile() throws {
        let path = "fixtures/xlsx/tidak-ada.xlsx"
        for command in ["sheets", "dump", "stat"] {
            try SigapProcess.run(["xlsx", command, path]).expectFailure(status: 66, path: path, phrases: [])
        }
    }

    @Test(
        "Usage: --sheet and --sheet-index together, or a bad --max-inflated, exit 64",
        arguments: [
            ["--sheet", "Rekap", "--sheet-index", "2"], ["--max-inflated", "banyak"], ["--max-inflated", "-1"],
        ])
    func badOptions(options: [String]) throws {
        let path = F.sheetStatesAndKinds.path
        let result = try SigapProcess.run(["xlsx", "dump", path] + options)
        #expect(result.exitStatus == 64, "\(result)")
        #expect(result.stdout == "", "stdout: \(result.stdout.prefix(300))")
        #expect(result.stderr.hasPrefix("error: ") || result.stderr.hasPrefix("Error: "), "stderr: \(result.stderr)")
    }
}
