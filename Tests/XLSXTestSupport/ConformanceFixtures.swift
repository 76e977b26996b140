/// The conformance fixtures: one or more per testable item of XLSX-READER.md, written by hand.
///
/// Each fixture is built from XML literals by `XLSXBuilder` and `ZipWriter`, committed under
/// `fixtures/xlsx` or `fixtures/hostile`, and checked against the committed bytes by the
/// `committedFixturesAreUpToDate` test. The zip bombs are not here: `ZipBomb` builds them at test time.
public enum ConformanceFixtures {
    public static let all: [ConformanceFixture] =
        packageFixtures + sharedStringFixtures + cellFixtures + dateFixtures + sheetFixtures + hostileFixtures
}

// MARK: - Cell helpers shared by the fixture groups

extension ConformanceFixtures {
    static func row(_ number: Int, _ cells: String...) -> String {
        "<row r=\"\(number)\">" + cells.joined() + "</row>"
    }

    static func inline(_ reference: String, _ text: String) -> String {
        "<c r=\"\(reference)\" t=\"inlineStr\"><is><t>\(XLSXBuilder.escape(text))</t></is></c>"
    }

    static func shared(_ reference: String, _ index: Int) -> String {
        "<c r=\"\(reference)\" t=\"s\"><v>\(index)</v></c>"
    }

    static func number(_ reference: String, _ value: String, style: Int? = nil) -> String {
        let style = style.map { " s=\"\($0)\"" } ?? ""
        return "<c r=\"\(reference)\"\(style)><v>\(value)</v></c>"
    }

    /// Style 0 is General, style 1 the built-in date format 14: what most fixtures need.
    static let generalAndDateStyles = XLSXBuilder.styles(cellFormats: [0, 14])
}
