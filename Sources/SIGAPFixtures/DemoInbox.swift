import Foundation
import XLSXWrite

/// The shipped demo inbox (`fixtures/demo-inbox`): a small, realistic SIGAP history from November
/// 2025 to February 2026 for the four agencies, in the layouts they really send, with BPJS
/// acknowledgements (every rejection reason, an UNEXPECTED person, an orphan rejection, late and
/// corrected acknowledgements for November, a changed KPJ, a wrong amount, a different name), a
/// damaged upload and Excel's lock files. `README.md` in the folder tells the story month by month.
public enum DemoInbox {
    /// One demo worker: the values an agency row holds.
    struct Person {
        var nik: String
        var name: String
        var birthPlace: String
        var birth: (Int, Int, Int)
        var sex: String
        var address: String
        var kelurahan: String
        var kecamatan: String
        var phone: String
        var occupation: String
    }

    static let ahmad = Person(
        nik: "3275081708850001", name: "Ahmad Fauzi", birthPlace: "BEKASI", birth: (1985, 8, 17), sex: "L",
        address: "JL. RAYA JATIBENING NO. 12", kelurahan: "Jatibening", kecamatan: "Pondok Gede", phone: "",
        occupation: "OJEK DARING")
    static let siti = Person(
        nik: "3275015203900002", name: "SITI AMINAH", birthPlace: "JAKARTA", birth: (1990, 3, 12), sex: "P",
        address: "JL. MARGAHAYU III NO. 7", kelurahan: "Margahayu", kecamatan: "Bekasi Timur", phone: "+62 813 1111 2222",
        occupation: "OJEK DARING")
    static let budi = Person(
        nik: "3275020101700003", name: "H. Budi Santoso, S.Pd", birthPlace: "BEKASI", birth: (1970, 1, 1), sex: "LAKI-LAKI",
        address: "JL. KRANJI BARU NO. 3", kelurahan: "Kranji", kecamatan: "Kec. Bekasi Barat", phone: "85711112222",
        occupation: "OJEK PANGKALAN")
    static let dewi = Person(
        nik: "3275044107880004", name: "DEWI LESTARI", birthPlace: "BEKASI", birth: (1988, 7, 1), sex: "P",
        address: "JL. MELATI NO. 5", kelurahan: "Margajaya", kecamatan: "Bekasi Selatan", phone: "0821-5555-0101",
        occupation: "PEDAGANG KAKI LIMA")
    static let joko = Person(
        nik: "3275031212750005", name: "Joko Susilo", birthPlace: "SOLO", birth: (1975, 12, 12), sex: "L",
        address: "JL. KENANGA NO. 9", kelurahan: "Perwira", kecamatan: "Bekasi Utara", phone: "0813 2222 3333",
        occupation: "BURUH BANGUNAN")
    static let rina = Person(
        nik: "3275096006000010", name: "RINA WULANDARI", birthPlace: "BEKASI", birth: (2000, 6, 20), sex: "P",
        address: "KP. JATIMEKAR RT 02", kelurahan: "Jatimekar", kecamatan: "Jatiasih", phone: "081298765432",
        occupation: "PEDAGANG SAYUR")
    static let agus = Person(
        nik: "3275111503950011", name: "AGUS SALIM", birthPlace: "BOGOR", birth: (1995, 3, 15), sex: "L",
        address: "JL. PADURENAN NO. 21", kelurahan: "Padurenan", kecamatan: "Mustika Jaya", phone: "0856-7777-8888",
        occupation: "TUKANG BECAK")
    static let dedy = Person(
        nik: "3275051005820006", name: "DEDY SUPRIYADI", birthPlace: "BEKASI", birth: (1982, 5, 10), sex: "L",
        address: "JL. PENGASINAN NO. 4", kelurahan: "Pengasinan", kecamatan: "Rawalumbu", phone: "081311223344",
        occupation: "PEMULUNG")
    static let nur = Person(
        nik: "3275124409920007", name: "Nur Hasanah, S.Pd.I", birthPlace: "BEKASI", birth: (1992, 9, 4), sex: "P",
        address: "JL. JATIRAHAYU NO. 8", kelurahan: "Jatirahayu", kecamatan: "Pondok Melati", phone: "0812 9999 0001",
        occupation: "GURU PAUD")
    static let sri = Person(
        nik: "3275064611870008", name: "SRI MULYANI", birthPlace: "KARAWANG", birth: (1987, 11, 6), sex: "P",
        address: "JL. KALIBARU TIMUR NO. 2", kelurahan: "Kali Baru", kecamatan: "Medan Satria", phone: "0812-9999-0002",
        occupation: "GURU PAUD")
    static let hendra = Person(
        nik: "3275072503900009", name: "HENDRA GUNAWAN", birthPlace: "BEKASI", birth: (1990, 3, 25), sex: "L",
        address: "JL. CIKIWUL NO. 30", kelurahan: "Cikiwul", kecamatan: "Bantar Gebang", phone: "0877-1234-5678",
        occupation: "OJEK DARING")

