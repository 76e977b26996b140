import Foundation
import SIGAPDomain
import SIGAPPipeline
import SIGAPTestSupport
import Testing
import XLSXTestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// Every exit code of SPEC §11, each produced through the built binary the way cron meets it, with
/// what an operator checks next: the message on stderr, and what was (not) written.
@Suite("Exit codes of SPEC §11")
struct ExitCodeTests {
    @Test("0: a clean inbox, every input file read")
    func completed() throws {
        let workspace = try RunWorkspace("exit0")
        try workspace.arriveDemo(clean: true)
        let run = try workspace.sigap("run", ["--through", "2026-02"])
        #expect(run.exitStatus == 0, "\(run)")
        #expect(!run.stderr.contains("problem:"), "\(run)")
        #expect(run.stdoutLines.filter { $0.contains(" workers, ") }.count == 4, "\(run)")
        let manifests = try workspace.manifests()
        #expect(manifests.count == 1)
        #expect(manifests.first?["exit_code"] as? Int == 0)
    }

    @Test("64: a bad option value; closing a month never computed")
    func usage() throws {
        let workspace = try RunWorkspace("exit64")
        try workspace.arriveDemo(clean: true)
        let badMonth = try workspace.sigap("run", ["--through", "bukan-bulan"])
        #expect(badMonth.exitStatus == 64, "\(badMonth)")
        #expect(badMonth.stderr.contains("--through"), "\(badMonth)")
        #expect(badMonth.stderr.contains("bukan-bulan"), "\(badMonth)")

        let badFormat = try workspace.sigap("run", ["--through", "2025-11", "--log-format", "xml"])
        #expect(badFormat.exitStatus == 64, "\(badFormat)")

        let notAMonth = try workspace.sigap("close", ["November", "--through", "2025-11"])
        #expect(notAMonth.exitStatus == 64, "\(notAMonth)")
        // A usage error does nothing.
        #expect(RunWorkspace.files(under: workspace.out).isEmpty)

        #expect(try workspace.sigap("run", ["--through", "2025-11"]).exitStatus == 0)
        let outputs = workspace.outputs()
        let never = try workspace.sigap("close", ["2025-12", "--through", "2025-12"])
        #expect(never.exitStatus == 64, "\(never)")
        #expect(never.stderr.contains("never been computed"), "\(never)")
        #expect(workspace.outputs() == outputs)
    }

    @Test("65: the demo inbox as shipped (a damaged upload); an undeclared agency folder")
    func unreadableInput() throws {
        let workspace = try RunWorkspace("exit65")
        try workspace.arriveDemo()
        let run = try workspace.sigap("run", ["--through", "2026-02"])
        #expect(run.exitStatus == 65, "\(run)")
        #expect(run.stderr.contains("\(RunWorkspace.damagedUpload): truncated or corrupt zip archive"), "\(run)")
        // Completed nonetheless: every month published, the cause in December's findings.
        for month in RunWorkspace.demoMonths {
            #expect(FileManager.default.fileExists(atPath: "\(workspace.out)/\(month)/ledger.csv"), "\(month)")
        }
        let findings = try workspace.read("2025-12/findings.csv")
        #expect(findings.contains("\(RunWorkspace.damagedUpload)") && findings.contains("FILE_UNREADABLE"))
        #expect(try workspace.manifests().map { $0["exit_code"] as? Int } == [65])

        let undeclared = try RunWorkspace("exit65-undeclared")
        try undeclared.arriveDemo(["2025-11"], clean: true)
        try FileManager.default.createDirectory(atPath: "\(undeclared.inbox)/2025-11/DISNAKER", withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            atPath: "\(RunWorkspace.demoInbox)/2025-11/DINSOS/dinsos-nov.xlsx", toPath: "\(undeclared.inbox)/2025-11/DISNAKER/pekerja.xlsx")
        let stray = try undeclared.sigap("run", ["--through", "2025-11"])
        #expect(stray.exitStatus == 65, "\(stray)")
        #expect(stray.stderr.contains("DISNAKER"), "\(stray)")
        #expect(FileManager.default.fileExists(atPath: "\(undeclared.out)/2025-11/ledger.csv"))
    }

