import SIGAPDomain

/// The REGULAR lines of one month and the figures reconciliation adds to the summary.
public struct MonthReconciliation: Sendable {
    public var month: YearMonth
    /// Sorted by NIK.
    public var lines: [LedgerLine]
    /// Would-be premiums of PENDING lines.
    public var pendingExposure = 0
    /// Acknowledged amounts on UNEXPECTED lines.
    public var disputedAmount = 0
    /// Rejected effective acknowledgements for people not enrolled.
    public var orphanRejections = 0
    /// What finance checks: BPJS's side of the flagged and UNEXPECTED lines, its rejection texts.
    public var review = MonthReview()
}
