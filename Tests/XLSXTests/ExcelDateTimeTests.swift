import Testing

@testable import XLSX

@Suite("Excel serial dates (XLSX-READER.md items 24-25)")
struct ExcelDateTimeTests {
    @Test(
        "1900 system, including the phantom 29 February",
        arguments: [
            (1.0, "1900-01-01"), (59.0, "1900-02-28"), (60.0, "1900-02-29"), (61.0, "1900-03-01"),
            (45966.0, "2025-11-05"), (2_958_465.0, "9999-12-31"),
        ])
    func serials1900(serial: Double, expected: String) {
        #expect(ExcelDateTime(serial: serial, date1904: false)?.description == expected)
    }

    @Test("date1904 adds 1462 days")
    func serials1904() {
        #expect(ExcelDateTime(serial: 0, date1904: true)?.isTimeOnly == true)
        #expect(ExcelDateTime(serial: 1, date1904: true)?.description == "1904-01-02")
        #expect(ExcelDateTime(serial: 44504, date1904: true)?.description == "2025-11-05")
    }

    @Test("times of day and milliseconds")
    func times() {
        #expect(ExcelDateTime(serial: 0.5, date1904: false)?.description == "12:00:00")
        #expect(ExcelDateTime(serial: 0, date1904: false)?.description == "00:00:00")
        #expect(ExcelDateTime(serial: 45966.75, date1904: false)?.description == "2025-11-05T18:00:00")
        // 0.1 s past midnight is 1/864000 of a day.
        #expect(ExcelDateTime(serial: 45966 + 1.0 / 864_000, date1904: false)?.description == "2025-11-05T00:00:00.100")
        // 23:59:59.9996 rounds to the next midnight.
        #expect(ExcelDateTime(serial: 45966 + 0.999_999_999_5, date1904: false)?.description == "2025-11-06")
    }

    @Test("negative serials and serials past 9999-12-31 are not dates")
    func outOfRange() {
        #expect(ExcelDateTime(serial: -1, date1904: false) == nil)
        #expect(ExcelDateTime(serial: 2_958_466, date1904: false) == nil)
    }

    @Test("ISO 8601 text of t=\"d\" cells")
    func isoText() {
        #expect(ExcelDateTime(iso: "2025-11-05")?.description == "2025-11-05")
        #expect(ExcelDateTime(iso: "2025-11-05T00:00:00")?.description == "2025-11-05")
        #expect(ExcelDateTime(iso: "2025-11-05T08:30:00Z")?.description == "2025-11-05T08:30:00")
        #expect(ExcelDateTime(iso: "2025-11-05T08:30:00.25+07:00")?.description == "2025-11-05T08:30:00.250")
        #expect(ExcelDateTime(iso: "13:45:10")?.description == "13:45:10")
        #expect(ExcelDateTime(iso: "2025-02-29") == nil)
        #expect(ExcelDateTime(iso: "2024-02-29")?.description == "2024-02-29")
        #expect(ExcelDateTime(iso: "5 November 2025") == nil)
    }

    @Test("civil day counts round-trip")
    func civilRoundTrip() {
        for days in stride(from: -800_000, through: 800_000, by: 997) {
            let civil = ExcelDateTime.civil(fromDaysSince1970: days)
            #expect(ExcelDateTime.daysSince1970(year: civil.year, month: civil.month, day: civil.day) == days)
        }
    }
}

extension ExcelDateTimeTests {
    @Test("a time that rounds up to a whole day is that day, not midnight of day 0")
    func timeRoundingToADay() {
        #expect(ExcelDateTime(serial: 0.999_999_999_9, date1904: false)?.description == "1900-01-01")
        #expect(ExcelDateTime(serial: 0.999_99, date1904: false)?.description == "23:59:59.136")
    }
}
