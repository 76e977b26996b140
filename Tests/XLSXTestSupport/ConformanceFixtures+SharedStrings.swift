/// Items 10-15: the shared string table.
extension ConformanceFixtures {
    static let sharedStringFixtures: [ConformanceFixture] = [
        emptySharedStrings, richText, whitespace, inlineWhitespace, escapes, hugeCounts, tooSmallCounts,
        garbageCounts, sharedIndexOutOfRange,
    ]

    private typealias X = XLSXBuilder

    private static func sheet(_ rows: String, sst: String) -> [UInt8] {
        X(rows: rows, sharedStrings: sst).archive()
    }

    private static func table(_ attributes: String, _ items: String) -> String {
        X.declaration + "<sst xmlns=\"\(X.mainNamespace)\" \(attributes)>" + items + "</sst>"
    }

    /// Item 10: four empty items (`<si/>`, `<t/>`, `<t></t>`, an empty run) each take an index.
    public static let emptySharedStrings = ConformanceFixture(.xlsx, "10-empty-shared-strings.xlsx", items: [10]) {
        sheet(
            row(1, shared("A1", 0), shared("B1", 5))
                + row(2, shared("A2", 1), shared("B2", 2), shared("C2", 3), shared("D2", 4), shared("E2", 6))
                + row(3, shared("A3", 1), shared("B3", 2)),
            sst: table(
                "count=\"9\" uniqueCount=\"7\"",
                "<si><t>NIK</t></si><si/><si><t/></si><si><t></t></si><si><r><t></t></r></si>"
                    + "<si><t>NAMA</t></si><si><t>Siti</t></si>"))
    }

    /// Item 11: runs concatenated after a leading plain `<t>`, phonetic runs and properties skipped.
    public static let richText = ConformanceFixture(.xlsx, "11-rich-text.xlsx", items: [11]) {
        sheet(
            row(
                1, shared("A1", 0), shared("B1", 1), shared("C1", 2), shared("D1", 3),
                "<c r=\"E1\" t=\"inlineStr\"><is><r><t>in</t></r><r><rPr><b/></rPr><t>line</t></r>"
                    + "<rPh sb=\"0\" eb=\"1\"><t>X</t></rPh></is></c>"),
            sst: X.sharedStrings(items: [
                "<t xml:space=\"preserve\">Siti </t><r><t>Nur</t></r><r><rPr><b/><sz val=\"11\"/></rPr><t>haliza</t></r>",
                "<r><t>Kec.</t></r><r><rPr><i/></rPr><t xml:space=\"preserve\"> Bekasi Timur</t></r>"
                    + "<rPh sb=\"0\" eb=\"4\"><t>ケック</t></rPh><phoneticPr fontId=\"1\" type=\"noConversion\"/>",
                "<t>東京</t><rPh sb=\"0\" eb=\"2\"><t>トウキョウ</t></rPh><phoneticPr fontId=\"1\"/>",
                "<r><rPr><rFont val=\"Arial\"/><color rgb=\"FFFF0000\"/></rPr><t>merah</t></r><r><t>-biru</t></r>",
            ]))
    }

    /// Item 12: leading and trailing XML whitespace is trimmed without `xml:space="preserve"`
    /// (a no-break space is not XML whitespace), kept with it.
    public static let whitespace = ConformanceFixture(.xlsx, "12-whitespace.xlsx", items: [12]) {
        sheet(
            row(
                1, shared("A1", 0), shared("B1", 1), shared("C1", 2), shared("D1", 3), shared("E1", 4),
                shared("F1", 5), shared("G1", 6), shared("H1", 7)),
            sst: X.sharedStrings(items: [
                "<t>  tanpa preserve  </t>",
                "<t xml:space=\"preserve\">  dengan preserve  </t>",
                "<t>\n\tbaris\n</t>",
                "<t>   </t>",
                "<t xml:space=\"preserve\">   </t>",
                "<t>dalam  dua  spasi</t>",
                "<r><t xml:space=\"preserve\">Jl. </t></r><r><t> Ahmad Yani </t></r>",
                "<t>\u{00A0}nbsp\u{00A0}</t>",
            ]))
    }

