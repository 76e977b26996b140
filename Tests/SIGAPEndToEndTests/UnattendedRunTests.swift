import Foundation
import GRDB
import SIGAPPipeline
import Testing
import XLSXTestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// The nightly job as cron runs it (SPEC §11, §14 "Running unattended"): one run at a time per
/// store, a manifest per run, `--dry-run`, and the Prometheus metrics file.
@Suite("Running unattended")
struct UnattendedRunTests {
    // MARK: - One run at a time

    @Test("two runs started together on one store: exactly one exits 75 at once and writes nothing; close is refused too")
    func concurrentRuns() throws {
        let workspace = try RunWorkspace("lock")
        defer { workspace.remove() }
        // Long enough (several seconds) to still hold the lock while the others are refused.
        try workspace.generate(
            rows: 20_000, roster: "2025-11/DISHUB/pekerja.xlsx", acknowledgements: "2025-11/BPJS/konfirmasi.csv", period: "2025-11")
        let metricsFolder = "\(workspace.folder)/metrics"
        try FileManager.default.createDirectory(atPath: metricsFolder, withIntermediateDirectories: true)
        let earlier = "# metrics of an earlier night\nsigap_run_exit_code 0\n"
        for name in ["a.prom", "b.prom"] { try Data(earlier.utf8).write(to: URL(fileURLWithPath: "\(metricsFolder)/\(name)")) }

        let first = try workspace.start("run", ["--through", "2025-11", "--metrics-file", "\(metricsFolder)/a.prom"])
        let second = try workspace.start("run", ["--through", "2025-11", "--metrics-file", "\(metricsFolder)/b.prom"])
        let deadline = ContinuousClock.now + .seconds(60)
        while first.isRunning && second.isRunning && ContinuousClock.now < deadline { usleep(2_000) }
        let refused = first.isRunning ? second : first
        let holder = refused === first ? second : first
        let refusal = refused.wait()
        #expect(refusal.exitStatus == 75, "\(refusal)")
        #expect(refusal.stderr.contains("another sigap run holds the lock on \(workspace.store)"), "\(refusal)")
        #expect(refusal.stderr.contains("nothing done"), "\(refusal)")
        #expect(refusal.stdout.isEmpty, "\(refusal)")
        #expect(holder.isRunning, "the refused run returned at once, while the other still ran")

        // While the run holds the lock, `close` and another run (with its own out folder) are refused.
        #expect(flockHolders(of: workspace.store + ".lock") == [holder.pid])
        let close = try workspace.sigap("close", ["2025-11", "--through", "2025-11"])
        #expect(close.exitStatus == 75, "\(close)")
        #expect(close.stderr.contains("holds the lock"), "\(close)")
        let elsewhere = "\(workspace.folder)/out-lain"
        let third = try workspace.sigap(
            "run", ["--through", "2025-11", "--metrics-file", "\(metricsFolder)/c.prom"], overrides: ["--out": elsewhere])
        #expect(third.exitStatus == 75, "\(third)")
        #expect(holder.isRunning, "the lock was still held when close and the third run were refused")
        #expect(!FileManager.default.fileExists(atPath: elsewhere), "a refused run creates no out folder")
        #expect(!FileManager.default.fileExists(atPath: "\(metricsFolder)/c.prom"), "a refused run writes no metrics")

        let done = holder.wait()
        #expect(done.exitStatus == 0, "\(done)")
        #expect(done.stdoutLines.first?.hasPrefix("2025-11: ") == true, "\(done)")
        // One manifest, the holder's; the refused run's metrics file untouched, the holder's written.
        let manifests = try workspace.manifests()
        #expect(manifests.count == 1)
        #expect(manifests.first?["exit_code"] as? Int == 0)
        let refusedMetrics = "\(metricsFolder)/\(refused === first ? "a" : "b").prom"
        let holderMetrics = "\(metricsFolder)/\(refused === first ? "b" : "a").prom"
        #expect(try String(contentsOfFile: refusedMetrics, encoding: .utf8) == earlier)
        #expect(prometheusSamples(try String(contentsOfFile: holderMetrics, encoding: .utf8))["sigap_run_exit_code"] == 0)
        #expect(RunWorkspace.files(under: metricsFolder) == ["a.prom", "b.prom"])

        // The lock died with the run: closing works now.
        #expect(flockHolders(of: workspace.store + ".lock").isEmpty)
        let closeAfter = try workspace.sigap("close", ["2025-11", "--through", "2025-11"])
        #expect(closeAfter.exitStatus == 0, "\(closeAfter)")
    }

