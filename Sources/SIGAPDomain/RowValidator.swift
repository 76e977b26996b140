/// Validates and normalises one roster row (SPEC §5, §6, §14). Cross-row rules (DUPLICATE_ROW,
/// IDENTITY_CONFLICT) are the caller's; `ValidatedRow.conflicts(with:)` decides the latter.
public struct RowValidator: Sendable {
    /// The month being processed: the century rule and ages depend on it.
    public let month: YearMonth
    public let settings: ValidationSettings
    private let districtCache = DistrictCache()

    public init(month: YearMonth, settings: ValidationSettings = .standard) {
        self.month = month
        self.settings = settings
    }

    /// Whether validating for `other` month keeps and quarantines the same rows, with the same
    /// values, as validating for this one (the findings may differ by AGE_OUT_OF_RANGE warnings
    /// only), for rows whose `ValidatedRow.twoDigitYears` are all in `twoDigitYears`: a roster
    /// carried forward need not be validated again. A row depends on the month only through the
    /// century rule (`YearMonth.resolvedYear`: the calendar year, for the two-digit years it is
    /// asked for) and its age, which decides the row's fate only when a pipeline raises
    /// AGE_OUT_OF_RANGE to an error. A rule that comes to read the month must be counted here.
    public func keepsSameRows(for other: YearMonth, twoDigitYears: TwoDigitYears) -> Bool {
        other == month
            || (settings.severityPolicy.severity(of: .ageOutOfRange) != .error
                && twoDigitYears.resolveAlike(in: month, and: other))
    }

    public func validate(_ record: RosterRecord) -> ValidatedRow {
        var collector = FindingCollector(policy: settings.severityPolicy)

        // NIK: at most one error; its own warnings only when it is kept.
        let nikReading = NIK.read(record.nik, month: month)
        if let error = nikReading.error {
            collector.add(error, .nik, record.nik.originalText)
        }
        for warning in nikReading.warnings(region: settings.region) {
            collector.add(warning, .nik, record.nik.originalText)
        }
        let nik = nikReading.nik

        // Name.
        let displayName = record.name.flatMap(PersonName.display).flatMap { $0.contains(where: \.isLetterFast) ? $0 : nil }
        if displayName == nil {
            collector.add(.nameMissing, .name, record.name)
        }

        // Birth place and date: their own columns first, else `TEMPAT, TANGGAL LAHIR`.
        let split = record.birthPlaceDate.flatMap { text in
            text.hasContent ? BirthPlaceDate(text, month: month) : nil
        }
        let birthPlace = (nonBlank(record.birthPlace) ?? split?.place).map { $0.collapsingWhitespace().uppercased() }
        var birthDate: CivilDate?
        var birthDateField = RosterField.birthDate
        // The date as found, for findings only (a date cell would otherwise be printed every row).
        var birthDateText: String? { birthDateField == .birthDate ? record.birthDate.originalText : record.birthPlaceDate }
        if case .date(let date) = record.birthDate {
            birthDate = date
        } else if let text = record.birthDate.originalText {
            switch record.birthDate.read(month: month) {
            case .valid(let date): birthDate = date
            case .unreadable: collector.add(.dobInvalid, .birthDate, text)
            case .absent: break
            }
        } else if let split, let dateText = split.dateText {
            birthDateField = .birthPlaceDate
            if let date = CivilDate(parsing: dateText, month: month) {
                birthDate = date
            } else {
                collector.add(.dobInvalid, .birthPlaceDate, record.birthPlaceDate)
            }
        }
        if let nik, let birthDate, !NIK.sameEncodedDate(nik.birthDate, birthDate) {
            collector.add(.nikDOBMismatch, birthDateField, birthDateText)
        }

        // Age on the first day of the month, from the stated date or else the NIK's.
        if let date = birthDate ?? nik?.birthDate {
            let age = date.completedYears(on: month.firstDay)
            if age < settings.ageMin || age > settings.ageMax {
                if birthDate != nil {
                    collector.add(.ageOutOfRange, birthDateField, birthDateText)
                } else {
                    collector.add(.ageOutOfRange, .nik, date.description)
                }
            }
        }

        // Sex.
        var sex: Sex?
        if let text = nonBlank(record.sex) {
            sex = Sex(parsing: text)
            if sex == nil {
                collector.add(.sexInvalid, .sex, record.sex)
            } else if let nik, nik.sex != sex {
                collector.add(.nikSexMismatch, .sex, record.sex)
            }
        }

        // Kecamatan and kelurahan.
        let districts = districtCache.resolve(kecamatan: nonBlank(record.kecamatan), kelurahan: nonBlank(record.kelurahan))
        let kecamatan = districts.kecamatan
        let kelurahan = districts.kelurahan
        if districts.kecamatanUnknown { collector.add(.kecamatanUnknown, .kecamatan, record.kecamatan) }
        if districts.kelurahanUnknown { collector.add(.kelurahanUnknown, .kelurahan, record.kelurahan) }
        if districts.mismatch { collector.add(.wilayahMismatch, .kelurahan, record.kelurahan) }

        // Phone.
        var phoneE164: String?
        if let text = nonBlank(record.phone) {
            phoneE164 = PhoneNumber(parsing: text)?.e164
            if phoneE164 == nil {
                collector.add(.phoneInvalid, .phone, record.phone)
            }
        }

        // RT and RW.
        let rtRwParts = nonBlank(record.rtRw).map(RowValidator.splitRtRw) ?? (nil, nil)
        let rt = nonBlank(record.rt).map(RowValidator.neighbourhoodNumber) ?? rtRwParts.0
        let rw = nonBlank(record.rw).map(RowValidator.neighbourhoodNumber) ?? rtRwParts.1

        return ValidatedRow(
            original: record,
            nikReading: nikReading,
            displayName: displayName,
            birthPlace: birthPlace,
            birthDate: birthDate,
            sex: sex,
            address: nonBlank(record.address)?.collapsingWhitespace(),
            rt: rt,
            rw: rw,
            kecamatan: kecamatan,
            kelurahan: kelurahan,
            phoneE164: phoneE164,
            occupation: nonBlank(record.occupation)?.collapsingWhitespace(),
            findings: collector.sorted(),
            birthPlaceDateSplit: split
        )
    }

