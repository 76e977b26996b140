/// The compact form of a validated roster row that later stages keep (deduplication, the ledger,
/// the enrolment list): the normalised values and which cells were empty, without the row as sent.
/// A month can hold a million of these.
public struct ValidatedPerson: Hashable, Sendable {
    /// 16 digits (only rows with a structurally valid NIK get this far).
    public var nik: String
    /// Upper-case, titles kept.
    public var name: String
    public var birthPlace: String?
    /// The stated birth date, when valid.
    public var birthDate: CivilDate?
    public var sex: Sex?
    public var address: String?
    public var kelurahan: DistrictValue?
    public var kecamatan: DistrictValue?
    /// `+628…` when valid, else the text as sent.
    public var phone: String?
    public var occupation: String?
    /// The fields whose cell was empty as sent, one bit per `RosterField` (survivorship fills only
    /// those).
    public var emptyFields: UInt16

    public init(
        nik: String, name: String, birthPlace: String?, birthDate: CivilDate?, sex: Sex?, address: String?,
        kelurahan: DistrictValue?, kecamatan: DistrictValue?, phone: String?, occupation: String?, emptyFields: UInt16
    ) {
        self.nik = nik
        self.name = name
        self.birthPlace = birthPlace
        self.birthDate = birthDate
        self.sex = sex
        self.address = address
        self.kelurahan = kelurahan
        self.kecamatan = kecamatan
        self.phone = phone
        self.occupation = occupation
        self.emptyFields = emptyFields
    }

    public func isEmpty(_ field: RosterField) -> Bool {
        emptyFields & Self.bit(field) != 0
    }

    /// The bit of `field` in `emptyFields`.
    public static func bit(_ field: RosterField) -> UInt16 {
        1 << UInt16(field.ordinal)
    }

    /// For comparisons: titles removed, letters and spaces only (computed when needed).
    public var comparisonName: String { PersonName.comparison(name) }

    /// True when two rows of the same NIK describe different people (IDENTITY_CONFLICT, SPEC §5.2
    /// and §14): comparison names with a Jaro–Winkler similarity below 0.85 (when both have a name),
    /// or different valid stated birth dates. The NIK itself is not compared.
    public func conflicts(with other: ValidatedPerson) -> Bool {
        if name != other.name {
            let mine = comparisonName, theirs = other.comparisonName
            if !mine.isEmpty, !theirs.isEmpty, !PersonName.sameName(mine, theirs) { return true }
        }
        if let birthDate, let otherDate = other.birthDate, birthDate != otherDate {
            return true
        }
        return false
    }
}

extension ValidatedRow {
    /// The compact form; nil when the row has no valid NIK (it is quarantined then).
    public var person: ValidatedPerson? {
        guard let nik else { return nil }
        var empty: UInt16 = 0
        for field in RosterField.allCases where isEmpty(field) { empty |= ValidatedPerson.bit(field) }
        return ValidatedPerson(
            nik: nik.digits, name: displayName ?? "", birthPlace: birthPlace, birthDate: birthDate, sex: sex, address: address,
            kelurahan: kelurahan, kecamatan: kecamatan, phone: phoneE164 ?? original.phone, occupation: occupation,
            emptyFields: empty)
    }
}
