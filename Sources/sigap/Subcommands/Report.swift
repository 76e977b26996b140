import ArgumentParser
import Foundation
import SIGAPDomain
import SIGAPPipeline

/// `sigap report YYYY-MM`: writes a month's reconciliation report again from the store alone
/// (no input is read), to `<out>/<YYYY-MM>/report.html`, and prints its path.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a month's reconciliation report (report.html) again from the store, without reading any input.")

    @Argument(help: "The month, YYYY-MM.")
    var month: String

    @OptionGroup var options: PipelineOptions

    func validate() throws {
        try options.refuseUnused(by: "report", uses: ["--out", "--store"])
        if YearMonth(month) == nil { throw ValidationError("the month must be written YYYY-MM, not '\(month)'") }
    }

    func run() throws {
        umask(0o027)
        let definition = try options.definition()
        let store = try options.openStore(definition, mode: .existing)
        let month = YearMonth(month)!
        let path: String
        do {
            guard try store.month(month, ledger: false) != nil else {
                StandardStreams.writeError("error: \(month) has never been computed: run the pipeline first")
                throw ExitStatus.usage
            }
            path = try MonthReport.publish(month, store: store, definition: definition, to: OutputFolder(root: options.outPath(definition)))
        } catch let error as StoreError {
            StandardStreams.writeError("error: \(error)")
            throw ExitStatus.of(error)
        } catch let error as OutputError {
            StandardStreams.writeError("error: \(error)")
            throw ExitStatus.cannotWrite
        }
        StandardStreams.writeLine(path)
        StandardStreams.flush()
    }
}
