import SIGAPDomain

/// One data row of an acknowledgement file as the store's `acknowledgements` view shows it
/// (SPEC §15): every value that could be read, nil where it could not. A valid row has all its
/// required values; a quarantined row (kept beside its findings) has what it had.
public struct AcknowledgementRecord: Sendable, Hashable {
    /// The file, relative to the inbox root.
    public var file: String
    /// The row as Excel shows it; for CSV the record number.
    public var row: Int
    public var period: YearMonth?
    /// The 16 digits, when the NIK cell held a structurally valid NIK.
    public var nik: String?
    public var name: String?
    /// The 11-digit KPJ number.
    public var kpj: String?
    public var status: Acknowledgement.Status?
    /// The reason as BPJS wrote it.
    public var reason: String?
    /// For rejections: the reason's code (SPEC §8.2).
    public var reasonCode: String?
    /// The premium as BPJS stated it.
    public var premium: Int?
    /// For a quarantined row: how many valid rows of its report come before it (its place in
    /// input order among them).
    public var keptBefore: Int

    public init(
        file: String, row: Int, period: YearMonth?, nik: String?, name: String?, kpj: String?, status: Acknowledgement.Status?,
        reason: String?, reasonCode: String?, premium: Int?, keptBefore: Int
    ) {
        self.file = file
        self.row = row
        self.period = period
        self.nik = nik
        self.name = name
        self.kpj = kpj
        self.status = status
        self.reason = reason
        self.reasonCode = reasonCode
        self.premium = premium
        self.keptBefore = keptBefore
    }

    /// A valid acknowledgement as a record.
    public init(_ acknowledgement: Acknowledgement) {
        self.init(
            file: acknowledgement.file, row: acknowledgement.row, period: acknowledgement.period, nik: acknowledgement.nik,
            name: acknowledgement.name, kpj: acknowledgement.kpj, status: acknowledgement.status, reason: acknowledgement.reasonText,
            reasonCode: acknowledgement.reasonCode, premium: acknowledgement.premium, keptBefore: acknowledgement.order)
    }
}
