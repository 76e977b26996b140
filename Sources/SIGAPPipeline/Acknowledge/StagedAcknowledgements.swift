import Foundation
import SIGAPDomain

/// One acknowledgement file as read once and kept in the store by its SHA-256 (SPEC §15, staged
/// extraction): its valid rows packed (`AcknowledgementList+Staging`), the findings of its
/// quarantined rows and its counts. A run takes from it the rows of the periods a month needs
/// instead of reading the file again. Nothing in it names the file or the month it arrived in.
public struct StagedAcknowledgements: Sendable {
    /// What is kept beside the packed rows, as JSON.
    struct Meta: Codable, Sendable {
        var sheets: [String?]
        var findings: [StagedFinding]
        var rowsRead: Int
        var rowsQuarantined: Int
        var periods: [String]
    }

    /// A finding of a quarantined row without its month, source and file.
    struct StagedFinding: Codable, Sendable {
        var sheet: String?
        var row: Int?
        var cell: String?
        var code: String
        var severity: String
        var field: String?
        var value: String?
    }

    package var records: [UInt8]
    package var text: [UInt8]
    var meta: Meta

    /// The premium periods the file holds rows for, quarantined rows included.
    package var periods: Set<YearMonth> { Set(meta.periods.compactMap(YearMonth.init)) }
    package var rowsRead: Int { meta.rowsRead }
    var rowsQuarantined: Int { meta.rowsQuarantined }

    init(report: AcknowledgementReport) {
        let packed = report.acknowledgements.packed()
        records = packed.records
        text = packed.text
        let periods = report.acknowledgements.periods.union(report.quarantinedRows.compactMap(\.period))
        meta = Meta(
            sheets: packed.sheets,
            findings: report.findings.map {
                StagedFinding(
                    sheet: $0.sheet, row: $0.row, cell: $0.cell, code: $0.code.rawValue, severity: $0.severity.rawValue,
                    field: $0.finding.field?.rawValue, value: $0.finding.value)
            },
            rowsRead: report.rowsRead, rowsQuarantined: report.rowsQuarantined, periods: periods.sorted().map(\.description))
    }

    /// As the store gives it back; nil when the parts do not fit together.
    package init?(records: [UInt8], text: [UInt8], metaJSON: String) {
        guard let meta = try? JSONDecoder().decode(Meta.self, from: Data(metaJSON.utf8)),
            records.count % AcknowledgementList.packedRecordSize == 0
        else { return nil }
        self.records = records
        self.text = text
        self.meta = meta
    }

    package var metaJSON: String {
        // Encoding plain strings and numbers cannot fail.
        String(decoding: (try? JSONEncoder().encode(meta)) ?? Data("{}".utf8), as: UTF8.self)
    }

    /// The rows for `periods` (all when nil), as read from `file` in inbox month `received`.
    func list(file: String, received: YearMonth, periods: Set<YearMonth>?) -> AcknowledgementList? {
        AcknowledgementList(packed: records, text: text, sheets: meta.sheets, file: file, received: received, periods: periods)
    }

    /// The findings, as read from `file` in inbox month `month`.
    func findings(file: String, month: YearMonth) -> [RosterFinding] {
        meta.findings.compactMap { item in
            guard let code = FindingCode(rawValue: item.code), let severity = Severity(rawValue: item.severity) else { return nil }
            return RosterFinding(
                month: month, source: Inbox.acknowledgementFolder, file: file, sheet: item.sheet, row: item.row, cell: item.cell,
                finding: Finding(code: code, severity: severity, field: item.field.flatMap(RosterField.init), value: item.value))
        }
    }
}
