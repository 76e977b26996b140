import Foundation
import GRDB
import SIGAPDomain
import SIGAPPipeline
import SIGAPTestSupport
import Testing
import XLSXTestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// SPEC §16 and §11 as an adversarial operator meets them, on the clean demo with November and
/// December closed: seals, the store's triggers, `sigap verify`, the checks every run makes, and
/// a close that is all or nothing.
@Suite("Closed months cannot silently change")
struct ClosedBooksTests {
    /// A late BPJS answer for November (Budi Santoso, rejected then, accepted now): a run must
    /// recompute the closed November to adjust it.
    static let lateAnswer = """
        PERIODE,NIK,NAMA,KPJ,STATUS,KETERANGAN,IURAN
        2025-11,3275020101700003,BUDI SANTOSO,25110000099,DITERIMA,,16800

        """

    static func arriveLateAnswer(_ workspace: RunWorkspace) throws {
        let folder = "\(workspace.inbox)/2026-02/BPJS"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data(lateAnswer.utf8).write(to: URL(fileURLWithPath: "\(folder)/susulan-november.csv"))
    }

    /// The five views and the month table: what anyone reading the store sees of the books.
    static func books(_ workspace: RunWorkspace) throws -> [String: [[String]]] {
        try workspace.storeBooks().filter { !["run", "run_input"].contains($0.key) }
    }

    /// Runs SQL on the workspace's store as another client would.
    static func execute(_ workspace: RunWorkspace, _ sql: String) throws {
        let queue = try DatabaseQueue(path: workspace.store)
        defer { try? queue.close() }
        try queue.write { try $0.execute(sql: sql) }
    }

