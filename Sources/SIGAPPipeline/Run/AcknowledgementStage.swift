import SIGAPDomain
import XLSX

/// Reads every acknowledgement file up to the through month into one book (SPEC §8.2, §14): an
/// acknowledgement for a period may arrive in any later inbox month. Findings and quarantined rows
/// belong to the inbox month a file arrived in; an unreadable file is `FILE_UNREADABLE` there.
struct AcknowledgementStage {
    var lookup: AcknowledgementBook
    var findings: [YearMonth: [RosterFinding]] = [:]
    var quarantined: [YearMonth: Int] = [:]
    var unreadable: [(month: YearMonth, file: String, cause: String)] = []
    var inputs: [(file: Inbox.File, rows: Int, outcome: String)] = []
    /// The premium periods each file (by name) holds rows for, quarantined rows included; none for
    /// an unreadable file.
    var periods: [String: Set<YearMonth>] = [:]

    /// `keep` is handed each file read (the run writes its rows into the store).
    static func read(
        inbox: Inbox, through: YearMonth, limits: ReaderLimits, keep: (AcknowledgementReport) throws -> Void = { _ in }
    ) throws -> AcknowledgementStage {
        let reader = AcknowledgementReader(limits: limits)
        // Files come in input order (inbox month, then name): each one's rows join the book's list
        // as soon as it is read, and its own list is let go (a year of million-row files is 12
        // million rows: never held twice).
        var list = AcknowledgementList()
        var stage = AcknowledgementStage(lookup: AcknowledgementBook([AcknowledgementReport]()))
        for (month, file) in inbox.acknowledgementFiles(through: through) {
            let cause: String
            do {
                let report = try reader.read(path: file.path, file: file.name, month: month)
                try keep(report)
                stage.periods[file.name] = report.acknowledgements.periods.union(report.quarantinedRows.compactMap(\.period))
                list.append(contentsOf: report.acknowledgements)
                stage.findings[month, default: []] += report.findings
                stage.quarantined[month, default: 0] += report.rowsQuarantined
                stage.inputs.append((file, report.rowsRead, "read"))
                continue
            } catch let error as XLSXError {
                cause = error.cause
            } catch let error as AcknowledgementReadError {
                cause = error.cause
            }
            stage.unreadable.append((month, file.name, cause))
            stage.periods[file.name] = []
            stage.inputs.append((file, 0, "unreadable: \(cause)"))
            stage.findings[month, default: []].append(
                RosterFinding(
                    month: month, source: Inbox.acknowledgementFolder, file: file.name, sheet: nil, row: nil, cell: nil,
                    finding: Finding(code: .fileUnreadable, severity: .error, field: nil, value: cause)))
        }
        stage.lookup = AcknowledgementBook(list)
        return stage
    }
}
