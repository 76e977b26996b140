import Testing
import XLSXTestSupport

/// XLSX-READER.md items 8, 9, 16 (references off the grid), 30 and 32, and the SPEC §14 limits:
/// each hostile file exits 65 with one stderr line naming the file and the cause, in bounded time.
@Suite("Hostile input (items 8, 9, 16, 30, 32; SPEC §14 limits)")
struct HostileInputTests {
    typealias F = ConformanceFixtures

    /// Nothing hostile may take long: no network, no expansion, no hang.
    static let timeLimit = Duration.seconds(10)

    private func expectRefused(
        _ fixture: ConformanceFixture,
        command: String = "dump",
        phrases: [String],
        oneOf alternatives: [String] = [],
        emptyStdout: Bool = true,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let result = try SigapProcess.run(["xlsx", command, fixture.path], timeLimit: Self.timeLimit)
        result.expectFailure(
            path: fixture.path, phrases: phrases, oneOf: alternatives, emptyStdout: emptyStdout,
            sourceLocation: sourceLocation)
    }

    @Test("8: a wrong CRC-32 is an error", arguments: [F.badCRCDeflated, F.badCRCStored, F.badCRCSharedStrings])
    func wrongCRC(fixture: ConformanceFixture) throws {
        // The mismatch shows only at the end of the entry, possibly after rows went out.
        try expectRefused(fixture, phrases: ["CRC-32 mismatch"], emptyStdout: false)
    }

    @Test(
        "9: files that are not XLSX say what they look like",
        arguments: [
            (F.encrypted, "password-protected (encrypted) workbook"),
            (F.legacyXLS, "legacy Excel 97-2003 (.xls) workbook"),
            (F.htmlRenamed, "not an XLSX file (looks like HTML)"),
            (F.htmlExcelExport, "not an XLSX file (looks like HTML)"),
            (F.csvRenamed, "not an XLSX file (looks like CSV or text)"),
            (F.xmlSpreadsheet2003, "not an XLSX file (looks like XML)"),
            (F.binaryNotZip, "not a zip archive"),
            (F.wordRenamed, "not an XLSX file: its main part word/document.xml is not a workbook (it looks like a Word document)"),
        ])
    func notXLSX(fixture: ConformanceFixture, cause: String) throws {
        for command in ["sheets", "dump", "stat"] {
            try expectRefused(fixture, command: command, phrases: [cause])
        }
    }

    @Test(
        "16: references beyond XFD1048576, explicit or implied, are refused",
        arguments: [
            F.referenceBeyondColumn, F.referenceBeyondRow, F.rowNumberBeyondLimit, F.implicitColumnBeyondXFD,
            F.implicitRowBeyondLimit,
        ])
    func referenceBeyondGrid(fixture: ConformanceFixture) throws {
        try expectRefused(fixture, phrases: ["cell reference beyond XFD1048576"], emptyStdout: false)
    }

    @Test(
        "30: any DOCTYPE is refused, naming the part; nothing is fetched",
        arguments: [
            (F.doctypeBillionLaughs, "dump", "xl/worksheets/sheet1.xml"),
            (F.doctypeExternalFile, "dump", "xl/sharedStrings.xml"),
            (F.doctypeExternalHTTP, "sheets", "xl/workbook.xml"),
            (F.doctypeParameterEntity, "dump", "xl/styles.xml"),
            (F.doctypeInRelationships, "sheets", "_rels/.rels"),
        ])
    func doctype(fixture: ConformanceFixture, command: String, part: String) throws {
        try expectRefused(fixture, command: command, phrases: ["DOCTYPE is not allowed", part])
    }

    @Test("§14: XML nesting deeper than 256 levels is refused, naming the part")
    func deepNesting() throws {
        try expectRefused(
            F.nesting300, phrases: ["XML nesting deeper than 256", "xl/worksheets/sheet1.xml"],
            emptyStdout: false)
    }

    @Test("§14: 250 levels of nesting are fine")
    func nestingBelowTheLimit() throws {
        try SigapProcess.run(["xlsx", "dump", F.nestingAt250.path]).expectSuccess(lines: [
            ##"{"row":1,"cells":[["A","n",1]]}"##
        ])
    }

    @Test(
        "§14: a cell text longer than 32,767 characters is refused",
        arguments: [
            F.longInlineString, F.longSharedString,
        ])
    func longCellText(fixture: ConformanceFixture) throws {
        try expectRefused(fixture, phrases: ["cell text longer than 32767 characters"], emptyStdout: false)
    }

    @Test("§14: exactly 32,767 characters (65,534 UTF-8 bytes) is fine")
    func cellTextAtTheLimit() throws {
        let accents = String(repeating: "é", count: 32_767)
        let xs = String(repeating: "x", count: 32_767)
        try SigapProcess.run(["xlsx", "dump", F.cellTextAtLimit.path]).expectSuccess(lines: [
            ##"{"row":1,"cells":[["A","s","\##(accents)"],["B","s","\##(xs)"]]}"##
        ])
    }

    @Test(
        "32: truncated archives and an offset past the end are a clean error",
        arguments: [
            F.truncatedHalf, F.truncatedEndRecord, F.truncatedCentralDirectory, F.offsetBeyondEnd,
        ])
    func truncatedOrCorrupt(fixture: ConformanceFixture) throws {
        try expectRefused(fixture, phrases: ["truncated or corrupt zip archive"])
    }

    /// An offset moved 7 bytes into the entry both misses the local header signature and makes the
    /// entry's range overlap the next one: either description is right.
    @Test("32: a local header offset pointing into data is a clean error")
    func offsetIntoData() throws {
        try expectRefused(
            F.offsetIntoData, phrases: [],
            oneOf: ["truncated or corrupt zip archive", "overlapping zip entries"])
    }

    @Test("32: overlapping entries are refused", arguments: [F.overlappingNestedEntry, F.overlappingDeclaredSize])
    func overlappingEntries(fixture: ConformanceFixture) throws {
        try expectRefused(fixture, phrases: ["overlapping zip entries"])
    }
}
