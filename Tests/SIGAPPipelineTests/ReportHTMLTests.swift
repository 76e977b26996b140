import Foundation
import SIGAPDomain
import SIGAPFixtures
import Testing

@testable import SIGAPPipeline

/// The month-end report of the demo history (SPEC §10), parsed back: every figure is the one in
/// summary.json, every chart draws the table beside it, adjustments read as sentences, and no
/// full NIK or phone number appears.
@Suite("Month-end report: figures, charts, adjustments, privacy")
struct ReportHTMLTests {
    static let months = ["2025-11", "2025-12", "2026-01", "2026-02"]

    @Test("the HTML is well formed: every element closed in order, one of each section")
    func wellFormed() throws {
        let demo = try ReportDemo()
        for month in Self.months {
            let html = try demo.html(month)
            let document = try HTMLDocument(html)
            #expect(html.hasPrefix("<!DOCTYPE html>"))
            #expect(document.all("html").first?.attributes["lang"] == "id")
            for id in ["ringkasan", "perubahan", "dinas", "kecamatan", "tren", "penolakan", "penyesuaian", "kualitas"] {
                #expect(document.all("section").filter { $0.attributes["id"] == id }.count == 1, "\(month) section \(id)")
            }
            #expect(document.all("footer").count == 1)
        }
    }

