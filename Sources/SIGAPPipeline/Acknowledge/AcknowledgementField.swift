/// The columns of a BPJS acknowledgement file and their header synonyms (SPEC §8.2).
public enum AcknowledgementField: String, Sendable, Hashable, CaseIterable {
    case period
    case nik
    case name
    case kpj
    case status
    case reason
    case premium

    /// The header labels of SPEC §8.2's table.
    public var synonyms: [String] {
        switch self {
        case .period: ["PERIODE", "BULAN", "PERIODE IURAN"]
        case .nik: ["NIK", "NO NIK"]
        case .name: ["NAMA", "NAMA PESERTA"]
        case .kpj: ["KPJ", "NO KPJ", "NOMOR KPJ"]
        case .status: ["STATUS", "STATUS KEPESERTAAN"]
        case .reason: ["KETERANGAN", "ALASAN", "KODE ALASAN"]
        case .premium: ["IURAN", "NOMINAL IURAN"]
        }
    }

    /// The field a whole header cell names, matched like roster headers (`HeaderText`: case,
    /// punctuation, line breaks and repeated spaces ignored; the synonym must be the whole cell).
    public static func named(_ label: String) -> AcknowledgementField? {
        byLabel[HeaderText.normalized(label)]
    }

    private static let byLabel: [String: AcknowledgementField] = {
        var table: [String: AcknowledgementField] = [:]
        for field in allCases {
            for label in field.synonyms { table[HeaderText.normalized(label)] = field }
        }
        return table
    }()
}
