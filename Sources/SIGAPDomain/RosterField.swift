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
}