    /// Writes the whole inbox into `folder` (which should be empty or missing).
    public static func write(to folder: String) throws {
        try november(folder)
        try december(folder)
        try january(folder)
        try february(folder)
    }

    /// Only November, for the first act of the story.
    public static func writeNovember(to folder: String) throws {
        try november(folder)
    }

    /// December to February, the months that arrive after November is closed.
    public static func writeLaterMonths(to folder: String) throws {
        try december(folder)
        try january(folder)
        try february(folder)
    }

    // MARK: - Months

    static func november(_ root: String) throws {
        try dishubWorkbook(
            "\(root)/2025-11/DISHUB/DISHUB pekerja rentan November 2025.xlsx", period: "November 2025",
            people: [ahmad, siti, budi], damagedNIK: 3_275_081_212_800_010)
        try dinsosWorkbook("\(root)/2025-11/DINSOS/dinsos-nov.xlsx", people: [dewi, joko, withPhone(ahmad, "0812-3456-7890")])
        try diskopukmWorkbook("\(root)/2025-11/DISKOPUKM/data umkm.xlsx", people: [rina, agus])
        try text(
            """
            PERIODE,NIK,NAMA,KPJ,STATUS,KETERANGAN,IURAN
            2025-11,3275081708850001,AHMAD FAUZI,25110000001,DITERIMA,,16800
            2025-11,3275015203900002,SITI AMINAH,25110000002,DITERIMA,,16800
            2025-11,3275020101700003,BUDI SANTOSO,,DITOLAK,NIK tidak padan dengan data Dukcapil,
            2025-11,3275044107880004,DEWI LESTARI,25110000005,DITERIMA,,Rp 16.800
            2025-11,3275031212750005,JOKO SUSILO,,DITOLAK,"Sudah terdaftar, aktif di perusahaan lain",
            2025-11,3275111503950011,AGUS SALIM,,DITOLAK,Usia peserta melebihi batas,
            2025-11,3275070707770012,SLAMET RIYADI,25110000012,DITERIMA,,16800
            2025-11,3275010101010013,WARSINI,,DITOLAK,Data tidak lengkap,
            2025-11,3.27508E+15,NIK RUSAK,25110000099,DITERIMA,,16800

            """, to: "\(root)/2025-11/BPJS/konfirmasi-bpjs-2025-11.csv")
    }

    static func december(_ root: String) throws {
        try dinsosWorkbook("\(root)/2025-12/DINSOS/dinsos-des.xlsx", people: [dewi, joko, dedy])
        // A damaged upload: DISKOPUKM keeps its November roster until it sends the file again.
        let damaged = "\(root)/2025-12/DISKOPUKM/rekap desember.xlsx"
        try diskopukmWorkbook(damaged, people: [rina, agus])
        try truncate(damaged)
        try disdikWorkbook("\(root)/2025-12/DISDIK/paud-desember.xlsx", people: [nur, sri], hiddenLeftover: true)
        try acknowledgementWorkbook(
            "\(root)/2025-12/BPJS/Konfirmasi Kepesertaan Desember 2025.xlsx",
            rows: [
                // Late and corrected answers for November (closed by then): adjustments.
                ["11/2025", "3275096006000010", "RINA WULANDARI", "25110000007", "DITERIMA", "", "16.800"],
                ["11/2025", "3275031212750005", "JOKO SUSILO", "25110000006", "DITERIMA", "", "16.800"],
                ["11/2025", "3275015203900002", "SITI AMINAH", "", "DITOLAK", "NIK tidak ditemukan", ""],
                ["12/2025", "3275081708850001", "AHMAD FAUZI", "25110000099", "DITERIMA", "", "16.800"],
                ["12/2025", "3275015203900002", "SITI AMINAH", "25110000002", "DITERIMA", "", "16.800"],
                ["12/2025", "3275020101700003", "BUDI SANTOSO", "", "DITOLAK", "NIK tidak padan", ""],
                ["12/2025", "3275044107880004", "DEWI LESTARI", "25110000005", "DITERIMA", "", "16.000"],
                ["12/2025", "3275051005820006", "DEDI KURNIAWAN", "25120000009", "DITERIMA", "", "16.800"],
                ["12/2025", "3275124409920007", "NUR HASANAH", "", "DITOLAK", "Data NIK kosong", ""],
                ["12/2025", "3275064611870008", "SRI MULYANI", "", "DITOLAK", "Ditolak oleh sistem", ""],
            ])
    }

