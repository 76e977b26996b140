/// A calendar month, written `2025-11`: the month being processed, a roster month, a period.
public struct YearMonth: Hashable, Comparable, Sendable, LosslessStringConvertible {
    // Eight bytes, not sixteen: every ledger line holds two of these, and a month can have a
    // million lines.
    private let storedYear: Int32
    private let storedMonth: Int32

    public var year: Int { Int(storedYear) }
    public var month: Int { Int(storedMonth) }

    /// The month, or nil when `month` is outside 1...12 or `year` outside 1...9999.
    public init?(year: Int, month: Int) {
        guard (1...9999).contains(year), (1...12).contains(month) else { return nil }
        storedYear = Int32(year)
        storedMonth = Int32(month)
    }

    /// Parses exactly `YYYY-MM` (four-digit year, two-digit month).
    public init?(_ description: String) {
        let parts = description.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].utf8.count == 4, parts[1].utf8.count == 2,
            let year = Digits.value(parts[0]), let month = Digits.value(parts[1])
        else { return nil }
        self.init(year: year, month: month)
    }

    /// The month that contains `date`.
    public init(_ date: CivilDate) {
        storedYear = Int32(date.year)
        storedMonth = Int32(date.month)
    }

    public var description: String {
        "\(Digits.padded(year, width: 4))-\(Digits.padded(month, width: 2))"
    }

    /// The first day of the month (the day on which ages are counted).
    public var firstDay: CivilDate {
        CivilDate(year: year, month: month, day: 1)!
    }

    /// The last day of the month.
    public var lastDay: CivilDate {
        CivilDate(year: year, month: month, day: CivilDate.daysInMonth(year: year, month: month))!
    }

    /// The following month (December 9999 has none: it returns itself).
    public var next: YearMonth {
        if month == 12 { return YearMonth(year: year + 1, month: 1) ?? self }
        return YearMonth(year: year, month: month + 1)!
    }

    /// The preceding month (January of year 1 has none: it returns itself).
    public var previous: YearMonth {
        if month == 1 { return YearMonth(year: year - 1, month: 12) ?? self }
        return YearMonth(year: year, month: month - 1)!
    }

    /// Months from `self` to `other` (negative when `other` is earlier).
    public func months(to other: YearMonth) -> Int {
        (other.year - year) * 12 + (other.month - month)
    }

    /// The century rule of SPEC §5.1, used for NIK birth dates and two-digit years in dates:
    /// the latest year ending in `twoDigitYear` that is not after this month's year
    /// (in 2025-11: `10` → 2010, `25` → 2025, `30` → 1930).
    public func resolvedYear(twoDigitYear: Int) -> Int {
        let yy = ((twoDigitYear % 100) + 100) % 100
        let candidate = year - ((year % 100) + 100) % 100 + yy
        return candidate > year ? candidate - 100 : candidate
    }

    public static func < (lhs: YearMonth, rhs: YearMonth) -> Bool {
        (lhs.year, lhs.month) < (rhs.year, rhs.month)
    }
}
