import Foundation
import SIGAPDomain
import SIGAPPipeline
import Testing
import XLSX
import XLSXWrite

/// Shared helpers of the acknowledgement tests, and the committed example files under
/// `fixtures/acks` (an inbox: `2025-11/BPJS/…`, `2025-12/BPJS/…`).
enum AckTest {
    /// Fake but structurally valid NIKs (Kota Bekasi, 32.75).
    static let budi = "3275081708850001"
    static let siti = "3275085203900002"
    static let ahmad = "3275011505920003"
    static let dewi = "3275024110880004"
    static let rudi = "3275062512790005"

    static let november = YearMonth("2025-11")!
    static let december = YearMonth("2025-12")!

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let inbox = packageRoot.appendingPathComponent("fixtures/acks").path

    static let novemberCSV = "2025-11/BPJS/penerimaan-november.csv"
    static let decemberCSV = "2025-12/BPJS/a-rekonsiliasi.csv"
    static let decemberXLSX = "2025-12/BPJS/b-hasil-pendaftaran.xlsx"

    /// A new empty folder under the temporary directory.
    static func temporaryFolder() -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sigap-ack-\(UUID().uuidString)").path
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Writes `bytes` to a temporary file named `name`; returns its path.
    static func write(_ bytes: [UInt8], name: String = "ack.csv") -> String {
        let path = temporaryFolder() + "/" + name
        let written = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        precondition(written, "cannot write the test file \(path)")
        return path
    }

    /// Reads CSV `text` (UTF-8) as file `2025-12/BPJS/<name>` of December.
    static func readCSV(
        _ text: String, name: String = "ack.csv", chunkSize: Int = 1 << 20, month: YearMonth = december
    ) throws -> AcknowledgementReport {
        try readCSV(bytes: Array(text.utf8), name: name, chunkSize: chunkSize, month: month)
    }

    static func readCSV(
        bytes: [UInt8], name: String = "ack.csv", chunkSize: Int = 1 << 20, month: YearMonth = december
    ) throws -> AcknowledgementReport {
        let path = write(bytes, name: name)
        // Thousands of reads per test run: each one's folder goes with it.
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        return try AcknowledgementReader(chunkSize: chunkSize).read(path: path, file: "\(month)/BPJS/\(name)", month: month)
    }

    /// Reads a committed fixture.
    static func readFixture(_ file: String, month: YearMonth) throws -> AcknowledgementReport {
        try AcknowledgementReader().read(path: inbox + "/" + file, file: file, month: month)
    }

    /// `code@cell` for each finding, in order.
    static func codes(_ report: AcknowledgementReport) -> [String] {
        report.findings.map { "\($0.code.rawValue)@\($0.cell ?? "-")" }
    }

