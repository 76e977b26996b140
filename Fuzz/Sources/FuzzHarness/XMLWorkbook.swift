/// Wraps one fuzzed XML part into an otherwise valid minimal workbook (stored entries, right
/// CRC-32s), so that the fuzzer's bytes reach libxml2 and the reader's XML handling instead of
/// being stopped by the container layer.
///
/// The first byte of the input chooses the part; the rest is that part's XML:
///
/// | byte | part |
/// |---|---|
/// | `s` | `xl/worksheets/sheet1.xml` (any other first byte too) |
/// | `t` | `xl/sharedStrings.xml` (the default sheet refers to strings 0 to 5 and 99) |
/// | `y` | `xl/styles.xml` (the default sheet uses styles 0 to 9) |
/// | `w` | `xl/workbook.xml` (relationships rId1 to rId5 exist) |
/// | `r` | `xl/_rels/workbook.xml.rels` |
/// | `p` | `_rels/.rels` |
/// | `x` | the content of `<sheetData>`, placed and repeated across the reader's first 256 KiB chunk boundary |
///
/// An upper-case selector does the same with `<workbookPr date1904="1"/>`, and the harness then
/// also reads the sheets on two threads (`SheetReader.inflatesConcurrently`).
public enum XMLWorkbook {
    public enum Part: Sendable, Equatable {
        case sheet, sharedStrings, styles, workbook, workbookRelationships, packageRelationships, repeatedRows
    }

    public static func part(selector: UInt8) -> (Part, date1904: Bool) {
        let upper = selector >= UInt8(ascii: "A") && selector <= UInt8(ascii: "Z")
        let lower = upper ? selector + 32 : selector
        switch lower {
        case UInt8(ascii: "t"): return (.sharedStrings, upper)
        case UInt8(ascii: "y"): return (.styles, upper)
        case UInt8(ascii: "w"): return (.workbook, upper)
        case UInt8(ascii: "r"): return (.workbookRelationships, upper)
        case UInt8(ascii: "p"): return (.packageRelationships, upper)
        case UInt8(ascii: "x"): return (.repeatedRows, upper)
        default: return (.sheet, upper)
        }
    }

    /// The workbook for one fuzz input, and whether to read it on two threads as well.
    public static func build(fuzzInput input: UnsafeRawBufferPointer) -> (workbook: [UInt8], concurrently: Bool) {
        guard let selector = input.first else { return (build(.sheet, xml: [], date1904: false), false) }
        let (part, upper) = part(selector: selector)
        return (build(part, xml: Array(input.dropFirst()), date1904: upper), upper)
    }

    public static func build(_ part: Part, xml: [UInt8], date1904: Bool) -> [UInt8] {
        var sheet = Array(defaultSheet.utf8)
        var sharedStrings = Array(defaultSharedStrings.utf8)
        var styles = Array(defaultStyles.utf8)
        var workbook = Array(Self.workbook(date1904: date1904).utf8)
        var workbookRelationships = Array(defaultWorkbookRelationships.utf8)
        var packageRelationships = Array(defaultPackageRelationships.utf8)
        switch part {
        case .sheet: sheet = xml
        case .sharedStrings: sharedStrings = xml
        case .styles: styles = xml
        case .workbook: workbook = xml
        case .workbookRelationships: workbookRelationships = xml
        case .packageRelationships: packageRelationships = xml
        case .repeatedRows: sheet = repeatedRows(xml)
        }
        var zip = StoredZip()
        zip.add("[Content_Types].xml", Array(contentTypes.utf8))
        zip.add("_rels/.rels", packageRelationships)
        zip.add("xl/workbook.xml", workbook)
        zip.add("xl/_rels/workbook.xml.rels", workbookRelationships)
        zip.add("xl/styles.xml", styles)
        zip.add("xl/sharedStrings.xml", sharedStrings)
        zip.add("xl/worksheets/sheet1.xml", sheet)
        zip.add("xl/worksheets/sheet2.xml", Array(secondSheet.utf8))
        return zip.bytes()
    }

    /// The reader inflates and parses in chunks of 256 KiB (`EntryReader.chunkSize`).
    static let readerChunk = 262_144
    /// Where the chunk boundary falls in the repeated content: 1 KiB after it starts.
    static let straddle = 1024

    /// A worksheet whose `<sheetData>` is blank up to 1 KiB before the first chunk boundary, then
    /// `content` repeated until 1 KiB past it: the boundary cuts the content at byte 1024 (modulo
    /// its length), so that the fuzzer controls what is split between two feeds of the parser.
    static func repeatedRows(_ content: [UInt8]) -> [UInt8] {
        var sheet = Array(worksheetOpening.utf8)
        sheet += Array("<sheetData>".utf8)
        sheet.reserveCapacity(readerChunk + 2 * straddle + content.count + 64)
        sheet += [UInt8](repeating: UInt8(ascii: " "), count: max(0, readerChunk - straddle - sheet.count))
        if !content.isEmpty {
            repeat { sheet += content } while sheet.count < readerChunk + straddle
        }
        sheet += Array("</sheetData></worksheet>".utf8)
        return sheet
    }

