/// Items 16-22: cells.
extension ConformanceFixtures {
    static let cellFixtures: [ConformanceFixture] = [
        implicitReferences, emptySharedCells, cellTypes, untypedText, formulas, numbers, styleIndex,
        styleZeroIsDate,
    ]

    private typealias X = XLSXBuilder

    /// Item 16: rows and cells without `r` continue from the previous one; an explicit `r`
    /// re-anchors; lower-case references; the last column and row of the grid.
    public static let implicitReferences = ConformanceFixture(.xlsx, "16-implicit-references.xlsx", items: [16]) {
        X(
            rows: "<row><c t=\"inlineStr\"><is><t>a1</t></is></c><c><v>2</v></c></row>"
                + "<row><c r=\"D2\"><v>4</v></c><c><v>5</v></c></row>"
                + "<row r=\"5\"><c r=\"b5\"><v>6</v></c><c><v>7</v></c></row>"
                + "<row><c><v>8</v></c></row>"
                + "<row r=\"8\"><c r=\"aa8\"><v>9</v></c><c><v>10</v></c></row>"
                + "<row><c r=\"XFC9\"><v>11</v></c><c><v>12</v></c></row>"
                + "<row r=\"1048576\"><c r=\"xfd1048576\"><v>13</v></c></row>"
        ).archive()
    }

    /// Item 17: `t="s"` without `<v>` or with an empty one is an empty cell, not string 0.
    public static let emptySharedCells = ConformanceFixture(.xlsx, "17-empty-shared-cells.xlsx", items: [17]) {
        X(
            rows: row(
                1, "<c r=\"A1\" t=\"s\"/>", "<c r=\"B1\" t=\"s\"><v></v></c>", "<c r=\"C1\" t=\"s\"><v/></c>",
                shared("D1", 1))
                + row(2, "<c r=\"A2\" t=\"s\"/>", "<c r=\"B2\" t=\"s\" s=\"0\"><v></v></c>"),
            sharedStrings: X.sharedStrings(["nol", "satu"])
        ).archive()
    }

    /// Item 18: inline strings, formula strings, booleans (0/1 and the lax true/false), error texts.
    public static let cellTypes = ConformanceFixture(.xlsx, "18-cell-types.xlsx", items: [18]) {
        let errors = [
            "#SPILL!", "#CALC!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!",
            "#GETTING_DATA", "#BLOCKED!", "#FIELD!", "#CONNECT!", "#BUSY!", "#UNKNOWN!", "#PYTHON!",
        ]
        let errorCells = errors.enumerated().map { index, text in
            "<c r=\"\(columnName(index + 1))3\" t=\"e\"><v>\(X.escape(text))</v></c>"
        }.joined()
        return X(
            rows: row(
                1, inline("A1", "sebaris"),
                "<c r=\"B1\" t=\"str\"><f>CONCAT(\"a\",\"b\")</f><v>ab</v></c>",
                "<c r=\"C1\" t=\"b\"><v>1</v></c>", "<c r=\"D1\" t=\"b\"><v>0</v></c>",
                "<c r=\"E1\" t=\"e\"><v>#N/A</v></c>", "<c r=\"F1\" t=\"n\"><v>12.5</v></c>",
                shared("G1", 0), "<c r=\"H1\" t=\"str\"><v>123</v></c>")
                + row(2, "<c r=\"A2\" t=\"b\"><v>true</v></c>", "<c r=\"B2\" t=\"b\"><v>false</v></c>")
                + "<row r=\"3\">\(errorCells)</row>",
            sharedStrings: X.sharedStrings(["bersama"])
        ).archive()
    }

    /// Item 19: text in `<v>` of a cell without `t` is a string (hex and `inf` are not numbers).
    public static let untypedText = ConformanceFixture(.xlsx, "19-untyped-text.xlsx", items: [19]) {
        X(
            rows: row(
                1, number("A1", "abc"), number("B1", "12abc"), number("C1", "1,5"), number("D1", "0x1A"),
                number("E1", "42"), number("F1", "-1.5E3"), number("G1", "inf"), number("H1", "nan"))
                + row(2, number("A2", "N/A"))
        ).archive()
    }

