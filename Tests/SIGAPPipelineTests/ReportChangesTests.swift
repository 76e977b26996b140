import Foundation
import SIGAPDomain
import Testing
import XLSXWrite

@testable import SIGAPPipeline

/// The parts of the report that explain: why people left, what each adjustment means, how the
/// charts scale.
@Suite("Month-end report: joins, leaves, adjustment sentences, charts")
struct ReportChangesTests {
    typealias Kit = LedgerKit

    /// November: DISHUB lists Rahmat, Yuliani, Suparman; DINSOS Lestari and Darmawan; BPJS accepts
    /// all five. December: DISHUB's new list leaves Yuliani out and has Suparman's NIK damaged by
    /// Excel (quarantined); Rahmat is now listed by DINSOS only; BPJS rejects Lestari.
    static func leavingWorkspace() throws -> LedgerWorkspace {
        let workspace = try LedgerWorkspace()
        try workspace.roster("2025-11", "DISHUB", [Kit.rahmat, Kit.yuliani, Kit.suparman])
        try workspace.roster("2025-11", "DINSOS", [Kit.lestari, Kit.darmawan])
        try workspace.acknowledgements(
            "2025-11",
            [Kit.rahmat, Kit.yuliani, Kit.suparman, Kit.lestari, Kit.darmawan].enumerated().map { offset, person in
                Kit.ack("2025-11", person.nik, kpj: "2511000000\(offset)", status: "DITERIMA")
            })
        try workspace.run(through: "2025-11")
        try workspace.close("2025-11", through: "2025-11")

        // DISHUB's December list: Suparman's NIK typed as a number, its last digit lost.
        let path = "\(workspace.inbox)/2025-12/DISHUB/roster.xlsx"
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let writer = try SpreadsheetWriter(path: path)
        let sheet = try writer.addSheet("Data")
        try sheet.write(row: 1, LedgerPerson.header.map { .text($0) })
        try sheet.write(.number(3_275_020_309_780_010), row: 2, column: 1)
        try sheet.write(.text(Kit.suparman.name), row: 2, column: 2)
        try writer.close()
        try workspace.roster("2025-12", "DINSOS", [Kit.lestari, Kit.darmawan, Kit.rahmat])
        try workspace.acknowledgements(
            "2025-12",
            [
                Kit.ack("2025-12", Kit.rahmat.nik, kpj: "25110000000", status: "DITERIMA"),
                Kit.ack("2025-12", Kit.darmawan.nik, kpj: "25110000004", status: "DITERIMA"),
                Kit.ack("2025-12", Kit.lestari.nik, status: "DITOLAK", reason: "NIK tidak padan"),
            ])
        try workspace.run(through: "2025-12")
        return workspace
    }

