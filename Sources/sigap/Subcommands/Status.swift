import ArgumentParser
import Foundation
import SIGAPDomain
import SIGAPPipeline

/// `sigap status`: months in the store, open or closed, with headline totals.
struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the months in the store, open or closed, with headline totals.")

    @OptionGroup var options: PipelineOptions

    func run() throws {
        let definition = try options.definition()
        let store = try options.openStore(definition, mode: .existing)
        let months: [StoredMonth]
        do {
            months = try store.months(ledgers: false)
        } catch let error as StoreError {
            options.reportError("\(error)")
            throw ExitStatus.of(error)
        }
        if months.isEmpty {
            StandardStreams.writeLine("no month computed yet: run `sigap run` first")
        }
        for month in months {
            let figures = (try? JSONSerialization.jsonObject(with: Data(month.summaryJSON.utf8))) as? [String: Any] ?? [:]
            func number(_ key: String) -> Int { (figures[key] as? NSNumber)?.intValue ?? 0 }
            let state = month.closed ? "closed \(month.closedAt ?? "")" : "open"
            StandardStreams.writeLine(
                "\(month.month)  \(state.padding(toLength: 28, withPad: " ", startingAt: 0)) workers \(number("workers")), covered \(number("covered")), pending \(number("pending")), rejected \(number("rejected")), total payable \(Rupiah.format(number("total_payable")))"
            )
        }
        StandardStreams.flush()
    }
}