    // MARK: - The manifest

    @Test("the manifest lists every input with SHA-256, size, rows and outcome, every output with SHA-256, and the exit code")
    func manifestContents() throws {
        let workspace = try RunWorkspace("manifest")
        try workspace.arriveDemo()
        // A good file beside the damaged one: not used until the bad one is replaced (SPEC §14).
        let waiting = "2025-12/DISKOPUKM/data umkm desember.xlsx"
        try FileManager.default.copyItem(
            atPath: "\(RunWorkspace.demoInbox)/2025-11/DISKOPUKM/data umkm.xlsx", toPath: "\(workspace.inbox)/\(waiting)")
        let run = try workspace.sigap("run", ["--through", "2026-02"])
        #expect(run.exitStatus == 65, "\(run)")

        let names = workspace.manifestNames()
        #expect(names.count == 1)
        let name = try #require(names.first)
        let manifest = try RunWorkspace.json(contentsOf: "\(workspace.out)/runs/\(name)")
        #expect(run.stdout.contains("manifest: \(workspace.out)/runs/\(name)"), "\(run)")
        #expect(manifest["run_id"] as? String == String(name.dropLast(".json".count)))
        #expect(manifest["exit_code"] as? Int == 65)
        #expect(manifest["through"] as? String == "2026-02")
        for key in ["started_at", "finished_at", "reference_data"] {
            #expect((manifest[key] as? String)?.isEmpty == false, "\(key)")
        }
        #expect(manifest["duration_seconds"] is Int)
        let version = try RunningSigap(["--version"], logFolder: "\(workspace.folder)/logs").wait()
        #expect(manifest["tool_version"] as? String == version.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        let pipeline = manifest["pipeline"] as? [String: Any]
        #expect(pipeline?["sha256"] as? String == (try RunWorkspace.sha256sum("\(RunWorkspace.root)/\(RunWorkspace.pipeline)")))
        #expect((manifest["problems"] as? [String])?.contains { $0.contains(RunWorkspace.damagedUpload) } == true)

        // Inputs: every file of the inbox's month folders but the ignored ones (`~$…`, dot files).
        let inputs = try #require(manifest["inputs"] as? [[String: Any]])
        let listed = Dictionary(inputs.map { ($0["file"] as? String ?? "", $0) }, uniquingKeysWith: { first, _ in first })
        #expect(listed.count == inputs.count, "each input listed once")
        let present = RunWorkspace.files(under: workspace.inbox)
        let ignored = present.filter { path in
            let name = (path as NSString).lastPathComponent
            return name.hasPrefix("~$") || name.hasPrefix(".")
        }
        #expect(!ignored.isEmpty, "the demo holds an Excel lock file")
        #expect(Set(listed.keys).subtracting(ignored) == Set(present).subtracting(ignored))
        for file in present where !ignored.contains(file) {
            guard let entry = listed[file] else { continue }
            let path = "\(workspace.inbox)/\(file)"
            #expect(entry["sha256"] as? String == (try RunWorkspace.sha256sum(path)), "\(file)")
            let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int
            #expect(entry["size"] as? Int == size, "\(file)")
            let outcome = entry["outcome"] as? String ?? ""
            let rows = entry["rows"] as? Int ?? -1
            switch file {
            case RunWorkspace.damagedUpload:
                #expect(outcome.hasPrefix("unreadable: truncated or corrupt zip archive"), "\(outcome)")
                #expect(rows == 0)
            case waiting:
                #expect(outcome.hasPrefix("not used: "), "\(outcome)")
                #expect(rows == 0)
            default:
                #expect(outcome == "read", "\(file): \(outcome)")
                #expect(rows > 0, "\(file)")
            }
        }
        #expect(listed["2025-11/DISHUB/DISHUB pekerja rentan November 2025.xlsx"]?["rows"] as? Int == 4)
        #expect(listed["2025-11/DINSOS/dinsos-nov.xlsx"]?["rows"] as? Int == 3)
        #expect(listed["2025-11/BPJS/konfirmasi-bpjs-2025-11.csv"]?["rows"] as? Int == 9)

        // Outputs: exactly the files the run wrote, each with its SHA-256.
        let outputs = try #require(manifest["outputs"] as? [[String: Any]])
        var hashes: [String: String] = [:]
        for output in outputs {
            let file = output["file"] as? String ?? ""
            let relative = file.hasPrefix(workspace.out + "/") ? String(file.dropFirst(workspace.out.count + 1)) : file
            hashes[relative] = output["sha256"] as? String
        }
        let written = RunWorkspace.files(under: workspace.out).filter { !$0.hasPrefix("runs/") }
        #expect(Set(hashes.keys) == Set(written))
        for file in written {
            #expect(hashes[file] == (try RunWorkspace.sha256sum("\(workspace.out)/\(file)")), "\(file)")
        }
    }