    @Test("66: the inbox is missing")
    func missingInbox() throws {
        let workspace = try RunWorkspace("exit66")
        let nowhere = "\(workspace.folder)/tidak-ada"
        let run = try workspace.sigap("run", ["--through", "2025-11"], overrides: ["--inbox": nowhere])
        #expect(run.exitStatus == 66, "\(run)")
        #expect(run.stderr.contains(nowhere), "\(run)")
        #expect(RunWorkspace.files(under: workspace.out).filter { !$0.hasPrefix("runs/") }.isEmpty)
    }

    /// SIGAP's invariants hold on real inputs, so the run is asked to break one: in-process, through
    /// the `package` test hook `RunOptions.summaryFault`.
    @Test("70: an invariant violated publishes nothing but the manifest, and leaves the store as it was")
    func invariantViolated() throws {
        let workspace = try RunWorkspace("exit70")
        try workspace.arriveDemo(["2025-11"], clean: true)
        let first = try workspace.sigap("run", ["--through", "2025-11"])
        #expect(first.exitStatus == 0, "\(first)")
        let outputs = workspace.outputs()
        let store = try workspace.storeBooks()
        let status = try workspace.sigap("status")
        let manifestsBefore = workspace.manifestNames()
        #expect(!outputs.isEmpty && !store.isEmpty)

        try workspace.arriveDemo(["2025-12", "2026-01", "2026-02"], clean: true)
        let definition = try PipelineDefinition.load(path: "\(SigapProcess.packageRoot.path)/\(RunWorkspace.pipeline)")
        var options = RunOptions(
            definition: definition, definitionPath: RunWorkspace.pipeline, inbox: workspace.inbox, out: workspace.out,
            store: workspace.store, through: YearMonth("2026-02")!, now: Int(Date().timeIntervalSince1970), toolVersion: "test")
        options.summaryFault = { summary in
            var broken = summary
            broken.workers += 1
            return broken
        }
        let log = RunLog { _ in }
        let outcome = try PipelineRun(options: options, store: try SQLiteLedgerStore(path: workspace.store), log: log).execute()
        let logged = log.lines.joined(separator: "\n")
        #expect(outcome.exitCode == 70)
        #expect(logged.contains("invariant violated"), "\(logged)")
        #expect(logged.contains("workers != covered + rejected + pending"), "\(logged)")

        // Nothing published: November's files as they were, no later month, no temporary file.
        #expect(workspace.outputs() == outputs)
        #expect(RunWorkspace.temporaryFiles(under: workspace.out).isEmpty)
        // The store's books unchanged: every view and table a reader sees (the rows the run
        // wrote as it went are under a result no month points at, and are dropped later).
        #expect(try workspace.storeBooks() == store)
        #expect(try workspace.sigap("status").stdout == status.stdout)
        // But the failed run has its manifest, saying why.
        let manifests = try workspace.manifests(since: manifestsBefore)
        #expect(manifests.count == 1)
        let manifest = try #require(manifests.first)
        #expect(manifest["exit_code"] as? Int == 70)
        #expect((manifest["outputs"] as? [Any])?.isEmpty == true)
        #expect((manifest["problems"] as? [String])?.contains { $0.contains("workers != covered + rejected + pending") } == true)
        #expect((manifest["inputs"] as? [Any])?.isEmpty == false)
    }