    // MARK: - The default parts

    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let officeRelationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let packageRelationshipsNamespace = "http://schemas.openxmlformats.org/package/2006/relationships"
    static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

    static let worksheetOpening = declaration + "<worksheet xmlns=\"\(main)\" xmlns:r=\"\(officeRelationships)\">"

    static let contentTypes =
        declaration + """
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
            <Default Extension="xml" ContentType="application/xml"/>\
            <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
            <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
            <Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
            <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
            <Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>\
            </Types>
            """

    static let defaultPackageRelationships =
        declaration + """
            <Relationships xmlns="\(packageRelationshipsNamespace)">\
            <Relationship Id="rId1" Type="\(officeRelationships)/officeDocument" Target="xl/workbook.xml"/>\
            </Relationships>
            """

    static func workbook(date1904: Bool) -> String {
        declaration + """
            <workbook xmlns="\(main)" xmlns:r="\(officeRelationships)">\
            <workbookPr\(date1904 ? " date1904=\"1\"" : "")/>\
            <sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/>\
            <sheet name="Data &amp; more" sheetId="2" state="hidden" r:id="rId4"/></sheets>\
            </workbook>
            """
    }

    static let defaultWorkbookRelationships =
        declaration + """
            <Relationships xmlns="\(packageRelationshipsNamespace)">\
            <Relationship Id="rId1" Type="\(officeRelationships)/worksheet" Target="worksheets/sheet1.xml"/>\
            <Relationship Id="rId2" Type="\(officeRelationships)/sharedStrings" Target="sharedStrings.xml"/>\
            <Relationship Id="rId3" Type="\(officeRelationships)/styles" Target="styles.xml"/>\
            <Relationship Id="rId4" Type="\(officeRelationships)/worksheet" Target="/xl/worksheets/sheet2.xml"/>\
            <Relationship Id="rId5" Type="\(officeRelationships)/chartsheet" Target="chartsheets/sheet1.xml"/>\
            </Relationships>
            """

    static let defaultStyles =
        declaration + """
            <styleSheet xmlns="\(main)">\
            <numFmts count="3"><numFmt numFmtId="164" formatCode="dd/mm/yyyy;@"/>\
            <numFmt numFmtId="165" formatCode="[Red]0.00;\\-0.00"/><numFmt numFmtId="166" formatCode="[h]:mm:ss"/></numFmts>\
            <fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>\
            <fill><patternFill patternType="solid"><fgColor rgb="FFFFFF00"/></patternFill></fill></fills>\
            <cellXfs count="7"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164"/>\
            <xf numFmtId="165"/><xf numFmtId="22" fillId="2"/><xf numFmtId="166"/><xf numFmtId="abc" fillId="9"/></cellXfs>\
            </styleSheet>
            """

    static let defaultSharedStrings =
        declaration + """
            <sst xmlns="\(main)" count="6" uniqueCount="6">\
            <si><t>OJEK</t></si>\
            <si><r><rPr><b/></rPr><t xml:space="preserve">Siti </t></r><r><t>Aminah</t></r></si>\
            <si><t>BEKASI</t><rPh sb="0" eb="1"><t>x</t></rPh></si>\
            <si><t>a_x000D_b_x005F_x0041_</t></si>\
            <si/>\
            <si><t>3275080101900001</t></si>\
            </sst>
            """

    static let defaultSheet =
        worksheetOpening + """
            <dimension ref="A1:F3"/><sheetData>\
            <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c>\
            <c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c><c r="F1" t="s"><v>5</v></c><c r="G1" t="s"><v>99</v></c></row>\
            <row r="2"><c r="A2" s="1"><v>45000.5</v></c><c r="B2" s="2"><v>0.25</v></c><c r="C2" s="3"><v>-12.5</v></c>\
            <c r="D2" s="4"><v>60</v></c><c r="E2" s="5"><v>1.5</v></c><c r="F2" s="6"><v>3</v></c><c s="9"><v>2958465</v></c></row>\
            <row r="3"><c r="A3" t="b"><v>1</v></c><c r="B3" t="e"><v>#N/A</v></c><c r="C3" t="d"><v>2025-11-01T08:30:00</v></c>\
            <c r="D3" t="inlineStr"><is><t xml:space="preserve"> x </t></is></c><c r="E3" t="str"><f>A1</f><v>s</v></c>\
            <c r="F3"><v>1E+15</v></c><c r="G3"><v>abc</v></c></row>\
            </sheetData><mergeCells count="2"><mergeCell ref="A1:B2"/><mergeCell ref="C3"/></mergeCells></worksheet>
            """

    static let secondSheet =
        worksheetOpening + """
            <sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>
            """
}
