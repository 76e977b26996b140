import SIGAPDomain

/// The data rows of a synthetic roster, in order; the same seed gives the same rows.
///
/// Every NIK is a well-formed Kota Bekasi NIK (`3275`, the kecamatan of residence, the birth date
/// with 40 added to the day for women, a serial) and unique: as Dukcapil does, the serial counts
/// the earlier workers with the same kecamatan, birth date and sex, starting at 0001.
package struct RosterRows: Sequence, IteratorProtocol {
    /// Birth dates run from the day after a 61st birthday to an 18th birthday on 2025-11-01, so
    /// every worker is 18 to 60 years old in the month SIGAP started.
    package static let birthDates =
        CivilDate(year: 1964, month: 11, day: 2)!...CivilDate(year: 2007, month: 11, day: 1)!

    private static let firstBirthDay = birthDates.lowerBound.daysSinceEpoch
    private static let birthDayCount = birthDates.upperBound.daysSinceEpoch - firstBirthDay + 1
    private static let highestSerial = 9999

    private let count: Int
    private var produced = 0
    private var random: SplitMix64
    /// Serials handed out so far, per (kecamatan, birth day, sex).
    private var serials: [UInt16]

    package init(count: Int, seed: UInt64) {
        let keys = BekasiDistricts.kecamatan.count * Self.birthDayCount * 2
        precondition(count >= 0 && count <= keys * Self.highestSerial, "row count out of range")
        self.count = count
        random = SplitMix64(seed: seed)
        serials = Array(repeating: 0, count: keys)
    }

    package mutating func next() -> RosterRow? {
        guard produced < count else { return nil }
        produced += 1

        let occupation = random.pick(RosterVocabulary.occupations)
        let sex: RosterRow.Sex = random.percent(occupation.womenPercent) ? .female : .male
        var kecamatanIndex: Int
        var birthDay: Int
        var key: Int
        repeat {
            kecamatanIndex = random.below(BekasiDistricts.kecamatan.count)
            birthDay = random.below(Self.birthDayCount)
            key = (kecamatanIndex * Self.birthDayCount + birthDay) * 2 + (sex == .female ? 1 : 0)
        } while Int(serials[key]) >= Self.highestSerial
        serials[key] += 1

        let kecamatan = BekasiDistricts.kecamatan[kecamatanIndex]
        let birthDate = CivilDate(daysSinceEpoch: Self.firstBirthDay + birthDay)
        let nikDay = birthDate.day + (sex == .female ? 40 : 0)
        let nik =
            "3275" + kecamatan.nikCode + padded(nikDay, 2) + padded(birthDate.month, 2)
            + padded(birthDate.year % 100, 2) + padded(Int(serials[key]), 4)

        return RosterRow(
            number: produced,
            nik: nik,
            name: makeName(sex: sex, occupation: occupation.name),
            birthPlace: random.percent(45)
                ? RosterVocabulary.localBirthPlace : random.pick(RosterVocabulary.otherBirthPlaces),
            birthDate: birthDate,
            sex: sex,
            address: "JL. \(random.pick(RosterVocabulary.streets)) NO. \(random.within(1...150))",
            rt: padded(random.within(1...15), 3),
            rw: padded(random.within(1...15), 3),
            kelurahan: random.pick(kecamatan.kelurahan).name.uppercased(),
            kecamatan: kecamatan.name.uppercased(),
            phone: random.pick(RosterVocabulary.phonePrefixes) + random.digits(random.within(7...9)),
            occupation: occupation.name,
            note: makeNote()
        )
    }

    /// An upper-case name (some in title case), sometimes with a pilgrim's title or a degree.
    private mutating func makeName(sex: RosterRow.Sex, occupation: String) -> String {
        let women = sex == .female
        var words = [random.pick(women ? RosterVocabulary.womenFirstNames : RosterVocabulary.menFirstNames)]
        let shape = random.below(100)
        if shape >= 15 {
            if shape >= 80 {
                words.append(random.pick(RosterVocabulary.middleNames))
            }
            words.append(random.pick(women ? RosterVocabulary.womenLastNames : RosterVocabulary.menLastNames))
        }
        if random.percent(women ? 3 : 4) {
            words.insert(women ? "HJ." : "H.", at: 0)
        }
        var name = words.joined(separator: " ")
        if random.percent(30) {
            name = titleCased(name)
        }
        let teacher = occupation == RosterVocabulary.teacherOccupation
        if random.percent(teacher ? 40 : 2) {
            name += teacher ? RosterVocabulary.teacherDegree : random.pick(RosterVocabulary.degrees)
        }
        return name
    }

    private mutating func makeNote() -> String {
        switch random.below(100) {
        case ..<50: "BARU"
        case ..<85: "LAMA"
        default: "PERPANJANGAN"
        }
    }
}

/// `value` in decimal with leading zeros to `width` digits.
private func padded(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
}

/// ASCII title case: a letter after a letter is lower-case, any other letter upper-case.
private func titleCased(_ text: String) -> String {
    var afterLetter = false
    let bytes = text.utf8.map { byte -> UInt8 in
        let lower = byte | 0x20
        guard lower >= UInt8(ascii: "a"), lower <= UInt8(ascii: "z") else {
            afterLetter = false
            return byte
        }
        defer { afterLetter = true }
        return afterLetter ? lower : lower & ~0x20
    }
    return String(decoding: bytes, as: UTF8.self)
}
