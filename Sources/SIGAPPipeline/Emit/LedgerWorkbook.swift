import SIGAPDomain
import XLSXWrite

/// `ledger.xlsx` (SPEC §8.5): month M's ledger for people, in Bahasa Indonesia.
///
/// Sheets, in order:
/// - **Ringkasan**: the headline figures of `summary.json` with Indonesian labels, then tables by
///   source (Dinas), by rejection reason and by kecamatan;
/// - **Buku Besar**: every ledger line in ledger order (REGULAR by NIK, then ADJUSTMENT by
///   for_month and NIK), the columns of `ledger.csv` under Indonesian headers; codes (status,
///   entry, reason, flags, source) are kept as they are: they are the contract;
/// - **Penyesuaian**: the ADJUSTMENT lines;
/// - **Ditolak**: the month's own (REGULAR) REJECTED lines, with the reason code and its meaning;
/// - **Menunggu**: the month's own (REGULAR) PENDING lines.
///
/// The Ditolak and Menunggu sheets hold exactly the people counted as `rejected` and `pending` in
/// the summary; an adjustment to a closed month shows on Penyesuaian (and Buku Besar) only.
///
/// Money cells are numbers (integer rupiah) formatted `Rp 16.800` in any locale (`rupiahFormat`), NIK, KPJ
/// and codes are text cells, every table sheet has its header in row 1, frozen, and an
/// autofilter. The file is written 0640 (it holds full NIKs).
public struct LedgerWorkbook: Sendable {
    /// Sheet names, in workbook order.
    public static let summarySheet = "Ringkasan"
    public static let ledgerSheet = "Buku Besar"
    public static let adjustmentsSheet = "Penyesuaian"
    public static let rejectedSheet = "Ditolak"
    public static let pendingSheet = "Menunggu"
    public static let toCheckSheet = "Perlu Diperiksa"
    public static let sheetNames = [summarySheet, ledgerSheet, adjustmentsSheet, rejectedSheet, pendingSheet, toCheckSheet]

    public var month: YearMonth
    public var summary: MonthSummary
    /// In any order; written in ledger order.
    public var lines: [LedgerLine]
    /// Source code → display name (`DISHUB` → `Dinas Perhubungan`); a code without one shows as is.
    public var sourceNames: [String: String]
    /// The order of the Ringkasan table by source (the pipeline's `sources` order); sources not
    /// listed follow by code. Empty: by code.
    public var sourceOrder: [String]
    /// BPJS's side of the flagged lines (the Perlu Diperiksa sheet).
    public var review: MonthReview

    public init(
        month: YearMonth, summary: MonthSummary, lines: [LedgerLine], sourceNames: [String: String],
        sourceOrder: [String] = [], review: MonthReview = MonthReview()
    ) {
        self.month = month
        self.summary = summary
        self.lines = lines
        self.sourceNames = sourceNames
        self.sourceOrder = sourceOrder
        self.review = review
    }

    /// Writes the workbook at `path` (mode 0640). Publish it atomically with
    /// `OutputFolder.publish`, which hands this a temporary path.
    public func write(to path: String) throws {
        let ordered = LedgerCSV.ordered(lines)
        try Self.writeWorkbook(to: path) { writer in
            let summarySheet = try writer.addSheet(Self.summarySheet)
            try writeSummary(to: summarySheet)
            try Self.writeTable(ordered, columns: Self.ledgerColumns, to: writer.addSheet(Self.ledgerSheet))
            try Self.writeTable(
                ordered.filter { $0.entry == .adjustment }, columns: Self.adjustmentColumns,
                to: writer.addSheet(Self.adjustmentsSheet))
            try Self.writeTable(
                ordered.filter { $0.entry == .regular && $0.status == .rejected }, columns: rejectedColumns,
                to: writer.addSheet(Self.rejectedSheet))
            try Self.writeTable(
                ordered.filter { $0.entry == .regular && $0.status == .pending }, columns: pendingColumns,
                to: writer.addSheet(Self.pendingSheet))
            // As the report's "Perlu diperiksa": flagged lines with BPJS's side, then UNEXPECTED people.
            let details = review.byNIK
            let toCheck = ordered.filter(MonthReview.isChecked)
            try Self.writeTable(
                toCheck.filter { $0.status != .unexpected } + toCheck.filter { $0.status == .unexpected },
                columns: toCheckColumns(details), to: writer.addSheet(Self.toCheckSheet))
            summarySheet.activate()
        }
    }

    /// The display name of a source code.
    func sourceName(_ code: String) -> String {
        guard let name = sourceNames[code], !name.isEmpty else { return code }
        return name
    }
}
