/// Builds small XLSX packages for fixtures: a fixture states only the XML it tests and the builder
/// supplies the boilerplate parts ([Content_Types].xml, _rels/.rels, xl/workbook.xml and its
/// relationships) unless the fixture overrides or removes them.
public struct XLSXBuilder: Sendable {
    public enum SheetKind: String, Sendable {
        case worksheet, chartsheet, dialogsheet, macrosheet
    }

    public struct Sheet: Sendable {
        public var name: String
        /// The whole part; `XLSXBuilder.worksheet(_:)` writes the usual worksheet around rows.
        public var xml: String
        /// The `state` attribute of `<sheet>`: nil (visible), "visible", "hidden" or "veryHidden".
        public var state: String?
        public var kind: SheetKind

        public init(name: String, xml: String, state: String? = nil, kind: SheetKind = .worksheet) {
            self.name = name
            self.xml = xml
            self.state = state
            self.kind = kind
        }
    }

    public var sheets: [Sheet]
    /// The whole of `xl/sharedStrings.xml`; nil leaves the part (and its relationship) out.
    public var sharedStrings: String?
    /// The whole of `xl/styles.xml`; nil leaves the part (and its relationship) out.
    public var styles: String?
    /// Attributes written inside `<workbookPr .../>`, e.g. `date1904="1"`.
    public var workbookProperties = ""
    /// Applied after the generated parts: a part with the same name (compared exactly) is replaced in
    /// place, a new name is appended, and a nil XML removes the part.
    public var overrides: [(name: String, xml: String?)] = []
    /// Extra zip entries with arbitrary bytes (unknown binary parts, nested corruption targets).
    public var binaryParts: [(name: String, bytes: [UInt8])] = []
    /// Maps a part name to its zip entry name (backslashes, other cases).
    public var entryName: @Sendable (String) -> String = { $0 }
    public var zip = ZipWriter.Options()
    /// Parts written stored whatever `zip.method` says (by part name, before `entryName`).
    public var storedParts: Set<String> = []

    public init(sheets: [Sheet], sharedStrings: String? = nil, styles: String? = nil) {
        self.sheets = sheets
        self.sharedStrings = sharedStrings
        self.styles = styles
    }

    /// One worksheet named "Sheet1" holding `rows` (the content of `<sheetData>`).
    public init(rows: String, sharedStrings: String? = nil, styles: String? = nil) {
        self.init(
            sheets: [Sheet(name: "Sheet1", xml: Self.worksheet(rows))],
            sharedStrings: sharedStrings, styles: styles)
    }

    /// The parts in archive order.
    public func parts() -> [(name: String, xml: String)] {
        var parts: [(name: String, xml: String)] = [
            ("[Content_Types].xml", contentTypes()),
            ("_rels/.rels", Self.rootRelationships(target: "xl/workbook.xml")),
            ("xl/workbook.xml", workbook()),
            ("xl/_rels/workbook.xml.rels", workbookRelationships()),
        ]
        for (index, sheet) in sheets.enumerated() {
            parts.append((sheetPath(index), sheet.xml))
        }
        if let sharedStrings { parts.append(("xl/sharedStrings.xml", sharedStrings)) }
        if let styles { parts.append(("xl/styles.xml", styles)) }
        parts.append(("docProps/core.xml", Self.coreProperties))
        parts.append(("docProps/app.xml", Self.appProperties))

        for override in overrides {
            if let index = parts.firstIndex(where: { $0.name == override.name }) {
                if let xml = override.xml { parts[index].xml = xml } else { parts.remove(at: index) }
            } else if let xml = override.xml {
                parts.append((override.name, xml))
            }
        }
        return parts
    }

    /// The zip archive.
    public func archive() -> [UInt8] {
        var writer = ZipWriter(options: zip)
        for part in parts() {
            writer.add(entryName(part.name), text: part.xml, method: storedParts.contains(part.name) ? .stored : nil)
        }
        for part in binaryParts { writer.add(entryName(part.name), part.bytes) }
        return writer.archive()
    }

