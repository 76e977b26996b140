import Foundation
import SIGAPFixtures
import Testing
import XLSXTestSupport

/// The demo history through the built binary (SPEC §8, §11): run November, close it, the later
/// months arrive with late acknowledgements, run again. The expected ledgers and summaries in
/// `Expected/` were checked by hand against `fixtures/demo-inbox/README.md`.
@Suite("Demo history end to end", .serialized)
struct DemoHistoryTests {
    static let root = SigapProcess.packageRoot.path
    static let expected = "\(root)/Tests/SIGAPEndToEndTests/Expected"

    /// A scratch workspace: its own inbox, out folder and store.
    struct Workspace {
        let folder: String
        var inbox: String { "\(folder)/inbox" }
        var out: String { "\(folder)/out" }
        var store: String { "\(folder)/var/sigap.sqlite" }

        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("sigap-e2e-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: "\(folder)/inbox", withIntermediateDirectories: true)
        }

        /// Copies months of the committed demo inbox into this inbox.
        func arrive(_ months: [String]) throws {
            for month in months {
                try FileManager.default.copyItem(
                    atPath: "\(DemoHistoryTests.root)/fixtures/demo-inbox/\(month)", toPath: "\(inbox)/\(month)")
            }
        }

        func sigap(_ command: String, _ extra: [String] = []) throws -> SigapResult {
            try SigapProcess.run(
                [command] + extra
                    + SigapProcess.ledgerOptions(command, pipeline: "pipelines/sigap-bekasi.yaml", inbox: inbox, out: out, store: store))
        }

        func read(_ relative: String) throws -> String {
            try String(contentsOfFile: "\(out)/\(relative)", encoding: .utf8)
        }
    }

    static func expectedFile(_ relative: String) throws -> String {
        try String(contentsOfFile: "\(expected)/\(relative)", encoding: .utf8)
    }

    static func summary(_ text: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
    }

    @Test("run November, close it, later months arrive, run again: exact ledgers, summaries and adjustments")
    func history() throws {
        let workspace = try Workspace()
        try workspace.arrive(["2025-11"])

        let first = try workspace.sigap("run", ["--through", "2025-11"])
        #expect(first.exitStatus == 0, "\(first)")
        #expect(
            first.stdoutLines.first
                == "2025-11: 7 workers, 3 covered, 1 pending, 3 rejected, total payable Rp 50.400 → \(workspace.out)/2025-11/")
        for name in ["ledger.csv", "findings.csv", "submission.csv"] {
            #expect(try workspace.read("2025-11/\(name)") == (try Self.expectedFile("2025-11/\(name)")), "2025-11/\(name)")
        }

        let close = try workspace.sigap("close", ["2025-11", "--through", "2025-11"])
        #expect(close.exitStatus == 0, "\(close)")
        #expect(try workspace.read("2025-11/summary.json") == (try Self.expectedFile("2025-11/summary.json")))
        let closedLedger = try workspace.read("2025-11/ledger.csv")

        try workspace.arrive(["2025-12", "2026-01", "2026-02"])
        let second = try workspace.sigap("run", ["--through", "2026-02"])
        // The damaged DISKOPUKM upload of December: completed, exit 65.
        #expect(second.exitStatus == 65, "\(second)")
        #expect(second.stderr.contains("2025-12/DISKOPUKM/rekap desember.xlsx: truncated or corrupt zip archive"))
        for month in ["2025-12", "2026-01", "2026-02"] {
            for name in ["ledger.csv", "summary.json", "findings.csv", "submission.csv"] {
                let actual = try workspace.read("\(month)/\(name)")
                let wanted = try Self.expectedFile("\(month)/\(name)")
                #expect(actual == wanted, "\(month)/\(name)")
            }
        }
        // The closed month was not written again.
        #expect(try workspace.read("2025-11/ledger.csv") == closedLedger)

