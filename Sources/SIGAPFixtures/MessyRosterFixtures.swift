import XLSXWrite

/// Roster workbooks in the shapes agencies really send (SPEC §4): title rows, a column numbering
/// row, merged two-row headers, a TTL column, footers with signatures, several sheets with a hidden
/// one and a "Rekap", and NIKs that Excel has already damaged. Each is small and written by hand
/// here, so a test can state exactly what the extractor must find.
public enum MessyRosterFixtures {
    /// The file names `write(to:)` creates, in order.
    public static let names = [
        "title-numbering-footer.xlsx", "two-row-header.xlsx", "ttl-and-damaged-niks.xlsx", "several-sheets.xlsx",
    ]

    /// Writes every fixture into `folder`.
    public static func write(to folder: String) throws {
        try titleNumberingFooter("\(folder)/\(names[0])")
        try twoRowHeader("\(folder)/\(names[1])")
        try ttlAndDamagedNIKs("\(folder)/\(names[2])")
        try severalSheets("\(folder)/\(names[3])")
    }

    private static let bold = CellStyle(bold: true, border: true, centered: true)

    /// Title rows 1-3, header row 5, numbering row 6, three workers, an empty row, a JUMLAH row and
    /// a signature block: header 5, data 7-9, footer 11-16.
    static func titleNumberingFooter(_ path: String) throws {
        let writer = try SpreadsheetWriter(path: path)
        let sheet = try writer.addSheet("DISHUB Nov 2025")
        try sheet.merge(rows: 1...1, columns: 1...8, text: "DAFTAR PEKERJA RENTAN PENERIMA BANTUAN IURAN", style: bold)
        try sheet.merge(rows: 2...2, columns: 1...8, text: "DINAS PERHUBUNGAN KOTA BEKASI", style: bold)
        try sheet.write(.text("Periode: November 2025"), row: 3, column: 1)
        let header = ["NO", "NIK", "NAMA LENGKAP", "TGL LAHIR", "L/P", "KELURAHAN", "KECAMATAN", "NO. HP"]
        try sheet.write(row: 5, header.map { .text($0) }, style: bold)
        try sheet.write(row: 6, (1...8).map { .number(Double($0)) }, style: bold)
        let workers: [[CellContent]] = [
            [
                .number(1), .text("3275081708850001"), .text("Ahmad Fauzi"), .date(year: 1985, month: 8, day: 17), .text("L"),
                .text("Jatibening"), .text("Pondok Gede"), .text("0812-3456-7890"),
            ],
            [
                .number(2), .text("3275015203900002"), .text("SITI AMINAH"), .text("12/03/1990"), .text("P"),
                .text("Margahayu"), .text("Bekasi Timur"), .text("+62 813 1111 2222"),
            ],
            [
                .number(3), .text("3275020101700003"), .text("H. Budi Santoso, S.Pd"), .date(year: 1970, month: 1, day: 1),
                .text("LAKI-LAKI"), .text("Kranji"), .text("Kec. Bekasi Barat"), .text("85711112222"),
            ],
        ]
        for (offset, worker) in workers.enumerated() {
            try sheet.write(row: 7 + offset, worker)
        }
        try sheet.write(.text("JUMLAH"), row: 11, column: 2, style: bold)
        try sheet.write(.text("3 orang"), row: 11, column: 3)
        try sheet.write(.text("Mengetahui,"), row: 13, column: 6)
        try sheet.write(.text("Kepala Dinas Perhubungan"), row: 14, column: 6)
        try sheet.write(.text("Drs. NAMA PEJABAT, M.Si"), row: 16, column: 6)
        try sheet.write(.text("NIP. 19700101 199003 1 001"), row: 17, column: 6)
        try writer.close()
    }

    /// A two-row header: NO, NIK and NAMA merged down rows 3-4; `TEMPAT/TGL LAHIR` merged across
    /// D3:E3 over `TEMPAT` | `TANGGAL`; `ALAMAT` over `JALAN` | `KELURAHAN` | `KECAMATAN`.
    /// Data rows 5-6.
    static func twoRowHeader(_ path: String) throws {
        let writer = try SpreadsheetWriter(path: path)
        let sheet = try writer.addSheet("Data")
        try sheet.write(.text("DATA PESERTA DINSOS"), row: 1, column: 1, style: bold)
        try sheet.merge(rows: 3...4, columns: 1...1, text: "NO", style: bold)
        try sheet.merge(rows: 3...4, columns: 2...2, text: "NIK", style: bold)
        try sheet.merge(rows: 3...4, columns: 3...3, text: "NAMA", style: bold)
        try sheet.merge(rows: 3...3, columns: 4...5, text: "TEMPAT/TGL LAHIR", style: bold)
        try sheet.merge(rows: 3...3, columns: 6...8, text: "ALAMAT", style: bold)
        try sheet.merge(rows: 3...4, columns: 9...9, text: "JENIS PEKERJAAN", style: bold)
        try sheet.write(row: 4, [.text("TEMPAT"), .text("TANGGAL")], from: 4, style: bold)
        try sheet.write(row: 4, [.text("JALAN"), .text("KELURAHAN"), .text("KECAMATAN")], from: 6, style: bold)
        try sheet.write(
            row: 5,
            [
                .number(1), .text("3275044107880004"), .text("DEWI LESTARI"), .text("BEKASI"), .date(year: 1988, month: 7, day: 1),
                .text("JL. MELATI NO. 5"), .text("Margajaya"), .text("Bekasi Selatan"), .text("PEDAGANG KAKI LIMA"),
            ])
        try sheet.write(
            row: 6,
            [
                .number(2), .text("3275031212750005"), .text("Joko Susilo"), .text("JAKARTA"), .text("12 Desember 1975"),
                .text("JL. KENANGA NO. 9"), .text("Perwira"), .text("Bekasi Utara"), .text("OJEK PANGKALAN"),
            ])
        try writer.close()
    }

