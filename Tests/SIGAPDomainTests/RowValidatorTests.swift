import Dispatch
import Synchronization
import Testing

@testable import SIGAPDomain

@Suite("Row validation (SPEC §5, §14)")
struct RowValidatorTests {
    static let november = YearMonth("2025-11")!
    static let validator = RowValidator(month: november)

    /// A clean row: Pondokgede, born 17-08-1985, male.
    static func record(
        nik: NIKInput = .text("3275081708850001"), name: String? = "Budi Santoso", birthPlace: String? = "Bekasi",
        birthDate: DateInput = .text("17-08-1985"), birthPlaceDate: String? = nil, sex: String? = "L",
        kelurahan: String? = "Jatibening", kecamatan: String? = "Pondok Gede", phone: String? = "0812-3456-7890"
    ) -> RosterRecord {
        RosterRecord(
            nik: nik, name: name, birthPlace: birthPlace, birthDate: birthDate, birthPlaceDate: birthPlaceDate,
            sex: sex, address: " Jl. Melati   No. 5 ", rt: "3", rw: "012", kelurahan: kelurahan,
            kecamatan: kecamatan, phone: phone, occupation: "Ojek daring")
    }

    static func codes(_ row: ValidatedRow) -> [String] { row.findings.map(\.code.rawValue) }

    @Test("a clean row: normalised values and no finding")
    func clean() throws {
        let row = Self.validator.validate(Self.record(name: "  h. budi  santoso, S.Pd. "))
        #expect(row.findings.isEmpty)
        #expect(!row.isQuarantined)
        #expect(row.nik?.digits == "3275081708850001")
        #expect(row.displayName == "H. BUDI SANTOSO, S.PD.")
        #expect(row.comparisonName == "BUDI SANTOSO")
        #expect(row.birthPlace == "BEKASI")
        #expect(row.birthDate == CivilDate(year: 1985, month: 8, day: 17))
        #expect(row.sex == .male)
        #expect(row.address == "Jl. Melati No. 5")
        #expect(row.rt == "003")
        #expect(row.rw == "012")
        #expect(row.kecamatan == DistrictValue(code: "32.75.08", name: "Pondokgede"))
        #expect(row.kelurahan == DistrictValue(code: "32.75.08.1002", name: "Jatibening"))
        #expect(row.phoneE164 == "+6281234567890")
        #expect(row.occupation == "Ojek daring")
    }

    @Test("empty optional cells raise nothing")
    func emptyOptional() {
        let row = Self.validator.validate(
            RosterRecord(nik: .text("3275081708850001"), name: "Budi", sex: "  ", kecamatan: "-", phone: ""))
        #expect(row.findings.isEmpty)
        #expect(row.birthDate == nil)
        #expect(row.effectiveBirthDate == CivilDate(year: 1985, month: 8, day: 17))
        #expect(row.effectiveSex == .male)
        #expect(row.kecamatan == nil)
        #expect(row.isEmpty(.kecamatan))
        #expect(row.isEmpty(.birthDate))
        #expect(row.isEmpty(.phone))
        #expect(!row.isEmpty(.name))
    }

    @Test("NIK errors quarantine the row, with one NIK error at most and no NIK-derived warnings")
    func nikErrors() {
        let row = Self.validator.validate(Self.record(nik: .text("3275083208850000"), sex: "P"))
        #expect(Self.codes(row) == ["NIK_DATE_INVALID"])
        #expect(row.isQuarantined)
        #expect(row.nik == nil)
        #expect(row.findings[0].field == .nik)
        #expect(row.findings[0].value == "3275083208850000")
        #expect(row.findings[0].severity == .error)
        #expect(Self.codes(Self.validator.validate(Self.record(nik: .empty))) == ["NIK_MISSING"])
        #expect(Self.codes(Self.validator.validate(Self.record(nik: .number(3_275_081_708_850_010)))) == ["NIK_PRECISION_LOST"])
    }

    @Test("NIK warnings on a kept NIK")
    func nikWarnings() {
        let stored = Self.validator.validate(Self.record(nik: .number(3_275_081_708_850_003)))
        #expect(Self.codes(stored) == ["NIK_STORED_AS_NUMBER"])
        #expect(stored.findings[0].value == "3275081708850003")
        #expect(!stored.isQuarantined)
        let outside = Self.validator.validate(Self.record(nik: .text("3171011708850001")))
        #expect(Self.codes(outside) == ["NIK_OUTSIDE_REGION"])
        #expect(!outside.isQuarantined)
        let elsewhere = RowValidator(month: Self.november, settings: ValidationSettings(region: "3171"))
        #expect(Self.codes(elsewhere.validate(Self.record(nik: .text("3171011708850001")))).isEmpty)
    }

