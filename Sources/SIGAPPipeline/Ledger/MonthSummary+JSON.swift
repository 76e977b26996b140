import XLSX

extension MonthSummary {
    /// `summary.json`: keys sorted at every level, integers only, two-space indentation, a final
    /// newline. The same summary always gives the same bytes.
    public var json: String {
        func object(_ pairs: [(String, String)], indent: String) -> String {
            guard !pairs.isEmpty else { return "{}" }
            let inner = indent + "  "
            let body = pairs.sorted { $0.0 < $1.0 }.map { "\(inner)\(JSON.string($0.0)): \($0.1)" }
            return "{\n" + body.joined(separator: ",\n") + "\n\(indent)}"
        }
        let sources = bySource.map { key, value in
            (
                key,
                object(
                    [
                        ("covered", "\(value.covered)"), ("pending", "\(value.pending)"), ("premium_due", "\(value.premiumDue)"),
                        ("rejected", "\(value.rejected)"), ("workers", "\(value.workers)"),
                    ], indent: "    ")
            )
        }
        let kecamatan = byKecamatan.map { key, value in
            (
                key,
                object(
                    [("covered", "\(value.covered)"), ("premium_due", "\(value.premiumDue)"), ("workers", "\(value.workers)")],
                    indent: "    ")
            )
        }
        let fields: [(String, String)] = [
            ("month", JSON.string(month.description)), ("closed", closed ? "true" : "false"), ("workers", "\(workers)"),
            ("covered", "\(covered)"), ("rejected", "\(rejected)"), ("pending", "\(pending)"), ("unexpected", "\(unexpected)"),
            ("premium_due", "\(premiumDue)"), ("adjustments_count", "\(adjustmentsCount)"),
            ("adjustments_premium", "\(adjustmentsPremium)"), ("total_payable", "\(totalPayable)"),
            ("pending_exposure", "\(pendingExposure)"), ("disputed_amount", "\(disputedAmount)"),
            ("orphan_rejections", "\(orphanRejections)"), ("quarantined_rows", "\(quarantinedRows)"),
            ("by_source", object(sources, indent: "  ")), ("by_kecamatan", object(kecamatan, indent: "  ")),
            ("rejections_by_reason", object(rejectionsByReason.map { ($0.key, "\($0.value)") }, indent: "  ")),
            ("findings_by_code", object(findingsByCode.map { ($0.key, "\($0.value)") }, indent: "  ")),
        ]
        return object(fields, indent: "") + "\n"
    }
}
