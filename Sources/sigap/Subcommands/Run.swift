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

    func run() throws {
        umask(0o027)
        let definition = try options.definition()
        let through = options.throughMonth
        guard through >= definition.startMonth else {
            StandardStreams.writeError("error: --through \(through) is before the pipeline's start month \(definition.startMonth)")
            throw ExitStatus.usage
        }
        let lock = try options.lock(definition)
        defer { withExtendedLifetime(lock) {} }
        let store = try options.openStore(definition)
        let log = options.makeLog()
        let runOptions = RunOptions(
            definition: definition, definitionPath: options.pipeline, inbox: options.inbox, out: options.out, store: options.store,
            through: through, dryRun: dryRun, now: Int(Date().timeIntervalSince1970), toolVersion: SigapVersion.current)
        let outcome: PipelineRun.Outcome
        do {
            outcome = try PipelineRun(options: runOptions, store: store, log: log).execute()
        } catch let error as InboxError {
            StandardStreams.writeError("error: \(error)")
            throw ExitStatus.missingInput
        }
        let out = options.outPath(definition)
        for month in outcome.summaries.keys.sorted() {
            let summary = outcome.summaries[month]!
            StandardStreams.writeLine(
                "\(month): \(summary.workers) workers, \(summary.covered) covered, \(summary.pending) pending, \(summary.rejected) rejected, total payable \(Rupiah.format(summary.totalPayable)) → \(out)/\(month)/")
        }
        if let manifest = outcome.manifestPath { StandardStreams.writeLine("manifest: \(manifest)") }
        for problem in outcome.problems { StandardStreams.writeError("problem: \(problem)") }
        StandardStreams.flush()
        if outcome.exitCode != 0 { throw ExitCode(outcome.exitCode) }
    }
}
