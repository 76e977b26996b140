/// Why a file cannot be read, in Bahasa Indonesia, for the people who read findings, the report
/// and the correction workbooks (the English cause goes to the log and the manifest). The causes
/// come from this program (the XLSX reader, the acknowledgement reader, the inbox scan): each kind
/// has its sentence; anything else reads as a damaged file.
public enum UnreadableCause {
    public static func indonesian(_ cause: String) -> String {
        // `xl/worksheets/sheet1.xml: …`: a part of the workbook is damaged.
        if let colon = cause.range(of: ": "), cause[..<colon.lowerBound].hasSuffix(".xml"), !cause.hasPrefix("not ") {
            return "bagian \(cause[..<colon.lowerBound]) dari buku kerja rusak: \(indonesian(String(cause[colon.upperBound...])))"
        }
        for (start, sentence) in prefixes where cause.hasPrefix(start) { return sentence(cause) }
        return "berkas rusak atau tidak dapat dibaca; simpan ulang dari Excel lalu kirim ulang"
    }

    private static let damaged = "berkas terpotong atau rusak (arsip ZIP tidak utuh): kirim ulang berkas aslinya"
    private static let saveAsXLSX = "buka di Excel, simpan sebagai Excel Workbook (.xlsx), lalu kirim ulang"

    /// What the text after `looks like` says, in Bahasa.
    private static func kind(_ cause: String) -> String {
        if cause.contains("CSV or text") { return "teks atau CSV" }
        if cause.contains("HTML") { return "halaman HTML" }
        if cause.contains("XML") { return "teks XML" }
        if cause.contains("PDF") { return "dokumen PDF" }
        if cause.contains("gzip") { return "arsip gzip" }
        if cause.contains("UTF-16") { return "teks UTF-16" }
        if cause.contains("Word document") { return "dokumen Word" }
        if cause.contains("PowerPoint") { return "presentasi PowerPoint" }
        if cause.contains("OpenDocument") { return "berkas OpenDocument" }
        if cause.contains("compound document") { return "dokumen Microsoft lama tanpa buku kerja" }
        if cause.contains("the file is empty") { return "berkas kosong" }
        return "data yang tidak dikenal"
    }

    private static func quoted(_ cause: String, after marker: String) -> String {
        guard let range = cause.range(of: marker) else { return "" }
        return String(cause[range.upperBound...].prefix { $0 != "," && $0 != ")" })
    }

    private static let prefixes: [(String, @Sendable (String) -> String)] = [
        ("truncated or corrupt zip archive", { _ in damaged }),
        ("overlapping zip entries", { _ in damaged }),
        ("CRC-32 mismatch", { _ in "berkas rusak (isinya tidak cocok dengan pemeriksaan CRC-32): kirim ulang berkas aslinya" }),
        ("password-protected", { _ in "berkas dilindungi kata sandi: hapus kata sandinya di Excel, lalu kirim ulang" }),
        ("legacy Excel 97-2003", { _ in "format Excel lama 97-2003 (.xls): \(saveAsXLSX)" }),
        ("not an XLSX file: a zip archive without a workbook part", { "bukan buku kerja Excel (\(kind($0))): \(saveAsXLSX)" }),
        ("not an XLSX file", { "bukan buku kerja Excel (isinya \(kind($0))): \(saveAsXLSX)" }),
        ("inflated size exceeds", { _ in "isi berkas terlalu besar setelah dibuka (batas keamanan): periksa berkasnya, lalu kirim ulang" }),
        ("the zip entry", { _ in "sebagian isi berkas terenkripsi: simpan ulang tanpa kata sandi, lalu kirim ulang" }),
        ("the part ", { _ in "bagian buku kerja hilang: simpan ulang dari Excel, lalu kirim ulang" }),
        ("is a folder, not a file", { _ in "sebuah folder, bukan berkas" }),
        ("not a regular file", { _ in "bukan berkas biasa (pipa, soket atau perangkat): tidak dibuka" }),
        ("a symbolic link whose target does not exist or loops", { _ in "tautan simbolik yang tujuannya tidak ada atau berputar" }),
        ("a symbolic link to /", { "tautan simbolik ke \(quoted($0, after: "a symbolic link to ")) di luar inbox: tidak diikuti" }),
        ("a symbolic link to ", { _ in "tautan simbolik ke sesuatu yang bukan berkas biasa: tidak dibuka" }),
        (
            "its name is not valid UTF-8",
            { _ in "nama berkas memuat huruf yang tidak sah (bukan UTF-8): ganti nama berkas, lalu kirim ulang" }
        ),
        ("the folder cannot be read", { "folder tidak dapat dibaca (\(quoted($0, after: "the folder cannot be read (")))" }),
        ("it disappeared while the inbox was read", { _ in "berkas hilang ketika inbox dibaca" }),
        ("a CSV file, which is not read as a roster", { _ in "berkas CSV tidak dibaca sebagai daftar pekerja: \(saveAsXLSX)" }),
        (
            "a spreadsheet saved as .",
            { "lembar kerja berformat .\(quoted($0, after: "saved as .").prefix { $0 != " " }) tidak dibaca: \(saveAsXLSX)" }
        ),
        ("cannot read the file", { _ in "berkas tidak dapat dibuka" }),
        ("not UTF-8 text", { _ in "teks bukan UTF-8: simpan sebagai \"CSV UTF-8\", lalu kirim ulang" }),
        ("not a CSV text file", { "bukan berkas CSV (isinya \(kind($0)))" }),
        ("record ", { _ in "sebuah baris CSV terlalu panjang (tanda kutip yang tidak ditutup): periksa berkasnya, lalu kirim ulang" }),
        ("no header row", { _ in "tidak ada baris judul dengan kolom NIK dan PERIODE pada 30 baris pertama" }),
        ("unsupported file type", { _ in "jenis berkas tidak didukung: konfirmasi BPJS berupa .csv atau .xlsx" }),
        ("UTF-", { "teks \($0.prefix { $0 != " " }), bukan UTF-8: simpan sebagai \"CSV UTF-8\", lalu kirim ulang" }),
        ("cannot stat", { _ in "berkas tidak dapat dibuka" }),
        ("read failed", { _ in "berkas tidak dapat dibaca sampai selesai" }),
    ]
}