    /// Zips `parts` exactly as given, nothing generated.
    public static func archive(parts: [(name: String, xml: String)], zip: ZipWriter.Options = .init()) -> [UInt8] {
        var writer = ZipWriter(options: zip)
        for part in parts { writer.add(part.name, text: part.xml) }
        return writer.archive()
    }
}

extension XLSXBuilder {
    /// Sheets of one kind are numbered from 1 in their own folder, as Excel does.
    func sheetPath(_ index: Int) -> String {
        let kind = sheets[index].kind
        let number = sheets[..<index].filter { $0.kind == kind }.count + 1
        return "xl/\(kind.rawValue)s/sheet\(number).xml"
    }

    func contentTypes() -> String {
        var overrides = [
            ("/xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml")
        ]
        for (index, sheet) in sheets.enumerated() {
            overrides.append(("/" + sheetPath(index), Self.contentType(sheet.kind)))
        }
        if sharedStrings != nil {
            overrides.append(
                ("/xl/sharedStrings.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"))
        }
        if styles != nil {
            overrides.append(("/xl/styles.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"))
        }
        overrides.append(("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"))
        overrides.append(("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml"))
        return Self.contentTypes(overrides: overrides)
    }

    func workbook() -> String {
        var sheetList = ""
        for (index, sheet) in sheets.enumerated() {
            let state = sheet.state.map { " state=\"\($0)\"" } ?? ""
            sheetList += "<sheet name=\"\(Self.escape(sheet.name))\" sheetId=\"\(index + 1)\"\(state) r:id=\"rId\(index + 1)\"/>"
        }
        return Self.declaration
            + "<workbook xmlns=\"\(Self.mainNamespace)\" xmlns:r=\"\(Self.relationshipsNamespace)\">"
            + "<workbookPr\(workbookProperties.isEmpty ? "" : " " + workbookProperties)/>"
            + "<bookViews><workbookView activeTab=\"0\"/></bookViews>"
            + "<sheets>\(sheetList)</sheets></workbook>"
    }

    func workbookRelationships() -> String {
        var relationships: [(id: String, type: String, target: String)] = []
        for (index, sheet) in sheets.enumerated() {
            let target = String(sheetPath(index).dropFirst("xl/".count))
            relationships.append(("rId\(index + 1)", Self.relationshipType(sheet.kind), target))
        }
        var next = sheets.count + 1
        if sharedStrings != nil {
            relationships.append(("rId\(next)", Self.officeRelationshipType("sharedStrings"), "sharedStrings.xml"))
            next += 1
        }
        if styles != nil {
            relationships.append(("rId\(next)", Self.officeRelationshipType("styles"), "styles.xml"))
        }
        return Self.relationships(relationships)
    }
}

// MARK: - XML helpers for fixtures

extension XLSXBuilder {
    public static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    public static let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    public static let relationshipsNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    public static let packageRelationshipsNamespace = "http://schemas.openxmlformats.org/package/2006/relationships"
    public static let contentTypesNamespace = "http://schemas.openxmlformats.org/package/2006/content-types"

    public static func officeRelationshipType(_ name: String) -> String {
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/\(name)"
    }

    public static func relationshipType(_ kind: SheetKind) -> String {
        switch kind {
        case .worksheet, .chartsheet, .dialogsheet: officeRelationshipType(kind.rawValue)
        case .macrosheet: "http://schemas.microsoft.com/office/2006/relationships/xlMacrosheet"
        }
    }

    public static func contentType(_ kind: SheetKind) -> String {
        switch kind {
        case .worksheet, .chartsheet, .dialogsheet:
            "application/vnd.openxmlformats-officedocument.spreadsheetml.\(kind.rawValue)+xml"
        case .macrosheet: "application/vnd.ms-excel.macrosheet+xml"
        }
    }

