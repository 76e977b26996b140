import SIGAPDomain
import XLSXWrite

/// `submission.xlsx` (SPEC §8.5): the rows of `submission.csv`, in the same order, for people —
/// one sheet with Indonesian headers, the header row frozen and an autofilter.
///
/// NIK and phone numbers are text cells (as numbers Excel would turn a 16-digit NIK's last digit
/// into 0 and drop a phone's leading 0); a birth date that is a real `YYYY-MM-DD` day is a date
/// cell shown `dd/mm/yyyy`, any other birth date text is kept as text. The file is written 0640.
public struct SubmissionWorkbook: Sendable {
    /// The only sheet.
    public static let sheetName = "Pendaftaran"
    /// One header per `submission.csv` column, in the same order.
    public static var headers: [String] { columns.map(\.header) }

    /// The month whose enrolment list this is.
    public var month: YearMonth
    /// In `submission.csv` order.
    public var rows: [SubmissionRow]

    public init(month: YearMonth, rows: [SubmissionRow]) {
        self.month = month
        self.rows = rows
    }

    /// Writes the workbook at `path` (mode 0640). Publish it atomically with
    /// `OutputFolder.publish`, which hands this a temporary path.
    public func write(to path: String) throws {
        try LedgerWorkbook.writeWorkbook(to: path) { writer in
            try LedgerWorkbook.writeTable(rows, columns: Self.columns, to: writer.addSheet(Self.sheetName), csvName: "submission.csv")
        }
    }

    typealias Column = LedgerWorkbook.Column<SubmissionRow>

    static var columns: [Column] {
        [
            .text("NIK", width: 19) { $0.nik },
            .plain("Nama", width: 28) { $0.name },
            .plain("Tempat Lahir", width: 16) { $0.birthPlace },
            Column(header: "Tanggal Lahir", width: 13, style: LedgerWorkbook.dateStyle) {
                LedgerWorkbook.dateContent($0.birthDate)
            },
            .text("Jenis Kelamin", width: 8) { $0.sex },
            .plain("Alamat", width: 36) { $0.address },
            .plain("Kelurahan", width: 18) { $0.kelurahan },
            .plain("Kecamatan", width: 16) { $0.kecamatan },
            .text("No HP", width: 15) { $0.phone },
            .plain("Pekerjaan", width: 20) { $0.occupation },
            .text("Dinas", width: 10) { $0.source },
        ]
    }
}