    /// The example acknowledgement workbook: a "Rekap" sheet without a header, a "Data" sheet
    /// with two title rows and the header on row 4, and a hidden "Lama" sheet.
    static func writeWorkbook(to path: String) throws {
        let writer = try SpreadsheetWriter(path: path)
        let bold = CellStyle(bold: true)
        let rekap = try writer.addSheet("Rekap")
        try rekap.write(row: 1, [.text("Rekapitulasi hasil pendaftaran Desember 2025")], style: bold)
        try rekap.write(row: 2, [.text("Jumlah diterima"), .number(2)])
        try rekap.write(row: 3, [.text("Jumlah ditolak"), .number(2)])

        let data = try writer.addSheet("Data")
        try data.merge(
            rows: 1...1, columns: 1...8, text: "LAPORAN HASIL PENDAFTARAN PESERTA BUKAN PENERIMA UPAH (BPU)", style: bold)
        try data.write(row: 2, [.text("Program SIGAP Kota Bekasi")])
        try data.write(
            row: 4,
            ["NO", "NIK", "NAMA PESERTA", "KPJ", "PERIODE", "STATUS", "KETERANGAN", "IURAN"].map(CellContent.text),
            style: CellStyle(bold: true, border: true))
        let text = CellStyle(numberFormat: "@")
        let rows: [[CellContent]] = [
            [
                .number(1), .text(budi), .text("BUDI SANTOSO"), .text("25110000001"), .date(year: 2025, month: 12, day: 1),
                .text("DITERIMA"), .blank, .number(16800),
            ],
            [
                .number(2), .number(Double(siti)!), .text("SITI AMINAH"), .number(25_110_000_002), .text("Desember 2025"),
                .text("AKTIF"), .blank, .text("Rp 16.800"),
            ],
            [
                .number(3), .text(dewi), .text("DEWI LESTARI"), .blank, .text("2025-12"), .text("TIDAK AKTIF"),
                .text("Terdaftar aktif di segmen PU"), .blank,
            ],
            [
                .number(4), .number(3_275_062_512_790_010), .text("RUDI HARTONO"), .text("25110000005"), .text("2025-12"),
                .text("DITERIMA"), .blank, .number(16800),
            ],
            [
                .number(5), .text(ahmad), .text("AHMAD FAUZI"), .blank, .date(year: 2025, month: 12, day: 15),
                .text("DITOLAK"), .text("USIA"), .blank,
            ],
        ]
        for (offset, values) in rows.enumerated() {
            for (column, value) in values.enumerated() {
                try data.write(value, row: 5 + offset, column: column + 1, style: column == 1 || column == 3 ? text : nil)
            }
        }
        try data.setWidth(18, columns: 2...8)
        data.activate()

        let old = try writer.addSheet("Lama")
        try old.write(row: 1, ["NIK", "PERIODE", "STATUS", "KPJ"].map(CellContent.text))
        try old.write(row: 2, [.text(budi), .text("2025-10"), .text("DITERIMA"), .text("25110000001")])
        old.hide()
        try writer.close(permissions: 0o644)
    }
}

@Suite("Committed acknowledgement fixtures")
struct AcknowledgementFixturesTests {
    static let regenerate = ProcessInfo.processInfo.environment["SIGAP_REGENERATE_FIXTURES"] == "1"

