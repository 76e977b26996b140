extension NIK {
    /// The province codes of SPEC §5.1: 11–19, 21, 31–36, 51–53, 61–65, 71–76, 81–82, 91–96.
    public static let provinceCodes: Set<Int> = Set(
        Array(11...19) + [21] + Array(31...36) + Array(51...53) + Array(61...65) + Array(71...76)
            + Array(81...82) + Array(91...96))

    /// A structurally valid NIK from exactly 16 ASCII digits, or nil (see `read(_:month:)` for why).
    public init?(_ digits: String, month: YearMonth) {
        guard let nik = NIK.read(.text(digits), month: month).nik, nik.digits == digits else { return nil }
        self = nik
    }

    /// Reads a NIK cell for `month` (the century rule depends on it), applying SPEC §5.1 in table
    /// order and stopping at the first error: NIK_MISSING, NIK_PRECISION_LOST, NIK_NOT_DIGITS,
    /// NIK_LENGTH, NIK_REGION_INVALID, NIK_DATE_INVALID, NIK_SERIAL_INVALID.
    ///
    /// Text is cleaned first: whitespace of any kind (spaces, no-break spaces, tabs, line breaks) is
    /// removed wherever it is, then one leading apostrophe (`'`, `‘` or `’`), then each `.` or `-`
    /// that stands between two digits. Text holding nothing but such characters (`-`, `'`) is a
    /// missing NIK. Text in scientific notation (`3.27501E+15`, `3,27501E+15`) lost its last
    /// digits in Excel.
    public static func read(_ input: NIKInput, month: YearMonth) -> NIKReading {
        switch input {
        case .empty:
            return NIKReading(nik: nil, error: .nikMissing, cleaned: nil)
        case .number(let value):
            return readNumber(value, month: month)
        case .text(let text):
            return readText(text, month: month)
        }
    }

    private static func readNumber(_ value: Double, month: YearMonth) -> NIKReading {
        guard value.isFinite, value >= 0, value == value.rounded(.towardZero) else {
            return NIKReading(nik: nil, error: .nikNotDigits, cleaned: NIKInput.number(value).originalText)
        }
        guard value < 1e16 else {
            return NIKReading(nik: nil, error: .nikLength, cleaned: NIKInput.number(value).originalText)
        }
        let digits = String(UInt64(value))
        guard digits.utf8.count == 16 else {
            return NIKReading(nik: nil, error: .nikLength, cleaned: digits)
        }
        if digits.hasSuffix("0") {
            return NIKReading(nik: nil, error: .nikPrecisionLost, cleaned: digits)
        }
        return readDigits(digits, month: month, storedAsNumber: true)
    }

    private static func readText(_ text: String, month: YearMonth) -> NIKReading {
        // The usual cell: exactly 16 ASCII digits, nothing to clean.
        if text.utf8.count == 16 && text.utf8.allSatisfy({ (0x30...0x39).contains($0) }) {
            return readDigits(text, month: month, storedAsNumber: false)
        }
        var characters = Array(text.filter { !$0.isWhitespaceFast })
        if let first = characters.first, apostrophes.contains(first) {
            characters.removeFirst()
        }
        if characters.allSatisfy({ separators.contains($0) || apostrophes.contains($0) }) {
            return NIKReading(nik: nil, error: .nikMissing, cleaned: "")
        }
        if isScientificNotation(characters) {
            return NIKReading(nik: nil, error: .nikPrecisionLost, cleaned: String(characters))
        }
        var cleaned = ""
        for (index, character) in characters.enumerated() {
            if separators.contains(character), index > 0, index < characters.count - 1,
                Digits.isDigit(characters[index - 1]), Digits.isDigit(characters[index + 1])
            {
                continue
            }
            cleaned.append(character)
        }
        guard Digits.areAll(cleaned) else {
            return NIKReading(nik: nil, error: .nikNotDigits, cleaned: cleaned)
        }
        guard cleaned.utf8.count == 16 else {
            return NIKReading(nik: nil, error: .nikLength, cleaned: cleaned)
        }
        return readDigits(cleaned, month: month, storedAsNumber: false)
    }

    /// The structure checks on 16 ASCII digits: region, date, serial.
    private static func readDigits(_ digits: String, month: YearMonth, storedAsNumber: Bool) -> NIKReading {
        // The 16 digits as numbers, read in place (this runs for every row).
        var d: (UInt64, UInt64) = (0, 0)
        var text = digits
        text.withUTF8 { bytes in
            withUnsafeMutableBytes(of: &d) { buffer in
                for index in 0..<16 { buffer[index] = bytes[index] &- 0x30 }
            }
        }
        func digit(_ at: Int) -> Int { withUnsafeBytes(of: d) { Int($0[at]) } }
        func pair(_ at: Int) -> Int { digit(at) * 10 + digit(at + 1) }

        guard isProvince[pair(0)], pair(2) != 0, pair(4) != 0 else {
            return NIKReading(nik: nil, error: .nikRegionInvalid, cleaned: digits)
        }
        let encodedDay = pair(6)
        let monthOfBirth = pair(8)
        let day = encodedDay > 40 ? encodedDay - 40 : encodedDay
        let year = month.resolvedYear(twoDigitYear: pair(10))
        guard (1...31).contains(encodedDay) || (41...71).contains(encodedDay),
            let birthDate = CivilDate(year: year, month: monthOfBirth, day: day)
        else {
            return NIKReading(nik: nil, error: .nikDateInvalid, cleaned: digits)
        }
        guard (12...15).contains(where: { digit($0) != 0 }) else {
            return NIKReading(nik: nil, error: .nikSerialInvalid, cleaned: digits)
        }
        let nik = NIK(validatedDigits: digits, birthDate: birthDate, sex: encodedDay > 40 ? .female : .male)
        return NIKReading(nik: nik, error: nil, storedAsNumber: storedAsNumber, cleaned: digits)
    }

    /// `provinceCodes` as a table by the two-digit value.
    private static let isProvince: [Bool] = (0..<100).map { provinceCodes.contains($0) }

    private static let apostrophes: Set<Character> = ["'", "\u{2018}", "\u{2019}"]
    private static let separators: Set<Character> = [".", "-"]

    /// `3.27501E+15`, `3,27501E15`, `3E+15`: digits, an optional decimal point or comma and
    /// digits, `E` or `e`, an optional `+`, digits.
    private static func isScientificNotation(_ characters: [Character]) -> Bool {
        guard let e = characters.firstIndex(where: { $0 == "E" || $0 == "e" }) else { return false }
        let mantissa = characters[..<e]
        var exponent = characters[(e + 1)...]
        if exponent.first == "+" { exponent = exponent.dropFirst() }
        guard !exponent.isEmpty, exponent.allSatisfy(Digits.isDigit) else { return false }
        let parts = mantissa.split(
            maxSplits: 1, omittingEmptySubsequences: false, whereSeparator: { $0 == "." || $0 == "," })
        return parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(Digits.isDigit) }
    }
}
