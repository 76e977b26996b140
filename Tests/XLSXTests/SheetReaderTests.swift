import Testing
import XLSX
import XLSXTestSupport

@Suite("Streaming sheet reader")
struct SheetReaderTests {
    /// A sheet big enough to span many 256 KiB chunks, with strings, numbers and dates.
    static func largeSheet(rows: Int) -> XLSXBuilder {
        var xml = ""
        xml.reserveCapacity(rows * 160)
        for row in 1...rows {
            xml += "<row r=\"\(row)\"><c r=\"A\(row)\"><v>\(row)</v></c>"
            xml += "<c r=\"B\(row)\" t=\"s\"><v>\(row % 3)</v></c>"
            xml += "<c r=\"C\(row)\" s=\"1\"><v>\(45000 + row % 1000)</v></c>"
            xml += "<c r=\"D\(row)\" t=\"inlineStr\"><is><t xml:space=\"preserve\"> nama \(row) </t></is></c></row>"
        }
        return XLSXBuilder(
            rows: xml, sharedStrings: XLSXBuilder.sharedStrings(["OJEK", "BURUH", "PEDAGANG"]),
            styles: XLSXBuilder.styles(cellFormats: [0, 14]))
    }

    @Test("cells split across chunk boundaries read whole, the same on one thread or two")
    func chunkBoundaries() throws {
        let book = try TemporaryWorkbook(Self.largeSheet(rows: 30_000))
        let sequential = try book.rows(concurrently: false)
        let concurrent = try book.rows(concurrently: true)
        #expect(sequential.count == 30_000)
        #expect(sequential == concurrent)
        for row in sequential where row.number % 977 == 0 || row.number == 30_000 {
            #expect(row.cells.count == 4)
            #expect(row[column: 1]?.value == .number(Double(row.number)))
            #expect(row[column: 2]?.value == .string(["OJEK", "BURUH", "PEDAGANG"][row.number % 3]))
            if case .date(let date)? = row[column: 3]?.value {
                #expect(date.serial == Double(45000 + row.number % 1000))
            } else {
                Issue.record("C\(row.number) is not a date")
            }
            #expect(row[column: 4]?.value == .string(" nama \(row.number) "))
        }
    }

    @Test("statistics count rows and cells by type")
    func statistics() throws {
        let book = try TemporaryWorkbook(Self.largeSheet(rows: 5_000))
        let workbook = try book.open()
        let statistics = try workbook.reader(for: workbook.sheets[0]).statistics()
        #expect(statistics.rows == 5_000)
        #expect(statistics[.number] == 5_000)
        #expect(statistics[.string] == 10_000)
        #expect(statistics[.date] == 5_000)
        #expect(statistics.totalCells == 20_000)
    }

    /// Some writers put a `<v>` beside an inline string's `<is>` (a cached copy, or a number the
    /// text was typed over): the `<is>` text is the cell's, in either order; `<v>` only without one.
    @Test("an inline string cell reads its <is> text, not a <v> beside it, in either order")
    func inlineStringWithValue() throws {
        let sheet = XLSXBuilder.worksheet(
            "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>1.</t></is><v>1.01</v></c>"
                + "<c r=\"B1\" t=\"inlineStr\"><v>1.01</v><is><t>1.</t></is></c>"
                + "<c r=\"C1\" t=\"inlineStr\"><v>kata</v></c>"
                + "<c r=\"D1\" t=\"inlineStr\"><is><r><t>Bu</t></r><r><t>di</t></r></is><v>x</v></c>"
                + "<c r=\"E1\"><v>2</v></c></row>")
        let book = try TemporaryWorkbook(XLSXBuilder(sheets: [.init(name: "Data", xml: sheet)]))
        let workbook = try book.open()
        var rows: [Row] = []
        _ = try workbook.reader(for: workbook.sheets[0]).forEachRow { rows.append($0) }
        #expect(rows.first?.cells.map(\.value) == [.string("1."), .string("1."), .string("kata"), .string("Budi"), .number(2)])
    }

    @Test("merged ranges are exposed; the value sits in the top-left cell (item 29)")
    func merges() throws {
        let sheet = XLSXBuilder.worksheet(
            "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>TEMPAT/TGL LAHIR</t></is></c></row>"
                + "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>TEMPAT</t></is></c><c r=\"B2\" t=\"inlineStr\"><is><t>TANGGAL</t></is></c></row>",
            after: "<mergeCells count=\"2\"><mergeCell ref=\"A1:B1\"/><mergeCell ref=\"D4:E9\"/></mergeCells>")
        let book = try TemporaryWorkbook(XLSXBuilder(sheets: [.init(name: "Data", xml: sheet)]))
        let workbook = try book.open()
        var rows: [Row] = []
        let merges = try workbook.reader(for: workbook.sheets[0]).forEachRow { rows.append($0) }
        #expect(merges.map(\.description) == ["A1:B1", "D4:E9"])
        #expect(merges[0].contains(row: 1, column: 2))
        #expect(rows[0].cells.map(\.reference) == ["A1"])
    }

    @Test("the batch API decodes only what is asked for")
    func batches() throws {
        let book = try TemporaryWorkbook(Self.largeSheet(rows: 2_000))
        let workbook = try book.open()
        var secondColumn = 0
        var batches = 0
        try workbook.reader(for: workbook.sheets[0]).forEachBatch { batch in
            batches += 1
            for index in 0..<batch.count where batch.column(at: index) == 2 {
                #expect(batch.kind(at: index) == .string)
                secondColumn += 1
            }
        }
        #expect(secondColumn == 2_000)
        #expect(batches >= 1)
    }

    @Test("a hidden sheet and a chartsheet are listed with their state and kind")
    func sheetList() throws {
        let book = try TemporaryWorkbook(
            XLSXBuilder(sheets: [
                .init(name: "Data Pekerja", xml: XLSXBuilder.worksheet("")),
                .init(name: "Rekap", xml: XLSXBuilder.worksheet(""), state: "hidden"),
                .init(
                    name: "Grafik",
                    xml:
                        "<chartsheet xmlns=\"\(XLSXBuilder.mainNamespace)\"><sheetViews><sheetView workbookViewId=\"0\"/></sheetViews></chartsheet>",
                    state: "veryHidden", kind: .chartsheet),
            ]))
        let sheets = try book.open().sheets
        #expect(sheets.map(\.name) == ["Data Pekerja", "Rekap", "Grafik"])
        #expect(sheets.map(\.state) == [.visible, .hidden, .veryHidden])
        #expect(sheets.map(\.kind) == [.worksheet, .worksheet, .chartsheet])
    }

    @Test("the inflate cap stops a sheet that inflates past it")
    func inflateCap() throws {
        let book = try TemporaryWorkbook(Self.largeSheet(rows: 20_000))
        let workbook = try book.open(limits: .capped(at: 1 << 20))
        #expect {
            try workbook.reader(for: workbook.sheets[0]).statistics()
        } throws: { error in
            (error as? XLSXError)?.code == .limitExceeded
        }
    }
}
