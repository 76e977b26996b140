/// The raw values of one roster row, by field, as the reader found them. Text is as sent
/// (untrimmed); nil is an empty cell or a column the sheet does not have.
public struct RosterRecord: Hashable, Sendable {
    public var nik: NIKInput
    public var name: String?
    public var birthPlace: String?
    public var birthDate: DateInput
    /// The `TEMPAT, TANGGAL LAHIR` column, unsplit (`BEKASI, 17-08-1985`).
    public var birthPlaceDate: String?
    public var sex: String?
    public var address: String?
    public var rt: String?
    public var rw: String?
    /// The `RT/RW` column, unsplit (`003/012`).
    public var rtRw: String?
    public var kelurahan: String?
    public var kecamatan: String?
    public var phone: String?
    public var occupation: String?

    public init(
        nik: NIKInput = .empty, name: String? = nil, birthPlace: String? = nil, birthDate: DateInput = .empty,
        birthPlaceDate: String? = nil, sex: String? = nil, address: String? = nil, rt: String? = nil,
        rw: String? = nil, rtRw: String? = nil, kelurahan: String? = nil, kecamatan: String? = nil,
        phone: String? = nil, occupation: String? = nil
    ) {
        self.nik = nik
        self.name = name
        self.birthPlace = birthPlace
        self.birthDate = birthDate
        self.birthPlaceDate = birthPlaceDate
        self.sex = sex
        self.address = address
        self.rt = rt
        self.rw = rw
        self.rtRw = rtRw
        self.kelurahan = kelurahan
        self.kecamatan = kecamatan
        self.phone = phone
        self.occupation = occupation
    }
}
