import Testing

@testable import SIGAPDomain

/// NIK reading (SPEC §5.1, §14). `3275081708850001`: Kota Bekasi, Pondokgede, born 17-08-1985, male.
@Suite("NIK")
struct NIKTests {
    static let november = YearMonth("2025-11")!

    static func code(_ text: String, month: YearMonth = november) -> String {
        NIK.read(.text(text), month: month).error?.rawValue ?? "OK"
    }

    @Test("a valid NIK exposes its parts")
    func parts() throws {
        let nik = try #require(NIK("3275081708850001", month: Self.november))
        #expect(nik.digits == "3275081708850001")
        #expect(nik.provinceCode == "32")
        #expect(nik.regencyCode == "3275")
        #expect(nik.districtCode == "327508")
        #expect(nik.kemendagriDistrictCode == "32.75.08")
        #expect(nik.birthDate == CivilDate(year: 1985, month: 8, day: 17))
        #expect(nik.sex == .male)
        #expect(nik.serial == "0001")
        #expect(nik.isIssued(in: "3275"))
        #expect(!nik.isIssued(in: "3171"))
    }

    @Test("logs see only the masked form")
    func masking() throws {
        let nik = try #require(NIK("3275085708850123", month: Self.november))
        #expect(nik.masked == "327508******0123")
        #expect("\(nik)" == "327508******0123")
        #expect(String(reflecting: nik) == "NIK(327508******0123)")
        #expect(Masking.nik("3275081708850001") == "327508******0001")
        #expect(Masking.nik("327508170885000") == "32750******5000")
        #expect(Masking.nik("12345") == "*****")
        #expect(Masking.nik("32750817088500012") == "327508*******0012")
    }

    @Test(
        "day 01-31 is male, 41-71 female; 32-40 and 72+ are invalid",
        arguments: [
            ("3275080101850001", "OK"), ("3275083101850001", "OK"), ("3275083201850001", "NIK_DATE_INVALID"),
            ("3275084001850001", "NIK_DATE_INVALID"), ("3275084101850001", "OK"), ("3275087101850001", "OK"),
            ("3275087201850001", "NIK_DATE_INVALID"), ("3275080001850001", "NIK_DATE_INVALID"),
            ("3275088101850001", "NIK_DATE_INVALID"), ("3275089901850001", "NIK_DATE_INVALID"),
            ("3275083104850001", "NIK_DATE_INVALID"), ("3275087104850001", "NIK_DATE_INVALID"),
            ("3275083004850001", "OK"), ("3275087004850001", "OK"),
            ("3275081700850001", "NIK_DATE_INVALID"), ("3275081713850001", "NIK_DATE_INVALID"),
            ("3275081712850001", "OK"),
        ])
    func days(nik: String, expected: String) {
        #expect(Self.code(nik) == expected)
    }

    @Test("sex and birth date from the day")
    func sexFromDay() throws {
        let woman = try #require(NIK("3275084101850001", month: Self.november))
        #expect(woman.sex == .female)
        #expect(woman.birthDate == CivilDate(year: 1985, month: 1, day: 1))
        let last = try #require(NIK("3275087112850001", month: Self.november))
        #expect(last.sex == .female)
        #expect(last.birthDate == CivilDate(year: 1985, month: 12, day: 31))
        #expect(NIK("3275083112850001", month: Self.november)?.sex == .male)
    }

    @Test(
        "29 February exists only in leap years of the resolved century",
        arguments: [
            ("3275082902040001", "2025-11", "OK"), ("3275086902040001", "2025-11", "OK"),
            ("3275082902050001", "2025-11", "NIK_DATE_INVALID"), ("3275086902050001", "2025-11", "NIK_DATE_INVALID"),
            ("3275082902000001", "2025-11", "OK"), ("3275082902000001", "1999-12", "NIK_DATE_INVALID"),
            ("3275082902000001", "2100-03", "NIK_DATE_INVALID"), ("3275082902960001", "2025-11", "OK"),
            ("3275083002040001", "2025-11", "NIK_DATE_INVALID"),
        ])
    func leapDays(nik: String, month: String, expected: String) {
        #expect(Self.code(nik, month: YearMonth(month)!) == expected)
    }