    @Test("a run that cannot write an output still writes its manifest, listing what it did write, with exit 73")
    func failedRunWritesManifest() throws {
        let workspace = try RunWorkspace("manifest73")
        try workspace.arriveDemo(clean: true)
        // January's output folder is a regular file: November and December publish, January cannot.
        try FileManager.default.createDirectory(atPath: workspace.out, withIntermediateDirectories: true)
        try Data("bukan folder\n".utf8).write(to: URL(fileURLWithPath: "\(workspace.out)/2026-01"))
        let run = try workspace.sigap("run", ["--through", "2026-02"])
        #expect(run.exitStatus == 73, "\(run)")
        #expect(run.stderr.contains("\(workspace.out)/2026-01"), "\(run)")
        let manifests = try workspace.manifests()
        #expect(manifests.count == 1)
        let manifest = try #require(manifests.first)
        #expect(manifest["exit_code"] as? Int == 73)
        #expect((manifest["problems"] as? [String])?.contains { $0.contains("\(workspace.out)/2026-01") } == true)
        let outputs = (manifest["outputs"] as? [[String: Any]] ?? []).compactMap { $0["file"] as? String }
        for file in outputs {
            #expect(FileManager.default.fileExists(atPath: file), "\(file)")
        }
        #expect(outputs.contains("\(workspace.out)/2025-12/ledger.csv"))
        #expect(!outputs.contains { $0.contains("/2026-") })
        #expect(RunWorkspace.temporaryFiles(under: workspace.out).isEmpty)
    }

    // MARK: - Logs

    @Test("--log-format json: every line on stderr is a JSON object with time, level and message, the errors included")
    func jsonLogLines() throws {
        let workspace = try RunWorkspace("jsonlog")
        try workspace.arriveDemo()
        let json = ["--log-format", "json"]
        var results: [(result: RunResult, expected: Int32, says: String)] = []
        results.append((try workspace.sigap("run", ["--through", "2026-02"] + json), 65, RunWorkspace.damagedUpload))
        results.append(
            (
                try workspace.sigap("run", ["--through", "2026-02"] + json, overrides: ["--inbox": "\(workspace.folder)/tidak-ada"]), 66,
                "tidak-ada"
            ))
        do {
            // Held from the test process, as a running sigap holds it.
            let lock = try #require(try StoreLock(store: workspace.store))
            results.append((try workspace.sigap("run", ["--through", "2026-02"] + json), 75, "holds the lock"))
            results.append((try workspace.sigap("close", ["2025-11", "--through", "2026-02"] + json), 75, "holds the lock"))
            withExtendedLifetime(lock) {}
        }
        for (result, expected, says) in results {
            #expect(result.exitStatus == expected, "\(result)")
            var messages: [String] = []
            for line in result.stderrLines {
                let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
                #expect(object?["time"] is String && object?["message"] is String, "not a JSON log line: \(line)")
                #expect(["info", "warning", "error"].contains(object?["level"] as? String ?? ""), "\(line)")
                if let message = object?["message"] as? String { messages.append(message) }
            }
            #expect(messages.contains { $0.contains(says) }, "\(result)")
        }
    }

