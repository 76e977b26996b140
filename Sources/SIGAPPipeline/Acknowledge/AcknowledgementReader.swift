import SIGAPDomain
import XLSX

/// Reads one BPJS acknowledgement file (SPEC §8.2, §14): XLSX through the streaming reader, or
/// CSV (UTF-8 with or without BOM, `,` or `;` detected from the header line, RFC 4180 quoting, CRLF
/// or LF) in chunks of bytes. The header is the first row among the first 30 with a NIK synonym
/// and a period synonym; data rows follow it. Rows with errors are quarantined as findings.
///
/// A file that cannot be read at all throws: `XLSXError` for a workbook (corrupt, encrypted, not
/// XLSX ...), `AcknowledgementReadError` for a CSV file (not UTF-8, unreadable) and for a file of
/// either kind without a header.
public struct AcknowledgementReader: Sendable {
    /// Caps for workbooks (zip bombs, nesting, cell length).
    public var limits: ReaderLimits
    /// Bytes read from a CSV file at a time (at least 4).
    public var chunkSize: Int

    public init(limits: ReaderLimits = .default, chunkSize: Int = 1 << 20) {
        self.limits = limits
        self.chunkSize = max(1, chunkSize)
    }

    /// Reads the file at `path`, by its extension (`.csv`, or `.xlsx`/`.xlsm`; any case). `file`
    /// is its name relative to the inbox root and `month` the inbox month it arrived in: both
    /// go into every finding and acknowledgement.
    public func read(path: String, file: String, month: YearMonth) throws -> AcknowledgementReport {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let lowered = name.lowercased()
        if lowered.hasSuffix(".csv") {
            return try readCSV(path: path, file: file, month: month)
        }
        if lowered.hasSuffix(".xlsx") || lowered.hasSuffix(".xlsm") {
            return try readXLSX(path: path, file: file, month: month)
        }
        throw AcknowledgementReadError(path: path, reason: .unsupportedType(name))
    }
}
