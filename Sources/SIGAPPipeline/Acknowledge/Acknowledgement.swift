import SIGAPDomain

/// One valid row of a BPJS acknowledgement file (SPEC §8.2): BPJS Ketenagakerjaan accepted or
/// rejected the enrolment of a NIK for a period.
///
/// Values are materialised from an `AcknowledgementList`, which stores rows compactly; build them
/// with `AcknowledgementReader`.
public struct Acknowledgement: Sendable, Hashable {
    /// What BPJS answered.
    public enum Status: String, Sendable, Hashable, CaseIterable {
        /// DITERIMA, AKTIF, BERHASIL, SUKSES.
        case accepted
        /// DITOLAK, GAGAL, TIDAK AKTIF.
        case rejected
    }

    /// The 16 digits (structurally valid: no region, date or serial check applies to
    /// acknowledgements, SPEC §14).
    public var nik: String
    /// The premium period acknowledged.
    public var period: YearMonth
    /// The name BPJS acknowledged, trimmed; nil when empty.
    public var name: String?
    /// The 11-digit KPJ number (always present on accepted rows); nil when absent or not 11 digits.
    public var kpj: String?
    public var status: Status
    /// For rejections: `NIK_TIDAK_PADAN`, `TERDAFTAR_AKTIF`, `USIA`, `DATA_TIDAK_LENGKAP` or
    /// `LAINNYA` (see `RejectionReason`); nil for accepted rows.
    public var reasonCode: String?
    /// The reason as BPJS wrote it, trimmed; nil when empty.
    public var reasonText: String?
    /// The acknowledged premium in integer rupiah; nil when the file carries none (or an amount
    /// that is not a whole number of rupiah).
    public var premium: Int?
    /// The file, relative to the inbox root (`2025-12/BPJS/ack.csv`).
    public var file: String
    /// The inbox month the file arrived in.
    public var received: YearMonth
    /// The worksheet (nil for CSV).
    public var sheet: String?
    /// The row as Excel shows it; for CSV the record number (the header and title lines count).
    public var row: Int
    /// The position in input order within the list it came from (0-based): a file's report or a
    /// book.
    public var order: Int

    public init(
        nik: String, period: YearMonth, name: String?, kpj: String?, status: Status, reasonCode: String?,
        reasonText: String?, premium: Int?, file: String, received: YearMonth, sheet: String?, row: Int, order: Int
    ) {
        self.nik = nik
        self.period = period
        self.name = name
        self.kpj = kpj
        self.status = status
        self.reasonCode = reasonCode
        self.reasonText = reasonText
        self.premium = premium
        self.file = file
        self.received = received
        self.sheet = sheet
        self.row = row
        self.order = order
    }

    public var isAccepted: Bool { status == .accepted }

    /// The rejection reason as a type (nil for accepted rows).
    public var rejectionReason: RejectionReason? { reasonCode.flatMap(RejectionReason.init(rawValue:)) }
}
