import SIGAPDomain

/// A finding placed where the data team can find it: month, source, file (relative to the inbox),
/// sheet, row and cell as Excel shows them (SPEC §4, §8.5).
public struct RosterFinding: Sendable, Hashable {
    public var month: YearMonth?
    public var source: String
    public var file: String
    public var sheet: String?
    public var row: Int?
    /// `C17`; nil for file-level findings.
    public var cell: String?
    public var finding: Finding

    public init(
        month: YearMonth?, source: String, file: String, sheet: String?, row: Int?, cell: String?, finding: Finding
    ) {
        self.month = month
        self.source = source
        self.file = file
        self.sheet = sheet
        self.row = row
        self.cell = cell
        self.finding = finding
    }

    public var code: FindingCode { finding.code }
    public var severity: Severity { finding.severity }
}
