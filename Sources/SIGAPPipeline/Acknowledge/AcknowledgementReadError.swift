/// An acknowledgement file that cannot be read at all (SPEC §3, §12): the file is reported as
/// `FILE_UNREADABLE` with `cause`. Workbooks fail with `XLSXError` instead, except for a missing
/// header.
public struct AcknowledgementReadError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Reason: Sendable, Hashable {
        /// The file cannot be opened or read (`detail`: the system's reason).
        case io(String)
        /// Bytes that are not UTF-8, at a byte offset (from the start of the file) on a 1-based line.
        case notUTF8(offset: Int, line: Int)
        /// UTF-16 or UTF-32 text (a byte order mark says so).
        case wrongEncoding(String)
        /// A workbook or archive under a `.csv` name (`kind` says what it looks like).
        case notText(String)
        /// A CSV record (1-based) longer than 4 MiB: a quote that never closes, or not CSV at all.
        case recordTooLong(record: Int)
        /// No row (CSV: record) among the first 30 has a NIK and a period header.
        case noHeader
        /// The file name ends neither in `.csv` nor `.xlsx`.
        case unsupportedType(String)
    }

    /// The path as the caller gave it.
    public var path: String
    public var reason: Reason

    public init(path: String, reason: Reason) {
        self.path = path
        self.reason = reason
    }

    /// What is wrong, in plain English, without the file name (for `FILE_UNREADABLE` messages).
    public var cause: String {
        switch reason {
        case .io(let detail):
            return "cannot read the file: \(detail)"
        case .notUTF8(let offset, let line):
            return "not UTF-8 text (invalid bytes at byte \(offset), line \(line)): save it as \"CSV UTF-8\""
        case .wrongEncoding(let encoding):
            return "\(encoding) text, not UTF-8: save it as \"CSV UTF-8\""
        case .notText(let kind):
            return "not a CSV text file: it looks like \(kind)"
        case .recordTooLong(let record):
            return "record \(record) is longer than 4 MiB: a quoted field that never closes, or not a CSV file"
        case .noHeader:
            return "no header row in the first \(AcknowledgementLayout.searchRows) rows: a row needs a NIK column "
                + "(NIK, NO NIK) and a period column (PERIODE, BULAN, PERIODE IURAN)"
        case .unsupportedType(let name):
            return "unsupported file type '\(name)': acknowledgement files are .csv or .xlsx"
        }
    }

    public var description: String { "\(path): \(cause)" }
}