    @Test(
        "century relative to the month processed (SPEC §5.1 examples)",
        arguments: [
            ("3275081708100001", "2025-11", 2010), ("3275081708300001", "2025-11", 1930),
            ("3275081708250001", "2025-11", 2025), ("3275081708260001", "2025-11", 1926),
            ("3275081708250001", "2024-12", 1925), ("3275081708000001", "2025-11", 2000),
        ])
    func century(nik: String, month: String, year: Int) throws {
        let parsed = try #require(NIK(nik, month: YearMonth(month)!))
        #expect(parsed.birthDate.year == year)
    }

    @Test(
        "serial 0000 is never issued",
        arguments: [
            ("3275081708850000", "NIK_SERIAL_INVALID"), ("3275081708850001", "OK"), ("3275081708859999", "OK"),
            ("3275081708851000", "OK"), ("3275085708850000", "NIK_SERIAL_INVALID"),
        ])
    func serial(nik: String, expected: String) {
        #expect(Self.code(nik) == expected)
    }

    @Test("province codes: exactly the list of SPEC §5.1", arguments: 0...99)
    func provinces(province: Int) {
        let valid: Set<Int> = [
            11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53, 61, 62, 63, 64, 65,
            71, 72, 73, 74, 75, 76, 81, 82, 91, 92, 93, 94, 95, 96,
        ]
        let nik = Digits.padded(province, width: 2) + "75081708850001"
        #expect(Self.code(nik) == (valid.contains(province) ? "OK" : "NIK_REGION_INVALID"))
    }

    @Test(
        "province 20 vs 21, and regency or district 00",
        arguments: [
            ("2001011708850001", "NIK_REGION_INVALID"), ("2101011708850001", "OK"),
            ("3200081708850001", "NIK_REGION_INVALID"), ("3275001708850001", "NIK_REGION_INVALID"),
            ("3201011708850001", "OK"), ("3200001708850001", "NIK_REGION_INVALID"),
            ("3275011708850001", "OK"), ("3210001708850001", "NIK_REGION_INVALID"),
        ])
    func regionPairs(nik: String, expected: String) {
        #expect(Self.code(nik) == expected)
    }

    @Test(
        "one error per NIK: the first in table order",
        arguments: [
            ("", "NIK_MISSING"), ("3.27501E+15", "NIK_PRECISION_LOST"), ("32750817088500AB", "NIK_NOT_DIGITS"),
            ("12AB", "NIK_NOT_DIGITS"), ("123", "NIK_LENGTH"), ("2075083208850000", "NIK_REGION_INVALID"),
            ("3275083208850000", "NIK_DATE_INVALID"), ("3275081708850000", "NIK_SERIAL_INVALID"),
            ("32750817088500011", "NIK_LENGTH"), ("207508170885000", "NIK_LENGTH"),
        ])
    func order(text: String, expected: String) {
        #expect(Self.code(text) == expected)
    }

    @Test("empty cells and placeholders are a missing NIK")
    func missing() {
        #expect(NIK.read(.empty, month: Self.november).error == .nikMissing)
        for text in ["", "   ", "\u{00A0}", "-", "'", " - ", "--", "."] {
            #expect(Self.code(text) == "NIK_MISSING", "\(text)")
        }
    }

    @Test("numeric cells: 16 digits ending in 0 lost precision, else kept with a warning")
    func numbers() throws {
        let lost = NIK.read(.number(3_275_081_708_850_010), month: Self.november)
        #expect(lost.error == .nikPrecisionLost)
        #expect(lost.nik == nil)
        let kept = NIK.read(.number(3_275_081_708_850_003), month: Self.november)
        #expect(kept.error == nil)
        #expect(kept.storedAsNumber)
        #expect(kept.nik?.digits == "3275081708850003")
        #expect(kept.warnings(region: "3275") == [.nikStoredAsNumber])
        // A stored-as-number NIK that fails a later check gets that error only.
        let badSerial = NIK.read(.number(3_275_081_708_851_000), month: Self.november)
        #expect(badSerial.error == .nikPrecisionLost)
        #expect(NIK.read(.number(3_275_083_208_850_001), month: Self.november).error == .nikDateInvalid)
        #expect(NIK.read(.number(3_275_083_208_850_001), month: Self.november).warnings(region: "3275").isEmpty)
        #expect(NIK.read(.number(327_508_170_885_001), month: Self.november).error == .nikLength)
        #expect(NIK.read(.number(32_750_817_088_500_008), month: Self.november).error == .nikLength)
        #expect(NIK.read(.number(0), month: Self.november).error == .nikLength)
        #expect(NIK.read(.number(3_275_081_708_850_001.5), month: Self.november).error == .nikNotDigits)
        #expect(NIK.read(.number(-3_275_081_708_850_001), month: Self.november).error == .nikNotDigits)
        #expect(NIK.read(.number(.nan), month: Self.november).error == .nikNotDigits)
        #expect(NIKInput.number(3_275_081_708_850_010).originalText == "3275081708850010")
    }

