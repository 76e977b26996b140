import Foundation
import SIGAPDomain

/// The publish stage (SPEC §8.5, §11): the store first, in one transaction; then each month's
/// text files and report, then its workbooks (staged meanwhile by `WorkbookStager`), each file
/// atomically. A run that dies between the two leaves the store ahead of the files, and `close`
/// writes a month's files from the store, so a closed month never disagrees with what was frozen.
struct PublishStage {
    let store: any LedgerStore
    let publisher: MonthPublisher
    let definition: PipelineDefinition
    /// Where the months' workbooks are being written (nil: none to publish).
    let stager: WorkbookStager?

    /// Saves `results` (each under its staged result, `storeResults`) with the run's `record`, then publishes
    /// every month's files, each listed in `published` as it is put in place. Throws `StoreError`
    /// or `OutputError`; the files published before a failure stay published, as the store says.
    func run(
        _ results: [PipelineRun.MonthResult], record: RunRecord, storeResults: [YearMonth: Int64],
        into published: inout MonthPublisher.Published
    ) throws {
        let texts = results.map { publisher.texts($0) }
        // The ledger files, the largest, are written first at temporary paths, block by block; the
        // store loads each one's lines from its file. A month whose ledger cannot be written is saved from its
        // text and fails when its turn comes: the months before it are published.
        var ledgers: [Result<(staged: OutputFolder.Staged, sha256: String), any Error>?] = results.map { result in
            Result { try publisher.stageLedger(result) }
        }
        defer {
            // Those not put in place: something failed on the way.
            for case .success(let file)? in ledgers { publisher.folder.discard(file.staged) }
        }
        try store.save(
            run: record,
            months: zip(results, texts).enumerated().map { index, month in
                let (result, texts) = month
                var file: String?
                var digest: String?
                if case .success(let ledger)? = ledgers[index] {
                    file = ledger.staged.temporary
                    digest = ledger.sha256
                }
                return StoredMonth(
                    month: result.month, closed: false, closedAt: nil, runID: record.id,
                    ledgerCSV: file == nil ? LedgerCSV.render(result.lines) : "", ledgerFile: file, summaryJSON: texts.summaryJSON,
                    findingsCSV: texts.findingsCSV, resultID: storeResults[result.month], basis: result.basis, ledgerSHA256: digest)
            })
        for (index, (result, texts)) in zip(results, texts).enumerated() {
            guard let staged = ledgers[index] else { continue }
            ledgers[index] = nil  // from here `publish` puts it in place or removes it
            let files = try publisher.publish(result, texts: texts, ledger: try staged.get())
            published.paths += files.paths
            published.outputs += files.outputs
            // Then the month's workbooks, this thread helping to finish them; then its report (made
            // while the workbooks may still be in the making).
            var known = [result.month: result.lines]
            if let previous = results.first(where: { $0.month == result.month.previous }) {
                known[previous.month] = previous.lines
            }
            let report = try MonthReport.html(for: result.month, store: store, definition: definition, knownLines: known)
            if let stager {
                let files = try publisher.commit(stager.steps(ofMonth: index))
                published.paths += files.paths
                published.outputs += files.outputs
            }
            let reportPath = try publisher.folder.write(report, to: "\(result.month)/report.html")
            published.paths.append(reportPath)
            published.outputs.append((reportPath, Fingerprint.sha256(report)))
        }
    }
}
