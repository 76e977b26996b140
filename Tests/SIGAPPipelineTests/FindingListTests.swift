import Foundation
import SIGAPDomain
import Testing
import XLSX

@testable import SIGAPPipeline

/// A month's findings and correction rows are kept packed (`FindingList`, `CorrectionList`, the
/// rows beyond a few megabytes in a nameless temporary file): everything must come back exactly
/// as it went in, in order, and the files made from them must be those the values would make.
@Suite("Packed findings and correction rows")
struct FindingListTests {
    static let november = YearMonth(year: 2025, month: 11)!

    static func finding(
        _ code: FindingCode, _ severity: Severity = .warning, source: String = "DISHUB", file: String = "2025-11/DISHUB/a.xlsx",
        sheet: String? = "Data", row: Int? = 2, cell: String? = "E2", field: RosterField? = .sex, value: String? = "X",
        month: YearMonth? = november
    ) -> RosterFinding {
        RosterFinding(
            month: month, source: source, file: file, sheet: sheet, row: row, cell: cell,
            finding: Finding(code: code, severity: severity, field: field, value: value))
    }

    /// Findings with every part present and absent, long and non-ASCII values, several places.
    static let findings: [RosterFinding] = [
        finding(.sexInvalid),
        finding(.phoneInvalid, row: 3, cell: "J3", field: .phone, value: "0812"),
        finding(.nikLength, .error, row: 1_048_576, cell: "XFD1048576", field: .nik, value: "3275 0101 0000 0001"),
        finding(.fileIgnored, file: "2025-11/DISHUB/surat.pdf", sheet: nil, row: nil, cell: nil, field: nil, value: "bukan daftar"),
        finding(.nameMissing, source: "DINSOS", file: "2025-11/DINSOS/b.xlsx", sheet: "Lembar 2", row: 0, field: .name, value: nil),
        finding(
            .kelurahanUnknown, source: "DINSOS", file: "2025-11/DINSOS/b.xlsx", sheet: "Lembar 2", row: 5, cell: "H5", field: .kelurahan,
            value: String(repeating: "Jatiwaringin — Pondok Gede ", count: 20)),
        finding(.ackKPJMissing, source: "BPJS", file: "2025-11/BPJS/hasil.csv", sheet: nil, row: 9, cell: nil, field: nil, month: nil),
        finding(.sexInvalid),
    ]

    @Test("every finding comes back as it was appended, in order, and counted by code")
    func roundTrip() {
        let list = FindingList(Self.findings)
        #expect(Array(list) == Self.findings)
        #expect(list.count == Self.findings.count)
        #expect(list.first == Self.findings.first)
        #expect(list.counts == Dictionary(Self.findings.map { ($0.code, 1) }, uniquingKeysWith: +))
        #expect(list.counts[.sexInvalid] == 2)
        #expect(FindingList().first == nil)
        #expect(FindingList().isEmpty)
    }

    @Test("joined lists keep both lists' findings in order, and neither list changes")
    func joined() {
        let first = FindingList(Self.findings.prefix(3))
        let second = FindingList(Self.findings.dropFirst(3))
        var joined = first + second
        #expect(Array(joined) == Self.findings)
        joined += [Self.finding(.phoneInvalid)]
        #expect(joined.count == Self.findings.count + 1)
        #expect(Array(first) == Array(Self.findings.prefix(3)))
        #expect(Array(FindingList() + second) == Array(Self.findings.dropFirst(3)))
    }

    @Test("findings.csv made from the packed list is byte for byte the one made from the findings")
    func findingsCSV() {
        var fromList = ReportFindings()
        var fromArray = ReportFindings()
        let list = FindingsCSV.render(FindingList(Self.findings), counting: &fromList)
        let array = FindingsCSV.render(Self.findings, counting: &fromArray)
        #expect(list == array)
        #expect(list.split(separator: "\n").count == Self.findings.count + 1)
        var streamed: [UInt8] = []
        var counts = ReportFindings()
        FindingsCSV.stream(FindingList(Self.findings), counting: &counts) { streamed += $0 }
        #expect(String(decoding: streamed, as: UTF8.self) == array)
    }

    // MARK: - Correction rows

    static let layout = SheetLayout(headerRow: 1, columns: [.nik: 1, .name: 2, .sex: 5], labels: [1: "NIK", 2: "NAMA", 5: "L/P"])

