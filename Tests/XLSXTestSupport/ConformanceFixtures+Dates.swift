/// Items 23-25: dates.
extension ConformanceFixtures {
    static let dateFixtures: [ConformanceFixture] = [
        builtInDateFormats, customDateFormats, dates1900, dates1904, dates1904True, dates1904False, isoDates1904,
    ]

    private typealias X = XLSXBuilder

    /// The built-in number format ids that are dates (item 23).
    public static let builtInDateFormatIDs = Array(14...22) + Array(27...36) + Array(45...47) + Array(50...58)
    /// Built-in ids that are not dates.
    public static let builtInOtherFormatIDs = Array(0...13) + Array(23...26) + Array(37...44) + [48, 49]

    /// Item 23: row i holds, in A, a built-in format id and, in B, 45966.5 in that format.
    public static let builtInDateFormats = ConformanceFixture(.xlsx, "23-built-in-date-formats.xlsx", items: [23]) {
        let ids = builtInDateFormatIDs + builtInOtherFormatIDs
        let rows = ids.enumerated().map { index, id in
            row(index + 1, number("A\(index + 1)", "\(id)"), number("B\(index + 1)", "45966.5", style: index + 1))
        }.joined()
        return X(rows: rows, styles: X.styles(cellFormats: [0] + ids)).archive()
    }

    /// Custom format codes and whether a number in them is a date (item 23).
    public static let customFormatCodes: [(code: String, isDate: Bool)] = [
        ("yyyy-mm-dd", true),
        ("dd/mm/yyyy", true),
        ("d mmmm yyyy", true),
        ("[$-421]dd mmmm yyyy", true),
        ("dd/mm/yyyy hh:mm", true),
        ("hh:mm:ss", true),
        ("h:mm AM/PM", true),
        ("[h]:mm:ss", true),
        ("mm:ss.0", true),
        ("\"Tanggal: \"dd/mm/yyyy", true),
        ("yyyy\"年\"m\"月\"d\"日\"", true),
        ("[Red]dd/mm/yyyy", true),
        ("mmm-yy", true),
        ("dddd", true),
        ("0.00\"m\"", false),
        ("[Red]0.00", false),
        ("#,##0.00 \"days\"", false),
        ("0.0 \\k\\m", false),
        ("\"hari ke-\"0", false),
        ("General", false),
        ("@", false),
        ("0.00;[Red]-0.00;\"-\"", false),
        ("0.00;yyyy-mm-dd", false),
        ("_(* #,##0_);_(* \\(#,##0\\);_(* \"-\"??_);_(@_)", false),
        ("[$Rp-421]#,##0.00", false),
        ("0%", false),
        ("0.00E+00", false),
        ("# ?/?", false),
    ]

    /// Item 23: row i holds, in A, a custom format code as text and, in B, 45966.5 in that format.
    public static let customDateFormats = ConformanceFixture(.xlsx, "23-custom-date-formats.xlsx", items: [23]) {
        let formats = customFormatCodes.enumerated().map { (id: 164 + $0.offset, code: $0.element.code) }
        let rows = formats.enumerated().map { index, format in
            row(index + 1, inline("A\(index + 1)", format.code), number("B\(index + 1)", "45966.5", style: index + 1))
        }.joined()
        return X(rows: rows, styles: X.styles(numberFormats: formats, cellFormats: [0] + formats.map(\.id))).archive()
    }

    /// Style 1: m/d/yyyy (14), 2: m/d/yyyy h:mm (22), 3: h:mm:ss (21).
    private static let dateStyles = X.styles(cellFormats: [0, 14, 22, 21])

    /// The serials of `dates1900` with their styles, one per row; expected output is in the tests.
    public static let serials1900: [(value: String, style: Int)] = [
        ("1", 1), ("59", 1), ("60", 1), ("61", 1), ("0", 3), ("0.5", 3), ("0.75", 3), ("45966", 1),
        ("45966.25", 2), ("45966.6", 2), ("45966.999999995", 2), ("0.5000014236111111", 3), ("2958465", 1),
        ("2958465.5", 2), ("2958466", 1), ("-1", 1), ("45966.000011574", 2), ("45966.0000005", 2),
        ("0.99999999", 3), ("1.5", 2), ("60.5", 2), ("366", 1), ("367", 1),
    ]

    /// Item 24: the 1900 date system, its phantom 29 February, times, rounding, the range limits.
    public static let dates1900 = ConformanceFixture(.xlsx, "24-dates-1900.xlsx", items: [24]) {
        X(
            rows: serials1900.enumerated().map { index, serial in
                row(index + 1, number("A\(index + 1)", serial.value, style: serial.style))
            }.joined(), styles: dateStyles
        ).archive()
    }

    private static func book1904(_ flag: String) -> [UInt8] {
        var book = X(
            rows: row(1, number("A1", "1", style: 1)) + row(2, number("A2", "44504", style: 1))
                + row(3, number("A3", "44504.5", style: 2)) + row(4, number("A4", "59", style: 1))
                + row(5, number("A5", "60", style: 1)),
            styles: dateStyles)
        book.workbookProperties = "date1904=\"\(flag)\""
        return book.archive()
    }

    /// Item 24: `date1904="1"` adds 1462 days (and 1904 is a true leap year).
    public static let dates1904 = ConformanceFixture(.xlsx, "24-dates-1904.xlsx", items: [24]) { book1904("1") }

    /// Item 24: `date1904="true"` is the same.
    public static let dates1904True = ConformanceFixture(.xlsx, "24-dates-1904-true.xlsx", items: [24]) {
        book1904("true")
    }

    /// Item 24: `date1904="false"` is the 1900 system.
    public static let dates1904False = ConformanceFixture(.xlsx, "24-dates-1904-false.xlsx", items: [24]) {
        book1904("false")
    }

    /// Item 25: `t="d"` ISO 8601 texts ignore date1904; a numeric date beside them does not.
    public static let isoDates1904 = ConformanceFixture(.xlsx, "25-iso-dates-1904.xlsx", items: [18, 25]) {
        var book = X(
            rows: row(
                1, "<c r=\"A1\" t=\"d\"><v>2025-11-05T00:00:00</v></c>",
                "<c r=\"B1\" t=\"d\"><v>2025-11-05</v></c>",
                "<c r=\"C1\" t=\"d\"><v>2025-11-05T13:45:30</v></c>",
                "<c r=\"D1\" t=\"d\"><v>2025-11-05T13:45:30.250</v></c>",
                number("E1", "44504", style: 1),
                "<c r=\"F1\" t=\"d\"><v>1900-02-28</v></c>", "<c r=\"G1\" t=\"d\"/>",
                "<c r=\"H1\" t=\"d\" s=\"1\"><v>1999-12-31T23:59:59</v></c>"),
            styles: dateStyles)
        book.workbookProperties = "date1904=\"1\""
        return book.archive()
    }
}