    @Test("the example workbook is exactly what the test helper writes")
    func workbookIsUpToDate() throws {
        let committed = AckTest.inbox + "/" + AckTest.decemberXLSX
        if Self.regenerate {
            try AckTest.writeWorkbook(to: committed)
            return
        }
        let fresh = AckTest.temporaryFolder() + "/fresh.xlsx"
        try AckTest.writeWorkbook(to: fresh)
        let expected = try #require(FileManager.default.contents(atPath: fresh))
        let actual = try #require(
            FileManager.default.contents(atPath: committed),
            "\(AckTest.decemberXLSX) is missing: run SIGAP_REGENERATE_FIXTURES=1 swift test --filter AcknowledgementFixturesTests")
        #expect(actual == expected, "regenerate with SIGAP_REGENERATE_FIXTURES=1 swift test --filter AcknowledgementFixturesTests")
    }

    @Test("the comma CSV of November")
    func novemberCSV() throws {
        let report = try AckTest.readFixture(AckTest.novemberCSV, month: AckTest.november)
        #expect(report.format == .csv(separator: ","))
        #expect(report.headers.first?.layout.headerRow == 1)
        #expect(report.rowsRead == 6)
        #expect(report.rowsKept == 4)
        #expect(report.rowsQuarantined == 2)
        #expect(report.isBalanced)
        #expect(AckTest.codes(report) == ["ACK_KPJ_MISSING@C6", "NIK_LENGTH@A7"])
        #expect(report.acknowledgements.map(\.nik) == [AckTest.budi, AckTest.siti, AckTest.ahmad, AckTest.dewi])
        #expect(report.acknowledgements.map(\.reasonCode) == [nil, nil, "NIK_TIDAK_PADAN", "TERDAFTAR_AKTIF"])
        #expect(report.acknowledgements.map(\.premium) == [16800, 16800, nil, nil])
        #expect(report.acknowledgements.allSatisfy { $0.period == AckTest.november && $0.file == AckTest.novemberCSV })
    }

    @Test("the semicolon CSV with a BOM, CRLF, title lines and quoted fields")
    func decemberCSV() throws {
        let report = try AckTest.readFixture(AckTest.decemberCSV, month: AckTest.december)
        #expect(report.format == .csv(separator: ";"))
        #expect(report.headers.first?.layout.headerRow == 4)
        #expect(report.rowsRead == 7)
        #expect(report.rowsQuarantined == 1)
        #expect(AckTest.codes(report) == ["ACK_PERIOD_INVALID@D11", "ACK_KPJ_MISSING@C11"])
        let acks = Array(report.acknowledgements)
        #expect(acks.map(\.row) == [5, 6, 7, 8, 9, 10])
        #expect(acks[1].name == "SITI AMINAH; S.Pd.")
        #expect(acks[1].premium == 16800)
        #expect(acks[2].name == "AHMAD \"UJANG\" FAUZI")
        #expect(acks[2].reasonText == "Usia melebihi\r\nbatas maksimal")
        #expect(acks[2].reasonCode == "USIA")
        #expect(acks[4].period == AckTest.november)
        #expect(acks[5].reasonCode == "LAINNYA")
        #expect(acks[5].reasonText == nil)
    }

    @Test("the workbook: header on row 4 below title rows, other sheets noted")
    func decemberWorkbook() throws {
        let report = try AckTest.readFixture(AckTest.decemberXLSX, month: AckTest.december)
        #expect(report.format == .xlsx)
        #expect(report.headers.map(\.sheet) == ["Data"])
        #expect(report.headers.first?.layout.headerRow == 4)
        #expect(report.headers.first?.layout.columns[.nik] == 2)
        #expect(report.notes.count == 2)
        #expect(report.notes[0].contains("'Rekap'"))
        #expect(report.notes[1].contains("'Lama'") && report.notes[1].contains("hidden"))
        #expect(report.rowsRead == 5)
        #expect(AckTest.codes(report) == ["NIK_PRECISION_LOST@B8"])
        #expect(report.findings.first?.sheet == "Data")
        #expect(report.findings.first?.finding.value == "3275062512790010")
        let acks = Array(report.acknowledgements)
        #expect(acks.map(\.nik) == [AckTest.budi, AckTest.siti, AckTest.dewi, AckTest.ahmad])
        #expect(acks.map(\.period) == Array(repeating: AckTest.december, count: 4))
        #expect(acks.map(\.kpj) == ["25110000001", "25110000002", nil, nil])
        #expect(acks.map(\.premium) == [16800, 16800, nil, nil])
        #expect(acks.map(\.reasonCode) == [nil, nil, "TERDAFTAR_AKTIF", "USIA"])
        #expect(acks.map(\.sheet) == Array(repeating: "Data", count: 4))
        #expect(acks.map(\.row) == [5, 6, 7, 9])
    }

    @Test("a book over the fixture inbox: later files and months win, per period")
    func bookOverFixtures() throws {
        let reports = try [
            AckTest.readFixture(AckTest.decemberXLSX, month: AckTest.december),
            AckTest.readFixture(AckTest.novemberCSV, month: AckTest.november),
            AckTest.readFixture(AckTest.decemberCSV, month: AckTest.december),
        ]
        let book = AcknowledgementBook(reports)
        #expect(book.all.count == 14)
        #expect(book.periods == [AckTest.november, AckTest.december])

        let november = book.effectiveAcknowledgements(for: AckTest.november)
        #expect(november.map(\.nik) == [AckTest.budi, AckTest.siti, AckTest.dewi, AckTest.rudi, AckTest.ahmad])
        #expect(book.effectiveAcknowledgement(nik: AckTest.ahmad, period: AckTest.november)?.reasonCode == "LAINNYA")
        #expect(book.effectiveAcknowledgement(nik: AckTest.rudi, period: AckTest.november)?.kpj == "25110000005")

        let december = book.effectiveAcknowledgement(nik: AckTest.dewi, period: AckTest.december)
        #expect(december?.status == .rejected)
        #expect(december?.file == AckTest.decemberXLSX)
        #expect(book.effectiveAcknowledgement(nik: AckTest.budi, period: AckTest.december)?.file == AckTest.decemberXLSX)

        #expect(!book.hasAccepted(nik: AckTest.dewi, through: AckTest.december))
        #expect(!book.hasAccepted(nik: AckTest.ahmad, through: AckTest.december))
        #expect(book.hasAccepted(nik: AckTest.rudi, through: AckTest.november))
        #expect(!book.hasAccepted(nik: AckTest.budi, through: YearMonth("2025-10")!))
    }
}
