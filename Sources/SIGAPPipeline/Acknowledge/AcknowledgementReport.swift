import SIGAPDomain

/// What reading one acknowledgement file gave: the valid acknowledgements in input order, the
/// findings of the quarantined rows (source `BPJS`, in the inbox month the file arrived in), and
/// the counts the manifest and the invariants use (rows read = kept + quarantined).
public struct AcknowledgementReport: Sendable {
    public enum Format: Sendable, Hashable {
        /// CSV with the separator detected from its header line (`,` or `;`).
        case csv(separator: Character)
        case xlsx
    }

    /// A sheet (nil for CSV) and the header found in it.
    public struct Header: Sendable, Hashable {
        public var sheet: String?
        public var layout: AcknowledgementLayout
    }

    /// The file relative to the inbox root (`2025-12/BPJS/ack.csv`).
    public var file: String
    /// The inbox month the file arrived in.
    public var month: YearMonth
    public var format: Format
    /// The header of each sheet read (one for CSV).
    public var headers: [Header] = []
    /// Sheets not read, and why (`sheet 'Rekap': no header in the first 30 rows`), for the manifest.
    public var notes: [String] = []
    public var acknowledgements = AcknowledgementList()
    public var findings: [RosterFinding] = []
    /// The quarantined rows with what could be read of them, in input order (the store keeps
    /// every row read: SPEC §15).
    public var quarantinedRows: [AcknowledgementRecord] = []
    /// Data rows read: rows after the header with a non-empty cell in a mapped column.
    public var rowsRead = 0
    public var rowsQuarantined = 0

    public init(file: String, month: YearMonth, format: Format) {
        self.file = file
        self.month = month
        self.format = format
    }

    public var rowsKept: Int { acknowledgements.count }

    /// Rows read = rows kept + rows quarantined.
    public var isBalanced: Bool { rowsRead == rowsKept + rowsQuarantined }
}
