/// Items 26-29: sheets.
extension ConformanceFixtures {
    static let sheetFixtures: [ConformanceFixture] = [
        sheetStatesAndKinds, escapedSheetNames, firstSheetHidden, staleDimension, hugeDimension, sparseCorners, mergedCells,
    ]

    private typealias X = XLSXBuilder

    /// Item 26: visible, hidden and veryHidden worksheets, a chartsheet, a dialogsheet, a macrosheet,
    /// and a sheet name that needs JSON escaping.
    public static let sheetStatesAndKinds = ConformanceFixture(.xlsx, "26-sheet-states-and-kinds.xlsx", items: [26]) {
        let views = "<sheetViews><sheetView workbookViewId=\"0\"/></sheetViews>"
        let margins = "<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/>"
        return X(
            sheets: [
                X.Sheet(
                    name: "Data Pekerja",
                    xml: X.worksheet(
                        row(1, inline("A1", "NIK"), inline("B1", "NAMA"))
                            + row(
                                2, inline("A2", "3275014101900001"),
                                inline("B2", "SITI")))),
                X.Sheet(
                    name: "Rekap", xml: X.worksheet(row(1, inline("A1", "JUMLAH"), number("B1", "1"))),
                    state: "hidden"),
                X.Sheet(
                    name: "Rahasia", xml: X.worksheet(row(3, "<c r=\"C3\" t=\"b\"><v>1</v></c>")),
                    state: "veryHidden"),
                X.Sheet(
                    name: "Grafik",
                    xml: X.declaration
                        + "<chartsheet xmlns=\"\(X.mainNamespace)\" xmlns:r=\"\(X.relationshipsNamespace)\">"
                        + "<sheetPr/>\(views)\(margins)</chartsheet>", kind: .chartsheet),
                X.Sheet(
                    name: "Dialog",
                    xml: X.declaration
                        + "<dialogsheet xmlns=\"\(X.mainNamespace)\">\(views)\(margins)</dialogsheet>",
                    state: "hidden", kind: .dialogsheet),
                X.Sheet(
                    name: "Makro",
                    xml: X.declaration
                        + "<xm:macrosheet xmlns=\"\(X.mainNamespace)\" xmlns:xm=\"http://schemas.microsoft.com/office/excel/2006/main\">"
                        + "<sheetData/></xm:macrosheet>", state: "visible", kind: .macrosheet),
                X.Sheet(
                    name: "Data \"2025\" – Bekasi",
                    xml: X.worksheet(
                        row(1, "<c r=\"A1\" t=\"e\"><v>#N/A</v></c>", number("B1", "2.5"), number("C1", "45966", style: 1))),
                    state: "visible"),
            ], styles: generalAndDateStyles
        ).archive()
    }

    /// Item 26: sheet names written with the five predefined entities and character references.
    public static let escapedSheetNames = ConformanceFixture(.xlsx, "26-escaped-sheet-names.xlsx", items: [26]) {
        let names = [
            "Rekap &amp; Total", "Lampiran &lt;1&gt;", "Kolom &quot;A&quot;", "O&apos;Brien",
            "Kode &#65;&#x2013;&#x42;",
        ]
        var book = X(
            sheets: names.indices.map { index in
                X.Sheet(name: "Sheet\(index + 1)", xml: X.worksheet(row(1, number("A1", "\(index + 1)"))))
            })
        let sheets = names.enumerated().map { index, name in
            "<sheet name=\"\(name)\" sheetId=\"\(index + 1)\" r:id=\"rId\(index + 1)\"/>"
        }.joined()
        book.overrides = [
            (
                "xl/workbook.xml",
                X.declaration
                    + "<workbook xmlns=\"\(X.mainNamespace)\" xmlns:r=\"\(X.relationshipsNamespace)\">"
                    + "<sheets>\(sheets)</sheets></workbook>"
            )
        ]
        return book.archive()
    }

    /// Item 26: the first sheet in workbook order is hidden; it is still the default for dump.
    public static let firstSheetHidden = ConformanceFixture(.xlsx, "26-first-sheet-hidden.xlsx", items: [26]) {
        X(sheets: [
            X.Sheet(name: "Tersembunyi", xml: X.worksheet(row(1, inline("A1", "tersembunyi"))), state: "hidden"),
            X.Sheet(name: "Terlihat", xml: X.worksheet(row(1, inline("A1", "terlihat")))),
        ]).archive()
    }

    /// Item 27: `<dimension>` says A1:B2 but the data reaches E5.
    public static let staleDimension = ConformanceFixture(.xlsx, "27-stale-dimension.xlsx", items: [27]) {
        X(sheets: [
            X.Sheet(
                name: "Sheet1",
                xml: X.worksheet(
                    row(1, inline("A1", "a"), number("B1", "1")) + row(3, number("C3", "3")) + row(5, number("E5", "5")),
                    before: "<dimension ref=\"A1:B2\"/>"))
        ]).archive()
    }

    /// Item 27: `<dimension>` claims the whole grid for two cells.
    public static let hugeDimension = ConformanceFixture(.xlsx, "27-huge-dimension.xlsx", items: [27, 28]) {
        X(sheets: [
            X.Sheet(
                name: "Sheet1",
                xml: X.worksheet(
                    row(1, number("A1", "1")) + row(2, number("B2", "2")),
                    before: "<dimension ref=\"A1:XFD1048576\"/>"))
        ]).archive()
    }

    /// Item 28: one cell in each corner of the grid.
    public static let sparseCorners = ConformanceFixture(.xlsx, "28-sparse-corners.xlsx", items: [28]) {
        X(sheets: [
            X.Sheet(
                name: "Sheet1",
                xml: X.worksheet(
                    row(1, inline("A1", "kiri atas")) + row(1_048_576, number("XFD1048576", "1")),
                    before: "<dimension ref=\"A1:XFD1048576\"/>"))
        ]).archive()
    }

    /// Item 29: merged ranges carry their value in the top-left cell only; the other cells of the
    /// ranges are styled empty cells, as Excel writes them.
    public static let mergedCells = ConformanceFixture(.xlsx, "29-merged-cells.xlsx", items: [29]) {
        X(
            sheets: [
                X.Sheet(
                    name: "Sheet1",
                    xml: X.worksheet(
                        row(1, inline("A1", "Judul Gabungan"), "<c r=\"B1\" s=\"1\"/>", "<c r=\"C1\" s=\"1\"/>")
                            + row(2, inline("A2", "TEMPAT/TGL LAHIR"), "<c r=\"B2\" s=\"1\"/>")
                            + row(3, inline("A3", "TEMPAT"), inline("B3", "TANGGAL"))
                            + row(4, number("A4", "1"))
                            + row(5, "<c r=\"A5\" s=\"1\"/>") + row(6, "<c r=\"A6\" s=\"1\"/>"),
                        after: "<mergeCells count=\"3\"><mergeCell ref=\"A1:C1\"/><mergeCell ref=\"A2:B2\"/>"
                            + "<mergeCell ref=\"A4:A6\"/></mergeCells>"))
            ],
            styles: X.styles(cellFormats: [0, 0])
        ).archive()
    }
}
