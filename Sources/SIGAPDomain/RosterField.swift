/// The fields of a roster row (SPEC §4), named as the pipeline definition names them.
public enum RosterField: String, Hashable, Sendable, CaseIterable {
    case nik
    case name
    case birthPlace = "birth_place"
    case birthDate = "birth_date"
    case birthPlaceDate = "birth_place_date"
    case sex
    case address
    case rt
    case rw
    case rtRw = "rt_rw"
    case kelurahan
    case kecamatan
    case phone
    case occupation

    /// The position in `allCases` (for tables indexed by field and bit masks).
    public var ordinal: Int {
        switch self {
        case .nik: 0
        case .name: 1
        case .birthPlace: 2
        case .birthDate: 3
        case .birthPlaceDate: 4
        case .sex: 5
        case .address: 6
        case .rt: 7
        case .rw: 8
        case .rtRw: 9
        case .kelurahan: 10
        case .kecamatan: 11
        case .phone: 12
        case .occupation: 13
        }
    }
}