    /// A store that cannot be saved (a full disk, say), in-process: the run computes everything and
    /// writes workbooks and ledgers at temporary paths meanwhile, none of which may be left behind.
    @Test("73: a store that cannot be saved: no output, no temporary file, no month folder; the manifest says why")
    func storeSaveFails() throws {
        let workspace = try RunWorkspace("exit73-save")
        try workspace.arriveDemo(["2025-11", "2025-12"], clean: true)
        let definition = try PipelineDefinition.load(path: "\(SigapProcess.packageRoot.path)/\(RunWorkspace.pipeline)")
        let options = RunOptions(
            definition: definition, definitionPath: RunWorkspace.pipeline, inbox: workspace.inbox, out: workspace.out,
            store: workspace.store, through: YearMonth("2025-12")!, now: Int(Date().timeIntervalSince1970), toolVersion: "test")
        let store = FaultyStore(inner: try SQLiteLedgerStore(path: workspace.store), failing: .save)
        let outcome = try PipelineRun(options: options, store: store, log: RunLog { _ in }).execute()
        #expect(outcome.exitCode == 73)
        #expect(outcome.problems.contains { $0.contains("disk is full") }, "\(outcome.problems)")
        #expect(outcome.published.isEmpty)
        #expect(RunWorkspace.files(under: workspace.out).allSatisfy { $0.hasPrefix("runs/") })
        #expect(RunWorkspace.temporaryFiles(under: workspace.out).isEmpty)
        for month in ["2025-11", "2025-12"] {
            #expect(!FileManager.default.fileExists(atPath: "\(workspace.out)/\(month)"), "\(month)")
        }
    }

