import Testing

@testable import XLSX

@Suite("Date formats (XLSX-READER.md item 23)")
struct NumberFormatTests {
    @Test("built-in date ids", arguments: Array(0...200))
    func builtIn(id: Int) {
        let dates = Set(Array(14...22) + Array(27...36) + Array(45...47) + Array(50...58))
        #expect(NumberFormat.isBuiltInDate(id) == dates.contains(id))
    }

    @Test(
        "custom formats that show dates or times",
        arguments: [
            "dd/mm/yyyy", "d-mmm-yy", "yyyy-mm-dd hh:mm:ss", "[h]:mm:ss", "[$-421]dd mmmm yyyy", "mm:ss.0",
            "[Red]dd/mm/yyyy", "DD/MM/YYYY", "h AM/PM", "\"Tanggal: \"dd/mm/yyyy",
        ])
    func dates(code: String) {
        #expect(NumberFormat.isDateFormat(code))
    }

    @Test(
        "custom formats that are not dates",
        arguments: [
            "0.00\"m\"", "[Red]0.00", "General", "#,##0", "0.00E+00", "\"Rp\" #,##0", "Rp #.##0",
            "_(* #,##0_);_(* (#,##0);_(* \"-\"??_);_(@_)", "\\d0", "@", "0;[Red]dd", "[$Rp-421]#,##0",
        ])
    func notDates(code: String) {
        #expect(!NumberFormat.isDateFormat(code))
    }
}
