extension ValidatedRow {
    /// The two-digit years the century rule may have resolved for this row (a superset): the
    /// NIK's birth year, when the cell cleaned to 16 digits, and every pair of digits of a birth
    /// date written as text (its own column or `TEMPAT, TANGGAL LAHIR`). A date cell and a number
    /// are not read by the rule.
    public var twoDigitYears: TwoDigitYears {
        var years = TwoDigitYears()
        if let cleaned = nikReading.cleaned, cleaned.utf8.count == 16, Digits.areAll(cleaned),
            let year = Digits.value(cleaned.dropFirst(10).prefix(2))
        {
            years.insert(year)
        }
        if case .text(let text) = original.birthDate { years.insertDigitPairs(of: text) }
        if let text = original.birthPlaceDate { years.insertDigitPairs(of: text) }
        return years
    }
}
