import Foundation
import SIGAPDomain
import Testing

@testable import SIGAPPipeline
@testable import XLSX

/// A small month, its summary, and reading workbooks back (shared with `SubmissionWorkbookTests`).
enum LedgerWorkbookFixture {
    static let month = YearMonth("2025-11")!
    static let october = YearMonth("2025-10")!
    static let september = YearMonth("2025-09")!
    static let sources = ["DISHUB", "DINSOS", "DISNAKER"]
    static let sourceNames = ["DISHUB": "Dinas Perhubungan", "DINSOS": "Dinas Sosial", "DISNAKER": "Dinas Tenaga Kerja"]

    static func line(
        _ nik: String, _ status: LedgerStatus, source: String = "DISHUB", kecamatan: (String, String) = ("32.75.01", "Bekasi Timur"),
        entry: LedgerEntryKind = .regular, forMonth: YearMonth = month, previous: LedgerStatus? = nil, reason: String = "",
        premium: Int = 0, kpj: String = "", flags: [LedgerFlag] = []
    ) -> LedgerLine {
        LedgerLine(
            month: month, entry: entry, forMonth: forMonth, nik: nik, name: "PEKERJA \(nik.suffix(4))", source: source,
            sources: source.isEmpty ? [] : [source], kecamatanCode: kecamatan.0, kecamatan: kecamatan.1,
            kelurahan: kecamatan.0.isEmpty ? "" : "Kelurahan \(nik.suffix(2))", occupation: "Pengemudi ojek", kpj: kpj,
            status: status, previousStatus: previous, reasonCode: reason, premium: premium, flags: flags)
    }

    /// Given in no particular order: the workbook writes ledger order.
    static let lines: [LedgerLine] = [
        line(
            "3275060707900009", .rejected, entry: .adjustment, forMonth: october, previous: .covered, reason: "USIA",
            premium: -16_800),
        line("3275030404900006", .pending),
        line("3275015203900002", .covered, premium: 16_800, kpj: "01234567890", flags: [.nameMismatch, .amountMismatch]),
        line("3275050606900008", .unexpected, source: "", kecamatan: ("", ""), kpj: "22222222222"),
        line(
            "3275080101850003", .covered, source: "DINSOS", kecamatan: ("32.75.08", "Pondokgede"), premium: 16_800,
            kpj: "11111111111"),
        line("3275010202900004", .rejected, reason: "NIK_TIDAK_PADAN", kpj: "33333333333"),
        line("3275020303900005", .rejected, source: "DINSOS", kecamatan: ("", ""), reason: "USIA"),
        line("3275040505900007", .pending, source: "DINSOS", kecamatan: ("32.75.08", "Pondokgede")),
        line(
            "3275015203900002", .covered, entry: .adjustment, forMonth: september, previous: .pending, premium: 16_800,
            kpj: "01234567890"),
    ]

    /// NIKs in ledger order: REGULAR by NIK, then ADJUSTMENT by (for_month, NIK).
    static let ledgerOrder = [
        "3275010202900004", "3275015203900002", "3275020303900005", "3275030404900006", "3275040505900007",
        "3275050606900008", "3275080101850003",
        "3275015203900002", "3275060707900009",
    ]

    static let summary: MonthSummary = {
        let regular = lines.filter { $0.entry == .regular }.sorted { $0.nik < $1.nik }
        let reconciliation = MonthReconciliation(
            month: month, lines: regular, pendingExposure: 2 * 16_800, disputedAmount: 16_800, orphanRejections: 3)
        return MonthSummary(
            month: month, lines: lines, reconciliation: reconciliation, sources: sources, quarantinedRows: 5,
            findings: [.nikLength: 2])
    }()

    static func temporaryFolder() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sigap-workbook-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Every non-empty row of a sheet.
    static func rows(_ workbook: Workbook, _ name: String) throws -> [Row] {
        let sheet = try #require(workbook.sheet(named: name))
        var rows: [Row] = []
        _ = try workbook.reader(for: sheet).forEachRow { rows.append($0) }
        return rows
    }

