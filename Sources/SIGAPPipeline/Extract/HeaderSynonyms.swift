import SIGAPDomain

/// Which header labels name which column (SPEC §4), normalised by `HeaderText`. A pipeline may add
/// more per source.
public struct HeaderSynonyms: Sendable {
    private var byLabel: [String: RosterField]

    public static let standard = HeaderSynonyms([
        .nik: ["NIK", "NO NIK", "NOMOR NIK", "NIK KTP", "NO KTP", "NOMOR KTP", "NOMOR INDUK KEPENDUDUKAN"],
        .name: ["NAMA", "NAMA LENGKAP", "NAMA PEKERJA", "NAMA PESERTA", "NAMA SESUAI KTP"],
        .birthPlace: ["TEMPAT LAHIR"],
        .birthDate: ["TANGGAL LAHIR", "TGL LAHIR"],
        .birthPlaceDate: ["TEMPAT TANGGAL LAHIR", "TEMPAT TGL LAHIR", "TTL"],
        .sex: ["JENIS KELAMIN", "JK", "L/P", "GENDER"],
        .address: ["ALAMAT", "ALAMAT LENGKAP", "ALAMAT KTP", "ALAMAT DOMISILI"],
        .rt: ["RT"],
        .rw: ["RW"],
        .rtRw: ["RT/RW"],
        .kelurahan: ["KELURAHAN", "KEL", "DESA/KELURAHAN", "KELURAHAN/DESA"],
        .kecamatan: ["KECAMATAN", "KEC"],
        .phone: ["NO HP", "NOMOR HP", "NO TELP", "NO TELEPON", "NO HANDPHONE", "NO WA", "HP"],
        .occupation: ["PEKERJAAN", "JENIS PEKERJAAN", "PROFESI", "JENIS USAHA"],
    ])

    public init(_ synonyms: [RosterField: [String]]) {
        byLabel = [:]
        for (column, labels) in synonyms.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            for label in labels { byLabel[HeaderText.normalized(label)] = column }
        }
    }

    /// These synonyms plus `extra` (a source's own labels win over the standard ones).
    public func adding(_ extra: [RosterField: [String]]) -> HeaderSynonyms {
        var copy = self
        for (column, labels) in extra {
            for label in labels { copy.byLabel[HeaderText.normalized(label)] = column }
        }
        return copy
    }

    /// The column a whole cell names, if any.
    public func column(for label: String) -> RosterField? {
        byLabel[HeaderText.normalized(label)]
    }

    /// Every label and its field, one a line, sorted (what a staged extraction was made with).
    var description: String {
        byLabel.map { "\($0.key)\t\($0.value.rawValue)" }.sorted().joined(separator: "\n")
    }
}
