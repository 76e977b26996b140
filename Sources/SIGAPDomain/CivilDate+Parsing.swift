extension CivilDate {
    /// Reads a date written as text (SPEC §6), day always before month:
    /// `17/08/1985`, `17-08-1985`, `17.08.1985` (one or two digits for day and month), `1985-08-17`
    /// (also with `/` or `.`), `17 Agustus 1985`, `17 Agu 1985`, `17-Agt-85`, `17 Ags. 1985`.
    /// Month names are Indonesian (full, abbreviated, and the old spellings Pebruari and Nopember);
    /// English names are read too, as an English Excel writes them (`17-Aug-85`). Two-digit years
    /// follow the NIK century rule relative to `month`. A trailing time of day (`00:00:00`) is ignored.
    /// Nil when the text is not such a date or the date does not exist.
    public init?(parsing text: String, month: YearMonth) {
        var tokens = text.uppercased().split(whereSeparator: \.isWhitespaceFast).map(String.init)
        if let last = tokens.last, tokens.count > 1, CivilDate.isTimeOfDay(last) {
            tokens.removeLast()
        }
        let body = tokens.joined(separator: " ")
        guard let date = CivilDate.numeric(body, month: month) ?? CivilDate.named(body, month: month) else {
            return nil
        }
        self = date
    }

    /// `DD/MM/YYYY`, `DD-MM-YYYY`, `DD.MM.YYYY` (and two-digit years), `YYYY-MM-DD`.
    private static func numeric(_ spaced: String, month: YearMonth) -> CivilDate? {
        let text = spaced.filter { $0 != " " }
        guard let separator = text.first(where: { $0 == "/" || $0 == "-" || $0 == "." }) else { return nil }
        let parts = text.split(separator: separator, omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ Digits.areAll($0) }) else { return nil }
        let lengths = parts.map(\.utf8.count)
        if lengths[0] == 4 && (1...2).contains(lengths[1]) && (1...2).contains(lengths[2]) {
            return CivilDate(year: Digits.value(parts[0])!, month: Digits.value(parts[1])!, day: Digits.value(parts[2])!)
        }
        guard (1...2).contains(lengths[0]), (1...2).contains(lengths[1]), lengths[2] == 2 || lengths[2] == 4 else {
            return nil
        }
        let year = Digits.value(parts[2])!
        return CivilDate(
            year: lengths[2] == 2 ? month.resolvedYear(twoDigitYear: year) : year,
            month: Digits.value(parts[1])!, day: Digits.value(parts[0])!)
    }

    /// `D MMMM YYYY`, `D MMM YYYY`, with spaces, `-`, `/`, `.` or `,` between the parts.
    private static func named(_ text: String, month: YearMonth) -> CivilDate? {
        let parts = text.split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "/" || $0 == "." || $0 == "," })
        guard parts.count == 3, (1...2).contains(parts[0].utf8.count), let day = Digits.value(parts[0]),
            let monthNumber = monthNumbers[String(parts[1])],
            parts[2].utf8.count == 2 || parts[2].utf8.count == 4, let year = Digits.value(parts[2])
        else { return nil }
        return CivilDate(
            year: parts[2].utf8.count == 2 ? month.resolvedYear(twoDigitYear: year) : year,
            month: monthNumber, day: day)
    }

    /// `HH:MM`, `HH:MM:SS`, `HH:MM:SS.mmm`.
    private static func isTimeOfDay(_ token: String) -> Bool {
        let parts = token.split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count) else { return false }
        return parts.enumerated().allSatisfy { index, part in
            let whole = index == 2 ? part.split(separator: ".", maxSplits: 1).first ?? part : part
            return Digits.areAll(whole) && whole.utf8.count <= 2
                && (index < 2 || part.split(separator: ".", maxSplits: 1).dropFirst().allSatisfy(Digits.areAll))
        }
    }

    /// Month names, upper-case: Indonesian (with the abbreviations and old spellings of SPEC §6),
    /// then the English ones that differ.
    static let monthNumbers: [String: Int] = {
        let names: [(Int, [String])] = [
            (1, ["JANUARI", "JAN", "JANUARY"]),
            (2, ["FEBRUARI", "PEBRUARI", "FEB", "PEB", "FEBRUARY"]),
            (3, ["MARET", "MAR", "MARCH"]),
            (4, ["APRIL", "APR"]),
            (5, ["MEI", "MAY"]),
            (6, ["JUNI", "JUN", "JUNE"]),
            (7, ["JULI", "JUL", "JULY"]),
            (8, ["AGUSTUS", "AGU", "AGT", "AGS", "AGUST", "AUGUST", "AUG"]),
            (9, ["SEPTEMBER", "SEP", "SEPT"]),
            (10, ["OKTOBER", "OKT", "OCTOBER", "OCT"]),
            (11, ["NOVEMBER", "NOPEMBER", "NOV", "NOP"]),
            (12, ["DESEMBER", "DES", "DECEMBER", "DEC"]),
        ]
        var table: [String: Int] = [:]
        for (number, spellings) in names {
            for spelling in spellings { table[spelling] = number }
        }
        return table
    }()
}
