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
            .plain("Jenis Baris", width: 15) { Glossary.entry($0.entry) },
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
            .plain("Status", width: 20) { Glossary.status($0.status) },
            .plain("Status Sebelumnya", width: 20) { $0.previousStatus.map(Glossary.status) ?? "" },
            .text("Kode Alasan", width: 20) { $0.reasonCode },
            .rupiah("Iuran") { $0.premium },
            .plain("Tanda", width: 30) { flags($0) },
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
            .plain("Status Sebelumnya", width: 20) { $0.previousStatus.map(Glossary.status) ?? "" },
            .plain("Status", width: 20) { Glossary.status($0.status) },
            .text("Kode Alasan", width: 20) { $0.reasonCode },
            .rupiah("Selisih Iuran") { $0.premium },
            .plain("Tanda", width: 30) { flags($0) },
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
            .plain("Tanda", width: 30) { Self.flags($0) },
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
            .plain("Tanda", width: 30) { Self.flags($0) },
        ]
    }

    func toCheckColumns(_ details: [String: MonthReview.Detail]) -> [Column<LedgerLine>] {
        [
            .text("NIK", width: 19) { $0.nik },
            .plain("Nama", width: 28) { $0.name },
            .text("Dinas", width: 10) { $0.source },
            .plain("Status", width: 20) { Glossary.status($0.status) },
            .plain("Tanda", width: 30) { line in line.flags.filter { $0 != .identityConflict }.map(Glossary.flag).joined(separator: "; ") },
            .rupiah("Iuran Kita") { $0.premium },
            Column(
                header: "Tagihan BPJS", width: 16, style: Self.rupiahStyle(16_800),
                content: { line in details[line.nik]?.billed.map { .number(Double($0)) } ?? .text("") },
                styleOf: { Self.rupiahStyle(details[$0.nik]?.billed ?? 0) }),
            .text("KPJ Sebelumnya", width: 14) { details[$0.nik]?.kpjBefore ?? "" },
            .text("KPJ Sekarang", width: 14) { $0.kpj },
            .plain("Nama di BPJS", width: 28) { details[$0.nik]?.bpjsName ?? "" },
        ]
    }

    /// In words (`Glossary.flag`), `; `-separated, in the order of `ledger.csv`'s codes.
    static func flags(_ line: LedgerLine) -> String {
        line.flags.sorted().map(Glossary.flag).joined(separator: "; ")
    }
}
