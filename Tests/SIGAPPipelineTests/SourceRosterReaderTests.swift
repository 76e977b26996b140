import Foundation
import SIGAPDomain
import SIGAPPipeline
import Testing
import XLSX

@Suite("Reading a source's rosters: findings, counts and correction workbooks")
struct SourceRosterReaderTests {
    static let month = YearMonth("2025-11")!

    static func read(_ names: [String], source: String = "DINSOS") throws -> (SourceRosterReport, [RosterEntry]) {
        let reader = SourceRosterReader(source: source, month: month)
        var kept: [RosterEntry] = []
        let report = try reader.read(names.map { ("\(RosterExtractorTests.folder)/\($0)", "2025-11/\(source)/\($0)") }) {
            if !$0.isDuplicate { kept.append($0) }
        }
        return (report, kept)
    }

    static func counts(_ report: SourceRosterReport) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: report.findingsByCode.map { ($0.code.rawValue, $0.count) })
    }

    @Test("damaged NIKs: each row gets its one NIK error, in the cell Excel shows")
    func damagedNIKs() throws {
        let (report, kept) = try Self.read(["ttl-and-damaged-niks.xlsx"])
        #expect(
            Self.counts(report) == [
                "NIK_MISSING": 1, "NIK_PRECISION_LOST": 2, "NIK_STORED_AS_NUMBER": 1, "NIK_LENGTH": 1,
                "NIK_DOB_MISMATCH": 1, "SEX_INVALID": 1,
            ])
        #expect(report.rowsRead == 7)
        #expect(report.rowsQuarantined == 4)
        #expect(report.rowsKept == 3)
        #expect(report.isBalanced)
        #expect(kept.map(\.row) == [3, 5, 8])
        let precision = report.findings.filter { $0.code == .nikPrecisionLost }
        #expect(precision.map { "\($0.sheet!)!\($0.cell!)" } == ["Sheet1!B2", "Sheet1!B4"])
        #expect(precision.allSatisfy { $0.file == "2025-11/DINSOS/ttl-and-damaged-niks.xlsx" && $0.severity == .error })
        #expect(report.findings.first { $0.code == .sexInvalid }?.cell == "E7")
        #expect(report.findings.first { $0.code == .nikDOBMismatch }?.cell == "D5")
    }

    @Test("clean layouts give no findings; every row kept")
    func cleanLayouts() throws {
        let (report, kept) = try Self.read(["title-numbering-footer.xlsx", "two-row-header.xlsx"])
        #expect(report.findings.isEmpty)
        #expect(kept.count == 5)
        #expect(kept.map(\.person.name) == ["AHMAD FAUZI", "SITI AMINAH", "H. BUDI SANTOSO, S.PD", "DEWI LESTARI", "JOKO SUSILO"])
        #expect(kept[3].person.birthPlace == "BEKASI")
        #expect(kept[4].person.birthDate?.description == "1975-12-12")
    }

    @Test("a NIK listed again by the same source in the same month is a DUPLICATE_ROW; the first is kept")
    func duplicateRows() throws {
        let (report, kept) = try Self.read(["several-sheets.xlsx", "several-sheets.xlsx"])
        #expect(report.rowsRead == 6)
        #expect(report.rowsDuplicate == 3)
        #expect(report.rowsKept == 3)
        #expect(report.isBalanced)
        #expect(Self.counts(report)["DUPLICATE_ROW"] == 3)
        #expect(Set(kept.map(\.file)).count == 1)
    }

    @Test("findings.csv: the columns of SPEC §8.5, RFC 4180 quoting")
    func findingsCSV() throws {
        let (report, _) = try Self.read(["ttl-and-damaged-niks.xlsx"])
        let lines = FindingsCSV.render(report.findings).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "month,source,file,sheet,row,cell,code,severity,value,message")
        #expect(lines.last == "")
        #expect(lines.count == report.findings.count + 2)
        #expect(
            lines[1].hasPrefix(
                "2025-11,DINSOS,2025-11/DINSOS/ttl-and-damaged-niks.xlsx,Sheet1,2,B2,NIK_PRECISION_LOST,error,3275081708850010,"))
        #expect(CSVWriter.quoted("a,b") == "\"a,b\"")
        #expect(CSVWriter.quoted("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVWriter.quoted("plain") == "plain")
    }

    @Test("the correction workbook reads back: instructions first, reasons, highlighted cells")
    func correctionWorkbook() throws {
        let (report, _) = try Self.read(["ttl-and-damaged-niks.xlsx"])
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("koreksi-\(UUID().uuidString).xlsx").path
        try CorrectionWorkbook(source: "DINSOS", month: Self.month, entries: report.corrections).write(to: path)

        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o640)

        let workbook = try Workbook(path: path)
        #expect(workbook.sheets.map(\.name) == ["Petunjuk", "Koreksi 1"])
        var instructions: [Row] = []
        try workbook.reader(for: workbook.sheets[0]).forEachRow { instructions.append($0) }
        #expect(
            instructions.first?.cells.first?.value == .string("Koreksi data pekerja rentan (program SIGAP) — DINSOS — bulan November 2025"))

        var rows: [Row] = []
        try workbook.reader(for: workbook.sheets[1]).forEachRow { rows.append($0) }
        #expect(rows[0].cells.first?.value == .string("Berkas: 2025-11/DINSOS/ttl-and-damaged-niks.xlsx — Lembar: Sheet1"))
        let header = rows[1].cells.map(\.value)
        #expect(header.first == .string("Baris"))
        #expect(header.last == .string("Alasan"))
        // Rows 2, 3, 4, 5, 6, 7 have findings (row 8 is clean).
        let body = Array(rows.dropFirst(2))
        #expect(body.map { $0.cells.first?.value } == [2, 3, 4, 5, 6, 7].map { .number(Double($0)) })

        // Row 2: a 16-digit number ending in 0 in column B, shown in column C, red.
        let nikCell = try #require(body[0][column: 3])
        #expect(nikCell.value == .number(3_275_081_708_850_010))
        #expect(workbook.fillColor(ofStyle: nikCell.style) == "FFC7CE")
        let reason = try #require(body[0].cells.last)
        guard case .string(let text) = reason.value else { throw Failure("no reason text") }
        #expect(text.hasPrefix("NIK_PRECISION_LOST: "))
        #expect(text.contains("Teks"))
        // Row 3: stored as number, a warning: yellow.
        #expect(workbook.fillColor(ofStyle: try #require(body[1][column: 3]).style) == "FFEB9C")
        // Row 7: short NIK (red) and an unreadable sex (yellow); the name is not highlighted.
        #expect(workbook.fillColor(ofStyle: try #require(body[5][column: 3]).style) == "FFC7CE")
        #expect(workbook.fillColor(ofStyle: try #require(body[5][column: 6]).style) == "FFEB9C")
        #expect(workbook.fillColor(ofStyle: try #require(body[5][column: 4]).style) == nil)
    }
}

struct Failure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