    /// A month's rows go into the store while the next month is computed: when they cannot, the
    /// run stops with the store's error once it waits for them, before anything is published.
    @Test("73: a month's rows that cannot go into the store while the next is computed: nothing published or left behind")
    func storeLoadFails() throws {
        let workspace = try RunWorkspace("exit73-load")
        try workspace.arriveDemo(["2025-11", "2025-12", "2026-01"], clean: true)
        let definition = try PipelineDefinition.load(path: "\(SigapProcess.packageRoot.path)/\(RunWorkspace.pipeline)")
        let options = RunOptions(
            definition: definition, definitionPath: RunWorkspace.pipeline, inbox: workspace.inbox, out: workspace.out,
            store: workspace.store, through: YearMonth("2026-01")!, now: Int(Date().timeIntervalSince1970), toolVersion: "test")
        let store = FaultyStore(inner: try SQLiteLedgerStore(path: workspace.store), failing: .stageResult(YearMonth("2025-11")!))
        #expect {
            _ = try PipelineRun(options: options, store: store, log: RunLog { _ in }).execute()
        } throws: { error in
            (error as? StoreError)?.description.contains("disk is full") == true
        }
        #expect(RunWorkspace.temporaryFiles(under: workspace.out).isEmpty)
        for month in ["2025-11", "2025-12", "2026-01"] {
            #expect(!FileManager.default.fileExists(atPath: "\(workspace.out)/\(month)/ledger.csv"), "\(month)")
        }
        #expect(try SQLiteLedgerStore(path: workspace.store).months(ledgers: false).isEmpty)
        // The next night, with the disk freed, publishes all three months.
        let run = try workspace.sigap("run", ["--through", "2026-01"])
        #expect(run.exitStatus == 0, "\(run)")
        for month in ["2025-11", "2025-12", "2026-01"] {
            #expect(FileManager.default.fileExists(atPath: "\(workspace.out)/\(month)/ledger.csv"), "\(month)")
        }
    }

    enum Unwritable: String, CaseIterable, CustomTestStringConvertible {
        case out = "--out"
        case store = "--store"
        case metrics = "--metrics-file"
        var testDescription: String { rawValue }
    }

    /// Tests run as root, whom file modes do not stop: each path lies under a regular file.
    @Test("73: an unwritable out folder, store or metrics file", arguments: Unwritable.allCases)
    func cannotWrite(_ what: Unwritable) throws {
        let workspace = try RunWorkspace("exit73")
        try workspace.arriveDemo(["2025-11"], clean: true)
        let blocker = "\(workspace.folder)/berkas-biasa"
        try Data("not a folder\n".utf8).write(to: URL(fileURLWithPath: blocker))
        let target = "\(blocker)/\(what == .store ? "sigap.sqlite" : what == .metrics ? "sigap.prom" : "out")"
        let run =
            switch what {
            case .metrics: try workspace.sigap("run", ["--through", "2025-11", "--metrics-file", target])
            default: try workspace.sigap("run", ["--through", "2025-11"], overrides: [what.rawValue: target])
            }
        #expect(run.exitStatus == 73, "\(run)")
        #expect(run.stderr.contains(blocker), "the message names the path: \(run)")
        // Whatever a failed run managed to write, its manifest tells the truth about the exit.
        for manifest in try workspace.manifests() {
            #expect(manifest["exit_code"] as? Int == 73, "\(manifest["run_id"] ?? "")")
        }
    }

    @Test("75: another process holds the store's lock; nothing done")
    func locked() throws {
        let workspace = try RunWorkspace("exit75")
        try workspace.arriveDemo(["2025-11"], clean: true)
        do {
            // Held from the test process, as a running sigap holds it.
            let lock = try #require(try StoreLock(store: workspace.store))
            let run = try workspace.sigap("run", ["--through", "2025-11", "--metrics-file", workspace.metrics])
            #expect(run.exitStatus == 75, "\(run)")
            #expect(run.stderr.contains("another sigap run holds the lock"), "\(run)")
            let close = try workspace.sigap("close", ["2025-11", "--through", "2025-11"])
            #expect(close.exitStatus == 75, "\(close)")
            #expect(RunWorkspace.files(under: workspace.out).isEmpty)
            #expect(!FileManager.default.fileExists(atPath: workspace.metrics))
            #expect(!FileManager.default.fileExists(atPath: workspace.store))
            withExtendedLifetime(lock) {}
        }
        // The lock released: the next night runs.
        #expect(try workspace.sigap("run", ["--through", "2025-11"]).exitStatus == 0)
    }

    enum BrokenDefinition: String, CaseIterable, CustomTestStringConvertible {
        case syntax, missingKey, unknownKey
        var testDescription: String { rawValue }

        func text(from shipped: String) -> String {
            switch self {
            case .syntax: shipped.replacingOccurrences(of: "programme: SIGAP\n", with: "programme: SIGAP: Bekasi\n")
            case .missingKey:
                shipped.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("start_month:") }.joined(
                    separator: "\n")
            case .unknownKey: shipped.replacingOccurrences(of: "region: \"3275\"\n", with: "region: \"3275\"\nstart_mont: 2025-11\n")
            }
        }

        /// What the message must name.
        var named: String {
            switch self {
            case .syntax: ":3:17:"  // line 3, column 17: the second colon of `programme: SIGAP: Bekasi`
            case .missingKey: "start_month"
            case .unknownKey: "start_mont'"
            }
        }
    }

    @Test("78: an invalid pipeline definition; the message names the line and column, or the key", arguments: BrokenDefinition.allCases)
    func invalidDefinition(_ broken: BrokenDefinition) throws {
        let workspace = try RunWorkspace("exit78")
        try workspace.arriveDemo(["2025-11"], clean: true)
        let shipped = try String(contentsOfFile: "\(RunWorkspace.root)/\(RunWorkspace.pipeline)", encoding: .utf8)
        let text = broken.text(from: shipped)
        #expect(text != shipped)
        let path = "\(workspace.folder)/pipeline.yaml"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        for command in [["run", "--through", "2025-11"], ["close", "2025-11", "--through", "2025-11"]] {
            let result = try workspace.sigap(command[0], Array(command.dropFirst()), overrides: ["--pipeline": path])
            #expect(result.exitStatus == 78, "\(result)")
            #expect(result.stderr.contains(broken.named), "\(result)")
            #expect(result.stderr.contains(path), "\(result)")
        }
        #expect(RunWorkspace.files(under: workspace.out).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: workspace.store))
    }
}