        // December carries November's adjustments, one of them money to reclaim.
        let december = try workspace.read("2025-12/ledger.csv").split(separator: "\n").filter { $0.contains(",ADJUSTMENT,") }
        #expect(december.count == 3)
        #expect(
            december.contains {
                $0.hasPrefix("2025-12,ADJUSTMENT,2025-11,3275015203900002,") && $0.contains(",REJECTED,COVERED,NIK_TIDAK_PADAN,-16800,")
            })
        let summary = try Self.summary(try workspace.read("2025-12/summary.json"))
        #expect(summary["adjustments_premium"] as? Int == 16800)
        #expect(summary["total_payable"] as? Int == 84000)
    }

    @Test("a second run on the same inputs and store gives byte-identical CSV and JSON")
    func rerunIsIdentical() throws {
        let workspace = try Workspace()
        try workspace.arrive(["2025-11", "2025-12", "2026-01", "2026-02"])
        _ = try workspace.sigap("run", ["--through", "2025-11"])
        _ = try workspace.sigap("close", ["2025-11", "--through", "2025-11"])
        _ = try workspace.sigap("run", ["--through", "2026-02"])
        var before: [String: String] = [:]
        for month in ["2025-11", "2025-12", "2026-01", "2026-02"] {
            for name in ["ledger.csv", "summary.json", "findings.csv", "submission.csv"] {
                before["\(month)/\(name)"] = try workspace.read("\(month)/\(name)")
            }
        }
        let again = try workspace.sigap("run", ["--through", "2026-02"])
        #expect(again.exitStatus == 65)
        for (name, text) in before {
            #expect(try workspace.read(name) == text, "\(name)")
        }
    }

    @Test("the invariants of SPEC §11 hold in every month")
    func invariants() throws {
        for month in ["2025-11", "2025-12", "2026-01", "2026-02"] {
            let summary = try Self.summary(try Self.expectedFile("\(month)/summary.json"))
            let number = { (key: String) in summary[key] as! Int }
            #expect(number("workers") == number("covered") + number("rejected") + number("pending"), "\(month)")
            #expect(number("total_payable") == number("premium_due") + number("adjustments_premium"), "\(month)")
            let sources = summary["by_source"] as! [String: [String: Int]]
            let districts = summary["by_kecamatan"] as! [String: [String: Int]]
            #expect(Set(sources.keys) == ["DISHUB", "DINSOS", "DISKOPUKM", "DISDIK"])
            #expect(sources.values.map { $0["premium_due"]! }.reduce(0, +) == number("premium_due"), "\(month)")
            #expect(districts.values.map { $0["premium_due"]! }.reduce(0, +) == number("premium_due"), "\(month)")
            #expect(sources.values.map { $0["workers"]! }.reduce(0, +) == number("workers"), "\(month)")
            let reasons = summary["rejections_by_reason"] as! [String: Int]
            #expect(reasons.values.reduce(0, +) == number("rejected"), "\(month)")
            // Premiums in the ledger add up to the summary.
            let lines = try Self.expectedFile("\(month)/ledger.csv").split(separator: "\n").dropFirst()
            let premiums = lines.map { Int($0.split(separator: ",", omittingEmptySubsequences: false).dropLast().last!)! }
            #expect(premiums.reduce(0, +) == number("total_payable"), "\(month)")
        }
    }

    @Test("months close in order, never after the through month, never before being computed")
    func closingRules() throws {
        let workspace = try Workspace()
        try workspace.arrive(["2025-11", "2025-12"])
        // No store yet (SPEC §11: only run makes one).
        let never = try workspace.sigap("close", ["2025-11", "--through", "2025-12"])
        #expect(never.exitStatus == 66)
        #expect(never.stderr.contains("there is no store at"))
        _ = try workspace.sigap("run", ["--through", "2025-12"])
        let outOfOrder = try workspace.sigap("close", ["2025-12", "--through", "2025-12"])
        #expect(outOfOrder.exitStatus == 64)
        #expect(outOfOrder.stderr.contains("close 2025-11 first"))
        let future = try workspace.sigap("close", ["2025-12", "--through", "2025-11"])
        #expect(future.exitStatus == 64)
        #expect(future.stderr.contains("after the through month"))
        #expect(try workspace.sigap("close", ["2025-11", "--through", "2025-12"]).exitStatus == 0)
        let twice = try workspace.sigap("close", ["2025-11", "--through", "2025-12"])
        #expect(twice.stderr.contains("already closed"))
        let status = try workspace.sigap("status")
        #expect(status.stdoutLines.count == 2)
        #expect(status.stdoutLines[0].hasPrefix("2025-11  closed "))
        #expect(status.stdoutLines[1].hasPrefix("2025-12  open "))
    }

    @Test("the committed demo inbox is what the generator writes")
    func demoInboxIsUpToDate() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sigap-demo-\(UUID().uuidString)").path
        try DemoInbox.write(to: folder)
        let committed = "\(Self.root)/fixtures/demo-inbox"
        let generated = try FileManager.default.subpathsOfDirectory(atPath: folder).filter { !$0.hasSuffix("/") }.sorted()
        let files = generated.filter { path in
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(atPath: "\(folder)/\(path)", isDirectory: &isFolder) && !isFolder.boolValue
        }
        #expect(files.count == 14)
        for path in files {
            let fresh = FileManager.default.contents(atPath: "\(folder)/\(path)")
            let kept = FileManager.default.contents(atPath: "\(committed)/\(path)")
            #expect(fresh == kept, "fixtures/demo-inbox/\(path) differs from DemoInbox.write: regenerate with `sigap fixtures demo-inbox`")
        }
    }
}
