import SIGAPDomain
import SIGAPPipeline
import Testing
import XLSX

@Suite("Acknowledgement values: periods, premiums, statuses, KPJ, reasons (SPEC §8.2)")
struct AcknowledgementValuesTests {
    @Test(
        "period forms",
        arguments: [
            ("2025-11", "2025-11"), ("11/2025", "2025-11"), ("11-2025", "2025-11"), ("1/2025", "2025-01"),
            ("2025/11", "2025-11"), ("2025.11", "2025-11"), ("11.2025", "2025-11"), ("  2025-11  ", "2025-11"),
            ("NOV 2025", "2025-11"), ("Nov 2025", "2025-11"), ("nov-2025", "2025-11"), ("November 2025", "2025-11"),
            ("NOVEMBER 2025", "2025-11"), ("Nopember 2025", "2025-11"), ("Nop 2025", "2025-11"), ("Nov, 2025", "2025-11"),
            ("Januari 2025", "2025-01"), ("January 2025", "2025-01"), ("Jan 2025", "2025-01"),
            ("Februari 2025", "2025-02"), ("Pebruari 2025", "2025-02"), ("February 2025", "2025-02"), ("Feb 2025", "2025-02"),
            ("Maret 2025", "2025-03"), ("March 2025", "2025-03"), ("Mar 2025", "2025-03"),
            ("April 2025", "2025-04"), ("Apr 2025", "2025-04"),
            ("Mei 2025", "2025-05"), ("May 2025", "2025-05"),
            ("Juni 2025", "2025-06"), ("June 2025", "2025-06"), ("Jun 2025", "2025-06"),
            ("Juli 2025", "2025-07"), ("July 2025", "2025-07"), ("Jul 2025", "2025-07"),
            ("Agustus 2025", "2025-08"), ("August 2025", "2025-08"), ("Agu 2025", "2025-08"), ("Agt 2025", "2025-08"),
            ("Ags 2025", "2025-08"), ("Aug 2025", "2025-08"),
            ("September 2025", "2025-09"), ("Sep 2025", "2025-09"), ("Sept 2025", "2025-09"),
            ("Oktober 2025", "2025-10"), ("October 2025", "2025-10"), ("Okt 2025", "2025-10"), ("Oct 2025", "2025-10"),
            ("Desember 2025", "2025-12"), ("December 2025", "2025-12"), ("Des 2025", "2025-12"), ("Dec 2025", "2025-12"),
            ("2025-11-01", "2025-11"), ("2025-11-30 00:00:00", "2025-11"), ("2025-11-15T08:00:00", "2025-11"),
            ("01/11/2025", "2025-11"), ("30-11-2025", "2025-11"), ("1 November 2025", "2025-11"),
        ])
    func periodForms(text: String, expected: String) {
        #expect(AcknowledgementValues.period(text) == YearMonth(expected))
    }

    @Test(
        "unreadable periods",
        arguments: [
            "", "   ", "2025", "November", "13/2025", "0/2025", "2025-13", "2025-00", "Novembre 2025", "11/25",
            "Nov-25", "2025-11-31", "31/11/2025", "PERIODE 11", "202511", "11/2025/01", "2025-11 tambahan", "#N/A",
        ])
    func unreadablePeriods(text: String) {
        #expect(AcknowledgementValues.period(text) == nil)
    }

