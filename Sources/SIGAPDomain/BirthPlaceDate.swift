/// The `TEMPAT, TANGGAL LAHIR` column (`BEKASI, 17-08-1985`), split on its last comma (SPEC §4).
public struct BirthPlaceDate: Hashable, Sendable {
    /// The place, trimmed (nil when empty).
    public let place: String?
    /// The date text, trimmed (nil when there is none).
    public let dateText: String?

    /// Splits on the last comma. Without a comma: the whole text is the date when it reads as one
    /// (`17-08-1985`); else a date in its last one or three words (`BEKASI 17-08-1985`,
    /// `BEKASI 17 AGUSTUS 1985`); else, when it holds a digit, it is an unreadable date; else it is
    /// only a place.
    public init(_ text: String, month: YearMonth) {
        if let comma = text.lastIndex(of: ",") {
            place = BirthPlaceDate.nonEmpty(text[..<comma])
            dateText = BirthPlaceDate.nonEmpty(text[text.index(after: comma)...])
            return
        }
        let words = text.split(whereSeparator: \.isWhitespaceFast)
        for count in [words.count, 3, 1] where count <= words.count && count > 0 {
            let dateWords = words.suffix(count).joined(separator: " ")
            if CivilDate(parsing: dateWords, month: month) != nil {
                place = BirthPlaceDate.nonEmpty(words.dropLast(count).joined(separator: " "))
                dateText = dateWords
                return
            }
        }
        if text.contains(where: Digits.isDigit) {
            place = nil
            dateText = BirthPlaceDate.nonEmpty(text)
        } else {
            place = BirthPlaceDate.nonEmpty(text)
            dateText = nil
        }
    }

    private static func nonEmpty(_ text: some StringProtocol) -> String? {
        let trimmed = text.trimmingWhitespace()
        return trimmed.isEmpty ? nil : trimmed
    }
}
