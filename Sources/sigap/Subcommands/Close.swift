import ArgumentParser
import Foundation
import SIGAPDomain
import SIGAPPipeline

/// `sigap close YYYY-MM`: freezes a month for finance.
struct Close: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Close a month: freeze what the last run computed for it; later changes become adjustments.")

    @Argument(help: "The month to close, YYYY-MM.")
    var month: String

    @OptionGroup var options: PipelineOptions

    func validate() throws {
        if YearMonth(month) == nil { throw ValidationError("the month must be written YYYY-MM, not '\(month)'") }
    }

    func run() throws {
        umask(0o027)
        let definition = try options.definition()
        // A lock held is 75 at once; a missing store is 66 with nothing made, not even the lock file.
        let held = try options.lock(definition, creating: false)
        let store = try options.openStore(definition, mode: .existing)
        let lock = held.isHolding ? held : try options.lock(definition)
        defer { withExtendedLifetime(lock) {} }
        let outcome: MonthCloser.Outcome
        do {
            outcome = try MonthCloser(definition: definition, store: store, out: options.outPath(definition))
                .close(YearMonth(month)!, through: options.throughMonth, at: Int(Date().timeIntervalSince1970))
        } catch let error as StoreError {
            options.reportError("cannot close \(month): \(error)")
            throw ExitStatus.of(error)
        } catch let error as OutputError {
            options.reportError("\(error)")
            throw ExitStatus.cannotWrite
        }
        switch outcome {
        case .closed(let seal):
            StandardStreams.writeLine("closed \(month): its ledger is frozen; later changes for it appear as ADJUSTMENT lines")
            StandardStreams.writeLine("seal \(seal) (in \(options.outPath(definition))/\(month)/SEAL and its report)")
        case .finished(let seal):
            StandardStreams.writeLine("\(month) was already closed; its files are published now (an earlier close stopped before)")
            StandardStreams.writeLine("seal \(seal) (in \(options.outPath(definition))/\(month)/SEAL and its report)")
        }
        StandardStreams.flush()
    }
}
