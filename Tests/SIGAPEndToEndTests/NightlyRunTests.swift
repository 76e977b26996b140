import Foundation
import Testing

/// The nightly job when nothing arrived (SPEC §15): the built binary run again on the demo history
/// reads no roster or acknowledgement file, writes no month's file again, leaves the store's books
/// as they were, and still says what it said before (the figures, and exit 65 for the damaged
/// upload that is still in the inbox).
@Suite("Nightly run with nothing new", .serialized)
struct NightlyRunTests {
    /// Inode and modification time of every file under the out folder but the manifests.
    static func stamps(_ folder: String) throws -> [String: [Double]] {
        var stamps: [String: [Double]] = [:]
        for name in RunWorkspace.files(under: folder) where !name.hasPrefix("runs/") {
            let attributes = try FileManager.default.attributesOfItem(atPath: "\(folder)/\(name)")
            stamps[name] = [
                (attributes[.systemFileNumber] as? NSNumber)?.doubleValue ?? -1,
                (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0,
            ]
        }
        return stamps
    }

    @Test("a second run parses no file, rewrites no output and reports the same months and exit code")
    func nothingNew() throws {
        let workspace = try RunWorkspace("nightly")
        defer { workspace.remove() }
        try workspace.arriveDemo(["2025-11"])
        #expect(try workspace.sigap("run", ["--through", "2025-11"]).exitStatus == 0)
        #expect(try workspace.sigap("close", ["2025-11", "--through", "2025-11"]).exitStatus == 0)
        try workspace.arriveDemo(["2025-12", "2026-01", "2026-02"])
        let first = try workspace.sigap("run", ["--through", "2026-02"])
        #expect(first.exitStatus == 65)
        let files = try Self.stamps(workspace.out)
        var books = try workspace.storeBooks()
        books["run"] = nil
        books["run_input"] = nil
        let manifestsBefore = workspace.manifestNames()

        let second = try workspace.sigap("run", ["--through", "2026-02"])
        #expect(second.exitStatus == 65, "\(second)")
        #expect(second.stdoutLines.filter { $0.hasPrefix("20") } == first.stdoutLines.filter { $0.hasPrefix("20") })
        #expect(second.stderr.contains("2025-12/DISKOPUKM/rekap desember.xlsx: truncated or corrupt zip archive"))
        #expect(try Self.stamps(workspace.out) == files)
        var booksAfter = try workspace.storeBooks()
        booksAfter["run"] = nil
        booksAfter["run_input"] = nil
        #expect(booksAfter == books)

        let manifest = try #require(try workspace.manifests(since: manifestsBefore).first)
        let months = manifest["months"] as? [[String: Any]] ?? []
        #expect(months.map { $0["month"] as? String } == RunWorkspace.demoMonths)
        // November is closed and December holds its adjustments (late answers for it arrived then).
        #expect(months.map { $0["action"] as? String } == ["adjustments kept", "reused", "reused", "reused"])
        // Inputs hashed, months planned, the run recorded in the store: nothing read or computed.
        let stages = (manifest["stages"] as? [[String: Any]] ?? []).compactMap { $0["stage"] as? String }
        #expect(stages == ["hash inputs", "plan", "publish"])
        #expect((manifest["outputs"] as? [Any])?.isEmpty == true)

        // `--full` computes every month again (November for its adjustments) and gives the same files.
        let texts = try RunWorkspace.demoMonths.flatMap { month in
            try ["ledger.csv", "summary.json", "findings.csv", "submission.csv"].map { try workspace.read("\(month)/\($0)") }
        }
        let full = try workspace.sigap("run", ["--through", "2026-02", "--full"])
        #expect(full.exitStatus == 65)
        let fullManifests = try workspace.manifests().filter { manifest in
            let months = manifest["months"] as? [[String: Any]] ?? []
            return months.count == 4
                && months.allSatisfy { $0["action"] as? String == "computed" && $0["because"] as? [String] == ["--full"] }
        }
        #expect(fullManifests.count == 1)
        let textsAfter = try RunWorkspace.demoMonths.flatMap { month in
            try ["ledger.csv", "summary.json", "findings.csv", "submission.csv"].map { try workspace.read("\(month)/\($0)") }
        }
        #expect(textsAfter == texts)
    }
}
