/// One worker on the enrolment list to send to BPJS (`submission.csv`, SPEC §8.5): PENDING and
/// never accepted for any period up to the month.
public struct SubmissionRow: Sendable, Hashable {
    public var nik: String
    public var name: String
    public var birthPlace: String
    /// `YYYY-MM-DD`, or empty.
    public var birthDate: String
    /// `L` or `P`, or empty.
    public var sex: String
    public var address: String
    public var kelurahan: String
    public var kecamatan: String
    public var phone: String
    public var occupation: String
    public var source: String

    public init(
        nik: String, name: String, birthPlace: String, birthDate: String, sex: String, address: String, kelurahan: String,
        kecamatan: String, phone: String, occupation: String, source: String
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
        self.source = source
    }

    public static let header = [
        "nik", "name", "birth_place", "birth_date", "sex", "address", "kelurahan", "kecamatan", "phone", "occupation", "source",
    ]

    public var fields: [String] {
        [nik, name, birthPlace, birthDate, sex, address, kelurahan, kecamatan, phone, occupation, source]
    }

    public static func csv(_ rows: [SubmissionRow]) -> String {
        var csv = CSVWriter(header: header)
        for row in rows { csv.append(row.fields) }
        return csv.text
    }
}