    /// Drops every trigger, as a determined person with the store file could.
    static func dropTriggers(_ workspace: RunWorkspace) throws {
        let queue = try DatabaseQueue(path: workspace.store)
        defer { try? queue.close() }
        try queue.write { db in
            for name in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger'") {
                try db.execute(sql: "DROP TRIGGER \(name)")
            }
        }
    }

    static func sha256(_ path: String) throws -> String { try RunWorkspace.sha256sum(path) }

    // MARK: - Seals

    @Test("closing seals the month: SEAL is the chained SHA-256 of SPEC §16 (checked with sha256sum), the report prints it, verify agrees")
    func seals() throws {
        let workspace = try StoreRulesTests.closedHistory("seals")
        defer { workspace.remove() }
        var previous = String(repeating: "0", count: 64)
        for month in ["2025-11", "2025-12"] {
            let folder = "\(workspace.out)/\(month)"
            let parts = try ["ledger.csv", "summary.json", "findings.csv"].map { try Self.sha256("\(folder)/\($0)") }
            let text = "\(previous)\n\(month)\n\(parts.joined(separator: "\n"))\n"
            let textFile = "\(workspace.folder)/seal-\(month).txt"
            try Data(text.utf8).write(to: URL(fileURLWithPath: textFile))
            let seal = try Self.sha256(textFile)
            #expect(try String(contentsOfFile: "\(folder)/SEAL", encoding: .utf8) == "\(seal)\n", "\(month)")
            #expect(try workspace.read("\(month)/report.html").contains("id=\"seal\">\(seal)</strong>"), "\(month)")
            #expect(try workspace.query("SELECT seal, previous FROM seal WHERE month = ?", [month]) == [[seal, previous]])
            previous = seal
        }
        // An open month has no seal, in its folder or its report.
        #expect(!FileManager.default.fileExists(atPath: "\(workspace.out)/2026-01/SEAL"))
        #expect(try !workspace.read("2026-01/report.html").contains("id=\"seal\""))

        let withInbox = try RunningSigap(
            ["verify", "--inbox", workspace.inbox, "--store", workspace.store], logFolder: "\(workspace.folder)/logs"
        ).wait()
        #expect(withInbox.exitStatus == 64, "\(withInbox)")
        #expect(withInbox.stderr.contains("verify does not use --inbox: leave it out"), "\(withInbox)")
        let verified = try Self.verify(workspace)
        #expect(verified.exitStatus == 0, "\(verified)")
        #expect(verified.stdoutLines.count == 3, "\(verified)")
        #expect(verified.stdoutLines[1].hasPrefix("2025-12  sealed \(previous)  ok"), "\(verified)")
        #expect(verified.stdoutLines.last == "verified: 2 closed months (2025-11 to 2025-12) agree with their seals", "\(verified)")

        // The nightly run after a late answer for November: adjusted, and the books still agree.
        try Self.arriveLateAnswer(workspace)
        let run = try workspace.sigap("run", ["--through", "2026-02"])
        #expect(run.exitStatus == 0, "\(run)")
        #expect(try workspace.read("2026-01/ledger.csv").contains("2026-01,ADJUSTMENT,2025-11,3275020101700003"))
        #expect(try Self.verify(workspace).exitStatus == 0)
    }

    @Test("months closed before seals existed (a store of migration v5) are sealed as their close published them; the next run writes SEAL")
    func sealsForEarlierClosedMonths() throws {
        let workspace = try StoreRulesTests.closedHistory("seals-v5")
        defer { workspace.remove() }
        let seals = try workspace.query("SELECT month, previous, seal FROM seal ORDER BY month")
        let reports = try ["2025-11", "2025-12"].map { try workspace.read("\($0)/report.html") }
        // The store and out folder as the version before seals left them.
        try Self.dropTriggers(workspace)
        try Self.execute(workspace, "DROP TABLE seal; DROP INDEX month_result; DELETE FROM grdb_migrations WHERE identifier LIKE 'v6%'")
        for month in ["2025-11", "2025-12"] { try FileManager.default.removeItem(atPath: "\(workspace.out)/\(month)/SEAL") }

        let run = try workspace.sigap("run", ["--through", "2026-02"])
        #expect(run.exitStatus == 0, "\(run)")
        #expect(try workspace.query("SELECT month, previous, seal FROM seal ORDER BY month") == seals)
        for (month, row) in zip(["2025-11", "2025-12"], seals) {
            #expect(try String(contentsOfFile: "\(workspace.out)/\(month)/SEAL", encoding: .utf8) == "\(row[2])\n")
        }
        #expect(try ["2025-11", "2025-12"].map { try workspace.read("\($0)/report.html") } == reports)
        #expect(try Self.verify(workspace).exitStatus == 0)
        #expect(throws: DatabaseError.self) { try Self.execute(workspace, "UPDATE month SET closed = 0") }
    }

    /// `sigap verify` with the workspace's store and out folder (it takes no inbox).
    static func verify(_ workspace: RunWorkspace) throws -> RunResult {
        try RunningSigap(
            ["verify", "--pipeline", RunWorkspace.pipeline, "--out", workspace.out, "--store", workspace.store],
            logFolder: "\(workspace.folder)/logs"
        ).wait()
    }

    // MARK: - The store refuses

    static let refusedChanges = [
        "UPDATE ledger_line SET premium = premium + 1 WHERE result_id = (SELECT result_id FROM month WHERE month = '2025-11')",
        "DELETE FROM ledger_line WHERE result_id = (SELECT result_id FROM month WHERE month = '2025-12')",
        "INSERT INTO ledger_line (result_id, line, entry, status, premium) SELECT result_id, 9999, 'REGULAR', 'COVERED', 16800 FROM month WHERE month = '2025-11'",
        "UPDATE month SET closed = 0 WHERE month = '2025-11'",
        "UPDATE month SET result_id = 1 WHERE month = '2025-12'",
        "DELETE FROM month WHERE month = '2025-12'",
        "UPDATE result SET summary_json = '{}' WHERE id = (SELECT result_id FROM month WHERE month = '2025-11')",
        "UPDATE month_total SET total_payable = 0 WHERE result_id = (SELECT result_id FROM month WHERE month = '2025-11')",
        "UPDATE finding SET message = 'x' WHERE result_id = (SELECT result_id FROM month WHERE month = '2025-11')",
        "UPDATE worker SET name = 'X' WHERE set_id = (SELECT r.worker_set FROM month m JOIN result r ON r.id = m.result_id WHERE m.month = '2025-11')",
        "DELETE FROM ack_row WHERE file IN (SELECT k.id FROM month m JOIN result_ack_file f ON f.result_id = m.result_id JOIN ack_row_file k ON k.sha256 = f.sha256 WHERE m.month = '2025-11')",
        "UPDATE ack_row SET status = 'REJECTED' WHERE file IN (SELECT k.id FROM month m JOIN result_ack_file f ON f.result_id = m.result_id JOIN ack_row_file k ON k.sha256 = f.sha256 WHERE m.month = '2025-11')",
        "UPDATE ack_row_file SET sha256 = 'x' || sha256 WHERE sha256 IN (SELECT f.sha256 FROM month m JOIN result_ack_file f ON f.result_id = m.result_id WHERE m.month = '2025-11')",
        "DELETE FROM ack_row_file WHERE sha256 IN (SELECT f.sha256 FROM month m JOIN result_ack_file f ON f.result_id = m.result_id WHERE m.month = '2025-11')",
        "DELETE FROM seal",
        "UPDATE seal SET seal = previous",
        "UPDATE seal SET published = 0",
        "INSERT INTO month (month, closed, run_id, result_id) VALUES ('2026-03', 1, 'x', 1)",
    ]

    @Test("the store refuses every change to a closed month's rows, whatever client tries (SQLite triggers)", arguments: refusedChanges)
    func triggersRefuse(_ sql: String) throws {
        let workspace = try StoreRulesTests.closedHistory("triggers")
        defer { workspace.remove() }
        let books = try Self.books(workspace)
        let error = #expect(throws: DatabaseError.self) { try Self.execute(workspace, sql) }
        #expect(error?.message?.contains("sigap: a closed month") == true, "\(String(describing: error))")
        #expect(try Self.books(workspace) == books)
        #expect(try Self.verify(workspace).exitStatus == 0)
    }

    // MARK: - Changed anyway

    enum Tampering: String, CaseIterable, CustomTestStringConvertible {
        case ledgerLine, reopened, monthDeleted, summaryEdited, findingEdited, totalEdited, publishedLedger, publishedSeal

        var testDescription: String { rawValue }

        /// The month the checks must name, and what they must say of it.
        var month: String { self == .monthDeleted ? "2025-12" : "2025-11" }
        var says: String {
            switch self {
            case .ledgerLine: "render a ledger.csv other than the sealed one"
            case .reopened: "it is sealed, but the store marks it open"
            case .monthDeleted: "the store holds its seal, but no longer the month"
            case .summaryEdited: "the summary the store keeps is not the sealed summary.json"
            case .findingEdited: "render a findings.csv other than the sealed one"
            case .totalEdited: "the store's month_summaries row says total_payable = 0, the sealed summary.json 67200"
            case .publishedLedger: "2025-11/ledger.csv is not the sealed file"
            case .publishedSeal: "2025-11/SEAL does not hold the store's seal"
            }
        }

        func apply(_ workspace: RunWorkspace) throws {
            let november = "(SELECT result_id FROM month WHERE month = '2025-11')"
            switch self {
            case .ledgerLine:
                try ClosedBooksTests.execute(
                    workspace, "UPDATE ledger_line SET premium = premium + 1 WHERE result_id = \(november) AND line = 0")
            case .reopened: try ClosedBooksTests.execute(workspace, "UPDATE month SET closed = 0 WHERE month = '2025-11'")
            case .monthDeleted: try ClosedBooksTests.execute(workspace, "DELETE FROM month WHERE month = '2025-12'")
            case .summaryEdited:
                try ClosedBooksTests.execute(
                    workspace,
                    "UPDATE result SET summary_json = replace(summary_json, '\"workers\"', '\"workers\" ') WHERE id = \(november)")
            case .findingEdited:
                try ClosedBooksTests.execute(
                    workspace, "UPDATE finding SET severity = 'warning' WHERE result_id = \(november) AND line = 0")
            case .totalEdited:
                try ClosedBooksTests.execute(workspace, "UPDATE month_total SET total_payable = 0 WHERE result_id = \(november)")
            case .publishedLedger:
                let path = "\(workspace.out)/2025-11/ledger.csv"
                let text = try String(contentsOfFile: path, encoding: .utf8)
                try Data(text.replacingOccurrences(of: ",16800,", with: ",18600,").utf8).write(to: URL(fileURLWithPath: path))
            case .publishedSeal:
                try Data("\(String(repeating: "f", count: 64))\n".utf8).write(to: URL(fileURLWithPath: "\(workspace.out)/2025-11/SEAL"))
            }
        }
    }

    @Test(
        "a closed month changed anyway (triggers dropped, or a published file edited): verify exits 70 naming it, and so does a run that recomputes it; nothing changes",
        arguments: Tampering.allCases)
    func changedAnyway(_ tampering: Tampering) throws {
        let workspace = try StoreRulesTests.closedHistory("tampered-\(tampering.rawValue)")
        defer { workspace.remove() }
        try Self.dropTriggers(workspace)
        try tampering.apply(workspace)
        let books = try Self.books(workspace)
        let outputs = workspace.outputs()

        let verify = try Self.verify(workspace)
        #expect(verify.exitStatus == 70, "\(verify)")
        #expect(verify.stderr.contains("closed month \(tampering.month) differs from its seal"), "\(verify)")
        #expect(verify.stderr.contains(tampering.says), "\(verify)")

        // The late answer makes the run recompute November: it stops before publishing anything.
        try Self.arriveLateAnswer(workspace)
        let manifests = workspace.manifestNames()
        let run = try workspace.sigap("run", ["--through", "2026-02"])
        #expect(run.exitStatus == 70, "\(run)")
        // The run's manifest says so too (SPEC §11: a manifest even when the run fails).
        #expect(try workspace.manifests(since: manifests).map { $0["exit_code"] as? Int } == [70])
        #expect(run.stderr.contains("closed month \(tampering.month) differs from its seal"), "\(run)")
        #expect(run.stderr.contains(tampering.says), "\(run)")
        #expect(workspace.outputs() == outputs)
        #expect(try Self.books(workspace) == books)
        #expect(RunWorkspace.temporaryFiles(under: workspace.out).isEmpty)
    }

    // MARK: - close, all or nothing

    @Test("a close that runs out of disk space leaves the month open and its files as they were (73); repeated, it succeeds")
    func closeOnAFullDisk() throws {
        let workspace = try RunWorkspace("close-full")
        defer { workspace.remove() }
        try workspace.arriveDemo(clean: true)
        #expect(try workspace.sigap("run", ["--through", "2026-02"]).exitStatus == 0)
        #expect(try workspace.sigap("close", ["2025-11", "--through", "2026-02"]).exitStatus == 0)
        let outputs = workspace.outputs()
        let books = try Self.books(workspace)

        // No file may grow past 16 blocks (8 or 16 KB): December's report (about 45 KB) cannot be written.
        let full = try workspace.sigap("close", ["2025-12", "--through", "2026-02"], fileSizeBlocks: 16)
        #expect(full.exitStatus == 73, "\(full)")
        #expect(full.stderr.contains("\(workspace.out)/2025-12/report.html"), "\(full)")
        #expect(full.stderr.contains("File too large"), "\(full)")
        #expect(workspace.outputs() == outputs)
        #expect(try Self.books(workspace) == books)
        #expect(RunWorkspace.temporaryFiles(under: workspace.out).isEmpty)
        #expect(try workspace.query("SELECT closed FROM month WHERE month = '2025-12'") == [["0"]])

        let again = try workspace.sigap("close", ["2025-12", "--through", "2026-02"])
        #expect(again.exitStatus == 0, "\(again)")
        #expect(FileManager.default.fileExists(atPath: "\(workspace.out)/2025-12/SEAL"))
        #expect(try Self.verify(workspace).exitStatus == 0)
    }

    @Test("a close whose store cannot be written (a full disk) leaves the month open and its files as they were; the CLI says 73")
    func closeWithAnUnwritableStore() throws {
        let workspace = try RunWorkspace("close-store")
        defer { workspace.remove() }
        try workspace.arriveDemo(["2025-11"], clean: true)
        #expect(try workspace.sigap("run", ["--through", "2025-11"]).exitStatus == 0)
        let outputs = workspace.outputs()
        let definition = try PipelineDefinition.load(path: "\(RunWorkspace.root)/\(RunWorkspace.pipeline)")
        do {
            let store = FaultyStore(inner: try SQLiteLedgerStore(path: workspace.store, mode: .existing), failing: .close)
            let error = #expect(throws: StoreError.self) {
                try MonthCloser(definition: definition, store: store, out: workspace.out)
                    .close(YearMonth("2025-11")!, through: YearMonth("2025-11")!, at: 1_765_000_000)
            }
            #expect(error?.code == .cannotWrite)
            #expect(error?.message.contains("disk is full") == true)
        }
        #expect(workspace.outputs() == outputs)
        #expect(RunWorkspace.temporaryFiles(under: workspace.out).isEmpty)
        #expect(try workspace.query("SELECT closed FROM month") == [["0"]])

        // The same through the command line: no file may grow past 128 blocks (64 or 128 KB), so the
        // report (about 45 KB) is written, but not the store's pages past that (exit 73).
        let size = try FileManager.default.attributesOfItem(atPath: workspace.store)[.size] as? Int ?? 0
        #expect(size > 128 * 1024, "the store (\(size) bytes) must be larger than the limit")
        let full = try workspace.sigap("close", ["2025-11", "--through", "2025-11"], fileSizeBlocks: 128)
        #expect(full.exitStatus == 73, "\(full)")
        #expect(full.stderr.contains("cannot write the store \(workspace.store)"), "\(full)")
        #expect(workspace.outputs() == outputs)
        #expect(RunWorkspace.temporaryFiles(under: workspace.out).isEmpty)
        #expect(try workspace.query("SELECT closed FROM month", recovering: true) == [["0"]])

        // Repeated with a store that can be written, the close succeeds.
        #expect(try workspace.sigap("close", ["2025-11", "--through", "2025-11"]).exitStatus == 0)
        #expect(try Self.verify(workspace).exitStatus == 0)
    }

    @Test(
        "a close that stops after the store closed the month (its last store write fails): 73; verify says so; the next close finishes it")
    func closeStoppedAfterTheStore() throws {
        let workspace = try RunWorkspace("close-half")
        defer { workspace.remove() }
        try workspace.arriveDemo(["2025-11"], clean: true)
        #expect(try workspace.sigap("run", ["--through", "2025-11"]).exitStatus == 0)
        let definition = try PipelineDefinition.load(path: "\(RunWorkspace.root)/\(RunWorkspace.pipeline)")
        do {
            let store = FaultyStore(inner: try SQLiteLedgerStore(path: workspace.store, mode: .existing), failing: .markPublished)
            let error = #expect(throws: StoreError.self) {
                try MonthCloser(definition: definition, store: store, out: workspace.out)
                    .close(YearMonth("2025-11")!, through: YearMonth("2025-11")!, at: 1_765_000_000)
            }
            #expect(error?.code == .cannotWrite)
        }
        #expect(try workspace.query("SELECT closed FROM month") == [["1"]])
        #expect(try workspace.query("SELECT published FROM seal") == [["0"]])
        #expect(RunWorkspace.files(under: workspace.out).allSatisfy { !$0.hasPrefix(".") }, "no staging folder left")
        let unfinished = try Self.verify(workspace)
        #expect(unfinished.exitStatus == 70, "\(unfinished)")
        #expect(unfinished.stderr.contains("its close stopped before its files were all published"), "\(unfinished)")

        let finished = try workspace.sigap("close", ["2025-11", "--through", "2025-11"])
        #expect(finished.exitStatus == 0, "\(finished)")
        #expect(finished.stdoutLines.first == "2025-11 was already closed; its files are published now (an earlier close stopped before)")
        #expect(try workspace.query("SELECT published FROM seal") == [["1"]])
        #expect(try Self.verify(workspace).exitStatus == 0)
        #expect(try workspace.sigap("close", ["2025-11", "--through", "2025-11"]).stderr.contains("already closed"))
    }

    @Test(
        "a close killed with SIGKILL at random points leaves the old state or the new one, never a mix; repeated, it ends as a clean close")
    func closeKilled() throws {
        // A clean close of December, to compare with (its sealed files do not depend on when).
        let twin = try RunWorkspace("close-twin")
        defer { twin.remove() }
        try twin.arriveDemo(clean: true)
        #expect(try twin.sigap("run", ["--through", "2026-02"]).exitStatus == 0)
        #expect(try twin.sigap("close", ["2025-11", "--through", "2026-02"]).exitStatus == 0)
        let before = twin.outputs()
        let storeBefore = try Data(contentsOf: URL(fileURLWithPath: twin.store))
        let clean = try twin.sigap("close", ["2025-12", "--through", "2026-02"])
        #expect(clean.exitStatus == 0, "\(clean)")
        let after = twin.outputs()
        let sealed = ["ledger.csv", "summary.json", "findings.csv", "SEAL"].map { "2025-12/\($0)" }
        let seal = try String(contentsOfFile: "\(twin.out)/2025-12/SEAL", encoding: .utf8).trimmingCharacters(in: .newlines)
        let span = max(Int(clean.elapsed.components.seconds * 1_000_000 + clean.elapsed.components.attoseconds / 1_000_000_000_000), 20_000)

        // Random points, drawn closer and closer to the store's step (where old and new meet): a
        // kill before it moves the next one later, a kill after the close ended moves it earlier.
        var generator = SystemRandomNumberGenerator()
        var outcomes: [String: Int] = [:]
        var center = Double(span) * 0.8
        var step = Double(span) * 0.4
        for attempt in 0..<16 {
            let workspace = try RunWorkspace("close-kill-\(attempt)")
            defer { workspace.remove() }
            try FileManager.default.createDirectory(atPath: "\(workspace.folder)/var", withIntermediateDirectories: true)
            try storeBefore.write(to: URL(fileURLWithPath: workspace.store))
            for (relative, data) in before {
                let path = "\(workspace.out)/\(relative)"
                try FileManager.default.createDirectory(
                    atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try data.write(to: URL(fileURLWithPath: path))
            }
            let jitter = Double.random(in: -0.25...0.25, using: &generator) * step
            let delay = UInt32(max(0, center + jitter))
            let close = try workspace.start("close", ["2025-12", "--through", "2026-02"])
            usleep(delay)
            close.kill()
            let killed = close.wait()
            let closed = try workspace.query("SELECT closed FROM month WHERE month = '2025-12'", recovering: true) == [["1"]]
            // A killed close's staging folder (`.2025-12.closing-PID`) is not part of the books; the
            // next command removes it.
            let now = workspace.outputs().filter { !RunWorkspace.isTemporary($0.key) && !$0.key.hasPrefix(".") }
            if !closed {
                // The old state: every file as it was.
                #expect(now == before, "attempt \(attempt) after \(delay) µs: open, yet files changed")
            } else {
                // Closed in the store: every file is whole, the old one or the new one.
                // The folder is swapped in one step: all old (not swapped yet) or all new.
                let swapped = now["2025-12/SEAL"] != nil
                for (relative, data) in now where relative.hasPrefix("2025-12/") {
                    let isNew =
                        relative == "2025-12/report.html"
                        ? String(decoding: data, as: UTF8.self).contains("id=\"seal\">\(seal)</strong>") : data == after[relative]
                    #expect(swapped ? isNew : data == before[relative], "attempt \(attempt): \(relative) is a mix of old and new")
                }
                for (relative, data) in now {
                    // The report says when the month was closed: the new one is this close's, with the seal.
                    let new =
                        relative == "2025-12/report.html"
                        ? String(decoding: data, as: UTF8.self).contains("id=\"seal\">\(seal)</strong>") : data == after[relative]
                    #expect(data == before[relative] || new, "attempt \(attempt): \(relative) is torn")
                }
            }
            let outcome = killed.exitStatus == 0 ? "finished" : closed ? "closed, files pending" : "open"
            outcomes[outcome, default: 0] += 1
            switch outcome {
            case "open": center += step
            case "finished": center = max(0, center - step)
            default: break
            }
            step = max(step * 0.7, 500)

            // Repeated (or the next run): the state of a clean close.
            let again = try workspace.sigap("close", ["2025-12", "--through", "2026-02"])
            #expect(again.exitStatus == 0 || again.stderr.contains("already closed"), "attempt \(attempt): \(again)")
            let final = workspace.outputs()
            for relative in sealed { #expect(final[relative] == after[relative], "attempt \(attempt): \(relative)") }
            #expect(try Self.verify(workspace).exitStatus == 0, "attempt \(attempt)")
        }
        // Which states the kills hit (all are allowed; printed for whoever wonders).
        print("close killed at random points: \(outcomes.sorted { $0.key < $1.key })")
    }
}
