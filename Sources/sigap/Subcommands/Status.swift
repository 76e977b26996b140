import ArgumentParser
import Foundation
import SIGAPDomain
import SIGAPPipeline

/// `sigap status`: months in the store, open or closed, with headline totals; with `--month`,
/// one month with what arrived for it (SPEC §3 intake).
struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the months in the store, open or closed, with headline totals; --month shows what arrived for one month.")

    @OptionGroup var options: PipelineOptions

    @Option(help: "One month, YYYY-MM: its totals and what arrived for it from each agency and BPJS.")
    var month: String?

    func validate() throws {
        try options.refuseUnused(by: "status", uses: ["--store"])
        if let month, YearMonth(month) == nil { throw ValidationError("--month must be written YYYY-MM, not '\(month)'") }
    }

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
        if let month = month.flatMap(YearMonth.init) {
            guard let stored = months.first(where: { $0.month == month }) else {
                options.reportError("\(month) has never been computed: run the pipeline first")
                throw ExitStatus.usage
            }
            try show(stored, intake: true, sources: definition.sourceCodes)
        } else {
            if months.isEmpty { StandardStreams.writeLine("no month computed yet: run `sigap run` first") }
            for stored in months { try show(stored, intake: false, sources: definition.sourceCodes) }
        }
        StandardStreams.flush()
    }

    private func show(_ stored: StoredMonth, intake: Bool, sources: [String]) throws {
        let summary: MonthSummary
        do {
            summary = try MonthSummary(json: stored.summaryJSON, month: stored.month)
        } catch let error as StoreError {
            options.reportError("\(error)")
            throw ExitStatus.of(error)
        }
        let state = stored.closed ? "closed \(stored.closedAt ?? "")" : "open"
        StandardStreams.writeLine(
            "\(stored.month)  \(state.padding(toLength: 28, withPad: " ", startingAt: 0)) workers \(summary.workers), covered \(summary.covered), pending \(summary.pending), rejected \(summary.rejected), total payable \(Rupiah.format(summary.totalPayable))"
        )
        guard intake else { return }
        if summary.intake.sources.isEmpty {
            StandardStreams.writeLine("intake: not recorded (computed by an earlier sigap; run with --full to record it)")
            return
        }
        StandardStreams.writeLine("intake:")
        let codes = sources + summary.intake.sources.keys.sorted().filter { !sources.contains($0) }
        for code in codes {
            guard let source = summary.intake.sources[code] else { continue }
            let what =
                switch source.state {
                case .received: "received         \(Self.files(source.files)), \(source.rows) rows"
                case .carriedForward: "carried forward  the roster of \(source.fromMonth)"
                case .unreadable:
                    "unreadable       \(source.fromMonth.isEmpty ? "no earlier roster" : "the roster of \(source.fromMonth) kept") (see findings.csv)"
                case .none: "none             nothing sent yet"
                }
            StandardStreams.writeLine("  \(code.padding(toLength: 11, withPad: " ", startingAt: 0)) \(what)")
        }
        let bpjs = summary.intake
        StandardStreams.writeLine(
            "  \(Inbox.acknowledgementFolder.padding(toLength: 11, withPad: " ", startingAt: 0)) \(bpjs.acknowledgementFiles == 0 ? "nothing arrived" : "received         \(Self.files(bpjs.acknowledgementFiles)), \(bpjs.acknowledgementRows) rows")"
        )
    }

    private static func files(_ count: Int) -> String { count == 1 ? "1 file" : "\(count) files" }
}
