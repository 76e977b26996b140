/// A civil date and time of day read from a workbook: no time zone, no calendar object. Either a
/// date-formatted serial number (`serial` kept) or `t="d"` ISO 8601 text.
public struct ExcelDateTime: Sendable, Hashable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int
    public var second: Int
    public var millisecond: Int
    /// A time of day without a date (serial below 1).
    public var isTimeOnly: Bool
    /// The serial number as stored, for date-formatted numbers; nil for ISO text.
    public var serial: Double?

    public init(
        year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0, millisecond: Int = 0,
        isTimeOnly: Bool = false, serial: Double? = nil
    ) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
        self.millisecond = millisecond
        self.isTimeOnly = isTimeOnly
        self.serial = serial
    }

    /// Whether the time of day is midnight.
    public var hasTime: Bool { hour != 0 || minute != 0 || second != 0 || millisecond != 0 }

    /// `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM:SS[.mmm]`, or `HH:MM:SS[.mmm]` for a time only.
    public var description: String {
        var time = "\(Self.pad(hour, 2)):\(Self.pad(minute, 2)):\(Self.pad(second, 2))"
        if millisecond != 0 { time += ".\(Self.pad(millisecond, 3))" }
        if isTimeOnly { return time }
        let date = "\(Self.pad(year, 4))-\(Self.pad(month, 2))-\(Self.pad(day, 2))"
        return hasTime ? "\(date)T\(time)" : date
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }

    // MARK: - Serial numbers

    /// The largest serial Excel shows as a date (9999-12-31).
    static let maximumSerial = 2_958_465.0

    /// Converts a serial number in the 1900 or 1904 date system; nil for negative serials or those
    /// past 9999-12-31. The 1900 system keeps Excel's phantom 1900-02-29 (serial 60).
    public init?(serial: Double, date1904: Bool) {
        // Serials from maximumSerial + 1 on are past 9999-12-31 whatever their fraction; refusing
        // them first also keeps `Int(...)` below from trapping on huge values (1e300).
        guard serial.isFinite, serial >= 0, serial < Self.maximumSerial + 1 else { return nil }
        var milliseconds = (serial * 86_400_000).rounded()
        var days = Int((milliseconds / 86_400_000).rounded(.down))
        milliseconds -= Double(days) * 86_400_000
        let timeOnly = days == 0
        if date1904 { days += 1462 }
        guard Double(days) <= Self.maximumSerial else { return nil }
        let year: Int, month: Int, day: Int
        if days == 60 {
            (year, month, day) = (1900, 2, 29)
        } else {
            // Serial 1 is 1900-01-01; from 61 on, Excel counts the phantom 29 February.
            let offset = days < 60 ? days : days - 1
            (year, month, day) = Self.civil(fromDaysSince1970: offset - 25_568)
        }
        var rest = Int(milliseconds)
        let hour = rest / 3_600_000
        rest %= 3_600_000
        let minute = rest / 60_000
        rest %= 60_000
        self.init(
            year: year, month: month, day: day, hour: hour, minute: minute, second: rest / 1000,
            millisecond: rest % 1000, isTimeOnly: timeOnly, serial: serial)
    }

    /// Days since 1970-01-01 of a civil date (proleptic Gregorian).
    public static func daysSince1970(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The civil date of a day count since 1970-01-01.
    public static func civil(fromDaysSince1970 days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    // MARK: - ISO 8601 text (t="d")

    /// Parses `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM[:SS[.fff]]` (a trailing `Z` or offset is ignored: the
    /// civil reading is kept) or `HH:MM[:SS[.fff]]`.
    public init?(iso text: String) {
        let bytes = Array(text.utf8)
        var cursor = 0
        func number(_ width: Int) -> Int? {
            guard cursor + width <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[cursor..<cursor + width] {
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            cursor += width
            return value
        }
        func expect(_ character: Character) -> Bool {
            guard cursor < bytes.count, bytes[cursor] == character.asciiValue! else { return false }
            cursor += 1
            return true
        }
        func time() -> (Int, Int, Int, Int)? {
            guard let hour = number(2), hour < 24, expect(":"), let minute = number(2), minute < 60 else { return nil }
            var second = 0, milliseconds = 0
            if expect(":") {
                guard let value = number(2), value < 60 else { return nil }
                second = value
                if expect(".") {
                    var digits = 0
                    while cursor < bytes.count, bytes[cursor] >= 48, bytes[cursor] <= 57 {
                        if digits < 3 { milliseconds = milliseconds * 10 + Int(bytes[cursor] - 48) }
                        digits += 1
                        cursor += 1
                    }
                    guard digits > 0 else { return nil }
                    if digits < 3 { for _ in digits..<3 { milliseconds *= 10 } }
                }
            }
            return (hour, minute, second, milliseconds)
        }
        if bytes.count >= 3, bytes[2] == UInt8(ascii: ":") {
            guard let (hour, minute, second, ms) = time(), cursor == bytes.count else { return nil }
            self.init(year: 1899, month: 12, day: 31, hour: hour, minute: minute, second: second, millisecond: ms, isTimeOnly: true)
            return
        }
        guard let year = number(4), expect("-"), let month = number(2), expect("-"), let day = number(2),
            (1...12).contains(month), day >= 1, day <= Self.daysIn(month: month, year: year)
        else { return nil }
        var clock = (0, 0, 0, 0)
        if expect("T") || expect(" ") {
            guard let parsed = time() else { return nil }
            clock = parsed
            if cursor < bytes.count {
                if bytes[cursor] == UInt8(ascii: "Z") {
                    cursor += 1
                } else if bytes[cursor] == UInt8(ascii: "+") || bytes[cursor] == UInt8(ascii: "-") {
                    cursor += 1
                    guard number(2) != nil else { return nil }
                    _ = expect(":")
                    guard number(2) != nil else { return nil }
                }
            }
        }
        guard cursor == bytes.count else { return nil }
        self.init(year: year, month: month, day: day, hour: clock.0, minute: clock.1, second: clock.2, millisecond: clock.3)
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
