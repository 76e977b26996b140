import Foundation
import SIGAPDomain
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
        var arrivals = intake.sources.map { key, value in
            (
                key,
                object(
                    [
                        ("state", JSON.string(value.state.rawValue)), ("files", "\(value.files)"), ("rows", "\(value.rows)"),
                        ("from_month", JSON.string(value.fromMonth)),
                    ], indent: "    ")
            )
        }
        arrivals.append(
            (
                Inbox.acknowledgementFolder,
                object([("files", "\(intake.acknowledgementFiles)"), ("rows", "\(intake.acknowledgementRows)")], indent: "    ")
            ))
        let fields: [(String, String)] =
            [("month", JSON.string(month.description)), ("closed", closed ? "true" : "false")]
            + scalars.map { ($0.key, "\($0.value)") } + [
                ("by_source", object(sources, indent: "  ")), ("by_kecamatan", object(kecamatan, indent: "  ")),
                ("rejections_by_reason", object(rejectionsByReason.map { ($0.key, "\($0.value)") }, indent: "  ")),
                ("findings_by_code", object(findingsByCode.map { ($0.key, "\($0.value)") }, indent: "  ")),
                ("intake", object(arrivals, indent: "  ")),
            ]
        return object(fields, indent: "") + "\n"
    }
}

extension MonthSummary {
    /// Reads back a `summary.json` this program wrote (a reused month's figures, the report's);
    /// a missing count reads as 0, a missing month as `month`. Throws `StoreError.damaged` for
    /// anything else.
    public init(json text: String, month fallback: YearMonth? = nil) throws {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
            let month = (object["month"] as? String).flatMap(YearMonth.init) ?? fallback
        else { throw StoreError.damaged("the stored summary\(fallback.map { " of \($0)" } ?? "") cannot be read back") }
        func number(_ value: Any?) -> Int { (value as? NSNumber)?.intValue ?? 0 }
        func table(_ key: String) -> [String: [String: Int]] {
            (object[key] as? [String: Any] ?? [:]).mapValues { ($0 as? [String: Any] ?? [:]).mapValues(number) }
        }
        self.month = month
        closed = (object["closed"] as? NSNumber)?.boolValue ?? false
        workers = number(object["workers"])
        covered = number(object["covered"])
        rejected = number(object["rejected"])
        pending = number(object["pending"])
        unexpected = number(object["unexpected"])
        premiumDue = number(object["premium_due"])
        adjustmentsCount = number(object["adjustments_count"])
        adjustmentsPremium = number(object["adjustments_premium"])
        pendingExposure = number(object["pending_exposure"])
        disputedAmount = number(object["disputed_amount"])
        orphanRejections = number(object["orphan_rejections"])
        quarantinedRows = number(object["quarantined_rows"])
        bySource = table("by_source").mapValues { figures in
            SourceFigures(
                workers: figures["workers"] ?? 0, covered: figures["covered"] ?? 0, rejected: figures["rejected"] ?? 0,
                pending: figures["pending"] ?? 0, premiumDue: figures["premium_due"] ?? 0)
        }
        byKecamatan = table("by_kecamatan").mapValues { figures in
            KecamatanFigures(workers: figures["workers"] ?? 0, covered: figures["covered"] ?? 0, premiumDue: figures["premium_due"] ?? 0)
        }
        rejectionsByReason = (object["rejections_by_reason"] as? [String: Any] ?? [:]).mapValues(number)
        findingsByCode = (object["findings_by_code"] as? [String: Any] ?? [:]).mapValues(number)
        // A summary written before intake was kept has none.
        for (key, value) in object["intake"] as? [String: Any] ?? [:] {
            let figures = value as? [String: Any] ?? [:]
            if key == Inbox.acknowledgementFolder {
                intake.acknowledgementFiles = number(figures["files"])
                intake.acknowledgementRows = number(figures["rows"])
            } else if let state = (figures["state"] as? String).flatMap(Intake.State.init) {
                intake.sources[key] = Intake.Source(
                    state: state, files: number(figures["files"]), rows: number(figures["rows"]),
                    fromMonth: figures["from_month"] as? String ?? "")
            }
        }
    }
}