    static func january(_ root: String) throws {
        try dishubWorkbook(
            "\(root)/2026-01/DISHUB/DISHUB pekerja rentan Januari 2026.xlsx", period: "Januari 2026",
            people: [ahmad, siti, budi, hendra], damagedNIK: nil)
        try diskopukmWorkbook("\(root)/2026-01/DISKOPUKM/data umkm januari (perbaikan).xlsx", people: [rina, agus])
        var otherHendra = hendra
        otherHendra.birth = (1990, 3, 26)
        try disdikWorkbook("\(root)/2026-01/DISDIK/paud-januari.xlsx", people: [nur, sri, otherHendra], hiddenLeftover: false)
        try text(
            "\u{FEFF}BULAN;NIK;NAMA PESERTA;NO KPJ;STATUS KEPESERTAAN;ALASAN;NOMINAL IURAN\r\n"
                + [
                    "Januari 2026;3275081708850001;AHMAD FAUZI;25110000099;AKTIF;;Rp16.800,00",
                    "Januari 2026;3275015203900002;SITI AMINAH;25110000002;AKTIF;;Rp16.800,00",
                    "Januari 2026;3275044107880004;DEWI LESTARI;25110000005;AKTIF;;Rp16.800,00",
                    "Januari 2026;3275031212750005;JOKO SUSILO;25110000006;AKTIF;;Rp16.800,00",
                    "Januari 2026;3275096006000010;RINA WULANDARI;25110000007;AKTIF;;Rp16.800,00",
                    "Januari 2026;3275051005820006;DEDY SUPRIYADI;25120000009;AKTIF;;Rp16.800,00",
                    "Januari 2026;3275072503900009;HENDRA GUNAWAN;26010000010;AKTIF;;Rp16.800,00",
                    "Januari 2026;3275020101700003;BUDI SANTOSO;;GAGAL;\"NIK tidak padan; cek Dukcapil\";",
                    "Januari 2026;3275111503950011;AGUS SALIM;;GAGAL;USIA;",
                ].joined(separator: "\r\n") + "\r\n", to: "\(root)/2026-01/BPJS/konfirmasi 2026-01.csv")
    }

    static func february(_ root: String) throws {
        // Only Excel's lock file arrived from DISHUB: the folder counts as not sent.
        try text("lock", to: "\(root)/2026-02/DISHUB/~$DISHUB pekerja rentan Februari 2026.xlsx")
        try text(
            """
            PERIODE,NIK,NAMA,KPJ,STATUS,KETERANGAN,IURAN
            FEB 2026,3275081708850001,AHMAD FAUZI,25110000099,SUKSES,,16800
            FEB 2026,3275015203900002,SITI AMINAH,25110000002,SUKSES,,16800

            """, to: "\(root)/2026-02/BPJS/konfirmasi-2026-02.csv")
    }

    // MARK: - Agency layouts

    private static let bold = CellStyle(bold: true, border: true, centered: true)

    private static func withPhone(_ person: Person, _ phone: String) -> Person {
        var copy = person
        copy.phone = phone
        return copy
    }

