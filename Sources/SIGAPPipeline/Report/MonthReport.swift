import Foundation
import SIGAPDomain

/// The month-end reconciliation report (`report.html`, SPEC §10): one self-contained HTML page in
/// Bahasa Indonesia (inline CSS and SVG, no script, nothing fetched, A4 when printed) that finance
/// and the head of Disnaker sign a month off from.
///
/// It is built from the store alone, never from the inputs: the month's stored `summary.json`
/// gives every figure (headline, by source, by kecamatan, rejection reasons, totals), the stored
/// ledgers of this and the previous month give joins and leaves, this month's ADJUSTMENT lines give
/// the adjustments, its `findings.csv` the data quality, and the run that computed it gives the
/// input fingerprints. So `sigap report` rebuilds the same page any time, and a closed month's
/// report never changes.
public enum MonthReport {
    /// The report of `month` as HTML. Throws `StoreError` when the store cannot be read or has
    /// never computed the month.
    public static func html(for month: YearMonth, store: any LedgerStore, definition: PipelineDefinition) throws -> String {
        try html(for: month, store: store, definition: definition, parts: nil)
    }

    /// What a close is about to make of a month: when, its seal, its summary saying `"closed": true`.
    struct Closing {
        var at: String
        var seal: String
        var summaryJSON: String
        /// The findings.csv the close publishes (rendered once, for the file and the report).
        var findingsCSV: String
    }

    /// The report of a month as its close will publish it: closed at `closedAt`, with `seal`
    /// (made before the store closes the month, so the close can publish it in the same step).
    static func html(for month: YearMonth, store: any LedgerStore, definition: PipelineDefinition, closing: Closing)
        throws -> String
    {
        try html(for: month, store: store, definition: definition, parts: nil, closing: closing)
    }

    /// `parts`: what the page shows of the month's lines, made by the caller while it held them
    /// (exactly what the store's lines give), so a run does not read back what it just wrote.
    static func html(
        for month: YearMonth, store: any LedgerStore, definition: PipelineDefinition, parts: ReportParts?,
        closing: Closing? = nil
    ) throws -> String {
        let months = try store.months(ledgers: false)
        guard var stored = try store.month(month, ledger: false) else {
            throw StoreError.refused("\(month) has never been computed: run the pipeline first")
        }
        if let closing {
            stored.closed = true
            stored.closedAt = closing.at
            stored.seal = closing.seal
            stored.summaryJSON = closing.summaryJSON
            stored.findingsCSV = closing.findingsCSV
        }
        let previous = months.first { $0.month == month.previous && month.previous < month }
        let history = try months.filter { $0.month <= month }.map {
            (
                month: $0.month, closed: $0.closed || ($0.month == month && closing != nil),
                summary: try ReportSummary(json: $0.month == month ? stored.summaryJSON : $0.summaryJSON, month: $0.month.description)
            )
        }
        let run = try store.runs().first { $0.id == stored.runID }
        func partsFromStore() throws -> ReportParts {
            // The two months' lines read side by side.
            let lines = try store.ledgerLines(ofEach: [month] + (previous.map { [$0.month] } ?? []))
            return ReportParts(
                month: month, lines: lines[0], previous: previous.map { ($0.month, lines[1]) },
                findings: try ReportFindings(csv: stored.findingsCSV ?? store.findingsCSV(of: month)))
        }
        let page = try MonthReportPage(
            definition: definition, stored: stored, summary: ReportSummary(json: stored.summaryJSON, month: month.description),
            parts: try parts ?? partsFromStore(),
            previous: try previous.map { stored in
                (stored.month, try ReportSummary(json: stored.summaryJSON, month: stored.month.description))
            },
            history: history, run: run, review: try store.review(of: month))
        return page.render()
    }

    /// Writes `<folder>/<YYYY-MM>/report.html` atomically (0640) and returns its path.
    @discardableResult
    public static func publish(_ month: YearMonth, store: any LedgerStore, definition: PipelineDefinition, to folder: OutputFolder) throws
        -> String
    {
        try folder.write(try html(for: month, store: store, definition: definition), to: "\(month)/report.html")
    }
}
