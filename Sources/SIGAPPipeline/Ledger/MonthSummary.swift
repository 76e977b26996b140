import SIGAPDomain

/// `summary.json` of a month (SPEC §8.5): counts and integer rupiah.
public struct MonthSummary: Sendable, Hashable {
    public struct SourceFigures: Sendable, Hashable {
        public var workers = 0, covered = 0, rejected = 0, pending = 0, premiumDue = 0
    }

    public struct KecamatanFigures: Sendable, Hashable {
        public var workers = 0, covered = 0, premiumDue = 0
    }

    public var month: YearMonth
    public var closed = false
    public var workers = 0
    public var covered = 0
    public var rejected = 0
    public var pending = 0
    public var unexpected = 0
    public var premiumDue = 0
    public var adjustmentsCount = 0
    public var adjustmentsPremium = 0
    public var pendingExposure = 0
    public var disputedAmount = 0
    public var orphanRejections = 0
    public var quarantinedRows = 0
    public var bySource: [String: SourceFigures] = [:]
    public var byKecamatan: [String: KecamatanFigures] = [:]
    public var rejectionsByReason: [String: Int] = [:]
    public var findingsByCode: [String: Int] = [:]
    /// What arrived for the month (SPEC §3).
    public var intake = Intake()

    public var totalPayable: Int { premiumDue + adjustmentsPremium }

    /// The integer keys of `summary.json` by name (the `month_summaries` view's columns after
    /// `month` and `closed`).
    public var scalars: [String: Int] {
        [
            "workers": workers, "covered": covered, "rejected": rejected, "pending": pending, "unexpected": unexpected,
            "premium_due": premiumDue, "adjustments_count": adjustmentsCount, "adjustments_premium": adjustmentsPremium,
            "total_payable": totalPayable, "pending_exposure": pendingExposure, "disputed_amount": disputedAmount,
            "orphan_rejections": orphanRejections, "quarantined_rows": quarantinedRows,
        ]
    }

    /// The summary of a month's lines; `sources` lists every declared source (zeros included).
    public init(
        month: YearMonth, lines: [LedgerLine], reconciliation: MonthReconciliation, sources: [String],
        quarantinedRows: Int, findings: [FindingCode: Int]
    ) {
        self.month = month
        for source in sources { bySource[source] = SourceFigures() }
        for line in lines {
            if line.entry == .adjustment {
                adjustmentsCount += 1
                adjustmentsPremium += line.premium
                continue
            }
            switch line.status {
            case .covered: covered += 1
            case .rejected:
                rejected += 1
                rejectionsByReason[line.reasonCode, default: 0] += 1
            case .pending: pending += 1
            case .unexpected:
                unexpected += 1
                continue
            }
            premiumDue += line.premium
            var source = bySource[line.source, default: SourceFigures()]
            source.workers += 1
            source.premiumDue += line.premium
            switch line.status {
            case .covered: source.covered += 1
            case .rejected: source.rejected += 1
            case .pending: source.pending += 1
            case .unexpected: break
            }
            bySource[line.source] = source
            let key = line.kecamatanCode.isEmpty ? "UNKNOWN" : line.kecamatanCode
            var kecamatan = byKecamatan[key, default: KecamatanFigures()]
            kecamatan.workers += 1
            kecamatan.premiumDue += line.premium
            if line.status == .covered { kecamatan.covered += 1 }
            byKecamatan[key] = kecamatan
        }
        workers = covered + rejected + pending
        pendingExposure = reconciliation.pendingExposure
        disputedAmount = reconciliation.disputedAmount
        orphanRejections = reconciliation.orphanRejections
        self.quarantinedRows = quarantinedRows
        for (code, count) in findings { findingsByCode[code.rawValue] = count }
    }

    /// The invariants of SPEC §11 that a summary can check by itself.
    public var invariantViolations: [String] {
        var problems: [String] = []
        if workers != covered + rejected + pending { problems.append("workers != covered + rejected + pending") }
        if bySource.values.map(\.premiumDue).reduce(0, +) != premiumDue { problems.append("sum of premium_due by source != premium_due") }
        if byKecamatan.values.map(\.premiumDue).reduce(0, +) != premiumDue {
            problems.append("sum of premium_due by kecamatan != premium_due")
        }
        if bySource.values.map(\.workers).reduce(0, +) != workers { problems.append("sum of workers by source != workers") }
        if rejectionsByReason.values.reduce(0, +) != rejected { problems.append("rejections_by_reason does not sum to rejected") }
        return problems
    }
}