    /// The raw XML of a part (freeze panes, autofilters and number formats are not exposed by the
    /// reader's API).
    static func part(_ workbook: Workbook, _ name: String) throws -> String {
        let entry = try #require(workbook.archive.entry(name))
        let bytes = try EntryReader(archive: workbook.archive, entry: entry, budget: workbook.budget).readAll()
        return String(decoding: bytes, as: UTF8.self)
    }

    static func sheetXML(_ workbook: Workbook, _ name: String) throws -> String {
        let sheet = try #require(workbook.sheet(named: name))
        return try part(workbook, try #require(sheet.part))
    }

    static func mode(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    /// A cell's text, or nil when it is not a string cell.
    static func text(_ row: Row, _ column: Int) -> String? {
        if case .string(let text)? = row[column: column]?.value { return text }
        return nil
    }

    static func number(_ row: Row, _ column: Int) -> Double? {
        if case .number(let number)? = row[column: column]?.value { return number }
        return nil
    }
}

@Suite("ledger.xlsx (SPEC §8.5)")
struct LedgerWorkbookTests {
    typealias F = LedgerWorkbookFixture

    /// The workbook written once into a temporary folder.
    static let written: (path: String, workbook: Workbook) = {
        let folder = try! F.temporaryFolder()
        let path = "\(folder)/ledger.xlsx"
        try! LedgerWorkbook(
            month: F.month, summary: F.summary, lines: F.lines, sourceNames: F.sourceNames, sourceOrder: F.sources
        ).write(to: path)
        return (path, try! Workbook(path: path))
    }()

    var workbook: Workbook { Self.written.workbook }

    @Test("the fixture's summary is consistent")
    func fixtureSummary() {
        let summary = F.summary
        #expect(summary.invariantViolations.isEmpty)
        #expect(summary.workers == 6)
        #expect(summary.covered == 2)
        #expect(summary.rejected == 2)
        #expect(summary.pending == 2)
        #expect(summary.unexpected == 1)
        #expect(summary.premiumDue == 33_600)
        #expect(summary.adjustmentsCount == 2)
        #expect(summary.adjustmentsPremium == 0)
        #expect(summary.totalPayable == 33_600)
    }

    @Test("six sheets in order, written 0640")
    func sheetsAndMode() throws {
        #expect(workbook.sheets.map(\.name) == ["Ringkasan", "Buku Besar", "Penyesuaian", "Ditolak", "Menunggu", "Perlu Diperiksa"])
        #expect(workbook.sheets.map(\.name) == LedgerWorkbook.sheetNames)
        #expect(workbook.sheets.allSatisfy { $0.state == .visible })
        #expect(try F.mode(Self.written.path) == 0o640)
    }

    @Test("the headline figures are the summary's numbers")
    func headline() throws {
        let rows = try F.rows(workbook, "Ringkasan")
        #expect(F.text(rows[0], 1) == "Buku Besar Iuran SIGAP — November 2025")
        var figures: [String: Double] = [:]
        for row in rows where row.number > LedgerWorkbook.headlineHeaderRow && row.number <= LedgerWorkbook.headlineHeaderRow + 13 {
            let label = try #require(F.text(row, 1))
            let value = try #require(F.number(row, 2))
            figures[label] = value
        }
        let s = F.summary
        let expected: [String: Int] = [
            "Jumlah pekerja": s.workers, "Tertanggung": s.covered, "Ditolak": s.rejected, "Menunggu konfirmasi": s.pending,
            "Diterima BPJS tanpa terdaftar": s.unexpected, "Iuran terutang bulan ini": s.premiumDue,
            "Baris penyesuaian": s.adjustmentsCount, "Nilai penyesuaian": s.adjustmentsPremium,
            "Total yang harus dibayar": s.totalPayable, "Potensi iuran yang menunggu": s.pendingExposure,
            "Nilai yang dipersoalkan": s.disputedAmount, "Penolakan tanpa pekerja terdaftar": s.orphanRejections,
            "Baris dikarantina": s.quarantinedRows,
        ]
        #expect(figures == expected.mapValues(Double.init))
        #expect(figures["Potensi iuran yang menunggu"] == 33_600)
        #expect(figures["Baris dikarantina"] == 5)
    }

    @Test("the tables by source, reason and kecamatan")
    func summaryTables() throws {
        let rows = try F.rows(workbook, "Ringkasan")
        func table(after title: String) throws -> [Row] {
            let start = try #require(rows.firstIndex { F.text($0, 1) == title })
            let rest = rows[(start + 2)...]
            let end = rest.firstIndex { F.text($0, 1) == "Jumlah" } ?? rest.endIndex
            return Array(rest[..<end])
        }
        let sources = try table(after: "Menurut Dinas")
        #expect(sources.map { F.text($0, 1) } == ["DISHUB", "DINSOS", "DISNAKER"])
        #expect(sources.map { F.text($0, 2) } == ["Dinas Perhubungan", "Dinas Sosial", "Dinas Tenaga Kerja"])
        for row in sources {
            let code = try #require(F.text(row, 1))
            let figures = try #require(F.summary.bySource[code])
            #expect(
                (3...7).map { F.number(row, $0) }
                    == [
                        figures.workers, figures.covered, figures.rejected, figures.pending, figures.premiumDue,
                    ].map(Double.init))
        }
        #expect(F.number(sources[0], 7) == 16_800)

        let reasons = try table(after: "Alasan Penolakan")
        let counts = Dictionary(uniqueKeysWithValues: reasons.map { (F.text($0, 1)!, F.number($0, 3)!) })
        #expect(counts["NIK_TIDAK_PADAN"] == 1)
        #expect(counts["USIA"] == 1)
        #expect(counts["LAINNYA"] == 0)

        let kecamatan = try table(after: "Menurut Kecamatan")
        #expect(kecamatan.map { F.text($0, 1) } == ["32.75.01", "32.75.08", "UNKNOWN"])
        #expect(kecamatan.map { F.text($0, 2) } == ["Bekasi Timur", "Pondokgede", "Tidak diketahui"])
        for row in kecamatan {
            let code = try #require(F.text(row, 1))
            let figures = try #require(F.summary.byKecamatan[code])
            #expect((3...5).map { F.number(row, $0) } == [figures.workers, figures.covered, figures.premiumDue].map(Double.init))
        }
        let total = try #require(rows.last)
        #expect(F.text(total, 1) == "Jumlah")
        #expect(F.number(total, 3) == Double(F.summary.workers))
        #expect(F.number(total, 5) == Double(F.summary.premiumDue))
    }

    @Test("Buku Besar: every line in ledger order, NIK as text, premium as a number")
    func ledgerSheet() throws {
        let rows = try F.rows(workbook, "Buku Besar")
        #expect(rows.first.map { row in (1...17).map { F.text(row, $0) ?? "" } } == LedgerWorkbook.ledgerHeaders)
        #expect(LedgerWorkbook.ledgerHeaders.count == LedgerCSV.header.count)
        let data = Array(rows.dropFirst())
        #expect(data.map { F.text($0, 4) } == F.ledgerOrder)
        let ordered = LedgerCSV.ordered(F.lines)
        #expect(data.count == ordered.count)
        for (row, line) in zip(data, ordered) {
            #expect(row[column: 4]?.value == .string(line.nik))
            #expect(row[column: 16]?.value == .number(Double(line.premium)))
            // Entries, statuses and flags in the glossary's words (the codes stay in ledger.csv).
            let expected: [String?] = [
                line.month.description, Glossary.entry(line.entry), line.forMonth.description, line.nik, line.name, line.source,
                line.sources.joined(separator: ";"), line.kecamatanCode, line.kecamatan, line.kelurahan, line.occupation,
                line.kpj, Glossary.status(line.status), line.previousStatus.map(Glossary.status) ?? "", line.reasonCode,
            ].map { $0.isEmpty ? nil : $0 }
            #expect((1...15).map { F.text(row, $0) } == expected)
            #expect(F.text(row, 17) == (line.flags.isEmpty ? nil : line.flags.sorted().map(Glossary.flag).joined(separator: "; ")))
        }
        // The KPJ keeps its leading zero; flags in words, in code order; the reclaimed premium is negative.
        #expect(F.text(data[1], 12) == "01234567890")
        #expect(F.text(data[1], 17) == "Tagihan BPJS berbeda; Nama berbeda dengan BPJS")
        #expect(F.number(data[8], 16) == -16_800)
        #expect(F.text(data[8], 14) == "Tertanggung")
        #expect(F.text(data[8], 2) == "Penyesuaian")
    }

    @Test("Penyesuaian, Ditolak and Menunggu hold exactly the right people")
    func lineSheets() throws {
        /// The NIK column of a sheet, found by its header.
        func niks(_ sheet: String) throws -> [String?] {
            let rows = try F.rows(workbook, sheet)
            let column = try #require((1...20).first { F.text(rows[0], $0) == "NIK" })
            return rows.dropFirst().map { F.text($0, column) }
        }
        #expect(try niks("Penyesuaian") == ["3275015203900002", "3275060707900009"])
        #expect(try niks("Ditolak") == ["3275010202900004", "3275020303900005"])
        #expect(try niks("Menunggu") == ["3275030404900006", "3275040505900007"])

        let adjustments = try F.rows(workbook, "Penyesuaian")
        #expect(F.text(adjustments[0], 1) == "Untuk Bulan")
        #expect(F.text(adjustments[1], 1) == "2025-09")
        #expect(F.text(adjustments[2], 8) == "Tertanggung")
        #expect(F.text(adjustments[2], 9) == "Ditolak")
        #expect(adjustments[2][column: 11]?.value == .number(-16_800))
        #expect(adjustments[1][column: 11]?.value == .number(16_800))

        let rejected = try F.rows(workbook, "Ditolak")
        let reasonColumn = try #require((1...12).first { F.text(rejected[0], $0) == "Kode Alasan" })
        #expect(rejected.dropFirst().map { F.text($0, reasonColumn) } == ["NIK_TIDAK_PADAN", "USIA"])
        #expect(F.text(rejected[1], reasonColumn + 1) == LedgerWorkbook.reasonMeaning("NIK_TIDAK_PADAN"))
        #expect(F.text(rejected[1], 4) == "Dinas Perhubungan")

        let pending = try F.rows(workbook, "Menunggu")
        #expect(pending.dropFirst().map { F.text($0, 3) } == ["DISHUB", "DINSOS"])
    }

    @Test("frozen header rows, an autofilter on each table, rupiah formatted with literal dots")
    func layout() throws {
        for name in ["Buku Besar", "Penyesuaian", "Ditolak", "Menunggu"] {
            let xml = try F.sheetXML(workbook, name)
            #expect(xml.contains(#"ySplit="1""#), "\(name) freezes its header row")
            #expect(xml.contains(#"state="frozen""#))
            #expect(xml.contains("<autoFilter ref=\"A1:"), "\(name) has an autofilter")
        }
        #expect(try F.sheetXML(workbook, "Buku Besar").contains(#"<autoFilter ref="A1:Q10"/>"#))
        #expect(try F.sheetXML(workbook, "Ringkasan").contains("<autoFilter ref="))
        let styles = try F.part(workbook, "xl/styles.xml")
        #expect(styles.contains(#"formatCode="&quot;Rp &quot;#&quot;.&quot;000""#))
        #expect(styles.contains(#"formatCode="@""#))
    }

    @Test("an empty month still has every sheet with its header")
    func emptyMonth() throws {
        let folder = try F.temporaryFolder()
        let path = "\(folder)/ledger.xlsx"
        let reconciliation = MonthReconciliation(month: F.month, lines: [])
        let summary = MonthSummary(
            month: F.month, lines: [], reconciliation: reconciliation, sources: F.sources, quarantinedRows: 0, findings: [:])
        try LedgerWorkbook(month: F.month, summary: summary, lines: [], sourceNames: [:]).write(to: path)
        let workbook = try Workbook(path: path)
        #expect(workbook.sheets.map(\.name) == LedgerWorkbook.sheetNames)
        for name in LedgerWorkbook.sheetNames.dropFirst() {
            #expect(try F.rows(workbook, name).map(\.number) == [1])
        }
        // Without names, sources show by code, sorted.
        let rows = try F.rows(workbook, "Ringkasan")
        let start = try #require(rows.firstIndex { F.text($0, 1) == "Menurut Dinas" })
        #expect(rows[(start + 2)...(start + 4)].map { F.text($0, 2) } == ["DINSOS", "DISHUB", "DISNAKER"])
        #expect(try F.mode(path) == 0o640)
    }

    @Test("the same month gives the same bytes")
    func deterministic() throws {
        let folder = try F.temporaryFolder()
        let workbook = LedgerWorkbook(month: F.month, summary: F.summary, lines: F.lines, sourceNames: F.sourceNames)
        try workbook.write(to: "\(folder)/a.xlsx")
        Thread.sleep(forTimeInterval: 1.1)
        try workbook.write(to: "\(folder)/b.xlsx")
        let a = try Data(contentsOf: URL(fileURLWithPath: "\(folder)/a.xlsx"))
        let b = try Data(contentsOf: URL(fileURLWithPath: "\(folder)/b.xlsx"))
        #expect(a == b)
    }

    @Test("an unwritable folder is an error and leaves nothing")
    func unwritable() throws {
        let path = "/nonexistent-\(UUID().uuidString)/ledger.xlsx"
        #expect(throws: (any Error).self) {
            try LedgerWorkbook(month: F.month, summary: F.summary, lines: F.lines, sourceNames: [:]).write(to: path)
        }
        #expect(!FileManager.default.fileExists(atPath: path))
    }
}