    // MARK: - Dry run

    @Test("--dry-run reports the summaries and publishes nothing: no output, no manifest, no store change")
    func dryRun() throws {
        let workspace = try RunWorkspace("dryrun")
        try workspace.arriveDemo(["2025-11"], clean: true)
        #expect(try workspace.sigap("run", ["--through", "2025-11"]).exitStatus == 0)
        let outputs = workspace.outputs()
        let manifests = workspace.manifestNames()
        let store = workspace.storeBytes()
        let status = try workspace.sigap("status")

        try workspace.arriveDemo(["2025-12", "2026-01", "2026-02"], clean: true)
        let dry = try workspace.sigap("run", ["--through", "2026-02", "--dry-run"])
        #expect(dry.exitStatus == 0, "\(dry)")
        let reported = dry.stdoutLines.filter { $0.contains(" workers, ") }
        #expect(reported.map { String($0.prefix(7)) } == RunWorkspace.demoMonths, "\(dry)")
        #expect(workspace.outputs() == outputs)
        #expect(workspace.manifestNames() == manifests)
        #expect(workspace.storeBytes() == store)
        #expect(try workspace.sigap("status").stdout == status.stdout)
        #expect(RunWorkspace.temporaryFiles(under: workspace.out).isEmpty)

        // What the dry run reported is what the real run publishes.
        let real = try workspace.sigap("run", ["--through", "2026-02"])
        #expect(real.exitStatus == 0, "\(real)")
        #expect(real.stdoutLines.filter { $0.contains(" workers, ") } == reported)
    }

    @Test("--dry-run changes nothing on disk: no store is made where there is none; an older store is refused, not migrated")
    func dryRunLeavesTheStore() throws {
        let workspace = try RunWorkspace("dryrun-store")
        try workspace.arriveDemo(["2025-11"], clean: true)
        let fresh = try workspace.sigap("run", ["--through", "2025-11", "--dry-run"])
        #expect(fresh.exitStatus == 0, "\(fresh)")
        #expect(!FileManager.default.fileExists(atPath: workspace.store))

        // A store as the version before roster staging left it.
        #expect(try workspace.sigap("run", ["--through", "2025-11"]).exitStatus == 0)
        let queue = try DatabaseQueue(path: workspace.store)
        try queue.write { db in
            try db.execute(
                sql: """
                    DROP TABLE roster_chunk; DROP TABLE roster_stage;
                    DELETE FROM grdb_migrations WHERE identifier LIKE 'v5%';
                    """)
        }
        try queue.close()
        let older = workspace.storeBytes()
        let dry = try workspace.sigap("run", ["--through", "2025-11", "--dry-run"])
        #expect(dry.exitStatus == 64, "\(dry)")
        #expect(dry.stderr.contains("written by an older sigap and must be migrated first: run once without --dry-run"))
        #expect(workspace.storeBytes() == older)
        // A real run migrates it.
        #expect(try workspace.sigap("run", ["--through", "2025-11"]).exitStatus == 0)
    }

    // MARK: - Metrics

