import SIGAPDomain

/// What the month's report shows of ledger lines (SPEC §10): who joined and left since the
/// previous month, and the month's adjustments. Made from the lines while they are at hand (a run
/// makes it as it computes the month, then lets the lines go), or from the store's.
struct ReportParts {
    var changes: ReportChanges
    var adjustments: ReportAdjustments
    /// The month's findings as published, counted (their errors also tell why a worker left).
    var findings: ReportFindings
    /// The month's own lines finance checks: flagged by reconciliation (BPJS billed another
    /// amount, has another name, gave another KPJ) or UNEXPECTED, in ledger order.
    var flagged: [LedgerLine]

    /// `previous`: the previous month's lines, when the store holds that month.
    init(month: YearMonth, lines: [LedgerLine], previous: (month: YearMonth, lines: [LedgerLine])?, findings: ReportFindings) {
        changes = ReportChanges(current: lines, previous: previous?.lines, previousMonth: previous?.month, errors: findings.errorValues)
        adjustments = ReportAdjustments(month: month, lines: lines)
        self.findings = findings
        flagged = lines.filter(MonthReview.isChecked).map(\.detached)
    }
}
