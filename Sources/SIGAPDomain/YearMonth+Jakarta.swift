extension YearMonth {
    /// Asia/Jakarta's offset from UTC (WIB, no daylight saving): the pipeline's clock (SPEC §3).
    public static let jakartaOffsetSeconds = 7 * 3600

    /// The month in Asia/Jakarta at `unixTime` (seconds since 1970-01-01T00:00:00Z).
    public static func jakarta(unixTime: Int) -> YearMonth {
        let local = unixTime + jakartaOffsetSeconds
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        return YearMonth(CivilDate(daysSinceEpoch: days))
    }
}