    /// The trimmed text, or nil for an empty cell or a placeholder without a letter or digit (`-`).
    private func nonBlank(_ text: String?) -> String? {
        guard let text, text.hasContent else { return nil }
        return text.trimmingWhitespace()
    }

    /// `003/012`, `3 / 12`, `003-012`, `RT 03 RW 12` → (`003`, `012`): the two numbers of the
    /// cell; any other text is kept whole as the RT.
    static func splitRtRw(_ text: String) -> (String?, String?) {
        let numbers = text.split(whereSeparator: { !Digits.isDigit($0) })
        guard numbers.count == 2 else { return (neighbourhoodNumber(text), nil) }
        return (neighbourhoodNumber(String(numbers[0])), neighbourhoodNumber(String(numbers[1])))
    }

    /// An RT or RW number three digits wide (`3` → `003`); other text trimmed, as sent.
    static func neighbourhoodNumber(_ text: String) -> String {
        // The usual cell: one to three ASCII digits.
        let utf8 = text.utf8
        if (1...3).contains(utf8.count), utf8.allSatisfy({ (0x30...0x39).contains($0) }) {
            return utf8.count == 3 ? text : String(repeating: "0", count: 3 - utf8.count) + text
        }
        let trimmed = text.trimmingWhitespace()
        if let value = Digits.value(trimmed) { return Digits.padded(value, width: 3) }
        return trimmed.collapsingWhitespace()
    }
}

/// Findings of one row with the severities in force.
private struct FindingCollector {
    let policy: SeverityPolicy
    var findings: [Finding] = []

    mutating func add(_ code: FindingCode, _ field: RosterField?, _ value: String?) {
        findings.append(Finding(code: code, severity: policy.severity(of: code), field: field, value: value))
    }

    /// The findings in the order of `FindingCode.allCases`, then in the order they were added.
    func sorted() -> [Finding] {
        findings.enumerated().sorted {
            (Self.order[$0.element.code]!, $0.offset) < (Self.order[$1.element.code]!, $1.offset)
        }.map(\.element)
    }

    private static let order = Dictionary(uniqueKeysWithValues: FindingCode.allCases.enumerated().map { ($1, $0) })
}
