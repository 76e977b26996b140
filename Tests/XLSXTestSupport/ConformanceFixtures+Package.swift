/// Items 1-7: finding the parts of the package.
extension ConformanceFixtures {
    static let packageFixtures: [ConformanceFixture] = [
        workbookElsewhere, absoluteTargets, relativeTargets, backslashEntryNames, mixedCaseNames,
        noSharedStringsNoStyles, strictNamespaces, prefixedElements, foreignNamespaceElements,
        unknownPartsAndRelationships, zip64Records, dataDescriptors, unsignedDataDescriptors,
        zip64DataDescriptors, storedEntries,
    ]

    private typealias X = XLSXBuilder

    /// Item 1: `_rels/.rels` names `spreadsheet/book.xml` (after two other relationships); a decoy
    /// workbook sits at the usual `xl/workbook.xml`.
    public static let workbookElsewhere = ConformanceFixture(.xlsx, "01-workbook-elsewhere.xlsx", items: [1]) {
        let main = "application/vnd.openxmlformats-officedocument.spreadsheetml"
        return X.archive(parts: [
            (
                "[Content_Types].xml",
                X.contentTypes(overrides: [
                    ("/spreadsheet/book.xml", "\(main).sheet.main+xml"),
                    ("/spreadsheet/data/first.xml", "\(main).worksheet+xml"),
                    ("/spreadsheet/data/second.xml", "\(main).worksheet+xml"),
                    ("/spreadsheet/strings.xml", "\(main).sharedStrings+xml"),
                ])
            ),
            ("_rels/.rels", X.rootRelationships(target: "spreadsheet/book.xml")),
            (
                "spreadsheet/book.xml",
                X.declaration
                    + "<workbook xmlns=\"\(X.mainNamespace)\" xmlns:r=\"\(X.relationshipsNamespace)\"><sheets>"
                    + "<sheet name=\"Buku Utama\" sheetId=\"1\" r:id=\"rIdData\"/>"
                    + "<sheet name=\"Kedua\" sheetId=\"2\" r:id=\"rIdSecond\"/></sheets></workbook>"
            ),
            (
                "spreadsheet/_rels/book.xml.rels",
                X.relationships([
                    ("rIdStrings", X.officeRelationshipType("sharedStrings"), "strings.xml"),
                    ("rIdSecond", X.officeRelationshipType("worksheet"), "data/second.xml"),
                    ("rIdData", X.officeRelationshipType("worksheet"), "data/first.xml"),
                ])
            ),
            ("spreadsheet/data/first.xml", X.worksheet(row(1, shared("A1", 0), number("B1", "1")))),
            ("spreadsheet/data/second.xml", X.worksheet(row(1, inline("A1", "kedua")))),
            ("spreadsheet/strings.xml", X.sharedStrings(["dari book.xml"])),
            // The decoy: a complete workbook nothing points to.
            (
                "xl/workbook.xml",
                X.declaration
                    + "<workbook xmlns=\"\(X.mainNamespace)\" xmlns:r=\"\(X.relationshipsNamespace)\"><sheets>"
                    + "<sheet name=\"Umpan\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"
            ),
            (
                "xl/_rels/workbook.xml.rels",
                X.relationships([
                    ("rId1", X.officeRelationshipType("worksheet"), "worksheets/sheet1.xml"),
                    ("rId2", X.officeRelationshipType("sharedStrings"), "sharedStrings.xml"),
                ])
            ),
            ("xl/worksheets/sheet1.xml", X.worksheet(row(1, shared("A1", 0)))),
            ("xl/sharedStrings.xml", X.sharedStrings(["umpan (decoy)"])),
        ])
    }