    @Test("NIK_DOB_MISMATCH and NIK_SEX_MISMATCH")
    func mismatches() {
        let date = Self.validator.validate(Self.record(birthDate: .text("18-08-1985")))
        #expect(Self.codes(date) == ["NIK_DOB_MISMATCH"])
        #expect(date.findings[0].field == .birthDate)
        #expect(date.findings[0].value == "18-08-1985")
        #expect(date.birthDate == CivilDate(year: 1985, month: 8, day: 18))
        let sex = Self.validator.validate(Self.record(sex: "Perempuan"))
        #expect(Self.codes(sex) == ["NIK_SEX_MISMATCH"])
        #expect(sex.findings[0].field == .sex)
        #expect(sex.sex == .female)
        let woman = Self.validator.validate(Self.record(nik: .text("3275085708850001"), sex: "P"))
        #expect(woman.findings.isEmpty)
        // The NIK does not encode the century: 1925 agrees with a NIK year 25.
        let old = Self.validator.validate(
            Self.record(nik: .text("3275080403250001"), birthDate: .text("04-03-1925")))
        #expect(Self.codes(old) == ["AGE_OUT_OF_RANGE"])
    }

    @Test(
        "age on the first day of the month, both sides of 15 and 65",
        arguments: [
            ("01-11-2010", false), ("02-11-2010", true), ("01-11-1960", false), ("02-11-1959", false),
            ("01-11-1959", true), ("31-12-2030", true), ("30-11-1959", false), ("31-10-1959", true),
        ])
    func age(birth: String, outOfRange: Bool) {
        let row = Self.validator.validate(
            RosterRecord(nik: .text("3275081708850001"), name: "Budi", birthDate: .text(birth)))
        #expect(Self.codes(row).contains("AGE_OUT_OF_RANGE") == outOfRange)
        #expect(!row.isQuarantined)
    }