    /// DISHUB: title rows, the header on row 5, a column numbering row, a footer with signatures.
    static func dishubWorkbook(_ path: String, period: String, people: [Person], damagedNIK: Double?) throws {
        let writer = try open(path)
        let sheet = try writer.addSheet("Data Pekerja")
        try sheet.merge(rows: 1...1, columns: 1...9, text: "DAFTAR PEKERJA RENTAN PENERIMA BANTUAN IURAN BPJS KETENAGAKERJAAN", style: bold)
        try sheet.merge(rows: 2...2, columns: 1...9, text: "DINAS PERHUBUNGAN KOTA BEKASI", style: bold)
        try sheet.write(.text("Periode: \(period)"), row: 3, column: 1)
        let header = ["NO", "NIK", "NAMA LENGKAP", "TGL LAHIR", "L/P", "KELURAHAN", "KECAMATAN", "NO. HP", "PEKERJAAN"]
        try sheet.write(row: 5, header.map { .text($0) }, style: bold)
        try sheet.write(row: 6, (1...header.count).map { .number(Double($0)) }, style: bold)
        var row = 7
        for (offset, person) in people.enumerated() {
            try sheet.write(
                row: row,
                [
                    .number(Double(offset + 1)), .text(person.nik), .text(person.name),
                    .date(year: person.birth.0, month: person.birth.1, day: person.birth.2), .text(person.sex),
                    .text(person.kelurahan), .text(person.kecamatan), .text(person.phone), .text(person.occupation),
                ])
            row += 1
        }
        if let damagedNIK {
            // Typed as a number: Excel kept 15 digits and wrote a 0 for the 16th.
            try sheet.write(
                row: row,
                [
                    .number(Double(people.count + 1)), .number(damagedNIK), .text("Yanto"), .date(year: 1980, month: 12, day: 12),
                    .text("L"), .text("Jatibening"), .text("Pondok Gede"), .text("0812 0000 1111"), .text("OJEK PANGKALAN"),
                ])
            row += 1
        }
        try sheet.write(.text("JUMLAH"), row: row + 1, column: 2, style: bold)
        try sheet.write(.text("\(people.count + (damagedNIK == nil ? 0 : 1)) orang"), row: row + 1, column: 3)
        try sheet.write(.text("Mengetahui,"), row: row + 3, column: 7)
        try sheet.write(.text("Kepala Dinas Perhubungan Kota Bekasi"), row: row + 4, column: 7)
        try sheet.write(.text("NIP. 19700101 199003 1 001"), row: row + 7, column: 7)
        try writer.close(permissions: 0o644)
    }

    /// DINSOS: a merged two-row header (`TEMPAT/TGL LAHIR` over `TEMPAT` | `TANGGAL`), text dates.
    static func dinsosWorkbook(_ path: String, people: [Person]) throws {
        let writer = try open(path)
        let sheet = try writer.addSheet("DTKS")
        try sheet.write(.text("DATA PESERTA PEKERJA RENTAN - DINAS SOSIAL"), row: 1, column: 1, style: bold)
        try sheet.merge(rows: 3...4, columns: 1...1, text: "NO", style: bold)
        try sheet.merge(rows: 3...4, columns: 2...2, text: "NIK", style: bold)
        try sheet.merge(rows: 3...4, columns: 3...3, text: "NAMA", style: bold)
        try sheet.merge(rows: 3...3, columns: 4...5, text: "TEMPAT/TGL LAHIR", style: bold)
        try sheet.merge(rows: 3...4, columns: 6...6, text: "JENIS KELAMIN", style: bold)
        try sheet.merge(rows: 3...3, columns: 7...9, text: "ALAMAT", style: bold)
        try sheet.merge(rows: 3...4, columns: 10...10, text: "NO HP", style: bold)
        try sheet.merge(rows: 3...4, columns: 11...11, text: "JENIS PEKERJAAN", style: bold)
        try sheet.write(row: 4, [.text("TEMPAT"), .text("TANGGAL")], from: 4, style: bold)
        try sheet.write(row: 4, [.text("JALAN"), .text("KELURAHAN"), .text("KECAMATAN")], from: 7, style: bold)
        for (offset, person) in people.enumerated() {
            let date = String(format: "%02d-%02d-%04d", person.birth.2, person.birth.1, person.birth.0)
            try sheet.write(
                row: 5 + offset,
                [
                    .number(Double(offset + 1)), .text(person.nik), .text(person.name), .text(person.birthPlace), .text(date),
                    .text(person.sex), .text(person.address), .text(person.kelurahan), .text(person.kecamatan),
                    .text(person.phone), .text(person.occupation),
                ])
        }
        try writer.close(permissions: 0o644)
    }

