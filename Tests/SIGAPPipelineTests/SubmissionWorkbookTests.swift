import Foundation
import SIGAPDomain
import Testing

@testable import SIGAPPipeline
@testable import XLSX

@Suite("submission.xlsx (SPEC §8.5)")
struct SubmissionWorkbookTests {
    typealias F = LedgerWorkbookFixture

    static let rows = [
        SubmissionRow(
            nik: "3275030404900006", name: "SITI AMINAH", birthPlace: "Bekasi", birthDate: "1990-04-04", sex: "P",
            address: "Jl. Cut Meutia No. 5", kelurahan: "Margahayu", kecamatan: "Bekasi Timur", phone: "081234567890",
            occupation: "Pedagang", source: "DISHUB"),
        SubmissionRow(
            nik: "3275040505900007", name: "BUDI", birthPlace: "", birthDate: "", sex: "", address: "", kelurahan: "",
            kecamatan: "", phone: "", occupation: "", source: "DINSOS"),
        // Not a real day: kept as text.
        SubmissionRow(
            nik: "3275040505900008", name: "H. AHMAD, S.PD.", birthPlace: "Jakarta", birthDate: "1990-02-30", sex: "L",
            address: "Perum Duta Harapan", kelurahan: "Harapan Baru", kecamatan: "Bekasi Utara", phone: "0812",
            occupation: "Buruh", source: "DINSOS"),
        SubmissionRow(
            nik: "3275010101600001", name: "SURYANI", birthPlace: "Bekasi", birthDate: "1960-02-29", sex: "P",
            address: "Kp. Dua", kelurahan: "Jakasampurna", kecamatan: "Bekasi Barat", phone: "+6281311112222",
            occupation: "Petani", source: "DISNAKER"),
    ]

    static let written: (path: String, workbook: Workbook) = {
        let folder = try! F.temporaryFolder()
        let path = "\(folder)/submission.xlsx"
        try! SubmissionWorkbook(month: F.month, rows: rows).write(to: path)
        return (path, try! Workbook(path: path))
    }()

    var workbook: Workbook { Self.written.workbook }

    @Test("one sheet, Indonesian headers, written 0640")
    func sheetAndHeaders() throws {
        #expect(workbook.sheets.map(\.name) == [SubmissionWorkbook.sheetName])
        let header = try #require(try F.rows(workbook, SubmissionWorkbook.sheetName).first)
        #expect(header.number == 1)
        #expect(
            (1...11).map { F.text(header, $0) } == [
                "NIK", "Nama", "Tempat Lahir", "Tanggal Lahir", "Jenis Kelamin", "Alamat", "Kelurahan", "Kecamatan", "No HP",
                "Pekerjaan", "Dinas",
            ])
        #expect(header[column: 12] == nil)
        #expect(SubmissionWorkbook.headers.count == SubmissionRow.header.count)
        #expect(try F.mode(Self.written.path) == 0o640)
    }

    @Test("the same rows as submission.csv: NIK and phone as text, birth dates as dates")
    func rowsReadBack() throws {
        let data = Array(try F.rows(workbook, SubmissionWorkbook.sheetName).dropFirst())
        #expect(data.map(\.number) == [2, 3, 4, 5])
        for (row, expected) in zip(data, Self.rows) {
            #expect(row[column: 1]?.value == .string(expected.nik))
            let texts: [(Int, String)] = [
                (2, expected.name), (3, expected.birthPlace), (5, expected.sex), (6, expected.address), (7, expected.kelurahan),
                (8, expected.kecamatan), (9, expected.phone), (10, expected.occupation), (11, expected.source),
            ]
            for (column, value) in texts {
                #expect(F.text(row, column) == (value.isEmpty ? nil : value), "column \(column) of row \(row.number)")
            }
        }
        #expect(data[0][column: 9]?.value == .string("081234567890"))

        func date(_ row: Row) -> String? {
            if case .date(let date)? = row[column: 4]?.value { return date.description }
            return nil
        }
        #expect(date(data[0]) == "1990-04-04")
        #expect(data[1][column: 4] == nil)
        #expect(data[2][column: 4]?.value == .string("1990-02-30"))
        #expect(date(data[3]) == "1960-02-29")
    }

    @Test("frozen header and an autofilter over the rows; dates shown dd/mm/yyyy")
    func layout() throws {
        let xml = try F.sheetXML(workbook, SubmissionWorkbook.sheetName)
        #expect(xml.contains(#"ySplit="1""#))
        #expect(xml.contains(#"state="frozen""#))
        #expect(xml.contains(#"<autoFilter ref="A1:K5"/>"#))
        #expect(try F.part(workbook, "xl/styles.xml").contains(#"formatCode="dd/mm/yyyy""#))
    }

    @Test("an empty list still has its header")
    func empty() throws {
        let folder = try F.temporaryFolder()
        let path = "\(folder)/submission.xlsx"
        try SubmissionWorkbook(month: F.month, rows: []).write(to: path)
        let rows = try F.rows(try Workbook(path: path), SubmissionWorkbook.sheetName)
        #expect(rows.map(\.number) == [1])
        #expect(try F.mode(path) == 0o640)
    }

    @Test("ISO birth dates become date cells only when they name a real day")
    func dateContent() {
        #expect(LedgerWorkbook.dateContent("1985-08-17") == .date(year: 1985, month: 8, day: 17))
        #expect(LedgerWorkbook.dateContent("2000-02-29") == .date(year: 2000, month: 2, day: 29))
        #expect(LedgerWorkbook.dateContent("1900-02-29") == .text("1900-02-29"))
        #expect(LedgerWorkbook.dateContent("1899-12-31") == .text("1899-12-31"))
        #expect(LedgerWorkbook.dateContent("17/08/1985") == .text("17/08/1985"))
        #expect(LedgerWorkbook.dateContent("1985-8-17") == .text("1985-8-17"))
        #expect(LedgerWorkbook.dateContent("") == .text(""))
    }
}