@Suite("Rupiah in the workbooks: Rp 16.800 whatever the viewer's regional settings")
struct RupiahFormatTests {
    @Test("the format has literal dots between digit groups, never the locale's separator")
    func formats() {
        #expect(LedgerWorkbook.rupiahFormat(0) == "\"Rp \"0")
        #expect(LedgerWorkbook.rupiahFormat(999) == "\"Rp \"0")
        #expect(LedgerWorkbook.rupiahFormat(1_000) == "\"Rp \"#\".\"000")
        #expect(LedgerWorkbook.rupiahFormat(16_800) == "\"Rp \"#\".\"000")
        #expect(LedgerWorkbook.rupiahFormat(-16_800) == "\"Rp \"#\".\"000")
        #expect(LedgerWorkbook.rupiahFormat(195_988_800) == "\"Rp \"#\".\"000\".\"000")
        #expect(LedgerWorkbook.rupiahFormat(1_000_000_000) == "\"Rp \"#\".\"000\".\"000\".\"000")
        for amount in [0, 5, 999, 1_000, 16_800, -16_800, 1_000_005, 195_988_800] {
            #expect(!LedgerWorkbook.rupiahFormat(amount).contains(","), "\(amount)")
        }
    }

    @Test("ledger.xlsx uses them (and no #,##0 for money)")
    func inTheWorkbook() throws {
        let styles = try LedgerWorkbookFixture.part(LedgerWorkbookTests.written.workbook, "xl/styles.xml")
        #expect(styles.contains("formatCode=\"&quot;Rp &quot;#&quot;.&quot;000\""), "\(styles)")
        #expect(!styles.contains("Rp &quot;#,##0"), "\(styles)")
    }
}
