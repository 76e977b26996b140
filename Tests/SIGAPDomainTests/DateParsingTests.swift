import Testing

@testable import SIGAPDomain

@Suite("Dates (SPEC §6)")
struct DateParsingTests {
    static let november = YearMonth("2025-11")!

    static func parse(_ text: String, month: YearMonth = november) -> String? {
        CivilDate(parsing: text, month: month)?.description
    }

    @Test(
        "numeric forms, day before month",
        arguments: [
            ("17/08/1985", "1985-08-17"), ("17-08-1985", "1985-08-17"), ("17.08.1985", "1985-08-17"),
            ("1985-08-17", "1985-08-17"), ("7/8/1985", "1985-08-07"), ("07/08/1985", "1985-08-07"),
            ("1985/08/17", "1985-08-17"), ("17 / 08 / 1985", "1985-08-17"), (" 17-08-1985 ", "1985-08-17"),
            ("1985-08-17 00:00:00", "1985-08-17"), ("17/08/1985 00:00", "1985-08-17"),
            ("01/12/1985", "1985-12-01"), ("12/01/1985", "1985-01-12"),
        ])
    func numeric(text: String, expected: String) {
        #expect(Self.parse(text) == expected)
    }

    @Test(
        "two-digit years follow the NIK century",
        arguments: [
            ("17/08/85", "2025-11", "1985-08-17"), ("17-08-10", "2025-11", "2010-08-17"),
            ("17.08.30", "2025-11", "1930-08-17"), ("17 Agustus 25", "2025-11", "2025-08-17"),
            ("17-Agu-26", "2025-11", "1926-08-17"), ("29/02/00", "2025-11", "2000-02-29"),
        ])
    func twoDigitYears(text: String, month: String, expected: String) {
        #expect(Self.parse(text, month: YearMonth(month)!) == expected)
    }

    @Test("29 February in a leap and a non-leap resolved year")
    func leap() {
        #expect(Self.parse("29/02/2024") == "2024-02-29")
        #expect(Self.parse("29/02/2023") == nil)
        #expect(Self.parse("29/02/00", month: YearMonth("1999-12")!) == nil)
        #expect(Self.parse("29 Februari 1900") == nil)
        #expect(Self.parse("29 Februari 2000") == "2000-02-29")
    }

    @Test(
        "every month spelling of SPEC §6",
        arguments: [
            ("Januari", 1), ("Jan", 1), ("Februari", 2), ("Pebruari", 2), ("Feb", 2), ("Maret", 3), ("Mar", 3),
            ("April", 4), ("Apr", 4), ("Mei", 5), ("Juni", 6), ("Jun", 6), ("Juli", 7), ("Jul", 7),
            ("Agustus", 8), ("Agu", 8), ("Agt", 8), ("Ags", 8), ("September", 9), ("Sep", 9), ("Oktober", 10),
            ("Okt", 10), ("November", 11), ("Nopember", 11), ("Nov", 11), ("Desember", 12), ("Des", 12),
        ])
    func monthNames(name: String, month: Int) {
        let expected = "1985-\(Digits.padded(month, width: 2))-07"
        #expect(Self.parse("7 \(name) 1985") == expected)
        #expect(Self.parse("07 \(name.uppercased()) 1985") == expected)
        #expect(Self.parse("7-\(name.lowercased())-1985") == expected)
    }

    @Test("named forms with other separators and English abbreviations")
    func namedVariants() {
        #expect(Self.parse("17 Agt. 1985") == "1985-08-17")
        #expect(Self.parse("17-Aug-85") == "1985-08-17")
        #expect(Self.parse("5 Okt 2001") == "2001-10-05")
        #expect(Self.parse("31 Des 1999") == "1999-12-31")
        #expect(Self.parse("31 Nopember 1999") == nil)
    }

    @Test(
        "not dates",
        arguments: [
            "", "bukan tanggal", "08/17/1985", "1985", "17081985", "17-08", "32/01/1985", "00/01/1985", "17/13/1985",
            "17/08/185", "Agustus 17 1985", "17 Agustusan 1985", "17/08-1985", "1985-17-08", "17 08 1985",
        ])
    func notDates(text: String) {
        #expect(Self.parse(text) == nil)
    }

    @Test("date cells: a date-formatted cell is a date, a plain number is not")
    func dateInput() {
        let date = CivilDate(year: 1985, month: 8, day: 17)!
        #expect(DateInput.date(date).read(month: Self.november) == .valid(date))
        #expect(DateInput.number(31_276).read(month: Self.november) == .unreadable)
        #expect(DateInput.empty.read(month: Self.november) == .absent)
        #expect(DateInput.text("  ").read(month: Self.november) == .absent)
        #expect(DateInput.text("17-08-1985").read(month: Self.november) == .valid(date))
        #expect(DateInput.text("17-08-19xx").read(month: Self.november) == .unreadable)
        #expect(DateInput.number(31_276).originalText == "31276")
    }