    /// Item 20: the cached value is reported; formulas without `<v>` are empty.
    public static let formulas = ConformanceFixture(.xlsx, "20-formulas.xlsx", items: [20]) {
        X(
            rows: row(
                1, "<c r=\"A1\"><f>1+1</f><v>2</v></c>", "<c r=\"B1\"><f>SUM(A1:A1)</f></c>",
                "<c r=\"C1\" t=\"str\"><f>\"x\"&amp;\"y\"</f><v>xy</v></c>",
                "<c r=\"D1\" t=\"str\"><f>\"kosong\"</f></c>",
                "<c r=\"E1\" t=\"b\"><f>TRUE()</f><v>1</v></c>",
                "<c r=\"F1\" t=\"e\"><f>1/0</f><v>#DIV/0!</v></c>",
                "<c r=\"G1\"><f t=\"shared\" ref=\"G1:G2\" si=\"0\">A1*2</f><v>4</v></c>")
                + row(2, "<c r=\"A2\"><f>NOW()</f><v></v></c>", "<c r=\"G2\"><f t=\"shared\" si=\"0\"/><v>6</v></c>")
                + row(3, "<c r=\"A3\"><f>A1</f></c>", "<c r=\"B3\"><f t=\"array\" ref=\"B3\">{1}</f></c>")
                + row(4, "<c r=\"A4\" t=\"str\"><f>\"\"</f><v></v></c>", number("B4", "5"))
        ).archive()
    }

    /// The `<v>` texts of `numbers`, one per row; the expected output is in the tests.
    public static let numberTexts = [
        "29.020000000000003", "0.1", "1E-7", "1E+20", "3.0", "-2", "1234567890123456", "3.27501010185E+15",
        "3275010101850001", "9007199254740993", "1E+16", "0.30000000000000004",
        "0.1000000000000000055511151231257827", "2.5", "-0.5", "4.9406564584124654E-324",
        "1.7976931348623157E+308", "100000", "1E15", "45966", "0.000123", "123456.789", "-1234567890123456",
        "2.2250738585072011E-308", "1e-5", "0",
    ]

    /// Item 21: numbers parsed to the exact double, printed shortest round-trip.
    public static let numbers = ConformanceFixture(.xlsx, "21-numbers.xlsx", items: [21]) {
        X(
            rows: numberTexts.enumerated().map { index, text in row(index + 1, number("A\(index + 1)", text)) }
                .joined()
        ).archive()
    }

    private static let styleCells = row(
        1, "<c r=\"A1\"><v>45966</v></c>", "<c r=\"B1\" s=\"\"><v>45966</v></c>",
        number("C1", "45966", style: 999), number("D1", "45966", style: 1),
        "<c r=\"E1\" s=\"-1\"><v>45966</v></c>")

    /// Item 22: `s=""`, `s="999"` and `s="-1"` mean style 0 (General here); style 1 is a date.
    public static let styleIndex = ConformanceFixture(.xlsx, "22-style-index.xlsx", items: [22]) {
        X(rows: styleCells, styles: X.styles(cellFormats: [0, 14])).archive()
    }

    /// Item 22: the same cells when style 0 is a date format and style 1 General.
    public static let styleZeroIsDate = ConformanceFixture(.xlsx, "22-style-zero-is-date.xlsx", items: [22, 23]) {
        X(rows: styleCells, styles: X.styles(cellFormats: [14, 0])).archive()
    }

    /// "A" for 1, "Z" for 26, "AA" for 27, ... "XFD" for 16384.
    public static func columnName(_ number: Int) -> String {
        var name = ""
        var remaining = number
        while remaining > 0 {
            let digit = (remaining - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + digit))) + name
            remaining = (remaining - 1) / 26
        }
        return name
    }
}
