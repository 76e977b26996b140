import Testing

@testable import XLSX

@Suite("Part names and relationship targets (XLSX-READER.md items 1-3)")
struct PartNameTests {
    @Test("lookup keys ignore case, backslashes and a leading slash")
    func keys() {
        #expect(PartName.key("XL\\Worksheets\\Sheet1.xml") == "xl/worksheets/sheet1.xml")
        #expect(PartName.key("/xl/workbook.xml") == "xl/workbook.xml")
    }

    @Test("targets resolve against the source part's folder")
    func resolve() {
        #expect(PartName.resolve("worksheets/sheet1.xml", from: "xl/workbook.xml") == "xl/worksheets/sheet1.xml")
        #expect(PartName.resolve("/xl/worksheets/sheet1.xml", from: "xl/workbook.xml") == "xl/worksheets/sheet1.xml")
        #expect(PartName.resolve("../xl/sharedStrings.xml", from: "xl/workbook.xml") == "xl/sharedStrings.xml")
        #expect(PartName.resolve("./sheet%201.xml", from: "a/b/workbook.xml") == "a/b/sheet 1.xml")
        #expect(PartName.resolve("xl/workbook.xml", from: "") == "xl/workbook.xml")
    }

    @Test("the relationships part of a source")
    func relationships() {
        #expect(PartName.relationships(of: "") == "_rels/.rels")
        #expect(PartName.relationships(of: "xl/workbook.xml") == "xl/_rels/workbook.xml.rels")
        #expect(PartName.relationships(of: "book.xml") == "_rels/book.xml.rels")
    }
}
