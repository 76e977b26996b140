/// Every finding code of SPEC §5 and §14, in the order of the spec's tables.
public enum FindingCode: String, Hashable, Sendable, CaseIterable {
    // §5.1 NIK
    case nikMissing = "NIK_MISSING"
    case nikPrecisionLost = "NIK_PRECISION_LOST"
    case nikStoredAsNumber = "NIK_STORED_AS_NUMBER"
    case nikNotDigits = "NIK_NOT_DIGITS"
    case nikLength = "NIK_LENGTH"
    case nikRegionInvalid = "NIK_REGION_INVALID"
    case nikDateInvalid = "NIK_DATE_INVALID"
    case nikSerialInvalid = "NIK_SERIAL_INVALID"
    case nikOutsideRegion = "NIK_OUTSIDE_REGION"
    case nikDOBMismatch = "NIK_DOB_MISMATCH"
    case nikSexMismatch = "NIK_SEX_MISMATCH"
    // §5.2 other fields
    case nameMissing = "NAME_MISSING"
    case dobInvalid = "DOB_INVALID"
    case ageOutOfRange = "AGE_OUT_OF_RANGE"
    case sexInvalid = "SEX_INVALID"
    case kecamatanUnknown = "KECAMATAN_UNKNOWN"
    case kelurahanUnknown = "KELURAHAN_UNKNOWN"
    case wilayahMismatch = "WILAYAH_MISMATCH"
    case phoneInvalid = "PHONE_INVALID"
    case duplicateRow = "DUPLICATE_ROW"
    case identityConflict = "IDENTITY_CONFLICT"
    // §3 and §14: files and acknowledgement rows
    case fileUnreadable = "FILE_UNREADABLE"
    case fileIgnored = "FILE_IGNORED"
    case ackPeriodInvalid = "ACK_PERIOD_INVALID"
    case ackStatusInvalid = "ACK_STATUS_INVALID"
    case ackKPJMissing = "ACK_KPJ_MISSING"

    /// The severity the spec gives the code (a pipeline may override it: `SeverityPolicy`).
    public var defaultSeverity: Severity {
        switch self {
        case .nikMissing, .nikPrecisionLost, .nikNotDigits, .nikLength, .nikRegionInvalid, .nikDateInvalid,
            .nikSerialInvalid, .nameMissing, .fileUnreadable, .ackPeriodInvalid, .ackStatusInvalid, .ackKPJMissing:
            return .error
        case .nikStoredAsNumber, .nikOutsideRegion, .nikDOBMismatch, .nikSexMismatch, .dobInvalid, .ageOutOfRange,
            .sexInvalid, .kecamatanUnknown, .kelurahanUnknown, .wilayahMismatch, .phoneInvalid, .duplicateRow,
            .identityConflict, .fileIgnored:
            return .warning
        }
    }

    /// The four NIK structure errors, which no pipeline can downgrade (SPEC §5).
    public var isAlwaysError: Bool {
        switch self {
        case .nikMissing, .nikLength, .nikNotDigits, .nikPrecisionLost: true
        default: false
        }
    }

    /// The NIK errors of SPEC §5.1, of which a row gets at most one (the first in this order).
    public static let nikErrors: [FindingCode] = [
        .nikMissing, .nikPrecisionLost, .nikNotDigits, .nikLength, .nikRegionInvalid, .nikDateInvalid,
        .nikSerialInvalid,
    ]

    /// True for codes whose value is a NIK (masked whenever a message quotes it).
    var valueIsNIK: Bool {
        switch self {
        case .nikMissing, .nikPrecisionLost, .nikStoredAsNumber, .nikNotDigits, .nikLength, .nikRegionInvalid,
            .nikDateInvalid, .nikSerialInvalid, .nikOutsideRegion, .duplicateRow, .identityConflict:
            true
        default:
            false
        }
    }
}
