import SIGAPDomain
import XLSX

/// Turns the cells of one data row into a valid acknowledgement or into findings (SPEC §8.2, §14):
/// the four NIK structure errors, ACK_PERIOD_INVALID, ACK_STATUS_INVALID and ACK_KPJ_MISSING, all
/// errors; a row with any of them is quarantined. No warnings.
struct AcknowledgementRowInterpreter {
    enum Outcome {
        /// Every mapped cell is empty: not a row.
        case skipped
        case kept
        case quarantined
    }

    static let source = "BPJS"

    let month: YearMonth
    let file: String
    let sheet: String?
    let origin: UInt32
    private let nikColumn: Int
    private let periodColumn: Int
    private let nameColumn: Int?
    private let kpjColumn: Int?
    private let statusColumn: Int?
    private let reasonColumn: Int?
    private let premiumColumn: Int?

    init(layout: AcknowledgementLayout, month: YearMonth, file: String, sheet: String?, origin: UInt32) {
        self.month = month
        self.file = file
        self.sheet = sheet
        self.origin = origin
        nikColumn = layout.columns[.nik]!
        periodColumn = layout.columns[.period]!
        nameColumn = layout.columns[.name]
        kpjColumn = layout.columns[.kpj]
        statusColumn = layout.columns[.status]
        reasonColumn = layout.columns[.reason]
        premiumColumn = layout.columns[.premium]
        mappedColumns = layout.columns.values.sorted()
    }

    /// The columns any field maps to (a row whose cells there are all empty is skipped).
    let mappedColumns: [Int]

    /// Reads row `row`; `cell` gives the cell in a 1-based column (nil when empty or absent).
    func interpret(
        row: Int, into list: inout AcknowledgementList, findings: inout [RosterFinding],
        quarantined: inout [AcknowledgementRecord], cell: (Int) -> AcknowledgementCell?
    ) -> Outcome {
        func present(_ column: Int?) -> AcknowledgementCell? {
            guard let column, let value = cell(column), !value.isBlank else { return nil }
            return value
        }
        let nikCell = present(nikColumn)
        let periodCell = present(periodColumn)
        let nameCell = present(nameColumn)
        let kpjCell = present(kpjColumn)
        let statusCell = present(statusColumn)
        let reasonCell = present(reasonColumn)
        let premiumCell = present(premiumColumn)
        if nikCell == nil && periodCell == nil && nameCell == nil && kpjCell == nil && statusCell == nil
            && reasonCell == nil && premiumCell == nil
        {
            return .skipped
        }

        var errors: [(code: FindingCode, column: Int?, value: String?)] = []

        // NIK: 16 plain digits directly; anything else through the domain's reading, of which
        // only the structure errors apply (SPEC §14).
        var nik: UInt64?
        func readNIK(_ input: NIKInput) {
            let reading = NIK.read(input, month: month)
            if let error = reading.error, error.isAlwaysError {
                errors.append((error, nikColumn, input.originalText))
            } else if let cleaned = reading.cleaned, let value = UInt64(cleaned) {
                nik = value
            } else {
                errors.append((.nikNotDigits, nikColumn, input.originalText))
            }
        }
        switch nikCell {
        case nil: errors.append((.nikMissing, nikColumn, nil))
        case .text(let bytes)?:
            if let value = AcknowledgementValues.sixteenDigits(bytes) {
                nik = value
            } else {
                readNIK(.text(String(decoding: bytes, as: UTF8.self)))
            }
        case .number(let number)?: readNIK(.number(number))
        case .date(let date)?: readNIK(.text(date.description))
        }

        let period: YearMonth? =
            switch periodCell {
            case .text(let bytes)?: AcknowledgementValues.period(bytes: bytes)
            case .date(let date)?: date.isTimeOnly ? nil : YearMonth(year: date.year, month: date.month)
            case .number?, nil: nil
            }
        if period == nil { errors.append((.ackPeriodInvalid, periodColumn, periodCell?.originalText)) }

        let status: Acknowledgement.Status? =
            if case .text(let bytes)? = statusCell { AcknowledgementValues.status(bytes: bytes) } else { nil }
        if status == nil { errors.append((.ackStatusInvalid, statusColumn ?? nikColumn, statusCell?.originalText)) }

        let kpj: UInt64? =
            switch kpjCell {
            case .text(let bytes)?: AcknowledgementValues.kpj(bytes: bytes)
            case .number(let number)?: AcknowledgementValues.kpj(number: number)
            case .date?, nil: nil
            }
        if status == .accepted && kpj == nil {
            errors.append((.ackKPJMissing, kpjColumn ?? statusColumn ?? nikColumn, kpjCell?.originalText))
        }

        let premium: Int? =
            switch premiumCell {
            case .text(let bytes)?: AcknowledgementValues.premium(bytes: bytes)
            case .number(let number)?: AcknowledgementValues.premium(number: number)
            case .date?, nil: nil
            }
        guard errors.isEmpty, let nik, let period, let status else {
            // What could be read of the row stays with it (the store keeps every row read).
            Self.withText(nameCell) { name in
                Self.withText(reasonCell) { reasonText in
                    quarantined.append(
                        AcknowledgementRecord(
                            file: file, row: row, period: period, nik: nik.map { AcknowledgementValues.digits($0, width: 16) },
                            name: name.isEmpty ? nil : String(decoding: name, as: UTF8.self),
                            kpj: kpj.map { AcknowledgementValues.digits($0, width: 11) }, status: status,
                            reason: reasonText.isEmpty ? nil : String(decoding: reasonText, as: UTF8.self),
                            reasonCode: status == .rejected ? RejectionReason.classify(bytes: reasonText).rawValue : nil, premium: premium,
                            keptBefore: list.count))
                }
            }
            for error in errors {
                let finding = Finding(
                    code: error.code, severity: error.code.defaultSeverity,
                    field: FindingCode.nikErrors.contains(error.code) ? .nik : nil, value: error.value)
                findings.append(
                    RosterFinding(
                        month: month, source: Self.source, file: file, sheet: sheet, row: row,
                        cell: error.column.map { CellReference.name(row: row, column: $0) }, finding: finding))
            }
            return .quarantined
        }

        Self.withText(nameCell) { name in
            Self.withText(reasonCell) { reasonText in
                let reason = status == .rejected ? RejectionReason.classify(bytes: reasonText) : nil
                list.append(
                    nik: nik, period: period, name: name, kpj: kpj, status: status, reason: reason,
                    reasonText: reasonText, premium: premium, row: row, origin: origin)
            }
        }
        return .kept
    }

    /// Calls `body` with the trimmed UTF-8 text of a cell (empty for none).
    private static func withText<Result>(
        _ cell: AcknowledgementCell?, _ body: (UnsafeBufferPointer<UInt8>) -> Result
    ) -> Result {
        switch cell {
        case .text(let bytes)?:
            return body(AcknowledgementValues.trimmed(bytes))
        case nil:
            return body(UnsafeBufferPointer(start: nil, count: 0))
        case let other?:
            var text = other.originalText
            return text.withUTF8 { body(AcknowledgementValues.trimmed($0)) }
        }
    }
}
