/// Flags on a ledger line (SPEC §8.3), written `;`-separated and sorted.
public enum LedgerFlag: String, Sendable, Hashable, CaseIterable, Comparable {
    case amountMismatch = "AMOUNT_MISMATCH"
    case identityConflict = "IDENTITY_CONFLICT"
    case kpjChanged = "KPJ_CHANGED"
    case nameMismatch = "NAME_MISMATCH"

    public static func < (lhs: LedgerFlag, rhs: LedgerFlag) -> Bool { lhs.rawValue < rhs.rawValue }
}
