import Foundation

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

    /// Reads `summary.json` text; a missing count reads as 0.
    init(json: String, month: String) throws {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else {
            throw StoreError.damaged("the stored summary of \(month) is not a JSON object")
        }
        func number(_ value: Any?) -> Int { (value as? NSNumber)?.intValue ?? 0 }
        func counts(_ value: Any?) -> [String: Int] {
            guard let object = value as? [String: Any] else { return [:] }
            return object.mapValues(number)
        }
        func table(_ value: Any?) -> [String: [String: Int]] {
            guard let object = value as? [String: Any] else { return [:] }
            return object.mapValues(counts)
        }
        self.month = object["month"] as? String ?? month
        closed = (object["closed"] as? NSNumber)?.boolValue ?? false
        workers = number(object["workers"])
        covered = number(object["covered"])
        rejected = number(object["rejected"])
        pending = number(object["pending"])
        unexpected = number(object["unexpected"])
        premiumDue = number(object["premium_due"])
        adjustmentsCount = number(object["adjustments_count"])
        adjustmentsPremium = number(object["adjustments_premium"])
        totalPayable = number(object["total_payable"])
        pendingExposure = number(object["pending_exposure"])
        disputedAmount = number(object["disputed_amount"])
        orphanRejections = number(object["orphan_rejections"])
        quarantinedRows = number(object["quarantined_rows"])
        bySource = table(object["by_source"])
        byKecamatan = table(object["by_kecamatan"])
        rejectionsByReason = counts(object["rejections_by_reason"])
        findingsByCode = counts(object["findings_by_code"])
    }

    func source(_ code: String, _ key: String) -> Int { bySource[code]?[key] ?? 0 }
    func kecamatan(_ code: String, _ key: String) -> Int { byKecamatan[code]?[key] ?? 0 }
}
