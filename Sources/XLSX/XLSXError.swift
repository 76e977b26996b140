/// A failure to read a workbook: what went wrong, where (file, part, cell) and the underlying cause.
///
/// Messages are plain English for logs and the command line; callers that face people translate by
/// `code`.
public struct XLSXError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable, Equatable {
        /// The file does not exist or cannot be opened.
        case fileNotFound
        /// An I/O error while reading.
        case io
        /// Not a zip archive at all (see `detail` for what it looks like).
        case notXLSX
        /// A password-protected workbook (CFB with EncryptionInfo/EncryptedPackage).
        case encrypted
        /// A legacy Excel 97-2003 `.xls` workbook.
        case legacyXLS
        /// A damaged, truncated or inconsistent zip archive.
        case corruptArchive
        /// An entry's CRC-32 does not match its data.
        case checksumMismatch
        /// Inflating would pass a configured cap (zip bomb guard).
        case limitExceeded
        /// A zip feature the reader does not support (another compression method, encryption).
        case unsupported
        /// A part the workbook needs is missing or not reachable through its relationships.
        case missingPart
        /// Malformed or refused XML (DOCTYPE, nesting, overlong text, bad references).
        case invalidXML
        /// No sheet with that name or index.
        case noSuchSheet
    }

    public var code: Code
    public var message: String
    /// The file as the caller named it.
    public var file: String?
    /// The package part (`xl/worksheets/sheet1.xml`) where the problem is, when known.
    public var part: String?

    public init(_ code: Code, _ message: String, file: String? = nil, part: String? = nil) {
        self.code = code
        self.message = message
        self.file = file
        self.part = part
    }

    /// `message`, prefixed by the part when known (the file is added by whoever reports it).
    public var cause: String {
        if let part { return "\(part): \(message)" }
        return message
    }

    public var description: String {
        if let file { return "\(file): \(cause)" }
        return cause
    }

    func located(file: String? = nil, part: String? = nil) -> XLSXError {
        var copy = self
        if copy.file == nil { copy.file = file }
        if copy.part == nil { copy.part = part }
        return copy
    }
}