    /// Item 2: absolute targets everywhere (as openpyxl writes them).
    public static let absoluteTargets = ConformanceFixture(.xlsx, "02-absolute-targets.xlsx", items: [2]) {
        var book = X(
            rows: row(1, shared("A1", 0), number("B1", "45966", style: 1)),
            sharedStrings: X.sharedStrings(["absolut"]), styles: generalAndDateStyles)
        book.overrides = [
            ("_rels/.rels", X.relationships([("rId1", X.officeRelationshipType("officeDocument"), "/xl/workbook.xml")])),
            (
                "xl/_rels/workbook.xml.rels",
                X.relationships([
                    ("rId1", X.officeRelationshipType("worksheet"), "/xl/worksheets/sheet1.xml"),
                    ("rId2", X.officeRelationshipType("sharedStrings"), "/xl/sharedStrings.xml"),
                    ("rId3", X.officeRelationshipType("styles"), "/xl/styles.xml"),
                ])
            ),
        ]
        return book.archive()
    }

    /// Item 2: the workbook at `xl/book/main.xml` with `..` targets, one of them leaving `xl/`.
    public static let relativeTargets = ConformanceFixture(.xlsx, "02-relative-dotdot-targets.xlsx", items: [2]) {
        let main = "application/vnd.openxmlformats-officedocument.spreadsheetml"
        return X.archive(parts: [
            (
                "[Content_Types].xml",
                X.contentTypes(overrides: [
                    ("/xl/book/main.xml", "\(main).sheet.main+xml"),
                    ("/xl/worksheets/sheet1.xml", "\(main).worksheet+xml"),
                    ("/other/sheet2.xml", "\(main).worksheet+xml"),
                    ("/xl/sharedStrings.xml", "\(main).sharedStrings+xml"),
                    ("/xl/styles.xml", "\(main).styles+xml"),
                ])
            ),
            ("_rels/.rels", X.rootRelationships(target: "xl/book/main.xml")),
            (
                "xl/book/main.xml",
                X.declaration
                    + "<workbook xmlns=\"\(X.mainNamespace)\" xmlns:r=\"\(X.relationshipsNamespace)\"><sheets>"
                    + "<sheet name=\"Relatif\" sheetId=\"1\" r:id=\"rId1\"/>"
                    + "<sheet name=\"Di Luar\" sheetId=\"2\" r:id=\"rId2\"/></sheets></workbook>"
            ),
            (
                "xl/book/_rels/main.xml.rels",
                X.relationships([
                    ("rId1", X.officeRelationshipType("worksheet"), "../worksheets/sheet1.xml"),
                    ("rId2", X.officeRelationshipType("worksheet"), "../../other/sheet2.xml"),
                    ("rId3", X.officeRelationshipType("sharedStrings"), "../sharedStrings.xml"),
                    ("rId4", X.officeRelationshipType("styles"), "../styles.xml"),
                ])
            ),
            ("xl/worksheets/sheet1.xml", X.worksheet(row(1, shared("A1", 0), number("B1", "45966", style: 1)))),
            ("other/sheet2.xml", X.worksheet(row(1, shared("A1", 1)))),
            ("xl/sharedStrings.xml", X.sharedStrings(["relatif", "di luar xl"])),
            ("xl/styles.xml", generalAndDateStyles),
        ])
    }

    /// Item 3: every zip entry name uses `\` as the folder separator.
    public static let backslashEntryNames = ConformanceFixture(.xlsx, "03-backslash-entry-names.xlsx", items: [3]) {
        var book = X(
            rows: row(1, shared("A1", 0), number("B1", "7")),
            sharedStrings: X.sharedStrings(["garis miring terbalik"]))
        book.entryName = { $0.replacing("/", with: "\\") }
        return book.archive()
    }

    /// Item 3: entry names in other cases than the relationship targets and content types say.
    public static let mixedCaseNames = ConformanceFixture(.xlsx, "03-mixed-case-part-names.xlsx", items: [3]) {
        var book = X(
            rows: row(1, shared("A1", 0), number("B1", "8")),
            sharedStrings: X.sharedStrings(["huruf besar kecil"]))
        let renamed = [
            "xl/workbook.xml": "XL/Workbook.xml",
            "xl/_rels/workbook.xml.rels": "XL/_rels/Workbook.XML.rels",
            "xl/worksheets/sheet1.xml": "xl/Worksheets/SHEET1.xml",
            "xl/sharedStrings.xml": "xl/SharedStrings.XML",
        ]
        book.entryName = { renamed[$0] ?? $0 }
        book.overrides = [
            (
                "xl/_rels/workbook.xml.rels",
                X.relationships([
                    ("rId1", X.officeRelationshipType("worksheet"), "worksheets/Sheet1.xml"),
                    ("rId2", X.officeRelationshipType("sharedStrings"), "sharedstrings.xml"),
                ])
            )
        ]
        return book.archive()
    }

