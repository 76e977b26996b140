import SIGAPDomain
import XLSXWrite

/// The line sheets of `ledger.xlsx`: Buku Besar, Penyesuaian, Ditolak, Menunggu.
extension LedgerWorkbook {
    /// The Buku Besar headers, one per `ledger.csv` column in the same order
    /// (`month` → Bulan, …, `flags` → Tanda).
    public static var ledgerHeaders: [String] { ledgerColumns.map(\.header) }

    /// What a rejection reason code means, in Bahasa Indonesia (SPEC §8.2); an unknown code is
    /// returned as it is.
    public static func reasonMeaning(_ code: String) -> String {
        switch RejectionReason(rawValue: code) {
        case .nikTidakPadan?: "NIK tidak padan dengan data kependudukan (Dukcapil)"
        case .terdaftarAktif?: "Sudah terdaftar sebagai peserta aktif BPJS Ketenagakerjaan"
        case .usia?: "Usia di luar batas kepesertaan"
        case .dataTidakLengkap?: "Data peserta tidak lengkap"
        case .lainnya?: "Alasan lain (lihat keterangan dari BPJS)"
        case nil: code
        }
    }

    static var ledgerColumns: [Column<LedgerLine>] {
        [
            .text("Bulan", width: 9) { $0.month.description },
            .text("Jenis Baris", width: 13) { $0.entry.rawValue },
            .text("Untuk Bulan", width: 9) { $0.forMonth.description },
            .text("NIK", width: 19) { $0.nik },
            .plain("Nama", width: 28) { $0.name },
            .text("Dinas", width: 10) { $0.source },
            .text("Semua Dinas", width: 14) { $0.sources.joined(separator: ";") },
            .text("Kode Kecamatan", width: 10) { $0.kecamatanCode },
            .plain("Kecamatan", width: 16) { $0.kecamatan },
            .plain("Kelurahan", width: 18) { $0.kelurahan },
            .plain("Pekerjaan", width: 18) { $0.occupation },
            .text("No KPJ", width: 13) { $0.kpj },
            .text("Status", width: 12) { $0.status.rawValue },
            .text("Status Sebelumnya", width: 12) { $0.previousStatus?.rawValue ?? "" },
            .text("Kode Alasan", width: 20) { $0.reasonCode },
            .rupiah("Iuran") { $0.premium },
            .text("Tanda", width: 24) { flags($0) },
        ]
    }

    static var adjustmentColumns: [Column<LedgerLine>] {
        [
            .text("Untuk Bulan", width: 9) { $0.forMonth.description },
            .text("NIK", width: 19) { $0.nik },
            .plain("Nama", width: 28) { $0.name },
            .text("Dinas", width: 10) { $0.source },
            .plain("Kecamatan", width: 16) { $0.kecamatan },
            .plain("Kelurahan", width: 18) { $0.kelurahan },
            .text("No KPJ", width: 13) { $0.kpj },
            .text("Status Sebelumnya", width: 12) { $0.previousStatus?.rawValue ?? "" },
            .text("Status", width: 12) { $0.status.rawValue },
            .text("Kode Alasan", width: 20) { $0.reasonCode },
            .rupiah("Selisih Iuran") { $0.premium },
            .text("Tanda", width: 24) { flags($0) },
        ]
    }

    var rejectedColumns: [Column<LedgerLine>] {
        let workbook = self
        return [
            .text("NIK", width: 19) { $0.nik },
            .plain("Nama", width: 28) { $0.name },
            .text("Dinas", width: 10) { $0.source },
            .plain("Nama Dinas", width: 26) { workbook.sourceName($0.source) },
            .plain("Kecamatan", width: 16) { $0.kecamatan },
            .plain("Kelurahan", width: 18) { $0.kelurahan },
            .plain("Pekerjaan", width: 18) { $0.occupation },
            .text("No KPJ", width: 13) { $0.kpj },
            .text("Kode Alasan", width: 20) { $0.reasonCode },
            .plain("Arti Alasan", width: 44) { Self.reasonMeaning($0.reasonCode) },
            .text("Tanda", width: 24) { Self.flags($0) },
        ]
    }

    var pendingColumns: [Column<LedgerLine>] {
        let workbook = self
        return [
            .text("NIK", width: 19) { $0.nik },
            .plain("Nama", width: 28) { $0.name },
            .text("Dinas", width: 10) { $0.source },
            .plain("Nama Dinas", width: 26) { workbook.sourceName($0.source) },
            .text("Semua Dinas", width: 14) { $0.sources.joined(separator: ";") },
            .plain("Kecamatan", width: 16) { $0.kecamatan },
            .plain("Kelurahan", width: 18) { $0.kelurahan },
            .plain("Pekerjaan", width: 18) { $0.occupation },
            .text("Tanda", width: 24) { Self.flags($0) },
        ]
    }

    /// `;`-separated and sorted, as in `ledger.csv`.
    static func flags(_ line: LedgerLine) -> String {
        line.flags.sorted().map(\.rawValue).joined(separator: ";")
    }
}