    /// Item 12: the same rule for inline strings.
    public static let inlineWhitespace = ConformanceFixture(.xlsx, "12-whitespace-inline.xlsx", items: [12]) {
        X(
            rows: row(
                1,
                "<c r=\"A1\" t=\"inlineStr\"><is><t> inline tanpa </t></is></c>",
                "<c r=\"B1\" t=\"inlineStr\"><is><t xml:space=\"preserve\"> inline dengan </t></is></c>",
                "<c r=\"C1\" t=\"inlineStr\"><is><t>  </t></is></c>")
        ).archive()
    }

    /// Item 13: `_xHHHH_` escapes (CR, LF, tab, controls, a surrogate pair, an escaped underscore,
    /// an invalid escape left alone) and JSON escaping of what comes out.
    public static let escapes = ConformanceFixture(.xlsx, "13-escapes.xlsx", items: [13]) {
        sheet(
            row(
                1, shared("A1", 0), shared("B1", 1), shared("C1", 2), shared("D1", 3), shared("E1", 4),
                shared("F1", 5), shared("G1", 6), shared("H1", 7), shared("I1", 8), shared("J1", 9),
                shared("K1", 10), shared("L1", 11))
                + row(2, "<c r=\"A2\" t=\"inlineStr\"><is><t>in_x000D_line</t></is></c>"),
            sst: X.sharedStrings(items: [
                "<t>baris1_x000D__x000A_baris2</t>",
                "<t>_x005F_x000D_</t>",
                "<t>tab_x0009_di sini</t>",
                "<t>ctl_x0001__x0008__x000C__x001F_end</t>",
                "<t>caf_x00E9_</t>",
                "<t>_xD83D__xDE00_</t>",
                "<t>_x00zz_ tetap</t>",
                "<t>kutip \"ganda\" dan \\ garis</t>",
                "<t>a/b &lt;c&gt; &amp; d</t>",
                "<t>Bekasi – Jawa Barat 😀</t>",
                "<t>a_x005F_b</t>",
                "<t>cr&#13;ref</t>",
            ]))
    }

    private static let threeStrings = "<si><t>satu</t></si><si><t>dua</t></si><si><t>tiga</t></si>"
    private static let threeCells = row(1, shared("A1", 0), shared("B1", 1), shared("C1", 2))

    /// Item 14: counts that would need 4 billion slots if trusted.
    public static let hugeCounts = ConformanceFixture(.xlsx, "14-huge-counts.xlsx", items: [14]) {
        sheet(threeCells, sst: table("count=\"4294967295\" uniqueCount=\"4294967295\"", threeStrings))
    }

    /// Item 14: counts smaller than the table.
    public static let tooSmallCounts = ConformanceFixture(.xlsx, "14-too-small-counts.xlsx", items: [14]) {
        sheet(threeCells, sst: table("count=\"1\" uniqueCount=\"1\"", threeStrings))
    }

    /// Item 14: counts that are not numbers at all.
    public static let garbageCounts = ConformanceFixture(.xlsx, "14-garbage-counts.xlsx", items: [14]) {
        sheet(threeCells, sst: table("count=\"-1\" uniqueCount=\"banyak\"", threeStrings))
    }

    /// Item 15: indexes at, past and far past the end of a two-item table, and negative.
    public static let sharedIndexOutOfRange = ConformanceFixture(
        .xlsx, "15-shared-index-out-of-range.xlsx", items: [15]
    ) {
        sheet(
            row(
                1, shared("A1", 0), shared("B1", 1), shared("C1", 2),
                "<c r=\"D1\" t=\"s\"><v>-1</v></c>", "<c r=\"E1\" t=\"s\"><v>4294967296</v></c>",
                "<c r=\"F1\" t=\"s\"><v>99999999999999999999</v></c>"),
            sst: X.sharedStrings(["nol", "satu"]))
    }
}
