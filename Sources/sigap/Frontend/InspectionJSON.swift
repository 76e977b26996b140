import SIGAPDomain
import SIGAPPipeline
import XLSX

/// The `--format json` form of `sigap inspect`: one object, keys in a fixed order.
enum InspectionJSON {
    static func render(_ report: SourceRosterReport) -> String {
        var files: [String] = []
        for file in report.files {
            var sheets: [String] = []
            for outcome in file.sheets {
                var fields = [
                    "\"index\":\(outcome.sheet.index)", "\"name\":\(JSON.string(outcome.sheet.name))",
                    "\"state\":\"\(outcome.sheet.state.rawValue)\"", "\"note\":\(JSON.string(outcome.note))",
                ]
                if let layout = outcome.layout {
                    let columns = RosterField.allCases.compactMap { field in
                        layout.columns[field].map { "\"\(field.rawValue)\":\"\(CellReference.columnName($0))\"" }
                    }
                    fields += [
                        "\"header_row\":\(layout.headerRow)", "\"sub_label_row\":\(layout.subLabelRow.map(String.init) ?? "null")",
                        "\"numbering_row\":\(layout.numberingRow.map(String.init) ?? "null")",
                        "\"columns\":{\(columns.joined(separator: ","))}", "\"data_rows\":\(outcome.dataRows)",
                        "\"empty_rows_skipped\":\(outcome.emptyRowsSkipped)", "\"footer_rows_ignored\":\(outcome.footerRowsIgnored)",
                    ]
                }
                sheets.append("{\(fields.joined(separator: ","))}")
            }
            files.append("{\"file\":\(JSON.string(file.file)),\"sheets\":[\(sheets.joined(separator: ","))]}")
        }
        let findings = report.findingsByCode.map { "\"\($0.code.rawValue)\":\($0.count)" }
        // Where each finding is, never its value (a NIK or a phone number).
        let placed = report.findings.map { finding in
            "{\"sheet\":\(finding.sheet.map(JSON.string) ?? "null"),\"row\":\(finding.row.map(String.init) ?? "null"),"
                + "\"cell\":\(finding.cell.map(JSON.string) ?? "null"),\"code\":\"\(finding.code.rawValue)\",\"severity\":\"\(finding.severity.rawValue)\"}"
        }
        return "{\"month\":\"\(report.month)\",\"source\":\(JSON.string(report.source)),\"files\":[\(files.joined(separator: ","))],"
            + "\"rows\":{\"read\":\(report.rowsRead),\"kept\":\(report.rowsKept),\"quarantined\":\(report.rowsQuarantined),\"duplicates\":\(report.rowsDuplicate)},"
            + "\"findings_by_code\":{\(findings.joined(separator: ","))},\"findings\":[\(placed.joined(separator: ","))]}"
    }
}