    @Test("self-contained: no script, no external URL, no font or image fetched")
    func selfContained() throws {
        let demo = try ReportDemo()
        for month in Self.months {
            let html = try demo.html(month)
            let document = try HTMLDocument(html)
            #expect(document.all("script").isEmpty)
            #expect(document.all("link").isEmpty)
            #expect(document.all("img").isEmpty)
            #expect(
                !html.contains("http://")
                    || html.components(separatedBy: "http://").dropFirst().allSatisfy { $0.hasPrefix("www.w3.org/2000/svg") })
            #expect(!html.contains("https://"))
            #expect(!html.contains("url("))
            #expect(!html.contains("@import"))
            #expect(!html.contains("@font-face"))
            // The print stylesheet: A4.
            #expect(html.contains("size: A4"))
        }
    }

    @Test("headline figures and every tagged figure equal summary.json")
    func figuresEqualSummary() throws {
        let demo = try ReportDemo()
        for month in Self.months {
            let summary = try demo.summary(month)
            let document = try HTMLDocument(try demo.html(month))
            let tagged = document.all { $0.attributes["data-key"] != nil }
            #expect(tagged.count >= 13, "\(month)")
            for element in tagged {
                let key = element.attributes["data-key"]!
                let wanted = try #require(summary[key] as? Int, "\(month): summary.json has no \(key)")
                #expect(element.attributes["data-value"] == String(wanted), "\(month) \(key)")
            }
            // The five headline cards, with their printed values.
            let cards = document.all { $0.hasClass("figure") }
            #expect(cards.map { $0.attributes["data-key"] ?? "" } == ["workers", "covered", "pending", "rejected", "total_payable"])
            for card in cards {
                let key = card.attributes["data-key"]!
                let value = summary[key] as! Int
                let shown = card.all { $0.hasClass("value") }.first?.text
                #expect(shown == (key == "total_payable" ? Rupiah.format(value) : String(value)), "\(month) \(key)")
            }
        }
        // December, by hand: 10 workers, total payable Rp 84.000.
        let december = try HTMLDocument(try demo.html("2025-12"))
        #expect(december.all { $0.attributes["data-key"] == "total_payable" }.first?.text.contains("Rp 84.000") == true)
        #expect(december.all { $0.attributes["data-key"] == "workers" }.first?.attributes["data-value"] == "10")
    }

    @Test("tables by source, kecamatan, rejection reason and month equal summary.json")
    func tablesEqualSummary() throws {
        let demo = try ReportDemo()
        for month in Self.months {
            let summary = try demo.summary(month)
            let document = try HTMLDocument(try demo.html(month))
            let bySource = summary["by_source"] as! [String: [String: Int]]
            let source = try document.cells(table: "table-source")
            for (code, figures) in bySource {
                for key in ["workers", "covered", "pending", "rejected", "premium_due"] {
                    #expect(source[Cell(category: code, series: key)] == figures[key], "\(month) \(code) \(key)")
                }
            }
            #expect(Set(source.keys.map(\.category)) == Set(bySource.keys), "\(month): every declared source, no other")

            let byKecamatan = summary["by_kecamatan"] as! [String: [String: Int]]
            let kecamatan = try document.cells(table: "table-kecamatan")
            var codes = Set(Wilayah3275.kecamatan.map(\.code))
            codes.formUnion(byKecamatan.keys)
            #expect(Set(kecamatan.keys.map(\.category)) == codes, "\(month): the 12 kecamatan and any other key")
            for code in codes {
                for key in ["workers", "covered", "premium_due"] {
                    #expect(kecamatan[Cell(category: code, series: key)] == byKecamatan[code]?[key] ?? 0, "\(month) \(code) \(key)")
                }
            }

            let reasons = summary["rejections_by_reason"] as! [String: Int]
            let rejections = try document.cells(table: "table-rejections")
            for code in Set(reasons.keys).union(RejectionReason.allCases.map(\.rawValue)) {
                #expect(rejections[Cell(category: code, series: "rejected")] == reasons[code] ?? 0, "\(month) \(code)")
            }

            // The trend: every stored month from the start through this one, each from its own summary.
            let trend = try document.cells(table: "table-trend")
            let shown = Self.months.filter { $0 <= month }
            #expect(Set(trend.keys.map(\.category)) == Set(shown), "\(month)")
            for earlier in shown {
                let figures = try demo.summary(earlier)
                for key in ["workers", "covered", "pending", "rejected", "total_payable"] {
                    #expect(trend[Cell(category: earlier, series: key)] == figures[key] as? Int, "\(month): trend \(earlier) \(key)")
                }
            }
        }
    }

    @Test("every chart's bars equal the table beside it, bar for cell")
    func chartsMatchTables() throws {
        let demo = try ReportDemo()
        for month in Self.months {
            let document = try HTMLDocument(try demo.html(month))
            let charts = document.all("svg")
            let ids = Set(charts.compactMap { $0.attributes["id"] })
            #expect(
                ids.isSuperset(of: [
                    "chart-changes", "chart-source", "chart-kecamatan", "chart-trend-workers", "chart-trend-payable", "chart-rejections",
                ]),
                "\(month): \(ids)")
            for chart in charts {
                let name = chart.attributes["id"] ?? "?"
                let tableID = try #require(chart.attributes["data-table"], "\(month) \(name) names no table")
                let table = try document.cells(table: tableID)
                let bars = chart.all("rect")
                #expect(!bars.isEmpty, "\(month) \(name)")
                var drawn: [Cell: Int] = [:]
                for bar in bars {
                    let cell = Cell(category: bar.attributes["data-category"] ?? "", series: bar.attributes["data-series"] ?? "")
                    let value = try #require(bar.attributes["data-value"].flatMap { Int($0) }, "\(month) \(name): a bar without data-value")
                    #expect(drawn[cell] == nil, "\(month) \(name): two bars for \(cell)")
                    drawn[cell] = value
                    #expect(
                        table[cell] == value,
                        "\(month) \(name): bar \(cell) = \(value), table says \(table[cell].map(String.init) ?? "nothing")")
                    #expect(bar.all("title").first?.text.isEmpty == false, "\(month) \(name): bar \(cell) has no title")
                    #expect((Double(bar.attributes["width"] ?? "") ?? -1) >= 0 && (Double(bar.attributes["height"] ?? "") ?? -1) >= 0)
                }
                // And every cell of the charted series has its bar.
                let series = Set(drawn.keys.map(\.series))
                let cells = Set(table.keys.filter { series.contains($0.series) })
                #expect(cells == Set(drawn.keys), "\(month) \(name): the chart and its table list different rows")
            }
        }
    }

    @Test("bars are drawn to scale: longer bar, larger value, within one chart")
    func barsToScale() throws {
        let demo = try ReportDemo()
        let document = try HTMLDocument(try demo.html("2025-12"))
        for id in ["chart-source", "chart-kecamatan", "chart-rejections"] {
            let chart = try #require(document.all("svg").first { $0.attributes["id"] == id })
            var ratios: [Double] = []
            for bar in chart.all("rect") {
                let value = Double(bar.attributes["data-value"]!)!
                let width = Double(bar.attributes["width"]!)!
                if value == 0 { #expect(width == 0, "\(id)") } else { ratios.append(width / value) }
            }
            #expect(!ratios.isEmpty)
            #expect(ratios.allSatisfy { abs($0 - ratios[0]) < 0.2 }, "\(id): \(ratios)")
        }
    }

    @Test("December's adjustments for closed November, one sentence per change, counts and amounts right")
    func decemberAdjustments() throws {
        let demo = try ReportDemo()
        let summary = try demo.summary("2025-12")
        let document = try HTMLDocument(try demo.html("2025-12"))
        let items = document.all { $0.hasClass("adjustment") }
        #expect(
            items.map(\.text) == [
                "1 pekerja bulan November 2025 baru dikonfirmasi BPJS pada Desember 2025: +Rp 16.800.",
                "1 pekerja bulan November 2025 yang semula ditolak BPJS ternyata diterima (konfirmasi diperbaiki pada Desember 2025): +Rp 16.800.",
                "1 pekerja bulan November 2025 yang sudah dibayar ternyata ditolak BPJS (diketahui pada Desember 2025); iurannya diperhitungkan kembali: -Rp 16.800.",
            ])
        #expect(items.map { $0.attributes["data-for-month"] ?? "" } == ["2025-11", "2025-11", "2025-11"])
        #expect(
            items.map { "\($0.attributes["data-from"] ?? "")→\($0.attributes["data-to"] ?? "")" } == [
                "PENDING→COVERED", "REJECTED→COVERED", "COVERED→REJECTED",
            ])
        #expect(items.map { Int($0.attributes["data-count"] ?? "") ?? 0 }.reduce(0, +) == summary["adjustments_count"] as? Int)
        #expect(items.map { Int($0.attributes["data-value"] ?? "") ?? 0 }.reduce(0, +) == summary["adjustments_premium"] as? Int)
        let section = try #require(document.all("section").first { $0.attributes["id"] == "penyesuaian" })
        #expect(section.text.contains("Seluruhnya 3 baris senilai +Rp 16.800"))
        // The detail rows: masked NIKs, names, amounts.
        let rows = section.all("tr").dropFirst().map { $0.all("td").map(\.text) }
        #expect(rows.count == 3)
        #expect(rows.contains { $0.first == "327501******0002" && $0.last == "-Rp 16.800" && $0.contains("SITI AMINAH") })
        #expect(rows.contains { $0.first == "327509******0010" && $0.last == "+Rp 16.800" })

        // Months without adjustments say so.
        for month in ["2025-11", "2026-01", "2026-02"] {
            let other = try HTMLDocument(try demo.html(month))
            #expect(other.all { $0.hasClass("adjustment") }.isEmpty, "\(month)")
            #expect(other.all("section").first { $0.attributes["id"] == "penyesuaian" }?.text.contains("Tidak ada penyesuaian") == true)
        }
    }

    @Test("changes since last month add up per source and match both months' summaries")
    func changesAddUp() throws {
        let demo = try ReportDemo()
        for (index, month) in Self.months.enumerated() {
            let summary = try demo.summary(month)
            let previous = index > 0 ? try demo.summary(Self.months[index - 1]) : nil
            let cells = try HTMLDocument(try demo.html(month)).cells(table: "table-changes")
            for source in ["DISHUB", "DINSOS", "DISKOPUKM", "DISDIK"] {
                func value(_ series: String) -> Int { cells[Cell(category: source, series: series)] ?? -999 }
                let before = (previous?["by_source"] as? [String: [String: Int]])?[source]?["workers"] ?? 0
                let now = (summary["by_source"] as! [String: [String: Int]])[source]!["workers"]!
                #expect(value("previous") == before, "\(month) \(source)")
                #expect(value("current") == now, "\(month) \(source)")
                #expect(value("previous") + value("joins") - value("leaves") + value("moved") == value("current"), "\(month) \(source)")
                #expect(value("left_not_resent") + value("left_quarantined") == value("leaves"), "\(month) \(source)")
            }
        }
        // December: DINSOS gained Dedy, DISDIK sent its first list (Sri, Nur); nobody left.
        let december = try HTMLDocument(try demo.html("2025-12")).cells(table: "table-changes")
        #expect(december[Cell(category: "DINSOS", series: "joins")] == 1)
        #expect(december[Cell(category: "DISDIK", series: "joins")] == 2)
        #expect(december.filter { $0.key.series == "leaves" }.values.allSatisfy { $0 == 0 })
        // January: Hendra joins DISHUB; Agus (DISKOPUKM), pending in December, is rejected again (age);
        // Sri and Nur (DISDIK), rejected in December, are pending: not newly rejected.
        let january = try HTMLDocument(try demo.html("2026-01")).cells(table: "table-changes")
        #expect(january[Cell(category: "DISHUB", series: "joins")] == 1)
        #expect(
            january.filter { $0.key.series == "newly_rejected" && $0.value != 0 } == [
                Cell(category: "DISKOPUKM", series: "newly_rejected"): 1
            ])
    }

    @Test("no full NIK and no phone number anywhere in the page, masked NIKs only")
    func noPersonalNumbers() throws {
        let demo = try ReportDemo()
        let nik = try NSRegularExpression(pattern: #"(?<![0-9])[0-9]{16}(?![0-9])"#)
        let longRun = try NSRegularExpression(pattern: #"(?<![0-9A-Za-z])[0-9]{10,}(?![0-9A-Za-z])"#)
        let phone = try NSRegularExpression(
            pattern: #"(?<![0-9A-Za-z])(\+62|62|0)[ .-]?8[0-9]{2}[ .-]?[0-9]{3,4}[ .-]?[0-9]{3,5}(?![0-9])"#)
        let ledgerNIKs = try Self.months.flatMap { try demo.ledger($0).map(\.nik) }
        for month in Self.months {
            // The inputs' SHA-256 digits are no personal number (and a hex digest may hold a run of
            // digits): the footer's 64-hex-digit cells are left out, nothing else.
            let html = try demo.html(month).replacingOccurrences(
                of: #"<td class="hash"([^>]*)>[0-9a-f]{64}</td>"#, with: "<td class=\"hash\"$1></td>", options: .regularExpression)
            let range = NSRange(html.startIndex..., in: html)
            #expect(nik.firstMatch(in: html, range: range) == nil, "\(month): a 16-digit number")
            #expect(longRun.firstMatch(in: html, range: range) == nil, "\(month): a run of 10+ digits")
            #expect(phone.firstMatch(in: html, range: range) == nil, "\(month): a phone number")
            for value in Set(ledgerNIKs) {
                #expect(!html.contains(value), "\(month): \(Masking.nik(value)) in full")
            }
        }
        // The demo's people appear masked where they are listed (December's adjustments).
        let december = try demo.html("2025-12")
        #expect(december.contains("327501******0002"))
        #expect(!december.contains("0812-3456-7890") && !december.contains("+6281234567890"))
    }

    @Test("rebuilt from the store alone: the inbox may be gone, the same page comes back; publish writes 0640")
    func fromStoreOnly() throws {
        let demo = try ReportDemo()
        let before = try demo.html("2025-12")
        try FileManager.default.removeItem(atPath: demo.inbox)
        #expect(try demo.html("2025-12") == before)
        let path = try MonthReport.publish(
            YearMonth("2025-12")!, store: demo.store, definition: demo.definition, to: OutputFolder(root: demo.out))
        #expect(path == "\(demo.out)/2025-12/report.html")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == before)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o640)
        // A month never computed is refused.
        #expect(throws: StoreError.self) {
            try MonthReport.html(for: YearMonth("2026-03")!, store: demo.store, definition: demo.definition)
        }
    }

    @Test("the closed month says it is closed and final; open months say figures may change")
    func closedState() throws {
        let demo = try ReportDemo()
        let november = try HTMLDocument(try demo.html("2025-11"))
        #expect(november.all { $0.hasClass("state") }.first?.attributes["data-closed"] == "true")
        let december = try HTMLDocument(try demo.html("2025-12"))
        #expect(december.all { $0.hasClass("state") }.first?.attributes["data-closed"] == "false")
    }

    @Test("the footer names the run and fingerprints its inputs with their SHA-256")
    func footerTraces() throws {
        let demo = try ReportDemo()
        let stored = try #require(try demo.store.month(YearMonth("2025-12")!))
        let run = try #require(try demo.store.runs().first { $0.id == stored.runID })
        let document = try HTMLDocument(try demo.html("2025-12"))
        #expect(document.element(id: "run-id")?.text == stored.runID)
        let hashes = document.all { $0.attributes["data-file"] != nil }
        #expect(hashes.count == run.inputs.count)
        for input in run.inputs {
            #expect(hashes.contains { $0.attributes["data-file"] == input.name && $0.text == input.sha256 }, "\(input.name)")
        }
        #expect(run.inputs.contains { $0.name == "2025-12/DISKOPUKM/rekap desember.xlsx" })
        // Every printed page carries the month and the run id.
        #expect(try demo.html("2025-12").contains("@bottom-left { content: \"SIGAP · Desember 2025 · proses \(stored.runID)\""))
    }

    @Test("data quality: by source and code, from findings.csv, the unreadable upload named")
    func dataQuality() throws {
        let demo = try ReportDemo()
        let december = try HTMLDocument(try demo.html("2025-12"))
        let cells = try december.cells(table: "table-quality")
        #expect(cells == [Cell(category: "DISKOPUKM", series: "errors"): 1, Cell(category: "DISKOPUKM", series: "warnings"): 0])
        let section = try #require(december.all("section").first { $0.attributes["id"] == "kualitas" })
        #expect(section.text.contains("2025-12/DISKOPUKM/rekap desember.xlsx"))
        #expect(section.text.contains("FILE_UNREADABLE"))

        let january = try HTMLDocument(try demo.html("2026-01"))
        let codes = january.all { $0.attributes["data-code"] != nil }.map {
            "\($0.attributes["data-code"]!)=\($0.attributes["data-value"]!)"
        }
        #expect(codes.sorted() == ["IDENTITY_CONFLICT=1", "NIK_DOB_MISMATCH=1"])
        #expect(
            try january.cells(table: "table-quality") == [
                Cell(category: "DISDIK", series: "errors"): 0, Cell(category: "DISDIK", series: "warnings"): 2,
            ])
        // November: DISHUB's NIK damaged by Excel and BPJS's.
        let november = try HTMLDocument(try demo.html("2025-11")).cells(table: "table-quality")
        #expect(november[Cell(category: "DISHUB", series: "errors")] == 1)
        #expect(november[Cell(category: "BPJS", series: "errors")] == 1)
    }
}

// MARK: - The demo history, run in-process into a throw-away store

/// `fixtures/demo-inbox`'s story (SPEC §8.4): November run and closed, then December to February
/// arrive and are run, into a temporary folder.
final class ReportDemo {
    let root: String
    let definition: PipelineDefinition
    let store: SQLiteLedgerStore
    var inbox: String { "\(root)/inbox" }
    var out: String { "\(root)/out" }

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    init() throws {
        root = NSTemporaryDirectory() + "sigap-report-tests-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: "\(root)/inbox", withIntermediateDirectories: true)
        definition = try PipelineDefinition.load(path: "\(Self.packageRoot)/pipelines/sigap-bekasi.yaml")
        store = try SQLiteLedgerStore(path: "\(root)/store/sigap.sqlite")
        try DemoInbox.writeNovember(to: inbox)
        try run(through: "2025-11", now: 1_764_504_000)
        try MonthCloser(definition: definition, store: store, out: out).close(
            YearMonth("2025-11")!, through: YearMonth("2025-11")!, at: 1_764_504_060)
        try DemoInbox.writeLaterMonths(to: inbox)
        try run(through: "2026-02", now: 1_764_504_120)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: root)
    }

    private func run(through: String, now: Int) throws {
        let options = RunOptions(
            definition: definition, definitionPath: "pipelines/sigap-bekasi.yaml", inbox: inbox, out: out,
            store: "\(root)/store/sigap.sqlite", through: YearMonth(through)!, now: now, toolVersion: "test")
        _ = try PipelineRun(options: options, store: store, log: RunLog(format: .text) { _ in }).execute()
    }

    func html(_ month: String) throws -> String {
        try MonthReport.html(for: YearMonth(month)!, store: store, definition: definition)
    }

    /// The month's summary.json as the store keeps it.
    func summary(_ month: String) throws -> [String: Any] {
        let stored = try #require(try store.month(YearMonth(month)!))
        return try #require(try JSONSerialization.jsonObject(with: Data(stored.summaryJSON.utf8)) as? [String: Any])
    }

    func ledger(_ month: String) throws -> [LedgerLine] {
        try LedgerCSV.parse(try #require(try store.month(YearMonth(month)!)).ledgerCSV)
    }
}

// MARK: - A small HTML reader for the report's own markup

/// A cell of a report table (or a bar of a chart): what it counts (`data-series`) for whom
/// (`data-category`).
struct Cell: Hashable, CustomStringConvertible {
    var category: String
    var series: String
    var description: String { "\(category)/\(series)" }
}

/// One element of a parsed page: name, attributes, children (elements and text) in order.
final class HTMLElement {
    enum Content {
        case text(String)
        case element(HTMLElement)
    }

    let name: String
    let attributes: [String: String]
    var contents: [Content] = []

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    var children: [HTMLElement] {
        contents.compactMap { if case .element(let element) = $0 { element } else { nil } }
    }

    /// The text of the element and its descendants, in order.
    var text: String {
        contents.map {
            switch $0 {
            case .text(let text): text
            case .element(let element): element.text
            }
        }.joined()
    }

    func hasClass(_ name: String) -> Bool {
        (attributes["class"] ?? "").split(separator: " ").contains { $0 == name }
    }

    /// Every descendant (depth first, document order) that satisfies `predicate`.
    func all(where predicate: (HTMLElement) -> Bool) -> [HTMLElement] {
        var found: [HTMLElement] = []
        for child in children {
            if predicate(child) { found.append(child) }
            found += child.all(where: predicate)
        }
        return found
    }

    func all(_ name: String) -> [HTMLElement] { all { $0.name == name } }
}

/// Parses the report's HTML strictly: every non-void element must be closed, in order, and
/// attribute values must be quoted. Enough for markup this program writes; not a general parser.
struct HTMLDocument {
    struct Malformed: Error, CustomStringConvertible {
        var description: String
    }

    static let voidElements: Set<String> = ["meta", "link", "br", "img", "hr", "input", "col", "area", "base", "wbr", "source"]
    static let rawTextElements: Set<String> = ["style", "script", "title"]

    let root: HTMLElement

    init(_ html: String) throws {
        root = HTMLElement(name: "#document", attributes: [:])
        var stack = [root]
        var index = html.startIndex
        let attributePattern = try NSRegularExpression(pattern: #"([A-Za-z_:][-A-Za-z0-9_:.]*)(?:="([^"]*)")?"#)
        while index < html.endIndex {
            guard html[index] == "<" else {
                let end = html[index...].firstIndex(of: "<") ?? html.endIndex
                stack.last!.contents.append(.text(try Self.decode(String(html[index..<end]))))
                index = end
                continue
            }
            let rest = html[index...]
            if rest.hasPrefix("<!--") {
                guard let end = rest.range(of: "-->") else { throw Malformed(description: "an unclosed comment") }
                index = end.upperBound
                continue
            }
            guard let close = rest.firstIndex(of: ">") else { throw Malformed(description: "an unclosed tag") }
            let tag = html[html.index(after: index)..<close]
            index = html.index(after: close)
            if tag.hasPrefix("!") { continue }
            if tag.hasPrefix("/") {
                let name = tag.dropFirst().trimmingCharacters(in: .whitespaces).lowercased()
                guard stack.count > 1, stack.last!.name == name else {
                    throw Malformed(description: "</\(name)> closes <\(stack.last!.name)>")
                }
                stack.removeLast()
                continue
            }
            let selfClosing = tag.hasSuffix("/")
            let body = String(selfClosing ? tag.dropLast() : tag)
            let name = String(body.prefix { !$0.isWhitespace }).lowercased()
            guard !name.isEmpty else { throw Malformed(description: "a tag without a name") }
            var attributes: [String: String] = [:]
            let attributeText = String(body.dropFirst(name.count))
            let range = NSRange(attributeText.startIndex..., in: attributeText)
            var covered = 0
            for match in attributePattern.matches(in: attributeText, range: range) {
                let key = String(attributeText[Range(match.range(at: 1), in: attributeText)!])
                let value = Range(match.range(at: 2), in: attributeText).map { String(attributeText[$0]) } ?? ""
                guard attributes[key] == nil else { throw Malformed(description: "<\(name)> repeats \(key)") }
                attributes[key] = try Self.decode(value)
                covered += match.range.length
            }
            guard attributeText.filter({ !$0.isWhitespace }).count <= covered else {
                throw Malformed(description: "<\(name)> has unquoted or stray attribute text: \(attributeText)")
            }
            let element = HTMLElement(name: name, attributes: attributes)
            stack.last!.contents.append(.element(element))
            if selfClosing || Self.voidElements.contains(name) { continue }
            if Self.rawTextElements.contains(name) {
                guard let end = html[index...].range(of: "</\(name)>") else { throw Malformed(description: "<\(name)> never closed") }
                let raw = String(html[index..<end.lowerBound])
                element.contents.append(.text(name == "title" ? try Self.decode(raw) : raw))
                index = end.upperBound
                continue
            }
            stack.append(element)
        }
        guard stack.count == 1 else { throw Malformed(description: "<\(stack.last!.name)> never closed") }
    }

    /// Decodes the entities the report writes; any other `&` is an error.
    static func decode(_ text: String) throws -> String {
        guard text.contains("&") else { return text }
        var result = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            result += rest[..<amp]
            guard let semicolon = rest[amp...].firstIndex(of: ";") else { throw Malformed(description: "a bare & in \(text)") }
            let entity = rest[rest.index(after: amp)..<semicolon]
            switch entity {
            case "amp": result += "&"
            case "lt": result += "<"
            case "gt": result += ">"
            case "quot": result += "\""
            case "#39": result += "'"
            default: throw Malformed(description: "an unknown entity &\(entity);")
            }
            rest = rest[rest.index(after: semicolon)...]
        }
        return result + rest
    }

    func all(_ name: String) -> [HTMLElement] { root.all(name) }
    func all(where predicate: (HTMLElement) -> Bool) -> [HTMLElement] { root.all(where: predicate) }
    func element(id: String) -> HTMLElement? { root.all { $0.attributes["id"] == id }.first }

    /// The tagged cells of a table: (`data-category`, `data-series`) → `data-value`.
    func cells(table id: String) throws -> [Cell: Int] {
        let table = try #require(element(id: id), "no table \(id)")
        #expect(table.name == "table", "\(id) is a <\(table.name)>")
        var cells: [Cell: Int] = [:]
        for element in table.all(where: { $0.attributes["data-series"] != nil }) {
            let cell = Cell(category: element.attributes["data-category"] ?? "", series: element.attributes["data-series"]!)
            #expect(cells[cell] == nil, "\(id): \(cell) twice")
            cells[cell] = Int(element.attributes["data-value"] ?? "")
        }
        return cells
    }
}
