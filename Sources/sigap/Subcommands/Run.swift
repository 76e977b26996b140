import ArgumentParser
import Foundation
import SIGAPDomain
import SIGAPPipeline

/// `sigap run`: the nightly job. Reads the inbox, computes every month through the through month,
/// publishes ledgers, findings, submissions, correction workbooks and summaries.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the pipeline: inbox → validated, deduplicated, reconciled monthly ledgers.")

    @OptionGroup var options: PipelineOptions

    @Flag(name: .customLong("dry-run"), help: "Compute and report, publish nothing.")
    var dryRun = false

    @Flag(
        name: .customLong("full"),
        help: "Compute every month, whatever the store holds (by default a month whose inputs did not change is reused).")
    var full = false

    @Option(name: .customLong("metrics-file"), help: "Write Prometheus text metrics here (node_exporter textfile collector).")
    var metricsFile: String?

    func run() throws {
        umask(0o027)
        let startedAt = Int(Date().timeIntervalSince1970)
        let clock = ContinuousClock()
        let start = clock.now
        var metrics = RunMetrics(runAt: startedAt, lastSuccessAt: nil, exitCode: 0, durationSeconds: 0)
        do {
            try execute(startedAt: startedAt, metrics: &metrics)
            try finish(&metrics, exitCode: 0, elapsed: clock.now - start)
        } catch is MetricsFileUnwritable {
            throw ExitStatus.cannotWrite
        } catch let code as ExitCode {
            // A run refused by the lock does nothing at all, metrics included.
            if code != ExitStatus.locked { try? finish(&metrics, exitCode: code.rawValue, elapsed: clock.now - start) }
            throw code
        }
    }

    private func execute(startedAt: Int, metrics: inout RunMetrics) throws {
        let definition = try options.definition()
        let through = options.throughMonth
        guard through >= definition.startMonth else {
            options.reportError("--through \(through) is before the pipeline's start month \(definition.startMonth)")
            throw ExitStatus.usage
        }
        // Before the lock too: a refused run leaves nothing behind, not even the lock file.
        try refuseToReopenClosedBooks(definition)
        let lock = try options.lock(definition, creating: !dryRun)
        defer { withExtendedLifetime(lock) {} }
        try refuseToReopenClosedBooks(definition)
        if let metricsFile {
            do {
                try RunMetrics.checkWritable(metricsFile)
            } catch {
                options.reportError("cannot write the metrics file \(metricsFile): \(error); nothing done")
                throw MetricsFileUnwritable()
            }
        }
        let store = try options.openStore(definition, mode: dryRun ? .dryRun : .create)
        let log = options.makeLog()
        var runOptions = RunOptions(
            definition: definition, definitionPath: options.pipeline, inbox: options.inbox, out: options.out,
            store: options.storeName(definition),
            through: through, dryRun: dryRun, now: startedAt, toolVersion: SigapVersion.current)
        runOptions.full = full
        let outcome: PipelineRun.Outcome
        do {
            outcome = try PipelineRun(options: runOptions, store: store, log: log).execute()
        } catch let error as InboxError {
            options.reportError("\(error)")
            throw ExitStatus.missingInput
        } catch let error as StoreError {
            options.reportError("\(error)")
            throw ExitStatus.of(error)
        } catch let error as ExitCode {
            throw error
        } catch {
            options.reportError("internal error, nothing published: \(error)")
            throw ExitStatus.internalError
        }
        metrics.rowsRead = outcome.rowsRead
        metrics.findings = outcome.findings
        metrics.summaries = outcome.summaries
        let out = options.outPath(definition)
        for month in outcome.summaries.keys.sorted() {
            let summary = outcome.summaries[month]!
            StandardStreams.writeLine(
                "\(month): \(summary.workers) workers, \(summary.covered) covered, \(summary.pending) pending, \(summary.rejected) rejected, total payable \(Rupiah.format(summary.totalPayable)) → \(out)/\(month)/"
            )
        }
        if let manifest = outcome.manifestPath { StandardStreams.writeLine("manifest: \(manifest)") }
        for problem in outcome.problems { options.reportProblem(problem) }
        StandardStreams.flush()
        if outcome.status != .clean { throw ExitStatus.of(outcome.status) }
    }

    /// SPEC §11: a run starts a new store only where nothing was published yet. A missing or empty
    /// store beside published months (a lost store, a typo in --store) would recompute closed
    /// books as open: exit 66, naming both.
    private func refuseToReopenClosedBooks(_ definition: PipelineDefinition) throws {
        let storePath = options.storeName(definition)
        let out = options.outPath(definition)
        let holdsMonths: Bool
        do {
            holdsMonths = try options.storeHoldsMonths(definition)
        } catch let error as StoreError {
            options.reportError("\(error)")
            throw ExitStatus.of(error)
        }
        let published = OutputFolder(root: out).publishedMonths()
        guard !holdsMonths, let first = published.first, let last = published.last else { return }
        options.reportError(
            "the store \(storePath) is missing or holds no month, but \(out) holds published months (\(first)"
                + (first == last ? "" : " to \(last)")
                + "): nothing done, so that closed books are not recomputed as open. Restore the store from a backup, or give the right --store; to start the books afresh, give an empty --out"
        )
        throw ExitStatus.missingInput
    }

    /// Writes the metrics file, if asked for; the last success time carries over from the last
    /// file when this run did not succeed.
    private func finish(_ metrics: inout RunMetrics, exitCode: Int32, elapsed: Duration) throws {
        guard let metricsFile else { return }
        metrics.exitCode = exitCode
        metrics.durationSeconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        // A dry run publishes nothing, so it is not a successful night.
        metrics.lastSuccessAt = exitCode == 0 && !dryRun ? metrics.runAt : RunMetrics.lastSuccess(in: metricsFile)
        do {
            try metrics.write(to: metricsFile)
        } catch {
            options.reportError("cannot write the metrics file \(metricsFile): \(error)")
            throw ExitStatus.cannotWrite
        }
    }
}

/// The metrics file cannot be written: the run stops before doing anything (exit 73), with no
/// metrics to write either.
private struct MetricsFileUnwritable: Error {}