    @Test(
        "scientific notation in text lost precision",
        arguments: [
            "3.27501E+15", "3,27508E+15", "3.27501e+15", "3.27501E15", "3E+15", " 3.27501E+15 ", "'3.27501E+15",
        ])
    func scientific(text: String) {
        #expect(Self.code(text) == "NIK_PRECISION_LOST")
    }

    @Test(
        "cleaning: spaces, no-break spaces, apostrophe, separators between digit groups",
        arguments: [
            "3275081708850001", " 3275081708850001 ", "3275 0817 0885 0001", "3275\u{00A0}0817\u{00A0}0885\u{00A0}0001",
            "'3275081708850001", "\u{2019}3275081708850001", "32.75.08.170885.0001", "3275-08-170885-0001",
            "32.75.08-170885-0001", "3275 - 0817 - 0885 - 0001", "\t3275081708850001\r", "3275\u{202F}081708850001",
            " '3275 0817 0885 0001",
        ])
    func cleaning(text: String) {
        let reading = NIK.read(.text(text), month: Self.november)
        #expect(reading.error == nil)
        #expect(reading.nik?.digits == "3275081708850001")
        #expect(reading.cleaned == "3275081708850001")
    }

    @Test(
        "what cleaning keeps is not a digit",
        arguments: [
            "-3275081708850001", "3275081708850001-", "3275--081708850001", "3275..081708850001", "''3275081708850001",
            "3275081708850001'", "3275_0817_0885_0001", "3275/0817/0885/0001", "3275\u{2013}081708850001",
            "３２７５０８１７０８８５０００１", "O275081708850001", "+3275081708850001",
        ])
    func notDigits(text: String) {
        #expect(Self.code(text) == "NIK_NOT_DIGITS", "\(text)")
    }

    @Test(
        "length: exactly 16 digits after cleaning",
        arguments: [
            ("327508170885001", "NIK_LENGTH"), ("32750817088500011", "NIK_LENGTH"), ("3275.0817.0885.001", "NIK_LENGTH"),
            ("1", "NIK_LENGTH"), ("3275081708850001.0", "NIK_LENGTH"), ("3275081708850001", "OK"),
        ])
    func length(text: String, expected: String) {
        #expect(Self.code(text) == expected)
    }

    @Test("NIK_OUTSIDE_REGION is a warning on a kept NIK issued elsewhere")
    func outsideRegion() {
        let jakarta = NIK.read(.text("3171011708450001"), month: Self.november)
        #expect(jakarta.error == nil)
        #expect(jakarta.warnings(region: "3275") == [.nikOutsideRegion])
        #expect(jakarta.warnings(region: "3171").isEmpty)
        #expect(NIK.read(.text("3275081708850001"), month: Self.november).warnings(region: "3275").isEmpty)
        // The neighbouring Kabupaten Bekasi (3216) is outside Kota Bekasi.
        #expect(NIK.read(.text("3216081708850001"), month: Self.november).warnings(region: "3275") == [.nikOutsideRegion])
        #expect(NIK.read(.text("3171011708450000"), month: Self.november).warnings(region: "3275").isEmpty)
    }

    @Test("strict initialiser takes exactly 16 digits")
    func strictInit() {
        #expect(NIK("3275081708850001", month: Self.november) != nil)
        #expect(NIK("3275-081708850001", month: Self.november) == nil)
        #expect(NIK("3275081708850000", month: Self.november) == nil)
    }

    @Test("NIKs sort by their digits")
    func ordering() throws {
        let a = try #require(NIK("3275081708850001", month: Self.november))
        let b = try #require(NIK("3275081708850002", month: Self.november))
        #expect(a < b)
        #expect(Set([a, b, a]).count == 2)
    }
}