    /// Item 4: inline strings only, no shared strings part and no styles part.
    public static let noSharedStringsNoStyles = ConformanceFixture(
        .xlsx, "04-no-shared-strings-no-styles.xlsx", items: [4]
    ) {
        X(
            rows: row(1, inline("A1", "Siti Aminah"), number("B1", "3.5"), "<c r=\"C1\" t=\"b\"><v>1</v></c>")
                + row(2, inline("A2", "Budi"))
        ).archive()
    }

    /// Item 5: Strict OOXML namespaces in every part and relationship type.
    public static let strictNamespaces = ConformanceFixture(.xlsx, "05-strict-namespaces.xlsx", items: [5]) {
        let main = "http://purl.oclc.org/ooxml/spreadsheetml/main"
        let relationships = "http://purl.oclc.org/ooxml/officeDocument/relationships"
        var book = X(rows: "", sharedStrings: "", styles: "")
        book.overrides = [
            ("_rels/.rels", X.relationships([("rId1", "\(relationships)/officeDocument", "xl/workbook.xml")])),
            (
                "xl/workbook.xml",
                X.declaration
                    + "<workbook xmlns=\"\(main)\" xmlns:r=\"\(relationships)\" conformance=\"strict\">"
                    + "<workbookPr/><sheets><sheet name=\"Ketat\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"
            ),
            (
                "xl/_rels/workbook.xml.rels",
                X.relationships([
                    ("rId1", "\(relationships)/worksheet", "worksheets/sheet1.xml"),
                    ("rId2", "\(relationships)/sharedStrings", "sharedStrings.xml"),
                    ("rId3", "\(relationships)/styles", "styles.xml"),
                ])
            ),
            (
                "xl/worksheets/sheet1.xml",
                X.declaration
                    + "<worksheet xmlns=\"\(main)\" xmlns:r=\"\(relationships)\"><sheetData>"
                    + row(1, shared("A1", 0), number("B1", "45966", style: 1), number("C1", "2.5"))
                    + "</sheetData></worksheet>"
            ),
            (
                "xl/sharedStrings.xml",
                X.declaration
                    + "<sst xmlns=\"\(main)\" count=\"1\" uniqueCount=\"1\"><si><t>ketat</t></si></sst>"
            ),
            ("xl/styles.xml", generalAndDateStyles.replacing(X.mainNamespace, with: main)),
        ]
        return book.archive()
    }

    /// Item 5: every SpreadsheetML element carries a prefix (`x:`), relationships use `rel:`, and
    /// the default namespace is something else entirely.
    public static let prefixedElements = ConformanceFixture(.xlsx, "05-prefixed-elements.xlsx", items: [5]) {
        let declarations = "xmlns=\"urn:example:not-spreadsheetml\" xmlns:x=\"\(X.mainNamespace)\""
        var book = X(rows: "", sharedStrings: "", styles: "")
        book.overrides = [
            (
                "xl/workbook.xml",
                X.declaration
                    + "<x:workbook \(declarations) xmlns:rel=\"\(X.relationshipsNamespace)\"><x:sheets>"
                    + "<x:sheet name=\"Awalan\" sheetId=\"1\" rel:id=\"rId1\"/></x:sheets></x:workbook>"
            ),
            (
                "xl/worksheets/sheet1.xml",
                X.declaration
                    + "<x:worksheet \(declarations)><x:sheetData><x:row r=\"1\">"
                    + "<x:c r=\"A1\" t=\"s\"><x:v>0</x:v></x:c><x:c r=\"B1\" s=\"1\"><x:v>45966</x:v></x:c>"
                    + "<x:c r=\"C1\"><x:v>42</x:v></x:c></x:row></x:sheetData></x:worksheet>"
            ),
            (
                "xl/sharedStrings.xml",
                X.declaration
                    + "<x:sst \(declarations) count=\"1\" uniqueCount=\"1\"><x:si><x:t>awalan</x:t></x:si></x:sst>"
            ),
            (
                "xl/styles.xml",
                X.declaration
                    + "<x:styleSheet \(declarations)><x:cellXfs count=\"2\"><x:xf numFmtId=\"0\"/>"
                    + "<x:xf numFmtId=\"14\" applyNumberFormat=\"1\"/></x:cellXfs></x:styleSheet>"
            ),
        ]
        return book.archive()
    }

