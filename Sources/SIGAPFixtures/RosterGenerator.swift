import CXLSXWriter

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes a synthetic agency roster workbook: one sheet, a header row, then `rowCount` workers
/// (see `RosterRows`) in the 14 columns of `header`.
public struct RosterGenerator: Sendable {
    /// How string cells are stored.
    public enum StringStorage: Sendable {
        /// In `xl/sharedStrings.xml`, as Excel writes them. libxlsxwriter keeps every cell in
        /// memory until the workbook is closed (about 1.9 GB for 1,000,000 rows).
        case shared
        /// As inline strings, row by row through a temporary file (libxlsxwriter's
        /// `constant_memory` mode: little memory at any size).
        case inline
    }

    /// The header row.
    public static let header = [
        "No", "NIK", "Nama Lengkap", "Tempat Lahir", "Tanggal Lahir", "Jenis Kelamin", "Alamat",
        "RT", "RW", "Kelurahan", "Kecamatan", "No HP", "Jenis Pekerjaan", "Keterangan",
    ]

    /// The most data rows a worksheet can hold under the header row.
    public static let maxRows = 1_048_575

    /// The creation time stored in `docProps/core.xml` (2025-11-05T00:00:00Z, SIGAP's launch), so
    /// that the same rows always give the same bytes.
    public static let created = 1_762_300_800

    public let rowCount: Int
    public let seed: UInt64
    public let sheetName: String
    public let stringStorage: StringStorage
    /// Every row's sex written as `X` (men) or `Y` (women), which validation flags (`SEX_INVALID`, a
    /// warning): a month whose every row carries a warning, for measuring one.
    public let everyRowWarned: Bool

    public init(
        rows: Int,
        seed: UInt64 = 1,
        sheetName: String = "Data Pekerja",
        stringStorage: StringStorage = .shared,
        everyRowWarned: Bool = false
    ) {
        precondition((0...Self.maxRows).contains(rows), "rows out of range")
        rowCount = rows
        self.seed = seed
        self.sheetName = sheetName
        self.stringStorage = stringStorage
        self.everyRowWarned = everyRowWarned
    }

    /// The data rows `write(to:)` writes.
    package func makeRows() -> RosterRows {
        RosterRows(count: rowCount, seed: seed)
    }

    /// Writes the workbook to `path`, replacing any file there. libxlsxwriter's temporary files go
    /// in the same folder.
    public func write(to path: String) throws {
        // Fail before the work rather than when libxlsxwriter creates the file at the very end.
        let folder = Self.folder(of: path)
        guard access(folder, W_OK) == 0 else {
            let cause = String(cString: strerror(errno))
            throw RosterWriteError(path: path, reason: "cannot write in folder '\(folder)': \(cause)")
        }
        var tmpdir = Array(folder.utf8CString)
        try tmpdir.withUnsafeMutableBufferPointer { tmpdir in
            var options = lxw_workbook_options()
            options.constant_memory = UInt8((stringStorage == .inline ? LXW_TRUE : LXW_FALSE).rawValue)
            options.tmpdir = tmpdir.baseAddress
            guard let workbook = workbook_new_opt(path, &options) else {
                throw RosterWriteError(path: path, reason: "libxlsxwriter could not create a workbook")
            }
            do {
                try fill(workbook, path: path)
            } catch {
                lxw_workbook_free(workbook)
                throw error
            }
            try check(workbook_close(workbook), path: path)
        }
    }

    private func fill(_ workbook: UnsafeMutablePointer<lxw_workbook>, path: String) throws {
        var properties = lxw_doc_properties()
        properties.created = time_t(Self.created)
        try check(workbook_set_properties(workbook, &properties), path: path)

        try check(workbook_validate_sheet_name(workbook, sheetName), path: path)
        guard let sheet = workbook_add_worksheet(workbook, sheetName) else {
            throw RosterWriteError(path: path, reason: "libxlsxwriter could not add sheet '\(sheetName)'")
        }
        let bold = workbook_add_format(workbook)
        format_set_bold(bold)
        let date = workbook_add_format(workbook)
        format_set_num_format(date, "dd/mm/yyyy")
        let text = workbook_add_format(workbook)
        format_set_num_format(text, "@")

        let widths: [Double] = [8, 19, 30, 14, 13, 7, 30, 5, 5, 18, 16, 15, 22, 14]
        for (column, width) in widths.enumerated() {
            try check(worksheet_set_column(sheet, lxw_col_t(column), lxw_col_t(column), width, nil), path: path)
        }
        for (column, title) in Self.header.enumerated() {
            try check(worksheet_write_string(sheet, 0, lxw_col_t(column), title, bold), path: path)
        }

        var row: lxw_row_t = 0
        for worker in makeRows() {
            row += 1
            try check(worksheet_write_number(sheet, row, 0, Double(worker.number), nil), path: path)
            try check(worksheet_write_string(sheet, row, 1, worker.nik, text), path: path)
            try check(worksheet_write_string(sheet, row, 2, worker.name, nil), path: path)
            try check(worksheet_write_string(sheet, row, 3, worker.birthPlace, nil), path: path)
            var birthDate = lxw_datetime(
                year: CInt(worker.birthDate.year), month: CInt(worker.birthDate.month),
                day: CInt(worker.birthDate.day), hour: 0, min: 0, sec: 0)
            try check(worksheet_write_datetime(sheet, row, 4, &birthDate, date), path: path)
            let sex = everyRowWarned ? (worker.sex == .female ? "Y" : "X") : worker.sex.rawValue
            try check(worksheet_write_string(sheet, row, 5, sex, nil), path: path)
            try check(worksheet_write_string(sheet, row, 6, worker.address, nil), path: path)
            try check(worksheet_write_string(sheet, row, 7, worker.rt, text), path: path)
            try check(worksheet_write_string(sheet, row, 8, worker.rw, text), path: path)
            try check(worksheet_write_string(sheet, row, 9, worker.kelurahan, nil), path: path)
            try check(worksheet_write_string(sheet, row, 10, worker.kecamatan, nil), path: path)
            try check(worksheet_write_string(sheet, row, 11, worker.phone, text), path: path)
            try check(worksheet_write_string(sheet, row, 12, worker.occupation, nil), path: path)
            try check(worksheet_write_string(sheet, row, 13, worker.note, nil), path: path)
        }
    }

    private func check(_ result: lxw_error, path: String) throws {
        guard result != LXW_NO_ERROR else { return }
        throw RosterWriteError(path: path, reason: String(cString: lxw_strerror(result)))
    }

    /// The folder holding `path`.
    private static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}
