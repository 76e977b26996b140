import Testing
import XLSXTestSupport

/// XLSX-READER.md items 26-29 and the command-line contract around sheets.
@Suite("Sheets (items 26-29)")
struct SheetConformanceTests {
    typealias F = ConformanceFixtures

    @Test("26: hidden, veryHidden, chartsheet, dialogsheet, macrosheet listed with state and kind")
    func sheetStatesAndKinds() throws {
        try SigapProcess.run(["xlsx", "sheets", F.sheetStatesAndKinds.path]).expectSuccess(lines: [
            ##"{"index":1,"name":"Data Pekerja","state":"visible","kind":"worksheet"}"##,
            ##"{"index":2,"name":"Rekap","state":"hidden","kind":"worksheet"}"##,
            ##"{"index":3,"name":"Rahasia","state":"veryHidden","kind":"worksheet"}"##,
            ##"{"index":4,"name":"Grafik","state":"visible","kind":"chartsheet"}"##,
            ##"{"index":5,"name":"Dialog","state":"hidden","kind":"dialogsheet"}"##,
            ##"{"index":6,"name":"Makro","state":"visible","kind":"macrosheet"}"##,
            ##"{"index":7,"name":"Data \"2025\" – Bekasi","state":"visible","kind":"worksheet"}"##,
        ])
    }

    @Test("26: sheet names with entities and character references are decoded")
    func escapedSheetNames() throws {
        let path = F.escapedSheetNames.path
        try SigapProcess.run(["xlsx", "sheets", path]).expectSuccess(lines: [
            ##"{"index":1,"name":"Rekap & Total","state":"visible","kind":"worksheet"}"##,
            ##"{"index":2,"name":"Lampiran <1>","state":"visible","kind":"worksheet"}"##,
            ##"{"index":3,"name":"Kolom \"A\"","state":"visible","kind":"worksheet"}"##,
            ##"{"index":4,"name":"O'Brien","state":"visible","kind":"worksheet"}"##,
            ##"{"index":5,"name":"Kode A–B","state":"visible","kind":"worksheet"}"##,
        ])
        try SigapProcess.run(["xlsx", "dump", path, "--sheet", "Rekap & Total"]).expectSuccess(lines: [
            ##"{"row":1,"cells":[["A","n",1]]}"##
        ])
        try SigapProcess.run(["xlsx", "dump", path, "--sheet", "Kode A–B"]).expectSuccess(lines: [
            ##"{"row":1,"cells":[["A","n",5]]}"##
        ])
    }

    @Test("26: dump picks sheets by name or 1-based index, hidden ones included")
    func dumpSelectsSheets() throws {
        let path = F.sheetStatesAndKinds.path
        try SigapProcess.run(["xlsx", "dump", path]).expectSuccess(lines: [
            ##"{"row":1,"cells":[["A","s","NIK"],["B","s","NAMA"]]}"##,
            ##"{"row":2,"cells":[["A","s","3275014101900001"],["B","s","SITI"]]}"##,
        ])
        try SigapProcess.run(["xlsx", "dump", path, "--sheet", "Rekap"]).expectSuccess(lines: [
            ##"{"row":1,"cells":[["A","s","JUMLAH"],["B","n",1]]}"##
        ])
        try SigapProcess.run(["xlsx", "dump", path, "--sheet-index", "3"]).expectSuccess(lines: [
            ##"{"row":3,"cells":[["C","b",true]]}"##
        ])
        let lastSheet = [##"{"row":1,"cells":[["A","e","#N/A"],["B","n",2.5],["C","d","2025-11-05"]]}"##]
        try SigapProcess.run(["xlsx", "dump", path, "--sheet", "Data \"2025\" – Bekasi"]).expectSuccess(lines: lastSheet)
        try SigapProcess.run(["xlsx", "dump", path, "--sheet-index", "7"]).expectSuccess(lines: lastSheet)
    }

    @Test("26: stat lists worksheets only, hidden ones included, with their workbook index")
    func statListsWorksheets() throws {
        try SigapProcess.run(["xlsx", "stat", F.sheetStatesAndKinds.path]).expectSuccess(lines: [
            ##"{"index":1,"name":"Data Pekerja","rows":2,"cells":4,"s":4,"n":0,"b":0,"e":0,"d":0}"##,
            ##"{"index":2,"name":"Rekap","rows":1,"cells":2,"s":1,"n":1,"b":0,"e":0,"d":0}"##,
            ##"{"index":3,"name":"Rahasia","rows":1,"cells":1,"s":0,"n":0,"b":1,"e":0,"d":0}"##,
            ##"{"index":7,"name":"Data \"2025\" – Bekasi","rows":1,"cells":3,"s":0,"n":1,"b":0,"e":1,"d":1}"##,
        ])
    }

    @Test("26: the default sheet is the first in workbook order, even when hidden")
    func defaultSheetIsFirst() throws {
        try SigapProcess.run(["xlsx", "dump", F.firstSheetHidden.path]).expectSuccess(lines: [
            ##"{"row":1,"cells":[["A","s","tersembunyi"]]}"##
        ])
    }

    @Test("27: a stale <dimension> does not truncate")
    func staleDimension() throws {
        try SigapProcess.run(["xlsx", "dump", F.staleDimension.path]).expectSuccess(lines: [
            ##"{"row":1,"cells":[["A","s","a"],["B","n",1]]}"##,
            ##"{"row":3,"cells":[["C","n",3]]}"##,
            ##"{"row":5,"cells":[["E","n",5]]}"##,
        ])
    }

    @Test("27, 28: a whole-grid <dimension> allocates nothing", arguments: ["dump", "stat"])
    func hugeDimension(command: String) throws {
        let result = try SigapProcess.run(["xlsx", command, F.hugeDimension.path], timeLimit: .seconds(10))
        result.expectSuccess(
            lines: command == "dump"
                ? [##"{"row":1,"cells":[["A","n",1]]}"##, ##"{"row":2,"cells":[["B","n",2]]}"##]
                : [##"{"index":1,"name":"Sheet1","rows":2,"cells":2,"s":0,"n":2,"b":0,"e":0,"d":0}"##])
        #expect(result.maxResidentKilobytes < 150 * 1024, "peak memory \(result.maxResidentKilobytes) KB")
    }

    @Test("28: cells at A1 and XFD1048576 do not allocate the bounding box", arguments: ["dump", "stat"])
    func sparseCorners(command: String) throws {
        let result = try SigapProcess.run(["xlsx", command, F.sparseCorners.path], timeLimit: .seconds(10))
        result.expectSuccess(
            lines: command == "dump"
                ? [##"{"row":1,"cells":[["A","s","kiri atas"]]}"##, ##"{"row":1048576,"cells":[["XFD","n",1]]}"##]
                : [##"{"index":1,"name":"Sheet1","rows":2,"cells":2,"s":1,"n":1,"b":0,"e":0,"d":0}"##])
        #expect(result.maxResidentKilobytes < 150 * 1024, "peak memory \(result.maxResidentKilobytes) KB")
    }

    @Test("29: a merged range's value sits in its top-left cell only")
    func mergedCells() throws {
        try SigapProcess.run(["xlsx", "dump", F.mergedCells.path]).expectSuccess(lines: [
            ##"{"row":1,"cells":[["A","s","Judul Gabungan"]]}"##,
            ##"{"row":2,"cells":[["A","s","TEMPAT/TGL LAHIR"]]}"##,
            ##"{"row":3,"cells":[["A","s","TEMPAT"],["B","s","TANGGAL"]]}"##,
            ##"{"row":4,"cells":[["A","n",1]]}"##,
        ])
    }
}
