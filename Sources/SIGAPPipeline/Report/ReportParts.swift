import SIGAPDomain

/// What the month's report shows of ledger lines (SPEC §10): who joined and left since the
/// previous month, and the month's adjustments. Made from the lines while they are at hand (a run
/// makes it as it computes the month, then lets the lines go), or from the store's.
struct ReportParts {
    var changes: ReportChanges
    var adjustments: ReportAdjustments

    /// `previous`: the previous month's lines, when the store holds that month; `findingsCSV`: the
    /// month's findings as published (its errors tell why a worker left).
    init(month: YearMonth, lines: [LedgerLine], previous: (month: YearMonth, lines: [LedgerLine])?, findingsCSV: String) {
        let errors = ReportFinding.parse(findingsCSV).filter { $0.severity == "error" }.map { (code: $0.code, value: $0.value) }
        changes = ReportChanges(current: lines, previous: previous?.lines, previousMonth: previous?.month, errors: errors)
        adjustments = ReportAdjustments(month: month, lines: lines)
    }
}