    /// DISKOPUKM: a TTL column (`BEKASI, 20 Juni 2000`), header on row 1.
    static func diskopukmWorkbook(_ path: String, people: [Person]) throws {
        let writer = try open(path)
        let sheet = try writer.addSheet("Sheet1")
        let header = [
            "No", "NIK KTP", "Nama Sesuai KTP", "Tempat, Tanggal Lahir", "Jenis Kelamin", "Alamat KTP", "Kel", "Kec", "No WA",
            "Jenis Usaha",
        ]
        try sheet.write(row: 1, header.map { .text($0) }, style: bold)
        let months = [
            "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember",
        ]
        for (offset, person) in people.enumerated() {
            let ttl = "\(person.birthPlace), \(person.birth.2) \(months[person.birth.1 - 1]) \(person.birth.0)"
            try sheet.write(
                row: 2 + offset,
                [
                    .number(Double(offset + 1)), .text(person.nik), .text(person.name), .text(ttl), .text(person.sex),
                    .text(person.address), .text(person.kelurahan), .text(person.kecamatan), .text(person.phone),
                    .text(person.occupation),
                ])
        }
        try writer.close(permissions: 0o644)
    }

    /// DISDIK: a "Rekap" sheet without a header first, the data on "PAUD", and (in December) a
    /// hidden sheet left over from an earlier list.
    static func disdikWorkbook(_ path: String, people: [Person], hiddenLeftover: Bool) throws {
        let writer = try open(path)
        let rekap = try writer.addSheet("Rekap")
        try rekap.write(row: 1, [.text("Rekapitulasi guru PAUD"), .text("Jumlah")], style: bold)
        try rekap.write(row: 2, [.text("Total"), .number(Double(people.count))])
        let sheet = try writer.addSheet("PAUD")
        let header = ["NIK", "NAMA PESERTA", "TEMPAT LAHIR", "TANGGAL LAHIR", "JK", "ALAMAT", "KELURAHAN", "KECAMATAN", "HP", "PROFESI"]
        try sheet.write(row: 1, header.map { .text($0) }, style: bold)
        for (offset, person) in people.enumerated() {
            try sheet.write(
                row: 2 + offset,
                [
                    .text(person.nik), .text(person.name), .text(person.birthPlace),
                    .date(year: person.birth.0, month: person.birth.1, day: person.birth.2), .text(person.sex), .text(person.address),
                    .text(person.kelurahan), .text(person.kecamatan), .text(person.phone), .text(person.occupation),
                ])
        }
        if hiddenLeftover {
            let old = try writer.addSheet("Data Lama")
            try old.write(row: 1, header.map { .text($0) }, style: bold)
            try old.write(row: 2, [.text("3275010101010013"), .text("WARSINI")])
            old.hide()
        }
        try writer.close(permissions: 0o644)
    }

    /// BPJS's XLSX acknowledgement: title rows, the header on row 4.
    static func acknowledgementWorkbook(_ path: String, rows: [[String]]) throws {
        let writer = try open(path)
        let sheet = try writer.addSheet("Konfirmasi")
        try sheet.write(.text("BPJS KETENAGAKERJAAN KANTOR CABANG BEKASI"), row: 1, column: 1, style: bold)
        try sheet.write(.text("Konfirmasi kepesertaan penerima bantuan iuran Pemerintah Kota Bekasi"), row: 2, column: 1)
        let header = ["PERIODE IURAN", "NO NIK", "NAMA PESERTA", "NOMOR KPJ", "STATUS", "KODE ALASAN", "NOMINAL IURAN"]
        try sheet.write(row: 4, header.map { .text($0) }, style: bold)
        for (offset, row) in rows.enumerated() {
            try sheet.write(row: 5 + offset, row.map { .text($0) })
        }
        try writer.close(permissions: 0o644)
    }

    // MARK: - Files

    private static func open(_ path: String) throws -> SpreadsheetWriter {
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        return try SpreadsheetWriter(path: path)
    }

    private static func text(_ content: String, to path: String) throws {
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(content.utf8).write(to: URL(fileURLWithPath: path))
    }

    /// Cuts a file in half, as a broken upload would.
    private static func truncate(_ path: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        try data.prefix(data.count / 2).write(to: URL(fileURLWithPath: path))
    }
}
