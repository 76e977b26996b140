import SIGAPDomain
import XLSX

extension AcknowledgementReader {
    /// Reads an XLSX acknowledgement workbook with the streaming reader: every visible worksheet
    /// with a header in its first 30 rows, in workbook order (other sheets are noted). Errors of
    /// the workbook itself propagate as `XLSXError`; a workbook in which no sheet has a header
    /// throws `AcknowledgementReadError` (`noHeader`).
    public func readXLSX(path: String, file: String, month: YearMonth) throws -> AcknowledgementReport {
        let workbook = try Workbook(path: path, limits: limits)
        var list = AcknowledgementList()
        var findings: [RosterFinding] = []
        var quarantined: [AcknowledgementRecord] = []
        var headers: [AcknowledgementReport.Header] = []
        var notes: [String] = []
        var rowsRead = 0
        var rowsQuarantined = 0

        for sheet in workbook.sheets {
            guard sheet.kind == .worksheet else {
                notes.append("sheet '\(sheet.name)': a \(sheet.kind.rawValue), not read")
                continue
            }
            guard sheet.state == .visible else {
                notes.append("sheet '\(sheet.name)': \(sheet.state.rawValue), not read")
                continue
            }
            var interpreter: AcknowledgementRowInterpreter?
            var headerRow = 0
            do {
                try workbook.reader(for: sheet).forEachRow { row in
                    guard let current = interpreter else {
                        guard row.number <= AcknowledgementLayout.searchRows else { throw NoHeader() }
                        let labels = row.cells.compactMap { cell -> (column: Int, text: String)? in
                            if case .string(let text) = cell.value { return (cell.column, text) }
                            return nil
                        }
                        guard let layout = AcknowledgementLayout(headerRow: row.number, labels: labels) else { return }
                        headerRow = row.number
                        headers.append(AcknowledgementReport.Header(sheet: sheet.name, layout: layout))
                        let origin = list.addOrigin(file: file, received: month, sheet: sheet.name)
                        interpreter = AcknowledgementRowInterpreter(
                            layout: layout, month: month, file: file, sheet: sheet.name, origin: origin)
                        return
                    }
                    if row.number == headerRow + 1 && LayoutDetector.isNumberingRow(row) { return }
                    switch Self.interpret(row, with: current, into: &list, findings: &findings, quarantined: &quarantined) {
                    case .skipped:
                        break
                    case .kept:
                        rowsRead += 1
                    case .quarantined:
                        rowsRead += 1
                        rowsQuarantined += 1
                    }
                }
            } catch is NoHeader {}
            if interpreter == nil {
                notes.append(
                    "sheet '\(sheet.name)': no header in the first \(AcknowledgementLayout.searchRows) rows "
                        + "(a NIK and a period column), not read")
            }
        }
        guard !headers.isEmpty else { throw AcknowledgementReadError(path: path, reason: .noHeader) }

        var report = AcknowledgementReport(file: file, month: month, format: .xlsx)
        report.headers = headers
        report.notes = notes
        report.acknowledgements = list
        report.findings = findings
        report.quarantinedRows = quarantined
        report.rowsRead = rowsRead
        report.rowsQuarantined = rowsQuarantined
        return report
    }

    /// Stops reading a sheet whose first 30 rows hold no header.
    private struct NoHeader: Error {}

    /// Hands a workbook row to the interpreter: the text of string, boolean and error cells as
    /// UTF-8 bytes in one buffer, numbers and dates as they are.
    private static func interpret(
        _ row: Row, with interpreter: AcknowledgementRowInterpreter, into list: inout AcknowledgementList,
        findings: inout [RosterFinding], quarantined: inout [AcknowledgementRecord]
    ) -> AcknowledgementRowInterpreter.Outcome {
        let mapped = interpreter.mappedColumns
        var bytes: [UInt8] = []
        var entries: [(column: Int, value: CellValue, text: Range<Int>?)] = []
        for cell in row.cells where mapped.contains(cell.column) {
            switch cell.value {
            case .number, .date:
                entries.append((cell.column, cell.value, nil))
            case .string, .bool, .error:
                let start = bytes.count
                bytes.append(contentsOf: (RosterValues.text(cell.value) ?? "").utf8)
                entries.append((cell.column, cell.value, start..<bytes.count))
            }
        }
        return bytes.withUnsafeBufferPointer { buffer in
            interpreter.interpret(row: row.number, into: &list, findings: &findings, quarantined: &quarantined) { column in
                guard let entry = entries.first(where: { $0.column == column }) else { return nil }
                if let text = entry.text { return .text(UnsafeBufferPointer(rebasing: buffer[text])) }
                switch entry.value {
                case .number(let number): return .number(number)
                case .date(let date): return .date(date)
                default: return nil
                }
            }
        }
    }
}
