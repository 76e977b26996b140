import Foundation
import SIGAPDomain

/// `sigap close YYYY-MM` (SPEC §8.4, §14): freezes what the last run computed for the month —
/// ledger lines, summary, findings — once every earlier month is closed and the month is not
/// after the through month. Rewrites the month's summary.json with `"closed": true`; its files are
/// never written again.
public struct MonthCloser {
    public let definition: PipelineDefinition
    public let store: any LedgerStore
    public let out: String

    public init(definition: PipelineDefinition, store: any LedgerStore, out: String) {
        self.definition = definition
        self.store = store
        self.out = out
    }

    public func close(_ month: YearMonth, through: YearMonth, at time: Int) throws {
        guard month >= definition.startMonth else {
            throw StoreError.refused("\(month) is before the pipeline's start month \(definition.startMonth)")
        }
        guard month <= through else {
            throw StoreError.refused("\(month) is after the through month \(through): it cannot be closed yet")
        }
        let months = try store.months(ledgers: false)
        guard let stored = try store.month(month, ledger: false) else {
            throw StoreError.refused("\(month) has never been computed: run the pipeline first")
        }
        guard !stored.closed else { throw StoreError.refused("\(month) is already closed") }
        var earlier = definition.startMonth
        while earlier < month {
            guard months.first(where: { $0.month == earlier })?.closed == true else {
                throw StoreError.refused("months close in order: close \(earlier) first")
            }
            earlier = earlier.next
        }
        let summaryJSON = stored.summaryJSON.replacingOccurrences(of: "\"closed\": false", with: "\"closed\": true")
        try store.close(month, at: PipelineRun.timestamp(time), summaryJSON: summaryJSON)
        // The month's files say exactly what was frozen, even if a run died after saving the
        // store and before writing them.
        let folder = OutputFolder(root: out)
        // The ledger (150 MB for a million workers) only when the published one is not already it.
        let published = try? Fingerprint.sha256(path: "\(out)/\(month)/ledger.csv").digest
        if stored.ledgerSHA256 == nil || published != stored.ledgerSHA256 {
            try folder.write(try store.month(month)?.ledgerCSV ?? "", to: "\(month)/ledger.csv")
        }
        try folder.write(stored.findingsCSV, to: "\(month)/findings.csv")
        try folder.write(summaryJSON, to: "\(month)/summary.json")
        try folder.write(try MonthReport.html(for: month, store: store, definition: definition), to: "\(month)/report.html")
    }
}
