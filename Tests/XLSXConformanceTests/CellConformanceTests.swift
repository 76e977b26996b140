import Testing
import XLSXTestSupport

/// XLSX-READER.md items 16-22: cells.
@Suite("Cells (items 16-22)")
struct CellConformanceTests {
    typealias F = ConformanceFixtures

    @Test("16: missing r continues from the previous row or cell; r re-anchors; lower-case refs")
    func implicitReferences() throws {
        try SigapProcess.run(["xlsx", "dump", F.implicitReferences.path]).expectSuccess(lines: [
            ##"{"row":1,"cells":[["A","s","a1"],["B","n",2]]}"##,
            ##"{"row":2,"cells":[["D","n",4],["E","n",5]]}"##,
            ##"{"row":5,"cells":[["B","n",6],["C","n",7]]}"##,
            ##"{"row":6,"cells":[["A","n",8]]}"##,
            ##"{"row":8,"cells":[["AA","n",9],["AB","n",10]]}"##,
            ##"{"row":9,"cells":[["XFC","n",11],["XFD","n",12]]}"##,
            ##"{"row":1048576,"cells":[["XFD","n",13]]}"##,
        ])
    }

    @Test("17: t=\"s\" with an empty or missing <v> is an empty cell")
    func emptySharedCells() throws {
        try SigapProcess.run(["xlsx", "dump", F.emptySharedCells.path]).expectSuccess(lines: [
            ##"{"row":1,"cells":[["D","s","satu"]]}"##
        ])
    }

    @Test("18: inlineStr, str, b (0/1, true/false) and any error text")
    func cellTypes() throws {
        try SigapProcess.run(["xlsx", "dump", F.cellTypes.path]).expectSuccess(lines: [
            ##"{"row":1,"cells":[["A","s","sebaris"],["B","s","ab"],["C","b",true],["D","b",false],"##
                + ##"["E","e","#N/A"],["F","n",12.5],["G","s","bersama"],["H","s","123"]]}"##,
            ##"{"row":2,"cells":[["A","b",true],["B","b",false]]}"##,
            ##"{"row":3,"cells":[["A","e","#SPILL!"],["B","e","#CALC!"],["C","e","#DIV/0!"],["D","e","#VALUE!"],"##
                + ##"["E","e","#REF!"],["F","e","#NAME?"],["G","e","#NUM!"],["H","e","#NULL!"],"##
                + ##"["I","e","#GETTING_DATA"],["J","e","#BLOCKED!"],["K","e","#FIELD!"],["L","e","#CONNECT!"],"##
                + ##"["M","e","#BUSY!"],["N","e","#UNKNOWN!"],["O","e","#PYTHON!"]]}"##,
        ])
    }

    @Test("18: stat counts every type")
    func cellTypesStat() throws {
        try SigapProcess.run(["xlsx", "stat", F.cellTypes.path]).expectSuccess(lines: [
            ##"{"index":1,"name":"Sheet1","rows":3,"cells":25,"s":4,"n":1,"b":4,"e":16,"d":0}"##
        ])
    }

    @Test("19: non-numeric text in an untyped cell is a string")
    func untypedText() throws {
        try SigapProcess.run(["xlsx", "dump", F.untypedText.path]).expectSuccess(lines: [
            ##"{"row":1,"cells":[["A","s","abc"],["B","s","12abc"],["C","s","1,5"],["D","s","0x1A"],["E","n",42],"##
                + ##"["F","n",-1500],["G","s","inf"],["H","s","nan"]]}"##,
            ##"{"row":2,"cells":[["A","s","N/A"]]}"##,
        ])
    }

    @Test("20: formulas report the cached value; without <v> they are empty")
    func formulas() throws {
        try SigapProcess.run(["xlsx", "dump", F.formulas.path]).expectSuccess(lines: [
            ##"{"row":1,"cells":[["A","n",2],["C","s","xy"],["E","b",true],["F","e","#DIV/0!"],["G","n",4]]}"##,
            ##"{"row":2,"cells":[["G","n",6]]}"##,
            ##"{"row":4,"cells":[["B","n",5]]}"##,
        ])
    }

    /// The output for each of `ConformanceFixtures.numberTexts`, in order.
    static let printedNumbers = [
        "29.020000000000003", "0.1", "1e-07", "1e+20", "3", "-2", "1234567890123456", "3275010101850000",
        "3275010101850001", "9007199254740992.0", "1e+16", "0.30000000000000004", "0.1", "2.5", "-0.5",
        "5e-324", "1.7976931348623157e+308", "100000", "1000000000000000", "45966", "0.000123", "123456.789",
        "-1234567890123456", "2.225073858507201e-308", "1e-05", "0",
    ]

    @Test("21: numbers are the exact double, printed shortest round-trip")
    func numbers() throws {
        let expected = Self.printedNumbers.enumerated().map { index, text in
            ##"{"row":\##(index + 1),"cells":[["A","n",\##(text)]]}"##
        }
        try #require(expected.count == F.numberTexts.count)
        try SigapProcess.run(["xlsx", "dump", F.numbers.path]).expectSuccess(lines: expected)
    }

    @Test("22: s=\"\", an out-of-range or negative style index is style 0")
    func styleIndex() throws {
        try SigapProcess.run(["xlsx", "dump", F.styleIndex.path]).expectSuccess(lines: [
            ##"{"row":1,"cells":[["A","n",45966],["B","n",45966],["C","n",45966],["D","d","2025-11-05"],"##
                + ##"["E","n",45966]]}"##
        ])
        try SigapProcess.run(["xlsx", "dump", F.styleZeroIsDate.path]).expectSuccess(lines: [
            ##"{"row":1,"cells":[["A","d","2025-11-05"],["B","d","2025-11-05"],["C","d","2025-11-05"],"##
                + ##"["D","n",45966],["E","d","2025-11-05"]]}"##
        ])
    }
}
