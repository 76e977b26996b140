import SIGAPDomain

/// One Indonesian term per concept (docs/glossary.md): the report, `ledger.xlsx`,
/// `submission.xlsx` and the correction workbooks use these words and no others, so finance and
/// the agencies read one name for one thing. The codes themselves (`COVERED`, `AMOUNT_MISMATCH`)
/// stay in the CSV files and the store, which tools read.
public enum Glossary {
    public static func status(_ status: LedgerStatus) -> String {
        switch status {
        case .covered: "Tertanggung"
        case .rejected: "Ditolak"
        case .pending: "Menunggu konfirmasi"
        case .unexpected: "Diterima BPJS tanpa terdaftar"
        }
    }

    public static func entry(_ kind: LedgerEntryKind) -> String {
        switch kind {
        case .regular: "Bulan berjalan"
        case .adjustment: "Penyesuaian"
        }
    }

    public static func flag(_ flag: LedgerFlag) -> String {
        switch flag {
        case .amountMismatch: "Tagihan BPJS berbeda"
        case .identityConflict: "Identitas berbeda antar-dinas"
        case .kpjChanged: "Nomor KPJ berubah"
        case .nameMismatch: "Nama berbeda dengan BPJS"
        }
    }

    /// The month's figures of `summary.json`, by key.
    public static let figures: [String: String] = [
        "workers": "Jumlah pekerja",
        "covered": status(.covered),
        "rejected": status(.rejected),
        "pending": status(.pending),
        "unexpected": status(.unexpected),
        "premium_due": "Iuran terutang bulan ini",
        "adjustments_count": "Baris penyesuaian",
        "adjustments_premium": "Nilai penyesuaian",
        "total_payable": "Total yang harus dibayar",
        "pending_exposure": "Potensi iuran yang menunggu",
        "disputed_amount": "Nilai yang dipersoalkan",
        "orphan_rejections": "Penolakan tanpa pekerja terdaftar",
        "quarantined_rows": "Baris dikarantina",
    ]

    /// The term of a `summary.json` key (the key itself when it has none).
    public static func figure(_ key: String) -> String { figures[key] ?? key }
}
