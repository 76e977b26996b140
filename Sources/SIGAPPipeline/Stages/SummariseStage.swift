import SIGAPDomain

/// The summarise stage (SPEC §8.5): a month's findings in published order — each source's own
/// files and its identity conflicts, in priority order, then the acknowledgement files that arrived
/// in the month — and its summary.
struct SummariseStage {
    /// Every declared source, in priority order.
    let sources: [String]

    struct Output {
        var findings: FindingList
        var summary: MonthSummary
    }

    func run(
        month: YearMonth, rosters: MonthRosterLoader.Month, merged: Deduplicator.Result, acknowledgements: AcknowledgementStage.Month,
        reconciliation: MonthReconciliation, lines: [LedgerLine]
    ) -> Output {
        // Only the month's own files: a carried-forward roster's findings were reported in its month.
        let ownPrefix = "\(month)/"
        var findings = FindingList()
        for source in sources {
            findings += rosters.findings[source] ?? []
            for conflict in merged.conflicts where conflict.entry.source == source && conflict.entry.file.hasPrefix(ownPrefix) {
                findings.append(
                    RosterFinding(
                        month: month, source: source, file: conflict.entry.file, sheet: conflict.entry.sheet,
                        row: conflict.entry.row, cell: conflict.entry.nikCell, finding: conflict.finding))
            }
        }
        findings += acknowledgements.findings
        let counts = findings.counts
        let quarantined =
            rosters.quarantinedRows + merged.quarantined.filter { $0.file.hasPrefix(ownPrefix) && !$0.isDuplicate }.count
            + acknowledgements.quarantined
        var summary = MonthSummary(
            month: month, lines: lines, reconciliation: reconciliation, sources: sources, quarantinedRows: quarantined, findings: counts)
        summary.closed = false
        summary.intake = Intake(
            sources: rosters.intake, acknowledgementFiles: acknowledgements.filesArrived, acknowledgementRows: acknowledgements.rowsArrived)
        return Output(findings: findings, summary: summary)
    }
}
