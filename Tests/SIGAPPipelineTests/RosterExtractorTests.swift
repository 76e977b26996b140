import Foundation
import SIGAPFixtures
import SIGAPPipeline
import Testing
import XLSX

@Suite("Roster extraction of messy layouts (SPEC §4)")
struct RosterExtractorTests {
    /// The messy fixtures, written once per test run into a temporary folder.
    static let folder: String = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sigap-messy-\(UUID().uuidString)").path
        try! FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try! MessyRosterFixtures.write(to: folder)
        return folder
    }()

    static func extract(_ name: String, extractor: RosterExtractor = RosterExtractor()) throws -> (
        outcomes: [SheetOutcome], rows: [ExtractedRow]
    ) {
        let workbook = try Workbook(path: "\(folder)/\(name)")
        var rows: [ExtractedRow] = []
        let outcomes = try extractor.extract(workbook) { rows.append($0) }
        return (outcomes, rows)
    }

    static func letters(_ layout: SheetLayout?) -> [String: String] {
        var result: [String: String] = [:]
        for (field, column) in layout?.columns ?? [:] { result[field.rawValue] = CellReference.columnName(column) }
        return result
    }

    @Test("title rows, a numbering row and a footer with a signature block")
    func titleNumberingFooter() throws {
        let (outcomes, rows) = try Self.extract("title-numbering-footer.xlsx")
        let outcome = try #require(outcomes.first)
        let layout = try #require(outcome.layout)
        #expect(layout.headerRow == 5)
        #expect(layout.subLabelRow == nil)
        #expect(layout.numberingRow == 6)
        #expect(
            Self.letters(layout) == [
                "nik": "B", "name": "C", "birth_date": "D", "sex": "E", "kelurahan": "F", "kecamatan": "G", "phone": "H",
            ])
        #expect(rows.map(\.number) == [7, 8, 9])
        #expect(outcome.dataRows == 3)
        #expect(outcome.footerRowsIgnored == 5)
        #expect(outcome.footerStartRow == 11)
        #expect(rows[1].value(.nik) == .string("3275015203900002"))
        #expect(rows[2].reference(.kecamatan) == "G9")
    }

    @Test("a merged two-row header: sub-labels name the columns")
    func twoRowHeader() throws {
        let (outcomes, rows) = try Self.extract("two-row-header.xlsx")
        let layout = try #require(outcomes.first?.layout)
        #expect(layout.headerRow == 3)
        #expect(layout.subLabelRow == 4)
        #expect(layout.numberingRow == nil)
        #expect(
            Self.letters(layout) == [
                "nik": "B", "name": "C", "birth_place": "D", "birth_date": "E", "address": "F", "kelurahan": "G",
                "kecamatan": "H", "occupation": "I",
            ])
        #expect(rows.map(\.number) == [5, 6])
        #expect(rows[1].value(.birthDate) == .string("12 Desember 1975"))
        #expect(layout.labels[4] == "TEMPAT")
    }

    @Test("a TTL column, and damaged NIKs are still data rows")
    func ttlAndDamagedNIKs() throws {
        let (outcomes, rows) = try Self.extract("ttl-and-damaged-niks.xlsx")
        let outcome = try #require(outcomes.first)
        #expect(outcome.layout?.headerRow == 1)
        #expect(Self.letters(outcome.layout)["birth_place_date"] == "D")
        #expect(rows.map(\.number) == Array(2...8))
        #expect(outcome.footerRowsIgnored == 0)
        #expect(rows[0].value(.nik) == .number(3_275_081_708_850_010))
        #expect(rows[4].value(.nik) == nil)
    }

    @Test("several sheets: the Rekap without a header and the hidden sheet are skipped with a note")
    func severalSheets() throws {
        let (outcomes, rows) = try Self.extract("several-sheets.xlsx")
        #expect(outcomes.map(\.sheet.name) == ["Rekap", "Ojek", "Becak", "Lama"])
        #expect(outcomes[0].disposition == .noHeader)
        #expect(outcomes[3].disposition == .hidden)
        #expect(outcomes[0].note.contains("no header"))
        #expect(rows.map { "\($0.sheet)!\($0.number)" } == ["Ojek!2", "Ojek!3", "Becak!2"])
    }

    @Test("a pinned sheet and header row override detection")
    func pins() throws {
        let extractor = RosterExtractor(pinnedSheet: "Becak", pinnedHeaderRow: 1)
        let (outcomes, rows) = try Self.extract("several-sheets.xlsx", extractor: extractor)
        #expect(outcomes.map(\.disposition.isRead) == [false, false, true, false])
        #expect(rows.map(\.sheet) == ["Becak"])
    }

    @Test("extra synonyms per source")
    func extraSynonyms() throws {
        let synonyms = HeaderSynonyms.standard.adding([.occupation: ["PEKERJAAN UTAMA"]])
        #expect(synonyms.column(for: "Pekerjaan  Utama") == .occupation)
        #expect(synonyms.column(for: "NO KK") == nil)
        #expect(synonyms.column(for: "NAMA IBU KANDUNG") == nil)
        #expect(synonyms.column(for: "Tempat/Tgl.\nLahir") == .birthPlaceDate)
    }
}

extension SheetOutcome.Disposition {
    fileprivate var isRead: Bool {
        if case .read = self { return true }
        return false
    }
}
