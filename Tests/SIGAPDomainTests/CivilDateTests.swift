import Testing

@testable import SIGAPDomain

@Suite("CivilDate")
struct CivilDateTests {
    @Test(
        "validity",
        arguments: [
            (2024, 2, 29, true), (2023, 2, 29, false), (2000, 2, 29, true), (1900, 2, 29, false),
            (2025, 4, 30, true), (2025, 4, 31, false), (2025, 12, 31, true), (2025, 13, 1, false),
            (2025, 0, 1, false), (2025, 1, 0, false), (0, 1, 1, false), (9999, 12, 31, true),
        ])
    func validity(year: Int, month: Int, day: Int, valid: Bool) {
        #expect((CivilDate(year: year, month: month, day: day) != nil) == valid)
        #expect(CivilDate.isValid(year: year, month: month, day: day) == valid)
    }

    @Test("days since 1970-01-01")
    func epochDays() {
        #expect(CivilDate(year: 1970, month: 1, day: 1)!.daysSinceEpoch == 0)
        #expect(CivilDate(year: 1969, month: 12, day: 31)!.daysSinceEpoch == -1)
        #expect(CivilDate(year: 2000, month: 3, day: 1)!.daysSinceEpoch == 11_017)
        #expect(CivilDate(year: 2025, month: 11, day: 5)!.daysSinceEpoch == 20_397)
        #expect(CivilDate(daysSinceEpoch: 20_397) == CivilDate(year: 2025, month: 11, day: 5))
        #expect(CivilDate(year: 1, month: 1, day: 1)!.daysSinceEpoch == -719_162)
    }

    @Test("day counts round-trip and increase with the date, over years 1 to 9999")
    func roundTrip() {
        var previous = CivilDate(daysSinceEpoch: -719_163)
        var failures: [Int] = []
        for days in stride(from: -719_162, through: 2_932_896, by: 7) {
            let date = CivilDate(daysSinceEpoch: days)
            if date.daysSinceEpoch != days || !(previous < date)
                || CivilDate(year: date.year, month: date.month, day: date.day) != date
            {
                failures.append(days)
            }
            previous = date
        }
        #expect(failures.isEmpty)
        #expect(CivilDate(daysSinceEpoch: -719_162) == CivilDate(year: 1, month: 1, day: 1))
        #expect(CivilDate(daysSinceEpoch: 2_932_896) == CivilDate(year: 9999, month: 12, day: 31))
    }

    @Test("adding days across month, year and leap boundaries")
    func adding() {
        let date = CivilDate(year: 2024, month: 2, day: 28)!
        #expect(date.adding(days: 1).description == "2024-02-29")
        #expect(date.adding(days: 2).description == "2024-03-01")
        #expect(CivilDate(year: 2025, month: 12, day: 31)!.adding(days: 1).description == "2026-01-01")
        #expect(CivilDate(year: 2026, month: 1, day: 1)!.adding(days: -1).description == "2025-12-31")
    }

    @Test("order and ISO text")
    func orderAndText() {
        let a = CivilDate(year: 1985, month: 8, day: 17)!
        let b = CivilDate(year: 1985, month: 9, day: 1)!
        #expect(a < b)
        #expect(!(b < a))
        #expect(a.description == "1985-08-17")
        #expect(CivilDate(year: 5, month: 1, day: 2)!.description == "0005-01-02")
    }

    @Test("completed years, including a 29 February birthday")
    func completedYears() {
        let born = CivilDate(year: 2004, month: 2, day: 29)!
        #expect(born.completedYears(on: CivilDate(year: 2025, month: 2, day: 28)!) == 20)
        #expect(born.completedYears(on: CivilDate(year: 2025, month: 3, day: 1)!) == 21)
        let other = CivilDate(year: 1985, month: 8, day: 17)!
        #expect(other.completedYears(on: CivilDate(year: 2025, month: 8, day: 16)!) == 39)
        #expect(other.completedYears(on: CivilDate(year: 2025, month: 8, day: 17)!) == 40)
        #expect(other.completedYears(on: CivilDate(year: 1980, month: 1, day: 1)!) < 0)
    }
}

@Suite("YearMonth")
struct YearMonthTests {
    @Test("parse and print")
    func parse() {
        #expect(YearMonth("2025-11")?.description == "2025-11")
        #expect(YearMonth("2025-01") == YearMonth(year: 2025, month: 1))
        for bad in ["2025-13", "2025-00", "2025-1", "25-11", "2025/11", "2025-11-01", "", "abcd-ef", "0000-01"] {
            #expect(YearMonth(bad) == nil, "\(bad)")
        }
    }

    @Test("first day, last day, next and previous")
    func navigation() {
        let november = YearMonth("2025-11")!
        #expect(november.firstDay.description == "2025-11-01")
        #expect(november.lastDay.description == "2025-11-30")
        #expect(YearMonth("2024-02")!.lastDay.description == "2024-02-29")
        #expect(november.next.description == "2025-12")
        #expect(november.next.next.description == "2026-01")
        #expect(YearMonth("2026-01")!.previous.description == "2025-12")
        #expect(november.previous.description == "2025-10")
        #expect(november < november.next)
        #expect(november.months(to: YearMonth("2026-02")!) == 3)
        #expect(YearMonth(CivilDate(year: 2025, month: 11, day: 5)!) == november)
    }

    @Test(
        "century rule of SPEC §5.1",
        arguments: [
            ("2025-11", 10, 2010), ("2025-11", 30, 1930), ("2025-11", 25, 2025), ("2025-11", 26, 1926),
            ("2025-11", 0, 2000), ("2025-11", 99, 1999), ("2000-01", 0, 2000), ("2000-01", 1, 1901),
            ("1999-12", 0, 1900), ("1999-12", 99, 1999), ("2100-06", 0, 2100), ("2100-06", 1, 2001),
        ])
    func century(month: String, twoDigitYear: Int, expected: Int) {
        #expect(YearMonth(month)!.resolvedYear(twoDigitYear: twoDigitYear) == expected)
    }

    @Test("the current month in Asia/Jakarta")
    func jakarta() {
        // 2025-10-31T17:00:00Z is 2025-11-01T00:00 in Jakarta.
        #expect(YearMonth.jakarta(unixTime: 1_761_930_000).description == "2025-11")
        #expect(YearMonth.jakarta(unixTime: 1_761_929_999).description == "2025-10")
        #expect(YearMonth.jakarta(unixTime: 0).description == "1970-01")
    }
}
