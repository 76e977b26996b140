import SIGAPDomain
import SIGAPPipeline
import XLSX

/// The terminal form of `sigap inspect`. No NIK or phone appears: counts and layout only.
enum InspectionText {
    /// `listing`: how many rows with findings are listed by sheet, row, cell and code.
    static func lines(_ report: SourceRosterReport, language: Language, listing: Int) -> [String] {
        var lines: [String] = []
        for file in report.files {
            lines.append("File \(file.file) (month \(report.month))")
            for outcome in file.sheets {
                let sheet = outcome.sheet
                lines.append("  Sheet \(sheet.index) \"\(sheet.name)\" (\(sheet.state.rawValue)): \(outcome.note)")
                guard let layout = outcome.layout else { continue }
                lines.append(
                    "    sub-label row: \(layout.subLabelRow.map(String.init) ?? "none"); numbering row: \(layout.numberingRow.map(String.init) ?? "none"); data from row \(layout.firstDataRow)"
                )
                for field in RosterField.allCases {
                    guard let column = layout.columns[field] else { continue }
                    let label = layout.labels[column] ?? ""
                    lines.append("    \(pad(field.rawValue, 17)) column \(pad(CellReference.columnName(column), 3)) \"\(label)\"")
                }
                let footer = outcome.footerStartRow.map { " (from row \($0))" } ?? ""
                lines.append(
                    "    data rows: \(outcome.dataRows); empty rows skipped: \(outcome.emptyRowsSkipped); footer rows ignored: \(outcome.footerRowsIgnored)\(footer)"
                )
            }
        }
        lines.append(
            "Rows: read \(report.rowsRead), kept \(report.rowsKept), quarantined \(report.rowsQuarantined), duplicates \(report.rowsDuplicate)"
        )
        if report.findingsByCode.isEmpty {
            lines.append("Findings: none")
        } else {
            lines.append("Findings by code:")
            for (code, count) in report.findingsByCode {
                lines.append(
                    "  \(pad(code.rawValue, 22)) \(pad(code.defaultSeverity.rawValue, 8)) \(count)  \(code.message(language, value: nil))")
            }
        }
        let placed = report.findings.filter { $0.row != nil }
        if !placed.isEmpty {
            lines.append("Rows with findings (sheet, row, cell, code, severity):")
            for finding in placed.prefix(listing) {
                lines.append(
                    "  \(finding.sheet ?? "-")  row \(finding.row ?? 0)  \(pad(finding.cell ?? "-", 6)) \(pad(finding.code.rawValue, 22)) \(finding.severity.rawValue)"
                )
            }
            if placed.count > listing {
                lines.append("  … and \(placed.count - listing) more (all in --format json, and in the correction workbook after a run)")
            }
        }
        return lines
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
