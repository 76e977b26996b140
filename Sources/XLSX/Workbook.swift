import Synchronization

/// An XLSX workbook opened for streaming reads.
///
/// Opening reads only the small parts (relationships, workbook, styles). The shared strings table
/// is read once, on first use; worksheets are streamed with `SheetReader`, never held whole.
public final class Workbook: @unchecked Sendable {
    /// The path as the caller gave it (used in error messages).
    public let path: String
    public let limits: ReaderLimits
    /// Sheets in workbook order, with their state and kind.
    public let sheets: [SheetInfo]
    /// `workbookPr date1904`.
    public let isDate1904: Bool

    let archive: ZipArchive
    let budget: InflateBudget
    let styles: Styles
    private let sharedStringsPart: String?
    /// Read on first use; a workbook may be read by several threads at once.
    private let loadedSharedStrings = Mutex<SharedStrings?>(nil)

    public init(path: String, limits: ReaderLimits = .default) throws(XLSXError) {
        self.path = path
        self.limits = limits
        do {
            let file = try ReadOnlyFile(path: path)
            if let problem = try FileSniffer.problem(with: file) { throw problem }
            archive = try ZipArchive(file: file)
            budget = InflateBudget(limits: limits)
            let workbookPart = try Self.workbookPart(in: archive, budget: budget, limits: limits)
            let workbook = try Self.element(workbookPart, in: archive, budget: budget, limits: limits)
            // A Word document or a presentation renamed .xlsx has a main part too, of another kind.
            guard workbook.name == "workbook" else {
                throw XLSXError(
                    .notXLSX, "not an XLSX file: its main part \(workbookPart) is not a workbook\(Self.lookalike(archive))")
            }
            let relationships = try Self.relationships(of: workbookPart, in: archive, budget: budget, limits: limits)
            let byID = Dictionary(relationships.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })

            let flag = workbook.child(named: "workbookPr")?[attribute: "date1904"]?.lowercased()
            isDate1904 = flag == "1" || flag == "true"

            var sheets: [SheetInfo] = []
            for element in workbook.child(named: "sheets")?.children(named: "sheet") ?? [] {
                let id = element.attribute("id") { $0.hasSuffix("relationships") }
                let relationship = id.flatMap { byID[$0] }
                let kind =
                    relationship.flatMap { SheetInfo.Kind(rawValue: $0.kind.lowercased() == "xlmacrosheet" ? "macrosheet" : $0.kind) }
                    ?? .worksheet
                let state = SheetInfo.State(rawValue: element[attribute: "state"] ?? "visible") ?? .visible
                sheets.append(
                    SheetInfo(
                        index: sheets.count + 1, name: element[attribute: "name"] ?? "Sheet\(sheets.count + 1)",
                        state: state, kind: kind, part: relationship.flatMap { $0.isExternal ? nil : $0.target }))
            }
            self.sheets = sheets

            if let part = relationships.first(where: { $0.kind == "styles" && !$0.isExternal })?.target,
                archive.entry(part) != nil
            {
                styles = Styles(try Self.element(part, in: archive, budget: budget, limits: limits))
            } else {
                styles = .none
            }
            sharedStringsPart = relationships.first { $0.kind == "sharedStrings" && !$0.isExternal }?.target
        } catch let error as XLSXError {
            throw error.located(file: path)
        } catch {
            throw XLSXError(.io, "\(error)", file: path)
        }
    }

    /// The sheet with this name (exact, then ignoring case).
    public func sheet(named name: String) -> SheetInfo? {
        sheets.first { $0.name == name } ?? sheets.first { $0.name.lowercased() == name.lowercased() }
    }

    /// The sheet at a 1-based index.
    public func sheet(at index: Int) -> SheetInfo? {
        sheets.indices.contains(index - 1) ? sheets[index - 1] : nil
    }

    /// The shared strings table (empty when the workbook has none), read on first use.
    public func sharedStrings() throws(XLSXError) -> SharedStrings {
        if let loaded = loadedSharedStrings.withLock({ $0 }) { return loaded }
        var table = SharedStrings.empty
        if let part = sharedStringsPart, let entry = archive.entry(part) {
            do {
                table = try SharedStrings.read(
                    EntryReader(archive: archive, entry: entry, budget: budget), part: entry.name, limits: limits)
            } catch {
                throw error.located(file: path, part: entry.name)
            }
        }
        // Two threads may both have read it: the first table kept is the one every reader gets.
        return loadedSharedStrings.withLock { loaded in
            if loaded == nil { loaded = table }
            return loaded!
        }
    }

    /// The solid background colour (`RRGGBB`) of a cell format, if it has one: how correction
    /// workbooks mark cells to fix.
    public func fillColor(ofStyle style: Int) -> String? {
        styles.fill(style)
    }

    /// A streaming reader for one sheet.
    public func reader(for sheet: SheetInfo) -> SheetReader {
        SheetReader(workbook: self, sheet: sheet)
    }

    // MARK: - Package parts

    /// Follows `_rels/.rels` to the officeDocument part; `xl/workbook.xml` when the package has no
    /// relationships part.
    private static func workbookPart(in archive: ZipArchive, budget: InflateBudget, limits: ReaderLimits) throws(XLSXError) -> String {
        let relationships = try relationships(of: "", in: archive, budget: budget, limits: limits)
        if let target = relationships.first(where: { $0.kind == "officeDocument" && !$0.isExternal })?.target,
            archive.entry(target) != nil
        {
            return target
        }
        if archive.entry("xl/workbook.xml") != nil { return "xl/workbook.xml" }
        throw XLSXError(.missingPart, "not an XLSX file: a zip archive without a workbook part\(lookalike(archive))")
    }

    /// What a zip package that is not a workbook looks like, from its parts (empty when unknown).
    private static func lookalike(_ archive: ZipArchive) -> String {
        if archive.entry("word/document.xml") != nil { return " (it looks like a Word document)" }
        if archive.entry("ppt/presentation.xml") != nil { return " (it looks like a PowerPoint presentation)" }
        if archive.entry("content.xml") != nil { return " (it looks like an OpenDocument file)" }
        return ""
    }

    private static func relationships(
        of source: String, in archive: ZipArchive, budget: InflateBudget, limits: ReaderLimits
    ) throws(XLSXError) -> [Relationship] {
        let part = PartName.relationships(of: source)
        guard archive.entry(part) != nil else { return [] }
        return Relationship.parse(try element(part, in: archive, budget: budget, limits: limits), source: source)
    }

    private static func element(
        _ part: String, in archive: ZipArchive, budget: InflateBudget, limits: ReaderLimits
    ) throws(XLSXError) -> PartElement {
        guard let entry = archive.entry(part) else {
            throw XLSXError(.missingPart, "the part \(part) is missing")
        }
        do {
            let bytes = try EntryReader(archive: archive, entry: entry, budget: budget).readAll()
            return try PartElement.parse(bytes, part: entry.name, limits: limits)
        } catch {
            throw error.located(part: entry.name)
        }
    }
}
