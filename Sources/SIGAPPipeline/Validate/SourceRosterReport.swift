import SIGAPDomain

/// What reading one source's roster files for one month gave: per file the sheets, the counts the
/// invariant of SPEC §11 checks (rows read = kept + quarantined + duplicates), the findings and
/// the rows for the agency's correction workbook.
public struct SourceRosterReport: Sendable {
    public struct FileReport: Sendable {
        public var file: String
        public var sheets: [SheetOutcome]
    }

    public var source: String
    public var month: YearMonth
    public var files: [FileReport] = []
    public var rowsRead = 0
    public var rowsKept = 0
    public var rowsQuarantined = 0
    public var rowsDuplicate = 0
    /// The two-digit years the century rule may have resolved for any row read (what a roster
    /// carried into another calendar year is checked against).
    public var twoDigitYears = TwoDigitYears()
    public var findings = FindingList()
    public var corrections = CorrectionList()
    /// Files that could not be read at all, with the cause: the folder then counts as not usable
    /// (SPEC §3: the source keeps its previous roster).
    public var unreadable: [(file: String, cause: String)] = []

    /// Rows read = rows kept + rows quarantined + rows merged as duplicates.
    public var isBalanced: Bool { rowsRead == rowsKept + rowsQuarantined + rowsDuplicate }

    public func count(of code: FindingCode) -> Int {
        findings.counts[code] ?? 0
    }

    /// Findings by code, codes in catalogue order.
    public var findingsByCode: [(code: FindingCode, count: Int)] {
        FindingCode.allCases.compactMap { code in
            let count = count(of: code)
            return count > 0 ? (code, count) : nil
        }
    }
}
