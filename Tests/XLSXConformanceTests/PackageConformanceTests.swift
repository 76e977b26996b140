import Testing
import XLSXTestSupport

/// XLSX-READER.md items 1-7: finding the workbook and its parts.
@Suite("Package and container (items 1-7)")
struct PackageConformanceTests {
    typealias F = ConformanceFixtures

    @Test("1: the workbook is found through _rels/.rels, not at xl/workbook.xml")
    func workbookFoundThroughRelationships() throws {
        let path = F.workbookElsewhere.path
        try SigapProcess.run(["xlsx", "sheets", path]).expectSuccess(lines: [
            ##"{"index":1,"name":"Buku Utama","state":"visible","kind":"worksheet"}"##,
            ##"{"index":2,"name":"Kedua","state":"visible","kind":"worksheet"}"##,
        ])
        try SigapProcess.run(["xlsx", "dump", path]).expectSuccess(lines: [
            ##"{"row":1,"cells":[["A","s","dari book.xml"],["B","n",1]]}"##
        ])
        try SigapProcess.run(["xlsx", "dump", path, "--sheet-index", "2"]).expectSuccess(lines: [
            ##"{"row":1,"cells":[["A","s","kedua"]]}"##
        ])
    }

    @Test("2: absolute relationship targets")
    func absoluteTargets() throws {
        try SigapProcess.run(["xlsx", "dump", F.absoluteTargets.path]).expectSuccess(lines: [
            ##"{"row":1,"cells":[["A","s","absolut"],["B","d","2025-11-05"]]}"##
        ])
    }

    @Test("2: relative targets with .. resolved against the source part's folder")
    func relativeTargets() throws {
        let path = F.relativeTargets.path
        try SigapProcess.run(["xlsx", "sheets", path]).expectSuccess(lines: [
            ##"{"index":1,"name":"Relatif","state":"visible","kind":"worksheet"}"##,
            ##"{"index":2,"name":"Di Luar","state":"visible","kind":"worksheet"}"##,
        ])
        try SigapProcess.run(["xlsx", "dump", path]).expectSuccess(lines: [
            ##"{"row":1,"cells":[["A","s","relatif"],["B","d","2025-11-05"]]}"##
        ])
        try SigapProcess.run(["xlsx", "dump", path, "--sheet", "Di Luar"]).expectSuccess(lines: [
            ##"{"row":1,"cells":[["A","s","di luar xl"]]}"##
        ])
    }

    @Test("3: zip entry names with backslashes")
    func backslashEntryNames() throws {
        try SigapProcess.run(["xlsx", "dump", F.backslashEntryNames.path]).expectSuccess(lines: [
            ##"{"row":1,"cells":[["A","s","garis miring terbalik"],["B","n",7]]}"##
        ])
    }

    @Test("3: part names compared case-insensitively")
    func mixedCasePartNames() throws {
        try SigapProcess.run(["xlsx", "dump", F.mixedCaseNames.path]).expectSuccess(lines: [
            ##"{"row":1,"cells":[["A","s","huruf besar kecil"],["B","n",8]]}"##
        ])
    }

    @Test("4: no sharedStrings.xml and no styles.xml")
    func noSharedStringsNoStyles() throws {
        try SigapProcess.run(["xlsx", "dump", F.noSharedStringsNoStyles.path]).expectSuccess(lines: [
            ##"{"row":1,"cells":[["A","s","Siti Aminah"],["B","n",3.5],["C","b",true]]}"##,
            ##"{"row":2,"cells":[["A","s","Budi"]]}"##,
        ])
    }

    @Test("5: Strict OOXML namespaces")
    func strictNamespaces() throws {
        let path = F.strictNamespaces.path
        try SigapProcess.run(["xlsx", "sheets", path]).expectSuccess(lines: [
            ##"{"index":1,"name":"Ketat","state":"visible","kind":"worksheet"}"##
        ])
        try SigapProcess.run(["xlsx", "dump", path]).expectSuccess(lines: [
            ##"{"row":1,"cells":[["A","s","ketat"],["B","d","2025-11-05"],["C","n",2.5]]}"##
        ])
    }

    @Test("5: elements matched on namespace URI, whatever their prefix")
    func prefixedElements() throws {
        let path = F.prefixedElements.path
        try SigapProcess.run(["xlsx", "sheets", path]).expectSuccess(lines: [
            ##"{"index":1,"name":"Awalan","state":"visible","kind":"worksheet"}"##
        ])
        try SigapProcess.run(["xlsx", "dump", path]).expectSuccess(lines: [
            ##"{"row":1,"cells":[["A","s","awalan"],["B","d","2025-11-05"],["C","n",42]]}"##
        ])
    }

    @Test("5, 6: row, c and v in a foreign namespace are not cells")
    func foreignNamespaceElements() throws {
        try SigapProcess.run(["xlsx", "dump", F.foreignNamespaceElements.path]).expectSuccess(lines: [
            ##"{"row":1,"cells":[["A","n",1]]}"##,
            ##"{"row":3,"cells":[["A","n",3]]}"##,
        ])
    }

    @Test("6: unknown relationship types, parts and elements are ignored")
    func unknownPartsAndRelationships() throws {
        let path = F.unknownPartsAndRelationships.path
        try SigapProcess.run(["xlsx", "sheets", path]).expectSuccess(lines: [
            ##"{"index":1,"name":"Sheet1","state":"visible","kind":"worksheet"}"##
        ])
        try SigapProcess.run(["xlsx", "dump", path]).expectSuccess(lines: [
            ##"{"row":1,"cells":[["A","s","abaikan yang asing"],["B","n",2]]}"##
        ])
    }

    @Test(
        "7: ZIP64 records, data descriptors, stored and deflated entries",
        arguments: [
            (F.zip64Records, "zip64"),
            (F.dataDescriptors, "deskriptor"),
            (F.unsignedDataDescriptors, "tanpa tanda"),
            (F.zip64DataDescriptors, "zip64 + deskriptor"),
            (F.storedEntries, "tersimpan"),
        ])
    func zipVariants(fixture: ConformanceFixture, label: String) throws {
        try SigapProcess.run(["xlsx", "dump", fixture.path]).expectSuccess(lines: [
            ##"{"row":1,"cells":[["A","s","\##(label)"],["B","n",64],["C","s","kedua"]]}"##
        ])
    }
}
