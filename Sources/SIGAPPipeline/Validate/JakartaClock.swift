import SIGAPDomain

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// "Today" for the pipeline: the civil date in Asia/Jakarta (UTC+7, no daylight saving).
public enum JakartaClock {
    public static func today(now: Int = Int(time(nil))) -> CivilDate {
        let seconds = now + 7 * 3600
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        return CivilDate(daysSinceEpoch: days)
    }

    public static func currentMonth(now: Int = Int(time(nil))) -> YearMonth {
        YearMonth(today(now: now))
    }
}
