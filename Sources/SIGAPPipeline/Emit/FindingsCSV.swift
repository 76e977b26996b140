import SIGAPDomain

/// `findings.csv` (SPEC §8.5): every error and warning of a month's inputs. The value column holds
/// what was found, NIKs in full: this file is as sensitive as the rosters.
public enum FindingsCSV {
    public static let header = ["month", "source", "file", "sheet", "row", "cell", "code", "severity", "value", "message"]

    public static func render(_ findings: some Sequence<RosterFinding>, language: Language = .id) -> String {
        var counts = ReportFindings()
        return render(findings, language: language, counting: &counts)
    }

    /// The text, and what the report shows of it counted into `counts` from the same fields (the
    /// text is not read back to count them).
    static func render(
        _ findings: some Sequence<RosterFinding>, language: Language = .id, counting counts: inout ReportFindings
    ) -> String {
        var bytes: [UInt8] = []
        stream(findings, language: language, counting: &counts) { bytes += $0 }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Hands the text to `output` a block (about 1 MB) at a time: a month whose million rows each
    /// carry a warning is never held whole.
    static func stream(
        _ findings: some Sequence<RosterFinding>, language: Language = .id, counting counts: inout ReportFindings,
        _ output: (UnsafeBufferPointer<UInt8>) throws -> Void
    ) rethrows {
        var csv = CSVWriter(header: header)
        var messages = FindingMessages(language)
        var monthText: (month: YearMonth, text: String)?
        for item in findings {
            if let month = item.month {
                if monthText?.month != month { monthText = (month, month.description) }
                csv.field(monthText!.text)
            } else {
                csv.field("")
            }
            csv.field(item.source)
            csv.field(item.file)
            csv.field(item.sheet ?? "")
            if let row = item.row { csv.field(row) } else { csv.field("") }
            csv.field(item.cell ?? "")
            csv.field(item.code.rawValue)
            csv.field(item.severity.rawValue)
            csv.field(item.finding.value ?? "")
            let message = messages.message(item.finding)
            csv.field(message)
            csv.endRecord()
            counts.add(source: item.source, code: item.code.rawValue, severity: item.severity.rawValue) {
                (file: item.file, value: item.finding.value ?? "", message: message)
            }
            if csv.count >= 1 << 20 { try csv.drain(output) }
        }
        try csv.drain(output)
    }

}