    @Test("leaves by source and reason: not resent, quarantined; moves between sources; newly rejected")
    func leaveReasons() throws {
        let workspace = try Self.leavingWorkspace()
        let html = try MonthReport.html(for: Kit.december, store: try workspace.store(), definition: workspace.definition)
        let document = try HTMLDocument(html)
        let cells = try document.cells(table: "table-changes")
        func value(_ source: String, _ series: String) -> Int? { cells[Cell(category: source, series: series)] }
        #expect(value("DISHUB", "previous") == 3)
        #expect(value("DISHUB", "joins") == 0)
        #expect(value("DISHUB", "leaves") == 2)
        #expect(value("DISHUB", "left_not_resent") == 1)
        #expect(value("DISHUB", "left_quarantined") == 1)
        #expect(value("DISHUB", "moved") == -1)
        #expect(value("DISHUB", "current") == 0)
        #expect(value("DINSOS", "previous") == 2)
        #expect(value("DINSOS", "moved") == 1)
        #expect(value("DINSOS", "current") == 3)
        #expect(value("DINSOS", "newly_rejected") == 1)
        #expect(value("DISKOPUKM", "current") == 0)

        let section = try #require(document.all("section").first { $0.attributes["id"] == "perubahan" })
        let rows = section.all("table").dropFirst().flatMap { $0.all("tr").dropFirst().map { $0.all("td").map(\.text) } }
        #expect(rows.contains { $0 == ["327501******0012", "YULIANI PUSPITA", "DISHUB", "tertanggung", "tidak dikirim ulang oleh dinas"] })
        #expect(
            rows.contains {
                $0 == [
                    "327502******0013", "SUPARMAN", "DISHUB", "tertanggung", "dikarantina (NIK rusak oleh Excel (digit terakhir hilang))",
                ]
            })
        #expect(rows.contains { $0.first == "327504******0014" && $0.last == "NIK tidak padan dengan data kependudukan (Dukcapil)" })
        #expect(
            section.text.contains(
                "0 pekerja masuk, 2 keluar, 1 pindah dinas, dan 1 pekerja yang bulan lalu tidak ditolak kini ditolak BPJS"))
        #expect(!html.contains(Kit.yuliani.nik) && !html.contains(Kit.suparman.nik))
    }

    @Test("the first month has nothing to compare with: everyone joins")
    func firstMonth() throws {
        let workspace = try Self.leavingWorkspace()
        let document = try HTMLDocument(
            try MonthReport.html(for: Kit.november, store: try workspace.store(), definition: workspace.definition))
        let cells = try document.cells(table: "table-changes")
        #expect(cells[Cell(category: "DISHUB", series: "joins")] == 3)
        #expect(cells[Cell(category: "DINSOS", series: "joins")] == 2)
        #expect(cells.filter { $0.key.series == "leaves" }.values.allSatisfy { $0 == 0 })
        #expect(document.element(id: "perubahan")?.text.contains("bulan pertama yang tercatat") == true)
    }

    @Test("a NIK Excel damaged is recognised by its first 15 digits; other values are not")
    func quarantineMatching() {
        #expect(ReportChanges.finding("NIK_PRECISION_LOST", "3275020309780010", concerns: "3275020309780013"))
        #expect(ReportChanges.finding("DUPLICATE_ROW", "3275 0203 0978 0013", concerns: "3275020309780013"))
        #expect(!ReportChanges.finding("NIK_LENGTH", "3275020309780010", concerns: "3275020309780013"))
        #expect(!ReportChanges.finding("NIK_PRECISION_LOST", "3.27502E+15", concerns: "3275020309780013"))
        #expect(!ReportChanges.finding("NAME_MISSING", "", concerns: "3275020309780013"))
    }

    static func adjustment(_ nik: String, for month: YearMonth, _ previous: LedgerStatus, _ status: LedgerStatus, _ premium: Int)
        -> LedgerLine
    {
        LedgerLine(
            month: Kit.january, entry: .adjustment, forMonth: month, nik: nik, name: "PEKERJA", source: "DISHUB", sources: ["DISHUB"],
            kecamatanCode: "", kecamatan: "", kelurahan: "", occupation: "", kpj: "", status: status, previousStatus: previous,
            reasonCode: "", premium: premium, flags: [])
    }

    @Test("adjustments grouped by closed month and change of status, one sentence each")
    func adjustmentSentences() {
        let lines = [
            Self.adjustment("3275000000000001", for: Kit.november, .pending, .covered, 16_800),
            Self.adjustment("3275000000000002", for: Kit.november, .pending, .covered, 16_800),
            Self.adjustment("3275000000000003", for: Kit.november, .pending, .covered, 16_800),
            Self.adjustment("3275000000000004", for: Kit.december, .covered, .rejected, -16_800),
            Self.adjustment("3275000000000005", for: Kit.december, .pending, .rejected, 0),
            Self.adjustment("3275000000000006", for: Kit.december, .pending, .covered, 16_800),
            Self.adjustment("3275000000000007", for: Kit.december, .covered, .pending, -16_800),
            Self.adjustment("3275000000000008", for: Kit.december, .rejected, .pending, 0),
        ]
        let adjustments = ReportAdjustments(month: Kit.january, lines: lines)
        #expect(
            adjustments.groups.map(adjustments.sentence) == [
                "3 pekerja bulan November 2025 baru dikonfirmasi BPJS pada Januari 2026: +Rp 50.400.",
                "1 pekerja bulan Desember 2025 baru dikonfirmasi BPJS pada Januari 2026: +Rp 16.800.",
                "1 pekerja bulan Desember 2025 yang sudah dibayar tidak lagi memiliki konfirmasi BPJS (diketahui pada Januari 2026); iurannya diperhitungkan kembali: -Rp 16.800.",
                "1 pekerja bulan Desember 2025 yang sudah dibayar ternyata ditolak BPJS (diketahui pada Januari 2026); iurannya diperhitungkan kembali: -Rp 16.800.",
                "1 pekerja bulan Desember 2025 yang masih menunggu akhirnya ditolak BPJS pada Januari 2026; tidak ada iuran yang berubah: Rp 0.",
                "1 pekerja bulan Desember 2025 berubah status dari ditolak menjadi menunggu konfirmasi pada Januari 2026: Rp 0.",
            ])
        #expect(adjustments.groups.map(\.count).reduce(0, +) == lines.count)
        #expect(adjustments.groups.map(\.premium).reduce(0, +) == lines.map(\.premium).reduce(0, +))
    }

    @Test("number words: counts, signed rupiah, months, digit runs masked")
    func text() {
        #expect(ReportText.count(11_666) == "11.666")
        #expect(ReportText.count(0) == "0")
        #expect(ReportText.signedRupiah(195_988_800) == "+Rp 195.988.800")
        #expect(ReportText.signedRupiah(-16_800) == "-Rp 16.800")
        #expect(ReportText.signedRupiah(0) == "Rp 0")
        #expect(ReportText.monthName(Kit.december) == "Desember 2025")
        #expect(Masking.longDigitRuns("NIK 3275081708850001 di berkas") == "NIK 327508******0001 di berkas")
        #expect(Masking.longDigitRuns("HP 081234567890") == "HP 08******7890")
        #expect(Masking.longDigitRuns("baris 123456789") == "baris 123456789")
        #expect(ReportText.data("<b>&\"'") == "&lt;b&gt;&amp;&quot;&#39;")
        #expect(ReportText.timestamp("2025-11-30T19:30:00Z") == "1 Desember 2025 pukul 02.30 WIB")
        #expect(ReportText.timestamp("kemarin") == "kemarin")
    }

    @Test("axis maxima are round and at least the largest value")
    func axis() {
        #expect(ReportChart.niceCeiling(0) == 4)
        #expect(ReportChart.niceCeiling(3) == 4)
        #expect(ReportChart.niceCeiling(7) == 8)
        #expect(ReportChart.niceCeiling(11) == 20)
        #expect(ReportChart.niceCeiling(84_000) == 100_000)
        #expect(ReportChart.niceCeiling(195_988_800) == 200_000_000)
        for value in [1, 5, 9, 10, 17, 99, 101, 1234, 11_666, 50_400, 999_999] {
            let top = ReportChart.niceCeiling(value)
            #expect(top >= value && top % 4 == 0 && top <= max(8, value * 3), "\(value) → \(top)")
        }
    }

    @Test("a stacked chart's segments add up to the bar; zero values draw zero-width bars")
    func stackedChart() throws {
        let chart = ReportChart(
            id: "c", tableID: "t", caption: "x",
            series: [.init(key: "a", label: "A", colour: "#000"), .init(key: "b", label: "B", colour: "#111")],
            categories: [.init(key: "P", label: "P", values: [3, 1]), .init(key: "Q", label: "Q", values: [0, 2])],
            layout: .stacked)
        let svg = try HTMLDocument(chart.horizontal())
        let bars = svg.all("rect")
        #expect(bars.map { $0.attributes["data-value"] ?? "" } == ["3", "1", "0", "2"])
        let widths = bars.map { Double($0.attributes["width"]!)! }
        #expect(abs(widths[0] + widths[1] - 370) < 0.2)
        #expect(widths[2] == 0)
        #expect(abs(widths[3] - 185) < 0.2)
        let columns = try HTMLDocument(chart.columns())
        #expect(columns.all("rect").count == 4)
    }
}
