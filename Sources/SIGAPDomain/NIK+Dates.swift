extension NIK {
    /// True when a stated birth date agrees with a NIK's: same day, month and last two digits of
    /// the year. The NIK does not encode the century, so a stated 1925-03-04 agrees with a NIK whose
    /// date resolves to 2025-03-04 (NIK_DOB_MISMATCH is about Dukcapil corrections, not centuries).
    public static func sameEncodedDate(_ nikDate: CivilDate, _ stated: CivilDate) -> Bool {
        nikDate.day == stated.day && nikDate.month == stated.month && nikDate.year % 100 == stated.year % 100
    }
}