    @Test("period cells: a date cell gives its month; plain numbers and times of day are not periods")
    func periodCells() {
        #expect(
            AcknowledgementValues.period(.date(ExcelDateTime(year: 2025, month: 11, day: 15, serial: 45976)))
                == YearMonth("2025-11"))
        #expect(AcknowledgementValues.period(.string("Nov 2025")) == YearMonth("2025-11"))
        #expect(AcknowledgementValues.period(.number(45976)) == nil)
        #expect(AcknowledgementValues.period(.number(202_511)) == nil)
        #expect(
            AcknowledgementValues.period(.date(ExcelDateTime(year: 1899, month: 12, day: 30, hour: 8, isTimeOnly: true)))
                == nil)
        #expect(AcknowledgementValues.period(.bool(true)) == nil)
    }

    @Test(
        "premium spellings",
        arguments: [
            ("16800", 16800), ("16.800", 16800), ("Rp 16.800", 16800), ("Rp16.800,00", 16800), ("Rp 16.800,-", 16800),
            ("RP. 16.800", 16800), ("rp16800", 16800), ("IDR 16,800", 16800), ("16,800", 16800), ("16800,00", 16800),
            ("16800.00", 16800), ("16,800.00", 16800), ("16.800,00", 16800), ("1.234.567", 1_234_567), (" 16 800 ", 16800),
            ("0", 0), ("Rp 0", 0),
        ])
    func premiumSpellings(text: String, expected: Int) {
        #expect(AcknowledgementValues.premium(text) == expected)
    }

    @Test("premiums that are not integer rupiah", arguments: ["", "Rp", "Rp -", "16.800,50", "16800.5", "abc", "-16800", "1,2,3.4.5"])
    func unreadablePremiums(text: String) {
        #expect(AcknowledgementValues.premium(text) == nil)
    }

    @Test("premium cells")
    func premiumCells() {
        #expect(AcknowledgementValues.premium(.number(16800)) == 16800)
        #expect(AcknowledgementValues.premium(.number(16800.000_000_1)) == 16800)
        #expect(AcknowledgementValues.premium(.number(16800.5)) == nil)
        #expect(AcknowledgementValues.premium(.number(-1)) == nil)
        #expect(AcknowledgementValues.premium(.string("Rp 16.800")) == 16800)
        #expect(AcknowledgementValues.premium(.bool(true)) == nil)
    }

    @Test(
        "status words, any case and spacing",
        arguments: [
            ("DITERIMA", Acknowledgement.Status.accepted), ("diterima", .accepted), ("Aktif", .accepted),
            ("BERHASIL", .accepted), ("Sukses", .accepted), (" SUKSES ", .accepted),
            ("DITOLAK", .rejected), ("Gagal", .rejected), ("TIDAK AKTIF", .rejected), ("tidak  aktif", .rejected),
            ("Tidak-Aktif", .rejected), ("TIDAK\u{00A0}AKTIF", .rejected),
        ])
    func statusWords(text: String, expected: Acknowledgement.Status) {
        #expect(AcknowledgementValues.status(text) == expected)
    }

    @Test(
        "other statuses are invalid",
        arguments: ["", "OK", "PENDING", "PROSES", "DITERIMA SEBAGIAN", "TIDAK", "AKTIFF", "NON AKTIF", "1", "TIDAK AKTIF LAGI"])
    func invalidStatuses(text: String) {
        #expect(AcknowledgementValues.status(text) == nil)
    }

    @Test("KPJ: 11 digits after cleaning")
    func kpj() {
        #expect(AcknowledgementValues.kpj("25110000001") == "25110000001")
        #expect(AcknowledgementValues.kpj(" '25110000001 ") == "25110000001")
        #expect(AcknowledgementValues.kpj("251-1000-0001") == "25110000001")
        #expect(AcknowledgementValues.kpj("01234567890") == "01234567890")
        #expect(AcknowledgementValues.kpj("2511000000") == nil)
        #expect(AcknowledgementValues.kpj("251100000012") == nil)
        #expect(AcknowledgementValues.kpj("2511000000A") == nil)
        #expect(AcknowledgementValues.kpj("''25110000001") == nil)
        #expect(AcknowledgementValues.kpj("") == nil)
        #expect(AcknowledgementValues.kpj(.number(25_110_000_001)) == "25110000001")
        #expect(AcknowledgementValues.kpj(.number(2_511_000_000)) == nil)
        #expect(AcknowledgementValues.kpj(.number(25_110_000_001.5)) == nil)
    }

    @Test(
        "rejection reasons by keyword",
        arguments: [
            ("NIK tidak padan dengan data Dukcapil", RejectionReason.nikTidakPadan), ("NIK TIDAK DITEMUKAN", .nikTidakPadan),
            ("Data kependudukan tidak valid", .nikTidakPadan), ("tidak-padan", .nikTidakPadan),
            ("Peserta sudah terdaftar di perusahaan lain", .terdaftarAktif), ("Aktif di segmen PU", .terdaftarAktif),
            ("Usia melebihi batas maksimal", .usia), ("Usianya lebih dari 65 tahun", .usia), ("UMUR > 65", .usia),
            ("Data tidak lengkap", .dataTidakLengkap), ("Alamat kosong", .dataTidakLengkap),
            ("Ditolak sistem", .lainnya), ("Lainnya", .lainnya), ("Kausianya", .lainnya),
            ("NIK\u{00A0}TIDAK\u{00A0}PADAN", .nikTidakPadan), ("Umur peserta > 65 (usia)", .usia), ("Éta kosong", .dataTidakLengkap),
        ])
    func reasonKeywords(text: String, expected: RejectionReason) {
        #expect(RejectionReason.classify(text) == expected)
    }

    @Test(
        "a reason equal to a code is that code",
        arguments: [
            ("NIK_TIDAK_PADAN", RejectionReason.nikTidakPadan), ("TERDAFTAR_AKTIF", .terdaftarAktif), ("USIA", .usia),
            ("DATA_TIDAK_LENGKAP", .dataTidakLengkap), ("LAINNYA", .lainnya), ("terdaftar_aktif", .terdaftarAktif),
            (" Terdaftar Aktif ", .terdaftarAktif),
        ])
    func reasonCodes(text: String, expected: RejectionReason) {
        #expect(RejectionReason.classify(text) == expected)
    }

    @Test("a rejection without a reason is LAINNYA")
    func noReason() {
        #expect(RejectionReason.classify(nil) == .lainnya)
        #expect(RejectionReason.classify("") == .lainnya)
        #expect(RejectionReason.classify("  - ") == .lainnya)
    }

    @Test("header synonyms of SPEC §8.2, matched on the whole cell")
    func headerSynonyms() {
        let expected: [String: AcknowledgementField] = [
            "PERIODE": .period, "Bulan": .period, "Periode Iuran": .period, "NIK": .nik, "No. NIK": .nik,
            "NAMA": .name, "Nama Peserta": .name, "KPJ": .kpj, "NO KPJ": .kpj, "Nomor KPJ": .kpj, "STATUS": .status,
            "Status\nKepesertaan": .status, "KETERANGAN": .reason, "Alasan": .reason, "KODE ALASAN": .reason,
            "IURAN": .premium, "Nominal Iuran": .premium,
        ]
        for (label, field) in expected {
            #expect(AcknowledgementField.named(label) == field, "\(label)")
        }
        for label in ["NIK KTP", "NOMOR INDUK KEPENDUDUKAN", "NAMA LENGKAP", "TANGGAL", "PERIODE AWAL", "NO"] {
            #expect(AcknowledgementField.named(label) == nil, "\(label)")
        }
    }
}
