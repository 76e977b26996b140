import Testing
import XLSXTestSupport

/// XLSX-READER.md items 10-15: the shared string table.
@Suite("Shared strings (items 10-15)")
struct SharedStringsConformanceTests {
    typealias F = ConformanceFixtures

    @Test("10: empty <si/> and <si><t/></si> still take an index")
    func emptyItemsTakeAnIndex() throws {
        try SigapProcess.run(["xlsx", "dump", F.emptySharedStrings.path]).expectSuccess(lines: [
            ##"{"row":1,"cells":[["A","s","NIK"],["B","s","NAMA"]]}"##,
            ##"{"row":2,"cells":[["E","s","Siti"]]}"##,
        ])
    }

    @Test("11: rich text runs concatenated, phonetic runs skipped")
    func richText() throws {
        try SigapProcess.run(["xlsx", "dump", F.richText.path]).expectSuccess(lines: [
            ##"{"row":1,"cells":[["A","s","Siti Nurhaliza"],["B","s","Kec. Bekasi Timur"],["C","s","東京"],"##
                + ##"["D","s","merah-biru"],["E","s","inline"]]}"##
        ])
    }

    @Test("12: <t> trimmed without xml:space=\"preserve\", kept with it (shared strings)")
    func whitespaceInSharedStrings() throws {
        try SigapProcess.run(["xlsx", "dump", F.whitespace.path]).expectSuccess(lines: [
            ##"{"row":1,"cells":[["A","s","tanpa preserve"],["B","s","  dengan preserve  "],["C","s","baris"],"##
                + ##"["E","s","   "],["F","s","dalam  dua  spasi"],["G","s","Jl. Ahmad Yani"],"##
                + "[\"H\",\"s\",\"\u{00A0}nbsp\u{00A0}\"]]}"
        ])
    }

    @Test("12: the same rule for inline strings")
    func whitespaceInInlineStrings() throws {
        try SigapProcess.run(["xlsx", "dump", F.inlineWhitespace.path]).expectSuccess(lines: [
            ##"{"row":1,"cells":[["A","s","inline tanpa"],["B","s"," inline dengan "]]}"##
        ])
    }

    @Test("13: _xHHHH_ escapes decoded; JSON escaping of the result")
    func escapes() throws {
        try SigapProcess.run(["xlsx", "dump", F.escapes.path]).expectSuccess(lines: [
            ##"{"row":1,"cells":[["A","s","baris1\r\nbaris2"],["B","s","_x000D_"],["C","s","tab\tdi sini"],"##
                + ##"["D","s","ctl\u0001\b\f\u001fend"],["E","s","café"],["F","s","😀"],["G","s","_x00zz_ tetap"],"##
                + ##"["H","s","kutip \"ganda\" dan \\ garis"],["I","s","a/b <c> & d"],"##
                + ##"["J","s","Bekasi – Jawa Barat 😀"],["K","s","a_b"],["L","s","cr\rref"]]}"##,
            ##"{"row":2,"cells":[["A","s","in\rline"]]}"##,
        ])
    }

    @Test("14: count and uniqueCount are never trusted", arguments: [F.hugeCounts, F.tooSmallCounts, F.garbageCounts])
    func countsAreNotTrusted(fixture: ConformanceFixture) throws {
        let result = try SigapProcess.run(["xlsx", "dump", fixture.path])
        result.expectSuccess(lines: [##"{"row":1,"cells":[["A","s","satu"],["B","s","dua"],["C","s","tiga"]]}"##])
        #expect(result.maxResidentKilobytes < 150 * 1024, "peak memory \(result.maxResidentKilobytes) KB")
    }

    @Test("15: t=\"s\" with an out-of-range index is the cell error #REF!")
    func indexOutOfRange() throws {
        try SigapProcess.run(["xlsx", "dump", F.sharedIndexOutOfRange.path]).expectSuccess(lines: [
            ##"{"row":1,"cells":[["A","s","nol"],["B","s","satu"],["C","e","#REF!"],["D","e","#REF!"],"##
                + ##"["E","e","#REF!"],["F","e","#REF!"]]}"##
        ])
    }
}