    @Test(
        "TEMPAT, TANGGAL LAHIR split on the last comma",
        arguments: [
            ("BEKASI, 17-08-1985", "BEKASI", "17-08-1985"),
            ("Bekasi,17 Agustus 1985", "Bekasi", "17 Agustus 1985"),
            ("KAB. BEKASI, JAWA BARAT, 17-08-1985", "KAB. BEKASI, JAWA BARAT", "17-08-1985"),
            ("BEKASI, ", "BEKASI", nil),
            (", 17-08-1985", nil, "17-08-1985"),
            ("BEKASI 17-08-1985", "BEKASI", "17-08-1985"),
            ("TANJUNG PRIOK 17 AGUSTUS 1985", "TANJUNG PRIOK", "17 AGUSTUS 1985"),
            ("17-08-1985", nil, "17-08-1985"),
            ("BEKASI", "BEKASI", nil),
            ("BEKASI 17-08-19x5", nil, "BEKASI 17-08-19x5"),
        ] as [(String, String?, String?)])
    func birthPlaceDate(text: String, place: String?, date: String?) {
        let split = BirthPlaceDate(text, month: Self.november)
        #expect(split.place == place)
        #expect(split.dateText == date)
    }
}

@Suite("Sex (SPEC §5.2)")
struct SexTests {
    @Test(
        "readable spellings",
        arguments: [
            ("L", Sex.male), ("LAKI-LAKI", .male), ("LAKI LAKI", .male), ("PRIA", .male), ("M", .male),
            ("l", .male), ("Laki-laki", .male), ("laki laki", .male), (" L ", .male), ("L.", .male), ("LAKILAKI", .male),
            ("P", .female), ("PEREMPUAN", .female), ("WANITA", .female), ("F", .female), ("p", .female),
            ("Perempuan", .female), ("Wanita ", .female),
        ])
    func readable(text: String, sex: Sex) {
        #expect(Sex(parsing: text) == sex)
    }

    @Test("unreadable", arguments: ["X", "LP", "1", "LAKI-LAKI/PEREMPUAN", "PRIA WANITA", "", "-"])
    func unreadable(text: String) {
        #expect(Sex(parsing: text) == nil)
    }

    @Test("letters")
    func letters() {
        #expect(Sex.male.letter == "L")
        #expect(Sex.female.letter == "P")
    }
}

@Suite("Phones (SPEC §6)")
struct PhoneNumberTests {
    @Test(
        "each accepted form normalises to E.164",
        arguments: [
            "081234567890", "0812-3456-7890", "0812 3456 7890", "0812.3456.7890", "(0812) 3456-7890",
            "+6281234567890", "+62 812-3456-7890", "+62 (812) 3456 7890", "6281234567890", "62 812 3456 7890",
            "81234567890", "812 3456 7890", " 0812-3456-7890 ", "+62 0812 3456 7890", "[0812] 34567890",
        ])
    func forms(text: String) throws {
        let phone = try #require(PhoneNumber(parsing: text))
        #expect(phone.e164 == "+6281234567890")
        #expect(phone.national == "081234567890")
    }

    @Test(
        "10 to 13 digits in the national form",
        arguments: [
            ("081234567", false), ("0812345678", true), ("0812345678901", true), ("08123456789012", false),
            ("+6281234567", false), ("+62812345678", true), ("+628123456789", true), ("+62812345678901", true), ("+628123456789012", false),
            ("812345678", true), ("81234567", false),
        ])
    func lengths(text: String, valid: Bool) {
        #expect((PhoneNumber(parsing: text) != nil) == valid)
    }

    @Test(
        "not Indonesian mobile numbers",
        arguments: [
            "021-8888-1234", "(021) 88881234", "+1 812 345 6789", "0812-3456-789O", "0812/3456/7890", "", "-",
            "12345678901", "+6221 8888 1234", "0812 3456 7890 / 0813 1111 2222", "08+1234567890", "6208",
        ])
    func invalid(text: String) {
        #expect(PhoneNumber(parsing: text) == nil)
    }

    @Test("masked forms for logs")
    func masked() throws {
        let phone = try #require(PhoneNumber(parsing: "0812-3456-7890"))
        #expect(phone.masked == "+628*******890")
        #expect("\(phone)" == "+628*******890")
        #expect(Masking.phone("0812-3456-7890") == "****-****-*890")
        #expect(Masking.phone("+6281234567890") == "+**********890")
        #expect(Masking.phone("12") == "12")
    }
}
