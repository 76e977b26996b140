import Foundation
import SIGAPDomain

/// A month's `summary.json` as the store keeps it, read back for the report. The report takes
/// every figure it shows from here, so it can never disagree with `summary.json`.
struct ReportSummary: Sendable, Hashable {
    var month: String
    var closed: Bool
    var workers: Int
    var covered: Int
    var rejected: Int
    var pending: Int
    var unexpected: Int
    var premiumDue: Int
    var adjustmentsCount: Int
    var adjustmentsPremium: Int
    var totalPayable: Int
    var pendingExposure: Int
    var disputedAmount: Int
    var orphanRejections: Int
    var quarantinedRows: Int
    /// `by_source`: source code → `workers`, `covered`, `rejected`, `pending`, `premium_due`.
    var bySource: [String: [String: Int]]
    /// `by_kecamatan`: code (or `UNKNOWN`) → `workers`, `covered`, `premium_due`.
    var byKecamatan: [String: [String: Int]]
    var rejectionsByReason: [String: Int]
    var findingsByCode: [String: Int]
    /// `intake`: what arrived for the month (SPEC §3).
    var intake: Intake

    /// Reads `summary.json` text; a missing count reads as 0.
    init(json: String, month: String) throws {
        let summary = try MonthSummary(json: json, month: YearMonth(month))
        self.month = summary.month.description
        closed = summary.closed
        workers = summary.workers
        covered = summary.covered
        rejected = summary.rejected
        pending = summary.pending
        unexpected = summary.unexpected
        premiumDue = summary.premiumDue
        adjustmentsCount = summary.adjustmentsCount
        adjustmentsPremium = summary.adjustmentsPremium
        totalPayable = summary.totalPayable
        pendingExposure = summary.pendingExposure
        disputedAmount = summary.disputedAmount
        orphanRejections = summary.orphanRejections
        quarantinedRows = summary.quarantinedRows
        bySource = summary.bySource.mapValues { figures in
            [
                "workers": figures.workers, "covered": figures.covered, "rejected": figures.rejected, "pending": figures.pending,
                "premium_due": figures.premiumDue,
            ]
        }
        byKecamatan = summary.byKecamatan.mapValues { ["workers": $0.workers, "covered": $0.covered, "premium_due": $0.premiumDue] }
        rejectionsByReason = summary.rejectionsByReason
        findingsByCode = summary.findingsByCode
        intake = summary.intake
    }

    func source(_ code: String, _ key: String) -> Int { bySource[code]?[key] ?? 0 }
    func kecamatan(_ code: String, _ key: String) -> Int { byKecamatan[code]?[key] ?? 0 }
}