    @Test("the metrics file: written atomically, workers and premium as in summary.json, last success kept through a failed night")
    func metricsFile() throws {
        let workspace = try RunWorkspace("metrics")
        try workspace.arriveDemo(clean: true)
        let folder = (workspace.metrics as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)

        // Watch the collector's folder while the run writes: no other `.prom` name ever appears.
        let seen = SeenNames()
        let watcher = Thread {
            while !seen.stopped {
                for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] { seen.insert(name) }
                usleep(200)
            }
        }
        watcher.start()
        let good = try workspace.sigap("run", ["--through", "2026-02", "--metrics-file", workspace.metrics])
        seen.stop()
        #expect(good.exitStatus == 0, "\(good)")
        #expect(seen.names.filter { $0.hasSuffix(".prom") } == ["sigap.prom"], "\(seen.names)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["sigap.prom"])
        #expect(RunWorkspace.mode(of: workspace.metrics).map { $0 & ~0o640 == 0 } == true)

        let text = try String(contentsOfFile: workspace.metrics, encoding: .utf8)
        for name in [
            "sigap_last_run_timestamp_seconds", "sigap_last_success_timestamp_seconds", "sigap_run_exit_code", "sigap_run_duration_seconds",
            "sigap_rows_read_total", "sigap_findings", "sigap_workers", "sigap_premium_due_rupiah",
        ] {
            #expect(text.contains("# TYPE \(name) gauge\n"), "\(name)")
        }
        let samples = prometheusSamples(text)
        #expect(samples["sigap_run_exit_code"] == 0)
        let firstRun = try #require(samples["sigap_last_run_timestamp_seconds"])
        #expect(samples["sigap_last_success_timestamp_seconds"] == firstRun)
        #expect(abs(firstRun - Date().timeIntervalSince1970) < 120)
        #expect(samples["sigap_rows_read_total{source=\"DISHUB\"}"] == 8)
        for month in RunWorkspace.demoMonths {
            let summary = try RunWorkspace.json(contentsOf: "\(workspace.out)/\(month)/summary.json")
            for status in ["covered", "rejected", "pending", "unexpected"] {
                let sample = samples["sigap_workers{month=\"\(month)\",status=\"\(status)\"}"]
                #expect(sample.map(Int.init) == summary[status] as? Int, "\(month) \(status)")
            }
            #expect(samples["sigap_premium_due_rupiah{month=\"\(month)\"}"].map(Int.init) == summary["premium_due"] as? Int, "\(month)")
        }

        // A later night that exits non-zero keeps the time of the last success.
        while Date().timeIntervalSince1970 < firstRun + 1 { usleep(20_000) }
        try FileManager.default.copyItem(
            atPath: "\(RunWorkspace.demoInbox)/\(RunWorkspace.damagedUpload)", toPath: "\(workspace.inbox)/\(RunWorkspace.damagedUpload)")
        let damaged = try workspace.sigap("run", ["--through", "2026-02", "--metrics-file", workspace.metrics])
        #expect(damaged.exitStatus == 65, "\(damaged)")
        var later = prometheusSamples(try String(contentsOfFile: workspace.metrics, encoding: .utf8))
        #expect(later["sigap_run_exit_code"] == 65)
        #expect(later["sigap_last_success_timestamp_seconds"] == firstRun)
        #expect((later["sigap_last_run_timestamp_seconds"] ?? 0) > firstRun)

        let missing = try workspace.sigap(
            "run", ["--through", "2026-02", "--metrics-file", workspace.metrics], overrides: ["--inbox": "\(workspace.folder)/tidak-ada"])
        #expect(missing.exitStatus == 66, "\(missing)")
        later = prometheusSamples(try String(contentsOfFile: workspace.metrics, encoding: .utf8))
        #expect(later["sigap_run_exit_code"] == 66)
        #expect(later["sigap_last_success_timestamp_seconds"] == firstRun)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["sigap.prom"])
    }
}

/// Names a watcher thread saw in a folder.
private final class SeenNames: @unchecked Sendable {
    private let lock = NSLock()
    private var seen: Set<String> = []
    private var done = false

    func insert(_ name: String) { lock.withLock { _ = seen.insert(name) } }
    func stop() { lock.withLock { done = true } }
    var stopped: Bool { lock.withLock { done } }
    var names: Set<String> { lock.withLock { seen } }
}