    static func row(_ number: Int, name: String = "IRFAN") -> Row {
        Row(
            number: number,
            cells: [
                XLSX.Cell(row: number, column: 1, value: .string("32750101010000\(String(format: "%02d", number % 100))")),
                XLSX.Cell(row: number, column: 2, value: .string(name)),
                XLSX.Cell(row: number, column: 4, value: .number(42)),
                XLSX.Cell(row: number, column: 5, value: .string("X"), style: 3),
            ])
    }

    static func entry(_ number: Int, file: String = "2025-11/DISHUB/a.xlsx", sheet: String = "Data", error: Bool = false)
        -> CorrectionWorkbook.Entry
    {
        var findings = [finding(.sexInvalid, file: file, sheet: sheet, row: number, cell: "E\(number)")]
        if error { findings.append(finding(.nikLength, .error, file: file, sheet: sheet, row: number, cell: "A\(number)", field: .nik)) }
        return CorrectionWorkbook.Entry(file: file, sheet: sheet, layout: layout, row: row(number), findings: findings)
    }

    static func describe(_ entry: CorrectionWorkbook.Entry) -> String {
        "\(entry.file)|\(entry.sheet)|\(entry.row)|\(entry.findings)"
    }

    @Test("correction rows come back as appended, grouped by file and sheet in the order the groups first appear")
    func corrections() {
        let entries = [
            Self.entry(2), Self.entry(3, sheet: "Lain", error: true), Self.entry(4), Self.entry(7, file: "2025-11/DISHUB/b.xlsx"),
        ]
        let list = CorrectionList(entries)
        #expect(list.map(Self.describe) == entries.map(Self.describe))
        #expect(list.count == 4)
        #expect(list.errors == 1)
        #expect(list.findingCounts == [.sexInvalid: 4, .nikLength: 1])
        #expect(
            list.groups.map { "\($0.file)|\($0.sheet)|\($0.lastColumn)" } == [
                "2025-11/DISHUB/a.xlsx|Data|5", "2025-11/DISHUB/a.xlsx|Lain|5", "2025-11/DISHUB/b.xlsx|Data|5",
            ])
        #expect(list.map(\.group) == [0, 1, 0, 2])
    }

    @Test("the correction workbook puts each file and sheet's rows on a sheet of its own, in the order sent, in one pass")
    func workbookSheets() throws {
        let entries = [
            Self.entry(2), Self.entry(3, sheet: "Lain", error: true), Self.entry(4), Self.entry(7, file: "2025-11/DISHUB/b.xlsx"),
            Self.entry(5, sheet: "Lain"),
        ]
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("koreksi-\(UUID().uuidString).xlsx").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try CorrectionWorkbook(source: "DISHUB", month: Self.november, entries: CorrectionList(entries)).write(to: path)
        let workbook = try Workbook(path: path)
        #expect(workbook.sheets.map(\.name) == ["Petunjuk", "Koreksi 1", "Koreksi 2", "Koreksi 3"])
        var sheets: [[Row]] = []
        for sheet in workbook.sheets.dropFirst() {
            var rows: [Row] = []
            try workbook.reader(for: sheet).forEachRow { rows.append($0) }
            sheets.append(rows)
        }
        #expect(
            sheets.map { $0.first?.cells.first?.value } == [
                .string("Berkas: 2025-11/DISHUB/a.xlsx — Lembar: Data"), .string("Berkas: 2025-11/DISHUB/a.xlsx — Lembar: Lain"),
                .string("Berkas: 2025-11/DISHUB/b.xlsx — Lembar: Data"),
            ])
        #expect(
            sheets.map { $0.dropFirst(2).map { $0.cells.first?.value } } == [[2, 4], [3, 5], [7]].map { $0.map { .number(Double($0)) } })
        // Row 3's error marks its NIK cell red, its sex cell stays yellow; the reason lists both.
        let row3 = sheets[1][2]
        #expect(workbook.fillColor(ofStyle: try #require(row3[column: 2]).style) == "FFC7CE")
        #expect(workbook.fillColor(ofStyle: try #require(row3[column: 6]).style) == "FFEB9C")
        #expect(
            row3.cells.last?.value
                == .string(
                    "SEX_INVALID: \(Self.finding(.sexInvalid).finding.message(.id))\nNIK_LENGTH: \(Self.finding(.nikLength, field: .nik).finding.message(.id))"
                ))
    }

    @Test(
        "a correction sheet shows at most its limit of rows: every error first, then warnings in the order sent, and says how many it left out"
    )
    func sheetLimit() throws {
        let errorRows: Set = [4, 6]
        let entries =
            (2...7).map { Self.entry($0, error: errorRows.contains($0)) } + [8, 9].map { Self.entry($0, file: "2025-11/DISHUB/b.xlsx") }
        let list = CorrectionList(entries, limit: 3)
        // Every row counts; the first sheet shows its two errors and the first row with a warning only.
        #expect(list.count == 8)
        #expect(list.errors == 2)
        #expect(list.findingCounts == [.sexInvalid: 8, .nikLength: 2])
        #expect(list.groups.map { "\($0.rows)/\($0.errorRows)/\(list.shown($0))" } == ["6/2/3", "2/0/2"])
        #expect(list.omitted == 3)
        #expect(list.map(\.row.number) == [2, 4, 6, 8, 9])

        let path = FileManager.default.temporaryDirectory.appendingPathComponent("koreksi-\(UUID().uuidString).xlsx").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try CorrectionWorkbook(source: "DISHUB", month: Self.november, entries: list).write(to: path)
        let workbook = try Workbook(path: path)
        var sheets: [[Row]] = []
        for sheet in workbook.sheets {
            var rows: [Row] = []
            try workbook.reader(for: sheet).forEachRow { rows.append($0) }
            sheets.append(rows)
        }
        #expect(sheets.count == 3)
        let instructions = sheets[0].compactMap { $0.cells.first?.value }
        #expect(instructions.contains(.string("Ringkasan: 8 baris perlu diperiksa, 2 di antaranya berisi kesalahan.")))
        #expect(
            instructions.contains(
                .string(
                    "Setiap lembar koreksi memuat paling banyak 3 baris: semua baris berisi kesalahan lebih dulu, lalu baris berisi peringatan, "
                        + "sesuai urutan di berkas. 3 baris tidak dimuat di sini; semua temuan setiap baris ada di findings.csv "
                        + "(mintalah kepada Disnaker Kota Bekasi).")))
        // The code counts cover the rows left out too.
        #expect(sheets[0].contains { $0.cells.first?.value == .string("SEX_INVALID") && $0.cells.dropFirst().first?.value == .number(8) })
        #expect(
            sheets[1][1].cells.first?.value
                == .string("Lembar ini memuat 3 dari 6 baris yang perlu diperiksa (paling banyak 3); lihat lembar Petunjuk."))
        #expect(sheets[1].dropFirst(3).map { $0.cells.first?.value } == [2, 4, 6].map { .number(Double($0)) })
        // A sheet within its limit has no note.
        #expect(sheets[2].map(\.number) == [1, 3, 4, 5])
        #expect(sheets[2].dropFirst(2).map { $0.cells.first?.value } == [8, 9].map { .number(Double($0)) })
    }

    @Test("a month of many correction rows keeps them in a file with no name, and every row comes back")
    func spilled() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sigap-spool-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var list = CorrectionList(spoolingIn: folder)
        let long = String(repeating: "SUPARMAN BIN ABDULLAH ", count: 10)
        let rows = 40_000
        for number in 2..<(rows + 2) {
            let entry = Self.entry(number)
            list.append(
                file: entry.file, sheet: entry.sheet, layout: entry.layout, row: Self.row(number, name: long), findings: entry.findings)
        }
        #expect(list.spilled > ByteSpool.memoryLimit)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
        var expected = 2
        var same = true
        for entry in list {
            same = same && entry.row == Self.row(expected, name: long) && entry.findings == Self.entry(expected).findings
            expected += 1
        }
        #expect(same)
        #expect(expected == rows + 2)

        // A copy appended to is a list of its own.
        var copy = list
        copy.append(Self.entry(9_999_999))
        #expect(copy.count == rows + 1)
        #expect(list.count == rows)
        #expect(Array(list).count == rows)
        #expect(Array(copy).last.map(Self.describe) == Self.describe(Self.entry(9_999_999)))

        // A folder not made yet (a first run's out folder): the rows go to $TMPDIR or /tmp instead.
        var elsewhere = CorrectionList(spoolingIn: "\(folder)/not-made-yet")
        for number in 2..<(rows + 2) {
            let entry = Self.entry(number)
            elsewhere.append(
                file: entry.file, sheet: entry.sheet, layout: entry.layout, row: Self.row(number, name: long), findings: entry.findings)
        }
        #expect(elsewhere.spilled > ByteSpool.memoryLimit)
        #expect(elsewhere.count == rows)
    }
}