    /// A TTL column (`BEKASI, 17-08-1985`) and NIKs Excel has damaged: a 16-digit number ending in
    /// 0 (precision lost), one ending in 7 (stored as number), scientific text, separators, a
    /// missing NIK with a name, a short NIK. Header row 1, data 2-8.
    static func ttlAndDamagedNIKs(_ path: String) throws {
        let writer = try SpreadsheetWriter(path: path)
        let sheet = try writer.addSheet("Sheet1")
        try sheet.write(
            row: 1, ["No", "NIK KTP", "Nama Sesuai KTP", "Tempat, Tanggal Lahir", "Jenis Kelamin", "Pekerjaan"].map { .text($0) },
            style: bold)
        let rows: [[CellContent]] = [
            [
                .number(1), .number(3_275_081_708_850_010), .text("RUDI HARTONO"), .text("BEKASI, 17-08-1985"), .text("L"),
                .text("BURUH BANGUNAN"),
            ],
            [
                .number(2), .number(3_275_081_708_850_007), .text("YANTO"), .text("BOGOR, 17 Agustus 1985"), .text("L"),
                .text("TUKANG BECAK"),
            ],
            [.number(3), .text("3.27501E+15"), .text("SURTI"), .text("BEKASI, 01/02/1990"), .text("P"), .text("GURU PAUD")],
            [.number(4), .text("3275.0845.0690.0008"), .text("Wati"), .text("Bekasi, 5 Sept 1990"), .text("Wanita"), .text("PEDAGANG")],
            [.number(5), .blank, .text("TANPA NIK"), .text("BEKASI, 01-01-1980"), .text("L"), .text("OJEK DARING")],
            [.number(6), .text("32750817088"), .text("NIK PENDEK"), .text("BEKASI, 01-01-1980"), .text("X"), .text("OJEK DARING")],
            [.number(7), .text("'3275086502920009"), .text("Ani Suryani"), .text("JAKARTA, 25-02-1992"), .text("P"), .text("GURU PAUD")],
        ]
        for (offset, row) in rows.enumerated() {
            try sheet.write(row: 2 + offset, row)
        }
        try writer.close()
    }

    /// Two data sheets, a hidden sheet with a header, and a "Rekap" sheet without one. Sheet
    /// "Ojek" rows 2-3, sheet "Becak" rows 2-2.
    static func severalSheets(_ path: String) throws {
        let writer = try SpreadsheetWriter(path: path)
        let rekap = try writer.addSheet("Rekap")
        try rekap.write(row: 1, [.text("Rekapitulasi"), .text("Jumlah")], style: bold)
        try rekap.write(row: 2, [.text("Ojek"), .number(2)])
        try rekap.write(row: 3, [.text("Becak"), .number(1)])
        let header: [CellContent] = ["NIK", "NAMA PEKERJA", "KEC", "KEL", "HP"].map { .text($0) }
        let ojek = try writer.addSheet("Ojek")
        try ojek.write(row: 1, header, style: bold)
        try ojek.write(row: 2, [.text("3275096006000010"), .text("Rina"), .text("Jatiasih"), .text("Jatimekar"), .text("081298765432")])
        try ojek.write(row: 3, [.text("3275111503950011"), .text("Agus"), .text("Jatisampurna"), .text("Jatikarya"), .text("0812")])
        let becak = try writer.addSheet("Becak")
        try becak.write(row: 1, header, style: bold)
        try becak.write(row: 2, [.text("3275070707770012"), .text("Slamet"), .text("Bantar Gebang"), .text("Cikiwul"), .text("")])
        let hidden = try writer.addSheet("Lama")
        try hidden.write(row: 1, header, style: bold)
        try hidden.write(row: 2, [.text("3275010101010013"), .text("Tersembunyi"), .text("Bekasi Timur"), .text("Arenjaya"), .blank])
        hidden.hide()
        try writer.close()
    }
}