    /// Item 5: elements with SpreadsheetML local names (`row`, `c`, `v`) in a foreign namespace,
    /// one of them behind the prefix `x`, must be ignored.
    public static let foreignNamespaceElements = ConformanceFixture(
        .xlsx, "05-foreign-namespace-elements.xlsx", items: [5, 6]
    ) {
        var book = X(rows: "")
        book.overrides = [
            (
                "xl/worksheets/sheet1.xml",
                X.declaration
                    + "<worksheet xmlns=\"\(X.mainNamespace)\" xmlns:x=\"urn:example:other\"><sheetData>"
                    + "<row r=\"1\"><c r=\"A1\"><v>1</v></c><x:c r=\"B1\"><x:v>999</x:v></x:c></row>"
                    + "<x:row r=\"2\"><x:c r=\"A2\"><x:v>998</x:v></x:c></x:row>"
                    + "<row r=\"3\"><c r=\"A3\"><v>3</v><x:v>997</x:v></c></row>"
                    + "</sheetData></worksheet>"
            )
        ]
        return book.archive()
    }

    /// Item 6: relationships of unknown types (one to a missing part, one to a binary part),
    /// unknown parts and unknown elements everywhere.
    public static let unknownPartsAndRelationships = ConformanceFixture(
        .xlsx, "06-unknown-parts-and-relationships.xlsx", items: [6]
    ) {
        var book = X(
            sheets: [
                X.Sheet(
                    name: "Sheet1",
                    xml: X.worksheet(
                        row(1, shared("A1", 0), number("B1", "2")),
                        before: "<sheetPr><tabColor rgb=\"FF00B050\"/></sheetPr><dimension ref=\"A1:B1\"/>"
                            + "<sheetViews><sheetView tabSelected=\"1\" workbookViewId=\"0\"/></sheetViews>"
                            + "<sheetFormatPr defaultRowHeight=\"15\"/>",
                        after: "<hyperlinks><hyperlink ref=\"A1\" r:id=\"rId1\"/></hyperlinks>"
                            + "<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/>"
                            + "<drawing r:id=\"rId2\"/><extLst><ext uri=\"{78C0D931-6437-407d-A8EE-F0AAD7539E65}\""
                            + " xmlns:x14=\"http://schemas.microsoft.com/office/spreadsheetml/2009/9/main\">"
                            + "<x14:conditionalFormattings/></ext></extLst>"))
            ],
            sharedStrings: X.sharedStrings(["abaikan yang asing"]))
        book.overrides = [
            (
                "_rels/.rels",
                X.relationships([
                    ("rId9", "http://example.com/relationships/mystery", "mystery/none.bin"),
                    ("rId1", X.officeRelationshipType("officeDocument"), "xl/workbook.xml"),
                ])
            ),
            (
                "xl/workbook.xml",
                X.declaration
                    + "<workbook xmlns=\"\(X.mainNamespace)\" xmlns:r=\"\(X.relationshipsNamespace)\""
                    + " xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\" mc:Ignorable=\"x15\""
                    + " xmlns:x15=\"http://schemas.microsoft.com/office/spreadsheetml/2010/11/main\">"
                    + "<fileVersion appName=\"xl\" lastEdited=\"7\"/><workbookPr defaultThemeVersion=\"166925\"/>"
                    + "<bookViews><workbookView xWindow=\"0\" yWindow=\"0\"/></bookViews>"
                    + "<sheets><sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId5\"/></sheets>"
                    + "<definedNames><definedName name=\"_xlnm._FilterDatabase\" hidden=\"1\">Sheet1!$A$1:$B$1</definedName>"
                    + "</definedNames><calcPr calcId=\"191029\"/><extLst><ext uri=\"{140A7094-0E35-4892-8432-C4D2E57EDEB5}\">"
                    + "<x15:workbookPr chartTrackingRefBase=\"1\"/></ext></extLst></workbook>"
            ),
            (
                "xl/_rels/workbook.xml.rels",
                X.relationships([
                    ("rId1", X.officeRelationshipType("theme"), "theme/theme1.xml"),
                    ("rId2", X.officeRelationshipType("customXml"), "../customXml/item1.xml"),
                    ("rId3", "http://example.com/relationships/unknown", "unknown/thing.bin"),
                    ("rId5", X.officeRelationshipType("worksheet"), "worksheets/sheet1.xml"),
                    ("rId8", X.officeRelationshipType("sharedStrings"), "sharedStrings.xml"),
                ])
            ),
            (
                "xl/worksheets/_rels/sheet1.xml.rels",
                X.declaration
                    + "<Relationships xmlns=\"\(X.packageRelationshipsNamespace)\">"
                    + "<Relationship Id=\"rId1\" Type=\"\(X.officeRelationshipType("hyperlink"))\""
                    + " Target=\"https://example.com/a?b=1&amp;c=2\" TargetMode=\"External\"/>"
                    + "<Relationship Id=\"rId2\" Type=\"\(X.officeRelationshipType("drawing"))\""
                    + " Target=\"../drawings/drawing1.xml\"/></Relationships>"
            ),
            ("customXml/item1.xml", "<?xml version=\"1.0\"?><b:Sources xmlns:b=\"urn:example:bibliography\"/>"),
        ]
        book.binaryParts = [("xl/unknown/thing.bin", [0x00, 0xFF, 0x3C, 0x21, 0x44, 0x4F, 0x43, 0x54, 0x00, 0x3E])]
        return book.archive()
    }

