import Foundation
import SIGAPDomain

/// The publish stage (SPEC §8.5, §11, §15), in two halves so that a run holds one month at a time.
///
/// `prepare`, as each open month is computed: its `ledger.csv` and `findings.csv` are written at
/// temporary paths, its rows (ledger lines and findings from those files, totals) go into the store
/// under the month's new result (on a second thread, which follows each file as it is written, and
/// goes on while the next month is computed: `settle` waits for it), and what its report shows of
/// the lines is made; the lines can then go.
///
/// `run`, once every month is computed and the invariants hold: the store points each month at its
/// new result, in one transaction (readers never see half a run); then each month's text files and
/// report, then its workbooks (staged meanwhile by `WorkbookStager`), each file atomically. A run
/// that dies between the two leaves the store ahead of the files, and `close` writes a month's files
/// from the store, so a closed month never disagrees with what was frozen.
struct PublishStage {
    let store: any LedgerStore
    let publisher: MonthPublisher
    let definition: PipelineDefinition
    /// Where the months' workbooks are being written (nil: none to publish).
    let stager: WorkbookStager?

    /// One open month, prepared.
    struct Month {
        var month: YearMonth
        var result: Int64
        var summaryJSON: String
        /// The staged ledger.csv, findings.csv and submission.csv, or why one could not be written
        /// (the month then fails when its turn comes; the months before it are published). Nil once
        /// put in place or removed.
        var ledger: Result<MonthPublisher.StagedText, any Error>?
        var findings: Result<MonthPublisher.StagedText, any Error>?
        var submission: Result<MonthPublisher.StagedText, any Error>?
        var parts: ReportParts
        /// The month's rows going into the store, until `settle` has waited for them.
        var loading: BackgroundTask<Void>?
    }

    /// Stages `result`'s ledger file and store rows under `resultID`; `previous` gives the previous
    /// month's lines as the store will hold them (nil when it holds no previous month), asked once
    /// the month's files are written and its rows staged (it may wait for a read on another thread).
    func prepare(
        _ result: PipelineRun.MonthResult, resultID: Int64, runID: String,
        previous: () throws -> (month: YearMonth, lines: [LedgerLine])?
    ) throws -> Month {
        let summaryJSON = result.summary.json
        // The store loads the rows on a second thread, following each file as it is written.
        let followed = publisher.followers(of: result.month)
        var stored = StoredMonth(
            month: result.month, closed: false, closedAt: nil, runID: runID, ledgerCSV: "", ledgerFile: followed.ledger,
            summaryJSON: summaryJSON, findingsCSV: nil, findingsFile: followed.findings, resultID: resultID, basis: result.basis)
        stored.review = result.review
        var loading: BackgroundTask<Void>? = BackgroundTask { [stored] in try store.stage(result: stored) }
        let ledger = Result { try publisher.stageLedger(result, follower: followed.ledger) }
        var counts = ReportFindings()
        let findings = Result { try publisher.stageFindings(result, counting: &counts, follower: followed.findings) }
        let submission = Result { try publisher.stageSubmission(result) }
        let ledgerWritten = (try? ledger.get()) != nil
        let findingsWritten = (try? findings.get()) != nil
        var earlier: (month: YearMonth, lines: [LedgerLine])?
        do {
            if !ledgerWritten || !findingsWritten {
                // A file that could not be written (the load following it gave up): the store loads
                // its rows from the text made in memory (the other's from its file, written in
                // full), and the month fails when its files' turn comes.
                _ = try? loading?.wait()
                loading = nil
                if !ledgerWritten {
                    stored.ledgerFile = nil
                    stored.ledgerCSV = LedgerCSV.render(result.lines)
                }
                if !findingsWritten {
                    counts = ReportFindings()
                    stored.findingsFile = nil
                    stored.findingsCSV = FindingsCSV.render(result.findings, counting: &counts)
                    stored.findingsSHA256 = stored.findingsCSV.map { Fingerprint.sha256($0) }
                }
                try store.stage(result: stored)
            }
            earlier = try previous()
        } catch {
            _ = try? loading?.wait()
            for case .success(let file) in [ledger, findings, submission] { publisher.folder.discard(file.staged) }
            throw error
        }
        return Month(
            month: result.month, result: resultID, summaryJSON: summaryJSON, ledger: ledger, findings: findings,
            submission: submission,
            parts: ReportParts(
                month: result.month, lines: result.lines, previous: earlier, findings: counts),
            loading: loading)
    }

    /// Waits until the rows of every month prepared are in the store; throws the first month's
    /// error (the run then fails as if `prepare` had thrown it).
    func settle(_ months: inout [Month]) throws {
        var failure: (any Error)?
        for index in months.indices {
            guard let loading = months[index].loading else { continue }
            months[index].loading = nil
            do { try loading.wait() } catch { failure = failure ?? error }
        }
        if let failure { throw failure }
    }

    /// Removes the staged ledger and findings files of `months` not put in place (once their rows
    /// are no longer being read into the store).
    func discard(_ months: inout [Month]) {
        try? settle(&months)
        for index in months.indices {
            for case .success(let file)? in [months[index].ledger, months[index].findings, months[index].submission] {
                publisher.folder.discard(file.staged)
            }
            months[index].ledger = nil
            months[index].findings = nil
            months[index].submission = nil
        }
    }

    /// Points every month at its staged result with the run's `record`, then publishes each month's
    /// files, each listed in `published` as it is put in place. Throws `StoreError` or
    /// `OutputError`; the files published before a failure stay published, as the store says.
    func run(_ months: inout [Month], record: RunRecord, into published: inout MonthPublisher.Published) throws {
        defer { discard(&months) }
        try settle(&months)
        try store.publish(run: record, results: Dictionary(uniqueKeysWithValues: months.map { ($0.month, $0.result) }))
        for index in months.indices {
            guard let ledger = months[index].ledger, let findings = months[index].findings, let submission = months[index].submission
            else { continue }
            // From here `publish` puts them in place or removes them.
            months[index].ledger = nil
            months[index].findings = nil
            months[index].submission = nil
            let month = months[index]
            let files: MonthPublisher.Published
            do {
                files = try publisher.publish(
                    month.month, summaryJSON: month.summaryJSON, ledger: try ledger.get(), findings: try findings.get(),
                    submission: try submission.get())
            } catch {
                for case .success(let file) in [ledger, findings, submission] { publisher.folder.discard(file.staged) }
                throw error
            }
            published.paths += files.paths
            published.outputs += files.outputs
            // Then the month's workbooks, this thread helping to finish them; then its report (made
            // while the workbooks may still be in the making).
            let report = try MonthReport.html(for: month.month, store: store, definition: definition, parts: month.parts)
            if let stager {
                let files = try publisher.commit(stager.steps(ofMonth: index))
                published.paths += files.paths
                published.outputs += files.outputs
            }
            let reportPath = try publisher.folder.write(report, to: "\(month.month)/report.html")
            published.paths.append(reportPath)
            published.outputs.append((reportPath, Fingerprint.sha256(report)))
        }
    }
}
