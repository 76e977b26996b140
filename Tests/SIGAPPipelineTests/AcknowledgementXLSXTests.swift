import Foundation
import SIGAPDomain
import SIGAPPipeline
import Testing
import XLSX
import XLSXWrite

@Suite("Acknowledgement workbooks (SPEC §8.2, §14)")
struct AcknowledgementXLSXTests {
    /// Writes a workbook with one sheet per entry (name, rows from row 1); returns its path.
    static func workbook(_ sheets: [(name: String, rows: [[CellContent]])], name: String = "ack.xlsx") throws -> String {
        let path = AckTest.temporaryFolder() + "/" + name
        let writer = try SpreadsheetWriter(path: path)
        for (sheetName, rows) in sheets {
            let sheet = try writer.addSheet(sheetName)
            for (offset, values) in rows.enumerated() {
                for (column, value) in values.enumerated() where value != .blank {
                    try sheet.write(value, row: offset + 1, column: column + 1)
                }
            }
        }
        try writer.close()
        return path
    }

    static func read(_ path: String) throws -> AcknowledgementReport {
        try AcknowledgementReader().read(path: path, file: "2025-12/BPJS/ack.xlsx", month: AckTest.december)
    }

    @Test("cells of every type: numbers, dates, booleans; errors name the sheet and cell")
    func cellTypes() throws {
        let path = try Self.workbook([
            (
                "Hasil",
                [
                    [.text("Periode"), .text("NIK"), .text("Status"), .text("KPJ"), .text("Iuran"), .text("Nama")],
                    [
                        .date(year: 2025, month: 11, day: 30), .text(AckTest.budi), .text("Diterima"), .number(25_110_000_001),
                        .number(16800), .number(12345),
                    ],
                    [.number(45976), .text(AckTest.siti), .text("Diterima"), .text("25110000002"), .blank, .blank],
                    [.text("2025-12"), .number(3_275_011_505_920_003), .number(1), .text("25110000003"), .blank, .blank],
                    [.text("2025-12"), .number(327_508_170_885), .text("DITOLAK"), .blank, .blank, .blank],
                    [.blank, .blank, .blank, .blank, .blank, .blank, .text("catatan di luar tabel")],
                    [.text("2025-12"), .text(AckTest.dewi), .text("Ditolak"), .blank, .text("Rp 16.800"), .blank],
                ]
            )
        ])
        let report = try Self.read(path)
        #expect(
            AckTest.codes(report) == ["ACK_PERIOD_INVALID@A3", "ACK_STATUS_INVALID@C4", "NIK_LENGTH@B5"])
        #expect(report.findings.map(\.sheet) == ["Hasil", "Hasil", "Hasil"])
        #expect(report.findings.map(\.finding.value) == ["45976", "1", "327508170885"])
        #expect(report.rowsRead == 5)
        let acks = Array(report.acknowledgements)
        #expect(acks.count == 2)
        #expect(acks[0].period == AckTest.november)
        #expect(acks[0].kpj == "25110000001")
        #expect(acks[0].premium == 16800)
        #expect(acks[0].name == "12345")
        #expect(acks[1].nik == AckTest.dewi)
        #expect(acks[1].row == 7)
        #expect(acks[1].premium == 16800)
    }

    @Test("a numeric NIK: precision lost when the 16th digit is 0, else kept without a warning")
    func numericNIK() throws {
        let path = try Self.workbook([
            (
                "Sheet1",
                [
                    [.text("NIK"), .text("BULAN"), .text("STATUS KEPESERTAAN")],
                    [.number(3_275_081_708_850_010), .text("12/2025"), .text("GAGAL")],
                    [.number(Double(AckTest.siti)!), .text("12/2025"), .text("GAGAL")],
                ]
            )
        ])
        let report = try Self.read(path)
        #expect(AckTest.codes(report) == ["NIK_PRECISION_LOST@A2"])
        #expect(report.findings.first?.finding.value == "3275081708850010")
        #expect(report.acknowledgements.map(\.nik) == [AckTest.siti])
    }

    @Test("sheets: hidden ones and ones without a header are noted; several headed sheets are all read")
    func sheets() throws {
        let header: [CellContent] = [.text("NIK"), .text("PERIODE"), .text("STATUS"), .text("KPJ")]
        let path = try Self.workbook([
            ("Rekap", [[.text("Jumlah"), .number(2)]]),
            ("Januari", [header, [.text(AckTest.budi), .text("2026-01"), .text("AKTIF"), .text("25110000001")]]),
            ("Februari", [header, [.text(AckTest.siti), .text("2026-02"), .text("AKTIF"), .text("25110000002")]]),
        ])
        let report = try Self.read(path)
        #expect(report.headers.map(\.sheet) == ["Januari", "Februari"])
        #expect(report.notes == ["sheet 'Rekap': no header in the first 30 rows (a NIK and a period column), not read"])
        #expect(report.acknowledgements.map(\.sheet) == ["Januari", "Februari"])
        #expect(report.acknowledgements.map(\.order) == [0, 1])
    }

    @Test("a header below row 30 is not a header; a workbook without one is unreadable")
    func noHeader() throws {
        var rows: [[CellContent]] = Array(repeating: [.text("judul")], count: 30)
        rows.append([.text("NIK"), .text("PERIODE")])
        rows.append([.text(AckTest.budi), .text("2025-12")])
        let path = try Self.workbook([("Sheet1", rows)])
        #expect(throws: AcknowledgementReadError.self) { try Self.read(path) }
        do {
            _ = try Self.read(path)
        } catch let error as AcknowledgementReadError {
            #expect(error.reason == .noHeader)
        }
    }

    @Test("a damaged workbook fails with the reader's error")
    func damaged() throws {
        let path = AckTest.write(Array("NIK,PERIODE\n".utf8), name: "ack.xlsx")
        #expect(throws: XLSXError.self) { try Self.read(path) }
        let empty = AckTest.write([], name: "empty.xlsx")
        #expect(throws: XLSXError.self) { try Self.read(empty) }
    }
}
