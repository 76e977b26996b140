import Testing
import XLSXTestSupport

/// XLSX-READER.md items 23-25: dates.
@Suite("Dates (items 23-25)")
struct DateConformanceTests {
    typealias F = ConformanceFixtures

    static let noon = ##"["B","d","2025-11-05T12:00:00"]"##
    static let number = ##"["B","n",45966.5]"##

    @Test("23: built-in formats 14-22, 27-36, 45-47, 50-58 are dates, the others not")
    func builtInFormats() throws {
        let dateIDs = Set(F.builtInDateFormatIDs)
        let expected = (F.builtInDateFormatIDs + F.builtInOtherFormatIDs).enumerated().map { index, id in
            ##"{"row":\##(index + 1),"cells":[["A","n",\##(id)],\##(dateIDs.contains(id) ? Self.noon : Self.number)]}"##
        }
        try SigapProcess.run(["xlsx", "dump", F.builtInDateFormats.path]).expectSuccess(lines: expected)
    }

    @Test("23: custom formats are dates by their first section outside quotes, brackets and escapes")
    func customFormats() throws {
        let expected = F.customFormatCodes.enumerated().map { index, format in
            ##"{"row":\##(index + 1),"cells":[["A","s",\##(format.code.jsonQuoted)],"##
                + ##"\##(format.isDate ? Self.noon : Self.number)]}"##
        }
        try SigapProcess.run(["xlsx", "dump", F.customDateFormats.path]).expectSuccess(lines: expected)
    }

    /// The output for each of `ConformanceFixtures.serials1900`, in order.
    static let printed1900 = [
        ##""d","1900-01-01""##, ##""d","1900-02-28""##, ##""d","1900-02-29""##, ##""d","1900-03-01""##,
        ##""d","00:00:00""##, ##""d","12:00:00""##, ##""d","18:00:00""##, ##""d","2025-11-05""##,
        ##""d","2025-11-05T06:00:00""##, ##""d","2025-11-05T14:24:00""##, ##""d","2025-11-06""##,
        ##""d","12:00:00.123""##, ##""d","9999-12-31""##, ##""d","9999-12-31T12:00:00""##, ##""n",2958466"##,
        ##""n",-1"##, ##""d","2025-11-05T00:00:01""##, ##""d","2025-11-05T00:00:00.043""##,
        ##""d","23:59:59.999""##, ##""d","1900-01-01T12:00:00""##, ##""d","1900-02-29T12:00:00""##,
        ##""d","1900-12-31""##, ##""d","1901-01-01""##,
    ]

    static var expected1900: [String] {
        printed1900.enumerated().map { index, value in ##"{"row":\##(index + 1),"cells":[["A",\##(value)]]}"## }
    }

    @Test("24: the 1900 system: phantom 1900-02-29, times, millisecond rounding, range limits")
    func dates1900() throws {
        try #require(Self.printed1900.count == F.serials1900.count)
        try SigapProcess.run(["xlsx", "dump", F.dates1900.path]).expectSuccess(lines: Self.expected1900)
    }

    @Test("24: civil time, whatever the time zone", arguments: ["Pacific/Kiritimati", "Etc/GMT+12", "Asia/Jakarta"])
    func datesIgnoreTimeZone(zone: String) throws {
        try SigapProcess.run(["xlsx", "dump", F.dates1900.path], environment: ["TZ": zone])
            .expectSuccess(lines: Self.expected1900)
    }

    static let expected1904 = [
        ##"{"row":1,"cells":[["A","d","1904-01-02"]]}"##,
        ##"{"row":2,"cells":[["A","d","2025-11-05"]]}"##,
        ##"{"row":3,"cells":[["A","d","2025-11-05T12:00:00"]]}"##,
        ##"{"row":4,"cells":[["A","d","1904-02-29"]]}"##,
        ##"{"row":5,"cells":[["A","d","1904-03-01"]]}"##,
    ]

    @Test("24: date1904=\"1\" and \"true\" add 1462 days", arguments: [F.dates1904, F.dates1904True])
    func dates1904(fixture: ConformanceFixture) throws {
        try SigapProcess.run(["xlsx", "dump", fixture.path]).expectSuccess(lines: Self.expected1904)
    }

    @Test("24: date1904=\"false\" is the 1900 system")
    func dates1904False() throws {
        try SigapProcess.run(["xlsx", "dump", F.dates1904False.path]).expectSuccess(lines: [
            ##"{"row":1,"cells":[["A","d","1900-01-01"]]}"##,
            ##"{"row":2,"cells":[["A","d","2021-11-04"]]}"##,
            ##"{"row":3,"cells":[["A","d","2021-11-04T12:00:00"]]}"##,
            ##"{"row":4,"cells":[["A","d","1900-02-28"]]}"##,
            ##"{"row":5,"cells":[["A","d","1900-02-29"]]}"##,
        ])
    }

    @Test("25: t=\"d\" ISO dates ignore date1904 (the numeric date beside them does not)")
    func isoDatesIgnoreDate1904() throws {
        try SigapProcess.run(["xlsx", "dump", F.isoDates1904.path]).expectSuccess(lines: [
            ##"{"row":1,"cells":[["A","d","2025-11-05"],["B","d","2025-11-05"],["C","d","2025-11-05T13:45:30"],"##
                + ##"["D","d","2025-11-05T13:45:30.250"],["E","d","2025-11-05"],["F","d","1900-02-28"],"##
                + ##"["H","d","1999-12-31T23:59:59"]]}"##
        ])
    }
}