    /// Escapes text for element content and attribute values.
    public static func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// A worksheet part in the transitional namespace: `before` goes ahead of `<sheetData>`
    /// (`<dimension>`, `<sheetViews>`, ...) and `after` behind it (`<mergeCells>`, ...).
    public static func worksheet(_ rows: String, before: String = "", after: String = "") -> String {
        declaration
            + "<worksheet xmlns=\"\(mainNamespace)\" xmlns:r=\"\(relationshipsNamespace)\">"
            + before + "<sheetData>" + rows + "</sheetData>" + after + "</worksheet>"
    }

    /// A shared string table whose items are `items`, each the inner XML of one `<si>`.
    public static func sharedStrings(items: [String]) -> String {
        declaration
            + "<sst xmlns=\"\(mainNamespace)\" count=\"\(items.count)\" uniqueCount=\"\(items.count)\">"
            + items.map { "<si>\($0)</si>" }.joined() + "</sst>"
    }

    /// A shared string table of plain texts (no surrounding whitespace to trim).
    public static func sharedStrings(_ texts: [String]) -> String {
        sharedStrings(items: texts.map { "<t>\(escape($0))</t>" })
    }

    /// A styles part with custom `numberFormats` (ids from 164) and one cell format per entry of
    /// `cellFormats`, each naming a number format id; cell style index i is `cellFormats[i]`.
    public static func styles(numberFormats: [(id: Int, code: String)] = [], cellFormats: [Int]) -> String {
        var xml = declaration + "<styleSheet xmlns=\"\(mainNamespace)\">"
        if !numberFormats.isEmpty {
            xml += "<numFmts count=\"\(numberFormats.count)\">"
            for format in numberFormats {
                xml += "<numFmt numFmtId=\"\(format.id)\" formatCode=\"\(escape(format.code))\"/>"
            }
            xml += "</numFmts>"
        }
        xml += "<fonts count=\"1\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts>"
        xml += "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>"
        xml += "<fill><patternFill patternType=\"gray125\"/></fill></fills>"
        xml += "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
        xml += "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
        xml += "<cellXfs count=\"\(cellFormats.count)\">"
        for format in cellFormats {
            let apply = format == 0 ? "" : " applyNumberFormat=\"1\""
            xml += "<xf numFmtId=\"\(format)\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"\(apply)/>"
        }
        xml += "</cellXfs>"
        xml += "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
        return xml + "</styleSheet>"
    }

    static let coreProperties =
        declaration
        + "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\""
        + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:creator>sigap conformance fixtures</dc:creator>"
        + "</cp:coreProperties>"

    static let appProperties =
        declaration
        + "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
        + "<Application>XLSXTestSupport</Application></Properties>"

    /// `_rels/.rels` with the core and extended properties listed before the office document.
    public static func rootRelationships(target: String) -> String {
        relationships([
            (
                "rId3", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
                "docProps/core.xml"
            ),
            ("rId2", officeRelationshipType("extended-properties"), "docProps/app.xml"),
            ("rId1", officeRelationshipType("officeDocument"), target),
        ])
    }

    public static func relationships(_ relationships: [(id: String, type: String, target: String)]) -> String {
        declaration + "<Relationships xmlns=\"\(packageRelationshipsNamespace)\">"
            + relationships.map {
                "<Relationship Id=\"\($0.id)\" Type=\"\(escape($0.type))\" Target=\"\(escape($0.target))\"/>"
            }.joined()
            + "</Relationships>"
    }

    public static func contentTypes(overrides: [(part: String, type: String)]) -> String {
        declaration + "<Types xmlns=\"\(contentTypesNamespace)\">"
            + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
            + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
            + overrides.map { "<Override PartName=\"\($0.part)\" ContentType=\"\($0.type)\"/>" }.joined()
            + "</Types>"
    }
}
