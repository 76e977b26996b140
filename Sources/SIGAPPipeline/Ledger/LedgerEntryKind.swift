/// A ledger line is the month's own (REGULAR) or corrects a closed month (ADJUSTMENT, SPEC §8.4).
public enum LedgerEntryKind: String, Sendable, Hashable {
    case regular = "REGULAR"
    case adjustment = "ADJUSTMENT"
}
