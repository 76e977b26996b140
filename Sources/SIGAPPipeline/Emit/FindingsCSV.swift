import SIGAPDomain

/// `findings.csv` (SPEC §8.5): every error and warning of a month's inputs. The value column holds
/// what was found, NIKs in full: this file is as sensitive as the rosters.
public enum FindingsCSV {
    public static let header = ["month", "source", "file", "sheet", "row", "cell", "code", "severity", "value", "message"]

    public static func render(_ findings: [RosterFinding], language: Language = .id) -> String {
        var csv = CSVWriter(header: header)
        for item in findings {
            csv.append([
                item.month?.description ?? "", item.source, item.file, item.sheet ?? "", item.row.map(String.init) ?? "",
                item.cell ?? "", item.code.rawValue, item.severity.rawValue, item.finding.value ?? "",
                item.finding.message(language),
            ])
        }
        return csv.text
    }
}
