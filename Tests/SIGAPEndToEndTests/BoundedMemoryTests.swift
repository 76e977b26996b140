import Foundation
import Testing
import XLSXTestSupport

/// Issue 11: a run's memory must not grow with its findings. A month whose every row carries a
/// warning is run beside the same month without them: its findings and correction rows all reach
/// their files, and its peak memory is that of the clean month, give or take a little. (90,000
/// rows: the build that held its findings grew by about 125 MB, a spool kept in memory by about
/// 22 MB, the spool on disk by about 3 MB.)
@Suite("Memory does not grow with findings")
struct BoundedMemoryTests {
    static let rows = 90_000

    /// Peak RSS of `sigap run` on a one-month inbox holding `roster`, with the run's result.
    static func run(_ roster: String, in folder: String) throws -> SigapResult {
        let inbox = "\(folder)/inbox"
        try FileManager.default.createDirectory(atPath: "\(inbox)/2025-11/DISHUB", withIntermediateDirectories: true)
        try FileManager.default.moveItem(atPath: roster, toPath: "\(inbox)/2025-11/DISHUB/roster.xlsx")
        return try SigapProcess.run(
            ["run", "--through", "2025-11"]
                + SigapProcess.ledgerOptions(
                    "run", pipeline: RunWorkspace.pipeline, inbox: inbox, out: "\(folder)/out", store: "\(folder)/var/sigap.sqlite"),
            timeLimit: .seconds(600))
    }

    @Test("a month whose 90,000 rows each carry a warning peaks within 10 MB of the same month without them; every finding is written")
    func warnings() throws {
        let workspace = try RunWorkspace("bounded")
        defer { workspace.remove() }
        var results: [String: SigapResult] = [:]
        for (label, flags) in [("clean", [String]()), ("warned", ["--every-row-warned"])] {
            let roster = "\(workspace.folder)/\(label).xlsx"
            let written = try SigapProcess.run(["fixtures", "roster", "--rows", "\(Self.rows)", "--out", roster] + flags)
            #expect(written.exitStatus == 0, "\(written)")
            results[label] = try Self.run(roster, in: "\(workspace.folder)/\(label)")
        }
        let clean = try #require(results["clean"])
        let warned = try #require(results["warned"])
        #expect(clean.exitStatus == 0, "\(clean)")
        #expect(warned.exitStatus == 0, "\(warned)")

        // Every row's warning is in findings.csv and its row in the correction workbook.
        let findings = try String(contentsOfFile: "\(workspace.folder)/warned/out/2025-11/findings.csv", encoding: .utf8)
        #expect(findings.split(separator: "\n").filter { $0.contains(",SEX_INVALID,warning,") }.count == Self.rows)
        let cleanFindings = try String(contentsOfFile: "\(workspace.folder)/clean/out/2025-11/findings.csv", encoding: .utf8)
        #expect(!cleanFindings.contains("SEX_INVALID"))
        let stat = try SigapProcess.run(["xlsx", "stat", "\(workspace.folder)/warned/out/2025-11/koreksi/DISHUB.xlsx"])
        // The sheet "Koreksi 1": a title, a blank row, the header, then one row per row sent.
        #expect(stat.stdout.contains("\"name\":\"Koreksi 1\",\"rows\":\(Self.rows + 2)"), "\(stat.stdout)")

        let growth = warned.maxResidentKilobytes - clean.maxResidentKilobytes
        #expect(
            growth < 10 * 1024,
            "peak RSS \(warned.maxResidentKilobytes) KB with a warning on every row, \(clean.maxResidentKilobytes) KB without")
    }
}
