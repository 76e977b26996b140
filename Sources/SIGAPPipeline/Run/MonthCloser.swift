import Foundation
import SIGAPDomain

/// `sigap close YYYY-MM` (SPEC §8.4, §11, §14, §16): freezes what the last run computed for the
/// month (ledger lines, summary, findings) once every earlier month is closed and the month is
/// not after the through month, and seals it.
///
/// All or nothing: every file the close publishes (ledger.csv when the published one is not
/// already the stored ledger, findings.csv, summary.json saying `"closed": true`, report.html
/// with the seal, SEAL) is first written at a temporary name beside its place; only then does the
/// store close the month and add its seal, in one transaction; then the files are renamed into
/// place, SEAL last, and the seal is marked published. A failure before the store's transaction
/// leaves the month open with its files as they were (exit 73; repeat the close). A stop after it
/// (a kill, a failed rename) leaves the month closed with its seal unpublished: the next `run` or
/// `close` publishes its files from the store (`finish`).
public struct MonthCloser {
    public let definition: PipelineDefinition
    public let store: any LedgerStore
    public let out: String

    public init(definition: PipelineDefinition, store: any LedgerStore, out: String) {
        self.definition = definition
        self.store = store
        self.out = out
    }

    /// What a close did.
    public enum Outcome: Sendable, Equatable {
        /// The month is closed and sealed now.
        case closed(seal: String)
        /// The month was closed by an earlier close that stopped before its files were all
        /// published; they are now.
        case finished(seal: String)
    }

    @discardableResult
    public func close(_ month: YearMonth, through: YearMonth, at time: Int) throws -> Outcome {
        guard month >= definition.startMonth else {
            throw StoreError.refused("\(month) is before the pipeline's start month \(definition.startMonth)")
        }
        guard month <= through else {
            throw StoreError.refused("\(month) is after the through month \(through): it cannot be closed yet")
        }
        // What a killed close or run left (temporary files), then the books as they are: a closed
        // month that changed stops everything (70).
        OutputFolder(root: out).sweepTemporaryFiles()
        let chain = try SealChain(store: store, out: out).check()
        for seal in chain where !seal.published && seal.month != month { try finish(seal) }
        if let seal = chain.first(where: { $0.month == month }), !seal.published {
            try finish(seal)
            return .finished(seal: seal.seal)
        }
        let months = try store.months(ledgers: false)
        guard let stored = months.first(where: { $0.month == month }) else {
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
        let ledgerSHA256 = try stored.ledgerSHA256 ?? store.storedDigests(of: month, ledger: true)?.ledgerSHA256 ?? ""
        let seal = MonthSeal(
            month: month, previous: chain.last?.seal ?? MonthSeal.origin, ledgerSHA256: ledgerSHA256,
            summarySHA256: Fingerprint.sha256(summaryJSON), findingsSHA256: Fingerprint.sha256(stored.findingsCSV))
        let timestamp = PipelineRun.timestamp(time)
        let report = try MonthReport.html(
            for: month, store: store, definition: definition,
            closing: MonthReport.Closing(at: timestamp, seal: seal.seal, summaryJSON: summaryJSON))
        let staged = try stage(seal, summaryJSON: summaryJSON, findingsCSV: stored.findingsCSV, report: report)
        do {
            try store.close(month, at: timestamp, summaryJSON: summaryJSON, seal: seal)
        } catch {
            for file in staged { OutputFolder(root: out).discard(file) }
            throw error
        }
        try commit(staged, seal: seal)
        return .closed(seal: seal.seal)
    }

    /// Publishes the files of a month the store closed and sealed, when its close stopped before
    /// they were all in place: rendered from the store, which the seal chain has just checked.
    public func finish(_ seal: MonthSeal) throws {
        guard let stored = try store.month(seal.month, ledger: false) else {
            throw SealChain.differs(seal.month, "the store holds its seal, but no longer the month")
        }
        let report = try MonthReport.html(for: seal.month, store: store, definition: definition)
        try commit(try stage(seal, summaryJSON: stored.summaryJSON, findingsCSV: stored.findingsCSV, report: report), seal: seal)
    }

    /// Writes the month's files at temporary names beside their places; on a failure, removes
    /// what it wrote and throws (`OutputError`: exit 73).
    private func stage(_ seal: MonthSeal, summaryJSON: String, findingsCSV: String, report: String) throws -> [OutputFolder.Staged] {
        let folder = OutputFolder(root: out)
        let month = seal.month
        var staged: [OutputFolder.Staged] = []
        do {
            // The ledger (150 MB for a million workers) only when the published one is not already it.
            let published = try? Fingerprint.sha256(path: "\(out)/\(month)/ledger.csv").digest
            if published != seal.ledgerSHA256 {
                let text = try store.month(month)?.ledgerCSV ?? ""
                guard Fingerprint.sha256(text) == seal.ledgerSHA256 else {
                    throw SealChain.differs(month, "the store's ledger lines render a ledger.csv other than the sealed one")
                }
                staged.append(try folder.stage("\(month)/ledger.csv") { try OutputFolder.writeFile(text, at: $0) })
            }
            for (name, text) in [
                ("findings.csv", findingsCSV), ("summary.json", summaryJSON), ("report.html", report), ("SEAL", seal.fileText),
            ] {
                staged.append(try folder.stage("\(month)/\(name)") { try OutputFolder.writeFile(text, at: $0) })
            }
        } catch {
            for file in staged { folder.discard(file) }
            throw error
        }
        return staged
    }

    /// Renames the staged files into place, SEAL last, and marks the seal published.
    private func commit(_ staged: [OutputFolder.Staged], seal: MonthSeal) throws {
        let folder = OutputFolder(root: out)
        for (index, file) in staged.enumerated() {
            do {
                try folder.commit(file)
            } catch let error as OutputError {
                for rest in staged[(index + 1)...] { folder.discard(rest) }
                throw OutputError(
                    path: error.path,
                    reason:
                        "\(error.reason); \(seal.month) is closed in the store: run `sigap close \(seal.month)` again to finish publishing its files"
                )
            }
        }
        try store.markPublished(seal.month)
    }
}