    @Test("age from the NIK when the stated date is absent or unreadable")
    func ageFromNIK() {
        // NIK born 17-08-2012: 13 on 2025-11-01.
        let young = Self.validator.validate(RosterRecord(nik: .text("3275081708120001"), name: "Andi"))
        #expect(Self.codes(young) == ["AGE_OUT_OF_RANGE"])
        #expect(young.findings[0].field == .nik)
        #expect(young.findings[0].value == "2012-08-17")
        let unreadable = Self.validator.validate(
            RosterRecord(nik: .text("3275081708120001"), name: "Andi", birthDate: .text("kemarin")))
        #expect(Self.codes(unreadable) == ["DOB_INVALID", "AGE_OUT_OF_RANGE"])
        // A valid stated date wins over the NIK's.
        let stated = Self.validator.validate(
            RosterRecord(nik: .text("3275081708120001"), name: "Andi", birthDate: .text("17-08-1990")))
        #expect(Self.codes(stated) == ["NIK_DOB_MISMATCH"])
        let limits = RowValidator(month: Self.november, settings: ValidationSettings(ageMin: 10, ageMax: 13))
        #expect(Self.codes(limits.validate(RosterRecord(nik: .text("3275081708120001"), name: "Andi"))).isEmpty)
        #expect(
            Self.codes(limits.validate(RosterRecord(nik: .text("3275081708100001"), name: "Andi")))
                == ["AGE_OUT_OF_RANGE"])
    }

    @Test("DOB_INVALID for unreadable text and plain numbers")
    func dobInvalid() {
        let text = Self.validator.validate(Self.record(birthDate: .text("31-02-1985")))
        #expect(Self.codes(text) == ["DOB_INVALID"])
        #expect(text.findings[0].value == "31-02-1985")
        #expect(text.birthDate == nil)
        #expect(!text.isEmpty(.birthDate))
        let number = Self.validator.validate(Self.record(birthDate: .number(31_276)))
        #expect(Self.codes(number) == ["DOB_INVALID"])
        #expect(number.findings[0].value == "31276")
        let cell = Self.validator.validate(Self.record(birthDate: .date(CivilDate(year: 1985, month: 8, day: 17)!)))
        #expect(cell.findings.isEmpty)
    }

    @Test("TEMPAT, TANGGAL LAHIR fills place and date")
    func birthPlaceDate() {
        let row = Self.validator.validate(
            Self.record(birthPlace: nil, birthDate: .empty, birthPlaceDate: "Jakarta, 17 Agustus 1985"))
        #expect(row.findings.isEmpty)
        #expect(row.birthPlace == "JAKARTA")
        #expect(row.birthDate == CivilDate(year: 1985, month: 8, day: 17))
        let bad = Self.validator.validate(
            Self.record(birthPlace: nil, birthDate: .empty, birthPlaceDate: "Jakarta, 17 Agustusan 1985"))
        #expect(Self.codes(bad) == ["DOB_INVALID"])
        #expect(bad.findings[0].field == .birthPlaceDate)
        #expect(bad.findings[0].value == "Jakarta, 17 Agustusan 1985")
        #expect(bad.birthPlace == "JAKARTA")
        let mismatch = Self.validator.validate(
            Self.record(birthPlace: nil, birthDate: .empty, birthPlaceDate: "BEKASI, 18-08-1985"))
        #expect(mismatch.findings.map(\.field) == [.birthPlaceDate])
    }

    @Test("NAME_MISSING is an error")
    func nameMissing() {
        for name in [nil, "", "   ", "-"] as [String?] {
            let row = Self.validator.validate(Self.record(name: name))
            #expect(Self.codes(row) == ["NAME_MISSING"])
            #expect(row.isQuarantined)
            #expect(row.displayName == nil)
            #expect(row.comparisonName == "")
        }
    }

    @Test("SEX_INVALID")
    func sexInvalid() {
        let row = Self.validator.validate(Self.record(sex: "X"))
        #expect(Self.codes(row) == ["SEX_INVALID"])
        #expect(row.findings[0].field == .sex)
        #expect(row.findings[0].value == "X")
        #expect(row.sex == nil)
        #expect(row.effectiveSex == .male)
    }

    @Test("districts: unknown, mismatched, known")
    func districts() {
        let unknownKecamatan = Self.validator.validate(Self.record(kelurahan: nil, kecamatan: "Tambun  Selatan"))
        #expect(Self.codes(unknownKecamatan) == ["KECAMATAN_UNKNOWN"])
        #expect(unknownKecamatan.kecamatan == DistrictValue(code: nil, name: "Tambun Selatan"))
        let unknownKelurahan = Self.validator.validate(Self.record(kelurahan: "Kelapa Dua"))
        #expect(Self.codes(unknownKelurahan) == ["KELURAHAN_UNKNOWN"])
        #expect(unknownKelurahan.kelurahan == DistrictValue(code: nil, name: "Kelapa Dua"))
        let both = Self.validator.validate(Self.record(kelurahan: "Kelapa Dua", kecamatan: "Cibitung"))
        #expect(Self.codes(both) == ["KECAMATAN_UNKNOWN", "KELURAHAN_UNKNOWN"])
        let mismatch = Self.validator.validate(Self.record(kelurahan: "Jatibening", kecamatan: "Jatiasih"))
        #expect(Self.codes(mismatch) == ["WILAYAH_MISMATCH"])
        #expect(mismatch.findings[0].field == .kelurahan)
        #expect(mismatch.kecamatan?.code == "32.75.09")
        #expect(mismatch.kelurahan?.code == "32.75.08.1002")
        // A known kelurahan with an unknown kecamatan: no mismatch, and no kecamatan derived from it.
        let noKecamatan = Self.validator.validate(Self.record(kelurahan: "Jatibening", kecamatan: "Pondok"))
        #expect(Self.codes(noKecamatan) == ["KECAMATAN_UNKNOWN"])
        #expect(noKecamatan.kecamatan?.code == nil)
        let onlyKelurahan = Self.validator.validate(Self.record(kelurahan: "Kel. Jati Bening", kecamatan: nil))
        #expect(onlyKelurahan.findings.isEmpty)
        #expect(onlyKelurahan.kecamatan == nil)
    }

    @Test("PHONE_INVALID")
    func phone() {
        let row = Self.validator.validate(Self.record(phone: "021-8888-1234"))
        #expect(Self.codes(row) == ["PHONE_INVALID"])
        #expect(row.findings[0].value == "021-8888-1234")
        #expect(row.phoneE164 == nil)
        #expect(!row.isEmpty(.phone))
        #expect(!row.findings[0].message().contains("8888-1234"))
    }

    @Test("severity overrides apply: a warning made an error quarantines")
    func overrides() throws {
        let policy = try SeverityPolicy(overrides: [.phoneInvalid: .error, .nikSerialInvalid: .warning])
        let validator = RowValidator(month: Self.november, settings: ValidationSettings(severityPolicy: policy))
        let phone = validator.validate(Self.record(phone: "12"))
        #expect(phone.findings.map(\.severity) == [.error])
        #expect(phone.isQuarantined)
        let serial = validator.validate(Self.record(nik: .text("3275081708850000")))
        #expect(Self.codes(serial) == ["NIK_SERIAL_INVALID"])
        #expect(!serial.isQuarantined)
        #expect(serial.nik == nil)
    }

    @Test("the same rows with the same values in a month of the same year, or of another when no two-digit year read resolves otherwise")
    func sameRowsAcrossMonths() throws {
        let january = YearMonth("2026-01")!, june = YearMonth("2026-06")!, december = YearMonth("2025-12")!
        let ageError = ValidationSettings(severityPolicy: try SeverityPolicy(overrides: [.ageOutOfRange: .error]))
        // Rows whose outcome moves with the month: a NIK and a date with a two-digit year of 26
        // (1926 in 2025, 2026 from January 2026: out of range, then a future date), and a worker
        // who turns 15 in March 2026. Within 2026 only the age warning changes.
        let records = [
            Self.record(nik: .text("3275081703260001"), birthDate: .text("17-03-26")),
            Self.record(nik: .text("3275081703110001"), birthDate: .text("17-03-2011")),
            Self.record(),
        ]
        func years(_ records: [RosterRecord]) -> TwoDigitYears {
            records.reduce(into: TwoDigitYears()) { $0.formUnion(RowValidator(month: december).validate($1).twoDigitYears) }
        }
        func outcome(_ validator: RowValidator, _ records: [RosterRecord] = records) -> [String] {
            records.map { record in
                let row = validator.validate(record)
                return "\(row.isQuarantined) \(row.birthDate.map(String.init(describing:)) ?? "-") \(row.nik?.birthDate.year ?? 0)"
            }
        }
        #expect(RowValidator(month: january).keepsSameRows(for: june, twoDigitYears: years(records)))
        #expect(outcome(RowValidator(month: january)) == outcome(RowValidator(month: june)))
        #expect(!RowValidator(month: december).keepsSameRows(for: january, twoDigitYears: years(records)))
        #expect(outcome(RowValidator(month: december)) != outcome(RowValidator(month: january)))
        #expect(!RowValidator(month: january, settings: ageError).keepsSameRows(for: june, twoDigitYears: years(records)))
        #expect(RowValidator(month: june, settings: ageError).keepsSameRows(for: june, twoDigitYears: years(records)))
        #expect(outcome(RowValidator(month: january, settings: ageError)) != outcome(RowValidator(month: june, settings: ageError)))
        // Without the row of 26, December's validation holds in January: the years read (11, 17,
        // 03, 20, 01 and the default row's) resolve alike in 2025 and 2026.
        let others = Array(records.dropFirst())
        #expect(years(others).contains(11) && !years(others).contains(26))
        #expect(RowValidator(month: december).keepsSameRows(for: january, twoDigitYears: years(others)))
        #expect(outcome(RowValidator(month: december), others) == outcome(RowValidator(month: january), others))
        // A century later every year resolves otherwise.
        #expect(!RowValidator(month: december).keepsSameRows(for: YearMonth("2125-12")!, twoDigitYears: years(others)))
        // The age warning itself is the month's: the worker is 14 in January, 15 in June.
        #expect(Self.codes(RowValidator(month: january).validate(records[1])).contains("AGE_OUT_OF_RANGE"))
        #expect(!Self.codes(RowValidator(month: june).validate(records[1])).contains("AGE_OUT_OF_RANGE"))
    }

    @Test("the two-digit years a row may ask the century rule: the NIK's, and every digit pair of a birth date written as text")
    func twoDigitYearsOfRows() {
        let validator = RowValidator(month: Self.november)
        func years(_ record: RosterRecord) -> [Int] {
            let set = validator.validate(record).twoDigitYears
            return (0..<100).filter { set.contains($0) }
        }
        #expect(years(Self.record(nik: .text("3275081708850001"), birthDate: .date(CivilDate(year: 1985, month: 8, day: 17)!))) == [85])
        // Whitespace is taken out first ("8 5" is read as 85), and a time of day counts too.
        #expect(years(Self.record(nik: .text("32750817088 50001"), birthDate: .text("17-08-8 5 10:30"))) == [8, 10, 17, 30, 51, 85])
        #expect(years(Self.record(nik: .empty, birthDate: .empty, birthPlaceDate: "BEKASI, 17 Agt 85")) == [17, 85])
        // A NIK that does not clean to 16 digits never reaches the rule; a number is not a date text.
        #expect(years(Self.record(nik: .text("32750817088500"), birthDate: .number(31_276))).isEmpty)
    }

    @Test("findings come in the order of the spec's tables")
    func order() {
        let row = Self.validator.validate(
            Self.record(
                nik: .text("3171015708850001"), birthDate: .text("bukan"), sex: "L", kelurahan: "X",
                kecamatan: "Y", phone: "1"))
        #expect(
            Self.codes(row) == [
                "NIK_OUTSIDE_REGION", "NIK_SEX_MISMATCH", "DOB_INVALID", "KECAMATAN_UNKNOWN", "KELURAHAN_UNKNOWN",
                "PHONE_INVALID",
            ])
    }

    /// A validator is a `Sendable` value; its district cache is shared by every copy. Threads that
    /// validate with one validator at once (as this suite's test cases do with `validator`) must get
    /// the answers one thread gets (before the cache had a lock, this crashed the test process).
    @Test("one validator shared by four threads at once: the same districts as on one thread")
    func sharedAcrossThreads() {
        let validator = RowValidator(month: Self.november)
        let places = [
            ("Jatibening", "Pondok Gede"), ("Jatiwaringin", "Pondokgede"), ("X", "Y"), ("Margahayu", "Bekasi Timur"),
            ("Jatibening", "Bekasi Timur"), (nil, "Pondok Gede"),
        ]
        let expected = places.map { place in
            Self.codes(RowValidator(month: Self.november).validate(Self.record(kelurahan: place.0, kecamatan: place.1)))
        }
        let mismatches = Mismatches()
        DispatchQueue.concurrentPerform(iterations: 4) { thread in
            for round in 0..<2_000 {
                // Texts new to the cache as well as repeated ones.
                let index = (round + thread) % places.count
                let fresh = "Kelurahan \(thread)-\(round)"
                _ = validator.validate(Self.record(kelurahan: fresh, kecamatan: places[index].1))
                if Self.codes(validator.validate(Self.record(kelurahan: places[index].0, kecamatan: places[index].1))) != expected[index] {
                    mismatches.add()
                }
            }
        }
        #expect(mismatches.count == 0)
    }

    @Test("RT/RW column split")
    func rtRw() {
        let row = Self.validator.validate(RosterRecord(nik: .text("3275081708850001"), name: "Budi", rtRw: "3 / 12"))
        #expect(row.rt == "003")
        #expect(row.rw == "012")
        let dash = Self.validator.validate(RosterRecord(nik: .text("3275081708850001"), name: "Budi", rtRw: "005-007"))
        #expect(dash.rt == "005")
        #expect(dash.rw == "007")
        let words = Self.validator.validate(RosterRecord(nik: .text("3275081708850001"), name: "Budi", rtRw: "RT 03 RW 05"))
        #expect(words.rt == "003")
        #expect(words.rw == "005")
        let odd = Self.validator.validate(RosterRecord(nik: .text("3275081708850001"), name: "Budi", rtRw: "tidak ada"))
        #expect(odd.rt == "tidak ada")
        #expect(odd.rw == nil)
        let columns = Self.validator.validate(
            RosterRecord(nik: .text("3275081708850001"), name: "Budi", rt: "1", rw: "2", rtRw: "9/9"))
        #expect(columns.rt == "001")
        #expect(columns.rw == "002")
    }

    @Test("identity conflicts between rows of the same NIK")
    func conflicts() {
        let base = Self.validator.validate(Self.record(name: "H. Budi Santoso"))
        let sameWithTitles = Self.validator.validate(Self.record(name: "BUDI SANTOSO, S.Pd."))
        let otherName = Self.validator.validate(Self.record(name: "Agus Salim"))
        let otherDate = Self.validator.validate(Self.record(birthDate: .text("18-08-1985")))
        let noDate = Self.validator.validate(Self.record(birthDate: .empty))
        let unreadableDate = Self.validator.validate(Self.record(birthDate: .text("??")))
        #expect(!base.conflicts(with: sameWithTitles))
        #expect(base.conflicts(with: otherName))
        #expect(otherName.conflicts(with: base))
        #expect(base.conflicts(with: otherDate))
        #expect(!base.conflicts(with: noDate))
        #expect(!base.conflicts(with: unreadableDate))
        let noName = Self.validator.validate(Self.record(name: nil))
        #expect(!base.conflicts(with: noName))
    }
}

/// Counts, from several threads, the answers that differed.
private final class Mismatches: Sendable {
    private let lock = Mutex(0)
    func add() { lock.withLock { $0 += 1 } }
    var count: Int { lock.withLock { $0 } }
}