    private static func zipVariant(_ label: String) -> X {
        X(
            rows: row(1, shared("A1", 0), number("B1", "64"), shared("C1", 1)),
            sharedStrings: X.sharedStrings([label, "kedua"]))
    }

    /// Item 7: ZIP64 extra fields, ZIP64 end record and locator in a small archive.
    public static let zip64Records = ConformanceFixture(.xlsx, "07-zip64-records.xlsx", items: [7]) {
        var book = zipVariant("zip64")
        book.zip = ZipWriter.Options(zip64: true)
        return book.archive()
    }

    /// Item 7: zero CRC and sizes in the local headers, data descriptors after the data.
    public static let dataDescriptors = ConformanceFixture(.xlsx, "07-data-descriptors.xlsx", items: [7]) {
        var book = zipVariant("deskriptor")
        book.zip = ZipWriter.Options(dataDescriptors: true)
        return book.archive()
    }

    /// Item 7: data descriptors without their optional signature.
    public static let unsignedDataDescriptors = ConformanceFixture(
        .xlsx, "07-data-descriptors-unsigned.xlsx", items: [7]
    ) {
        var book = zipVariant("tanpa tanda")
        book.zip = ZipWriter.Options(dataDescriptors: true, signedDataDescriptors: false)
        return book.archive()
    }

    /// Item 7: what streaming writers emit: ZIP64 everywhere and data descriptors with 8-byte sizes.
    public static let zip64DataDescriptors = ConformanceFixture(.xlsx, "07-zip64-data-descriptors.xlsx", items: [7]) {
        var book = zipVariant("zip64 + deskriptor")
        book.zip = ZipWriter.Options(zip64: true, dataDescriptors: true)
        return book.archive()
    }

    /// Item 7: stored entries, only the shared strings deflated.
    public static let storedEntries = ConformanceFixture(.xlsx, "07-stored-entries.xlsx", items: [7]) {
        var book = zipVariant("tersimpan")
        book.storedParts = Set(book.parts().map(\.name)).subtracting(["xl/sharedStrings.xml"])
        return book.archive()
    }
}
