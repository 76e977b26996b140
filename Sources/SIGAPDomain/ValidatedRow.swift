/// One roster row after validation and normalisation, with its findings.
public struct ValidatedRow: Hashable, Sendable {
    /// The row as found.
    public let original: RosterRecord
    /// How the NIK cell read (its error, or the NIK).
    public let nikReading: NIKReading
    /// The NIK when structurally valid.
    public var nik: NIK? { nikReading.nik }
    /// Upper-case, titles kept (`H. AHMAD FAUZI, S.PD.`); nil when missing.
    public let displayName: String?
    /// Without titles, letters and spaces only (`AHMAD FAUZI`); empty when missing.
    public var comparisonName: String { displayName.map(PersonName.comparison) ?? "" }
    /// Upper-case, from the birth place column or the `TEMPAT, TANGGAL LAHIR` column.
    public let birthPlace: String?
    /// The stated birth date when it is valid (nil when absent or unreadable).
    public let birthDate: CivilDate?
    /// The stated sex when readable.
    public let sex: Sex?
    public let address: String?
    /// RT and RW, three digits when numeric (`003`), from their columns or the `RT/RW` column.
    public let rt: String?
    public let rw: String?
    public let kecamatan: DistrictValue?
    public let kelurahan: DistrictValue?
    /// `+628…`, when the phone cell holds a valid mobile number.
    public let phoneE164: String?
    public let occupation: String?
    /// The findings of this row, in the order of `FindingCode.allCases` (the spec's tables).
    public let findings: [Finding]

    /// The stated birth date when valid, else the NIK's (what age is computed from).
    public var effectiveBirthDate: CivilDate? { birthDate ?? nik?.birthDate }
    /// The stated sex when readable, else the NIK's.
    public var effectiveSex: Sex? { sex ?? nik?.sex }

    /// True when a finding is an error: the worker is not enrolled from this row.
    public var isQuarantined: Bool { findings.contains { $0.severity == .error } }

    /// True when the field's cell was empty, blank or a placeholder without a letter or digit (`-`):
    /// what survivorship may fill (an unreadable value is not empty). The birth date counts as empty only when both its column and the date
    /// part of `TEMPAT, TANGGAL LAHIR` are.
    public func isEmpty(_ field: RosterField) -> Bool {
        func blank(_ text: String?) -> Bool { !(text?.hasContent ?? false) }
        switch field {
        case .nik: return nikReading.error == .nikMissing
        case .name: return blank(original.name)
        case .birthPlace: return birthPlace == nil
        case .birthDate: return !original.birthDate.hasValue && birthPlaceDateSplit?.dateText == nil
        case .birthPlaceDate: return blank(original.birthPlaceDate)
        case .sex: return blank(original.sex)
        case .address: return blank(original.address)
        case .rt: return rt == nil
        case .rw: return rw == nil
        case .rtRw: return blank(original.rtRw)
        case .kelurahan: return blank(original.kelurahan)
        case .kecamatan: return blank(original.kecamatan)
        case .phone: return blank(original.phone)
        case .occupation: return blank(original.occupation)
        }
    }

    let birthPlaceDateSplit: BirthPlaceDate?
}
