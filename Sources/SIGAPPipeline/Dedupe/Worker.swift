import SIGAPDomain

/// One person enrolled in a month after deduplication by NIK (SPEC §8.1): the survivor row of the
/// owner source, its empty fields filled from the other rows.
public struct Worker: Sendable {
    public var nik: String
    /// The declared source with the highest priority among those listing the NIK.
    public var owner: String
    /// Every source listing the NIK, in pipeline order.
    public var sources: [String]
    /// Upper-case, titles kept.
    public var name: String
    /// For comparisons: titles removed, letters and spaces only (computed when needed).
    public var comparisonName: String { PersonName.comparison(name) }
    public var birthPlace: String?
    /// The stated birth date when valid.
    public var birthDate: CivilDate?
    public var sex: Sex?
    public var address: String?
    public var kelurahan: DistrictValue?
    public var kecamatan: DistrictValue?
    /// `+628…` when valid, else the text as sent.
    public var phone: String?
    public var occupation: String?
    /// Two rows of this NIK disagree on name or birth date.
    public var identityConflict: Bool
    /// Where the survivor row is (input order of the owner's first row).
    public var file: String
    public var row: Int
}
